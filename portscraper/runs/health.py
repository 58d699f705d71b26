"""The health check after every run, in the manner of Spidermon's monitors, and the run's
verdict (portscraper.runs.verdict: ok, degraded, failed, interrupted, unreachable).

A site that changes its templates does not make the crawl fail: it makes the parser return empty
fields. So after each run, look at what the run's articles look like, and fail the run when:

- too few of them have a title, a date, or a body of reasonable length (HEALTH_MIN_COVERAGE);
- too few have a byline, where the archive shows the site usually prints one
  (HEALTH_BYLINE_SHARE of the archive's share);
- the list pages that were read showed no articles at all, on a site the archive has articles
  of (list pages that could not be had are lost pages, not a redesign);
- a crawl from the home page found no news section (the menu moved into a frame or behind a
  redirect the spider could not follow, or is named otherwise than NEWS_SECTIONS);
- more pages were lost than HEALTH_MAX_FAILURE_RATE allows, counted in pages (a page retried
  four times is one page), not requests;
- a page could not be stored because its processing raised an exception (a callback, an
  extractor, a pipeline, storage: a `failures` row of kind `error`): a defect, not a passing
  fault. The page is lost too, and asked for again by the next run.

A page robots.txt bars (failures.BARRED) is recorded and counted apart (report["barred"]), not
lost: no later run would get it while robots.txt bars it.

Completeness (portscraper/archive/completeness.py): a section whose list counts more articles than
the
archive holds, where no failure and no take-down explains the difference (records the count
promises that no page showed, URLs listed but never asked for), by more than
HEALTH_MAX_UNEXPLAINED_GAP, makes the run degraded: a loss nothing else noticed.

Short of that, a run that lost pages is degraded: a page is lost when it is a `failures` row of
this run (after retries), or an article dropped as invalid; an article that answers 404/410 is
gone, not lost. A run that did not finish is interrupted, one whose home or start page could
not be had is unreachable, whatever else holds.

`judge` is a plain function over counts; the HealthMonitor extension gathers the counts from the
signals of the run (items stored or dropped, requests scheduled) and stores the verdict with the
crawl.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field

from scrapy import signals

from portscraper.archive.requisites import KINDS as REQUISITE_KINDS
from portscraper.archive.requisites import SIZE_LIMIT
from portscraper.crawl.archive_access import archive_for
from portscraper.crawl.failures import BARRED, ERROR, error_of_item
from portscraper.crawl.items import ArticleItem, FailureItem
from portscraper.runs import verdict

MIN_BODY_CHARS = 50


def requisite_not_to_be_had(item: FailureItem) -> bool:
    """A requisite the site does not have (404/410), over the size limit or barred by
    robots.txt: recorded, not lost (no later run would get it); one lost to a timeout, a reset
    or a 5xx is a page lost, and asked for again."""
    return item.kind in REQUISITE_KINDS and (
        item.status in (404, 410) or SIZE_LIMIT in item.reason
        or "robots.txt" in item.reason.lower())


@dataclass
class RunCounts:
    articles: int = 0
    with_field: dict[str, int] = field(
        default_factory=lambda: {"title": 0, "published": 0, "body": 0, "byline": 0})
    list_items_seen: int = 0
    list_pages_read: int = 0
    sections_found: int | None = None  # None: the crawl started from an article
    # Pages asked for (not requests: retries and redirects of a page are the same page), and
    # the pages lost, by what they were to be ("article", "list", "home"): their URLs.
    pages_asked: int = 0
    lost: dict[str, set[str]] = field(default_factory=dict)
    # Pages whose processing raised an exception (failures of kind `error`): URL -> reason.
    errors: dict[str, str] = field(default_factory=dict)
    # Pages robots.txt barred: recorded, not lost.
    barred: set[str] = field(default_factory=set)
    # Why the home or start page could not be had; None: it was had.
    unreachable: str | None = None
    finish_reason: str = "finished"
    archive_error: str | None = None

    def lose(self, kind: str, url: str) -> None:
        self.lost.setdefault(kind or "page", set()).add(url)

    @property
    def pages_lost(self) -> int:
        return len(set().union(*self.lost.values())) if self.lost else 0

    def add(self, item: ArticleItem) -> None:
        self.articles += 1
        present = {
            "title": bool(item.title.strip()),
            "published": bool(item.published),
            "body": len(item.body.replace("\n", "")) >= MIN_BODY_CHARS,
            "byline": bool(item.byline),
        }
        for name, ok in present.items():
            self.with_field[name] += ok


def judge(counts: RunCounts, thresholds: dict, archive_articles: int,
          archive_byline_share: float | None,
          completeness: list[dict] | None = None) -> tuple[str, dict]:
    """(verdict, report): the verdict of a run (portscraper.runs.verdict) and the figures behind
    it; report["problems"] says in words what made it other than ok. completeness: the rows
    completeness.record measured for this run's sections."""
    problems: list[str] = []
    report: dict = {"articles": counts.articles, "coverage": {}}
    incomplete = []
    if completeness:
        report["completeness"] = {
            row["section"] or row["section_url"]: {k: row[k] for k in (
                "claimed", "held", "gap", "unexplained")} for row in completeness}
        unexplained = sum(row["unexplained"] for row in completeness)
        if unexplained > thresholds.get("max_unexplained_gap", 0):
            incomplete = [f"{row['section'] or row['section_url']}: the list says "
                          f"{row['claimed']}, the archive holds {row['held']}, "
                          f"{row['unexplained']} of the gap unexplained"
                          for row in completeness if row["unexplained"]]
    min_items = thresholds["min_items"]
    if counts.articles >= min_items:
        wanted = dict(thresholds["coverage"])
        if archive_byline_share is not None and archive_byline_share >= 0.3:
            wanted["byline"] = round(archive_byline_share * thresholds["byline_share"], 3)
        for name, minimum in wanted.items():
            share = counts.with_field[name] / counts.articles
            report["coverage"][name] = {"share": round(share, 3), "minimum": minimum}
            if share < minimum:
                problems.append(f"only {share:.0%} of the run's articles have a {name} "
                                f"(minimum {minimum:.0%})")
    else:
        report["coverage_note"] = f"fewer than {min_items} articles: coverage not judged"
    if counts.sections_found == 0 and not counts.unreachable:
        problems.append("no news section was found from the home page")
    if counts.list_items_seen == 0 and counts.list_pages_read and archive_articles > 0:
        problems.append("the list pages showed no articles, on a site with "
                        f"{archive_articles} archived")
    if counts.errors:
        # A defect (ours, or a page no rule foresaw), not a passing fault: the run fails.
        n = len(counts.errors)
        url, reason = next(iter(counts.errors.items()))
        problems.append(f"{n} page{'s' if n > 1 else ''} could not be stored, an exception "
                        f"while {'they were' if n > 1 else 'it was'} processed (kind error in "
                        f"failures; first: {url}: {reason})")
    lost = counts.pages_lost
    report["pages_lost"] = lost
    report["errors"] = len(counts.errors)
    report["barred"] = len(counts.barred)
    report["pages_lost_by_kind"] = {kind: len(urls) for kind, urls in sorted(counts.lost.items())}
    if counts.pages_asked:
        rate = lost / counts.pages_asked
        report["pages_asked"] = counts.pages_asked
        report["failure_rate"] = round(rate, 3)
        if rate > thresholds["max_failure_rate"]:
            problems.append(f"{rate:.0%} of the pages asked for were lost "
                            f"(maximum {thresholds['max_failure_rate']:.0%})")
    failed = bool(problems)
    if lost:
        kinds = ", ".join(f"{n} {kind}{'s' if n > 1 else ''}" if kind != "list" else
                          f"{n} list page{'s' if n > 1 else ''}"
                          for kind, n in report["pages_lost_by_kind"].items())
        problems.append(f"{lost} page{'s' if lost > 1 else ''} lost ({kinds}): see failures; "
                        "the next run asks for them again")
    if incomplete:
        problems.append("incomplete lists (see completeness): " + "; ".join(incomplete))
    finished = counts.finish_reason == "finished"
    if counts.unreachable:
        # The rest follows from it (the home page is the page lost, no section was found).
        problems = [f"the site could not be reached: {counts.unreachable}"]
    elif counts.archive_error:
        problems.insert(0, f"stopped, the archive cannot be written: {counts.archive_error}; "
                           "what is stored is whole, and the next run continues from it")
    elif not finished:
        how = ("by Ctrl-C or SIGTERM" if counts.finish_reason == "shutdown"
               else f"({counts.finish_reason})")
        problems.insert(0, f"stopped {how} before the end; the next run continues from what "
                           "is stored")
    report["finish_reason"] = counts.finish_reason
    report["problems"] = problems
    return verdict.choose(bool(counts.unreachable), finished and not counts.archive_error,
                          failed, lost, bool(incomplete)), report


