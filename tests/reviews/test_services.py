"""Writes on cases and reviews: types changed and kept, identifiers encrypted,
publication and staggering, recommendations on the action log, retention,
and the annual report's evidence."""

import datetime

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import IntegrityError, transaction
from django_scopes import scopes_disabled

from actions.models import Action
from reviews import crypto, learning, progress, services, versions
from reviews.evidence import review_evidence
from reviews.models import (
    Case,
    CaseSubject,
    CaseTypeChange,
    LearningTheme,
    Publication,
    Review,
    Stage,
)
from reviews.selectors import counts_by_year, retention_due

from .factories import make_case, make_review

D = datetime.date


def test_a_change_of_type_is_recorded_not_overwritten(tenant_a):
    user = tenant_a.users["business_manager"]
    case = make_case(tenant_a.partnership, user=user, notified_date=D(2026, 1, 5))
    with scopes_disabled():
        progress.rapid_review_decide(
            case=case,
            recommendation="lcspr",
            rationale="Learning about escalation",
            decided_on=D(2026, 1, 20),
            acting_user=user,
        )
        change = CaseTypeChange.objects.get(case=case)
        case.refresh_from_db()
    assert (
        str(change) == "Rapid review converted to Local child safeguarding practice review (LCSPR)"
    )
    assert change.changed_by == user and change.changed_on == D(2026, 1, 20)
    assert case.review_type == "lcspr" and case.decision_date == D(2026, 1, 20)


def test_no_further_review_needs_its_reason(tenant_a):
    user = tenant_a.users["business_manager"]
    case = make_case(tenant_a.partnership, user=user)
    with scopes_disabled():
        with pytest.raises(ValidationError):
            services.case_change_type(case=case, to_type="none", reason="", acting_user=user)
        with pytest.raises(IntegrityError), transaction.atomic():
            Case.objects.filter(pk=case.pk).update(review_type="none", no_review_reason="")


def test_four_children_at_most(tenant_a):
    case = make_case(
        tenant_a.partnership,
        user=tenant_a.users["business_manager"],
        subjects={n: {"pseudonym": f"Child {n}"} for n in range(1, 5)},
    )
    with scopes_disabled():
        assert CaseSubject.objects.filter(case=case).count() == 4
        with pytest.raises(IntegrityError), transaction.atomic():
            CaseSubject.objects.create(case=case, position=5, pseudonym="Child 5")


def test_real_identifiers_are_encrypted_and_rotate_with_the_keys(tenant_a, settings):
    user = tenant_a.users["business_manager"]
    case = tenant_a.sample("case")
    with scopes_disabled():
        subject = case.subjects.get()
        services.identifiers_save(
            case=case, identifiers={subject.pk: ("Jane Doe", D(2022, 5, 1))}, acting_user=user
        )
        subject.refresh_from_db()
    assert "Jane" not in subject.name_encrypted
    assert crypto.decrypt(subject.name_encrypted) == "Jane Doe"
    assert crypto.decrypt(subject.date_of_birth_encrypted) == "2022-05-01"
    old = list(settings.FIELD_ENCRYPTION_KEY)
    settings.FIELD_ENCRYPTION_KEY = [Fernet.generate_key().decode(), *old]
    assert crypto.decrypt(subject.name_encrypted) == "Jane Doe"  # the old key still reads
    rotated = crypto.rotate(subject.name_encrypted)
    settings.FIELD_ENCRYPTION_KEY = settings.FIELD_ENCRYPTION_KEY[:1]
    assert crypto.decrypt(rotated) == "Jane Doe"
    with pytest.raises(crypto.UnreadableIdentifier):
        crypto.decrypt(subject.name_encrypted)
    settings.FIELD_ENCRYPTION_KEY = []
    with pytest.raises(ImproperlyConfigured):
        crypto.encrypt("Jane Doe")


def test_identifiers_only_where_the_partnership_switches_them_on(tenant_b):
    user = tenant_b.users["business_manager"]
    case = make_case(tenant_b.partnership, user=user)
    with scopes_disabled(), pytest.raises(ValidationError):
        services.identifiers_save(
            case=case, identifiers={case.subjects.get().pk: ("Jane", None)}, acting_user=user
        )


def _signed_off(tenant, case):
    chair = tenant.memberships["independent_chair"]
    with scopes_disabled():
        version = Review.objects.get(case=case).versions.filter(kind="report").first()
        versions.version_sign(version=version, membership=chair, acting_user=chair.user)
        return Review.objects.get(case=case)


def test_publication_moves_the_review_to_published_and_warns_of_close_dates(tenant_a):
    user = tenant_a.users["business_manager"]
    first = _signed_off(tenant_a, tenant_a.sample("case"))
    second_case = make_case(
        tenant_a.partnership, user=user, review_type="lcspr", pseudonym="Child Q",
        decision_date=D(2025, 9, 1),
    )  # fmt: skip
    make_review(second_case, user=user)
    second = _signed_off(tenant_a, second_case)
    with scopes_disabled():
        with pytest.raises(ValidationError):
            progress.publication_save(
                review=Review.objects.get(case=tenant_a.sample("sar_case")),
                data={"planned_on": D(2026, 6, 1)},
                acting_user=user,
            )
        progress.publication_save(
            review=first,
            data={"planned_on": D(2026, 6, 1), "published_on": D(2026, 6, 1), "places": ["nspcc"]},
            acting_user=user,
        )
        first.refresh_from_db()
        assert first.stage == Stage.PUBLISHED
        assert progress.staggering_clashes(
            review=second, planned_on=D(2026, 6, 10), partnership=tenant_a.partnership
        )
        assert not progress.staggering_clashes(
            review=second, planned_on=D(2026, 6, 22), partnership=tenant_a.partnership
        )
        assert Publication.objects.get(review=first).places == ["nspcc"]


