"""Row-level security, proved from the database itself: every tenant table the
catalogue lists has its policy, the service's role cannot get round it, and
inside one partnership it finds not one row of another (partnership.rls)."""

import ast
from pathlib import Path

import pytest
from django.apps import apps
from django.db import connection, connections, transaction
from django_scopes import scopes_disabled
from guardian.shortcuts import assign_perm

from audit.models import AuditEvent
from partnership import rls
from partnership.object_permissions import GenericGrantOnTenantRecord
from partnership.tenancy import (
    ACROSS_SETTING,
    CROSSINGS,
    PARTNERSHIP_SETTING,
    USER_SETTING,
    TenantModel,
    across_partnerships,
    in_partnership,
)

from ..samples import MAKERS

ROOT = Path(__file__).resolve().parents[2]
BOTH = ["default", "owner"]


def _tables(cursor):
    return rls.tenant_tables(cursor)


@pytest.mark.django_db(databases=BOTH)
def test_every_tenant_table_in_the_catalogue_has_its_policy():
    with connections["owner"].cursor() as cursor:
        found = rls.policies(cursor)
    problems = []
    for table, state in sorted(found.items()):
        if not (state["enabled"] and state["forced"]):
            problems.append(f"{table}: row-level security not enabled and forced")
        names = {name for name, *_ in state["policies"]}
        expected = (
            {f"{rls.POLICY}_read", f"{rls.POLICY}_append"}
            if table == "audit_auditevent"
            else {rls.POLICY}
        )
        if names != expected:
            problems.append(f"{table}: policies {sorted(names)}, expected {sorted(expected)}")
        for name, _command, using, check in state["policies"]:
            keyed = f"{using or ''} {check or ''}"
            if name != f"{rls.POLICY}_append" and PARTNERSHIP_SETTING not in keyed:
                problems.append(f"{table}: policy {name} is not keyed on {PARTNERSHIP_SETTING}")
    print(f"\nrow-level security: {len(found)} tenant tables, {len(problems)} without their policy")
    assert len(found) > 40
    assert not problems, "\n".join(problems)


@pytest.mark.django_db(databases=BOTH)
def test_every_tenant_model_its_history_and_permission_tables_are_among_them():
    with connections["owner"].cursor() as cursor:
        tables = set(_tables(cursor))
    expected = set()
    for model in apps.get_models():
        if issubclass(model, TenantModel):
            expected.add(model._meta.db_table)
            expected.add(model.history.model._meta.db_table)
        if any(f.name == "partnership" for f in model._meta.concrete_fields):
            expected.add(model._meta.db_table)
    assert expected <= tables, sorted(expected - tables)


@pytest.mark.django_db(databases=BOTH)
def test_no_table_points_at_tenant_rows_without_a_partnership_of_its_own():
    """A many-to-many table or any other row that refers to tenant rows must carry
    partnership_id itself, or row-level security could not hold it."""
    with connections["owner"].cursor() as cursor:
        tenant = set(_tables(cursor))
        cursor.execute(
            """
            SELECT DISTINCT src.relname FROM pg_constraint c
            JOIN pg_class src ON src.oid = c.conrelid
            JOIN pg_class dst ON dst.oid = c.confrelid
            WHERE c.contype = 'f' AND dst.relname = ANY(%s)
            """,
            [sorted(tenant)],
        )
        referring = {row[0] for row in cursor.fetchall()}
    assert referring - tenant == set()


# Tables of a user's own sign-in factors: keyed to the user, not to a
# partnership (a user's authenticator or passkey serves every partnership they
# belong to), so, like sessions, they carry no policy; code reaches their rows
# only through the signed-in user (partnership.two_factor, partnership.passkeys).
SECOND_FACTOR_TABLES = {
    "otp_totp_totpdevice",
    "otp_static_staticdevice",
    "otp_static_statictoken",
    "django_otp_webauthn_webauthncredential",
    "django_otp_webauthn_webauthnattestation",
    "django_otp_webauthn_webauthnuserhandle",
}


@pytest.mark.django_db(databases=BOTH)
def test_second_factor_tables_are_the_users_own_and_the_service_may_use_them():
    role = rls.app_role()
    with connections["owner"].cursor() as cursor:
        tenant = set(_tables(cursor))
        assert not SECOND_FACTOR_TABLES & tenant
        for table in sorted(SECOND_FACTOR_TABLES):
            for privilege in ("SELECT", "INSERT", "UPDATE", "DELETE"):
                cursor.execute("SELECT has_table_privilege(%s, %s, %s)", [role, table, privilege])
                assert cursor.fetchone()[0], f"{role} lacks {privilege} on {table}"


