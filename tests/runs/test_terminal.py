"""What a person at a terminal sees, and what cron sees: a progress line only on a terminal;
`portscraper snapshot` on a missing archive says so and creates nothing."""

from __future__ import annotations

import os
import pty
import re
import subprocess
import sys

from ..children import read_until_closed
from ..conftest import FAST, ROOT

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def crawl_args(db, base_url: str) -> list[str]:
    cmd = [sys.executable, "-m", "portscraper.cli", "crawl", "--db", str(db), "--log-dir",
           str(db.parent / "logs"), "--base-url", base_url]
    for key, value in FAST.items():
        cmd += ["-s", f"{key}={value}"]
    return cmd


def on_a_terminal(cmd: list[str]) -> tuple[int, str]:
    """Run `cmd` with stdout and stderr on a pseudo-terminal; (exit code, what it showed)."""
    main, child = pty.openpty()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdin=child, stdout=child, stderr=child,
                            env={**os.environ, "TERM": "xterm", "COLUMNS": "160"})
    os.close(child)
    try:
        shown = read_until_closed(main)
    except AssertionError:
        proc.kill()
        raise
    finally:
        os.close(main)
    return proc.wait(timeout=300), shown.decode("utf-8", "replace")


def test_progress_on_a_terminal_and_only_the_summary_under_cron(replica, tmp_path):
    (tmp_path / "tty").mkdir()
    code, shown = on_a_terminal(crawl_args(tmp_path / "tty" / "a.db", replica.url))
    assert code == 0, shown[-2000:]
    # One line redrawn in place (carriage return, erase line), with the run's figures.
    assert "\r\x1b[2K" in shown
    assert "sections," in shown and "list pages," in shown and "pages/s" in shown
    # The line is erased when the run ends; the summary line follows.
    assert ANSI.sub("", shown).strip().splitlines()[-1].startswith("ok maoming: ")

    (tmp_path / "cron").mkdir()
    cron = subprocess.run(crawl_args(tmp_path / "cron" / "a.db", replica.url), cwd=ROOT,
                          capture_output=True, text=True, timeout=300)
    assert cron.returncode == 0
    assert cron.stderr == "" and len(cron.stdout.splitlines()) == 1
    assert cron.stdout.startswith("ok maoming: ")


def snapshot(*args: str):
    return subprocess.run([sys.executable, "-m", "portscraper.cli", "snapshot", *args],
                          cwd=ROOT, capture_output=True, timeout=60)


def test_snapshot_of_a_missing_archive_says_so_and_creates_nothing(tmp_path):
    missing = tmp_path / "portnew.db"  # a typo of portnews.db
    run = snapshot("1", "--db", str(missing))
    assert run.returncode == 2 and b"Traceback" not in run.stderr
    assert run.stderr.decode().strip() == (
        f"portscraper: no archive at {missing}: give the archive's file with --db "
        "(default archive/portnews.db)")
    assert list(tmp_path.iterdir()) == []
    notes = tmp_path / "notes.txt"
    notes.write_text("not an archive")
    run = snapshot("1", "--db", str(notes))
    assert run.returncode == 2 and b"not an SQLite database" in run.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_snapshot_reads_an_archive_without_writing_to_it(tmp_path):
    from portscraper.archive.store import Archive

    db = tmp_path / "a.db"
    archive = Archive(db)
    page = "<html><body>茂名港集团</body></html>".encode("gb18030")
    snapshot_id, _ = archive.add_snapshot("http://x/more.asp?id=1", 200, {}, page, "gb18030",
                                          page.decode("gb18030"))
    archive.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    archive.close()
    before = db.read_bytes()
    run = snapshot(str(snapshot_id), "--db", str(db))
    assert run.returncode == 0 and run.stdout == page
    assert db.read_bytes() == before
