"""The dashboard's models live with the feature they belong to."""

from .annual_report.models import (  # noqa: F401
    AnnualReport,
    ReportPriority,
    ReportRecipient,
    ReportSection,
    ReportSignatory,
    ReportSignOff,
)
