"""A full disk, and a database held by a reader or a writer: no corruption, nothing half
stored, and the next run completes the archive."""

from __future__ import annotations

import resource
import sqlite3
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime

from portscraper.replica import evolve
from portscraper.replica.data import build_site
from portscraper.replica.server import ReplicaServer
from portscraper.runs.verdict import EXIT_INTERRUPTED

from ..conftest import FAST, ROOT, archive_content, run_crawl


def cron(db, base_url, limit_bytes=None):
    cmd = [sys.executable, "-m", "portscraper.cli", "crawl", "--db", str(db), "--log-dir",
           str(db.parent / "logs"), "--base-url", base_url]
    for key, value in FAST.items():
        cmd += ["-s", f"{key}={value}"]

    def limit():  # a disk that fills up: no file may grow past limit_bytes
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit_bytes, limit_bytes))

    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=300,
                          preexec_fn=limit if limit_bytes else None)


def integrity(db) -> str:
    with sqlite3.connect(db) as conn:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]


def test_disk_full_stops_cleanly_and_the_next_run_completes(tmp_path):
    reference = tmp_path / "reference"
    reference.mkdir()
    with ReplicaServer(build_site()) as server:
        run_crawl(reference, f"base_url={server.url}")
        want = archive_content(reference / "archive.db", server.url)
        db = tmp_path / "archive.db"
        # The disk fills once the first articles are in: no file may grow past the size of the
        # whole crawl's archive. The WAL, written first, reaches it after some 13 of 117
        # articles (half of it stored none on some runs). A size written as a constant went
        # stale with each schema that kept more: 600 KB, 800 KB, 1.2 MB in turn.
        whole = (reference / "archive.db").stat().st_size
        full = cron(db, server.url, limit_bytes=whole)
        assert full.returncode == EXIT_INTERRUPTED, full.stdout + full.stderr
        assert full.stdout.startswith("interrupted ")
        assert "the archive cannot be written" in full.stdout
        assert integrity(db) == "ok"
        with sqlite3.connect(db) as conn:
            stored = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
            # Nothing half stored: every stored article has its URL row and its text.
            assert conn.execute("SELECT count(*) FROM articles a WHERE body = '' OR NOT EXISTS "
                                "(SELECT 1 FROM article_urls u WHERE u.article_id = a.id)"
                                ).fetchone() == (0,)
        assert 0 < stored < len(want["articles"])

        again = cron(db, server.url)
        assert again.returncode == 0, again.stdout + again.stderr
        assert integrity(db) == "ok"
        got = archive_content(db, server.url)
    assert got["articles"] == want["articles"] and got["urls"] == want["urls"]


def test_a_reader_holding_the_database_does_not_stop_a_crawl(tmp_path):
    db = tmp_path / "archive.db"
    with ReplicaServer(build_site()) as server:
        assert cron(db, server.url).returncode == 0
        reader = sqlite3.connect(db)
        reader.execute("BEGIN")
        before = reader.execute("SELECT count(*) FROM articles").fetchone()
        evolve.add_articles(server.site, 2)
        run = cron(db, server.url)
        # The reader still sees its snapshot; the crawl wrote past it.
        assert reader.execute("SELECT count(*) FROM articles").fetchone() == before
        reader.rollback()
        reader.close()
    assert run.returncode == 0 and "2 new" in run.stdout, run.stdout + run.stderr
    assert integrity(db) == "ok"


STARTED = "(bot: portscraper)"  # Scrapy's first log line of a run


def test_a_writer_holding_a_lock_is_waited_for(tmp_path):
    """Another program holds the archive's write lock when the crawl opens: the crawl waits for
    it (SQLite's busy timeout) and then stores everything. Read from the log and the archive,
    not from a stopwatch: the writer lets go only after the crawl has logged its start (Scrapy's
    first line; opening the archive, a write, comes next), and the crawl's first write in the
    archive is dated after that release."""
    db = tmp_path / "archive.db"
    log = tmp_path / "logs" / "maoming.log"
    with ReplicaServer(build_site()) as server:
        assert cron(db, server.url).returncode == 0
        opened_before = log.read_text().count(STARTED)
        writer = sqlite3.connect(db, check_same_thread=False)
        writer.execute("BEGIN IMMEDIATE")
        released = {}

        def release_once_the_crawl_waits():
            while log.read_text().count(STARTED) == opened_before:
                time.sleep(0.05)
            time.sleep(2)  # the crawl opens the archive next: it is held by the lock now
            released["at"] = datetime.now(UTC).isoformat(timespec="seconds")
            writer.rollback()

        holder = threading.Thread(target=release_once_the_crawl_waits, daemon=True)
        holder.start()
        evolve.add_articles(server.site, 2)
        run = cron(db, server.url)
        holder.join(timeout=60)
    assert run.returncode == 0 and "2 new" in run.stdout, run.stdout + run.stderr
    assert integrity(db) == "ok"
    with sqlite3.connect(db) as conn:
        started, = conn.execute("SELECT started_at FROM crawls ORDER BY id DESC LIMIT 1").fetchone()
        new_articles = conn.execute("SELECT min(first_seen) FROM articles WHERE first_seen >= ?",
                                    [started]).fetchone()[0]
    assert released and started >= released["at"] and new_articles >= released["at"]
