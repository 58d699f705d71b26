"""The lines around the title: the kicker above it, the subtitle under it, and, on an old CMS
page whose head confirms no line, the title itself.

    title_from_layout(lines, start, crumbs) -> (TitleChoice | None, kicker, subtitle, english_line)
    kicker_and_subtitle(lines, title, start, crumbs) -> (kicker, subtitle)

An old CMS prints its header as a column of short lines above the date line: maybe a kicker
(引题, a short slogan), the title, maybe a subtitle (副题, often opening with ——). A long title
broken by <br> is one line to a reader. A kicker is plain text: no link, no button, no bar that
names the section; a salutation (各有关单位：) is the text's first line, not a subtitle.
"""

from __future__ import annotations

import re

from .body import find_body
from .credits import is_source_label, parse_credit_line
from .landmarks import ARTICLE_CRUMBS, HOME_CRUMBS
from .lines import Line, common_ancestor, depth
from .regions import find_date_line, is_back_line, is_furniture_line, is_info_line, is_tool_line
from .text import fold_word, text_weight
from .title import TitleChoice, could_be_title, title_block

_SUBTITLE_RE = re.compile(r"^\s*(?:——|--|—|─+|－－|━+)\s*")
_SENTENCE_END = ("。", ".", "！", "!", "？", "?", "；", ";", "，", ",", "：", ":")
# A kicker is a slogan of two short halves: 头雁领航 奋楫争先.
_SLOGAN_RE = re.compile(r"^\S{2,10}[\s\u3000]+\S{2,10}$")
# How many lines above the date line (or the body) an old CMS page prints its header in.
HEADER_LINES = 4
# A kicker has at least this much to read (广告位 is a placeholder, not a slogan).
MIN_KICKER_WEIGHT = 4

def title_from_layout(lines: list[Line], start: int, crumbs: list[str]):
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


def _joined(header: list[Line]) -> list[list[Line]]:
    """Header lines as a reader sees them: the lines of one title broken by <br> (a heading's,
    a bold block's, or one plain block's whose first line is no slogan) are one."""
    groups: list[list[Line]] = []
    for line in header:
        if groups and _one_title(groups[-1][-1], line):
            groups[-1].append(line)
        else:
            groups.append([line])
    return groups


def _one_title(above: Line, below: Line) -> bool:
    if below.index != above.index + 1 or _SUBTITLE_RE.match(below.text):
        return False
    block = title_block(above)
    if block is not None:
        return title_block(below) is block
    return (above.element is below.element and not _SLOGAN_RE.match(above.text)
            and not above.text.endswith(_SENTENCE_END))


def _text(group: list[Line]) -> str:
    text = group[0].text
    for line in group[1:]:
        text += line.text if not (text[-1:].isascii() and line.text[:1].isascii()) else (
            " " + line.text)
    return text


def _assign_header(header: list[Line]) -> dict:
    """Tell the kicker, title, subtitle and an English byline line apart."""
    out: dict = {}
    rest: list[list[Line]] = []
    for group in _joined(header):
        line = group[0]
        if _SUBTITLE_RE.match(line.text) and rest:
            out.setdefault("subtitle", _SUBTITLE_RE.sub("", line.text))
        elif parse_credit_line(line.text) or is_source_label(line.text) or is_info_line(line):
            continue
        else:
            rest.append(group)
    if not rest:
        return out
    i = _title_index(rest)
    out["title"] = TitleChoice(rest[i][0].index, rest[i][-1].index, _text(rest[i]),
                               "page:above-date")
    if i > 0 and len(rest[i - 1]) == 1 and could_be_kicker(rest[i - 1][0]):
        out["kicker"] = rest[i - 1][0].text
    below = rest[i + 1 :]
    if below and len(below[0]) == 1:
        line = below[0][0]
        if not line.text.endswith(_SENTENCE_END) and _short(line.text):
            if line.text.isascii():
                out["byline_line"] = line.text
            else:
                out.setdefault("subtitle", line.text)
    return out


def could_be_kicker(line: Line) -> bool:
    """A slogan above the title: plain short text, no link, no button, no placeholder."""
    return (not line.links and _short(line.text) and line.weight >= MIN_KICKER_WEIGHT
            and not is_tool_line(line) and not line.text.endswith(_SENTENCE_END))


def _title_index(rest: list[list[Line]]) -> int:
    """Which header line is the title: the one set in a heading, else the last (a kicker
    stands above the title, never below)."""
    emphasized = [i for i, group in enumerate(rest) if any(line.emphasis for line in group)]
    if len(emphasized) == 1:
        return emphasized[0]
    # An English byline line can sit under the title: prefer the last line that reads as a title.
    for i in range(len(rest) - 1, -1, -1):
        text = _text(rest[i])
        if not (text.isascii() and i > 0 and _short(text) and not _short(_text(rest[i - 1]))):
            return i
    return len(rest) - 1


def kicker_and_subtitle(lines: list[Line], title: TitleChoice, start: int, crumbs: list[str]):
    """The kicker is the short line right above a confirmed title, the subtitle a ——line (or a
    short line that is no sentence and no info line) right under it."""
    crumb_keys = {fold_word(c) for c in crumbs}
    kicker = subtitle = ""
    above = title.first - 1
    if above >= start:
        line = lines[above]
        if (could_be_title(line) and could_be_kicker(line)
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
