"""The log's rows read as values in one statement (`actions.selectors.log_rows`,
for the log page and the exports) say what the model says of each action: its
owners of every kind, in order, its origin, its RAG and its latest update."""

import datetime

import pytest
from django.utils import timezone
from django_scopes import scopes_disabled

from actions import services
from actions.models import Action, ActionUpdate
from actions.owners import ALL
from actions.selectors import latest_updates, log_rows, rag_rule_for, with_owners

from ..factories import (
    OrganisationFactory,
    PartnerAgencyFactory,
    PersonFactory,
    TeamFactory,
)
from ..meetings.factories import AgendaItemFactory, MeetingFactory
from .factories import ActionFactory

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


@pytest.fixture
def actions(tenant_a):
    today = timezone.localdate()
    team = TeamFactory(partnership=tenant_a.partnership, name="Business Support Team")
    named = tenant_a.agency
    named.display_name = "Northshire Police"
    named.save()
    meeting = MeetingFactory(board=tenant_a.board, date=datetime.date(2019, 10, 23))
    every_kind = ActionFactory(
        board=tenant_a.board,
        owners=[team, tenant_a.person, named, tenant_a.subgroup, ALL],
        due_date=today + 2 * DAY,
        origin_item=AgendaItemFactory(meeting=meeting, number="4.1"),
    )
    with scopes_disabled():
        services.action_update_add(action=every_kind, acting_user=None, text="Letters drafted")
        services.action_update_add(action=every_kind, acting_user=None, text="Letters sent")
    overdue = ActionFactory(
        board=tenant_a.subgroup,
        owners=[PersonFactory(partnership=tenant_a.partnership, full_name="Sam Other")],
        due_date=today - 10 * DAY,
        origin_reference="From the audit",
    )
    # Agencies named by the organisation's short name, and by its name alone.
    short = PartnerAgencyFactory(
        partnership=tenant_a.partnership,
        organisation=OrganisationFactory(name="West Mercia Police", short_name="WMP"),
    )
    plain = PartnerAgencyFactory(
        partnership=tenant_a.partnership,
        organisation=OrganisationFactory(name="Fairshire Council", short_name=""),
    )
    set_by_hand = ActionFactory(
        board=tenant_a.board, due_date=today + 60 * DAY, owners=[short, plain]
    )
    with scopes_disabled():
        services.action_update_add(
            action=set_by_hand, acting_user=None, rag="red", rag_reason="Funding at risk"
        )
    done = ActionFactory(board=tenant_a.board, status=Action.Status.COMPLETED)
    return [every_kind, overdue, set_by_hand, done]


def test_each_row_says_what_the_model_says(tenant_a, actions):
    ids = [action.pk for action in reversed(actions)]
    with scopes_disabled():
        rule = rag_rule_for(tenant_a.partnership)
        rows = log_rows(
            ids,
            rule=rule,
            partnership_id=tenant_a.partnership.pk,
            partnership_slug=tenant_a.partnership.slug,
        )
        expected = {}
        for action in with_owners(Action.objects.filter(pk__in=ids).with_rag(rule)):
            update = latest_updates().filter(action=action).first()
            expected[action.pk] = {
                "owners_display": action.owners_display,
                "origin_label": action.origin_label,
                "board_label": action.board.label,
                "status_display": action.get_status_display(),
                # Worked out in Python for the row, in SQL for the log's filter and counts.
                "rag": rule.explain(
                    action.rag_code, action.status, action.rag_override, action.rag_reason
                ),
                "latest_update_text": update.text if update else "",
                "latest_update_on": update.made_on if update else None,
                "url": action.get_absolute_url(),
            }
    assert [row.pk for row in rows] == ids  # in the order asked for
    for row in rows:
        assert {name: getattr(row, name) for name in expected[row.pk]} == expected[row.pk]
    every_kind = next(row for row in rows if row.pk == actions[0].pk)
    assert every_kind.owners_display == (
        f"Business Support Team, {tenant_a.person.full_name}, Northshire Police, "
        f"{tenant_a.subgroup.name}, All"
    )
    assert every_kind.origin_label == "23.10.19 ref 4.1"
    assert every_kind.latest_update_text == "Letters sent"
    assert [row.rag.colour for row in rows] == ["green", "red", "red", "amber"]


