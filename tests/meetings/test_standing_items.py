"""A board's standing items: the usual ones until the business unit changes
them, numbered in the board's style on every new agenda, renamed in place on the
settings page (a plain form, or htmx) without touching agendas already made."""

import datetime

import pytest
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from meetings import services
from meetings.models import MeetingSettings, StandingItem

from .conftest import url

WELCOME = "Welcome, introductions and apologies"
PREVIOUS = "Minutes of the previous meeting, action log and matters arising"
AOB = "Any other business"


def _plan(tenant, days=14):
    with scope(partnership=tenant.partnership):
        meeting = services.meeting_create(
            board=tenant.board,
            acting_user=tenant.users["business_manager"],
            date=timezone.localdate() + datetime.timedelta(days=days),
            venue="Council House",
        )
        return [(i.number, i.title) for i in meeting.items.order_by("position")]


def _settings(tenant):
    return url("board-settings", tenant, board_uuid=tenant.board.uuid)


def _rename(tenant, ref):
    return url("standing-item-rename", tenant, board_uuid=tenant.board.uuid, ref=ref)


def _standing(tenant):
    with scopes_disabled():
        return list(StandingItem.objects.filter(board=tenant.board).order_by("position"))


def _numbering(client, tenant, style):
    response = client.post(
        _settings(tenant),
        {"default_venue": "", "owner_names": "initials", "agenda_numbering": style},
    )
    assert response.status_code == 302


# Numbering ----------------------------------------------------------------------


def test_the_usual_standing_items_are_numbered_in_the_boards_style(
    tenant_a, business_manager_client
):
    # Herefordshire's style, the default: the welcome has no number.
    first = _plan(tenant_a)
    assert first == [("", WELCOME), ("1", PREVIOUS), ("2", AOB)]

    # Dudley's: every item numbered, the welcome first.
    _numbering(business_manager_client, tenant_a, "welcome_numbered")
    assert _plan(tenant_a, days=28) == [("1", WELCOME), ("2", PREVIOUS), ("3", AOB)]
    # The agenda already made keeps its numbers.
    with scopes_disabled():
        assert MeetingSettings.objects.get(board=tenant_a.board).agenda_numbering == (
            "welcome_numbered"
        )
    assert _standing(tenant_a) == [], "changing the style alone leaves the usual items usual"


def test_the_boards_own_welcome_follows_its_numbering_style(tenant_a, business_manager_client):
    business_manager_client.post(_rename(tenant_a, "default-1"), {"title": "Welcome and apologies"})
    assert _plan(tenant_a)[0] == ("", "Welcome and apologies")
    _numbering(business_manager_client, tenant_a, "welcome_numbered")
    assert _plan(tenant_a, days=28)[:2] == [("1", "Welcome and apologies"), ("2", PREVIOUS)]


def test_the_settings_page_lists_the_items_with_the_numbers_they_will_get(
    tenant_a, business_manager_client
):
    page = business_manager_client.get(_settings(tenant_a)).content.decode()
    assert "These are the usual standing items" in page
    assert "How agendas are numbered" in page
    for ref, title in (("default-1", WELCOME), ("default-2", PREVIOUS), ("default-3", AOB)):
        assert f'id="standing-{ref}"' in page and title in page
    assert "Not numbered" in page
    board_page = business_manager_client.get(tenant_a.board.get_absolute_url()).content.decode()
    assert f"1. {PREVIOUS}" in board_page and f"2. {AOB}" in board_page


# Renaming in place --------------------------------------------------------------


def test_renaming_a_usual_item_in_place_without_javascript(tenant_a, business_manager_client):
    before = _plan(tenant_a)
    page = business_manager_client.get(_rename(tenant_a, "default-2")).content.decode()
    assert f"New title for ‘{PREVIOUS}’" in page
    assert f'name="title" type="text" value="{PREVIOUS}"' in page

    response = business_manager_client.post(
        _rename(tenant_a, "default-2"), {"title": "  Minutes, matters arising and action log "}
    )
    assert response.status_code == 302
    assert response["Location"] == _settings(tenant_a)
    page = business_manager_client.get(response["Location"]).content.decode()
    assert f"‘{PREVIOUS}’ renamed ‘Minutes, matters arising and action log’" in page

    # The usual items became the board's own, in the same order, kinds kept.
    rows = _standing(tenant_a)
    assert [(r.title, r.kind) for r in rows] == [
        (WELCOME, "welcome"),
        ("Minutes, matters arising and action log", "previous_minutes"),
        (AOB, "item"),
    ]
    # Who renamed it is in its history.
    with scopes_disabled():
        latest = rows[1].history.order_by("-history_date").first()
    assert latest.history_user == tenant_a.users["business_manager"]
    assert latest.title == "Minutes, matters arising and action log"

    # New agendas use the new title; the one already made keeps the old.
    assert _plan(tenant_a, days=28)[1] == ("1", "Minutes, matters arising and action log")
    with scopes_disabled():
        from meetings.models import Meeting

        first = Meeting.objects.filter(board=tenant_a.board).order_by("date").first()
        assert [(i.number, i.title) for i in first.items.order_by("position")] == before


