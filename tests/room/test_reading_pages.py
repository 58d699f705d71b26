"""The reading room's pages as a reader meets them, through Datasette's in-process client on the
test archive of tests/test_datasette.py (the replica's articles in both scripts, one article
with a revision): the front page, search results with snippets and facets, the table JSON of a
search, the articles table's columns, the article page with its versions side by side, the
latest articles and their feed, the last crawl; and a demo archive replaced while served.
"""

from __future__ import annotations

import asyncio
import re
import sqlite3

import pytest
from datasette.app import Datasette

from portscraper.archive.replace import copy_into
from portscraper.archive.store import Archive
from portscraper.room.snapshots import is_loopback, site_link

from ..room.test_datasette import DB_NAME, config_dir, scan_ids


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    directory = config_dir(tmp_path_factory.mktemp("pages"))
    loop = asyncio.new_event_loop()
    ds = Datasette(config_dir=directory)
    loop.run_until_complete(ds.invoke_startup())

    def get(path: str):
        return loop.run_until_complete(ds.client.get(path))

    yield get, directory / f"{DB_NAME}.db"
    loop.close()


def results(page: str) -> list[str]:
    return re.findall(r'<li class="portscraper-result">.*?</li>', page, re.S)


@pytest.mark.parametrize("query", ["码头", "碼頭"])
def test_search_results_read_as_results(served, query):
    """Title linked, date, section, a snippet with the word marked in either script, the count
    of every matching article, facets by section, year and byline; no SQL on the page."""
    get, db_path = served
    page = get(f"/{DB_NAME}/articles?_search={query}").text
    expected = scan_ids(db_path, "码头")
    assert f"<strong>{len(expected)}</strong> articles" in page
    shown = results(page)
    assert len(shown) == min(50, len(expected))
    for result in shown:
        assert re.search(rf'<h3><a href="/{DB_NAME}/articles/\d+">', result)
        assert re.search(r'<p class="meta"><time datetime="\d{4}-\d\d-\d\d[^"]*">'
                         r"\d{1,2} [A-Z][a-z]+ \d{4}", result)
        snippet = re.search(r'<p class="portscraper-snippet">(.*?)</p>', result, re.S).group(1)
        marked = re.findall(r"<mark>(.*?)</mark>", result)
        assert marked and set(marked) <= {"码头", "碼頭"}, marked
        assert "<mark>" in snippet or "<mark>" in result.split("</h3>")[0]
    for facet in ("section", "year", "byline"):
        assert f"<h4>{facet}</h4>" in page
    assert "Run SQL" not in page and "Custom SQL" not in page and "select" not in page


def test_search_facets_count_every_match_and_filter(served):
    get, db_path = served
    page = get(f"/{DB_NAME}/articles?_search=码头").text
    with sqlite3.connect(db_path) as conn:
        sections = dict(conn.execute(
            f"SELECT section, count(*) FROM articles WHERE id IN "
            f"({','.join(map(str, scan_ids(db_path, '码头')))}) GROUP BY section"))
    section = max(sections, key=sections.get)
    link = re.search(rf'<a href="([^"]+)">{section}</a> <span class="n">(\d+)</span>', page)
    assert link and int(link.group(2)) == sections[section]
    chosen = get(link.group(1).replace("&amp;", "&")).text
    assert f"<strong>{sections[section]}</strong> article" in chosen
    assert all(f" · {section}" in r for r in results(chosen))
    years = re.findall(r'published__startswith=(\d{4})">\d{4}</a> <span class="n">(\d+)', page)
    assert [y for y, _ in years] == sorted((y for y, _ in years), reverse=True)
    assert sum(int(n) for _, n in years) == len(scan_ids(db_path, "码头"))


def test_search_results_page_and_order(served):
    get, db_path = served
    first = get(f"/{DB_NAME}/articles?_search=港&_size=10").text
    assert "_size=10&amp;_next=10" in first and "results 1–10" in first
    second = get(f"/{DB_NAME}/articles?_search=港&_size=10&_next=10").text
    assert "results 11–20" in second and 'rel="prev"' in second
    assert not set(results(first)) & set(results(second))
    newest = get(f"/{DB_NAME}/articles?_search=港&_sort_desc=published&_size=30").text
    dates = re.findall(r'<p class="meta"><time datetime="(\d{4}-\d\d-\d\d)', newest)
    assert len(dates) == 30 and dates == sorted(dates, reverse=True)


