"""Tenancy: every tenant-owned row carries its partnership, and queries fail closed
twice over.

In Python, a tenant model's default manager is scoped with django-scopes: a query
outside a partnership raises `ScopeError` instead of returning every tenant's rows.
In PostgreSQL, row-level security (partnership.rls) shows the service's database
role only the rows of the partnership its transaction names.

Code says which partnership it works in one way, which sets both:

- `in_partnership(partnership)`: a request under /p/<slug>/ (TenancyMiddleware),
  a Celery task, a command, or a page that reads each of a user's partnerships in
  turn (the home page);
- `signed_in_as(user)`: outside any partnership, the user's own memberships of
  every partnership are readable (where they belong, for the home page and the
  partnership switcher), and nothing else;
- `across_partnerships(reason)`: the one way across, for the Django admin of the
  people who run the service. Each use names a reason from CROSSINGS and is
  written to the audit log.

`django_scopes.scope` and `scopes_disabled` are not used outside this module
(ruff's banned-api rule): they would open the Python scope without the
database's, and the service would find no rows.
"""

import uuid
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, replace

from django.core.exceptions import ValidationError
from django.db import connection, models, transaction
from django_scopes import ScopedManager, scope, scopes_disabled
from simple_history.models import HistoricalRecords

from .writes import history_user


class TenantQuerySet(models.QuerySet):
    def for_partnership(self, partnership):
        return self.filter(partnership=partnership)


class _ForPartnership:
    def for_partnership(self, partnership):
        # Goes through get_queryset(), so outside a scope this raises ScopeError.
        return self.get_queryset().filter(partnership=partnership)


def TenantManager(queryset_class=TenantQuerySet):  # noqa: N802 - declared like a class
    """The scoped default manager of a tenant model (optionally with its own queryset)."""
    manager_class = type(
        f"{queryset_class.__name__}Manager",
        (_ForPartnership, models.Manager.from_queryset(queryset_class)),
        {},
    )
    return ScopedManager(_manager_class=manager_class, partnership="partnership")


class PartnershipMismatch(ValueError):
    """A row would point at a row of another partnership."""


class TenantModel(models.Model):
    """Base of every tenant-owned table.

    `tenant_parent` names the foreign key a child row takes its partnership
    from (agenda item -> meeting). Whatever the parent, every foreign key to
    another tenant model must point inside the same partnership; `save()`
    refuses anything else, so the rule holds in one place for every table.
    """

    partnership = models.ForeignKey(
        "partnership.Partnership", on_delete=models.PROTECT, related_name="+", editable=False
    )
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = TenantManager()
    history = HistoricalRecords(inherit=True, get_user=history_user)

    tenant_parent: str | None = None

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.inherit_partnership()
        self.check_partnership()
        super().save(*args, **kwargs)

    def inherit_partnership(self):
        if self.tenant_parent and self.partnership_id is None:
            parent = getattr(self, self.tenant_parent)
            self.partnership_id = parent.partnership_id

    def check_partnership(self):
        for field in tenant_foreign_keys(type(self)):
            if getattr(self, field.attname) is None:
                continue
            related = getattr(self, field.name)
            if related.partnership_id != self.partnership_id:
                raise PartnershipMismatch(
                    f"{type(self).__name__}.{field.name} points into another partnership"
                )

    def clean(self):
        super().clean()
        try:
            self.inherit_partnership()
            self.check_partnership()
        except PartnershipMismatch as error:
            raise ValidationError(str(error)) from error


def tenant_models():
    from django.apps import apps

    return [m for m in apps.get_models() if issubclass(m, TenantModel)]


def tenant_foreign_keys(model):
    """The concrete foreign keys (one-to-one included) of `model` that point at
    another tenant model."""
    return [
        f
        for f in model._meta.concrete_fields
        if (f.many_to_one or f.one_to_one)
        and f.related_model is not None
        and issubclass(f.related_model, TenantModel)
    ]


def partnership_mismatches():
    """Every (table, column, count) where a row and the row it points at belong to
    different partnerships. Checked across the whole database, row by row: the
    invariant row-level security will rely on. Empty means sound."""
    problems = []
    with connection.cursor() as cursor:
        for model in tenant_models():
            for field in tenant_foreign_keys(model):
                child = model._meta.db_table
                parent = field.related_model._meta.db_table
                target = field.target_field.column
                cursor.execute(
                    f'SELECT count(*) FROM "{child}" c JOIN "{parent}" p '  # noqa: S608 - names from models
                    f'ON c."{field.column}" = p."{target}" '
                    'WHERE c."partnership_id" <> p."partnership_id"'
                )
                (count,) = cursor.fetchone()
                if count:
                    problems.append((child, field.column, count))
    return problems


