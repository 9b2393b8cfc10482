from django.apps import AppConfig


class PartnershipConfig(AppConfig):
    name = "partnership"
    verbose_name = "Partnerships and people"

    def ready(self):
        from . import permissions  # noqa: F401 - registers the rules templates ask
