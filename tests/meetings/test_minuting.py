"""The minuting screen and what it posts: autosave with optimistic locking,
rich text cleaned on the way in, actions raised inline, numbered minutes added
on the fly, the review of the board's open actions and the forward plan."""

import datetime
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django_scopes import scope, scopes_disabled

from actions.models import Action, ActionUpdate
from meetings import minutes, papers, services
from meetings.demo import simple_pdf
from meetings.models import ForwardPlanItem, ItemMinutes, Meeting

from ..actions.factories import ActionFactory
from .conftest import item, url

JSON = {"HTTP_ACCEPT": "application/json"}


def _save(client, tenant, meeting, agenda_item, discussion, version, decisions="", **headers):
    prefix = f"m-{agenda_item.uuid}"
    return client.post(
        url("minutes-item", tenant, meeting_uuid=meeting.uuid, item_uuid=agenda_item.uuid),
        {
            f"{prefix}-discussion": discussion,
            f"{prefix}-decisions": decisions,
            f"{prefix}-version": version,
        },
        **headers,
    )


def _minutes(agenda_item):
    with scopes_disabled():
        return ItemMinutes.objects.get(item=agenda_item)


def _feedback(meeting):
    with scopes_disabled():
        return item(meeting, "Feedback")


def test_the_screen_has_every_item_in_order_with_attendance_first(
    meeting, tenant_a, minute_taker_client
):
    response = minute_taker_client.get(url("minutes", tenant_a, meeting_uuid=meeting.uuid))
    html = response.content.decode()
    assert response.status_code == 200
    order = [
        'id="attendance-heading"',
        "Welcome, introductions and apologies",
        "1. Minutes of the previous meeting",
        "2. Feedback from the Quality and Effectiveness Group",
        "3. Case review: formal sign off (Child C)",
        "4. Any other business",
    ]
    # Past the contents list, the sections come in agenda order.
    position = html.index("</nav>", html.index('aria-label="Items"'))
    for text in order:
        position = html.index(text, position)
    assert "data-save-status" in html and "All changes saved" in html
    assert "Confidential" in html  # marked visibly
    assert 'src="/static/js/minuting.mjs"' in html


def test_autosave_saves_and_counts_versions(meeting, tenant_a, minute_taker_client):
    feedback = _feedback(meeting)
    response = _save(
        minute_taker_client, tenant_a, meeting, feedback, "<p>First words</p>", 0, **JSON
    )
    assert response.json()["result"] == "saved"
    assert response.json()["version"] == 1
    response = _save(
        minute_taker_client, tenant_a, meeting, feedback, "<p>More words</p>", 1, **JSON
    )
    assert response.json()["version"] == 2
    assert _minutes(feedback).discussion == "<p>More words</p>"
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.MINUTES_DRAFT


def test_a_save_over_a_newer_version_is_a_conflict_with_both_texts(
    meeting, tenant_a, minute_taker_client, business_manager_client
):
    feedback = _feedback(meeting)
    _save(
        business_manager_client,
        tenant_a,
        meeting,
        feedback,
        "<p>Theirs: the LADO service</p>",
        0,
        **JSON,
    )
    response = _save(
        minute_taker_client, tenant_a, meeting, feedback, "<p>Mine: thresholds</p>", 0, **JSON
    )
    answer = response.json()
    assert response.status_code == 200
    assert answer["result"] == "conflict"
    assert answer["version"] == 1
    assert "Theirs: the LADO service" in answer["html"]
    assert "Mine: thresholds" in answer["html"]
    # Never a silent overwrite.
    assert _minutes(feedback).discussion == "<p>Theirs: the LADO service</p>"
    # Keeping mine, having seen theirs, saves over their version.
    response = _save(
        minute_taker_client, tenant_a, meeting, feedback, "<p>Mine: thresholds</p>", 1, **JSON
    )
    assert response.json()["result"] == "saved"


def test_saving_the_same_text_as_someone_else_is_no_conflict(
    meeting, tenant_a, minute_taker_client, business_manager_client
):
    feedback = _feedback(meeting)
    _save(business_manager_client, tenant_a, meeting, feedback, "<p>Same</p>", 0, **JSON)
    response = _save(minute_taker_client, tenant_a, meeting, feedback, "<p>Same</p>", 0, **JSON)
    answer = response.json()
    assert answer == {"result": "saved", "version": 1, "time": answer["time"], "at": answer["at"]}
    assert re.fullmatch(r"\d{1,2}:\d\d[ap]m|12 midday|12 midnight", answer["time"])


