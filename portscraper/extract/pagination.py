"""Pagers: a list's pagination (下一页, 页次 2/5, page numbers, a postback) and the lines
that are nothing but a pager (第1页 2 3 下一页 inside an article).

Plain functions over a parsed page. No import of regions.py, so that the article readers can
use `is_pager_line` too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit, urlunsplit

from portscraper.extract.urls import canonical_url

from .controls import Control, Postback, block_of, control_label, controls
from .datastore import datastore_pager
from .landmarks import PAGE_FIRST, PAGE_LAST, PAGE_NEXT, PAGE_PREV, PAGINATION_MARKERS
from .lines import Line, is_inside
from .numbers import read_int
from .page import Page
from .script_pager import script_pager
from .text import clean_line, fold, fold_word

# 下一页 and its kin; the bare arrows (>, >>) count only inside a pagination already found.
NEXT_WORDS = frozenset(w for w in PAGE_NEXT if w.isalnum())
# 首页 上一页 下一页 尾页 and their kin, as labels of a pager's links.
PAGER_WORDS = frozenset(fold_word(w) for w in PAGE_FIRST + PAGE_PREV + PAGE_NEXT + PAGE_LAST
                        if fold_word(w))
_PAGE_NUMBERS_RE = re.compile(r"[\[【]?\d+[\]】]?\s*")
# 页次：2/5, 第2页，共5页, Page 2 of 5: only the numbers are read, so the pattern starts where a
# run of digits starts, takes at most 9 of them and runs of spaces possessively: linear in the
# text (the former optional label and three adjacent \s* took time cubic in a run of spaces).
_PAGE_OF_RE = re.compile(
    r"(?<!\d)(\d{1,9})\s*+(?:/|页?\s*+[,，]?\s*+共)\s*+(\d{1,9})(?!\d)"
    r"|page\s*+(\d{1,9})\s*+(?:of|/)\s*+(\d{1,9})(?!\d)",
    re.IGNORECASE,
)


@dataclass
class Pagination:
    next_url: str | None = None
    current: int | None = None
    total: int | None = None
    numbered: dict[int, str] = field(default_factory=dict)
    # ASP.NET lists: the next page is a postback of the page's form (next_url is then None).
    next_postback: Postback | None = None
    numbered_postbacks: dict[int, Postback] = field(default_factory=dict)

    @property
    def at_end(self) -> bool:
        return self.current is not None and self.total is not None and self.current >= self.total


def pagination_element(page: Page):
    """The first line holding the pagination: its words (下一页, 页次, 共 N 条记录), a page count
    (第 2 页 共 5 页, Page 2 of 5), or a 下一页 / Next page link."""
    if "pagination" not in page.found:
        page.found["pagination"] = _find_pagination_element(page)
    return page.found["pagination"]


def _find_pagination_element(page: Page):
    # Links labelled only by an image (<img alt="下一页">) and buttons (<input value="下一页">)
    # print no text: their labels are read with the line they are shown on.
    silent: dict = {}
    for control in controls(page):
        if control.silent:
            silent.setdefault(block_of(control.element), []).append(control.label)
    for line in page.lines:
        labels = silent.get(line.element, [])
        if _reads_as_pagination(line.text, [link.text for link in line.links], labels):
            return line.element
    # A pager of buttons only shows no line of text at all.
    shown = {line.element for line in page.lines}
    for block, labels in silent.items():
        if block not in shown and _reads_as_pagination(clean_line(block.text_content()), [],
                                                       labels):
            return block
    return None


def _reads_as_pagination(text: str, link_texts: list[str], silent_labels: list[str]) -> bool:
    # A line of running text that happens to hold the words is no pagination. Page numbers do
    # not count: a big site lists hundreds of them ([1] [2] ... [403]).
    if len(_PAGE_NUMBERS_RE.sub("", text)) > 200:
        return False
    key = fold(" ".join([text, *silent_labels]))
    hits = sum(1 for m in PAGINATION_MARKERS if m in key)
    labels = link_texts + silent_labels
    next_link = any(fold_word(label) in NEXT_WORDS for label in labels)
    return bool(hits >= 2 or (hits and next_link) or (_PAGE_OF_RE.search(text) and (
        hits or next_link or len(labels) >= 2)))


def pagination(page: Page) -> Pagination:
    """Read the pagination as a reader does: the 下一页 link, 尾页, page numbers, 页次 2/5; or,
    where the page prints none, as its scripts would draw it: a pager call with a page count
    (script_pager.py) or a datastore's data proxy (datastore.py)."""
    holder = pagination_element(page)
    if holder is None:
        return _drawn_by_script(page)
    result = Pagination()
    text = clean_line(holder.text_content())
    match = _PAGE_OF_RE.search(text)
    if match:
        nums = [int(g) for g in match.groups() if g is not None]
        if len(nums) == 2 and 0 < nums[0] <= nums[1]:
            result.current, result.total = nums
    here = canonical_url(page.url)
    for control in _controls_within(page, holder):
        label = control.label
        key = fold_word(label) or fold(label)
        # 下一页 that leads to this very page: the last page says so.
        if control.url and canonical_url(control.url) == here:
            continue
        number = read_int(label.strip("[]【】 "))
        if key in PAGE_NEXT and result.next_url is None and result.next_postback is None:
            result.next_url, result.next_postback = control.url, control.postback
        elif number is not None:
            if control.url:
                result.numbered[number] = control.url
            else:
                result.numbered_postbacks[number] = control.postback
    if result.next_url is None and result.next_postback is None and result.current is not None:
        result.next_url = result.numbered.get(result.current + 1)
        if result.next_url is None:
            result.next_postback = result.numbered_postbacks.get(result.current + 1)
    if result.next_url is None and result.next_postback is None and result.current \
            and not result.at_end:
        result.next_url = _guess_page_url(page, holder, result.current + 1)
    return result


