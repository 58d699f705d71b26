"""`portscraper reparse`: the stored article pages read again with the current extractor; after
a change of the extractor exactly the fields that read differently change, and the old values
are kept in revisions with the reason `re-extracted`."""

from __future__ import annotations

import json
import sqlite3

import pytest

from portscraper import cli
from portscraper.archive.store import Archive
from portscraper.extract import stored_article as page_reading

from ..conftest import copy_archive, run_crawl
from ..sitekit import StaticSite, split_article_site


def rows(db, sql: str, *args) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        found = conn.execute(sql, args).fetchall()
    conn.close()
    return found


def articles(db) -> dict[int, dict]:
    with sqlite3.connect(db) as conn:
        conn.row_factory = sqlite3.Row
        found = {r["id"]: dict(r) for r in conn.execute("SELECT * FROM articles")}
    conn.close()
    return found


@pytest.fixture
def db(crawled_archive, tmp_path):
    return copy_archive(crawled_archive, tmp_path / "archive.db")


def test_the_extractor_that_made_the_archive_changes_nothing(db, capsys):
    before = articles(db)
    assert cli.main(["reparse", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert f"reparse: {len(before)} articles read, 0 changed (0 fields), 0 kept as stored" in out
    assert articles(db) == before
    assert rows(db, "SELECT count(*) FROM revisions") == [(0,)]


@pytest.fixture
def changed_extractor(monkeypatch, db):
    """The extractor changed: it now reads one article's byline otherwise and credits a
    photographer on another (page_reading.article_fields is what reparse reads pages with)."""
    chosen = rows(db, "SELECT a.id, s.url FROM articles a JOIN snapshots s "
                      "ON s.id = a.snapshot_id WHERE a.byline != '' ORDER BY a.id LIMIT 2")
    (first_id, first_url), (second_id, second_url) = chosen
    real = page_reading.article_fields

    def changed(page):
        fields = real(page)
        if page.url == first_url:
            fields["byline"] = "张三"
        if page.url == second_url:
            fields["credits"] = {**fields["credits"], "摄影": ["李四"]}
        return fields

    monkeypatch.setattr(page_reading, "article_fields", changed)
    return first_id, second_id


def test_after_an_extractor_change_exactly_the_changed_fields_change(db, changed_extractor,
                                                                     capsys):
    first_id, second_id = changed_extractor
    before = articles(db)
    assert cli.main(["reparse", "--db", str(db), "--dry-run"]) == 0
    dry = capsys.readouterr().out
    assert "would change" in dry and articles(db) == before  # a dry run writes nothing
    assert cli.main(["reparse", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    # Field by field: the article, the field, the old and the new value.
    assert f"article {first_id} (" in out and "  byline: " in out and "'张三'" in out
    assert f"article {second_id} (" in out and "  credits: " in out and "李四" in out
    assert "2 changed (2 fields)" in out and out.replace("changed", "would change") \
        .replace("reparse:", "reparse (dry run):") == dry
    after = articles(db)
    bookkeeping = {"content_sha256", "updated_at", "search_key", "body_key"}
    for article_id, row in after.items():
        changed = {k for k in row if row[k] != before[article_id][k]} - bookkeeping
        expected = {first_id: {"byline"}, second_id: {"credits"}}.get(article_id, set())
        assert changed == expected, article_id
    assert after[first_id]["byline"] == "张三"
    assert json.loads(after[second_id]["credits"])["摄影"] == ["李四"]
    # The old versions, whole, with the reason.
    revisions = {r[0]: r[1:] for r in rows(
        db, "SELECT article_id, reason, byline, credits, title, body, evidence, snapshot_id "
            "FROM revisions")}
    assert set(revisions) == {first_id, second_id}
    for article_id, (reason, byline, credits, title, body, evidence, snapshot_id) in \
            revisions.items():
        old = before[article_id]
        assert reason == "re-extracted"
        assert (byline, credits, title, body, evidence, snapshot_id) == (
            old["byline"], old["credits"], old["title"], old["body"], old["evidence"],
            old["snapshot_id"])
    # Run again: nothing more changes.
    assert cli.main(["reparse", "--db", str(db)]) == 0
    assert "0 changed" in capsys.readouterr().out
    assert rows(db, "SELECT count(*) FROM revisions") == [(2,)]


def test_one_article_or_one_section(db, changed_extractor, capsys):
    first_id, second_id = changed_extractor
    (section,) = rows(db, "SELECT section FROM articles WHERE id = ?", first_id)[0]
    in_section = rows(db, "SELECT count(*) FROM articles WHERE section = ?", section)[0][0]
    assert cli.main(["reparse", "--db", str(db), "--id", str(second_id)]) == 0
    assert "reparse: 1 articles read, 1 changed" in capsys.readouterr().out
    assert cli.main(["reparse", "--db", str(db), "--section", section, "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert f"{in_section} articles read" in out and f"article {first_id} (" in out
    assert cli.main(["reparse", "--db", str(db), "--id", "99999"]) == 2
    assert "no article 99999" in capsys.readouterr().err


def test_an_extractor_that_now_fails_on_a_page_keeps_the_stored_fields(db, monkeypatch, capsys):
    real = page_reading.article_fields
    (first_id, url), = rows(db, "SELECT a.id, s.url FROM articles a JOIN snapshots s "
                                "ON s.id = a.snapshot_id ORDER BY a.id LIMIT 1")

    def losing_dates(page):
        fields = real(page)
        if page.url == url:
            fields["published"] = ""
        return fields

    monkeypatch.setattr(page_reading, "article_fields", losing_dates)
    before = articles(db)
    assert cli.main(["reparse", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert f"article {first_id} ({url}) kept as stored: the extractor now reads: no date found" \
        in out
    assert articles(db) == before


def test_an_article_split_over_pages_is_read_from_all_its_stored_pages(tmp_path):
    with StaticSite(split_article_site()) as site:
        run_crawl(tmp_path, f"base_url={site.url}")
    db = tmp_path / "archive.db"
    archive = Archive(db)
    from portscraper.archive.reparse import reparse

    report = reparse(archive)
    assert (report.read, report.changed, report.unreadable) == (2, [], [])
    (body,) = rows(db, "SELECT body FROM articles WHERE url LIKE '%id=52'")[0]
    assert len(body.split("\n")) == 3
    # Without its third page, the article is not read cut short.
    archive.db.execute("UPDATE snapshots SET url = url || '#gone' WHERE url LIKE '%page=3'")
    report = reparse(archive)
    assert [r.problem for r in report.unreadable] == [
        f"page 3 of the article ({site.url}view.asp?id=52&page=3) is not at hand"]
    archive.close()
