"""`portscraper crawl`: one scheduled run, the way cron should call it.

- a lock beside the archive, so two runs never overlap: the second exits at once (every crawl
  takes it, however it is started: portscraper.runs.extensions.ArchiveLock; this one takes it before
  its log is opened);
- Scrapy's log appended to archive/logs/NAME.log (NAME: the group);
- one summary line on stdout (cron mails it) and in the log, whose first word is the run's
  verdict;
- an exit code that says what happened (portscraper.runs.verdict: EXIT_*).
"""

from __future__ import annotations

import fcntl
import logging
import os
from contextlib import contextmanager
from pathlib import Path

from portscraper.runs.verdict import EXIT_LOCKED, exit_code, summary_line


class Locked(Exception):
    """Another crawl holds the archive's lock: the one line to say (exit code 4)."""


# The locks this process holds, by lock file: {path: [open file, holders]}. flock is per open
# file, so a second flock of the same file in this process would refuse this process itself:
# `portscraper crawl` takes the lock, then its crawl's ArchiveLock asks for it again.
_HELD: dict[str, list] = {}


def take_lock(db_path) -> str:
    """An exclusive flock on DB.lock, held until release_lock (or the process ends, however it
    ends); Locked when another process holds it. Returns the lock file's path."""
    lock_path = os.path.abspath(f"{db_path}.lock")
    if lock_path in _HELD:
        _HELD[lock_path][1] += 1
        return lock_path
    handle = open(lock_path, "a+")  # noqa: SIM115 - held for the whole run
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.close()
        raise Locked(f"another portscraper crawl is running on {db_path} "
                     f"(lock {db_path}.lock); this one exits without touching the "
                     "archive") from None
    handle.seek(0)
    handle.truncate()
    handle.write(f"{os.getpid()}\n")
    handle.flush()
    _HELD[lock_path] = [handle, 1]
    return lock_path


def release_lock(lock_path: str) -> None:
    held = _HELD.get(lock_path)
    if held is None:
        return
    held[1] -= 1
    if held[1] == 0:
        del _HELD[lock_path]
        fcntl.flock(held[0], fcntl.LOCK_UN)
        held[0].close()


@contextmanager
def run_lock(db_path: Path):
    """The archive's lock (take_lock) for the block."""
    lock_path = take_lock(db_path)
    try:
        yield
    finally:
        release_lock(lock_path)


def scheduled_run(name: str, spider: str, spider_args: dict, settings: dict, db_path: Path,
                  log_dir: Path, run_spider) -> int:
    """One group's run: `name` (the group) names the log file and the summary line."""
    log_dir.mkdir(parents=True, exist_ok=True)
    log_file = log_dir / f"{name}.log"
    settings = {"ARCHIVE_DB": str(db_path), "LOG_FILE": str(log_file), "LOG_FILE_APPEND": True,
                **settings}
    try:
        with run_lock(db_path):
            stats = run_spider(spider, settings, **spider_args)
    except Locked as exc:
        print(f"portscraper: {exc}")
        return EXIT_LOCKED
    line = summary_line(name, stats)
    print(line)
    # Scrapy has closed its log handler by now: append the summary to the same file.
    with open(log_file, "a", encoding="utf-8") as log:
        log.write(f"{logging.Formatter().formatTime(logging.makeLogRecord({}))} "
                  f"[portscraper] SUMMARY: {line}\n")
    return exit_code(stats)
