"""Where a reader can go from a page: section menus, the list of articles, the pagination,
the 返回 link and the breadcrumb. Plain functions over a parsed page; the spider decides what
to request.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from portscraper.urls import canonical_url

from .dates import find_date
from .landmarks import (
    BACK_WORDS,
    NOT_BACK_WORDS,
    PAGE_FIRST,
    PAGE_LAST,
    PAGE_NEXT,
    PAGE_PREV,
    PAGINATION_MARKERS,
    PREV_NEXT_ARTICLE,
    TOOL_WORDS,
)
from .lines import common_ancestor, depth
from .page import Page
from .regions import find_breadcrumb
from .text import clean_line, fold, fold_word, text_weight

# 下一页 and its kin; the bare arrows (>, >>) count only inside a pagination already found.
_NEXT_WORDS = frozenset(w for w in PAGE_NEXT if w.isalnum())
# A list item's text must be at least this heavy (CJK characters + Latin words) to be an
# article title rather than a menu entry such as 集团简介 or "Group News".
MIN_TITLE_WEIGHT = 6
_JS_URL_RE = re.compile(r"""(?:location(?:\.href)?|window\.open)\s*[=(]\s*['"]([^'"]+)['"]""")
_PAGE_NUMBERS_RE = re.compile(r"[\[【]?\d+[\]】]?\s*")
_PAGE_OF_RE = re.compile(
    r"(?:页次|页码|第)?\s*[:：]?\s*(\d+)\s*(?:/|页?\s*[,，]?\s*共)\s*(\d+)\s*页?"
    r"|page\s*(\d+)\s*(?:of|/)\s*(\d+)",
    re.IGNORECASE,
)


def _links(page: Page):
    for a in page.root.iter("a"):
        yield a, clean_line(a.text_content()) or clean_line(a.get("title") or "")


# --- sections ---------------------------------------------------------------------------------

def name_matches(text: str, names) -> bool:
    """Does a menu label name one of `names`? Exact after folding, or containing a stem
    (党建 matches 党建工作 and 黨建園地)."""
    key = fold_word(text)
    if not key or text_weight(text) > 8:
        return False
    return any(key == name or (len(name) >= 2 and name in key) for name in _folded(tuple(names)))


@lru_cache(maxsize=64)
def _folded(names: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(fold_word(n) for n in names)


def section_links(page: Page, wanted, skip) -> list[tuple[str, str]]:
    """Links whose label names a wanted news section and no skipped page, in page order."""
    found, seen = [], set()
    for a, text in _links(page):
        url = page.absolute(a.get("href"))
        if not url or url in seen or not name_matches(text, wanted) or name_matches(text, skip):
            continue
        seen.add(url)
        found.append((text, url))
    return found


# --- the list of articles ---------------------------------------------------------------------

@dataclass
class ListItem:
    url: str
    title: str          # as the list prints it: often truncated with … or ...
    published: str      # the date printed next to it, ISO, or ""


def _is_nav_word(text: str) -> bool:
    key = fold_word(text)
    words = PAGE_FIRST + PAGE_PREV + PAGE_NEXT + PAGE_LAST + BACK_WORDS + NOT_BACK_WORDS
    return key in words or key in TOOL_WORDS or any(key.startswith(w) for w in PREV_NEXT_ARTICLE)


def list_items(page: Page, exclude=()) -> list[ListItem]:
    """The articles of a list page: the group of sibling links nearest the pagination.

    Every page also carries menus and a "latest news" sidebar, which are lists of links too.
    Links are grouped by the element that holds them and their siblings; the list is the group
    that sits with the pagination (or the breadcrumb) in the deepest common element, then the
    largest. `exclude` holds canonical URLs that are not articles (section pages found in
    menus).
    """
    host = urlsplit(page.url).hostname
    candidates = []
    for a, text in _links(page):
        url = page.absolute(a.get("href"))
        if (not url or canonical_url(url) in exclude or urlsplit(url).hostname != host
                or text_weight(text) < MIN_TITLE_WEIGHT or _is_nav_word(text)):
            continue
        candidates.append((a, text, url))
    if not candidates:
        return []

    # Count candidate links below every element, to find where each link's item ends.
    # (Keyed by the elements themselves: lxml keeps one proxy per node while it is referenced,
    # whereas id() of a proxy that was let go can change.)
    counts: dict = {}
    for a, _, _ in candidates:
        el = a
        while el is not None:
            counts[el] = counts.get(el, 0) + 1
            el = el.getparent()
    landmark = _pagination_element(page)
    if landmark is None:
        landmark = _breadcrumb_element(page)
    # An item never takes in the pagination: on a last page with a single article, the climb
    # would otherwise go on to the element holding the whole column.
    above_landmark = set(landmark.iterancestors()) | {landmark} if landmark is not None else set()

    groups: dict = {}
    for a, text, url in candidates:
        item = a
        while (item.getparent() is not None and counts[item.getparent()] == 1
               and item.getparent() not in above_landmark):
            item = item.getparent()
        holder = item.getparent() if item.getparent() is not None else item
        groups.setdefault(holder, []).append((item, text, url))

    def rank(holder):
        members = groups[holder]
        closeness = depth(common_ancestor(holder, landmark)) if landmark is not None else 0
        dated = sum(1 for item, _, _ in members if find_date(item.text_content() or ""))
        return (closeness, len(members) > 1, dated * 2 >= len(members), len(members))

    best = max(groups, key=rank)
    items, seen = [], set()
    for item, text, url in groups[best]:
        if url in seen:
            continue
        seen.add(url)
        date = find_date(clean_line(item.text_content() or ""))
        items.append(ListItem(url=url, title=text, published=date[0] if date else ""))
    return items


def _breadcrumb_element(page: Page):
    crumb = find_breadcrumb(page.lines)
    return page.lines[crumb.index].element if crumb else None


# --- pagination -------------------------------------------------------------------------------

@dataclass
class Pagination:
    next_url: str | None = None
    current: int | None = None
    total: int | None = None
    numbered: dict[int, str] = field(default_factory=dict)

    @property
    def at_end(self) -> bool:
        return self.current is not None and self.total is not None and self.current >= self.total


def _pagination_element(page: Page):
    """The first line holding the pagination: its words (下一页, 页次, 共 N 条记录), a page count
    (第 2 页 共 5 页, Page 2 of 5), or a 下一页 / Next page link."""
    if "pagination" not in page.found:
        page.found["pagination"] = _find_pagination_element(page)
    return page.found["pagination"]


def _find_pagination_element(page: Page):
    for line in page.lines:
        # A line of running text that happens to hold the words is no pagination. Page
        # numbers do not count: a big site lists hundreds of them ([1] [2] ... [403]).
        if len(_PAGE_NUMBERS_RE.sub("", line.text)) > 200:
            continue
        key = fold(line.text)
        hits = sum(1 for m in PAGINATION_MARKERS if m in key)
        next_link = any(fold_word(link.text) in _NEXT_WORDS for link in line.links)
        if hits >= 2 or (hits and next_link) or (_PAGE_OF_RE.search(line.text) and (
                hits or next_link or len(line.links) >= 2)):
            return line.element
    return None


def pagination(page: Page) -> Pagination:
    """Read the pagination as a reader does: the 下一页 link, 尾页, page numbers, 页次 2/5."""
    holder = _pagination_element(page)
    result = Pagination()
    if holder is None:
        return result
    text = clean_line(holder.text_content())
    match = _PAGE_OF_RE.search(text)
    if match:
        nums = [int(g) for g in match.groups() if g is not None]
        if len(nums) == 2 and 0 < nums[0] <= nums[1]:
            result.current, result.total = nums
    for a, label in _links_within(page, holder):
        url = page.absolute(a.get("href")) or _js_url(page, a)
        key = fold_word(label) or fold(label)
        if not url:
            continue
        if key in PAGE_NEXT and result.next_url is None:
            result.next_url = url
        elif label.strip("[]【】 ").isdigit():
            result.numbered[int(label.strip("[]【】 "))] = url
    if result.next_url is None and result.current is not None:
        result.next_url = result.numbered.get(result.current + 1)
    if result.next_url is None and result.current and not result.at_end:
        result.next_url = _guess_page_url(page, holder, result.current + 1)
    return result


def _links_within(page: Page, holder):
    # The pagination's links may sit in the element after its text (a separate cell).
    scope = holder.getparent() if holder.getparent() is not None else holder
    for a in scope.iter("a"):
        yield a, clean_line(a.text_content())


def _js_url(page: Page, a) -> str | None:
    for attr in ("onclick", "href"):
        match = _JS_URL_RE.search(a.get(attr) or "")
        if match:
            return urljoin(page.base_url, match.group(1))
    return None


def _guess_page_url(page: Page, holder, number: int) -> str | None:
    """When 下一页 is a script, change the page parameter that the other page links share."""
    for a in holder.iter("a"):
        url = page.absolute(a.get("href"))
        if not url:
            continue
        parts = urlsplit(url)
        query = parse_qsl(parts.query, keep_blank_values=True)
        for i, (key, value) in enumerate(query):
            if value.isdigit() and re.search(r"page|^p$|^pn$|^pg$", key, re.IGNORECASE):
                query[i] = (key, str(number))
                return urlunsplit(parts._replace(query=urlencode(query)))
    return None


# --- back navigation --------------------------------------------------------------------------

def back_link(page: Page) -> str | None:
    """The target of 返回 / 返回列表 / >> 返 回 << (never 返回首页 or 返回顶部).

    None when there is no such link or it is only `javascript:history.back()`: the caller then
    uses the breadcrumb's section link or the page that linked here.
    """
    for a, text in _links(page):
        key = fold_word(text)
        if key in BACK_WORDS and key not in NOT_BACK_WORDS:
            url = page.absolute(a.get("href")) or _js_url(page, a)
            if url and url.rstrip("/") != page.url.rstrip("/"):
                return url
    return None


def link_named(page: Page, name: str) -> str | None:
    """The first link on the page whose label is `name` (folded): the menu entry of a section
    the breadcrumb names without linking it."""
    key = fold_word(name)
    for a, text in _links(page):
        if key and fold_word(text) == key:
            url = page.absolute(a.get("href"))
            if url:
                return url
    return None


def breadcrumb_links(page: Page) -> list[tuple[str, str]]:
    """The breadcrumb's links (label, absolute URL), home first."""
    crumb = find_breadcrumb(page.lines)
    if crumb is None:
        return []
    lines = page.lines[crumb.index:crumb.index + 2]
    out = []
    for line in lines:
        for link in line.links:
            url = page.absolute(link.href)
            if url:
                out.append((link.text, url))
        if out:
            break
    return out
