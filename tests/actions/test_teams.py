"""Teams own actions like groups do (issue 12): typed or picked as owners, in
filters and reports, among their members' own actions, and reminded to their
members exactly once."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django_scopes import scopes_disabled

from actions import exports, reminders
from actions.models import Action
from actions.owners import OwnerDirectory
from actions.selectors import owned_by, rag_rule_for

from ..factories import PersonFactory, TeamFactory
from .factories import ActionFactory

pytestmark = pytest.mark.django_db

MONDAY = datetime.date(2026, 3, 2)
DAY = datetime.timedelta(days=1)


@pytest.fixture
def team(tenant_a):
    ann = PersonFactory(
        partnership=tenant_a.partnership, full_name="Ann Other", email="ann@example.org"
    )
    return TeamFactory(
        partnership=tenant_a.partnership,
        name="Business Support Team",
        members=[tenant_a.person, ann],
    )


def test_a_team_is_typed_as_minutes_name_it(tenant_a, team):
    with scopes_disabled():
        directory = OwnerDirectory(tenant_a.board)
        assert directory.parse("Business Support Team") == [team]
        assert directory.parse("the business support team") == [team]
        assert directory.parse(f"{tenant_a.person.full_name}/Business Support Team") == [
            tenant_a.person,
            team,
        ]


def test_business_unit_raises_an_action_owned_by_a_team(tenant_a, team, business_manager_client):
    response = business_manager_client.post(
        reverse("actions:action-create", kwargs={"partnership_slug": tenant_a.slug}),
        {
            "board": str(tenant_a.board.uuid),
            "description": "Send the minutes to partners",
            "owners": ["Business Support Team", "", ""],
        },
    )
    assert response.status_code == 302
    with scopes_disabled():
        action = Action.objects.get(description="Send the minutes to partners")
        assert [o.owner for o in action.owners.all()] == [team]
        assert action.owners_display == "Business Support Team"


def test_a_member_sees_their_teams_actions_as_their_own(tenant_a, team, member_client):
    action = ActionFactory(board=tenant_a.board, owners=[team], description="Team job")
    other = ActionFactory(board=tenant_a.board, owners=[tenant_a.agency], description="Not mine")
    with scopes_disabled():
        mine = set(Action.objects.filter(owned_by(tenant_a.person)))
    assert action in mine and other not in mine
    # Their home page's My actions lists it.
    home = member_client.get("/")
    assert "Team job" in home.content.decode()


def test_the_log_filters_by_team_and_reports_name_it(tenant_a, team, business_manager_client):
    ActionFactory(board=tenant_a.board, owners=[team], description="Team job")
    ActionFactory(board=tenant_a.board, owners=[tenant_a.agency], description="Agency job")
    log = reverse("actions:log", kwargs={"partnership_slug": tenant_a.slug})
    for owner in (f"team:{team.uuid}", "Business Support Team", "support team"):
        response = business_manager_client.get(log, {"owner": owner})
        assert {a.description for a in response.context["page"].object_list} == {"Team job"}
    csv = business_manager_client.get(
        reverse("actions:export-csv", kwargs={"partnership_slug": tenant_a.slug}),
        {"owner": "Business Support Team"},
    )
    lines = csv.content.decode("utf-8-sig").splitlines()
    assert len(lines) == 2 and "Business Support Team" in lines[1]


def test_the_export_names_the_team(tenant_a, team):
    action = ActionFactory(board=tenant_a.board, owners=[team])
    with scopes_disabled():
        (row,) = list(
            exports.rows(
                Action.objects.filter(pk=action.pk),
                rule=rag_rule_for(tenant_a.partnership),
                partnership_id=tenant_a.partnership.pk,
            )
        )
    assert "Business Support Team" in row


def test_a_teams_members_are_reminded_exactly_once(
    tenant_a, team, django_capture_on_commit_callbacks
):
    # Named themselves and through the team: one line for the one action.
    ActionFactory(board=tenant_a.board, owners=[team, tenant_a.person], due_date=MONDAY + DAY)
    with django_capture_on_commit_callbacks(execute=True):
        sent = {d.email: len(d.lines) for d in reminders.reminders_send(on=MONDAY)}
    assert sent == {tenant_a.users["member"].email: 1, "ann@example.org": 1}
    assert len(mail.outbox) == 2
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders.reminders_send(on=MONDAY) == []
    assert len(mail.outbox) == 2


def test_a_disbanded_teams_members_are_not_reminded(
    tenant_a, team, django_capture_on_commit_callbacks
):
    ActionFactory(board=tenant_a.board, owners=[team], due_date=MONDAY + DAY)
    with scopes_disabled():
        team.is_active = False
        team.save()
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders.reminders_send(on=MONDAY) == []
