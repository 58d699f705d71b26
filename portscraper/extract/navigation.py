"""Where a reader can go from a page: section menus, the list of articles, the pagination,
the 返回 link and the breadcrumb; the pages a home page shows in its place (frames, a script
redirect, a splash page's 进入); the other pages of an article split over pages. Plain
functions over a parsed page; the spider decides what to request.

Links are read as a reader sees them (see controls.py): a link labelled only by an image's alt
or a button's value counts like one labelled by text, and a link whose script goes to a literal
address leads there. URLs are those a browser requests (see Page.absolute).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import parse_qsl, urlsplit

from portscraper.extract.urls import canonical_url, is_web_url

from .controls import Control, controls, script_targets
from .dates import find_date
from .landmarks import (
    BACK_WORDS,
    ENTRANCE_WORDS,
    NOT_BACK_WORDS,
    PAGE_FIRST,
    PAGE_LAST,
    PAGE_NEXT,
    PAGE_PARAMS,
    PAGE_PREV,
    PREV_NEXT_ARTICLE,
    TOOL_WORDS,
)
from .lines import common_ancestor, depth
from .numbers import read_int
from .page import Page

# Pagination is read in its own module; `pagination`, `Pagination` and `is_pager_line` are
# named here too, for the spider and the tests.
from .pagination import (  # noqa: F401
    NEXT_WORDS,
    Pagination,
    is_pager_label,
    is_pager_line,
    is_pager_text,
    pagination,
    pagination_element,
)
from .regions import find_breadcrumb
from .text import clean_line, fold, fold_word, text_weight

# A list item's text must be at least this heavy (CJK characters + Latin words) to be an
# article title rather than a menu entry such as 集团简介 or "Group News".
MIN_TITLE_WEIGHT = 6
# A list's cut-short title: 集团召开… / "Maoming Port Group held ..." (the list's own ellipsis).
# Each run starts where its characters start (the lookbehinds): a search from every position
# of a long run of dots or spaces would take time quadratic in it.
_TRUNCATED_RE = re.compile(r"(?<!\s)\s*(?:(?<!…)…+|(?<!\.)\.{2,}|(?<!。)。{2,}|(?<!⋯)⋯+)\s*$")


def _links(page: Page):
    """(element, label, URL) of the page's links and buttons that lead to an address."""
    for control in controls(page):
        if control.url:
            yield control.element, control.label, control.url


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
    for _, text, url in _links(page):
        if url in seen or not name_matches(text, wanted) or name_matches(text, skip):
            continue
        seen.add(url)
        found.append((text, url))
    return found


# --- the list of articles ---------------------------------------------------------------------

