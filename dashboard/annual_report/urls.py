"""Annual reports, under /p/<partnership_slug>/reports/annual/. A report is
named by its period: /reports/annual/2025-26/report.pdf."""

from django.urls import path

from . import views

app_name = "reports"

P = "<str:period>/"

urlpatterns = [
    path("", views.report_list, name="list"),
    path("new/", views.report_create, name="create"),
    path(P, views.report_detail, name="detail"),
    path(P + "edit/", views.report_edit, name="edit"),
    path(P + "young-people/", views.summary_edit, name="summary"),
    path(P + "sections/<uuid:section_uuid>/", views.section_edit, name="section"),
    path(P + "priorities/", views.priorities, name="priorities"),
    path(P + "priorities/<uuid:priority_uuid>/", views.priority_edit, name="priority-edit"),
    path(P + "signatories/", views.signatories, name="signatories"),
    path(
        P + "signatories/<uuid:signatory_uuid>/remove/",
        views.signatory_remove,
        name="signatory-remove",
    ),
    path(P + "preview/", views.preview, name="preview"),
    path(P + "submit/", views.submit, name="submit"),
    path(P + "return/", views.return_to_draft, name="return"),
    path(P + "for-signature.pdf", views.signing_pdf, name="signing-pdf"),
    path(P + "sign/", views.sign, name="sign"),
    path(P + "publish/", views.publish, name="publish"),
    path(P + "status/", views.status, name="status"),
    path(P + "report.pdf", views.report_pdf, name="pdf"),
    path(P + "summary-for-young-people.pdf", views.summary_pdf, name="summary-pdf"),
    path(P + "charts/<str:kind>.svg", views.chart, name="chart"),
    path(P + "recipients/<uuid:recipient_uuid>/sent/", views.recipient_sent, name="recipient-sent"),
]
