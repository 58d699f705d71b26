"""Is an archive file whole? Checked read-only before any command touches it, so that a damaged
archive is never written to (docs/guarantees.md). No Scrapy here: the crawl's checks before a
run (runs/preflight.py), the commands and the reading room (room/damaged.py) all ask this.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

SQLITE_HEADER = b"SQLite format 3\x00"


class Problem(Exception):
    """What is wrong with the input, in one line that says how to fix it, after `word`: the
    line's first word."""

    word = "portscraper"


class Damaged(Problem):
    """An archive SQLite cannot read whole: its line begins with "damaged", as a run's summary
    line begins with its verdict."""

    word = "damaged"


def check_intact(path: str | Path) -> tuple[int, set[str]]:
    """(PRAGMA user_version, the names in sqlite_master) of an SQLite file that SQLite can read
    whole; Damaged when it cannot. The file is opened read-only (`mode=ro`) and not one byte of
    it changes: a damaged archive is never written to, by any command (docs/scheduled-runs.md,
    "Verdicts and exit codes")."""
    path = Path(path)
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
            # Every page of the file read once (no index checked against its table: that is
            # integrity_check's cost): what "database disk image is malformed" would stop on.
            verdict = conn.execute("PRAGMA quick_check(1)").fetchone()[0]
        conn.close()
    except sqlite3.DatabaseError as error:
        raise damaged(path, str(error)) from None
    if verdict != "ok":
        raise damaged(path, " ".join(verdict.split()))
    return version, tables


def damaged(path: Path, detail: str) -> Damaged:
    """The one line for an archive SQLite cannot read whole: what to do, not a traceback."""
    backups = sorted(path.parent.glob(f"{path.name}.v*.bak"), key=lambda p: p.stat().st_mtime)
    backup = f"restore the latest backup ({backups[-1]}, or your own)" if backups else \
        "restore the latest backup of it"
    command, recovered = recover_command(path)
    return Damaged(f"the archive {path} cannot be read whole ({detail}): nothing was "
                   "written; "
                   f"{backup}, or recover what it holds with "
                   f"{command} and use {recovered} "
                   "(ARCHIVE_DB, --db)")


def recover_command(path: Path) -> tuple[str, Path]:
    """(The shell command that copies what SQLite can still read of a damaged archive into a
    new file, that file): the remedy the `damaged:` line names when there is no backup."""
    recovered = path.with_name(f"{path.stem}-recovered{path.suffix}")
    return f"sqlite3 {path} \".recover\" | sqlite3 {recovered}", recovered
