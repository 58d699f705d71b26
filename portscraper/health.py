"""The health check after every run, in the manner of Spidermon's monitors.

A site that changes its templates does not make the crawl fail: it makes the parser return empty
fields. So after each run, look at what the run's articles look like, and fail the run when:

- too few of them have a title, a date, or a body of reasonable length (HEALTH_MIN_COVERAGE);
- too few have a byline, where the archive shows the site usually prints one
  (HEALTH_BYLINE_SHARE of the archive's share);
- the list pages showed no articles at all, on a site the archive has articles of;
- a crawl from the home page found no news section (the menu moved into a frame or behind a
  redirect the spider could not follow, or is named otherwise than NEWS_SECTIONS);
- too many requests failed (HEALTH_MAX_FAILURE_RATE).

`judge` is a plain function over counts; the HealthMonitor extension gathers the counts from the
items the run produced (stored or dropped as invalid) and stores the verdict with the crawl.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from scrapy import signals

from portscraper.archive_access import archive_for
from portscraper.items import ArticleItem

MIN_BODY_CHARS = 50


@dataclass
class RunCounts:
    articles: int = 0
    with_field: dict[str, int] = field(
        default_factory=lambda: {"title": 0, "published": 0, "body": 0, "byline": 0})
    list_items_seen: int = 0
    sections_found: int | None = None  # None: the crawl started from an article
    requests: int = 0
    failures: int = 0

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
          archive_byline_share: float | None) -> tuple[str, dict]:
    """('ok' | 'failed', report): the verdict of a run and the figures behind it."""
    problems: list[str] = []
    report: dict = {"articles": counts.articles, "coverage": {}}
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
    if counts.sections_found == 0:
        problems.append("no news section was found from the home page")
    if counts.list_items_seen == 0 and archive_articles > 0:
        problems.append("the list pages showed no articles, on a site with "
                        f"{archive_articles} archived")
    if counts.requests:
        rate = counts.failures / counts.requests
        report["failure_rate"] = round(rate, 3)
        if rate > thresholds["max_failure_rate"]:
            problems.append(f"{rate:.0%} of requests failed "
                            f"(maximum {thresholds['max_failure_rate']:.0%})")
    report["problems"] = problems
    return ("failed" if problems else "ok"), report


def thresholds_from(settings) -> dict:
    return {
        "coverage": settings.getdict("HEALTH_MIN_COVERAGE"),
        "byline_share": settings.getfloat("HEALTH_BYLINE_SHARE"),
        "max_failure_rate": settings.getfloat("HEALTH_MAX_FAILURE_RATE"),
        "min_items": settings.getint("HEALTH_MIN_ITEMS"),
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
        # Before CrawlRecord closes the crawl's row (signal handlers run in connection order,
        # and this extension is built first: see EXTENSIONS in settings).
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def spider_opened(self, spider):
        archive = archive_for(self.crawler)
        self.before = (archive.counts()["articles"], archive.byline_share())

    def item_seen(self, item, response=None, spider=None, exception=None):
        if isinstance(item, ArticleItem) and "duplicate in this crawl" not in str(exception or ""):
            self.counts.add(item)

    def spider_closed(self, spider, reason):
        stats = self.crawler.stats
        self.counts.list_items_seen = stats.get_value("portscraper/list_items_seen", 0)
        from_home = not getattr(getattr(spider, "args", None), "start_url", None)
        self.counts.sections_found = (stats.get_value("portscraper/sections_found", 0)
                                      if from_home else None)
        self.counts.requests = stats.get_value("downloader/request_count", 0)
        self.counts.failures = stats.get_value("portscraper/failures", 0)
        verdict, report = judge(self.counts, thresholds_from(self.crawler.settings),
                                *self.before)
        stats.set_value("portscraper/health", verdict)
        stats.set_value("portscraper/health_report", json.dumps(report, ensure_ascii=False))
        log = spider.logger.info if verdict == "ok" else spider.logger.error
        log("health check: %s %s", verdict, "; ".join(report["problems"]))
