from django.apps import AppConfig


class ActionsConfig(AppConfig):
    name = "actions"
    verbose_name = "Action logs"

    def ready(self):
        # Register the background PDF renderer and the permission rules templates ask.
        from . import documents, permissions  # noqa: F401
