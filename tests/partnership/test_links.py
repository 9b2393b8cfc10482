"""partnership.links.reverse and the `{% url %}` tag built on it: each view's
URL resolved once, the UUIDs written in, the same URL as Django's reverse."""

import uuid

import pytest
from django.template import Context, Template
from django.urls import NoReverseMatch, set_script_prefix
from django.urls import reverse as django_reverse

from partnership import links


@pytest.fixture(autouse=True)
def _fresh_cache():
    links._shape.cache_clear()
    yield
    set_script_prefix("/")


CASES = [
    ("actions:action-detail", {"partnership_slug": "northshire", "action_uuid": uuid.uuid4()}),
    (
        "meetings:minutes-item",
        {"partnership_slug": "a-b", "meeting_uuid": uuid.uuid4(), "item_uuid": uuid.uuid4()},
    ),
    ("dashboard:overview", {"partnership_slug": "northshire"}),
    ("funding:year", {"partnership_slug": "northshire", "year": "2025-26"}),
]


@pytest.mark.parametrize(("name", "kwargs"), CASES)
def test_the_same_url_as_django_every_time(name, kwargs):
    for _ in range(2):  # resolved, then from the cache
        assert links.reverse(name, kwargs=kwargs) == django_reverse(name, kwargs=kwargs)


def test_each_object_gets_its_own_uuids_and_partnership():
    first, second = uuid.uuid4(), uuid.uuid4()
    url = "meetings:minutes-item"
    a = links.reverse(
        url, kwargs={"partnership_slug": "a", "meeting_uuid": first, "item_uuid": second}
    )
    b = links.reverse(
        url, kwargs={"partnership_slug": "b", "meeting_uuid": second, "item_uuid": first}
    )
    assert a == f"/p/a/meetings/{first}/items/{second}/minutes/"
    assert b == f"/p/b/meetings/{second}/items/{first}/minutes/"
    assert links._shape.cache_info().currsize == 2  # one shape per partnership


def test_a_view_resolved_once_for_many_objects():
    for _ in range(50):
        links.reverse(
            "actions:action-detail",
            kwargs={"partnership_slug": "northshire", "action_uuid": uuid.uuid4()},
        )
    assert links._shape.cache_info().misses == 1


def test_the_script_prefix_is_part_of_the_shape():
    kwargs = {"partnership_slug": "northshire", "action_uuid": uuid.uuid4()}
    links.reverse("actions:action-detail", kwargs=kwargs)
    set_script_prefix("/spm/")
    assert links.reverse("actions:action-detail", kwargs=kwargs).startswith("/spm/p/northshire/")


def test_what_cannot_be_resolved_still_says_so():
    with pytest.raises(NoReverseMatch):
        links.reverse("actions:action-detail", kwargs={"action_uuid": uuid.uuid4()})
    with pytest.raises(NoReverseMatch):
        links.reverse("actions:no-such-page", kwargs={"partnership_slug": "x", "a": uuid.uuid4()})


def test_the_url_tag_in_every_template_is_this_one():
    action = uuid.uuid4()
    template = Template(
        "{% url 'actions:action-detail' partnership_slug=slug action_uuid=action %}|"
        "{% url 'actions:action-detail' partnership_slug=slug action_uuid=action as link %}"
        "{{ link }}|{% url 'no-such-page' as missing %}[{{ missing }}]"
    )
    rendered = template.render(Context({"slug": "northshire", "action": action}))
    expected = django_reverse(
        "actions:action-detail", kwargs={"partnership_slug": "northshire", "action_uuid": action}
    )
    assert rendered == f"{expected}|{expected}|[]"
    assert links._shape.cache_info().hits == 1


def test_urls_without_uuids_are_resolved_once_too():
    for _ in range(3):
        assert links.reverse("dashboard:overview", kwargs={"partnership_slug": "a"}) == "/p/a/"
        assert links.reverse("healthz") == django_reverse("healthz")
    assert links._shape.cache_info().misses == 2


def test_arguments_that_cannot_be_a_key_get_djangos_answer():
    with pytest.raises(NoReverseMatch):  # Django's own refusal, not a TypeError from the cache
        links.reverse("dashboard:overview", kwargs={"partnership_slug": ["a"]})


def test_row_urls_are_djangos_for_each_row():
    """One view's URL for many rows, resolved once: each is Django's own."""
    url_of = links.row_urls("actions:action-detail", "action_uuid", partnership_slug="north-a")
    for value in (uuid.uuid4() for _ in range(5)):
        assert url_of(value) == django_reverse(
            "actions:action-detail",
            kwargs={"partnership_slug": "north-a", "action_uuid": value},
        )
