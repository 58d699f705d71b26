"""The incremental run's rules (portscraper/crawl/incremental.py), on the middleware itself over a
stand-in crawler: no replica, no clock. The cases are those the crawl tests' replica seldom
meets exactly: a list page whose last articles are only partly known, a section never walked to
its end, a run that did not finish, a list page lost in a run that did.

Docs: docs/crawling.md ("Incremental runs"), docs/guarantees.md ("Interrupted runs resume")."""

from __future__ import annotations

import asyncio
from types import SimpleNamespace

import pytest
from scrapy import Request
from scrapy.http import HtmlResponse
from scrapy.utils.project import get_project_settings

from portscraper.crawl import incremental
from portscraper.crawl.incremental import IncrementalMiddleware
from portscraper.crawl.items import FailureItem

SECTION = "http://x/news.asp?lb=2"


class Stats:
    def __init__(self):
        self.values: dict[str, int] = {}

    def inc_value(self, key, count=1, start=0, spider=None):
        self.values[key] = self.values.get(key, start) + count


class Archive:
    """What the middleware asks of the archive at the end of a run."""

    def __init__(self):
        self.walked: list[tuple[str, str]] = []

    def mark_walked(self, url, name=""):
        self.walked.append((url, name))


@pytest.fixture
def middleware(monkeypatch):
    archive = Archive()
    monkeypatch.setattr(incremental, "archive_for", lambda crawler: archive)
    crawler = SimpleNamespace(settings=get_project_settings(), stats=Stats(),
                              spider=SimpleNamespace(mode="incremental"))
    made = IncrementalMiddleware(crawler)
    made.archive = archive
    return made


def article(n: int) -> Request:
    return Request(f"http://x/more.asp?id={n}", meta={"kind": "article"})


def list_page(middleware, ids, next_page=True, failed=False, section=SECTION, kind="list",
              url=None, extra=()):
    """The requests that pass the middleware from a list page linking articles `ids` (newest
    first) and, if next_page, the list's next page; the page is the section's first (kind
    "list"), one reached by its pager ("next_page") or an article's way back to it ("back")."""
    meta = {"kind": kind, "section_url": section, "section": "集团新闻"}
    url = url or section
    response = HtmlResponse(url, body=b"<html></html>", status=200, request=Request(
        url, meta=meta))
    outputs = [article(n) if isinstance(n, int) else n for n in ids] + list(extra)
    if next_page:
        outputs.append(Request(f"{section}&page=2", meta={"kind": "next_page"}))
    if failed:
        outputs.append(FailureItem(url=f"{section}&page=2", reason="HTTP 404 Not Found",
                                   kind="list", status=404, section_url=section))

    async def result():
        for output in outputs:
            yield output

    async def passed():
        return [o async for o in middleware.process_spider_output(response, result())]

    return asyncio.run(passed())


def known(middleware, *ids):
    middleware.known = {f"http://x/more.asp?id={n}": "2026-01-01" for n in ids}


def next_pages(outputs):
    return [o for o in outputs if isinstance(o, Request) and o.meta["kind"] == "next_page"]


@pytest.mark.parametrize("kind", ["list", "next_page", "back"])
def test_a_walked_list_stops_when_its_last_three_articles_are_known(middleware, kind):
    """Lists run newest first: the page's last (oldest) three known, the rest is known too;
    the same on a page reached by the pager or by an article's way back to its list."""
    assert middleware.recheck_days == 30  # RECHECK_DAYS, the project's
    middleware.walked = {SECTION}
    known(middleware, 3, 4, 5)
    passed = list_page(middleware, [1, 2, 3, 4, 5], kind=kind, url=f"{SECTION}&page=3")
    assert next_pages(passed) == []
    assert [o.url for o in passed] == ["http://x/more.asp?id=1", "http://x/more.asp?id=2"]
    assert middleware.crawler.stats.values == {"portscraper/walks_stopped_early": 1,
                                               "portscraper/known_skipped": 3}


