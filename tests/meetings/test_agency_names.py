"""A representative's organisation as the partnership names it (an agency's
`display_name`): on the attendance screen, in the minutes PDF's attendance
list, in the meeting's attendance summary, the quorum warning and attendance by
agency. Another partnership's name for the same organisation never shows."""

import datetime

import pytest
from django_scopes import scope, scopes_disabled

from meetings import minutes, services
from partnership.models import BoardMembership, PartnerAgency

from ..factories import BoardMembershipFactory, PartnerAgencyFactory, PersonFactory
from .conftest import url
from .factories import MeetingSettingsFactory
from .test_pdf import _text

LOCAL = "Northshire Children's Services"
ICB_HERE = "the ICB (Northshire place)"


@pytest.fixture
def named(tenant_a, tenant_b, statutory_partners):
    """The council and the ICB named locally here; the police named by another
    partnership only (the organisation is shared reference data)."""
    with scopes_disabled():
        council = statutory_partners["Northshire Council"]
        PartnerAgency.objects.filter(
            partnership=tenant_a.partnership, organisation=council.person.organisation
        ).update(display_name=LOCAL)
        icb = statutory_partners["Northshire ICB"]
        PartnerAgency.objects.filter(
            partnership=tenant_a.partnership, organisation=icb.person.organisation
        ).update(display_name=ICB_HERE)
        police = statutory_partners["Northshire Police"].person.organisation
        PartnerAgencyFactory(
            partnership=tenant_b.partnership,
            organisation=police,
            display_name="Southshire's own name for the police",
        )
    return statutory_partners


@pytest.fixture
def planned(tenant_a, named):
    """A meeting planned once the council and police sit on the board (the ICB's
    member joins after: offered on the attendance screen, not yet listed)."""
    with scopes_disabled():
        BoardMembership.objects.filter(pk=named["Northshire ICB"].pk).delete()
    with scope(partnership=tenant_a.partnership):
        meeting = services.meeting_create(
            board=tenant_a.board,
            acting_user=tenant_a.users["business_manager"],
            date=datetime.date(2025, 12, 17),
            venue="Council House",
        )
    icb_person = PersonFactory(
        partnership=tenant_a.partnership,
        full_name="Ira Icb",
        organisation=named["Northshire ICB"].person.organisation,
    )
    BoardMembershipFactory(board=tenant_a.board, person=icb_person, role="member")
    return meeting


def test_the_attendance_screen_names_agencies_as_the_partnership_does(
    planned, tenant_a, minute_taker_client
):
    page = minute_taker_client.get(
        url("attendance", tenant_a, meeting_uuid=planned.uuid)
    ).content.decode()
    assert f"Head of Safeguarding, {LOCAL}".replace("'", "&#x27;") in page
    assert f"Head of Safeguarding, {ICB_HERE}" in page, "a member not yet listed too"
    assert "Head of Safeguarding, Northshire Police" in page
    assert "Northshire Council" not in page
    assert "Southshire" not in page


def test_the_minutes_pdf_and_summary_name_agencies_as_the_partnership_does(
    planned, tenant_a, named, business_manager_client
):
    council = named["Northshire Council"].person
    police = named["Northshire Police"].person
    with scope(partnership=tenant_a.partnership):
        services.attendance_record(
            meeting=planned,
            statuses={council.pk: "present", police.pk: "apologies"},
            acting_user=tenant_a.users["minute_taker"],
        )
        minutes.minutes_submit(meeting=planned, acting_user=tenant_a.users["minute_taker"])
    _, text = _text(
        business_manager_client.get(url("minutes-pdf", tenant_a, meeting_uuid=planned.uuid))
    )
    assert f"{council.full_name} ({council.initials}) Head of Safeguarding, {LOCAL}" in text
    assert "Head of Safeguarding, Northshire Police" in text
    assert "Northshire Council" not in text and "Southshire's own" not in text

    # The meeting's page summarises attendance.
    page = business_manager_client.get(planned.get_absolute_url()).content.decode()
    assert f"Head of Safeguarding, {LOCAL}".replace("'", "&#x27;") in page
    assert "Northshire Council" not in page


def test_the_quorum_and_attendance_by_agency_use_the_partnerships_names(
    planned, tenant_a, named, observer_client
):
    MeetingSettingsFactory(board=tenant_a.board, quorum_statutory_partners=True)
    council = named["Northshire Council"].person
    with scope(partnership=tenant_a.partnership):
        services.attendance_record(
            meeting=planned, statuses={council.pk: "present"}, acting_user=None
        )
        from meetings import selectors

        quorum = selectors.quorum(planned, selectors.attendance_list(planned))
    assert f"No one present for {ICB_HERE}" in quorum.problems
    response = observer_client.get(
        url("attendance-report", tenant_a),
        {"start_day": "1", "start_month": "4", "start_year": "2025",
         "end_day": "31", "end_month": "3", "end_year": "2026"},
    )  # fmt: skip
    rows = {row["organisation"]: row for row in response.context["rows"]}
    assert rows[LOCAL]["attended_by_member"] == 1
    assert "Northshire Council" not in rows
