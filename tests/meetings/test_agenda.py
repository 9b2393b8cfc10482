"""The agenda builder and item forms, as the business unit uses them."""

import pytest
from django_scopes import scopes_disabled

from meetings.models import Meeting

from .conftest import item, url


def _numbers(meeting):
    with scopes_disabled():
        return [i.number for i in meeting.items.order_by("position")]


def test_the_builder_lists_items_in_order_with_move_buttons(
    meeting, tenant_a, business_manager_client
):
    response = business_manager_client.get(url("agenda", tenant_a, meeting_uuid=meeting.uuid))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.index("Minutes of the previous meeting") < html.index("Any other business")
    with scopes_disabled():
        first = item(meeting, "Welcome")
    assert f'value="{first.uuid}:up"' in html  # present, but disabled at the top
    assert html.count("disabled aria-disabled") == 2


def test_moving_an_item_without_javascript_redirects_back(
    meeting, tenant_a, business_manager_client
):
    with scopes_disabled():
        aob = item(meeting, "Any other")
    response = business_manager_client.post(
        url("agenda", tenant_a, meeting_uuid=meeting.uuid), {"move": f"{aob.uuid}:up"}
    )
    assert response.status_code == 302
    with scopes_disabled():
        assert meeting.items.order_by("-position").first().title.startswith("Case review")


def test_moving_an_item_with_htmx_says_where_it_went(meeting, tenant_a, business_manager_client):
    with scopes_disabled():
        aob = item(meeting, "Any other")
    response = business_manager_client.post(
        url("agenda", tenant_a, meeting_uuid=meeting.uuid),
        {"move": f"{aob.uuid}:up"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert "Any other business moved up: now number 3, 4 of 5 on the agenda." in (
        response.content.decode()
    )


def test_adding_an_item_after_another_with_a_typed_number(
    meeting, tenant_a, business_manager_client
):
    with scopes_disabled():
        minutes_item = item(meeting, "Minutes of the previous")
    response = business_manager_client.post(
        url("item-create", tenant_a, meeting_uuid=meeting.uuid),
        {
            "title": "Performance and scrutiny: feedback",
            "after": str(minutes_item.uuid),
            "numbering": "lettered",
            "number": "2a",
            "purpose": "assurance",
        },
    )
    assert response.status_code == 302
    assert _numbers(meeting) == ["", "1", "2a", "3", "4", "5"]


def test_a_number_already_used_is_refused_with_the_form_kept(
    meeting, tenant_a, business_manager_client
):
    response = business_manager_client.post(
        url("item-create", tenant_a, meeting_uuid=meeting.uuid),
        {"title": "Another", "numbering": "main", "number": "2"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in html
    assert "Another item is already numbered 2" in html
    assert 'value="Another"' in html


def test_an_item_with_minutes_cannot_be_removed_and_says_why(
    meeting, tenant_a, business_manager_client
):
    from meetings.minutes import item_minutes_save

    with scopes_disabled():
        feedback = item(meeting, "Feedback")
        item_minutes_save(
            item=feedback,
            discussion="Said",
            decisions="",
            version=0,
            acting_user=tenant_a.users["minute_taker"],
        )
    edit = url("item-edit", tenant_a, meeting_uuid=meeting.uuid, item_uuid=feedback.uuid)
    response = business_manager_client.post(edit, {"remove": "1"}, follow=True)
    assert "has minutes recorded" in response.content.decode()
    with scopes_disabled():
        assert meeting.items.filter(pk=feedback.pk).exists()


def test_standing_and_forward_plan_items_are_offered_and_added(
    meeting, tenant_a, business_manager_client
):
    from .factories import ForwardPlanItemFactory, StandingItemFactory

    standing = StandingItemFactory(board=tenant_a.board, title="Voice of the child")
    plan = ForwardPlanItemFactory(board=tenant_a.board, title="Section 11 audit", month=None)
    page = business_manager_client.get(url("agenda", tenant_a, meeting_uuid=meeting.uuid))
    assert "Voice of the child" in page.content.decode()
    assert "Section 11 audit" in page.content.decode()
    agenda_url = url("agenda", tenant_a, meeting_uuid=meeting.uuid)
    business_manager_client.post(agenda_url, {"add_standing": "1", "standing": [standing.uuid]})
    business_manager_client.post(agenda_url, {"add_planned": "1", "planned": [plan.uuid]})
    with scopes_disabled():
        titles = [i.title for i in meeting.items.order_by("position")]
    assert titles[-2:] == ["Voice of the child", "Section 11 audit"]


def test_publishing_the_agenda(meeting, tenant_a, business_manager_client):
    publish = url("agenda-publish", tenant_a, meeting_uuid=meeting.uuid)
    assert business_manager_client.get(publish).status_code == 200
    assert business_manager_client.post(publish).status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.AGENDA_PUBLISHED


def test_planning_a_meeting_with_times_as_people_write_them(tenant_a, business_manager_client):
    response = business_manager_client.post(
        url("meeting-create", tenant_a),
        {
            "board": tenant_a.board.pk,
            "kind": "ordinary",
            "date_day": "31",
            "date_month": "1",
            "date_year": "2026",
            "start_time": "1pm",
            "end_time": "2.30pm",
            "venue_kind": "in_person",
            "venue": "Mordiford Room",
        },
    )
    assert response.status_code == 302
    with scopes_disabled():
        meeting = Meeting.objects.get(date="2026-01-31")
    assert (meeting.start_time.hour, meeting.end_time.minute) == (13, 30)


@pytest.mark.parametrize(
    ("start", "end", "error"),
    [
        ("2pm", "1pm", "The end time must be after the start time"),
        ("25:00", "", "Enter the start time as a time, like 1:30pm or 13:30"),
        ("", "2pm", "Enter the start time"),
    ],
)
def test_meeting_times_are_checked(tenant_a, business_manager_client, start, end, error):
    response = business_manager_client.post(
        url("meeting-create", tenant_a),
        {
            "board": tenant_a.board.pk,
            "kind": "ordinary",
            "date_day": "31",
            "date_month": "1",
            "date_year": "2026",
            "start_time": start,
            "end_time": end,
            "venue_kind": "in_person",
            "venue": "Mordiford Room",
        },
    )
    assert response.status_code == 200
    assert error in response.content.decode()


def test_an_extraordinary_meeting_needs_its_subject(tenant_a, business_manager_client):
    response = business_manager_client.post(
        url("meeting-create", tenant_a),
        {
            "board": tenant_a.board.pk,
            "kind": "extraordinary",
            "date_day": "17",
            "date_month": "12",
            "date_year": "2025",
            "venue": "Saltwells",
        },
    )
    assert "Enter what the extraordinary meeting is about" in response.content.decode()


def test_the_agenda_of_approved_minutes_cannot_change(meeting, tenant_a, business_manager_client):
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.MINUTES_APPROVED)
    with scopes_disabled():
        aob = item(meeting, "Any other")
    page = business_manager_client.get(url("agenda", tenant_a, meeting_uuid=meeting.uuid))
    assert "can no longer change" in page.content.decode()
    response = business_manager_client.post(
        url("item-edit", tenant_a, meeting_uuid=meeting.uuid, item_uuid=aob.uuid),
        {"title": "Changed", "numbering": "main"},
    )
    assert "The minutes have been approved" in response.content.decode()
