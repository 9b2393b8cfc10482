from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = "Meetings and minutes"

    def ready(self):
        # The background PDF renderers, and the rules templates ask.
        from . import documents, permissions  # noqa: F401
