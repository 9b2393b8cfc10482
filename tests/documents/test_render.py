import io

import pytest
from pypdf import PdfReader

from documents.render import render_pdf


@pytest.fixture
def print_template(settings, tmp_path):
    (tmp_path / "pdf_test").mkdir()
    (tmp_path / "pdf_test" / "sample.html").write_text(
        """{% extends "pdf/base.html" %}
        {% block title %}Action log{% endblock %}
        {% block content %}
        <h1>Action log</h1>
        <img src="http://127.0.0.1:9/tracker.png" alt="">
        <img src="file:///etc/passwd" alt="">
        <table><thead><tr><th>No.</th><th>Action</th></tr></thead><tbody>
        {% for n in rows %}<tr><td>{{ n }}</td><td>Row {{ n }} {{ text }}</td></tr>{% endfor %}
        </tbody></table>
        {% endblock %}"""
    )
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}
    ]
    return "pdf_test/sample.html"


def _pdf(template, **context):
    data = render_pdf(
        template,
        {
            "partnership": {"name": "Northshire Safeguarding Partnership"},
            "rows": range(3),
            **context,
        },
    )
    return PdfReader(io.BytesIO(data))


def test_pdf_has_title_marking_and_page_x_of_y(print_template):
    reader = _pdf(print_template, rows=range(120), marking="OFFICIAL-SENSITIVE")
    pages = len(reader.pages)
    assert pages > 1
    assert reader.metadata.title == "Action log"
    first, last = reader.pages[0].extract_text(), reader.pages[-1].extract_text()
    assert "Northshire Safeguarding Partnership" in first
    assert "OFFICIAL-SENSITIVE" in first and "OFFICIAL-SENSITIVE" in last
    assert f"Page 1 of {pages}" in first and f"Page {pages} of {pages}" in last
    # The table header repeats on every page.
    assert all("Action" in page.extract_text() for page in reader.pages)


def test_pdf_is_tagged_for_accessibility(print_template):
    reader = _pdf(print_template)
    root = reader.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root
    assert root["/Lang"] == "en-GB"


def test_draft_documents_say_so(print_template):
    assert "DRAFT" in _pdf(print_template, draft=True).pages[0].extract_text()
    assert "DRAFT" not in _pdf(print_template).pages[0].extract_text()


def test_documents_fetch_nothing_but_our_static_files(print_template, caplog):
    _pdf(print_template)
    refused = [r.getMessage() for r in caplog.records if "may not fetch" in r.getMessage()]
    assert any("127.0.0.1:9" in m for m in refused)
    assert any("/etc/passwd" in m for m in refused)


def test_a_document_may_embed_its_own_resources_and_nothing_else(settings, tmp_path):
    from documents.render import html_to_pdf

    svg = (
        b'<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20">'
        b'<rect width="40" height="20" fill="#1d70b8"/></svg>'
    )
    html = (
        '<html lang="en-GB"><head><title>Chart</title></head><body>'
        '<img src="/charts/one.svg" alt="One chart"><img src="/charts/other.svg" alt="Other">'
        "</body></html>"
    )

    def drawing(pdf):
        page = PdfReader(io.BytesIO(pdf)).pages[0]
        stream = page.get_contents().get_data()
        for xobject in (page["/Resources"].get("/XObject") or {}).values():
            stream += xobject.get_object().get_data()
        return stream

    blue = b"0.113725 0.439216 0.721569"  # the rectangle's #1d70b8
    assert blue in drawing(html_to_pdf(html, resources={"/charts/one.svg": (svg, "image/svg+xml")}))
    # Without the resource the image is refused, not fetched from anywhere.
    assert blue not in drawing(html_to_pdf(html))


@pytest.mark.parametrize("marking", ["OFFICIAL", "OFFICIAL-SENSITIVE"])
def test_the_marking_is_printed_once_at_the_top_and_once_at_the_foot_of_every_page(
    print_template, marking
):
    reader = _pdf(print_template, rows=range(120), marking=marking)
    for page in reader.pages:
        text = page.extract_text()
        assert text.count(marking) == 2, (marking, text.count(marking))
