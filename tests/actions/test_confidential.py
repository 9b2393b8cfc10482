"""An action raised at a confidential (OFFICIAL-SENSITIVE) agenda item follows the
item: observers never see it, on any surface, while members of the board do.
One test per surface, each proving both halves."""

import csv
import datetime
import io

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope, scopes_disabled
from openpyxl import load_workbook
from pypdf import PdfReader

from actions.permissions import can_view_action, visible_actions
from actions.reminders import reminders_send
from actions.selectors import my_actions
from partnership.models import Role
from partnership.working_days import next_working_day

from ..factories import PersonFactory
from ..meetings.factories import AgendaItemFactory, MeetingFactory
from .factories import ActionFactory

pytestmark = pytest.mark.django_db

SECRET = "Refer the family to the exploitation hub"
OPEN_WORDS = "Circulate the neglect strategy"


@pytest.fixture
def world(tenant_a):
    """The observer and the board member both own both actions (so My actions and
    reminders would list them), one raised at a confidential item, one not."""
    with scopes_disabled():
        observer_person = PersonFactory(
            partnership=tenant_a.partnership,
            user=tenant_a.users["observer"],
            full_name="Olive Observer",
            email="olive@example.org",
        )
        tenant_a.person.email = "morgan@example.org"
        tenant_a.person.save()
    meeting = MeetingFactory(board=tenant_a.board, date=datetime.date(2026, 10, 1))
    secret_item = AgendaItemFactory(meeting=meeting, number="5", is_confidential=True)
    open_item = AgendaItemFactory(meeting=meeting, number="6")
    due = timezone.localdate() - datetime.timedelta(days=3)
    owners = [tenant_a.person, observer_person]
    secret = ActionFactory(
        board=tenant_a.board,
        owners=owners,
        origin_item=secret_item,
        description=SECRET,
        due_date=due,
    )
    shared = ActionFactory(
        board=tenant_a.board,
        owners=owners,
        origin_item=open_item,
        description=OPEN_WORDS,
        due_date=due,
    )
    return {"secret": secret, "shared": shared, "meeting": meeting}


def _get(client, name, tenant, query="", **kwargs):
    url = reverse(f"actions:{name}", kwargs={"partnership_slug": tenant.slug, **kwargs})
    return client.get(url + (f"?{query}" if query else ""))


def test_the_action_page(world, tenant_a, observer_client, member_client):
    kwargs = {"action_uuid": world["secret"].uuid}
    assert _get(observer_client, "action-detail", tenant_a, **kwargs).status_code == 404
    assert _get(member_client, "action-detail", tenant_a, **kwargs).status_code == 200
    # The shared one stays visible to the observer.
    shared = {"action_uuid": world["shared"].uuid}
    assert _get(observer_client, "action-detail", tenant_a, **shared).status_code == 200


@pytest.mark.parametrize("name", ["log", "board-log"])
def test_the_logs(name, world, tenant_a, observer_client, member_client):
    kwargs = {"board_uuid": tenant_a.board.uuid} if name == "board-log" else {}
    query = "status=open"
    for client, shows_secret in ((observer_client, False), (member_client, True)):
        html = _get(client, name, tenant_a, query, **kwargs).content.decode()
        assert OPEN_WORDS in html
        assert (SECRET in html) is shows_secret


def test_the_counts_on_the_log_and_the_overview(world, tenant_a, observer_client, member_client):
    observer_counts = _get(observer_client, "log", tenant_a, "status=open").context["counts"]
    member_counts = _get(member_client, "log", tenant_a, "status=open").context["counts"]
    assert sum(observer_counts.values()) == 1
    assert sum(member_counts.values()) == 2
    overview = reverse("dashboard:overview", kwargs={"partnership_slug": tenant_a.slug})
    board = tenant_a.board.pk
    assert observer_client.get(overview).context["action_counts"][board]["open"] == 1
    assert member_client.get(overview).context["action_counts"][board]["open"] == 2


