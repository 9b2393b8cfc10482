"""Papers: type checked by content, size limit, private storage, who may
download them, late papers and the meeting pack."""

import datetime
import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django_scopes import scope, scopes_disabled
from pypdf import PdfReader, PdfWriter

from meetings import papers
from meetings.demo import simple_pdf
from meetings.models import Paper

from .conftest import item, url
from .factories import docx_bytes, xlsx_bytes


def _upload(client, tenant, meeting, agenda_item, name, data, title="A paper"):
    return client.post(
        url("paper-upload", tenant, meeting_uuid=meeting.uuid, item_uuid=agenda_item.uuid),
        {"title": title, "file": SimpleUploadedFile(name, data)},
    )


def _feedback(meeting):
    with scopes_disabled():
        return item(meeting, "Feedback")


@pytest.mark.parametrize(
    ("name", "data", "file_type"),
    [
        ("feedback.pdf", simple_pdf("Feedback", ["Text"]), "pdf"),
        ("report.docx", docx_bytes(), "docx"),
        ("dataset.xlsx", xlsx_bytes(), "xlsx"),
        ("misnamed.pdf", docx_bytes(), "docx"),  # the content decides, not the name
    ],
)
def test_accepted_papers_are_stored_privately(
    meeting, tenant_a, business_manager_client, settings, name, data, file_type
):
    response = _upload(business_manager_client, tenant_a, meeting, _feedback(meeting), name, data)
    assert response.status_code == 302
    with scopes_disabled():
        paper = Paper.objects.get()
    assert paper.file_type == file_type
    assert paper.size == len(data)
    # Under MEDIA_ROOT with a random name; no URL serves that directory.
    assert paper.file.path.startswith(str(settings.MEDIA_ROOT))
    assert name.split(".")[0] not in paper.file.name
    assert business_manager_client.get(f"/{paper.file.name}").status_code == 404
    assert business_manager_client.get(settings.MEDIA_URL + paper.file.name).status_code == 404


