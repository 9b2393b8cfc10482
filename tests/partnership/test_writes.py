"""The one write idiom: services are keyword-only, need acting_user, run in one
transaction and name the acting user in the history of every row they save,
from a request, a Celery task or a command alike; model_update saves only what
changed."""

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django_scopes import scope, scopes_disabled

from documents import registry
from documents.models import DocumentJob
from documents.services import document_request
from partnership import services
from partnership.models import Board, Person
from partnership.writes import acting_as, model_update, service

from ..factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_a_service_refuses_positional_arguments_and_a_missing_acting_user():
    @service
    def something(*, acting_user):
        return acting_user

    with pytest.raises(TypeError, match="keyword arguments only"):
        something(1)
    with pytest.raises(TypeError, match="needs acting_user"):
        something()
    assert something(acting_user=None) is None


def test_a_service_is_one_transaction(tenant_a):
    @service
    def half_done(*, board, acting_user):
        Board.objects.filter(pk=board.pk).update(name="Changed")
        raise ValidationError("Refused half way")

    with scopes_disabled(), pytest.raises(ValidationError):
        half_done(board=tenant_a.board, acting_user=None)
    with scopes_disabled():
        tenant_a.board.refresh_from_db()
    assert tenant_a.board.name != "Changed"


def test_history_names_the_acting_user_from_a_request(tenant_a, business_manager_client):
    url = f"/p/{tenant_a.slug}/people/{tenant_a.person.uuid}/edit/"
    response = business_manager_client.post(url, {"full_name": "Morgan Member-Jones"})
    assert response.status_code == 302
    with scopes_disabled():
        latest = tenant_a.person.history.latest()
    assert latest.full_name == "Morgan Member-Jones"
    assert latest.history_user == tenant_a.users["business_manager"]


def test_history_names_the_acting_user_outside_a_request(tenant_a):
    """A command or task has no request: the service's acting_user is recorded."""
    manager = tenant_a.users["business_manager"]
    with scope(partnership=tenant_a.partnership):
        changed = services.person_update(
            person=tenant_a.person, data={"job_title": "Head of safeguarding"}, acting_user=manager
        )
        latest = tenant_a.person.history.latest()
    assert changed == ["job_title"]
    assert latest.history_user == manager


def test_history_names_who_asked_for_work_a_celery_task_did(
    tenant_a, django_capture_on_commit_callbacks
):
    """The background PDF task changes the job's status on behalf of the member
    who asked for it; its history says so, not 'nobody'."""
    registry.RENDERERS["test.history"] = lambda job: (b"%PDF-1.7", "a.pdf", "application/pdf")
    manager = tenant_a.users["business_manager"]
    try:
        with django_capture_on_commit_callbacks(execute=True):
            job = document_request(
                partnership=tenant_a.partnership,
                kind="test.history",
                title="Action log",
                params={},
                acting_user=manager,
            )
    finally:
        registry.RENDERERS.pop("test.history")
    with scopes_disabled():
        rows = list(DocumentJob.history.filter(id=job.pk).order_by("history_id"))
    assert [r.status for r in rows] == ["queued", "running", "done"]
    assert {r.history_user for r in rows} == {manager}


def test_acting_as_applies_to_bulk_history_too(tenant_a):
    from simple_history.utils import bulk_create_with_history

    manager = tenant_a.users["business_manager"]
    with scopes_disabled(), acting_as(manager):
        [person] = bulk_create_with_history(
            [Person(partnership=tenant_a.partnership, full_name="Bulk Person")], Person
        )
        assert person.history.latest().history_user == manager


def test_model_update_saves_only_what_changed(tenant_a):
    person = PersonFactory(partnership=tenant_a.partnership, full_name="Ann Able", job_title="DSL")
    with scopes_disabled():
        before = person.history.count()
        assert (
            model_update(instance=person, data={"full_name": "Ann Able"}, fields=["full_name"])
            == []
        )
        assert person.history.count() == before  # nothing saved
        changed = model_update(
            instance=person,
            data={"full_name": "Ann Able", "job_title": "Head of safeguarding", "email": "x"},
            fields=["full_name", "job_title"],  # email is not among the fields: ignored
        )
        assert changed == ["job_title"]
        person.refresh_from_db()
        assert person.job_title == "Head of safeguarding"
        assert person.email == ""


def test_model_update_validates_the_model(tenant_a):
    with scopes_disabled(), transaction.atomic(), pytest.raises(ValidationError):
        model_update(
            instance=tenant_a.board, data={"late_paper_days": 99}, fields=["late_paper_days"]
        )
