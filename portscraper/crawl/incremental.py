"""Incremental crawling, as a spider middleware (the pattern of scrapy-deltafetch).

The spider always says where a reader could go; this middleware drops what a scheduled run does
not need, given what the archive already holds:

- an article already in the archive is not fetched again, unless it was published within the
  recheck window (RECHECK_DAYS), so corrections and take-downs of recent articles are noticed;
  a URL that answered 404/410 before is not asked for again;
- a section walked to its end before is walked only until a list page that ends with articles
  already known (lists run newest first); a section never walked to its end (new, or cut short
  by a killed run) is walked in full;
- the recent articles are asked for directly, whether or not a list still shows them, and so
  are the articles that failed for a passing reason (5xx, timeouts) in earlier runs.

A section counts as walked only when a run that reached the end of its list finishes, and
every one of its list pages was read: a run killed halfway leaves its sections to be walked in
full by the next, and so does a list page that failed (the archive unwalks its section when it
stores the failure, see Archive.add_failure), which the next run thus asks for again. A walked
section whose first page now lists nothing is a failure too (the list moved, or the page is an
error page served as 200), not an empty section.

With `-a mode=full` nothing is dropped: every list page, every article.

The archive knows pages by their canonical URL (portscraper.extract.urls.canonical_url): requests
are
compared by theirs, and a recheck or a retry asks for the URL last requested for that key
(Archive.request_urls), which the key itself may not be.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from scrapy import Request, signals

from portscraper.crawl.archive_access import archive_for
from portscraper.crawl.items import FailureItem
from portscraper.extract.urls import canonical_url, rehome, site_hosts

# How many of a list page's last (oldest) articles must be known to stop walking the list.
KNOWN_AT_END = 3


class IncrementalMiddleware:
    def __init__(self, crawler):
        self.crawler = crawler
        self.recheck_days = crawler.settings.getint("RECHECK_DAYS")
        self.id_params = tuple(crawler.settings.getlist("ARTICLE_ID_PARAMS"))
        self.known: dict[str, str] = {}
        self.addresses: dict[str, str] = {}
        self.gone: set[str] = set()
        self.walked: set[str] = set()
        self.due: set[str] = set()
        self.requisites: set[str] = set()
        self.failed_requisites: list[tuple[str, str, str]] = []
        self.retry: set[str] = set()
        self.reached_end: dict[str, str] = {}
        # Sections whose list showed articles in this run, and those with a list page lost.
        self.listed: set[str] = set()
        self.failed_sections: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler):
        middleware = cls(crawler)
        crawler.signals.connect(middleware.spider_closed, signal=signals.spider_closed)
        # A list page lost to a download error reaches the spider's errback without passing
        # through spider middlewares: its failure item is how this middleware hears of it.
        crawler.signals.connect(middleware.item_seen, signal=signals.item_scraped)
        crawler.signals.connect(middleware.item_seen, signal=signals.item_dropped)
        return middleware

    def item_seen(self, item, response=None, spider=None, exception=None):
        if isinstance(item, FailureItem) and item.section_url:
            self.failed_sections.add(item.section_url)

    def spider_closed(self, spider, reason):
        if reason != "finished":
            return  # killed or stopped: the next run walks these sections in full again
        archive = archive_for(self.crawler)
        for url, name in self.reached_end.items():
            # An empty section (or a menu entry that is no list) is never walked: its one page
            # is all a full walk asks for.
            if url in self.listed and url not in self.failed_sections:
                archive.mark_walked(url, name)

    def _load(self) -> None:
        archive = archive_for(self.crawler)
        self.known = archive.known_urls()
        self.gone = archive.gone_urls()
        self.walked = archive.walked_sections()
        self.requisites = archive.stored_requisites()
        self.failed_requisites = archive.failed_requisites()
        # By the run's clock (RUN_TIME), as take-downs are judged.
        run_now = datetime.fromisoformat(archive.now())
        since = (run_now - timedelta(days=self.recheck_days)).date().isoformat()
        # Rechecks and retries go to the site's address now: the archive may know a page by an
        # address the site has moved from (http, www., SITE_ALIASES), which may answer nothing
        # and would not be seen as the page the lists link.
        move = self._mover()
        # Recent articles, and those that answered "gone" once: the second answer decides.
        self.due = {move(url) for url in [*archive.recent_urls(since),
                                          *archive.suspected_urls()]}
        self.retry = {move(url) for url in archive.failed_urls()}
        self.addresses = {move(key): move(url) for key, url in archive.request_urls().items()}

    def _mover(self):
        """url -> the same page at the site's current address (its base URL)."""
        base = getattr(getattr(self.crawler.spider, "args", None), "base_url", None)
        if not base:
            return lambda url: url
        hosts = site_hosts(base, self.crawler.settings.getlist("SITE_ALIASES"))
        return lambda url: rehome(url, base, hosts)

    @property
    def full(self) -> bool:
        return getattr(self.crawler.spider, "mode", "incremental") == "full"

    async def process_start(self, start):
        self._load()
        async for request in start:
            yield request
        if self.full:
            return
        spider = self.crawler.spider
        for url in sorted(self.due):
            self.crawler.stats.inc_value("portscraper/rechecks")
            yield spider.article_request(self.addresses.get(url, url), kind="recheck")
        for url in sorted(self.retry - self.due):
            self.crawler.stats.inc_value("portscraper/retries_of_failures")
            yield spider.article_request(self.addresses.get(url, url), kind="retry")
        # Requisites lost to a passing fault in an earlier run, or never fetched (interrupted).
        for url, kind, _referer in self.failed_requisites:
            for request in spider._requisite_request(url, kind):
                self.crawler.stats.inc_value("portscraper/retries_of_failures")
                yield request

    async def process_spider_output(self, response, result, spider=None):
        kind = response.meta.get("kind")
        if kind not in ("list", "next_page", "back"):
            async for output in result:
                if self._kept_requisite(output):
                    continue
                yield output
            return
        # A list page's output is small: look at all of it before letting any through.
        outputs = [output async for output in result]
        next_page = [o for o in outputs if isinstance(o, Request)
                     and o.meta.get("kind") == "next_page"]
        articles = [o for o in outputs if isinstance(o, Request)
                    and o.meta.get("kind") == "article"]
        failed = any(isinstance(o, FailureItem) for o in outputs)
        section_url = response.meta.get("section_url", response.url)
        if articles:
            self.listed.add(section_url)
        elif kind in ("list", "back") and not next_page and not failed \
                and section_url in self.walked:
            outputs.append(FailureItem(
                url=canonical_url(response.url), request_url=response.url, kind="list",
                status=response.status, section_url=section_url,
                reason="the list page showed no articles, where earlier runs read its list"))
            failed = True
        if not next_page and not failed:
            # The spider found the end of this list. The section counts as walked once the run
            # finishes (its articles' requests are then done too): see spider_closed.
            self.reached_end[section_url] = response.meta.get("section", "")
        # Lists run newest first: once the oldest articles of a page are known, so is all that
        # follows (a "pinned" article at the top does not count: only the page's end does).
        reached_known = bool(articles) and all(
            self._is_known(r.url) for r in articles[-KNOWN_AT_END:])
        for output in outputs:
            if self._kept_requisite(output):
                continue
            if isinstance(output, Request) and not self.full:
                kind = output.meta.get("kind")
                if kind == "article" and not self._wanted(output.url):
                    self.crawler.stats.inc_value("portscraper/known_skipped")
                    continue
                if kind == "next_page" and reached_known and section_url in self.walked:
                    self.crawler.stats.inc_value("portscraper/walks_stopped_early")
                    continue
            yield output

    def _kept_requisite(self, output) -> bool:
        """A requisite the archive keeps already (once per site, in either mode)."""
        if not (isinstance(output, Request) and output.meta.get("kind") == "requisite"):
            return False
        key = canonical_url(output.url)
        if key in self.requisites:
            return True
        self.requisites.add(key)  # asked for once in a run, whichever page links it
        return False

    def _is_known(self, url: str) -> bool:
        key = canonical_url(url, self.id_params)
        return key in self.known or key in self.gone

    def _wanted(self, url: str) -> bool:
        return not self._is_known(url) or canonical_url(url, self.id_params) in self.due
