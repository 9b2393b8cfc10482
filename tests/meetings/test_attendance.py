"""Attendance: statuses, deputies and guests, the quorum rule, and attendance
by agency for the annual report."""

import datetime

import pytest
from django_scopes import scope, scopes_disabled

from meetings import selectors, services
from meetings.models import Attendance, Meeting
from partnership.models import Person

from .conftest import url
from .factories import MeetingSettingsFactory


def _rows(meeting):
    with scopes_disabled():
        return {row.person.full_name: row for row in meeting.attendance.select_related("person")}


def _post_statuses(client, tenant, meeting, statuses, **extra):
    data = {}
    with scopes_disabled():
        for row in meeting.attendance.select_related("person"):
            data[f"status-{row.person.uuid}"] = statuses.get(row.person.full_name, "expected")
            data[f"note-{row.person.uuid}"] = ""
    data.update(extra)
    return client.post(url("attendance", tenant, meeting_uuid=meeting.uuid), data)


def test_the_minute_taker_records_attendance_and_the_meeting_is_held(
    meeting, tenant_a, minute_taker_client
):
    response = _post_statuses(
        minute_taker_client,
        tenant_a,
        meeting,
        {"Morgan Member": "present", "Chris Chair": "apologies"},
    )
    assert response.status_code == 302
    rows = _rows(meeting)
    assert rows["Morgan Member"].status == Attendance.Status.PRESENT
    assert rows["Chris Chair"].status == Attendance.Status.APOLOGIES
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.HELD


