"""The RAG rule at its edges, in Python and in SQL alike; origins; owners."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone
from django_scopes import scopes_disabled

from actions.models import Action, ActionLogSettings
from actions.owners import ALL, OwnerDirectory, owner_choices
from actions.rag import RagRule, rule_text
from actions.selectors import open_actions_for_board

from ..factories import BoardFactory, PersonFactory
from ..meetings.factories import AgendaItemFactory, MeetingFactory
from .factories import ActionFactory

WEDNESDAY = datetime.date(2026, 3, 4)
MONDAY = datetime.date(2026, 3, 2)
DAY = datetime.timedelta(days=1)


def colour(on, due, status="open", warning_days=7):
    return RagRule(today=on, warning_days=warning_days).computed_colour(status=status, due_date=due)


@pytest.mark.parametrize(
    ("on", "due", "expected"),
    [
        (WEDNESDAY, WEDNESDAY, "amber"),  # due today: not overdue yet
        (WEDNESDAY, WEDNESDAY - DAY, "red"),  # overdue by one day
        (WEDNESDAY, WEDNESDAY + 7 * DAY, "amber"),  # the last day of the window
        (WEDNESDAY, WEDNESDAY + 8 * DAY, "green"),
        (WEDNESDAY, None, "green"),  # no due date
        (MONDAY, MONDAY - 2 * DAY, "amber"),  # due Saturday: counts as due Monday
        (MONDAY, MONDAY - DAY, "amber"),  # due Sunday: the same
        (MONDAY + DAY, MONDAY - 2 * DAY, "red"),  # ...and overdue on Tuesday
        (MONDAY, MONDAY - 3 * DAY, "red"),  # due Friday: overdue on Monday
        (datetime.date(2026, 4, 7), datetime.date(2026, 4, 3), "amber"),  # Good Friday
        (datetime.date(2026, 4, 8), datetime.date(2026, 4, 3), "red"),  # ...after Easter Monday
        (MONDAY - 2 * DAY, MONDAY - 3 * DAY, "red"),  # a Saturday, due the Friday before
    ],
)
def test_rag_rule_at_its_edges(on, due, expected):
    assert colour(on, due) == expected


def test_closed_actions_are_green_whatever_the_date():
    assert colour(WEDNESDAY, WEDNESDAY - 30 * DAY, status="completed") == "green"
    assert colour(WEDNESDAY, WEDNESDAY - 30 * DAY, status="no_longer_required") == "green"
    assert colour(WEDNESDAY, WEDNESDAY - 30 * DAY, status="carried_forward") == "red"


def test_the_warning_window_is_the_partnerships():
    assert colour(WEDNESDAY, WEDNESDAY + 10 * DAY, warning_days=14) == "amber"
    assert "in the next 14 days" in rule_text(14)
    assert "in the next 1 day." in rule_text(1)


def test_the_rule_for_a_partnership_has_its_window_and_no_other(tenant_a, tenant_b):
    """rag_rule_for reads the window as SQL: it agrees with ActionLogSettings,
    with the default for a partnership that never set one, and never takes
    another partnership's."""
    from actions.selectors import rag_rule_for
    from partnership.tenancy import in_partnership

    with in_partnership(tenant_a.partnership):
        default = ActionLogSettings.for_partnership(tenant_a.partnership).warning_days
        assert rag_rule_for(tenant_a.partnership) == RagRule.for_today(default)
    with in_partnership(tenant_b.partnership):
        ActionLogSettings.objects.create(partnership=tenant_b.partnership, warning_days=21)
        assert rag_rule_for(tenant_b.partnership.pk, today=WEDNESDAY) == RagRule(
            today=WEDNESDAY, warning_days=21
        )
    with in_partnership(tenant_a.partnership):
        assert rag_rule_for(tenant_a.partnership).warning_days == default != 21
        assert rag_rule_for(tenant_b.partnership).warning_days == default  # not readable here


def test_rag_has_words_as_well_as_colour():
    rule = RagRule(today=WEDNESDAY)
    labels = {
        rule.status_of(status="open", due_date=WEDNESDAY - DAY).label,
        rule.status_of(status="open", due_date=WEDNESDAY).label,
        rule.status_of(status="open", due_date=None).label,
        rule.status_of(status="completed", due_date=None).label,
        rule.status_of(status="open", due_date=None, override="amber", reason="Maintain").label,
    }
    assert labels == {
        "Red — overdue",
        "Amber — due soon",
        "Green — on track",
        "Green — completed",
        "Amber — set by hand",
    }
    colour_, label = rule.status_of(status="open", due_date=WEDNESDAY - DAY)
    assert (colour_, label) == ("red", "Red — overdue")


