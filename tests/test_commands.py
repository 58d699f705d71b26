"""The `portscraper` commands the README shows do their whole job: `snapshot ID` writes every
byte of the stored page, `demo` crawls the replica into an archive and says what it holds,
`replica --port N` serves the site, `python -m portscraper.archive.search` prints a MATCH string.
Each is run as a user runs it, in its own process."""

from __future__ import annotations

import os
import random
import signal
import socket
import sqlite3
import subprocess
import sys
import urllib.request

from portscraper.archive.compression import TRAINING_PAGES
from portscraper.archive.store import Archive
from portscraper.replica.data import build_site
from portscraper.replica.expected import expected_articles

from .children import read_line
from .conftest import ROOT


def portscraper(*args: str, timeout: int = 300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "portscraper.cli", *args], cwd=ROOT,
                          capture_output=True, timeout=timeout)


def test_snapshot_writes_the_whole_page_byte_for_byte(tmp_path):
    """Pages of every size and compression the archive stores (zstd alone, then with the
    site's dictionary once it has TRAINING_PAGES pages), binary bytes included."""
    db = tmp_path / "a.db"
    archive = Archive(db)
    rng = random.Random(13)
    pages = {}
    for n in range(TRAINING_PAGES + 3):
        size = rng.choice([0, 1, 10, 4096, 65_537, 300_000])
        body = (f"<html><body><p>第{n}页 茂名港集团</p>".encode("gb18030")
                + rng.randbytes(size) + b"</body></html>")
        snapshot_id, _ = archive.add_snapshot(f"http://www.mmport.example/p{n}.asp", 200, {},
                                              body, "gb18030", body.decode("gb18030", "replace"))
        pages[snapshot_id] = body
    compressions = {row[0] for row in archive.db.execute("SELECT compression FROM snapshots")}
    archive.close()
    assert compressions == {"zstd-dict"}  # the first pages were stored again, with it
    for snapshot_id in (1, TRAINING_PAGES, max(pages)):
        out = portscraper("snapshot", str(snapshot_id), "--db", str(db))
        assert out.returncode == 0, out.stderr
        assert out.stdout == pages[snapshot_id]


def test_snapshot_of_no_such_id_says_so(tmp_path):
    db = tmp_path / "a.db"
    Archive(db).close()
    out = portscraper("snapshot", "7", "--db", str(db))
    assert out.returncode == 1 and out.stdout == b""
    assert b"no snapshot 7" in out.stderr


def test_demo_crawls_the_replica_into_an_archive(tmp_path):
    db = tmp_path / "demo" / "demo.db"
    out = portscraper("demo", "--db", str(db))
    assert out.returncode == 0, out.stderr.decode()[-2000:]
    site = build_site()
    want = expected_articles(site, "http://127.0.0.1/")
    with sqlite3.connect(db) as conn:
        articles = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        urls = {url.split("/", 3)[3] for (url,) in conn.execute("SELECT url FROM article_urls")}
        sections = dict(conn.execute("SELECT section, count(*) FROM articles GROUP BY section"))
        unhashed = conn.execute("SELECT count(*) FROM articles a JOIN snapshots s "
                                "ON s.id = a.snapshot_id").fetchone()[0]
    conn.close()
    # Every live article of the replica, at every URL (a double post is one article, two URLs).
    assert urls == {url.split("/", 3)[3] for url in want}
    assert articles == len(want) - len(site.duplicates()) and unhashed == articles
    text = out.stdout.decode()
    assert f"{articles} articles at" in text and "sections:" in text
    for section, count in sections.items():
        assert f"{section}" in text and f"{count}" in text
    assert f"datasette {db.parent}/" in text


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_replica_serves_the_site_on_the_port_asked_for():
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "portscraper.cli", "replica", "--port",
                             str(port)], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        assert read_line(proc.stdout).strip() == f"serving http://127.0.0.1:{port}/"
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/robots.txt", timeout=10) as robots:
            assert b"Disallow" in robots.read()
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10) as home:
            assert "新闻中心" in home.read().decode("gb18030")
    finally:
        os.kill(proc.pid, signal.SIGTERM)
        assert proc.wait(timeout=20) == 0


def test_the_search_module_prints_the_match_string():
    out = subprocess.run([sys.executable, "-m", "portscraper.archive.search", "碼頭", "茂名港集团"],
                         cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == '"码头" "茂名 名港 港集 集团"'


def test_replica_serves_another_cms_family_when_asked():
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "portscraper.cli", "replica", "--port",
                             str(port), "--family", "trs"], cwd=ROOT, stdout=subprocess.PIPE,
                            text=True)
    try:
        assert read_line(proc.stdout).strip() == f"serving http://127.0.0.1:{port}/"
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10) as home:
            page = home.read().decode("utf-8", "replace")
        # A TRS site's home page leads to channel folders, not to the ASP site's list.asp.
        assert "list.asp" not in page and "/xwzx/" in page
    finally:
        os.kill(proc.pid, signal.SIGTERM)
        assert proc.wait(timeout=20) == 0
