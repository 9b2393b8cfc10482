"""Meetings benchmarks: the minutes PDF and the minuting screen of a 20-item
meeting with its minutes, actions and attendance (the executive board has 100
members), on the benchmark world's executive board."""

import datetime

from meetings import minutes, services
from meetings.models import Meeting

ITEMS = 20
DATE = datetime.date(2026, 3, 4)
PARAGRAPH = (
    "Members discussed the findings of the multi-agency audit and the thresholds for "
    "referral to the MASH. It was agreed that partners would review the outcome of their "
    "referrals, especially those that did not progress, to close the learning loop."
)


def build(world):
    meeting = Meeting.objects.filter(board=world.board, date=DATE).first()
    if meeting is None:
        meeting = _meeting(world)
    world.extra["meeting"] = meeting


def _meeting(world):
    user = world.manager
    meeting = services.meeting_create(
        board=world.board,
        acting_user=user,
        date=DATE,
        start_time=datetime.time(13, 0),
        end_time=datetime.time(16, 0),
        venue="Council House",
        with_standing_items=False,
    )
    attendance = list(meeting.attendance.all())
    services.attendance_record(
        meeting=meeting,
        statuses={
            row.person_id: "present" if n % 4 else "apologies" for n, row in enumerate(attendance)
        },
        acting_user=user,
    )
    for n in range(ITEMS):
        item = services.agenda_item_create(
            meeting=meeting,
            acting_user=user,
            title=f"Item {n + 1}: performance and scrutiny",
            numbering="sub" if n % 4 == 3 else "main",
            presenter=world.people[n],
            is_confidential=n == 7,
        )
        minutes.item_minutes_save(
            item=item,
            discussion="".join(f"<p>{PARAGRAPH}</p>" for _ in range(3))
            + "<ul><li>Governance</li><li>Learning</li></ul>",
            decisions="Partners review the outcome of their referrals",
            version=0,
            acting_user=user,
        )
        people = world.people
        minutes.minutes_raise_action(
            item=item,
            description=f"Review the referrals that did not progress (item {n + 1})",
            owners=[people[n % len(people)], people[(n + 1) % len(people)]],
            due_date=DATE + datetime.timedelta(days=28),
            acting_user=user,
        )
    return meeting


def minutes_pdf(client, world):
    meeting = world.extra["meeting"]
    response = client.get(f"/p/{world.partnership.slug}/meetings/{meeting.uuid}/minutes.pdf")
    assert response.status_code == 200, response.status_code


def minuting_screen(client, world):
    meeting = world.extra["meeting"]
    response = client.get(f"/p/{world.partnership.slug}/meetings/{meeting.uuid}/minutes/")
    assert response.status_code == 200, response.status_code


SCENARIOS = {
    "minutes PDF, 20 items, 100 members": minutes_pdf,
    "minuting screen, 20 items": minuting_screen,
}

# Issue 11's target, as a multiple of the health check in the same run.
TARGETS = {"minuting screen, 20 items": 8}
