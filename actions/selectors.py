"""Reads for the action log. Each returns a queryset (or plain data) with the
related rows its page needs fetched up front, so the number of queries stays the
same however many actions a log holds."""

import datetime
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import (
    Case,
    Count,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Value,
    When,
    Window,
)

from partnership.links import reverse
from partnership.models import Board, BoardMembership, PartnerAgency, Person, Team
from partnership.permissions import active_role, can_view_sensitive, visible_board_ids
from partnership.tenancy import in_partnership

from .models import Action, ActionLogSettings, ActionOwner, ActionUpdate, origin_label
from .owners import ALL, people_owning_ways
from .permissions import visible_actions
from .rag import AMBER, GREEN, RED, RagRule, RagStatus

SORTS = {
    "number": "Board and number",
    "due": "Due date, soonest first",
    "rag": "RAG, red first",
    "updated": "Recently updated",
}


WARNING_DAYS_SQL = (
    "SELECT warning_days FROM actions_actionlogsettings WHERE partnership_id = %s LIMIT 1"
)


def rag_rule_for(partnership, today=None):
    """Today's RAG rule with the partnership's warning window (the settings'
    default if it has never set one). Every log page asks, and through the ORM
    the one-column read cost three times its running: it is a statement here,
    held to the partnership as the manager holds it (and by row-level security).
    tests/actions/test_models.py proves it agrees with ActionLogSettings."""
    with connection.cursor() as cursor:
        cursor.execute(WARNING_DAYS_SQL, [getattr(partnership, "pk", partnership)])
        found = cursor.fetchone()
    warning_days = found[0] if found else ActionLogSettings().warning_days
    return RagRule.on(today, warning_days=warning_days)


def _owners_prefetch():
    """Owners as a list on each action (`owner_rows`, read through
    `Action.owner_list`): into the related manager, Django built a queryset for
    each action. Each with their person joined; the boards, teams and agencies
    they name are read by id in queries of their own. Joined, PostgreSQL
    expected one owner row under the row-level security filter and scanned
    every board of every partnership once per owner."""
    return (
        Prefetch(
            "owners", queryset=ActionOwner.objects.select_related("person"), to_attr="owner_rows"
        ),
        "owner_rows__board",
        "owner_rows__team",
        "owner_rows__agency__organisation",
    )


def with_owners(actions):
    """`actions` with their owners fetched up front, and nothing else: what a
    list that shows who owns each action (and not its RAG, origin or latest
    update) needs, such as the actions raised in a set of minutes."""
    return actions.prefetch_related(*_owners_prefetch())


def latest_updates():
    """Updates that say something (not the first, "Action raised"), newest first."""
    return (
        ActionUpdate.objects.exclude(text="")
        .exclude(kind=ActionUpdate.Kind.RAISED)
        .order_by("-made_on", "-created_at", "-pk")
    )


def actions_for_list(actions, rule, *, plain=False):
    """`actions` (a queryset the member may see: `visible_actions`) with
    everything a log row shows: board, origin, owners, RAG (in SQL, as
    `rag_code`), whether overdue, and the latest update's text and date.
    `plain`: RAG and overdue only, for reading thousands of rows as values
    (exports.export_rows fetches the rest in two more queries)."""
    actions = actions.with_rag(rule).annotate(
        overdue=Case(When(rule.overdue_q(), then=Value(1)), default=Value(0))
    )
    if plain:
        return actions
    latest = latest_updates()
    # The origin is fetched for the rows read (a page), not joined before the
    # sort: joined, PostgreSQL pairs it with every matching action first.
    return (
        actions.select_related("partnership", "board")
        .prefetch_related("origin_meeting", "origin_item", *_owners_prefetch())
        .annotate(
            latest_update_text=Subquery(latest.filter(action=OuterRef("pk")).values("text")[:1]),
            latest_update_on=Subquery(latest.filter(action=OuterRef("pk")).values("made_on")[:1]),
        )
    )


