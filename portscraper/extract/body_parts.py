"""The parts of the body's lines: paragraphs, pictures with their captions, attachments, and
the credits that close the text.

    read_body(body_lines, base_url) -> (paragraphs, images, attachments, credits, byline)

paragraphs maps a line's index to its text (so that body_html can tell kept lines apart).
"""

from __future__ import annotations

from .assets import (
    attachment,
    image_url,
    is_attachment_href,
    is_attachment_only,
    looks_like_caption,
)
from .credits import byline_from_credits, parse_credit_line, split_trailing_credit
from .lines import Line
from .regions import SENTENCE_MARK_RE, is_furniture_line, is_nav_text


def _text_of(line: Line) -> str:
    """The line's text without a navigation link glued to its end (…仍将持续。返回腾讯网首页>>)."""
    text = line.text
    if line.links:
        last = line.links[-1].text
        if last and text.endswith(last) and len(last) < len(text) and is_nav_text(last):
            return text[: -len(last)].rstrip()
    return text


def read_body(body_lines: list[Line], base_url: str):
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
            # The body's last line is a caption only when it is no sentence at all (a product
            # name under its picture); a caption elsewhere is followed by more of the text.
            nxt = body_lines[i + 1] if i + 1 < len(body_lines) else None
            if nxt is not None and i + 2 == len(body_lines) and SENTENCE_MARK_RE.search(nxt.text):
                nxt = None
            if not caption and nxt is not None and looks_like_caption(nxt):
                caption, skip_next = nxt.text, True
            elif caption and not looks_like_caption(line):
                paragraphs[line.index] = _text_of(line)
                caption = ""
            if caption and images:
                images[-1]["caption"] = caption
            continue
        if line.text and not is_furniture_line(line):
            paragraphs[line.index] = _text_of(line)

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
