"""Whole numbers as people and clients type them."""

#: More digits than any count, year or page of ours needs.
MAX_DIGITS = 18


def is_whole(value) -> bool:
    """Whether ``value`` is a whole number written in ASCII digits, as
    ``int()`` reads it without fail. ``str.isdigit`` also says yes to "²"
    and other digits that ``int()`` refuses, and ``int()`` refuses a text
    of more than 4,300 digits: either was an error 500 where bad input
    must be a 400."""
    text = str(value)
    return 0 < len(text) <= MAX_DIGITS and text.isascii() and text.isdigit()