def test_search_json_keeps_the_tables_contract(served):
    """_col, _nocol, _shape, _size, _next and the table's columns, ranked."""
    get, db_path = served
    url = f"/{DB_NAME}/articles.json?_search=码头"
    data = get(url).json()
    with sqlite3.connect(db_path) as conn:
        columns = [row[1] for row in conn.execute("PRAGMA table_xinfo(articles)")]
    assert data["columns"] == [*columns, "score"] and data["table"] == "articles"
    assert data["filtered_table_rows_count"] == len(scan_ids(db_path, "码头"))
    assert len(data["rows"][0]) == len(columns) + 1
    chosen = get(f"{url}&_col=title&_col=published&_shape=objects").json()
    assert chosen["columns"] == ["id", "title", "published", "score"]
    assert set(chosen["rows"][0]) == {"id", "title", "published", "score"}
    without = get(f"{url}&_nocol=body&_nocol=body_html&_shape=array").json()
    assert "body" not in without[0] and "url" in without[0] and "id" in without[0]
    keyed = get(f"{url}&_col=title&_shape=object&_size=3").json()
    assert len(keyed) == 3 and all(str(v["id"]) == k for k, v in keyed.items())
    bad = get(f"{url}&_col=nosuch")
    assert bad.status_code == 400 and "nosuch" in bad.json()["error"]
    paged = get(f"{url}&_size=5&_col=title").json()
    assert paged["next"] == "5" and "_next=5" in paged["next_url"]
    assert "/articles.json?" in paged["next_url"] and "_col=title" in paged["next_url"]
    assert get(f"{url}&_nocount=1").json()["filtered_table_rows_count"] is None


def test_the_articles_table_fits_a_screen(served):
    get, _ = served
    page = get(f"/{DB_NAME}/articles").text
    heads = re.findall(r'<th [^>]*class="col-(\w+)"', page)
    assert heads == ["id", "published", "title", "section", "byline"]
    assert re.search(r'<details class="portscraper-columns"><summary>What the columns mean',
                     page)
    everything = get(f"/{DB_NAME}/articles?_columns=all").text
    assert 'class="col-body_html"' in everything and 'class="col-search_key"' in everything
    assert '<a href="/portnews/articles?_columns=all">show every column</a>' in page
    # The JSON is the table's, every column.
    assert "body_html" in get(f"/{DB_NAME}/articles.json?_size=1").json()["columns"]


def test_the_article_page_shows_its_versions_side_by_side(served):
    get, _ = served
    page = get(f"/{DB_NAME}/articles/1").text
    aside = re.search(r'<section class="portscraper-article-aside">.*?</section>', page, re.S)
    assert aside, "no versions, urls or snapshot"
    shown = aside.group(0)
    assert "Versions: 2" in shown and "Changed on the site, 20" in shown
    assert "(revision 1 (changed) → current version)" in shown
    assert "<ins>（更新）</ins>" in shown  # the title's change
    assert re.search(r'<tr class="added">\s*<td class="before"></td><td class="after">'
                     r"补记：滚装船靠泊。</td>", shown)
    assert "Seen at 1 address" in shown and "http://www.mmport.example/more.asp?id=" in shown
    assert f'href="/-/snapshot/{DB_NAME}/1"' in shown
    # The raw row is folded away under the article.
    assert re.search(r'<details class="portscraper-raw-row"><summary>.*?<table', page, re.S)
    assert page.index("portscraper-article") < page.index("portscraper-raw-row")


def test_the_front_page(served):
    get, db_path = served
    page = get("/").text
    assert re.search(rf'<form class="portscraper-searchbox" action="/{DB_NAME}/articles"', page)
    latest = re.findall(r'<li><a class="title" href="/portnews/articles/(\d+)">.*?'
                        r'<p class="meta"><time datetime="(\d{4}-\d\d-\d\d)', page, re.S)
    assert len(latest) == 12
    assert [d for _, d in latest] == sorted((d for _, d in latest), reverse=True)
    with sqlite3.connect(db_path) as conn:
        newest = conn.execute("SELECT max(published) FROM articles").fetchone()[0]
        sections = conn.execute("SELECT section, count(*) FROM articles GROUP BY section "
                                "ORDER BY 2 DESC LIMIT 1").fetchone()
    assert latest[0][1] == newest[:10]
    assert re.search(rf'>{sections[0]}</a> <span class="n">{sections[1]}</span>', page)
    assert re.search(r'>2024</a> <span class="n">\d+</span>', page)
    assert re.search(r'<p class="portscraper-verdict degraded">Last run\s+<strong>degraded'
                     r"</strong>, \d{4}-\d\d-\d\d \d\d:\d\d UTC:\s+239 new", page)
    assert '<details class="portscraper-tables">' in page  # Datasette's own list, folded


def test_latest_feed_and_last_crawl_in_reading_order(served):
    get, _ = served
    latest = get(f"/{DB_NAME}/latest.json?_shape=array").json()
    keys = [(row["published"][:10], row["id"]) for row in latest]
    assert [d for d, _ in keys] == sorted((d for d, _ in keys), reverse=True)
    assert latest[0]["atom_content"].startswith(f"{latest[0]['published']} · ")
    feed = get(f"/{DB_NAME}/latest.atom")
    assert '<?xml-stylesheet type="text/css" href="/-/portscraper/feed.css"?>' in feed.text
    assert get("/-/portscraper/feed.css").headers["content-type"].startswith("text/css")
    crawl = get(f"/{DB_NAME}/last_crawl.json").json()
    assert crawl["columns"][:2] == ["verdict", "at"]


