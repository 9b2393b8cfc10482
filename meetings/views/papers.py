"""Papers: upload to an agenda item, download (only for people who may see the
item), the chair accepting a late paper, and removal."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render

from audit.log import record
from documents.downloads import name_download
from partnership.permissions import refuse_unless
from partnership.views.common import posted

from .. import papers
from ..forms import LatePaperForm, PaperForm
from ..loaders import load_item, load_meeting, load_paper
from ..permissions import can_chair, can_manage_meetings, can_upload_paper
from .common import confirm


def paper_upload(request, meeting_uuid, item_uuid):
    meeting = load_meeting(request, meeting_uuid)
    item = load_item(request, meeting, item_uuid)
    refuse_unless(can_upload_paper(request.membership, item))
    form = PaperForm(posted(request), request.FILES if request.method == "POST" else None)
    if form.is_valid():
        try:
            paper = papers.paper_upload(
                item=item,
                title=form.cleaned_data["title"],
                uploaded_file=form.cleaned_data["file"],
                acting_user=request.user,
            )
        except ValidationError as error:
            form.add_error("file", error)
        else:
            late = (
                " It is late: the chair decides whether it goes in the pack."
                if paper.is_late
                else ""
            )
            messages.success(request, f"{paper.title} uploaded.{late}")
            return redirect(meeting)
    return render(
        request,
        "meetings/paper_form.html",
        {"form": form, "meeting": meeting, "item": item, "max_size": papers.max_size_label()},
    )


def paper_download(request, meeting_uuid, paper_uuid):
    meeting = load_meeting(request, meeting_uuid)
    paper = load_paper(request, meeting, paper_uuid)
    try:
        file = paper.file.open("rb")
    except FileNotFoundError:
        raise Http404("The paper's file is missing") from None
    response = name_download(
        FileResponse(file, content_type=paper.content_type),
        f"{paper.title[:80]}.{paper.file_type}",
        inline=paper.file_type == "pdf",
    )
    if paper.item.is_confidential:
        record("paper.downloaded", request=request, obj=paper, detail=f"Item {paper.item.number}")
    return response


def paper_accept(request, meeting_uuid, paper_uuid):
    meeting = load_meeting(request, meeting_uuid)
    refuse_unless(can_chair(request.membership, meeting.board))
    paper = load_paper(request, meeting, paper_uuid)
    form = LatePaperForm(posted(request))
    if form.is_valid():
        try:
            papers.paper_accept_late(
                paper=paper, reason=form.cleaned_data["reason"], acting_user=request.user
            )
        except ValidationError as error:
            form.add_error("reason", error)
        else:
            messages.success(request, f"Late paper {paper.title} accepted into the pack")
            return redirect(meeting)
    return render(
        request, "meetings/paper_accept.html", {"form": form, "meeting": meeting, "paper": paper}
    )


def paper_remove(request, meeting_uuid, paper_uuid):
    meeting = load_meeting(request, meeting_uuid)
    refuse_unless(can_manage_meetings(request.membership))
    paper = load_paper(request, meeting, paper_uuid)
    return confirm(
        request,
        "meetings/paper_remove.html",
        {"meeting": meeting, "paper": paper},
        act=lambda: papers.paper_remove(paper=paper, acting_user=request.user),
        done=f"{paper.title} removed",
    )