def open_actions_for_board(board, *, membership, rule=None):
    """The board's open actions (not completed, not no longer required) that
    the member may see, with owners prefetched and RAG annotated, in number
    order: what a meeting's "action log" item reviews."""
    rule = rule or rag_rule_for(board.partnership_id)
    return (
        actions_for_list(visible_actions(membership), rule)
        .filter(board=board)
        .open()
        .order_by("number")
    )


def owned_by(person):
    """Actions `person` owns (themselves, via "All" on a board they sit on, a
    group they chair, a team they are in or an agency they lead for), as a Q on
    Action. The owning rows are read first, in one query, as a UNION of one
    SELECT per way of owning: each has an index to drive it, where their OR
    read every owner row of the partnership (My actions at bench size: 41 ms ->
    0.7 ms for this query)."""
    ways = [
        ActionOwner.objects.filter(way).order_by().values_list("action_id", flat=True)
        for way in people_owning_ways(person)
    ]
    return Q(pk__in=set(ways[0].union(*ways[1:])))


def owner_q(owner):
    """Actions with this owner named directly (a token's owner), or any of a
    list of owners (a name typed in the filter that several owners match)."""
    if isinstance(owner, list | tuple):
        found = Q(pk__in=[])
        for one in owner:
            found |= owner_q(one)
        return found
    if owner == ALL:
        rows = ActionOwner.objects.filter(all_members=True)
    elif isinstance(owner, Person):
        rows = ActionOwner.objects.filter(person=owner)
    elif isinstance(owner, Board):
        rows = ActionOwner.objects.filter(board=owner)
    elif isinstance(owner, PartnerAgency):
        rows = ActionOwner.objects.filter(agency=owner)
    elif isinstance(owner, Team):
        rows = ActionOwner.objects.filter(team=owner)
    else:
        raise TypeError(owner)
    return Q(pk__in=rows.values("action_id"))


@dataclass
class LogFilters:
    """What the log is filtered and sorted by (from ActionFilterForm). Nothing
    chosen means no filter: every status, every board the member may view."""

    board: Board | None = None
    owner: object = None
    mine: bool = False
    statuses: list = field(default_factory=list)
    rags: list = field(default_factory=list)
    overdue: bool = False
    due_within: int | None = None
    origin_meeting: object = None  # a meeting's uuid
    query: str = ""
    sort: str = "number"


def action_log(*, membership, filters, rule, with_rag_filter=True, plain=False):
    """The log as the member may see it (`visible_actions`), filtered and sorted."""
    actions = actions_for_list(visible_actions(membership), rule, plain=plain)
    if filters.board is not None:
        actions = actions.filter(board=filters.board)
    if filters.statuses:
        actions = actions.filter(status__in=filters.statuses)
    if filters.mine:
        person = membership.person_pk
        actions = actions.filter(owned_by(person)) if person is not None else actions.none()
    if filters.owner is not None:
        actions = actions.filter(owner_q(filters.owner))
    if filters.overdue:
        actions = actions.filter(rule.overdue_q())
    if filters.due_within is not None:
        until = rule.today + datetime.timedelta(days=filters.due_within)
        actions = actions.filter(due_date__gte=rule.today, due_date__lte=until)
    if filters.origin_meeting is not None:
        actions = actions.filter(origin_meeting__uuid=filters.origin_meeting)
    if filters.query:
        actions = actions.filter(_search(filters.query))
    if with_rag_filter and filters.rags:
        actions = actions.filter(rag_code__in=filters.rags)
    return actions.order_by(*_ordering(filters.sort, one_board=filters.board is not None))


def _search(query):
    words = query.strip()
    found = (
        Q(description__icontains=words)
        | Q(origin_reference__icontains=words)
        | Q(pk__in=ActionUpdate.objects.filter(text__icontains=words).values("action_id"))
        | Q(pk__in=_owners_named(words))
    )
    number = words.lower().removeprefix("action").strip().removeprefix("no").strip(" .")
    if number.isdigit() and len(number) < 9:
        found |= Q(number=int(number))
    return found


