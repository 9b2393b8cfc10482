from django.apps import AppConfig
from django.db.models.signals import post_migrate


class PartnershipConfig(AppConfig):
    name = "partnership"
    verbose_name = "Partnerships and people"

    def ready(self):
        from . import (  # noqa: F401 - checks registers the kernel's deploy checks
            auth_events,
            checks,
            object_permissions,
            permissions,  # noqa: F401 - registers the rules templates ask
            rls,
        )

        post_migrate.connect(rls.apply_after_migrate, dispatch_uid="partnership_rls")
        auth_events.connect()
        object_permissions.connect()
