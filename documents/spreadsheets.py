"""The one rule for spreadsheet formulas, for every export and import.

A cell whose text starts with = + - @, a tab or a carriage return is run as a
formula by Excel or LibreOffice ("CSV injection"). Exports write such text with
a leading apostrophe, so it shows and never runs; imports refuse it, so a
formula never becomes an action."""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def is_formula(value) -> bool:
    """Whether a spreadsheet would run this text (a dash alone is text: "none")."""
    return isinstance(value, str) and value.startswith(FORMULA_STARTS) and value != "-"


def neutralise(value):
    """Text a spreadsheet will show, never run."""
    return "'" + value if is_formula(value) else value
