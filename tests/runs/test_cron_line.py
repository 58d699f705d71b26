"""The documented crontab line (docs/scheduled-runs.md) works on a fresh checkout as written:
cron runs it with an empty environment (`env -i sh -c`), in a clone that has never run a crawl,
and the run leaves `git status` clean (archive, lock and logs are ignored)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ..conftest import FAST, ROOT

# The crontab line is in the documentation's "Scheduled runs" (the README points there).
PAGE = (ROOT / "docs" / "scheduled-runs.md").read_text(encoding="utf-8")
CHECKOUT = "/srv/portscraper"


def crontab_line() -> str:
    """The command of the documented crontab line (after its five time fields)."""
    block = re.search(r"```cron\n(.+?)\n```", PAGE, re.DOTALL).group(1).strip()
    return block.split(None, 5)[5]


@pytest.mark.skipif(shutil.which("git") is None or not (ROOT / ".git").exists(),
                    reason="needs git and a git checkout")
def test_the_readme_crontab_line_works_on_a_fresh_checkout(replica, tmp_path):
    checkout = tmp_path / "portscraper"
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(checkout)], check=True)
    # The README's setup step made .venv in the checkout: here, the environment under test.
    (checkout / ".venv").symlink_to(Path(sys.prefix))
    line = crontab_line().replace(CHECKOUT, str(checkout))
    # The real site cannot be reached from here: the replica stands in for it, without delays.
    local = " ".join([f"--base-url {replica.url}", *(f"-s {k}={v}" for k, v in FAST.items())])
    line = line.replace("crawl maoming", f"crawl maoming {local}", 1)
    assert "crawl maoming --base-url" in line
    run = subprocess.run(["env", "-i", "sh", "-c", line], capture_output=True, text=True,
                         timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr
    log = (checkout / "archive" / "logs" / "cron.log").read_text(encoding="utf-8")
    assert log.startswith("ok maoming: ") and len(log.splitlines()) == 1, log
    assert (checkout / "archive" / "portnews.db").exists()
    status = subprocess.run(["git", "-C", str(checkout), "status", "--porcelain",
                             "--ignored=no"], capture_output=True, text=True, check=True)
    assert status.stdout == "", status.stdout
