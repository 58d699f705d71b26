"""The NormalizePipeline: every item's fields as `extract.normalize.normalize_fields`
makes them, the same as `portscraper import` and `reparse` store."""

from __future__ import annotations

from portscraper.crawl.items import ArticleItem
from portscraper.extract.normalize import TEXT_FIELDS, normalize_fields


class NormalizePipeline:
    def __init__(self, id_params):
        self.id_params = id_params

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.settings.getlist("ARTICLE_ID_PARAMS"))

    def process_item(self, item, spider=None):
        if not isinstance(item, ArticleItem):
            return item
        fields = normalize_fields({name: getattr(item, name)
                                   for name in ("url", *TEXT_FIELDS, "credits")}, self.id_params)
        for name, value in fields.items():
            setattr(item, name, value)
        return item
