"""Dedupe: which stored article, if any, is this item?

- the same canonical URL as before: that article (the store decides unchanged or updated);
- a new URL with the same title and text as a stored article: a press release posted twice,
  merged into that article, its URL kept;
- same title, different text (集团召开安全生产工作会议 comes every year): a new article;
- a URL already stored in this run: dropped.
"""

from __future__ import annotations

from scrapy.exceptions import DropItem

from portscraper.archive_access import archive_for
from portscraper.items import ArticleItem


class DedupePipeline:
    def __init__(self, archive):
        self.archive = archive
        self.seen_urls: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler):
        return cls(archive_for(crawler))

    def process_item(self, item, spider=None):
        if not isinstance(item, ArticleItem):
            return item
        if item.url in self.seen_urls:
            raise DropItem(f"duplicate in this crawl: {item.url}")
        self.seen_urls.add(item.url)
        item.article_id = (self.archive.article_id_for_url(item.url)
                           or self.archive.double_post_of({"title": item.title,
                                                           "body": item.body}))
        return item