def thresholds_from(settings) -> dict:
    return {
        "coverage": settings.getdict("HEALTH_MIN_COVERAGE"),
        "byline_share": settings.getfloat("HEALTH_BYLINE_SHARE"),
        "max_failure_rate": settings.getfloat("HEALTH_MAX_FAILURE_RATE"),
        "min_items": settings.getint("HEALTH_MIN_ITEMS"),
        "max_unexplained_gap": settings.getint("HEALTH_MAX_UNEXPLAINED_GAP"),
    }


class HealthMonitor:
    def __init__(self, crawler):
        self.crawler = crawler
        self.counts = RunCounts()
        self.before: tuple[int, float | None] = (0, None)

    @classmethod
    def from_crawler(cls, crawler):
        ext = cls(crawler)
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.item_seen, signal=signals.item_scraped)
        crawler.signals.connect(ext.item_seen, signal=signals.item_dropped)
        crawler.signals.connect(ext.item_error, signal=signals.item_error)
        crawler.signals.connect(ext.request_scheduled, signal=signals.request_scheduled)
        # Before CrawlRecord closes the crawl's row (signal handlers run in connection order,
        # and this extension is built first: see EXTENSIONS in settings).
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def spider_opened(self, spider):
        archive = archive_for(self.crawler)
        self.before = (archive.counts()["articles"], archive.byline_share())

    def _completeness(self) -> list[dict]:
        """Measure the completeness of the sections this run read (stored with the run)."""
        crawl_id = self.crawler.stats.get_value("portscraper/crawl_id")
        if crawl_id is None or self.crawler.stats.get_value("portscraper/archive_error"):
            return []
        try:
            return archive_for(self.crawler).record_completeness(crawl_id)
        except sqlite3.Error as error:
            self.crawler.spider.logger.error("completeness not measured: %s", error)
            return []

    def request_scheduled(self, request, spider=None):
        # A retry or a redirect asks for the same page again.
        if not request.meta.get("retry_times") and not request.meta.get("redirect_times"):
            self.counts.pages_asked += 1

    def item_seen(self, item, response=None, spider=None, exception=None):
        if isinstance(item, FailureItem) and item.reason == BARRED:
            self.counts.barred.add(item.url)  # robots.txt: said so, not lost
            return
        if isinstance(item, FailureItem) and item.kind == ERROR:
            self.counts.errors.setdefault(item.url, item.reason)
        if isinstance(item, FailureItem):
            # An article the site says is gone (404/410, a "not found" page, a redirect home)
            # is evidence of a take-down (takedowns.py), not a page lost.
            if not (item.gone or (item.kind == "article" and item.status in (404, 410))
                    or requisite_not_to_be_had(item)):
                self.counts.lose(item.kind, item.url)
            return
        if not isinstance(item, ArticleItem) or "duplicate in this crawl" in str(exception or ""):
            return
        self.counts.add(item)
        if exception is not None:
            self.counts.lose("article", item.url)  # dropped as invalid: in failures

    def item_error(self, item, response=None, spider=None, failure=None):
        """An exception in a pipeline or in storage (the store records the failure)."""
        self.item_seen(error_of_item(item, failure.value))

    def spider_closed(self, spider, reason):
        stats = self.crawler.stats
        self.counts.list_items_seen = stats.get_value("portscraper/list_items_seen", 0)
        self.counts.list_pages_read = stats.get_value("portscraper/list_pages_read", 0)
        from_home = not getattr(getattr(spider, "args", None), "start_url", None)
        self.counts.sections_found = (stats.get_value("portscraper/sections_found", 0)
                                      if from_home else None)
        self.counts.unreachable = stats.get_value("portscraper/site_unreachable")
        self.counts.archive_error = stats.get_value("portscraper/archive_error")
        self.counts.finish_reason = reason
        outcome, report = judge(self.counts, thresholds_from(self.crawler.settings),
                                *self.before, completeness=self._completeness())
        stats.set_value("portscraper/health", outcome)
        stats.set_value("portscraper/pages_lost", report["pages_lost"])
        stats.set_value("portscraper/health_report", json.dumps(report, ensure_ascii=False))
        log = spider.logger.info if outcome == "ok" else spider.logger.error
        log("health check: %s %s", outcome, "; ".join(report["problems"]))
