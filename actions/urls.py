"""Action log pages, under /p/<partnership_slug>/actions/."""

from django.urls import path

from .views import action, exports, imports, log, settings

app_name = "actions"

urlpatterns = [
    path("", log.log, name="log"),
    path("boards/<uuid:board_uuid>/", log.board_log, name="board-log"),
    path("export.csv", exports.export_csv, name="export-csv"),
    path("export.xlsx", exports.export_xlsx, name="export-xlsx"),
    path("export.pdf", exports.export_pdf, name="export-pdf"),
    path("new/", action.action_create, name="action-create"),
    path("settings/", settings.settings_edit, name="settings"),
    path("import/", imports.import_upload, name="import-upload"),
    path("import/<uuid:import_uuid>/columns/", imports.import_columns, name="import-columns"),
    path("import/<uuid:import_uuid>/check/", imports.import_preview, name="import-preview"),
    path("<uuid:action_uuid>/", action.action_detail, name="action-detail"),
    path("<uuid:action_uuid>/edit/", action.action_edit, name="action-edit"),
    path("<uuid:action_uuid>/update/", action.action_update, name="action-update"),
    path("<uuid:action_uuid>/complete/", action.action_complete, name="action-complete"),
]
