"""Dedupe: which stored article, if any, is this item?

- the same canonical URL as before: that article (the store decides unchanged or updated);
- the same page at another address of the site (http or https, with or without www., a host
  name of SITE_ALIASES): that article too, as when a site moves; it gains the new URL;
- a new URL with the same title and text as a stored article: a press release posted twice,
  merged into that article, its URL kept;
- same title, different text (集团召开安全生产工作会议 comes every year): a new article;
- a URL already stored in this run: dropped.
"""

from __future__ import annotations

from scrapy.exceptions import DropItem

from portscraper.crawl.archive_access import archive_for
from portscraper.crawl.items import ArticleItem
from portscraper.extract.urls import same_site_urls, site_hosts


class DedupePipeline:
    def __init__(self, archive, aliases=()):
        self.archive = archive
        self.aliases = tuple(aliases)
        self.seen_urls: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler):
        return cls(archive_for(crawler), crawler.settings.getlist("SITE_ALIASES"))

    def process_item(self, item, spider=None):
        if not isinstance(item, ArticleItem):
            return item
        if item.url in self.seen_urls:
            raise DropItem(f"duplicate in this crawl: {item.url}")
        self.seen_urls.add(item.url)
        for found_by, find in (
                ("url", lambda: self.archive.article_id_for_url(item.url)),
                ("moved", lambda: self.archive.article_id_for_any_url(
                    same_site_urls(item.url, site_hosts(item.url, self.aliases))[1:])),
                ("double post", lambda: self.archive.double_post_of(
                    {"title": item.title, "body": item.body}))):
            item.article_id = find()
            if item.article_id is not None:
                item.found_by = found_by
                break
        return item
