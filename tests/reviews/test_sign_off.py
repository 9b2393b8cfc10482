"""Sign-off: the password again, an immutable record with the SHA-256 of the
signed file, a version that can never change, and only the allowed stages."""

import datetime
import hashlib

import pytest
from django.db import IntegrityError, InternalError, transaction
from django.urls import reverse
from django_scopes import scopes_disabled

from audit.models import AuditEvent
from reviews import services, versions
from reviews.models import CaseClock, ReportVersion, Review, SignOff, Stage

from .factories import PASSWORD, make_case, make_review, pdf_file


def _sign_url(tenant, version):
    return reverse(
        "reviews:version-sign", args=[tenant.slug, version.review.case.uuid, version.uuid]
    )


def _report(case):
    with scopes_disabled():
        return (
            ReportVersion.objects.filter(review__case=case, kind="report")
            .select_related("review__case")
            .order_by("-number")
            .first()
        )


def test_a_wrong_password_is_refused_with_a_govuk_error(tenant_a, independent_chair_client):
    version = _report(tenant_a.sample("case"))
    response = independent_chair_client.post(_sign_url(tenant_a, version), {"password": "wrong"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in html
    assert "The password is not right" in html
    with scopes_disabled():
        assert not SignOff.objects.exists()


def test_signing_off_records_who_when_which_version_and_its_sha256(
    tenant_a, independent_chair_client
):
    case = tenant_a.sample("case")
    version = _report(case)
    with scopes_disabled():
        data = version.file.open("rb").read()
    response = independent_chair_client.post(_sign_url(tenant_a, version), {"password": PASSWORD})
    assert response.status_code == 302
    with scopes_disabled():
        sign_off = SignOff.objects.get()
        review = Review.objects.get(case=case)
        clock = CaseClock.objects.get(case=case, rule__key="cspr_report")
    chair = tenant_a.users["independent_chair"]
    assert sign_off.signatory == chair
    assert sign_off.capacity == "Independent chair"
    assert sign_off.version == version
    assert sign_off.sha256 == hashlib.sha256(data).hexdigest() == version.sha256
    assert review.stage == Stage.SIGNED_OFF
    assert clock.met_on == review.signed_off_on
    assert AuditEvent.objects.filter(kind="case.signed_off", user=chair).exists()
    # Once signed, there is nothing left for the chair to sign.
    assert independent_chair_client.get(_sign_url(tenant_a, version)).status_code == 403


def test_a_signed_version_and_its_sign_off_can_never_change(tenant_a):
    case = tenant_a.sample("case")
    version = _report(case)
    with scopes_disabled():
        versions.version_sign(
            version=version,
            membership=tenant_a.memberships["independent_chair"],
            acting_user=tenant_a.users["independent_chair"],
        )
        for change in (
            lambda: ReportVersion.objects.filter(pk=version.pk).update(sha256="0" * 64),
            lambda: ReportVersion.objects.filter(pk=version.pk).delete(),
            lambda: SignOff.objects.update(signatory_name="Someone else"),
            lambda: SignOff.objects.all().delete(),
        ):
            with pytest.raises((InternalError, IntegrityError)), transaction.atomic():
                change()
        assert SignOff.objects.get().signatory_name == (
            tenant_a.users["independent_chair"].get_full_name()
        )


def test_a_new_version_after_sign_off_needs_a_new_sign_off(tenant_a, independent_chair_client):
    case = tenant_a.sample("case")
    chair = tenant_a.memberships["independent_chair"]
    with scopes_disabled():
        versions.version_sign(version=_report(case), membership=chair, acting_user=chair.user)
        review = Review.objects.get(case=case)
        versions.version_upload(
            review=review,
            kind="report",
            uploaded_file=pdf_file("v2.pdf", "Report v2"),
            summary_of_changes="Family's comments added",
            acting_user=tenant_a.users["business_manager"],
        )
        review.refresh_from_db()
    assert review.stage == Stage.FINAL_DRAFT and review.signed_off_on is None
    latest = _report(case)
    assert latest.number == 2
    assert independent_chair_client.get(_sign_url(tenant_a, latest)).status_code == 200


def test_the_arrangements_may_name_another_signatory(tenant_a, client_for):
    user = tenant_a.users["business_manager"]
    case = make_case(
        tenant_a.partnership,
        user=user,
        kind="adult_referral",
        review_type="sar",
        pseudonym="Arthur",
        decision_date=datetime.date(2025, 11, 3),
    )
    make_review(case, user=user)
    officer = tenant_a.memberships["business_officer"]
    with scopes_disabled():
        services.signatory_add(
            partnership=tenant_a.partnership,
            review_type="sar",
            membership=officer,
            capacity="Director of Adult Social Care",
            acting_user=user,
        )
        version = _report(case)
        chair = tenant_a.memberships["independent_chair"]
        versions.version_sign(version=version, membership=chair, acting_user=chair.user)
        assert Review.objects.get(case=case).stage == Stage.FINAL_DRAFT  # one of two
    response = client_for(officer.user).post(_sign_url(tenant_a, version), {"password": PASSWORD})
    assert response.status_code == 302
    with scopes_disabled():
        assert Review.objects.get(case=case).stage == Stage.SIGNED_OFF
        capacities = set(SignOff.objects.values_list("capacity", flat=True))
    assert capacities == {"Independent chair", "Director of Adult Social Care"}


@pytest.mark.parametrize(
    "stage, message",
    [
        ("published", "published by recording its publication date"),
        ("signed_off", "signatories sign a final report version"),
        ("commissioned", "cannot move to commissioned"),
        ("final_draft", "already at the stage final draft"),
    ],
)
def test_stages_that_are_not_allowed_are_refused_with_a_clear_message(
    tenant_a, business_manager_client, stage, message
):
    case = tenant_a.sample("case")
    url = reverse("reviews:review-stage", args=[tenant_a.slug, case.uuid])
    response = business_manager_client.post(url, {"stage": stage})
    html = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in html
    assert message in html
    with scopes_disabled():
        assert Review.objects.get(case=case).stage == Stage.FINAL_DRAFT


def test_not_published_needs_a_reason(tenant_a, business_manager_client):
    case = tenant_a.sample("case")
    chair = tenant_a.memberships["independent_chair"]
    with scopes_disabled():
        versions.version_sign(version=_report(case), membership=chair, acting_user=chair.user)
    url = reverse("reviews:review-stage", args=[tenant_a.slug, case.uuid])
    response = business_manager_client.post(url, {"stage": "not_published"})
    assert "Enter why the review is not being published" in response.content.decode()
    response = business_manager_client.post(
        url, {"stage": "not_published", "note": "The family asked that it is not published"}
    )
    assert response.status_code == 302
    with scopes_disabled():
        review = Review.objects.get(case=case)
    assert review.stage == Stage.NOT_PUBLISHED
    assert review.not_published_reason == "The family asked that it is not published"
