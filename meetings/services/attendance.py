"""Recording who attended, and adding deputies and guests."""

from django.core.exceptions import ValidationError

from partnership.models import Person
from partnership.writes import service

from ..models import (
    Attendance,
    Meeting,
)
from .common import advance, minutes_changed, refuse_if_frozen
from .meetings import _list_board_members

# Attendance ---------------------------------------------------------------------


@service
def attendance_record(*, meeting, statuses, acting_user, notes=None):
    """Records attendance: `statuses` maps person ids to a status; people not
    yet listed (a board member who joined since the meeting was planned) are
    added. Recording attendance marks the meeting as held."""
    refuse_if_frozen(meeting)
    notes = notes or {}
    rows = {row.person_id: row for row in meeting.attendance.select_for_update()}
    missing = statuses.keys() - rows.keys()
    if missing:
        _list_board_members(meeting)
        rows = {row.person_id: row for row in meeting.attendance.select_for_update()}
    changed = False
    for person_id, status in statuses.items():
        row = rows.get(person_id)
        if row is None:
            raise ValidationError("Someone in the list is not listed for this meeting")
        note = notes.get(person_id, row.note)
        if row.status != status or row.note != note:
            row.status, row.note = status, note
            row.save(update_fields=["status", "note", "updated_at"])
            changed = True
    advance(meeting, Meeting.Status.HELD)
    if changed:
        minutes_changed(meeting, acting_user)


@service
def attendance_add(
    *,
    meeting,
    status,
    acting_user,
    person=None,
    new_name="",
    new_job_title="",
    on_behalf_of=None,
    note="",
):
    """Adds a deputy (on behalf of a member, who then sends apologies), an
    officer or a guest to the meeting's attendance. Someone not yet known is
    added to the partnership's people by name (a guest needs no account)."""
    refuse_if_frozen(meeting)
    if person is None:
        person = Person.objects.create(
            partnership=meeting.partnership,
            full_name=new_name.strip(),
            initials=Person.initials_from(new_name),
            job_title=new_job_title.strip(),
        )
    if meeting.attendance.filter(person=person).exists():
        raise ValidationError(f"{person} is already listed for this meeting")
    representing = person.organisation_id
    if on_behalf_of is not None:
        if on_behalf_of == person:
            raise ValidationError("Someone cannot deputise for themselves")
        member = meeting.attendance.filter(person=on_behalf_of).first()
        if member is not None:
            representing = member.representing_id or representing
            if member.status == Attendance.Status.EXPECTED:
                member.status = Attendance.Status.APOLOGIES
                member.save(update_fields=["status", "updated_at"])
    row = Attendance.objects.create(
        meeting=meeting,
        person=person,
        status=status,
        on_behalf_of=on_behalf_of,
        is_member=on_behalf_of is not None,
        representing_id=representing,
        note=note,
    )
    advance(meeting, Meeting.Status.HELD)
    minutes_changed(meeting, acting_user)
    return row


@service
def attendance_remove(*, attendance, acting_user):
    """Takes someone added by mistake off the list (board members stay listed:
    record them as absent instead)."""
    refuse_if_frozen(attendance.meeting)
    if attendance.is_member and attendance.on_behalf_of_id is None:
        raise ValidationError("Board members stay listed: record them as absent instead")
    attendance.delete()
    minutes_changed(attendance.meeting, acting_user)


@service
def attendance_initials(*, attendance, initials, acting_user):
    """The initials these minutes print for one attendee (blank: their own),
    set by the minute taker when two attendees' initials clash."""
    refuse_if_frozen(attendance.meeting)
    initials = initials.strip()
    if attendance.initials != initials:
        attendance.initials = initials
        attendance.save(update_fields=["initials", "updated_at"])
        minutes_changed(attendance.meeting, acting_user)
    return attendance
