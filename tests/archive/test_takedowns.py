"""Take-downs as evidence (portscraper/archive/takedowns.py): an article is marked removed only
after
it answered gone (404/410, a "not found" page, a redirect home) on two runs at least a day
apart by the run's clock; a 5xx never counts; an article that comes back clears it; every
removal and revision is in the changes feed."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from xml.etree import ElementTree

import pytest

from portscraper.archive.store import Archive
from portscraper.replica import evolve
from portscraper.replica.data import build_site
from portscraper.replica.faults import Fault
from portscraper.replica.server import ReplicaServer
from portscraper.runs.verdict import EXIT_DEGRADED

from ..conftest import get_from_datasette
from ..runs.test_scheduled import cron, query

URL = "http://x.cn/more.asp?id=1"
ARTICLE = {"url": URL, "title": "集团召开安全生产工作会议", "published": "2025-12-30",
           "body": "1月17日，集团召开会议。" * 5}


@pytest.fixture
def archive():
    """An archive with one article, and a clock the test moves (archive.clock)."""
    a = Archive(memory=True)
    a.at = lambda stamp: setattr(a, "clock", lambda: stamp)
    a.at("2026-01-01T06:00:00+00:00")
    a.save_article(ARTICLE, None)
    yield a
    a.close()


def removed(archive):
    return archive.db.execute("SELECT removed_at, removed_status, removed_reason FROM articles"
                              ).fetchone()


def test_the_second_answer_a_day_after_the_first_marks_it_removed(archive):
    archive.at("2026-01-02T06:00:00+00:00")
    assert archive.record_gone(URL, 404, "HTTP 404") == "suspected"
    archive.at("2026-01-02T20:00:00+00:00")   # the same day: still a suspicion
    assert archive.record_gone(URL, 404, "HTTP 404") == "suspected"
    assert removed(archive) == (None, None, None)
    archive.at("2026-01-03T06:00:00+00:00")   # a day after the first
    assert archive.record_gone(URL, 410, "HTTP 410") == "removed"
    assert removed(archive) == ("2026-01-03T06:00:00+00:00", 410, "HTTP 410")
    assert archive.db.execute("SELECT suspected_at, removed_at, reason, restored_at FROM removals"
                              ).fetchall() == [("2026-01-02T06:00:00+00:00",
                                                "2026-01-03T06:00:00+00:00", "HTTP 410", None)]
    archive.at("2026-01-04T06:00:00+00:00")
    assert archive.record_gone(URL, 404, "HTTP 404") == "still removed"
    assert archive.db.execute("SELECT count(*) FROM gone_answers").fetchone() == (4,)


def test_an_article_seen_between_two_answers_clears_the_suspicion(archive):
    archive.at("2026-01-02T06:00:00+00:00")
    assert archive.record_gone(URL, 404, "HTTP 404") == "suspected"
    assert archive.suspected_urls() == {URL}
    archive.at("2026-01-02T12:00:00+00:00")   # it answers again
    archive.save_article(ARTICLE, None, article_id=1)
    assert archive.suspected_urls() == set()
    archive.at("2026-01-03T07:00:00+00:00")   # a day after the first answer, but a new first
    assert archive.record_gone(URL, 404, "HTTP 404") == "suspected"


def test_an_article_that_comes_back_is_no_longer_removed(archive):
    for stamp in ("2026-01-02T06:00:00+00:00", "2026-01-03T06:00:00+00:00"):
        archive.at(stamp)
        archive.record_gone(URL, None, 'a "not found" page')
    assert removed(archive)[2] == 'a "not found" page'
    archive.at("2026-01-05T06:00:00+00:00")
    archive.save_article(ARTICLE, None, article_id=1)
    assert removed(archive) == (None, None, None)
    assert archive.db.execute("SELECT restored_at FROM removals").fetchone() == (
        "2026-01-05T06:00:00+00:00",)


def test_no_archived_article_no_evidence(archive):
    assert archive.record_gone("http://x.cn/more.asp?id=2", 404, "HTTP 404") is None


# --- end to end: scheduled runs with the run's clock set ------------------------------------

@pytest.fixture
def moving_site():
    site = build_site()
    recent = evolve.add_articles(site, 4, "集团新闻", date.today() - timedelta(days=3), seed=21)
    server = ReplicaServer(site)
    server.start()
    yield server, recent
    server.stop()


def at(hours: float) -> list[str]:
    start = datetime.now(UTC).replace(microsecond=0)
    return ["-s", f"RUN_TIME={(start + timedelta(hours=hours)).isoformat()}"]


def test_take_downs_need_two_answers_a_day_apart(moving_site, tmp_path):
    server, (taken_down, redirected, not_found, failing) = moving_site
    db = tmp_path / "archive.db"
    assert cron(db, "--base-url", server.url).returncode == 0
    evolve.take_down(server.site, taken_down.id)                       # 404, off the list
    server.faults.add(f"/more.asp?id={redirected.id}", Fault("redirect_home", times=None))
    server.faults.add(f"/more.asp?id={not_found.id}", Fault("not_found_page", times=None))
    server.faults.add(f"/more.asp?id={failing.id}", Fault("status", status=503, times=None))

    second = cron(db, "--base-url", server.url, *at(2))
    assert second.returncode == EXIT_DEGRADED, second.stdout   # the 503 is a page lost
    assert "0 removed" in second.stdout
    assert query(db, "SELECT count(*) FROM articles WHERE removed_at IS NOT NULL") == [(0,)]
    suspected = {u for (u,) in query(db, "SELECT url FROM suspected_removals")}
    assert suspected == {f"{server.url}more.asp?id={a.id}"
                         for a in (taken_down, redirected, not_found)}

    third = cron(db, "--base-url", server.url, *at(27))
    assert "3 removed" in third.stdout, third.stdout
    marks = dict(query(db, "SELECT url, removed_reason FROM articles "
                           "WHERE removed_at IS NOT NULL"))
    assert marks == {f"{server.url}more.asp?id={taken_down.id}": "HTTP 404",
                     f"{server.url}more.asp?id={redirected.id}": "redirected to the home page",
                     f"{server.url}more.asp?id={not_found.id}": 'a "not found" page'}
    # The 503s never counted, however many.
    assert query(db, "SELECT count(*) FROM gone_answers g JOIN articles a ON a.id = "
                     "g.article_id WHERE a.url LIKE ?", f"%id={failing.id}") == [(0,)]

    server.faults.clear()                                              # back again
    fourth = cron(db, "--base-url", server.url, *at(50))
    assert fourth.returncode == 0, fourth.stdout
    assert query(db, "SELECT url FROM articles WHERE removed_at IS NOT NULL") == [
        (f"{server.url}more.asp?id={taken_down.id}",)]
    assert query(db, "SELECT count(*) FROM removals WHERE restored_at IS NOT NULL") == [(2,)]

    entries = changes_feed(db, tmp_path)
    titles = [e.findtext("{http://www.w3.org/2005/Atom}title") for e in entries]
    assert sum(t.startswith("Taken down: ") for t in titles) == 3
    assert sum(t.startswith("Back on the site: ") for t in titles) == 2
    # Each entry links the archived copy, not the site's address that no longer answers.
    links = [e.find("{http://www.w3.org/2005/Atom}link").get("href") for e in entries]
    assert all(link.startswith("/-/snapshot/portnews/") for link in links), links


def changes_feed(db, tmp_path) -> list[ElementTree.Element]:
    (feed,) = get_from_datasette(db, tmp_path / "served", "/portnews/changes.atom")
    assert feed.status_code == 200, feed.text
    return ElementTree.fromstring(feed.content).findall("{http://www.w3.org/2005/Atom}entry")


