"""What a list page says it holds: 共 65 条记录, 页次：1/5, 每页：15 条, 共 5 页, Page 1 of 5.

A general reader of the printed forms, not of one CMS: each figure is a label before a number
or a unit after it, with the words as data (landmarks.LIST_*). The text is folded first
(Simplified, lower case, no spaces, full-width forms plain), and each reading takes its words
out of the text before the next looks, so that 共5页65条记录 reads as 5 pages and 65 records and
每页15条 is never a total. No Scrapy here.

`ListCount.claim` turns the figures into how many articles the list says it holds: the total
when it is printed; else pages × per page as printed, which is exact once the last page was
read (its own items counted) and otherwise a range, of which the least is claimed. Without
either, a list says no more than its pages show.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .landmarks import (
    LIST_CURRENT_LABELS,
    LIST_PAGES_LABELS,
    LIST_PER_PAGE_LABELS,
    LIST_RECORD_UNITS,
    LIST_TOTAL_LABELS,
)
from .page import Page
from .pagination import pagination, pagination_element
from .text import clean_line, fold


def _alt(words) -> str:
    return "|".join(re.escape(fold(w)) for w in sorted(words, key=len, reverse=True))


_SEP = r"[:=]?"
_UNITS = _alt(LIST_RECORD_UNITS)
_STRONG_UNITS = _alt(u for u in LIST_RECORD_UNITS if u not in ("条", "篇", "item", "record"))
# A figure is at most _DIGITS digits, and starts where a run of digits starts ((?<!\d)): the
# patterns then run in time linear in the text (an unanchored (\d+)pages backtracks over a long
# run of digits from every position in it: 16,000 digits took 9 s), and a longer number, which
# no list holds, is no figure (int() refuses more than 4,300 digits; SQLite more than 19).
_N = r"(?<!\d)(\d{1,9})(?!\d)"
_PER_PAGE = re.compile(rf"(?:{_alt(LIST_PER_PAGE_LABELS)}){_SEP}{_N}(?:{_UNITS})?"
                       rf"|(?<![\d/]){_N}(?:{_UNITS})?(?:/页|perpage)")
_PAGE_OF = re.compile(rf"(?:{_alt(LIST_CURRENT_LABELS)})?{_SEP}{_N}/{_N}页?"
                      rf"|page{_N}of{_N}(?:pages?)?")
_PAGES = re.compile(rf"(?:{_alt(LIST_PAGES_LABELS)}){_SEP}{_N}页|总页数{_SEP}{_N}"
                    rf"|{_N}pages")
_CURRENT = re.compile(rf"(?:当前第|第){_SEP}{_N}页|当前页{_SEP}{_N}|page{_N}")
_TOTAL = re.compile(rf"(?:{_alt(LIST_TOTAL_LABELS)}){_SEP}{_N}(?:{_UNITS})?"
                    rf"|{_N}(?:{_STRONG_UNITS})|{_N}(?:条|篇)")


_DIGITS_APART = re.compile(r"(?<=\d)[\s\u3000\u00a0]+(?=\d)")


@dataclass
class ListCount:
    """The figures a list page prints (None: not printed)."""

    total: int | None = None      # records in the whole list (共 65 条记录)
    per_page: int | None = None   # records per page (每页 15 条)
    current: int | None = None    # this page's number (页次 1/5)
    pages: int | None = None      # pages of the list (页次 1/5, 共 5 页)
    text: str = ""                # the line the figures were read from, as printed

    @property
    def found(self) -> bool:
        return any(v is not None for v in (self.total, self.per_page, self.pages))

    def claim(self, last_page_items: int | None = None) -> tuple[int, bool, str] | None:
        """(articles the list says it holds, whether that is exact, how it was read), or None
        when it prints no total and no records per page (its pages' items are then all there
        is to go by: pages of an old CMS need not be even).

        last_page_items: the items its last page listed, when the last page was read."""
        if self.total is not None:
            return self.total, True, f"共 {self.total} 条 (the count printed)"
        per = self.per_page
        if self.pages and per:
            if last_page_items is not None:
                exact = (self.pages - 1) * per + last_page_items
                return exact, True, (f"{self.pages} pages × {per} per page, the last with "
                                     f"{last_page_items}")
            least = (self.pages - 1) * per + 1
            return least, False, (f"{self.pages} pages × {per} per page: at least {least}, "
                                  f"at most {self.pages * per}")
        return None


def read_list_count(text: str) -> ListCount:
    """The figures of a pager's text, however it prints them."""
    # Numbers apart stay apart (页次：1/3 1 2 is page 1 of 3, then links to pages 1 and 2).
    text_apart = _DIGITS_APART.sub("|", unicodedata.normalize("NFKC", text))
    key = fold(text_apart).replace(",", "|").replace("，", "|")
    count = ListCount(text=clean_line(text))

    def take(pattern: re.Pattern) -> list[int] | None:
        nonlocal key
        match = pattern.search(key)
        if match is None:
            return None
        key = key[:match.start()] + "|" + key[match.end():]
        return [int(g) for g in match.groups() if g is not None]

    per = take(_PER_PAGE)
    if per and per[0] > 0:
        count.per_page = per[0]
    page_of = take(_PAGE_OF)
    if page_of and len(page_of) == 2 and 0 < page_of[0] <= page_of[1]:
        count.current, count.pages = page_of
    pages = take(_PAGES)
    if pages and pages[0] > 0 and count.pages is None:
        count.pages = pages[0]
    current = take(_CURRENT)
    if current and count.current is None and current[0] > 0:
        count.current = current[0]
    total = take(_TOTAL)
    if total:
        count.total = total[0]
    if count.current and count.pages and count.current > count.pages:
        count.current = None
    return count


def list_count(page: Page) -> ListCount:
    """What the list page says it holds: the figures of its pagination (the pager's line, or
    the block around it when the count stands beside the links), and the page count of a
    pager a script draws (createPageHTML(5, 0, …))."""
    holder = pagination_element(page)
    count = ListCount()
    if holder is not None:
        count = read_list_count(holder.text_content())
        if not count.found and holder.getparent() is not None:
            count = read_list_count(holder.getparent().text_content())
    drawn = pagination(page)
    if count.pages is None and drawn.total:
        count.pages, count.current = drawn.total, count.current or drawn.current
    return count
