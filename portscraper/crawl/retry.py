"""Retries that back off: Scrapy's RetryMiddleware retries at once and ignores Retry-After
(scrapy/scrapy#3849). This one waits before each retry, as the server asks (Retry-After, in
seconds or as a date) or else exponentially longer each time, and slows the whole site down
meanwhile, so a server that answers 429 or 503 is not hammered.
"""

from __future__ import annotations

from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.http import Request
from scrapy.utils.asyncio import sleep


def retry_after_seconds(value: bytes | str | None, now: datetime | None = None) -> float | None:
    """Retry-After as seconds: `120` or `Wed, 21 Oct 2026 07:28:00 GMT`; None if absent or bad."""
    if not value:
        return None
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    text = text.strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


class BackoffRetryMiddleware(RetryMiddleware):
    def __init__(self, settings):
        super().__init__(settings)
        self.base = settings.getfloat("RETRY_BACKOFF_BASE")
        self.max_backoff = settings.getfloat("RETRY_BACKOFF_MAX")
        self.max_retry_after = settings.getfloat("RETRY_AFTER_MAX")

    def backoff(self, retry: Request) -> float:
        attempt = retry.meta.get("retry_times", 1)
        return min(self.max_backoff, self.base * 2 ** (attempt - 1))

    async def process_response(self, request, response, spider=None):
        wait = retry_after_seconds(response.headers.get("Retry-After"))
        if wait is not None and wait > self.max_retry_after:
            # The server asks for more patience than a run has: leave it to the next run.
            self.crawler.stats.inc_value("retry/retry_after_too_long")
            return response
        result = super().process_response(request, response)
        if isinstance(result, Request):
            await self._wait(request, wait if wait is not None else self.backoff(result))
        return result

    async def process_exception(self, request, exception, spider=None):
        result = super().process_exception(request, exception)
        if isinstance(result, Request):
            await self._wait(request, self.backoff(result))
        return result

    async def _wait(self, request, seconds: float) -> None:
        self.crawler.stats.inc_value("retry/backoff_seconds", seconds)
        # Every request to this site waits at least as long from now on; AutoThrottle brings
        # the delay down again as the server recovers.
        downloader = self.crawler.engine.downloader
        slot = downloader.slots.get(downloader.get_slot_key(request))
        before = slot.delay if slot is not None else None
        if slot is not None:
            slot.delay = raised = max(before, seconds)
        await sleep(seconds)
        if slot is not None and slot.delay == raised:
            slot.delay = before
