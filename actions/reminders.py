"""Reminders: each working-day morning, everyone who owns actions due within
their partnership's warning window, or overdue, gets one email listing them.

Who owns (and so is reminded): a person named as owner; for "All", every current
member of the action's board; for a board or group, its chair and vice chair;
for a partner agency, its lead representative. Only people with an email address.

Exactly once: each (action, person, kind, date) is claimed by inserting a
Reminder row (unique) in the transaction that decides to send, with INSERT ...
ON CONFLICT DO NOTHING RETURNING, so only the sweep whose insert succeeded sends
it; a re-run, a retried task or a second worker at the same moment finds the row
taken (a concurrent insert waits for the first transaction, then does nothing).
The email goes once that transaction commits, and the rows are then marked
sent. A claim left unsent (the worker died between the commit and the email, or
the mail server refused it) is taken up again by a later sweep once it is older
than REMINDER_CLAIM_LEASE, re-claimed with one UPDATE so only one sweep sends
it: a reminder is never lost to a crash. The rows are marked sent in the
transaction that sends the email, which commits as soon as the mail server has
it, so only a crash inside that one COMMIT could send a reminder twice (and the
email's Message-ID is the same both times, so mail systems that de-duplicate
show it once). "Due soon" is sent once per due date; "overdue" once a week (the
week counted from the first overdue day).
"""

import datetime
import logging
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import DatabaseError, connection, transaction
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from partnership.models import BoardMembership, Membership, Partnership, Person, TeamMember
from partnership.permissions import can_view_sensitive
from partnership.tenancy import in_partnership
from partnership.working_days import is_working_day, next_working_day

from .models import Action, ActionLogSettings, ActionOwner, Reminder

log = logging.getLogger(__name__)
ONE_DAY = datetime.timedelta(days=1)


@dataclass(frozen=True)
class Line:
    """One action in someone's digest."""

    partnership: Partnership
    action: Action
    person_id: int
    kind: str
    slot_date: datetime.date

    @property
    def key(self):
        return (self.action.pk, self.person_id, self.kind, self.slot_date)


@dataclass
class Digest:
    email: str
    name: str
    lines: list = field(default_factory=list)

    @property
    def overdue(self):
        return [line for line in self.lines if line.kind == Reminder.Kind.OVERDUE]

    @property
    def due_soon(self):
        return [line for line in self.lines if line.kind == Reminder.Kind.DUE_SOON]

    def summary(self):
        parts = []
        if self.overdue:
            parts.append(f"{len(self.overdue)} overdue")
        if self.due_soon:
            parts.append(f"{len(self.due_soon)} due soon")
        return ", ".join(parts)


def slot_for(action, rule, on):
    """(kind, slot date) of the reminder an action is due today, or None."""
    if action.due_date is None or not action.is_open:
        return None
    return _slot(rule, action.status, action.due_date, on)


def _candidates(partnership, on, *, sent=None):
    """Lines due today in one partnership (inside its scope), leaving out the
    (action, person, kind, slot) already claimed, which `sent` (a function of
    action ids) finds; without it, every line due.

    Who is due what is worked out from plain values (ids, dates, roles: a few
    queries however many actions), and records are loaded only for the lines
    left to send, so a sweep that finds everything sent reads little."""
    settings_row = ActionLogSettings.for_partnership(partnership)
    if not settings_row.reminders_enabled:
        return []
    rule = settings_row.rag_rule(on)
    slots, sensitive = {}, set()
    for pk, status, due_date, is_sensitive in (
        Action.objects.for_partnership(partnership)
        .open()
        .filter(due_date__isnull=False, due_date__lte=rule.amber_until)
        .annotate(sensitive=Coalesce(F("origin_item__is_confidential"), False))
        .values_list("pk", "status", "due_date", "sensitive")
    ):
        slot = _slot(rule, status, due_date, on)
        if slot is not None:
            slots[pk] = slot
            if is_sensitive:
                sensitive.add(pk)
    if not slots:
        return []
    owners = defaultdict(set)  # action id -> person ids
    seats = _seats(partnership, on)
    teams = _team_members(partnership)
    chairs = {BoardMembership.Role.CHAIR, BoardMembership.Role.VICE_CHAIR}
    for (
        action_id,
        board_id,
        all_members,
        person_id,
        owner_board_id,
        team_id,
        lead_id,
    ) in ActionOwner.objects.filter(action_id__in=slots).values_list(
        "action_id",
        "action__board_id",
        "all_members",
        "person_id",
        "board_id",
        "team_id",
        "agency__lead_representative_id",
    ):
        if all_members:
            found = [person for _, person in seats[board_id]]
        elif person_id:
            found = [person_id]
        elif owner_board_id:
            found = [person for role, person in seats[owner_board_id] if role in chairs]
        elif team_id:
            found = teams[team_id]  # a team's reminders go to its members
        else:
            found = [lead_id] if lead_id is not None else []
        owners[action_id].update(found)
    keys = {
        (action_id, person_id, *slots[action_id])
        for action_id, people in owners.items()
        for person_id in people
    }
    if sent is not None:
        keys -= sent(slots)
    if keys:
        keys = _reachable(partnership, keys, sensitive)
    if not keys:
        return []
    return _lines(partnership, keys)


