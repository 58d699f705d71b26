"""One updating line on the terminal while a crawl runs, for a person who started it:

    ⠼ maoming: 5 sections, 9 list pages, 41 new, 0 updated, 57 requests, 1 failures, 6.2 pages/s

A Scrapy extension, enabled by the setting PROGRESS (off by default). `portscraper crawl` and
`portscraper demo` turn it on when stderr is a terminal, so cron (no terminal) gets only the
summary line. Drawn by rich (a live display on stderr, gone when the run ends); log lines that
go to the terminal meanwhile are printed above it, not through it.
"""

from __future__ import annotations

import logging
import sys
import time

from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from scrapy import signals
from scrapy.exceptions import NotConfigured
from twisted.internet import task

REFRESH_SECONDS = 0.5


def progress_text(spider: str, stats: dict, seconds: float) -> str:
    """The line's words from the crawl's stats: sections, list pages, articles new and
    updated, requests, failures recorded, pages received per second."""
    def n(key: str) -> int:
        return stats.get(key, 0) or 0

    rate = n("response_received_count") / seconds if seconds > 0 else 0.0
    return (f"{spider}: {n('portscraper/sections_found')} sections, "
            f"{n('portscraper/list_pages_read')} list pages, "
            f"{n('portscraper/articles_new')} new, {n('portscraper/articles_updated')} updated, "
            f"{n('downloader/request_count')} requests, {n('portscraper/failures')} failures, "
            f"{rate:.1f} pages/s")


class ProgressLine:
    def __init__(self, crawler):
        if not crawler.settings.getbool("PROGRESS"):
            raise NotConfigured
        self.crawler = crawler
        self.progress: Progress | None = None
        self.loop: task.LoopingCall | None = None
        self.started = 0.0
        self.streams: list[tuple[logging.StreamHandler, object]] = []

    @classmethod
    def from_crawler(cls, crawler):
        ext = cls(crawler)
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def spider_opened(self, spider):
        self.started = time.monotonic()
        self.progress = Progress(SpinnerColumn(), TextColumn("{task.description}"),
                                 TimeElapsedColumn(), console=Console(stderr=True),
                                 transient=True)
        self.task = self.progress.add_task(self._text(), total=None)
        self.progress.start()
        # Scrapy's log handler holds the terminal's stream from before: point it at rich's
        # proxy of stderr (which prints above the live line) while the line is shown.
        for handler in logging.getLogger().handlers:
            if isinstance(handler, logging.StreamHandler) and handler.stream is sys.__stderr__:
                self.streams.append((handler, handler.setStream(sys.stderr)))
        self.loop = task.LoopingCall(self._update)
        self.loop.start(REFRESH_SECONDS, now=False)

    def spider_closed(self, spider, reason):
        if self.loop is not None and self.loop.running:
            self.loop.stop()
        for handler, stream in self.streams:
            handler.setStream(stream)
        if self.progress is not None:
            self.progress.stop()

    def _update(self):
        self.progress.update(self.task, description=self._text())

    def _text(self) -> str:
        spider = self.crawler.spider
        return progress_text(getattr(spider, "site_name", spider.name),
                             self.crawler.stats.get_stats(), time.monotonic() - self.started)
