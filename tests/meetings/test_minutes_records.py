"""What the minutes record beyond each item: the date of the next meeting (and
planning it in one step), where the meeting was held, the attendees' initials
and how owners are named; who may plan meetings; the limits on what a meeting
can produce; long minutes printed in the background."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django_scopes import scope, scopes_disabled
from pypdf import PdfReader

from documents.models import DocumentJob
from meetings import minutes, services
from meetings.documents import MINUTES_IN_REQUEST_CHARS
from meetings.limits import DISCUSSION_LIMIT
from meetings.models import Attendance, ItemMinutes, Meeting, MeetingSettings
from partnership.models import Partnership

from .conftest import item, url
from .test_pdf import _text

JSON = {"HTTP_ACCEPT": "application/json"}


# The date of the next meeting -----------------------------------------------------


def _next(client, tenant, meeting, **data):
    return client.post(url("next-meeting", tenant, meeting_uuid=meeting.uuid), data)


def test_the_minutes_carry_the_date_of_the_next_meeting(
    meeting, tenant_a, minute_taker_client, member_client
):
    response = _next(
        minute_taker_client,
        tenant_a,
        meeting,
        next_meeting_venue="Council House",
        next_meeting_date_day="",
        next_meeting_date_month="",
        next_meeting_date_year="",
    )
    assert "Enter the date of the next meeting" in response.content.decode()
    assert 'value="Council House"' in response.content.decode()  # kept
    assert _next(member_client, tenant_a, meeting, next="minutes").status_code == 403
    response = _next(
        minute_taker_client,
        tenant_a,
        meeting,
        next="minutes",
        next_meeting_date_day="28",
        next_meeting_date_month="1",
        next_meeting_date_year="2026",
        next_meeting_start_time="1pm",
        next_meeting_venue="Council House, Walsall",
    )
    assert response.status_code == 302
    assert response["Location"].endswith("/minutes/#next-meeting")
    meeting.refresh_from_db()
    assert meeting.next_meeting_date == datetime.date(2026, 1, 28)
    assert meeting.next_meeting_start_time == datetime.time(13, 0)
    screen = minute_taker_client.get(url("minutes", tenant_a, meeting_uuid=meeting.uuid))
    assert "Wednesday 28 January 2026, 1:00pm, Council House, Walsall" in screen.content.decode()
    page = member_client.get(meeting.get_absolute_url()).content.decode()
    assert "Date of next meeting" in page
    assert "Plan it as a meeting" not in page  # a member may not plan meetings
    _, text = _text(member_client.get(url("minutes-pdf", tenant_a, meeting_uuid=meeting.uuid)))
    assert "Date of next meeting – 28 January 2026, 1:00pm, Council House, Walsall." in text


def test_whoever_plans_meetings_plans_it_in_one_step(
    meeting, tenant_a, minute_taker_client, business_manager_client
):
    plan = url("next-meeting-plan", tenant_a, meeting_uuid=meeting.uuid)
    response = business_manager_client.post(plan)
    assert "do not give a date for the next meeting" in response.content.decode()
    with scope(partnership=tenant_a.partnership):
        services.next_meeting_record(
            meeting=meeting,
            acting_user=tenant_a.users["minute_taker"],
            next_meeting_date=datetime.date(2026, 1, 28),
            next_meeting_start_time=datetime.time(13, 0),
            next_meeting_venue="Council House, Walsall",
        )
    assert (
        "Plan it as a meeting"
        not in minute_taker_client.get(meeting.get_absolute_url()).content.decode()
    )
    assert minute_taker_client.post(plan).status_code == 403
    assert plan in business_manager_client.get(meeting.get_absolute_url()).content.decode()
    response = business_manager_client.post(plan)
    assert response.status_code == 302
    with scopes_disabled():
        planned = Meeting.objects.get(board=tenant_a.board, date=datetime.date(2026, 1, 28))
    assert response["Location"] == planned.get_absolute_url()
    assert planned.start_time == datetime.time(13, 0)
    assert planned.where == "Council House, Walsall"
    with scopes_disabled():
        assert planned.items.exists() and planned.attendance.exists()
    again = business_manager_client.post(plan)
    assert "already planned on that date" in again.content.decode()


# Who plans meetings: a partnership setting ------------------------------------------


def test_the_partnership_may_let_minute_takers_plan_meetings_and_build_agendas(
    meeting, tenant_a, minute_taker_client, business_manager_client
):
    create = url("meeting-create", tenant_a)
    agenda = url("agenda", tenant_a, meeting_uuid=meeting.uuid)
    assert minute_taker_client.get(create).status_code == 403
    assert minute_taker_client.get(agenda).status_code == 403
    edit = reverse("partnership:partnership-edit", kwargs={"partnership_slug": tenant_a.slug})
    response = business_manager_client.get(edit)
    assert "Who plans meetings and builds agendas?" in response.content.decode()
    response = business_manager_client.post(
        edit,
        {
            "name": tenant_a.partnership.name,
            "areas_covered": "Northshire",
            "covers_children": "on",
            "financial_year_start_month": "4",
            "meeting_planners": "with_minute_takers",
        },
    )
    assert response.status_code == 302
    with scopes_disabled():
        assert Partnership.objects.get(pk=tenant_a.partnership.pk).meeting_planners == (
            "with_minute_takers"
        )
    assert minute_taker_client.get(create).status_code == 200
    assert minute_taker_client.get(agenda).status_code == 200
    listing = minute_taker_client.get(url("meeting-list", tenant_a)).content.decode()
    assert "Plan a meeting" in listing
    # Papers and the board's settings stay with the business unit.
    settings = url("board-settings", tenant_a, board_uuid=tenant_a.board.uuid)
    assert minute_taker_client.get(settings).status_code == 403


# Where the meeting is held ---------------------------------------------------------


def _plan_form(client, tenant, **data):
    return client.post(
        url("meeting-create", tenant),
        {
            "board": tenant.board.pk,
            "kind": "ordinary",
            "date_day": "14",
            "date_month": "3",
            "date_year": "2024",
            **data,
        },
    )


def test_the_venue_may_be_recorded_online_or_not_recorded(tenant_a, business_manager_client):
    form = business_manager_client.get(url("meeting-create", tenant_a)).content.decode()
    assert "Leave blank for an online meeting" not in form
    for choice in ("In person, at a venue", "Online", "Not recorded"):
        assert choice in form
    response = _plan_form(business_manager_client, tenant_a, venue_kind="in_person", venue="")
    assert "Enter the venue, or choose online or not recorded" in response.content.decode()
    response = _plan_form(
        business_manager_client, tenant_a, venue_kind="not_recorded", venue="Stale text"
    )
    assert response.status_code == 302
    with scopes_disabled():
        past = Meeting.objects.get(date=datetime.date(2024, 3, 14))
    assert past.venue_kind == "not_recorded" and past.venue == ""
    page = business_manager_client.get(past.get_absolute_url()).content.decode()
    assert "Venue not recorded" in page and "Online" not in page.split("Where")[1][:200]
    for name in ("minutes-pdf", "agenda-pdf"):
        _, text = _text(business_manager_client.get(url(name, tenant_a, meeting_uuid=past.uuid)))
        assert "Online" not in text
        assert "Venue not recorded" in text
    response = _plan_form(
        business_manager_client,
        tenant_a,
        venue_kind="online",
        online_link="https://meet.example.org/abc",
        date_day="15",
    )
    with scopes_disabled():
        online = Meeting.objects.get(date=datetime.date(2024, 3, 15))
    assert online.where == "Online"


# Initials and owners ------------------------------------------------------------


@pytest.fixture
def clashing(meeting, tenant_a):
    """Jane Cole and John Cooper both attend: both "JC"."""
    with scope(partnership=tenant_a.partnership):
        rows = [
            services.attendance_add(
                meeting=meeting,
                status="in_attendance",
                new_name=name,
                acting_user=tenant_a.users["minute_taker"],
            )
            for name in ("Jane Cole", "John Cooper")
        ]
        minutes.minutes_raise_action(
            item=item(meeting, "Feedback"),
            description="Report on the audit",
            owners=[rows[1].person],
            due_date=None,
            acting_user=tenant_a.users["minute_taker"],
        )
    return rows


def test_clashing_initials_are_told_apart_and_the_owner_column_follows(
    meeting, clashing, tenant_a, member_client
):
    _, text = _text(member_client.get(url("minutes-pdf", tenant_a, meeting_uuid=meeting.uuid)))
    assert "Jane Cole (JC)" in text
    assert "John Cooper (JCo)" in text
    assert "Report on the audit JCo" in text


def test_the_minute_taker_overrides_initials_and_is_warned_of_a_clash(
    meeting, clashing, tenant_a, minute_taker_client, member_client
):
    jane, john = clashing
    initials = url("attendance-initials", tenant_a, meeting_uuid=meeting.uuid)
    assert member_client.get(initials).status_code == 403
    page = minute_taker_client.get(initials).content.decode()
    assert "Printed as JCo" in page
    assert "Two attendees print the same initials" not in page
    response = minute_taker_client.post(initials, {f"initials-{john.uuid}": "JCP"})
    assert response.status_code == 302
    _, text = _text(member_client.get(url("minutes-pdf", tenant_a, meeting_uuid=meeting.uuid)))
    assert "John Cooper (JCP)" in text and "Report on the audit JCP" in text
    # The same initials typed for both: the clash stays, and the minute taker is told.
    minute_taker_client.post(
        initials, {f"initials-{john.uuid}": "JC", f"initials-{jane.uuid}": "JC"}
    )
    with scopes_disabled():
        typed = Attendance.objects.filter(pk__in=[jane.pk, john.pk]).values_list("initials")
        assert {initials for (initials,) in typed} == {"JC"}
    for page in (
        url("attendance", tenant_a, meeting_uuid=meeting.uuid),
        meeting.get_absolute_url(),
        initials,
    ):
        html = minute_taker_client.get(page).content.decode()
        assert "Two attendees print the same initials" in html, page
        assert "Jane Cole and John Cooper (JC)" in html
    response = minute_taker_client.post(initials, {f"initials-{john.uuid}": "ABCDEFGHIJK"})
    assert "Initials must be 10 characters or fewer" in response.content.decode()


def test_a_board_may_print_owners_full_names(meeting, clashing, tenant_a, business_manager_client):
    settings = url("board-settings", tenant_a, board_uuid=tenant_a.board.uuid)
    assert "How the minutes (PDF) name action owners" in (
        business_manager_client.get(settings).content.decode()
    )
    business_manager_client.post(
        settings,
        {
            "owner_names": "full_names",
            "default_venue": "",
            "agenda_numbering": "welcome_not_numbered",
        },
    )
    with scopes_disabled():
        assert MeetingSettings.objects.get(board=tenant_a.board).owner_names == "full_names"
    _, text = _text(
        business_manager_client.get(url("minutes-pdf", tenant_a, meeting_uuid=meeting.uuid))
    )
    assert "Report on the audit John Cooper" in text


# Limits -------------------------------------------------------------------------


def _save(client, tenant, meeting, agenda_item, discussion, decisions="", **headers):
    prefix = f"m-{agenda_item.uuid}"
    return client.post(
        url("minutes-item", tenant, meeting_uuid=meeting.uuid, item_uuid=agenda_item.uuid),
        {
            f"{prefix}-discussion": discussion,
            f"{prefix}-decisions": decisions,
            f"{prefix}-version": 0,
        },
        **headers,
    )


def test_a_discussion_over_the_limit_is_refused_naming_it_and_kept(
    meeting, tenant_a, minute_taker_client
):
    feedback = item(meeting, "Feedback")
    too_long = "<p>" + "x" * (DISCUSSION_LIMIT + 1) + "</p>"
    answer = _save(minute_taker_client, tenant_a, meeting, feedback, too_long, **JSON)
    assert answer.json() == {
        "result": "refused",
        "message": "The discussion must be 50,000 characters or fewer",
    }
    response = _save(minute_taker_client, tenant_a, meeting, feedback, too_long)
    html = response.content.decode()
    assert "govuk-error-summary" in html
    assert "The discussion must be 50,000 characters or fewer" in html
    assert "x" * 1000 in html  # what was typed stays on the page
    answer = _save(
        minute_taker_client, tenant_a, meeting, feedback, "<p>ok</p>", "y" * 10_001, **JSON
    )
    assert answer.json()["message"] == "The decisions must be 10,000 characters or fewer"
    with scopes_disabled():
        assert not ItemMinutes.objects.filter(item=feedback).exists()
    # Formatting does not count against the limit; the text at the limit is fine.
    at_limit = "<p><strong>" + "x" * DISCUSSION_LIMIT + "</strong></p>"
    assert _save(minute_taker_client, tenant_a, meeting, feedback, at_limit, **JSON).json()[
        "result"
    ] == ("saved")
    with scope(partnership=tenant_a.partnership), pytest.raises(ValidationError, match="50,000"):
        minutes.item_minutes_save(
            item=feedback,
            discussion=too_long,
            decisions="",
            version=1,
            acting_user=tenant_a.users["minute_taker"],
        )


def test_comments_and_amendments_have_limits_too(minuted, tenant_a, independent_chair_client):
    meeting = minuted
    with scope(partnership=tenant_a.partnership):
        minutes.minutes_submit(meeting=meeting, acting_user=tenant_a.users["minute_taker"])
    response = independent_chair_client.post(
        url("minutes-return", tenant_a, meeting_uuid=meeting.uuid), {"comments": "c" * 10_001}
    )
    assert "The comments must be 10,000 characters or fewer" in response.content.decode()
    response = independent_chair_client.post(
        url("minutes-approve", tenant_a, meeting_uuid=meeting.uuid),
        {"outcome": "amended", "amendment": "a" * 10_001, "where": "outside"},
    )
    assert "The amendment must be 10,000 characters or fewer" in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.MINUTES_SUBMITTED


# Long minutes print in the background ---------------------------------------------


def test_long_minutes_render_in_the_background_with_progress(
    meeting, tenant_a, member_client, django_capture_on_commit_callbacks
):
    pdf = url("minutes-pdf", tenant_a, meeting_uuid=meeting.uuid)
    with scope(partnership=tenant_a.partnership):
        minutes.item_minutes_save(
            item=item(meeting, "Feedback"),
            discussion="<p>Short.</p>",
            decisions="",
            version=0,
            acting_user=tenant_a.users["minute_taker"],
        )
    assert member_client.get(pdf)["Content-Type"] == "application/pdf"  # small: at once
    paragraph = "<p>" + "The partnership discussed the audit findings at length. " * 20 + "</p>"
    long_text = paragraph * (MINUTES_IN_REQUEST_CHARS // len(paragraph) + 1) + "<p>THE END</p>"
    with scope(partnership=tenant_a.partnership):
        minutes.item_minutes_save(
            item=item(meeting, "Feedback"),
            discussion=long_text,
            decisions="",
            version=1,
            acting_user=tenant_a.users["minute_taker"],
        )
    with django_capture_on_commit_callbacks(execute=True):
        response = member_client.get(pdf)
    assert response.status_code == 302
    with scopes_disabled():
        job = DocumentJob.objects.get(kind="meetings.minutes_pdf")
    assert response["Location"] == job.get_absolute_url()
    assert job.status == DocumentJob.Status.DONE
    assert job.requested_by == tenant_a.users["member"]
    status = member_client.get(job.get_absolute_url()).content.decode()
    assert "Your document is ready" in status
    download = member_client.get(
        reverse(
            "documents:download",
            kwargs={"partnership_slug": tenant_a.slug, "job_uuid": job.uuid},
        )
    )
    assert download.status_code == 200
    reader = PdfReader(io.BytesIO(b"".join(download.streaming_content)))
    assert "THE END" in " ".join(page.extract_text() for page in reader.pages)


def test_other_long_texts_in_meetings_have_limits(tenant_a, minute_taker_client):
    response = minute_taker_client.post(
        url("forward-plan-create", tenant_a, board_uuid=tenant_a.board.uuid),
        {"title": "Annual report", "purpose": "decision", "notes": "n" * 10_001},
    )
    html = response.content.decode()
    assert "The notes must be 10,000 characters or fewer" in html
    assert "n" * 1000 in html  # kept


def test_a_large_meeting_pack_is_made_in_the_background(
    meeting, tenant_a, member_client, monkeypatch, django_capture_on_commit_callbacks
):
    pack = url("meeting-pack", tenant_a, meeting_uuid=meeting.uuid)
    assert member_client.get(pack)["Content-Type"] == "application/pdf"
    monkeypatch.setattr("meetings.documents.PACK_IN_REQUEST_BYTES", -1)
    with django_capture_on_commit_callbacks(execute=True):
        response = member_client.get(pack)
    with scopes_disabled():
        job = DocumentJob.objects.get(kind="meetings.pack_pdf")
    assert response["Location"] == job.get_absolute_url()
    assert job.status == DocumentJob.Status.DONE
    assert job.filename.endswith("pack 2025-12-17.pdf")
