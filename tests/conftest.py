"""Shared fixtures: the replica site on a free port, and a crawl runner.

Tests never touch the network: every URL they fetch is on 127.0.0.1.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from portscraper.replica.data import build_site
from portscraper.replica.server import ReplicaServer
from portscraper.runs.verdict import EXIT_CODES

ROOT = Path(__file__).resolve().parent.parent
# Settings for crawling the local replica: no politeness delays, a few requests at a time.
FAST = {
    "DOWNLOAD_DELAY": "0",
    "AUTOTHROTTLE_ENABLED": "False",
    "CONCURRENT_REQUESTS_PER_DOMAIN": "8",
    "CONCURRENT_REQUESTS": "8",
    "RETRY_BACKOFF_BASE": "0.05",
    "LOG_LEVEL": "INFO",
}


def _serve(**kwargs):
    # In a thread of the test process, so tests can read the server's request log; the crawls
    # themselves run in their own processes, as a user runs them.
    server = ReplicaServer(build_site(), **kwargs)
    server.start()
    return server


@pytest.fixture(scope="session")
def replica():
    server = _serve(layout="table")
    yield server
    server.stop()


@pytest.fixture(scope="session")
def replica_div():
    server = _serve(layout="div")
    yield server
    server.stop()


@pytest.fixture(scope="session")
def replica_traditional():
    server = _serve(layout="div", script="traditional")
    yield server
    server.stop()


def crawl_command(tmp_path: Path, *spider_args: str, settings: dict | None = None,
                  db: Path | None = None, spider: str = "maoming") -> list[str]:
    """The `scrapy crawl maoming` (or `portnews`) command line a user would type, into a test
    archive."""
    cmd = [sys.executable, "-m", "scrapy", "crawl", spider,
           "-O", str(tmp_path / "items.jsonl"),
           "-s", f"ARCHIVE_DB={db or tmp_path / 'archive.db'}"]
    for arg in spider_args:
        cmd += ["-a", arg]
    for key, value in {**FAST, **(settings or {})}.items():
        cmd += ["-s", f"{key}={value}"]
    return cmd


def run_crawl(tmp_path: Path, *spider_args: str, settings: dict | None = None,
              db: Path | None = None, verdict: str = "ok",
              spider: str = "maoming") -> tuple[list, str]:
    """Run a crawl to its end, expecting `verdict` (its exit code, and the first word of the
    summary line, the last line of the log); returns (the article items, log). The feed also
    holds the FailureItems of pages that could not be fetched; those are checked through the
    archive."""
    cmd = crawl_command(tmp_path, *spider_args, settings=settings, db=db, spider=spider)
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert proc.returncode == EXIT_CODES[verdict], proc.stderr[-3000:]
    assert proc.stderr.strip().splitlines()[-1].split()[0] == verdict, proc.stderr[-3000:]
    out = tmp_path / "items.jsonl"
    items = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines() if line]
    return [item for item in items if "title" in item], proc.stderr


@pytest.fixture
def crawl(tmp_path):
    return lambda *args, **kw: run_crawl(tmp_path, *args, **kw)


def archive_content(db_path: Path, base_url: str = "") -> dict:
    """What an archive holds, without the times of the runs that made it and with the replica's
    address made neutral (each test server has its own port)."""
    def neutral(value):
        return value.replace(base_url, "BASE/") if base_url and isinstance(value, str) else value

    fields = ("url, section, kicker, title, subtitle, published, byline, credits, body, "
              "images, attachments, language")
    with sqlite3.connect(db_path) as conn:
        articles = conn.execute(f"SELECT {fields} FROM articles").fetchall()
        urls = conn.execute("SELECT u.url, a.url FROM article_urls u "
                            "JOIN articles a ON a.id = u.article_id").fetchall()
        failed = conn.execute("SELECT url FROM failures").fetchall()
    conn.close()
    return {
        "articles": sorted(tuple(neutral(v) for v in row) for row in articles),
        "urls": sorted(tuple(neutral(v) for v in row) for row in urls),
        "failed": sorted({neutral(u) for (u,) in failed}),
    }


@pytest.fixture(scope="session")
def crawled_archive(replica, tmp_path_factory) -> Path:
    """One crawl of the replica (table layout), made once per test session. Tests that change
    an archive copy it first (`copy_archive`)."""
    folder = tmp_path_factory.mktemp("crawled")
    run_crawl(folder, f"base_url={replica.url}")
    return folder / "archive.db"


def copy_archive(source: Path, target: Path) -> Path:
    """A copy of an archive (with what its WAL holds), through SQLite's backup."""
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    src.close()
    dst.close()
    return target


def get_from_datasette(db: Path, folder: Path, *paths: str) -> list:
    """The answers of Datasette's in-process client for `paths`, served from a copy of the
    project's archive/ configuration (metadata, templates) in `folder` holding `db` as
    portnews.db: the reading room as `datasette archive/` shows this archive."""
    import asyncio
    import shutil

    from datasette.app import Datasette

    shutil.copytree(ROOT / "archive", folder,
                    ignore=shutil.ignore_patterns("*.db", "*.db-*", "logs"))
    with sqlite3.connect(db) as src, sqlite3.connect(folder / "portnews.db") as dst:
        src.backup(dst)
    src.close()
    dst.close()
    loop = asyncio.new_event_loop()
    try:
        ds = Datasette(config_dir=folder)
        loop.run_until_complete(ds.invoke_startup())
        return [loop.run_until_complete(ds.client.get(path)) for path in paths]
    finally:
        loop.close()
