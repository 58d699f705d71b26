"""An article page in, its fields out (see portscraper/items.py for the contract).

    extract_article(url, html_or_bytes, content_type=None) -> dict

No Scrapy here: a page saved years ago, a snapshot from the archive and a live response are all
read the same way.

Each field stands on its own evidence, so that one wrong reading does not take the others with
it: the title is the visible line the head confirms (title.py), the date the date line a reader
sees, weighed with the head and the URL (dateline.py), the body the longest run of text after
them (body.py), the byline whatever names the page prints in the forms reporters are credited
(byline.py). The result's `evidence` says where each came from ("page", "page+head",
"head:<tag>", "url", ...), so a wrong field can be traced.
"""

from __future__ import annotations

import re

from .body import find_body
from .body_parts import read_body
from .byline import find_byline
from .cleaning import body_html
from .credits import is_source_label, parse_credit_line
from .dateline import choose_date
from .head import read_head
from .landmarks import ARTICLE_CRUMBS, HOME_CRUMBS
from .lines import Line, common_ancestor, depth
from .page import Page, read_page
from .regions import (
    find_breadcrumb,
    find_date_line,
    is_back_line,
    is_footer_line,
    is_furniture_line,
    is_info_line,
    is_paragraph,
    is_tool_line,
    section_crumbs,
)
from .text import detect_language, fold, fold_word, text_weight
from .title import TitleChoice, choose_title, could_be_title, head_title

_SUBTITLE_RE = re.compile(r"^\s*(?:——|--|—|─+|－－|━+)\s*")
_SENTENCE_END = ("。", ".", "！", "!", "？", "?", "；", ";", "，", ",")
# How many lines above the date line (or the body) an old CMS page prints its header in.
HEADER_LINES = 4


def extract_article(url: str, html: str | bytes, content_type: str | bytes | None = None) -> dict:
    """The article's fields from its URL and its HTML (text, or raw bytes and Content-Type)."""
    return article_fields(read_page(url, html, content_type))


def article_fields(page: Page) -> dict:
    url, lines = page.url, page.lines
    head = read_head(page.root)
    crumb = find_breadcrumb(lines)
    start = crumb.index + 1 if crumb else 0
    crumbs = crumb.crumbs if crumb else []
    footer = " ".join(fold(line.text) for line in lines if is_footer_line(line))

    title = choose_title(lines, head, start, footer)
    kicker = subtitle = english_byline = ""
    if title is None:
        # Nothing in the head confirms a line: read the page as its header prints it, the
        # lines above the date line (or above the text).
        title, kicker, subtitle, english_byline = _title_from_layout(lines, start, crumbs)
    else:
        kicker, subtitle = _kicker_and_subtitle(lines, title, start, crumbs)
    date = choose_date(lines, head, url, title.last if title and title.last >= 0 else None,
                       start)
    if title is None:
        title = head_title(head, footer)

    after = _header_end(lines, title, date, start)
    body_lines = find_body(lines, after, title.text if title else "")
    kept, images, attachments, credits, byline = read_body(body_lines, page.base_url)
    # The lines between the title and the text: date, source, reporter and info lines.
    top = lines[title.last + 1 if title and title.last >= 0 else after + 1 :
                body_lines[0].index if body_lines else after + 1]
    byline, credits, byline_evidence = find_byline(top, kept, credits, byline, head,
                                                   english_byline)

    title_text = title.text if title else ""
    sections = section_crumbs(crumbs, title_text)
    body = "\n".join(kept.values())
    return {
        "url": url,
        "kicker": kicker,
        "title": title_text,
        "subtitle": subtitle,
        "published": date.published,
        "section": sections[-1] if sections else "",
        "breadcrumb": crumbs,
        "byline": byline,
        "credits": credits,
        "body": body,
        "body_html": body_html(body_lines, kept, page.base_url),
        "images": images,
        "attachments": attachments,
        "language": detect_language(title_text + "\n" + body),
        "evidence": {
            "title": title.evidence if title else "",
            "published": date.evidence,
            "byline": byline_evidence,
            "body": "page" if body else "",
        },
    }


def _header_end(lines: list[Line], title: TitleChoice | None, date, start: int) -> int:
    """The last line of the article's header: the title, or the date line printed under it
    (not one printed under the text, as some government sites do)."""
    if title is None or title.last < 0:
        return date.index if date.index is not None else start - 1
    if date.index is not None and title.last < date.index and not any(
            is_paragraph(line) and not is_info_line(line)
            for line in lines[title.last + 1 : date.index]):
        return date.index
    return title.last


# --- old CMS pages: the header above the date line -------------------------------------------


