"""The archive module on in-memory databases: schema, snapshots, articles, dedupe, failures."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from portscraper.archive.schema import SCHEMA_VERSION, NotAnArchive
from portscraper.archive.store import Archive, stable_hash

DATA = Path(__file__).parents[1] / "data"
PAGE = "<html><body><h1>集团召开安全生产工作会议</h1><p>浏览次数：{hits}</p>" \
       "<p>今天是：2026年11月{day}日 星期二</p></body></html>"


def article(url="http://x.cn/more.asp?id=1", title="集团召开安全生产工作会议",
            body="1月17日，集团召开安全生产工作会议。", **extra):
    return {"url": url, "title": title, "body": body, "published": "2024-01-18",
            "kicker": "", "subtitle": "", "byline": "吴超", "credits": {}, "images": [],
            "attachments": [], "section": "集团新闻", "breadcrumb": ["首页"], "site": "maoming",
            **extra}


@pytest.fixture
def archive():
    a = Archive(memory=True)
    yield a
    a.close()


def test_schema_has_the_documented_tables(archive):
    assert {"articles", "article_urls", "snapshots", "failures", "crawls", "revisions"} <= set(
        archive.db.table_names())
    assert archive.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_snapshot_keeps_bytes_and_hash(archive):
    raw = PAGE.format(hits=1, day=24).encode("gb18030")
    sid, stored = archive.add_snapshot("http://x.cn/a", 200, {"Server": "IIS"}, raw, "gb18030",
                                       raw.decode("gb18030"))
    assert stored
    row = archive.db["snapshots"].get(sid)
    assert row["sha256"] == hashlib.sha256(raw).hexdigest()
    assert archive.snapshot_bytes(sid) == raw


def test_same_bytes_or_only_a_new_hit_count_are_not_stored_again(archive):
    raw = PAGE.format(hits=1, day=24).encode()
    first, _ = archive.add_snapshot("http://x.cn/a", 200, {}, raw, "utf-8", raw.decode())
    again, stored = archive.add_snapshot("http://x.cn/a", 200, {}, raw, "utf-8", raw.decode())
    assert (again, stored) == (first, False)
    counted = PAGE.format(hits=2, day=25).encode()
    later, stored = archive.add_snapshot("http://x.cn/a", 200, {}, counted, "utf-8",
                                         counted.decode())
    assert (later, stored) == (first, False)
    assert archive.db["snapshots"].count == 1


def test_changed_content_is_a_new_snapshot(archive):
    a = PAGE.format(hits=1, day=24)
    b = a.replace("会议", "大会")
    assert stable_hash(a) != stable_hash(b)
    archive.add_snapshot("http://x.cn/a", 200, {}, a.encode(), "utf-8", a)
    _, stored = archive.add_snapshot("http://x.cn/a", 200, {}, b.encode(), "utf-8", b)
    assert stored and archive.db["snapshots"].count == 2


def test_new_unchanged_updated(archive):
    article_id, outcome = archive.save_article(article(), None)
    assert outcome == "new"
    assert archive.save_article(article(), None, article_id) == (article_id, "unchanged")
    corrected = article(body="1月17日，集团召开2024年安全生产工作会议。")
    assert archive.save_article(corrected, None, article_id) == (article_id, "updated")
    revision = next(archive.db["revisions"].rows)
    assert revision["body"] == article()["body"]
    assert archive.db["articles"].get(article_id)["body"] == corrected["body"]


def test_double_post_is_one_article_with_both_urls(archive):
    first, _ = archive.save_article(article(), None)
    twin = article(url="http://x.cn/more.asp?id=2")
    assert archive.double_post_of(twin) == first
    assert archive.save_article(twin, None, first) == (first, "merged")
    assert archive.db["articles"].count == 1
    urls = {r["url"] for r in archive.db["article_urls"].rows_where("article_id = ?", [first])}
    assert urls == {"http://x.cn/more.asp?id=1", "http://x.cn/more.asp?id=2"}


def test_same_title_different_text_stays_separate(archive):
    archive.save_article(article(), None)
    next_year = article(url="http://x.cn/more.asp?id=9",
                        body="1月20日，集团召开会议，部署全年工作。")
    assert archive.double_post_of(next_year) is None


def test_removed_article_is_kept_and_marked(archive):
    archive.save_article(article(), None)
    assert archive.mark_removed("http://x.cn/more.asp?id=1", 404)
    row = next(archive.db["articles"].rows)
    assert row["removed_status"] == 404 and row["removed_at"] and row["body"]


def test_failures_and_crawls(archive):
    crawl = archive.start_crawl("maoming", {"base_url": "http://x.cn/"})
    archive.add_failure("http://x.cn/more.asp?id=7", "HTTP 404 Not Found", 404, crawl_id=crawl)
    archive.finish_crawl(crawl, finish_reason="finished", failures=1)
    assert next(archive.db["failures"].rows)["reason"] == "HTTP 404 Not Found"
    assert archive.db["crawls"].get(crawl)["finished_at"]


def test_a_database_that_is_not_an_archive_is_refused(tmp_path):
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE invoices (id INTEGER)")
    with pytest.raises(NotAnArchive):
        Archive(path)


def test_archive_folder_must_exist(tmp_path):
    with pytest.raises(FileNotFoundError):
        Archive(tmp_path / "missing" / "a.db")


def test_an_older_archive_is_upgraded_in_place_after_a_backup(tmp_path):
    path = tmp_path / "portnews.db"
    with sqlite3.connect(path) as conn:
        conn.executescript((DATA / "archive_v1.sql").read_text(encoding="utf-8"))
    conn.close()
    archive = Archive(path)
    assert archive.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert "kind" in archive.db["failures"].columns_dict
    assert "health" in archive.db["crawls"].columns_dict
    assert "sections" in archive.db.table_names()
    # What was archived is all still there, and usable.
    assert next(archive.db["articles"].rows)["title"] == "集团召开安全生产工作会议"
    assert archive.known_urls() == {"http://www.mmport.com.cn/more.asp?id=3246": "2024-01-18"}
    assert "集团召开安全生产工作会议".encode("gb18030") in archive.snapshot_bytes(1)  # zlib
    archive.close()
    backup = tmp_path / "portnews.db.v1.bak"
    with sqlite3.connect(backup) as conn:
        assert conn.execute("PRAGMA user_version").fetchone() == (1,)
        assert conn.execute("SELECT count(*) FROM articles").fetchone() == (1,)
    conn.close()


def test_a_newer_archive_is_refused(tmp_path):
    path = tmp_path / "portnews.db"
    Archive(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(NotAnArchive, match="newer"):
        Archive(path)


def test_snapshots_of_a_site_get_a_trained_dictionary(archive):
    from portscraper.archive.compression import TRAINING_PAGES

    pages = {}
    for n in range(TRAINING_PAGES + 5):
        page = (PAGE.format(hits=n, day=24).replace("集团召开安全生产工作会议", f"第{n}号公告")
                * 20).encode("gb18030")
        sid, _ = archive.add_snapshot(f"http://x.cn/more.asp?id={n}", 200, {}, page,
                                      "gb18030", page.decode("gb18030"))
        pages[sid] = page
    assert archive.db["dictionaries"].count == 1
    rows = list(archive.db.execute("SELECT compression, size, length(content) FROM snapshots"))
    assert {r[0] for r in rows} == {"zstd-dict"}
    assert sum(r[1] for r in rows) > 5 * sum(r[2] for r in rows)
    assert all(archive.snapshot_bytes(sid) == page for sid, page in pages.items())


def test_an_article_is_stored_whole_or_not_at_all(archive, monkeypatch):
    """A failure in the middle of storing an article (here: the search index, the last of its
    writes) leaves no article row, no URL row and no index entry behind."""
    from portscraper.archive import search

    def broken(db, article_id, old_key=None):
        raise OSError("disk full")

    monkeypatch.setattr(search, "index_article", broken)
    with pytest.raises(OSError):
        archive.save_article(article(), None)
    for table in ("articles", "article_urls", "articles_fts"):
        assert archive.db.execute(f"SELECT count(*) FROM {table}").fetchone() == (0,), table
    assert not archive.db.conn.in_transaction


def test_an_article_known_only_from_an_import_is_marked_until_a_crawl_sees_it(archive):
    article_id, outcome = archive.save_article(article(), None, origin="import")
    assert outcome == "new" and archive.article_row(article_id)["origin"] == "import"
    archive.save_article(article(), None, article_id, origin="import")
    assert archive.article_row(article_id)["origin"] == "import"
    assert archive.save_article(article(), None, article_id) == (article_id, "unchanged")
    assert archive.article_row(article_id)["origin"] == "crawl"


def test_a_page_fetched_again_is_a_capture_of_its_snapshot(archive):
    raw = PAGE.format(hits=1, day=24).encode()
    first, _ = archive.add_snapshot("http://x.cn/a", 200, {}, raw, "utf-8", raw.decode(),
                                    crawl_id=None)
    counted = PAGE.format(hits=2, day=25).encode()
    for body in (raw, counted):
        assert archive.add_snapshot("http://x.cn/a", 200, {}, body, "utf-8", body.decode(),
                                    fetched_at="2030-01-01T00:00:00+00:00") == (first, False)
    captures = [(r["snapshot_id"], r["sha256"], r["fetched_at"])
                for r in archive.db["captures"].rows]
    assert captures == [(first, hashlib.sha256(raw).hexdigest(), "2030-01-01T00:00:00+00:00"),
                        (first, hashlib.sha256(counted).hexdigest(),
                         "2030-01-01T00:00:00+00:00")]


def test_a_changed_article_keeps_its_old_version_with_the_reason(archive):
    article_id, _ = archive.save_article(article(section="集团新闻"), None)
    corrected = article(body="1月17日，集团召开2024年安全生产工作会议。")
    archive.save_article(corrected, None, article_id)
    (revision,) = archive.db["revisions"].rows
    assert (revision["reason"], revision["section"], revision["body"]) == (
        "changed", "集团新闻", article()["body"])


def test_the_archive_side_imports_no_scrapy():
    """The archive's modules (export, import, fixity, re-extraction) run without Scrapy: a
    fresh interpreter imports them and Scrapy stays out."""
    import subprocess
    import sys

    code = ("import sys, portscraper.archive.store, portscraper.webarchive.export, "
            "portscraper.webarchive.ingest, "
            "portscraper.archive.fixity, portscraper.archive.reparse; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'scrapy'))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_a_site_that_moved_keeps_its_articles_without_revisions(archive):
    """The same page at the site's new address (same_page: http to https, www.): its pictures
    now at the new address too is no change (no revision, the links follow the site); a
    change of its text then is an update with a revision."""
    old = article(url="http://x.cn/more.asp?id=1",
                  images=[{"url": "http://x.cn/u/a.jpg", "caption": "码头"}])
    article_id, _ = archive.save_article(old, None)
    moved = article(url="https://www.x.cn/more.asp?id=1",
                    images=[{"url": "https://www.x.cn/u/a.jpg", "caption": "码头"}])
    assert archive.save_article(moved, None, article_id, same_page=True) == \
        (article_id, "unchanged")
    stored = archive.db["articles"].get(article_id)
    assert stored["images"] == '[{"url": "https://www.x.cn/u/a.jpg", "caption": "码头"}]'
    assert stored["removed_at"] is None
    assert archive.db["revisions"].count == 0
    changed = article(url="https://www.x.cn/more.asp?id=1", body="1月18日，集团召开会议。",
                      images=moved["images"])
    assert archive.save_article(changed, None, article_id, same_page=True) == \
        (article_id, "updated")
    assert archive.db["revisions"].count == 1


def test_a_failed_list_page_has_its_section_walked_again(archive):
    archive.mark_walked("http://x.cn/news.asp?pid=3", "集团新闻")
    archive.mark_walked("http://x.cn/news.asp?pid=4", "通知公告")
    archive.add_failure("http://x.cn/news.asp?pid=3&page=2", "http 500", status=500,
                        kind="list", section_url="http://x.cn/news.asp?pid=3")
    walked = {row["url"]: row["walked_at"] for row in archive.db["sections"].rows}
    assert walked["http://x.cn/news.asp?pid=3"] is None
    assert walked["http://x.cn/news.asp?pid=4"] is not None


def test_an_archive_opened_read_only_reads_and_never_writes(tmp_path):
    """What the read-only commands (exports, checks) see: the stored rows and pages, and an
    error on any write."""
    path = tmp_path / "a.db"
    writer = Archive(path)
    snapshot_id, _ = writer.add_snapshot("http://x.cn/more.asp?id=1", 200, {}, b"<p>1</p>",
                                         "utf-8", "1")
    writer.save_article(article(), snapshot_id)
    writer.close()
    reader = Archive(path, readonly=True)
    try:
        assert reader.db["articles"].count == 1
        assert reader.snapshot_bytes(snapshot_id) == b"<p>1</p>"
        with pytest.raises(sqlite3.OperationalError):
            reader.db.execute("DELETE FROM articles")
    finally:
        reader.close()


def test_a_requisite_refused_for_good_is_not_asked_for_again(archive):
    """Kept files and those refused for good (404/410, over the size limit, barred by
    robots.txt) are settled; one lost to a 5xx or a timeout is asked for again."""
    site = "http://port.example/"
    archive.add_requisite(f"{site}img/kept.png", "image", 200, {}, b"\x89PNG kept")
    archive.add_failure(f"{site}img/gone.png", "HTTP 404 Not Found", status=404, kind="image")
    archive.add_failure(f"{site}files/big.pdf", "over the size limit (10 MB)",
                        kind="attachment")
    archive.add_failure(f"{site}img/barred.png", "barred by robots.txt", kind="image")
    archive.add_failure(f"{site}img/down.png", "HTTP 503 Service Unavailable", status=503,
                        kind="image")
    assert archive.stored_requisites() == {f"{site}img/kept.png", f"{site}img/gone.png",
                                           f"{site}files/big.pdf", f"{site}img/barred.png"}
    assert [url for url, _, _ in archive.failed_requisites()] == [f"{site}img/down.png"]
