"""The minuting screen at the edges: a session that ends while the minute taker
types, a server that cannot be reached, a reload, text pasted from Word, every
listed shortcut from every field it names, a 320-pixel screen; and htmx forms
elsewhere that meet an ended session. The console is checked after every swap
(tests/e2e/conftest.py)."""

import datetime
import re
from pathlib import Path

import pytest
from django_scopes import scope, scopes_disabled
from playwright.sync_api import expect

from actions.models import Action
from meetings import services
from meetings.models import ItemMinutes

from ..actions.factories import ActionFactory
from ..factories import PersonFactory
from .journeys import SAVED

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SESSION_ENDED = (
    "Your session has ended. Sign in again in a new tab; your text is kept here "
    "and will save when you have."
)


@pytest.fixture
def meeting(tenant_a):
    """A meeting of A's executive board with its standing items and one more."""
    manager = tenant_a.users["business_manager"]
    with scope(partnership=tenant_a.partnership):
        meeting = services.meeting_create(
            board=tenant_a.board,
            acting_user=manager,
            date=datetime.date(2025, 12, 17),
            venue="Mordiford Room, Plough Lane, Hereford",
        )
        services.agenda_item_create(
            meeting=meeting,
            acting_user=manager,
            title="Feedback from the Quality and Effectiveness Group",
            after=meeting.items.get(kind="previous_minutes"),
        )
    PersonFactory(partnership=tenant_a.partnership, full_name="Ellen Footman")
    return meeting


def _item(meeting, title):
    with scopes_disabled():
        return meeting.items.get(title__startswith=title)


def _discussion(meeting, title):
    with scopes_disabled():
        minutes = ItemMinutes.objects.filter(item=_item(meeting, title)).first()
        return minutes.discussion if minutes else ""


def _open_minuting(page, live_server, tenant, meeting):
    """Opens the screen and waits for its attendance panel, which loads after
    the page: until its answer is in, a session cookie the test clears would
    come back with it (every answer renews the session)."""
    page.goto(f"{live_server.url}/p/{tenant.slug}/meetings/{meeting.uuid}/minutes/")
    expect(page.locator("[data-save-status]")).to_have_text("All changes saved")
    expect(page.locator("#attendance-panel[hx-trigger='load']")).to_have_count(0)


def _editor(page, meeting, title):
    item = _item(meeting, title)
    return page.locator(f"#{item.anchor} .app-editor")


def test_typing_survives_an_ended_session_and_saves_after_signing_in_in_another_tab(
    page, live_server, sign_in, tenant_a, meeting, console, axe
):
    console.allow_status(401)
    sign_in(tenant_a.users["minute_taker"])
    _open_minuting(page, live_server, tenant_a, meeting)
    editor = _editor(page, meeting, "Feedback")
    editor.click()
    page.keyboard.type("The group met in November.")
    expect(page.locator("[data-save-status]")).to_have_text(SAVED)

    # The session ends (idle expiry, or signed out elsewhere); typing goes on.
    page.context.clear_cookies(name="sessionid")
    page.keyboard.type(" Attendance at training has doubled.")
    page.keyboard.press("Control+s")
    status = page.locator("[data-save-status]")
    expect(status).to_have_text(SESSION_ENDED)
    expect(
        page.locator(f"#{_item(meeting, 'Feedback').anchor} [data-item-status]")
    ).to_contain_text("Your session has ended")
    axe()
    assert "doubled" not in _discussion(meeting, "Feedback")

    # Signing in again in a new tab renews the form token too: the old tab
    # reads the new one and saves, without a reload.
    with page.context.expect_page() as opened:
        status.get_by_role("link", name="Sign in again in a new tab").click()
    other = opened.value
    console.watch(other)
    expect(other.locator(".govuk-notification-banner")).to_contain_text("Your session has ended")
    sign_in(tenant_a.users["minute_taker"], on=other, on_form=True)
    expect(other.get_by_role("heading", level=1)).to_have_text("You are signed in again")
    axe(other)
    page.bring_to_front()
    expect(status).to_have_text(SAVED, timeout=15_000)
    assert _discussion(meeting, "Feedback") == (
        "<p>The group met in November. Attendance at training has doubled.</p>"
    )
    # Saved: nothing is left waiting in the browser.
    assert page.evaluate("() => Object.keys(localStorage).filter(k => k.startsWith('spm:'))") == []


