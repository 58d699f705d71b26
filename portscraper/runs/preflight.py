"""Checks made before a crawl starts, so that bad input gets one line naming the problem and
the fix, and exit code 2, instead of a traceback halfway through a run, and nothing is written:
the spider's arguments, every setting the project reads (settings_check.py), and the archive
(a damaged one names the remedy; the site is not blamed for it)."""

from __future__ import annotations

import os
import re
from pathlib import Path

from portscraper.archive.integrity import (  # noqa: F401  (the commands' names for them)
    SQLITE_HEADER,
    Damaged,
    Problem,
    check_intact,
    damaged,
    recover_command,
)
from portscraper.archive.schema import SCHEMA_VERSION, refusal
from portscraper.runs.settings_check import check_settings
from portscraper.sites.registry import RegistryError, archive_db, registry_of

SPIDER_NAME = re.compile(r"^[A-Za-z0-9_]+$")

def check_archive_path(path: str | Path) -> None:
    """ARCHIVE_DB must be in a folder that exists and can be written, and must be a
    portscraper archive of a version this one can read, or not exist yet."""
    path = Path(path)
    if str(path) == ":memory:":
        return
    folder = path.parent
    if not folder.is_dir():
        raise Problem(f"the archive's folder {folder} does not exist: create it, or set "
                      "ARCHIVE_DB (-s ARCHIVE_DB=... / --db) to a file in an existing folder")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise Problem(f"cannot write in the archive's folder {folder}: change its permissions, "
                      "or set ARCHIVE_DB to a file in a folder you can write")
    if not path.exists():
        return
    if path.is_dir():
        raise Problem(f"ARCHIVE_DB {path} is a folder: give a file name, e.g. {path}/portnews.db")
    if not os.access(path, os.R_OK | os.W_OK):
        raise Problem(f"cannot read and write the archive {path}: change its permissions")
    if path.stat().st_size == 0:
        return  # SQLite takes an empty file for a new database
    with open(path, "rb") as file:
        if file.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
            raise Problem(f"{path} is not an SQLite database: set ARCHIVE_DB to a portscraper "
                          "archive, or to a new file")
    version, tables = check_intact(path)
    if version <= SCHEMA_VERSION and refusal(version, tables):
        raise Problem(f"{path} is a database, but not a portscraper archive: set ARCHIVE_DB "
                      "to a portscraper archive, or to a new file")
    if version > SCHEMA_VERSION:
        raise Problem(f"{path} was written by a newer portscraper (schema {version}, this one "
                      f"knows {SCHEMA_VERSION}): upgrade portscraper")


def check_registry(settings) -> None:
    """The registry's group files must follow the schema (portscraper/sites/registry.py)."""
    try:
        registry_of(settings)
    except RegistryError as error:
        raise Problem(str(error)) from None


def check_spider(spider_loader, name: str, settings, spider_args: dict):
    if not SPIDER_NAME.match(name):
        raise Problem(f"{name!r} is not a spider name (letters, digits, _): see scrapy list")
    try:
        spidercls = spider_loader.load(name)
    except KeyError:
        raise Problem(f"no spider named {name!r}: see `scrapy list`") from None
    if hasattr(spidercls, "parse_arguments"):
        try:
            return spidercls.parse_arguments(settings, **spider_args)
        except ValueError as exc:  # RegistryError too
            raise Problem(str(exc)) from None
    return None


def check(spider_loader, name: str, settings, spider_args: dict) -> str | None:
    """The checks; returns the archive file the crawl will write (its group's, when the
    spider crawls a group and ARCHIVE_DB names none)."""
    try:
        check_settings(settings)
    except ValueError as error:
        raise Problem(str(error)) from None
    check_registry(settings)
    args = check_spider(spider_loader, name, settings, spider_args)
    path = settings.get("ARCHIVE_DB")
    if not path and getattr(args, "group", None) is not None:
        path = archive_db(settings, args.group)
    if path:
        check_archive_path(path)
    return path
