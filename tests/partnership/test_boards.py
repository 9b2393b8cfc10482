from django.urls import reverse
from django_scopes import scopes_disabled

from partnership.models import Board, BoardMembership

from ..factories import BoardFactory, BoardMembershipFactory, PersonFactory

DASHBOARD_PAGES = {"overview", "board-detail"}


def _url(name, tenant, **kwargs):
    app = "dashboard" if name in DASHBOARD_PAGES else "partnership"
    return reverse(f"{app}:{name}", kwargs={"partnership_slug": tenant.slug, **kwargs})


def test_overview_shows_subgroups_under_the_board_they_report_to(tenant_a, observer_client):
    html = observer_client.get(_url("overview", tenant_a)).content.decode()
    board_at = html.index(tenant_a.board.name)
    nested_list_at = html.index(f'aria-label="Reporting to {tenant_a.board.name}"')
    assert board_at < nested_list_at < html.index(tenant_a.subgroup.name)
    assert "Chair: Chris Chair" in html


def test_overview_query_count_does_not_grow_with_boards(tenant_a, observer_client, count_queries):
    url = _url("overview", tenant_a)
    observer_client.get(url)  # warm the session
    few = count_queries(lambda: observer_client.get(url))
    for n in range(30):
        board = BoardFactory(
            partnership=tenant_a.partnership,
            name=f"Group {n}",
            kind="subgroup",
            reports_to=tenant_a.board,
        )
        BoardMembershipFactory(board=board, role=BoardMembership.Role.CHAIR)
    assert count_queries(lambda: observer_client.get(url)) == few
    assert "Group 29" in observer_client.get(url).content.decode()


def test_board_page_shows_its_details_and_members(tenant_a, member_client):
    html = member_client.get(
        _url("board-detail", tenant_a, board_uuid=tenant_a.board.uuid)
    ).content.decode()
    assert "Morgan Member (MM)" in html
    assert "Chris Chair" in html
    assert tenant_a.subgroup.name in html  # groups reporting here
    assert "Papers are late if received less than 7 days before a meeting" in html


def test_business_unit_adds_a_subgroup(tenant_a, business_manager_client):
    response = business_manager_client.post(
        _url("board-create", tenant_a),
        {
            "name": "MASH Governance Group",
            "short_name": "MASH",
            "kind": "subgroup",
            "reports_to": tenant_a.subgroup.pk,
            "tor_date_day": "18",
            "tor_date_month": "12",
            "tor_date_year": "2025",
            "tor_version": "1.0",
            "late_paper_days": "7",
        },
    )
    with scopes_disabled():
        board = Board.objects.get(name="MASH Governance Group")
    assert response.status_code == 302
    assert board.partnership == tenant_a.partnership
    assert board.reports_to == tenant_a.subgroup
    assert str(board.tor_date) == "2025-12-18"


def test_a_board_name_is_unique_within_the_partnership(tenant_a, tenant_b, business_manager_client):
    response = business_manager_client.post(
        _url("board-create", tenant_a),
        {"name": tenant_a.board.name.upper(), "kind": "board", "late_paper_days": "7"},
    )
    assert "There is already a board or group with this name" in response.content.decode()
    # ...but another partnership may use the same name.
    response = business_manager_client.post(
        _url("board-create", tenant_a),
        {
            "name": tenant_b.board.name.replace("Southshire", "Northshire Shadow"),
            "kind": "board",
            "late_paper_days": "7",
        },
    )
    assert response.status_code == 302


