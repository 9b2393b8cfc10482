"""The one rule for spreadsheet formulas, for every export and import.

A cell whose text starts with = + - @ (after any spaces), a tab or a carriage
return is run as a formula by Excel or LibreOffice ("CSV injection"). Exports write such text with
a leading apostrophe, so it shows and never runs; imports refuse it, so a
formula never becomes an action."""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def is_formula(value) -> bool:
    """Whether a spreadsheet would run this text, or would once its leading
    spaces were trimmed (an import trims them; so do people pasting): a tab or
    carriage return first, or = + - @ after any spaces. A dash alone is text."""
    if not isinstance(value, str) or not value:
        return False
    if value.startswith(("\t", "\r")):
        return True
    text = value.lstrip()
    return text.startswith(FORMULA_STARTS) and text.rstrip() != "-"


def neutralise(value):
    """Text a spreadsheet will show, never run."""
    return "'" + value if is_formula(value) else value


# Excel refuses these in a sheet's title, a title longer than 31 characters, a
# blank one, "History" (reserved) and two sheets whose titles differ only in case.
SHEET_TITLE_FORBIDDEN = str.maketrans(dict.fromkeys("[]:*?/\\", "-"))
SHEET_TITLE_MAX = 31


def sheet_title(name, *, taken=()):
    """A title Excel accepts for a sheet named after `name` (user text: a board
    called "Adults: exploitation"), different from every title in `taken`."""
    title = "".join(c for c in str(name or "") if c.isprintable())
    title = title.translate(SHEET_TITLE_FORBIDDEN).strip().strip("'").strip()
    if not title or title.lower() == "history":
        title = f"{title} sheet".strip() if title else "Sheet"
    title = title[:SHEET_TITLE_MAX].strip()
    used = {t.lower() for t in taken}
    candidate, n = title, 1
    while candidate.lower() in used:
        n += 1
        suffix = f" ({n})"
        candidate = title[: SHEET_TITLE_MAX - len(suffix)].rstrip() + suffix
    return candidate
