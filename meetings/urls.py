"""Meetings pages, all under /p/<partnership_slug>/meetings/."""

from django.urls import path

from .views import (
    agenda,
    approval,
    attendance,
    boards,
    documents,
    meetings,
    minutes,
    next_meeting,
    papers,
)

app_name = "meetings"

M = "<uuid:meeting_uuid>/"
ITEM = M + "items/<uuid:item_uuid>/"
PAPER = M + "papers/<uuid:paper_uuid>/"
BOARD = "boards/<uuid:board_uuid>/"

urlpatterns = [
    path("", meetings.meeting_list, name="meeting-list"),
    path("new/", meetings.meeting_create, name="meeting-create"),
    path("attendance-by-agency/", meetings.attendance_report, name="attendance-report"),
    path(M, meetings.meeting_detail, name="meeting-detail"),
    path(M + "edit/", meetings.meeting_edit, name="meeting-edit"),
    path(M + "meeting.ics", documents.meeting_ics, name="meeting-ics"),
    # Agenda and papers
    path(M + "agenda/", agenda.agenda, name="agenda"),
    path(M + "agenda/publish/", meetings.agenda_publish, name="agenda-publish"),
    path(M + "items/new/", agenda.item_create, name="item-create"),
    path(ITEM + "edit/", agenda.item_edit, name="item-edit"),
    path(ITEM + "papers/new/", papers.paper_upload, name="paper-upload"),
    path(PAPER, papers.paper_download, name="paper-download"),
    path(PAPER + "accept/", papers.paper_accept, name="paper-accept"),
    path(PAPER + "remove/", papers.paper_remove, name="paper-remove"),
    path(M + "agenda.pdf", documents.agenda_pdf, name="agenda-pdf"),
    path(M + "pack.pdf", documents.meeting_pack, name="meeting-pack"),
    # Attendance and minutes
    path(M + "attendance/", attendance.attendance, name="attendance"),
    path(M + "attendance/add/", attendance.attendee_add, name="attendee-add"),
    path(M + "attendance/initials/", attendance.attendance_initials, name="attendance-initials"),
    path(M + "minutes/", minutes.minuting, name="minutes"),
    path(ITEM + "minutes/", minutes.minutes_item, name="minutes-item"),
    path(ITEM + "actions/new/", minutes.minutes_action, name="minutes-action"),
    path(ITEM + "minutes/add/", minutes.minutes_add, name="minutes-add"),
    path(ITEM + "forward-plan/", minutes.minutes_forward_plan, name="minutes-forward-plan"),
    path(M + "actions/<uuid:action_uuid>/review/", minutes.minutes_review, name="minutes-review"),
    path(M + "minutes/submit/", approval.minutes_submit, name="minutes-submit"),
    path(M + "minutes/return/", approval.minutes_return, name="minutes-return"),
    path(M + "minutes/next-meeting/", next_meeting.next_meeting, name="next-meeting"),
    path(
        M + "minutes/next-meeting/plan/", next_meeting.next_meeting_plan, name="next-meeting-plan"
    ),
    path(M + "minutes/approve/", approval.minutes_approve, name="minutes-approve"),
    path(M + "minutes/amendments/new/", approval.minutes_amend, name="minutes-amend"),
    path(M + "minutes/publish/", approval.minutes_publish, name="minutes-publish"),
    path(M + "minutes.pdf", documents.minutes_pdf, name="minutes-pdf"),
    path(M + "public-minutes.pdf", documents.minutes_public_pdf, name="minutes-public-pdf"),
    # Boards
    path(BOARD + "meetings.ics", documents.board_calendar, name="board-calendar"),
    path(BOARD + "calendar/", documents.calendar_subscribe, name="calendar-subscribe"),
    path(BOARD + "forward-plan/", boards.forward_plan, name="forward-plan"),
    path(BOARD + "forward-plan/new/", boards.forward_plan_create, name="forward-plan-create"),
    path(
        BOARD + "forward-plan/<uuid:plan_uuid>/edit/",
        boards.forward_plan_edit,
        name="forward-plan-edit",
    ),
    path(BOARD + "settings/", boards.board_settings, name="board-settings"),
    path(BOARD + "standing-items/new/", boards.standing_item_create, name="standing-item-create"),
    # <ref>: a standing item's UUID, or "default-<n>" while the board has none of its own.
    path(
        BOARD + "standing-items/<str:ref>/edit/",
        boards.standing_item_edit,
        name="standing-item-edit",
    ),
    path(
        BOARD + "standing-items/<str:ref>/rename/",
        boards.standing_item_rename,
        name="standing-item-rename",
    ),
]
