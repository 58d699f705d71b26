"""The port groups' news spider: one spider for any group's site.

Thin: it only decides where to go next. What a page says is read by portscraper.extract; which
known articles need no new visit is decided by portscraper.crawl.incremental; what is known about a
group's site (its address, earlier addresses, section names, article id parameter) is data, in
the registry (portscraper/sites/registry.py, portscraper/sites/groups/NAME.toml).

    scrapy crawl portnews -a site=zhanjiang              # a registered group, from its home page
    scrapy crawl portnews -a base_url=http://x.example/  # a site the registry does not know
    scrapy crawl portnews -a site=maoming -a base_url=http://mirror/   # a group at another address
    scrapy crawl portnews -a site=maoming -a start_url=URL_OF_ARTICLE  # that article's section
    scrapy crawl portnews -a site=maoming -a mode=full   # walk every list page, fetch every article
    scrapy crawl maoming ...                             # the same as -a site=maoming (crontabs)

Each group's crawl writes its own archive, ARCHIVE_DIR/NAME.db, unless ARCHIVE_DB names one.

Every request carries meta["kind"] ("home", "frame", "list", "next_page", "article",
"article_page", "back") and list requests meta["section_url"], the canonical URL of the first
page of their section.

A home page that offers no news section is read as a browser shows it: its frames and iframes,
or where its script or <meta refresh> sends the browser, or a splash page's 进入网站 link. An
ASP.NET list's next page is a post of its form (FormRequest.from_response). An article split
over pages is fetched page by page (its pager: 第1页 2 3 下一页) and yielded once, whole.

Requests go to the URL a browser would request for the link (portscraper.extract.urls.browser_url:
`show.asp?3101` as written, backslashes as slashes, the query in the page's encoding); the
canonical URL (portscraper.extract.urls.canonical_url) is only the key of a page in the archive.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urlsplit

import scrapy
from scrapy.settings import SETTINGS_PRIORITIES

from portscraper.archive.validation import problems
from portscraper.crawl.failures import failure_reason
from portscraper.crawl.items import ArticleItem, FailureItem, ListPageItem
from portscraper.crawl.middlewares import RedirectedHome
from portscraper.extract import article_fields, read_page
from portscraper.extract.datastore import is_datastore_answer
from portscraper.extract.gone import says_not_found
from portscraper.extract.list_count import list_count
from portscraper.extract.multipage import join_pages
from portscraper.extract.navigation import (
    article_pages,
    back_link,
    breadcrumb_links,
    entrance_links,
    frame_sources,
    link_named,
    list_items,
    name_matches,
    pagination,
    redirect_targets,
    section_links,
)
from portscraper.extract.requisites import stylesheet_files, template_files
from portscraper.extract.urls import canonical_url, on_site, site_port
from portscraper.sites.registry import Group, RegistryError, archive_db, find_group, registry_of

MODES = ("incremental", "full")
# What a request's page was to be, by the request's kind.
KIND_OF_PAGE = {"start": "article", "recheck": "article", "retry": "article",
                "article_page": "article", "next_page": "list", "back": "list", "frame": "home"}
# Requests for an article (its first page): its key keeps only its id parameter.
ARTICLE_KINDS = frozenset(("article", "start", "recheck", "retry"))
# The most pages one article is read from (a pager that never ends is a trap, not an article).
MAX_ARTICLE_PAGES = 50


def check_url(name: str, value: str | None) -> None:
    if value is None:
        return
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"{name} must be an http(s) URL such as http://www.mmport.com.cn/, "
                         f"got {value!r}")


@dataclass
class ArticleInProgress:
    """An article whose pages are being fetched: each page's fields and URL, in order; the
    first page's snapshot is the article's (every page's is stored)."""

    pages: list[dict]
    urls: list[str]
    list_url: str = ""
    snapshot_id: int | None = None
    referer: str = ""
    # Every URL asked for or answered, so that a pager (or a redirect) never leads in circles.
    seen: set[str] = field(default_factory=set)


@dataclass(frozen=True)
class SpiderArgs:
    """The spider's -a arguments, checked before any request is made: the group (from the
    registry, or a site it does not know), the home pages to start from, and how."""

    group: Group
    start_url: str | None = None
    mode: str = "incremental"

    @property
    def base_url(self) -> str:
        """The site's (first) home page: the address it has now."""
        return self.group.home[0]

    def __post_init__(self) -> None:
        for url in self.group.home:
            check_url("base_url", url)
        check_url("start_url", self.start_url)
        if self.start_url and urlsplit(self.start_url).hostname not in {
                urlsplit(u).hostname for u in self.group.home}:
            raise ValueError(f"start_url {self.start_url!r} is not on the site {self.base_url!r}")
        if self.mode not in MODES:
            raise ValueError(f"mode must be one of {', '.join(MODES)}, got {self.mode!r}")


class PortNewsSpider(scrapy.Spider):
    name = "portnews"
    # The group a spider named after one crawls (scrapy crawl maoming); None: -a site= says.
    default_site: str | None = None

    def __init__(self, site: str | None = None, base_url: str | None = None,
                 start_url: str | None = None, mode: str = "incremental", **kwargs):
        unknown = {k: v for k, v in kwargs.items() if not k.startswith("_")}
        if unknown:
            self.parse_arguments({}, **unknown)  # raises, naming them
        super().__init__(**kwargs)
        self._arg_values = {"site": site, "base_url": base_url, "start_url": start_url,
                            "mode": mode}

    @classmethod
    def parse_arguments(cls, settings, site=None, base_url=None, start_url=None,
                        mode="incremental", **unknown) -> SpiderArgs:
        """The -a arguments checked against the settings and the registry; ValueError says
        what is wrong."""
        if any(not k.startswith("_") for k in unknown):
            raise ValueError(
                f"unknown spider argument(s): {', '.join(sorted(unknown))}; "
                f"the {cls.name} spider takes site, base_url, start_url and mode")
        if cls.default_site:
            if site and site != cls.default_site:
                raise ValueError(f"the {cls.name} spider crawls the group {cls.default_site}: "
                                 f"for {site}, run scrapy crawl portnews -a site={site}")
            site = cls.default_site
        check_url("base_url", base_url)
        registry = registry_of(settings)
        if start_url and not base_url:
            # A copy on another domain: the site is wherever the article is.
            check_url("start_url", start_url)
            parts = urlsplit(start_url)
            known = registry.get(site) if site else None
            if known is None or (parts.hostname or "") not in {
                    urlsplit(u).hostname for u in known.home}:
                base_url = f"{parts.scheme}://{parts.netloc}/"
        if site == "maoming" and not base_url and settings.get("MAOMING_BASE_URL"):
            base_url = settings.get("MAOMING_BASE_URL")  # the setting older crontabs give
        group = find_group(registry, site, base_url)
        return SpiderArgs(group=group, start_url=start_url, mode=mode)

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        settings = crawler.settings
        try:
            spider.args = cls.parse_arguments(settings, **spider._arg_values)
        except RegistryError as error:
            raise ValueError(str(error)) from None
        group = spider.args.group
        spider.group = group
        spider.arguments = {k: v for k, v in spider._arg_values.items() if v}
        spider.arguments["site"] = group.name
        spider.allowed_domains = sorted({urlsplit(u).hostname for u in group.home})
        # A site is its host and port: another port of the host is off the site
        # (SiteOffsiteMiddleware, RedirectGuardMiddleware, _on_site).
        spider.site_ports = frozenset(site_port(u) for u in group.home)
        # What the registry knows of the group, as the settings the components read (Scrapy
        # lets a spider set them here); what the command line gives wins.
        if not settings.get("ARCHIVE_DB"):
            settings.set("ARCHIVE_DB", archive_db(settings, group), priority="spider")
        _extend(settings, "SITE_ALIASES", group.aliases)
        _extend(settings, "ARTICLE_ID_PARAMS", group.article_id_params, first=True)
        spider.news_sections = [*group.sections, *settings.getlist("NEWS_SECTIONS")]
        spider.skip_sections = [*group.skip_sections, *settings.getlist("SKIP_SECTIONS")]
        spider.id_params = settings.getlist("ARTICLE_ID_PARAMS")
        spider.fetch_requisites = settings.getbool("FETCH_REQUISITES")
        spider.seen_lists: set[tuple[str, frozenset[str]]] = set()
        # List pages read per section (its first page's canonical URL) in this run, and the
        # sections whose pager was left at MAX_LIST_PAGES: a pager that lists new articles on
        # every page for ever is a trap.
        spider.max_list_pages = settings.getint("MAX_LIST_PAGES", 500)
        spider.list_pages_read: dict[str, int] = {}
        spider.lists_capped: set[str] = set()
        spider.section_urls: set[str] = set()
        return spider

    @property
    def site_name(self) -> str:
        """The group's short name: the archive's `site`, the summary line's name."""
        return self.group.name

    @property
    def mode(self) -> str:
        return self.args.mode

    async def start(self):
        if self.args.start_url:
            yield self.article_request(self.args.start_url, kind="start")
            return
        for home in self.args.group.home:
            yield scrapy.Request(home, callback=self.parse_home, errback=self.on_error,
                                 meta={"kind": "home"})

    # --- callbacks ----------------------------------------------------------------------------

    def parse_home(self, response):
        """The home page's news sections. A page that offers none (a frameset, a page of
        iframes, a script or meta redirect, a splash page) leads to the pages a browser shows
        instead, or that its 进入网站 link opens."""
        problem = not_a_page(response)
        if problem:
            yield self._failure(response.request, f"the home page: {problem}",
                                status=response.status,
                                unreachable=response.meta.get("kind") == "home")
            return
        page = page_of(response)
        if section_links(page, self.news_sections, self.skip_sections):
            yield from self._section_requests(page)
            yield from self._template_requests(page)
            return
        instead = [("frame", url) for url in frame_sources(page)] + \
                  [("home", url) for url in redirect_targets(page)]
        instead = instead or [("home", url) for url in entrance_links(page)]
        for kind, url in instead:
            self.logger.info("home page %s shows %s", response.url, url)
            yield scrapy.Request(url, callback=self.parse_home, errback=self.on_error,
                                 meta={"kind": kind})
        if not instead and response.meta.get("kind") == "home":
            yield self._failure(response.request, "the home page shows no news section: no "
                                "menu entry named as in NEWS_SECTIONS, no frame, no redirect, "
                                "no 进入 link", status=response.status)

    def parse_list(self, response, discover: bool = True):
        """A section's list page: its articles, its next page, and (from the home page crawl)
        any sub-sections it shows (新闻中心 lists 集团新闻, 媒体聚焦 …).

        A list page that cannot be read to its end is a failure (kind "list"), so that its
        section is not counted as walked: an empty or non-HTML answer, a page the pager
        promised (页次 1/3) that lists no article, a pager whose next page cannot be followed.
        """
        section_url = response.meta.get("section_url", response.url)
        problem = not_a_page(response)
        if problem:
            yield self._failure(response.request, f"the list page: {problem}",
                                status=response.status)
            return
        self.crawler.stats.inc_value("portscraper/list_pages_read")
        page = page_of(response)
        if discover:
            yield from self._section_requests(page)
        items = list_items(page, exclude=self.section_urls)
        self.crawler.stats.inc_value("portscraper/list_items_seen", len(items))
        urls = frozenset(self.key(item.url) for item in items)
        promised = response.meta.get("page_of")
        count = list_count(page)
        if (urls or count.found) and (section_url, urls) not in self.seen_lists:
            yield self._list_page_item(response, section_url, count, items, promised)
        if not urls and promised:
            number, total = promised
            yield self._failure(response.request, f"list page {number} of {total} showed no "
                                "articles", status=response.status)
            return
        # Old CMSes answer an out-of-range page number with page 1: a page this section has
        # shown already ends it. Per section: a parent section's first page (新闻中心) can list
        # exactly the articles of a sub-section's first page.
        if not urls or (section_url, urls) in self.seen_lists:
            self.logger.debug("list page %s: no new items, section ends", response.url)
            return
        self.seen_lists.add((section_url, urls))
        yield from self._template_requests(page)
        for item in items:
            yield self.article_request(item.url, list_url=response.url)
        pages = pagination(page)
        if pages.at_end:
            return
        read = self.list_pages_read[section_url] = self.list_pages_read.get(section_url, 0) + 1
        if read >= self.max_list_pages and (pages.next_url or pages.next_postback):
            self._list_cap_reached(section_url, response.url)
            return
        # Sub-sections show on a section's first page: later pages only repeat the menu.
        follow = {"callback": self.parse_list, "cb_kwargs": {"discover": False},
                  "errback": self.on_error,
                  "meta": {"kind": "next_page", "section_url": section_url,
                           "section": response.meta.get("section", "")}}
        if pages.current and pages.total:
            # The pager says there is a next page: one that lists nothing is a failure.
            follow["meta"]["page_of"] = (pages.current + 1, pages.total)
        if pages.next_url:
            yield scrapy.Request(pages.next_url, **follow)
        elif pages.next_postback:
            # The form posted as the browser posts it: __doPostBack sets the event's target and
            # argument and clicks no button; a submit button is clicked.
            post = pages.next_postback
            yield scrapy.FormRequest.from_response(
                response, formnumber=post.form, formdata=post.formdata,
                clickdata={"name": post.button} if post.button else None,
                dont_click=not post.button, **follow)
        elif pages.current and pages.total:
            # 页次 1/2 and no way to page 2 (a script pager with no address in it): the rest of
            # the list is lost to this run, and the section must not count as walked.
            yield self._failure(response.request, f"list page {pages.current} of {pages.total}:"
                                " its next page could not be followed (the pager leads to no "
                                "address and posts no form)", status=response.status)

    def _list_cap_reached(self, section_url: str, url: str) -> None:
        """The section's pager is not followed past its MAX_LIST_PAGES-th page: logged, and
        said in the summary line (stats portscraper/cap/MAX_LIST_PAGES, runs/verdict.py)."""
        self.lists_capped.add(section_url)
        self.logger.warning("section %s: %d list pages read (MAX_LIST_PAGES), its pager is not "
                            "followed past %s", section_url, self.max_list_pages, url)
        n = len(self.lists_capped)
        self.crawler.stats.set_value(
            "portscraper/cap/MAX_LIST_PAGES",
            f"{n} section{'' if n == 1 else 's'} read to {self.max_list_pages} list pages "
            "(MAX_LIST_PAGES)")

    def _list_page_item(self, response, section_url: str, count, items, promised):
        """What the list page says its list holds, and the articles it shows."""
        number = count.current or (promised[0] if promised else None) or (
            1 if response.meta.get("kind") == "list" else None)
        return ListPageItem(
            url=canonical_url(response.url), section_url=section_url,
            section=response.meta.get("section", ""), number=number, pages=count.pages,
            total=count.total, per_page=count.per_page, count_text=count.text[:200],
            entries=list(dict.fromkeys(self.key(item.url) for item in items)))

    def parse_article(self, response, follow_back: bool = False, list_url: str = ""):
        problem = not_a_page(response)
        if problem:
            yield self._failure(response.request, problem, status=response.status,
                                unreachable=response.meta.get("kind") == "start")
            return
        page = page_of(response)
        fields = article_fields(page)
        fields["url"] = self.key(response.url)
        words = problems(fields) and says_not_found(page)
        if words:
            # 该信息不存在或已被删除 served as a page: the site says the article is gone.
            yield self._failure(response.request, f'a "not found" page: {words}',
                                status=response.status, gone='a "not found" page')
            return
        article = ArticleInProgress(
            pages=[fields], urls=[response.url], list_url=list_url,
            snapshot_id=response.meta.get("snapshot_id"),
            referer=response.request.headers.get("Referer", b"").decode("latin-1"))
        yield from self._next_page_of(article, page)
        if follow_back:
            target = self._back_target(page, response, fields["section"])
            if target:
                yield scrapy.Request(target, callback=self.parse_list,
                                     cb_kwargs={"discover": False}, errback=self.on_error,
                                     meta={"kind": "back", "section_url": canonical_url(target)})
            else:
                self.logger.warning("no way back to a list from %s", response.url)

    def parse_article_page(self, response, article: ArticleInProgress):
        """A following page of an article split over pages (its snapshot is kept like any
        page's); after the last one, the whole article."""
        problem = not_a_page(response)
        if problem:
            yield self._page_failure(article, response.url, problem)
            return
        page = page_of(response)
        article.pages.append(article_fields(page))
        article.urls.append(response.url)
        yield from self._next_page_of(article, page)

    def on_article_page_error(self, failure):
        request = failure.request
        _, reason = failure_reason(failure)
        self.logger.warning("failed %s: %s", request.url, reason)
        yield self._page_failure(request.cb_kwargs["article"], request.url, reason)

    def on_error(self, failure):
        """A page that could not be had after retries: recorded, never silently skipped."""
        request = failure.request
        status, reason = failure_reason(failure)
        self.logger.warning("failed %s: %s", request.url, reason)
        gone = ""
        if request.meta.get("kind") in ARTICLE_KINDS:
            # Answers that say an article is gone (evidence of a take-down); a timeout, a
            # reset or a 5xx says nothing of the kind.
            if status in (404, 410):
                gone = f"HTTP {status}"
            elif failure.check(RedirectedHome):
                gone = "redirected to the home page"
        yield self._failure(request, reason, status=status, error=failure.type.__name__,
                            unreachable=request.meta.get("kind") in ("home", "start"), gone=gone)

    def _failure(self, request, reason: str, status: int | None = None, error: str = "",
                 unreachable: bool = False, gone: str = ""):
        """The FailureItem of a page lost. `unreachable`: it was the home or start page, which
        could not be had (an error, an empty answer): the run's verdict says so."""
        if unreachable:
            self.crawler.stats.set_value("portscraper/site_unreachable", reason)
        kind = self.page_kind(request)
        return FailureItem(url=self.key(request.url), request_url=request.url, reason=reason,
                           kind=kind, status=status, error=error,
                           referer=request.headers.get("Referer", b"").decode("latin-1"),
                           section_url=request.meta.get("section_url", "") if kind == "list"
                           else "", gone=gone)

    @staticmethod
    def page_kind(request) -> str:
        """What the page a request asks for was to be: "article", "list", "home", or a
        requisite's kind: a `failures` row's kind."""
        kind = request.meta.get("kind", "")
        return request.meta.get("requisite") or KIND_OF_PAGE.get(kind, kind)

    def _page_failure(self, article: ArticleInProgress, url: str, reason: str):
        """An article whose following page could not be had is not stored cut short: it is a
        failure under the article's own URL, asked for again by the next run. (No status: a
        404 of page 2 does not mean the article was taken down.)"""
        first = article.urls[0]
        return FailureItem(url=self.key(first), request_url=first, kind="article",
                           reason=f"page {len(article.urls) + 1} of the article ({url}): "
                                  f"{reason}", referer=article.referer)

    def _next_page_of(self, article: ArticleInProgress, page):
        """The request for the article's next page, or, on its last page, the article and the
        requests for its images and attachments; with each page, its template's files."""
        yield from self._template_requests(page, article.pages[-1])
        article.seen.update(article.urls)
        next_url = article_pages(page).next_url
        if next_url and next_url not in article.seen and len(article.urls) < MAX_ARTICLE_PAGES \
                and self._on_site(next_url):  # dont_filter: the offsite filter lets it by
            article.seen.add(next_url)
            # Not filtered as a duplicate: the article is yielded only after its last page, so
            # a page that redirects to one already fetched must still come back here.
            yield scrapy.Request(next_url, callback=self.parse_article_page,
                                 cb_kwargs={"article": article}, dont_filter=True,
                                 errback=self.on_article_page_error,
                                 meta={"kind": "article_page"})
            return
        fields = join_pages(article.pages) if len(article.pages) > 1 else article.pages[0]
        yield self._article_item(article, fields)
        for kind, assets in (("image", fields["images"]), ("attachment", fields["attachments"])):
            for asset in assets:
                yield from self._requisite_request(asset["url"], kind)

    def _article_item(self, article: ArticleInProgress, fields: dict) -> ArticleItem:
        return ArticleItem(
            **fields,
            request_url=article.urls[0],
            site=self.site_name,
            list_url=article.list_url,
            fetched_at=datetime.now(UTC).isoformat(timespec="seconds"),
            snapshot_id=article.snapshot_id,
        )

    # --- requisites: images, attachments, the template's files --------------------------------

    def parse_requisite(self, response):
        """A requisite, kept as received by the snapshot middleware; a stylesheet's images are
        the template's too."""
        if response.meta.get("requisite") == "stylesheet":
            css = response.body.decode(getattr(response, "encoding", None) or "utf-8",
                                       errors="replace")
            for url in stylesheet_files(css, response.url):
                yield from self._requisite_request(url, "template")

    def _template_requests(self, page, fields: dict | None = None):
        """The page's stylesheets and layout images (once per site: the incremental middleware
        drops those the archive keeps), not the article's own images."""
        own = {a["url"] for a in (fields or {}).get("images", [])}
        for url, kind in template_files(page):
            if url not in own:
                yield from self._requisite_request(url, kind)

    def _requisite_request(self, url: str, kind: str):
        """A request for a requisite on the site (robots.txt, politeness, retries and the size
        limit as for pages), after the pages (lower priority). Off-site files (a CDN) stay
        links: the crawl keeps to the site's hosts."""
        if not self.fetch_requisites or not self._on_site(url):
            return
        yield scrapy.Request(url, callback=self.parse_requisite, errback=self.on_error,
                             priority=-1, meta={"kind": "requisite", "requisite": kind})

    def _on_site(self, url: str) -> bool:
        return on_site(url, self.allowed_domains, getattr(self, "site_ports", {None}))

    # --- requests -----------------------------------------------------------------------------

    def key(self, url: str) -> str:
        """An article's key in the archive: its canonical URL, with its id parameter only."""
        return canonical_url(url, self.id_params)

    def request_key(self, request) -> str:
        """The key of the page a request asks for (requests with one key are one request: see
        portscraper/crawl/fingerprint.py). An article's URL keeps only its id; any other page's (a
        list's page number, an article's page 2) keeps its parameters."""
        if request.meta.get("kind") in ARTICLE_KINDS:
            return self.key(request.url)
        return canonical_url(request.url)

    def article_request(self, url: str, kind: str = "article", list_url: str = ""):
        """A request for an article at `url`, as the page links it (or as first requested)."""
        return scrapy.Request(
            url,
            callback=self.parse_article,
            cb_kwargs={"follow_back": kind == "start", "list_url": list_url},
            errback=self.on_error,
            meta={"kind": kind},
        )

    def _section_requests(self, page):
        for label, url in section_links(page, self.news_sections, self.skip_sections):
            key = canonical_url(url)
            if key in self.section_urls:
                continue
            self.section_urls.add(key)
            self.crawler.stats.inc_value("portscraper/sections_found")
            self.logger.info("section %s: %s", label, url)
            yield scrapy.Request(url, callback=self.parse_list, errback=self.on_error,
                                 meta={"kind": "list", "section_url": key, "section": label})

    def _back_target(self, page, response, section: str) -> str | None:
        """返回's target; where it is only history.back(), the breadcrumb's section link, or the
        menu entry of the section the breadcrumb names, else the page that linked here."""
        target = back_link(page)
        if target:
            return target
        crumbs = [(label, url) for label, url in breadcrumb_links(page)
                  if urlsplit(url).path not in ("", "/")
                  and not name_matches(label, ["首页", "home", "主页"])]
        if crumbs:
            return crumbs[-1][1]
        # A breadcrumb in plain text: the menu entry of the section it names.
        menu_entry = link_named(page, section) if section else None
        if menu_entry:
            return menu_entry
        referer = response.request.headers.get("Referer")
        return referer.decode("latin-1") if referer else None


def _extend(settings, name: str, values, first: bool = False) -> None:
    """Add a group's values to a list setting, at the priority it has (a spider's at least)."""
    if not values:
        return
    current = [v for v in settings.getlist(name) if v not in values]
    priority = max(settings.getpriority(name) or 0, SETTINGS_PRIORITIES["spider"])
    settings.set(name, [*values, *current] if first else [*current, *values], priority=priority)


def not_a_page(response) -> str | None:
    """Why an article URL's response is no web page at all, or None when it is one."""
    if not response.body.strip():
        return "the page was empty"
    content_type = response.headers.get("Content-Type", b"").decode("latin-1").lower()
    head = response.body[:1024].lstrip().lower()
    if "html" not in content_type and not head.startswith((b"<!doc", b"<html", b"<head")) \
            and not is_datastore_answer(response.body, content_type):
        return (f"not a web page: {content_type or 'no content type'}, "
                f"{len(response.body)} bytes")
    return None


def page_of(response):
    """The response read as a page; decoded once, by the snapshot middleware when it ran."""
    decoded = response.meta.get("decoded")
    if decoded is not None and decoded[0] == response.url:
        return read_page(response.url, decoded[1], encoding=decoded[2])
    return read_page(response.url, response.body, response.headers.get("Content-Type"))