def _reachable(partnership, keys, sensitive):
    """The keys whose person can be written to (still active, with an address),
    leaving out actions raised at confidential items for people who may not see
    them: one or two queries of ids."""
    reachable = dict(
        Person.objects.for_partnership(partnership)
        .filter(pk__in={key[1] for key in keys}, is_active=True)
        .filter(~Q(email="") | (Q(user__isnull=False) & ~Q(user__email="")))
        .order_by()
        .values_list("pk", "user_id")
    )
    if any(key[0] in sensitive for key in keys):
        kept_from_sensitive = _users_without_sensitive(partnership)
    else:
        kept_from_sensitive = set()
    return {
        key
        for key in keys
        if key[1] in reachable
        and not (key[0] in sensitive and reachable[key[1]] in kept_from_sensitive)
    }


def _slot(rule, status, due_date, on):
    """(kind, slot date) of the reminder an action is due today, or None: `slot_for`
    on plain values."""
    if rule.is_overdue(status=status, due_date=due_date):
        # Weekly, counted from the first day it was overdue.
        first = next_working_day(due_date) + ONE_DAY
        weeks = max((on - first).days, 0) // 7
        return Reminder.Kind.OVERDUE, first + datetime.timedelta(weeks=weeks)
    if due_date <= rule.amber_until:
        return Reminder.Kind.DUE_SOON, due_date
    return None


def _seats(partnership, on):
    """{board id: [(role, person id)]} of the boards' current members."""
    seats = defaultdict(list)
    for board_id, role, person_id in (
        BoardMembership.objects.for_partnership(partnership)
        .current(on)
        .order_by("pk")
        .values_list("board_id", "role", "person_id")
    ):
        seats[board_id].append((role, person_id))
    return seats


def _team_members(partnership):
    """{team id: [person id]} of the active teams' members."""
    members = defaultdict(list)
    for team_id, person_id in (
        TeamMember.objects.for_partnership(partnership)
        .filter(team__is_active=True)
        .order_by("pk")
        .values_list("team_id", "person_id")
    ):
        members[team_id].append(person_id)
    return members


def _lines(partnership, keys):
    """[(person, Line)] for the (action, person, kind, slot) keys left to send."""
    actions = {
        action.pk: action
        for action in Action.objects.for_partnership(partnership)
        .filter(pk__in={key[0] for key in keys})
        .select_related("board", "partnership")
    }
    people = {
        person.pk: person
        for person in Person.objects.for_partnership(partnership)
        .filter(pk__in={key[1] for key in keys})
        .select_related("user")
    }
    lines = []
    for action_id, person_id, kind, slot_date in sorted(
        keys, key=lambda k: (actions[k[0]].board.name, actions[k[0]].number, k[1])
    ):
        action, person = actions[action_id], people.get(person_id)
        if person is None or not email_of(person):
            continue
        lines.append((person, Line(partnership, action, person_id, kind, slot_date)))
    return lines


