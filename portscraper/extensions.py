"""The crawl's row in the archive: opened when the spider opens, closed with its counts."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime

from scrapy import signals

from portscraper.archive_access import archive_for, close_archive

OUTCOMES = ("new", "updated", "unchanged", "merged", "removed", "suspected")


class CrawlRecord:
    def __init__(self, crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        ext = cls(crawler)
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def spider_opened(self, spider):
        arguments = dict(getattr(spider, "arguments", {}) or {})
        crawl_id = archive_for(self.crawler).start_crawl(spider.name, arguments)
        self.crawler.stats.set_value("portscraper/crawl_id", crawl_id)

    def spider_closed(self, spider, reason):
        stats = self.crawler.stats
        archive = archive_for(self.crawler)
        try:
            self._finish(archive, stats, spider, reason)
        except sqlite3.Error as error:
            spider.logger.error("could not record the end of the crawl: %s", error)
        close_archive(self.crawler)

    def _finish(self, archive, stats, spider, reason):
        elapsed = stats.get_value("elapsed_time_seconds")
        if elapsed is None and stats.get_value("start_time"):
            elapsed = (datetime.now(UTC) - stats.get_value("start_time")).total_seconds()
        archive.finish_crawl(
            stats.get_value("portscraper/crawl_id"),
            mode=getattr(spider, "mode", None),
            finish_reason=reason,
            requests=stats.get_value("downloader/request_count", 0),
            pages_fetched=stats.get_value("portscraper/pages_fetched", 0),
            failures=stats.get_value("portscraper/failures", 0),
            seconds=round(elapsed or 0, 2),
            health=stats.get_value("portscraper/health"),
            health_report=stats.get_value("portscraper/health_report"),
            requisites_stored=stats.get_value("portscraper/requisites_stored", 0),
            **{f"articles_{o}": stats.get_value(f"portscraper/articles_{o}", 0)
               for o in OUTCOMES},
        )
