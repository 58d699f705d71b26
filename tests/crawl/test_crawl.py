"""End-to-end crawls of the replica, as a user runs them: `scrapy crawl maoming ...`."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from portscraper.replica.data import build_site
from portscraper.replica.expected import expected_articles, expected_sections, traits
from portscraper.replica.server import ReplicaServer

FIELDS = ("kicker", "title", "subtitle", "published", "section", "breadcrumb", "byline",
          "credits", "images", "attachments", "language")


def char_f1(got: str, want: str) -> float:
    a, b = Counter(got.replace("\n", "")), Counter(want.replace("\n", ""))
    overlap = sum((a & b).values())
    if not a and not b:
        return 1.0
    if not overlap:
        return 0.0
    precision, recall = overlap / sum(a.values()), overlap / sum(b.values())
    return 2 * precision * recall / (precision + recall)


def check_against_data(items: list[dict], server, script: str = "simplified") -> None:
    want = expected_articles(server.site, server.url, script)
    got = {item["url"]: item for item in items}
    assert sorted(got) == sorted(want), "the crawl must yield every live article, once"
    wrong = [(url, field, item[field], want[url][field])
             for url, item in got.items() for field in FIELDS if item[field] != want[url][field]]
    assert not wrong, wrong[:5]
    f1 = [char_f1(item["body"], want[url]["body"]) for url, item in got.items()]
    assert sum(f1) / len(f1) >= 0.99 and min(f1) >= 0.95


@pytest.mark.parametrize("fixture, script", [
    ("replica", "simplified"),
    ("replica_div", "simplified"),
    ("replica_traditional", "traditional"),
])
def test_crawl_from_home_page_yields_every_article(request, crawl, fixture, script):
    server = request.getfixturevalue(fixture)
    items, _ = crawl(f"base_url={server.url}")
    check_against_data(items, server, script)


def test_a_site_with_many_list_pages_is_walked_to_the_end(crawl):
    # Two articles per list page: 新闻中心 has some forty pages, and its pagination line
    # numbers every one of them, as a big site's does.
    server = ReplicaServer(build_site(), page_size=2)
    url = server.start()
    try:
        first_page = server.renderer.section_list(2, 1)
        items, _ = crawl(f"base_url={url}")
    finally:
        server.stop()
    pages = re.search(r"页次：1/(\d+)", first_page.replace("&nbsp;", ""))
    assert pages and int(pages.group(1)) >= 40 and "page=40" in first_page
    assert {item["url"] for item in items} == set(expected_articles(server.site, url))


def test_crawl_is_polite_and_stays_on_news(replica, crawl):
    replica.requests.clear()
    crawl(f"base_url={replica.url}")
    paths = [path.lower() for _, path in replica.requests]
    assert paths[0] == "/robots.txt"
    assert not [p for p in paths if p.startswith(("/admin", "/search.asp"))], "robots.txt"
    assert not [p for p in paths if p.startswith(("/job.asp", "/about.asp", "/message.asp"))]
    # Each list page and each article once; nothing fetched twice.
    assert len(paths) == len(set(paths))


def test_double_post_404_and_503(replica, crawl):
    items, _ = crawl(f"base_url={replica.url}")
    ids = {int(item["url"].split("id=")[1]) for item in items}
    trap = traits(replica.site)
    assert not set(trap["missing"]) & ids
    assert set(trap["flaky"]) <= ids
    assert set(trap["duplicates"][0]) <= ids


@pytest.mark.parametrize("back_style", ["history", "list", "go"])
def test_start_url_crawls_the_article_section(replica, crawl, back_style):
    """From one article, back to its list by 返回 (or, where 返回 is history.back(), by the
    breadcrumb), then the whole section."""
    article = next(a for a in replica.site.articles
                   if a.back_style == back_style and a.status == "ok"
                   and len(expected_sections(replica.site)[a.section]) > 15)
    items, _ = crawl(f"start_url={replica.url}more.asp?id={article.id}")
    got = {int(item["url"].split("id=")[1]) for item in items}
    assert got == set(expected_sections(replica.site)[article.section])
    assert {item["section"] for item in items} == {article.section}