def _users_without_sensitive(partnership):
    """Users whose membership here may not see OFFICIAL-SENSITIVE material (the
    same rule as every page): they are not reminded of actions raised at
    confidential items, whose links would only give them a 404."""
    return {
        membership.user_id
        for membership in Membership.objects.for_partnership(partnership)
        if not can_view_sensitive(membership)
    }


def email_of(person):
    return (person.email or (person.user.email if person.user_id else "")).strip().lower()


def _partnerships(only):
    return Partnership.objects.order_by("pk") if only is None else only


def reminders_due(*, on, partnerships=None):
    """Everyone's digest for `on`, leaving out what was already sent: {email: Digest}.
    Every partnership, or only those in `partnerships`."""
    digests = {}
    for partnership in _partnerships(partnerships):
        with in_partnership(partnership):
            found = _candidates(partnership, on, sent=_claimed)
        for person, line in found:
            email = email_of(person)
            digest = digests.setdefault(email, Digest(email=email, name=person.full_name))
            digest.lines.append(line)
    return digests


def _claimed(slots):
    """The (action, person, kind, slot) keys already claimed of these actions'
    slots ({action id: (kind, slot date)}): one query."""
    return set(
        Reminder.objects.filter(
            action_id__in=slots, slot_date__in={slot for _, slot in slots.values()}
        ).values_list("action_id", "person_id", "kind", "slot_date")
    )


def reminders_send(*, on=None, dry_run=False, partnerships=None):
    """The daily sweep: sends each digest due today, once. Returns the digests
    sent (or, with dry_run, that would be sent; nothing is claimed or sent).
    Does nothing on weekends and bank holidays."""
    on = on or timezone.localdate()
    if not is_working_day(on):
        return []
    digests = reminders_due(on=on, partnerships=partnerships)
    if dry_run:
        return list(digests.values())
    sent = _resend_abandoned(on, partnerships)
    for digest in digests.values():
        claimed = _claim_and_send(digest)
        if claimed is not None:
            sent.append(claimed)
    return sent


def _claim_and_send(digest):
    """Claims the digest's reminders in one transaction and, once it commits,
    sends the email with the lines this sweep claimed (none: no email)."""
    with transaction.atomic():
        claimed = _claim(digest)
        if not claimed:
            return None
        mine = Digest(
            email=digest.email,
            name=digest.name,
            lines=[line for line in digest.lines if line.key in claimed],
        )
        ids = list(claimed.values())
        transaction.on_commit(lambda: _send(mine, ids))
    return mine


def _claim(digest):
    """Inserts one Reminder per line unless it exists; returns {key: (id, partnership
    id)} of the rows this transaction inserted. Rows are taken in a fixed order, so two
    sweeps never wait on each other in a circle. A digest may span
    partnerships: each one's rows are written inside it."""
    claimed = {}
    lines = sorted(digest.lines, key=lambda line: (line.partnership.pk, line.key))
    for partnership_id in dict.fromkeys(line.partnership.pk for line in lines):
        with in_partnership(partnership_id):
            claimed.update(
                _claim_lines(
                    digest, [line for line in lines if line.partnership.pk == partnership_id]
                )
            )
    return claimed


