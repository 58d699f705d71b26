"""The crawl's lock on its archive, and its row in the archive: opened when the spider opens,
closed with its counts."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime

from scrapy import signals
from scrapy.exceptions import NotConfigured

from portscraper.crawl.archive_access import archive_for, close_archive
from portscraper.runs.scheduled import Locked, release_lock, take_lock

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


class ArchiveLock:
    """One crawl per archive at a time, however it is started (`scrapy crawl`, `portscraper
    crawl`, `crawl --all`, Scrapyd, a script's CrawlerProcess): the crawl takes the flock on
    ARCHIVE_DB.lock (scheduled.take_lock) when its extensions are built, after the spider has
    named its archive and before anything opens it. Held: the crawl does not start, Locked is
    raised from here (Crawler.crawl fails with it) and `crawler.locked` holds its one line;
    see `locked_out`. Released when the engine stops."""

    def __init__(self, lock_path: str):
        self.lock_path = lock_path

    @classmethod
    def from_crawler(cls, crawler):
        path = crawler.settings.get("ARCHIVE_DB")
        if not path or str(path) == ":memory:":
            raise NotConfigured("no archive file to lock")
        try:
            ext = cls(take_lock(path))
        except Locked as locked:
            crawler.locked = str(locked)
            raise
        crawler.signals.connect(ext.engine_stopped, signal=signals.engine_stopped)
        return ext

    def engine_stopped(self):
        release_lock(self.lock_path)


def locked_out(started, crawler) -> None:
    """Keep a crawl refused by ArchiveLock from being logged as an unhandled error (its line is
    said by the command, from `crawler.locked`): `started` is what CrawlerProcess.crawl
    returned, a Deferred, or an asyncio Task with AsyncCrawlerProcess. Other errors are left
    to be logged as Scrapy logs them."""
    if hasattr(started, "addErrback"):
        started.addErrback(lambda failure: failure.trap(Locked) and None)
    elif hasattr(started, "add_done_callback"):
        def retrieved(task):
            if getattr(crawler, "locked", None) and not task.cancelled():
                task.exception()  # marks it retrieved: asyncio does not log it
        started.add_done_callback(retrieved)
