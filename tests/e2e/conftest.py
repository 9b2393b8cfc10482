"""Real-browser fixtures: Playwright drives Debian's Chromium against the live
server; every page a test visits can be checked with axe-core (WCAG 2.2 AA)."""

import re
from pathlib import Path

import pytest

from ..two_factor import authenticator_for, code_for, needs_second_factor

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
AXE_PATH = "/__axe__.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
PASSWORD = "correct horse battery staple"


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": {"width": 1280, "height": 900}, "locale": "en-GB"}


@pytest.fixture
def page(page, live_server):
    """A page on the live server that fails the test on any console error (a
    Content Security Policy violation, a script error) and can load axe-core
    from our own origin, so the CSP stays on while it runs."""
    errors = []

    def on_console(message):
        # A page visited on purpose may answer 403 or 404; its subresources may not
        # (see on_response), so the browser's generic load message is left out.
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            errors.append(message.text)

    def on_response(response):
        if response.status >= 400 and response.request.resource_type != "document":
            errors.append(f"{response.status} for {response.url}")

    page.on("console", on_console)
    page.on("response", on_response)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.route(
        f"{live_server.url}{AXE_PATH}",
        lambda route: route.fulfill(path=AXE, content_type="application/javascript"),
    )
    # Generous: CI shares two cores with the database and the browser, and a slow
    # moment must not read as a failure (a real hang still fails).
    page.set_default_timeout(20_000)
    page.set_default_navigation_timeout(30_000)
    yield page
    assert not errors, f"Console errors: {errors}"


@pytest.fixture
def axe(page, live_server):
    """`axe(page)`: runs axe-core on the current page and fails on any WCAG 2.2 AA
    violation, listing rule, help link and the offending elements."""

    def check(page=page):
        # A click that navigates may still be loading the next page: let it arrive.
        page.wait_for_load_state()
        if not page.evaluate("() => typeof window.axe !== 'undefined'"):
            page.add_script_tag(url=f"{live_server.url}{AXE_PATH}")
        result = page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
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
    one (those who must have one are given one: tests/two_factor.py)."""

    def go(user, password=PASSWORD):
        device = authenticator_for(user) if needs_second_factor(user) else None
        page.goto(f"{live_server.url}/accounts/sign-in/")
        page.get_by_label("Email address").fill(user.email)
        page.get_by_label("Password").fill(password)
        page.keyboard.press("Enter")
        if device is not None:
            page.wait_for_url(re.compile(r".*/two-factor/sign-in/.*"))
            page.get_by_label("Code").fill(code_for(device))
            page.keyboard.press("Enter")
        page.wait_for_url(re.compile(r"^(?!.*sign-in).*$"))

    return go