def test_attendance_with_htmx_answers_with_the_panel(meeting, tenant_a, minute_taker_client):
    response = _post_statuses(
        minute_taker_client, tenant_a, meeting, {"Morgan Member": "present"}, next="minutes"
    )
    assert response.status_code == 302
    assert response.url.endswith("/minutes/#attendance")
    with scopes_disabled():
        data = {f"status-{r.person.uuid}": "present" for r in meeting.attendance.all()}
    response = minute_taker_client.post(
        url("attendance", tenant_a, meeting_uuid=meeting.uuid), data, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<div id="attendance-panel"')
    assert "Attendance saved at" in html


def test_a_new_board_member_is_offered_and_listed_when_recorded(
    meeting, tenant_a, minute_taker_client
):
    from ..factories import BoardMembershipFactory, PersonFactory

    late_joiner = PersonFactory(partnership=tenant_a.partnership, full_name="New Member")
    BoardMembershipFactory(board=tenant_a.board, person=late_joiner)
    page = minute_taker_client.get(url("attendance", tenant_a, meeting_uuid=meeting.uuid))
    assert "New Member" in page.content.decode()
    _post_statuses(
        minute_taker_client,
        tenant_a,
        meeting,
        {},
        **{f"status-{late_joiner.uuid}": "present", f"note-{late_joiner.uuid}": ""},
    )
    assert _rows(meeting)["New Member"].status == Attendance.Status.PRESENT


def test_a_deputy_attends_on_behalf_of_a_member_who_then_sends_apologies(
    meeting, tenant_a, minute_taker_client
):
    with scopes_disabled():
        member = Person.objects.get(full_name="Morgan Member")
    response = minute_taker_client.post(
        url("attendee-add", tenant_a, meeting_uuid=meeting.uuid),
        {
            "name": "Dee Puty",
            "job_title": "Deputy Head of Safeguarding",
            "status": "present",
            "on_behalf_of": member.pk,
        },
    )
    assert response.status_code == 302
    rows = _rows(meeting)
    assert rows["Dee Puty"].on_behalf_of == member
    assert rows["Dee Puty"].is_member
    assert rows["Morgan Member"].status == Attendance.Status.APOLOGIES
    detail = minute_taker_client.get(url("meeting-detail", tenant_a, meeting_uuid=meeting.uuid))
    assert "Dee Puty (DP), Deputy Head of Safeguarding, on behalf of Morgan Member" in (
        detail.content.decode()
    )


def test_a_deputy_must_name_who_they_stand_in_for(meeting, tenant_a, minute_taker_client):
    response = minute_taker_client.post(
        url("attendee-add", tenant_a, meeting_uuid=meeting.uuid),
        {"name": "Dee Puty", "status": "present"},
    )
    assert "Choose the member they deputise for" in response.content.decode()
    assert 'value="Dee Puty"' in response.content.decode()


def test_a_guest_for_an_item_is_in_attendance_and_can_be_taken_off_again(
    meeting, tenant_a, minute_taker_client
):
    minute_taker_client.post(
        url("attendee-add", tenant_a, meeting_uuid=meeting.uuid),
        {"name": "Karen Wright", "status": "in_attendance", "note": "attended for item 2"},
    )
    guest = _rows(meeting)["Karen Wright"]
    assert guest.status == Attendance.Status.IN_ATTENDANCE and not guest.is_member
    response = _post_statuses(minute_taker_client, tenant_a, meeting, {}, remove=guest.uuid)
    assert response.status_code == 302
    assert "Karen Wright" not in _rows(meeting)
    member = _rows(meeting)["Morgan Member"]
    response = _post_statuses(minute_taker_client, tenant_a, meeting, {}, remove=member.uuid)
    assert "Morgan Member" in _rows(meeting)


def test_quorum_needs_each_statutory_partner(meeting, tenant_a, statutory_partners):
    MeetingSettingsFactory(board=tenant_a.board, quorum_statutory_partners=True)
    with scope(partnership=tenant_a.partnership):
        services.attendance_record(
            meeting=meeting,
            statuses={
                seat.person_id: "present"
                for name, seat in statutory_partners.items()
                if name != "Northshire ICB"
            },
            acting_user=tenant_a.users["minute_taker"],
        )
        quorum = selectors.quorum(meeting, selectors.attendance_list(meeting))
    assert not quorum.met
    assert quorum.problems == ["No one present for Northshire ICB"]


def test_a_deputy_counts_for_the_organisation_of_the_member_they_stand_in_for(
    meeting, tenant_a, statutory_partners
):
    MeetingSettingsFactory(board=tenant_a.board, quorum_statutory_partners=True)
    with scope(partnership=tenant_a.partnership):
        services.attendance_record(
            meeting=meeting,
            statuses={s.person_id: "present" for s in statutory_partners.values()},
            acting_user=tenant_a.users["minute_taker"],
        )
        icb = statutory_partners["Northshire ICB"].person
        services.attendance_record(
            meeting=meeting, statuses={icb.pk: "apologies"}, acting_user=None
        )
        services.attendance_add(
            meeting=meeting,
            status="present",
            new_name="Dee Puty",
            on_behalf_of=icb,
            acting_user=None,
        )
        quorum = selectors.quorum(meeting, selectors.attendance_list(meeting))
    assert quorum.met, quorum.problems


@pytest.mark.parametrize(("present", "met"), [(1, False), (2, True)])
def test_quorum_by_number_of_members_present(meeting, tenant_a, present, met):
    MeetingSettingsFactory(board=tenant_a.board, quorum_minimum=2)
    with scope(partnership=tenant_a.partnership):
        people = [row.person_id for row in meeting.attendance.all()][:present]
        services.attendance_record(
            meeting=meeting, statuses=dict.fromkeys(people, "present"), acting_user=None
        )
        quorum = selectors.quorum(meeting, selectors.attendance_list(meeting))
    assert quorum.met is met
    assert quorum.rule == "at least 2 members present"


def test_the_quorum_shows_once_attendance_is_being_taken(
    meeting, tenant_a, minute_taker_client, statutory_partners
):
    MeetingSettingsFactory(board=tenant_a.board, quorum_statutory_partners=True)
    attendance = url("attendance", tenant_a, meeting_uuid=meeting.uuid)
    # A meeting still to come, nobody recorded: no alarm about the quorum.
    for page in (attendance, meeting.get_absolute_url()):
        assert "quorate" not in minute_taker_client.get(page).content.decode()
    with scope(partnership=tenant_a.partnership):
        services.attendance_record(
            meeting=meeting,
            statuses={statutory_partners["Northshire Council"].person_id: "present"},
            acting_user=None,
        )
    for page in (attendance, meeting.get_absolute_url()):
        html = minute_taker_client.get(page).content.decode()
        assert "The meeting is not quorate (each statutory partner present)" in html


def test_attendance_by_agency_counts_members_and_deputies(
    meeting, tenant_a, statutory_partners, observer_client
):
    with scope(partnership=tenant_a.partnership):
        services.attendance_record(
            meeting=meeting,
            statuses={
                statutory_partners["Northshire Council"].person_id: "present",
                statutory_partners["Northshire Police"].person_id: "apologies",
            },
            acting_user=None,
        )
    response = observer_client.get(
        url("attendance-report", tenant_a),
        {
            "start_day": "1",
            "start_month": "4",
            "start_year": "2025",
            "end_day": "31",
            "end_month": "3",
            "end_year": "2026",
        },
    )
    rows = {row["organisation"]: row for row in response.context["rows"]}
    assert rows["Northshire Council"]["attended_by_member"] == 1
    assert rows["Northshire Council"]["rate"] == 100
    assert rows["Northshire Police"]["apologies"] == 1
    assert rows["Northshire Police"]["rate"] == 0
    assert "Northshire Council" in response.content.decode()


def test_the_attendance_report_counts_a_deputys_meeting_once(
    meeting, tenant_a, statutory_partners, observer_client
):
    police = statutory_partners["Northshire Police"].person
    with scope(partnership=tenant_a.partnership):
        services.attendance_record(
            meeting=meeting, statuses={police.pk: "apologies"}, acting_user=None
        )
        services.attendance_add(
            meeting=meeting,
            status="present",
            new_name="Dee Puty",
            on_behalf_of=police,
            acting_user=None,
        )
    response = observer_client.get(
        url("attendance-report", tenant_a),
        {"start_day": "1", "start_month": "4", "start_year": "2025",
         "end_day": "31", "end_month": "3", "end_year": "2026"},
    )  # fmt: skip
    rows = {row["organisation"]: row for row in response.context["rows"]}
    police_row = rows.get("Northshire Police")
    assert police_row, rows
    # The member's apologies and the deputy's presence are one meeting, attended.
    assert police_row["meetings"] == 1
    assert police_row["attended_by_deputy"] == 1 and police_row["apologies"] == 0
    assert police_row["rate"] == 100


def test_the_attendance_report_checks_its_dates(tenant_a, observer_client):
    response = observer_client.get(
        url("attendance-report", tenant_a),
        {
            "start_day": "31",
            "start_month": "2",
            "start_year": "2025",
            "end_day": "",
            "end_month": "",
            "end_year": "",
        },
    )
    html = response.content.decode()
    assert "govuk-error-summary" in html
    assert "must be a real date" in html


def test_the_minuting_screen_fetches_its_attendance_panel_which_returns_there(
    meeting, tenant_a, minute_taker_client
):
    attendance = url("attendance", tenant_a, meeting_uuid=meeting.uuid)
    screen = minute_taker_client.get(url("minutes", tenant_a, meeting_uuid=meeting.uuid))
    html = screen.content.decode()
    assert f'hx-get="{attendance}?in=minutes" hx-trigger="load"' in html
    assert f'<a class="govuk-link" href="{attendance}">Record attendance</a>' in html
    assert "Who is here" not in html  # a full board's rows are not in the page
    # Nor the members a deputy may stand in for: the panel brings that form.
    assert "Add a deputy or guest" not in html and "on_behalf_of" not in html
    panel = minute_taker_client.get(f"{attendance}?in=minutes", HTTP_HX_REQUEST="true")
    panel_html = panel.content.decode()
    assert panel_html.lstrip().startswith('<div id="attendance-panel"')
    # The form goes beside the panel, in the place the screen keeps for it,
    # where saving the attendance (which swaps the panel) leaves it be.
    assert '<div id="attendee-add"></div>' in html
    assert '<div id="attendee-add" hx-swap-oob="true">' in panel_html
    assert panel_html.count('<input type="hidden" name="next" value="minutes">') == 2
    assert "Add a deputy or guest" in panel_html
    assert f'action="{url("attendee-add", tenant_a, meeting_uuid=meeting.uuid)}"' in panel_html
    assert '<option value="" selected>No one: not a deputy</option>' in panel_html


def test_the_attendance_page_has_one_form_to_add_a_deputy_or_guest(
    meeting, tenant_a, minute_taker_client
):
    """Below its panel, whether the panel is the page's, htmx's or a page
    returned to the minuting screen; never twice, and never in a saved panel
    (which would wipe what is typed in the minuting screen's)."""
    attendance = url("attendance", tenant_a, meeting_uuid=meeting.uuid)
    pages = {
        "page": minute_taker_client.get(attendance),
        "panel saved": minute_taker_client.post(attendance, {}, HTTP_HX_REQUEST="true"),
        "panel saved on the minuting screen": minute_taker_client.post(
            attendance, {"next": "minutes"}, HTTP_HX_REQUEST="true"
        ),
        "panel saved, empty, as fetched by the minuting screen": minute_taker_client.post(
            f"{attendance}?in=minutes", {}, HTTP_HX_REQUEST="true"
        ),
        "page with an error, from the minutes": minute_taker_client.post(
            attendance, {"status-not-a-uuid": "nonsense", "next": "minutes"}
        ),
    }
    for name, response in pages.items():
        html = response.content.decode()
        assert response.status_code == 200, name
        assert html.count('name="on_behalf_of"') == (0 if name.startswith("panel") else 1), name


def test_a_large_board_marks_attendance_with_drop_downs_and_the_page_stays_light(
    tenant_a, minute_taker_client, in_scope
):
    """A 100-member board: four radios a person would make the page over 250 KB;
    each status is a drop-down list (short ids, one name) and saves the same."""
    from meetings.forms.attendance import COMPACT_FROM

    from ..factories import BoardFactory, BoardMembershipFactory

    board = BoardFactory(partnership=tenant_a.partnership, name="Large Board")
    BoardMembershipFactory.create_batch(100, board=board)
    meeting = services.meeting_create(
        board=board,
        acting_user=tenant_a.users["business_manager"],
        date=datetime.date(2025, 12, 17),
        start_time=datetime.time(13, 0),
        venue="Council House",
    )
    response = minute_taker_client.get(url("attendance", tenant_a, meeting_uuid=meeting.uuid))
    html = response.content.decode()
    assert html.count('<select class="govuk-select" id="s') == 100 > COMPACT_FROM
    assert 'type="radio" value="apologies"' not in html
    assert len(response.content) < 100 * 1024
    first = meeting.attendance.select_related("person").order_by("pk").first()
    assert '<label class="govuk-visually-hidden" for="s' in html
    assert f'name="status-{first.person.uuid}"' in html

    response = _post_statuses(
        minute_taker_client, tenant_a, meeting, {first.person.full_name: "apologies"}
    )
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.status == Attendance.Status.APOLOGIES
    html = minute_taker_client.get(url("attendance", tenant_a, meeting_uuid=meeting.uuid))
    assert '<option value="apologies" selected>Apologies</option>' in html.content.decode()


def test_a_usual_board_keeps_its_radios(meeting, tenant_a, minute_taker_client):
    response = minute_taker_client.get(url("attendance", tenant_a, meeting_uuid=meeting.uuid))
    html = response.content.decode()
    assert 'type="radio" value="apologies"' in html
    assert '<select class="govuk-select" id="s' not in html