@dataclass
class ListItem:
    url: str
    title: str          # as the list prints it (often cut short with … or ...), or the whole
                        # title its link's title attribute holds
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
    for a, label, url in _links(page):
        text = item_title(a, label)
        if (canonical_url(url) in exclude or urlsplit(url).hostname != host
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
    landmark = pagination_element(page)
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


def item_title(a, label: str) -> str:
    """A list item's title: its link's label; but when the list cuts the title short (集团召开…,
    "Maoming Port Group held ...") and the link's title attribute holds the whole of it, that."""
    whole = clean_line(a.get("title") or "")
    stem = _TRUNCATED_RE.sub("", label)
    if whole and stem and stem != label and len(fold(whole)) > len(fold(stem)) \
            and fold(whole).startswith(fold(stem)):
        return whole
    return label


def _breadcrumb_element(page: Page):
    crumb = find_breadcrumb(page.lines)
    return page.lines[crumb.index].element if crumb else None


# --- back navigation --------------------------------------------------------------------------

def back_link(page: Page) -> str | None:
    """The target of 返回 / 返回列表 / >> 返 回 << (never 返回首页 or 返回顶部).

    None when there is no such link or it is only `javascript:history.back()`: the caller then
    uses the breadcrumb's section link or the page that linked here.
    """
    for _, text, url in _links(page):
        key = fold_word(text)
        if key in BACK_WORDS and key not in NOT_BACK_WORDS and \
                url.rstrip("/") != page.url.rstrip("/"):
            return url
    return None


def link_named(page: Page, name: str) -> str | None:
    """The first link on the page whose label is `name` (folded): the menu entry of a section
    the breadcrumb names without linking it."""
    key = fold_word(name)
    for _, text, url in _links(page):
        if key and fold_word(text) == key:
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


# --- pages shown in a page's place ------------------------------------------------------------

def frame_sources(page: Page) -> list[str]:
    """The pages a frameset (<frame src>) or iframes (<iframe src>) show inside this page, in
    document order: where a home page built of frames keeps its menu."""
    found = []
    for frame in page.root.iter("frame", "iframe"):
        url = page.absolute(frame.get("src"))
        if is_web_url(url) and url not in found and url != page.url:
            found.append(url)
    return found


# <meta http-equiv="refresh" content="0; url=index2.asp">; the URL may be quoted.
_REFRESH_RE = re.compile(r"^\s*[\d.]*\s*[;,]?\s*(?:url\s*=\s*)?(['\"]?)(?P<url>[^'\"]+)\1",
                         re.IGNORECASE)


def redirect_targets(page: Page) -> list[str]:
    """Where the page sends a browser by itself: a script that sets the location
    (window.location.href = "index2.asp", top.location = …, location.replace(…)), an onload
    handler that does, or <meta http-equiv="refresh">, in document order.

    (Scrapy's MetaRefreshMiddleware follows a refresh before the page reaches the spider; one it
    leaves, e.g. with a long delay, is read here.)"""
    found = []
    for el in page.root.iter("script", "body", "meta"):
        if el.tag == "script" and not el.get("src"):
            urls = list(script_targets(page, el.text or "", popups=False))
        elif el.tag == "body":
            urls = list(script_targets(page, el.get("onload") or "", popups=False))
        elif el.tag == "meta" and (el.get("http-equiv") or "").lower() == "refresh" \
                and not any(a.tag == "noscript" for a in el.iterancestors()):
            match = _REFRESH_RE.match(el.get("content") or "")
            urls = [page.absolute(match.group("url"))] if match else []
        else:
            continue
        for url in urls:
            if is_web_url(url) and url not in found and url != page.url:
                found.append(url)
    return found


def entrance_links(page: Page) -> list[str]:
    """A splash page's way in: its links labelled 进入网站, 点击进入, Enter, 中文版 …"""
    found = []
    for _, label, url in _links(page):
        if fold_word(label) in ENTRANCE_WORDS and url not in found and url != page.url:
            found.append(url)
    return found


# --- an article split over pages --------------------------------------------------------------

@dataclass
class ArticlePages:
    current: int                 # this page's number (1: the first page)
    next_url: str | None = None  # the page that follows, None on the last page
    numbered: dict[int, str] = field(default_factory=dict)


def article_pages(page: Page) -> ArticlePages:
    """Where the rest of an article split over pages is.

    Its pager (第1页 2 3 下一页, [1] [2] [3], 上一页 下一页, page numbers as images) links other
    pages of the same article: the article's URL with a page parameter added or changed
    (more.asp?id=52 -> more.asp?id=52&page=2) or a page suffix on its file name
    (1103.html -> 1103_2.html, t20221103_123.html -> t20221103_123_2.html). 上一篇/下一篇 and
    sidebars link other articles, and their labels are no page numbers: they never count.
    The next page is the one numbered current + 1, else the 下一页 link.
    """
    found: list[tuple[int, int, Control]] = []
    for control in controls(page):
        numbers = page_numbers(control.url, page.url) if control.url else None
        if numbers and numbers[0] != numbers[1] and is_pager_label(control.label):
            found.append((*numbers, control))
    if not found:
        return ArticlePages(current=1)
    # This page's number, as its pager's links read it (most of them agree).
    current = Counter(here for _, here, _ in found).most_common(1)[0][0]
    result = ArticlePages(current=current)
    next_by_word = None
    for number, here, control in found:
        if here != current:
            continue
        result.numbered.setdefault(number, control.url)
        if next_by_word is None and number > current and \
                fold_word(control.label) in NEXT_WORDS:
            next_by_word = control.url
    result.next_url = result.numbered.get(current + 1) or next_by_word
    return result


# A page suffix on a file name: 1103_2.html, show-52-2.html.
_FILE_PAGE_RE = re.compile(r"^(?P<stem>.+)[_-](?P<n>\d{1,3})(?P<ext>\.[A-Za-z0-9]+)?$")


def page_numbers(url: str, article_url: str) -> tuple[int, int] | None:
    """(the number of the page at `url`, the number of the page at `article_url`) when both
    are pages of one article, else None. A URL without a page parameter or suffix is page 1."""
    a, b = urlsplit(url), urlsplit(article_url)
    if (a.scheme, a.netloc) != (b.scheme, b.netloc):
        return None
    (query_a, number_a), (query_b, number_b) = _split_page_param(a.query), \
        _split_page_param(b.query)
    # One query may carry a parameter the other leaves out (more.asp?id=52&pid=12, reached from
    # a sidebar, links more.asp?id=52&page=2); they must share the rest, id and all.
    shared = set(query_a) & set(query_b)
    if not (set(query_a) <= set(query_b) or set(query_b) <= set(query_a)) or \
            (not shared and (query_a or query_b)):
        return None
    if a.path == b.path:
        return number_a or 1, number_b or 1
    if number_a or number_b:
        return None
    # A file name may end in an id that looks like a page suffix (t20221103_123.html): every
    # reading of both names is tried, and the one under which they name one document wins.
    for stem_a, n_a in _file_readings(a.path):
        for stem_b, n_b in _file_readings(b.path):
            if stem_a == stem_b and n_a != n_b:
                return n_a, n_b
    return None


def _split_page_param(query: str) -> tuple[list[tuple[str, str]], int | None]:
    """The query without its page parameter, and that parameter's number."""
    rest, number = [], None
    for key, value in parse_qsl(query, keep_blank_values=True):
        if key.lower() in PAGE_PARAMS and read_int(value) is not None:
            number = read_int(value)
        else:
            rest.append((key, value))
    return sorted(rest), number


def _file_readings(path: str) -> list[tuple[str, int]]:
    """The (document, page number) a file name may mean: /xw/1103_2.html is page 1 of itself,
    or page 2 of /xw/1103.html."""
    readings = [(path, 1)]
    folder, _, name = path.rpartition("/")
    match = _FILE_PAGE_RE.match(name)
    if match:
        readings.append((f"{folder}/{match['stem']}{match['ext'] or ''}", int(match["n"])))
    return readings
