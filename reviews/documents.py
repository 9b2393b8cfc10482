"""The review summary PDF for the board: each review's stage, clocks, action
plan and learning, marked OFFICIAL-SENSITIVE, with the case narrative only when
the reader asked for it (and may see the case: the PDF lists only those).
Long ones render in the background (documents' renderer registry)."""

from django.utils import timezone

from documents.registry import renderer

from .selectors import summary_rows

TITLE = "Case reviews: summary for the board"


def summary_pdf(*, partnership, membership, with_narrative):
    from documents.render import render_pdf  # WeasyPrint loads only when needed

    rows = summary_rows(membership=membership)
    return render_pdf(
        "reviews/pdf/summary.html",
        {
            "partnership": partnership,
            "title": TITLE,
            "rows": rows,
            "with_narrative": with_narrative,
            "generated_at": timezone.localtime(),
            "landscape": True,
            "marking": "OFFICIAL-SENSITIVE",
        },
    )


def summary_filename(partnership):
    return f"case-reviews-{partnership.slug}-{timezone.localdate().isoformat()}.pdf"


@renderer("reviews.summary_pdf")
def render_summary(job):
    from partnership.models import Membership

    membership = Membership.objects.select_related("partnership", "user").get(
        partnership=job.partnership, user=job.requested_by
    )
    pdf = summary_pdf(
        partnership=job.partnership,
        membership=membership,
        with_narrative=bool(job.params.get("narrative")),
    )
    return pdf, summary_filename(job.partnership), "application/pdf"