def test_text_typed_while_the_server_cannot_be_reached_is_offered_back_after_a_reload(
    page, live_server, sign_in, tenant_a, meeting, console, axe
):
    sign_in(tenant_a.users["minute_taker"])
    _open_minuting(page, live_server, tenant_a, meeting)
    autosave = re.compile(r".*/items/[0-9a-f-]+/minutes/$")
    page.route(autosave, lambda route: route.abort("connectionrefused"))
    console.allow(r"ERR_CONNECTION_REFUSED")

    _editor(page, meeting, "Feedback").click()
    page.keyboard.type("Nothing typed here may be lost.")
    decisions = page.locator(f"#{_item(meeting, 'Feedback').anchor} textarea[name$='-decisions']")
    decisions.fill("Agreed to write to partners")
    page.keyboard.press("Control+s")
    expect(page.locator("[data-save-status]")).to_have_text("Not saved — retrying")

    # The browser is reloaded (or crashes) before the server comes back.
    page.reload()
    banner = page.locator("[data-restore-banner]")
    expect(banner).to_have_count(1)
    expect(banner).to_contain_text("was not saved. It was kept in this browser.")
    expect(banner).to_contain_text("Nothing typed here may be lost.")
    axe()
    assert _discussion(meeting, "Feedback") == ""

    page.unroute(autosave)
    banner.get_by_role("button", name="Restore it and save").click()
    expect(page.locator("[data-save-status]")).to_have_text(SAVED)
    expect(banner).to_have_count(0)
    assert _discussion(meeting, "Feedback") == "<p>Nothing typed here may be lost.</p>"
    with scopes_disabled():
        assert ItemMinutes.objects.get(item=_item(meeting, "Feedback")).decisions == (
            "Agreed to write to partners"
        )

    # Saved, so a later visit offers nothing.
    page.reload()
    expect(page.locator("[data-save-status]")).to_have_text("All changes saved")
    expect(page.locator("[data-restore-banner]")).to_have_count(0)


def test_kept_text_can_be_discarded_and_restoring_over_a_newer_save_is_a_conflict(
    page, live_server, sign_in, tenant_a, meeting, client_for
):
    sign_in(tenant_a.users["minute_taker"])
    _open_minuting(page, live_server, tenant_a, meeting)
    autosave = re.compile(r".*/items/[0-9a-f-]+/minutes/$")
    page.route(autosave, lambda route: route.abort("connectionrefused"))
    for title, words in (("Feedback", "Mine, typed offline."), ("Any other", "Not wanted.")):
        _editor(page, meeting, title).click()
        page.keyboard.type(words)
    page.reload()
    page.unroute(autosave)
    banners = page.locator("[data-restore-banner]")
    expect(banners).to_have_count(2)

    aob = page.locator(f"#{_item(meeting, 'Any other').anchor}")
    aob.get_by_role("button", name="Discard it").click()
    expect(aob.locator("[data-restore-banner]")).to_have_count(0)

    # Meanwhile a colleague saved the item: restoring meets their text as a conflict.
    with scope(partnership=tenant_a.partnership):
        from meetings import minutes

        minutes.item_minutes_save(
            item=_item(meeting, "Feedback"),
            discussion="<p>Theirs.</p>",
            decisions="",
            version=0,
            acting_user=tenant_a.users["business_manager"],
        )
    feedback = page.locator(f"#{_item(meeting, 'Feedback').anchor}")
    feedback.get_by_role("button", name="Restore it and save").click()
    expect(page.locator("[data-save-status]")).to_have_text(
        re.compile("Not saved — conflict in item")
    )
    expect(feedback.locator(".app-conflict-slot")).to_contain_text("Theirs.")
    assert _discussion(meeting, "Feedback") == "<p>Theirs.</p>"
    page.reload()
    expect(page.locator("[data-restore-banner]")).to_have_count(1)  # mine, still kept


# Realistic clipboard HTML from Word (classes, styles, <o:p>, conditional
# comments, lists as styled paragraphs): shared with the server's own test.
WORD_HTML = (Path(__file__).parent.parent / "meetings" / "data" / "word_paste.html").read_text()

WORD_KEPT = (
    "<p><strong>Performance and scrutiny</strong></p>"
    "<p>The group <strong>agreed</strong> the <em>neglect strategy</em> with "
    "<u>West Mercia Police</u>.</p>"
    "<p><strong>Styled bold</strong> and red text</p>"
    "<ul><li>First point<ul><li>A sub-point</li></ul></li><li>Second point</li></ul>"
    "<ol><li>Write to partners</li><li>Report back in March</li></ol>"
    "<p>In a table</p>"
)


