"""Funding pages, under /p/<partnership_slug>/funding/. A year is named as
finance teams write it, with a hyphen: /funding/2025-26/."""

from django.urls import path

from .views import budget, contributions, exports, years

app_name = "funding"

urlpatterns = [
    path("", years.year_list, name="years"),
    path("new/", years.year_create, name="year-create"),
    path("<str:year>/", years.year_detail, name="year"),
    path("<str:year>/edit/", years.year_edit, name="year-edit"),
    path("<str:year>/formula/", years.formula_edit, name="formula"),
    path("<str:year>/export.csv", exports.export_csv, name="export-csv"),
    path("<str:year>/export.xlsx", exports.export_xlsx, name="export-xlsx"),
    path("<str:year>/budget/new/", budget.line_create, name="line-create"),
    path("<str:year>/budget/<uuid:line_uuid>/edit/", budget.line_edit, name="line-edit"),
    path("<str:year>/budget/<uuid:line_uuid>/remove/", budget.line_remove, name="line-remove"),
    path(
        "<str:year>/contributions/new/",
        contributions.contribution_create,
        name="contribution-create",
    ),
    path(
        "<str:year>/contributions/<uuid:contribution_uuid>/edit/",
        contributions.contribution_edit,
        name="contribution-edit",
    ),
    path("<str:year>/partners/<uuid:agency_uuid>/", contributions.agency_detail, name="agency"),
    path(
        "<str:year>/partners/<uuid:agency_uuid>/chase/",
        contributions.chase_record,
        name="chase",
    ),
]
