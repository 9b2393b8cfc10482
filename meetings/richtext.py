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
_HEADING = re.compile(r"<(/?)h[1-6](?=[\s>/])[^>]*>", re.IGNORECASE)
_TAG = re.compile(r"<[a-zA-Z/!]")
_EMPTY = re.compile(r"<p>(\s|<br>|&nbsp;|&#160;)*</p>")
_BULLET = re.compile(r"^\s*(?:[-*•·])\s+")


def clean(value):
    """Allow-listed HTML from whatever was submitted (HTML or plain text)."""
    value = value or ""
    if not _TAG.search(value):
        value = from_plain_text(value)
    if "mso-" in value:
        value = from_word(value)
    # Sub-headings become bold paragraphs.
    value = _HEADING.sub(lambda m: "</strong></p>" if m.group(1) else "<p><strong>", value)
    for pattern, replacement in _SYNONYMS:
        value = pattern.sub(replacement, value)
    cleaned = nh3.clean(
        value,
        tags=set(ALLOWED_TAGS),
        clean_content_tags=_DROPPED_WITH_CONTENT,
        attributes={},
        url_schemes=set(),
        strip_comments=True,
        link_rel=None,
    )
    return _EMPTY.sub("", _wrap_loose(cleaned)).strip()


# Elements whose text is not part of what was written (Word's document
# properties, a page's head).
_DROPPED_WITH_CONTENT = {"script", "style", "xml", "head", "title", "template", "noscript"}
_WORD_LIST = re.compile(r"mso-list:\s*l(\d+)\s+level(\d+)", re.IGNORECASE)
_ORDERED_MARKER = re.compile(r"^[(\[]?(?:\d{1,3}|[a-z]{1,2}|[ivxlc]{1,6})[.)\]]", re.IGNORECASE)


class _Word(HTMLParser):
    """Word's HTML as the browser's paste cleaner reads it
    (static/js/richtext.mjs), for HTML posted without it: list paragraphs
    ("mso-list:l0 level1") become list items, their typed bullets and numbers
    ("mso-list:Ignore") go. Nested levels are kept flat here."""

    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.out = []
        self.ignoring = 0  # depth inside a bullet marker
        self.list_tag = None  # "ul" / "ol" while in a run of list paragraphs
        self.item = None  # the open list paragraph's tag and its marker text
        self.stack = []

    def _close_list(self):
        if self.list_tag:
            self.out.append(f"</{self.list_tag}>")
            self.list_tag = None

    def handle_starttag(self, tag, attrs):
        style = dict(attrs).get("style") or ""
        if self.ignoring:
            self.ignoring += tag not in ("br", "img", "meta")
            return
        if "mso-list:ignore" in style.lower().replace(" ", ""):
            self.ignoring = 1
            self.marker = []
            return
        if tag in ("p", "h1", "h2", "h3", "h4", "h5", "h6") and _WORD_LIST.search(style):
            self.item = {"tag": tag, "at": len(self.out)}
            self.out.append("")  # replaced by the list's opening once the marker is read
            return
        if tag in ("p", "div", "table", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6"):
            self._close_list()
        self.out.append(self.get_starttag_text())

    def handle_startendtag(self, tag, attrs):
        if not self.ignoring:
            self.out.append(self.get_starttag_text())

    def handle_endtag(self, tag):
        if self.ignoring:
            self.ignoring -= 1
            return
        if self.item and tag == self.item["tag"]:
            self.out.append("</li>")
            self.item = None
            return
        self.out.append(f"</{tag}>")

    def handle_data(self, data):
        if self.ignoring:
            self.marker.append(data)
            if self.item and not self.out[self.item["at"]]:
                self._open_item("".join(self.marker).strip())
            return
        if self.item and not self.out[self.item["at"]]:
            self._open_item("")
        self.out.append(data)

    def _open_item(self, marker):
        tag = "ol" if _ORDERED_MARKER.match(marker) else "ul"
        opening = "<li>"
        if self.list_tag != tag:
            opening = ("" if not self.list_tag else f"</{self.list_tag}>") + f"<{tag}><li>"
            self.list_tag = tag
        self.out[self.item["at"]] = opening

    def handle_entityref(self, name):
        if not self.ignoring:
            self.out.append(f"&{name};")

    def handle_charref(self, name):
        if not self.ignoring:
            self.out.append(f"&#{name};")

    def handle_comment(self, data):
        pass

    def unknown_decl(self, data):
        pass  # <![if !supportLists]>, <![endif]>

    def close(self):
        super().close()
        self._close_list()


def from_word(value):
    """Word's list paragraphs as lists, its typed bullets dropped (see _Word)."""
    parser = _Word()
    parser.feed(value)
    parser.close()
    return "".join(parser.out)


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
