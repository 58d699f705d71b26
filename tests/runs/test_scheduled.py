"""Scheduled runs through `portscraper crawl`, as cron runs them, against a replica that moves
on between runs: new articles, a correction, a take-down."""

from __future__ import annotations

import json
import random
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from portscraper.replica import evolve
from portscraper.replica.data import build_site
from portscraper.replica.faults import Fault
from portscraper.replica.server import ReplicaServer
from portscraper.runs.scheduled import run_lock
from portscraper.runs.verdict import (
    EXIT_DEGRADED,
    EXIT_FAILED,
    EXIT_INTERRUPTED,
    EXIT_LOCKED,
    EXIT_OK,
    EXIT_UNREACHABLE,
)

from ..children import Child
from ..conftest import FAST, ROOT, crawl_command


@pytest.fixture
def site_server():
    """A replica of its own (the tests change it), with two recent articles."""
    site = build_site()
    today = date.today()
    evolve.add_articles(site, 1, "基层动态", today - timedelta(days=5), seed=11)
    evolve.add_articles(site, 1, "媒体聚焦", today - timedelta(days=10), seed=12)
    server = ReplicaServer(site)
    server.start()
    yield server
    server.stop()


def cron(db: Path, *args: str, mode: str | None = None, wait: bool = True):
    cmd = [sys.executable, "-m", "portscraper.cli", "crawl", "--db", str(db),
           "--log-dir", str(db.parent / "logs"), *args]
    if mode:
        cmd += ["--mode", mode]
    for key, value in FAST.items():
        cmd += ["-s", f"{key}={value}"]
    if not wait:
        return Child(cmd, cwd=ROOT)
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=300)


# Requisites (pictures, files, the template's CSS) are fetched once per site, not per run.
REQUISITE_PATHS = ("/css/", "/js/", "/images/", "/uploadfile/")


def html_requests(server) -> list[str]:
    return [path for _, path in server.requests if path != "/robots.txt"
            and not path.lower().startswith(REQUISITE_PATHS)]


def stored_articles(db: Path) -> int:
    """The articles stored so far by a crawl under way (0 before its schema exists)."""
    try:
        return query(db, "SELECT count(*) FROM articles")[0][0]
    except sqlite3.OperationalError:
        return 0


def query(db: Path, sql: str, *params):
    with sqlite3.connect(db) as conn:
        return conn.execute(sql, params).fetchall()


def test_scheduled_run_after_the_site_moved_on(site_server, tmp_path):
    db = tmp_path / "archive.db"
    first = cron(db, "--base-url", site_server.url)
    assert first.returncode == EXIT_OK, first.stdout + first.stderr
    full_requests = len(html_requests(site_server))
    articles_before = query(db, "SELECT count(*) FROM articles")[0][0]

    site = site_server.site
    recent = sorted(site.articles, key=lambda a: a.published, reverse=True)[:2]
    corrected, taken_down = recent[0], recent[1]
    old_body = query(db, "SELECT body FROM articles WHERE url LIKE ?", f"%id={corrected.id}")
    evolve.correct(site, corrected.id)
    evolve.take_down(site, taken_down.id)
    new = evolve.add_articles(site, 3, "集团新闻", seed=99)
    site_server.requests.clear()

    run = cron(db, "--base-url", site_server.url)
    assert run.returncode == EXIT_OK, run.stdout + run.stderr
    # The take-down's first 404 is a suspicion, not yet a removal
    # (portscraper/archive/takedowns.py).
    assert "3 new, 1 updated, 0 removed" in run.stdout
    incremental_requests = len(html_requests(site_server))
    assert incremental_requests <= 30 < full_requests

    # The three new articles, and only them, are new rows.
    new_urls = {f"{site_server.url}more.asp?id={a.id}" for a in new}
    added = query(db, "SELECT url FROM articles WHERE id > (SELECT max(id) - 3 FROM articles)")
    assert {u for (u,) in added} == new_urls
    assert query(db, "SELECT count(*) FROM articles")[0][0] == articles_before + 3
    # The correction: old text in revisions, new text in articles.
    (article_id, body), = query(db, "SELECT id, body FROM articles WHERE url LIKE ?",
                                f"%id={corrected.id}")
    assert evolve.CORRECTION in body
    assert query(db, "SELECT body FROM revisions WHERE article_id = ?", article_id) == old_body
    assert query(db, "SELECT url FROM suspected_removals") == [
        (f"{site_server.url}more.asp?id={taken_down.id}",)]

    # A day later (the run's clock), the second 404: kept, marked removed. Nothing else
    # changed: no revision, no snapshot of unchanged content.
    revisions = query(db, "SELECT count(*) FROM revisions")
    snapshots = query(db, "SELECT count(*) FROM snapshots")
    tomorrow = (datetime.now(UTC) + timedelta(hours=25)).isoformat()
    again = cron(db, "--base-url", site_server.url, "-s", f"RUN_TIME={tomorrow}")
    assert again.returncode == EXIT_OK and "0 new, 0 updated, 1 removed" in again.stdout
    (removed_at, status, kept_body), = query(
        db, "SELECT removed_at, removed_status, body FROM articles WHERE url LIKE ?",
        f"%id={taken_down.id}")
    assert removed_at and status == 404 and kept_body
    assert query(db, "SELECT count(*) FROM revisions") == revisions
    assert query(db, "SELECT count(*) FROM snapshots") == snapshots
    assert (tmp_path / "logs" / "maoming.log").read_text().count("SUMMARY:") == 3


