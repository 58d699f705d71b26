"""Where things are on a page, in lines: the breadcrumb, the article's date line, the body.

Each function takes the page's lines (see `lines.render_lines`) and answers with line indexes.
The order of a reader's page is what they rely on: breadcrumb, (kicker), title, date, body,
credits, 上一篇/下一篇, 返回. Sidebars and footers are told apart by what they are (lists of
links with dates, copyright lines), not by where a template happens to put them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .dates import find_date, is_furniture_date
from .landmarks import (
    AFTER_BODY_CONTAINS,
    AFTER_BODY_HEADINGS,
    AFTER_BODY_PATTERNS,
    AFTER_BODY_STARTS,
    ARTICLE_CRUMBS,
    BACK_WORDS,
    BREADCRUMB_LABELS,
    BREADCRUMB_SEPARATORS,
    COUNTER_LABELS,
    FOOTER_WORDS,
    HOME_CRUMBS,
    INFO_LABELS,
    NOT_BACK_WORDS,
    PREV_NEXT_ARTICLE,
    SHORT_LINE_CHARS,
    SOURCE_LABELS,
    TOOL_WORDS,
)
from .lines import Line, ancestors
from .pagination import is_pager_line  # an article's own pager ends its text
from .text import clean_line, fold, fold_word, text_weight

_DIGITS_RE = re.compile(r"\d{4}")
_LEADING_JUNK_RE = re.compile(r"^[^\w\u4e00-\u9fff]+")
# (?<!\s): a match starts where spaces start, not again from each space of a long run.
_SEPARATOR_RE = re.compile(rf"(?<!\s)\s*{BREADCRUMB_SEPARATORS}\s*")
_LABEL_COLON_RE = re.compile(r"^[^:：]{0,16}[:：]")
_TOOL_SET = frozenset(TOOL_WORDS)
# The most reading a list item (a title, a date, a source) holds.
LIST_ITEM_MAX_WEIGHT = 80


@dataclass
class Breadcrumb:
    index: int  # the line holding the crumbs
    crumbs: list[str]  # as printed, home included


_BREADCRUMB_LABEL_RE = re.compile(r"^[^\w\u4e00-\u9fff]*(?:" + "|".join(
    re.escape(lb) for lb in sorted(BREADCRUMB_LABELS, key=len, reverse=True)) + ")")


def find_breadcrumb(lines: list[Line]) -> Breadcrumb | None:
    """The 您的位置 line: `您的位置：首页 > 新闻中心 > 集团新闻` -> its crumbs."""
    for line in lines:
        text = line.text
        if len(text) > 160 or not _BREADCRUMB_LABEL_RE.match(line.key):
            continue
        rest = _strip_label(text)
        # A short label like 位置 or Location must be followed by a trail, not by prose.
        crumbs = split_crumbs(rest)
        if not crumbs and line.index + 1 < len(lines):
            crumbs = split_crumbs(lines[line.index + 1].text)
        if crumbs and (len(crumbs) > 1 or fold(crumbs[0]) in HOME_CRUMBS or line.links):
            return Breadcrumb(line.index, crumbs)
    # No label: a trail that starts at the home page (首页 > 新闻中心, 首页 - 新闻动态). Only
    # arrows and dashes separate it: 首页 | 关于我们 | 联系我们 is a menu.
    for line in lines:
        if len(line.text) > 80 or not _TRAIL_RE.search(line.text):
            continue
        crumbs = [clean_line(p) for p in _TRAIL_RE.split(line.text) if clean_line(p)]
        if len(crumbs) > 1 and fold_word(crumbs[0]) in HOME_CRUMBS:
            return Breadcrumb(line.index, crumbs)
    return None


_TRAIL_RE = re.compile(r"(?<!\s)\s*(?:>>|>|»|›|＞|→|〉)\s*|(?<!\s)\s+[-–—]{1,2}\s+")


def _strip_label(text: str) -> str:
    text = _LEADING_JUNK_RE.sub("", text)
    match = _LABEL_COLON_RE.match(text)
    if match:
        return text[match.end() :]
    # "Location Home > News": no colon, drop the first word.
    return text.split(None, 1)[1] if " " in text else ""


def split_crumbs(text: str) -> list[str]:
    parts = [clean_line(p) for p in _SEPARATOR_RE.split(text)]
    return [p for p in parts if p and not re.fullmatch(r"[\W_]+", p)]


def section_crumbs(crumbs: list[str], title: str = "") -> list[str]:
    """The crumbs that name sections: no home, no 正文, not the article's own title."""
    out = []
    for crumb in crumbs:
        key = fold_word(crumb)
        if key in HOME_CRUMBS or key in ARTICLE_CRUMBS:
            continue
        if title and (key == fold_word(title) or _is_truncation_of(crumb, title)):
            continue
        out.append(crumb)
    return out


