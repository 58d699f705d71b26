"""Crawls of small invented sites whose links a browser writes otherwise than they are printed:
requests go out as a browser sends them, and the canonical URL is only the archive's key."""

from __future__ import annotations

import sqlite3
from datetime import date

from ..conftest import run_crawl
from ..sitekit import PARAS, StaticSite, article_page, home_page, list_page

GBK_NEWS = "/list.asp?lm=%B9%AB%CB%BE%D0%C2%CE%C5"  # list.asp?lm=公司新闻, in GBK


def stored(db) -> dict[str, tuple[str, str]]:
    """title -> (canonical url, request_url) of every stored article."""
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT a.title, u.url, u.request_url FROM articles a "
                            "JOIN article_urls u ON u.article_id = a.id").fetchall()
    conn.close()
    return {title: (url, request_url) for title, url, request_url in rows}


def test_backslash_links_are_resolved_as_a_browser_does(tmp_path):
    news = "/xw/list.asp?lb=2"
    items = [("\\xw\\2022\\1103.html", "南港集团召开四季度经营分析会", "2022-11-03"),
             ("2022\\1028.html", "南港码头完成岸桥年度检修工作", "2022-10-28"),
             ("..\\xw\\2022\\1020.html", "南港集团开展消防安全应急演练", "2022-10-20"),
             (".\\2022\\1015.html", "南港集团团委举办青年读书分享会", "2022-10-15")]
    paths = ["/xw/2022/1103.html", "/xw/2022/1028.html", "/xw/2022/1020.html",
             "/xw/2022/1015.html"]
    routes = {"/": home_page(news=news), news: list_page(items, news=news)}
    for path, (_, title, day) in zip(paths, items, strict=True):
        routes[path] = article_page(title, day, PARAS, news=news)
    with StaticSite(routes) as site:
        run_crawl(tmp_path, f"base_url={site.url}")
    assert [p for p in paths if not site.requested(f"GET {p}")] == []
    assert sorted(stored(tmp_path / "archive.db")) == sorted(t for _, t, _ in items)


def test_keyless_and_non_ascii_queries_go_out_as_a_browser_sends_them(tmp_path):
    """`view.asp?2201` is requested without the `=` the canonical URL adds; a Chinese query on
    a GBK page is percent-encoded in GBK; a recheck and a retry ask for the URL as requested."""
    today = date.today().isoformat()
    runs = []

    def listing(form):
        runs.append(1)
        items = [("show.asp?id=2202&lm=公司新闻", "南港集团召开四季度经营分析会", "2022-11-03")]
        if len(runs) == 1:  # the first run; later the list shows only the older article
            items = [("view.asp?2201", "南港集团召开安全生产工作会议", today), *items,
                     ("view.asp?2203", "南港码头完成岸桥年度检修工作", "2022-10-28")]
        return list_page(items, news="list.asp?lm=公司新闻")

    def flaky(form):  # a server error on the first run
        page = article_page("南港码头完成岸桥年度检修工作", "2022-10-28", PARAS)
        return (503, "<html><body>busy</body></html>") if len(runs) == 1 else page

    routes = {
        "/": home_page(news="list.asp?lm=公司新闻"),
        GBK_NEWS: listing,
        "/view.asp?2201": article_page("南港集团召开安全生产工作会议", today, PARAS),
        "/show.asp?id=2202&lm=%B9%AB%CB%BE%D0%C2%CE%C5":
            article_page("南港集团召开四季度经营分析会", "2022-11-03", PARAS),
        "/view.asp?2203": flaky,
    }
    db = tmp_path / "archive.db"
    with StaticSite(routes, encoding="gbk") as site:
        run_crawl(tmp_path, f"base_url={site.url}", settings={"RETRY_TIMES": "0"},
                  verdict="degraded")
        first = stored(db)
        with sqlite3.connect(db) as conn:
            failed = conn.execute("SELECT url, request_url FROM failures").fetchall()
        conn.close()
        site.requests.clear()
        run_crawl(tmp_path, f"base_url={site.url}")
    base = site.url.rstrip("/")
    assert first == {
        "南港集团召开安全生产工作会议": (f"{base}/view.asp?2201=", f"{base}/view.asp?2201"),
        "南港集团召开四季度经营分析会": (f"{base}/show.asp?id=2202",
                                  f"{base}/show.asp?id=2202&lm=%B9%AB%CB%BE%D0%C2%CE%C5"),
    }
    assert failed == [(f"{base}/view.asp?2203=", f"{base}/view.asp?2203")]
    # The second run: 2201 is rechecked (published today) and 2203 retried, by the URLs the
    # server answers, though the list no longer shows them.
    assert site.requested("GET /view.asp?2201") and site.requested("GET /view.asp?2203")
    assert not [r for r in site.requests if r.endswith("=")]
    assert "南港码头完成岸桥年度检修工作" in stored(db)


def test_another_port_of_the_host_is_off_the_site(tmp_path):
    """A site is its host and port (issue 25): links and images on another port of 127.0.0.1
    are off the site, never fetched nor stored (redirects: tests/extract/test_hostile_text.py
    checks the rule the redirect guard applies)."""
    other_routes = {"/view.asp?9": article_page("外站文章不应入库", "2022-11-02", PARAS),
                    "/logo.jpg": "not an image", "/list.asp?lb=2": list_page([])}
    with StaticSite(other_routes) as other:
        items = [("view.asp?2201", "南港集团召开四季度经营分析会", "2022-11-03"),
                 (f"{other.url}view.asp?9", "外站文章不应入库", "2022-11-02")]
        article = article_page("南港集团召开四季度经营分析会", "2022-11-03", PARAS).replace(
            "</p></div>", f'</p><p><img src="{other.url}logo.jpg"></p></div>', 1)
        routes = {"/": home_page(), "/list.asp?lb=2": list_page(items),
                  "/view.asp?2201": article}
        with StaticSite(routes) as site:
            # The list names an article the archive cannot hold: the gap is said (degraded).
            run_crawl(tmp_path, f"base_url={site.url}", verdict="degraded")
    assert other.requests == []
    assert sorted(stored(tmp_path / "archive.db")) == ["南港集团召开四季度经营分析会"]
