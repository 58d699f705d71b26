"""Page requisites (portscraper/archive/requisites.py) on the replica: an article's images and
attachments and the template's files kept byte for byte, once, linked from the article, shown
by the reading room, exported and checked like pages."""

from __future__ import annotations

import asyncio
import hashlib
import shutil
import sqlite3
from urllib.parse import urlsplit

import pytest
from datasette.app import Datasette
from warcio.archiveiterator import ArchiveIterator

from portscraper.archive.fixity import check_fixity
from portscraper.archive.store import Archive
from portscraper.replica.data import build_site
from portscraper.replica.server import placeholder
from portscraper.webarchive.export import export_warc

from ..conftest import ROOT, copy_archive


@pytest.fixture(scope="module")
def archive_copy(crawled_archive, tmp_path_factory):
    return copy_archive(crawled_archive, tmp_path_factory.mktemp("req") / "portnews.db")


def test_every_image_and_attachment_is_kept_byte_for_byte_and_linked(archive_copy):
    site = build_site()
    archive = Archive(archive_copy, readonly=True)
    rows = archive.db.execute(
        "SELECT r.url, r.kind, r.snapshot_id, s.sha256, s.kind FROM requisites r "
        "JOIN snapshots s ON s.id = r.snapshot_id").fetchall()
    kept = {urlsplit(url).path.lower(): (kind, sid, sha, skind)
            for url, kind, sid, sha, skind in rows}
    for art in site.articles:
        if art.status != "ok":
            continue
        for path, _ in art.images + art.attachments:
            kind, sid, sha, skind = kept[path.lower()]
            assert skind == "requisite"
            assert archive.snapshot_bytes(sid) == placeholder(path.lower())
            assert sha == hashlib.sha256(placeholder(path.lower())).hexdigest()
    # The template's stylesheet and layout images, once per site.
    assert kept["/css/css.css"][0] == "stylesheet"
    assert kept["/images/logo.gif"][0] == "template"
    # The same bytes are one snapshot, whichever URLs share them.
    shas = [sha for _, _, sha, _ in kept.values()]
    stored = archive.db.execute("SELECT count(*) FROM snapshots WHERE kind = 'requisite'"
                                ).fetchone()[0]
    assert stored == len(set(shas)) < len(shas)
    # Each article with images or attachments is linked to them.
    for article_id, images, attachments in archive.db.execute(
            "SELECT id, json_array_length(images), json_array_length(attachments) "
            "FROM articles").fetchall():
        held = archive.db.execute(
            "SELECT count(*) FROM article_requisites ar JOIN requisites r ON r.url = ar.url "
            "WHERE ar.article_id = ? AND r.snapshot_id IS NOT NULL", [article_id]).fetchone()
        assert held == (images + attachments,), article_id
    archive.close()


def test_requisites_are_checked_by_verify_and_exported_as_responses(archive_copy, tmp_path):
    archive = Archive(archive_copy)
    report = check_fixity(archive)
    assert report.mismatches == 0 and report.snapshots == archive.db.execute(
        "SELECT count(*) FROM snapshots").fetchone()[0]
    (image_url, sha), = archive.db.execute(
        "SELECT r.url, s.sha256 FROM requisites r JOIN snapshots s ON s.id = r.snapshot_id "
        "WHERE r.kind = 'image' ORDER BY r.url LIMIT 1").fetchall()
    export_warc(archive, tmp_path / "out.warc.gz")
    archive.close()
    with open(tmp_path / "out.warc.gz", "rb") as stream:
        digests = {r.rec_headers.get_header("WARC-Target-URI"):
                   r.rec_headers.get_header("WARC-Payload-Digest")
                   for r in ArchiveIterator(stream) if r.rec_type == "response"}
    assert digests[image_url] == f"sha256:{sha}"


def test_the_reading_room_shows_the_archived_copies(archive_copy, tmp_path):
    target = tmp_path / "archive"
    shutil.copytree(ROOT / "archive", target,
                    ignore=shutil.ignore_patterns("*.db", "*.db-*", "logs"))
    shutil.copy(archive_copy, target / "portnews.db")
    with sqlite3.connect(target / "portnews.db") as conn:
        article_id, snapshot_id, image_sid = conn.execute(
            "SELECT ar.article_id, a.snapshot_id, r.snapshot_id FROM article_requisites ar "
            "JOIN articles a ON a.id = ar.article_id JOIN requisites r ON r.url = ar.url "
            "WHERE ar.role = 'image' ORDER BY ar.id LIMIT 1").fetchone()
    conn.close()
    loop = asyncio.new_event_loop()
    ds = Datasette(config_dir=target)
    loop.run_until_complete(ds.invoke_startup())

    def get(path):
        return loop.run_until_complete(ds.client.get(path))

    article = get(f"/portnews/articles/{article_id}")
    view = get(f"/-/snapshot/portnews/{snapshot_id}/view")
    image = get(f"/-/snapshot/portnews/{image_sid}/raw")
    loop.close()
    copy = f"/-/snapshot/portnews/{image_sid}/raw"
    assert article.status_code == 200 and copy in article.text and "archived copy" in article.text
    assert view.status_code == 200 and copy in view.text
    assert "sandbox" in view.headers["content-security-policy"]
    assert image.headers["content-type"] == "image/jpeg"
    assert image.content.startswith(b"\xff\xd8")
