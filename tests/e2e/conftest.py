"""Real-browser fixtures: Playwright drives Debian's Chromium against the live
server; every page a test visits can be checked with axe-core (WCAG 2.2 AA)."""

import re
import threading
import time
from pathlib import Path

import pytest
from playwright.sync_api import expect

from ..two_factor import authenticator_for, code_for, needs_second_factor

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
AXE_PATH = "/__axe__.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
PASSWORD = "correct horse battery staple"

# How long actions wait and assertions retry. Generous: CI shares two cores with
# the database and the browser, and a slow moment must not read as a failure (a
# real hang still fails); Playwright's own 5 seconds for assertions failed a save
# that took longer while two workers ran.
WAIT_MS = 20_000
expect.set_options(timeout=WAIT_MS)


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": {"width": 1280, "height": 900}, "locale": "en-GB"}


# Installed in every document before its own scripts: counts htmx's settled
# swaps (for `after_swap`) and reports every Content Security Policy violation
# as a console error, whatever made it (a swap, a script, a style attribute).
WATCH = """
window.__htmxSettled = 0;
document.addEventListener("htmx:afterSettle", () => { window.__htmxSettled += 1; });
document.addEventListener("securitypolicyviolation", (event) => {
  const where = `${event.sourceFile || ""}:${event.lineNumber || ""}`;
  const what = event.blockedURI || "inline";
  console.error(`CSP violation: ${event.violatedDirective} (${what}) at ${where}`);
});
"""


class Console:
    """What went wrong in the browser: console errors, uncaught script errors
    and failed subresources. A test that provokes a failure on purpose says
    which (`allow_status(401)`); anything else fails the test."""

    def __init__(self):
        self.errors = []
        self.statuses = set()
        self.allowed = []

    def allow_status(self, *statuses):
        self.statuses.update(statuses)

    def allow(self, pattern):
        self.allowed.append(re.compile(pattern))

    def add(self, text):
        if not any(pattern.search(text) for pattern in self.allowed):
            self.errors.append(text)

    def check(self, when="so far"):
        errors, self.errors = self.errors, []
        assert not errors, f"Console errors {when}: {errors}"

    def watch(self, page):
        def on_console(message):
            # A page visited on purpose may answer 403 or 404; its subresources may
            # not (see on_response), so the browser's generic load message is left out.
            if message.type == "error" and not message.text.startswith("Failed to load resource"):
                self.add(message.text)

        def on_response(response):
            if (
                response.status >= 400
                and response.request.resource_type != "document"
                and response.status not in self.statuses
            ):
                self.add(f"{response.status} for {response.url}")

        page.on("console", on_console)
        page.on("response", on_response)
        page.on("pageerror", lambda error: self.add(str(error)))
        page.add_init_script(WATCH)


@pytest.fixture
def console():
    return Console()


class InFlight:
    """The live server's application, counting the requests it is answering.

    A test may end while the browser still has a request out (a panel loading
    as the last page opened, an autosave). Closing the browser does not stop
    the server answering it, while the database is emptied and the next test
    begins. In CI (stop 16) such a request (an attendance page) failed during
    the next test's set-up, that test found the last one's partnership still
    there, and the "owner" guards of a test whose clean-up never ran failed
    every test after it on that worker. So the browser is closed and the
    server's answers awaited before the test's database work ends (`settle`)."""

    def __init__(self, app):
        self.app = app
        self.answering = 0
        self.last_began = 0.0
        self.idle = threading.Condition()

    def __call__(self, environ, start_response):
        with self.idle:
            self.answering += 1
            self.last_began = time.monotonic()
        try:
            result = self.app(environ, start_response)
        except BaseException:
            self._done()
            raise
        return _Answer(result, self._done)

    def _done(self):
        with self.idle:
            self.answering -= 1
            self.idle.notify_all()

    def settle(self, quiet=0.2, timeout=60):
        """Waits until nothing is being answered and nothing began for `quiet`
        seconds (a request the browser sent just before it closed may not have
        reached the application yet)."""
        deadline = time.monotonic() + timeout
        with self.idle:
            while True:
                now = time.monotonic()
                if not self.answering and now - self.last_began >= quiet:
                    return
                assert now < deadline, f"the live server still answers {self.answering} request(s)"
                self.idle.wait(max(quiet - (now - self.last_began), 0.01))


