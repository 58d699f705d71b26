"""Normalize: canonical URL, Unicode NFC and trimmed white space in every text field."""

from __future__ import annotations

import unicodedata

from portscraper.items import ArticleItem
from portscraper.urls import canonical_url

TEXT_FIELDS = ("title", "kicker", "subtitle", "section", "byline", "body")


def _text(value: str) -> str:
    return unicodedata.normalize("NFC", value).strip()


class NormalizePipeline:
    def __init__(self, id_params):
        self.id_params = id_params

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.settings.getlist("ARTICLE_ID_PARAMS"))

    def process_item(self, item, spider=None):
        if not isinstance(item, ArticleItem):
            return item
        item.url = canonical_url(item.url, self.id_params)
        for name in TEXT_FIELDS:
            setattr(item, name, _text(getattr(item, name)))
        item.body = "\n".join(line.strip() for line in item.body.split("\n") if line.strip())
        item.credits = {_text(role): [_text(n) for n in names]
                        for role, names in item.credits.items()}
        return item
