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