def _is_truncation_of(crumb: str, title: str) -> bool:
    stem = re.sub(r"(…+|\.{2,})$", "", crumb).strip()
    return len(stem) >= 6 and stem != crumb and fold(title).startswith(fold(stem))


# --- line classes -----------------------------------------------------------------------------


def is_tool_line(line: Line) -> bool:
    """【字体：大 中 小】【打印】【关闭窗口】, 字号 A+ A A-, 分享到 微信 微博 and the like."""
    return is_tool_text(line.text)


@lru_cache(maxsize=65536)  # a line is asked about by the title, the date and the body readers
def is_tool_text(text: str) -> bool:
    if len(text) > 80:
        return False  # a row of controls is short; this spares long paragraphs the split
    words = [fold(w) for w in re.split(r"[\s【】\[\]|｜/()（）,，、·•]+", text) if w]
    words = [w.split(":")[-1].split("：")[-1] for w in words]
    words = [_TOOL_TRIM_RE.sub("", w) if w not in _TOOL_SET else w for w in words]
    return bool(words) and any(words) and all(not w or w in _TOOL_SET for w in words)


_TOOL_TRIM_RE = re.compile(r"^[>»<«]+|(?<![>»<«])[>»<«]+$|(?<!\d)\d+$")  # linear: see _SEPARATOR_RE

_COUNTER_RE = re.compile(
    r"^(?:(?:" + "|".join(re.escape(w) for w in COUNTER_LABELS) + r")[:：]?\s*\d*\s*次?)+$")
# Possessive runs (Python 3.11): the two runs of rule characters cannot trade characters, which
# took time quadratic in a long line of dots (40,000 dots: 30 s).
_RULE_RE = re.compile(r"^[-—=_─━·.*\s]{3,}+(?:(?:分隔线|分割线)[-—=_─━·.*\s]*+)?$")


def is_furniture_line(line: Line) -> bool:
    """A hit counter on its own (浏览次数：123) or a rule of dashes (-----分隔线-----)."""
    key = fold(line.text)
    return bool(_COUNTER_RE.match(key) or _RULE_RE.match(line.text))


_NAV_TEXT_RE = re.compile(
    r"^返回.{0,8}(?:首页|顶部|列表|主页)$|^(?:查看|阅读)?更多$|^返回.{0,8}[，,]?查看更多$")


def is_nav_text(text: str) -> bool:
    """A link's words that only move the reader: 返回腾讯网首页>>, 返回顶部, 更多>>."""
    word = fold_word(text)
    return bool(_NAV_TEXT_RE.match(word)) or word in BACK_WORDS or word in NOT_BACK_WORDS


def is_back_line(line: Line) -> bool:
    """返回, 【返回列表】, >> 返 回 <<: the back link. An English word (return, back) counts
    only as a link's text: a line of code or prose may be just "return"."""
    if not line.text.isascii() and line.word in _BACK_SET:
        return True
    return any(fold_word(link.text) in _BACK_SET for link in line.links)


_BACK_SET = frozenset(BACK_WORDS) - frozenset(NOT_BACK_WORDS)


_PREV_NEXT_CJK = tuple(w for w in PREV_NEXT_ARTICLE if not w.isascii())


def is_prev_next_line(line: Line) -> bool:
    return line.word.startswith(_PREV_NEXT_CJK)


def is_footer_line(line: Line) -> bool:
    """版权所有 © …, ICP备案号, 技术支持：… - not a sentence that happens to say 提供技术支持。"""
    text = line.text
    if len(text) > 240 or text.endswith(("。", "！", "？")):
        return False
    return bool(_FOOTER_RE.search(line.key))


_FOOTER_RE = re.compile("|".join(re.escape(w) for w in FOOTER_WORDS))


def is_after_body_heading(line: Line) -> bool:
    return line.word in AFTER_BODY_HEADINGS