@pytest.mark.parametrize("known_ids", [(5,), (4, 5), (1, 2, 3), (3, 5)])
def test_the_walk_goes_on_unless_all_of_the_last_three_are_known(middleware, known_ids):
    """"All known", not "any known": one or two of the last three new, or only the newest
    known (a pinned article), and the next page is still asked for."""
    middleware.walked = {SECTION}
    known(middleware, *known_ids)
    assert len(next_pages(list_page(middleware, [1, 2, 3, 4, 5]))) == 1


def test_a_section_never_walked_to_its_end_is_walked_in_full(middleware):
    known(middleware, 1, 2, 3, 4, 5)
    assert len(next_pages(list_page(middleware, [1, 2, 3, 4, 5]))) == 1
    middleware.crawler.spider.mode = "full"
    middleware.walked = {SECTION}
    passed = list_page(middleware, [1, 2, 3, 4, 5])
    assert len(next_pages(passed)) == 1 and len(passed) == 6


def test_sections_count_as_walked_only_when_the_run_finishes(middleware):
    """The list's end reached, its articles read: walked if the run finishes, not if it is
    stopped (Ctrl-C, SIGTERM, a CLOSESPIDER limit): the next run walks it in full."""
    list_page(middleware, [1, 2, 3], next_page=False)
    for reason in ("shutdown", "closespider_timeout", "closespider_itemcount", "cancelled"):
        middleware.spider_closed(None, reason)
        assert middleware.archive.walked == [], reason
    middleware.spider_closed(None, "finished")
    assert middleware.archive.walked == [(SECTION, "集团新闻")]


def test_a_section_with_a_list_page_lost_is_not_walked(middleware):
    """A list page lost (a 404 on page 2) in a run that finishes: the section stays unwalked,
    so the next run asks for that page again; an empty list is not walked either."""
    list_page(middleware, [1, 2, 3], next_page=False)  # its end reached, then page 2 lost
    middleware.item_seen(FailureItem(url=f"{SECTION}&page=2", reason="HTTP 404 Not Found",
                                     kind="list", status=404, section_url=SECTION))
    other = "http://x/news.asp?lb=3"
    list_page(middleware, [], next_page=False, section=other)
    middleware.spider_closed(None, "finished")
    assert middleware.archive.walked == []


@pytest.mark.parametrize("kind", ["list", "back"])
def test_a_walked_list_that_now_shows_nothing_is_a_failure(middleware, kind):
    middleware.walked = {SECTION}
    (failure,) = list_page(middleware, [], next_page=False, kind=kind,
                           url=f"{SECTION}&PHPSESSID=abc")
    assert failure == FailureItem(
        url=SECTION, request_url=f"{SECTION}&PHPSESSID=abc", kind="list", status=200,
        section_url=SECTION,
        reason="the list page showed no articles, where earlier runs read its list")
    # Not on a page the pager reached (a list may end on an empty page), nor with a pager.
    assert list_page(middleware, [], next_page=False, kind="next_page") == []
    assert len(list_page(middleware, [], next_page=True, kind=kind)) == 1
    middleware.spider_closed(None, "finished")
    assert middleware.archive.walked == []


def test_known_articles_are_skipped_but_recent_ones_rechecked(middleware):
    known(middleware, 1, 2)
    middleware.due = {"http://x/more.asp?id=2"}
    middleware.gone = {"http://x/more.asp?id=9"}
    passed = list_page(middleware, [1, 2, 3, 9], next_page=False)
    assert [o.url for o in passed] == ["http://x/more.asp?id=2", "http://x/more.asp?id=3"]


class Known:
    """An archive that knows a site at its old address (127.0.0.1): a recent article, one that
    answered "gone" once, one lost to a 5xx, the last as first requested."""

    def __init__(self):
        self.walked = []

    def now(self):
        return "2026-12-01T06:00:00+00:00"

    def recent_urls(self, since):
        assert since == "2026-11-01"  # RECHECK_DAYS (30) before the run's clock
        return ["http://127.0.0.1:8000/more.asp?id=5"]

    def suspected_urls(self):
        return ["http://127.0.0.1:8000/more.asp?id=6"]

    def failed_urls(self):
        return ["http://127.0.0.1:8000/more.asp?id=7"]

    def request_urls(self):
        return {"http://127.0.0.1:8000/more.asp?id=7": "http://127.0.0.1:8000/More.asp?ID=7"}

    def known_urls(self):
        return {}

    def gone_urls(self):
        return set()

    def walked_sections(self):
        return set()

    def stored_requisites(self):
        return set()

    def failed_requisites(self):
        return []


