from django.apps import AppConfig


class ActionsConfig(AppConfig):
    name = "actions"
    verbose_name = "Action logs"

    def ready(self):
        from . import documents  # noqa: F401 - registers the background PDF renderer
