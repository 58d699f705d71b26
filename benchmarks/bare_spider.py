"""The baseline of the crawl benchmark: a bare Scrapy spider that fetches the pages the maoming
spider fetches and throws them away. No article parsing, no pipelines, no archive.

    python -m scrapy runspider benchmarks/bare_spider.py -a base_url=http://127.0.0.1:8000/ \
        -s BENCH_STATS_FILE=bare.json

It follows links with plain parsel: the menu's and the lists' news.asp links (sections and their
pages) and the lists' more.asp links (articles, with only their id kept, as the maoming spider
canonicalizes them); Scrapy's duplicate filter does the rest.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import scrapy


def canonical(url: str) -> str:
    """more.asp keeps only its id; news.asp drops page=1 (the first page is the section URL)."""
    parts = urlsplit(url)
    query = parse_qsl(parts.query)
    if parts.path.lower().endswith("more.asp"):
        query = [(k, v) for k, v in query if k == "id"]
    elif ("page", "1") in query:
        query.remove(("page", "1"))
    return urlunsplit(parts._replace(query=urlencode(query), fragment=""))


class BareSpider(scrapy.Spider):
    name = "bare"
    # The project's settings, minus everything of the project's own: no pipelines, middlewares
    # or extensions (Scrapy's built-in ones stay, as they do for the maoming spider).
    custom_settings = {
        "ITEM_PIPELINES": {},
        "DOWNLOADER_MIDDLEWARES": {},
        "SPIDER_MIDDLEWARES": {},
        "EXTENSIONS": {},
    }

    def __init__(self, base_url: str, **kwargs):
        super().__init__(**kwargs)
        self.base_url = base_url
        self.allowed_domains = [urlsplit(base_url).hostname]

    async def start(self):
        yield scrapy.Request(self.base_url, callback=self.parse_list)

    def parse_list(self, response):
        for href in response.css("a::attr(href)").getall():
            url = canonical(response.urljoin(href))
            path = urlsplit(url).path.lower()
            if path.endswith("/news.asp"):
                yield scrapy.Request(url, callback=self.parse_list)
            elif path.endswith("/more.asp") and response.url != self.base_url:
                yield scrapy.Request(url, callback=self.discard)

    def discard(self, response):
        return None

    def closed(self, reason):
        path = self.settings.get("BENCH_STATS_FILE")
        if path:
            stats = self.crawler.stats.get_stats()
            # Scrapy sets elapsed_time_seconds after this runs: the same figure, from start_time.
            stats.setdefault("elapsed_time_seconds",
                             (datetime.now(UTC) - stats["start_time"]).total_seconds())
            Path(path).write_text(json.dumps(stats, default=str))
