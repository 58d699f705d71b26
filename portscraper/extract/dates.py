"""Dates in the forms people print them, found in a line of text, a meta value or a URL.

    find_date(text) -> (iso, match) | None         the first full date in a text
    find_dates(text, year=None) -> list[FoundDate] every date, with how it was written
    url_date(url) -> str                           a date in a URL path ("" when none)

Forms (after NFKC, so full-width digits and separators read as ASCII: ２０２３－０４－２３):
- numeric: 2023-4-23, 2023/04/23, 2023.4.23, 2023年4月23日, 20230423 only in URLs; an optional
  time 10:22[:05] or 10时22分 (下午 03:05 and 3:05 PM are 15:05); a weekday after it (星期日,
  周日) changes nothing;
- Chinese numerals: 二〇二三年四月二十三日;
- two-digit years (23-4-23) and month-day without a year (4月23日, 04-23 10:22): only where
  the caller says the line is labelled as a date (发布时间：), the year from `year`;
- ISO 8601 from meta tags: 2019-09-07T13:43:45+08:00 (the local date and time are kept).

ISO output: "YYYY-MM-DD", or "YYYY-MM-DDTHH:MM[:SS]" when a time is given.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from .landmarks import NOT_ARTICLE_DATE
from .text import fold, to_simplified

# A time: 10:22, 10:22:05, 10时22分, with 上午/下午 before it or AM/PM after it.
_TIME = (r"(?:\s*(?P<ap1>上午|下午|晚上|凌晨|中午|早上)?\s*T?\s*(?P<H>\d{1,2})\s*[:：时]\s*"
         r"(?P<M>\d{1,2})(?:\s*[:：分]\s*(?P<S>\d{1,2}))?(?:\s*(?P<ap2>[AaPp]\.?[Mm]\.?))?)?")
_AFTERNOON = ("下午", "晚上", "p")
_FULL_RE = re.compile(
    r"(?<![\d.])(?P<y>(?:19|20)\d{2})\s*(?:[-/.]|年)\s*(?P<m>\d{1,2})\s*(?:[-/.]|月)\s*"
    r"(?P<d>\d{1,2})(?!\d)\s*日?(?:\s*[(（]?(?:星期|周|礼拜)[一二三四五六日天][)）]?)?" + _TIME
)
# A day followed by a time, or glued to it (a template's 18-03-0823:16 is 18-03-08 23:16).
_DAY_END = r"(?P<d>\d{1,2}?)(?:(?![\d.])|(?=\d{1,2}:\d{2}))"
_SHORT_YEAR_RE = re.compile(
    r"(?<![\d.])(?P<y>\d{2})\s*[-/.]\s*(?P<m>\d{1,2})\s*[-/.]\s*" + _DAY_END + _TIME)
# 04-23, 4月23日, and 10-0812:00 (a template that glues the time to the day).
_MONTH_DAY_RE = re.compile(
    r"(?<![\d.])(?P<m>\d{1,2})\s*(?:[-/]|月)\s*" + _DAY_END + r"\s*日?" + _TIME)
_CN_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "○": 0, "O": 0,
                                                                "Ｏ": 0}
_CN_DATE_RE = re.compile(
    r"(?P<y>[〇零○OＯ一二三四五六七八九]{4})\s*年\s*(?P<m>[一二三四五六七八九十]{1,3})\s*月\s*"
    r"(?P<d>[一二三四五六七八九十]{1,3})\s*日")
_URL_RES = (
    re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})[-_/]?(?P<m>0[1-9]|1[0-2])[-_/]?"
               r"(?P<d>0[1-9]|[12]\d|3[01])(?!\d)"),
    re.compile(r"/(?P<y>(?:19|20)\d{2})/(?P<m>\d{1,2})/(?P<d>\d{1,2})/"),
)


@dataclass
class FoundDate:
    iso: str
    start: int  # span in the text as given
    end: int
    form: str  # "full", "chinese", "short-year", "month-day"


def _normalize(text: str) -> str:
    """Full-width digits, colons and dashes to ASCII, Traditional 時 to 时. NFKC keeps the
    length of CJK text, but not of every character; callers use spans only on this form."""
    return to_simplified(unicodedata.normalize("NFKC", text))


def _iso(y: int, m: int, d: int, match: re.Match | None = None) -> str | None:
    try:
        iso = date(y, m, d).isoformat()
    except ValueError:
        return None
    if match is not None and match["H"] is not None:
        hour, minute = int(match["H"]), int(match["M"])
        half = (match["ap1"] or match["ap2"] or "").lower()[:2].rstrip(".")
        if half and (half in _AFTERNOON or half.startswith("p")) and hour < 12:
            hour += 12  # 下午 03:05, 3:05 PM
        elif half and hour == 12 and (half in ("凌晨", "上午", "早上") or half.startswith("a")):
            hour = 0
        if hour < 24 and minute < 60:
            iso += f"T{hour:02d}:{minute:02d}"
            if match["S"] is not None and int(match["S"]) < 60:
                iso += f":{int(match['S']):02d}"
    return iso


def _cn_number(text: str) -> int:
    """一 .. 三十一 as an int (months and days)."""
    if "十" not in text:
        return _CN_DIGITS.get(text, 0)
    tens, _, units = text.partition("十")
    return (_CN_DIGITS.get(tens, 0) if tens else 1) * 10 + _CN_DIGITS.get(units, 0)


def find_dates(text: str, year: int | None = None, labelled: bool = False) -> list[FoundDate]:
    """Every date in `text`, in order. Two-digit years and month-day dates count only when
    `labelled` (the line says it is a date: 发布时间：23-4-23) and, for month-day, a `year` is
    known from elsewhere (the URL, the head, another date of the page)."""
    norm = _normalize(text)
    found: list[FoundDate] = []
    taken: list[tuple[int, int]] = []

    def add(match, iso, form):
        if iso and not any(s < match.end() and match.start() < e for s, e in taken):
            taken.append((match.start(), match.end()))
            found.append(FoundDate(iso, match.start(), match.end(), form))

    for match in _FULL_RE.finditer(norm):
        add(match, _iso(int(match["y"]), int(match["m"]), int(match["d"]), match), "full")
    for match in _CN_DATE_RE.finditer(norm):
        y = int("".join(str(_CN_DIGITS[c]) for c in match["y"]))
        add(match, _iso(y, _cn_number(match["m"]), _cn_number(match["d"])), "chinese")
    if labelled:
        for match in _SHORT_YEAR_RE.finditer(norm):
            add(match, _iso(2000 + int(match["y"]), int(match["m"]), int(match["d"]), match),
                "short-year")
        if year:
            for match in _MONTH_DAY_RE.finditer(norm):
                add(match, _iso(year, int(match["m"]), int(match["d"]), match), "month-day")
    return sorted(found, key=lambda f: f.start)


def find_date(text: str) -> tuple[str, FoundDate] | None:
    """The first full date in `text` (no guessing of years) as (ISO 8601, where it was)."""
    found = find_dates(text)
    return (found[0].iso, found[0]) if found else None


def url_date(url: str) -> str:
    """A date written in a URL's path: /2023/0423/, /202304/t20230423_123.html,
    art/2023/4/23/art_1_2.html, /20230423/; "" when there is none."""
    path = url.split("?", 1)[0].split("://", 1)[-1]
    path = path[path.find("/"):] if "/" in path else ""
    for pattern in _URL_RES:
        for match in pattern.finditer(path):
            iso = _iso(int(match["y"]), int(match["m"]), int(match["d"]))
            if iso:
                return iso
    return ""


def meta_date(value: str) -> str:
    """A date from a meta tag's content: ISO 8601 with a zone keeps the local time as written
    (2019-09-07T13:43:45+08:00 -> 2019-09-07T13:43:45); "" when it holds no full date."""
    found = find_dates(value)
    return found[0].iso if found else ""


def is_furniture_date(text: str) -> bool:
    """A date line that belongs to the page, not the article (today's date, copyright)."""
    key = fold(text)
    return any(word in key for word in NOT_ARTICLE_DATE)
