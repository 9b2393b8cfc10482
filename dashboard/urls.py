"""The pages that join the apps, under /p/<partnership_slug>/."""

from django.urls import path

from . import audit, views

app_name = "dashboard"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("boards/<uuid:board_uuid>/", views.board_detail, name="board-detail"),
    path("audit/", audit.audit_log, name="audit-log"),
    path("audit/audit-log.csv", audit.audit_export, name="audit-export"),
]
