"""Installs the case review clock reminders in the beat schedule
(django-celery-beat, Europe/London; editable in the admin afterwards): each
working-day morning (the sweep itself skips bank holidays)."""

from django.db import migrations

REMINDERS = "Send case review clock reminders"


def install(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    mornings, _ = CrontabSchedule.objects.get_or_create(
        minute="10",
        hour="7",
        day_of_week="1-5",
        day_of_month="*",
        month_of_year="*",
        timezone="Europe/London",
    )
    PeriodicTask.objects.get_or_create(
        name=REMINDERS,
        defaults={
            "task": "reviews.tasks.send_clock_reminders",
            "crontab": mornings,
            "description": "The business manager gets one email listing statutory clocks due "
            "within 3 working days, and those missed.",
        },
    )


def uninstall(apps, schema_editor):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTask.objects.filter(name=REMINDERS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0001_initial"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(install, uninstall)]
