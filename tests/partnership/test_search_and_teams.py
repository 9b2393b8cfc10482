"""The one type-ahead behind every people picker (partnership.search and
/p/<slug>/search/), and teams: their pages and the confirm-then-create step of
an owner field."""

import json

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from partnership import search
from partnership.models import Team

from ..factories import BoardFactory, PersonFactory, TeamFactory

pytestmark = pytest.mark.django_db


def search_url(tenant, **params):
    base = reverse("partnership:search", kwargs={"partnership_slug": tenant.slug})
    return base + "?" + "&".join(f"{k}={v}" for k, v in params.items())


def results(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return json.loads(response.content)


def test_search_answers_at_most_twenty_matches_of_this_partnership(
    tenant_a, tenant_b, member_client
):
    for n in range(30):
        PersonFactory(partnership=tenant_a.partnership, full_name=f"Alex Parker {n:02d}")
    PersonFactory(partnership=tenant_b.partnership, full_name="Alex Parker Southshire")
    data = results(member_client.get(search_url(tenant_a, q="parker", kinds="person")))
    assert len(data["results"]) == search.LIMIT
    assert all(m["kind"] == "person" and "Southshire" not in m["label"] for m in data["results"])
    assert data["results"][0]["value"].startswith("person:")


def test_search_finds_people_by_initials_and_teams_groups_agencies(tenant_a, member_client):
    PersonFactory(partnership=tenant_a.partnership, full_name="Philippa Grant", initials="PG")
    TeamFactory(partnership=tenant_a.partnership, name="Business Support Team")
    BoardFactory(partnership=tenant_a.partnership, name="Support Group", kind="subgroup")
    data = results(member_client.get(search_url(tenant_a, q="pg", kinds="person,team")))
    assert [m["text"] for m in data["results"]] == ["Philippa Grant"]
    data = results(member_client.get(search_url(tenant_a, q="support", kinds="team,board")))
    assert {(m["kind"], m["text"]) for m in data["results"]} == {
        ("team", "Business Support Team"),
        ("board", "Support Group"),
    }
    # Kinds not asked for are not answered; "All" only where owners are asked for.
    data = results(member_client.get(search_url(tenant_a, q="all", kinds="person")))
    assert all(m["kind"] == "person" for m in data["results"])
    data = results(member_client.get(search_url(tenant_a, q="all", kinds="all,person")))
    assert data["results"][0] == {
        "value": "all",
        "label": "All (every member of the board)",
        "text": "All",
        "kind": "all",
        "hint": "",
    }


def test_an_exact_name_comes_first(tenant_a, member_client):
    TeamFactory(partnership=tenant_a.partnership, name="Safeguarding Team Support")
    TeamFactory(partnership=tenant_a.partnership, name="Safeguarding Team")
    data = results(member_client.get(search_url(tenant_a, q="safeguarding team", kinds="team")))
    assert data["results"][0]["text"] == "Safeguarding Team"


def test_create_team_is_offered_only_to_the_business_unit_for_an_unknown_name(
    tenant_a, business_manager_client, minute_taker_client
):
    TeamFactory(partnership=tenant_a.partnership, name="Safeguarding Team")
    url = search_url(tenant_a, q="Business Support Team", kinds="person,team")
    assert results(business_manager_client.get(url))["create_team"] == "Business Support Team"
    assert results(minute_taker_client.get(url))["create_team"] is None
    known = search_url(tenant_a, q="safeguarding team", kinds="person,team")
    assert results(business_manager_client.get(known))["create_team"] is None
    people_only = search_url(tenant_a, q="Business Support Team", kinds="person")
    assert results(business_manager_client.get(people_only))["create_team"] is None


def test_an_empty_or_odd_query_is_no_matches_not_an_error(tenant_a, member_client):
    for params in ({"q": ""}, {"q": "%"}, {"q": "(["}, {"q": "x", "kinds": "nonsense"}):
        assert results(member_client.get(search_url(tenant_a, **params)))["results"] == []


def test_owners_named_reads_tokens_exact_names_then_parts(tenant_a):
    grant = PersonFactory(partnership=tenant_a.partnership, full_name="Philippa Grant")
    granger = PersonFactory(partnership=tenant_a.partnership, full_name="Hermione Granger")
    with scopes_disabled():
        assert search.owners_named(tenant_a.partnership, f"person:{grant.uuid}") == [grant]
        assert search.owners_named(tenant_a.partnership, "Philippa Grant") == [grant]
        assert set(search.owners_named(tenant_a.partnership, "gran")) == {grant, granger}
        assert search.owners_named(tenant_a.partnership, "nobody at all") == []


# Teams -------------------------------------------------------------------------------


def team_url(name, tenant, **kwargs):
    return reverse(f"partnership:{name}", kwargs={"partnership_slug": tenant.slug, **kwargs})


def test_business_manager_adds_a_team_with_a_member_then_changes_it(
    tenant_a, business_manager_client
):
    ann = PersonFactory(partnership=tenant_a.partnership, full_name="Ann Other")
    response = business_manager_client.post(
        team_url("team-create", tenant_a),
        {"name": " Business  Support Team ", "add_member": "Ann Other"},
    )
    assert response.status_code == 302
    with scopes_disabled():
        team = Team.objects.get(partnership=tenant_a.partnership)
        assert team.name == "Business Support Team"
        assert list(team.members.all()) == [ann]
    listing = business_manager_client.get(team_url("team-list", tenant_a)).content.decode()
    assert "Business Support Team" in listing and "Ann Other" in listing

    response = business_manager_client.post(
        team_url("team-edit", tenant_a, team_uuid=team.uuid),
        {
            "name": "Business Support Team",
            "is_active": "on",
            "add_member": tenant_a.person.full_name,
            "remove": [str(ann.uuid)],
        },
    )
    assert response.status_code == 302
    with scopes_disabled():
        assert list(team.members.all()) == [tenant_a.person]
        assert team.history.count() >= 1


def test_a_team_name_is_used_once_and_an_unknown_member_is_a_field_error(
    tenant_a, business_manager_client
):
    TeamFactory(partnership=tenant_a.partnership, name="Safeguarding Team")
    response = business_manager_client.post(
        team_url("team-create", tenant_a),
        {"name": "safeguarding team", "add_member": "Nobody Known"},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "govuk-error-summary" in body
    assert "There is already a team called safeguarding team" in body
    assert "No one called ‘Nobody Known’ is recorded here" in body
    assert 'value="Nobody Known"' in body  # what was typed is kept


def test_create_team_from_an_owner_field_answers_json(tenant_a, business_manager_client):
    response = business_manager_client.post(
        team_url("team-create", tenant_a),
        {"name": "Business Support Team"},
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 201
    data = json.loads(response.content)
    assert data["kind"] == "team" and data["text"] == "Business Support Team"
    again = business_manager_client.post(
        team_url("team-create", tenant_a),
        {"name": "Business Support Team"},
        HTTP_ACCEPT="application/json",
    )
    assert again.status_code == 400
    assert "already a team" in json.loads(again.content)["error"]


def test_a_minute_taker_may_not_create_a_team(tenant_a, minute_taker_client):
    response = minute_taker_client.post(
        team_url("team-create", tenant_a), {"name": "Made Up Team"}, HTTP_ACCEPT="application/json"
    )
    assert response.status_code == 403
    with scopes_disabled():
        assert not Team.objects.filter(name="Made Up Team").exists()


def test_the_people_page_leads_the_business_unit_to_the_teams(
    tenant_a, business_manager_client, minute_taker_client
):
    people = reverse("partnership:person-list", args=[tenant_a.slug])
    teams = reverse("partnership:team-list", args=[tenant_a.slug])
    assert f'href="{teams}"' in business_manager_client.get(people).content.decode()
    assert f'href="{teams}"' not in minute_taker_client.get(people).content.decode()
