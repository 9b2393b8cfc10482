"""Minute discussions are rich text from the browser: HTML is cleaned with nh3
on the way in (and again wherever it is shown), keeping only paragraphs, bold,
italic, underline, lists and line breaks. Nothing else a user typed can reach a
page or a PDF as markup."""

import html
import itertools
import re
from html.parser import HTMLParser

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
    return _EMPTY.sub("", _wrap_loose(cleaned)).strip()


class _TopLevel(HTMLParser):
    """Splits cleaned HTML into top-level pieces: ("block", html) for p, ul and
    ol, ("inline", html) for text and inline tags between them."""

    BLOCKS = {"p", "ul", "ol"}

    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.pieces, self.depth, self.block = [], 0, False

    def _add(self, text, *, block=None):
        kind = "block" if (self.block if block is None else block) else "inline"
        if self.pieces and self.pieces[-1][0] == kind and (kind == "inline" or self.depth):
            self.pieces[-1][1].append(text)
        else:
            self.pieces.append((kind, [text]))

    def handle_starttag(self, tag, attrs):
        if self.depth == 0:
            self.block = tag in self.BLOCKS
        if tag == "br":
            self._add("<br>")
            return
        self._add(f"<{tag}>")
        self.depth += 1

    def handle_endtag(self, tag):
        if tag == "br":
            return
        self.depth -= 1
        self._add(f"</{tag}>")
        if self.depth == 0:
            self.block = False

    def handle_data(self, data):
        self._add(data)

    def handle_entityref(self, name):
        self._add(f"&{name};")

    def handle_charref(self, name):
        self._add(f"&#{name};")


def _wrap_loose(cleaned):
    """Text typed before the first paragraph (or between blocks) goes in a
    paragraph of its own, so every piece of a discussion is a block."""
    parser = _TopLevel()
    parser.feed(cleaned)
    parser.close()
    out = []
    for kind, parts in parser.pieces:
        html_ = "".join(parts)
        if kind == "inline":
            html_ = html_.strip()
            if html_ and html_ != "<br>":
                out.append(f"<p>{html_}</p>")
        else:
            out.append(html_)
    return "".join(out)


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