def test_without_javascript_a_conflict_shows_both_and_keeps_what_was_typed(
    meeting, tenant_a, minute_taker_client, business_manager_client
):
    feedback = _feedback(meeting)
    _save(business_manager_client, tenant_a, meeting, feedback, "Theirs", 0)
    response = _save(minute_taker_client, tenant_a, meeting, feedback, "Mine, typed offline", 0)
    html = response.content.decode()
    assert response.status_code == 409
    assert "Not saved: someone else changed this item" in html
    assert "Theirs" in html and "Mine, typed offline" in html
    assert f'name="m-{feedback.uuid}-version" value="1"' in html
    assert "Mine, typed offline</textarea>" in html
    response = _save(minute_taker_client, tenant_a, meeting, feedback, "Mine, typed offline", 1)
    assert response.status_code == 302
    assert _minutes(feedback).discussion == "<p>Mine, typed offline</p>"


def test_plain_text_without_javascript_becomes_paragraphs_and_bullets(
    meeting, tenant_a, minute_taker_client
):
    feedback = _feedback(meeting)
    _save(
        minute_taker_client,
        tenant_a,
        meeting,
        feedback,
        "LM presented feedback covering:\n- Governance\n- Learning\n\nLate papers – agreed.",
        0,
    )
    assert _minutes(feedback).discussion == (
        "<p>LM presented feedback covering:</p><ul><li>Governance</li><li>Learning</li></ul>"
        "<p>Late papers – agreed.</p>"
    )


XSS = [
    '<script>alert("x")</script><p>Text</p>',
    "<img src=x onerror=alert(1)><p>Text</p>",
    '<p onclick="alert(1)">Text</p>',
    '<a href="javascript:alert(1)">Text</a>',
    '<p style="background:url(javascript:alert(1))">Text</p>',
    '<iframe src="https://evil.example"></iframe><p>Text</p>',
    "<svg><script>alert(1)</script></svg><p>Text</p>",
    '"><script>alert(1)</script><p>Text</p>',
    "<p>Text</p><!--<script>alert(1)</script>-->",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
]


@pytest.mark.parametrize("payload", XSS)
def test_html_is_cleaned_on_the_way_in_and_never_runs_anywhere(
    meeting, tenant_a, minute_taker_client, payload
):
    feedback = _feedback(meeting)
    _save(minute_taker_client, tenant_a, meeting, feedback, payload, 0, decisions=payload, **JSON)
    stored = _minutes(feedback).discussion
    for bad in (
        "<script",
        "onerror",
        "onclick",
        "javascript:",
        "<iframe",
        "<img",
        "style=",
        "<svg",
    ):
        assert bad not in stored.lower()
    pages = [
        url("minutes", tenant_a, meeting_uuid=meeting.uuid),
        url("meeting-detail", tenant_a, meeting_uuid=meeting.uuid),
        url("minutes-item", tenant_a, meeting_uuid=meeting.uuid, item_uuid=feedback.uuid),
    ]
    for page in pages:
        assert_no_markup_from_users(minute_taker_client.get(page).content.decode())


def assert_no_markup_from_users(html):
    """No tag a user could have sent, and no event handler or script URL in
    any attribute: the page's own scripts are external files only."""
    tags = re.findall(r"<(script|img|iframe|svg|math|style|a)\b[^>]*>", html, re.IGNORECASE)
    own = re.findall(r'<script (?:type="module" )?src="/static/[^"]+"(?: defer)?>', html)
    assert len([t for t in tags if t.lower() == "script"]) == len(own), tags
    assert not [t for t in tags if t.lower() in {"img", "iframe", "svg", "math", "style"}]
    assert not re.search(r"<[^>]*\son\w+\s*=", html, re.IGNORECASE)
    assert not re.search(r"""(href|src)\s*=\s*["']?\s*javascript:""", html, re.IGNORECASE)


