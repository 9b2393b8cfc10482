"""The partnership's audit log, for its business manager: who signed in, who was
refused, whose access changed, who opened confidential material. Read and
exported here; nothing anywhere edits or deletes it (the database refuses)."""

import csv
import datetime
import io

from django import forms
from django.shortcuts import render
from django.utils import timezone

from audit.log import KINDS, record
from audit.models import AuditEvent
from documents.render import file_response
from documents.spreadsheets import neutralise
from govuk.forms import GovukDateField, GovukForm
from govuk.pagination import paginate
from partnership.permissions import can_read_audit_log, require

PER_PAGE = 50


class AuditFilterForm(GovukForm):
    kind = forms.ChoiceField(label="Event", required=False)
    who = forms.CharField(label="Email address contains", required=False, max_length=100)
    since = GovukDateField(label="From", required=False)
    until = GovukDateField(label="To", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", "Every event"), *sorted(KINDS.items(), key=_label)]

    def clean(self):
        data = super().clean()
        since, until = data.get("since"), data.get("until")
        if since and until and until < since:
            self.add_error("until", "The end date must be the same as or after the start date")
        return data


def _label(item):
    return item[1]


def audit_events(partnership, *, kind="", who="", since=None, until=None):
    """The partnership's audit events, newest first, filtered."""
    events = AuditEvent.objects.filter(partnership=partnership)
    if kind:
        events = events.filter(kind=kind)
    if who:
        events = events.filter(actor__icontains=who)
    if since:
        events = events.filter(at__gte=_start_of(since))
    if until:
        events = events.filter(at__lt=_start_of(until + datetime.timedelta(days=1)))
    return events


def _start_of(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _filtered(request):
    form = AuditFilterForm(request.GET or None)
    if form.is_bound and form.is_valid():
        return form, audit_events(request.partnership, **form.cleaned_data)
    if form.is_bound:
        return form, AuditEvent.objects.none()
    return form, audit_events(request.partnership)


@require(can_read_audit_log)
def audit_log(request):
    form, events = _filtered(request)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "dashboard/audit_log.html",
        {
            "form": form,
            "page": paginate(request, events, per_page=PER_PAGE),
            "kinds": KINDS,
            "export_query": query.urlencode(),
        },
    )


EXPORT_COLUMNS = ["When (UTC)", "Who", "Event", "What", "Detail", "From", "Method", "Address"]


@require(can_read_audit_log)
def audit_export(request):
    form, events = _filtered(request)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(EXPORT_COLUMNS)
    for event in events.iterator():
        writer.writerow(
            neutralise(cell)
            for cell in [
                event.at.astimezone(datetime.UTC).strftime("%Y-%m-%d %H:%M:%S"),
                event.actor,
                KINDS.get(event.kind, event.kind),
                event.object_label,
                event.detail,
                event.ip_address or "",
                event.method,
                event.path,
            ]
        )
    record("audit.exported", request=request, detail=request.GET.urlencode()[:500])
    return file_response(
        buffer.getvalue().encode("utf-8-sig"), "audit-log.csv", "text/csv; charset=utf-8"
    )
