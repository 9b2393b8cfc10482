"""Celery tasks of case reviews: thin, each calls a service."""

import datetime

from celery import shared_task

from . import reminders


@shared_task(acks_late=True)
def send_clock_reminders(on=None):
    """The daily sweep (scheduled by the beat in django-celery-beat); `on`, an
    ISO date, sweeps as if on that day. Safe to run twice or to retry: each
    reminder is claimed once (see reviews.reminders)."""
    day = datetime.date.fromisoformat(on) if on else None
    return len(reminders.reminders_send(on=day))
