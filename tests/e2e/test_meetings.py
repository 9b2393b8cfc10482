"""Meetings in a real browser. The business manager builds the agenda of the
Herefordshire Safeguarding Partners' Board of 18 December 2019 (from the
published minutes in shared/domain/examples, 003); the minute taker records
the meeting from the keyboard (attendance, discussion, numbered minutes,
actions raised inline, the review of the previous action log), through a
conflict and a lost connection; the independent chair approves; the approved
minutes PDF is read back. axe-core checks every page on the way."""

import datetime
import io
import re

import pytest
from django_scopes import scope, scopes_disabled
from playwright.sync_api import expect
from pypdf import PdfReader

from actions.models import Action
from meetings import minutes, services
from meetings.demo import simple_pdf
from meetings.models import ItemMinutes, Meeting
from partnership.models import Organisation

from ..actions.factories import ActionFactory
from ..factories import BoardFactory, BoardMembershipFactory, PersonFactory
from .journeys import SAVED

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _person(tenant, name, job_title, organisation=None, user=None):
    return PersonFactory(
        partnership=tenant.partnership,
        full_name=name,
        job_title=job_title,
        organisation=organisation,
        user=user,
    )


@pytest.fixture
def herefordshire(tenant_a):
    """The board as in the minutes: the independent chair chairs it, three
    statutory partners sit on it, the business unit attends; the previous
    meeting (23 October 2019) awaits approval; its action log has open actions."""
    board = BoardFactory(
        partnership=tenant_a.partnership,
        name="Herefordshire Safeguarding Partners Board",
        short_name="Partners Board",
        late_paper_days=7,
    )
    council = Organisation.objects.create(name="Herefordshire Council", kind="local_authority")
    police = Organisation.objects.create(name="West Mercia Police", kind="police")
    ccg = Organisation.objects.create(name="NHS Herefordshire CCG", kind="icb")
    people = {
        "LM": _person(
            tenant_a, "Liz Murphy", "Independent Chair", user=tenant_a.users["independent_chair"]
        ),
        "ST": _person(tenant_a, "Sue Thomas", "Superintendent, Local Policing Commander", police),
        "CB": _person(tenant_a, "Chris Baird", "Director for Children and Families", council),
        "EF": _person(tenant_a, "Ellen Footman", "Designated Nurse for Safeguarding", ccg),
        "EH": _person(
            tenant_a,
            "Ed Hughes",
            "Business Support Co-ordinator",
            council,
            user=tenant_a.users["minute_taker"],
        ),
        "PG": _person(
            tenant_a,
            "Philippa Granthier",
            "Interim Business Manager",
            council,
            user=tenant_a.users["business_manager"],
        ),
    }
    roles = {
        "LM": "chair",
        "ST": "member",
        "CB": "member",
        "EF": "member",
        "EH": "in_attendance",
        "PG": "in_attendance",
    }
    for key, role in roles.items():
        BoardMembershipFactory(board=board, person=people[key], role=role)
    with scope(partnership=tenant_a.partnership):
        previous = services.meeting_create(
            board=board,
            acting_user=tenant_a.users["business_manager"],
            date=datetime.date(2019, 10, 23),
            venue="Mordiford Room, Plough Lane, Hereford",
        )
        minutes.item_minutes_save(
            item=previous.items.get(kind="previous_minutes"),
            discussion="<p>LM sought clarity around governance.</p>",
            decisions="",
            version=0,
            acting_user=tenant_a.users["minute_taker"],
        )
        minutes.minutes_submit(meeting=previous, acting_user=tenant_a.users["minute_taker"])
    log = [
        (
            15,
            "Finance / Funding - PG to draft letter, and pass to Chief Executive for signature, "
            "before circulating to partners.",
            ["PG"],
            "23.10.19 ref 4.1",
        ),
        (
            19,
            "Development & Practice Group - update the neglect strategy and action plan virtually.",
            ["CB"],
            "23.10.19 ref 7.2",
        ),
        (23, "Neglect strategy - CB to identify a lead for neglect.", ["CB"], "18.11.19 ref 2.3"),
    ]
    for number, description, owners, origin in log:
        ActionFactory(
            board=board,
            number=number,
            description=description,
            owners=[people[o] for o in owners],
            origin_reference=origin,
            due_date=datetime.date(2019, 12, 1),
        )
    return {"board": board, "people": people, "previous": previous}


def _meeting_of(board, day):
    with scopes_disabled():
        return Meeting.objects.get(board=board, date=day)


