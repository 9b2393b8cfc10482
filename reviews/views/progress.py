"""A case's progress: the rapid review, its decision and the partners' sign-off;
the review, its stages, family engagement, a DARDR's quality assurance rounds,
a SAR's quality markers, and publication. The business unit records them."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect

from partnership.permissions import refuse_unless

from .. import progress
from ..forms import (
    DecisionForm,
    FamilyContactForm,
    PublicationForm,
    QualityMarkersForm,
    QualitySubmissionForm,
    RapidReviewForm,
    RapidSignOffForm,
    ReviewForm,
    StageForm,
)
from ..loaders import load_case, load_qa_submission
from ..models import Publication, ReviewType
from ..permissions import can_edit_case
from .common import form_page, posted


def _editable(request, case_uuid):
    case = load_case(request, case_uuid)
    refuse_unless(can_edit_case(request.membership, case))
    return case


def _review_or_404(case):
    from django.http import Http404

    review = progress.review_for(case)
    if review.pk is None:
        raise Http404("No review has been commissioned")
    return review


def _done(request, case, message):
    messages.success(request, message)
    return redirect(case)


def _service_errors(form, call):
    """Runs a service; its ValidationError goes on the form. True if it ran."""
    try:
        call()
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            for field, errors in error.error_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            form.add_error(None, error)
        return False
    return True


def rapid_review(request, case_uuid):
    case = _editable(request, case_uuid)
    rapid = progress.rapid_review_for(case)
    form = RapidReviewForm(posted(request), instance=rapid, partnership=request.partnership)
    if form.is_valid():
        data = {name: form.cleaned_data[name] for name in progress.RAPID_FIELDS}
        if _service_errors(
            form,
            lambda: progress.rapid_review_save(
                case=case,
                data=data,
                agencies=list(form.cleaned_data["agencies"]),
                acting_user=request.user,
            ),
        ):
            return _done(request, case, "Rapid review saved")
    return form_page(
        request, form, title="Rapid review", caption=case.reference, back=case.get_absolute_url()
    )


def rapid_review_decision(request, case_uuid):
    case = _editable(request, case_uuid)
    rapid = progress.rapid_review_for(case)
    initial = {}
    if rapid.pk and rapid.recommendation:
        initial = {
            "recommendation": rapid.recommendation,
            "rationale": rapid.rationale,
            "decided_on": rapid.decided_on,
        }
    form = DecisionForm(posted(request), initial=initial)
    if form.is_valid():
        data = form.cleaned_data
        if _service_errors(
            form,
            lambda: progress.rapid_review_decide(
                case=case,
                recommendation=data["recommendation"],
                rationale=data["rationale"],
                decided_on=data["decided_on"],
                acting_user=request.user,
            ),
        ):
            return _done(request, case, "Rapid review decision recorded")
    return form_page(
        request,
        form,
        title="Record the rapid review's decision",
        caption=case.reference,
        back=case.get_absolute_url(),
        intro="Recommending a review converts the case to that type; the change is kept.",
    )


def rapid_review_sign(request, case_uuid):
    case = _editable(request, case_uuid)
    form = RapidSignOffForm(posted(request))
    if form.is_valid() and _service_errors(
        form,
        lambda: progress.rapid_review_sign(
            case=case, acting_user=request.user, **form.cleaned_data
        ),
    ):
        return _done(request, case, "Sign-off recorded")
    return form_page(
        request,
        form,
        title="Record a safeguarding partner's sign-off",
        caption=f"{case.reference}: rapid review",
        back=case.get_absolute_url(),
        intro="The rapid review is signed off by each of the three safeguarding partners "
        "(lead or delegated).",
    )


def review_edit(request, case_uuid):
    case = _editable(request, case_uuid)
    review = progress.review_for(case)
    form = ReviewForm(posted(request), instance=review, partnership=request.partnership, case=case)
    if form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.fields}
        if _service_errors(
            form, lambda: progress.review_save(case=case, data=data, acting_user=request.user)
        ):
            return _done(request, case, "Review details saved")
    return form_page(
        request,
        form,
        title="Review details" if review.pk else "Commission the review",
        caption=case.reference,
        back=case.get_absolute_url(),
    )


def review_stage(request, case_uuid):
    case = _editable(request, case_uuid)
    review = _review_or_404(case)
    form = StageForm(posted(request), review=review)
    if form.is_valid() and _service_errors(
        form,
        lambda: progress.stage_change(
            review=review,
            to_stage=form.cleaned_data["stage"],
            note=form.cleaned_data["note"],
            acting_user=request.user,
        ),
    ):
        return _done(request, case, "Stage changed")
    return form_page(
        request,
        form,
        title="Move the review to its next stage",
        caption=f"{case.reference}: now {review.get_stage_display().lower()}",
        back=case.get_absolute_url(),
    )


def family_contact_add(request, case_uuid):
    case = _editable(request, case_uuid)
    review = _review_or_404(case)
    form = FamilyContactForm(posted(request), partnership=request.partnership)
    if form.is_valid():
        progress.family_contact_add(review=review, data=form.cleaned_data, acting_user=request.user)
        return _done(request, case, "Family contact recorded")
    return form_page(
        request,
        form,
        title="Record contact with the family",
        caption=case.reference,
        back=case.get_absolute_url(),
    )


def _qa(request, case, submission):
    review = _review_or_404(case)
    if case.review_type != ReviewType.DARDR:
        from django.http import Http404

        raise Http404("Only a DARDR goes to the Home Office quality assurance panel")
    form = QualitySubmissionForm(
        posted(request), instance=submission, partnership=request.partnership
    )
    if form.is_valid() and _service_errors(
        form,
        lambda: progress.qa_submission_save(
            review=review,
            submission=submission,
            data=form.cleaned_data,
            acting_user=request.user,
        ),
    ):
        return _done(request, case, "Quality assurance submission saved")
    return form_page(
        request,
        form,
        title="Home Office quality assurance panel",
        caption=case.reference,
        back=case.get_absolute_url(),
    )


def qa_add(request, case_uuid):
    return _qa(request, _editable(request, case_uuid), None)


def qa_edit(request, case_uuid, submission_uuid):
    case = _editable(request, case_uuid)
    return _qa(request, case, load_qa_submission(request, case, submission_uuid))


def quality_markers(request, case_uuid):
    case = _editable(request, case_uuid)
    review = _review_or_404(case)
    if case.review_type != ReviewType.SAR:
        from django.http import Http404

        raise Http404("Quality markers are for safeguarding adult reviews")
    form = QualityMarkersForm(posted(request), review=review)
    if form.is_valid():
        progress.quality_markers_save(
            review=review, markers=form.markers(), acting_user=request.user
        )
        return _done(request, case, "Quality markers saved")
    return form_page(
        request,
        form,
        title="SCIE SAR quality markers",
        caption=case.reference,
        back=case.get_absolute_url(),
    )


def publication(request, case_uuid):
    case = _editable(request, case_uuid)
    review = _review_or_404(case)
    instance = Publication.objects.filter(review=review).first() or Publication(
        review=review, partnership_id=review.partnership_id
    )
    form = PublicationForm(posted(request), instance=instance, partnership=request.partnership)
    if form.is_valid():
        data = {name: form.cleaned_data[name] for name in progress.PUBLICATION_FIELDS}
        if _service_errors(
            form,
            lambda: progress.publication_save(review=review, data=data, acting_user=request.user),
        ):
            clashes = progress.staggering_clashes(
                review=review, planned_on=data["planned_on"], partnership=request.partnership
            )
            for other, when in clashes:
                messages.warning(
                    request,
                    f"{other.review.case.reference} is published on or near "
                    f"{when:%-d %B %Y}, within the staggering interval",
                )
            return _done(request, case, "Publication saved")
    return form_page(
        request,
        form,
        title="Publication",
        caption=case.reference,
        back=case.get_absolute_url(),
        intro="Plan the date, tell the National Panel before publishing, then record where "
        "and when it was published.",
    )
