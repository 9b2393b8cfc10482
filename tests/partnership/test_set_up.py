"""Setting up a partnership in fewer steps (issue 12 item 11): a person with
their agency, board seats and account in one form; board members ticked on the
people list; the partnership's own name for an agency."""

import pytest
from django.core import mail
from django.urls import reverse
from django_scopes import scopes_disabled

from partnership.models import BoardMembership, Membership, Organisation, PartnerAgency, Person

from ..factories import OrganisationFactory, PartnerAgencyFactory, PersonFactory

pytestmark = pytest.mark.django_db


def _url(name, tenant, **kwargs):
    return reverse(f"partnership:{name}", kwargs={"partnership_slug": tenant.slug, **kwargs})


def test_a_person_with_a_new_agency_a_seat_and_an_account_in_one_form(
    tenant_a, business_manager_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = business_manager_client.post(
            _url("person-create", tenant_a),
            {
                "full_name": "Priya Natarajan",
                "job_title": "Detective Superintendent",
                "email": "priya.natarajan@example.org",
                "agency": "new",
                "new_agency_name": "Fairshire Police",
                "new_agency_short_name": "FP",
                "new_agency_kind": "police",
                "new_agency_statutory": "on",
                "boards": [str(tenant_a.board.uuid), str(tenant_a.subgroup.uuid)],
                "seat_role": "member",
                "account_role": "member",
                "then": "another",
            },
        )
    assert response.status_code == 302
    assert response["Location"] == _url("person-create", tenant_a)
    with scopes_disabled():
        person = Person.objects.get(full_name="Priya Natarajan")
        agency = PartnerAgency.objects.get(
            partnership=tenant_a.partnership, organisation__name="Fairshire Police"
        )
        assert agency.kind == "statutory" and agency.organisation.short_name == "FP"
        assert person.organisation == agency.organisation
        seats = BoardMembership.objects.filter(person=person)
        assert {s.board for s in seats} == {tenant_a.board, tenant_a.subgroup}
        assert all(s.representing == agency.organisation and s.role == "member" for s in seats)
        membership = Membership.objects.get(
            partnership=tenant_a.partnership, user__email="priya.natarajan@example.org"
        )
        assert membership.role == "member" and person.user_id == membership.user_id
    assert [m.to for m in mail.outbox] == [["priya.natarajan@example.org"]]


def test_a_person_picks_an_existing_agency(tenant_a, business_manager_client):
    response = business_manager_client.post(
        _url("person-create", tenant_a),
        {"full_name": "Sam Kerr", "agency": str(tenant_a.agency.uuid)},
    )
    assert response.status_code == 302
    with scopes_disabled():
        assert Person.objects.get(full_name="Sam Kerr").organisation == tenant_a.agency.organisation
        assert not BoardMembership.objects.filter(person__full_name="Sam Kerr").exists()


def test_the_one_form_explains_what_is_missing_and_keeps_what_was_typed(
    tenant_a, business_manager_client
):
    with scopes_disabled():
        before = PartnerAgency.objects.count(), Person.objects.count()
    response = business_manager_client.post(
        _url("person-create", tenant_a),
        {
            "full_name": "Owen Price",
            "agency": "new",
            "new_agency_name": "Fairshire ICB",
            "account_role": "member",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Choose the kind of organisation" in html
    assert "Enter their email address to give them an account" in html
    assert 'value="Owen Price"' in html and 'value="Fairshire ICB"' in html
    response = business_manager_client.post(
        _url("person-create", tenant_a),
        {
            "full_name": "Owen Price",
            "new_agency_name": tenant_a.agency.organisation.name,
            "agency": "new",
        },
    )
    assert "is already a partner agency here" in response.content.decode()
    with scopes_disabled():
        assert (PartnerAgency.objects.count(), Person.objects.count()) == before


def test_board_members_are_added_in_bulk_from_the_people_list(tenant_a, business_manager_client):
    ann = PersonFactory(partnership=tenant_a.partnership, full_name="Ann Other")
    bob = PersonFactory(partnership=tenant_a.partnership, full_name="Bob Other")
    people_url = _url("person-list", tenant_a)
    page = business_manager_client.get(people_url).content.decode()
    assert f'value="{ann.uuid}"' in page and "Add to the board" in page
    response = business_manager_client.post(
        people_url + "?q=other",
        {
            "people": [str(ann.uuid), str(bob.uuid), str(tenant_a.person.uuid), "not-a-uuid"],
            "board": str(tenant_a.board.uuid),
            "role": "adviser",
        },
    )
    assert response.status_code == 302 and response["Location"] == people_url + "?q=other"
    with scopes_disabled():
        seats = BoardMembership.objects.filter(board=tenant_a.board)
        assert {s.person for s in seats.filter(role="adviser")} == {ann, bob}
        assert seats.filter(person=tenant_a.person).count() == 1  # already sat: left alone
    listing = business_manager_client.get(people_url + "?q=other").content.decode()
    assert "2 people added to" in listing and "(1 already sat on it)" in listing


def test_bulk_seats_need_ticks_and_a_board(tenant_a, business_manager_client):
    ann = PersonFactory(partnership=tenant_a.partnership, full_name="Ann Other")
    response = business_manager_client.post(
        _url("person-list", tenant_a), {"people": [str(ann.uuid)], "role": "member"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in html and "Choose the board or group" in html
    assert "checked" in html  # the ticks are kept
    response = business_manager_client.post(
        _url("person-list", tenant_a), {"board": str(tenant_a.board.uuid), "role": "member"}
    )
    assert "Tick the people to add to the board" in response.content.decode()


def test_only_the_business_unit_seats_people_from_the_list(tenant_a, minute_taker_client):
    ann = PersonFactory(partnership=tenant_a.partnership, full_name="Ann Other")
    page = minute_taker_client.get(_url("person-list", tenant_a)).content.decode()
    assert "Add to the board" not in page
    response = minute_taker_client.post(
        _url("person-list", tenant_a),
        {"people": [str(ann.uuid)], "board": str(tenant_a.board.uuid), "role": "member"},
    )
    assert response.status_code == 403
    with scopes_disabled():
        assert not BoardMembership.objects.filter(person=ann).exists()


def test_a_representatives_organisation_shows_as_the_partnership_names_it(
    tenant_a, business_manager_client
):
    council = OrganisationFactory(name="Fairshire County Council")
    agency = PartnerAgencyFactory(partnership=tenant_a.partnership, organisation=council)
    response = business_manager_client.post(
        _url("agency-edit", tenant_a, agency_uuid=agency.uuid),
        {"kind": "statutory", "display_name": "Fairshire Children's Services", "is_active": "on"},
    )
    assert response.status_code == 302
    tom = PersonFactory(
        partnership=tenant_a.partnership, full_name="Tom Ashby", organisation=council
    )
    with scopes_disabled():
        BoardMembership.objects.create(
            board=tenant_a.board, person=tom, representing=council, partnership=tenant_a.partnership
        )
        assert Organisation.objects.get(pk=council.pk).name == "Fairshire County Council"
    board_page = business_manager_client.get(tenant_a.board.get_absolute_url()).content.decode()
    assert "Fairshire Children&#x27;s Services" in board_page
    person_page = business_manager_client.get(tom.get_absolute_url()).content.decode()
    assert "representing Fairshire Children&#x27;s Services" in person_page
    agencies = business_manager_client.get(_url("agency-list", tenant_a)).content.decode()
    assert "Known here as Fairshire Children&#x27;s Services" in agencies
    # The people list shows it too, and finds people by it.
    people = business_manager_client.get(_url("person-list", tenant_a), {"q": "children's"})
    html = people.content.decode()
    assert "Tom Ashby" in html
    assert '<td class="govuk-table__cell">Fairshire Children&#x27;s Services</td>' in html
