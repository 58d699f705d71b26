"""The README documents what a user can type or read: a setting, a table, a command or a spider
argument that is not in it fails this test."""

from __future__ import annotations

import re
from pathlib import Path

from portscraper import settings
from portscraper.cli import build_parser
from portscraper.schema import SCHEMA

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
# Settings whose meaning is Scrapy's own and documented there.
SCRAPY_PLUMBING = {"BOT_NAME", "SPIDER_MODULES", "NEWSPIDER_MODULE", "COMMANDS_MODULE",
                   "ITEM_PIPELINES", "DOWNLOADER_MIDDLEWARES", "SPIDER_MIDDLEWARES",
                   "EXTENSIONS", "SCHEDULER_DISK_QUEUE", "SCHEDULER_MEMORY_QUEUE",
                   "DEPTH_PRIORITY", "TELNETCONSOLE_ENABLED", "FEED_EXPORT_ENCODING",
                   "LOG_LEVEL", "DOWNLOAD_WARNSIZE", "COOKIES_ENABLED",
                   "AUTOTHROTTLE_START_DELAY", "AUTOTHROTTLE_MAX_DELAY",
                   "AUTOTHROTTLE_TARGET_CONCURRENCY", "CONCURRENT_REQUESTS", "DOWNLOAD_TIMEOUT"}


def test_every_setting_is_documented():
    names = {n for n in vars(settings) if n.isupper()} - SCRAPY_PLUMBING
    missing = sorted(n for n in names if n not in README)
    assert not missing, missing


def test_every_table_and_column_is_documented():
    missing = [t for t in SCHEMA if f"`{t}`" not in README]
    missing += [f"{t}.{c}" for t, (columns, _, _) in SCHEMA.items() for c in columns
                if not re.search(rf"`{c}`|`[a-z_]*{c}", README)]
    assert not missing, missing


def test_every_command_and_spider_argument_is_documented():
    commands = build_parser()._subparsers._group_actions[0].choices
    missing = [c for c in commands if f"portscraper {c}" not in README]
    missing += [a for a in ("base_url", "start_url", "mode") if f"`{a}`" not in README
                and f"-a {a}=" not in README]
    assert not missing, missing
