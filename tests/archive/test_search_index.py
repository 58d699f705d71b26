"""The search index's upkeep (portscraper/archive/search.py): one entry per article whatever happens
to it, rebuilds that index every article and revision, title and body, in batches, and
odd cells (None, BLOB) indexed as text. Against the mutants of search.py that the behaviour
tests let live (docs/mutation-testing.md)."""

from __future__ import annotations

import sqlite3

from portscraper.archive import search
from portscraper.archive.search import fts_query, index_columns, word_suffixes
from portscraper.archive.store import Archive


def archive_with(*articles) -> Archive:
    archive = Archive(memory=True)
    for n, (title, body) in enumerate(articles):
        archive.save_article({"url": f"http://x/more.asp?id={n}", "title": title, "body": body,
                              "published": "2024-01-01"}, snapshot_id=None)
    return archive


def matches(archive, query, table=search.FTS_TABLE) -> list[int]:
    return sorted(row[0] for row in archive.db.execute(
        f"SELECT rowid FROM {table} WHERE {table} MATCH ?", [fts_query(query)]))


def entries(archive, table=search.FTS_TABLE) -> int:
    return archive.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def test_odd_cells_are_indexed_as_text():
    assert index_columns(None, None) == ("", "", "", "")
    # A BLOB read as UTF-8 (two bad bytes replaced, and replacement characters are no
    # token characters), a number as its digits.
    assert index_columns(b"\xff\xfe\xe7\xa0\x81\xe5\xa4\xb4", 12) == ("码头 头", "12", "", "12 2")


def test_latin_endings_hold_no_chinese():
    assert word_suffixes("码头 Port") == "port ort rt t"
    assert word_suffixes("港口port") == "port ort rt t"


def test_a_run_followed_by_latin_keeps_its_last_character_alone():
    assert fts_query("码头port") == '"码头 头 port"*'
    archive = archive_with(("码头port新闻", "正文"))
    assert matches(archive, "码头port") == [archive.db.execute(
        "SELECT search_key FROM articles").fetchone()[0]]


def test_one_entry_per_article_after_updates():
    archive = archive_with(("码头", "正文"))
    for body in ("正文二", "正文三"):
        archive.save_article({"url": "http://x/more.asp?id=0", "title": "码头", "body": body,
                              "published": "2024-01-01"}, snapshot_id=None, article_id=1)
    assert entries(archive) == 1 and len(matches(archive, "正文三")) == 1
    assert matches(archive, "正文二") == []


def test_an_index_missing_from_an_archive_is_rebuilt_whatever_the_other(tmp_path):
    """Only the revisions' index is missing: it is made again, with every revision."""
    path = tmp_path / "a.db"
    archive = Archive(path)
    archive.save_article({"url": "http://x/1", "title": "泊位", "body": "航道",
                          "published": "2024-01-01"}, snapshot_id=None)
    archive.save_article({"url": "http://x/1", "title": "码头", "body": "疏浚",
                          "published": "2024-01-01"}, snapshot_id=None, article_id=1)
    archive.db.execute(f"DROP TABLE {search.REVISIONS_FTS}")
    archive.close()
    archive = Archive(path)
    assert matches(archive, "泊位", search.REVISIONS_FTS) == [1]   # the old title
    assert matches(archive, "航道", search.REVISIONS_FTS) == [1]   # the old body
    assert entries(archive, search.REVISIONS_FTS) == 1
    archive.close()


def test_a_revision_is_indexed_by_title_and_body():
    archive = archive_with(("泊位扩建", "航道疏浚"))
    archive.save_article({"url": "http://x/more.asp?id=0", "title": "码头", "body": "正文",
                          "published": "2024-01-01"}, snapshot_id=None, article_id=1)
    assert matches(archive, "泊位", search.REVISIONS_FTS) == [1]
    assert matches(archive, "航道", search.REVISIONS_FTS) == [1]


def test_a_rebuild_indexes_every_article_in_batches():
    archive = archive_with(*[(f"标题{n}号", f"正文码头{n}") for n in range(7)])
    archive.db.execute(f"DELETE FROM {search.FTS_TABLE}")
    assert search.rebuild_index(archive.db, batch=2) == 7
    assert entries(archive) == 7 and len(matches(archive, "码头")) == 7
    assert len(matches(archive, "标题")) == 7
    assert search.rebuild_revisions_index(archive.db) == 0


def test_main_reads_the_command_line(monkeypatch, capsys):
    monkeypatch.setattr("sys.argv", ["search", "碼頭", "集团"])
    search.main()
    assert capsys.readouterr().out.strip() == '"码头" "集团"'


def test_plain_sqlite3_orders_by_the_weighted_rank(tmp_path):
    """ORDER BY rank is bm25 with the title weighted, stored in the index itself."""
    path = tmp_path / "a.db"
    archive = archive_with(("集团新闻", "码头 码头 码头"), ("码头", "集团新闻"))
    archive.db.execute("VACUUM INTO ?", [str(path)])
    conn = sqlite3.connect(path)
    ranked = conn.execute(f"SELECT rowid FROM {search.FTS_TABLE} WHERE {search.FTS_TABLE} "
                          "MATCH '\"码头\"' ORDER BY rank").fetchall()
    keys = dict(conn.execute("SELECT id, search_key FROM articles").fetchall())
    assert [r[0] for r in ranked] == [keys[2], keys[1]]
    conn.close()


def test_indexing_an_article_again_leaves_one_entry():
    """index_article brings an article's entry in line, however often it is called, and an
    id with no article leaves nothing behind."""
    archive = archive_with(("码头", "正文"))
    search.index_article(archive.db, 1)
    search.index_article(archive.db, 1)
    assert entries(archive) == 1
    search.index_article(archive.db, 99)
    assert entries(archive) == 1


def test_nothing_has_no_endings():
    assert word_suffixes(None) == "" and word_suffixes("") == ""