def test_a_recommendation_becomes_an_action_named_by_reference_not_pseudonym(tenant_a):
    user = tenant_a.users["business_manager"]
    case = tenant_a.sample("case")
    with scopes_disabled():
        recommendation = Review.objects.get(case=case).recommendations.get()
        action = learning.recommendation_raise_action(
            recommendation=recommendation,
            board=tenant_a.subgroup,
            description="Audit safety plans shared with GPs",
            owners=[tenant_a.person],
            due_date=D(2026, 9, 30),
            acting_user=user,
        )
        action = Action.objects.get(pk=action.pk)
    assert action.origin_reference == f"{case.reference}, recommendation 1"
    assert case.pseudonym not in action.origin_reference + action.description
    assert action.board == tenant_a.subgroup and action.due_date == D(2026, 9, 30)


def test_a_closed_case_past_its_period_is_listed_for_a_decision_never_deleted(tenant_a):
    user = tenant_a.users["business_manager"]
    case = make_case(tenant_a.partnership, user=user, review_type="none",
                     no_review_reason="Single agency learning")  # fmt: skip
    held = make_case(tenant_a.partnership, user=user, pseudonym="Child H")
    with scopes_disabled():
        Case.objects.filter(pk__in=[case.pk, held.pk]).update(
            status="closed", closed_on=D(2015, 3, 1)
        )
        Case.objects.filter(pk=held.pk).update(legal_hold=True, legal_hold_reason="Litigation")
        due = retention_due(partnership=tenant_a.partnership, today=D(2026, 1, 1))
        assert [c.pk for c in due] == [case.pk]
        assert due[0].retention_ends == D(2021, 3, 1)
        services.retention_decide(
            case=case, retain_until=D(2030, 1, 1), note="Inquest pending", acting_user=user
        )
        assert retention_due(partnership=tenant_a.partnership, today=D(2026, 1, 1)) == []
        assert Case.objects.filter(pk=case.pk).exists()


def test_counts_by_type_stage_and_theme_for_a_year(tenant_a):
    user = tenant_a.users["business_manager"]
    case = tenant_a.sample("case")
    make_case(tenant_a.partnership, user=user, pseudonym="Child P")
    with scopes_disabled():
        services.themes_ensure(tenant_a.partnership)
        theme = LearningTheme.objects.get(partnership=tenant_a.partnership, name="Neglect")
        services.case_themes_set(case=case, themes=[theme], acting_user=user)
        year = 2025
        counts = counts_by_year(partnership=tenant_a.partnership, year=year)
    assert dict(counts["by_type"]) == {
        "Local child safeguarding practice review (LCSPR)": 1,
        "Rapid review": 1,
    }
    assert dict(counts["by_stage"]) == {"Final draft": 1, "Not yet a review": 1}
    assert counts["by_theme"] == [("Neglect", 1)]


def test_the_annual_report_reads_reviews_by_reference(tenant_a, tenant_b):
    user = tenant_a.users["business_manager"]
    assert (
        review_evidence(
            partnership=tenant_a.partnership, start=D(2025, 4, 1), end=D(2026, 3, 31)
        ).recorded
        is False
    )
    case = tenant_a.sample("case")
    review = _signed_off(tenant_a, case)
    with scopes_disabled():
        recommendation = review.recommendations.get()
        learning.recommendation_raise_action(
            recommendation=recommendation, board=tenant_a.board, description="Audit",
            owners=[tenant_a.person], due_date=D(2026, 9, 30), acting_user=user,
        )  # fmt: skip
        learning.dissemination_add(
            case=case,
            data={"kind": "7mb", "held_on": D(2026, 2, 3), "audience": "GPs"},
            acting_user=user,
        )
        Review.objects.filter(pk=review.pk).update(signed_off_on=D(2026, 2, 1))
        evidence = review_evidence(
            partnership=tenant_a.partnership, start=D(2025, 4, 1), end=D(2026, 3, 31)
        )
    assert evidence.recorded
    assert evidence.notifications == 1 and evidence.rapid_reviews == 1
    assert [line.reference for line in evidence.concluded] == [case.reference]
    assert evidence.concluded[0].kind == "Local child safeguarding practice review (LCSPR)"
    assert evidence.started[0].started_on == D(2026, 1, 20)
    assert evidence.ongoing == []
    assert evidence.recommendations[0].actions == 1
    assert evidence.recommendations[0].implemented is False
    assert evidence.dissemination[0].review == case.reference
    assert dict(evidence.by_kind) == {"Local child safeguarding practice review (LCSPR)": 1}
    text = repr(evidence)
    assert case.pseudonym not in text
    # Another partnership's evidence is its own.
    assert (
        review_evidence(
            partnership=tenant_b.partnership, start=D(2025, 4, 1), end=D(2026, 3, 31)
        ).recorded
        is False
    )
