"""Minute discussions are rich text from the browser: HTML is cleaned with nh3
on the way in (and again wherever it is shown), keeping only paragraphs, bold,
italic, underline, lists and line breaks. Nothing else a user typed can reach a
page or a PDF as markup."""

import html
import itertools
import re

import nh3

ALLOWED_TAGS = frozenset({"p", "strong", "em", "u", "ul", "ol", "li", "br"})

# What browsers' editing commands produce, mapped to the allowed tags first so
# the cleaner keeps the formatting instead of dropping it.
_SYNONYMS = [
    (re.compile(r"<(/?)b(?=[\s>/])[^>]*>", re.IGNORECASE), r"<\1strong>"),
    (re.compile(r"<(/?)i(?=[\s>/])[^>]*>", re.IGNORECASE), r"<\1em>"),
    (re.compile(r"<(/?)div(?=[\s>/])[^>]*>", re.IGNORECASE), r"<\1p>"),
]
_TAG = re.compile(r"<[a-zA-Z/!]")
_EMPTY = re.compile(r"<p>(\s|<br>)*</p>")
_BULLET = re.compile(r"^\s*(?:[-*•·])\s+")


def clean(value):
    """Allow-listed HTML from whatever was submitted (HTML or plain text)."""
    value = value or ""
    if not _TAG.search(value):
        value = from_plain_text(value)
    for pattern, replacement in _SYNONYMS:
        value = pattern.sub(replacement, value)
    cleaned = nh3.clean(
        value,
        tags=set(ALLOWED_TAGS),
        attributes={},
        url_schemes=set(),
        strip_comments=True,
        link_rel=None,
    )
    return _EMPTY.sub("", cleaned).strip()


def from_plain_text(text):
    """Plain text (the no-JavaScript textarea) as HTML: blank lines separate
    paragraphs, lines starting "- " or "• " make a bulleted list."""
    blocks = re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip())
    out = []
    for block in blocks:
        lines = [line for line in block.split("\n") if line.strip()]
        # Runs of bullet lines make a list; other runs a paragraph.
        for bullets, run in itertools.groupby(lines, key=lambda line: bool(_BULLET.match(line))):
            run = list(run)
            if bullets:
                items = "".join(f"<li>{html.escape(_BULLET.sub('', line))}</li>" for line in run)
                out.append(f"<ul>{items}</ul>")
            else:
                out.append("<p>" + "<br>".join(html.escape(line.strip()) for line in run) + "</p>")
    return "".join(out)


def to_text(value):
    """The words of cleaned HTML, for comparisons and short previews."""
    without_tags = re.sub(r"<[^>]+>", " ", value or "")
    return re.sub(r"\s+", " ", html.unescape(without_tags)).strip()
