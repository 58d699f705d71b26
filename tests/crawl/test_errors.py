"""Every page the crawl touched is accounted for (README, "Nothing is dropped silently"): an
exception between the response and the archive is a `failures` row of kind `error` that the
summary line counts, fails the run and is asked for again; a page robots.txt bars is recorded
as barred, said so, and neither lost nor asked for again; a redirect loop is a failure."""

from __future__ import annotations

import json
import sqlite3

import pytest
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Request, Response
from twisted.python.failure import Failure

from portscraper import settings as project_settings
from portscraper.crawl.failures import BARRED, failure_reason
from portscraper.crawl.middlewares import RedirectGuardMiddleware

from ..conftest import run_crawl
from ..sitekit import PARAS, StaticSite, article_page, home_page, list_page

NEWS = [(f"view.asp?id={n}", title, date) for n, title, date in (
    (11, "南港集团召开2022年度安全生产工作会议", "2022-11-03"),
    (12, "南港码头完成岸桥年度检修工作", "2022-10-28"),
    (13, "南港集团开展消防安全应急演练", "2022-10-20"),
    (14, "南港集团团委举办青年读书分享会", "2022-10-11"))]


def news_site(robots: str | None = None) -> StaticSite:
    routes = {"/": home_page(), "/list.asp?lb=2": list_page(NEWS)}
    for href, title, date in NEWS:
        routes[f"/{href}"] = article_page(title, date, PARAS)
    if robots is not None:
        routes["/robots.txt"] = robots
    return StaticSite(routes)


def query(db, sql: str, *args) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        rows = conn.execute(sql, args).fetchall()
    conn.close()
    return rows


def stored_urls(db) -> set[str]:
    return {u.rsplit("/", 1)[1] for (u,) in query(db, "SELECT url FROM article_urls")}


def injected(where: str) -> dict:
    """Settings that add a raising component (tests/inject.py) to the project's own."""
    if where == "pipeline":
        return {"ITEM_PIPELINES": json.dumps(
            {**project_settings.ITEM_PIPELINES, "tests.inject.RaisingPipeline": 350})}
    return {"SPIDER_MIDDLEWARES": json.dumps(
        {**project_settings.SPIDER_MIDDLEWARES, "tests.inject.RaisingSpiderMiddleware": 990})}


@pytest.mark.parametrize("where", ["pipeline", "spider"])
def test_an_exception_while_an_article_is_processed_fails_the_run_and_is_asked_again(
        tmp_path, monkeypatch, where):
    db = tmp_path / "archive.db"
    with news_site() as site:
        monkeypatch.setenv("PORTSCRAPER_TEST_RAISE", "id=13")
        _, log = run_crawl(tmp_path, f"base_url={site.url}", settings=injected(where),
                           verdict="failed")
        summary = log.strip().splitlines()[-1]
        # Counted as a page lost, and said to be an exception, not a passing fault.
        assert "1 page lost" in summary and "could not be stored" in summary, summary
        assert "view.asp?id=13" in summary and "injected" in summary, summary
        rows = query(db, "SELECT url, kind, error, reason, request_url FROM failures")
        assert [(r[0].rsplit("/", 1)[1], r[1]) for r in rows] == [("view.asp?id=13", "error")]
        error, reason = rows[0][2], rows[0][3]
        assert error in ("RuntimeError", "ValueError") and f"{error}: injected" in reason
        assert query(db, "SELECT health FROM crawls") == [("failed",)]
        assert stored_urls(db) == {"view.asp?id=11", "view.asp?id=12", "view.asp?id=14"}

        monkeypatch.delenv("PORTSCRAPER_TEST_RAISE")
        site.requests.clear()
        run_crawl(tmp_path, f"base_url={site.url}", settings=injected(where))
        assert "GET /view.asp?id=13" in site.requests
        assert "view.asp?id=13" in stored_urls(db)