def _owners_named(words):
    """Action ids with an owner whose name matches: each kind of owner is looked
    up in its own (small) table first, so the owner rows are filtered by id, not
    joined to four tables and matched one by one."""
    people = Person.objects.filter(Q(full_name__icontains=words) | Q(initials__iexact=words))
    agencies = PartnerAgency.objects.filter(
        Q(organisation__name__icontains=words) | Q(display_name__icontains=words)
    )
    return ActionOwner.objects.filter(
        Q(person__in=people.values("pk"))
        | Q(board__in=Board.objects.filter(name__icontains=words).values("pk"))
        | Q(team__in=Team.objects.filter(name__icontains=words).values("pk"))
        | Q(agency__in=agencies.values("pk"))
    ).values("action_id")


RAG_ORDER = Case(
    When(rag_code=RED, then=Value(0)),
    When(rag_code=AMBER, then=Value(1)),
    default=Value(2),
    output_field=IntegerField(),
)


def _ordering(sort, *, one_board):
    by_number = ["number"] if one_board else ["board__name", "number"]
    if sort == "due":
        return [F("due_date").asc(nulls_last=True), *by_number]
    if sort == "rag":
        return [RAG_ORDER, F("due_date").asc(nulls_last=True), *by_number]
    if sort == "updated":
        return ["-updated_at", *by_number]
    return by_number


@dataclass(frozen=True, slots=True)
class LogRow:
    """One row of an action log as the page and the exports show it, read as
    values (`log_rows`)."""

    pk: int
    uuid: object
    partnership_slug: str | None
    board_name: str
    board_label: str
    number: int
    origin_label: str
    description: str
    owners_display: str
    due_date: datetime.date | None
    status_display: str
    rag: RagStatus
    latest_update_text: str
    latest_update_on: datetime.date | None

    @property
    def url(self):
        return reverse(
            "actions:action-detail",
            kwargs={"partnership_slug": self.partnership_slug, "action_uuid": self.uuid},
        )


# One statement for every row's values, owners and latest update: read through
# the ORM the same rows were four queries (rows, owners, the names the owners
# point at, latest updates), and building and compiling them cost more than running
# them (a page of fifty rows: 11 ms, 3 of them in PostgreSQL; this: 4 ms).
# Each owner's names, and the meeting and item an action was raised at, are read
# by primary key: joined, PostgreSQL expected one row under the row-level
# security filter and read every partnership's boards once per owner, and every
# meeting and item once per action. Row-level security holds it to the partnership it
# runs in; the partnership is named as well, as the ORM's managers do.
LOG_ROWS_SQL = """
SELECT a.id, a.uuid, b.name, b.short_name, a.number,
       (SELECT m.date FROM meetings_meeting m WHERE m.id = a.origin_meeting_id),
       (SELECT i.number FROM meetings_agendaitem i WHERE i.id = a.origin_item_id),
       a.origin_reference, a.description, a.due_date, a.status, a.rag_override,
       a.rag_reason, latest.text, latest.made_on,
       ARRAY(
         SELECT ARRAY[
           o.all_members::text,
           (SELECT p.full_name FROM partnership_person p WHERE p.id = o.person_id),
           (SELECT ob.name FROM partnership_board ob WHERE ob.id = o.board_id),
           (SELECT t.name FROM partnership_team t WHERE t.id = o.team_id),
           CASE WHEN o.agency_id IS NOT NULL THEN (
             SELECT coalesce(nullif(ag.display_name, ''), nullif(org.short_name, ''), org.name)
               FROM partnership_partneragency ag
               JOIN partnership_organisation org ON org.id = ag.organisation_id
              WHERE ag.id = o.agency_id) END]
         FROM actions_actionowner o
         WHERE o.action_id = a.id
         ORDER BY o.position, o.id)
FROM actions_action a
JOIN partnership_board b ON b.id = a.board_id
LEFT JOIN LATERAL (
  SELECT u.text, u.made_on FROM actions_actionupdate u
  WHERE u.action_id = a.id AND u.text <> '' AND u.kind <> %(raised)s
  ORDER BY u.made_on DESC, u.created_at DESC, u.id DESC
  LIMIT 1
) latest ON true
WHERE a.partnership_id = %(partnership)s AND a.id = ANY(%(ids)s)
"""


