"""Case review test data, made through the services (as the business unit
would), outside any scope."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django_scopes import scopes_disabled

from documents.simple_pdf import simple_pdf
from reviews import progress, services, versions
from reviews.models import Stage
from reviews.stages import PATH_TO_FINAL_DRAFT

AWARE = datetime.date(2025, 12, 22)
PASSWORD = "correct horse battery staple"  # tests/factories.py UserFactory


def pdf_file(name="report.pdf", title="Report"):
    return SimpleUploadedFile(name, simple_pdf(title, [f"The text of {title}."]), "application/pdf")


def make_case(
    partnership,
    *,
    user,
    review_type="rapid_review",
    kind="notification",
    pseudonym="Child C",
    reference="",
    aware_date=AWARE,
    notified_date=None,
    subjects=None,
    **data,
):
    with scopes_disabled():
        return services.case_create(
            partnership=partnership,
            data={
                "kind": kind,
                "review_type": review_type,
                "pseudonym": pseudonym,
                "reference": reference,
                "aware_date": aware_date,
                "notified_date": notified_date,
                "summary": "A summary that only the panel may read.",
                **data,
            },
            subjects=subjects or {1: {"pseudonym": pseudonym, "age_band": "1_4"}},
            acting_user=user,
        )


def make_review(case, *, user, stage=Stage.FINAL_DRAFT, commissioned_on=None):
    """Commissions the case's review and takes it to `stage` (up to the final
    draft), uploading terms of reference and a report on the way."""
    with scopes_disabled():
        review, _ = progress.review_save(
            case=case,
            data={"commissioned_on": commissioned_on or datetime.date(2026, 1, 20)},
            acting_user=user,
        )
        if stage == Stage.COMMISSIONED:
            return review
        versions.version_upload(
            review=review,
            kind="terms_of_reference",
            uploaded_file=pdf_file("tor.pdf", "Terms of reference"),
            summary_of_changes="First draft",
            acting_user=user,
        )
        for step in PATH_TO_FINAL_DRAFT:
            if step == Stage.FINAL_DRAFT:
                versions.version_upload(
                    review=review,
                    kind="report",
                    uploaded_file=pdf_file(),
                    summary_of_changes="The reviewer's final draft",
                    acting_user=user,
                )
            review = progress.stage_change(review=review, to_stage=step, acting_user=user)
            if step == stage:
                break
        return review
