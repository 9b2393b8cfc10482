"""Report versions, change requests and sign-off.

Each upload (terms of reference or report) is a numbered version, content
checked and size limited by documents.uploads (as meeting papers are), stored
under the private MEDIA_ROOT with a random name, with its SHA-256. A version is
written once and never changed (the database refuses UPDATE and DELETE). A
sign-off names who, when, which version and the SHA-256 of its file, and is
immutable too; a new version after sign-off needs a new sign-off."""

import hashlib

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.http import Http404
from django.utils import timezone

from audit.log import record
from documents import uploads
from partnership.writes import service

from .clocks import clocks_refresh
from .models import ChangeRequest, ReportVersion, Review, Signatory, SignOff, Stage
from .permissions import can_sign_version, signatory_capacity
from .stages import record_move


@service
def version_upload(*, review, kind, uploaded_file, summary_of_changes, acting_user):
    """Stores a new numbered version after checking its content. A new report
    after sign-off returns the review to its final draft: it needs signing again."""
    review = Review.objects.select_for_update().get(pk=review.pk)
    if review.stage in (Stage.PUBLISHED, Stage.NOT_PUBLISHED):
        raise ValidationError("The review is finished: its versions can no longer change")
    data = uploads.read_upload(uploaded_file)
    file_type = uploads.inspect(data)
    last = review.versions.filter(kind=kind).order_by("-number").first()
    version = ReportVersion(
        review=review,
        kind=kind,
        number=(last.number + 1) if last else 1,
        summary_of_changes=(summary_of_changes or "").strip(),
        file_name=(uploaded_file.name or f"{kind}.{file_type}")[-255:],
        file_type=file_type,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        uploaded_by=acting_user,
    )
    version.partnership_id = review.partnership_id
    version.file.save("upload", ContentFile(data), save=False)
    version.save()
    if kind == ReportVersion.Kind.REPORT and review.stage == Stage.SIGNED_OFF:
        record_move(
            review,
            Stage.FINAL_DRAFT,
            note=f"Report version {version.number} uploaded after sign-off: it needs signing off",
            acting_user=acting_user,
        )
        review.signed_off_on = None
        review.save()
        clocks_refresh(review.case)
    return version


def version_open(*, version, request):
    """The version's file, opened for reading; the download is written to the
    access log."""
    try:
        file = version.file.open("rb")
    except FileNotFoundError:
        raise Http404("The file is missing") from None
    record(
        "case.downloaded",
        request=request,
        obj=version.review.case,
        detail=f"{version.label} ({version.file_name})",
    )
    return file


@service
def change_request_add(*, version, data, acting_user):
    return ChangeRequest.objects.create(
        version=version,
        agency=data.get("agency"),
        raised_by=acting_user,
        raised_by_name=(acting_user.get_full_name() or acting_user.email) if acting_user else "",
        section=data.get("section", "").strip(),
        request=data["request"].strip(),
    )


@service
def change_request_answer(*, change_request, response, reason, acting_user):
    locked = ChangeRequest.objects.select_for_update().get(pk=change_request.pk)
    if locked.response:
        raise ValidationError("This change request has already been answered")
    if response == ChangeRequest.Response.NOT_AGREED and not reason.strip():
        raise ValidationError({"response_reason": "Enter why the change is not agreed"})
    locked.response = response
    locked.response_reason = reason.strip()
    locked.answered_by = acting_user
    locked.answered_at = timezone.now()
    locked.save()
    return locked


def required_signatories(partnership, review_type):
    """Who must sign a review of this type: an independent chair, and each
    signatory the arrangements name for the type. [(label, user ids or None)]:
    None means "any independent chair"."""
    needed = [("Independent chair", None)]
    for named in Signatory.objects.for_partnership(partnership).filter(review_type=review_type):
        needed.append((named.capacity, {named.membership.user_id}))
    return needed


def signed_by_everyone(version, review_type):
    signed = list(version.sign_offs.all())
    for _label, users in required_signatories(version.partnership_id, review_type):
        if users is None:
            if not any(s.capacity == "Independent chair" for s in signed):
                return False
        elif not any(s.signatory_id in users for s in signed):
            return False
    return True


@service
def version_sign(*, version, membership, acting_user):
    """Signs off one report version (the password was confirmed by the view).
    Once every required signatory has signed the same version, the review is
    signed off and its final report clock is met."""
    review = Review.objects.select_for_update().get(pk=version.review_id)
    version = ReportVersion.objects.select_related("review__case").get(pk=version.pk)
    version.review = review
    if not can_sign_version(membership, version):
        raise ValidationError("This version cannot be signed off by you now")
    sign_off = SignOff.objects.create(
        version=version,
        signatory=acting_user,
        signatory_name=acting_user.get_full_name() or acting_user.email,
        capacity=signatory_capacity(membership, review.case.review_type),
        sha256=version.sha256,
    )
    record(
        "case.signed_off",
        user=acting_user,
        partnership=review.case.partnership,
        obj=review.case,
        detail=f"{version.label}, SHA-256 {version.sha256}",
    )
    if signed_by_everyone(version, review.case.review_type):
        record_move(
            review, Stage.SIGNED_OFF, note=f"{version.label} signed off", acting_user=acting_user
        )
        review.signed_off_on = timezone.localdate()
        review.save()
        clocks_refresh(review.case)
    return sign_off
