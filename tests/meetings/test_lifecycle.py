"""The minutes' life: draft -> submitted (by the minute taker or the business
unit) -> approved, or returned with comments; any change after submission
returns them to draft. Every step is recorded (who, when), and only submitted
minutes reach the approvers' lists."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from meetings import minutes, services
from meetings.models import Meeting, MinutesApproval, MinutesTransition

from .conftest import item, url
from .test_pdf import _text

JSON = {"HTTP_ACCEPT": "application/json"}


def _status(meeting):
    with scopes_disabled():
        return Meeting.objects.get(pk=meeting.pk).status


def _steps(meeting):
    with scopes_disabled():
        return list(
            MinutesTransition.objects.filter(meeting=meeting)
            .order_by("created_at", "pk")
            .values_list("kind", "by__email", "comments")
        )


def _save(client, tenant, meeting, agenda_item, discussion, version, **headers):
    prefix = f"m-{agenda_item.uuid}"
    return client.post(
        url("minutes-item", tenant, meeting_uuid=meeting.uuid, item_uuid=agenda_item.uuid),
        {
            f"{prefix}-discussion": discussion,
            f"{prefix}-decisions": "",
            f"{prefix}-version": version,
        },
        **headers,
    )


def test_drafts_stay_with_the_minute_taker_until_submitted(
    minuted, tenant_a, minute_taker_client, independent_chair_client, member_client
):
    home = independent_chair_client.get("/").content.decode()
    assert "Minutes awaiting your approval" not in home
    approve = url("minutes-approve", tenant_a, meeting_uuid=minuted.uuid)
    response = independent_chair_client.post(approve, {"outcome": "as_is", "where": "outside"})
    assert "Only minutes submitted for approval can be approved" in response.content.decode()
    assert _status(minuted) == Meeting.Status.MINUTES_DRAFT

    # The button is where the minute taker finishes: the screen's end and the meeting page.
    submit = url("minutes-submit", tenant_a, meeting_uuid=minuted.uuid)
    screen = minute_taker_client.get(url("minutes", tenant_a, meeting_uuid=minuted.uuid))
    page = screen.content.decode()
    assert f'action="{submit}"' in page
    assert page.index("Date of next meeting") < page.index("Submit for approval")
    assert (
        f'action="{submit}"' in minute_taker_client.get(minuted.get_absolute_url()).content.decode()
    )
    assert (
        f'action="{submit}"' not in member_client.get(minuted.get_absolute_url()).content.decode()
    )
    assert member_client.post(submit).status_code == 403

    response = minute_taker_client.post(submit)
    assert response.status_code == 302
    assert _status(minuted) == Meeting.Status.MINUTES_SUBMITTED
    assert _steps(minuted) == [("submitted", tenant_a.users["minute_taker"].email, "")]
    home = independent_chair_client.get("/").content.decode()
    assert "Minutes awaiting your approval" in home
    assert approve in home
    # Submitted twice is refused with a reason, not a 500.
    assert "already been submitted" in minute_taker_client.post(submit).content.decode()


def test_the_business_unit_submits_too(minuted, tenant_a, business_manager_client):
    submit = url("minutes-submit", tenant_a, meeting_uuid=minuted.uuid)
    assert business_manager_client.post(submit).status_code == 302
    assert _status(minuted) == Meeting.Status.MINUTES_SUBMITTED


def test_a_meeting_not_yet_held_cannot_be_submitted(meeting, tenant_a, minute_taker_client):
    page = minute_taker_client.get(meeting.get_absolute_url()).content.decode()
    assert "Submit for approval" not in page
    response = minute_taker_client.post(url("minutes-submit", tenant_a, meeting_uuid=meeting.uuid))
    assert "before submitting them" in response.content.decode()
    assert _status(meeting) == Meeting.Status.PLANNED


def test_the_chair_returns_them_with_comments_the_minute_taker_sees(
    minuted, tenant_a, minute_taker_client, independent_chair_client, member_client
):
    with scope(partnership=tenant_a.partnership):
        minutes.minutes_submit(meeting=minuted, acting_user=tenant_a.users["minute_taker"])
    chair_page = independent_chair_client.get(minuted.get_absolute_url()).content.decode()
    back = url("minutes-return", tenant_a, meeting_uuid=minuted.uuid)
    assert back in chair_page and "Return with comments" in chair_page
    assert member_client.post(back, {"comments": "No"}).status_code == 403
    assert minute_taker_client.post(back, {"comments": "No"}).status_code == 403

    response = independent_chair_client.post(back, {"comments": "  "})
    assert "Enter what needs to change" in response.content.decode()
    assert _status(minuted) == Meeting.Status.MINUTES_SUBMITTED
    response = independent_chair_client.post(
        back, {"comments": "Item 2: name who presented.\nAdd the police deputy."}
    )
    assert response.status_code == 302
    assert _status(minuted) == Meeting.Status.MINUTES_DRAFT
    assert (
        "Minutes awaiting your approval" not in independent_chair_client.get("/").content.decode()
    )
    assert _steps(minuted)[-1] == (
        "returned",
        tenant_a.users["independent_chair"].email,
        "Item 2: name who presented.\nAdd the police deputy.",
    )
    for page in (url("minutes", tenant_a, meeting_uuid=minuted.uuid), minuted.get_absolute_url()):
        html = minute_taker_client.get(page).content.decode()
        assert "Returned with comments" in html
        assert "Item 2: name who presented." in html
    # Resubmitted: the comments are history, the chair has them again.
    with scope(partnership=tenant_a.partnership):
        minutes.minutes_submit(meeting=minuted, acting_user=tenant_a.users["minute_taker"])
    html = minute_taker_client.get(url("minutes", tenant_a, meeting_uuid=minuted.uuid)).content
    assert "Returned with comments" not in html.decode()
    detail = minute_taker_client.get(minuted.get_absolute_url()).content.decode()
    assert "History of the minutes" in detail
    assert detail.count("Submitted for approval</strong> by") == 2
    assert "Returned with comments</strong> by" in detail


def test_any_change_after_submission_returns_them_to_draft(
    minuted, tenant_a, minute_taker_client, independent_chair_client
):
    feedback = item(minuted, "Feedback")
    with scope(partnership=tenant_a.partnership):
        minutes.minutes_submit(meeting=minuted, acting_user=tenant_a.users["minute_taker"])
    screen = minute_taker_client.get(url("minutes", tenant_a, meeting_uuid=minuted.uuid))
    assert "Changing anything returns them to draft" in screen.content.decode()
    # An autosave that changes nothing leaves them with the chair.
    same = _save(
        minute_taker_client,
        tenant_a,
        minuted,
        feedback,
        "<p>The Chair presented feedback.</p>",
        1,
        **JSON,
    )
    assert same.json()["result"] == "saved" and "notice" not in same.json()
    assert _status(minuted) == Meeting.Status.MINUTES_SUBMITTED
    # A real change: back to draft, recorded, and the screen says so.
    changed = _save(minute_taker_client, tenant_a, minuted, feedback, "<p>Changed.</p>", 1, **JSON)
    assert changed.json()["result"] == "saved"
    assert "returned them to draft" in changed.json()["notice"]
    assert _status(minuted) == Meeting.Status.MINUTES_DRAFT
    assert [kind for kind, *_ in _steps(minuted)] == ["submitted", "reopened"]
    assert (
        "Minutes awaiting your approval" not in independent_chair_client.get("/").content.decode()
    )
    # Attendance, actions and the next meeting's date are part of the minutes too.
    for change in (
        lambda: services.attendance_add(
            meeting=minuted,
            status="in_attendance",
            new_name="Guest Speaker",
            acting_user=tenant_a.users["minute_taker"],
        ),
        lambda: minutes.minutes_raise_action(
            item=feedback,
            description="Circulate the report",
            owners=["all"],
            due_date=None,
            acting_user=tenant_a.users["minute_taker"],
        ),
        lambda: services.next_meeting_record(
            meeting=minuted,
            acting_user=tenant_a.users["minute_taker"],
            next_meeting_date=datetime.date(2026, 1, 28),
        ),
    ):
        with scope(partnership=tenant_a.partnership):
            minuted.refresh_from_db()
            minutes.minutes_submit(meeting=minuted, acting_user=tenant_a.users["minute_taker"])
            change()
        assert _status(minuted) == Meeting.Status.MINUTES_DRAFT


def _approve(client, tenant, meeting, **data):
    return client.post(url("minutes-approve", tenant, meeting_uuid=meeting.uuid), data)


@pytest.fixture
def submitted(minuted, tenant_a):
    with scope(partnership=tenant_a.partnership):
        minutes.minutes_submit(meeting=minuted, acting_user=tenant_a.users["minute_taker"])
    minuted.refresh_from_db()
    return minuted


def _plan(tenant, date):
    with scope(partnership=tenant.partnership):
        return services.meeting_create(
            board=tenant.board,
            acting_user=tenant.users["business_manager"],
            date=date,
            venue="Council House",
        )


def test_approval_never_claims_a_future_meeting(submitted, tenant_a, independent_chair_client):
    """Approved from the home page on a day between meetings: the next meeting
    (still to come) is not offered, and naming it is refused."""
    today = timezone.localdate()
    past = _plan(tenant_a, datetime.date(2026, 1, 28))
    future = _plan(tenant_a, today + datetime.timedelta(days=5))
    page = independent_chair_client.get(
        url("minutes-approve", tenant_a, meeting_uuid=submitted.uuid)
    )
    html = page.content.decode()
    assert "At the meeting on 28 January 2026" in html
    assert f"At the meeting on {future.date:%-d %B %Y}" not in html
    assert "Outside a meeting" in html
    response = _approve(
        independent_chair_client, tenant_a, submitted, outcome="as_is", where=future.uuid
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    with (
        scope(partnership=tenant_a.partnership),
        pytest.raises(ValidationError, match="taken place"),
    ):
        minutes.minutes_approve(
            meeting=submitted,
            acting_user=tenant_a.users["independent_chair"],
            capacity="Independent chair",
            at_meeting=future,
        )
    assert past.pk


def test_approved_outside_a_meeting_with_the_amendments_own_words(
    submitted, tenant_a, independent_chair_client, member_client
):
    response = _approve(
        independent_chair_client,
        tenant_a,
        submitted,
        outcome="amended",
        amendment="Item 2: the Vice Chair presented, not the Chair.",
        where="outside",
    )
    assert response.status_code == 302
    with scopes_disabled():
        approval = MinutesApproval.objects.get(meeting=submitted)
    today = timezone.localdate()
    assert approval.at_meeting is None and approval.approved_on == today
    assert approval.approved_by == tenant_a.users["independent_chair"]
    assert [kind for kind, *_ in _steps(submitted)] == ["submitted", "approved"]
    page = member_client.get(submitted.get_absolute_url()).content.decode()
    on = f"{today:%-d %B %Y}"
    assert f"(independent chair) outside a meeting, on {on}, with the following amendment:" in page
    assert "Item 2: the Vice Chair presented, not the Chair." in page
    assert "Recorded on" not in page  # entered the day it happened
    _, text = _text(member_client.get(url("minutes-pdf", tenant_a, meeting_uuid=submitted.uuid)))
    assert f"outside a meeting, on {today:%-d %B %Y}, with the following amendment:" in text
    assert "Item 2: the Vice Chair presented, not the Chair." in text
    assert "Approved at the meeting" not in text


def test_back_filled_minutes_record_the_approval_date_and_who_entered_it(
    submitted, tenant_a, independent_chair_client
):
    at = _plan(tenant_a, datetime.date(2026, 1, 28))
    response = _approve(
        independent_chair_client,
        tenant_a,
        submitted,
        outcome="as_is",
        where="outside",
        approved_on_day="1",
        approved_on_month="1",
        approved_on_year=str(timezone.localdate().year + 1),
    )
    assert "The date approved must be today or in the past" in response.content.decode()
    assert _status(submitted) == Meeting.Status.MINUTES_SUBMITTED
    response = _approve(
        independent_chair_client, tenant_a, submitted, outcome="as_is", where=at.uuid
    )
    assert response.status_code == 302
    with scopes_disabled():
        approval = MinutesApproval.objects.get(meeting=submitted)
    assert approval.at_meeting == at and approval.approved_on == datetime.date(2026, 1, 28)
    html = independent_chair_client.get(submitted.get_absolute_url()).content.decode()
    assert "at the meeting on 28 January 2026." in html
    assert f"Recorded on {timezone.localdate():%-d %B %Y} by" in html


def test_an_approval_date_before_the_meeting_is_refused(
    submitted, tenant_a, independent_chair_client
):
    response = _approve(
        independent_chair_client,
        tenant_a,
        submitted,
        outcome="as_is",
        where="outside",
        approved_on_day="1",
        approved_on_month="12",
        approved_on_year="2025",
    )
    assert "cannot be approved before the meeting took place" in response.content.decode()
