"""Fixity: does every stored page still give back the bytes that were fetched? No Scrapy here.

    check_fixity(archive) -> FixityReport       (and one row in `fixity_checks`)

Every snapshot is decompressed (with its site's dictionary) and the sha256 of the bytes is
compared with `snapshots.sha256`, the hash taken when the page was fetched; then SQLite's own
`PRAGMA integrity_check` reads every page of the file. This is what digital-preservation practice
calls a fixity check (the hash recorded at ingest, recomputed at fixed intervals, as the NDSA
Levels of Digital Preservation ask); docs/web-archives.md shows a monthly crontab line for it.

A snapshot is `mismatch` when it decompresses to other bytes, `unreadable` when it does not
decompress at all (a damaged frame, a damaged or missing dictionary). The check itself is
recorded (`fixity_checks`: counts, the integrity verdict and the damaged snapshots' ids and
reasons), so that the archive shows when it was last known to be whole.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import dataclass, field

from portscraper.archive.compression import decompress
from portscraper.archive.schema import transaction
from portscraper.archive.store import Archive, now

# Snapshots read per query: memory stays at a batch's compressed pages, whatever the archive.
BATCH = 500
# The damaged snapshots listed in the report (all are counted).
MAX_LISTED = 1000


@dataclass
class FixityReport:
    started_at: str
    snapshots: int = 0
    payloads: int = 0  # payloads as transferred that are no snapshot's bytes (fetches.py)
    bytes: int = 0  # uncompressed bytes checked
    mismatches: int = 0
    unreadable: int = 0
    integrity: str = ""  # "ok", or SQLite's messages, one per line
    damaged: list[dict] = field(default_factory=list)  # {"id", "url", "problem"}
    check_id: int | None = None
    record_error: str = ""  # why the check could not be recorded in a damaged archive

    @property
    def ok(self) -> bool:
        return not self.mismatches and not self.unreadable and self.integrity == "ok"

    def summary(self) -> str:
        verdict = "ok" if self.ok else "FAILED"
        payloads = f" and {self.payloads} payloads" if self.payloads else ""
        return (f"fixity {verdict}: {self.snapshots} snapshots{payloads} ({self.bytes} bytes) "
                "checked, "
                f"{self.mismatches} mismatched, {self.unreadable} unreadable; "
                f"integrity_check: {self.integrity.splitlines()[0] if self.integrity else '?'}")


def check_fixity(archive: Archive, record: bool = True) -> FixityReport:
    """Check every snapshot and the file; record the check (unless `record` is False or
    integrity_check fails: a damaged archive is never written to); return what was found.
    sqlite3.DatabaseError when the snapshots cannot be read at all."""
    report = FixityReport(started_at=now())
    db = archive.db
    dictionaries = dict(db.execute("SELECT id, content FROM dictionaries"))
    last = 0
    while True:
        rows = db.execute(
            "SELECT id, url, sha256, compression, dictionary_id, CAST(content AS BLOB) "
            "FROM snapshots "
            "WHERE id > ? ORDER BY id LIMIT ?", [last, BATCH]).fetchall()
        if not rows:
            break
        for snapshot_id, url, sha, compression, dictionary_id, content in rows:
            last = snapshot_id
            report.snapshots += 1
            _note(report, snapshot_id, url, _problem(
                content, compression, dictionaries.get(dictionary_id), dictionary_id, sha,
                report))
    _check_payloads(db, dictionaries, report)
    try:
        report.integrity = "\n".join(
            str(row[0]) for row in db.execute("PRAGMA integrity_check").fetchall())
    except sqlite3.DatabaseError as exc:  # a page too damaged for the check to walk
        report.integrity = f"the check could not run: {exc}"
    if not record or report.integrity != "ok":
        # The snapshots' damage is in rows of a whole file, and recorded; a file SQLite does
        # not read whole gets no write: it could spread the damage (docs/archive.md).
        report.record_error = "the file is damaged, and nothing is written into a damaged archive"
        return report
    try:
        _record(db, report)
    except sqlite3.DatabaseError as exc:
        report.record_error = str(exc)
    return report


def _check_payloads(db, dictionaries: dict, report: FixityReport) -> None:
    """The payloads as transferred that are no snapshot's bytes (fetches.py), checked alike
    (an archive before version 7 has none)."""
    if "payloads" not in {r[0] for r in db.execute("SELECT name FROM sqlite_master")}:
        return
    for sha, compression, dictionary_id, content in db.execute(
            "SELECT sha256, compression, dictionary_id, CAST(content AS BLOB) FROM payloads "
            "ORDER BY sha256"):
        report.payloads += 1
        _note(report, f"payload {sha}", "", _problem(
            content, compression, dictionaries.get(dictionary_id), dictionary_id, sha, report))


def _note(report: FixityReport, what, url: str, problem: str | None) -> None:
    """Count a snapshot's or a payload's problem (unreadable, or bytes that no longer hash to
    their sha256) and list the first MAX_LISTED of them."""
    if not problem:
        return
    if problem.startswith("unreadable"):
        report.unreadable += 1
    else:
        report.mismatches += 1
    if len(report.damaged) < MAX_LISTED:
        report.damaged.append({"id": what, "url": url, "problem": problem})


def _record(db, report: FixityReport) -> None:
    with transaction(db):
        report.check_id = db.execute(
            "INSERT INTO fixity_checks (started_at, finished_at, snapshots, bytes, mismatches, "
            "unreadable, integrity, verdict, report) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [report.started_at, now(), report.snapshots, report.bytes, report.mismatches,
             report.unreadable, report.integrity, "ok" if report.ok else "failed",
             json.dumps(report.damaged, ensure_ascii=False)]).lastrowid


def _problem(content, compression, dictionary, dictionary_id, sha, report) -> str | None:
    if compression == "zstd-dict" and dictionary is None:
        return f"unreadable: its dictionary {dictionary_id} is missing"
    try:
        raw = decompress(content or b"", compression, dictionary)
    except Exception as exc:  # zstd and zlib raise their own error types for damaged frames
        return f"unreadable: {type(exc).__name__}: {exc}"
    report.bytes += len(raw)
    actual = hashlib.sha256(raw).hexdigest()
    if actual != sha:
        return f"sha256 mismatch: stored {sha}, now {actual}"
    return None
