"""The minutes and agenda PDFs, read back with pypdf."""

import io

import pytest
from django_scopes import scope, scopes_disabled
from pypdf import PdfReader

from meetings import minutes, services
from meetings.models import Meeting

from ..actions.factories import ActionFactory  # noqa: F401 - the actions app is installed
from .conftest import item, url


def _text(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    # Words only: where lines wrap is the layout's business.
    return reader, " ".join(" ".join(page.extract_text() for page in reader.pages).split())


@pytest.fixture
def minuted(meeting, tenant_a):
    user = tenant_a.users["minute_taker"]
    with scope(partnership=tenant_a.partnership):
        rows = {row.person.full_name: row for row in meeting.attendance.select_related("person")}
        services.attendance_record(
            meeting=meeting,
            statuses={
                rows["Morgan Member"].person_id: "present",
                rows["Chris Chair"].person_id: "apologies",
            },
            acting_user=user,
        )
        services.attendance_add(
            meeting=meeting,
            status="in_attendance",
            new_name="Ed Hughes",
            new_job_title="Business Support Co-ordinator",
            note="minutes",
            acting_user=user,
        )
        minutes.item_minutes_save(
            item=item(meeting, "Feedback"),
            discussion="<p>LM presented feedback covering:</p><ul><li>Governance</li></ul>",
            decisions="Late papers are not included on the agenda",
            version=0,
            acting_user=user,
        )
        minutes.item_minutes_save(
            item=item(meeting, "Case review"),
            discussion="<p>The report concerning Child C was signed off.</p>",
            decisions="",
            version=0,
            acting_user=user,
        )
        minutes.minutes_raise_action(
            item=item(meeting, "Feedback"),
            description="Follow up LADO referrals of health staff",
            owners=[rows["Morgan Member"].person],
            due_date=None,
            acting_user=user,
        )
        services.meeting_create(
            board=tenant_a.board,
            acting_user=user,
            date=meeting.date.replace(year=2026, month=1, day=31),
            venue="Online",
        )
    meeting.refresh_from_db()
    return meeting


def test_the_minutes_read_like_the_examples(minuted, tenant_a, member_client):
    reader, text = _text(member_client.get(url("minutes-pdf", tenant_a, meeting_uuid=minuted.uuid)))
    assert reader.metadata.title.startswith("Minutes of the Northshire Safeguarding Partnership")
    for expected in [
        "Minutes of the Northshire Safeguarding Partnership Executive Board",
        "Wednesday 17 December 2025 1:00pm to 2:30pm",
        "Mordiford Room, Plough Lane, Hereford",
        "Present",
        "Morgan Member (MM)",
        "In attendance",
        "Ed Hughes (EH) (minutes)",
        "Apologies",
        "Chris Chair (CC)",
        "Item",
        "Discussion",
        "Action required",
        "Owner",
        "LM presented feedback covering:",
        "Agreed: Late papers are not included on the agenda",
        "Action 1: Follow up LADO referrals of health staff",
        "MM",
        "Child C",
        "Date of next meeting – 31 January 2026",
        "Northshire Safeguarding Partnership · Northshire Safeguarding Partnership Executive Board",
        f"Page 1 of {len(reader.pages)}",
        "OFFICIAL-SENSITIVE",
        "DRAFT",
    ]:
        assert expected in text, expected
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root and bool(root["/MarkInfo"]["/Marked"])


def test_the_public_version_leaves_confidential_items_out(
    minuted, tenant_a, business_manager_client
):
    _, text = _text(
        business_manager_client.get(url("minutes-public-pdf", tenant_a, meeting_uuid=minuted.uuid))
    )
    assert "Public version: confidential (OFFICIAL-SENSITIVE) items are left out." in text
    assert "Child C" not in text
    assert "OFFICIAL-SENSITIVE" not in text.replace("(OFFICIAL-SENSITIVE)", "")
    assert "LM presented feedback" in text


def test_observers_minutes_never_hold_confidential_items(minuted, tenant_a, observer_client):
    _, text = _text(observer_client.get(url("minutes-pdf", tenant_a, meeting_uuid=minuted.uuid)))
    assert "Child C" not in text
    assert "LM presented feedback" in text


def test_approved_minutes_lose_the_draft_mark_and_say_who_approved(
    minuted, tenant_a, member_client
):
    with scope(partnership=tenant_a.partnership):
        minutes.minutes_submit(meeting=minuted, acting_user=tenant_a.users["minute_taker"])
        minutes.minutes_approve(
            meeting=minuted,
            acting_user=tenant_a.users["independent_chair"],
            capacity="Independent chair",
        )
        minutes.minutes_amend(
            meeting=minuted,
            text="Item 2: it was the Vice Chair who presented.",
            acting_user=tenant_a.users["business_manager"],
        )
    _, text = _text(member_client.get(url("minutes-pdf", tenant_a, meeting_uuid=minuted.uuid)))
    assert "DRAFT" not in text
    assert "Approved as a true and accurate record by" in text
    assert "(independent chair) outside a meeting, on" in text
    assert "Amendments recorded after approval" in text
    assert "it was the Vice Chair who presented" in text


def test_the_next_meetings_minutes_record_the_approval_at_its_item(
    minuted, tenant_a, member_client
):
    with scope(partnership=tenant_a.partnership):
        later = Meeting.objects.get(date="2026-01-31")
        minutes.minutes_submit(meeting=minuted, acting_user=tenant_a.users["minute_taker"])
        minutes.minutes_approve(
            meeting=minuted,
            acting_user=tenant_a.users["independent_chair"],
            capacity="Independent chair",
            amendment="Page 2: the early help group is operational.",
            at_meeting=later,
        )
    _, text = _text(member_client.get(url("minutes-pdf", tenant_a, meeting_uuid=later.uuid)))
    assert "The minutes of the meeting on 17 December 2025 were approved as a true and" in text
    assert "Page 2: the early help group is operational." in text


def test_xss_in_minutes_never_reaches_the_pdf_as_markup(meeting, tenant_a, member_client):
    with scope(partnership=tenant_a.partnership):
        minutes.item_minutes_save(
            item=item(meeting, "Feedback"),
            discussion='<p>Safe text</p><script>document.write("INJECTED")</script>'
            '<img src="http://127.0.0.1:9/track.png"><p onclick="x">Also safe</p>',
            decisions="<b>not bold</b>",
            version=0,
            acting_user=tenant_a.users["minute_taker"],
        )
    _, text = _text(member_client.get(url("minutes-pdf", tenant_a, meeting_uuid=meeting.uuid)))
    assert "Safe text" in text and "Also safe" in text
    assert "INJECTED" not in text
    assert "Agreed: <b>not bold</b>" in text  # decisions are plain text, shown as typed


def test_the_agenda_pdf_lists_items_papers_and_the_deadline(meeting, tenant_a, observer_client):
    _, text = _text(observer_client.get(url("agenda-pdf", tenant_a, meeting_uuid=meeting.uuid)))
    assert "Agenda" in text
    assert "Feedback from the Quality and Effectiveness Group" in text
    assert "Morgan Member" in text  # the presenter
    assert "Papers were due by the end of Wednesday 10 December 2025" in text
    assert "Child C" not in text  # confidential, and an observer
    assert "DRAFT" in text  # not yet published
    with scopes_disabled():
        Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.AGENDA_PUBLISHED)
    _, text = _text(observer_client.get(url("agenda-pdf", tenant_a, meeting_uuid=meeting.uuid)))
    assert "DRAFT" not in text
