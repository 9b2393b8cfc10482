"""Case review pages, under /p/<partnership_slug>/reviews/."""

from django.urls import path

from .views import case, learning, progress, register, settings, versions

app_name = "reviews"

CASE = "cases/<uuid:case_uuid>/"
VERSION = CASE + "versions/<uuid:version_uuid>/"

urlpatterns = [
    path("", register.register_page, name="register"),
    path("register.csv", register.register_csv, name="register-csv"),
    path("register.xlsx", register.register_xlsx, name="register-xlsx"),
    path("clocks/", register.clock_dashboard, name="clocks"),
    path("summary.pdf", register.summary, name="summary-pdf"),
    path("retention/", case.retention, name="retention"),
    path("settings/", settings.settings_page, name="settings"),
    path("settings/clocks/new/", settings.clock_rule_create, name="clock-rule-create"),
    path("settings/clocks/<uuid:rule_uuid>/", settings.clock_rule_edit, name="clock-rule-edit"),
    path("settings/themes/new/", settings.theme_create, name="theme-create"),
    path("settings/themes/<uuid:theme_uuid>/", settings.theme_edit, name="theme-edit"),
    path("settings/signatories/new/", settings.signatory_add, name="signatory-add"),
    path(
        "settings/signatories/<uuid:signatory_uuid>/remove/",
        settings.signatory_remove,
        name="signatory-remove",
    ),
    path("cases/new/", case.case_create, name="case-create"),
    path(CASE, case.case_detail, name="case-detail"),
    path(CASE + "edit/", case.case_edit, name="case-edit"),
    path(CASE + "identifiers/", case.case_identifiers, name="case-identifiers"),
    path(CASE + "links/new/", case.case_link_add, name="case-link-add"),
    path(CASE + "panel/", case.case_panel, name="case-panel"),
    path(CASE + "panel/<uuid:membership_uuid>/remove/", case.panel_revoke, name="panel-revoke"),
    path(CASE + "access/", case.case_access_log, name="case-access"),
    path(CASE + "access.csv", case.case_access_csv, name="case-access-csv"),
    path(CASE + "retention/", case.retention_decision, name="retention-decision"),
    path(CASE + "rapid-review/", progress.rapid_review, name="rapid-review"),
    path(CASE + "rapid-review/decision/", progress.rapid_review_decision, name="rapid-decision"),
    path(CASE + "rapid-review/sign-off/", progress.rapid_review_sign, name="rapid-sign-off"),
    path(CASE + "review/", progress.review_edit, name="review-edit"),
    path(CASE + "review/stage/", progress.review_stage, name="review-stage"),
    path(CASE + "review/family/new/", progress.family_contact_add, name="family-contact-add"),
    path(CASE + "review/quality-assurance/new/", progress.qa_add, name="qa-add"),
    path(
        CASE + "review/quality-assurance/<uuid:submission_uuid>/",
        progress.qa_edit,
        name="qa-edit",
    ),
    path(CASE + "review/quality-markers/", progress.quality_markers, name="quality-markers"),
    path(CASE + "review/publication/", progress.publication, name="publication"),
    path(
        CASE + "review/recommendations/new/", learning.recommendation_add, name="recommendation-add"
    ),
    path(
        CASE + "review/recommendations/<uuid:recommendation_uuid>/",
        learning.recommendation_edit,
        name="recommendation-edit",
    ),
    path(
        CASE + "review/recommendations/<uuid:recommendation_uuid>/action/",
        learning.recommendation_action,
        name="recommendation-action",
    ),
    path(CASE + "dissemination/new/", learning.dissemination_add, name="dissemination-add"),
    path(CASE + "versions/new/", versions.version_upload, name="version-upload"),
    path(VERSION, versions.version_detail, name="version-detail"),
    path(VERSION + "file/", versions.version_download, name="version-download"),
    path(VERSION + "sign/", versions.version_sign, name="version-sign"),
    path(VERSION + "changes/new/", versions.change_request_add, name="change-request-add"),
    path(
        VERSION + "changes/<uuid:request_uuid>/answer/",
        versions.change_request_answer,
        name="change-request-answer",
    ),
]