def test_no_ids_no_query(tenant_a, django_assert_num_queries):
    with scopes_disabled():
        rule = rag_rule_for(tenant_a.partnership)
    with django_assert_num_queries(0):
        assert log_rows([], rule=rule, partnership_id=tenant_a.partnership.pk) == []


def test_only_the_partnership_named_is_read(tenant_a, tenant_b, actions):
    """The rows are held to the partnership named (as the ORM's managers hold
    them), besides row-level security: another partnership's ids read nothing."""
    theirs = ActionFactory(board=tenant_b.board)
    with scopes_disabled():
        rows = log_rows(
            [theirs.pk, actions[0].pk],
            rule=rag_rule_for(tenant_a.partnership),
            partnership_id=tenant_a.partnership.pk,
        )
    assert [row.pk for row in rows] == [actions[0].pk]


def test_a_raised_update_is_never_the_latest(tenant_a):
    action = ActionFactory(board=tenant_a.board)
    with scopes_disabled():
        assert action.updates.filter(kind=ActionUpdate.Kind.RAISED).exists()
        (row,) = log_rows(
            [action.pk],
            rule=rag_rule_for(tenant_a.partnership),
            partnership_id=tenant_a.partnership.pk,
        )
    assert (row.latest_update_text, row.latest_update_on) == ("", None)


# The rows as templates/actions/log.html wrote them before `log_table_rows`
# wrote them in Python: the tag must write the same HTML, escaped the same way.
ROWS_AS_THE_TEMPLATE_WROTE_THEM = """{% for action in rows %}
        <tr class="govuk-table__row">
          <td class="govuk-table__cell"><a class="govuk-link govuk-!-font-weight-bold" href="{{ action.url }}"><span class="govuk-visually-hidden">Action </span>{% if not board %}{{ action.board_label }} {% endif %}{{ action.number }}</a>{% if action.origin_label %}<br><span class="app-secondary app-nowrap">{{ action.origin_label }}</span>{% endif %}</td>
          <td class="govuk-table__cell">{{ action.description|truncatewords:60 }}</td>
          <td class="govuk-table__cell">{{ action.owners_display }}</td>
          <td class="govuk-table__cell">{{ action.due_date|day|default:"None" }}</td>
          <td class="govuk-table__cell">{{ action.status_display }}<br><strong class="govuk-tag {{ action.rag.tag_class }} app-rag-tag">{{ action.rag.label }}</strong>
</td>
          <td class="govuk-table__cell">{% if action.latest_update_text %}<span class="app-secondary">{{ action.latest_update_on|day }}:</span> {{ action.latest_update_text|truncatewords:40 }}{% endif %}</td>
        </tr>
{% endfor %}"""  # noqa: E501


@pytest.mark.parametrize("board", [False, True], ids=["every board", "one board"])
def test_the_tag_writes_the_rows_the_template_wrote(tenant_a, actions, board):
    from django.template import Context, Template

    from actions.templatetags.action_log import log_table_rows

    tricky = ActionFactory(
        board=tenant_a.board,
        owners=[PersonFactory(partnership=tenant_a.partnership, full_name="O'Brien & <Sons>")],
        description='<script>alert("x")</script> & ' + " ".join(["word"] * 80),
        origin_reference="\"Ref\" <b>'1'</b>",
    )
    with scopes_disabled():
        services.action_update_add(
            action=tricky, acting_user=None, text="<img src=x> " + "said " * 50
        )
        rows = log_rows(
            [a.pk for a in [*actions, tricky]],
            rule=rag_rule_for(tenant_a.partnership),
            partnership_id=tenant_a.partnership.pk,
            partnership_slug=tenant_a.partnership.slug,
        )
    template = Template("{% load govuk %}" + ROWS_AS_THE_TEMPLATE_WROTE_THEM)
    expected = template.render(Context({"rows": rows, "board": board}))
    written = log_table_rows(rows, show_board=not board)
    # Only the include's closing newline is gone (white space at a cell's end).
    expected = (
        expected.lstrip("\n").replace("\n\n", "\n").replace("</strong>\n</td>", "</strong></td>")
    )
    assert written == expected
    assert "&lt;script&gt;" in written and "<script>" not in written
