from django.urls import reverse
from django_scopes import scopes_disabled

from partnership.models import Organisation, PartnerAgency, Person

from ..factories import OrganisationFactory, PersonFactory


def _url(name, tenant, **kwargs):
    return reverse(f"partnership:{name}", kwargs={"partnership_slug": tenant.slug, **kwargs})


def test_adding_a_person_fills_initials_from_the_name(tenant_a, business_manager_client):
    response = business_manager_client.post(
        _url("person-create", tenant_a),
        {"full_name": "Philippa Granthier", "job_title": "Interim Business Manager"},
    )
    assert response.status_code == 302
    with scopes_disabled():
        person = Person.objects.get(full_name="Philippa Granthier")
    assert person.initials == "PG"
    assert person.partnership == tenant_a.partnership


def test_a_bad_email_keeps_everything_typed(tenant_a, business_manager_client):
    response = business_manager_client.post(
        _url("person-create", tenant_a),
        {
            "full_name": "Ed Hughes",
            "job_title": "Business Support Co-ordinator",
            "email": "ed at herefordshire",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert 'value="Ed Hughes"' in html and 'value="Business Support Co-ordinator"' in html
    assert 'value="ed at herefordshire"' in html
    assert "govuk-input--error" in html
    assert "<title>Error: " in html


def test_people_search_finds_by_name_initials_and_organisation(tenant_a, minute_taker_client):
    org = OrganisationFactory(name="West Mercia Police", short_name="WMP")
    with scopes_disabled():
        sue = PersonFactory(partnership=tenant_a.partnership, full_name="Sue Thomas", initials="ST")
        sue.organisation = org
        sue.save()
    PersonFactory(partnership=tenant_a.partnership, full_name="Liz Murphy", initials="LM")
    for query in ("thomas", "ST", "mercia"):
        html = minute_taker_client.get(_url("person-list", tenant_a), {"q": query}).content.decode()
        assert "Sue Thomas" in html and "Liz Murphy" not in html, query


def test_people_who_have_left_are_hidden_unless_asked_for(tenant_a, business_manager_client):
    PersonFactory(partnership=tenant_a.partnership, full_name="Gone Person", is_active=False)
    url = _url("person-list", tenant_a)
    assert "Gone Person" not in business_manager_client.get(url).content.decode()
    assert (
        "Gone Person"
        in business_manager_client.get(url, {"include_inactive": "1"}).content.decode()
    )


def test_people_list_paginates_in_a_fixed_number_of_queries(
    tenant_a, business_manager_client, count_queries
):
    url = _url("person-list", tenant_a)
    business_manager_client.get(url)
    few = count_queries(lambda: business_manager_client.get(url))
    for n in range(60):
        PersonFactory(partnership=tenant_a.partnership, full_name=f"Person {n:02d}")
    assert count_queries(lambda: business_manager_client.get(url)) == few
    html = business_manager_client.get(url, {"page": "3"}).content.decode()
    assert 'aria-label="Page 3" aria-current="page"' in html
    assert business_manager_client.get(url, {"page": "banana"}).status_code == 200


def test_person_page_lists_their_board_seats(tenant_a, business_manager_client):
    html = business_manager_client.get(
        _url("person-detail", tenant_a, person_uuid=tenant_a.person.uuid)
    ).content.decode()
    assert tenant_a.board.name in html


def test_adding_an_agency_for_a_known_organisation(tenant_a, business_manager_client):
    org = OrganisationFactory(name="West Midlands Fire Service", kind="fire")
    response = business_manager_client.post(
        _url("agency-create", tenant_a), {"organisation": org.pk, "kind": "relevant"}
    )
    assert response.status_code == 302
    with scopes_disabled():
        assert PartnerAgency.objects.filter(
            partnership=tenant_a.partnership, organisation=org
        ).exists()


def test_adding_an_agency_with_a_new_organisation_creates_it_once(
    tenant_a, tenant_b, business_manager_client, client_for
):
    data = {
        "new_organisation_name": "Cafcass",
        "new_organisation_kind": "other",
        "kind": "relevant",
    }
    assert business_manager_client.post(_url("agency-create", tenant_a), data).status_code == 302
    # Another partnership naming the same organisation reuses it: shared reference data.
    other = client_for(tenant_b.users["business_manager"])
    assert (
        other.post(
            _url("agency-create", tenant_b), {**data, "new_organisation_name": "CAFCASS"}
        ).status_code
        == 302
    )
    assert Organisation.objects.filter(name__iexact="cafcass").count() == 1


def test_an_agency_needs_one_organisation_not_both_nor_none(tenant_a, business_manager_client):
    org = OrganisationFactory()
    url = _url("agency-create", tenant_a)
    both = business_manager_client.post(
        url, {"organisation": org.pk, "new_organisation_name": "X", "kind": "relevant"}
    )
    assert "Choose an organisation or add a new one, not both" in both.content.decode()
    neither = business_manager_client.post(url, {"kind": "relevant"})
    assert "Choose an organisation, or add a new one below" in neither.content.decode()
    no_kind = business_manager_client.post(
        url, {"new_organisation_name": "New Org", "kind": "relevant"}
    )
    assert "Choose the kind of organisation" in no_kind.content.decode()


def test_an_organisation_is_a_partner_agency_once(tenant_a, business_manager_client):
    response = business_manager_client.post(
        _url("agency-create", tenant_a),
        {"organisation": tenant_a.agency.organisation.pk, "kind": "relevant"},
    )
    assert "is already a partner agency here" in response.content.decode()


def test_an_agency_lead_must_be_one_of_this_partnerships_people(
    tenant_a, tenant_b, business_manager_client
):
    url = _url("agency-edit", tenant_a, agency_uuid=tenant_a.agency.uuid)
    response = business_manager_client.post(
        url,
        {
            "kind": "statutory",
            "lead_representative": f"person:{tenant_b.person.uuid}",
            "is_active": "on",
        },
    )
    assert "No one called ‘person:" in response.content.decode()
    response = business_manager_client.post(
        url,
        {"kind": "statutory", "lead_representative": tenant_a.person.full_name, "is_active": "on"},
    )
    assert response.status_code == 302
