import datetime

from django.core.management.base import BaseCommand, CommandError

from actions.reminders import reminders_send
from govuk.dates import day


class Command(BaseCommand):
    help = (
        "Sends today's action reminders (what the daily Celery beat task does). "
        "--dry-run prints what would be sent and sends nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Print the emails due; send nothing."
        )
        parser.add_argument(
            "--date", help="Sweep as if it were this day (YYYY-MM-DD); default today."
        )

    def handle(self, *args, dry_run=False, date=None, **options):
        try:
            on = datetime.date.fromisoformat(date) if date else None
        except ValueError:
            raise CommandError("--date must be a date like 2026-03-31") from None
        digests = reminders_send(on=on, dry_run=dry_run)
        verb = "Would send" if dry_run else "Sent"
        for digest in digests:
            self.stdout.write(f"{verb} to {digest.email}: {digest.summary()}")
            for line in digest.lines:
                action = line.action
                self.stdout.write(
                    f"  {line.partnership.slug}: action {action.number}, {action.board.name} "
                    f"({line.kind.replace('_', ' ')}, due {day(action.due_date)})"
                )
        total = sum(len(d.lines) for d in digests)
        self.stdout.write(
            f"{verb} {len(digests)} email{'s' if len(digests) != 1 else ''} "
            f"about {total} action{'s' if total != 1 else ''}."
        )