# The database side of tenancy -----------------------------------------------------

PARTNERSHIP_SETTING = "app.partnership_id"
ACROSS_SETTING = "app.across_partnerships"
USER_SETTING = "app.user_id"

# Every reason the service may act across partnerships. Adding one is a
# security decision: SECURITY.md lists them, and tests/tenancy/test_rls.py
# fails for a use of across_partnerships that is not here.
CROSSINGS = {
    "admin": "The Django admin, used by the people who run the service",
}


@dataclass(frozen=True)
class DatabaseTenancy:
    partnership_id: int | None = None
    across: bool = False
    user_id: int | None = None

    def values(self):
        return [
            PARTNERSHIP_SETTING,
            "" if self.partnership_id is None else str(self.partnership_id),
            ACROSS_SETTING,
            "on" if self.across else "",
            USER_SETTING,
            "" if self.user_id is None else str(self.user_id),
        ]


_database_tenancy = ContextVar("database_tenancy", default=None)


def _read_settings():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT current_setting(%s, true), current_setting(%s, true),"
            " current_setting(%s, true)",
            [PARTNERSHIP_SETTING, ACROSS_SETTING, USER_SETTING],
        )
        partnership_id, across, user_id = cursor.fetchone()
    return DatabaseTenancy(
        partnership_id=int(partnership_id) if partnership_id else None,
        across=across == "on",
        user_id=int(user_id) if user_id else None,
    )


def _write_settings(tenancy):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT set_config(%s, %s, true), set_config(%s, %s, true), set_config(%s, %s, true)",
            tenancy.values(),
        )


@contextmanager
def _database(**changes):
    """Runs the block in a transaction (a savepoint, if one is open) whose
    row-level security settings are the current ones with `changes`; the
    previous settings hold again afterwards (an error rolls them back with the
    savepoint). Inside another such block the settings are known without asking
    the database: they are the ones that block wrote in this transaction. A
    block inside one with the same settings (each home page panel in the one
    partnership its reader belongs to) runs in that block's transaction: there
    is nothing to write or put back, and a savepoint would cost two round trips
    for nothing. Writes that must be undone alone on an error have their own
    `transaction.atomic()`, as services do."""
    nested = connection.in_atomic_block
    known = _database_tenancy.get() if nested else None
    if known is not None and replace(known, **changes) == known:
        token = _database_tenancy.set(known)
        try:
            yield
        finally:
            _database_tenancy.reset(token)
        return
    with transaction.atomic():
        previous = known or (_read_settings() if nested else DatabaseTenancy())
        current = replace(previous, **changes)
        if current != previous or not nested:
            _write_settings(current)
        token = _database_tenancy.set(current)
        try:
            yield
        finally:
            _database_tenancy.reset(token)
        if nested and current != previous:
            _write_settings(previous)


def _pk(thing):
    return thing if thing is None or isinstance(thing, int) else thing.pk


@contextmanager
def in_partnership(partnership, *, user=None):
    """Work inside one partnership: its rows only, in Python and in PostgreSQL.
    `user` (the signed-in user) may read their own memberships elsewhere too."""
    changes = {"partnership_id": _pk(partnership), "across": False}
    if user is not None:
        changes["user_id"] = _pk(user)
    with scope(partnership=partnership), _database(**changes):
        yield


@contextmanager
def signed_in_as(user):
    """Outside any partnership (the home page, sign-in, the calendar feed): the
    user's own memberships, and no other tenant row."""
    with _database(partnership_id=None, across=False, user_id=_pk(user)):
        yield


@contextmanager
def across_partnerships(reason, *, user=None, request=None):
    """The one way across partnerships: every tenant row, in Python and in
    PostgreSQL. `reason` must be one of CROSSINGS; each use is written to the
    audit log (with who, when and from where, from `request` or `user`)."""
    if reason not in CROSSINGS:
        raise ValueError(f"No such reason to act across partnerships: {reason!r}")
    from audit.log import record

    with scopes_disabled(), _database(partnership_id=None, across=True):
        record("tenancy.crossed", request=request, user=user, detail=CROSSINGS[reason])
        yield
