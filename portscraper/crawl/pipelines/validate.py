"""Validate: an article without a title, a date or a body is not stored as a broken article.

It is dropped with the reason, and the store records every dropped article in `failures`
(see StorePipeline.item_dropped), so nothing is lost silently. The rule itself is
portscraper.archive.validation.problems, which `portscraper import` and `reparse` apply too.
"""

from __future__ import annotations

from scrapy.exceptions import DropItem

from portscraper.archive.validation import problems
from portscraper.crawl.items import ArticleItem


class ValidatePipeline:
    def process_item(self, item, spider=None):
        if isinstance(item, ArticleItem):
            found = problems(vars(item))
            if found:
                raise DropItem(f"invalid article: {'; '.join(found)}")
        return item
