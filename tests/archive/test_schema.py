"""The archive's schema as SQLite holds it (portscraper/archive/schema.py): column types, keys,
unique
indexes, upgrades that add typed columns, backups only when an upgrade happens, and refusals
that say what to do. Written against the mutants of schema.py that the behaviour tests let
live (docs/mutation-testing.md)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from portscraper.archive.schema import SCHEMA, SCHEMA_VERSION, NotAnArchive
from portscraper.archive.store import Archive

DATA = Path(__file__).parents[1] / "data"
SQL_TYPES = {int: "INTEGER", str: "TEXT", float: "REAL", bytes: "BLOB"}


def declared(conn, table) -> dict[str, str]:
    return {row[1]: row[2] for row in conn.execute(f"PRAGMA table_info({table})")}


def test_a_new_archive_has_typed_columns_keys_and_unique_indexes(tmp_path):
    Archive(tmp_path / "a.db").close()
    conn = sqlite3.connect(tmp_path / "a.db")
    for table, (columns, pk, foreign_keys) in SCHEMA.items():
        types = declared(conn, table)
        assert {n: SQL_TYPES[k] for n, k in columns.items()}.items() <= types.items(), table
        keys = {(row[3], row[2], row[4]) for row in conn.execute(
            f"PRAGMA foreign_key_list({table})")}
        assert keys == set(foreign_keys), table
        assert [row[1] for row in conn.execute(f"PRAGMA table_info({table})") if row[5]] == [pk]
    unique = {name: bool(flag) for _, name, flag, *_ in conn.execute(
        "PRAGMA index_list(snapshots)")}
    assert any(flag for name, flag in unique.items() if "sha256" in name and
               "stable" not in name)
    assert [bool(row[2]) for row in conn.execute("PRAGMA index_list(dictionaries)")] == [True]
    conn.close()
    assert sorted(p.name for p in tmp_path.iterdir() if ".bak" in p.name) == []


def test_opening_a_current_archive_makes_no_backup(tmp_path):
    path = tmp_path / "portnews.db"
    Archive(path).close()
    Archive(path).close()
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".bak"] == []


def test_an_upgrade_adds_typed_columns_after_a_backup(tmp_path):
    path = tmp_path / "portnews.db"
    with sqlite3.connect(path) as conn:
        conn.executescript((DATA / "archive_v1.sql").read_text(encoding="utf-8"))
    conn.close()
    Archive(path).close()
    assert (tmp_path / "portnews.db.v1.bak").exists()
    conn = sqlite3.connect(path)
    assert declared(conn, "crawls")["requests"] == "INTEGER"
    assert declared(conn, "failures")["kind"] == "TEXT"
    assert declared(conn, "article_urls")["request_url"] == "TEXT"
    assert conn.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)
    conn.close()


def test_an_unversioned_file_with_an_articles_table_is_not_taken_as_one(tmp_path):
    """Every archive has had a version since the first release (archive_v1.sql): a version 0
    file with an articles table is another program's, and is left as it is (issue 25)."""
    path = tmp_path / "old.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE articles (id INTEGER PRIMARY KEY, url TEXT, title TEXT)")
        conn.execute("INSERT INTO articles (url, title) VALUES ('http://x/1', '码头')")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(NotAnArchive) as refused:
        Archive(path)
    assert str(refused.value) == ("this database is not a portscraper archive (no table "
                                  "article_urls, crawls, failures, snapshots): choose another "
                                  "ARCHIVE_DB")
    assert path.read_bytes() == before


def test_a_versioned_file_without_the_archives_tables_is_not_taken_as_one(tmp_path):
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE articles (id INTEGER PRIMARY KEY)")
        conn.execute("PRAGMA user_version = 4")
    conn.close()
    with pytest.raises(NotAnArchive, match=r"no table article_urls, crawls, failures"):
        Archive(path)


def test_refusals_say_what_to_do(tmp_path):
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE invoices (id INTEGER)")
    conn.close()
    with pytest.raises(NotAnArchive) as refused:
        Archive(other)
    assert str(refused.value) == ("this database is not a portscraper archive (it has other "
                                  "tables): choose another ARCHIVE_DB")
    newer = tmp_path / "newer.db"
    Archive(newer).close()
    with sqlite3.connect(newer) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(NotAnArchive) as refused:
        Archive(newer)
    assert str(refused.value) == (f"this archive has schema version {SCHEMA_VERSION + 1}, newer "
                                  f"than this portscraper knows ({SCHEMA_VERSION}): upgrade "
                                  "portscraper")


def test_an_archive_of_version_5_is_upgraded_and_keeps_its_removals(tmp_path):
    """Version 6 adds requisites, completeness and take-down evidence; an article version 5
    marked removed on one 404 keeps its mark, with a removals row saying how it was judged."""
    path = tmp_path / "portnews.db"
    archive = Archive(path)
    archive.save_article({"url": "http://x.cn/more.asp?id=1", "title": "码头", "body": "正文",
                          "published": "2024-01-01"}, None)
    archive.close()
    with sqlite3.connect(path) as conn:
        for view in ("section_completeness", "suspected_removals"):
            conn.execute(f"DROP VIEW {view}")
        for table in ("requisites", "article_requisites", "list_pages", "list_entries",
                      "completeness", "gone_answers", "removals"):
            conn.execute(f"DROP TABLE {table}")
        for table, column in (("articles", "removed_reason"), ("snapshots", "kind"),
                              ("crawls", "articles_suspected"), ("crawls", "requisites_stored")):
            conn.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
        conn.execute("UPDATE articles SET removed_at = '2025-01-01T00:00:00+00:00', "
                     "removed_status = 404")
        conn.execute("PRAGMA user_version = 5")
    conn.close()
    Archive(path).close()
    assert (tmp_path / "portnews.db.v5.bak").exists()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,) == (7,)
    assert declared(conn, "snapshots")["kind"] == "TEXT"
    assert conn.execute("SELECT removed_reason FROM articles").fetchone() == (
        "HTTP 404 (one answer, before version 6)",)
    assert conn.execute("SELECT article_id, removed_at, status FROM removals").fetchall() == [
        (1, "2025-01-01T00:00:00+00:00", 404)]
    assert conn.execute("SELECT count(*) FROM section_completeness").fetchone() == (0,)
    conn.close()