def test_a_page_barred_by_robots_txt_is_said_so_not_lost(tmp_path):
    db = tmp_path / "archive.db"
    with news_site(robots="User-agent: *\nDisallow: /view.asp?id=13\n") as site:
        _, log = run_crawl(tmp_path, f"base_url={site.url}")  # ok: nothing was lost
        summary = log.strip().splitlines()[-1]
        assert "0 pages lost, 1 barred by robots.txt," in summary, summary
        assert [r[0] for r in query(db, "SELECT reason FROM failures")] == [BARRED]
        assert json.loads(query(db, "SELECT health_report FROM crawls")[0][0])["barred"] == 1
        # Not asked for again (nor fetched) while robots.txt bars it.
        run_crawl(tmp_path, f"base_url={site.url}")
    assert not site.requested("GET /view.asp?id=13")
    assert stored_urls(db) == {"view.asp?id=11", "view.asp?id=12", "view.asp?id=14"}


def test_robots_txt_and_too_many_redirects_are_said_in_words():
    def failure(message):
        try:
            raise IgnoreRequest(message)
        except IgnoreRequest:
            return Failure()

    assert failure_reason(failure("Forbidden by robots.txt")) == (None, BARRED)
    assert "redirect loop" in failure_reason(failure("max redirections reached"))[1]


class KeySpider:
    """The spider's request_key: an article is known by its id alone."""

    @staticmethod
    def request_key(request):
        return request.url.split("&")[0]


def test_a_redirect_to_the_same_page_by_another_url_is_a_loop():
    """`view.asp?id=5` -> `view.asp?id=5&r=1`: one page to the duplicate filter, which would
    drop the redirect unrecorded; the guard fails the request, so it is a `failures` row."""
    guard = RedirectGuardMiddleware(type("Crawler", (), {"spider": KeySpider()})())
    request = Request("http://x.example/view.asp?id=5", meta={"kind": "article"})
    response = Response(request.url, status=302,
                        headers={"Location": "/view.asp?id=5&r=1"}, request=request)
    with pytest.raises(IgnoreRequest, match="a redirect loop"):
        guard.process_response(request, response)
    elsewhere = Response(request.url, status=302, headers={"Location": "/view.asp?id=6"},
                         request=request)
    assert guard.process_response(request, elsewhere) is elsewhere


def test_an_image_not_fetched_before_an_interruption_is_fetched_by_the_next_run(tmp_path):
    """Requisites come after pages: a run stopped in between (here by CLOSESPIDER_TIMEOUT, as
    by Ctrl-C or SIGTERM) leaves an article stored and a photo of it not fetched (one request
    at a time: the first photo is slow, the second waits its turn when the run stops); the next
    run asks for that photo, though it asks for no page of the article again."""
    import time

    db = tmp_path / "archive.db"
    slow = []

    def photo(form):
        if slow:
            time.sleep(4)
        return "GIF89a-photo"

    href, title, date = NEWS[0]
    images = '<img src="/pic/a.jpg"><img src="/pic/b.jpg">'
    routes = {"/": home_page(), "/list.asp?lb=2": list_page([NEWS[0]]),
              f"/{href}": article_page(title, date, [*PARAS, images]),
              "/pic/a.jpg": photo, "/pic/b.jpg": "GIF89a-other"}
    one_at_a_time = {"CONCURRENT_REQUESTS": "1", "CONCURRENT_REQUESTS_PER_DOMAIN": "1"}

    def kept():
        return sorted(u.rsplit("/", 1)[1] for (u,) in query(
            db, "SELECT r.url FROM requisites r JOIN article_requisites a ON a.url = r.url "
                "WHERE r.snapshot_id IS NOT NULL"))

    with StaticSite(routes) as site:
        slow.append(True)
        run_crawl(tmp_path, f"base_url={site.url}", verdict="interrupted",
                  settings={**one_at_a_time, "CLOSESPIDER_TIMEOUT": "2"})
        assert stored_urls(db) == {href}
        assert len(kept()) == 1 and not query(db, "SELECT * FROM failures")
        slow.clear()
        site.requests.clear()
        run_crawl(tmp_path, f"base_url={site.url}", settings=one_at_a_time)
        assert f"GET /{href}" not in site.requests
    assert kept() == ["a.jpg", "b.jpg"]