def log_rows(ids, *, rule, partnership_id, partnership_slug=None):
    """A `LogRow` for each action with these ids, in the ids' order (the log
    page's rows, the CSV and Excel exports): read as values in one statement
    (`LOG_ROWS_SQL`), no model instances. The ids come from a log the member
    may see (`action_log`): the rows are read by primary key alone. RAG by
    `rule`, as `RagRule.case` works it out in SQL for the log's filter and
    counts. `partnership_slug` for the rows' `url`."""
    ids = list(ids)
    if not ids:
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            LOG_ROWS_SQL,
            {"raised": ActionUpdate.Kind.RAISED, "partnership": partnership_id, "ids": ids},
        )
        found = {row[0]: row for row in cursor.fetchall()}
    statuses = dict(Action.Status.choices)
    rows = []
    for pk in ids:
        if pk not in found:
            continue
        _, uuid, board, short, number, met, item, reference, text, due, *rest = found[pk]
        status, override, why, update_text, update_on, owners = rest
        labels = [_owner_name(all_members == "true", names) for all_members, *names in owners]
        rows.append(
            LogRow(
                pk=pk,
                uuid=uuid,
                partnership_slug=partnership_slug,
                board_name=board,
                board_label=short or board,
                number=number,
                origin_label=origin_label(met, item, reference),
                description=text,
                owners_display=", ".join(labels) or "No owner",
                due_date=due,
                status_display=statuses[status],
                rag=rule.status_of(status=status, due_date=due, override=override, reason=why),
                latest_update_text=update_text or "",
                latest_update_on=update_on,
            )
        )
    return rows


def _owner_name(all_members, names):
    """An owner's label from the names `LOG_ROWS_SQL` reads for it, as
    `ActionOwner.label` gives it: "All", else the first name there is: the
    person's, the group's or the team's, or the agency's (the partnership's own
    name for it, else the organisation's short name, else its name: worked out
    in the statement, and only for an owner that is an agency, where joining
    the agencies cost a scan of them and of the organisations per owner)."""
    if all_members:
        return "All"
    return next((name for name in names if name), None)


def rows_of(ids, *, rule, partnership):
    """The log rows with these ids (`log_rows`), in the ids' order: a page of
    the log is cut from its ids (PostgreSQL sorts thousands of narrow rows, not
    thousands of rows with their text, board and latest update) and only the
    page's rows are read with everything they show."""
    return log_rows(
        ids, rule=rule, partnership_id=partnership.pk, partnership_slug=partnership.slug
    )


def page_with_counts(actions, *, number, per_page):
    """(ids of page `number` of the log `actions`, {'red': n, 'amber': n,
    'green': n} over all of it) in one query: the counts are window counts over
    every row, worked out in the same pass as the sort that cuts the page. Green
    is what is neither red nor amber (every row has one of the three colours):
    one RAG test fewer for each of thousands of rows. None for both when the
    page is past the last (no row carries the counts)."""
    start = (number - 1) * per_page
    rows = list(
        actions.annotate(
            total=Window(Count("pk")),
            **{colour: Window(Count("pk", filter=Q(rag_code=colour))) for colour in (RED, AMBER)},
        ).values_list("pk", "total", RED, AMBER)[start : start + per_page]
    )
    if not rows:
        return None, None
    _, total, red, amber = rows[0]
    return [row[0] for row in rows], {RED: red, AMBER: amber, GREEN: total - red - amber}


def rag_counts(actions):
    """{'red': n, 'amber': n, 'green': n} over a log queryset, in one query."""
    counts = {RED: 0, AMBER: 0, GREEN: 0}
    rows = actions.order_by().values("rag_code").annotate(n=Count("pk"))
    for row in rows:
        counts[row["rag_code"]] = row["n"]
    return counts


