"""Downloader middlewares, and the spider middleware that accounts for pages whose
processing raised an exception.

SnapshotMiddleware keeps every HTML page exactly as received, in the archive, and every
requisite (an image, an attachment, a template file: requisites.py) whatever its type. Like Scrapy's
HTTP cache, it sits next to the downloader and sees each response before retries are handled,
so what is stored is what the server sent. The snapshot's id goes into
request.meta["snapshot_id"], where the spider picks it up for the article it parses.

ReceivedMiddleware sits between the downloader and Scrapy's HttpCompressionMiddleware (590): it
takes each response as received (the heads crawl/wire.py recorded, the payload before the
content-encoding is undone) into request.meta["received"], which SnapshotMiddleware, after
decompression, keeps as the page's fetch (archive/fetches.py) beside the decoded page.

RedirectGuardMiddleware looks at redirects before Scrapy follows them. A redirect back to a page
already visited, off the site, or from a list to the home page would otherwise end silently
(the duplicate filter or the offsite filter drops the new request without a word); here it
fails the request with a reason, so it lands in `failures` and is tried again next run. A page
is known by its key (the spider's request_key, as the duplicate filter knows it): a redirect of
`show.asp?id=5` to `show.asp?id=5&r=1` is a loop too, which the filter would drop unrecorded.

PageErrorMiddleware turns an exception raised while a page's answer is processed (a callback, an
extractor, a spider middleware's output) into a `failures` row of kind `error`
(failures.error_failure); an exception in a pipeline or in storage is the item_error signal's
(pipelines/store.py). Either makes the run `failed` (health.py).
"""

from __future__ import annotations

import sqlite3
from urllib.parse import urljoin, urlsplit

from scrapy.downloadermiddlewares.offsite import OffsiteMiddleware
from scrapy.exceptions import CloseSpider, IgnoreRequest

from portscraper.crawl.archive_access import archive_failed, archive_for, archive_unwritable
from portscraper.crawl.failures import error_failure
from portscraper.crawl.wire import status_line
from portscraper.extract import decode_html
from portscraper.extract.datastore import is_datastore_answer
from portscraper.extract.urls import canonical_url, on_site, site_port


class RedirectedHome(IgnoreRequest):
    """A list or an article the site redirected to its home page (an old CMS's answer for a
    page it no longer has): for an article, evidence that it is gone (takedowns.py)."""


HOME_PATHS = frozenset(("", "/", "/index.asp", "/index.html", "/index.htm", "/default.asp"))
LIST_KINDS = frozenset(("list", "next_page", "back"))
ARTICLE_KINDS = frozenset(("article", "start", "recheck", "retry"))

# Statuses whose pages are kept: the page itself, and the evidence that it is gone.
KEPT_STATUSES = frozenset((200, 203, 404, 410))


class ReceivedMiddleware:
    """The response as received, before HttpCompressionMiddleware (590) decodes its body: its
    priority (595) puts its process_response before that one's (Scrapy calls them from the
    highest number down)."""

    def process_response(self, request, response, spider=None):
        wire = request.meta.pop("wire", None)
        head = wire.response_head if wire else b""
        sent = wire.request_head if wire else b""
        source = "wire"
        try:
            protocol, status, reason = status_line(head)
        except (ValueError, IndexError):
            head, source = b"", "scrapy"
        if not head or status != response.status:
            source = "scrapy"
            protocol, status, reason = response.protocol or "HTTP/1.1", response.status, ""
            head = _rebuilt_response_head(protocol, response)
        if not sent:
            source = "scrapy"
            sent = _rebuilt_request_head(request)
        request.meta["received"] = {
            "url": response.url, "method": request.method, "request_head": sent,
            "protocol": protocol, "status": status, "reason": reason, "response_head": head,
            "head_source": source, "payload": response.body,
            "ip": str(response.ip_address) if response.ip_address else None}
        return response


def _rebuilt_response_head(protocol: str, response) -> bytes:
    lines = [f"{protocol} {response.status}".encode("latin-1")]
    lines += [name + b": " + value for name, values in response.headers.items()
              for value in values]
    return b"\r\n".join(lines) + b"\r\n\r\n"


def _rebuilt_request_head(request) -> bytes:
    parts = urlsplit(request.url)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    lines = [f"{request.method} {target} HTTP/1.1".encode("latin-1"),
             b"Host: " + parts.netloc.encode("latin-1")]
    lines += [name + b": " + value for name, values in request.headers.items()
              for value in values]
    return b"\r\n".join(lines) + b"\r\n\r\n"


def received(request, response) -> dict | None:
    """The fetch ReceivedMiddleware kept for this response (None: another response's, or
    none: the middleware is not enabled)."""
    fetch = request.meta.pop("received", None)
    if fetch is None or fetch["url"] != response.url or fetch["status"] != response.status:
        return None
    return fetch


