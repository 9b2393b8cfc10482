"""Subscribing a calendar app: a personal token link, checked on every request."""

import datetime

from django.urls import reverse
from django_scopes import scopes_disabled
from icalendar import Calendar

from meetings.services import calendar_feed_token
from partnership.models import BoardMembership

from .factories import AgendaItemFactory, MeetingFactory


def _feed(client, token, board):
    return client.get(reverse("calendar-feed", kwargs={"token": token, "board_uuid": board.uuid}))


def _meeting(board, **kwargs):
    today = datetime.date.today()
    return MeetingFactory(board=board, date=today + datetime.timedelta(days=14), **kwargs)


def test_a_calendar_app_reads_the_feed_without_signing_in(tenant_a, client):
    meeting = _meeting(tenant_a.board, venue="Mordiford Room")
    AgendaItemFactory(meeting=meeting, title="Child C: case review sign-off", is_confidential=True)
    token = calendar_feed_token(user=tenant_a.users["member"])
    response = _feed(client, token, tenant_a.board)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert [str(e["location"]) for e in events] == ["Mordiford Room"]
    assert b"Child C" not in response.content  # never the agenda


def test_the_subscribe_page_shows_the_members_own_link(tenant_a, member_client):
    url = reverse(
        "meetings:calendar-subscribe",
        kwargs={"partnership_slug": tenant_a.slug, "board_uuid": tenant_a.board.uuid},
    )
    html = member_client.get(url).content.decode()
    token = calendar_feed_token(user=tenant_a.users["member"])
    assert f"/calendar/{token}/{tenant_a.board.uuid}.ics" in html


def test_replacing_the_link_stops_the_old_one(tenant_a, member_client, client):
    old = calendar_feed_token(user=tenant_a.users["member"])
    url = reverse(
        "meetings:calendar-subscribe",
        kwargs={"partnership_slug": tenant_a.slug, "board_uuid": tenant_a.board.uuid},
    )
    assert member_client.post(url).status_code == 302
    new = calendar_feed_token(user=tenant_a.users["member"])
    assert new != old
    assert _feed(client, old, tenant_a.board).status_code == 404
    assert _feed(client, new, tenant_a.board).status_code == 200


def test_the_feed_follows_the_members_access(tenant_a, tenant_b, client):
    member = tenant_a.users["member"]
    token = calendar_feed_token(user=member)
    # Not a board they sit on, nor another partnership's: the same 404.
    assert _feed(client, token, tenant_a.subgroup).status_code == 404
    assert _feed(client, token, tenant_b.board).status_code == 404
    # Leaving the board ends the feed.
    with scopes_disabled():
        BoardMembership.objects.filter(pk=tenant_a.seat.pk).update(
            start_date=datetime.date(2020, 1, 1), end_date=datetime.date(2021, 1, 1)
        )
    assert _feed(client, token, tenant_a.board).status_code == 404


def test_the_feed_ends_with_the_membership(tenant_a, client):
    token = calendar_feed_token(user=tenant_a.users["observer"])
    assert _feed(client, token, tenant_a.board).status_code == 200
    with scopes_disabled():
        membership = tenant_a.memberships["observer"]
        membership.is_active = False
        membership.save()
    assert _feed(client, token, tenant_a.board).status_code == 404
