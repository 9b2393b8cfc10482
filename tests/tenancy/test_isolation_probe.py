"""The isolation probe: walks the whole URLconf and checks every tenant URL for
every kind of visitor. Another partnership's objects must give 404; a new URL
without a probe fails the build."""

import pytest
from django.urls import URLResolver, get_resolver, reverse
from django_scopes import scopes_disabled

from .fingerprint import changes, tenant_fingerprint
from .probes import NON_TENANT, NON_TENANT_KWARGS, PROBES, Probe

ALL_ROLES = sorted(r for r in PROBES["dashboard:overview"].allowed)


def _walk(resolver, prefix="", namespace=""):
    for pattern in resolver.url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            ns = pattern.namespace
            yield from _walk(pattern, route, f"{namespace}{ns}:" if ns else namespace)
        elif pattern.name:
            yield f"{namespace}{pattern.name}", route


def _named_urls():
    return [(name, route) for name, route in _walk(get_resolver()) if not name.startswith("admin:")]


def test_every_tenant_url_is_probed():
    tenant_urls = {name for name, route in _named_urls() if "<slug:partnership_slug>" in route}
    missing = tenant_urls - PROBES.keys()
    assert not missing, f"Tenant URLs without an isolation probe: {sorted(missing)}"
    stale = PROBES.keys() - tenant_urls
    assert not stale, f"Probes for URLs that no longer exist: {sorted(stale)}"


def test_every_other_url_is_classified():
    others = {name for name, route in _named_urls() if "<slug:partnership_slug>" not in route}
    assert others == NON_TENANT.keys(), (
        f"Unclassified: {sorted(others - NON_TENANT.keys())}; "
        f"gone: {sorted(NON_TENANT.keys() - others)}"
    )


def _url(name, slug, probe: Probe, tenant, make_kwargs=None):
    with scopes_disabled():
        kwargs = (make_kwargs or probe.kwargs)(tenant)
    return reverse(name, kwargs={"partnership_slug": slug, **kwargs})


# What a refused POST sends: plausible values for the fields our forms have, so
# a view that forgot to refuse would have something to save.
SNEAKY_POST = {
    "name": "Sneaky",
    "title": "Sneaky",
    "full_name": "Sneaky",
    "description": "Sneaky",
    "text": "Sneaky",
    "discussion": "<p>Sneaky</p>",
    "decisions": "Sneaky",
    "reason": "Sneaky",
    "owners": "All",
    "role": "business_manager",
    "email": "sneaky@example.org",
    "first_name": "Sneaky",
    "last_name": "Sneaky",
    "version": "0",
    "fingerprint": "x",
    "confirm": "yes",
}


@pytest.mark.parametrize("name", sorted(PROBES))
def test_anonymous_is_sent_to_sign_in(name, tenant_a, client):
    probe = PROBES[name]
    response = client.get(_url(name, tenant_a.slug, probe, tenant_a))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_anonymous_is_sent_to_sign_in_even_for_a_partnership_that_does_not_exist(client):
    response = client.get("/p/no-such-partnership/")
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize("name", sorted(PROBES))
def test_stranger_gets_404_and_changes_nothing(name, tenant_a, stranger_client):
    probe = PROBES[name]
    url = _url(name, tenant_a.slug, probe, tenant_a)
    before = tenant_fingerprint(tenant_a.partnership)
    assert stranger_client.get(url).status_code == 404
    assert stranger_client.post(url, SNEAKY_POST).status_code == 404
    assert not changes(before, tenant_fingerprint(tenant_a.partnership))


def _variants():
    return sorted(
        (name, label) for name, probe in PROBES.items() for label, _, _ in probe.variants()
    )


def _variant(name, label):
    probe = PROBES[name]
    return next((make, hidden) for lbl, make, hidden in probe.variants() if lbl == label)