def test_a_minute_taker_records_the_herefordshire_minutes_to_an_approved_pdf(
    page, live_server, axe, sign_in, tenant_a, herefordshire, client_for
):
    base = f"{live_server.url}/p/{tenant_a.slug}/meetings"
    board = herefordshire["board"]

    # 1. The business manager plans the meeting and builds the agenda --------------
    sign_in(tenant_a.users["business_manager"])
    page.goto(f"{base}/")
    axe()
    page.get_by_role("link", name="Plan a meeting").click()
    page.get_by_label("Board or group").select_option(label=board.name)
    page.locator("#id_date_0").fill("18")
    page.locator("#id_date_1").fill("12")
    page.locator("#id_date_2").fill("2019")
    page.get_by_label("Start time").fill("1pm")
    page.get_by_label("End time").fill("2.30pm")
    page.get_by_role("button", name="Plan the meeting").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Enter the venue, or choose online or not recorded"
    )
    axe()
    page.get_by_label("Venue (if in person)").fill("Mordiford Room, Plough Lane, Hereford")
    page.get_by_role("button", name="Plan the meeting").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Meeting on 18 December 2019")
    axe()
    meeting = _meeting_of(board, datetime.date(2019, 12, 18))

    page.get_by_role("link", name="Build the agenda").click()
    axe()
    agenda_items = [
        # (title, after, numbering label, typed number, confidential)
        (
            "Performance & Scrutiny - Feedback from Quality & Effectiveness Group",
            "After 1. Minutes of the previous meeting, action log and matters arising",
            "A lettered part",
            "2a",
            False,
        ),
        ("Performance & Scrutiny – Report on CDOP Process", None, "A lettered part", "", False),
        ("Business Unit proposal and 2020-21 Budget", None, "A new number", "", False),
        ("SCR Report Formal Sign Off", None, "A new number", "", True),
        ("Approval", None, "A new number", "", False),
        ("Messages to / from partnership groups", None, "A new number", "", False),
    ]
    previous_title = None
    for title, after, numbering, number, confidential in agenda_items:
        page.get_by_role("link", name="Add an item").click()
        page.get_by_label("Title", exact=True).fill(title)
        if after or previous_title:
            page.get_by_label("Where on the agenda").select_option(
                label=after or f"After {previous_title}"
            )
        page.get_by_label(re.compile(f"^{numbering}")).check()
        if number:
            page.get_by_label("Number (optional)").fill(number)
        if confidential:
            page.get_by_label(re.compile("^Confidential")).check()
        page.get_by_role("button", name="Save").click()
        expect(page.locator(".govuk-notification-banner")).to_contain_text("added")
        with scopes_disabled():
            previous_title = str(meeting.items.get(title=title))
    axe()
    # "It was agreed to change the agenda order to move Item 3 (Business Unit
    # proposal and budget) to the end of the meeting": Down, from the keyboard.
    down = page.get_by_role("button", name=re.compile(r"^Down\W+move Business Unit proposal"))
    down.focus()
    for place in (6, 7, 8, 9):
        expect(down).to_be_focused()  # kept on the button after each move
        page.keyboard.press("Enter")
        expect(page.locator("[data-announcement]")).to_contain_text(f"{place} of 9 on the agenda")
    expect(page.locator("[data-announcement]")).to_contain_text("now number 7, 9 of 9")
    expect(
        page.get_by_role("button", name=re.compile("move Business Unit proposal.*up"))
    ).to_be_focused()
    with scopes_disabled():
        numbers = [(i.number, i.title[:24]) for i in meeting.items.order_by("position")]
    assert [n for n, _ in numbers] == ["", "1", "2a", "2b", "3", "4", "5", "6", "7"]
    assert numbers[-1] == ("7", "Business Unit proposal a")
    axe()

    # A paper for 2a, checked by its content.
    page.goto(f"{live_server.url}{meeting.get_absolute_url()}")
    page.get_by_role("link", name=re.compile("Upload a paper for item 2a")).click()
    axe()
    page.get_by_label("Title").fill("Quality and Effectiveness Group feedback")
    page.get_by_label("File").set_input_files(
        files=[
            {
                "name": "qe.pdf",
                "mimeType": "application/pdf",
                "buffer": simple_pdf("Q&E feedback", ["Governance, effectiveness, learning."]),
            }
        ]
    )
    page.get_by_role("button", name="Upload").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("uploaded")
    page.get_by_role("link", name="Publish the agenda").first.click()
    axe()
    page.get_by_role("button", name="Publish the agenda").click()
    expect(page.locator(".govuk-tag").first).to_have_text("Agenda published")
    page.get_by_role("button", name="Sign out").click()

    # 2. The minute taker records the meeting, from the keyboard ------------------
    sign_in(tenant_a.users["minute_taker"])
    page.goto(f"{live_server.url}{meeting.get_absolute_url()}")
    page.get_by_role("link", name="Record the minutes").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Minutes of the meeting on 18 December 2019"
    )
    status = page.locator("[data-save-status]")
    expect(status).to_have_text("All changes saved")
    axe()

    # Attendance at the top: present, in attendance, and a guest for an item.
    people = herefordshire["people"]
    for key in ("LM", "ST", "CB", "EF"):
        radio = page.locator(f"#id_status-{people[key].uuid}_0")
        radio.focus()
        page.keyboard.press("Space")
    for key in ("EH", "PG"):
        page.locator(f"#id_status-{people[key].uuid}_0").focus()
        page.keyboard.press("Space")
    page.locator(f"#id_note-{people['EH'].uuid}").fill("minutes")
    # A guest's name half-entered survives saving the attendance (which swaps its panel).
    page.get_by_text("Add a deputy or guest").click()
    page.get_by_label("Name", exact=True).fill("Karen Wright")
    page.get_by_role("button", name="Save attendance").click()
    expect(page.locator("#attendance-panel")).to_contain_text("Attendance saved at")
    expect(page.get_by_label("Name", exact=True)).to_have_value("Karen Wright")
    page.get_by_label("Job title and organisation (for someone new)").fill(
        "Director of Public Health, Herefordshire Council"
    )
    page.get_by_label("In attendance (officer, minute taker or guest)").check()
    page.get_by_label("Note (optional)").fill("attended for item")
    page.get_by_role("button", name="Add to the attendance").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Karen Wright added")

    def editor(title):
        return page.locator(f"[data-item-label^='{title}'] .app-editor").first

    def section(title):
        return page.locator(f"[data-item-label^='{title}']").first

    # Welcome: typed, saved by itself.
    editor("Welcome").click()
    page.keyboard.type(
        "The Chair welcomed all to the December Herefordshire Safeguarding Partner's Board meeting."
    )
    page.keyboard.press("Enter")
    page.keyboard.type(
        "It was agreed to change the agenda order to move Item 3 (Business Unit proposal and "
        "budget 20-21) to the end of the meeting."
    )
    expect(status).to_have_text(SAVED, timeout=15_000)
    axe()

    # 1. Minutes, action log and matters arising: Alt+Shift+N to the next item.
    page.keyboard.press("Alt+Shift+N")
    expect(editor("1.")).to_be_focused()
    page.keyboard.press("Control+U")
    page.keyboard.type("Minutes")
    page.keyboard.press("Control+U")
    page.keyboard.type(
        " The minutes of the previous meeting on 23 October were approved as an accurate "
        "record, CB requesting the following amendment on Page 2 (see approval)."
    )
    page.keyboard.press("Enter")
    page.keyboard.press("Control+U")
    page.keyboard.type("Matters Arising")
    page.keyboard.press("Control+U")
    page.keyboard.type(" None")
    # The previous action log, updated in the meeting (htmx, no reload).
    review = page.locator(".app-review-action").first
    expect(review).to_contain_text("Action 15 (23.10.19 ref 4.1)")
    review.get_by_label("Update on action 15").fill(
        "Draft letters agreed with the Chief Executive, but PG has chased as there appeared to be "
        "hold up in getting letters out. PG to let EH know once letters have been sent."
    )
    review.get_by_label("Status").select_option(label="In progress")
    review.get_by_role("button", name="Save the update to action 15").click()
    expect(page.locator(".app-review-action").first).to_contain_text("Update to action 15 saved")
    done = page.locator(".app-review-action").nth(2)
    done.get_by_label("Update on action 23").fill(
        "Completed – Lindsay MacHardy will be the lead for neglect."
    )
    done.get_by_label("Status").select_option(label="Completed")
    done.get_by_role("button", name="Save the update to action 23").click()
    expect(page.locator(".app-review-action").nth(2)).to_contain_text("Update to action 23 saved")
    expect(status).to_have_text(SAVED, timeout=15_000)

    # 2a, with a bulleted list.
    editor("2a.").click()
    page.keyboard.type(
        "LM presented feedback from the last Quality & Effectiveness Group, covering:"
    )
    page.keyboard.press("Enter")
    page.keyboard.press("Control+Shift+8")
    for line in ("Governance", "Effectiveness of the safeguarding system", "Collaborative working"):
        page.keyboard.type(line)
        page.keyboard.press("Enter")
    page.keyboard.press("Enter")
    page.keyboard.type(
        "Late papers – It was agreed that in future any papers received after the seven day "
        "deadline set by the Safeguarding Business Unit would not be included on the agenda."
    )
    section("2a.").locator("textarea[name$='-decisions']").fill(
        "Papers received after the seven day deadline are not included on the agenda"
    )

    def add_minute(after, title):
        block = section(after)
        block.get_by_text(f"Add a numbered minute after {after}").click()
        block.get_by_label("Title of the new minute").fill(title)
        block.get_by_label("Title of the new minute").press("Enter")
        expect(
            page.get_by_role("heading", level=2, name=re.compile(re.escape(title)))
        ).to_be_visible()
        added = page.locator(".app-editor:focus")
        expect(added).to_have_count(1)
        return added

    def raise_action(where, description, owners):
        page.keyboard.press("Alt+Shift+A")
        focused = page.locator("[data-action-description]:focus")
        expect(focused).to_have_count(1)
        page.keyboard.type(description)
        page.keyboard.press("Tab")
        page.keyboard.type(owners)
        page.keyboard.press("Escape")  # close the owner suggestions
        page.keyboard.press("Enter")
        expect(section(where).locator(".app-raised-status")).to_contain_text(
            "added to Partners Board's action log"
        )

    add_minute("2a.", "LADO")
    page.keyboard.type(
        "LADO – The Local Authority Designated Officer (LADO) service is working well. LM "
        "asked whether health staff about which there are concerns are routinely referred to "
        "the LADO service and this was not known."
    )
    raise_action(
        "2.1.",
        "EF agreed to follow up whether health staff are routinely referred to the LADO service",
        "EF",
    )
    add_minute("2.1.", "Early help pathways")
    page.keyboard.type(
        "ST outlined the process for referrals in the Police. There should be a pathway "
        "directly from the HAU to Early Help."
    )
    raise_action(
        "2.2.",
        (
            "Early Help Strategic Group to lead on reworking the pathways, arrangements and "
            "thresholds (CB to pass to Chair of Strategic Group)"
        ),
        "CB",
    )
    for after, title, added, description, owner in [
        (
            "2.2.",
            "MASH Governance",
            "2.3.",
            (
                "MASH Governance group to report in to the Quality & Effectiveness Group (CB to "
                "pass to Chair of MASH Governance Group)"
            ),
            "CB",
        ),
        (
            "2.3.",
            "Q&E Terms of Reference",
            "2.4.",
            "Q&E Group Terms of Reference to be updated accordingly",
            "PG",
        ),
        (
            "2.4.",
            "Education and voluntary sector",
            "2.5.",
            (
                "Review how the Safeguarding Partnership engages with the education sector and "
                "voluntary / community sector"
            ),
            "PG",
        ),
    ]:
        add_minute(after, title)
        raise_action(added, description, owner)
    # 2b and its minute 2.6, with three owners typed as minutes write them.
    add_minute("2b.", "CDOP process")
    page.keyboard.type(
        "EF presented the report on the new CDOP process, which has aligned the process "
        "across Herefordshire and Worcestershire."
    )
    raise_action("2.6.", "EF/KW/PG to follow up CDOP resourcing outside the meeting", "EF/KW/PG")
    axe()

    # A conflict: the business manager saved item 5 a moment ago, in another browser.
    with scope(partnership=tenant_a.partnership):
        messages = meeting.items.get(title__startswith="Messages")
        minutes.item_minutes_save(
            item=messages,
            discussion="<p>Quality and Effectiveness Group – Feedback was discussed earlier.</p>",
            decisions="",
            version=0,
            acting_user=tenant_a.users["business_manager"],
        )
    editor("5.").click()
    page.keyboard.type(
        "Development & Practice Group - Lindsay MacHardy will be the lead for neglect."
    )
    conflict = section("5.").locator("[data-conflict-panel]")
    expect(conflict).to_contain_text("Not saved: someone else changed this item", timeout=15_000)
    expect(conflict).to_contain_text("Feedback was discussed earlier")
    expect(status).to_have_text(
        "Not saved — conflict in item 5. Messages to / from partnership groups"
    )
    axe()
    conflict.get_by_role("button", name=re.compile("Keep my version")).click()
    expect(status).to_have_text(SAVED, timeout=15_000)

    # A lost connection: the words stay in the page and go once it is back.
    page.route(
        "**/minutes/",
        lambda route: route.abort() if route.request.method == "POST" else route.continue_(),
    )
    editor("7.").click()
    page.keyboard.type(
        "Business Unit resources were discussed alongside the functions of the Partnership."
    )
    expect(status).to_have_text("Not saved — retrying", timeout=15_000)
    expect(section("7.").locator("[data-item-status]")).to_contain_text(
        "Your text is kept in this browser"
    )
    axe()
    page.unroute("**/minutes/")
    expect(status).to_have_text(SAVED, timeout=30_000)
    raise_action(
        "7.", "PG to circulate the cash contribution required from the three partners", "PG"
    )

    with scopes_disabled():
        item_seven = meeting.items.get(title__startswith="Business Unit")
        assert (
            "Business Unit resources were discussed"
            in ItemMinutes.objects.get(item=item_seven).discussion
        )
        welcome = ItemMinutes.objects.get(item__meeting=meeting, item__title__startswith="Welcome")
        assert welcome.discussion.startswith("<p>The Chair welcomed all")
        assert (
            "<u>Minutes</u>"
            in ItemMinutes.objects.get(item__meeting=meeting, item__number="1").discussion
        )
        assert (
            "<ul><li>Governance</li>"
            in ItemMinutes.objects.get(item__meeting=meeting, item__number="2a").discussion
        )
        raised = {
            a.origin_label: a
            for a in Action.objects.filter(origin_meeting=meeting).prefetch_related(
                "owners__person"
            )
        }
        assert set(raised) == {
            "18.12.19 ref 2.1",
            "18.12.19 ref 2.2",
            "18.12.19 ref 2.3",
            "18.12.19 ref 2.4",
            "18.12.19 ref 2.5",
            "18.12.19 ref 2.6",
            "18.12.19 ref 7",
        }
        assert [o.person.full_name for o in raised["18.12.19 ref 2.6"].owners.all()] == [
            "Ellen Footman",
            "Karen Wright",
            "Philippa Granthier",
        ]
    # Finished: the minute taker sends them to the chair from the screen's end.
    page.get_by_role("button", name="Submit for approval").click()
    expect(page.locator(".app-minutes-status")).to_contain_text("Submitted for approval")
    page.get_by_role("button", name="Sign out").click()

    # 3. The independent chair approves both sets of minutes ----------------------
    with scope(partnership=tenant_a.partnership):
        services.meeting_create(
            board=board,
            acting_user=tenant_a.users["business_manager"],
            date=datetime.date(2020, 1, 31),
            venue="Mordiford Room, Plough Lane, Hereford",
        )
    sign_in(tenant_a.users["independent_chair"])  # lands on home
    page.get_by_role("link", name="Safeguarding Partnership Manager").click()
    expect(page.get_by_role("heading", name="My meetings")).to_be_visible()
    axe()
    page.get_by_role("link", name=f"{board.name}, 23 October 2019").click()
    axe()
    page.get_by_label("As a true and accurate record, with the following amendment").check()
    page.get_by_label("The amendment").fill(
        "Page 2: The early help group is an operational group, not a strategic group, although "
        "a more strategic group is being established."
    )
    page.get_by_role("button", name="Approve the minutes").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("approved")
    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name=f"{board.name}, 18 December 2019").click()
    page.get_by_label("As a true and accurate record", exact=True).check()
    page.get_by_role("button", name="Approve the minutes").click()
    expect(page.locator(".govuk-tag").first).to_have_text("Minutes approved")
    axe()

    # 4. The approved minutes, read back -----------------------------------------
    response = page.request.get(f"{base}/{meeting.uuid}/minutes.pdf")
    assert response.status == 200
    reader = PdfReader(io.BytesIO(response.body()))
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    for expected in [
        "Minutes of the Herefordshire Safeguarding Partners Board",
        "Wednesday 18 December 2019 1:00pm to 2:30pm",
        "Mordiford Room, Plough Lane, Hereford",
        "Present Chris Baird (CB)",
        "Liz Murphy (LM) Independent Chair",
        "In attendance",
        "Ed Hughes (EH) (minutes)",
        "Karen Wright (KW) (attended for item)",
        "The Chair welcomed all to the December Herefordshire",
        (
            "The minutes of the meeting on 23 October 2019 were approved as a true and accurate "
            "record, with the following amendment"
        ),
        "Page 2: The early help group is an operational group",
        "2a Performance & Scrutiny - Feedback from Quality & Effectiveness Group",
        "Agreed: Papers received after the seven day deadline",
        "2.1 LADO",
        "EF agreed to follow up whether health staff",
        "EF/KW/PG",
        "SCR Report Formal Sign Off (OFFICIAL-SENSITIVE)",
        "Development & Practice Group - Lindsay MacHardy will be the lead for neglect",
        "Business Unit resources were discussed",
        # She chairs the board itself; approved at the next meeting, held.
        "Approved as a true and accurate record by Liz Murphy (chair) at the meeting on "
        "31 January 2020.",
        "Date of next meeting – 31 January 2020",
        "OFFICIAL-SENSITIVE",
        f"Page 1 of {len(reader.pages)}",
    ]:
        assert expected in text, expected
    assert "DRAFT" not in text
    assert re.search(r"Action \d+: EF agreed to follow up.*? EF ", text)
    public = page.request.get(f"{base}/{meeting.uuid}/public-minutes.pdf")
    public_text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(public.body())).pages)
    assert "SCR Report" not in public_text