def test_bold_italic_and_lists_from_the_editor_survive_cleaning(
    meeting, tenant_a, minute_taker_client
):
    feedback = _feedback(meeting)
    _save(
        minute_taker_client,
        tenant_a,
        meeting,
        feedback,
        (
            "<div><b>Governance</b> and <i>learning</i></div>"
            '<ul><li>One</li></ul><span style="x">u</span>'
        ),
        0,
        **JSON,
    )
    assert _minutes(feedback).discussion == (
        "<p><strong>Governance</strong> and <em>learning</em></p><ul><li>One</li></ul><p>u</p>"
    )


def test_approved_minutes_refuse_autosave_without_retrying(meeting, tenant_a, minute_taker_client):
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.MINUTES_APPROVED)
    response = _save(
        minute_taker_client, tenant_a, meeting, _feedback(meeting), "<p>Late</p>", 0, **JSON
    )
    assert response.json()["result"] == "refused"
    assert "approved" in response.json()["message"]


def test_an_out_of_date_page_is_refused(meeting, tenant_a, minute_taker_client):
    response = _save(minute_taker_client, tenant_a, meeting, _feedback(meeting), "x", "", **JSON)
    assert response.json() == {
        "result": "refused",
        "message": "The page is out of date: reload it to go on",
    }


def _raise(client, tenant, meeting, agenda_item, description, owners, due="", **headers):
    prefix = f"a-{agenda_item.uuid}"
    day, month, year = due.split("/") if due else ("", "", "")
    return client.post(
        url("minutes-action", tenant, meeting_uuid=meeting.uuid, item_uuid=agenda_item.uuid),
        {
            f"{prefix}-description": description,
            f"{prefix}-owners": owners,
            f"{prefix}-due_date_day": day,
            f"{prefix}-due_date_month": month,
            f"{prefix}-due_date_year": year,
        },
        **headers,
    )


