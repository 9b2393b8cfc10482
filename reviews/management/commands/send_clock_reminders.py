import datetime

from django.core.management.base import BaseCommand, CommandError

from reviews.reminders import reminders_send


class Command(BaseCommand):
    help = (
        "Sends today's case review clock reminders (what the daily Celery beat task does). "
        "--dry-run prints what would be sent and sends nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Print; send nothing.")
        parser.add_argument("--date", help="Sweep as if it were this day (YYYY-MM-DD).")

    def handle(self, *args, dry_run=False, date=None, **options):
        try:
            on = datetime.date.fromisoformat(date) if date else None
        except ValueError:
            raise CommandError("--date must be a date like 2026-03-31") from None
        digests = reminders_send(on=on, dry_run=dry_run)
        verb = "Would send" if dry_run else "Sent"
        for digest in digests:
            self.stdout.write(
                f"{verb} to {digest.email} ({digest.partnership}): {digest.summary()}"
            )
            for clock, kind in digest.lines:
                self.stdout.write(
                    f"  {clock.case.reference}: {clock.rule.name}, "
                    f"{'missed' if kind == 'missed' else 'due'} {clock.due_on:%-d %B %Y}"
                )
        self.stdout.write(f"{verb} {len(digests)} email{'s' if len(digests) != 1 else ''}.")
