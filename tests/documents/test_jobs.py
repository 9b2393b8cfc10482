import datetime
import threading

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from documents import registry
from documents.models import DocumentJob
from documents.services import document_render, document_request, documents_purge

calls = []


@pytest.fixture(autouse=True)
def sample_renderer():
    calls.clear()

    def render(job):
        calls.append(job.pk)
        if job.params.get("fail"):
            raise RuntimeError("boom")
        return b"%PDF-1.7 sample " + job.title.encode(), "sample.pdf", "application/pdf"

    registry.RENDERERS["test.sample"] = render
    yield
    registry.RENDERERS.pop("test.sample")


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _request(tenant, **params):
    return document_request(
        partnership=tenant.partnership,
        kind="test.sample",
        title="Action log",
        params=params,
        acting_user=tenant.users["business_manager"],
    )


def test_a_requested_document_is_rendered_after_commit_and_downloaded(
    tenant_a, business_manager_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        job = _request(tenant_a)
    with scopes_disabled():
        job.refresh_from_db()
    assert job.status == DocumentJob.Status.DONE
    status = business_manager_client.get(job.get_absolute_url())
    assert b"Your document is ready" in status.content
    download = business_manager_client.get(
        reverse(
            "documents:download", kwargs={"partnership_slug": tenant_a.slug, "job_uuid": job.uuid}
        )
    )
    assert download["Content-Disposition"].startswith('attachment; filename="sample.pdf"')
    assert b"".join(download.streaming_content).startswith(b"%PDF")


def test_a_queued_document_page_polls_and_works_without_javascript(
    tenant_a, business_manager_client
):
    job = _request(tenant_a)  # no commit callbacks run: still queued
    html = business_manager_client.get(job.get_absolute_url()).content.decode()
    assert 'hx-trigger="every 2s"' in html
    assert "Check again" in html
    fragment = business_manager_client.get(job.get_absolute_url(), headers={"HX-Request": "true"})
    assert b"<html" not in fragment.content


def test_only_the_requester_sees_a_document(tenant_a, client_for):
    job = _request(tenant_a)
    document_render(job_id=job.pk, partnership_id=job.partnership_id)
    other = client_for(tenant_a.users["business_officer"])
    assert other.get(job.get_absolute_url()).status_code == 404


def test_rendering_twice_renders_once(tenant_a):
    job = _request(tenant_a)
    document_render(job_id=job.pk, partnership_id=job.partnership_id)
    document_render(job_id=job.pk, partnership_id=job.partnership_id)
    assert calls == [job.pk]


@pytest.mark.django_db(transaction=True)
def test_two_workers_at_once_render_once(tenant_a):
    job = _request(tenant_a)
    barrier = threading.Barrier(2)

    def work():
        barrier.wait()
        try:
            document_render(job_id=job.pk, partnership_id=job.partnership_id)
        finally:
            connection.close()

    threads = [threading.Thread(target=work) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert calls == [job.pk]


def test_a_failing_render_says_so_without_details(tenant_a, business_manager_client):
    job = _request(tenant_a, fail=True)
    document_render(job_id=job.pk, partnership_id=job.partnership_id)
    with scopes_disabled():
        job.refresh_from_db()
    assert job.status == DocumentJob.Status.FAILED
    html = business_manager_client.get(job.get_absolute_url()).content.decode()
    assert "could not be prepared" in html and "boom" not in html


def test_old_files_are_purged_but_the_record_stays(tenant_a):
    job = _request(tenant_a)
    document_render(job_id=job.pk, partnership_id=job.partnership_id)
    assert documents_purge(now=timezone.now()) == 0
    assert documents_purge(now=timezone.now() + datetime.timedelta(days=8)) == 1
    with scopes_disabled():
        job.refresh_from_db()
    assert not job.file and job.status == DocumentJob.Status.DONE


def test_the_purge_is_in_the_beat_schedule(db):
    from django_celery_beat.models import PeriodicTask

    task = PeriodicTask.objects.get(task="documents.tasks.purge_old_documents")
    assert str(task.crontab.timezone) == "Europe/London"
