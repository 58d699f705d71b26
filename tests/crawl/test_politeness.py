"""Polite to the site (README, "Polite by default"): robots.txt obeyed, an honest User-Agent,
one request at a time with a delay, AutoThrottle, retries that wait longer each time, and URLs
that answered 404 not asked for again. The settings as a crawl loads them, and what the replica
sees of a crawl."""

from __future__ import annotations

import re
import subprocess
import sys

from scrapy.http import Request
from scrapy.utils.project import get_project_settings

from portscraper.crawl.retry import BackoffRetryMiddleware, retry_after_seconds
from portscraper.crawl.spiders.maoming import MaomingSpider
from portscraper.replica.data import build_site
from portscraper.replica.expected import traits
from portscraper.replica.server import ReplicaServer

from ..conftest import ROOT, run_crawl

BROWSER_WORDS = re.compile(r"mozilla|chrome|safari|gecko|msie|edge|webkit|opera", re.I)


def project_settings():
    settings = get_project_settings()
    assert settings.get("BOT_NAME") == "portscraper", "not the project's settings"
    return settings


def test_the_defaults_are_polite():
    """What `scrapy crawl maoming` runs with when nothing is overridden."""
    settings = project_settings()
    assert settings.getbool("ROBOTSTXT_OBEY")
    assert settings.getint("CONCURRENT_REQUESTS_PER_DOMAIN") == 1
    assert settings.getfloat("DOWNLOAD_DELAY") >= 1
    assert settings.getbool("AUTOTHROTTLE_ENABLED")
    assert settings.getfloat("AUTOTHROTTLE_TARGET_CONCURRENCY") <= 1
    assert settings.getfloat("AUTOTHROTTLE_START_DELAY") >= settings.getfloat("DOWNLOAD_DELAY")
    assert settings.getint("RETRY_TIMES") >= 1 and 429 in settings.getlist("RETRY_HTTP_CODES")


def test_the_user_agent_is_honest():
    """It names the project and where to read about it; it passes for no browser."""
    agent = project_settings().get("USER_AGENT")
    assert agent.startswith("portscraper/") and "https://" in agent
    assert not BROWSER_WORDS.search(agent), agent


def test_the_spider_keeps_the_polite_settings():
    """The spider's own settings (custom_settings, update_settings), applied as `scrapy crawl`
    applies them, switch none of them off."""
    settings = project_settings().copy()
    MaomingSpider.update_settings(settings)
    assert settings.getint("CONCURRENT_REQUESTS_PER_DOMAIN") == 1
    assert settings.getfloat("DOWNLOAD_DELAY") >= 1 and settings.getbool("AUTOTHROTTLE_ENABLED")
    assert settings.getbool("ROBOTSTXT_OBEY") and not BROWSER_WORDS.search(
        settings.get("USER_AGENT"))


def test_back_off_grows_with_each_retry():
    """1, 2, 4, 8 … s (RETRY_BACKOFF_BASE × 2ⁿ⁻¹), at most RETRY_BACKOFF_MAX."""
    settings = project_settings().copy()
    settings.set("RETRY_BACKOFF_BASE", 1.0)
    settings.set("RETRY_BACKOFF_MAX", 60.0)
    middleware = BackoffRetryMiddleware(settings)
    waits = [middleware.backoff(Request("http://x/", meta={"retry_times": n}))
             for n in range(1, 9)]
    assert waits == [1, 2, 4, 8, 16, 32, 60, 60]
    assert project_settings().getfloat("RETRY_BACKOFF_BASE") == 1.0


def test_retry_after_is_read_in_both_forms():
    from datetime import UTC, datetime

    now = datetime(2026, 10, 21, 7, 27, 0, tzinfo=UTC)
    assert retry_after_seconds(b"120") == 120.0
    assert retry_after_seconds("Wed, 21 Oct 2026 07:28:00 GMT", now=now) == 60.0
    assert retry_after_seconds("soon") is None and retry_after_seconds(None) is None


class Slot:
    def __init__(self, delay: float):
        self.delay = delay


class Stats:
    def __init__(self):
        self.values: dict[str, float] = {}

    def inc_value(self, key, count=1, start=0, spider=None):
        self.values[key] = self.values.get(key, start) + count


def middleware_on_a_site(delay: float = 1.0):
    """The retry middleware as a crawl builds it (from_crawler, the project's settings), over a
    stand-in crawler: its stats, and a downloader whose one slot (the site) has `delay`."""
    from types import SimpleNamespace

    from scrapy import Spider

    slot = Slot(delay)
    downloader = SimpleNamespace(slots={"site": slot}, get_slot_key=lambda request: "site")
    crawler = SimpleNamespace(settings=project_settings(), stats=Stats(),
                              engine=SimpleNamespace(downloader=downloader))
    crawler.spider = Spider("maoming")
    crawler.spider.crawler = crawler
    return BackoffRetryMiddleware.from_crawler(crawler), crawler, slot


