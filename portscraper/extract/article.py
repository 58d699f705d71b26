"""An article page in, its fields out (see portscraper/crawl/items.py for the contract).

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

from .body import find_body
from .body_parts import read_body
from .byline import find_byline
from .cleaning import body_html
from .dateline import choose_date
from .head import read_head
from .header import kicker_and_subtitle, title_from_layout
from .lines import Line
from .page import Page, read_page
from .regions import (
    find_breadcrumb,
    is_footer_line,
    is_info_line,
    is_paragraph,
    section_crumbs,
)
from .text import detect_language, fold
from .title import TitleChoice, choose_title, head_title


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
        title, kicker, subtitle, english_byline = title_from_layout(lines, start, crumbs)
    else:
        kicker, subtitle = kicker_and_subtitle(lines, title, start, crumbs)
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
    # The breadcrumb names the section; without one, the head's ColumnName (or
    # article:section) does.
    section, section_evidence = (sections[-1], "page") if sections else next(
        ((value, f"head:{tag}") for value, tag in head.sections), ("", ""))
    body = "\n".join(kept.values())
    return {
        "url": url,
        "kicker": kicker,
        "title": title_text,
        "subtitle": subtitle,
        "published": date.published,
        "section": section,
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
            "section": section_evidence,
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
