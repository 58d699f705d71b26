"""Hostile WARCs for `portscraper import`: values no later command could write (a WARC-Date
that is no date, a URI that is not UTF-8 or not http(s), a head holding a bare CR, LF or NUL)
are refused naming the record, the archive's bytes unchanged; a gzip bomb is inflated no
further than the size limit and not stored; `export` names a stored value it cannot write."""

from __future__ import annotations

import gzip
import hashlib
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from ..conftest import ROOT

PAGE = ("<html><head><title>新闻</title></head><body><p>港口新闻。</p></body></html>"
        .encode())


def portscraper(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "portscraper.cli", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)


def record(block: bytes, uri: bytes = b"http://127.0.0.1:18081/a.html",
           date: bytes = b"2024-05-01T08:00:00Z", number: int = 1) -> bytes:
    """One response record, its bytes written by hand (warcio would not write bad ones)."""
    head = [b"WARC/1.1", b"WARC-Type: response",
            b"WARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-%012d>" % number,
            b"WARC-Date: " + date, b"WARC-Target-URI: " + uri,
            b"Content-Type: application/http; msgtype=response",
            b"Content-Length: %d" % len(block)]
    return b"\r\n".join(head) + b"\r\n\r\n" + block + b"\r\n\r\n"


def http(body: bytes = PAGE, *headers: bytes) -> bytes:
    lines = [b"HTTP/1.1 200 OK", b"Content-Type: text/html; charset=utf-8", *headers,
             b"Content-Length: %d" % len(body)]
    return b"\r\n".join(lines) + b"\r\n\r\n" + body


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def count(db: Path, sql: str) -> int:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql).fetchone()[0]
    finally:
        conn.close()


@pytest.fixture
def archive(tmp_path) -> Path:
    """An archive holding one imported page."""
    good = tmp_path / "good.warc"
    good.write_bytes(record(http()))
    db = tmp_path / "archive.db"
    done = portscraper("import", str(good), "--db", str(db))
    assert done.returncode == 0, done.stderr
    assert count(db, "SELECT count(*) FROM fetches") == 1
    return db


HOSTILE = {
    "date": (dict(date=b"zzzz"), "WARC-Date 'zzzz' is not a W3C-ISO8601 date"),
    "no date of the calendar": (dict(date=b"2024-13-45T99:00:00Z"), "no date of the calendar"),
    "URI not UTF-8": (dict(uri=b"http://127.0.0.1:18081/\xff\xfe.html"), "is not UTF-8"),
    "URI not http": (dict(uri=b"file:///etc/passwd"), "not an http(s) URL with a host"),
    "URI without host": (dict(uri=b"http:///a.html"), "not an http(s) URL with a host"),
    "bare CR": (dict(block=http(PAGE, b"X-Note: a\rSet-Cookie: b=1")), "bare CR in line 3"),
    "bare LF": (dict(block=http(PAGE, b"X-Note: a\nInjected: 1")), "bare LF in line 3"),
    "NUL": (dict(block=http(PAGE, b"X-Note: a\0b")), "holds a NUL"),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_a_hostile_value_is_refused_naming_the_record_and_nothing_is_stored(archive, tmp_path,
                                                                          case):
    fields, message = HOSTILE[case]
    bad = tmp_path / "bad.warc"
    # A good record first: refused all the same (nothing half-stored), the bad one named.
    bad.write_bytes(record(http(), uri=b"http://127.0.0.1:18081/b.html", number=1)
                    + record(**{"block": http(), **fields}, number=2))
    before = sha256(archive)
    done = portscraper("import", str(bad), "--db", str(archive))
    assert done.returncode == 2, done.stdout
    assert "record 2 (<urn:uuid:00000000-0000-4000-8000-000000000002>" in done.stderr
    assert message in done.stderr and "nothing imported" in done.stderr, done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert sha256(archive) == before
    out = tmp_path / "out.warc.gz"
    done = portscraper("export", str(out), "--db", str(archive))
    assert done.returncode == 0, done.stderr
    assert "1 responses" in done.stdout


def test_a_stored_value_export_cannot_write_names_the_row_and_leaves_no_file(archive,
                                                                             tmp_path):
    """An archive written before these checks (or by hand) with a time that is no date."""
    conn = sqlite3.connect(archive)
    with conn:
        conn.execute("UPDATE fetches SET fetched_at = 'zzzz'")
    conn.close()
    for name in ("out.warc.gz", "out.wacz"):
        out = tmp_path / name
        done = portscraper("export", str(out), "--db", str(archive))
        assert done.returncode == 2, done.stdout
        assert "fetches row 1 ('http://127.0.0.1:18081/a.html')" in done.stderr, done.stderr
        assert "nothing written" in done.stderr
        assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["archive.db", "good.warc"]


def test_a_gzip_bomb_is_inflated_no_further_than_the_size_limit_and_not_stored(archive,
                                                                               tmp_path):
    bomb = gzip.compress(b"\0" * (50 * 1024 * 1024), compresslevel=9)
    assert len(bomb) < 100_000  # 50 MB of zeros in about 50 KB
    bombed = tmp_path / "bomb.warc.gz"
    # One gzip member per record, as a WARC.gz is written: the large one inflates to 2 MB.
    bombed.write_bytes(b"".join(gzip.compress(r) for r in (
        record(http(bomb, b"Content-Encoding: gzip"), uri=b"http://127.0.0.1:18081/bomb.html",
               number=3),
        record(http(b"x" * (2 * 1024 * 1024), b"X-Note: large"),
               uri=b"http://127.0.0.1:18081/large.html", number=4),
        record(http(gzip.compress(PAGE), b"Content-Encoding: gzip"),
               uri=b"http://127.0.0.1:18081/fine.html", number=5))))
    done = portscraper("import", str(bombed), "--db", str(archive), "--max-size", "1MB")
    assert done.returncode == 0, done.stderr
    assert ("not read: http://127.0.0.1:18081/bomb.html: record "
            "<urn:uuid:00000000-0000-4000-8000-000000000003>: its body inflates past the size "
            "limit of 1 MB (--max-size): not stored") in done.stdout, done.stdout
    assert ("not read: http://127.0.0.1:18081/large.html: record 2 "
            "(<urn:uuid:00000000-0000-4000-8000-000000000004>") in done.stdout
    assert "larger than the size limit of 1 MB (--max-size): not read, not stored" in done.stdout
    conn = sqlite3.connect(archive)
    urls = sorted(u for (u,) in conn.execute("SELECT url FROM fetches"))
    assert conn.execute("SELECT failures FROM imports ORDER BY id DESC").fetchone() == (2,)
    conn.close()
    assert urls == ["http://127.0.0.1:18081/a.html", "http://127.0.0.1:18081/fine.html"]


def test_a_size_that_is_no_size_is_a_usage_error(tmp_path):
    good = tmp_path / "good.warc"
    good.write_bytes(record(http()))
    done = portscraper("import", str(good), "--db", str(tmp_path / "a.db"), "--max-size", "lots")
    assert done.returncode == 2 and "not a size" in done.stderr
    assert not (tmp_path / "a.db").exists()
