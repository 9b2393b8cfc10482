import pytest
from django.core.management import CommandError, call_command
from django_scopes import scopes_disabled

from partnership.models import Board, Membership, Partnership, Person, Role, User
from partnership.tenancy import partnership_mismatches


@pytest.fixture
def seeded(db, settings):
    settings.DEBUG = True
    call_command("seed_demo")


def _counts():
    with scopes_disabled():
        return [m.objects.count() for m in (Partnership, User, Person, Board, Membership)]


def test_seed_is_idempotent(seeded):
    before = _counts()
    call_command("seed_demo")
    assert _counts() == before


def test_seed_gives_every_role_a_user_in_every_partnership(seeded):
    with scopes_disabled():
        for partnership in Partnership.objects.all():
            roles = set(
                Membership.objects.filter(partnership=partnership).values_list("role", flat=True)
            )
            assert roles == {r.value for r in Role}, partnership


def test_seed_has_someone_on_two_partnerships(seeded):
    with scopes_disabled():
        user = User.objects.get(email="andrew.parkes@example.org")
        assert {m.partnership.slug for m in Membership.objects.filter(user=user)} == {
            "dudley",
            "walsall",
        }


def test_seeded_rows_all_agree_with_their_parents(seeded):
    assert partnership_mismatches() == []


def test_seed_prints_the_logins_and_password(db, settings, capsys, monkeypatch):
    settings.DEBUG = True
    monkeypatch.setenv("DEMO_PASSWORD", "a-chosen-demo-password")
    call_command("seed_demo")
    out = capsys.readouterr().out
    assert "jasmine.brookfield@example.org" in out
    assert "a-chosen-demo-password" in out
    assert User.objects.get(email="jasmine.brookfield@example.org").check_password(
        "a-chosen-demo-password"
    )


def test_seed_refuses_without_debug(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("seed_demo")


def test_seed_has_teams_owning_actions_raised_in_minutes(seeded):
    from actions.models import ActionOwner
    from partnership.models import PartnerAgency, Team

    with scopes_disabled():
        team = Team.objects.get(partnership__slug="dudley", name="Business Support Team")
        assert team.members.count() == 3
        owned = ActionOwner.objects.filter(team=team).select_related("action")
        assert owned.count() == 2
        assert any(row.action.origin_item_id for row in owned)  # raised in minutes
        assert Team.objects.filter(partnership__slug="herefordshire").exists()
        assert PartnerAgency.objects.filter(display_name="Dudley Children's Services").exists()