@pytest.mark.django_db(databases=BOTH)
def test_the_service_role_owns_nothing_and_cannot_bypass_row_level_security():
    role = rls.app_role()
    with connections["owner"].cursor() as cursor:
        cursor.execute(
            "SELECT rolsuper, rolbypassrls, rolcreatedb, rolcreaterole FROM pg_roles"
            " WHERE rolname = %s",
            [role],
        )
        assert cursor.fetchone() == (False, False, False, False)
        cursor.execute(
            "SELECT count(*) FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner"
            " WHERE r.rolname = %s",
            [role],
        )
        assert cursor.fetchone()[0] == 0
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_user")
        assert cursor.fetchone()[0] == role


def _world(tenant_a, tenant_b):
    """Every sample every app registers, in both partnerships: rows in as many
    tenant tables as the test suite knows how to make."""
    for tenant in (tenant_a, tenant_b):
        for name in MAKERS:
            tenant.sample(name)


def _counts(cursor, tables, where):
    counts = {}
    for table in tables:
        cursor.execute(f'SELECT count(*) FROM "{table}" WHERE {where}')  # noqa: S608 - catalogue names
        counts[table] = cursor.fetchone()[0]
    return counts


def _as_the_service(cursor, partnership_id=None):
    """The transaction's settings as the service sets them (nothing across)."""
    cursor.execute(
        "SELECT set_config(%s, %s, true), set_config(%s, '', true), set_config(%s, '', true)",
        [PARTNERSHIP_SETTING, str(partnership_id or ""), ACROSS_SETTING, USER_SETTING],
    )


@pytest.mark.django_db
def test_inside_partnership_a_the_service_finds_no_row_of_b(tenant_a, tenant_b):
    _world(tenant_a, tenant_b)
    a, b = tenant_a.partnership.pk, tenant_b.partnership.pk
    with connection.cursor() as cursor:
        tables = _tables(cursor)
        b_rows = _counts(cursor, tables, f"partnership_id = {b}")
        with transaction.atomic():
            _as_the_service(cursor, a)
            seen_of_b = _counts(cursor, tables, f"partnership_id <> {a}")
            seen_of_a = _counts(cursor, tables, f"partnership_id = {a}")
        with transaction.atomic():
            _as_the_service(cursor, None)
            seen_with_nothing_set = _counts(cursor, tables, "true")
    populated = [t for t, n in b_rows.items() if n]
    print(
        f"\nisolation: {len(tables)} tenant tables; B has {sum(b_rows.values())} rows in "
        f"{len(populated)} of them; inside A the app role sees {sum(seen_of_b.values())} "
        f"rows of B, and {sum(seen_with_nothing_set.values())} rows with no partnership set"
    )
    assert len(populated) >= 20
    assert sum(seen_of_a.values()) > 0
    assert seen_of_b == dict.fromkeys(tables, 0)
    assert seen_with_nothing_set == dict.fromkeys(tables, 0)


@pytest.mark.django_db
def test_inside_partnership_a_no_row_can_be_written_into_b(tenant_a, tenant_b):
    from django.db.utils import ProgrammingError

    refused = pytest.raises(ProgrammingError, match="row-level")
    with connection.cursor() as cursor, refused, transaction.atomic():
        _as_the_service(cursor, tenant_a.partnership.pk)
        cursor.execute(
            "UPDATE partnership_board SET partnership_id = %s WHERE partnership_id = %s",
            [tenant_b.partnership.pk, tenant_a.partnership.pk],
        )
    with connection.cursor() as cursor, transaction.atomic():
        _as_the_service(cursor, tenant_a.partnership.pk)
        cursor.execute(
            "UPDATE partnership_board SET name = 'Renamed' WHERE partnership_id = %s",
            [tenant_b.partnership.pk],
        )
        assert cursor.rowcount == 0


@pytest.mark.django_db
def test_in_partnership_sets_both_guards_and_restores_the_previous_ones(tenant_a, tenant_b):
    from partnership.models import Board

    with in_partnership(tenant_a.partnership):
        names = set(Board.objects.values_list("name", flat=True))
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM partnership_board")
            raw = cursor.fetchone()[0]
        with in_partnership(tenant_b.partnership):
            inner = set(Board.objects.values_list("name", flat=True))
        after = set(Board.objects.values_list("name", flat=True))
    assert tenant_a.board.name in names and tenant_b.board.name not in names
    assert raw == len(names)  # raw SQL, which django-scopes never sees, is held too
    assert tenant_b.board.name in inner and tenant_a.board.name not in inner
    assert after == names