def test_a_replica_link_of_the_demo_leads_to_the_archived_page():
    assert is_loopback("http://127.0.0.1:41234/more.asp?id=1")
    assert is_loopback("http://localhost:8000/x") and is_loopback("http://[::1]:8000/")
    assert not is_loopback("http://www.mmport.com.cn/more.asp?id=1")
    assert not is_loopback("javascript:alert(1)") and site_link("javascript:x") is None
    assert site_link("http://127.0.0.2/") is None and site_link("https://a.cn/") == \
        "https://a.cn/"


def test_the_demo_page_of_an_article_links_its_snapshot_not_the_gone_replica(tmp_path):
    directory = config_dir(tmp_path)
    db = sqlite3.connect(directory / f"{DB_NAME}.db")
    with db:
        db.execute("UPDATE articles SET url = 'http://127.0.0.1:45678/more.asp?id=1' "
                   "WHERE id = 2")
    db.close()
    loop = asyncio.new_event_loop()
    ds = Datasette(config_dir=directory)
    try:
        page = loop.run_until_complete(ds.client.get(f"/{DB_NAME}/articles/2")).text
    finally:
        loop.close()
    article = re.search(r'<article class="portscraper-article".*?</article>', page, re.S)
    # The replica is gone: no "original page" link, the archived page instead.
    assert f'<a href="/-/snapshot/{DB_NAME}/1">archived page</a>' in article.group(0)
    assert "original page" not in article.group(0)
    assert "127.0.0.1:45678" not in article.group(0)


def test_a_new_demo_archive_is_seen_by_a_running_datasette(tmp_path):
    """copy_into replaces the served file's content in place: the Datasette that serves it
    answers from the new archive without a restart."""
    served_db, new_db = tmp_path / "demo.db", tmp_path / "build.db"

    def archive_with(path, title):
        archive = Archive(path)
        archive.save_article({"url": "http://a.example/1", "title": title, "body": "码头",
                              "published": "2024-01-01"}, snapshot_id=None)
        archive.close()

    archive_with(served_db, "第一次")
    loop = asyncio.new_event_loop()
    ds = Datasette([str(served_db)])

    def titles():
        answer = loop.run_until_complete(ds.client.get("/demo/articles.json?_shape=array"))
        return [row["title"] for row in answer.json()]

    try:
        assert titles() == ["第一次"]
        archive_with(new_db, "第二次")
        copy_into(new_db, served_db)
        assert titles() == ["第二次"] and not new_db.exists()
    finally:
        loop.close()


def test_the_last_crawl_reads_as_a_record_verdict_first(served):
    get, _ = served
    page = get(f"/{DB_NAME}/last_crawl").text
    verdict = page.index('<p class="portscraper-verdict degraded">Verdict\n  <strong>degraded')
    figures = page.index("<li>Articles: 239 new, 0 changed since the last run")
    assert verdict < figures
    assert re.search(r"<li>2 failures \((http: 1, parse: 1|parse: 1, http: 1)\)\.</li>", page)
    assert ('Site <span class="site">茂名港集团有限公司 · Maoming Port Group Co., Ltd.</span>'
            in page)
    assert "None recorded: the run has no health report" in page
    assert "<title>Health of the last crawl · portnews</title>" in page


def test_no_link_leads_to_the_gone_replica(tmp_path):
    """Cells of a demo URL (on 127.0.0.1) are text, and a snapshot's page names its URL
    without linking it."""
    directory = config_dir(tmp_path)
    db = sqlite3.connect(directory / f"{DB_NAME}.db")
    with db:
        db.execute("UPDATE articles SET url = 'http://127.0.0.1:45678/more.asp?id=1' WHERE id = 2")
        db.execute("UPDATE snapshots SET url = 'http://127.0.0.1:45678/more.asp?id=1'")
    db.close()
    loop = asyncio.new_event_loop()
    ds = Datasette(config_dir=directory)
    try:
        for path in (f"/{DB_NAME}/articles/2", f"/{DB_NAME}/articles?_columns=all&id=2",
                     f"/-/snapshot/{DB_NAME}/1"):
            page = loop.run_until_complete(ds.client.get(path)).text
            assert "127.0.0.1:45678/more.asp?id=1" in page, path
            assert 'href="http://127.0.0.1:45678' not in page, path
    finally:
        loop.close()


def test_an_archives_page_opens_with_its_front_page(served):
    get, _ = served
    page = get(f"/{DB_NAME}").text
    front = page.index('<form class="portscraper-searchbox"')
    assert front < page.index('<form class="sql"')  # above Datasette's list and SQL box
    assert '<p class="portscraper-verdict degraded">' in page
    assert len(re.findall(r'<li><a class="title" href="/portnews/articles/\d+">', page)) == 12
