"""The registry of port groups (portscraper/sites/groups/*.toml): its schema, what it tells the
spider, `portscraper sites`, and when a group is due."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from datetime import UTC, datetime, timedelta

import pytest

from portscraper.crawl.spiders.maoming import MaomingSpider
from portscraper.crawl.spiders.portnews import PortNewsSpider
from portscraper.sites.registry import (
    BUNDLED,
    RegistryError,
    archive_db,
    find_group,
    is_due,
    last_verdict,
    load_registry,
    read_group,
)

from ..conftest import ROOT

GROUPS = {"maoming", "zhanjiang", "guangzhou", "yantian", "xiamen", "beibu_gulf",
          "ningbo_zhoushan", "shanghai_sipg", "qingdao", "tianjin", "liaoning", "hebei"}


def test_the_bundled_registry_reads_and_says_what_nobody_checked():
    registry = load_registry()
    assert set(registry) >= GROUPS
    for group in registry.values():
        assert group.name_zh and group.name_en and group.home
        # Nobody here can reach these sites: every address says so, and where it came from.
        assert group.verified is False and "not checked" in group.source, group.name
    # Maoming's archive keeps the name it had before there were groups.
    assert registry["maoming"].archive_path("archive").name == "portnews.db"
    assert registry["zhanjiang"].archive_path("archive").name == "zhanjiang.db"


@pytest.mark.parametrize("text, complaint", [
    ('name_zh = "甲"\nname_en = "A"\nhome = ["http://a.example/"]\ncolour = "red"',
     "unknown key(s) colour"),
    ('name_zh = "甲"\nname_en = "A"', "missing home"),
    ('name_zh = "甲"\nname_en = "A"\nhome = ["www.a.example"]', "http(s) URLs"),
    ('name_zh = "甲"\nname_en = "A"\nhome = ["http://a.example/"]\nevery = "weekly"', "12h or 1d"),
    # Durations a date cannot hold, or a number Python refuses to read (issue 25).
    ('name_zh = "甲"\nname_en = "A"\nhome = ["http://a.example/"]\nevery = "99999999999999999999d"',
     "from 1h to 366d"),
    ('name_zh = "甲"\nname_en = "A"\nhome = ["http://a.example/"]\nevery = "367d"',
     "from 1h to 366d, e.g. 12h or 1d, not '367d'"),
    ('name_zh = "甲"\nname_en = "A"\nhome = ["http://a.example/"]\nevery = "0h"',
     "from 1h to 366d"),
    (f'name_zh = "甲"\nname_en = "A"\nhome = ["http://a.example/"]\nevery = "{"9" * 5000}h"',
     "from 1h to 366d"),
    ('name_zh = "甲"\nname_en = "A"\nhome = ["http://a.example/"]\nverified = "no"',
     "verified must be a bool"),
    ('name_zh = "甲"\nname_en = "A\nhome = [', "not TOML"),
])
def test_a_group_file_off_the_schema_is_refused_naming_the_file(tmp_path, text, complaint):
    path = tmp_path / "agroup.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RegistryError, match="agroup.toml") as error:
        read_group(path)
    assert complaint in str(error.value)


def test_which_group_a_crawl_is_for():
    registry = load_registry()
    assert find_group(registry, "zhanjiang", None).home == registry["zhanjiang"].home
    # A registered group at another address (a mirror): the group, there.
    mirror = find_group(registry, "zhanjiang", "http://mirror.example/")
    assert (mirror.name, mirror.home) == ("zhanjiang", ("http://mirror.example/",))
    # An address on a registered site (or one it had) is that group.
    assert find_group(registry, None, "https://gzport.com/news/").name == "guangzhou"
    assert find_group(registry, None, "http://www.portdalian.com/").name == "liaoning"
    # A site the registry does not know: named after its host, or as given.
    assert find_group(registry, None, "http://www.example.com:8080/").name == "example_com_8080"
    assert find_group(registry, "newport", "http://np.example/").name == "newport"
    with pytest.raises(RegistryError, match="no group named 'nosuch'"):
        find_group(registry, "nosuch", None)


def test_the_spider_takes_the_group_from_the_registry(tmp_path):
    settings = {"ARCHIVE_DIR": str(tmp_path)}
    args = PortNewsSpider.parse_arguments(settings, site="qingdao")
    assert args.base_url == "http://www.qingdao-port.com/"
    assert archive_db(settings, args.group) == str(tmp_path / "qingdao.db")
    # scrapy crawl maoming: the maoming group, wherever it is crawled.
    copy = MaomingSpider.parse_arguments({}, start_url="http://copy.example/more.asp?id=3")
    assert (copy.group.name, copy.base_url) == ("maoming", "http://copy.example/")
    with pytest.raises(ValueError, match="portnews -a site=tianjin"):
        MaomingSpider.parse_arguments({}, site="tianjin")
    with pytest.raises(ValueError, match="takes site, base_url"):
        PortNewsSpider.parse_arguments({}, site="maoming", colour="red")


def test_portscraper_sites_lists_every_group_and_what_is_unverified():
    proc = subprocess.run([sys.executable, "-m", "portscraper.cli", "sites"], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    blocks = proc.stdout.split("\n\n")[1:]
    assert {block.split()[0] for block in blocks} == set(load_registry())
    for block in blocks:
        home = next(line for line in block.splitlines() if line.strip().startswith("home"))
        assert "UNVERIFIED: " in home and "not checked" in home
    assert "archive/portnews.db" in proc.stdout and "archive/zhanjiang.db" in proc.stdout


def test_a_registry_folder_of_ones_own(tmp_path):
    (tmp_path / "bad.toml").write_text('name_zh = "甲"\n', encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "portscraper.cli", "sites", "-s",
                           f"REGISTRY={tmp_path}"], cwd=ROOT, capture_output=True, text=True,
                          timeout=60)
    assert proc.returncode == 2 and "bad.toml: missing name_en, home" in proc.stderr


def crawl_row(db, started: datetime, health: str = "ok", finished: bool = True) -> None:
    with sqlite3.connect(db) as conn:
        conn.execute("CREATE TABLE IF NOT EXISTS crawls (id INTEGER PRIMARY KEY, started_at, "
                     "finished_at, health)")
        conn.execute("INSERT INTO crawls (started_at, finished_at, health) VALUES (?, ?, ?)",
                     (started.isoformat(), started.isoformat() if finished else None, health))
    conn.close()


def test_a_group_is_due_after_its_interval_less_a_tenth(tmp_path):
    group = read_group(BUNDLED / "zhanjiang.toml")  # every 1d
    db = tmp_path / "zhanjiang.db"
    now = datetime.now(UTC)
    assert is_due(group, db)  # never run
    crawl_row(db, now - timedelta(hours=22), health="interrupted")
    assert is_due(group, db)  # only an interrupted run
    crawl_row(db, now - timedelta(hours=21), finished=False)
    assert is_due(group, db)  # a run killed outright
    crawl_row(db, now - timedelta(hours=20))
    assert not is_due(group, db)
    # Due nine tenths of a day after it started (21.6 h), so that a daily cron line finds it
    # due though yesterday's run started a little later in its minute than today's.
    assert not is_due(group, db, now + timedelta(hours=1, minutes=30))
    assert is_due(group, db, now + timedelta(hours=1, minutes=40))


@pytest.mark.parametrize("verdict", ["degraded", "failed", "interrupted", "unreachable", None])
def test_a_group_whose_last_run_was_not_ok_is_due_again_at_once(tmp_path, verdict):
    """Whatever its interval (README, "runs for all"): an unreachable, interrupted, failed or
    degraded run, or one killed outright (None: no verdict, no end), is not a run done."""
    group = read_group(BUNDLED / "zhanjiang.toml")  # every 1d
    db = tmp_path / "zhanjiang.db"
    now = datetime.now(UTC)
    crawl_row(db, now - timedelta(hours=3))
    assert not is_due(group, db)
    crawl_row(db, now - timedelta(minutes=5), health=verdict, finished=verdict is not None)
    assert is_due(group, db)
    assert last_verdict(db) == (verdict or "interrupted", now - timedelta(minutes=5))
    crawl_row(db, now - timedelta(minutes=1))
    assert not is_due(group, db) and last_verdict(db)[0] == "ok"
