"""What a partnership's data looks like, row for row, to prove a refused request
changed nothing: for every tenant table and its history table, the number of
rows and the latest change, plus the partnership row itself and the users."""

from django.db import connection

from partnership.models import Partnership, User
from partnership.tenancy import tenant_models


def tenant_fingerprint(partnership):
    tables = []
    for model in tenant_models():
        tables.append((model._meta.db_table, "updated_at"))
        history = getattr(model, "history", None)
        if history is not None:
            tables.append((history.model._meta.db_table, "history_date"))
    found = {}
    with connection.cursor() as cursor:
        for table, changed in tables:
            cursor.execute(
                f'SELECT count(*), max("{changed}") FROM "{table}" '  # noqa: S608 - names from models
                'WHERE "partnership_id" = %s',
                [partnership.pk],
            )
            found[table] = cursor.fetchone()
        partnership_history = Partnership.history.model._meta.db_table
        cursor.execute(
            f'SELECT count(*) FROM "{partnership_history}" WHERE "id" = %s',  # noqa: S608
            [partnership.pk],
        )
        found[partnership_history] = cursor.fetchone()
    found["users"] = (User.objects.count(),)
    return found


def changes(before, after):
    return {
        table: (before[table], after[table]) for table in before if before[table] != after[table]
    }
