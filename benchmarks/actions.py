"""The action log at scale: 5,000 actions over the world's 20 boards, each with
owners and updates, some overdue, some due soon, some closed; the manager owns
one in fifty of them (for My actions). Timed: the log pages, My actions, each
export and the reminder sweep."""

import datetime

from django.db.models import CharField, F, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone

from actions.models import Action, ActionCounter, ActionOwner, ActionUpdate
from actions.reminders import reminders_send
from partnership.models import Person
from partnership.tenancy import in_partnership

from .scenarios import emails_to_memory, next_working_day_after_today, size

ACTIONS = 5000
OPEN = "status=open&status=in_progress&status=carried_forward"


def build(world):
    partnership = world.partnership
    with in_partnership(partnership):
        manager_person, _ = Person.objects.get_or_create(
            partnership=partnership,
            user=world.manager,
            defaults={"full_name": "Bench Manager", "email": world.manager.email},
        )
        world.extra["board_log"] = world.boards[1]
        if Action.objects.count() >= size(ACTIONS):
            return
        # Owners get addresses, so the reminder sweep has someone to write to.
        Person.objects.filter(email="").update(
            email=Concat(Value("person"), Cast(F("pk"), CharField()), Value("@bench.example.org"))
        )
        today = timezone.localdate()
        statuses = ["open", "in_progress", "open", "carried_forward", "open", "completed"]
        actions = []
        for n in range(size(ACTIONS)):
            board = world.boards[n % len(world.boards)]
            status = statuses[n % len(statuses)]
            actions.append(
                Action(
                    partnership=partnership,
                    board=board,
                    number=n // len(world.boards) + 1,
                    description=f"Benchmark action {n}: review the multi-agency audit findings",
                    due_date=None if n % 17 == 0 else today + datetime.timedelta(days=n % 121 - 60),
                    status=status,
                    completed_on=today if status == "completed" else None,
                    rag_override="amber" if n % 50 == 7 else "",
                    rag_reason="Maintain amber" if n % 50 == 7 else "",
                )
            )
        actions = Action.objects.bulk_create(actions, batch_size=1000)
        owners = []
        for n, action in enumerate(actions):
            owners.append(
                ActionOwner(
                    partnership=partnership,
                    action=action,
                    person=world.people[(n * 7) % len(world.people)],
                )
            )
            if n % 5 == 0:
                owners.append(
                    ActionOwner(
                        partnership=partnership, action=action, all_members=True, position=1
                    )
                )
            if n % 50 == 0:
                owners.append(
                    ActionOwner(partnership=partnership, action=action, person=manager_person,
                                position=2)
                )  # fmt: skip
        ActionOwner.objects.bulk_create(owners, batch_size=2000)
        ActionUpdate.objects.bulk_create(
            [
                ActionUpdate(partnership=partnership, action=action, kind=kind, text=text)
                for action in actions
                for kind, text in (
                    ("raised", "Action raised"),
                    ("update", "Partners asked for their figures; two of three received."),
                )
            ],
            batch_size=2000,
        )
        ActionCounter.objects.bulk_create(
            ActionCounter(
                partnership=partnership,
                board=board,
                last_number=Action.objects.filter(board=board).count(),
            )
            for board in world.boards
        )


def _log(client, world):
    client.get(f"/p/{world.partnership.slug}/actions/")


def _log_filtered(client, world):
    client.get(f"/p/{world.partnership.slug}/actions/?overdue=1&sort=rag&q=audit&{OPEN}")


def _board_log(client, world):
    client.get(f"/p/{world.partnership.slug}/actions/boards/{world.extra['board_log'].uuid}/")


def _my_actions(client, world):
    client.get("/")


def _export(kind, query="q="):
    def run(client, world):
        response = client.get(f"/p/{world.partnership.slug}/actions/export.{kind}?{query}")
        assert response.status_code == 200, response.status_code

    return run


def _board_pdf(client, world):
    # One board's actions due in the next 60 days (about 120): a log longer than
    # PDF_IN_REQUEST renders in the background instead.
    board = world.boards[2]
    _export("pdf", f"board={board.uuid}&due_within=60&sort=due")(client, world)


def _sweep_dry_run(client, world):
    on = next_working_day_after_today()
    reminders_send(on=on, dry_run=True, partnerships=[world.partnership])


def _sweep(client, world):
    # The first run claims and "sends" (to memory); the rest find everything sent.
    with emails_to_memory():
        reminders_send(on=next_working_day_after_today(), partnerships=[world.partnership])


SCENARIOS = {
    "action log, page 1 of 5,000 actions": _log,
    "action log, overdue + search, sorted by RAG": _log_filtered,
    "board action log (250 actions)": _board_log,
    "My actions (home page)": _my_actions,
    "action log CSV export (5,000 actions)": _export("csv"),
    "action log Excel export (5,000 actions)": _export("xlsx"),
    "action log PDF export (one board, ~120 actions)": _board_pdf,
    "action reminder sweep, dry run (5,000 actions)": _sweep_dry_run,
    "action reminder sweep, run again (all sent)": _sweep,
}

# Issue 11's targets, as multiples of the health check in the same run.
TARGETS = {
    "action log, page 1 of 5,000 actions": 4,
    "board action log (250 actions)": 4,
    "My actions (home page)": 4,
}