@pytest.mark.parametrize(
    ("typed", "error"),
    [
        ("   ", "Enter the title of the standing item"),
        ("x" * 301, "The title must be 300 characters or fewer"),
    ],
)
def test_a_bad_title_gets_govuk_errors_and_keeps_what_was_typed(
    tenant_a, business_manager_client, typed, error
):
    response = business_manager_client.post(_rename(tenant_a, "default-1"), {"title": typed})
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert f'<a href="#rename-default-1-title">{error}</a>' in page
    assert 'id="rename-default-1-title_error"' in page and "govuk-input--error" in page
    if typed.strip():
        assert f'value="{typed}"' in page
    assert _standing(tenant_a) == [], "nothing saved"


def test_renaming_with_htmx_answers_with_the_standing_items_in_place(
    tenant_a, business_manager_client
):
    htmx = {"HTTP_HX_REQUEST": "true"}
    open_ = business_manager_client.get(_rename(tenant_a, "default-3"), **htmx)
    assert 'id="standing-items"' in open_.content.decode()
    assert "autofocus" in open_.content.decode()

    bad = business_manager_client.post(_rename(tenant_a, "default-3"), {"title": ""}, **htmx)
    section = bad.content.decode().split('id="standing-items"', 1)[1]
    assert "There is a problem" in section, "the error summary comes with the swapped section"

    saved = business_manager_client.post(
        _rename(tenant_a, "default-3"), {"title": "Any other business and close"}, **htmx
    )
    assert saved.status_code == 200
    section = saved.content.decode().split('id="standing-items"', 1)[1]
    assert "‘Any other business’ renamed ‘Any other business and close’" in section
    aob = _standing(tenant_a)[2]
    assert aob.title == "Any other business and close"
    # The swapped section names the board's own rows now, not the defaults.
    assert f'id="standing-{aob.uuid}"' in section and "default-1" not in section


def test_a_page_from_before_the_items_became_the_boards_own_is_not_found(
    tenant_a, business_manager_client
):
    business_manager_client.post(_rename(tenant_a, "default-1"), {"title": "Welcome"})
    stale = business_manager_client.post(_rename(tenant_a, "default-2"), {"title": "Minutes"})
    assert stale.status_code == 404
    assert business_manager_client.get(_rename(tenant_a, "default-9")).status_code == 404
    assert business_manager_client.get(_rename(tenant_a, "not-a-ref")).status_code == 400


def test_the_minute_taker_may_not_rename_standing_items(tenant_a, minute_taker_client):
    response = minute_taker_client.post(_rename(tenant_a, "default-1"), {"title": "Hello"})
    assert response.status_code == 403
    assert _standing(tenant_a) == []


# Moving, changing and adding the usual items -----------------------------------


def test_moving_a_usual_item_makes_them_the_boards_own(tenant_a, business_manager_client):
    business_manager_client.post(_settings(tenant_a), {"move": "default-3:up"})
    assert [r.title for r in _standing(tenant_a)] == [WELCOME, AOB, PREVIOUS]


def test_changing_the_usual_welcome_keeps_it_the_welcome(tenant_a, business_manager_client):
    edit = url("standing-item-edit", tenant_a, board_uuid=tenant_a.board.uuid, ref="default-1")
    page = business_manager_client.get(edit).content.decode()
    assert 'name="numbering"' not in page, "the board's style numbers the welcome"
    response = business_manager_client.post(
        edit, {"title": "Welcome", "purpose": "", "minutes_allowed": "5"}
    )
    assert response.status_code == 302
    welcome = _standing(tenant_a)[0]
    assert (welcome.title, welcome.kind, welcome.minutes_allowed) == ("Welcome", "welcome", 5)


def test_removing_a_usual_item_keeps_the_others(tenant_a, business_manager_client):
    edit = url("standing-item-edit", tenant_a, board_uuid=tenant_a.board.uuid, ref="default-3")
    business_manager_client.post(edit, {"remove": "1"})
    assert [r.title for r in _standing(tenant_a)] == [WELCOME, PREVIOUS]
