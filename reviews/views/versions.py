"""Report versions: uploading, a version's page with its change requests, its
file (every download logged), answering change requests, and signing off."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render

from documents.downloads import name_download
from documents.uploads import CONTENT_TYPES
from partnership.forms import ConfirmPasswordForm
from partnership.permissions import refuse_unless

from .. import versions
from ..forms import AnswerForm, ChangeRequestForm, VersionUploadForm
from ..loaders import load_case, load_change_request, load_version
from ..permissions import can_edit_case, can_request_change, can_sign_version
from ..progress import review_for
from .common import form_page, posted


def version_upload(request, case_uuid):
    case = load_case(request, case_uuid)
    refuse_unless(can_edit_case(request.membership, case))
    review = review_for(case)
    if review.pk is None:
        raise Http404("No review has been commissioned")
    form = VersionUploadForm(posted(request), request.FILES if request.method == "POST" else None)
    if form.is_valid():
        try:
            version = versions.version_upload(
                review=review,
                kind=form.cleaned_data["kind"],
                uploaded_file=form.cleaned_data["file"],
                summary_of_changes=form.cleaned_data["summary_of_changes"],
                acting_user=request.user,
            )
        except ValidationError as error:
            form.add_error("file", error)
        else:
            messages.success(request, f"{version.label} uploaded")
            return redirect(version)
    return form_page(
        request,
        form,
        title="Upload a version",
        caption=case.reference,
        back=case.get_absolute_url(),
        submit="Upload",
        files=True,
    )


def _page(request, case, version, **extra):
    requests = list(version.change_requests.select_related("agency__organisation", "answered_by"))
    return render(
        request,
        "reviews/version_detail.html",
        {
            "case": case,
            "version": version,
            "may": request.can.on(version),
            "may_case": request.can.on(case),
            "change_requests": requests,
            "sign_offs": list(version.sign_offs.all()),
            **extra,
        },
    )


def version_detail(request, case_uuid, version_uuid):
    case = load_case(request, case_uuid)
    version = load_version(request, case, version_uuid)
    return _page(request, case, version)


def version_download(request, case_uuid, version_uuid):
    case = load_case(request, case_uuid)
    version = load_version(request, case, version_uuid)
    file = versions.version_open(version=version, request=request)
    response = FileResponse(
        file, content_type=CONTENT_TYPES.get(version.file_type, "application/octet-stream")
    )
    return name_download(response, f"{case.reference} {version.label}.{version.file_type}")


def version_sign(request, case_uuid, version_uuid):
    case = load_case(request, case_uuid)
    version = load_version(request, case, version_uuid)
    refuse_unless(can_sign_version(request.membership, version))
    form = ConfirmPasswordForm(posted(request), request=request)
    if request.method == "POST" and form.is_valid():
        try:
            versions.version_sign(
                version=version, membership=request.membership, acting_user=request.user
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"You signed off {version.label.lower()}")
            return redirect(case)
    return render(
        request,
        "reviews/sign.html",
        {"case": case, "version": version, "form": form, "back": version.get_absolute_url()},
    )


def change_request_add(request, case_uuid, version_uuid):
    case = load_case(request, case_uuid)
    version = load_version(request, case, version_uuid)
    refuse_unless(can_request_change(request.membership, case))
    form = ChangeRequestForm(posted(request), partnership=request.partnership)
    if form.is_valid():
        versions.change_request_add(
            version=version, data=form.cleaned_data, acting_user=request.user
        )
        messages.success(request, "Change request recorded")
        return redirect(version)
    return form_page(
        request,
        form,
        title="Request a change",
        caption=f"{case.reference}: {version.label.lower()}",
        back=version.get_absolute_url(),
    )


def change_request_answer(request, case_uuid, version_uuid, request_uuid):
    case = load_case(request, case_uuid)
    version = load_version(request, case, version_uuid)
    change = load_change_request(request, version, request_uuid)
    refuse_unless(can_edit_case(request.membership, case))
    form = AnswerForm(posted(request))
    if form.is_valid():
        try:
            versions.change_request_answer(
                change_request=change,
                response=form.cleaned_data["response"],
                reason=form.cleaned_data["response_reason"],
                acting_user=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Change request answered")
            return redirect(version)
    return form_page(
        request,
        form,
        title="Answer the change request",
        caption=f"{case.reference}: {version.label.lower()}",
        back=version.get_absolute_url(),
        intro=change.request,
    )
