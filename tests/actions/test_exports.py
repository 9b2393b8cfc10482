"""Exports of the filtered log: opened and read back, not compared byte for byte."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled
from openpyxl import load_workbook
from pypdf import PdfReader

from actions import services
from actions.owners import ALL
from documents.models import DocumentJob

from ..meetings.factories import AgendaItemFactory, MeetingFactory
from .factories import ActionFactory, many_actions

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)
OPEN = "status=open&status=in_progress&status=carried_forward"


def url(kind, tenant, query=""):
    return reverse(f"actions:export-{kind}", kwargs={"partnership_slug": tenant.slug}) + (
        "?" + query if query else ""
    )


@pytest.fixture
def log(tenant_a):
    today = timezone.localdate()
    meeting = MeetingFactory(board=tenant_a.board, date=datetime.date(2019, 10, 23))
    first = ActionFactory(
        board=tenant_a.board,
        owners=[tenant_a.person, ALL],
        due_date=today - 3 * DAY,
        origin_item=AgendaItemFactory(meeting=meeting, number="4.1"),
        description="Finance / Funding - draft letter to partners",
    )
    with scopes_disabled():
        services.action_update_add(
            action=first,
            acting_user=None,
            text="Draft letters agreed with the Chief Executive",
            rag="amber",
            rag_reason="Maintain amber",
        )
    ActionFactory(
        board=tenant_a.board,
        owners=[tenant_a.agency],
        description='=HYPERLINK("http://evil.example","Click")',
        due_date=today + 30 * DAY,
    )
    ActionFactory(board=tenant_a.subgroup, owners=[tenant_a.subgroup], description="Q&E audit")
    ActionFactory(board=tenant_a.board, status="completed", description="Done and dusted")
    return first


def test_csv_has_the_filtered_rows_in_words(log, business_manager_client, tenant_a):
    response = business_manager_client.get(
        url("csv", tenant_a, f"board={tenant_a.board.uuid}&{OPEN}")
    )  # noqa: E501
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'attachment; filename="action-log-northshire-exec-' in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:8] == [
        "Board",
        "No.",
        "Origin",
        "Action",
        "Owners",
        "Due date",
        "Status",
        "RAG",
    ]  # noqa: E501
    first = dict(zip(rows[0], rows[1], strict=True))
    assert first["Origin"] == "23.10.19 ref 4.1"
    assert first["Owners"] == "Morgan Member, All"
    assert first["RAG"] == "Amber — set by hand"
    assert first["RAG reason"] == "Maintain amber"
    assert first["Latest update"] == "Draft letters agreed with the Chief Executive"
    assert len(rows) == 3  # the completed one and the subgroup's are filtered out


def test_csv_and_excel_never_carry_a_formula(log, business_manager_client, tenant_a):
    rows = list(csv.reader(io.StringIO(
        business_manager_client.get(url("csv", tenant_a, OPEN)).content.decode("utf-8-sig")
    )))  # fmt: skip
    actions = [row[3] for row in rows[1:]]
    assert '\'=HYPERLINK("http://evil.example","Click")' in actions
    assert not any(a.startswith(("=", "+", "-", "@")) for a in actions)
    sheet = _sheet(business_manager_client.get(url("xlsx", tenant_a, OPEN)))
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert not any(cell.data_type == "f" for cell in cells)
    assert '\'=HYPERLINK("http://evil.example","Click")' in [c.value for c in cells]


def _sheet(response):
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml"
    )
    return load_workbook(io.BytesIO(response.content)).active


def test_excel_has_dates_as_dates_and_the_same_rows(log, business_manager_client, tenant_a):
    sheet = _sheet(business_manager_client.get(url("xlsx", tenant_a, OPEN + "&sort=due")))
    assert sheet.title == "Action log"
    assert [c.value for c in sheet[1]][:4] == ["Board", "No.", "Origin", "Action"]
    assert sheet.freeze_panes == "A2"
    second = [c.value for c in sheet[2]]
    assert second[3] == "Finance / Funding - draft letter to partners"
    assert isinstance(second[5], datetime.datetime)
    assert second[5].date() == timezone.localdate() - 3 * DAY
    assert sheet.max_row == 4  # header and three open actions, sorted by due date


def test_pdf_is_landscape_with_rag_words_marking_and_page_numbers(
    log, business_manager_client, tenant_a
):
    response = business_manager_client.get(url("pdf", tenant_a, OPEN))
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    page = reader.pages[0]
    assert page.mediabox.width > page.mediabox.height  # A4 landscape
    text = " ".join(page.extract_text().split())
    assert "Action log" in text and "OFFICIAL" in text
    assert "Amber — set by hand" in text and "Maintain amber" in text
    assert "Finance / Funding" in text and "23.10.19 ref 4.1" in text
    assert "Page 1 of 1" in text
    assert reader.metadata.title == "Action log"


def test_pdf_of_a_confidential_items_actions_is_official_sensitive(
    tenant_a, business_manager_client
):
    meeting = MeetingFactory(board=tenant_a.board)
    item = AgendaItemFactory(meeting=meeting, is_confidential=True)
    ActionFactory(board=tenant_a.board, origin_item=item, description="Family M: learning")
    text = (
        PdfReader(io.BytesIO(business_manager_client.get(url("pdf", tenant_a)).content))
        .pages[0]
        .extract_text()
    )
    assert "OFFICIAL-SENSITIVE" in text


def test_pdf_header_repeats_on_every_page(tenant_a, business_manager_client):
    many_actions(tenant_a.board, 60)
    reader = PdfReader(io.BytesIO(business_manager_client.get(url("pdf", tenant_a)).content))
    assert len(reader.pages) > 1
    for page in reader.pages:
        assert "Latest update" in page.extract_text()
    assert f"Page {len(reader.pages)} of {len(reader.pages)}" in reader.pages[-1].extract_text()


def test_a_long_pdf_is_made_in_the_background(
    tenant_a, business_manager_client, django_capture_on_commit_callbacks, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    many_actions(tenant_a.board, 160)
    with django_capture_on_commit_callbacks(execute=True):
        response = business_manager_client.get(url("pdf", tenant_a))
    with scopes_disabled():
        job = DocumentJob.objects.get()
    assert response.status_code == 302 and response.url == job.get_absolute_url()
    assert job.status == DocumentJob.Status.DONE
    assert job.title == "Action log (160 actions)"
    with job.file.open("rb") as file:
        reader = PdfReader(file)
        assert "Bulk action 160" in reader.pages[-1].extract_text()


def test_exports_show_a_member_only_their_boards(log, member_client, tenant_a):
    content = member_client.get(url("csv", tenant_a, "q=")).content.decode("utf-8-sig")
    assert "Q&E audit" not in content
    # Naming a board they cannot see does not reveal it either.
    content = member_client.get(url("csv", tenant_a, f"board={tenant_a.subgroup.uuid}")).content
    assert "Q&E audit" not in content.decode("utf-8-sig")


@pytest.mark.parametrize("kind", ["csv", "xlsx", "pdf"])
def test_export_queries_do_not_grow_with_actions(
    kind, tenant_a, business_manager_client, count_queries
):  # noqa: E501
    owners = [tenant_a.person, tenant_a.subgroup, tenant_a.agency, ALL]
    many_actions(tenant_a.board, 10, owners=owners)
    path = url(kind, tenant_a, "q=")
    few = count_queries(lambda: business_manager_client.get(path))
    many_actions(tenant_a.board, 490 if kind != "pdf" else 130, owners=owners)
    assert count_queries(lambda: business_manager_client.get(path)) == few


def test_background_pdf_queries_do_not_grow_with_actions(tenant_a, count_queries):
    from django_scopes import scope

    from actions.documents import action_log_pdf

    owners = [tenant_a.person, tenant_a.subgroup, tenant_a.agency, ALL]
    many_actions(tenant_a.board, 10, owners=owners)
    with scopes_disabled():
        job = DocumentJob.objects.create(
            partnership=tenant_a.partnership,
            kind="actions.log_pdf",
            title="Action log",
            params={"query": "q="},
            requested_by=tenant_a.users["business_manager"],
        )

    def render():
        with scope(partnership=tenant_a.partnership):
            action_log_pdf(job)

    few = count_queries(render)
    many_actions(tenant_a.board, 490, owners=owners)
    assert count_queries(render) == few
