"""The article's publication date: the date line a reader sees, with the head and URL as evidence.

    choose_date(lines, head, url, title, start) -> DateChoice

Candidates are visible date lines (not a sidebar's or a list's, not 今天是 or a copyright line),
each read as a reader would:
- a *header* date: on a line near the title (under it, or just above it), or under a label
  (发布时间：, 日期：, 时间：) anywhere outside lists - the article's own date line. A link on
  the line (来源 link, 举报) does not matter; a date split over several short elements
  (2019 / 09/07 / 19:02) is read as one;
- a *text* date: inside a paragraph of the article (2023年4月20日上午，集团…) - it never
  beats a header date.
Then:
1. one header date, or several on the same day: it wins ("page", "page+head" when the head
   agrees); an update date (最后更新：) only when there is no other;
2. several header dates on different days: the labelled ones, of those the one the head's
   date names, else the first under the title ("page+head" / "page");
3. none: the head's date ("head:<tag>"), else the URL's ("url"), else a date line of its own
   further down (a notice's date under its signature, "page"), else a text date ("page:text").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .dates import find_dates, is_furniture_date, meta_date, url_date
from .head import Head
from .landmarks import (
    CREDIT_ROLES,
    DATE_LABELS,
    EARLIEST_PAGE_YEAR,
    EDITION_WORDS,
    SOURCE_LABELS,
    UPDATE_DATE_LABELS,
    WRITTEN_DATE_LABELS,
)
from .lines import Line
from .regions import in_link_list, is_info_line
from .text import fold, text_weight

# How far (in lines) from the title a date line counts as the title's: the source, share bar
# and counters of modern templates sit between them.
NEAR_TITLE = 12
_LABEL_RE = re.compile(
    "(?:" + "|".join(sorted((re.escape(w) for w in DATE_LABELS + UPDATE_DATE_LABELS),
                            key=len, reverse=True)) + r")\s*[:：]?\s*[\[(（【]?\s*$")
_LINK_LABEL_RE = re.compile(
    "(?:" + "|".join(re.escape(w) for w in SOURCE_LABELS + CREDIT_ROLES) + r")\s*[:：]?\s*$")
_UPDATE_RE = re.compile("|".join(re.escape(w) for w in UPDATE_DATE_LABELS))
_WRITTEN_RE = re.compile("|".join(re.escape(w) for w in WRITTEN_DATE_LABELS))
# A label alone on its line, its date on the next (an information table's cells: 生成日期： /
# 2023-05-11).
_LABEL_ONLY_RE = re.compile(
    "^(?:" + "|".join(sorted((re.escape(w) for w in DATE_LABELS + UPDATE_DATE_LABELS),
                             key=len, reverse=True)) + r")\s*[:：]?$")
_SENTENCE_END_RE = re.compile(r"[。！？!?]")
# An e-paper's masthead line: 第04版, A3版, 版次 (never 版权).
_EDITION_RE = re.compile(r"(?:第\s*[0-9a-z]{1,3}\s*版|(?<![0-9a-z])[0-9a-z]{1,3}\s*版)(?!权)|"
                         + "|".join(EDITION_WORDS))
_MAY_HOLD_DATE_RE = re.compile(r"\d|[０-９]|〇|年")
_SENTENCE_RE = re.compile(r"[。，！？；,!?;]")
# A line that holds nothing but digits and separators: one part of a date split over elements.
_DATE_PART_RE = re.compile(r"^[\d\s:：/\-.年月日时分]{2,12}$")


@dataclass
class DateChoice:
    published: str  # ISO, or ""
    index: int | None  # the line it was read from (None: head, URL or nothing)
    evidence: str  # "page", "page+head", "page:text", "head:<tag>", "url", ""


@dataclass
class _Candidate:
    iso: str
    index: int
    labelled: bool
    update: bool
    in_text: bool
    near_title: bool
    written: bool = False  # under 成文日期 and the like: the day it was written, not published
    masthead: bool = False  # an e-paper's masthead line above the title: the issue's date


def context_year(head: Head, url: str) -> int | None:
    """The year a month-day date belongs to, from the head or the URL."""
    for value, _ in head.dates + head.modified:
        iso = meta_date(value)
        if iso:
            return int(iso[:4])
    iso = url_date(url)
    return int(iso[:4]) if iso else None


def date_candidates(lines: list[Line], start: int, title_last: int | None,
                    year: int | None, expected: str = "") -> list[_Candidate]:
    """Every visible date line from `start`. `expected`: the day the head or the URL gives, so
    that an unlabelled month-day (09月18日 09:05) that agrees with it is read, with its time."""
    out = []
    for line in lines[start:]:
        text = line.text
        if not text or len(text) > 300 or not _MAY_HOLD_DATE_RE.search(text):
            continue
        text = _with_split_parts(lines, line)
        found = find_dates(text, year, labelled=True)
        if not found or is_furniture_date(text) or _in_list(line):
            continue
        key = fold(text)
        # The spans of find_dates are in the NFKC form of the text (full-width digits as ASCII).
        norm = unicodedata.normalize("NFKC", text)
        label_line = _label_above(lines, line)
        # The masthead line above an e-paper article's title: the issue's date, as if labelled.
        masthead = title_last is not None and line.index < title_last and bool(
            _EDITION_RE.search(key)) and not _SENTENCE_END_RE.search(text)
        for date in found:
            if int(date.iso[:4]) < EARLIEST_PAGE_YEAR:
                continue  # an event the text names, decades before any site (1967年4月23日)
            before = fold(norm[: date.start])
            # A label inside a sentence (…在莫斯科时间1967年4月23日凌晨升空的，…) labels nothing.
            sentence = bool(_SENTENCE_END_RE.search(norm)) and not is_info_line(line)
            labelled = not sentence and bool(_LABEL_RE.search(before[-16:]))
            if not labelled and label_line and not before:
                labelled, before = True, label_line
            if date.form in ("short-year", "month-day") and not labelled and (
                    date.iso[:10] != expected):
                continue
            # 2018年3月20日，第十三届全国人大…: a sentence that names a day, wherever in it.
            rest = norm[: date.start] + norm[date.end :]
            in_text = not labelled and not is_info_line(line) and text_weight(rest) >= 6 and (
                bool(_SENTENCE_RE.search(rest)))
            near = title_last is not None and (
                title_last < line.index <= title_last + NEAR_TITLE
                or title_last - 3 <= line.index < title_last)
            out.append(_Candidate(date.iso, line.index, labelled,
                                  bool(_UPDATE_RE.search(before[-16:] or key)), in_text, near,
                                  labelled and bool(_WRITTEN_RE.search(before[-16:])),
                                  masthead))
            break  # the first date of a line is its date (发布时间：… 更新时间：… follows)
    return out


def _label_above(lines: list[Line], line: Line) -> str:
    """The folded date label standing alone on the line above (生成日期：), or ""."""
    if line.index == 0:
        return ""
    above = fold(lines[line.index - 1].text)
    return above if _LABEL_ONLY_RE.match(above) else ""


def _in_list(line: Line) -> bool:
    """A date printed beside a title in a list of links (a sidebar, related news), not a date
    line on which a labelled link stands (来源：<a>新京报</a>, 作者：<a>…</a>)."""
    if not in_link_list(line):
        return False
    heavy = [link for link in line.links if text_weight(link.text) >= 6]
    if not heavy:
        return True  # the item's title link stands on another line of the item
    text = fold(line.text)
    for link in heavy:
        key = fold(link.text)
        before = text[: text.find(key)] if key in text else text
        if not _LINK_LABEL_RE.search(before[-8:]):
            return True
    return False


def _with_split_parts(lines: list[Line], line: Line) -> str:
    """A date split over elements, in any order (2019 / 09/07 / 19:02, 23 / 2023-04,
    04/23 / 2023), read as one line: 2019-09-07 19:02."""
    if not _DATE_PART_RE.match(line.text):
        return line.text
    parts = [line.text]
    for nxt in lines[line.index + 1 : line.index + 3]:
        if not _DATE_PART_RE.match(nxt.text):
            break
        parts.append(nxt.text)
    year = month = day = time = None
    for part in (p.strip() for p in parts):
        if m := re.fullmatch(r"((?:19|20)\d{2})(?:[-/.年](\d{1,2})月?)?", part):
            year, month = m[1], m[2] or month
        elif m := re.fullmatch(r"(\d{1,2})[-/.月](\d{1,2})日?", part):
            month, day = m[1], m[2]
        elif m := re.fullmatch(r"(\d{1,2})日?", part):
            day = m[1]
        elif re.fullmatch(r"\d{1,2}[:：]\d{2}(?:[:：]\d{2})?", part):
            time = part
    if year and month and day:
        return f"{year}-{month}-{day}" + (f" {time}" if time else "")
    return line.text


def choose_date(lines: list[Line], head: Head, url: str, title_last: int | None,
                start: int = 0) -> DateChoice:
    """See the module's rules."""
    head_iso = next((iso for value, _ in head.dates if (iso := meta_date(value))), "")
    head_tag = next((tag for value, tag in head.dates if meta_date(value)), "")
    expected = head_iso[:10] or url_date(url)
    candidates = date_candidates(lines, start, title_last, context_year(head, url), expected)
    # An e-paper's issue date (its masthead line) when nothing under the title gives a date,
    # or when the URL names the same issue.
    issue = next((c for c in candidates if c.masthead), None)
    if issue and (issue.iso[:10] == url_date(url) or not any(
            not c.in_text and not c.masthead and (c.near_title or c.labelled)
            for c in candidates)):
        agree = bool(head_iso) and head_iso[:10] == issue.iso[:10]
        return DateChoice(issue.iso, issue.index, "page+head" if agree else "page")
    header = [c for c in candidates if not c.in_text and (c.near_title or c.labelled)]
    if header and any(not c.update for c in header):
        header = [c for c in header if not c.update]
    if header:
        days = {c.iso[:10] for c in header}
        if len(days) == 1:
            pick = _first_after_title(header, title_last)
        else:
            # Labelled lines first (发布时间：), then the one the head names, then the first.
            labelled = [c for c in header if c.labelled] or header
            # 发布日期 over 成文日期: the day it was published, not the day it was written.
            labelled = [c for c in labelled if not c.written] or labelled
            agreeing = [c for c in labelled if head_iso and c.iso[:10] == head_iso[:10]]
            pick = agreeing[0] if agreeing else _first_after_title(labelled, title_last)
        agree = bool(head_iso) and head_iso[:10] == pick.iso[:10]
        return DateChoice(pick.iso, pick.index, "page+head" if agree else "page")
    if head_iso and int(head_iso[:4]) >= EARLIEST_PAGE_YEAR:
        return DateChoice(head_iso, None, f"head:{head_tag}")
    from_url = url_date(url)
    if from_url and int(from_url[:4]) >= EARLIEST_PAGE_YEAR:
        return DateChoice(from_url, None, "url")
    # A date line of its own elsewhere under the title: a notice's date under its signature.
    below = [c for c in candidates if title_last is None or c.index > title_last]
    loose = [c for c in below if not c.in_text]
    if loose:
        return DateChoice(loose[0].iso, loose[0].index, "page")
    text = [c for c in below if c.in_text]
    if text:
        return DateChoice(text[0].iso, text[0].index, "page:text")
    return DateChoice("", None, "")


def _first_after_title(candidates: list[_Candidate], title_last: int | None) -> _Candidate:
    if title_last is not None:
        after = [c for c in candidates if c.index > title_last]
        if after:
            return after[0]
    return candidates[0]
