"""Writes for a case's progress: the rapid review and its decision, the review
(commissioning, stages), family engagement, a DARDR's quality assurance rounds,
a SAR's quality markers, and publication (with the staggering warning)."""

from django.core.exceptions import ValidationError

from partnership.working_days import add_working_days
from partnership.writes import model_update, service

from .clocks import clocks_refresh
from .models import (
    Case,
    FamilyContact,
    Publication,
    QualityMarker,
    QualitySubmission,
    RapidReview,
    RapidReviewSignOff,
    Review,
    ReviewSettings,
    Stage,
    StageChange,
)
from .models.cases import FULL_REVIEWS
from .services import _change_type, _refresh
from .stages import record_move, refusal

RAPID_FIELDS = (
    "meeting_date",
    "facts",
    "immediate_actions",
    "learning_potential",
    "sent_to_panel_on",
    "panel_response_on",
    "panel_response",
)
REVIEW_FIELDS = ("lead_reviewer", "commissioned_on", "sar_library_submitted_on")
PUBLICATION_FIELDS = (
    "planned_on",
    "published_on",
    "places",
    "anonymised",
    "media_note",
    "panel_notified_on",
    "link",
)


def rapid_review_for(case):
    found = RapidReview.objects.filter(case=case).first()
    return found or RapidReview(case=case, partnership_id=case.partnership_id)


def review_for(case):
    found = Review.objects.filter(case=case).first()
    return found or Review(case=case, partnership_id=case.partnership_id)


@service
def rapid_review_save(*, case, data, agencies, acting_user):
    """Records the rapid review's meeting, findings and exchange with the Panel."""
    rapid = rapid_review_for(case)
    if rapid.pk is None:
        rapid.save()
    rapid = RapidReview.objects.select_for_update().get(pk=rapid.pk)
    changed = model_update(instance=rapid, data=data, fields=RAPID_FIELDS)
    rapid.agencies.set(agencies, through_defaults={"partnership_id": case.partnership_id})
    clocks_refresh(case)
    return changed


@service
def rapid_review_decide(*, case, recommendation, rationale, decided_on, acting_user):
    """Records the rapid review's decision: who decided and when, the date of
    the decision to review (the CSPR clock starts there) and, unless it is
    "none", converts the case to that type of review (the change is kept)."""
    rapid = rapid_review_for(case)
    if rapid.pk is None:
        rapid.save()
    rapid = RapidReview.objects.select_for_update().get(pk=rapid.pk)
    if not rationale.strip():
        raise ValidationError({"rationale": "Enter the reasons for the recommendation"})
    rapid.recommendation = recommendation
    rapid.rationale = rationale.strip()
    rapid.decided_on = decided_on
    rapid.decided_by = acting_user
    rapid.save()
    locked = Case.objects.select_for_update().get(pk=case.pk)
    if recommendation != locked.review_type:
        _change_type(
            locked,
            to_type=recommendation,
            reason=f"Rapid review decision of {decided_on:%-d %B %Y}",
            no_review_reason=rationale,
            acting_user=acting_user,
            on=decided_on,
        )
    if recommendation in FULL_REVIEWS:
        locked.decision_date = decided_on
        locked.save(update_fields=["decision_date", "updated_at"])
        _commission(locked, acting_user=acting_user, note="Review decided at the rapid review")
    clocks_refresh(locked)
    _refresh(case, locked)
    return rapid


def _commission(case, *, acting_user, note=""):
    """The case's review, made (at the stage "commissioned", recorded) if it
    has none yet: (review, created)."""
    review = review_for(case)
    if review.pk is not None:
        return review, False
    review.save()
    StageChange.objects.create(
        review=review, to_stage=Stage.COMMISSIONED, note=note, changed_by=acting_user
    )
    return review, True


@service
def rapid_review_sign(*, case, partner, capacity, name, signed_on, acting_user):
    """Records one safeguarding partner's sign-off of the rapid review."""
    rapid = rapid_review_for(case)
    if rapid.pk is None:
        rapid.save()
    if rapid.sign_offs.filter(partner=partner).exists():
        raise ValidationError(
            {"partner": f"The {RapidReviewSignOff.Partner(partner).label.lower()} has signed"}
        )
    return RapidReviewSignOff.objects.create(
        rapid_review=rapid,
        partner=partner,
        capacity=capacity,
        name=name.strip(),
        signed_on=signed_on,
        recorded_by=acting_user,
    )