@pytest.mark.django_db
def test_sql_and_python_agree_on_every_action(tenant_a):
    dues = [None] + [MONDAY + n * DAY for n in range(-12, 14)]
    for due in dues:
        for status in ("open", "completed", "carried_forward"):
            ActionFactory(board=tenant_a.board, due_date=due, status=status)
    with scopes_disabled():
        ActionFactory(board=tenant_a.board, due_date=MONDAY - 9 * DAY)
        Action.objects.filter(pk=Action.objects.latest("pk").pk).update(
            rag_override="green", rag_reason="Agreed at the meeting"
        )
        for on in (MONDAY - 2 * DAY, MONDAY, MONDAY + 2 * DAY, datetime.date(2026, 4, 7)):
            rule = RagRule(today=on, warning_days=7)
            for action in Action.objects.with_rag(rule):
                expected = rule.status_of(
                    status=action.status,
                    due_date=action.due_date,
                    override=action.rag_override,
                    reason=action.rag_reason,
                )
                assert action.rag_code == expected.colour, (on, action.due_date, action.status)
                assert action.rag == expected


@pytest.mark.django_db
def test_an_action_works_its_rag_out_with_the_partnerships_window(tenant_a):
    action = ActionFactory(board=tenant_a.board, due_date=timezone.localdate() + 10 * DAY)
    with scopes_disabled():
        assert action.rag.colour == "green"
        ActionLogSettings.objects.create(partnership=tenant_a.partnership, warning_days=14)
        fresh = Action.objects.get(pk=action.pk)
        assert fresh.rag.label == "Amber — due soon"


@pytest.mark.django_db
def test_origin_label_reads_as_minutes_write_it(tenant_a):
    meeting = MeetingFactory(board=tenant_a.board, date=datetime.date(2019, 10, 23))
    item = AgendaItemFactory(meeting=meeting, number="4.1")
    assert ActionFactory(board=tenant_a.board, origin_item=item).origin_label == "23.10.19 ref 4.1"
    assert ActionFactory(board=tenant_a.board, origin_meeting=meeting).origin_label == "23.10.19"
    unnumbered = AgendaItemFactory(meeting=meeting, number="")
    assert ActionFactory(board=tenant_a.board, origin_item=unnumbered).origin_label == "23.10.19"
    dotted = AgendaItemFactory(meeting=meeting, number="2.3.")
    assert (
        ActionFactory(board=tenant_a.board, origin_item=dotted).origin_label == "23.10.19 ref 2.3"
    )
    assert (
        ActionFactory(board=tenant_a.board, origin_reference="18.11.19 ref 2.2").origin_label
        == "18.11.19 ref 2.2"
    )


@pytest.mark.django_db
def test_numbers_are_unique_per_board_in_the_database(tenant_a):
    first = ActionFactory(board=tenant_a.board)
    with scopes_disabled(), pytest.raises(IntegrityError), transaction.atomic():
        Action.objects.create(
            partnership=tenant_a.partnership,
            board=tenant_a.board,
            number=first.number,
            description="Twin",
        )


@pytest.mark.django_db
def test_rag_by_hand_needs_a_reason_in_the_database(tenant_a):
    action = ActionFactory(board=tenant_a.board)
    with scopes_disabled(), pytest.raises(IntegrityError), transaction.atomic():
        Action.objects.filter(pk=action.pk).update(rag_override="red")


@pytest.mark.django_db
def test_rag_by_hand_is_a_colour_in_the_database(tenant_a):
    """The log counts green as neither red nor amber: no fourth colour."""
    action = ActionFactory(board=tenant_a.board)
    with scopes_disabled(), pytest.raises(IntegrityError), transaction.atomic():
        Action.objects.filter(pk=action.pk).update(rag_override="blue", rag_reason="Why not")