def answer(middleware, status: int, retry_after: str | None = None, times: int = 0,
           monkeypatch=None):
    """process_response on one answer, the wait replaced by a recorder of (seconds, the site's
    delay while waiting): no clock."""
    import asyncio

    from scrapy.http import Response

    from portscraper.crawl import retry

    waited: list[tuple[float, float]] = []
    slot = middleware.crawler.engine.downloader.slots["site"]

    async def recorded(seconds):
        waited.append((seconds, slot.delay))

    monkeypatch.setattr(retry, "sleep", recorded)
    request = Request("http://x/more.asp?id=1", meta={"retry_times": times} if times else {})
    headers = {"Retry-After": retry_after} if retry_after is not None else {}
    response = Response(request.url, status=status, headers=headers, request=request)
    return asyncio.run(middleware.process_response(request, response)), waited


def test_retry_after_up_to_the_limit_is_waited_for_and_slows_the_site(monkeypatch):
    """RETRY_AFTER_MAX is 120 s: a 503 asking for 120 s is retried after 120 s, the site's
    delay raised to 120 s meanwhile and put back after; 121 s is left to the next run (the
    answer kept, no retry, counted)."""
    middleware, crawler, slot = middleware_on_a_site(delay=1.0)
    assert middleware.max_retry_after == 120.0
    result, waited = answer(middleware, 503, "120", monkeypatch=monkeypatch)
    assert isinstance(result, Request) and result.meta["retry_times"] == 1
    assert waited == [(120.0, 120.0)] and slot.delay == 1.0
    assert crawler.stats.values["retry/backoff_seconds"] == 120.0
    result, waited = answer(middleware, 503, "121", monkeypatch=monkeypatch)
    assert not isinstance(result, Request) and result.status == 503 and waited == []
    assert crawler.stats.values["retry/retry_after_too_long"] == 1


def test_without_retry_after_the_wait_doubles_and_the_site_slows_down(monkeypatch):
    middleware, crawler, slot = middleware_on_a_site(delay=0.5)
    seen = []
    for times in range(4):
        result, waited = answer(middleware, 429, times=times, monkeypatch=monkeypatch)
        assert isinstance(result, Request)
        seen += waited
    # 1, 2, 4, 8 s (RETRY_BACKOFF_BASE 1), each wait with the site's delay raised to it.
    assert seen == [(1.0, 1.0), (2.0, 2.0), (4.0, 4.0), (8.0, 8.0)] and slot.delay == 0.5
    # A slower site stays as slow: the delay is raised, never lowered, by a shorter wait.
    middleware, crawler, slot = middleware_on_a_site(delay=5.0)
    assert answer(middleware, 503, "2", monkeypatch=monkeypatch)[1] == [(2.0, 5.0)]
    # The fifth answer (RETRY_TIMES 4 spent) is kept: no retry, no wait.
    result, waited = answer(middleware, 503, times=4, monkeypatch=monkeypatch)
    assert not isinstance(result, Request) and waited == []
    # A 404 is no reason to retry.
    result, waited = answer(middleware, 404, "1", monkeypatch=monkeypatch)
    assert result.status == 404 and waited == []


def polite_crawl_command(tmp_path, url: str) -> list[str]:
    """`scrapy crawl` with the project's settings but for a short delay (the replica is local):
    concurrency, robots.txt and User-Agent as shipped. (Not no delay at all: Scrapy 2.19's
    downloader, with DOWNLOAD_DELAY = 0, sends every queued request of a slot at once,
    whatever its concurrency.)"""
    return [sys.executable, "-m", "scrapy", "crawl", "maoming", "-a", f"base_url={url}",
            "-s", f"ARCHIVE_DB={tmp_path / 'archive.db'}", "-s", "DOWNLOAD_DELAY=0.01",
            "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "LOG_LEVEL=INFO"]


def test_the_site_sees_one_request_at_a_time_from_an_honest_agent(tmp_path):
    """Each request is held 40 ms (longer than the delay) before its answer starts: a crawler
    that asked for two at once would be seen with two in flight."""
    with ReplicaServer(build_site(), latency=0.04) as server:
        proc = subprocess.run(polite_crawl_command(tmp_path, server.url), cwd=ROOT,
                              capture_output=True, text=True, timeout=600)
        assert proc.returncode == 0, proc.stderr[-2000:]
        assert len(server.requests) > 100
        assert server.most_in_flight == 1
        assert server.user_agents == {project_settings().get("USER_AGENT")}
        assert server.requests[0][1] == "/robots.txt"


def test_urls_that_answered_404_are_not_asked_for_again(tmp_path):
    """The replica's missing article answers 404: the first run records it, the next run
    (incremental, which reads the first list page of each section) does not request it again."""
    site = build_site()
    missing = [f"/more.asp?id={i}" for i in traits(site)["missing"]]
    assert missing
    # At the top of its section's first list page, which every incremental run reads.
    newest = max(a.published for a in site.articles)
    for article in site.with_status("missing"):
        article.published = newest
        site.articles.remove(article)
        site.articles.insert(0, article)  # lists are in the order of site.articles
    with ReplicaServer(site) as server:
        run_crawl(tmp_path, f"base_url={server.url}")
        first = [path for _, path in server.requests]
        server.requests.clear()
        run_crawl(tmp_path, f"base_url={server.url}")
        second = [path for _, path in server.requests]
    assert set(missing) <= set(first)
    assert second and not set(missing) & set(second)
