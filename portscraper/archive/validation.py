"""What makes an article storable: a title, an ISO date and a body. No Scrapy here.

The crawl's ValidatePipeline, `portscraper import` and `portscraper reparse` apply the same
rule, so a page that the crawl would refuse is refused by the others too.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?)?$")
# A body shorter than this (CJK characters or Latin words) is not an article's text.
MIN_BODY_WEIGHT = 10


def problems(fields: Mapping) -> list[str]:
    """What is missing from an article's fields (title, published, body); [] when none."""
    found = []
    if not (fields.get("title") or "").strip():
        found.append("no title found")
    published = fields.get("published") or ""
    if not published:
        found.append("no date found")
    elif not _ISO_DATE.match(published):
        found.append(f"date is not ISO 8601: {published!r}")
    if len(re.findall(r"[\u4e00-\u9fff]|[A-Za-z]{2,}", fields.get("body") or "")) < \
            MIN_BODY_WEIGHT:
        found.append("no body text found")
    return found