@pytest.mark.parametrize(("name", "variant"), _variants())
def test_each_role_gets_what_its_role_allows(name, variant, tenant_a, client_for):
    probe = PROBES[name]
    make, hidden = _variant(name, variant)
    url = _url(name, tenant_a.slug, probe, tenant_a, make)
    results = {role: client_for(tenant_a.users[role]).get(url).status_code for role in ALL_ROLES}
    expected = {role: probe.expected(role) for role in ALL_ROLES}
    if hidden is not None:
        # Whoever may not know the record exists: 404 where they would otherwise
        # see it; refused either way where they could not.
        assert results[hidden] == 404 or (
            hidden not in probe.allowed and results[hidden] == probe.expected(hidden)
        ), (hidden, results[hidden])
        expected[hidden] = results[hidden]
    assert results == expected


@pytest.mark.parametrize(("name", "variant"), _variants())
def test_refused_roles_posting_are_refused_and_change_nothing(name, variant, tenant_a, client_for):
    """Every URL, form page or not, posted to by every role that may not use it,
    with values a form would save: refused, and the partnership's data (every
    tenant table and its history, re-read) exactly as it was."""
    probe = PROBES[name]
    make, hidden = _variant(name, variant)
    url = _url(name, tenant_a.slug, probe, tenant_a, make)
    refused = set(ALL_ROLES) - probe.allowed
    if hidden is not None:
        refused.add(hidden)
    if not refused:
        pytest.skip("every role may use this URL")
    clients = {role: client_for(tenant_a.users[role]) for role in refused}
    before = tenant_fingerprint(tenant_a.partnership)
    for role in sorted(refused):
        status = clients[role].post(url, SNEAKY_POST).status_code
        allowed_statuses = {probe.expected(role), 405} | ({403, 404} if role == hidden else set())
        assert status in allowed_statuses, (role, status)
    assert not changes(before, tenant_fingerprint(tenant_a.partnership))


@pytest.mark.parametrize("name", sorted(n for n, p in PROBES.items() if p.posts))
def test_allowed_roles_posting_nothing_get_the_form_back_not_an_error(name, tenant_a, client_for):
    probe = PROBES[name]
    url = _url(name, tenant_a.slug, probe, tenant_a)
    role = sorted(probe.allowed)[0]
    response = client_for(tenant_a.users[role]).post(url, {})
    assert response.status_code == 200
    assert b"govuk-error-summary" in response.content


def _urls_naming_objects():
    return sorted(
        name
        for name, route in _named_urls()
        if "<slug:partnership_slug>" in route and route.count("<") > 1
    )


@pytest.mark.parametrize("name", _urls_naming_objects())
def test_another_partnerships_objects_give_404(name, tenant_a, tenant_b, client_for):
    """A business manager of A, on A's URL, naming B's objects: 404, never B's
    data, and a POST there changes nothing in B."""
    probe = PROBES[name]
    with scopes_disabled():
        foreign_kwargs = probe.kwargs(tenant_b)
    url = reverse(name, kwargs={"partnership_slug": tenant_a.slug, **foreign_kwargs})
    client = client_for(tenant_a.users["business_manager"])
    before = tenant_fingerprint(tenant_b.partnership)
    assert client.get(url).status_code == 404
    assert client.post(url, SNEAKY_POST).status_code == 404
    assert not changes(before, tenant_fingerprint(tenant_b.partnership))


@pytest.mark.parametrize("name", sorted(NON_TENANT))
def test_non_tenant_urls_for_anonymous_visitors(name, db, client):
    url = reverse(name, kwargs=NON_TENANT_KWARGS.get(name))
    response = client.get(url)
    expected = NON_TENANT[name]
    if expected == "login":
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))
    else:
        assert response.status_code == expected


def test_inactive_membership_gives_404(tenant_a, client_for):
    membership = tenant_a.memberships["observer"]
    with scopes_disabled():
        membership.is_active = False
        membership.save()
    response = client_for(tenant_a.users["observer"]).get(f"/p/{tenant_a.slug}/")
    assert response.status_code == 404