class SnapshotMiddleware:
    def __init__(self, crawler):
        self.crawler = crawler
        self.archive = archive_for(crawler)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_response(self, request, response, spider=None):
        if request.meta.get("kind") == "requisite":
            return self._keep_requisite(request, response)
        content_type = response.headers.get("Content-Type", b"").decode("latin-1").lower()
        is_html = "html" in content_type or (
            not content_type and response.body[:512].lstrip().lower().startswith((b"<!doc",
                                                                                  b"<html")))
        # A data proxy's XML list (records a script shows: extract/datastore.py) is kept too.
        is_html = is_html or is_datastore_answer(response.body, content_type)
        if response.status not in KEPT_STATUSES or not is_html:
            return response
        if archive_unwritable(self.crawler):
            return response
        text, encoding = decode_html(response.body, content_type)
        # The spider reads the same text: decode once (keyed by URL, as a redirect or a retry
        # reuses the request's meta). The encoding goes with it: links are encoded in it.
        request.meta["decoded"] = (response.url, text, encoding)
        headers = _headers_of(response)
        try:
            snapshot_id, stored = self.archive.add_snapshot(
                url=response.url, status=response.status, headers=headers, body=response.body,
                encoding=encoding, text=text,
                crawl_id=self.crawler.stats.get_value("portscraper/crawl_id"),
                fetch=received(request, response))
        except sqlite3.Error as error:
            archive_failed(self.crawler, error)
            return response
        request.meta["snapshot_id"] = snapshot_id
        self.crawler.stats.inc_value("portscraper/pages_fetched")
        if stored:
            self.crawler.stats.inc_value("portscraper/snapshots_stored")
        return response

    def _keep_requisite(self, request, response):
        """An image, attachment or template file: its bytes kept whatever their type (a
        requisite that fails is the spider's errback's, a failure like a page's)."""
        if response.status != 200 or archive_unwritable(self.crawler):
            return response
        headers = _headers_of(response)
        try:
            snapshot_id, stored = self.archive.add_requisite(
                response.url, request.meta.get("requisite", ""), response.status, headers,
                response.body, crawl_id=self.crawler.stats.get_value("portscraper/crawl_id"),
                fetch=received(request, response))
        except sqlite3.Error as error:
            archive_failed(self.crawler, error)
            return response
        request.meta["snapshot_id"] = snapshot_id
        self.crawler.stats.inc_value("portscraper/requisites_fetched")
        if stored:
            self.crawler.stats.inc_value("portscraper/requisites_stored")
        return response


def _headers_of(response) -> dict[str, str]:
    """The response's headers as the archive's `headers` column holds them: one entry a name,
    repeats joined by ", " (the headers as received, case and order, are the fetch's)."""
    return {k.decode("latin-1"): b", ".join(v).decode("latin-1")
            for k, v in response.headers.items()}


class RedirectGuardMiddleware:
    def __init__(self, crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_response(self, request, response, spider=None):
        location = response.headers.get("Location")
        if response.status not in (301, 302, 303, 307, 308) or not location:
            return response
        target_url = urljoin(request.url, location.decode("latin-1"))
        target = canonical_url(target_url)
        key = self._key_of(request)
        visited = {key(u) for u in request.meta.get("redirect_urls", [])}
        if key(target_url) in {key(request.url), *visited}:
            raise IgnoreRequest(f"a redirect loop: {request.url} redirects back to {target}")
        spider = self.crawler.spider
        allowed = getattr(spider, "allowed_domains", None) or []
        if allowed and not on_site(target, allowed, getattr(spider, "site_ports", {None})):
            raise IgnoreRequest(f"redirected off the site, to {target}")
        if urlsplit(target).path in HOME_PATHS:
            kind = request.meta.get("kind")
            if kind in LIST_KINDS:
                raise RedirectedHome("the list page redirected to the home page")
            if kind in ARTICLE_KINDS:
                raise RedirectedHome("the article redirected to the home page")
        return response

    def _key_of(self, request):
        """url -> the key of the page `request` would ask for at that URL (the duplicate
        filter's: portscraper/crawl/fingerprint.py)."""
        request_key = getattr(self.crawler.spider, "request_key", None)
        if request_key is None:
            return canonical_url
        return lambda url: request_key(request.replace(url=url))


class SiteOffsiteMiddleware(OffsiteMiddleware):
    """Scrapy's offsite filter, with the port: a site is its host and port
    (extract.urls.on_site), so a page, image or file on another port of the site's host is
    off the site and never fetched (Scrapy's filter compares host names only)."""

    def should_follow(self, request, spider) -> bool:
        ports = getattr(spider, "site_ports", None)
        return super().should_follow(request, spider) and (
            ports is None or site_port(request.url) in ports)


class PageErrorMiddleware:
    """A spider middleware, furthest from the spider (it sees the exceptions of every other
    one): an exception while a page's answer was processed becomes the FailureItem of that page
    (kind `error`), stored like any failure. Not CloseSpider (a stop asked for) nor IgnoreRequest
    (Scrapy's own, handled elsewhere)."""

    def __init__(self, crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_spider_exception(self, response, exception, spider=None):
        request = getattr(response, "request", None)
        if request is None or isinstance(exception, (CloseSpider, IgnoreRequest)):
            return None
        spider = self.crawler.spider
        spider.logger.error("error while processing %s", response.url, exc_info=exception)
        self.crawler.stats.inc_value("portscraper/errors")
        page = spider.page_kind(request) if hasattr(spider, "page_kind") else ""
        key = spider.request_key(request) if hasattr(spider, "request_key") else \
            canonical_url(request.url)
        return [error_failure(
            exception, page, key, request_url=request.url,
            referer=request.headers.get("Referer", b"").decode("latin-1"),
            section_url=request.meta.get("section_url", "") if page == "list" else "")]
