"""`datasette archive/` on an archive of the replica, through Datasette's in-process client.

The archive holds the replica's 118 articles twice, Simplified and Traditional, three English
articles as a translated copy of the site would have them, one article with a revision, two
snapshots (one page with a script) and a crawl with failures.
"""

from __future__ import annotations

import asyncio
import re
import shutil
import sqlite3
from pathlib import Path

import pytest
import yaml
from datasette.app import Datasette

from portscraper.archive.search import fold
from portscraper.archive.store import Archive
from portscraper.replica.data import build_site
from portscraper.replica.expected import expected_articles

ROOT = Path(__file__).resolve().parents[2]
ARCHIVE_DIR = ROOT / "archive"
DB_NAME = "portnews"

ENGLISH = [
    ("Maoming Port Group holds its safety production meeting",
     "The Group held a meeting on safety in port operations.\nWharf crews were asked to check "
     "cranes and berths every shift."),
    ("Bohe new port area berths enter service",
     "Two new berths at the Bohe port area began operating this month.\nThe Group expects "
     "throughput to grow."),
    ("Party building work conference",
     "Party organisations at every level reviewed their work.\nReporters: Wu Chao."),
]
SCRIPT_PAGE = ("<html><head><meta charset='utf-8'><script>document.title='pwned'</script></head>"
               "<body><p>集团新闻 archived</p></body></html>")


def build_archive(path: Path) -> None:
    """The test archive at path (see the module's docstring)."""
    archive = Archive(path)
    site = build_site()
    crawl_id = archive.start_crawl("maoming", {"base_url": "http://www.mmport.example/"})
    snapshot_id, _ = archive.add_snapshot(
        "http://www.mmport.example/more.asp?id=1", 200, {}, SCRIPT_PAGE.encode(), "utf-8",
        SCRIPT_PAGE, crawl_id)
    archive.add_snapshot("http://www.mmport.example/gbk.asp", 200, {},
                         "<p>码头</p>".encode("gbk"), "gbk", "<p>码头</p>", crawl_id)
    for script, base in [("simplified", "http://www.mmport.example/"),
                         ("traditional", "http://tw.mmport.example/")]:
        for fields in expected_articles(site, base, script).values():
            archive.save_article({**fields, "site": "maoming"}, snapshot_id=snapshot_id)
    for n, (title, body) in enumerate(ENGLISH):
        archive.save_article({
            "url": f"http://en.mmport.example/more.asp?id={n}", "title": title, "body": body,
            "published": f"2024-0{n + 1}-01", "section": "Group news", "site": "maoming",
            "language": "en"}, snapshot_id=None)
    # A changed article: its old version goes to revisions, the index follows the new one.
    first = archive.db.execute("SELECT url, title, body FROM articles WHERE id = 1").fetchone()
    fields = {**expected_articles(site, "http://www.mmport.example/")[first[0]],
              "title": first[1] + "（更新）", "body": first[2] + "\n补记：滚装船靠泊。"}
    archive.save_article(fields, snapshot_id=snapshot_id, article_id=1)
    archive.add_failure("http://www.mmport.example/more.asp?id=9999", "http", status=404,
                        crawl_id=crawl_id)
    archive.add_failure("http://www.mmport.example/bad.asp", "parse", error="no title",
                        crawl_id=crawl_id)
    archive.finish_crawl(crawl_id, finish_reason="finished", failures=2, health="degraded",
                         articles_new=archive.counts()["articles"])
    archive.close()


def config_dir(tmp: Path) -> Path:
    """A copy of archive/ (metadata, settings, templates) holding the test archive."""
    target = tmp / "archive"
    shutil.copytree(ARCHIVE_DIR, target, ignore=shutil.ignore_patterns("*.db", "*.db-*", "logs"))
    build_archive(target / f"{DB_NAME}.db")
    return target


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    directory = config_dir(tmp_path_factory.mktemp("datasette"))
    loop = asyncio.new_event_loop()
    ds = Datasette(config_dir=directory)
    loop.run_until_complete(ds.invoke_startup())

    def get(path: str):
        return loop.run_until_complete(ds.client.get(path))

    yield get, directory / f"{DB_NAME}.db"
    loop.close()


def search_ids(get, query: str) -> list[int]:
    response = get(f"/{DB_NAME}/articles.json?_search={query}&_shape=array&_col=id&_size=max")
    assert response.status_code == 200, response.text
    return [row["id"] for row in response.json()]


