"""Whole crawls of the replica into an archive: what lands, and that nothing is lost or
half-written when a crawl is killed."""

from __future__ import annotations

import hashlib
import random
import signal
import sqlite3

from portscraper.archive.store import Archive
from portscraper.extract import decode_html
from portscraper.replica.expected import expected_articles, traits

from ..children import Child
from ..conftest import ROOT, archive_content, crawl_command, run_crawl


def stored(db_path) -> int:
    """Articles stored so far, read while a crawl writes (WAL lets readers in)."""
    if not db_path.exists():
        return 0
    try:
        with sqlite3.connect(db_path, timeout=5) as conn:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.OperationalError:  # the schema is not created yet
        return 0


def test_crawl_fills_the_archive(replica, tmp_path):
    run_crawl(tmp_path, f"base_url={replica.url}")
    archive = Archive(tmp_path / "archive.db")
    db = archive.db
    trap = traits(replica.site)
    live = expected_articles(replica.site, replica.url)
    # One row per live article: the double post is one article with both URLs.
    assert db["articles"].count == len(live) - 1
    first, second = (f"{replica.url}more.asp?id={i}" for i in trap["duplicates"][0])
    ids = {r[0] for r in db.execute("SELECT article_id FROM article_urls WHERE url IN (?, ?)",
                                    [first, second])}
    assert len(ids) == 1
    assert {r[0] for r in db.execute("SELECT url FROM article_urls")} == set(live)
    # The 404 is a failure; the 503-then-200 an article.
    failed = {r["url"]: r for r in db["failures"].rows}
    assert failed[f"{replica.url}more.asp?id={trap['missing'][0]}"]["status"] == 404
    assert archive.article_id_for_url(f"{replica.url}more.asp?id={trap['flaky'][0]}")
    # Every article's snapshot: its hash matches its bytes, its bytes hold its title.
    for row in db.execute("SELECT a.title, s.id, s.sha256, s.headers FROM articles a "
                          "JOIN snapshots s ON s.id = a.snapshot_id"):
        title, snapshot_id, sha, _ = row
        raw = archive.snapshot_bytes(snapshot_id)
        assert hashlib.sha256(raw).hexdigest() == sha
        assert title in decode_html(raw, "text/html")[0]
    crawl = next(db["crawls"].rows)
    assert crawl["finished_at"] and crawl["articles_new"] == len(live) - 1
    assert crawl["articles_merged"] == 1 and crawl["failures"] == 1
    archive.close()


def test_second_run_changes_nothing(replica, tmp_path):
    db_path = tmp_path / "archive.db"
    run_crawl(tmp_path, f"base_url={replica.url}")
    before = archive_content(db_path)
    snapshots = sqlite3.connect(db_path).execute("SELECT count(*) FROM snapshots").fetchone()
    run_crawl(tmp_path, f"base_url={replica.url}")
    assert archive_content(db_path) == before
    # Hit counters changed on every page; no page was stored again for it.
    assert sqlite3.connect(db_path).execute("SELECT count(*) FROM snapshots").fetchone() == \
        snapshots
    assert sqlite3.connect(db_path).execute("SELECT count(*) FROM revisions").fetchone() == (0,)


def test_killed_crawls_end_with_the_same_archive(replica, tmp_path):
    """SIGKILL at random moments, then a run to the end: the archive equals that of a crawl
    that was never interrupted, and SQLite finds nothing wrong with it."""
    reference = tmp_path / "reference"
    reference.mkdir()
    run_crawl(reference, f"base_url={replica.url}")
    killed = tmp_path / "killed"
    killed.mkdir()
    db_path = killed / "archive.db"
    total = len(expected_articles(replica.site, replica.url)) - 1
    rng = random.Random(7)
    stored_at_kill = []
    for _ in range(4):
        # Kill once a random number of articles is stored: always in the middle of the crawl.
        target = rng.randint(1, total - 1)
        proc = Child(crawl_command(killed, f"base_url={replica.url}", db=db_path), cwd=ROOT)
        proc.wait_until(lambda: stored(db_path) >= target, step=rng.uniform(0.001, 0.02))  # noqa: B023
        proc.send_signal(signal.SIGKILL)
        proc.finish()
        stored_at_kill.append(stored(db_path))
        check = sqlite3.connect(db_path).execute("PRAGMA integrity_check").fetchone()
        assert check == ("ok",)
    assert any(0 < n < total for n in stored_at_kill), stored_at_kill
    run_crawl(killed, f"base_url={replica.url}", db=db_path)
    assert sqlite3.connect(db_path).execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert archive_content(db_path) == archive_content(reference / "archive.db")
