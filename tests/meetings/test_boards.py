"""The board's meetings: its page, the overview, settings (quorum, standing
items) and the forward plan."""

import datetime

from django.utils import timezone
from django_scopes import scope, scopes_disabled

from meetings import services
from meetings.forms import month_choices
from meetings.models import ForwardPlanItem, MeetingSettings, StandingItem

from .conftest import url
from .factories import ForwardPlanItemFactory


def _upcoming(tenant, days=14):
    with scope(partnership=tenant.partnership):
        return services.meeting_create(
            board=tenant.board,
            acting_user=tenant.users["business_manager"],
            date=timezone.localdate() + datetime.timedelta(days=days),
            venue="Council House",
        )


def test_the_overview_and_board_page_show_the_next_meeting(tenant_a, member_client):
    meeting = _upcoming(tenant_a)
    when = f"{meeting.date:%-d %B %Y}"
    overview = member_client.get(f"/p/{tenant_a.slug}/").content.decode()
    assert (
        f'Next meeting: <a class="govuk-link" href="{meeting.get_absolute_url()}">{when}</a>'
        in (overview)
    )
    board = member_client.get(tenant_a.board.get_absolute_url()).content.decode()
    assert "Next meeting:" in board and when in board
    assert "Forward plan" in board
    assert "Standing items" in board


def test_the_board_page_section_keeps_a_constant_number_of_queries(
    tenant_a, member_client, count_queries
):
    _upcoming(tenant_a, 7)
    first = count_queries(lambda: member_client.get(tenant_a.board.get_absolute_url()))
    for days in (21, 35, 49, -20, -40):
        _upcoming(tenant_a, days)
    assert count_queries(lambda: member_client.get(tenant_a.board.get_absolute_url())) == first


def test_the_business_unit_sets_the_quorum_and_standing_items(tenant_a, business_manager_client):
    settings_url = url("board-settings", tenant_a, board_uuid=tenant_a.board.uuid)
    response = business_manager_client.post(
        settings_url,
        {
            "quorum_statutory_partners": "on",
            "quorum_minimum": "3",
            "default_venue": "",
            "owner_names": "initials",
            "agenda_numbering": "welcome_not_numbered",
        },
    )
    assert response.status_code == 302
    with scopes_disabled():
        rules = MeetingSettings.objects.get(board=tenant_a.board)
    assert rules.quorum_rule == "each statutory partner present and at least 3 members present"
    create = url("standing-item-create", tenant_a, board_uuid=tenant_a.board.uuid)
    business_manager_client.post(
        create, {"title": "Minutes and action log", "numbering": "main", "previous_minutes": "on"}
    )
    business_manager_client.post(create, {"title": "Voice of the child", "numbering": "main"})
    response = business_manager_client.post(create, {"title": "", "numbering": "main"})
    assert "Enter the title of the standing item" in response.content.decode()
    with scopes_disabled():
        voice = StandingItem.objects.get(title="Voice of the child")
    business_manager_client.post(settings_url, {"move": f"{voice.uuid}:up"})
    meeting = _upcoming(tenant_a)
    with scopes_disabled():
        agenda = [(i.title, i.kind) for i in meeting.items.order_by("position")]
    # The first item added kept the usual ones (it went before any other
    # business); the next went to the end and was moved up.
    assert agenda == [
        ("Welcome, introductions and apologies", "item"),
        ("Minutes of the previous meeting, action log and matters arising", "previous_minutes"),
        ("Minutes and action log", "previous_minutes"),
        ("Voice of the child", "item"),
        ("Any other business", "item"),
    ]


def test_the_forward_plan_page_and_forms(tenant_a, minute_taker_client, observer_client):
    ForwardPlanItemFactory(board=tenant_a.board, title="Secret review", is_confidential=True)
    plan_url = url("forward-plan", tenant_a, board_uuid=tenant_a.board.uuid)
    month, month_label = month_choices()[4]
    response = minute_taker_client.post(
        url("forward-plan-create", tenant_a, board_uuid=tenant_a.board.uuid),
        {"title": "Annual report first draft", "month": month, "purpose": "decision"},
    )
    assert response.status_code == 302
    html = minute_taker_client.get(plan_url).content.decode()
    assert "Annual report first draft" in html and month_label in html
    assert "Secret review" in html
    assert "Secret review" not in observer_client.get(plan_url).content.decode()
    with scopes_disabled():
        plan = ForwardPlanItem.objects.get(title="Annual report first draft")
    edit = url("forward-plan-edit", tenant_a, board_uuid=tenant_a.board.uuid, plan_uuid=plan.uuid)
    minute_taker_client.post(
        edit, {"title": "Annual report first draft", "month": "", "is_withdrawn": "on"}
    )
    html = minute_taker_client.get(plan_url).content.decode()
    assert "Annual report first draft<span" not in html  # withdrawn: no longer listed
