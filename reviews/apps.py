from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "reviews"
    verbose_name = "Case reviews"

    def ready(self):
        from audit.log import register_kinds

        from . import checks, documents  # noqa: F401 - registers checks and renderers

        register_kinds(
            {
                "case.created": "Case recorded",
                "case.viewed": "Case viewed",
                "case.downloaded": "Case material downloaded",
                "case.exported": "Case review register exported",
                "case.identifiers_revealed": "Real identifiers revealed",
                "case.identifiers_changed": "Real identifiers recorded",
                "case.panel_granted": "Added to a case's review panel",
                "case.panel_revoked": "Removed from a case's review panel",
                "case.signed_off": "Review version signed off",
                "case.retention_decided": "Retention decision recorded",
                "case.access_exported": "Case access log exported",
                "clock_rule.changed": "Statutory clock rule changed",
            }
        )