def test_full_mode_walks_everything_again(site_server, tmp_path):
    db = tmp_path / "archive.db"
    cron(db, "--base-url", site_server.url)
    first = len(html_requests(site_server))
    site_server.requests.clear()
    run = cron(db, "--base-url", site_server.url, mode="full")
    assert run.returncode == EXIT_OK
    assert len(html_requests(site_server)) >= first - 3  # the 503s are not repeated


def test_a_second_run_exits_at_once_while_one_runs(site_server, tmp_path):
    db = tmp_path / "archive.db"
    cron(db, "--base-url", site_server.url)
    before = db.read_bytes()
    site_server.requests.clear()
    with run_lock(db):
        # The lock is held until the child has ended: a run that waited for it would never
        # end (subprocess.run's timeout fails the test); no clock is read.
        run = cron(db, "--base-url", site_server.url)
    assert run.returncode == EXIT_LOCKED
    assert "another portscraper crawl is running" in run.stdout
    assert site_server.requests == [] and db.read_bytes() == before


def test_health_check_fails_when_the_template_changes(site_server, tmp_path):
    db = tmp_path / "archive.db"
    cron(db, "--base-url", site_server.url)

    def redesigned(art, hits):
        # The new template fills the title in, and loads date and body by script.
        return (f"<html><head><meta charset='gb2312'><title>{art.title}</title></head><body>"
                f"<div class='nav'><a href='/'>首页</a></div><h1>{art.title}</h1>"
                "<div id='app'></div><script src='/js/article.js'></script></body></html>")

    site_server.renderer.article = redesigned
    run = cron(db, "--base-url", site_server.url, mode="full")
    assert run.returncode == EXIT_FAILED, run.stdout
    assert run.stdout.startswith("failed maoming: ") and "date" in run.stdout
    (health, report), = query(db, "SELECT health, health_report FROM crawls ORDER BY id DESC "
                                  "LIMIT 1")
    assert health == "failed" and "body" in report
    # Nothing archived was lost or overwritten by the broken pages.
    assert query(db, "SELECT count(*) FROM articles WHERE body = ''") == [(0,)]


def last_crawl(db: Path) -> tuple[str, str]:
    return query(db, "SELECT health, health_report FROM crawls ORDER BY id DESC LIMIT 1")[0]


