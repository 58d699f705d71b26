"""Test-only components that raise where the crawl processes a page, to show that an exception
there is accounted for (tests/test_errors.py). They raise for the pages whose URL contains the
environment's PORTSCRAPER_TEST_RAISE (nothing when it is unset), with the message `injected`."""

from __future__ import annotations

import os


def _raises_for(url: str) -> bool:
    marker = os.environ.get("PORTSCRAPER_TEST_RAISE")
    return bool(marker) and marker in url


class RaisingPipeline:
    """Before the store: an exception in a pipeline (Scrapy's item_error)."""

    def process_item(self, item, spider=None):
        if _raises_for(getattr(item, "url", "")):
            raise RuntimeError("injected into a pipeline")
        return item


class RaisingSpiderMiddleware:
    """Next to the spider: an exception while the page's answer is processed, as a callback or
    an extractor raises it (process_spider_exception)."""

    async def process_spider_output(self, response, result, spider=None):
        if _raises_for(response.url):
            raise ValueError("injected into the processing of the page")
        async for output in result:
            yield output
