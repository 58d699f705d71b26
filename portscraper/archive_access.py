"""One Archive per crawler, shared by the snapshot middleware, the pipelines and the crawl
extension: they all write the same SQLite file through one connection."""

from __future__ import annotations

from weakref import WeakKeyDictionary

from portscraper.archive import Archive

_ARCHIVES: WeakKeyDictionary = WeakKeyDictionary()


def archive_for(crawler) -> Archive:
    archive = _ARCHIVES.get(crawler)
    if archive is None:
        archive = _ARCHIVES[crawler] = Archive(crawler.settings.get("ARCHIVE_DB"))
    return archive


def close_archive(crawler) -> None:
    archive = _ARCHIVES.pop(crawler, None)
    if archive is not None:
        archive.close()
