"""How much text a meeting can produce. A long item's discussion runs to a few
thousand words; anything far beyond is a paste gone wrong, and would take a
worker minutes to print. Forms (autosave included) and services refuse more,
naming the limit, and keep what was typed on the page."""

import html

import nh3

DISCUSSION_LIMIT = 50_000
DECISIONS_LIMIT = 10_000
NOTE_LIMIT = 10_000  # approval amendments, corrections, comments, forward plan notes
# Formatting tags count too, within reason: a discussion's HTML may be this
# many times its visible text.
MARKUP_FACTOR = 3


def visible_length(value):
    """The number of characters a reader sees in rich text (tags left out)."""
    text = nh3.clean(value or "", tags=set(), attributes={}, strip_comments=True)
    return len(html.unescape(text))


def too_long(what, limit):
    return f"{what} must be {limit:,} characters or fewer"


def discussion_too_long(value):
    """The error for a discussion over the limit, or None."""
    if visible_length(value) > DISCUSSION_LIMIT or len(value or "") > (
        MARKUP_FACTOR * DISCUSSION_LIMIT
    ):
        return too_long("The discussion", DISCUSSION_LIMIT)
    return None
