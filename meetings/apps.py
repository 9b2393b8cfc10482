from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = "Meetings and minutes"

    def ready(self):
        from . import permissions  # noqa: F401 - registers the rules templates ask