def action_counts_by_board(*, membership, rule=None):
    """{board pk: {"open": n, "overdue": n}} for the partnership overview: every
    board's counts (the overview names every board), without the actions the
    member may not see because they were raised at confidential items."""
    partnership = membership.partnership_id
    rule = rule or rag_rule_for(partnership)
    actions = Action.objects.for_partnership(partnership)
    if not can_view_sensitive(membership):
        actions = actions.exclude(origin_item__is_confidential=True)
    rows = (
        actions.open()
        .order_by()
        .values("board_id")
        .annotate(open=Count("pk"), overdue=Count("pk", filter=rule.overdue_q()))
    )
    return {row["board_id"]: {"open": row["open"], "overdue": row["overdue"]} for row in rows}


def actions_with_timeline(membership, rule):
    """Actions for their own page: a log row's data and every update, newest first."""
    return actions_for_list(visible_actions(membership), rule).prefetch_related(
        Prefetch("updates", queryset=ActionUpdate.objects.select_related("author"))
    )


FILTER_CHOICES_SQL = """
SELECT 'board', b.id, b.uuid, b.name, b.short_name, NULL::date
  FROM partnership_board b
 WHERE %(with_boards)s AND b.partnership_id = %(partnership)s
   AND (%(boards)s::bigint[] IS NULL OR b.id = ANY(%(boards)s::bigint[]))
UNION ALL
SELECT 'meeting', m.id, m.uuid, b.name, b.short_name, m.date
  FROM meetings_meeting m
  JOIN partnership_board b ON b.id = m.board_id AND b.partnership_id = %(partnership)s
 WHERE m.partnership_id = %(partnership)s
   AND m.id IN (
     SELECT a.origin_meeting_id FROM actions_action a
      WHERE a.partnership_id = %(partnership)s AND a.origin_meeting_id IS NOT NULL
        AND (%(boards)s::bigint[] IS NULL OR a.board_id = ANY(%(boards)s::bigint[]))
        AND (%(board)s::bigint IS NULL OR a.board_id = %(board)s)
        AND (%(sensitive)s OR NOT EXISTS (
          SELECT 1 FROM meetings_agendaitem i
           WHERE i.id = a.origin_item_id AND i.is_confidential)))
"""


@dataclass(frozen=True)
class FilterChoices:
    """What the log's filters offer: the boards the member may open, as
    [(pk, uuid, name)] by name, and the meetings that raised actions they may
    see, as [(uuid, board label, date)], newest first."""

    boards: list
    meetings: list


def filter_choices(membership, *, board=None):
    """The log's `FilterChoices` in one statement (`FILTER_CHOICES_SQL`): through
    the ORM, the boards and the meetings were two reads that cost twice their
    running to build. Read through the actions, so the action log needs nothing
    from the meetings app. On a board's log (`board`) the meetings are that
    board's and no boards are read (the page offers none). The rules are the
    Python rules' (`visible_board_ids`, `can_view_sensitive`, as
    `visible_actions` applies them); tests/actions/test_views.py proves the
    choices are `visible_boards` and the meetings of `visible_actions`."""
    if active_role(membership) is None:
        return FilterChoices(boards=[], meetings=[])
    boards = visible_board_ids(membership)  # None: every board
    with connection.cursor() as cursor:
        cursor.execute(
            FILTER_CHOICES_SQL,
            {
                "partnership": membership.partnership_id,
                "with_boards": board is None,
                "boards": boards,
                "board": None if board is None else board.pk,
                "sensitive": can_view_sensitive(membership),
            },
        )
        rows = cursor.fetchall()
    found_boards, meetings = [], []
    for kind, pk, uuid, name, short, date in rows:
        if kind == "board":
            found_boards.append((pk, uuid, name))
        else:
            meetings.append((uuid, short or name, date))
    found_boards.sort(key=lambda row: row[2])
    meetings.sort(key=lambda row: (row[2], row[1]), reverse=True)
    return FilterChoices(boards=found_boards, meetings=meetings)


MY_ACTIONS_SHOWN = 15


@dataclass
class MyActions:
    membership: object
    actions: list
    count: int = 0
    overdue_count: int = 0

    @property
    def partnership(self):
        return self.membership.partnership

    @property
    def more(self):
        return self.count > len(self.actions)