def test_every_other_meetings_page_passes_axe(
    page, live_server, axe, sign_in, tenant_a, herefordshire
):
    """The pages the recording above does not pass through, each with content."""
    board, previous = herefordshire["board"], herefordshire["previous"]
    base = f"{live_server.url}/p/{tenant_a.slug}/meetings"
    with scope(partnership=tenant_a.partnership):
        from django.core.files.uploadedfile import SimpleUploadedFile
        from django.utils import timezone

        from meetings import papers

        item = previous.items.get(kind="previous_minutes")
        late = papers.paper_upload(
            item=item,
            title="Late dataset",
            uploaded_file=SimpleUploadedFile("d.pdf", simple_pdf("Dataset")),
            acting_user=None,
            received_at=timezone.now(),
        )
    sign_in(tenant_a.users["business_manager"])
    for path in [
        f"/boards/{board.uuid}/settings/",
        f"/boards/{board.uuid}/standing-items/new/",
        f"/boards/{board.uuid}/forward-plan/",
        f"/boards/{board.uuid}/forward-plan/new/",
        f"/{previous.uuid}/",
        f"/{previous.uuid}/edit/",
        f"/{previous.uuid}/attendance/",
        f"/{previous.uuid}/attendance/add/",
        f"/{previous.uuid}/items/{item.uuid}/edit/",
        f"/{previous.uuid}/items/{item.uuid}/minutes/",
        f"/{previous.uuid}/items/{item.uuid}/actions/new/",
        f"/{previous.uuid}/items/{item.uuid}/minutes/add/",
        f"/{previous.uuid}/items/{item.uuid}/forward-plan/",
        f"/{previous.uuid}/papers/{late.uuid}/remove/",
        f"/{previous.uuid}/minutes/publish/",
        (
            "/attendance-by-agency/?start_day=1&start_month=4&start_year=2019&end_day=31&end_mont"
            "h=3&end_year=2020"
        ),
    ]:
        page.goto(base + path)
        expect(page.locator("h1")).to_be_visible()
        axe()
    page.goto(f"{live_server.url}/p/{tenant_a.slug}/boards/{board.uuid}/")
    expect(page.get_by_role("heading", name="Meetings", exact=True)).to_be_visible()
    axe()
    page.get_by_role("button", name="Sign out").click()
    sign_in(tenant_a.users["independent_chair"])
    page.goto(f"{base}/{previous.uuid}/papers/{late.uuid}/accept/")
    axe()
    page.get_by_role("button", name="Accept the late paper").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Enter why the late paper is accepted"
    )
    axe()
    page.get_by_label("Why is the late paper accepted?").fill("Needed for the budget decision")
    page.get_by_role("button", name="Accept the late paper").click()
    expect(page.locator(".govuk-tag", has_text="Late, accepted")).to_be_visible()
    page.goto(f"{base}/{previous.uuid}/minutes/approve/")
    page.get_by_label("As a true and accurate record", exact=True).check()
    page.get_by_role("button", name="Approve the minutes").click()
    page.goto(f"{base}/{previous.uuid}/minutes/amendments/new/")
    axe()
    page.get_by_label("The correction").fill("Item 1: LM, not CB, sought clarity.")
    page.get_by_role("button", name="Record the amendment").click()
    expect(page.get_by_text("Amendments recorded after approval")).to_be_visible()
    axe()
