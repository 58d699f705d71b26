"""Validate: an article without a title, a date or a body is not stored as a broken article.

It is dropped with the reason, and the store records every dropped article in `failures`
(see StorePipeline.item_dropped), so nothing is lost silently.
"""

from __future__ import annotations

import re

from scrapy.exceptions import DropItem

from portscraper.items import ArticleItem

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?)?$")
# A body shorter than this (CJK characters or Latin words) is not an article's text.
MIN_BODY_WEIGHT = 10


def problems(item: ArticleItem) -> list[str]:
    found = []
    if not item.title.strip():
        found.append("no title found")
    if not item.published:
        found.append("no date found")
    elif not _ISO_DATE.match(item.published):
        found.append(f"date is not ISO 8601: {item.published!r}")
    if len(re.findall(r"[\u4e00-\u9fff]|[A-Za-z]{2,}", item.body)) < MIN_BODY_WEIGHT:
        found.append("no body text found")
    return found


class ValidatePipeline:
    def process_item(self, item, spider=None):
        if isinstance(item, ArticleItem):
            found = problems(item)
            if found:
                raise DropItem(f"invalid article: {'; '.join(found)}")
        return item
