"""The date of the next meeting and the approval close the minutes: in the PDF
they stay on the page of the last item, never alone on a page of their own."""

import io

from django_scopes import scope
from pypdf import PdfReader

from meetings import documents, minutes, services

from .conftest import item


def _pages(meeting, tenant, paragraphs, version):
    with scope(partnership=tenant.partnership):
        minutes.item_minutes_save(
            item=item(meeting, "Any other business"),
            discussion="".join(
                f"<p>Paragraph {n} of the last item, which runs to a line or two of text "
                "as the minute taker writes it down.</p>"
                for n in range(1, paragraphs + 1)
            ),
            decisions="",
            version=version,
            acting_user=None,
        )
        meeting.refresh_from_db()
        pdf = documents.minutes_pdf(meeting, include_confidential=True)
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def test_the_date_of_the_next_meeting_never_sits_alone_on_a_page(meeting, tenant_a):
    with scope(partnership=tenant_a.partnership):
        services.next_meeting_record(
            meeting=meeting,
            acting_user=None,
            next_meeting_date=meeting.date.replace(year=2026, month=1, day=28),
        )
    # Lengths around the end of page 2: on this layout, 30 paragraphs left the
    # date alone on page 3 when it followed the table.
    page_counts = set()
    for version, paragraphs in enumerate((2, 27, 28, 29, 30, 31, 32)):
        pages = _pages(meeting, tenant_a, paragraphs, version)
        page_counts.add(len(pages))
        closing = max(i for i, text in enumerate(pages) if "Date of next meeting –" in text)
        assert f"Paragraph {paragraphs} of the last item" in pages[closing], paragraphs
    assert len(page_counts) > 1  # the lengths did cross a page break
