"""Agenda numbering as minutes print it: 1, 2, 2a, 2b, 2.1, 2.2...

Each item has a numbering style. A new number (MAIN) counts up and starts its
letters and minutes again; a lettered part (LETTERED) takes the current number
and the next letter; a numbered minute (SUB) takes the current number and the
next decimal, which carries on across lettered parts (Herefordshire's 2a, 2.1
to 2.5, 2b, 2.6). A number typed by hand is kept, and the items after it count
on from it (typing "2a" after item 1 makes the next minute 2.1)."""

import re
import string

_PARTS = re.compile(r"^(\d+)([a-z]?)(?:\.(\d+))?$")


def _letter(n):
    return string.ascii_lowercase[n - 1] if 1 <= n <= 26 else f"-{n}"


def agenda_numbers(items):
    """The number of each item, in order. `items` are in agenda order and have
    `numbering`, `number` and `number_is_manual`."""
    main = letter = sub = 0
    numbers = []
    for item in items:
        style = item.numbering
        if style == "main":
            main, letter, sub = main + 1, 0, 0
            auto = str(main)
        elif style == "lettered":
            main, letter = max(main, 1), letter + 1
            auto = f"{main}{_letter(letter)}"
        elif style == "sub":
            main, sub = max(main, 1), sub + 1
            auto = f"{main}.{sub}"
        else:
            auto = ""
        if item.number_is_manual:
            numbers.append(item.number)
            match = _PARTS.match(item.number.strip().lower())
            if match:
                # Count on from a typed number.
                typed_main = int(match[1])
                if typed_main != main:
                    letter = sub = 0
                main = typed_main
                if match[2]:
                    letter = string.ascii_lowercase.index(match[2]) + 1
                if match[3]:
                    sub = int(match[3])
        else:
            numbers.append(auto)
    return numbers
