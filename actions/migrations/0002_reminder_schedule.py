"""Installs the action log's periodic tasks in the beat schedule
(django-celery-beat, Europe/London; editable in the admin afterwards): the
reminder sweep each working-day morning (the sweep itself skips bank holidays)
and the removal of spreadsheet uploads never confirmed."""

from django.db import migrations

REMINDERS = "Send action reminders"
PURGE = "Remove unconfirmed action log imports"


def install(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    mornings, _ = CrontabSchedule.objects.get_or_create(
        minute="0",
        hour="7",
        day_of_week="1-5",
        day_of_month="*",
        month_of_year="*",
        timezone="Europe/London",
    )
    PeriodicTask.objects.get_or_create(
        name=REMINDERS,
        defaults={
            "task": "actions.tasks.send_reminders",
            "crontab": mornings,
            "description": "Each owner gets one email listing their actions due soon or overdue.",
        },
    )
    nightly, _ = CrontabSchedule.objects.get_or_create(
        minute="45",
        hour="2",
        day_of_week="*",
        day_of_month="*",
        month_of_year="*",
        timezone="Europe/London",
    )
    PeriodicTask.objects.get_or_create(
        name=PURGE,
        defaults={"task": "actions.tasks.purge_import_uploads", "crontab": nightly},
    )


def uninstall(apps, schema_editor):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTask.objects.filter(name__in=[REMINDERS, PURGE]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("actions", "0001_initial"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(install, uninstall)]
