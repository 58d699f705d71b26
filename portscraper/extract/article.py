"""An article page in, its fields out (see portscraper/items.py for the contract).

    extract_article(url, html_or_bytes, content_type=None) -> dict

No Scrapy here: a page saved years ago, a snapshot from the archive and a live response are all
read the same way.
"""

from __future__ import annotations

import re

from .assets import (
    attachment,
    image_url,
    is_attachment_href,
    is_attachment_only,
    looks_like_caption,
)
from .cleaning import body_html
from .credits import (
    byline_from_credits,
    credits_in_header,
    is_source_label,
    parse_credit_line,
    split_trailing_credit,
)
from .landmarks import ARTICLE_CRUMBS, HOME_CRUMBS
from .lines import Line, common_ancestor, page_title
from .page import Page, read_page
from .regions import (
    densest_run_start,
    find_body_end,
    find_body_start,
    find_breadcrumb,
    find_date_line,
    is_back_line,
    is_footer_line,
    is_furniture_line,
    is_paragraph,
    is_tool_line,
    section_crumbs,
)
from .text import detect_language, fold, fold_word, text_weight

_TITLE_SEPARATORS = re.compile(r"\s*(?:--+|—+|－+|_+|\|)\s*|\s+[-–]\s+")
_SUBTITLE_RE = re.compile(r"^\s*(?:——|--|—|─+|－－|━+)\s*")
_SENTENCE_END = ("。", ".", "！", "!", "？", "?", "；", ";", "，", ",")


def extract_article(url: str, html: str | bytes, content_type: str | bytes | None = None) -> dict:
    """The article's fields from its URL and its HTML (text, or raw bytes and Content-Type)."""
    return article_fields(read_page(url, html, content_type))


def article_fields(page: Page) -> dict:
    url, root, lines, base_url = page.url, page.root, page.lines, page.base_url

    crumb = find_breadcrumb(lines)
    start = crumb.index + 1 if crumb else 0
    date_line = find_date_line(lines, start)
    if date_line is not None:
        anchor = date_line.index
        body_start = find_body_start(lines, anchor)
    else:
        body_start = densest_run_start(lines, start)
        anchor = body_start if body_start is not None else len(lines)

    crumbs = crumb.crumbs if crumb else []
    header = _header_lines(lines, start, anchor, crumbs)
    fields = _assign_header(header, page_title(root))

    body_lines: list[Line] = []
    if body_start is not None:
        # The element that holds the date line (or the title) and the body: the body never
        # leaves it, which keeps a sidebar that follows in the source out of the body.
        top = lines[date_line.index] if date_line else (header[-1] if header else None)
        if top is None:
            top = lines[_run_end(lines, body_start)]
        container = common_ancestor(top.element, lines[body_start].element)
        end = find_body_end(lines, body_start, container)
        body_lines = lines[body_start:end]

    kept, images, attachments, credits, byline = _read_body(body_lines, base_url)
    paragraphs = list(kept.values())
    # Credits printed above the body: on the date line (作者：李昇) or on lines of their own
    # around it (记者 王喆 通讯员 陈珺). The body's own credits come first.
    header_credits: dict[str, list[str]] = {}
    top_lines = header + (lines[anchor:body_start] if body_start is not None else [])
    for line in top_lines:
        found = parse_credit_line(line.text) or (
            credits_in_header(line.text) if date_line and line.index == date_line.index else {})
        for role, names in found.items():
            header_credits.setdefault(role, names)
    for role, names in header_credits.items():
        credits.setdefault(role, names)
    byline = byline or byline_from_credits(header_credits) or fields.get("byline_line", "")

    title = fields.get("title", "") or _fallback_title(root, lines)
    sections = section_crumbs(crumbs, title)
    body = "\n".join(paragraphs)
    return {
        "url": url,
        "kicker": fields.get("kicker", ""),
        "title": title,
        "subtitle": fields.get("subtitle", ""),
        "published": date_line.published if date_line else "",
        "section": sections[-1] if sections else "",
        "breadcrumb": crumbs,
        "byline": byline,
        "credits": credits,
        "body": body,
        "body_html": body_html(body_lines, kept, base_url),
        "images": images,
        "attachments": attachments,
        "language": detect_language(title + "\n" + body),
    }


def _run_end(lines: list[Line], start: int) -> int:
    """The last paragraph of the run of paragraphs that starts at `start`."""
    end = start
    for line in lines[start:]:
        if line.is_link_line or is_back_line(line):
            break
        if is_paragraph(line):
            end = line.index
    return end


def _header_lines(lines: list[Line], start: int, anchor: int, crumbs: list[str]) -> list[Line]:
    """The lines just above the date line (or the body): kicker, title, subtitle, byline line.

    Walk up from the anchor; stop at links (menus, sidebars), the breadcrumb, or after four lines.
    Section headings that repeat a crumb (a "集团新闻" bar above the title) are not the title.
    """
    crumb_keys = {fold_word(c) for c in crumbs}
    picked: list[Line] = []
    for line in reversed(lines[start:anchor]):
        if not line.text or is_tool_line(line) or is_furniture_line(line):
            continue
        if line.is_link_line or is_back_line(line) or len(picked) == 4:
            break
        if _is_heading_bar(line.text, crumb_keys):
            continue
        picked.append(line)
    return picked[::-1]


