"""What the benchmark modules share: the project folder, the fast crawl settings, child
processes timed with their peak memory, and the machine the figures were measured on."""

from __future__ import annotations

import datetime
import os
import platform
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable

# The replica is on this machine: no delays, 16 requests at a time, quiet logs.
FAST_SETTINGS = {
    "DOWNLOAD_DELAY": "0",
    "AUTOTHROTTLE_ENABLED": "False",
    "CONCURRENT_REQUESTS_PER_DOMAIN": "16",
    "CONCURRENT_REQUESTS": "16",
    "LOG_LEVEL": "WARNING",
}


def setting_args(settings: dict[str, str]) -> list[str]:
    return [arg for name, value in settings.items() for arg in ("-s", f"{name}={value}")]


@dataclass
class ChildRun:
    returncode: int
    seconds: float  # wall clock, process start to exit
    max_rss_mb: float  # the child's own peak resident memory (VmHWM)
    stdout: str
    stderr: str


def _peak_rss_kb(pid: int) -> int:
    """The process's peak resident memory so far (VmHWM), 0 once it has exited."""
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def run_child(cmd: list[str], log_path: Path) -> ChildRun:
    """Run a command from the project folder; its output is kept in log_path(.out/.err) (files,
    not pipes: a chatty child cannot block).

    Peak memory is the child's VmHWM, read every 50 ms until it exits. (Not wait4's ru_maxrss:
    on Linux that counts the parent's peak too, since exec starts from the parent's memory.)
    """
    out, err = log_path.with_suffix(".out"), log_path.with_suffix(".err")
    peak = 0
    with open(out, "wb") as stdout, open(err, "wb") as stderr:
        started = time.perf_counter()
        child = subprocess.Popen(cmd, cwd=ROOT, stdout=stdout, stderr=stderr)
        while True:
            peak = max(peak, _peak_rss_kb(child.pid))
            pid, status = os.waitpid(child.pid, os.WNOHANG)
            if pid:
                break
            time.sleep(0.05)
        seconds = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    return ChildRun(child.returncode, seconds, peak / 1024,
                    out.read_text(errors="replace"), err.read_text(errors="replace"))


def machine() -> dict:
    try:
        import psutil

        memory = round(psutil.virtual_memory().total / 2**30, 1)
    except ImportError:
        memory = round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1)
    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "platform": platform.platform(),
        "cpu": cpu,
        "cpu_count": os.cpu_count(),
        "memory_gib": memory,
        "python": platform.python_version(),
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
    }
