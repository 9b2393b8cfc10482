"""Tenancy: every tenant-owned row carries its partnership, and queries fail closed.

A tenant model's default manager is scoped with django-scopes: outside
`scope(partnership=...)` (opened by `TenancyMiddleware` for `/p/<slug>/` URLs)
any query on it raises `ScopeError` instead of returning every tenant's rows.
Code that must read across partnerships (a user's own home page, admin, seed
and reminder sweeps) says so with `scopes_disabled()` or `scope(partnership=...)`.
"""

import uuid

from django.core.exceptions import ValidationError
from django.db import connection, models
from django_scopes import ScopedManager
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