def test_unreachable_site_says_so(tmp_path):
    """Both commands: the first word and the exit code say unreachable, retries of the home
    page are not counted as requests that went well."""
    db = tmp_path / "archive.db"
    run = cron(db, "--base-url", "http://127.0.0.1:9/", "-s", "RETRY_TIMES=2")
    assert run.returncode == EXIT_UNREACHABLE, run.stdout + run.stderr
    assert run.stdout.startswith("unreachable maoming: ") and "refused" in run.stdout
    assert last_crawl(db)[0] == "unreachable"
    scrapy = subprocess.run(crawl_command(tmp_path, "base_url=http://127.0.0.1:9/",
                                          settings={"RETRY_TIMES": "2"}),
                            cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert scrapy.returncode == EXIT_UNREACHABLE
    assert scrapy.stderr.strip().splitlines()[-1].startswith("unreachable maoming: ")


def test_lost_pages_are_counted_as_pages_not_requests(site_server, tmp_path):
    """An article that answers 500 to every one of its four requests is one page lost."""
    db = tmp_path / "archive.db"
    target = next(a for a in site_server.site.articles if a.status == "ok")
    site_server.faults.add(f"/more.asp?id={target.id}", Fault("status", times=None, status=500))
    run = cron(db, "--base-url", site_server.url, "-s", "RETRY_TIMES=3")
    assert run.returncode == EXIT_DEGRADED, run.stdout + run.stderr
    assert run.stdout.startswith("degraded maoming: ") and ", 1 page lost," in run.stdout
    health, report = last_crawl(db)
    assert health == "degraded" and json.loads(report)["pages_lost"] == 1
    assert len([k for k, _, _ in site_server.faults.fired]) == 4


@pytest.mark.parametrize("command, stop", [("portscraper", signal.SIGTERM),
                                           ("scrapy", signal.SIGINT)])
def test_an_interrupted_run_says_so(site_server, tmp_path, command, stop):
    """Ctrl-C or SIGTERM: Scrapy stops gracefully (finish_reason "shutdown"); the verdict is
    interrupted, in the crawl's row, the summary's first word and the exit code."""
    db = tmp_path / "archive.db"
    if command == "portscraper":
        proc = cron(db, "--base-url", site_server.url, wait=False)
    else:
        proc = Child(crawl_command(tmp_path, f"base_url={site_server.url}"), cwd=ROOT)
    proc.wait_until(lambda: stored_articles(db) >= 10)
    proc.send_signal(stop)
    code, out, err = proc.finish()
    line = out.strip() if command == "portscraper" else err.strip().splitlines()[-1]
    assert code == EXIT_INTERRUPTED, out + err[-2000:]
    assert line.startswith("interrupted maoming: ") and "before the end" in line, line
    assert last_crawl(db)[0] == "interrupted"


def test_killed_crawl_resumes_without_refetching(site_server, tmp_path):
    db = tmp_path / "archive.db"
    proc = cron(db, "--base-url", site_server.url, wait=False)
    target = random.Random(3).randint(30, 80)
    proc.wait_until(lambda: stored_articles(db) >= target)
    proc.send_signal(signal.SIGKILL)
    proc.finish()
    stored = {u for (u,) in query(db, "SELECT url FROM article_urls")}
    assert 0 < len(stored) < 120
    site_server.requests.clear()
    run = cron(db, "--base-url", site_server.url)
    assert run.returncode == EXIT_OK, run.stdout + run.stderr
    refetched = {f"{site_server.url.rstrip('/')}{p}" for p in html_requests(site_server)} & stored
    recent = {u for (u,) in query(db, "SELECT url FROM articles WHERE published >= ?",
                                  (date.today() - timedelta(days=30)).isoformat())}
    assert refetched <= recent
    live = {a.id for a in site_server.site.articles if a.status in ("ok", "flaky")}
    archived = {int(u.split("id=")[1]) for (u,) in query(db, "SELECT url FROM article_urls")}
    assert archived == live


def test_a_site_that_moves_keeps_its_archive(site_server, tmp_path):
    """The site moves from 127.0.0.1 to localhost (declared the same site) while an older
    article is corrected: no second article, the corrected one gets a revision, every article
    gains its new URL, and rechecks go to the new address."""
    db = tmp_path / "archive.db"
    assert cron(db, "--base-url", site_server.url).returncode == EXIT_OK
    articles = query(db, "SELECT count(*) FROM articles")[0][0]
    old = sorted(site_server.site.articles, key=lambda a: a.published)[20]
    evolve.correct(site_server.site, old.id)
    moved = site_server.url.replace("127.0.0.1", "localhost")
    site_server.hosts.clear()
    run = cron(db, "--base-url", moved, "-s", "SITE_ALIASES=127.0.0.1")
    assert run.returncode == EXIT_OK, run.stdout + run.stderr
    assert " 0 new, 1 updated, " in run.stdout
    assert query(db, "SELECT count(*) FROM articles")[0][0] == articles
    (revised,), = query(db, "SELECT article_id FROM revisions")
    assert query(db, "SELECT url FROM articles WHERE id = ?", revised) == [
        (f"{site_server.url}more.asp?id={old.id}",)]
    # Every article is now known at its new address too, the taken-down one aside.
    assert query(db, "SELECT count(*) FROM articles a WHERE NOT EXISTS (SELECT 1 FROM "
                     "article_urls u WHERE u.article_id = a.id AND u.url LIKE ?)",
                 f"{moved}%") == [(0,)]
    # The server logs the Host each request named: every page of the second run, rechecks of
    # known articles included, was asked for at the new address.
    port = site_server.url.rsplit(":", 1)[1].strip("/")
    pages = [(host, path) for host, path in site_server.hosts if path != "/robots.txt"
             and not path.lower().startswith(REQUISITE_PATHS)]
    assert pages and {host for host, _ in pages} == {f"localhost:{port}"}, set(pages)
    assert ("localhost:" + port, f"/more.asp?id={old.id}") in pages


def test_scrapy_crawl_respects_the_lock_too(site_server, tmp_path):
    """The crawl itself takes the lock (extensions.ArchiveLock), not only `portscraper crawl`:
    `scrapy crawl` (and Scrapyd, which runs it) exits at once with one line and exit code 4,
    and writes nothing."""
    db = tmp_path / "archive.db"
    cron(db, "--base-url", site_server.url)
    before = db.read_bytes()
    site_server.requests.clear()
    with run_lock(db):
        run = subprocess.run(crawl_command(tmp_path, f"base_url={site_server.url}", db=db),
                             cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert run.returncode == EXIT_LOCKED, run.stderr[-3000:]
    last = run.stderr.strip().splitlines()[-1]
    assert last.startswith("portscraper: another portscraper crawl is running on"), last
    assert "Traceback" not in run.stderr and "Unhandled error" not in run.stderr
    assert site_server.requests == [] and db.read_bytes() == before


def test_two_scrapy_crawls_started_at_once_on_one_archive(site_server, tmp_path):
    """The second stops at once with exit code 4 while the first runs on to its end."""
    db = tmp_path / "archive.db"
    # Slowed, so that it is still running when the second starts.
    first_cmd = crawl_command(tmp_path / "first", f"base_url={site_server.url}", db=db,
                              settings={"DOWNLOAD_DELAY": "0.1",
                                        "CONCURRENT_REQUESTS_PER_DOMAIN": "1"})
    (tmp_path / "first").mkdir()
    with open(tmp_path / "first.log", "w") as log:  # a file: no pipe to fill up and block on
        first = subprocess.Popen(first_cmd, cwd=ROOT, stdout=log, stderr=log)
        try:
            lock = Path(f"{db}.lock")
            while not (lock.exists() and lock.read_text().strip() == str(first.pid)):
                assert first.poll() is None, (tmp_path / "first.log").read_text()[-3000:]
                time.sleep(0.05)
            second = subprocess.run(crawl_command(tmp_path, f"base_url={site_server.url}",
                                                  db=db),
                                    cwd=ROOT, capture_output=True, text=True, timeout=120)
            # "At once" as an event, not a clock: the second was refused while the first,
            # holding the lock, still ran.
            assert first.poll() is None, "the first crawl ended before the second was refused"
        finally:
            first_code = first.wait(timeout=300)
    assert second.returncode == EXIT_LOCKED, second.stderr[-3000:]
    assert "another portscraper crawl is running on" in second.stderr.strip().splitlines()[-1]
    assert first_code == EXIT_OK, (tmp_path / "first.log").read_text()[-3000:]
    assert query(db, "SELECT count(*) FROM crawls") == [(1,)]