def scan_ids(db_path: Path, query: str) -> set[int]:
    """The answer key: a scan of every title and body, folded like the index, for the query as
    a substring, Chinese or English."""
    needle = fold(query)
    found = set()
    with sqlite3.connect(db_path) as conn:
        for article_id, title, body in conn.execute("SELECT id, title, body FROM articles"):
            text = fold(f"{title}\n{body}")
            if needle in text:
                found.add(article_id)
    return found


def like_ids(db_path: Path, query: str) -> set[int]:
    with sqlite3.connect(db_path) as conn:
        return {row[0] for row in conn.execute(
            "SELECT id FROM articles WHERE title LIKE ?1 OR body LIKE ?1", [f"%{query}%"])}


@pytest.mark.parametrize("query", ["港", "码头", "党建", "茂名港集团", "碼頭", "port", "Berths"])
def test_search_finds_exactly_the_articles_containing_the_word(served, query):
    get, db_path = served
    found, expected = set(search_ids(get, query)), scan_ids(db_path, query)
    assert expected and found == expected


def test_search_agrees_with_a_like_scan_for_simplified_words(served):
    get, db_path = served
    for query in ["港", "码头", "茂名港集团"]:
        expected = like_ids(db_path, query) | like_ids(db_path, fold(query).replace(
            "码头", "碼頭"))
        assert set(search_ids(get, query)) >= like_ids(db_path, query)
        assert set(search_ids(get, query)) <= expected | scan_ids(db_path, query)


@pytest.mark.parametrize("word", ["port", "Berth", "group", "harf"])
def test_english_words_are_found_as_a_like_scan_finds_them(served, word):
    get, db_path = served
    # LIKE is case-insensitive for ASCII and finds "port" inside "Reporters" too.
    assert like_ids(db_path, word) and set(search_ids(get, word)) == like_ids(db_path, word)


def test_traditional_and_simplified_spellings_find_the_same_articles(served):
    get, db_path = served
    assert set(search_ids(get, "碼頭")) == set(search_ids(get, "码头"))
    # Both scripts of the replica are in the archive: the Traditional copies are found too.
    assert like_ids(db_path, "碼頭") <= set(search_ids(get, "码头"))


def test_words_across_punctuation_or_lines_are_not_words(served):
    get, _ = served
    # "…港口。" then "码头…" is not 口码; 口码 appears nowhere.
    assert search_ids(get, "口码") == []


def test_an_empty_search_is_no_filter(served):
    """`?_search=` with nothing in it lists the whole table, as Datasette's table view does."""
    get, db_path = served
    with sqlite3.connect(db_path) as conn:
        every_id = {row[0] for row in conn.execute("SELECT id FROM articles")}
    assert set(search_ids(get, "")) == every_id
    assert set(search_ids(get, "%20")) == every_id


def test_the_index_follows_an_update(served):
    get, _ = served
    assert search_ids(get, "滚装船") == [1]
    assert search_ids(get, "更新") == [1]


def test_old_versions_are_searchable_in_revisions(served):
    get, db_path = served
    with sqlite3.connect(db_path) as conn:
        old_title, article_id = conn.execute(
            "SELECT title, article_id FROM revisions WHERE id = 1").fetchone()
    word = old_title[:4]

    def revisions(query):
        url = f"/{DB_NAME}/revisions.json?_search={query}&_shape=array&_col=article_id"
        return [row["article_id"] for row in get(url).json()]

    assert revisions(word) == [article_id]
    assert revisions("滚装船") == []  # only in the corrected version
    assert search_ids(get, "滚装船") == [article_id]


def test_table_search_ranks_best_matches_first(served):
    get, db_path = served
    rows = get(f"/{DB_NAME}/articles.json?_search=党建&_shape=array&_size=max").json()
    assert {row["id"] for row in rows} == scan_ids(db_path, "党建")
    scores = [row["score"] for row in rows]
    assert scores == sorted(scores) and scores[0] < scores[-1]
    first_without = next(i for i, row in enumerate(rows) if "党建" not in fold(row["title"]))
    assert first_without > 0
    assert all("党建" not in fold(row["title"]) for row in rows[first_without:])
    # The answer key, from plain sqlite3 (no plugin, no window): every article that has 党建
    # in the pair index, by bm25 with the title weighing ten times the body, newer first on
    # ties; the archive holds fewer than RANK_WINDOW matches, so the order must be exact.
    with sqlite3.connect(db_path) as conn:
        expected = [tuple(row) for row in conn.execute(
            "SELECT a.id, round(bm25(articles_fts, 10.0, 1.0, 10.0, 1.0), 3)"
            " FROM articles_fts JOIN articles a ON a.search_key = articles_fts.rowid"
            " WHERE articles_fts MATCH '\"党建\"'"
            " ORDER BY bm25(articles_fts, 10.0, 1.0, 10.0, 1.0), articles_fts.rowid DESC")]
    assert [(row["id"], row["score"]) for row in rows] == expected


