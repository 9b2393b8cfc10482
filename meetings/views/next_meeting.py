"""The date of the next meeting as the minutes record it, and planning it as
a meeting in one step (for whoever may plan meetings)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from govuk.dates import day
from partnership.permissions import refuse_unless
from partnership.views.common import posted

from .. import services
from ..forms import NextMeetingForm
from ..loaders import load_meeting
from ..permissions import can_plan_meetings, can_record_minutes


def next_meeting(request, meeting_uuid):
    meeting = load_meeting(request, meeting_uuid)
    refuse_unless(can_record_minutes(request.membership))
    initial = {name: getattr(meeting, name) for name in services.NEXT_MEETING_FIELDS}
    form = NextMeetingForm(posted(request), initial=initial)
    if form.is_valid():
        data = {name: form.cleaned_data[name] for name in services.NEXT_MEETING_FIELDS}
        data["next_meeting_venue"] = (data["next_meeting_venue"] or "").strip()
        try:
            services.next_meeting_record(meeting=meeting, acting_user=request.user, **data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Date of the next meeting saved with the minutes")
            back = "minutes" if request.POST.get("next") == "minutes" else None
            return redirect(meeting.url("minutes") + "#next-meeting" if back else meeting)
    return render(request, "meetings/next_meeting.html", {"meeting": meeting, "form": form})


def next_meeting_plan(request, meeting_uuid):
    """A confirmation, then the meeting the minutes name is planned."""
    meeting = load_meeting(request, meeting_uuid)
    refuse_unless(can_plan_meetings(request.membership))
    error = None
    if request.method == "POST":
        try:
            planned = services.next_meeting_plan(meeting=meeting, acting_user=request.user)
        except ValidationError as problem:
            error = problem.messages[0]
        else:
            messages.success(request, f"Meeting planned for {day(planned.date)}")
            return redirect(planned)
    return render(request, "meetings/next_meeting_plan.html", {"meeting": meeting, "error": error})
