"""The document status page in a real browser: it polls with htmx until the
document is ready, and passes axe in every state."""

import pytest
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from documents import registry
from documents.models import DocumentJob
from documents.services import document_render

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def sample_renderer(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    registry.RENDERERS["test.browser"] = lambda job: (b"%PDF-1.7", "log.pdf", "application/pdf")
    yield
    registry.RENDERERS.pop("test.browser")


def test_status_page_updates_itself_when_the_document_is_ready(
    page, live_server, axe, sign_in, tenant_a
):
    with scopes_disabled():
        job = DocumentJob.objects.create(
            partnership=tenant_a.partnership,
            kind="test.browser",
            title="Action log (5,000 actions)",
            requested_by=tenant_a.users["business_manager"],
        )
    sign_in(tenant_a.users["business_manager"])
    page.goto(f"{live_server.url}{job.get_absolute_url()}")
    expect(page.get_by_role("status")).to_contain_text("Waiting to start")
    axe()
    document_render(job_id=job.pk, partnership_id=job.partnership_id)
    expect(page.get_by_role("heading", name="Your document is ready")).to_be_visible(timeout=8000)
    axe()
    with page.expect_download() as download:
        page.get_by_role("link", name="Download log.pdf").click()
    assert download.value.suggested_filename == "log.pdf"
