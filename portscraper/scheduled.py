"""`portscraper crawl`: one scheduled run, the way cron should call it.

- a lock beside the archive, so two runs never overlap: the second exits at once;
- Scrapy's log appended to archive/logs/NAME.log (NAME: the group);
- one summary line on stdout (cron mails it) and in the log, whose first word is the run's
  verdict;
- an exit code that says what happened (portscraper.verdict: EXIT_*).
"""

from __future__ import annotations

import fcntl
import logging
import os
from contextlib import contextmanager
from pathlib import Path

from portscraper.verdict import EXIT_LOCKED, exit_code, summary_line


class Locked(Exception):
    pass


@contextmanager
def run_lock(db_path: Path):
    """An exclusive lock on DB.lock, released when the process ends, however it ends."""
    lock_path = Path(f"{db_path}.lock")
    handle = open(lock_path, "a+")  # noqa: SIM115 - held for the whole run
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.close()
        raise Locked(f"another portscraper crawl is running on {db_path} "
                     f"(lock {lock_path}); this one exits without touching the archive") from None
    try:
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        yield
    finally:
        fcntl.flock(handle, fcntl.LOCK_UN)
        handle.close()


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
