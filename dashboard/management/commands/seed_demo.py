import os

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from dashboard.demo import APP_SEEDERS
from partnership.demo.seed import seed_structure

DEFAULT_DEMO_PASSWORD = "safeguarding-demo-2026"


class Command(BaseCommand):
    help = (
        "Creates demo partnerships (modelled on real published minutes) with a user for "
        "every role. Idempotent. Demo password: $DEMO_PASSWORD, or a printed default."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset-passwords",
            action="store_true",
            help="Set every demo user's password again (to $DEMO_PASSWORD or the default).",
        )
        parser.add_argument(
            "--allow-without-debug",
            action="store_true",
            help="Seed even though DEBUG is off (demo users have a known password).",
        )

    def handle(self, *args, reset_passwords=False, allow_without_debug=False, **options):
        if not settings.DEBUG and not allow_without_debug:
            raise CommandError(
                "Refusing to create demo users with a known password while DEBUG is off. "
                "Pass --allow-without-debug if this really is a demo server."
            )
        password = os.environ.get("DEMO_PASSWORD") or DEFAULT_DEMO_PASSWORD
        logins = seed_structure(
            password=password, reset_passwords=reset_passwords, app_seeders=APP_SEEDERS
        )
        self.stdout.write(self.style.SUCCESS("Demo data is in place."))
        self.stdout.write("")
        self.stdout.write("Sign in at http://127.0.0.1:8000/ as any of:")
        width = max(len(email) for email in logins)
        for email, places in sorted(logins.items(), key=lambda kv: (kv[1][0][0].name, kv[0])):
            roles = "; ".join(f"{role}, {p.name}" for p, role in places)
            self.stdout.write(f"  {email:<{width}}  {roles}")
        self.stdout.write("")
        source = "from DEMO_PASSWORD" if os.environ.get("DEMO_PASSWORD") else "the default"
        self.stdout.write(f"Password for all of them ({source}): {password}")
        if not reset_passwords:
            self.stdout.write(
                "(Existing users keep their password; --reset-passwords sets it again.)"
            )
