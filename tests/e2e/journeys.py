"""Journeys a business unit takes through the product, reusable by browser tests
(the full-meeting journey builds on `set_up_partnership`). Each counts what it
cost the user: page loads (main-frame navigations) and form posts."""

import re
from dataclasses import dataclass, field

from playwright.sync_api import expect

# The minuting screen's status once everything is saved: a time as every
# page writes one (2:05pm, 12 midday).
SAVED = re.compile(r"^Saved (\d{1,2}:\d\d[ap]m|12 midday|12 midnight)$")


def expect_success(page, text):
    """The success banner says `text` and has taken focus, as GOV.UK Frontend
    gives it once the page's scripts have run. Wait for both before the next
    click: a banner that takes focus after Playwright has scrolled to a link
    lower down scrolls the page back to the top under the click, which then
    lands beside the link and goes nowhere (failed a CI run)."""
    banner = page.locator(".govuk-notification-banner--success")
    expect(banner).to_contain_text(text)
    expect(banner).to_be_focused()


@dataclass
class Counter:
    """Page loads (the main frame navigating) and form posts (POST requests,
    htmx's included) seen by a page since `start`."""

    page_loads: int = 0
    form_posts: int = 0

    def watch(self, page):
        page.on("framenavigated", self._navigated(page))
        page.on("request", self._requested)
        return self

    def _navigated(self, page):
        def on_navigated(frame):
            if frame == page.main_frame:
                self.page_loads += 1

        return on_navigated

    def _requested(self, request):
        if request.method == "POST":
            self.form_posts += 1

    def __str__(self):
        return f"{self.page_loads} page loads and {self.form_posts} form posts"


# What a new partnership's business manager sets up before the first meeting: the
# three statutory partners, the people who speak for them, accounts for two of
# them, the executive board and its members, then the first meeting.
AGENCIES = [
    # (organisation, short name, kind of organisation, statutory?)
    ("Fairshire County Council", "FCC", "Local authority", True),
    ("Fairshire Police", "FP", "Police", True),
    ("Fairshire Integrated Care Board", "FICB", "Integrated care board (or CCG)", True),
]
PEOPLE = [
    # (name, job title, organisation, email, board role or None)
    ("Grace Holloway", "Independent Chair", None, "grace.holloway@example.org", "Chair"),
    ("Tom Ashby", "Director of Children's Services", "Fairshire County Council",
     "tom.ashby@example.org", "Member"),
    ("Priya Natarajan", "Detective Superintendent", "Fairshire Police",
     "priya.natarajan@example.org", "Member"),
    ("Owen Price", "Designated Nurse", "Fairshire Integrated Care Board",
     "owen.price@example.org", "Member"),
    ("Sam Kerr", "Business Support Officer", "Fairshire County Council",
     "sam.kerr@example.org", None),
]  # fmt: skip
ACCOUNTS = [("Sam Kerr", "Minute taker"), ("Priya Natarajan", "Board member")]
BOARD = "Fairshire Safeguarding Children Partnership Executive"


@dataclass
class SetUp:
    """What `set_up_partnership` created, and what it cost."""

    agencies: list = field(default_factory=list)
    people: list = field(default_factory=list)
    accounts: list = field(default_factory=list)
    board: str = ""
    members: list = field(default_factory=list)
    meeting_url: str = ""
    counter: Counter = None


def set_up_partnership(page, base, *, check=None):
    """From an empty partnership (its business manager signed in, at `base`, the
    partnership's own URL): agencies, people, accounts, a board, its members and
    the first meeting planned, the way the product now offers it: the board
    first, then each person in one form with their agency (new ones named
    there), board seat and account, "Save and add another" between them.
    `check(page)` (axe, for example) runs on each new kind of page. Returns a
    SetUp with the counts.

    (Before issue 12 item 11, the same set-up through one page per agency,
    person, account and seat took 48 page loads and 16 form posts.)"""
    check = check or (lambda page: None)
    counter = Counter().watch(page)
    done = SetUp(counter=counter)
    page.goto(f"{base}/")

    page.goto(f"{base}/boards/new/")
    check(page)
    page.get_by_label("Name", exact=True).fill(BOARD)
    page.get_by_label("Board", exact=True).check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(BOARD)
    done.board = BOARD

    agencies = {name: (short, kind, statutory) for name, short, kind, statutory in AGENCIES}
    roles = dict(ACCOUNTS)
    page.goto(f"{base}/people/")
    page.get_by_role("link", name="Add a person").click()
    check(page)
    for n, (name, job_title, organisation, email, seat) in enumerate(PEOPLE):
        page.get_by_label("Name", exact=True).fill(name)
        page.get_by_label("Job title").fill(job_title)
        page.get_by_label("Email address").fill(email)
        if organisation in done.agencies:
            page.get_by_label("Agency", exact=True).select_option(label=organisation)
        elif organisation:
            short, kind, statutory = agencies[organisation]
            page.get_by_label("Agency", exact=True).select_option(
                label="A new agency (name it below)"
            )
            page.get_by_label("New agency: name").fill(organisation)
            page.get_by_label("New agency: short name").fill(short)
            page.get_by_label("New agency: kind of organisation").select_option(label=kind)
            if statutory:
                page.get_by_label("New agency: a statutory partner").check()
            done.agencies.append(organisation)
        if seat:
            page.get_by_label(BOARD).check()
            page.get_by_role("group", name="As").get_by_label(seat, exact=True).check()
            done.members.append(name)
        if name in roles:
            sign_in = page.get_by_role("group", name="Can sign in (optional)")
            sign_in.get_by_label(roles[name], exact=True).check()
            done.accounts.append(name)
        last = n == len(PEOPLE) - 1
        button = "Save" if last else "Save and add another person"
        page.get_by_role("button", name=button, exact=True).click()
        expect(page.locator(".govuk-notification-banner")).to_contain_text(f"{name} added")
        done.people.append(name)

    plan_first_meeting(page, base, check=check)
    done.meeting_url = page.url
    return done


def plan_first_meeting(page, base, *, check):
    page.goto(f"{base}/meetings/")
    page.get_by_role("link", name=re.compile("Plan a meeting")).click()
    check(page)
    page.get_by_label("Board or group").select_option(label=BOARD)
    page.locator("#id_date_0").fill("14")
    page.locator("#id_date_1").fill("1")
    page.locator("#id_date_2").fill("2027")
    page.get_by_role("textbox", name=re.compile("^Venue")).fill("Council House, Committee Room 2")
    page.get_by_role("button", name=re.compile("Save|Plan")).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(re.compile("14 January 2027"))
