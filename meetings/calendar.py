"""Calendar files (iCalendar, RFC 5545): one meeting, or a board's meetings as a
feed. Members download them when signed in, or subscribe a calendar app to the
feed through their personal token link (views/feed.py), which is checked
against their membership on every request. They carry the board, date, time,
venue and a link, never agenda items."""

import datetime

from django.utils import timezone
from icalendar import Calendar, Event

PRODUCT = "-//Safeguarding Partnership Manager//Meetings//EN"


def _line(text):
    """One line of user text (a board's name may hold a line break, which some
    properties cannot carry)."""
    return " ".join(str(text).split())


def _calendar(name):
    calendar = Calendar()
    calendar.add("prodid", PRODUCT)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", _line(name))
    calendar.add("x-wr-timezone", "Europe/London")
    return calendar


def _event(meeting, url):
    event = Event()
    event.add("uid", f"meeting-{meeting.uuid}@safeguarding-partnership-manager")
    event.add("summary", _line(meeting.title))
    event.add("dtstamp", timezone.now())
    event.add("last-modified", meeting.updated_at)
    if meeting.start_time:
        tz = timezone.get_current_timezone()
        start = datetime.datetime.combine(meeting.date, meeting.start_time, tzinfo=tz)
        end_time = meeting.end_time or (start + datetime.timedelta(hours=2)).time()
        event.add("dtstart", start)
        event.add("dtend", datetime.datetime.combine(meeting.date, end_time, tzinfo=tz))
    else:
        event.add("dtstart", meeting.date)
        event.add("dtend", meeting.date + datetime.timedelta(days=1))
    location = meeting.venue if meeting.venue_kind == meeting.VenueKind.IN_PERSON else ""
    if meeting.venue_kind == meeting.VenueKind.ONLINE:
        location = "Online"
    if location:
        event.add("location", _line(location))
    description = [meeting.get_kind_display(), f"Meeting page: {url}"]
    if meeting.online_link:
        description.insert(1, f"Join online: {meeting.online_link}")
    event.add("description", "\n".join(description))
    event.add("url", url)
    return event


def meeting_ics(meeting, url):
    calendar = _calendar(meeting.title)
    calendar.add_component(_event(meeting, url))
    return calendar.to_ical()


def board_ics(board, meetings, url_for):
    calendar = _calendar(f"{board.name} meetings")
    for meeting in meetings:
        calendar.add_component(_event(meeting, url_for(meeting)))
    return calendar.to_ical()
