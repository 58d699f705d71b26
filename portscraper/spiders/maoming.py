"""The Maoming Port Group (茂名港集团) news spider.

Thin: it only decides where to go next. What a page says is read by portscraper.extract.

    scrapy crawl maoming                               # from the home page: every news section
    scrapy crawl maoming -a base_url=http://mirror/    # another address or a mirror
    scrapy crawl maoming -a start_url=URL_OF_ARTICLE   # that article's whole section, via 返回
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from http import HTTPStatus
from urllib.parse import urlsplit

import scrapy
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet.error import (
    ConnectionRefusedError,
    DNSLookupError,
    TCPTimedOutError,
    TimeoutError,
)

from portscraper.extract import article_fields, read_page
from portscraper.extract.navigation import (
    back_link,
    breadcrumb_links,
    list_items,
    name_matches,
    pagination,
    section_links,
)
from portscraper.items import ArticleItem, FailureItem
from portscraper.urls import canonical_url


@dataclass(frozen=True)
class SpiderArgs:
    """The spider's -a arguments, checked before any request is made."""

    base_url: str
    start_url: str | None = None

    def __post_init__(self) -> None:
        for name in ("base_url", "start_url"):
            value = getattr(self, name)
            if value is None:
                continue
            parts = urlsplit(value)
            if parts.scheme not in ("http", "https") or not parts.hostname:
                raise ValueError(f"{name} must be an http(s) URL, got {value!r}")


class MaomingSpider(scrapy.Spider):
    name = "maoming"

    def __init__(self, base_url: str | None = None, start_url: str | None = None, **kwargs):
        unknown = sorted(k for k in kwargs if not k.startswith("_"))
        if unknown:
            raise ValueError(
                f"unknown spider argument(s): {', '.join(unknown)}; "
                "the maoming spider takes base_url and start_url")
        super().__init__(**kwargs)
        self._base_url_arg = base_url
        self._start_url_arg = start_url

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        settings = crawler.settings
        base_url = spider._base_url_arg or settings.get("MAOMING_BASE_URL")
        start_url = spider._start_url_arg
        if start_url and not spider._base_url_arg:
            # A copy on another domain: the site is wherever the article is.
            parts = urlsplit(start_url)
            base_url = f"{parts.scheme}://{parts.netloc}/"
        spider.args = SpiderArgs(base_url=base_url, start_url=start_url)
        spider.arguments = {k: v for k, v in vars(spider.args).items() if v}
        spider.allowed_domains = [urlsplit(base_url).hostname]
        if start_url and urlsplit(start_url).hostname != urlsplit(base_url).hostname:
            raise ValueError(f"start_url {start_url!r} is not on the site {base_url!r}")
        spider.news_sections = settings.getlist("NEWS_SECTIONS")
        spider.skip_sections = settings.getlist("SKIP_SECTIONS")
        spider.id_params = settings.getlist("ARTICLE_ID_PARAMS")
        spider.seen_lists: set[frozenset[str]] = set()
        spider.section_urls: set[str] = set()
        return spider

    async def start(self):
        if self.args.start_url:
            yield self._article_request(self.args.start_url, follow_back=True)
        else:
            yield scrapy.Request(self.args.base_url, callback=self.parse_home,
                                 errback=self.on_error)

    # --- callbacks ----------------------------------------------------------------------------

    def parse_home(self, response):
        page = read_page(response.url, response.body, response.headers.get("Content-Type"))
        yield from self._section_requests(page)

    def parse_list(self, response, discover: bool = True):
        """A section's list page: its articles, its next page, and (from the home page crawl)
        any sub-sections it shows (新闻中心 lists 集团新闻, 媒体聚焦 …)."""
        page = read_page(response.url, response.body, response.headers.get("Content-Type"))
        if discover:
            yield from self._section_requests(page)
        items = list_items(page, exclude=self.section_urls)
        urls = frozenset(canonical_url(item.url, self.id_params) for item in items)
        # Old CMSes answer an out-of-range page number with page 1: a page already seen ends
        # the section.
        if not urls or urls in self.seen_lists:
            self.logger.debug("list page %s: no new items, section ends", response.url)
            return
        self.seen_lists.add(urls)
        for item in items:
            yield self._article_request(item.url, list_url=response.url)
        pages = pagination(page)
        if pages.next_url and not pages.at_end:
            yield scrapy.Request(pages.next_url, callback=self.parse_list,
                                 cb_kwargs={"discover": discover}, errback=self.on_error)

    def parse_article(self, response, follow_back: bool = False, list_url: str = ""):
        page = read_page(response.url, response.body, response.headers.get("Content-Type"))
        fields = article_fields(page)
        fields["url"] = canonical_url(response.url, self.id_params)
        yield ArticleItem(
            **fields,
            site=self.name,
            list_url=list_url,
            fetched_at=datetime.now(UTC).isoformat(timespec="seconds"),
            snapshot_id=response.meta.get("snapshot_id"),
        )
        if follow_back:
            target = self._back_target(page, response)
            if target:
                yield scrapy.Request(target, callback=self.parse_list,
                                     cb_kwargs={"discover": False}, errback=self.on_error)
            else:
                self.logger.warning("no way back to a list from %s", response.url)

    def on_error(self, failure):
        """A page that could not be had after retries: recorded, never silently skipped."""
        request = failure.request
        status, reason = failure_reason(failure)
        self.logger.warning("failed %s: %s", request.url, reason)
        referer = request.headers.get("Referer", b"").decode("latin-1")
        yield FailureItem(url=canonical_url(request.url, self.id_params), reason=reason,
                          status=status, error=failure.type.__name__, referer=referer)

    # --- helpers ------------------------------------------------------------------------------

    def _section_requests(self, page):
        for label, url in section_links(page, self.news_sections, self.skip_sections):
            if url in self.section_urls:
                continue
            self.section_urls.add(url)
            self.logger.info("section %s: %s", label, url)
            yield scrapy.Request(url, callback=self.parse_list, errback=self.on_error)

    def _article_request(self, url: str, follow_back: bool = False, list_url: str = ""):
        return scrapy.Request(
            canonical_url(url, self.id_params),
            callback=self.parse_article,
            cb_kwargs={"follow_back": follow_back, "list_url": list_url},
            errback=self.on_error,
        )

    def _back_target(self, page, response) -> str | None:
        """返回's target; where it is only history.back(), the breadcrumb's section link, else
        the page that linked here."""
        target = back_link(page)
        if target:
            return target
        crumbs = [(label, url) for label, url in breadcrumb_links(page)
                  if urlsplit(url).path not in ("", "/")
                  and not name_matches(label, ["首页", "home", "主页"])]
        if crumbs:
            return crumbs[-1][1]
        referer = response.request.headers.get("Referer")
        return referer.decode("latin-1") if referer else None


def failure_reason(failure) -> tuple[int | None, str]:
    """(HTTP status or None, a reason a person understands) for a failed request."""
    if failure.check(HttpError):
        response = failure.value.response
        try:
            phrase = HTTPStatus(response.status).phrase
        except ValueError:
            phrase = ""
        return response.status, f"HTTP {response.status} {phrase}".strip()
    if failure.check(DNSLookupError):
        return None, "the site's name could not be resolved (DNS)"
    if failure.check(TimeoutError, TCPTimedOutError):
        return None, "the site did not answer in time"
    if failure.check(ConnectionRefusedError):
        return None, "the site refused the connection"
    return None, f"{failure.type.__name__}: {failure.getErrorMessage()}"

