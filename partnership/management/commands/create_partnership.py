from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.text import slugify

from partnership.models import Partnership, Role
from partnership.services import membership_invite
from partnership.tenancy import in_partnership


class Command(BaseCommand):
    help = (
        "Sets up a new partnership and invites its first business manager, who then "
        "adds everyone else in the service itself."
    )

    def add_arguments(self, parser):
        parser.add_argument("name", help='For example "Walsall Safeguarding Partnership"')
        parser.add_argument(
            "--slug", help="The partnership's web address part (default: from the name)"
        )
        parser.add_argument("--areas", required=True, help='Areas covered, for example "Walsall"')
        parser.add_argument("--adults", action="store_true", help="Covers adults (a SAB) too")
        parser.add_argument(
            "--no-children", action="store_true", help="Covers adults only (with --adults)"
        )
        parser.add_argument("--manager-email", required=True)
        parser.add_argument("--manager-first-name", required=True)
        parser.add_argument("--manager-last-name", required=True)
        parser.add_argument(
            "--site-url", default="http://127.0.0.1:8000", help="Used in the invitation email"
        )

    @transaction.atomic
    def handle(self, *args, **options):
        slug = options["slug"] or slugify(options["name"])[:60]
        if Partnership.objects.filter(slug=slug).exists():
            raise CommandError(f"A partnership with the address {slug!r} already exists")
        if options["no_children"] and not options["adults"]:
            raise CommandError("A partnership must cover children, adults or both")
        partnership = Partnership.objects.create(
            name=options["name"],
            slug=slug,
            areas_covered=options["areas"],
            covers_children=not options["no_children"],
            covers_adults=options["adults"],
        )
        with in_partnership(partnership):
            try:
                membership_invite(
                    partnership=partnership,
                    email=options["manager_email"],
                    first_name=options["manager_first_name"],
                    last_name=options["manager_last_name"],
                    role=Role.BUSINESS_MANAGER,
                    acting_user=None,
                    site_url=options["site_url"],
                )
            except ValidationError as error:
                raise CommandError(error.messages[0]) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Created {partnership} at /p/{slug}/ and invited "
                f"{options['manager_email']} as its business manager."
            )
        )
