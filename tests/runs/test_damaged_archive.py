"""A damaged archive is never written to, by any command (issue 20, item 4): each command that
opens an archive checks it first, says `damaged: ...` in one line with the remedy, exits 2
(verify: 1, it found damage), and the file keeps its exact bytes."""

from __future__ import annotations

import hashlib
import io
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from ..conftest import ROOT


def archive_with_rows(path: Path) -> Path:
    """A portscraper archive of a few hundred rows (some pages), its WAL folded in."""
    from portscraper.archive.store import Archive

    archive = Archive(path)
    # Enough rows that the middle of the file is in the failures table, whatever the empty
    # tables and indexes of the schema take before it.
    for i in range(800):
        archive.add_failure(url=f"http://x/more.asp?id={i}", reason="x" * 200, kind="article")
    archive.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    archive.close()
    return path


def truncated(path: Path) -> None:
    with open(path, "r+b") as file:
        file.truncate(path.stat().st_size // 2 + 100)


def garbage_in_the_middle(path: Path) -> None:
    with open(path, "r+b") as file:
        file.seek(path.stat().st_size // 2)
        file.write(b"\xde\xad\xbe\xef" * 1024)


def page_overwritten(path: Path) -> None:
    """The root page of the failures table, whole, replaced by bytes that are no b-tree page."""
    with sqlite3.connect(path) as conn:
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'failures'"
                            ).fetchone()[0]
        size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    with open(path, "r+b") as file:
        file.seek((root - 1) * size)
        file.write(bytes(range(256)) * (size // 256))


DAMAGE = [truncated, garbage_in_the_middle, page_overwritten]


def a_warc(path: Path) -> Path:
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                   protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            "http://127.0.0.1:9/", "response", payload=io.BytesIO(b"<html>home</html>"),
            http_headers=headers))
    return path


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def run(*cmd: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", *cmd], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)


@pytest.mark.parametrize("damage", DAMAGE, ids=lambda f: f.__name__)
def test_no_command_writes_into_a_damaged_archive(damage, tmp_path):
    db = archive_with_rows(tmp_path / "portnews.db")
    damage(db)
    before = sha256(db)
    warc = a_warc(tmp_path / "capture.warc.gz")
    nowhere = "http://127.0.0.1:9/"
    commands = {
        "scrapy crawl": ("scrapy", "crawl", "maoming", "-s", f"ARCHIVE_DB={db}",
                         "-a", f"base_url={nowhere}"),
        "portscraper crawl": ("portscraper.cli", "crawl", "--db", str(db), "--log-dir",
                              str(tmp_path / "logs"), "--base-url", nowhere),
        "import": ("portscraper.cli", "import", str(warc), "--db", str(db)),
        "reparse": ("portscraper.cli", "reparse", "--db", str(db)),
        "reparse --dry-run": ("portscraper.cli", "reparse", "--dry-run", "--db", str(db)),
        "export warc": ("portscraper.cli", "export", str(tmp_path / "out.warc.gz"),
                        "--db", str(db)),
        "export wacz": ("portscraper.cli", "export", str(tmp_path / "out.wacz"),
                        "--db", str(db)),
        "demo": ("portscraper.cli", "demo", "--db", str(db)),
        "verify": ("portscraper.cli", "verify", "--db", str(db)),
    }
    for name, cmd in commands.items():
        done = run(*cmd)
        assert "Traceback" not in done.stderr, (name, done.stderr[-2000:])
        lines = done.stderr.strip().splitlines()
        assert lines and lines[-1].startswith(f"damaged: the archive {db} cannot be read whole"), \
            (name, done.stdout[-1000:], done.stderr[-2000:])
        assert "restore the latest backup" in lines[-1] and '".recover"' in lines[-1], lines[-1]
        assert (done.stdout + done.stderr).count("cannot be read whole") == 1, name
        # verify found damage (1), or could not open the file at all (2); the others refused
        # their input (2).
        assert done.returncode in ((1, 2) if name == "verify" else (2,)), (name, done.returncode)
        assert sha256(db) == before, f"{name} changed the damaged archive"
    assert not list(tmp_path.glob("out*")) and not list(tmp_path.glob(".out*"))
    assert not (tmp_path / "logs").exists()


def test_verify_of_a_damaged_file_says_what_it_can_read_and_records_nothing(tmp_path):
    db = archive_with_rows(tmp_path / "portnews.db")
    page_overwritten(db)
    before = sha256(db)
    done = run("portscraper.cli", "verify", "--db", str(db))
    assert done.returncode == 1, done.stdout + done.stderr
    assert "fixity FAILED" in done.stdout and "not recorded" in done.stdout
    assert sha256(db) == before


def test_an_export_that_fails_leaves_no_partial_file(tmp_path, monkeypatch):
    """The WARC is written beside its name and renamed when whole: an error halfway through
    leaves neither the file asked for nor the part written."""
    from portscraper.archive.store import Archive
    from portscraper.webarchive import export as warc_export

    db = archive_with_rows(tmp_path / "portnews.db")
    archive = Archive(db)
    out = tmp_path / "out.warc.gz"

    def fails(self, row):
        raise OSError(28, "No space left on device")

    # A page kept before version 7 (no fetch): the writer's `response` writes it.
    monkeypatch.setattr(warc_export, "_selected", lambda a, s: ([], [{
        "id": 1, "url": "http://x/", "fetched_at": "2024-01-01T00:00:00+00:00"}], []))
    monkeypatch.setattr(warc_export._Writer, "response", fails)
    with pytest.raises(OSError):
        warc_export.export_warc(archive, out)
    archive.close()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith((".out", "out"))) == []


SERVED = ["/", "/portnews", "/portnews.json", "/portnews/failures", "/portnews/failures.json",
          "/portnews/failures/3", "/portnews/articles", "/-/search?q=x"]


@pytest.mark.parametrize("damage", DAMAGE, ids=lambda f: f.__name__)
def test_datasette_serving_a_damaged_archive_names_the_file_and_the_remedy(damage, tmp_path):
    """`datasette archive/` on a damaged archive: each page SQLite cannot answer from it is a
    page (JSON for .json) with the `damaged:` line, the file and the remedy, not Datasette's
    bare "database disk image is malformed" (the plugin's handle_exception hook, and its guard
    around the plugin's own ASGI wrappers)."""
    import asyncio
    import shutil

    from datasette.app import Datasette

    folder = tmp_path / "archive"
    shutil.copytree(ROOT / "archive", folder,
                    ignore=shutil.ignore_patterns("*.db", "*.db-*", "logs"))
    db = archive_with_rows(folder / "portnews.db")
    damage(db)
    before = sha256(db)
    loop = asyncio.new_event_loop()
    try:
        ds = Datasette(config_dir=folder)
        loop.run_until_complete(ds.invoke_startup())
        answers = {path: loop.run_until_complete(ds.client.get(path)) for path in SERVED}
    finally:
        loop.close()
    failed = {path: r for path, r in answers.items() if r.status_code != 200}
    # Each damage stops some pages, HTML and JSON alike (which depends on where it fell).
    assert any(p.endswith(".json") for p in failed) and any(
        not p.endswith(".json") for p in failed), {p: r.status_code for p, r in answers.items()}
    recovered = db.with_name("portnews-recovered.db")
    for path, response in failed.items():
        assert response.status_code == 500, (path, response.status_code)
        if path.endswith(".json"):
            body = response.json()
            assert body["ok"] is False and body["title"] == "Damaged archive", (path, body)
            assert body["archives"] == [str(db)], (path, body)
            text = body["error"]
        else:
            assert response.headers["content-type"].startswith("text/html"), path
            assert "<h1>Damaged archive</h1>" in response.text, (path, response.text[-2000:])
            text = response.text.replace("&#34;", '"')
        assert f"damaged: the archive {db} cannot be read whole" in text, (path, text[-2000:])
        assert "restore the latest backup" in text, (path, text[-2000:])
        assert f'sqlite3 {db} ".recover" | sqlite3 {recovered}' in text, (path, text[-2000:])
    assert sha256(db) == before, "Datasette changed the damaged archive"
