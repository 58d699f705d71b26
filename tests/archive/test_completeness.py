"""Completeness (portscraper/archive/completeness.py) on the replica, end to end: a gap planted in
the
site — a section whose count (共 N 条记录) includes records its pages never show, an article
that always fails — is measured per section, listed, shown in Datasette's view and judged by
the health check."""

from __future__ import annotations

import json
import sqlite3

import pytest

from portscraper.replica.data import build_site
from portscraper.replica.faults import Fault
from portscraper.replica.server import ReplicaServer

from ..conftest import get_from_datasette, run_crawl

MEDIA, NOTICES = 22, 4  # 媒体聚焦 and 通知公告


@pytest.fixture(scope="module")
def planted(tmp_path_factory):
    """A crawl of a replica with the gap planted, and the archive it made."""
    site = build_site()
    server = ReplicaServer(site)
    server.renderer.uncounted[MEDIA] = 2  # 共 19 条记录, 17 shown
    failing = site.listed(NOTICES)[3]
    server.faults.add(f"/more.asp?id={failing.id}", Fault("status", times=None, status=500))
    base = server.start()
    folder = tmp_path_factory.mktemp("planted")
    try:
        _, log = run_crawl(folder, f"base_url={base}", verdict="degraded")
    finally:
        server.stop()
    return folder / "archive.db", failing, base, log


def rows(db):
    with sqlite3.connect(db) as conn:
        conn.row_factory = sqlite3.Row
        found = {r["section"]: dict(r) for r in conn.execute(
            "SELECT * FROM section_completeness")}
    conn.close()
    return found


def test_each_section_is_measured_against_its_count(planted):
    db, failing, base, _ = planted
    found = rows(db)
    media = found["媒体聚焦"]
    assert (media["claimed"], media["held"], media["gap"], media["unexplained"]) == (19, 17, 2, 2)
    assert json.loads(media["missing"]) == [
        {"url": None, "why": "2 records the list counts that none of its pages showed"}]
    notices = found["通知公告"]
    assert (notices["claimed"], notices["held"], notices["gap"], notices["unexplained"]) == \
        (9, 8, 1, 0)
    assert json.loads(notices["missing"]) == [
        {"url": f"{base}more.asp?id={failing.id}", "why": "HTTP 500 Internal Server Error"}]
    # The double post is two entries of one article, both held; the listed 404 is explained.
    assert (found["集团新闻"]["gap"], found["党建工作"]["gap"]) == (0, 0)
    assert found["基层动态"]["gap"] == 1 and found["基层动态"]["unexplained"] == 0


def test_the_health_check_degrades_the_run_for_the_unexplained_gap(planted):
    db, _, _, log = planted
    summary = log.strip().splitlines()[-1]
    assert summary.startswith("degraded maoming:")
    assert "媒体聚焦: the list says 19, the archive holds 17, 2 of the gap unexplained" in summary
    with sqlite3.connect(db) as conn:
        (report,) = conn.execute("SELECT health_report FROM crawls").fetchone()
    conn.close()
    assert json.loads(report)["completeness"]["媒体聚焦"] == {
        "claimed": 19, "held": 17, "gap": 2, "unexplained": 2}


def test_the_completeness_view_shows_the_gap_in_datasette(planted, tmp_path):
    db, failing, _, _ = planted
    answer, page = get_from_datasette(
        db, tmp_path / "archive",
        "/portnews/section_completeness.json?_shape=array&gap__gt=0",
        "/portnews/section_completeness")
    assert answer.status_code == 200
    assert {r["section"]: r["gap"] for r in answer.json()} == {
        "媒体聚焦": 2, "通知公告": 1, "基层动态": 1, "新闻中心": 1}
    assert page.status_code == 200
    assert f"more.asp?id={failing.id}" in page.text and "none of its pages showed" in page.text


# --- the rule on the archive alone, each case written out (no crawl) ---------------------------

def archive_with(tmp_path, articles: dict[str, str | None]):
    """An archive whose section S listed `articles` (URL -> removed_at, or None for one
    held; a URL missing from the dict is listed but not held)."""
    from portscraper.archive.store import Archive

    tmp_path.mkdir(exist_ok=True)
    archive = Archive(tmp_path / "a.db")
    archive.db["crawls"].insert({"id": 7, "started_at": "2026-12-01T06:00:00+00:00"})
    for n, (url, removed_at) in enumerate(articles.items(), start=1):
        archive.db["articles"].insert({"id": n, "url": url, "title": f"t{n}",
                                       "removed_at": removed_at})
        archive.db["article_urls"].insert({"url": url, "article_id": n})
    return archive


S = "http://x/news.asp?lb=2"


def measure(archive, listed: list[str], total: int | None):
    figures = {"number": 1, "pages": 1, "total": total, "per_page": 20, "items": len(listed)}
    archive.add_list_page(7, S, "集团新闻", S, figures, listed)
    (row,) = archive.record_completeness(7)
    return row


def test_an_article_marked_removed_is_no_longer_counted_as_held(tmp_path):
    """The list says 2; it showed 3 URLs, one of an article taken down: 2 listed, 2 held,
    no gap (a removed article neither counts as held nor as missing)."""
    archive = archive_with(tmp_path, {"http://x/a?id=1": None, "http://x/a?id=2": None,
                                      "http://x/a?id=3": "2026-11-30T06:00:00+00:00"})
    row = measure(archive, ["http://x/a?id=1", "http://x/a?id=2", "http://x/a?id=3"], 2)
    assert (row["claimed"], row["listed"], row["held"], row["gap"], row["unexplained"]) == \
        (2, 2, 2, 0, 0)
    assert row["missing"] == []


def test_a_gap_is_explained_by_a_failure_and_unexplained_otherwise(tmp_path):
    """The list says 5 and shows 3 URLs: one held, one that failed (explained), one never
    fetched (unexplained), and 2 records no page showed (unexplained): gap 4, 3 unexplained."""
    archive = archive_with(tmp_path, {"http://x/a?id=1": None})
    archive.db["failures"].insert({"url": "http://x/a?id=2", "reason": "HTTP 500 Internal "
                                   "Server Error", "kind": "article"})
    row = measure(archive, ["http://x/a?id=1", "http://x/a?id=2", "http://x/a?id=9"], 5)
    assert (row["claimed"], row["listed"], row["held"], row["gap"], row["unexplained"]) == \
        (5, 3, 1, 4, 3)
    assert row["missing"] == [
        {"url": "http://x/a?id=2", "why": "HTTP 500 Internal Server Error"},
        {"url": "http://x/a?id=9", "why": "listed, never fetched"},
        {"url": None, "why": "2 records the list counts that none of its pages showed"}]
    # No count printed: the list claims what it showed.
    row = measure(archive_with(tmp_path / "b", {}), ["http://x/a?id=1"], None)
    assert (row["claimed"], row["listed"], row["held"], row["unexplained"]) == (1, 1, 0, 1)
