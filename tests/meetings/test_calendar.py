"""Calendar files: one meeting, and a board's meetings. Both need sign-in (a
session) and carry no agenda items."""

import datetime

from django_scopes import scope
from icalendar import Calendar

from meetings import services

from .conftest import url


def _calendar(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment;")
    return Calendar.from_ical(response.content)


def test_one_meeting_as_an_event(meeting, tenant_a, member_client):
    calendar = _calendar(member_client.get(url("meeting-ics", tenant_a, meeting_uuid=meeting.uuid)))
    [event] = calendar.walk("VEVENT")
    assert str(event["summary"]) == "Northshire Safeguarding Partnership Executive Board"
    start = event.decoded("dtstart")
    assert (start.date(), start.hour, str(start.tzinfo)) == (
        datetime.date(2025, 12, 17),
        13,
        "Europe/London",
    )
    assert event.decoded("dtend").hour == 14
    assert str(event["location"]) == "Mordiford Room, Plough Lane, Hereford"
    assert str(event["url"]).endswith(meeting.get_absolute_url())
    assert str(event["uid"]) == f"meeting-{meeting.uuid}@safeguarding-partnership-manager"
    assert (
        "Child C"
        not in member_client.get(
            url("meeting-ics", tenant_a, meeting_uuid=meeting.uuid)
        ).content.decode()
    )


def test_the_board_feed_has_its_meetings_and_no_agenda(meeting, tenant_a, member_client):
    with scope(partnership=tenant_a.partnership):
        services.meeting_create(
            board=tenant_a.board,
            acting_user=tenant_a.users["business_manager"],
            date=datetime.date(2026, 1, 28),
            online_link="https://meet.example.org/exec",
        )
    response = member_client.get(url("board-calendar", tenant_a, board_uuid=tenant_a.board.uuid))
    events = _calendar(response).walk("VEVENT")
    assert len(events) == 2
    online = next(e for e in events if e.decoded("dtstart") == datetime.date(2026, 1, 28))
    assert str(online["location"]) == "Online"
    assert "Join online: https://meet.example.org/exec" in str(online["description"])
    assert "Child C" not in response.content.decode()
    assert "Any other business" not in response.content.decode()


def test_a_member_gets_no_feed_for_a_board_they_do_not_sit_on(tenant_a, member_client):
    response = member_client.get(url("board-calendar", tenant_a, board_uuid=tenant_a.subgroup.uuid))
    assert response.status_code == 404


def test_a_calendar_app_without_a_session_is_sent_to_sign_in(meeting, tenant_a, client):
    response = client.get(url("board-calendar", tenant_a, board_uuid=tenant_a.board.uuid))
    assert response.status_code == 302
