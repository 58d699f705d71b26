"""Caps a hostile site reaches (issue 25, item 6): a pager that lists new articles on every
page for ever, a robots.txt of megabytes. Each ends the crawl `ok` with the cap said in the
summary line."""

from __future__ import annotations

import re

from ..conftest import run_crawl
from ..sitekit import PARAS, StaticSite, article_page, home_page, list_page

PAGE = re.compile(r"^/list\.asp\?lb=2&page=(\d+)$")
ARTICLE = re.compile(r"^/view\.asp\?id=(\d+)$")


def title(n) -> str:
    return f"南港集团召开第{n}次安全生产会议"


def entry(n) -> tuple[str, str, str]:
    """A list's line for article n."""
    return f"/view.asp?id={n}", title(n), "2022-11-01"


def article(n) -> str:
    return article_page(title(n), "2022-11-01", PARAS)


class EndlessRoutes(dict):
    """A site whose news list never ends: page n lists two articles no other page lists, and
    links page n + 1."""

    def get(self, path, default=None):
        if path in self:
            return super().get(path)
        if (page := PAGE.match(path)) or path == "/list.asp?lb=2":
            n = int(page[1]) if page else 1
            pager = f'<a href="/list.asp?lb=2&page={n + 1}">下一页</a>'
            return list_page([entry(2 * n), entry(2 * n + 1)], pager=pager)
        if shown := ARTICLE.match(path):
            return article(shown[1])
        return default


def list_pages_asked(site) -> list[str]:
    return [r for r in site.requests if r.startswith("GET /list.asp")]


def test_an_endless_pager_stops_at_max_list_pages(tmp_path):
    site = StaticSite(EndlessRoutes({"/": home_page()}))
    with site:
        items, log = run_crawl(tmp_path, f"base_url={site.url}",
                               settings={"MAX_LIST_PAGES": "6", "FETCH_REQUISITES": "False"})
    assert len(list_pages_asked(site)) == 6
    assert len(items) == 12  # every article of the pages read, none beyond
    summary = log.strip().splitlines()[-1]
    assert summary.startswith("ok ")
    assert summary.endswith("; cap reached: 1 section read to 6 list pages (MAX_LIST_PAGES)")


def test_a_list_without_a_next_page_reaches_no_cap(tmp_path):
    routes = {"/": home_page(),
              "/list.asp?lb=2": list_page([entry(1)]), "/view.asp?id=1": article(1)}
    site = StaticSite(routes)
    with site:
        _, log = run_crawl(tmp_path, f"base_url={site.url}",
                           settings={"MAX_LIST_PAGES": "1", "FETCH_REQUISITES": "False"})
    assert "cap reached" not in log.strip().splitlines()[-1]


def test_a_robots_txt_of_megabytes_is_read_to_its_first_500_kb(tmp_path):
    """6 MB: its first rules are obeyed, what lies past ROBOTSTXT_MAXSIZE (a Disallow of the
    whole site) is ignored, as RFC 9309 2.5 allows and Google does."""
    filler = "".join(f"# filler line {i:07d} of a hostile robots.txt\n" for i in range(140_000))
    robots = ("User-agent: *\nDisallow: /view.asp?id=2\n" + filler + "Disallow: /\n")
    assert len(robots) > 6_000_000
    routes = {"/": home_page(), "/robots.txt": robots,
              "/list.asp?lb=2": list_page([entry(1), entry(2)]),
              "/view.asp?id=1": article(1), "/view.asp?id=2": article(2)}
    site = StaticSite(routes)
    with site:
        items, log = run_crawl(tmp_path, f"base_url={site.url}",
                               settings={"FETCH_REQUISITES": "False"})
    assert [i["title"] for i in items] == [title(1)]
    assert not site.requested("GET /view.asp?id=2")  # a rule inside the first 500 KB holds
    summary = log.strip().splitlines()[-1]
    assert summary.startswith("ok ")
    assert re.search(r"; cap reached: robots\.txt of 127\.0\.0\.1:\d+ read to its first 500 KB "
                     r"of \d+ KB \(ROBOTSTXT_MAXSIZE\)$", summary), summary
