"""What the annual report reads from the action log: actions raised, completed,
open and overdue per board in a period."""

import datetime

from django_scopes import scope, scopes_disabled

from actions import selectors
from actions.models import Action

from .factories import ActionFactory

START, END = datetime.date(2025, 4, 1), datetime.date(2026, 3, 31)


def _action(tenant, raised_on, due, **kwargs):
    return ActionFactory(
        board=kwargs.pop("board", tenant.board), raised_on=raised_on, due_date=due, **kwargs
    )


def test_raised_completed_open_and_overdue_per_board(tenant_a):
    d = datetime.date
    _action(tenant_a, d(2025, 5, 1), d(2025, 6, 1))  # raised in, overdue at the end
    _action(tenant_a, d(2025, 5, 1), d(2026, 6, 1))  # raised in, open, not due yet
    done = _action(tenant_a, d(2025, 5, 1), d(2025, 6, 1))
    late_done = _action(tenant_a, d(2024, 11, 1), d(2025, 1, 1))  # raised before
    _action(tenant_a, d(2026, 5, 1), d(2026, 5, 20))  # raised after: not counted
    _action(tenant_a, d(2025, 8, 1), d(2025, 9, 1), board=tenant_a.subgroup)
    with scopes_disabled():
        Action.objects.filter(pk=done.pk).update(status="completed", completed_on=d(2025, 7, 1))
        # Completed after the period: still open and overdue at its end.
        Action.objects.filter(pk=late_done.pk).update(
            status="completed", completed_on=d(2026, 4, 10)
        )
    with scope(partnership=tenant_a.partnership):
        rows = {
            row["board"]: row
            for row in selectors.action_figures_by_board(tenant_a.partnership, start=START, end=END)
        }
    board = rows[tenant_a.board.name]
    assert board == {
        "board": tenant_a.board.name,
        "raised": 3,
        "completed": 1,
        "open": 3,
        "overdue": 2,
    }
    assert rows[tenant_a.subgroup.name]["raised"] == 1
    assert rows[tenant_a.subgroup.name]["overdue"] == 1


def test_while_the_period_runs_overdue_is_as_of_today(tenant_a):
    d = datetime.date
    _action(tenant_a, d(2025, 5, 1), d(2025, 12, 1))
    with scope(partnership=tenant_a.partnership):
        before = selectors.action_figures_by_board(
            tenant_a.partnership, start=START, end=END, as_of=d(2025, 11, 1)
        )
        after = selectors.action_figures_by_board(
            tenant_a.partnership, start=START, end=END, as_of=d(2025, 12, 2)
        )
    assert before[0]["overdue"] == 0 and after[0]["overdue"] == 1
