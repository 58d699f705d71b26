"""`portscraper crawl --all`: every registered group that is due, several at once.

Each group runs as its own `portscraper crawl NAME` process: its own archive (and the lock
beside it), its own log (archive/logs/NAME.log), its own politeness per host (its own Scrapy
downloader: CONCURRENT_REQUESTS_PER_DOMAIN, DOWNLOAD_DELAY, AutoThrottle), and a failure,
even a crash, that stays its own. At most `jobs` run at once, and never two groups whose sites
share a host. Each prints its summary line (`ok zhanjiang: 3 new, ...`) as it ends; the exit
code is that of the group that fared worst (verdict.worst_exit_code).

A group is due when its archive has no finished run, when its latest run was not `ok`, or when
its last one started at least nine tenths of its `every` ago (registry.next_due). A group that is
not due is one line, before the runs: `not due zhanjiang: last run ok 2026-04-01 06:17 UTC; next
due 2026-04-02 03:53 UTC`. No Scrapy here.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC
from pathlib import Path

from portscraper.runs.verdict import (
    EXIT_INTERRUPTED,
    EXIT_LOCKED,
    EXIT_OK,
    EXIT_USAGE,
    worst_exit_code,
)
from portscraper.sites.registry import Group, RegistryError, is_due, last_verdict, load_registry
from portscraper.sites.registry import next_due as next_due_of

POLL_SECONDS = 0.2


@dataclass
class Run:
    group: Group
    process: subprocess.Popen
    output: object  # the temporary file holding the process's stdout and stderr
    started: float = field(default_factory=time.monotonic)


def command(group: Group, settings: dict, mode: str | None, log_dir: Path) -> list[str]:
    cmd = [sys.executable, "-m", "portscraper.cli", "crawl", group.name,
           "--log-dir", str(log_dir)]
    if mode:
        cmd += ["--mode", mode]
    for name, value in settings.items():
        cmd += ["-s", f"{name}={value}"]
    return cmd


def result_line(group: Group, code: int, output: str) -> str:
    """The group's summary line: the one its run printed, or one in the same form for a run
    that could not start (exit code 2: bad settings or archive; 4: locked) or that crashed."""
    lines = [line for line in output.splitlines() if line.strip()]
    mine = [line for line in lines if line.split(" ", 1)[0] in
            ("ok", "degraded", "failed", "interrupted", "unreachable")
            and line.split(" ", 2)[1:2] == [f"{group.name}:"]]
    if mine:
        return mine[-1]
    last = lines[-1] if lines else "no output"
    if code == EXIT_LOCKED:
        return f"locked {group.name}: {last.removeprefix('portscraper: ')}"
    if code == EXIT_USAGE:
        word, _, rest = last.partition(": ")
        return f"{'damaged' if word == 'damaged' else 'refused'} {group.name}: {rest or last}"
    return (f"failed {group.name}: the crawl ended with exit code {code} and no summary "
            f"({last}); see its log")


def not_due_line(group: Group, archive: Path) -> str:
    """`not due NAME: last run ok 2026-04-01 06:17 UTC; next due 2026-04-02 03:53 UTC`."""
    verdict, started = last_verdict(archive) or ("none", None)
    return (f"not due {group.name}: last run {verdict} {when(started)}; "
            f"next due {when(next_due_of(group, archive))}")


def when(moment) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC") if moment else "now"


def run_all(settings: dict, mode: str | None, log_dir: Path, jobs: int = 4,
            force: bool = False, out=None) -> int:
    out = out or sys.stdout
    try:
        registry = load_registry(settings.get("REGISTRY") or None)
    except RegistryError as error:
        print(f"portscraper: {error}", file=sys.stderr)
        return EXIT_USAGE
    if jobs < 1:
        print("portscraper: --jobs must be 1 or more", file=sys.stderr)
        return EXIT_USAGE
    archive_dir = settings.get("ARCHIVE_DIR") or "archive"
    pending = [g for g in registry.values()
               if force or is_due(g, g.archive_path(archive_dir))]
    for group in registry.values():
        if group not in pending:
            print(not_due_line(group, group.archive_path(archive_dir)), file=out, flush=True)
    running: list[Run] = []
    codes: list[int] = []
    stopping: list[int] = []

    def stop(signum, frame):
        stopping.append(signum)
        for run in running:
            if run.process.poll() is None:
                run.process.send_signal(signal.SIGTERM)

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        while pending or running:
            busy = frozenset().union(*(run.group.hosts for run in running))
            while pending and len(running) < jobs and not stopping:
                ready = next((g for g in pending if not g.hosts & busy), None)
                if ready is None:
                    break
                pending.remove(ready)
                output = tempfile.TemporaryFile(mode="w+", encoding="utf-8")
                process = subprocess.Popen(
                    command(ready, settings, mode, log_dir), stdout=output,
                    stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, text=True)
                running.append(Run(ready, process, output))
                busy |= ready.hosts
            if stopping and pending:
                for group in pending:
                    print(f"interrupted {group.name}: 0 new, 0 updated, 0 removed, 0 pages "
                          "lost, 0 requests, 0.0 s; not started: the run was stopped",
                          file=out, flush=True)
                    codes.append(EXIT_INTERRUPTED)
                pending = []
            time.sleep(POLL_SECONDS)
            for run in [r for r in running if r.process.poll() is not None]:
                running.remove(run)
                run.output.seek(0)
                code = run.process.returncode
                print(result_line(run.group, code, run.output.read()), file=out, flush=True)
                run.output.close()
                codes.append(code)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    return worst_exit_code(codes) if codes else EXIT_OK