def is_after_body_line(line: Line) -> bool:
    """A line that says the article has ended: 分享到, 标签：, 特别声明, 相关阅读, 网友评论,
    阅读全文, 本文仅代表作者观点, 上一篇/下一篇 (landmarks.AFTER_BODY_*)."""
    key = _LEADING_JUNK_RE.sub("", line.key)
    if key.startswith(AFTER_BODY_STARTS):
        return True
    return len(key) <= SHORT_LINE_CHARS and bool(_AFTER_BODY_RE.search(key))


_AFTER_BODY_RE = re.compile("|".join(
    [re.escape(w) for w in AFTER_BODY_CONTAINS] + list(AFTER_BODY_PATTERNS)))
_INFO_RE = re.compile(
    r"(?:^|[\s|｜/:：\[【(（])(?:" + "|".join(re.escape(w) for w in sorted(
        INFO_LABELS + SOURCE_LABELS, key=len, reverse=True)) + r")\s*[:：]")


def is_info_line(line: Line) -> bool:
    """A line describing the article, not part of it: 来源：新华社, 作者：X 编辑：Y,
    2019-09-07 09:25 来源：观察者网 字号：A- A A+, 浏览次数：12."""
    text = line.text
    if len(text) > 160 or text.endswith(("。", "！", "？", "!", "?")):
        return False
    return bool(_INFO_RE.search(line.key))


def in_link_list(line: Line) -> bool:
    """Is this line part of a list of links (a sidebar or list item), e.g. its date column?"""
    if any(text_weight(link.text) >= 6 for link in line.links):
        return True
    for el in ancestors(line.element)[:4]:
        if el.tag in ("li", "tr", "dd", "dt"):
            # A list item is small; a "row" holding half the page is broken markup's doing
            # (closing tags left out nest everything that follows inside it).
            if text_weight(el.text_content()) > LIST_ITEM_MAX_WEIGHT:
                return False
            return any(text_weight(clean_line(a.text_content())) >= 6 for a in el.iter("a"))
    return False


def is_terminator(line: Line) -> bool:
    """Lines the article body never runs past."""
    if len(line.text) > 240:
        return is_after_body_line(line)  # the others are short lines
    return (
        is_back_line(line)
        or (not line.text.isascii() and is_nav_text(line.text))
        or is_prev_next_line(line)
        or is_footer_line(line)
        or is_after_body_heading(line)
        or is_after_body_line(line)
        or is_pager_line(line)
    )


# --- the date line and the body ---------------------------------------------------------------


@dataclass
class DateLine:
    index: int
    published: str


def find_date_line(lines: list[Line], start: int = 0) -> DateLine | None:
    """The article's date line: a short line with a date, right under the title, above the body.

    Sidebars (最新动态), lists and footers also print dates: a candidate must not be part of a
    list of links, must not be today's date or a copyright line, and is ranked by the reading
    that follows it (a body) and the line above it (a title, not a link).
    """
    best: tuple[tuple[int, int], DateLine] | None = None
    for line in lines[start:]:
        text = line.text
        if len(text) > 160 or not _DIGITS_RE.search(text):
            continue
        found = find_date(text)
        if not found or is_furniture_date(text) or in_link_list(line):
            continue
        score = (_has_title_above(lines, line.index), _reading_after(lines, line.index))
        if score[1] == 0:
            continue
        if best is None or score > best[0]:
            best = (score, DateLine(line.index, found[0]))
    return best[1] if best else None


def _has_title_above(lines: list[Line], index: int) -> int:
    for line in reversed(lines[max(0, index - 4) : index]):
        if is_tool_line(line) or not line.text:
            continue
        return int(not line.is_link_line and line.weight >= 4)
    return 0


def _reading_after(lines: list[Line], index: int, window: int = 8) -> int:
    total = 0
    for line in lines[index + 1 : index + 1 + window]:
        if is_terminator(line):
            break
        if is_paragraph(line):
            total += line.weight
    return total


def is_paragraph(line: Line) -> bool:
    """Running text: not mostly links, not a tool line, long enough to be read."""
    if line.is_link_line or is_tool_line(line) or is_furniture_line(line):
        return False
    text = line.text
    if line.weight >= 40 and not SENTENCE_MARK_RE.search(text):
        return False  # a long line without a sentence mark is a list of keywords or tags
    return line.weight >= 12 or text.endswith(("。", ".", "！", "？", "，", "!", "?"))


SENTENCE_MARK_RE = re.compile(r"[。，！？；：、,.!?;]")