@pytest.mark.django_db
def test_the_pages_counts_are_the_logs_counts(tenant_a):
    """The window counts that come with a page's ids (green by subtraction)
    are what counting the log by colour gives."""
    from actions.selectors import page_with_counts, rag_counts, rag_rule_for

    today = timezone.localdate()
    for days in (-20, -12, 2, 5, 30, None):  # overdue whatever the day of the week
        due = None if days is None else today + datetime.timedelta(days=days)
        ActionFactory(board=tenant_a.board, due_date=due)
    ActionFactory(board=tenant_a.board, status="completed")
    by_hand = ActionFactory(board=tenant_a.board, due_date=today + datetime.timedelta(days=60))
    with scopes_disabled():
        Action.objects.filter(pk=by_hand.pk).update(rag_override="red", rag_reason="At risk")
        actions = Action.objects.filter(partnership=tenant_a.partnership).with_rag(
            rag_rule_for(tenant_a.partnership)
        )
        ids, counts = page_with_counts(actions.order_by("number"), number=1, per_page=3)
        assert len(ids) == 3
        assert counts == rag_counts(actions) == {"red": 3, "amber": 2, "green": 3}
        assert page_with_counts(actions.order_by("number"), number=9, per_page=3) == (None, None)


@pytest.mark.django_db
def test_open_actions_for_board(tenant_a):
    overdue = timezone.localdate() - datetime.timedelta(days=10)
    keep = ActionFactory(board=tenant_a.board, owners=[tenant_a.person, ALL], due_date=overdue)
    ActionFactory(board=tenant_a.board, status="completed")
    ActionFactory(board=tenant_a.board, status="no_longer_required")
    carried = ActionFactory(board=tenant_a.board, status="carried_forward")
    ActionFactory(board=tenant_a.subgroup)
    with scopes_disabled():
        found = list(
            open_actions_for_board(
                tenant_a.board, membership=tenant_a.memberships["business_manager"]
            )
        )
    assert found == [keep, carried]
    assert [o.label for o in found[0].owner_list] == ["Morgan Member", "All"]
    # The RAG comes annotated with the row: red for the overdue one, green with no date.
    assert [a.rag.colour for a in found] == ["red", "green"]


@pytest.mark.django_db
def test_owner_tokens_round_trip_and_refuse_strangers(tenant_a, tenant_b):
    with scopes_disabled():
        choices = owner_choices(tenant_a.board)
        assert choices[0] == ("all", "All members of Exec")
        tokens = [token for token, _ in choices]
        assert f"person:{tenant_a.person.uuid}" in tokens
        assert f"board:{tenant_a.subgroup.uuid}" in tokens
        assert f"agency:{tenant_a.agency.uuid}" in tokens
        owners = OwnerDirectory(tenant_a.board).from_tokens(
            ["all", f"person:{tenant_a.person.uuid}", "all"]
        )
        assert owners == [ALL, tenant_a.person]
        with pytest.raises(Exception, match="not a person, team, group or agency"):
            OwnerDirectory(tenant_a.board).from_tokens([f"person:{tenant_b.person.uuid}"])
        with pytest.raises(Exception, match="not a person, team, group or agency"):
            OwnerDirectory(tenant_a.board).from_tokens(["person:not-a-uuid"])


@pytest.mark.django_db
def test_owners_typed_as_trackers_write_them(tenant_a):
    with scopes_disabled():
        PersonFactory(partnership=tenant_a.partnership, full_name="Philippa Grant")
        PersonFactory(partnership=tenant_a.partnership, full_name="Ellen Footman")
        BoardFactory(partnership=tenant_a.partnership, name="Development and Practice Group")
        directory = OwnerDirectory(tenant_a.board)
        pg, ef = directory.parse("PG")[0], directory.parse("ellen footman")[0]
        assert directory.parse("EF/PG") == [ef, pg]
        assert directory.parse("EF, PG and All") == [ef, pg, ALL]
        assert directory.parse("All") == [ALL]
        assert directory.parse("Q&E") == [tenant_a.subgroup]
        dp = directory.parse("Development and Practice Group")[0]
        assert dp.name == "Development and Practice Group"
        # A group whose name has "and" in it, among other owners.
        assert directory.parse("EF/Development and Practice Group") == [ef, dp]
        assert directory.parse("EF and PG/Q&E") == [ef, pg, tenant_a.subgroup]
        with pytest.raises(Exception, match="‘XY’ is not a person"):
            directory.parse("PG/XY")
        PersonFactory(partnership=tenant_a.partnership, full_name="Paul Green")
        with pytest.raises(Exception, match="could be Paul Green or Philippa Grant"):
            OwnerDirectory(tenant_a.board).parse("PG")