@service
def review_save(*, case, data, acting_user):
    """Commissions the review, or changes its lead reviewer and dates."""
    if not case.is_full_review:
        raise ValidationError(f"A {case.get_review_type_display().lower()} has no review stages")
    review, created = _commission(case, acting_user=acting_user)
    review = Review.objects.select_for_update().get(pk=review.pk)
    changed = model_update(instance=review, data=data, fields=REVIEW_FIELDS)
    clocks_refresh(case)
    return review, created or bool(changed)


@service
def stage_change(*, review, to_stage, note="", acting_user):
    """Moves a review to the next stage, if that move is allowed; "not
    published" needs its reason."""
    review = Review.objects.select_for_update().get(pk=review.pk)
    problem = refusal(review.stage, to_stage)
    if problem:
        raise ValidationError({"stage": problem})
    if (
        to_stage == Stage.TOR_AGREED
        and not review.versions.filter(kind="terms_of_reference").exists()
    ):
        raise ValidationError(
            {"stage": "Upload the terms of reference before recording them as agreed"}
        )
    if to_stage == Stage.FINAL_DRAFT and not review.versions.filter(kind="report").exists():
        raise ValidationError({"stage": "Upload the report before it becomes the final draft"})
    note = (note or "").strip()
    if to_stage == Stage.NOT_PUBLISHED:
        if not note:
            raise ValidationError({"note": "Enter why the review is not being published"})
        review.not_published_reason = note
    record_move(review, to_stage, note=note, acting_user=acting_user)
    review.save()
    return review


@service
def family_contact_add(*, review, data, acting_user):
    return FamilyContact.objects.create(
        review=review,
        contact_on=data["contact_on"],
        with_whom=data["with_whom"].strip(),
        method=data["method"],
        summary=data.get("summary", "").strip(),
        report_shared=data.get("report_shared", False),
    )


@service
def qa_submission_save(*, review, data, submission=None, acting_user):
    """A DARDR's submission to the Home Office quality assurance panel, or the
    panel's feedback on one."""
    if submission is None:
        last = review.qa_submissions.order_by("-round").first()
        if last is not None and last.outcome == QualitySubmission.Outcome.AWAITING:
            raise ValidationError("Record the feedback on the last submission first")
        submission = QualitySubmission(review=review, round=(last.round + 1) if last else 1)
    for name in ("submitted_on", "feedback_on", "outcome", "feedback"):
        if name in data:
            setattr(submission, name, data[name])
    if submission.outcome != QualitySubmission.Outcome.AWAITING and not submission.feedback_on:
        raise ValidationError({"feedback_on": "Enter the date of the feedback letter"})
    submission.save()
    return submission


@service
def quality_markers_save(*, review, markers, acting_user):
    """`markers`: {marker number: (met, note)} for SCIE's 15 SAR quality markers."""
    existing = {m.marker: m for m in review.quality_markers.all()}
    for number, (met, note) in markers.items():
        marker = existing.get(number) or QualityMarker(review=review, marker=number)
        if marker.pk and (marker.met, marker.note) == (met, note):
            continue
        marker.met, marker.note = met, note
        marker.save()


@service
def publication_save(*, review, data, acting_user):
    """Plans or records the publication. A review must be signed off first; a
    publication date moves it to published."""
    review = Review.objects.select_for_update().get(pk=review.pk)
    if review.stage not in (Stage.SIGNED_OFF, Stage.PUBLISHED):
        raise ValidationError("A review is published only after it has been signed off")
    publication = Publication.objects.filter(review=review).first() or Publication(review=review)
    if publication.pk is None:
        publication.save()
    model_update(instance=publication, data=data, fields=PUBLICATION_FIELDS)
    if publication.published_on and review.stage == Stage.SIGNED_OFF:
        record_move(
            review,
            Stage.PUBLISHED,
            note=f"Published {publication.published_on:%-d %B %Y}",
            acting_user=acting_user,
        )
        review.save()
    clocks_refresh(review.case)
    return publication


def staggering_clashes(*, review, planned_on, partnership):
    """Other reviews published or planned within the partnership's staggering
    interval (working days) of `planned_on`: [(publication, date)]."""
    if planned_on is None:
        return []
    days = ReviewSettings.for_partnership(partnership).staggering_days
    start, end = add_working_days(planned_on, -days), add_working_days(planned_on, days)
    found = []
    others = (
        Publication.objects.for_partnership(partnership)
        .exclude(review=review)
        .select_related("review__case")
    )
    for other in others:
        when = other.published_on or other.planned_on
        if when is not None and start < when < end:
            found.append((other, when))
    return found