def _claim_lines(digest, lines):
    now = timezone.now()
    values, params = [], []
    for line in lines:
        values.append("(%s, gen_random_uuid(), %s, %s, %s, %s, %s, %s, %s)")
        params += [
            line.partnership.pk,
            now,
            now,
            line.action.pk,
            line.person_id,
            line.kind,
            line.slot_date,
            digest.email,
        ]
    table = Reminder._meta.db_table
    sql = (
        f'INSERT INTO "{table}" (partnership_id, uuid, created_at, updated_at, '  # noqa: S608 - table name from the model
        "action_id, person_id, kind, slot_date, email) VALUES "
        + ", ".join(values)
        + " ON CONFLICT (action_id, person_id, kind, slot_date) DO NOTHING"
        " RETURNING id, partnership_id, action_id, person_id, kind, slot_date"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return {(a, p, k, s): (pk, t) for pk, t, a, p, k, s in cursor.fetchall()}


def _resend_abandoned(on, partnerships=None):
    """Sends again the reminders claimed by a sweep that never sent them (see the
    module's docstring), for the week up to `on`. Returns the digests sent."""
    cutoff = timezone.now() - datetime.timedelta(seconds=settings.REMINDER_CLAIM_LEASE)
    since = on - datetime.timedelta(days=7)
    digests = {}
    for partnership in _partnerships(partnerships):
        with in_partnership(partnership), transaction.atomic():
            table = Reminder._meta.db_table
            with connection.cursor() as cursor:
                cursor.execute(
                    f'UPDATE "{table}" SET updated_at = now() '  # noqa: S608 - table name from the model
                    "WHERE sent_at IS NULL AND updated_at < %s AND slot_date >= %s RETURNING id",
                    [cutoff, since],
                )
                ids = [row[0] for row in cursor.fetchall()]
            if not ids:
                continue
            for reminder in Reminder.objects.filter(pk__in=ids).select_related(
                "action__board", "action__partnership", "person"
            ):
                digest = digests.setdefault(
                    reminder.email, Digest(email=reminder.email, name=reminder.person.full_name)
                )
                digest.lines.append(
                    (
                        reminder.pk,
                        Line(
                            partnership,
                            reminder.action,
                            reminder.person_id,
                            reminder.kind,
                            reminder.slot_date,
                        ),
                    )
                )
    sent = []
    for digest in digests.values():
        ids = [(pk, line.partnership.pk) for pk, line in digest.lines]
        digest.lines = [line for _, line in digest.lines]
        log.warning("Sending %s reminder(s) a sweep claimed but never sent", len(ids))
        _send(digest, ids)
        sent.append(digest)
    return sent


def _send(digest, reminder_ids):
    context = {
        "digest": digest,
        "groups": _grouped(digest),
        "service_name": settings.SERVICE_NAME,
    }
    first = min(pk for pk, _ in reminder_ids)
    message = EmailMultiAlternatives(
        subject=f"Your actions: {digest.summary()}",
        body=render_to_string("actions/email/reminder.txt", context),
        to=[digest.email],
        # The same for a second attempt at the same claim, so a mail system that
        # de-duplicates shows it once.
        headers={"Message-ID": f"<reminders-{first}-{len(reminder_ids)}@{_domain()}>"},
    )
    message.attach_alternative(
        render_to_string("actions/email/reminder.html", context), "text/html"
    )
    sent = False
    try:
        # Marked sent in the transaction that sends, which commits the moment
        # the mail server has it: a crash before then leaves the claim for a
        # later sweep; only a crash inside that one COMMIT could send twice.
        with transaction.atomic():
            _mark_sent(reminder_ids)
            message.send()
            sent = True
    except DatabaseError:
        if not sent:
            raise
        # The database went away after the email went: record it on a new
        # connection, or the claim would be sent again.
        connection.close()
        _mark_sent(reminder_ids)
    except Exception:
        # Not sent (the mail server refused it): the mark rolled back, and a
        # later sweep sends it once the claim's lease has run out.
        log.exception("Action reminder to %s could not be sent", digest.email)


def _mark_sent(reminder_ids):
    by_partnership = defaultdict(list)
    for reminder_id, partnership_id in reminder_ids:
        by_partnership[partnership_id].append(reminder_id)
    for partnership_id, ids in sorted(by_partnership.items()):
        with in_partnership(partnership_id):
            Reminder.objects.filter(pk__in=ids).update(sent_at=timezone.now())


def _grouped(digest):
    """[(partnership, [(line, link)])], overdue first within each partnership."""
    site = settings.SITE_URL.rstrip("/")
    groups = {}
    for line in sorted(
        digest.lines,
        key=lambda line: (
            line.partnership.name,
            line.kind != Reminder.Kind.OVERDUE,
            line.action.due_date,
            line.action.board.name,
            line.action.number,
        ),
    ):
        link = site + reverse(
            "actions:action-detail",
            kwargs={"partnership_slug": line.partnership.slug, "action_uuid": line.action.uuid},
        )
        groups.setdefault(line.partnership, []).append((line, link))
    return list(groups.items())


def _domain():
    from urllib.parse import urlparse

    return urlparse(settings.SITE_URL).hostname or "localhost"
