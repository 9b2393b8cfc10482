"""The Celery application. Tasks live in each app's `tasks.py` and stay thin:
load by id, call a service. The periodic schedule lives in the database
(django-celery-beat), editable in the admin."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("spm")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