def test_rechecks_and_retries_go_to_the_sites_new_address(monkeypatch):
    """The site moved from 127.0.0.1 to localhost (declared by SITE_ALIASES): what the run asks
    for again, it asks for at the new address, as first requested (its case kept)."""
    settings = get_project_settings().copy()
    settings.set("SITE_ALIASES", ["127.0.0.1"])
    monkeypatch.setattr(incremental, "archive_for", lambda crawler: Known())
    crawler = SimpleNamespace(settings=settings, stats=Stats(), spider=SimpleNamespace(
        mode="incremental", args=SimpleNamespace(base_url="http://localhost:8000/")))
    middleware = IncrementalMiddleware(crawler)
    middleware._load()
    assert middleware.due == {"http://localhost:8000/more.asp?id=5",
                              "http://localhost:8000/more.asp?id=6"}
    assert middleware.retry == {"http://localhost:8000/more.asp?id=7"}
    assert middleware.addresses == {
        "http://localhost:8000/more.asp?id=7": "http://localhost:8000/More.asp?ID=7"}


def requisite(path: str) -> Request:
    return Request(f"http://x{path}", meta={"kind": "requisite", "requisite": "image"})


def test_a_requisite_is_asked_for_once_a_site_and_a_run(middleware):
    """Kept files (the archive's) are not asked for again, in either mode; a new one is asked
    for once in a run, whichever pages link it; pages and list links pass untouched."""
    middleware.requisites = {"http://x/pic/kept.jpg"}
    response = HtmlResponse("http://x/more.asp?id=1", body=b"", request=Request(
        "http://x/more.asp?id=1", meta={"kind": "article"}))
    page = Request("http://x/more.asp?id=1&page=2", meta={"kind": "article_page"})

    async def passed(outputs):
        async def result():
            for output in outputs:
                yield output
        return [o.url async for o in middleware.process_spider_output(response, result())]

    first = asyncio.run(passed([requisite("/pic/kept.jpg"), requisite("/pic/new.jpg"), page,
                                requisite("/pic/new.jpg")]))
    assert first == ["http://x/pic/new.jpg", "http://x/more.asp?id=1&page=2"]
    middleware.crawler.spider.mode = "full"
    assert asyncio.run(passed([requisite("/pic/new.jpg"), requisite("/pic/kept.jpg"),
                               requisite("/pic/other.jpg")])) == ["http://x/pic/other.jpg"]
    # From a list page too (a list's pictures, its stylesheet).
    assert list_page(middleware, [], next_page=False, extra=[
        requisite("/pic/kept.jpg"), requisite("/css/list.css")])[0].url == \
        "http://x/css/list.css"


def test_a_section_without_a_name_is_walked_under_none(middleware):
    response = HtmlResponse(SECTION, body=b"", request=Request(
        SECTION, meta={"kind": "list", "section_url": SECTION}))

    async def run():
        async def result():
            yield article(1)
        return [o async for o in middleware.process_spider_output(response, result())]

    asyncio.run(run())
    middleware.spider_closed(None, "finished")
    assert middleware.archive.walked == [(SECTION, "")]


def test_articles_are_known_by_their_id_parameter(middleware):
    """ARTICLE_ID_PARAMS (the project's: id, newsid …): `more.asp?lm=2&newsid=3` is the
    article `more.asp?newsid=3`."""
    middleware.known = {"http://x/more.asp?newsid=3": "2026-01-01"}
    linked = Request("http://x/more.asp?lm=2&newsid=3", meta={"kind": "article"})
    assert list_page(middleware, [linked], next_page=False) == []
    middleware.due = {"http://x/more.asp?newsid=3"}
    assert len(list_page(middleware, [linked], next_page=False)) == 1
