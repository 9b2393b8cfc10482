"""Template helpers for meetings: `{% load meetings %}`."""

from django import template
from django.utils.safestring import mark_safe

from govuk.dates import clock

from .. import richtext

register = template.Library()

STATUS_TAGS = {
    "planned": "govuk-tag--grey",
    "agenda_published": "govuk-tag--blue",
    "held": "govuk-tag--purple",
    "minutes_draft": "govuk-tag--yellow",
    "minutes_submitted": "govuk-tag--orange",
    "minutes_approved": "govuk-tag--green",
    "published": "govuk-tag--green",
}


NUMBERING_WORDS = {
    "main": "Numbered",
    "lettered": "Lettered part",
    "sub": "Numbered minute",
    "none": "Not numbered",
}


@register.filter
def numbering_word(item):
    return NUMBERING_WORDS.get(item.numbering, "")


@register.filter
def clean_html(value):
    """Minutes rich text, through the allow-list cleaner every time it is shown:
    never user HTML that did not pass it."""
    return mark_safe(richtext.clean(value))  # noqa: S308 - cleaned by nh3 just now


@register.filter
def time_range(meeting):
    if not meeting.start_time:
        return ""
    if not meeting.end_time:
        return clock(meeting.start_time)
    return f"{clock(meeting.start_time)} to {clock(meeting.end_time)}"


@register.filter
def status_tag(meeting):
    return STATUS_TAGS.get(meeting.status, "govuk-tag--grey")


@register.filter
def owner_initials(action):
    """Owners as minutes print them: "EF/KW/PG", "All", or a group's short name."""
    labels = []
    for owner in action.owner_list:
        if owner.person_id:
            labels.append(owner.person.display_initials)
        elif owner.board_id:
            labels.append(owner.board.label)
        else:
            labels.append(owner.label)
    return "/".join(labels)


@register.filter
def attendee_organisation(row):
    from ..selectors import attendee_organisation

    return attendee_organisation(row)


@register.filter
def attendee_line(row):
    """'Ellen Foster (EF), Head of Safeguarding, NHS Herefordshire ICB'."""
    person = row.person
    initials = getattr(row, "initials_shown", None) or row.initials or person.display_initials
    parts = [f"{person.full_name} ({initials})"]
    if row.note:
        parts[0] += f" ({row.note})"
    if person.job_title:
        parts.append(person.job_title)
    organisation = attendee_organisation(row)
    if organisation:
        parts.append(organisation)
    line = ", ".join(parts)
    if row.on_behalf_of_id:
        line += f", on behalf of {row.on_behalf_of.full_name}"
    return line


@register.inclusion_tag("meetings/_board_meetings.html", takes_context=True)
def board_meetings(context, board):
    """The meetings part of a board's page: next meeting, recent and coming
    meetings, forward plan and the board's meeting settings."""
    from partnership.permissions import can_view_sensitive

    from .. import selectors

    request = context["request"]
    meetings = list(selectors.meetings_for(request.membership, board=board))
    upcoming, past = selectors.split_upcoming(meetings)
    settings = selectors.meeting_settings(board)
    return {
        "request": request,
        "partnership": context.get("partnership"),
        "board": board,
        "next_meeting": upcoming[0] if upcoming else None,
        "upcoming": upcoming[1:4],
        "past": past[:4],
        "settings": settings,
        "standing": selectors.numbered_standing_items(board, settings),
        "plan": selectors.forward_plan(
            board, include_confidential=can_view_sensitive(request.membership)
        )[:5],
        "can": request.can,
    }