def test_an_action_raised_inline_goes_on_the_boards_log_with_its_origin(
    meeting, tenant_a, minute_taker_client
):
    feedback = _feedback(meeting)
    response = _raise(
        minute_taker_client,
        tenant_a,
        meeting,
        feedback,
        "Follow up whether health staff are referred to the LADO",
        "MM/Chris Chair",
        "31/1/2026",
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Action 1</strong>: Follow up whether health staff" in html
    assert "MM/CC" in html
    assert "Action 1 added to Exec's action log" in html
    with scopes_disabled():
        action = Action.objects.select_related("origin_meeting", "origin_item").get()
        assert action.board == tenant_a.board
        assert action.origin_label == "17.12.25 ref 2"
        assert action.due_date == datetime.date(2026, 1, 31)
        assert [o.person.full_name for o in action.owners.select_related("person")] == [
            "Morgan Member",
            "Chris Chair",
        ]


def test_an_unknown_owner_is_an_error_in_the_form_not_a_500(meeting, tenant_a, minute_taker_client):
    feedback = _feedback(meeting)
    response = _raise(
        minute_taker_client, tenant_a, meeting, feedback, "Do it", "XYZ", HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "‘XYZ’ is not a person, team, group or agency" in html
    assert "Do it</textarea>" in html
    response = _raise(minute_taker_client, tenant_a, meeting, feedback, "", "All")
    assert "govuk-error-summary" in response.content.decode()
    assert "Enter the action" in response.content.decode()
    with scopes_disabled():
        assert not Action.objects.exists()


def test_without_javascript_raising_an_action_returns_to_the_item(
    meeting, tenant_a, minute_taker_client
):
    feedback = _feedback(meeting)
    response = _raise(minute_taker_client, tenant_a, meeting, feedback, "Circulate the plan", "All")
    assert response.status_code == 302
    assert response.url.endswith(f"/minutes/#actions-{feedback.uuid}")


def test_a_numbered_minute_is_added_after_an_item(meeting, tenant_a, minute_taker_client):
    feedback = _feedback(meeting)
    add = url("minutes-add", tenant_a, meeting_uuid=meeting.uuid, item_uuid=feedback.uuid)
    response = minute_taker_client.post(add, {"title": "LADO"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<section class="app-minute-item')
    assert "2.1. LADO" in html
    response = minute_taker_client.post(add, {"title": ""})
    assert "Enter a title for the new minute" in response.content.decode()
    with scopes_disabled():
        numbers = [(i.number, i.title) for i in meeting.items.order_by("position")]
    assert ("2.1", "LADO") in numbers
    assert (
        numbers.index(("2.1", "LADO"))
        == numbers.index(("2", "Feedback from the Quality and Effectiveness Group")) + 1
    )


def test_something_can_go_on_the_forward_plan_from_an_item(meeting, tenant_a, minute_taker_client):
    feedback = _feedback(meeting)
    response = minute_taker_client.post(
        url("minutes-forward-plan", tenant_a, meeting_uuid=meeting.uuid, item_uuid=feedback.uuid),
        {f"p-{feedback.uuid}-title": "Neglect strategy refresh", f"p-{feedback.uuid}-month": ""},
        HTTP_HX_REQUEST="true",
    )
    assert "Neglect strategy refresh added to Exec's forward plan" in response.content.decode()
    with scopes_disabled():
        plan = ForwardPlanItem.objects.get()
    assert plan.raised_at == feedback and plan.board == tenant_a.board


@pytest.fixture
def open_action(tenant_a):
    return ActionFactory(
        board=tenant_a.board,
        owners=[tenant_a.person],
        description="Draft the letter to partners",
        due_date=datetime.date(2025, 12, 1),
        acting_user=tenant_a.users["business_manager"],
    )


def test_the_previous_action_log_is_reviewed_in_the_minutes_item(
    meeting, tenant_a, minute_taker_client, open_action
):
    page = minute_taker_client.get(url("minutes", tenant_a, meeting_uuid=meeting.uuid))
    html = page.content.decode()
    assert "Draft the letter to partners" in html
    assert "Update on action 1" in html
    review = url(
        "minutes-review", tenant_a, meeting_uuid=meeting.uuid, action_uuid=open_action.uuid
    )
    prefix = f"r-{open_action.uuid}"
    response = minute_taker_client.post(
        review,
        {f"{prefix}-text": "", f"{prefix}-status": "", f"{prefix}-rag": "amber"},
        HTTP_HX_REQUEST="true",
    )
    assert "Enter why the RAG changes" in response.content.decode()
    response = minute_taker_client.post(
        review,
        {
            f"{prefix}-text": "Letters agreed; PG chasing. Maintain amber.",
            f"{prefix}-status": "in_progress",
            f"{prefix}-rag": "amber",
        },
        HTTP_HX_REQUEST="true",
    )
    assert "Update to action 1 saved" in response.content.decode()
    with scopes_disabled():
        update = ActionUpdate.objects.filter(action=open_action, kind="update").get()
        open_action.refresh_from_db()
    assert update.text == "Letters agreed; PG chasing. Maintain amber."
    assert open_action.status == "in_progress"
    assert open_action.rag_override == "amber"


def test_actions_raised_at_this_meeting_are_not_in_its_review(
    meeting, tenant_a, minute_taker_client, open_action
):
    _raise(minute_taker_client, tenant_a, meeting, _feedback(meeting), "A new action", "All")
    html = minute_taker_client.get(
        url("minutes", tenant_a, meeting_uuid=meeting.uuid)
    ).content.decode()
    assert "Update on action 1" in html
    assert "Update on action 2" not in html


def _build(tenant, n):
    """A held meeting with n items, each minuted, with a paper and an action."""
    user = tenant.users["minute_taker"]
    with scope(partnership=tenant.partnership):
        meeting = services.meeting_create(
            board=tenant.board,
            acting_user=user,
            date=datetime.date(2026, 3, 4),
            venue="Online",
            with_standing_items=False,
        )
        for number in range(n):
            agenda_item = services.agenda_item_create(
                meeting=meeting,
                acting_user=user,
                title=f"Item {number}",
                presenter=tenant.person,
                is_confidential=number % 5 == 0,
            )
            minutes.item_minutes_save(
                item=agenda_item,
                discussion=f"<p>Discussion {number}</p>",
                decisions="Agreed",
                version=0,
                acting_user=user,
            )
            minutes.minutes_raise_action(
                item=agenda_item,
                description=f"Action at {number}",
                owners=[tenant.person],
                due_date=None,
                acting_user=user,
            )
            papers.paper_upload(
                item=agenda_item,
                title=f"Paper {number}",
                uploaded_file=SimpleUploadedFile("p.pdf", simple_pdf("Paper")),
                acting_user=user,
            )
        services.agenda_item_create(
            meeting=meeting, acting_user=user, title="Minutes", kind="previous_minutes"
        )
    return meeting


@pytest.mark.parametrize("page", ["minutes", "meeting-detail"])
def test_query_count_does_not_grow_with_items(tenant_a, minute_taker_client, count_queries, page):
    small, large = _build(tenant_a, 3), _build(tenant_a, 20)
    counts = [
        count_queries(lambda m=m: minute_taker_client.get(url(page, tenant_a, meeting_uuid=m.uuid)))
        for m in (small, large)
    ]
    assert counts[0] == counts[1], counts


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("First line<p>Second line</p>", "<p>First line</p><p>Second line</p>"),
        ("<p>a</p>between<ul><li>b</li></ul>", "<p>a</p><p>between</p><ul><li>b</li></ul>"),
        ("<p><br></p>", ""),
        ("<p>Fish &amp; chips</p>", "<p>Fish &amp; chips</p>"),
    ],
)
def test_every_piece_of_a_discussion_is_a_block(typed, kept):
    from meetings.richtext import clean

    assert clean(typed) == kept


def test_html_pasted_from_word_keeps_its_formatting_and_lists_and_nothing_else():
    from pathlib import Path

    from meetings.richtext import clean

    word = (Path(__file__).parent / "data" / "word_paste.html").read_text()
    kept = re.sub(r"\s+", " ", clean(word))
    assert kept == (
        "<p><strong>Performance and scrutiny</strong></p>"
        "<p>The group <strong>agreed</strong> the <em>neglect strategy</em> with "
        "<u>West Mercia Police</u>.</p>"
        "<p>Styled bold and red text</p>"
        "<ul><li>First point</li> <li>A sub-point</li> <li>Second point</li> </ul>"
        "<ol><li>Write to partners</li> <li>Report back in March</li> </ol>"
        "<p>In a table</p>"
    )
    # What the browser's cleaner sends is kept as it is.
    browser = (
        "<p><strong>Performance and scrutiny</strong></p>"
        "<ul><li>First point<ul><li>A sub-point</li></ul></li></ul><ol><li>One</li></ol>"
    )
    assert clean(browser) == browser


def test_the_minuting_screen_of_twenty_items_is_under_100_kb(tenant_a, minute_taker_client):
    """Forms every item has are sent once as <template>s (the script fills them
    in; without it each item links to their pages): the page stays small."""
    meeting = _build(tenant_a, 20)
    paragraph = (
        "Members discussed the findings of the multi-agency audit and the thresholds for "
        "referral to the MASH. It was agreed that partners would review the outcome of "
        "their referrals, especially those that did not progress, to close the loop."
    )
    with scope(partnership=tenant_a.partnership):
        for agenda_item in meeting.items.exclude(kind="previous_minutes"):
            minutes.item_minutes_save(
                item=agenda_item,
                discussion=f"<p>{paragraph}</p>" * 3 + "<ul><li>Governance</li></ul>",
                decisions="Partners review the outcome of their referrals",
                version=1,
                acting_user=tenant_a.users["minute_taker"],
            )
    response = minute_taker_client.get(url("minutes", tenant_a, meeting_uuid=meeting.uuid))
    html = response.content.decode()
    assert len(response.content) < 100_000, len(response.content)
    assert html.count('id="action-form-template"') == 1
    assert html.count("data-action-form") == 1  # in the template only
    with scopes_disabled():
        first = meeting.items.exclude(kind="previous_minutes").first()
    # Without JavaScript each item links to its own page, which links to the forms.
    own_page = url("minutes-item", tenant_a, meeting_uuid=meeting.uuid, item_uuid=first.uuid)
    assert f'href="{own_page}#more"' in html
    linked = minute_taker_client.get(own_page).content.decode()
    for name in ("minutes-action", "minutes-add", "minutes-forward-plan"):
        link = url(name, tenant_a, meeting_uuid=meeting.uuid, item_uuid=first.uuid)
        assert f'href="{link}"' in linked
        assert minute_taker_client.get(link).status_code == 200