def _title_from_layout(lines: list[Line], start: int, crumbs: list[str]):
    """(title, kicker, subtitle, English byline line) from the lines above the date line, or
    above the longest run of text when there is no date line."""
    date_line = find_date_line(lines, start)
    if date_line is not None:
        anchor = date_line.index
    else:
        text = find_body(lines, start - 1)
        anchor = text[0].index if text else len(lines)
    header = _header_lines(lines, start, anchor, crumbs)
    fields = _assign_header(header)
    title = fields.get("title")
    return (title, fields.get("kicker", ""), fields.get("subtitle", ""),
            fields.get("byline_line", ""))


def _header_lines(lines: list[Line], start: int, anchor: int, crumbs: list[str]) -> list[Line]:
    """The lines just above the anchor: kicker, title, subtitle, byline line.

    Walk up from the anchor; stop at links (menus, sidebars), the breadcrumb, or after
    HEADER_LINES lines. Section headings that repeat a crumb (a "集团新闻" bar above the title)
    are not the title.
    """
    crumb_keys = {fold_word(c) for c in crumbs}
    picked: list[Line] = []
    for line in reversed(lines[start:anchor]):
        if not line.text or is_tool_line(line) or is_furniture_line(line):
            continue
        if line.is_link_line or is_back_line(line) or len(picked) == HEADER_LINES:
            break
        if _is_heading_bar(line.text, crumb_keys) or not could_be_title(line):
            continue
        picked.append(line)
    return picked[::-1]


def _is_heading_bar(text: str, crumb_keys: set[str]) -> bool:
    """A bar above the article that names its section or says "the article": 集团新闻,
    新闻中心 - 集团新闻, 新闻详情, 正文. Never the kicker or the title."""
    parts = [fold_word(p) for p in re.split(r"[\s>»›|/\\-]+", text) if fold_word(p)]
    return bool(parts) and all(p in crumb_keys or p in ARTICLE_CRUMBS or p in HOME_CRUMBS
                               for p in parts)


def _assign_header(header: list[Line]) -> dict:
    """Tell the kicker, title, subtitle and an English byline line apart."""
    out: dict = {}
    rest: list[Line] = []
    for line in header:
        if _SUBTITLE_RE.match(line.text) and rest:
            out.setdefault("subtitle", _SUBTITLE_RE.sub("", line.text))
        elif parse_credit_line(line.text) or is_source_label(line.text) or is_info_line(line):
            continue
        else:
            rest.append(line)
    if not rest:
        return out
    i = _title_index(rest)
    out["title"] = TitleChoice(rest[i].index, rest[i].index, rest[i].text, "page:above-date")
    if i > 0 and _short(rest[i - 1].text):
        out["kicker"] = rest[i - 1].text
    below = rest[i + 1 :]
    if below and not below[0].text.endswith(_SENTENCE_END) and _short(below[0].text):
        if below[0].text.isascii():
            out["byline_line"] = below[0].text
        else:
            out.setdefault("subtitle", below[0].text)
    return out


def _title_index(rest: list[Line]) -> int:
    """Which header line is the title: the one set in a heading, else the last (a kicker
    stands above the title, never below)."""
    emphasized = [i for i, line in enumerate(rest) if line.emphasis]
    if len(emphasized) == 1:
        return emphasized[0]
    # An English byline line can sit under the title: prefer the last line that reads as a title.
    for i in range(len(rest) - 1, -1, -1):
        if not (rest[i].text.isascii() and i > 0 and _short(rest[i].text)
                and not _short(rest[i - 1].text)):
            return i
    return len(rest) - 1


def _kicker_and_subtitle(lines: list[Line], title: TitleChoice, start: int, crumbs: list[str]):
    """The kicker is the short line right above a confirmed title, the subtitle a ——line (or a
    short line that is no sentence and no info line) right under it."""
    crumb_keys = {fold_word(c) for c in crumbs}
    kicker = subtitle = ""
    above = title.first - 1
    if above >= start:
        line = lines[above]
        if (could_be_title(line) and not line.is_link_line and _short(line.text)
                and not _is_heading_bar(line.text, crumb_keys) and not is_info_line(line)
                and not is_back_line(line) and _near(line, lines[title.first])):
            kicker = line.text
    if title.last + 1 < len(lines):
        line = lines[title.last + 1]
        if _SUBTITLE_RE.match(line.text) and line.weight >= 2:
            subtitle = _SUBTITLE_RE.sub("", line.text)
    return kicker, subtitle


def _near(a: Line, b: Line) -> bool:
    """Two lines of one header block: their common element is at most three levels above
    either (a kicker's cell and the title's cell in one table; not the page's banner)."""
    common = common_ancestor(a.element, b.element)
    return depth(a.element) - depth(common) <= 3 and depth(b.element) - depth(common) <= 3


def _short(text: str) -> bool:
    return text_weight(text) <= 30 if not text.isascii() else len(text.split()) <= 12
