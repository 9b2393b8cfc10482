"""The action reminder sweep at national scale: 100,000 actions across 500
partnerships (200 each, ten people per partnership, some actions owned by
"All"). The sweep visits each partnership in turn, so its queries should grow
with partnerships (its batches), never with actions: the summary prints the
time and query count of the run that sends and of the runs that find
everything sent, per partnership."""

import datetime
import time

from django.db import connection
from django.utils import timezone

from actions.models import Action, ActionCounter, ActionOwner
from actions.reminders import reminders_send
from partnership.models import Board, BoardMembership, Partnership, Person
from partnership.tenancy import in_partnership

from .scenarios import emails_to_memory, next_working_day_after_today, size

PARTNERSHIPS = 500
ACTIONS = 100_000
PEOPLE_EACH = 10
SLUG = "bench-sweep-actions-"


def _partnerships():
    return Partnership.objects.filter(slug__startswith=SLUG).order_by("pk")


def build(world):
    wanted = size(PARTNERSHIPS)
    each = max(1, size(ACTIONS) // wanted)
    have = set(_partnerships().values_list("slug", flat=True))
    today = timezone.localdate()
    for n in range(wanted):
        slug = f"{SLUG}{n:03d}"
        if slug in have:
            continue
        partnership = Partnership.objects.create(
            slug=slug, name=f"Sweep Partnership {n:03d}", areas_covered="Benchmark"
        )
        with in_partnership(partnership):
            _fill(partnership, n, each, today)
    world.extra["sweep_partnerships"] = list(_partnerships()[:wanted])
    world.extra["sweep_actions"] = wanted * each
    world.extra["sweep_runs"] = []


def _fill(partnership, n, each, today):
    board = Board.objects.create(partnership=partnership, name="Executive", kind="board")
    people = Person.objects.bulk_create(
        Person(
            partnership=partnership,
            full_name=f"Sweep Person {n:03d}-{i}",
            initials=f"S{i}",
            email=f"sweep{n}.{i}@bench.example.org",
        )
        for i in range(PEOPLE_EACH)
    )
    BoardMembership.objects.bulk_create(
        BoardMembership(partnership=partnership, board=board, person=person) for person in people
    )
    actions = Action.objects.bulk_create(
        (
            Action(
                partnership=partnership,
                board=board,
                number=i + 1,
                description=f"Sweep action {i}: send the audit figures",
                due_date=today + datetime.timedelta(days=i % 121 - 60),
                status="open" if i % 6 else "in_progress",
            )
            for i in range(each)
        ),
        batch_size=1000,
    )
    owners = []
    for i, action in enumerate(actions):
        owners.append(
            ActionOwner(partnership=partnership, action=action, person=people[i % PEOPLE_EACH])
        )
        if i % 25 == 0:
            owners.append(
                ActionOwner(partnership=partnership, action=action, all_members=True, position=1)
            )
    ActionOwner.objects.bulk_create(owners, batch_size=2000)
    ActionCounter.objects.create(partnership=partnership, board=board, last_number=each)


class _Counter:
    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def _sweep(client, world):
    # The first run claims and "sends" (to memory); the rest find everything sent.
    counter = _Counter()
    start = time.perf_counter()
    with emails_to_memory(), connection.execute_wrapper(counter):
        sent = reminders_send(
            on=next_working_day_after_today(), partnerships=world.extra["sweep_partnerships"]
        )
    world.extra["sweep_runs"].append((time.perf_counter() - start, counter.count, len(sent)))


SCENARIOS = {
    "action reminder sweep, 500 partnerships (100,000 actions), all sent": _sweep,
}


def summary(timings, world):
    runs = world.extra.get("sweep_runs") or []
    if not runs:
        return []
    count = len(world.extra["sweep_partnerships"])
    actions = world.extra["sweep_actions"]
    lines = []
    first = runs[0]
    label = "sends" if first[2] else "finds everything sent"
    lines.append(
        f"reminder sweep, {actions:,} actions across {count} partnerships, first run ({label}): "
        f"{first[0]:.2f} s, {first[1]:,} queries ({first[1] / count:.1f} per partnership), "
        f"{first[2]:,} digests"
    )
    if len(runs) > 1:
        idle = sorted(runs[1:])[len(runs[1:]) // 2]
        lines.append(
            f"reminder sweep, {actions:,} actions across {count} partnerships, again (all sent): "
            f"{idle[0]:.2f} s, {idle[1]:,} queries ({idle[1] / count:.1f} per partnership)"
        )
    return lines
