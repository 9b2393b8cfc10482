"""PostgreSQL row-level security: the database's own guard on tenant isolation.

Every table with a `partnership_id` column (each TenantModel, its history
table, and anything else that names a partnership, found in the catalogue, not
in a list someone must remember) gets ENABLE and FORCE ROW LEVEL SECURITY and
one policy, `tenant_isolation`, keyed on `partnership_id`. The service connects
as a role that owns no table and lacks BYPASSRLS, so a row of another
partnership is invisible to it, and cannot be written, whatever the query.

A transaction says whose rows it may touch with settings that only the kernel
sets (partnership.tenancy):

- `app.partnership_id`: the one partnership in view (`in_partnership`, the
  tenancy middleware);
- `app.across_partnerships` = 'on': the one named, audited way across
  (`across_partnerships`);
- `app.user_id`: the signed-in user, who may also read their own memberships of
  other partnerships (only those rows: it is how their home page and the
  partnership switcher know where they belong).

Nothing set means no tenant row at all: it fails closed.

Tables keyed to a user rather than a partnership (sessions, django-otp's
devices and backup codes, django-otp-webauthn's passkeys) have no
partnership_id and so no policy: a user's second factor serves every
partnership they belong to, and code reaches those rows only through the
signed-in user. The app role gets its grants on them like every table.

`apply(connection)` runs after every `migrate` (post_migrate, as the owner), so a
new app's tables are covered the moment they exist; tests/tenancy/test_rls.py
lists the tenant tables from the catalogue and fails for any without its policy.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.db import connections

POLICY = "tenant_isolation"

# Each setting is read in a scalar subquery: PostgreSQL reads it once per
# statement (an InitPlan) and compares each row with the value, instead of
# calling current_setting twice for every row it looks at.
TENANT = (
    "partnership_id = (SELECT NULLIF(current_setting('app.partnership_id', true), '')::bigint)"
    " OR (SELECT current_setting('app.across_partnerships', true) = 'on')"
)
OWN_ROWS = "user_id = (SELECT NULLIF(current_setting('app.user_id', true), '')::bigint)"

# Tables whose policy differs from the one above, and why.
SPECIAL = {
    # A user reads their own memberships of every partnership (where they
    # belong), and writes memberships only inside the partnership in view.
    "partnership_membership": {"using": f"{TENANT} OR {OWN_ROWS}", "check": TENANT},
    # The audit log is appended to from anywhere (a failed sign-in has no
    # partnership; a refusal names the partnership refused), but read only
    # inside a partnership. With no UPDATE or DELETE policy, row-level security
    # refuses both, besides the append-only trigger and the privileges.
    "audit_auditevent": None,
}


def app_role():
    return settings.DATABASES["default"]["USER"]


def tenant_tables(cursor):
    """Every ordinary table in the public schema with a partnership_id column."""
    cursor.execute(
        """
        SELECT c.relname FROM pg_class c
        JOIN pg_namespace n ON n.oid = c.relnamespace
        JOIN pg_attribute a ON a.attrelid = c.oid AND NOT a.attisdropped
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND a.attname = 'partnership_id'
        ORDER BY c.relname
        """
    )
    return [row[0] for row in cursor.fetchall()]


def policies(cursor):
    """{table: {"enabled", "forced", "policies": [(name, command, using, check)]}}
    for every tenant table, as the catalogue has them."""
    tables = tenant_tables(cursor)
    cursor.execute(
        """
        SELECT c.relname, c.relrowsecurity, c.relforcerowsecurity
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relname = ANY(%s)
        """,
        [tables],
    )
    found = {name: {"enabled": e, "forced": f, "policies": []} for name, e, f in cursor.fetchall()}
    cursor.execute(
        "SELECT tablename, policyname, cmd, qual, with_check FROM pg_policies"
        " WHERE schemaname = 'public' AND tablename = ANY(%s) ORDER BY policyname",
        [tables],
    )
    for table, name, command, using, check in cursor.fetchall():
        found[table]["policies"].append((name, command, using, check))
    return found


def _statements(table):
    quoted = f'"{table}"'
    yield f"ALTER TABLE {quoted} ENABLE ROW LEVEL SECURITY"
    yield f"ALTER TABLE {quoted} FORCE ROW LEVEL SECURITY"
    for name in (POLICY, f"{POLICY}_read", f"{POLICY}_append"):
        yield f"DROP POLICY IF EXISTS {name} ON {quoted}"
    if table in SPECIAL and SPECIAL[table] is None:  # the audit log
        yield f"CREATE POLICY {POLICY}_read ON {quoted} FOR SELECT USING ({TENANT})"
        yield f"CREATE POLICY {POLICY}_append ON {quoted} FOR INSERT WITH CHECK (true)"
        return
    rule = SPECIAL.get(table, {"using": TENANT, "check": TENANT})
    yield (
        f"CREATE POLICY {POLICY} ON {quoted} USING ({rule['using']}) WITH CHECK ({rule['check']})"
    )


def apply(using="owner"):
    """Grants the app role what it needs and (re)creates every tenant table's
    policy. Idempotent; run as the tables' owner."""
    role = app_role()
    with connections[using].cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [role])
        if cursor.fetchone() is None:
            raise RuntimeError(
                f"The database role {role!r} does not exist: run scripts/ensure_database.py"
            )
        cursor.execute("SELECT current_user")
        if cursor.fetchone()[0] == role:
            raise RuntimeError("Migrations must run as the tables' owner, not the app role")
        cursor.execute(f'GRANT USAGE ON SCHEMA public TO "{role}"')
        cursor.execute(
            f'GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO "{role}"'
        )
        cursor.execute(f'GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO "{role}"')
        # The audit log is only ever appended to and read.
        cursor.execute(f'REVOKE UPDATE, DELETE, TRUNCATE ON "audit_auditevent" FROM "{role}"')
        for table in tenant_tables(cursor):
            for statement in _statements(table):
                cursor.execute(statement)


def apply_after_migrate(sender, using, **kwargs):
    """post_migrate: once per migrate (when the kernel's turn comes, every table
    already exists). Skipped for the app role's own connection (a test's `flush`
    sends post_migrate too, and the policies are already there)."""
    if sender.name == "partnership" and connections[using].settings_dict["USER"] != app_role():
        apply(using=using)


_migrating = ContextVar("migrating_as", default=None)


@contextmanager
def migrating_as(alias):
    token = _migrating.set(alias)
    try:
        yield
    finally:
        _migrating.reset(token)


class MigrationRouter:
    """While `migrate` runs, every query (a data migration's too) goes to the
    database being migrated, as its owner: the app role has no privileges
    until the migration grants them."""

    def db_for_read(self, model, **hints):
        return _migrating.get()

    def db_for_write(self, model, **hints):
        return _migrating.get()
