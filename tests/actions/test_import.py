"""Importing a spreadsheet tracker: upload, columns, check, confirm; bad files
give clear messages; importing the same file twice adds nothing twice."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_scopes import scopes_disabled
from openpyxl import Workbook

from actions.models import Action, ActionImport

from ..factories import PersonFactory
from .factories import ActionFactory

pytestmark = pytest.mark.django_db

TRACKER = (
    "Herefordshire Safeguarding Partners Board - action log\n"
    "\n"
    "Action No,Origin,Action,Owner,Due date,Status,RAG,Update\n"
    "15,23.10.19 ref 4.1,Finance / Funding - draft letter to partners,PG,31/03/2027,Ongoing,,"
    "Draft letters agreed with the Chief Executive\n"
    "19,23.10.19 ref 7.2,Update the neglect strategy,All,30 April 2027,,Amber,\n"
    "23,18.11.19 ref 2.3,Identify a lead for neglect,MM,,Completed,,Lindsay will lead\n"
)


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def people(tenant_a):
    PersonFactory(partnership=tenant_a.partnership, full_name="Philippa Grant")


def upload_url(tenant):
    return reverse("actions:import-upload", kwargs={"partnership_slug": tenant.slug})


def upload(client, tenant, content, name="tracker.csv", board=None):
    data = content if isinstance(content, bytes) else content.encode()
    return client.post(
        upload_url(tenant),
        {
            "board": str((board or tenant.board).uuid),
            "file": SimpleUploadedFile(name, data),
        },
    )


def _import_to_preview(client, tenant, content=TRACKER, **kwargs):
    response = upload(client, tenant, content, **kwargs)
    assert response.status_code == 302, response.content.decode()
    columns = client.get(response.url)
    assert columns.status_code == 200
    mapping = {
        name: field.initial or columns.context["form"].initial.get(name, "")
        for name, field in columns.context["form"].fields.items()
    }
    response = client.post(response.url, mapping)
    assert response.status_code == 302
    return response.url, client.get(response.url)


def test_columns_are_guessed_from_the_headings(tenant_a, business_manager_client, people):
    response = upload(business_manager_client, tenant_a, TRACKER)
    columns = business_manager_client.get(response.url)
    assert columns.context["form"].initial == {
        "number": "0",
        "origin": "1",
        "description": "2",
        "owners": "3",
        "due_date": "4",
        "status": "5",
        "rag": "6",
        "update": "7",
    }
    assert "The file has 3 rows of actions" in columns.content.decode()


def test_preview_then_confirm_imports_and_reimport_adds_nothing(
    tenant_a, business_manager_client, people
):
    client = business_manager_client
    preview_url, preview = _import_to_preview(client, tenant_a)
    assert preview.context["ready"] == 3
    with scopes_disabled():
        assert not Action.objects.exists()  # nothing saved until confirmed
    response = client.post(
        preview_url, {"fingerprint": preview.context["form"].initial["fingerprint"]}
    )  # noqa: E501
    assert response.status_code == 302
    assert response.url.endswith(f"/actions/boards/{tenant_a.board.uuid}/")
    with scopes_disabled():
        actions = {a.number: a for a in Action.objects.all()}
        assert set(actions) == {15, 19, 23}
        first = actions[15]
        assert first.origin_label == "23.10.19 ref 4.1"
        assert first.status == "in_progress"
        assert first.owner_labels() == ["Philippa Grant"]
        assert first.due_date == datetime.date(2027, 3, 31)
        assert [u.text for u in first.updates.order_by("pk")] == [
            "Imported from tracker.csv, row 4",
            "Draft letters agreed with the Chief Executive",
        ]
        assert actions[19].rag.label == "Amber — set by hand"
        assert actions[19].owner_labels() == ["All"]
        assert actions[23].status == "completed"
        assert ActionImport.objects.get().file.name == ""  # the upload is gone
    # The same file again: every row is recognised, nothing is added.
    _, again = _import_to_preview(client, tenant_a)
    assert again.context["ready"] == 0 and again.context["duplicates"] == 3
    assert "Imported before, as action 15" in again.content.decode()
    # New actions go on after the imported numbers.
    assert ActionFactory(board=tenant_a.board).number == 24


def test_rows_with_problems_are_listed_and_left_out(tenant_a, business_manager_client, people):
    content = (
        "No,Action,Owner,Due,Status\n"
        "1,Good row,PG,01/02/2027,open\n"
        "2,Vague date,PG,March 2027,open\n"
        '3,=HYPERLINK("http://evil"),PG,,open\n'
        "4,Unknown owner,Zed Nobody,,open\n"
        "5,Odd status,PG,,sleeping\n"
        "1,Same number,PG,,open\n"
        "7,,PG,,open\n"
        "8,ASAP date,PG,ASAP,open\n"
    )
    preview_url, preview = _import_to_preview(business_manager_client, tenant_a, content)
    errors = {row.line: row.errors for row in preview.context["rows"]}
    assert errors[2] == []
    assert errors[3] == ["Due date ‘March 2027’ is not a date: write it as a date, like 31/03/2026"]
    assert errors[4] == ['Action is a formula (=HYPERLINK("http://evil")): type the text itself']
    assert errors[5] == [
        "Owner: ‘Zed Nobody’ is not a person, team, group or agency in this partnership"
    ]
    assert "Status ‘sleeping’ must be open" in errors[6][0]
    assert errors[7] == ["Action number 1 is also used in row 2"]
    assert errors[8] == ["There is no action in this row"]
    assert "ASAP" in errors[9][0]
    assert preview.context["ready"] == 1 and preview.context["problems"] == 7
    business_manager_client.post(
        preview_url, {"fingerprint": preview.context["form"].initial["fingerprint"]}
    )
    with scopes_disabled():
        assert list(Action.objects.values_list("description", flat=True)) == ["Good row"]


def test_excel_files_with_real_dates_and_formulas(tenant_a, business_manager_client, people):
    book = Workbook()
    sheet = book.active
    sheet.append(["Ref", "Action required", "Lead", "Deadline"])
    sheet.append([1, "Circulate the summit agenda", "PG", datetime.datetime(2027, 1, 15)])
    sheet.append([2, "Sum things", "PG", None])
    sheet["B3"] = "=SUM(A1:A2)"
    out = io.BytesIO()
    book.save(out)
    _, preview = _import_to_preview(
        business_manager_client, tenant_a, out.getvalue(), name="Tracker.XLSX"
    )
    rows = preview.context["rows"]
    assert rows[0].ok and rows[0].due_date == datetime.date(2027, 1, 15)
    assert rows[1].errors == ["Action is a formula (=SUM(A1:A2)): type the text itself"]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("tracker.pdf", b"%PDF-1.7", "The selected file must be a CSV or an Excel (.xlsx) file"),
        ("tracker.xls", b"\xd0\xcf\x11\xe0", "must be saved as .xlsx or CSV"),
        ("tracker.csv", b"", "The selected file is empty"),
        ("tracker.csv", b"\n\n ,\n", "The selected file is empty"),
        ("tracker.csv", b"Action,Owner\n", "has no actions in it, only column headings"),
        ("tracker.xlsx", b"not a zip at all", "is not an Excel (.xlsx) file"),
        ("tracker.xlsx", b"PK\x03\x04broken", "could not be opened as an Excel file"),
        ("tracker.csv", b"\x00\x01\x02binary", "is not a CSV file"),
    ],
)
def test_bad_files_give_clear_messages(name, content, message, tenant_a, business_manager_client):
    response = upload(business_manager_client, tenant_a, content, name=name)
    assert response.status_code == 200
    body = response.content.decode()
    assert "govuk-error-summary" in body and message in body
    with scopes_disabled():
        assert not ActionImport.objects.exists()


def test_a_file_of_10_mb_or_more_is_refused(tenant_a, business_manager_client):
    big = b"Action,Owner\n" + b"x" * (10 * 1024 * 1024)
    response = upload(business_manager_client, tenant_a, big)
    assert "The selected file must be smaller than 10 MB" in response.content.decode()


def test_no_file_chosen(tenant_a, business_manager_client):
    response = business_manager_client.post(
        upload_url(tenant_a), {"board": str(tenant_a.board.uuid)}
    )  # noqa: E501
    assert "Select a CSV or Excel file" in response.content.decode()


def test_a_changed_mapping_since_the_preview_is_refused(tenant_a, business_manager_client, people):
    preview_url, preview = _import_to_preview(business_manager_client, tenant_a)
    stale = preview.context["form"].initial["fingerprint"]
    with scopes_disabled():
        upload_row = ActionImport.objects.get()
        upload_row.mapping = {"description": "2"}
        upload_row.save()
    response = business_manager_client.post(preview_url, {"fingerprint": stale})
    assert "changed since you checked them" in response.content.decode()
    with scopes_disabled():
        assert not Action.objects.exists()


def test_confirming_twice_imports_once(tenant_a, business_manager_client, people):
    preview_url, preview = _import_to_preview(business_manager_client, tenant_a)
    data = {"fingerprint": preview.context["form"].initial["fingerprint"]}
    business_manager_client.post(preview_url, data)
    again = business_manager_client.post(preview_url, data)
    assert again.status_code == 200
    assert "Spreadsheet imported" in again.content.decode()
    with scopes_disabled():
        assert Action.objects.count() == 3


def test_an_upload_removed_overnight_says_so(tenant_a, business_manager_client, people):
    from actions.imports import uploads_purge

    response = upload(business_manager_client, tenant_a, TRACKER)
    uploads_purge(now=datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=2))
    page = business_manager_client.get(response.url)
    assert "Upload no longer available" in page.content.decode()


@pytest.mark.parametrize(
    "cell", ["+SUM(1,2)", "@SUM(A1)", "-2+3+cmd|' /C calc'!A0", "\t=1+1", "=1+1"]
)
def test_every_formula_start_is_refused_by_the_same_rule_the_export_neutralises(
    cell, tenant_a, business_manager_client, people
):
    from documents.spreadsheets import is_formula, neutralise

    assert is_formula(cell.strip()) and neutralise(cell.strip()).startswith("'")
    content = f'Action,Owner\n"{cell}",PG\nGood row,PG\n'.encode()
    _, preview = _import_to_preview(business_manager_client, tenant_a, content)
    errors = [row.errors for row in preview.context["rows"]]
    assert errors[0] and "is a formula" in errors[0][0]
    assert errors[1] == []


def test_a_dash_alone_is_text_not_a_formula():
    from documents.spreadsheets import is_formula

    assert not is_formula("-")
    assert is_formula("-1+1")


# Every character a spreadsheet runs a formula from, first or after spaces
# (the import trims spaces, so " =1+1" would become "=1+1").
FORMULA_CELLS = [
    "=1+1",
    "+1+1",
    "-1+1",
    "@SUM(A1)",
    "\t=1+1",
    "\tcmd",
    "\r=1+1",
    "\rcmd",
    " =1+1",
    "   +1+1",
    "  -1+1",
    " @SUM(A1)",
    "\u00a0=1+1",
    "\n=1+1",
]


def _xlsx(rows):
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
@pytest.mark.parametrize("cell", FORMULA_CELLS, ids=repr)
def test_a_formula_in_any_imported_cell_is_refused_never_imported(
    kind, cell, tenant_a, business_manager_client, people
):
    from documents.spreadsheets import is_formula, neutralise

    assert is_formula(cell) and neutralise(cell).startswith("'")
    if kind == "xlsx" and cell == "\rcmd":
        pytest.skip("XML reads a carriage return back as a line feed: plain text then")
    rows = [["Action", "Owner", "Due date"], [cell, "PG", ""], ["Good row", "PG", ""]]
    rows += [["Owner's formula", cell, ""]]
    if kind == "csv":
        quoted = ['"' + c.replace('"', '""') + '"' if c else "" for row in rows for c in row]
        content = "\n".join(",".join(quoted[i : i + 3]) for i in range(0, len(quoted), 3))
        content = (content + "\n").encode()
    else:
        content = _xlsx(rows)
    _, preview = _import_to_preview(
        business_manager_client, tenant_a, content, name=f"tracker.{kind}"
    )
    errors = [row.errors for row in preview.context["rows"]]
    assert errors[0] and "is a formula" in errors[0][0], errors
    assert errors[1] == []
    assert errors[2] and "is a formula" in errors[2][0], errors


@pytest.mark.parametrize("text", ["-", " - ", "Review the policy", "'=quoted", "a=b", "email@x"])
def test_text_that_runs_nothing_is_not_a_formula(text):
    from documents.spreadsheets import is_formula

    assert not is_formula(text)


def test_an_imported_action_too_long_is_refused_in_its_row(
    tenant_a, business_manager_client, people
):
    long_cell = "y" * 100_000
    content = f"Action,Owner\n{long_cell},PG\nGood row,PG\n".encode()
    _, preview = _import_to_preview(business_manager_client, tenant_a, content)
    rows = preview.context["rows"]
    assert "100,000 characters long: it must be 2,000 or fewer" in rows[0].errors[0]
    assert rows[1].errors == []
    assert len(preview.content) < 60_000  # the preview shows the start of it, not all
