"""Bad input from the user: one line naming the problem and the fix, a non-zero exit, never a
traceback, and nothing written."""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from ..conftest import ROOT


def scrapy_crawl(*args: str):
    return subprocess.run([sys.executable, "-m", "scrapy", "crawl", "maoming", *args],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)


def portscraper(*args: str):
    return subprocess.run([sys.executable, "-m", "portscraper.cli", *args],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)


def one_line_error(proc, *words: str, prefix: str = "portscraper: ") -> str:
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr
    last = proc.stderr.strip().splitlines()[-1]
    assert last.startswith(prefix)
    for word in words:
        assert word in last, last
    return last


@pytest.fixture
def not_an_archive(tmp_path):
    path = tmp_path / "invoices.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE invoices (id INTEGER)")
    conn.close()
    return path


CASES = [
    (["-a", "base_url=ftp://www.mmport.com.cn/"], ["base_url", "http(s)"]),
    (["-a", "base_url=www.mmport.com.cn"], ["base_url", "http(s)"]),
    (["-a", "start_url=javascript:alert(1)"], ["start_url", "http(s)"]),
    (["-a", "base_url=http://a.example/", "-a", "start_url=http://b.example/more.asp?id=1"],
     ["not on the site"]),
    (["-a", "bogus=1"], ["unknown spider argument", "bogus"]),
    (["-a", "mode=fast"], ["mode", "incremental, full"]),
    (["-s", "ARCHIVE_DB=/nonexistent/folder/a.db"], ["does not exist", "ARCHIVE_DB"]),
]


@pytest.mark.parametrize("args, words", CASES, ids=lambda v: " ".join(v) if v and
                         isinstance(v[0], str) and v[0].startswith("-") else "")
def test_scrapy_crawl_refuses_bad_input(args, words, tmp_path):
    """Nothing is written: not the archive the command names (the case's own ARCHIVE_DB, or
    the test's), nor its folder."""
    own = next((a.split("=", 1)[1] for a in args if a.startswith("ARCHIVE_DB=")), None)
    archive = Path(own) if own else tmp_path / "a.db"
    settings = [] if own else ["-s", f"ARCHIVE_DB={archive}"]
    one_line_error(scrapy_crawl(*args, *settings), *words)
    assert not archive.exists() and (own is None or not archive.parent.exists())


def test_archive_that_is_another_database(not_an_archive):
    before = not_an_archive.read_bytes()
    one_line_error(scrapy_crawl("-s", f"ARCHIVE_DB={not_an_archive}"), "not a portscraper archive")
    one_line_error(portscraper("crawl", "--db", str(not_an_archive)), "not a portscraper archive")
    assert not_an_archive.read_bytes() == before


def foreign_with_articles(path, version: int):
    """Another program's SQLite file that happens to have an `articles` table (and, at
    `version` > 0, a user_version a portscraper archive could have)."""
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE articles (id INTEGER PRIMARY KEY, url TEXT, title TEXT)")
        conn.execute("INSERT INTO articles (url, title) VALUES ('http://x/1', 'not ours')")
        conn.execute(f"PRAGMA user_version = {version}")
    conn.close()
    return path


@pytest.mark.parametrize("version", [0, 3])
def test_a_foreign_file_with_an_articles_table_is_never_changed(tmp_path, version):
    """verify, reparse (and --dry-run), export, import and both crawls: one line, exit code 2,
    the file's bytes as they were (issue 25, item 7)."""
    db = foreign_with_articles(tmp_path / "theirs.db", version)
    before = db.read_bytes()
    warc = tmp_path / "one.warc"
    warc.write_bytes(b"WARC/1.0\r\nWARC-Type: warcinfo\r\nContent-Length: 0\r\n\r\n\r\n\r\n")
    runs = {
        "verify": portscraper("verify", "--db", str(db)),
        "reparse": portscraper("reparse", "--db", str(db)),
        "reparse --dry-run": portscraper("reparse", "--dry-run", "--db", str(db)),
        "export": portscraper("export", "--db", str(db), str(tmp_path / "out.warc.gz")),
        "import": portscraper("import", "--db", str(db), str(warc)),
        "crawl": portscraper("crawl", "--db", str(db), "--base-url", "http://127.0.0.1:9/",
                             "--log-dir", str(tmp_path / "logs")),
        "scrapy crawl": scrapy_crawl("-s", f"ARCHIVE_DB={db}",
                                     "-a", "base_url=http://127.0.0.1:9/"),
    }
    for name, run in runs.items():
        one_line_error(run, "not a portscraper archive")
        assert db.read_bytes() == before, name
    assert not (tmp_path / "theirs.db-wal").exists()
    assert not (tmp_path / "out.warc.gz").exists()


