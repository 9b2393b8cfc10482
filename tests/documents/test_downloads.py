"""Every export and download, whatever its users named things: a board called
"Adults: exploitation / CSE" once made every board's Excel export a 500 (a sheet
title with a colon). One helper names sheets, one names files; this runs every
download in the URLconf with hostile names and opens what comes back."""

import datetime
import decimal
import io
from email.message import Message
from urllib.parse import unquote

import pytest
from django.db import models
from django.urls import reverse
from django_scopes import scopes_disabled
from openpyxl import load_workbook

from documents.downloads import ascii_filename, content_disposition, download_filename
from documents.spreadsheets import sheet_title
from documents.xlsx import MONEY, Workbook
from partnership.models import Board
from tests.tenancy.probes import PROBES

HOSTILE = 'Adults: exploitation / CSE "Hub" [West] *?\\ <b>;😀\r\n' + "é" * 40
NAME_FIELDS = ("name", "short_name", "title", "reference", "label", "full_name")


@pytest.mark.parametrize(
    "name",
    ["Action log: Adults", "a/b\\c", "[x]", "*?", "History", "history", "", "   ", "'q'",
     "x" * 200, "😀" * 40, "tab\there"],
)  # fmt: skip
def test_sheet_titles_are_ones_excel_accepts(name):
    workbook = Workbook()
    title = workbook.add_sheet(name).title
    assert 0 < len(title) <= 31
    assert not set(title) & set("[]:*?/\\")
    assert title.lower() != "history"
    assert title == title.strip() and not title.startswith("'")
    assert title in load_workbook(io.BytesIO(workbook.save())).sheetnames


def test_sheet_titles_are_unique_within_a_workbook_ignoring_case():
    workbook = Workbook()
    titles = [workbook.add_sheet(name).title for name in ["Board: A", "board: a", "Board/A"]]
    titles += [workbook.add_sheet("y" * 40).title for _ in range(12)]
    assert len({t.lower() for t in titles}) == len(titles)
    assert all(len(t) <= 31 for t in titles)
    assert load_workbook(io.BytesIO(workbook.save())).sheetnames == titles
    assert sheet_title("Partners", taken=["partners"]) == "Partners (2)"


def test_the_workbook_writer_keeps_values_and_drops_what_xml_cannot_carry():
    workbook = Workbook()
    sheet = workbook.add_sheet("Log", widths=[20, 10])
    sheet.append(["Action", "Due", "Cost", "Long"], bold=True)
    when = datetime.date(2026, 3, 2)
    sheet.append(
        ['a\x0bb <&> "q" 😀', when, decimal.Decimal("12.50"), "x" * 100_000], styles={2: MONEY}
    )
    book = load_workbook(io.BytesIO(workbook.save()))
    cells = book.active[2]
    assert cells[0].value == 'ab <&> "q" 😀'
    assert cells[1].value.date() == when and cells[1].number_format == "d mmmm yyyy"
    assert cells[2].value == 12.5 and "£" in cells[2].number_format
    assert len(cells[3].value) == 32767  # Excel's limit for a cell
    assert book.active["A1"].font.b and book.active.freeze_panes == "A2"
    assert book.active.auto_filter.ref == "A1:D2"


@pytest.mark.parametrize(
    "name", [HOSTILE + ".xlsx", "😀.pdf", "../../etc/passwd", '"";.csv', "\r\n.ics", "x" * 400]
)
def test_download_names_are_safe_with_the_real_name_in_utf8(name):
    header = content_disposition(name)
    header.encode("latin-1")  # a header Django can send
    assert "\r" not in header and "\n" not in header
    message = Message()
    message["Content-Disposition"] = header
    fallback = message.get_param("filename", header="Content-Disposition")
    assert fallback == ascii_filename(name) and fallback.isascii()
    assert "/" not in fallback and "\\" not in fallback and not fallback.startswith(".")
    assert len(download_filename(name)) <= 150
    if "filename*" in header:
        encoded = header.split("filename*=UTF-8''", 1)[1]
        assert unquote(encoded) == download_filename(name)
    if "." in name[-6:]:
        assert fallback.endswith(name.rsplit(".", 1)[1][:4])


def _make_hostile(tenant):
    """Every sample object's user-chosen names, and every board's, made hostile."""
    from tests.samples import MAKERS

    with scopes_disabled():
        for name in MAKERS:
            tenant.sample(name)
        objects = [*tenant._samples.values(), *Board.objects.filter(partnership=tenant.partnership)]
        for n, obj in enumerate(objects):
            changes = {}
            for field in obj._meta.concrete_fields:
                if field.name in NAME_FIELDS and type(field) is models.CharField:
                    unique = f" {n:03}"
                    changes[field.name] = (HOSTILE * 5)[: field.max_length - len(unique)] + unique
            if changes:
                type(obj)._base_manager.filter(pk=obj.pk).update(**changes)


def _downloads():
    return sorted(name for name, probe in PROBES.items() if "business_manager" in probe.allowed)


def test_every_export_and_download_survives_hostile_names(tenant_a, client_for):
    _make_hostile(tenant_a)
    client = client_for(tenant_a.users["business_manager"])
    with scopes_disabled():
        boards = list(Board.objects.filter(partnership=tenant_a.partnership))
    seen = set()
    for name in _downloads():
        probe = PROBES[name]
        with scopes_disabled():
            kwargs = {"partnership_slug": tenant_a.slug, **probe.kwargs(tenant_a)}
        url = reverse(name, kwargs=kwargs)
        # The action log's exports, once per board (each board's title differs).
        queries = [""] + [f"board={b.uuid}" for b in boards if name.startswith("actions:export")]
        for query in queries:
            response = client.get(url, query and dict([query.split("=")]))
            if "Content-Disposition" not in response:
                assert response.status_code < 500, (name, response.status_code)
                continue
            seen.add(name)
            assert response.status_code == 200, (name, query, response.status_code)
            header = response["Content-Disposition"]
            header.encode("latin-1")
            assert response["Cache-Control"] == "private, no-store"
            content = response.getvalue()
            if response["Content-Type"].startswith("application/vnd.openxmlformats"):
                workbook = load_workbook(io.BytesIO(content))
                assert all(len(t) <= 31 for t in workbook.sheetnames)
            if response["Content-Type"].startswith("application/pdf"):
                assert content.startswith(b"%PDF")
    expected = {
        "actions:export-csv",
        "actions:export-xlsx",
        "actions:export-pdf",
        "dashboard:audit-export",
        "funding:export-csv",
        "funding:export-xlsx",
        "meetings:agenda-pdf",
        "meetings:minutes-pdf",
        "meetings:meeting-ics",
        "meetings:paper-download",
        "reviews:register-csv",
        "reviews:register-xlsx",
        "reviews:summary-pdf",
        "reviews:case-access-csv",
        "reviews:version-download",
        "documents:download",
    }
    assert expected <= seen, sorted(expected - seen)
