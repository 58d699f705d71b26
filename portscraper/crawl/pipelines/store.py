"""Store: articles, failures and list pages into the archive, each in its own transaction.

Also records every dropped article (invalid, or a duplicate of this crawl) as a failure, and
every item whose processing raised an exception (in any pipeline, or here: Scrapy's item_error
signal) as a failure of kind `error`, so that nothing the spider found is lost without a trace.
"""

from __future__ import annotations

import sqlite3
from dataclasses import asdict

from scrapy import signals
from scrapy.exceptions import DropItem

from portscraper.crawl.archive_access import archive_failed, archive_for, archive_unwritable
from portscraper.crawl.failures import error_of_item
from portscraper.crawl.items import ArticleItem, FailureItem, ListPageItem


class StorePipeline:
    def __init__(self, crawler):
        self.crawler = crawler
        self.archive = archive_for(crawler)
        crawler.signals.connect(self.item_dropped, signal=signals.item_dropped)
        crawler.signals.connect(self.item_error, signal=signals.item_error)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    @property
    def crawl_id(self):
        return self.crawler.stats.get_value("portscraper/crawl_id")

    def process_item(self, item, spider=None):
        if archive_unwritable(self.crawler):
            raise DropItem("not stored: the archive cannot be written")
        try:
            return self._store(item)
        except sqlite3.Error as error:
            archive_failed(self.crawler, error)
            raise DropItem(f"not stored: the archive cannot be written ({error})") from None

    def _store(self, item):
        if isinstance(item, FailureItem):
            fields = asdict(item)
            del fields["gone"]  # not a column: what record_gone below keeps
            self.archive.add_failure(crawl_id=self.crawl_id, **fields)
            self.crawler.stats.inc_value("portscraper/failures")
            # An answer saying the article is gone: a suspicion, or, a day after the first, a
            # take-down (takedowns.py); the archived article stays, marked removed.
            if item.gone:
                outcome = self.archive.record_gone(item.url, item.status, item.gone,
                                                   crawl_id=self.crawl_id)
                if outcome in ("suspected", "removed"):
                    self.crawler.stats.inc_value(f"portscraper/articles_{outcome}")
        elif isinstance(item, ListPageItem):
            self.archive.add_list_page(
                self.crawl_id, item.section_url, item.section, item.url,
                {"number": item.number, "pages": item.pages, "total": item.total,
                 "per_page": item.per_page, "items": len(item.entries),
                 "count_text": item.count_text}, item.entries)
        elif isinstance(item, ArticleItem):
            fields = asdict(item)
            article_id, outcome = self.archive.save_article(
                fields, item.snapshot_id, item.article_id, same_page=item.found_by == "moved")
            # Its images and attachments, linked (their bytes come as requisites).
            self.archive.link_requisites(article_id, fields)
            self.crawler.stats.inc_value(f"portscraper/articles_{outcome}")
        return item

    def item_dropped(self, item, response, exception, spider=None):
        if (not isinstance(item, ArticleItem) or "duplicate in this crawl" in str(exception)
                or archive_unwritable(self.crawler)):
            return
        self.archive.add_failure(url=item.url, reason=str(exception), status=200,
                                 referer=item.list_url, crawl_id=self.crawl_id, kind="article",
                                 request_url=item.request_url)
        self.crawler.stats.inc_value("portscraper/failures")

    def item_error(self, item, response, spider, failure):
        """An exception while the item was processed (not a DropItem): its page is a failure of
        kind `error`, which the next run asks for again (Archive.failed_urls)."""
        if archive_unwritable(self.crawler):
            return
        self.crawler.stats.inc_value("portscraper/errors")
        try:
            self._store(error_of_item(item, failure.value))
        except sqlite3.Error as error:
            archive_failed(self.crawler, error)