def test_paste_from_word_keeps_paragraphs_bold_italic_underline_and_lists(
    page, live_server, sign_in, tenant_a, meeting
):
    sign_in(tenant_a.users["minute_taker"])
    _open_minuting(page, live_server, tenant_a, meeting)
    editor = _editor(page, meeting, "Feedback")
    editor.click()
    editor.evaluate(
        """(editor, html) => {
            const data = new DataTransfer();
            data.setData("text/html", html);
            data.setData("text/plain", "plain version");
            editor.dispatchEvent(new ClipboardEvent("paste", {
                clipboardData: data, bubbles: true, cancelable: true,
            }));
        }""",
        WORD_HTML,
    )
    assert editor.evaluate("e => e.innerHTML") == WORD_KEPT
    assert not page.evaluate("() => window.pasted")
    page.keyboard.press("Control+s")
    expect(page.locator("[data-save-status]")).to_have_text(SAVED)
    assert _discussion(meeting, "Feedback") == WORD_KEPT


def _pressed_from(page, locator, keys):
    locator.focus()
    page.keyboard.press(keys)


def test_every_listed_shortcut_works_from_every_field_it_names(
    page, live_server, sign_in, tenant_a, meeting, after_swap
):
    sign_in(tenant_a.users["minute_taker"])
    _open_minuting(page, live_server, tenant_a, meeting)
    items = [_item(meeting, t) for t in ("Minutes of the previous", "Feedback", "Any other")]
    sections = [page.locator(f"#{item.anchor}") for item in items]
    feedback = sections[1]
    editor = feedback.locator(".app-editor")
    decisions = feedback.locator("textarea[name$='-decisions']")
    actions = feedback.locator("form[data-action-form]")
    description = actions.get_by_label(re.compile("^Action"))
    owners = actions.get_by_label("Owner", exact=True)
    due_day = actions.get_by_label("Day")

    # Alt+Shift+N / P: next and previous item, from the discussion, the
    # decisions and every field of the action form.
    for field in (editor, decisions, description, owners, due_day):
        _pressed_from(page, field, "Alt+Shift+N")
        expect(sections[2].locator(".app-editor")).to_be_focused()
        _pressed_from(page, field, "Alt+Shift+P")
        expect(sections[0].locator(".app-editor")).to_be_focused()

    # Alt+Shift+A: to this item's action, from the discussion and the decisions.
    for field in (editor, decisions):
        _pressed_from(page, field, "Alt+Shift+A")
        expect(description).to_be_focused()

    # Ctrl+B, I, U and the lists, in the discussion.
    editor.click()
    page.keyboard.press("Control+b")
    page.keyboard.type("bold")
    page.keyboard.press("Control+b")
    page.keyboard.press("Control+i")
    page.keyboard.type("italic")
    page.keyboard.press("Control+i")
    page.keyboard.press("Control+u")
    page.keyboard.type("underlined")
    page.keyboard.press("Control+u")
    page.keyboard.press("Enter")
    page.keyboard.press("Control+Shift+8")
    page.keyboard.type("a bullet")
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")
    page.keyboard.press("Control+Shift+7")
    page.keyboard.type("a number")
    html = editor.evaluate("e => e.innerHTML")
    for kept in (
        "<b>bold</b>",
        "<i>italic</i>",
        "<u>underlined</u>",
        "<ul><li>a bullet</li></ul>",
        "<ol><li>a number</li></ol>",
    ):
        assert kept in html, html

    # Ctrl+S: save now, from the discussion and from the decisions.
    for field, text in ((editor, None), (decisions, "Agreed")):
        if text:
            field.fill(text)
        _pressed_from(page, field, "Control+s")
        expect(page.locator("[data-save-status]")).to_have_text(SAVED)
    assert "underlined" in _discussion(meeting, "Feedback")

    # Ctrl+Enter: add the action, from the description, the owner and the due date.
    for number, field in enumerate((description, owners, due_day), start=1):
        actions = feedback.locator("form[data-action-form]")
        actions.get_by_label(re.compile("^Action")).fill(f"Action typed {number}")
        actions.get_by_label("Owner", exact=True).fill("Ellen Footman")
        field = {
            1: actions.get_by_label(re.compile("^Action")),
            2: actions.get_by_label("Owner", exact=True),
            3: actions.get_by_label("Day"),
        }[number]
        after_swap(lambda field=field: _pressed_from(page, field, "Control+Enter"))
        expect(feedback.locator(".app-raised-actions")).to_contain_text(f"Action typed {number}")
    with scopes_disabled():
        assert Action.objects.filter(description__startswith="Action typed").count() == 3