@dataclass(frozen=True, slots=True)
class MyAction:
    """One row of My actions, read as values (`MY_ACTIONS_SQL`)."""

    uuid: object
    partnership_slug: str
    board_label: str
    number: int
    description: str
    due_date: datetime.date | None
    overdue: bool
    rag: RagStatus

    @property
    def url(self):
        return reverse(
            "actions:action-detail",
            kwargs={"partnership_slug": self.partnership_slug, "action_uuid": self.uuid},
        )


# My actions in one statement: the open actions a person owns, on the boards
# they may view, without those raised at confidential items unless they may
# read them, the most urgent first, with how many there are and how many are
# overdue (window counts). Through the ORM this was two queries (the owning
# rows' ids, then the actions) whose building and compiling cost twice running
# them. `mine` is `actions.owners.people_owning_ways`, one SELECT per way, each
# driven by its index, as `owned_by` reads them; the actions are then read by
# primary key (`= ANY(ARRAY(...))`: joined, PostgreSQL read every open action
# of the partnership to find them). The rest is `visible_actions`, with the
# member's boards and rights passed in. tests/actions/test_my_actions.py
# proves both agree with the ORM's rules.
MY_ACTIONS_SQL = """
WITH seats AS (
  SELECT s.board_id, s.role FROM partnership_boardmembership s
   WHERE s.partnership_id = %(partnership)s AND s.person_id = %(person)s
     AND (s.start_date IS NULL OR s.start_date <= %(today)s)
     AND (s.end_date IS NULL OR s.end_date >= %(today)s)
), mine AS (
  SELECT o.action_id FROM actions_actionowner o
   WHERE o.partnership_id = %(partnership)s AND o.person_id = %(person)s
  UNION
  SELECT o.action_id FROM actions_actionowner o
    JOIN actions_action oa ON oa.id = o.action_id
   WHERE o.partnership_id = %(partnership)s AND o.all_members
     AND oa.board_id IN (SELECT s.board_id FROM seats s)
  UNION
  SELECT o.action_id FROM actions_actionowner o
   WHERE o.partnership_id = %(partnership)s
     AND o.board_id IN (SELECT s.board_id FROM seats s WHERE s.role = ANY(%(chairs)s))
  UNION
  SELECT o.action_id FROM actions_actionowner o
   WHERE o.partnership_id = %(partnership)s
     AND o.team_id IN (SELECT tm.team_id FROM partnership_teammember tm
                        WHERE tm.partnership_id = %(partnership)s AND tm.person_id = %(person)s)
  UNION
  SELECT o.action_id FROM actions_actionowner o
    JOIN partnership_partneragency ag ON ag.id = o.agency_id
   WHERE o.partnership_id = %(partnership)s AND ag.lead_representative_id = %(person)s
), owned AS (
  SELECT a.uuid, b.name, b.short_name, a.number, a.description, a.due_date, a.status,
         a.rag_override, a.rag_reason,
         a.due_date IS NOT NULL AND a.due_date <= %(overdue_by)s AS overdue
    FROM actions_action a
    JOIN partnership_board b ON b.id = a.board_id
    LEFT JOIN meetings_agendaitem i ON i.id = a.origin_item_id
   WHERE a.partnership_id = %(partnership)s
     AND a.id = ANY(ARRAY(SELECT action_id FROM mine))
     AND a.status = ANY(%(open)s)
     AND (%(every_board)s OR a.board_id = ANY(%(boards)s))
     AND (%(sensitive)s OR i.is_confidential IS NOT TRUE)
)
SELECT *, count(*) OVER (), count(*) FILTER (WHERE overdue) OVER (),
       (SELECT st.warning_days FROM actions_actionlogsettings st
         WHERE st.partnership_id = %(partnership)s)
  FROM owned
 ORDER BY overdue DESC, due_date ASC NULLS LAST, name, number
 LIMIT %(shown)s
"""