def test_table_search_pages_like_the_table(served):
    get, db_path = served
    url, ids = f"/{DB_NAME}/articles.json?_search=港&_size=40&_shape=objects", []
    while url:
        answer = get(url.replace("http://localhost", ""))
        # A length, where the answer says one, is the body's.
        length = answer.headers.get("content-length")
        assert length is None or int(length) == len(answer.content)
        page = answer.json()
        assert len(page["rows"]) <= 40
        assert page["next"] == (str(len(ids) + 40) if page["next_url"] else None)
        ids += [row["id"] for row in page["rows"]]
        url = page["next_url"]
    assert len(ids) == len(set(ids)) and set(ids) == scan_ids(db_path, "港") and len(ids) > 80
    array = get(f"/{DB_NAME}/articles.json?_search=港&_size=40&_shape=array")
    assert 'rel="next"' in array.headers["link"] and "_next=40" in array.headers["link"]


def test_a_search_in_a_chosen_order_stays_with_the_table(served):
    get, db_path = served
    data = get(f"/{DB_NAME}/articles.json?_search=码头&_sort_desc=published&_shape=objects"
               "&_size=max").json()
    dates = [row["published"] for row in data["rows"]]
    assert dates == sorted(dates, reverse=True)
    assert {row["id"] for row in data["rows"]} == scan_ids(db_path, "码头")
    assert {"section", "byline"} <= set(data["facet_results"])
    bad = get(f"/{DB_NAME}/articles.json?_search=码头&_size=abc")
    assert bad.status_code == 400 and "_size" in bad.json()["error"]


def test_escape_fts_is_the_projects(served):
    get, _ = served
    sql = "select escape_fts('碼頭 port') as q, portscraper_fts_query('码头') as p"
    row = get(f"/{DB_NAME}.json?sql={sql}&_shape=array").json()[0]
    assert row == {"q": '"码头" {title_words body_words} : "port"*', "p": '"码头"'}


def test_plugin_comes_from_the_entry_point(served):
    get, _ = served
    names = [p["name"] for p in get("/-/plugins.json").json()]
    assert {"portscraper", "datasette-atom"} <= set(names)


def test_metadata_describes_every_table_and_column(served):
    _, db_path = served
    metadata = yaml.safe_load((ARCHIVE_DIR / "metadata.yml").read_text())
    assert metadata["title"]
    tables = metadata["databases"][DB_NAME]["tables"]
    assert metadata["databases"]["demo"] == metadata["databases"][DB_NAME]
    with sqlite3.connect(db_path) as conn:
        names = [row[0] for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' "
            "AND name NOT LIKE 'articles_fts%' AND name NOT LIKE 'revisions_fts%'")]
        assert {"articles", "snapshots", "revisions", "failures", "crawls"} <= set(names)
        for table in names:
            # table_xinfo: generated columns too (articles.search_key)
            columns = [row[1] for row in conn.execute(f"PRAGMA table_xinfo({table})")]
            assert tables[table]["description"]
            assert set(tables[table]["columns"]) == set(columns), table


def test_articles_are_newest_first_with_facets(served):
    get, _ = served
    data = get(f"/{DB_NAME}/articles.json?_shape=objects&_col=published&_size=20").json()
    dates = [row["published"] for row in data["rows"]]
    assert dates == sorted(dates, reverse=True)
    assert {"section", "year", "byline"} <= set(data["facet_results"])
    years = data["facet_results"]["year"]["results"]
    assert years[0]["value"] == "2024"
    chosen = get(f"/{DB_NAME}/articles.json?published__startswith=2016&_shape=array&_col="
                 "published&_size=max").json()
    assert chosen and all(row["published"].startswith("2016") for row in chosen)


def test_canned_queries(served):
    get, _ = served
    latest = get(f"/{DB_NAME}/latest.json?_shape=array").json()
    assert len(latest) == 50
    history = get(f"/{DB_NAME}/article_history.json?id=1&_shape=array").json()
    assert [row["version"] for row in history][0] == "current"
    assert len(history) == 2 and history[0]["title"].endswith("（更新）")
    health = get(f"/{DB_NAME}/last_crawl.json?_shape=array").json()
    assert health[0]["failures_recorded"] == 2
    assert "http: 1" in health[0]["failures_by_reason"]
    failures = get(f"/{DB_NAME}/last_crawl_failures.json?_shape=array").json()
    assert [row["reason"] for row in failures] == ["http", "parse"]


