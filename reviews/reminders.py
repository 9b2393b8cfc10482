"""Clock reminders: each working-day morning the business manager of each
partnership gets one email listing the statutory clocks falling due within 3
working days, and those that were missed.

Exactly once, as the action reminders are (actions/reminders.py): each (clock,
kind, due date, address) is claimed by inserting a ClockReminder row (unique)
with INSERT ... ON CONFLICT DO NOTHING RETURNING in the transaction that decides
to send, so only the sweep whose insert succeeded sends it; a re-run, a retried
task or a second worker finds the row taken. The email goes once that
transaction commits. A clock whose due date moves (a rule changed) is a new
reminder for the new date. Emails name cases by reference, never pseudonym."""

import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import send_mail
from django.db import connection, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from partnership.models import Membership, Partnership, Role
from partnership.tenancy import in_partnership
from partnership.working_days import add_working_days, is_working_day

from .models import Case, CaseClock, ClockReminder, ReviewSettings

log = logging.getLogger(__name__)
WARNING_WORKING_DAYS = 3


@dataclass
class Digest:
    partnership: Partnership
    email: str
    name: str
    lines: list = field(default_factory=list)  # [(clock, kind)]

    @property
    def missed(self):
        return [clock for clock, kind in self.lines if kind == ClockReminder.Kind.MISSED]

    @property
    def due_soon(self):
        return [clock for clock, kind in self.lines if kind == ClockReminder.Kind.DUE_SOON]

    def summary(self):
        parts = []
        if self.missed:
            parts.append(f"{len(self.missed)} missed")
        if self.due_soon:
            parts.append(f"{len(self.due_soon)} due within {WARNING_WORKING_DAYS} working days")
        return ", ".join(parts)


def _candidates(partnership, on):
    """(clock, kind) of the partnership's open clocks needing a reminder today,
    read in one query, before checking which were sent already."""
    if not ReviewSettings.for_partnership(partnership).reminders_enabled:
        return []
    until = add_working_days(on, WARNING_WORKING_DAYS)
    clocks = (
        CaseClock.objects.for_partnership(partnership)
        .open()
        .exclude(case__status=Case.Status.CLOSED)
        .filter(due_on__lte=until)
        .select_related("case", "rule")
        .order_by("due_on", "case__reference")
    )
    return [
        (clock, ClockReminder.Kind.MISSED if clock.due_on < on else ClockReminder.Kind.DUE_SOON)
        for clock in clocks
    ]


def reminders_due(*, on):
    """Every business manager's digest for `on`, leaving out what was sent."""
    digests = []
    for partnership in Partnership.objects.order_by("name"):
        with in_partnership(partnership):
            found = _candidates(partnership, on)
            if not found:
                continue
            managers = [
                (m.user.email.lower(), m.user.get_full_name() or m.user.email)
                for m in Membership.objects.for_partnership(partnership)
                .filter(role=Role.BUSINESS_MANAGER, is_active=True, user__is_active=True)
                .select_related("user")
                .order_by("pk")
            ]
            sent = set(
                ClockReminder.objects.filter(
                    clock_id__in=[clock.pk for clock, _ in found]
                ).values_list("clock_id", "kind", "due_on", "email")
            )
        for email, name in managers:
            lines = [
                (clock, kind)
                for clock, kind in found
                if (clock.pk, kind, clock.due_on, email) not in sent
            ]
            if lines:
                digests.append(Digest(partnership=partnership, email=email, name=name, lines=lines))
    return digests


def reminders_send(*, on=None, dry_run=False):
    """The daily sweep: sends each digest due today, once. Returns the digests
    sent (or that would be, with dry_run). Nothing on weekends and bank holidays."""
    on = on or timezone.localdate()
    if not is_working_day(on):
        return []
    digests = reminders_due(on=on)
    if dry_run:
        return digests
    sent = []
    for digest in digests:
        claimed = _claim_and_send(digest)
        if claimed is not None:
            sent.append(claimed)
    return sent


def _claim_and_send(digest):
    with in_partnership(digest.partnership):
        claimed = _claim(digest)
        if not claimed:
            return None
        mine = Digest(
            partnership=digest.partnership,
            email=digest.email,
            name=digest.name,
            lines=[
                (clock, kind)
                for clock, kind in digest.lines
                if (clock.pk, kind, clock.due_on) in claimed
            ],
        )
        ids = list(claimed.values())
        transaction.on_commit(lambda: _send(mine, ids))
    return mine


def _claim(digest):
    """Inserts a ClockReminder per line unless taken; {(clock, kind, due): id}
    of the rows this transaction inserted (in a fixed order: no deadlocks)."""
    lines = sorted(digest.lines, key=lambda line: (line[0].pk, line[1]))
    now = timezone.now()
    values, params = [], []
    for clock, kind in lines:
        values.append("(%s, gen_random_uuid(), %s, %s, %s, %s, %s, %s)")
        params += [digest.partnership.pk, now, now, clock.pk, kind, clock.due_on, digest.email]
    table = ClockReminder._meta.db_table
    sql = (
        f'INSERT INTO "{table}" (partnership_id, uuid, created_at, updated_at, '  # noqa: S608 - table name from the model
        "clock_id, kind, due_on, email) VALUES "
        + ", ".join(values)
        + " ON CONFLICT (clock_id, kind, due_on, email) DO NOTHING"
        " RETURNING id, clock_id, kind, due_on"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return {(c, k, d): pk for pk, c, k, d in cursor.fetchall()}


def _send(digest, reminder_ids):
    site = settings.SITE_URL.rstrip("/")
    slug = digest.partnership.slug
    context = {
        "digest": digest,
        "service_name": settings.SERVICE_NAME,
        "missed": [(c, site + _case_path(slug, c)) for c in digest.missed],
        "due_soon": [(c, site + _case_path(slug, c)) for c in digest.due_soon],
        "clocks_link": site + reverse("reviews:clocks", kwargs={"partnership_slug": slug}),
    }
    try:
        send_mail(
            subject=f"Case review clocks, {digest.partnership.name}: {digest.summary()}",
            message=render_to_string("reviews/email/reminder.txt", context),
            from_email=None,
            recipient_list=[digest.email],
            html_message=render_to_string("reviews/email/reminder.html", context),
        )
    except Exception:
        # Claimed but not sent: left with sent_at empty for someone to see, and
        # not retried, so nobody is ever sent the same reminder twice.
        log.exception("Clock reminder to %s could not be sent", digest.email)
        return
    with in_partnership(digest.partnership):
        ClockReminder.objects.filter(pk__in=reminder_ids).update(sent_at=timezone.now())


def _case_path(slug, clock):
    return reverse(
        "reviews:case-detail", kwargs={"partnership_slug": slug, "case_uuid": clock.case.uuid}
    )
