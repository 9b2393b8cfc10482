"""A full meeting, from an empty partnership to approved minutes and the board's
action log, as a business unit records one (issue 12's "done when"): set-up
through the pages, then, from the minuting screen on, the keyboard only, with
text pasted from Word, an action owned by a team created from the owner field,
the date of the next meeting, submission, a return with comments,
resubmission and approval. axe checks every page on the way and the harness
fails on any console error after any htmx swap. It prints the page loads and
form posts the whole journey took."""

import datetime
import io
import re
from pathlib import Path

import pytest
from django_scopes import scopes_disabled
from playwright.sync_api import expect
from pypdf import PdfReader

from actions.models import Action
from meetings.models import Meeting
from partnership.models import Team

from ..factories import MembershipFactory, PartnershipFactory, UserFactory
from .journeys import BOARD, SAVED, set_up_partnership
from .test_minuting import WORD_HTML

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

RETURN_COMMENTS = "Item 1: name the agencies that presented the neglect strategy."
TEAM = "Business Support Team"


def _last_working_day():
    day = datetime.date.today() - datetime.timedelta(days=1)
    while day.weekday() >= 5:
        day -= datetime.timedelta(days=1)
    return day


def test_a_full_meeting_from_an_empty_partnership_to_approved_minutes(
    page, live_server, axe, sign_in
):
    partnership = PartnershipFactory(name="Fairshire Safeguarding Partnership", slug="fairshire")
    manager = UserFactory(email="manager@fairshire.example.org")
    MembershipFactory(partnership=partnership, user=manager, role="business_manager")
    chair = UserFactory(email="chair@fairshire.example.org")
    MembershipFactory(partnership=partnership, user=chair, role="independent_chair")
    base = f"{live_server.url}/p/fairshire"

    # 1. Set-up: agencies, people, accounts, the board and its members, the
    # first meeting planned, through the pages.
    sign_in(manager)
    done = set_up_partnership(page, base, check=lambda p: axe())
    counter = done.counter
    set_up = str(counter)

    # The day of the meeting comes.
    held_on = _last_working_day()
    with scopes_disabled():
        meeting = Meeting.objects.get(partnership=partnership, board__name=BOARD)
        Meeting.objects.filter(pk=meeting.pk).update(date=held_on)
        items = list(meeting.items.order_by("position"))
    assert len(items) >= 2, "the board's standing items are on the agenda"
    # Numbered in the board's style (the default: the welcome has no number).
    assert [(i.number, i.kind) for i in items] == [
        ("", "item"),
        ("1", "previous_minutes"),
        ("2", "item"),
    ]

    # 2. Minuting, from the keyboard only.
    page.goto(f"{live_server.url}{meeting.get_absolute_url()}")
    record = page.get_by_role("link", name="Record the minutes")
    record.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Minutes of the meeting")
    status = page.locator("[data-save-status]")
    axe()

    first = page.locator(".app-editor").first
    first.focus()
    page.keyboard.type("The Chair welcomed everyone to the first meeting of the partnership.")
    page.keyboard.press("Enter")
    # A draft pasted from Word keeps its bold, underlining and lists.
    first.evaluate(
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
    page.keyboard.press("Control+s")
    expect(status).to_have_text(SAVED, timeout=15_000)
    html = first.evaluate("e => e.innerHTML")
    assert "<strong>agreed</strong>" in html and "<u>West Mercia Police</u>" in html
    assert "<ul><li>First point" in html

    # An action owned by a team that does not exist yet: created from the owner
    # field after a confirm, then added with Ctrl+Enter.
    page.keyboard.press("Alt+Shift+A")
    page.keyboard.type("Send the approved neglect strategy to every partner agency")
    page.keyboard.press("Tab")
    owner = page.locator(":focus")
    expect(owner).to_have_attribute("role", "combobox")
    page.keyboard.type(TEAM)
    create = page.get_by_role("option", name=f"Create team ‘{TEAM}’")
    expect(create).to_be_visible()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    confirm = page.get_by_role("group", name="Create a team")
    expect(confirm).to_contain_text(f"Create a team called ‘{TEAM}’?")
    axe()
    confirm.get_by_role("button", name="Create team").focus()
    page.keyboard.press("Enter")
    expect(confirm).to_have_count(0)
    expect(owner).to_have_value(TEAM)
    owner.focus()
    page.keyboard.press("Control+Enter")
    expect(page.locator(".app-minutes-actions, [id^='actions-']").first).to_contain_text(TEAM)

    # The next item, from the keyboard.
    first.focus()
    page.keyboard.press("Alt+Shift+N")
    page.keyboard.type("Partners reported on their safeguarding priorities for the year.")
    page.keyboard.press("Control+s")
    expect(status).to_have_text(SAVED, timeout=15_000)
    axe()

    # The date of the next meeting, then submission.
    next_date = held_on + datetime.timedelta(days=56)
    link = page.get_by_role("link", name="Add the date of the next meeting")
    link.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#id_next_meeting_date_0")).to_be_visible()
    axe()
    page.locator("#id_next_meeting_date_0").focus()
    page.keyboard.type(str(next_date.day))
    page.keyboard.press("Tab")
    page.keyboard.type(str(next_date.month))
    page.keyboard.press("Tab")
    page.keyboard.type(str(next_date.year))
    page.get_by_label("Time (optional)").focus()
    page.keyboard.type("10am")
    page.get_by_label("Venue (optional)").focus()
    page.keyboard.type("Council House, Committee Room 2")
    page.keyboard.press("Enter")
    expect(page.locator("#next-meeting")).to_contain_text(f"{next_date:%-d %B %Y}, 10:00am")
    # The page opens at #next-meeting: as it finishes loading, the browser moves
    # focus to that fragment (clearing it, as the section takes none) and GOV.UK
    # Frontend focuses the success banner. Focus given to a button before both
    # have happened is taken away (a CI run's Enter went nowhere): wait for load.
    page.wait_for_load_state("load")
    submit = page.get_by_role("button", name="Submit for approval")
    submit.focus()
    page.keyboard.press("Enter")
    expect(page.locator(".app-minutes-status")).to_contain_text("Submitted for approval")
    axe()
    page.get_by_role("button", name="Sign out").click()

    # 3. The independent chair returns them with comments.
    sign_in(chair)
    page.goto(f"{live_server.url}/")
    meeting_link = page.get_by_role("link", name=f"{BOARD}, {held_on:%-d %B %Y}")
    meeting_link.click()
    axe()
    page.get_by_role("link", name="return them with comments").click()
    page.get_by_label("What needs to change").fill(RETURN_COMMENTS)
    page.get_by_role("button", name="Return the minutes").click()
    expect(page.locator(".govuk-tag").first).to_have_text("Minutes in draft")
    page.get_by_role("button", name="Sign out").click()

    # 4. The business unit sees why, corrects and submits again.
    sign_in(manager)
    page.goto(f"{live_server.url}{meeting.get_absolute_url()}minutes/")
    banner = page.locator(".govuk-notification-banner", has_text="Returned with comments")
    expect(banner).to_contain_text(RETURN_COMMENTS)
    axe()
    first = page.locator(".app-editor").first
    first.focus()
    page.keyboard.press("Control+End")
    page.keyboard.press("Enter")
    page.keyboard.type(
        "The strategy was presented by Fairshire County Council and Fairshire Police."
    )
    page.keyboard.press("Control+s")
    expect(status).to_have_text(SAVED, timeout=15_000)
    submit = page.get_by_role("button", name="Submit for approval")
    submit.focus()
    page.keyboard.press("Enter")
    expect(page.locator(".app-minutes-status")).to_contain_text("Submitted for approval")
    page.get_by_role("button", name="Sign out").click()

    # 5. The chair approves them.
    sign_in(chair)
    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name=f"{BOARD}, {held_on:%-d %B %Y}").click()
    page.get_by_label("As a true and accurate record", exact=True).check()
    page.get_by_role("button", name="Approve the minutes").click()
    expect(page.locator(".govuk-tag").first).to_have_text("Minutes approved")
    expect(page.locator(".app-approval")).to_contain_text("outside a meeting")
    axe()

    print(f"\nSetting up the partnership took {set_up}")
    print(f"The whole journey, set-up to approved minutes, took {counter}")

    # 6. The PDF and the board's action log.
    response = page.request.get(f"{live_server.url}{meeting.get_absolute_url()}minutes.pdf")
    assert response.status == 200
    pdf = response.body()
    if not pdf.startswith(b"%PDF"):  # long minutes render in the background
        page.goto(f"{live_server.url}{meeting.get_absolute_url()}minutes.pdf")
        download = page.get_by_role("link", name=re.compile("Download"))
        expect(download).to_be_visible(timeout=60_000)
        with page.expect_download() as info:
            download.click()
        pdf = Path(info.value.path()).read_bytes()
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    text = re.sub(r"\s+", " ", text)
    assert "West Mercia Police" in text and "First point" in text
    assert "Send the approved neglect strategy" in text and TEAM in text
    assert f"{next_date:%-d %B %Y}" in text
    assert "Fairshire County Council and Fairshire Police" in text

    with scopes_disabled():
        team = Team.objects.get(partnership=partnership, name=TEAM)
        action = Action.objects.get(partnership=partnership, description__startswith="Send the")
        assert [o.owner for o in action.owners.all()] == [team]
    page.goto(f"{base}/actions/")
    row = page.get_by_role("row", name=re.compile("Send the approved neglect strategy"))
    expect(row).to_contain_text(TEAM)
    axe()