def test_a_board_cannot_report_to_a_group_below_it(tenant_a, business_manager_client):
    url = _url("board-edit", tenant_a, board_uuid=tenant_a.board.uuid)
    page = business_manager_client.get(url).content.decode()
    assert f'<option value="{tenant_a.subgroup.pk}"' not in page
    response = business_manager_client.post(
        url,
        {
            "name": tenant_a.board.name,
            "kind": "board",
            "reports_to": tenant_a.subgroup.pk,
            "late_paper_days": "7",
            "is_active": "on",
        },
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


def test_a_board_cannot_report_to_another_partnerships_board(
    tenant_a, tenant_b, business_manager_client
):
    response = business_manager_client.post(
        _url("board-create", tenant_a),
        {
            "name": "Smuggled",
            "kind": "subgroup",
            "reports_to": tenant_b.board.pk,
            "late_paper_days": "7",
        },
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


def test_date_in_words_is_refused_and_what_was_typed_is_kept(tenant_a, business_manager_client):
    response = business_manager_client.post(
        _url("board-create", tenant_a),
        {
            "name": "Practice Review Group",
            "kind": "subgroup",
            "tor_date_day": "first",
            "tor_date_month": "March",
            "tor_date_year": "2025",
            "late_paper_days": "7",
        },
    )
    html = response.content.decode()
    assert "Terms of reference agreed must be a real date, written in numbers" in html
    assert 'value="Practice Review Group"' in html
    assert 'value="first"' in html and 'value="March"' in html
    assert 'href="#id_tor_date_0"' in html  # the error summary links to the day box


def _seat_data(person, role="member", **extra):
    # The person field is a type-ahead: a name typed, or a pick's token.
    return {"person": f"person:{person.uuid}", "role": role, **extra}


def test_adding_a_member_records_the_organisation_they_represent(tenant_a, business_manager_client):
    person = PersonFactory(partnership=tenant_a.partnership, full_name="Ellen Foster")
    with scopes_disabled():
        person.organisation = tenant_a.agency.organisation
        person.save()
    response = business_manager_client.post(
        _url("board-member-add", tenant_a, board_uuid=tenant_a.board.uuid),
        _seat_data(person, start_date_day="1", start_date_month="4", start_date_year="2025"),
    )
    assert response.status_code == 302
    with scopes_disabled():
        seat = BoardMembership.objects.get(board=tenant_a.board, person=person)
    assert seat.representing == tenant_a.agency.organisation
    assert seat.partnership == tenant_a.partnership


def test_a_board_has_one_chair_at_a_time(tenant_a, business_manager_client):
    person = PersonFactory(partnership=tenant_a.partnership)
    url = _url("board-member-add", tenant_a, board_uuid=tenant_a.board.uuid)
    response = business_manager_client.post(url, _seat_data(person, role="chair"))
    assert "Chris Chair is" in response.content.decode()
    assert "give their seat an end date first" in response.content.decode()


def test_a_person_cannot_hold_two_open_seats_on_one_board(tenant_a, business_manager_client):
    url = _url("board-member-add", tenant_a, board_uuid=tenant_a.board.uuid)
    response = business_manager_client.post(url, _seat_data(tenant_a.person))
    assert f"{tenant_a.person} already sits on" in response.content.decode()


def test_a_seat_cannot_end_before_it_starts(tenant_a, business_manager_client):
    url = _url(
        "board-member-edit", tenant_a, board_uuid=tenant_a.board.uuid, seat_uuid=tenant_a.seat.uuid
    )
    response = business_manager_client.post(
        url,
        _seat_data(
            tenant_a.person,
            start_date_day="1",
            start_date_month="4",
            start_date_year="2025",
            end_date_day="1",
            end_date_month="3",
            end_date_year="2025",
        ),
    )
    assert "The end date must be the same as or after the start date" in response.content.decode()


def test_ending_a_seat_keeps_it_in_the_boards_history(tenant_a, business_manager_client):
    url = _url(
        "board-member-edit", tenant_a, board_uuid=tenant_a.board.uuid, seat_uuid=tenant_a.seat.uuid
    )
    response = business_manager_client.post(
        url,
        _seat_data(
            tenant_a.person,
            start_date_day="1",
            start_date_month="4",
            start_date_year="2024",
            end_date_day="31",
            end_date_month="3",
            end_date_year="2025",
        ),
    )
    assert response.status_code == 302
    html = business_manager_client.get(
        _url("board-detail", tenant_a, board_uuid=tenant_a.board.uuid)
    ).content.decode()
    assert "Past and future members (1)" in html
    with scopes_disabled():
        assert tenant_a.seat.history.count() == 2  # created, then changed: never lost


def test_a_seat_takes_only_this_partnerships_people(tenant_a, tenant_b, business_manager_client):
    """The person is picked from the type-ahead (no list of everyone in the page);
    another partnership's person, by token or by name, is not found."""
    url = _url("board-member-add", tenant_a, board_uuid=tenant_a.board.uuid)
    html = business_manager_client.get(url).content.decode()
    assert "data-typeahead=" in html and "<option" not in html.split('name="person"')[0][-200:]
    assert str(tenant_b.person) not in html
    for value in (f"person:{tenant_b.person.uuid}", tenant_b.person.full_name):
        response = business_manager_client.post(url, {"person": value, "role": "member"})
        assert response.status_code == 200
        assert "govuk-error-summary" in response.content.decode()


def test_business_unit_changes_the_partnerships_details(tenant_a, business_manager_client):
    url = _url("partnership-edit", tenant_a)
    response = business_manager_client.post(
        url,
        {
            "name": tenant_a.partnership.name,
            "areas_covered": "Northshire and Eastshire",
            "covers_adults": "on",
            "financial_year_start_month": "4",
            "meeting_planners": "business_unit",
        },
    )
    assert response.status_code == 302
    tenant_a.partnership.refresh_from_db()
    assert tenant_a.partnership.covers == "adults"
    response = business_manager_client.post(
        url,
        {
            "name": tenant_a.partnership.name,
            "areas_covered": "X",
            "financial_year_start_month": "4",
        },
    )
    assert "Choose children, adults or both" in response.content.decode()


def test_a_partnership_name_is_unique_across_the_service(
    tenant_a, tenant_b, business_manager_client
):
    response = business_manager_client.post(
        _url("partnership-edit", tenant_a),
        {
            "name": tenant_b.partnership.name,
            "areas_covered": "X",
            "covers_children": "on",
            "financial_year_start_month": "4",
        },
    )
    assert "already exists" in response.content.decode()
