"""`migrate`, run as the tables' owner.

The service connects as a role that owns nothing (see partnership.rls), so it
cannot create or alter a table; migrations therefore default to the "owner"
database alias (DATABASE_URL). A data migration may touch every partnership's
rows, so the owner's connection works across partnerships while it runs, and a
data migration's queries go to it even where they do not say `using=`
(partnership.rls.MigrationRouter)."""

from django.core.management.commands import migrate
from django.db import connections

from partnership.rls import migrating_as
from partnership.tenancy import ACROSS_SETTING


class Command(migrate.Command):
    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.set_defaults(database="owner")

    def handle(self, *args, **options):
        alias = options["database"]
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT set_config(%s, 'on', false)", [ACROSS_SETTING])
        with migrating_as(alias):
            return super().handle(*args, **options)
