"""Retries that back off (portscraper/crawl/retry.py), on the middleware as a crawl builds it over
a stand-in crawler: the waits as Retry-After asks (up to RETRY_AFTER_MAX) or 1, 2, 4 … s, the
site slowed down meanwhile. The wait itself is replaced by a recorder: no clock, no replica.

Docs: docs/crawling.md, docs/settings.md (RETRY_*), docs/guarantees.md ("Polite to the site")."""

from __future__ import annotations

from urllib.parse import urlsplit

from scrapy.http import Request
from scrapy.utils.project import get_project_settings

from portscraper.crawl.retry import BackoffRetryMiddleware, retry_after_seconds


def project_settings():
    settings = get_project_settings()
    assert settings.get("BOT_NAME") == "portscraper", "not the project's settings"
    return settings


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
    # Scrapy's slots are per host: the key is read from the request itself.
    downloader = SimpleNamespace(slots={"x": slot} if slot.delay is not None else {},
                                 get_slot_key=lambda request: urlsplit(request.url).hostname)
    crawler = SimpleNamespace(settings=project_settings(), stats=Stats(),
                              engine=SimpleNamespace(downloader=downloader))
    crawler.spider = Spider("maoming")
    crawler.spider.crawler = crawler
    return BackoffRetryMiddleware.from_crawler(crawler), crawler, slot


def answer(middleware, status: int, retry_after: str | None = None, times: int = 0,
           monkeypatch=None, meanwhile: float | None = None):
    """process_response on one answer, the wait replaced by a recorder of (seconds, the site's
    delay while waiting): no clock."""
    import asyncio

    from scrapy.http import Response

    from portscraper.crawl import retry

    waited: list[tuple[float, float]] = []
    slot = middleware.crawler.engine.downloader.slots.get("x", Slot(None))

    async def recorded(seconds):
        waited.append((seconds, slot.delay))
        if meanwhile is not None:
            slot.delay = meanwhile  # AutoThrottle changes the delay during the wait

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


def test_the_wait_leaves_alone_a_delay_changed_meanwhile_and_a_site_without_a_slot(monkeypatch):
    middleware, crawler, slot = middleware_on_a_site(delay=1.0)
    answer(middleware, 503, "3", monkeypatch=monkeypatch, meanwhile=7.0)
    assert slot.delay == 7.0  # AutoThrottle's, not put back to 1
    middleware, crawler, slot = middleware_on_a_site(delay=None)  # no slot for the site yet
    result, waited = answer(middleware, 503, "3", monkeypatch=monkeypatch)
    assert isinstance(result, Request) and waited == [(3.0, None)]


def test_retry_after_dates_in_every_form():
    """Bytes as Scrapy gives headers, a date without a zone read as UTC (RFC 9110 dates are
    GMT), a date past is no wait, and without `now` the clock of the day."""
    from datetime import UTC, datetime

    now = datetime(2026, 10, 21, 7, 27, 0, tzinfo=UTC)
    assert retry_after_seconds(b"Wed, 21 Oct 2026 07:28:00 GMT", now=now) == 60.0
    assert retry_after_seconds("Wed, 21 Oct 2026 07:28:30 -0000", now=now) == 90.0
    assert retry_after_seconds(" 30 ", now=now) == 30.0
    assert retry_after_seconds("Wed, 21 Oct 2026 07:26:00 GMT", now=now) == 0.0
    assert retry_after_seconds("Thu, 01 Jan 2099 00:00:00 GMT") > 365 * 24 * 3600
    assert retry_after_seconds("-5") is None and retry_after_seconds("") is None


def test_the_first_retry_waits_the_base():
    settings = project_settings().copy()
    settings.set("RETRY_BACKOFF_BASE", 1.5)
    assert BackoffRetryMiddleware(settings).backoff(Request("http://x/")) == 1.5


def test_a_timeout_is_retried_after_the_back_off_with_the_site_slowed(monkeypatch):
    """A download that timed out or was reset: retried after 1 s, the site's delay raised to
    it meanwhile; after RETRY_TIMES, given up (None: the errback records the failure); an
    exception that is no passing fault is not retried."""
    import asyncio

    from scrapy.exceptions import DownloadTimeoutError

    from portscraper.crawl import retry

    middleware, crawler, slot = middleware_on_a_site(delay=0.25)
    waited = []

    async def recorded(seconds):
        waited.append((seconds, slot.delay))

    monkeypatch.setattr(retry, "sleep", recorded)

    def fail(exception, times=0):
        request = Request("http://x/more.asp?id=1", meta={"retry_times": times} if times else {})
        return asyncio.run(middleware.process_exception(request, exception))

    result = fail(DownloadTimeoutError("took too long"))
    assert isinstance(result, Request) and result.meta["retry_times"] == 1
    assert waited == [(1.0, 1.0)] and slot.delay == 0.25
    assert fail(DownloadTimeoutError("took too long"), times=4) is None
    assert fail(ValueError("a defect")) is None and len(waited) == 1
