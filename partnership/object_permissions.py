"""Object permissions (django-guardian) on tenant records, kept inside the
partnership like every other tenant row.

Guardian's generic tables (one row per user, permission and "any object") have
no partnership, so row-level security could not hold them to one partnership.
A grant on a tenant record is therefore refused there: declare a direct
foreign-key table for the model instead, from the bases below; it has a
`partnership_id`, so partnership.rls gives it its policy like any tenant table:

    class CaseUserObjectPermission(TenantUserObjectPermission):
        content_object = models.ForeignKey(Case, on_delete=models.CASCADE)

guardian's `assign_perm`, `get_perms` and `get_objects_for_user` find it by
themselves."""

from django.db import models
from django.db.models.signals import pre_save
from guardian.models import (
    GroupObjectPermission,
    GroupObjectPermissionBase,
    UserObjectPermission,
    UserObjectPermissionBase,
)

from .tenancy import TenantModel


class GenericGrantOnTenantRecord(TypeError):
    """A guardian grant on a tenant record in guardian's partnership-less tables."""


class _InPartnership(models.Model):
    partnership = models.ForeignKey(
        "partnership.Partnership", on_delete=models.PROTECT, related_name="+", editable=False
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.partnership_id = self.content_object.partnership_id
        super().save(*args, **kwargs)


class TenantUserObjectPermission(_InPartnership, UserObjectPermissionBase):
    class Meta(UserObjectPermissionBase.Meta):
        abstract = True


class TenantGroupObjectPermission(_InPartnership, GroupObjectPermissionBase):
    class Meta(GroupObjectPermissionBase.Meta):
        abstract = True


def refuse_generic_grant(sender, instance, **kwargs):
    model = instance.content_type.model_class()
    if model is not None and issubclass(model, TenantModel):
        raise GenericGrantOnTenantRecord(
            f"Object permissions on {model.__name__} need a direct table with a partnership "
            "(partnership.object_permissions), so row-level security covers them"
        )


def connect():
    for model in (UserObjectPermission, GroupObjectPermission):
        pre_save.connect(
            refuse_generic_grant, sender=model, dispatch_uid=f"refuse_{model.__name__}"
        )
