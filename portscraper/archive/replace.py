"""Replace an archive file's content with another archive's, in place (no Scrapy, no Datasette).

`portscraper demo` makes a new archive on every run. Deleting the old file and writing a new one
under its name leaves a Datasette that serves it reading the deleted file (its connections hold
the old inode) until it restarts. So the demo crawls into a file beside it and copies that into
the served file with SQLite's online backup: the same file gets the new pages, under SQLite's
locks, and every reader sees the new archive with its next query.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

SIDE_FILES = ("", "-wal", "-shm")


def remove(path: Path) -> None:
    """An SQLite file and its -wal and -shm files, if they exist."""
    for suffix in SIDE_FILES:
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def copy_into(source: Path, target: Path) -> None:
    """Make target hold what source holds (target created when missing), then remove source.
    A reader of target (Datasette) sees the new content from its next transaction on."""
    if not Path(target).exists():
        with sqlite3.connect(source) as conn:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.close()
        Path(source).replace(target)
        remove(source)
        return
    with sqlite3.connect(source) as src, sqlite3.connect(target, timeout=30) as dst:
        src.backup(dst)
        dst.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    src.close()
    dst.close()
    remove(source)
