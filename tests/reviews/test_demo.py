"""The demo shows every case review feature in every demo partnership."""

import pytest
from django.core.management import call_command
from django_scopes import scopes_disabled

from partnership.models import Partnership
from partnership.tenancy import partnership_mismatches
from reviews.models import (
    Case,
    CaseClock,
    CaseUserObjectPermission,
    ChangeRequest,
    Dissemination,
    Publication,
    QualitySubmission,
    RecommendationAction,
    Review,
    SignOff,
)


@pytest.fixture
def seeded(db, settings):
    settings.DEBUG = True
    call_command("seed_demo")


def test_every_partnership_has_six_or_more_cases_across_types_and_stages(seeded):
    with scopes_disabled():
        for partnership in Partnership.objects.all():
            cases = Case.objects.filter(partnership=partnership)
            assert cases.count() >= 6, partnership
            assert {"rapid_review", "lcspr", "none"} <= set(
                cases.values_list("review_type", flat=True)
            )
            stages = set(
                Review.objects.filter(partnership=partnership).values_list("stage", flat=True)
            )
            assert {"drafting", "final_draft", "signed_off", "published"} <= stages
            states = set(
                CaseClock.objects.filter(partnership=partnership)
                .with_state()
                .values_list("state", flat=True)
            )
            assert {"overdue", "due", "met"} <= states
            assert SignOff.objects.filter(partnership=partnership).exists()
            assert Publication.objects.filter(partnership=partnership, published_on__isnull=False)
            assert ChangeRequest.objects.filter(partnership=partnership, response="").exists()
            assert ChangeRequest.objects.filter(partnership=partnership).exclude(response="")
            assert CaseUserObjectPermission.objects.filter(partnership=partnership).exists()
            assert RecommendationAction.objects.filter(partnership=partnership).exists()
            assert Dissemination.objects.filter(partnership=partnership).exists()
        walsall = Case.objects.filter(partnership__slug="walsall")
        assert walsall.filter(review_type="sar").exists()
        assert QualitySubmission.objects.filter(partnership__slug="walsall", outcome="revise")


def test_the_demo_is_idempotent_and_sound(seeded):
    with scopes_disabled():
        before = Case.objects.count()
    call_command("seed_demo")
    with scopes_disabled():
        assert Case.objects.count() == before
    assert partnership_mismatches() == []