def test_the_minuting_screen_does_not_scroll_sideways_at_320_pixels(
    page, live_server, sign_in, tenant_a, meeting, console, axe, after_swap
):
    console.allow_status(401)
    sign_in(tenant_a.users["minute_taker"])
    page.set_viewport_size({"width": 320, "height": 640})
    _open_minuting(page, live_server, tenant_a, meeting)

    def width():
        return page.evaluate("() => document.scrollingElement.scrollWidth")

    assert width() <= 320, f"the page is {width()} pixels wide"
    feedback = page.locator(f"#{_item(meeting, 'Feedback').anchor}")
    feedback.locator(".app-editor").click()
    page.keyboard.type("A long unbroken string: https://example.org/" + "x" * 200)
    page.locator("details.app-shortcuts summary").click()
    for summary in feedback.locator("details summary").all():
        summary.click()
    actions = feedback.locator("form[data-action-form]")
    actions.get_by_label(re.compile("^Action")).fill("Circulate " + "y" * 150)
    actions.get_by_label("Owner", exact=True).fill("Ellen Footman")
    after_swap(lambda: actions.get_by_label(re.compile("^Action")).press("Control+Enter"))
    expect(feedback.locator(".app-raised-actions")).to_contain_text("Circulate")
    assert width() <= 320, f"the page is {width()} pixels wide"
    axe()
    # The longest message the screen gives fits too.
    page.context.clear_cookies(name="sessionid")
    feedback.locator(".app-editor").click()
    page.keyboard.type(" more")
    page.keyboard.press("Control+s")
    expect(page.locator("[data-save-status]")).to_have_text(SESSION_ENDED)
    assert width() <= 320, f"the page is {width()} pixels wide"


def test_an_action_update_typed_when_the_session_ended_comes_back_after_signing_in(
    page, live_server, sign_in, tenant_a, console, axe, after_swap
):
    console.allow_status(401)
    # The board member who owns the action (no second factor to type twice).
    action = ActionFactory(
        board=tenant_a.board,
        description="Write to partners about the neglect strategy",
        owners=[tenant_a.person],
    )
    sign_in(tenant_a.users["member"])
    page.goto(f"{live_server.url}/p/{tenant_a.slug}/actions/{action.uuid}/")
    text = "Letter drafted and sent to the chief executive for signature."
    page.get_by_label(re.compile("^Update")).fill(text)

    page.context.clear_cookies(name="sessionid")
    page.get_by_role("button", name="Add update").click()
    # A proper sign-in page, not the form swapped into this one.
    expect(page).to_have_url(
        re.compile(r".*/accounts/sign-in/\?session=ended&next=.*"), timeout=30_000
    )
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Your session has ended")
    expect(page.locator("header")).not_to_contain_text("Sign out")
    axe()
    sign_in(tenant_a.users["member"], on_form=True)
    expect(page).to_have_url(
        f"{live_server.url}/p/{tenant_a.slug}/actions/{action.uuid}/", timeout=30_000
    )
    expect(page.get_by_label(re.compile("^Update"))).to_have_value(text)
    expect(page.locator("[data-kept-forms]")).to_contain_text(
        "What you typed before your session ended has been put back"
    )
    axe()
    after_swap(lambda: page.get_by_role("button", name="Add update").click())
    expect(page.locator("main")).to_contain_text(text)


def test_an_action_raised_in_the_minutes_when_the_session_ended_comes_back_after_signing_in(
    page, live_server, sign_in, tenant_a, meeting, console
):
    console.allow_status(401)
    sign_in(tenant_a.users["minute_taker"])
    _open_minuting(page, live_server, tenant_a, meeting)
    feedback = page.locator(f"#{_item(meeting, 'Feedback').anchor}")
    form = feedback.locator("form[data-action-form]")
    form.get_by_label(re.compile("^Action")).fill("Circulate the strategy")
    page.context.clear_cookies(name="sessionid")
    form.get_by_label(re.compile("^Action")).press("Control+Enter")
    expect(page).to_have_url(
        re.compile(r".*/accounts/sign-in/\?session=ended&next=.*minutes.*"), timeout=30_000
    )
    sign_in(tenant_a.users["minute_taker"], on_form=True)
    expect(page).to_have_url(re.compile(r".*/minutes/(\?.*)?(#.*)?$"), timeout=30_000)
    form = page.locator(f"#{_item(meeting, 'Feedback').anchor} form[data-action-form]")
    expect(form.get_by_label(re.compile("^Action"))).to_have_value("Circulate the strategy")
    expect(page.locator("[data-kept-forms]")).to_be_visible()