@pytest.mark.django_db
def test_a_block_inside_one_of_the_same_partnership_opens_no_savepoint(
    tenant_a, tenant_b, django_assert_num_queries
):
    """Home page panels step into the partnership their reader is already in:
    nothing to set, nothing to put back, so no savepoint (two round trips). One
    that changes the settings still writes them and puts the old ones back."""
    from partnership.models import Board

    with in_partnership(tenant_a.partnership):
        # The read alone:
        with django_assert_num_queries(1), in_partnership(tenant_a.partnership):
            same = set(Board.objects.values_list("name", flat=True))
        with in_partnership(tenant_b.partnership), in_partnership(tenant_b.partnership):
            inner = set(Board.objects.values_list("name", flat=True))
        after = set(Board.objects.values_list("name", flat=True))
        with connection.cursor() as cursor:
            cursor.execute("SELECT current_setting(%s, true)", [PARTNERSHIP_SETTING])
            setting = cursor.fetchone()[0]
    assert tenant_a.board.name in same and tenant_b.board.name not in same
    assert tenant_b.board.name in inner and tenant_a.board.name not in inner
    assert after == same
    assert setting == str(tenant_a.partnership.pk)


@pytest.mark.django_db
def test_a_user_outside_any_partnership_reads_only_their_own_memberships(tenant_a, tenant_b):
    from partnership.selectors import memberships_for_user

    user = tenant_a.users["member"]
    mine = memberships_for_user(user)
    assert [m.partnership for m in mine] == [tenant_a.partnership]
    with connection.cursor() as cursor, transaction.atomic():
        _as_the_service(cursor, None)
        cursor.execute("SELECT set_config(%s, %s, true)", [USER_SETTING, str(user.pk)])
        cursor.execute("SELECT count(*), count(DISTINCT user_id) FROM partnership_membership")
        assert cursor.fetchone() == (1, 1)
        cursor.execute("SELECT count(*) FROM partnership_person")
        assert cursor.fetchone()[0] == 0


@pytest.mark.django_db
def test_acting_across_partnerships_is_named_and_recorded(tenant_a, tenant_b):
    from partnership.models import Board

    with pytest.raises(ValueError, match="No such reason"), across_partnerships("because"):
        pass
    with across_partnerships("admin", user=tenant_a.users["business_manager"]):
        names = set(Board.objects.values_list("name", flat=True))
    assert {tenant_a.board.name, tenant_b.board.name} <= names
    with scopes_disabled():
        event = AuditEvent.objects.get(kind="tenancy.crossed")
    assert event.detail == CROSSINGS["admin"]
    assert event.actor == tenant_a.users["business_manager"].email


def _calls_of(name):
    for path in ROOT.glob("*/**/*.py"):
        if path.parts[len(ROOT.parts)] in {"tests", ".venv", "frontend"}:
            continue
        tree = ast.parse(path.read_text(), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                func = node.func
                called = getattr(func, "id", None) or getattr(func, "attr", None)
                if called == name:
                    yield path.relative_to(ROOT), node


def test_every_crossing_names_a_listed_reason():
    uses = list(_calls_of("across_partnerships"))
    reasons = set()
    for path, node in uses:
        assert node.args and isinstance(node.args[0], ast.Constant), f"{path}: reason not literal"
        reasons.add(node.args[0].value)
    assert reasons <= CROSSINGS.keys()
    assert {str(path) for path, _ in uses} == {"partnership/middleware.py"}


def test_only_the_memberships_selector_reads_past_django_scopes():
    """Reading past django-scopes leaves only row-level security between a query
    and every partnership: allowed where the policy itself is the rule (a user's
    own memberships, read by partnership.selectors.MEMBERSHIPS_SQL by user) and
    nowhere else, so `with_scopes_disabled()` is used nowhere."""
    from partnership.selectors import MEMBERSHIPS_SQL

    uses = {str(path) for path, _ in _calls_of("with_scopes_disabled")}
    assert uses == set()
    assert "WHERE m.user_id = %(user)s AND m.is_active" in MEMBERSHIPS_SQL


@pytest.mark.django_db
def test_a_guardian_grant_on_a_tenant_record_in_the_generic_tables_is_refused(tenant_a):
    with pytest.raises(GenericGrantOnTenantRecord):
        assign_perm("partnership.view_board", tenant_a.users["member"], tenant_a.board)