def test_atom_feed_of_new_articles(served):
    get, _ = served
    response = get(f"/{DB_NAME}/latest.atom")
    assert response.status_code == 200
    assert response.text.count("<entry>") == 50
    assert "<title>Latest press releases</title>" in response.text


def test_article_page_reads_as_an_article(served):
    get, _ = served
    html = get(f"/{DB_NAME}/articles/2").text
    article = re.search(r'<article class="portscraper-article".*?</article>', html, re.S)
    assert article
    assert article.group(0).count("<p>") >= 3
    assert "/-/snapshot/portnews/1" in article.group(0)
    assert 'href="http://www.mmport.example/uploadfile/' in html  # image links


def test_search_pages_link_each_other(served):
    get, _ = served
    ranked = get(f"/{DB_NAME}/articles?_search=码头&_size=5").text
    assert 'name="_search" value="码头"' in ranked and "Best matches first" in ranked
    assert (f'href="/{DB_NAME}/articles?_search=%E7%A0%81%E5%A4%B4&amp;_size=5'
            '&amp;_sort_desc=published">newest first') in ranked
    assert "_size=5&amp;_next=5" in ranked
    assert re.search(rf'<h3><a href="/{DB_NAME}/articles/\d+">', ranked)
    newest = get(f"/{DB_NAME}/articles?_search=码头&_sort_desc=published").text
    assert "Newest first" in newest
    assert f'href="/{DB_NAME}/articles?_search=%E7%A0%81%E5%A4%B4">best matches first' in newest
    # Another order is the table view's, which links back to the ranked results.
    sorted_page = get(f"/{DB_NAME}/articles?_search=码头&_sort=title").text
    assert 'name="_search"' in sorted_page and 'value="码头"' in sorted_page
    assert f'href="/{DB_NAME}/articles?_search=%E7%A0%81%E5%A4%B4">Best' in sorted_page


def test_snapshot_is_shown_sandboxed_and_never_runs_scripts(served):
    get, _ = served
    page = get(f"/{DB_NAME}/snapshots/1")
    assert "/-/snapshot/portnews/1" in page.text
    wrapper = get("/-/snapshot/portnews/1")
    assert wrapper.status_code == 200
    assert re.search(r'<iframe sandbox="" src="/-/snapshot/portnews/1/view"', wrapper.text)
    assert "<script>document.title" not in wrapper.text
    raw = get("/-/snapshot/portnews/1/raw")
    policy = raw.headers["content-security-policy"]
    assert policy.startswith("sandbox;") and "allow-scripts" not in policy
    assert "default-src 'none'" in policy
    assert raw.headers["x-content-type-options"] == "nosniff"
    assert raw.content == SCRIPT_PAGE.encode()
    text = get("/-/snapshot/portnews/2/text")
    assert text.headers["content-type"].startswith("text/plain")
    assert text.text == "<p>码头</p>"  # decoded from GBK
    assert get("/-/snapshot/portnews/99").status_code == 404
    assert get("/-/snapshot/nosuchdb/1").status_code == 404


def test_archive_is_read_only(served):
    get, _ = served
    response = get(f"/{DB_NAME}.json?sql=delete+from+articles")
    assert response.status_code == 400


def test_the_year_facet(served):
    """Years newest first with their counts, at most _facet_size of them (truncated says
    so), a chosen year selected with a link that removes it; the metadata's facet cannot be
    hidden, one asked for by _facet_year can."""
    get, db_path = served
    with sqlite3.connect(db_path) as conn:
        years = conn.execute("SELECT substr(published, 1, 4), count(*) FROM articles "
                             "GROUP BY 1 ORDER BY 1 DESC").fetchall()
    data = get(f"/{DB_NAME}/articles.json?_facet_size=3&_size=0").json()
    facet = data["facet_results"]["year"]
    assert [(r["value"], r["count"]) for r in facet["results"]] == years[:3]
    assert facet["truncated"] is (len(years) > 3) and facet["hideable"] is False
    assert facet["type"] == "year" and not any(r["selected"] for r in facet["results"])
    assert "published__startswith=" + years[0][0] in facet["results"][0]["toggle_url"]
    chosen = get(f"/{DB_NAME}/articles.json?published__startswith=2016&_size=0").json()
    (only,) = chosen["facet_results"]["year"]["results"]
    assert only["selected"] and only["value"] == only["label"] == "2016"
    assert "published__startswith" not in only["toggle_url"]
    asked = get(f"/{DB_NAME}/articles.json?_facet_year=first_seen&_size=0").json()
    facet = asked["facet_results"]["first_seen year"]
    assert facet["hideable"] is True and "_facet_year" not in facet["toggle_url"]
    assert get(f"/{DB_NAME}/articles.json?_size=0").json()["suggested_facets"] == []