def test_no_console_error_after_any_swap_on_the_attendance_and_minuting_screens(
    page, live_server, sign_in, tenant_a, meeting, after_swap, axe
):
    sign_in(tenant_a.users["minute_taker"])
    base = f"{live_server.url}/p/{tenant_a.slug}/meetings/{meeting.uuid}"
    for url in (f"{base}/attendance/", f"{base}/minutes/"):
        page.goto(url)
        panel = page.locator("#attendance-panel")
        panel.get_by_role("radio").first.check()
        after_swap(lambda panel=panel: panel.get_by_role("button", name="Save attendance").click())
        expect(page.locator("#attendance-panel")).to_contain_text("Attendance saved")
        axe()
    # The minuting screen's other swaps: a numbered minute, the forward plan.
    feedback = page.locator(f"#{_item(meeting, 'Feedback').anchor}")
    feedback.get_by_text(re.compile("^Add a numbered minute")).click()
    feedback.get_by_label("Title of the new minute").fill("LADO")
    after_swap(lambda: feedback.get_by_role("button", name=re.compile("^Add the minute")).click())
    expect(page.locator("[data-minute-item]", has_text="LADO")).to_have_count(1)
    # htmx's indicator styles come from our stylesheet, never an inline <style>.
    assert page.evaluate("() => document.querySelectorAll('style').length") == 0
    axe()


def test_a_page_opened_before_signing_out_and_in_again_elsewhere_still_saves(
    page, live_server, sign_in, tenant_a, meeting, console, after_swap
):
    """Signing in renews the CSRF token: the old page's form token is out of
    date, and its autosave and its htmx forms use the current one instead."""
    sign_in(tenant_a.users["minute_taker"])
    _open_minuting(page, live_server, tenant_a, meeting)
    stale = page.locator("input[name=csrfmiddlewaretoken]").first.input_value()

    other = page.context.new_page()
    console.watch(other)
    other.goto(f"{live_server.url}/")
    other.get_by_role("button", name="Sign out").click()
    sign_in(tenant_a.users["minute_taker"], on=other)
    fresh = next(c["value"] for c in page.context.cookies() if c["name"] == "csrftoken")
    assert fresh != stale
    other.close()

    _editor(page, meeting, "Feedback").click()
    page.keyboard.type("Typed in the tab opened before.")
    page.keyboard.press("Control+s")
    expect(page.locator("[data-save-status]")).to_have_text(SAVED)
    assert _discussion(meeting, "Feedback") == "<p>Typed in the tab opened before.</p>"

    form = page.locator(f"#{_item(meeting, 'Feedback').anchor} form[data-action-form]")
    form.get_by_label(re.compile("^Action")).fill("Circulate the strategy")
    form.get_by_label("Owner", exact=True).fill("Ellen Footman")
    after_swap(lambda: form.get_by_label(re.compile("^Action")).press("Control+Enter"))
    with scopes_disabled():
        assert Action.objects.filter(description="Circulate the strategy").exists()


def test_a_large_board_marks_attendance_from_drop_down_lists(
    page, live_server, sign_in, tenant_a, after_swap, axe
):
    """45 members: each status is a drop-down list labelled with the person's
    name, chosen from the keyboard, saved in place, in the page and the panel."""
    from ..factories import BoardFactory, BoardMembershipFactory

    board = BoardFactory(partnership=tenant_a.partnership, name="Large Board")
    members = BoardMembershipFactory.create_batch(45, board=board)
    with scope(partnership=tenant_a.partnership):
        meeting = services.meeting_create(
            board=board,
            acting_user=tenant_a.users["business_manager"],
            date=datetime.date(2025, 12, 17),
            venue="Council House",
        )
    name = members[3].person.full_name
    sign_in(tenant_a.users["minute_taker"])
    page.goto(f"{live_server.url}/p/{tenant_a.slug}/meetings/{meeting.uuid}/attendance/")
    status = page.get_by_label(f"Attendance of {name}", exact=True)
    expect(status).to_have_value("expected")
    status.focus()
    status.select_option("apologies")
    page.get_by_label(f"Note for {name}", exact=True).fill("sent a deputy")
    after_swap(lambda: page.get_by_role("button", name="Save attendance").click())
    expect(page.locator("#attendance-panel")).to_contain_text("Attendance saved")
    expect(page.get_by_label(f"Attendance of {name}", exact=True)).to_have_value("apologies")
    axe()
    with scopes_disabled():
        row = meeting.attendance.get(person=members[3].person)
    assert (row.status, row.note) == ("apologies", "sent a deputy")
