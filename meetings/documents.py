"""The meeting's printed documents: agenda, minutes (full, or public without
confidential items) and the meeting pack. Each builds its context from the
selectors and renders a print template with documents.render."""

from documents.render import render_pdf

from . import selectors
from .papers import pack


def _marking(items):
    return "OFFICIAL-SENSITIVE" if any(item.is_confidential for item in items) else "OFFICIAL"


def minutes_pdf(meeting, *, include_confidential):
    context = selectors.minutes_context(meeting, include_confidential=include_confidential)
    context.update(
        partnership=meeting.partnership,
        marking=_marking(context["items"]),
        draft=not meeting.minutes_frozen,
        public=not include_confidential,
    )
    return render_pdf("meetings/pdf/minutes.html", context)


def agenda_context(meeting, *, include_confidential):
    items = selectors.with_meeting(
        selectors.agenda(meeting, include_confidential=include_confidential), meeting
    )
    return {
        "partnership": meeting.partnership,
        "meeting": meeting,
        "items": items,
        "marking": _marking(items),
        "draft": not meeting.reached(meeting.Status.AGENDA_PUBLISHED),
        "public": not include_confidential,
    }


def agenda_pdf(meeting, *, include_confidential):
    return render_pdf(
        "meetings/pdf/agenda.html",
        agenda_context(meeting, include_confidential=include_confidential),
    )


def meeting_pack(meeting, *, include_confidential):
    """The agenda, then every PDF paper that is in the pack (on time, or late and
    accepted by the chair), in agenda order."""
    context = agenda_context(meeting, include_confidential=include_confidential)
    context["pack"] = True
    agenda = render_pdf("meetings/pdf/agenda.html", context)
    papers = [
        paper
        for item in context["items"]
        for paper in item.papers.all()
        if paper.file_type == "pdf" and paper.in_pack
    ]
    return pack(agenda, papers)
