"""The documentation (docs/*.md, the Sphinx site) documents what a user can type or read: a
setting, a table, a column, a command or a spider argument that is not in it fails this test.
The README is one screen whose commands are the ones CI runs."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

from portscraper import settings
from portscraper.archive.schema import SCHEMA
from portscraper.cli import build_parser

ROOT = Path(__file__).resolve().parent.parent
PAGES = sorted((ROOT / "docs").glob("*.md"))
# Every page of the documentation, as one text: a name documented on any page counts.
DOCS = "\n\n".join(page.read_text(encoding="utf-8") for page in PAGES)
README = (ROOT / "README.md").read_text(encoding="utf-8")
CI = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
# Settings whose meaning is Scrapy's own and documented there.
SCRAPY_PLUMBING = {"BOT_NAME", "SPIDER_MODULES", "NEWSPIDER_MODULE", "COMMANDS_MODULE",
                   "ITEM_PIPELINES", "DOWNLOADER_MIDDLEWARES", "SPIDER_MIDDLEWARES",
                   "EXTENSIONS", "SCHEDULER_DISK_QUEUE", "SCHEDULER_MEMORY_QUEUE",
                   "DEPTH_PRIORITY", "TELNETCONSOLE_ENABLED", "FEED_EXPORT_ENCODING",
                   "LOG_LEVEL", "DOWNLOAD_WARNSIZE", "COOKIES_ENABLED",
                   "AUTOTHROTTLE_START_DELAY", "AUTOTHROTTLE_MAX_DELAY",
                   "AUTOTHROTTLE_TARGET_CONCURRENCY", "CONCURRENT_REQUESTS", "DOWNLOAD_TIMEOUT"}


def test_the_documentation_is_there():
    names = {page.name for page in PAGES}
    assert {"index.md", "settings.md", "archive.md", "layout.md"} <= names, names


def test_every_setting_is_documented():
    names = {n for n in vars(settings) if n.isupper()} - SCRAPY_PLUMBING
    missing = sorted(n for n in names if n not in DOCS)
    assert not missing, missing


def test_every_table_and_column_is_documented():
    missing = [t for t in SCHEMA if f"`{t}`" not in DOCS]
    missing += [f"{t}.{c}" for t, (columns, _, _) in SCHEMA.items() for c in columns
                if not re.search(rf"`{c}`|`[a-z_]*{c}", DOCS)]
    assert not missing, missing


def test_every_command_and_spider_argument_is_documented():
    commands = build_parser()._subparsers._group_actions[0].choices
    missing = [c for c in commands if f"portscraper {c}" not in DOCS]
    missing += [a for a in ("base_url", "start_url", "mode") if f"`{a}`" not in DOCS
                and f"-a {a}=" not in DOCS]
    assert not missing, missing


def _sh_blocks(text: str) -> list[str]:
    return re.findall(r"```sh\n(.+?)\n```", text, re.DOTALL)


def _steps(command: str) -> list[list[str]]:
    """The commands of a `a && b && c` line, each as its words (quotes removed, `--quiet` left
    out: CI installs quietly)."""
    return [[w for w in shlex.split(step) if w != "--quiet"] for step in command.split("&&")]


def test_the_readme_is_one_screen_and_its_commands_are_the_ones_ci_runs():
    assert len(README.splitlines()) <= 60
    ci = [[w for w in shlex.split(line) if w != "--quiet"]
          for line in CI.replace("\\\n", " ").splitlines()
          if line.strip() and not line.lstrip().startswith("#")]
    crawl, tests = (block.strip() for block in _sh_blocks(README)[:2])
    # The test command: every step of it is a line of .ci/run, in the same order.
    steps = _steps(tests)
    assert steps[-1] == [".venv/bin/pytest"], steps
    positions = [ci.index(step) for step in steps]  # ValueError: a step CI does not run
    assert positions == sorted(positions), (steps, positions)
    # The crawl command: the same venv and install, without the test extra, then the crawl.
    venv, install, run = _steps(crawl)
    assert venv == steps[0]
    assert install == [w.replace("[test]", "") for w in steps[1]]
    assert run == [".venv/bin/scrapy", "crawl", "maoming"]
    # The documentation's build command is CI's, less -W --keep-going -q.
    build = next(line for line in README.splitlines() if "sphinx-build" in line)
    build = shlex.split(build.split("#")[0])
    assert [w for w in ci if w and "sphinx-build" in w[0]] == [
        [build[0], "-W", "--keep-going", "-q", *build[1:]]]


def test_every_file_the_docs_name_exists():
    """A module or test file named in the docs or the README is where they say: the layout
    (docs/layout.md) and the guarantees' tests (docs/guarantees.md) point at real files."""
    named = set(re.findall(r"\b(?:portscraper|tests)/[\w/]+\.(?:py|toml)\b", DOCS + README))
    assert len(named) > 50
    assert sorted(path for path in named if not (ROOT / path).is_file()) == []