def test_the_board_page_counts(world, tenant_a, observer_client, member_client):
    url = reverse(
        "dashboard:board-detail",
        kwargs={"partnership_slug": tenant_a.slug, "board_uuid": tenant_a.board.uuid},
    )
    assert observer_client.get(url).context["action_counts"]["open"] == 1
    assert member_client.get(url).context["action_counts"]["open"] == 2


def test_my_actions(world, tenant_a):
    def mine(role):
        groups = my_actions([tenant_a.memberships[role]])
        return {a.description for group in groups for a in group.actions}

    assert mine("observer") == {OPEN_WORDS}
    assert mine("member") == {OPEN_WORDS, SECRET}


def test_the_home_page(world, tenant_a, observer_client, member_client):
    assert SECRET not in observer_client.get("/").content.decode()
    assert SECRET in member_client.get("/").content.decode()


def test_the_csv_export(world, tenant_a, observer_client, member_client):
    def rows(client):
        body = _get(client, "export-csv", tenant_a, "status=open").content.decode("utf-8-sig")
        return {row["Action"] for row in csv.DictReader(io.StringIO(body))}

    assert rows(observer_client) == {OPEN_WORDS}
    assert rows(member_client) == {OPEN_WORDS, SECRET}


def test_the_excel_export(world, tenant_a, observer_client, member_client):
    def cells(client):
        body = _get(client, "export-xlsx", tenant_a, "status=open").content
        sheet = load_workbook(io.BytesIO(body)).active
        return {cell for row in sheet.iter_rows(values_only=True) for cell in row}

    assert SECRET not in cells(observer_client)
    assert OPEN_WORDS in cells(observer_client)
    assert SECRET in cells(member_client)


def test_the_pdf_export(world, tenant_a, observer_client, member_client):
    def text(client):
        body = _get(client, "export-pdf", tenant_a, "status=open").content
        return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(body)).pages)

    observer_text, member_text = text(observer_client), text(member_client)
    assert "Circulate the neglect" in observer_text
    assert "exploitation hub" not in observer_text
    assert "exploitation hub" in member_text


def test_the_origin_meeting_filter_lists_only_meetings_of_visible_actions(
    world, tenant_a, observer_client
):
    with scopes_disabled():
        other = MeetingFactory(board=tenant_a.board, date=datetime.date(2026, 9, 1))
        ActionFactory(
            board=tenant_a.board,
            origin_item=AgendaItemFactory(meeting=other, number="2", is_confidential=True),
            description="Only at a confidential item",
        )
    form = _get(observer_client, "log", tenant_a).context["form"]
    offered = {value for value, _ in form.fields["origin_meeting"].choices}
    assert str(world["meeting"].uuid) in offered
    assert str(other.uuid) not in offered


def test_reminders_leave_it_out_for_observers(
    world, tenant_a, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://spm.example.org"
    on = next_working_day(timezone.localdate())
    with django_capture_on_commit_callbacks(execute=True):
        reminders_send(on=on)
    by_recipient = {message.to[0]: message for message in mail.outbox}
    observer_mail = by_recipient["olive@example.org"]
    member_mail = by_recipient["morgan@example.org"]
    assert str(world["secret"].uuid) not in observer_mail.body
    assert str(world["shared"].uuid) in observer_mail.body
    assert str(world["secret"].uuid) in member_mail.body


def test_the_rule_and_its_queryset_agree(world, tenant_a):
    """can_view_action and visible_actions give the same answer for every action
    and every role (the queryset behind every page and export)."""
    with scopes_disabled():
        ActionFactory(board=tenant_a.subgroup, description="On the subgroup")
    with scope(partnership=tenant_a.partnership):
        everything = list(visible_actions(tenant_a.memberships[Role.BUSINESS_MANAGER]))
        assert len(everything) == 3
        for role, membership in tenant_a.memberships.items():
            seen = set(visible_actions(membership).values_list("pk", flat=True))
            expected = {a.pk for a in everything if can_view_action(membership, a)}
            assert seen == expected, role
            assert (world["secret"].pk in seen) is (role != Role.OBSERVER)
