"""`portscraper verify`: every snapshot against its sha256, SQLite's integrity check, the check
recorded, and a non-zero exit on damage done on purpose."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys

from portscraper.archive.compression import compress

from ..conftest import ROOT, copy_archive


def verify(db) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "portscraper.cli", "verify", "--db", str(db)],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)


def checks(db) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT verdict, snapshots, mismatches, unreadable, integrity, "
                            "report FROM fixity_checks ORDER BY id").fetchall()
    conn.close()
    return rows


def test_a_whole_archive_passes_and_the_check_is_recorded(crawled_archive, tmp_path):
    db = copy_archive(crawled_archive, tmp_path / "archive.db")
    done = verify(db)
    assert done.returncode == 0, done.stdout + done.stderr
    with sqlite3.connect(db) as conn:
        count = conn.execute("SELECT count(*) FROM snapshots").fetchone()[0]
    conn.close()
    assert f"fixity ok: {count} snapshots" in done.stdout
    assert checks(db) == [("ok", count, 0, 0, "ok", "[]")]


def test_snapshots_damaged_on_purpose_are_found(crawled_archive, tmp_path):
    """Three snapshots damaged: a byte of the compressed frame changed (zstd frames carry no
    checksum here: it decompresses to other bytes, or not at all), a frame cut short (it no
    longer decompresses), a frame that decompresses to other bytes than were fetched."""
    db = copy_archive(crawled_archive, tmp_path / "archive.db")
    with sqlite3.connect(db) as conn:
        (flipped_id, flipped), (cut_id, cut), (other_id, dictionary_id) = conn.execute(
            "SELECT id, content FROM snapshots ORDER BY id LIMIT 2").fetchall() + \
            conn.execute("SELECT id, dictionary_id FROM snapshots ORDER BY id DESC LIMIT 1"
                         ).fetchall()
        flipped = bytearray(flipped)
        flipped[len(flipped) // 2] ^= 0xFF
        conn.execute("UPDATE snapshots SET content = ? WHERE id = ?", [bytes(flipped), flipped_id])
        conn.execute("UPDATE snapshots SET content = ? WHERE id = ?", [cut[: len(cut) // 2],
                                                                      cut_id])
        dictionary = conn.execute("SELECT content FROM dictionaries WHERE id = ?",
                                  [dictionary_id]).fetchone()
        other, _ = compress(b"<html>not what was fetched</html>", dictionary and dictionary[0])
        conn.execute("UPDATE snapshots SET content = ? WHERE id = ?", [other, other_id])
    conn.close()
    done = verify(db)
    assert done.returncode == 1, done.stdout + done.stderr
    for snapshot_id in (flipped_id, cut_id, other_id):
        assert f"  snapshot {snapshot_id} (" in done.stdout
    assert "fixity FAILED" in done.stdout
    verdict, _, mismatches, unreadable, integrity, report = checks(db)[-1]
    assert (verdict, mismatches + unreadable, integrity) == ("failed", 3, "ok")
    problems = {entry["id"]: entry["problem"] for entry in json.loads(report)}
    assert problems[other_id].startswith("sha256 mismatch")
    assert problems[cut_id].startswith("unreadable")
    assert problems[flipped_id].startswith(("unreadable", "sha256 mismatch"))


def test_a_damaged_database_page_fails_the_integrity_check(crawled_archive, tmp_path):
    """An index page of the file overwritten: the snapshots still read, SQLite's check does
    not pass, and verify says so."""
    db = copy_archive(crawled_archive, tmp_path / "archive.db")
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA journal_mode = DELETE")
        root = conn.execute("SELECT rootpage FROM sqlite_master "
                            "WHERE name = 'idx_snapshots_sha256'").fetchone()[0]
        size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    with db.open("r+b") as file:
        file.seek((root - 1) * size + 8)
        file.write(b"\xff" * 200)
    done = verify(db)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "integrity_check: " in done.stdout and "fixity FAILED" in done.stdout


def test_a_missing_or_foreign_file_is_bad_input(tmp_path):
    other = tmp_path / "notes.db"
    other.write_text("not a database")
    for path, message in [(tmp_path / "none.db", "no archive at"),
                          (other, "cannot be opened as an archive")]:
        done = verify(path)
        assert done.returncode == 2 and message in done.stderr
        assert len(done.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "none.db").exists()  # verify never creates an archive