def _encrypted_pdf():
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    writer.encrypt(user_password="secret", owner_password="owner")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.pdf", b"", "The selected file is empty"),
        ("virus.pdf", b"MZ\x90\x00 not a pdf at all", "must be a PDF, Word (.docx) or Excel"),
        ("notes.txt", b"just some words", "must be a PDF, Word (.docx) or Excel"),
        ("broken.pdf", b"%PDF-1.4\n garbage", "could not be read"),
        ("locked.pdf", _encrypted_pdf(), "password protected"),
        ("macros.docm", docx_bytes(macros=True), "Files with macros cannot be uploaded"),
        ("archive.zip", b"PK\x03\x04" + b"\0" * 30, "must be a PDF, Word (.docx) or Excel"),
    ],
)
def test_other_files_are_refused_with_a_message_not_a_500(
    meeting, tenant_a, business_manager_client, name, data, message
):
    response = _upload(business_manager_client, tenant_a, meeting, _feedback(meeting), name, data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in html
    assert message in html
    assert 'value="A paper"' in html
    with scopes_disabled():
        assert not Paper.objects.exists()


def test_a_file_over_the_size_limit_is_refused(
    meeting, tenant_a, business_manager_client, monkeypatch
):
    monkeypatch.setattr(papers, "MAX_BYTES", 2048)
    data = simple_pdf("Big", ["x" * 80] * 40)
    assert len(data) > 2048
    response = _upload(
        business_manager_client, tenant_a, meeting, _feedback(meeting), "big.pdf", data
    )
    assert "must be smaller than" in response.content.decode()


def test_the_presenter_may_upload_their_paper_but_other_members_may_not(
    meeting, tenant_a, member_client, client_for
):
    feedback = _feedback(meeting)  # presented by Morgan Member
    response = _upload(member_client, tenant_a, meeting, feedback, "f.pdf", simple_pdf("F"))
    assert response.status_code == 302
    with scopes_disabled():
        other = item(meeting, "Any other")
    response = _upload(member_client, tenant_a, meeting, other, "f.pdf", simple_pdf("F"))
    assert response.status_code == 403


def _paper(meeting, title, *, received=None, agenda_item=None, data=None):
    with scope(partnership=meeting.partnership):
        return papers.paper_upload(
            item=agenda_item or _feedback(meeting),
            title=title,
            uploaded_file=SimpleUploadedFile(
                "p.pdf", data or simple_pdf(title, [f"Text of {title}"])
            ),
            acting_user=None,
            received_at=received,
        )


def test_confidential_papers_are_hidden_from_observers_with_a_404(
    meeting, tenant_a, observer_client, member_client
):
    with scopes_disabled():
        confidential = item(meeting, "Case review")
    paper = _paper(meeting, "Child C: final report", agenda_item=confidential)
    download = url("paper-download", tenant_a, meeting_uuid=meeting.uuid, paper_uuid=paper.uuid)
    assert observer_client.get(download).status_code == 404
    response = member_client.get(download)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-store"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    meeting_page = observer_client.get(url("meeting-detail", tenant_a, meeting_uuid=meeting.uuid))
    assert "Child C" not in meeting_page.content.decode()


def _at(day, hour=12, minute=0, second=0):
    return timezone.make_aware(datetime.datetime(2025, 12, day, hour, minute, second))


def test_papers_on_the_deadline_day_are_on_time_and_later_ones_late(meeting):
    """Meeting on Wednesday 17 December, 7 days' notice: due by the end of the 10th."""
    on_time = _paper(meeting, "On time", received=_at(10, 23, 59, 59))
    late = _paper(meeting, "Late", received=_at(11, 0, 0, 0))
    with scopes_disabled():
        assert not Paper.objects.get(pk=on_time.pk).is_late
        assert Paper.objects.get(pk=late.pk).is_late


def test_the_chair_accepts_a_late_paper_with_a_reason(
    meeting, tenant_a, independent_chair_client, member_client
):
    late = _paper(meeting, "Late dataset", received=_at(12))
    accept = url("paper-accept", tenant_a, meeting_uuid=meeting.uuid, paper_uuid=late.uuid)
    assert member_client.post(accept, {"reason": "Urgent"}).status_code == 403
    response = independent_chair_client.post(accept, {"reason": ""})
    assert "Enter why the late paper is accepted" in response.content.decode()
    response = independent_chair_client.post(accept, {"reason": "Needed for the budget decision"})
    assert response.status_code == 302
    late.refresh_from_db()
    assert late.late_accepted_at and late.late_acceptance_reason == "Needed for the budget decision"
    assert late.in_pack


def test_the_meeting_pack_is_the_agenda_then_the_papers_in_it(
    meeting, tenant_a, member_client, observer_client
):
    _paper(meeting, "Feedback paper", received=_at(1))
    _paper(meeting, "Late and not accepted", received=_at(16))
    with scopes_disabled():
        confidential = item(meeting, "Case review")
    _paper(meeting, "Child C report", received=_at(2), agenda_item=confidential)
    with scope(partnership=meeting.partnership):
        papers.paper_upload(
            item=_feedback(meeting),
            title="Word paper",
            uploaded_file=SimpleUploadedFile("w.docx", docx_bytes()),
            acting_user=None,
            received_at=_at(1),
        )
    response = member_client.get(url("meeting-pack", tenant_a, meeting_uuid=meeting.uuid))
    reader = PdfReader(io.BytesIO(response.content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert text.index("Agenda and papers") < text.index("Text of Feedback paper")
    assert "Text of Child C report" in text
    assert "Text of Late and not accepted" not in text
    assert "late: not included" in text
    bookmarks = [o.title for o in reader.outline if not isinstance(o, list)]
    assert bookmarks == ["Agenda", "2 Feedback paper", "3 Child C report"]
    observer = PdfReader(io.BytesIO(observer_client.get(response.request["PATH_INFO"]).content))
    observer_text = "\n".join(page.extract_text() for page in observer.pages)
    assert "Child C" not in observer_text
    assert "Text of Feedback paper" in observer_text


def test_removing_a_paper_deletes_its_file_once_committed(
    meeting, tenant_a, business_manager_client, django_capture_on_commit_callbacks
):
    paper = _paper(meeting, "Old version")
    path = Path(paper.file.path)
    remove = url("paper-remove", tenant_a, meeting_uuid=meeting.uuid, paper_uuid=paper.uuid)
    with django_capture_on_commit_callbacks(execute=True):
        response = business_manager_client.post(remove)
    assert response.status_code == 302
    with scopes_disabled():
        assert not Paper.objects.filter(pk=paper.pk).exists()
    assert not path.exists()
