"""What the annual report reads from meetings: meetings held per board, and
attendance by partner organisation with deputies counted apart."""

import datetime

from django_scopes import scope

from meetings import selectors, services

START, END = datetime.date(2025, 4, 1), datetime.date(2026, 3, 31)


def _meeting(tenant, date):
    return services.meeting_create(
        board=tenant.board,
        acting_user=tenant.users["business_manager"],
        date=date,
        with_standing_items=False,
    )


def test_attendance_by_agency_counts_deputies_apart(tenant_a, statutory_partners):
    council = statutory_partners["Northshire Council"].person
    police = statutory_partners["Northshire Police"].person
    icb = statutory_partners["Northshire ICB"].person
    with scope(partnership=tenant_a.partnership):
        # 1: everyone there. 2: the police send a deputy. 3: health sends
        # apologies, the police are absent. 4: (outside the period) no one.
        first = _meeting(tenant_a, datetime.date(2025, 6, 4))
        services.attendance_record(
            meeting=first,
            statuses={council.pk: "present", police.pk: "present", icb.pk: "present"},
            acting_user=None,
        )
        second = _meeting(tenant_a, datetime.date(2025, 9, 3))
        services.attendance_record(
            meeting=second, statuses={council.pk: "present", icb.pk: "present"}, acting_user=None
        )
        services.attendance_add(
            meeting=second,
            status="present",
            new_name="Dee Puty",
            on_behalf_of=police,
            acting_user=None,
        )
        third = _meeting(tenant_a, datetime.date(2025, 12, 3))
        services.attendance_record(
            meeting=third,
            statuses={council.pk: "present", police.pk: "absent", icb.pk: "apologies"},
            acting_user=None,
        )
        outside = _meeting(tenant_a, datetime.date(2026, 6, 3))
        services.attendance_record(
            meeting=outside, statuses={council.pk: "absent"}, acting_user=None
        )
        rows = {
            row["organisation"]: row
            for row in selectors.agency_attendance(
                tenant_a.partnership, boards=[tenant_a.board], start=START, end=END
            )
        }
    police_row = rows["Northshire Police"]
    assert police_row["meetings"] == 3  # the deputy's meeting counts once, not twice
    assert police_row["attended_by_member"] == 1
    assert police_row["attended_by_deputy"] == 1
    assert police_row["absent"] == 1 and police_row["apologies"] == 0
    assert police_row["rate"] == 67 and police_row["member_rate"] == 33
    assert rows["Northshire Council"] == {
        "organisation": "Northshire Council",
        "meetings": 3,
        "attended_by_member": 3,
        "attended_by_deputy": 0,
        "apologies": 0,
        "absent": 0,
        "rate": 100,
        "member_rate": 100,
    }
    assert rows["Northshire ICB"]["apologies"] == 1 and rows["Northshire ICB"]["rate"] == 67


def test_meetings_held_per_board_leave_out_planned_and_outside_meetings(tenant_a):
    with scope(partnership=tenant_a.partnership):
        held = _meeting(tenant_a, datetime.date(2025, 5, 7))
        services.attendance_record(meeting=held, statuses={}, acting_user=None)
        _meeting(tenant_a, datetime.date(2025, 7, 2))  # never recorded: not held
        late = _meeting(tenant_a, datetime.date(2026, 5, 6))
        services.attendance_record(meeting=late, statuses={}, acting_user=None)
        counts = {
            board.name: n
            for board, n in selectors.meetings_held_by_board(
                tenant_a.partnership, start=START, end=END
            )
        }
    assert counts[tenant_a.board.name] == 1
    assert counts[tenant_a.subgroup.name] == 0


def test_the_attendance_query_count_does_not_grow_with_meetings(
    tenant_a, statutory_partners, count_queries
):
    people = [seat.person for seat in statutory_partners.values()]

    def hold(n):
        with scope(partnership=tenant_a.partnership):
            for week in range(n):
                meeting = _meeting(tenant_a, START + datetime.timedelta(days=7 * week + 2))
                services.attendance_record(
                    meeting=meeting, statuses={p.pk: "present" for p in people}, acting_user=None
                )

    def read():
        with scope(partnership=tenant_a.partnership):
            selectors.agency_attendance(
                tenant_a.partnership, boards=[tenant_a.board], start=START, end=END
            )
            selectors.meetings_held_by_board(tenant_a.partnership, start=START, end=END)

    hold(2)
    few = count_queries(read)
    hold(10)
    assert count_queries(read) == few
