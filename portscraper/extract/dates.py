"""Dates as these sites print them: 2023-4-23, 2023-04-23, 2023年4月23日, 2023/4/23,
2023.4.23, with an optional time, labels (发布时间：) and other things (浏览次数：12,
来源：…) on the same line.
"""

from __future__ import annotations

import re
from datetime import date

from .landmarks import NOT_ARTICLE_DATE
from .text import fold, to_simplified

_DATE_RE = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d{2})\s*(?:[-/.]|年)\s*(?P<m>\d{1,2})\s*(?:[-/.]|月)\s*"
    r"(?P<d>\d{1,2})(?!\d)\s*日?"
    r"(?:\s*(?P<H>\d{1,2})\s*[:：时]\s*(?P<M>\d{2})(?:\s*[:：分]\s*(?P<S>\d{2}))?)?"
)


def find_date(text: str) -> tuple[str, re.Match[str]] | None:
    """The first valid date in `text` as ISO 8601 ("2023-04-23" or "2023-04-23T10:30[:00]")."""
    for match in _DATE_RE.finditer(to_simplified(text)):
        y, m, d = int(match["y"]), int(match["m"]), int(match["d"])
        try:
            day = date(y, m, d)
        except ValueError:
            continue
        iso = day.isoformat()
        if match["H"] is not None:
            hour, minute = int(match["H"]), int(match["M"])
            if hour < 24 and minute < 60:
                iso += f"T{hour:02d}:{minute:02d}"
                if match["S"] is not None:
                    iso += f":{match['S']}"
        return iso, match
    return None


def is_furniture_date(text: str) -> bool:
    """A date line that belongs to the page, not the article (today's date, copyright)."""
    key = fold(text)
    return any(word in key for word in NOT_ARTICLE_DATE)
