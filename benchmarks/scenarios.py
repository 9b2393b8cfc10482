"""The benchmark world and what is timed in it. Add a scenario per heavy page or
job: a function (client, world) that does one request or run."""

import datetime
import os
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone

from partnership.models import (
    Board,
    BoardMembership,
    Membership,
    Partnership,
    Person,
    Role,
    User,
)
from partnership.tenancy import in_partnership
from partnership.working_days import next_working_day

BOARDS = 20
PEOPLE = 2000
# `make bench` builds at full size (1); `make test` runs every scenario once in a
# world a hundredth of the size (BENCH_SCALE=0.01), so no benchmark can rot.
SCALE = float(os.environ.get("BENCH_SCALE", "1"))


def size(n):
    """`n` rows at full size, scaled (never below one)."""
    return max(1, round(n * SCALE))


@dataclass
class World:
    """What every scenario can use. App modules may attach more (world.extra)."""

    partnership: Partnership
    manager: User
    board: Board
    boards: list
    people: list
    extra: dict


def build_world():
    partnership, created = Partnership.objects.get_or_create(
        slug="bench", defaults={"name": "Benchmark Partnership", "areas_covered": "Benchmark"}
    )
    manager, _ = User.objects.get_or_create(email="bench.manager@example.org")
    with in_partnership(partnership):
        Membership.objects.get_or_create(
            partnership=partnership, user=manager, defaults={"role": Role.BUSINESS_MANAGER}
        )
        if created or not Board.objects.exists():
            top = Board.objects.create(partnership=partnership, name="Executive", kind="board")
            boards = [top] + [
                Board.objects.create(partnership=partnership, name=f"Subgroup {n}", reports_to=top)
                for n in range(1, BOARDS)
            ]
            people = Person.objects.bulk_create(
                Person(partnership=partnership, full_name=f"Person {n:04d}", initials=f"P{n}")
                for n in range(size(PEOPLE))
            )
            BoardMembership.objects.bulk_create(
                BoardMembership(partnership=partnership, board=boards[n % BOARDS], person=p)
                for n, p in enumerate(people)
            )
        board = Board.objects.get(name="Executive")
        boards = list(Board.objects.order_by("pk"))
        people = list(Person.objects.order_by("pk"))
    return World(
        partnership=partnership,
        manager=manager,
        board=board,
        boards=boards,
        people=people,
        extra={},
    )


def baseline(client, world):
    client.get("/healthz")


def overview(client, world):
    client.get(f"/p/{world.partnership.slug}/")


def people_list(client, world):
    client.get(f"/p/{world.partnership.slug}/people/?page=40")


def board_page(client, world):
    client.get(f"/p/{world.partnership.slug}/boards/{world.board.uuid}/")


SCENARIOS = {
    "partnership overview (20 boards)": overview,
    "people list, page 40 of 2,000": people_list,
    "board page (100 members)": board_page,
}


def next_working_day_after_today():
    """The working day a sweep scenario sweeps as if on."""
    return next_working_day(timezone.localdate() + datetime.timedelta(days=1))


@contextmanager
def emails_to_memory():
    """Emails a timed sweep sends go to memory, never out."""
    backend = settings.EMAIL_BACKEND
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    try:
        yield
    finally:
        settings.EMAIL_BACKEND = backend