class _Answer:
    """A response's body, read by the server; closing it (after the last byte
    is sent, or the browser went away) is when Django finishes the request."""

    def __init__(self, result, done):
        self.result = result
        self.done = done

    def __iter__(self):
        return iter(self.result)

    def close(self):
        try:
            if hasattr(self.result, "close"):
                self.result.close()
        finally:
            self.done()


@pytest.fixture(scope="session")
def in_flight(live_server):
    httpd = live_server.thread.httpd
    counter = InFlight(httpd.get_app())
    httpd.set_app(counter)
    return counter


@pytest.fixture
def page(page, live_server, console, in_flight):
    """A page on the live server that fails the test on any console error (a
    Content Security Policy violation, a script error) and can load axe-core
    from our own origin, so the CSP stays on while it runs. Other pages of the
    same context are watched alike with `console.watch(other)`. When the test
    ends, every browser context is closed and the server's last answers are
    awaited before the database is emptied (`InFlight`)."""
    console.watch(page)
    page.context.route(
        f"{live_server.url}{AXE_PATH}",
        lambda route: route.fulfill(path=AXE, content_type="application/javascript"),
    )
    page.set_default_timeout(WAIT_MS)
    page.set_default_navigation_timeout(30_000)
    yield page
    try:
        console.check("during the test")
    finally:
        for context in list(page.context.browser.contexts):
            context.close()
        in_flight.settle()


@pytest.fixture
def after_swap(page, console):
    """`after_swap(action, swaps=1)`: does `action()` (a click, a key press),
    waits until htmx has settled that many swaps, then fails on any console
    error so far: CSP violations from swapped-in content appear only then."""

    def run(action, swaps=1, on=None):
        target = on or page
        before = target.evaluate("() => window.__htmxSettled")
        action()
        target.wait_for_function("n => window.__htmxSettled >= n", arg=before + swaps)
        console.check("after an htmx swap")

    return run


@pytest.fixture
def axe(page, live_server):
    """`axe(page)`: runs axe-core on the current page and fails on any WCAG 2.2 AA
    violation, listing rule, help link and the offending elements."""

    def check(page=page):
        # A click that navigates may still be loading the next page: let it arrive.
        page.wait_for_load_state()
        if not page.evaluate("() => typeof window.axe !== 'undefined'"):
            page.add_script_tag(url=f"{live_server.url}{AXE_PATH}")
        # axe measures touch targets where they stand on screen: a sticky bar (the
        # minuting screen's) overlaps whatever the last step left scrolled under
        # it, which says where the test scrolled, not how the page is made. So
        # axe runs at the top of the page, and the scroll is put back after.
        result = page.evaluate(
            """async tags => {
                const [x, y] = [window.scrollX, window.scrollY];
                window.scrollTo({left: 0, top: 0, behavior: "instant"});
                try {
                    return await axe.run(document, {runOnly: {type: "tag", values: tags}});
                } finally {
                    window.scrollTo({left: x, top: y, behavior: "instant"});
                }
            }""",
            WCAG_TAGS,
        )
        problems = [
            f"{v['id']} ({v['impact']}): {v['help']} {v['helpUrl']}\n    "
            + "\n    ".join(", ".join(node["target"]) for node in v["nodes"])
            for v in result["violations"]
        ]
        assert not problems, f"axe on {page.url}:\n" + "\n".join(problems)

    return check


@pytest.fixture
def sign_in(page, live_server):
    """`sign_in(user)`: signs in through the form, from the keyboard, and through
    the second step with the code from the user's authenticator when they need
    one (those who must have one are given one: tests/two_factor.py). `on=`
    signs in on another page; `on_form=True` when the page already shows the
    sign-in form (sent there by the application)."""

    def go(user, password=PASSWORD, on=None, on_form=False):
        device = authenticator_for(user) if needs_second_factor(user) else None
        target = on or page
        if not on_form:
            target.goto(f"{live_server.url}/accounts/sign-in/")
        target.get_by_label("Email address").fill(user.email)
        target.get_by_label("Password").fill(password)
        target.keyboard.press("Enter")
        if device is not None:
            target.wait_for_url(re.compile(r".*/two-factor/sign-in/.*"))
            target.get_by_label("Code").fill(code_for(device))
            target.keyboard.press("Enter")
        target.wait_for_url(re.compile(r"^(?!.*sign-in).*$"))

    return go