def test_archive_that_is_not_a_database(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("not a database")
    one_line_error(scrapy_crawl("-s", f"ARCHIVE_DB={path}"), "not an SQLite database")


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write anywhere")
def test_archive_folder_not_writable(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir(mode=0o555)
    one_line_error(scrapy_crawl("-s", f"ARCHIVE_DB={folder / 'a.db'}"), "cannot write")


def test_portscraper_crawl_refuses_bad_input(tmp_path):
    db = str(tmp_path / "a.db")
    one_line_error(portscraper("crawl", "--db", db, "--base-url", "ftp://x/"), "base_url")
    one_line_error(portscraper("crawl", "nosuch", "--db", db), "no group named 'nosuch'",
                   "portscraper sites")
    one_line_error(portscraper("crawl", "--all", "zhanjiang"), "--all")
    one_line_error(portscraper("crawl", "--db", db, "-s", "NOVALUE"), "NAME=VALUE")
    one_line_error(portscraper("crawl", "--db", str(tmp_path / "missing" / "a.db")),
                   "does not exist")
    assert not (tmp_path / "a.db").exists()


def damage(path):
    """A portscraper archive with a page in the middle of the file overwritten: SQLite's
    'database disk image is malformed' for whatever reads it."""
    from portscraper.archive.store import Archive

    archive = Archive(path)
    for i in range(400):
        archive.add_failure(url=f"http://x/more.asp?id={i}", reason="x" * 200, kind="article")
    archive.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    archive.close()
    size = path.stat().st_size
    with open(path, "r+b") as file:
        file.seek(size // 2)
        file.write(b"\xde\xad\xbe\xef" * 1024)
    return path


def test_a_damaged_archive_stops_the_run_before_anything_is_written(tmp_path):
    db = damage(tmp_path / "portnews.db")
    before = db.read_bytes()
    logs = tmp_path / "logs"
    runs = [scrapy_crawl("-s", f"ARCHIVE_DB={db}", "-a", "base_url=http://127.0.0.1:9/"),
            portscraper("crawl", "--db", str(db), "--log-dir", str(logs), "--base-url",
                        "http://127.0.0.1:9/")]
    for run in runs:
        # Its first word says so, as a run's summary line begins with its verdict.
        line = one_line_error(run, f"damaged: the archive {db} cannot be read whole (",
                              "restore the latest backup", f'sqlite3 {db} ".recover"',
                              prefix="damaged: ")
        # The archive is blamed, not the site; and it is said once.
        assert "unreachable" not in run.stdout + run.stderr
        assert (run.stdout + run.stderr).count("cannot be read whole") == 1, line
    assert db.read_bytes() == before
    assert not logs.exists() and not (tmp_path / "portnews.db.lock").exists()


SETTINGS = [
    ("DOWNLOAD_DELAY=abc", "a number of seconds"),
    ("RETRY_TIMES=-1", "a whole number, 0 or more"),
    ("ROBOTSTXT_OBEY=maybe", "True or False"),
    ("RETRY_HTTP_CODES=5xx", "HTTP statuses"),
    ("HEALTH_MIN_COVERAGE={\"title\": 2}", "shares between 0 and 1"),
    ("CONCURRENT_REQUESTS_PER_DOMAIN=0", "1 or more"),
    ("MAOMING_BASE_URL=www.mmport.com.cn", "an http(s) URL"),
]


@pytest.mark.parametrize("setting, expected", SETTINGS, ids=[s for s, _ in SETTINGS])
def test_a_setting_that_cannot_be_read_is_one_line(setting, expected, tmp_path):
    name, _, value = setting.partition("=")
    db = tmp_path / "a.db"
    line = one_line_error(scrapy_crawl("-s", setting, "-s", f"ARCHIVE_DB={db}"),
                          f"setting {name} must be", expected, repr(value))
    assert line.count("setting") == 1
    assert not db.exists()


def test_portscraper_crawl_checks_settings_too(tmp_path):
    one_line_error(portscraper("crawl", "--db", str(tmp_path / "a.db"), "-s",
                               "DOWNLOAD_DELAY=abc"), "setting DOWNLOAD_DELAY must be")
    assert not (tmp_path / "a.db").exists()


def test_an_unknown_setting_is_refused_with_the_closest_name(tmp_path):
    """A misspelt name would be ignored by Scrapy and the project alike: the crawl would write
    into the default archive. One line, exit code 2, nothing written."""
    default = ROOT / "archive" / "portnews.db"
    before = default.stat().st_mtime_ns if default.exists() else None
    target = tmp_path / "x.db"
    for run in (scrapy_crawl("-s", f"ARCHIVE_BD={target}", "-a", "base_url=http://127.0.0.1:9/"),
                portscraper("crawl", "-s", f"ARCHIVE_BD={target}", "--log-dir",
                            str(tmp_path / "logs"), "--base-url", "http://127.0.0.1:9/"),
                portscraper("crawl", "--all", "-s", f"ARCHIVE_BD={target}", "--log-dir",
                            str(tmp_path / "logs"))):
        line = one_line_error(run)
        assert line == "portscraper: unknown setting ARCHIVE_BD: did you mean ARCHIVE_DB?", line
    assert not target.exists() and not (tmp_path / "logs").exists()
    assert (default.stat().st_mtime_ns if default.exists() else None) == before


def test_scrapy_settings_outside_its_defaults_are_known(tmp_path):
    """Settings Scrapy's components read that default_settings leaves out, and those Scrapyd
    passes with -s (LOG_FILE, FEEDS, JOBDIR), are no typos."""
    from scrapy.settings import Settings

    from portscraper.runs.settings_check import check_names

    given = {"JOBDIR": "x", "FEEDS": "{}", "LOG_FILE": "x", "LOG_STDOUT": "0",
             "AUTOTHROTTLE_DEBUG": "1", "TWISTED_REACTOR": "x", "CLOSESPIDER_TIMEOUT": "1",
             "ARCHIVE_DB": "x", "REGISTRY": "x", "PROGRESS": "1", "FEED_URI": "x"}
    check_names(Settings(given, priority="cmdline"))
    with pytest.raises(ValueError, match="unknown setting DOWNLOAD_DELAI: did you mean "
                                         "DOWNLOAD_DELAY?"):
        check_names(Settings({"DOWNLOAD_DELAI": "1"}, priority="cmdline"))
    check_names(Settings({"SOMETHING_ELSE": "1"}, priority="project"))  # not typed by the user


# Every setting of the project's own (docs/settings.md), each with a value it cannot use,
# written out: the check refuses each by name before anything runs. (The command-line tests
# above show the one line and exit code 2 for a few; this is the whole list, in process.)
OWN_SETTINGS = [
    ("HEALTH_MAX_FAILURE_RATE", "abc"), ("HEALTH_MAX_FAILURE_RATE", "1.5"),
    ("HEALTH_BYLINE_SHARE", "-0.1"), ("HEALTH_MIN_ITEMS", "-1"), ("HEALTH_MIN_ITEMS", "2.5"),
    ("HEALTH_MAX_UNEXPLAINED_GAP", "x"), ("HEALTH_MIN_COVERAGE", '{"title": "a"}'),
    ("HEALTH_MIN_COVERAGE", '{"teeth": 0.5}'),
    ("RECHECK_DAYS", "-3"), ("RETRY_AFTER_MAX", "abc"), ("RETRY_AFTER_MAX", "-1"),
    ("RETRY_BACKOFF_BASE", "soon"), ("RETRY_BACKOFF_MAX", "-1"), ("FETCH_REQUISITES", "perhaps"),
    ("PROGRESS", "2x"), ("RUN_TIME", "yesterday"), ("SITE_ALIASES", "not a host!"),
    ("NEWS_SECTIONS", ""), ("ARTICLE_ID_PARAMS", ""), ("MAOMING_BASE_URL", "ftp://x/"),
    ("DOWNLOAD_MAXSIZE", "big"),
]


@pytest.mark.parametrize("name, value", OWN_SETTINGS, ids=[f"{n}={v}" for n, v in OWN_SETTINGS])
def test_every_setting_of_the_project_is_checked(name, value):
    from scrapy.settings import Settings

    from portscraper.runs.settings_check import check_settings

    got = re.escape(repr(value))
    with pytest.raises(ValueError, match=f"^setting {name} must be .*, got {got}$"):
        check_settings(Settings({name: value}, priority="cmdline"))
    check_settings(Settings({}, priority="cmdline"))  # the defaults pass
