"""The meeting's printed documents: agenda, minutes (full, or public without
confidential items) and the meeting pack. Each builds its context from the
selectors and renders a print template with documents.render.

Documents that grow with what users typed or uploaded (long minutes, a pack of
many papers) render in the background job of the documents app, never in the
request: `in_background` decides, and the renderers below do the work with the
permissions of the member who asked."""

import re

from django.db.models import Sum
from django.db.models.functions import Length
from django.utils.safestring import mark_safe

from documents.registry import renderer
from documents.render import render_pdf
from partnership.models import Membership
from partnership.permissions import can_view_sensitive

from . import richtext, selectors
from .models import ItemMinutes, Meeting, Paper
from .papers import pack
from .permissions import can_view_meeting

# Above these, a document goes to the background job: about ten pages of
# minutes (a second or so to print), or a pack of 10 MB of papers.
MINUTES_IN_REQUEST_CHARS = 20_000
PACK_IN_REQUEST_BYTES = 10 * 1024 * 1024


def minutes_size(meeting):
    """Characters of discussion and decisions recorded in the meeting's minutes."""
    sizes = (
        ItemMinutes.objects.for_partnership(meeting.partnership_id)
        .filter(item__meeting=meeting)
        .aggregate(discussion=Sum(Length("discussion")), decisions=Sum(Length("decisions")))
    )
    return (sizes["discussion"] or 0) + (sizes["decisions"] or 0)


def pack_size(meeting):
    return (
        Paper.objects.for_partnership(meeting.partnership_id)
        .filter(item__meeting=meeting, file_type="pdf")
        .aggregate(total=Sum("size"))["total"]
        or 0
    )


def minutes_in_background(meeting):
    return minutes_size(meeting) > MINUTES_IN_REQUEST_CHARS


def pack_in_background(meeting):
    return pack_size(meeting) > PACK_IN_REQUEST_BYTES


def _marking(items):
    return "OFFICIAL-SENSITIVE" if any(item.is_confidential for item in items) else "OFFICIAL"


_BLOCK_TAG = re.compile(r"<(/?)(p|ul|ol)>")


def split_last_block(cleaned):
    """Cleaned minutes HTML as (all but its last paragraph or list, that last
    one): top-level blocks are all the allow-list leaves at the top."""
    depth, last_start = 0, 0
    for match in _BLOCK_TAG.finditer(cleaned):
        if not match.group(1):
            if depth == 0:
                last_start = match.start()
            depth += 1
        else:
            depth = max(depth - 1, 0)
    return cleaned[:last_start], cleaned[last_start:]


def _place_closing(item):
    """Where the close of the minutes (the date of the next meeting, the
    approval) goes in the last item, so it is never alone on a page: WeasyPrint
    keeps a table row together (break-inside: avoid) but not blocks inside a
    cell, nor a row with the one before. So the close shares a small row with
    the last item's last words: its last action ("action"), or a row of its own
    with the last paragraph or decision ("split"), or the item's only row when
    it is short ("whole")."""
    minutes = getattr(item, "minutes", None)
    if len(item.raised_actions) > 1:
        item.closing = "action"
        return
    decisions = minutes.decision_lines if minutes else []
    cleaned = richtext.clean(minutes.discussion) if minutes else ""
    head, tail = split_last_block(cleaned)
    if decisions:
        item.closing = "split"
        item.head_html, item.tail_html = mark_safe(cleaned), ""  # noqa: S308 - cleaned above
        item.head_decisions, item.tail_decision = decisions[:-1], decisions[-1]
    elif head:
        item.closing = "split"
        item.head_html, item.tail_html = mark_safe(head), mark_safe(tail)  # noqa: S308
        item.head_decisions, item.tail_decision = [], ""
    else:
        item.closing = "whole"


def minutes_pdf(meeting, *, include_confidential):
    context = selectors.minutes_context(meeting, include_confidential=include_confidential)
    if context["items"]:
        _place_closing(context["items"][-1])
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


# Background renderers ------------------------------------------------------------


def _job_meeting(job):
    """The job's meeting and whether its confidential items may be included,
    decided again with the requester's permissions now (not when they asked)."""
    membership = (
        Membership.objects.filter(
            partnership=job.partnership, user=job.requested_by, is_active=True
        )
        .select_related("partnership")
        .first()
    )
    if membership is None:
        raise PermissionError("The member who asked for this document no longer has access")
    meeting = (
        Meeting.objects.for_partnership(job.partnership)
        .select_related("board", "partnership", "approval")
        .get(uuid=job.params["meeting"])
    )
    if not can_view_meeting(membership, meeting):
        raise PermissionError("The member who asked for this document may not see this meeting")
    full = can_view_sensitive(membership) and not job.params.get("public")
    return meeting, full


@renderer("meetings.minutes_pdf")
def minutes_pdf_job(job):
    meeting, full = _job_meeting(job)
    return (
        minutes_pdf(meeting, include_confidential=full),
        job.params["filename"],
        "application/pdf",
    )


@renderer("meetings.pack_pdf")
def meeting_pack_job(job):
    meeting, full = _job_meeting(job)
    return (
        meeting_pack(meeting, include_confidential=full),
        job.params["filename"],
        "application/pdf",
    )