def my_actions(memberships, *, shown=MY_ACTIONS_SHOWN):
    """The open actions the user owns in each of their partnerships (boards they
    may view only), overdue first, then soonest due: [MyActions], one per
    partnership with any. At most `shown` of them each, with how many there are
    and how many are overdue (window counts in the same query), so the home page
    stays one screen however many someone owns; the log's "mine" filter lists
    the rest. Each partnership is read in its own scope, with that membership's
    rights."""
    groups = []
    for membership in memberships:
        with in_partnership(membership.partnership):
            rows, count, overdue = _my_actions_in(membership, shown=shown)
        if rows:
            groups.append(
                MyActions(membership=membership, actions=rows, count=count, overdue_count=overdue)
            )
    return groups


def _my_actions_in(membership, *, shown):
    """([MyAction], how many, how many overdue) for one membership, read in its
    partnership (`MY_ACTIONS_SQL`)."""
    person = membership.person_pk
    if person is None:
        return [], 0, 0
    partnership = membership.partnership
    # Overdue does not depend on the warning window; amber does, and the
    # partnership's (if it has set one) is read in the same statement.
    base = RagRule.for_today()
    boards = visible_board_ids(membership)  # None: every board
    if boards == []:
        return [], 0, 0
    with connection.cursor() as cursor:
        cursor.execute(
            MY_ACTIONS_SQL,
            {
                "partnership": partnership.pk,
                "person": person,
                "today": base.today,
                "chairs": [BoardMembership.Role.CHAIR, BoardMembership.Role.VICE_CHAIR],
                "overdue_by": base.overdue_if_due_on_or_before,
                "open": list(Action.OPEN_STATUSES),
                "every_board": boards is None,
                "boards": boards or [],
                "sensitive": can_view_sensitive(membership),
                "shown": shown,
            },
        )
        found = cursor.fetchall()
    if not found:
        return [], 0, 0
    *_, count, overdue_count, warning_days = found[0]
    rule = RagRule(
        today=base.today, warning_days=warning_days or ActionLogSettings.DEFAULT_WARNING_DAYS
    )
    rows = [
        MyAction(
            uuid=uuid,
            partnership_slug=partnership.slug,
            board_label=short or board,
            number=number,
            description=text,
            due_date=due,
            overdue=overdue,
            rag=rule.status_of(status=status, due_date=due, override=override, reason=why),
        )
        for uuid, board, short, number, text, due, status, override, why, overdue, *_ in found
    ]
    return rows, count, overdue_count


# For the annual report (dashboard) --------------------------------------------


def action_figures_by_board(partnership, *, start, end, as_of=None):
    """[{"board", "raised", "completed", "overdue", "open"}] per board for the
    period start..end: actions raised in it (the date of the first update,
    "Action raised" or imported), completed in it, and, on `as_of` (the
    period's end, or today while it runs), still open and past their due date
    (overdue) or open at all. Every action of the partnership counts (the report
    gives numbers, never what an action says). One query."""
    from django.db.models.functions import Coalesce, TruncDate

    as_of = min(as_of or end, end)
    raised = (
        ActionUpdate.objects.filter(
            action=OuterRef("pk"),
            kind__in=[ActionUpdate.Kind.RAISED, ActionUpdate.Kind.IMPORTED],
        )
        .order_by("made_on")
        .values("made_on")[:1]
    )
    actions = Action.objects.for_partnership(partnership).annotate(
        raised_on=Coalesce(Subquery(raised), TruncDate("created_at"))
    )
    open_then = Q(raised_on__lte=as_of) & (
        Q(status__in=Action.OPEN_STATUSES)
        | Q(status=Action.Status.COMPLETED, completed_on__gt=as_of)
    )
    rows = (
        actions.order_by()
        .values("board_id", "board__name", "board__short_name")
        .annotate(
            raised=Count("pk", filter=Q(raised_on__range=(start, end))),
            completed=Count("pk", filter=Q(completed_on__range=(start, end))),
            open=Count("pk", filter=open_then),
            overdue=Count("pk", filter=open_then & Q(due_date__lt=as_of)),
        )
        .order_by("board__name")
    )
    return [
        {
            "board": row["board__name"],
            "raised": row["raised"],
            "completed": row["completed"],
            "open": row["open"],
            "overdue": row["overdue"],
        }
        for row in rows
        if row["raised"] or row["completed"] or row["open"]
    ]
