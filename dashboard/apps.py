from django.apps import AppConfig


class DashboardConfig(AppConfig):
    name = "dashboard"
    verbose_name = "Home, overview, board pages and annual reports"

    def ready(self):
        from audit.log import register_kinds

        # The report's PDF renderers and the permission rules templates ask.
        from .annual_report import documents, permissions  # noqa: F401

        register_kinds(
            {
                "annual_report.submitted": "Annual report submitted for sign-off",
                "annual_report.returned": "Annual report returned to draft",
                "annual_report.signed": "Annual report signed off",
                "annual_report.published": "Annual report published",
            }
        )
