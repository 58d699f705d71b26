"""Downloader middleware: keep every HTML page exactly as received, in the archive.

Like Scrapy's HTTP cache, it sits next to the downloader and sees each response before retries
and redirects are handled, so what is stored is what the server sent. The snapshot's id goes
into request.meta["snapshot_id"], where the spider picks it up for the article it parses.
"""

from __future__ import annotations

from portscraper.archive_access import archive_for
from portscraper.extract import decode_html

# Statuses whose pages are kept: the page itself, and the evidence that it is gone.
KEPT_STATUSES = frozenset((200, 203, 404, 410))


class SnapshotMiddleware:
    def __init__(self, crawler):
        self.crawler = crawler
        self.archive = archive_for(crawler)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_response(self, request, response, spider=None):
        content_type = response.headers.get("Content-Type", b"").decode("latin-1").lower()
        is_html = "html" in content_type or (
            not content_type and response.body[:512].lstrip().lower().startswith((b"<!doc",
                                                                                  b"<html")))
        if response.status not in KEPT_STATUSES or not is_html:
            return response
        text, encoding = decode_html(response.body, content_type)
        headers = {k.decode("latin-1"): b", ".join(v).decode("latin-1")
                   for k, v in response.headers.items()}
        snapshot_id, stored = self.archive.add_snapshot(
            url=response.url, status=response.status, headers=headers, body=response.body,
            encoding=encoding, text=text,
            crawl_id=self.crawler.stats.get_value("portscraper/crawl_id"))
        request.meta["snapshot_id"] = snapshot_id
        self.crawler.stats.inc_value("portscraper/pages_fetched")
        if stored:
            self.crawler.stats.inc_value("portscraper/snapshots_stored")
        return response