def _is_heading_bar(text: str, crumb_keys: set[str]) -> bool:
    """A bar above the article that names its section or says "the article": 集团新闻,
    新闻中心 - 集团新闻, 新闻详情, 正文. Never the kicker or the title."""
    parts = [fold_word(p) for p in re.split(r"[\s>»›|/\\-]+", text) if fold_word(p)]
    return bool(parts) and all(p in crumb_keys or p in ARTICLE_CRUMBS or p in HOME_CRUMBS
                               for p in parts)


def _assign_header(header: list[Line], html_title: str) -> dict[str, str]:
    """Tell the kicker, title, subtitle and an English byline line apart."""
    out: dict[str, str] = {}
    rest: list[Line] = []
    for line in header:
        if _SUBTITLE_RE.match(line.text) and rest:
            out.setdefault("subtitle", _SUBTITLE_RE.sub("", line.text))
        elif parse_credit_line(line.text) or is_source_label(line.text):
            continue
        else:
            rest.append(line)
    if not rest:
        return out
    title_index = _title_index(rest, html_title)
    out["title"] = rest[title_index].text
    if title_index > 0 and _short(rest[title_index - 1].text):
        out["kicker"] = rest[title_index - 1].text
    below = rest[title_index + 1 :]
    if below and not below[0].text.endswith(_SENTENCE_END) and _short(below[0].text):
        if below[0].text.isascii():
            out["byline_line"] = below[0].text
        else:
            out.setdefault("subtitle", below[0].text)
    return out


def _title_index(rest: list[Line], html_title: str) -> int:
    """Which header line is the title: the one <title> repeats, else the one set in a heading,
    else the last (a kicker stands above the title, never below)."""
    page_key = fold(html_title)
    matches = [
        i
        for i, line in enumerate(rest)
        if len(fold(line.text)) >= 4 and fold(line.text) in page_key
    ]
    if len(matches) == 1:
        return matches[0]
    emphasized = [i for i, line in enumerate(rest) if line.emphasis]
    if len(emphasized) == 1:
        return emphasized[0]
    # An English byline line can sit under the title: prefer the last line that reads as a title.
    for i in range(len(rest) - 1, -1, -1):
        if not (
            rest[i].text.isascii()
            and i > 0
            and _short(rest[i].text)
            and not _short(rest[i - 1].text)
        ):
            return i
    return len(rest) - 1


def _short(text: str) -> bool:
    return text_weight(text) <= 30 if not text.isascii() else len(text.split()) <= 12


def _fallback_title(root, lines: list[Line]) -> str:
    """A title from <h1>/<h2>, or the part of <title> that is not the site's name (the name
    the copyright line gives)."""
    for tag in ("h1", "h2"):
        el = root.find(f".//{tag}")
        if el is not None and el.text_content().strip():
            return " ".join(el.text_content().split())
    footer = " ".join(fold(line.text) for line in lines if is_footer_line(line))
    parts = [p.strip() for p in _TITLE_SEPARATORS.split(page_title(root)) if p.strip()]
    parts = [p for p in parts if fold(p) not in footer]
    return max(parts, key=len, default="")


def _read_body(body_lines: list[Line], base_url: str):
    """Paragraphs (by line index), images with captions, attachments, and the credits that
    close the body."""
    paragraphs: dict[int, str] = {}
    images: list[dict[str, str]] = []
    attachments: list[dict[str, str]] = []
    seen_images: set[str] = set()
    caption_for: dict[str, int] = {}
    skip_next = False
    lines_by_index = {line.index: line for line in body_lines}
    for i, line in enumerate(body_lines):
        for link in line.links:
            if is_attachment_href(link.href):
                attachments.append(attachment(link, base_url))
        if skip_next:
            skip_next = False
            continue
        if line.images:
            for img in line.images:
                src = image_url(img, base_url)
                if src and src not in seen_images:
                    seen_images.add(src)
                    caption_for[src] = len(images)
                    images.append({"url": src, "caption": ""})
            caption = line.text
            nxt = body_lines[i + 1] if i + 1 < len(body_lines) else None
            if not caption and nxt is not None and looks_like_caption(nxt):
                caption, skip_next = nxt.text, True
            elif caption and not looks_like_caption(line):
                paragraphs[line.index] = line.text
                caption = ""
            if caption and images:
                images[-1]["caption"] = caption
            continue
        if line.text and not is_furniture_line(line):
            paragraphs[line.index] = line.text

    # The credits block closes the body (before any 附件 lines): take its lines from the end,
    # keep their printed order.
    text_lines = [i for i in paragraphs if not is_attachment_only(lines_by_index[i])]
    block: list[dict[str, list[str]]] = []
    while text_lines and (found := parse_credit_line(paragraphs[text_lines[-1]])):
        block.insert(0, found)
        del paragraphs[text_lines.pop()]
    credits: dict[str, list[str]] = {}
    for found in block:
        for role, names in found.items():
            credits.setdefault(role, []).extend(names)
    byline = byline_from_credits(credits)
    if text_lines:
        last = text_lines[-1]
        trailing = split_trailing_credit(paragraphs[last])
        if trailing:
            text, more, trailing_byline = trailing
            paragraphs[last] = text
            if not text:
                del paragraphs[last]
            credits = {**more, **credits}
            byline = byline or trailing_byline
    return paragraphs, images, _unique(attachments), credits, byline


def _unique(items: list[dict[str, str]]) -> list[dict[str, str]]:
    seen, out = set(), []
    for item in items:
        if item["url"] not in seen:
            seen.add(item["url"])
            out.append(item)
    return out
