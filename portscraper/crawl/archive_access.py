"""One Archive per crawler, shared by the snapshot middleware, the pipelines and the crawl
extension: they all write the same SQLite file through one connection.

When the archive cannot be written (the disk is full, another program holds a write lock for
longer than the busy timeout), the crawl stops at once: every write is a transaction, so what is
stored stays whole, and the next run carries on from there.
"""

from __future__ import annotations

import logging
from weakref import WeakKeyDictionary

from scrapy.utils.defer import deferred_from_coro

from portscraper.archive.store import Archive, clock_from

logger = logging.getLogger(__name__)
_ARCHIVES: WeakKeyDictionary = WeakKeyDictionary()


def archive_for(crawler) -> Archive:
    archive = _ARCHIVES.get(crawler)
    if archive is None:
        archive = _ARCHIVES[crawler] = Archive(crawler.settings.get("ARCHIVE_DB"))
        if crawler.settings.get("RUN_TIME"):
            archive.clock = clock_from(crawler.settings.get("RUN_TIME"))
    return archive


def close_archive(crawler) -> None:
    archive = _ARCHIVES.pop(crawler, None)
    if archive is not None:
        archive.close()


def archive_failed(crawler, error: Exception) -> None:
    """Stop the crawl because the archive cannot be written (once, however many writes fail)."""
    if crawler.stats.get_value("portscraper/archive_error"):
        return
    crawler.stats.set_value("portscraper/archive_error", str(error))
    logger.error("the archive cannot be written (%s): stopping the crawl; what is stored is "
                 "whole, and the next run continues from it", error)
    deferred_from_coro(crawler.engine.close_spider_async(reason="archive_write_failed"))


def archive_unwritable(crawler) -> bool:
    return bool(crawler.stats.get_value("portscraper/archive_error"))
