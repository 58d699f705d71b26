"""An archived page never runs script in the archive's Datasette origin, Datasette serves the
archive read-only, and names made from URLs stay in their folder.

Two halves: the crawl of a replica article that carries payloads shows the extractor keeps them
out of the fields (and the snapshot keeps them as evidence); the pages are tested on rows written
into the archive directly, since the extractor would have stripped them (test_reading_room.py has
the rest: every page, field and echoed parameter)."""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3

import pytest

from portscraper.archive.store import Archive
from portscraper.replica.data import build_site
from portscraper.replica.faults import Fault
from portscraper.replica.server import ReplicaServer

from ..conftest import ROOT, run_crawl
from ..hostile_archive import Client, escaped
from ..hostile_archive import config_dir as hostile_archive_dir

SITE = build_site()
ARTICLE = next(a for a in SITE.articles if a.section == "集团新闻" and a.status == "ok")
RUNNABLE = ("<script", "onerror=", "onclick=", "onload=", "javascript:", "<iframe", "data:text")


@pytest.fixture(scope="module")
def hostile_archive(tmp_path_factory):
    """A crawl of the replica in which one article carries script and event-handler payloads,
    in a copy of the archive/ Datasette configuration directory."""
    tmp = tmp_path_factory.mktemp("hostile")
    folder = tmp / "archive"
    shutil.copytree(ROOT / "archive", folder,
                    ignore=shutil.ignore_patterns("*.db", "*.db-*", "logs"))
    with ReplicaServer(SITE) as server:
        server.faults.add(f"/more.asp?id={ARTICLE.id}", Fault("hostile", times=None))
        run_crawl(tmp, f"base_url={server.url}", db=folder / "portnews.db")
        url = f"{server.url}more.asp?id={ARTICLE.id}"
    with sqlite3.connect(folder / "portnews.db") as conn:
        conn.row_factory = sqlite3.Row
        row = dict(conn.execute("SELECT * FROM articles WHERE url = ?", [url]).fetchone())
    conn.close()
    return folder, row


def test_payloads_are_archived_raw_but_not_in_the_fields(hostile_archive):
    folder, row = hostile_archive
    archive = Archive(folder / "portnews.db")
    raw = archive.snapshot_bytes(row["snapshot_id"])
    archive.close()
    assert b"<script>document.title='pwned'" in raw  # the evidence is kept
    assert row["title"] == ARTICLE.title
    for field in ("body", "body_html", "images", "attachments"):
        lowered = row[field].lower()
        assert not [bad for bad in RUNNABLE if bad in lowered], (field, row[field])
    assert "点击查看" in row["body"]


@pytest.fixture(scope="module")
def datasette_get(tmp_path_factory):
    """Datasette on an archive whose hostile rows were written into its tables directly
    (tests/hostile_archive.py): the extractor, which strips payloads, never saw them, so the
    pages are what stands between them and the browser."""
    directory, ids = hostile_archive_dir(tmp_path_factory.mktemp("hostile_rows"))
    client = Client(directory)
    yield client.get, ids, directory
    client.close()


def test_article_pages_run_none_of_it(datasette_get):
    get, ids, _ = datasette_get
    for path in (f"/portnews/articles/{ids['hostile']}", "/portnews/articles",
                 "/portnews/articles?_search=码头"):
        page = get(path)
        assert page.status_code == 200, path
        assert escaped("title") in page.text, path  # the payload is on the page, as text
        assert "<script>pwn_" not in page.text
        assert "<img src=x onerror" not in page.text and 'href="javascript:' not in page.text


def test_the_archived_page_is_shown_sandboxed(datasette_get):
    get, ids, _ = datasette_get
    raw = get(f"/-/snapshot/portnews/{ids['snapshot']}/raw")
    assert raw.status_code == 200
    assert b"<script>pwn_raw_page()</script>" in raw.content  # served only under the policy:
    policy = raw.headers["content-security-policy"]
    assert "sandbox" in policy and "allow-scripts" not in policy
    assert "default-src 'none'" in policy
    frame = get(f"/-/snapshot/portnews/{ids['snapshot']}")
    # The frame page holds the archived page only by reference, in a sandboxed iframe.
    assert f'<iframe sandbox="" src="/-/snapshot/portnews/{ids["snapshot"]}/view"' in frame.text
    assert "pwn_raw_page" not in frame.text


def test_datasette_serves_the_archive_read_only(datasette_get):
    get, _, folder = datasette_get
    def content(path):
        """Every row of every table, in order: an UPDATE that keeps the count changes it."""
        with sqlite3.connect(path) as conn:
            return hashlib.sha256("\n".join(conn.iterdump()).encode()).hexdigest()

    before = content(folder / "portnews.db")
    for sql in ("DELETE FROM articles", "UPDATE articles SET title = 'x'",
                "DROP TABLE articles", "ATTACH DATABASE '/tmp/x.db' AS x"):
        answer = get("/portnews.json", params={"sql": sql})
        assert answer.status_code == 400 or "error" in json.dumps(answer.json()), sql
    assert content(folder / "portnews.db") == before


def test_log_files_stay_in_their_folder(tmp_path):
    from portscraper.runs.preflight import Problem, check_spider

    class Loader:
        def load(self, name):
            raise KeyError(name)

    for name in ("../../etc/cron.d/x", "maoming/../x", "a b"):
        with pytest.raises(Problem, match="not a spider name"):
            check_spider(Loader(), name, {}, {})