def _drawn_by_script(page: Page) -> Pagination:
    pager = script_pager(page)
    if pager is not None:
        # Page k of count (from 0): the reader's page k + 1 of count.
        following = pager.index + 1
        return Pagination(next_url=pager.url_of(page.url, following)
                          if following < pager.count else None,
                          current=following, total=pager.count)
    proxy = datastore_pager(page)
    if proxy is not None:
        return Pagination(next_url=proxy.next_url, current=proxy.group, total=proxy.groups)
    return Pagination()


def _controls_within(page: Page, holder) -> list[Control]:
    # The pagination's links may sit in the element after its text (a separate cell).
    scope = holder.getparent() if holder.getparent() is not None else holder
    return [c for c in controls(page) if is_inside(c.element, scope)]


def _guess_page_url(page: Page, holder, number: int) -> str | None:
    """When 下一页 is a script, change the page parameter that the other page links share.
    Only its number changes: the rest of the query stays as the page wrote it (a GBK-encoded
    value is not decoded and written again)."""
    for a in holder.iter("a"):
        url = page.absolute(a.get("href"))
        if not url:
            continue
        parts = urlsplit(url)
        pieces = parts.query.split("&")
        for i, piece in enumerate(pieces):
            key, equals, value = piece.partition("=")
            if equals and value.isdigit() and re.search(r"page|^p$|^pn$|^pg$", key,
                                                        re.IGNORECASE):
                pieces[i] = f"{key}={number}"
                return urlunsplit(parts._replace(query="&".join(pieces)))
    return None


# A pager's numbers: 2, [2], 【2】, 第2页, 共3页, 2/3, 页次：2/3 (an ellipsis may stand between).
_PAGE_TOKEN_RE = re.compile(r"^(?:第?\d{1,3}页?|共\d{1,3}页|(?:页次[:：]?)?\d{1,3}/\d{1,3})$")
_ELLIPSIS_RE = re.compile(r"^(?:\.{2,}|…+)$")
_PAGER_SPLIT_RE = re.compile(r"[\s|｜·,，\[\]【】()（）]+")


def is_pager_label(label: str) -> bool:
    """A pager link's label: a page number (2, [2], 第2页) or a pager word (下一页, 尾页)."""
    return fold_word(label) in PAGER_WORDS or bool(_PAGE_TOKEN_RE.match(fold_word(label)))


def is_pager_text(text: str, linked: bool = False) -> bool:
    """Does this text hold nothing but a pager: 第1页 2 3 下一页, [1] [2] [3], 上一页 下一页,
    共3页 第2页 …? Every token is a page number, a pager word or a decoration (>>, |, …), and
    there is a pager word, a 第N页 / N/M, or two numbers, or one number that is a link
    (`linked`: the last page of two shows only a link to page 1)."""
    if not text or len(text) > 200:
        return False
    if fold_word(text) in PAGER_WORDS:  # Next page
        return True
    numbers = words = 0
    for token in _PAGER_SPLIT_RE.split(text):
        key = fold_word(token)
        if key in PAGER_WORDS:
            words += 1
        elif _PAGE_TOKEN_RE.match(key):
            numbers += 1 if key.isdigit() else 2
        elif key and not _ELLIPSIS_RE.match(key):
            return False
    return words > 0 or numbers >= 2 or (numbers == 1 and linked)


# What a pager's text can hold: numbers, pager words, separators (a quick test before the
# token by token reading of is_pager_text).
_PAGER_ONLY_RE = re.compile(r"^(?:\d|" + "|".join(re.escape(w) for w in sorted(
    PAGER_WORDS, key=len, reverse=True)) + r"|[\s\[\]【】()（）|｜.…,，/:：>»<«·\-第页共次码])+$")


def is_pager_line(line: Line) -> bool:
    """Is this line an article's (or a list's) pager and nothing else? Its text and the labels
    of its links that print none (page numbers or 下一页 as images) are read together. The
    article body stops before such a line: it is navigation, not text."""
    if not _PAGER_ONLY_RE.match(line.key) and all(link.text for link in line.links):
        return False  # words other than a pager's, no link labelled only by an image: no pager
    labels = [control_label(link.element) for link in line.links]
    silent = [label for link, label in zip(line.links, labels, strict=True) if not link.text]
    return is_pager_text(" ".join([line.text, *silent]).strip(),
                         linked=any(is_pager_label(label) for label in labels))
