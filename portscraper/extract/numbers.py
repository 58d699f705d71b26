"""Whole numbers read from pages and files, within bounds. No Scrapy here.

A page may print any run of digits where a page number, a count or a size is expected: int()
refuses more than 4,300 digits (ValueError), SQLite stores no integer past 2**63 - 1
(OverflowError), and str.isdigit() holds for characters int() refuses (²). What a list, a
pager or a file can mean is far smaller, so a number past the bound is no number: the reader
gets None and goes on as when none was printed.
"""

from __future__ import annotations

# The most any figure read from a page may be: 999,999,999 pages, records or items. Nine
# digits, as the patterns that find figures take (\d{1,9}).
MAX_FIGURE = 999_999_999


def read_int(text: str | None, most: int = MAX_FIGURE) -> int | None:
    """The whole number 0..`most` that `text` writes in decimal digits (ASCII or the other
    Unicode decimal digits int() reads, surrounding spaces allowed), or None: no text, other
    characters, or a number past `most`."""
    digits = (text or "").strip()
    if not digits or len(digits) > len(str(most)) or not digits.isdecimal():
        return None
    number = int(digits)
    return number if number <= most else None
