"""`portscraper import`: other crawlers' WARCs into the archive. A capture of the replica made by
`wget --warc-file` gives the articles a crawl gives; single pages captured with warcio are read
page by page; every article and snapshot says which file, capture and record it came from."""

from __future__ import annotations

import io
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator
from warcio.capture_http import capture_http
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from portscraper.archive.store import Archive

from ..conftest import ROOT, archive_content, copy_archive, run_crawl
from ..sitekit import StaticSite, split_article_site

WGET = shutil.which("wget")
needs_wget = pytest.mark.skipif(WGET is None, reason="wget is not installed (Debian's wget; "
                                "apt-get install wget, as .ci/run does)")


def portscraper(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "portscraper.cli", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)


def wget_capture(url: str, folder: Path) -> Path:
    """The whole site as wget mirrors it (links followed, robots.txt obeyed, a 503 retried),
    into folder/wget.warc.gz; the mirrored files themselves are deleted."""
    folder.mkdir(exist_ok=True)
    done = subprocess.run(
        [WGET, "--quiet", "--recursive", "--level=inf", "--delete-after", "--tries=3",
         "--retry-on-http-error=503", "--waitretry=0", "--no-proxy",
         f"--warc-file={folder / 'wget'}", "--directory-prefix", str(folder / "files"), url],
        capture_output=True, text=True, timeout=300)
    assert done.returncode in (0, 8), done.stderr  # 8: some page answered an error (the 404)
    return folder / "wget.warc.gz"


def query(db, sql: str, *args) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        found = conn.execute(sql, args).fetchall()
    conn.close()
    return found


@pytest.fixture(scope="module")
def wget_warc(replica, tmp_path_factory):
    if WGET is None:
        pytest.skip("wget is not installed (Debian's wget; apt-get install wget, as .ci/run "
                    "does)")
    return wget_capture(replica.url, tmp_path_factory.mktemp("wget"))


@needs_wget
def test_a_wget_capture_gives_the_articles_a_crawl_gives(wget_warc, crawled_archive, tmp_path):
    db = tmp_path / "imported.db"
    done = portscraper("import", str(wget_warc), "--db", str(db))
    assert done.returncode == 0, done.stderr
    assert "not read: " in done.stdout and "captured with HTTP 404" in done.stdout
    imported, crawled = archive_content(db), archive_content(crawled_archive)
    assert imported["articles"] == crawled["articles"]
    assert imported["urls"] == crawled["urls"]
    # Known only from the import, and where from: the file, the capture's time, the record.
    assert query(db, "SELECT DISTINCT origin FROM articles") == [("import",)]
    with wget_warc.open("rb") as stream:
        records = {r.rec_headers.get_header("WARC-Record-ID"):
                   (r.rec_headers.get_header("WARC-Target-URI"),
                    r.rec_headers.get_header("WARC-Date"))
                   for r in ArchiveIterator(stream) if r.rec_type == "response"}
    provenance = query(db, "SELECT s.url, s.fetched_at, s.warc_record_id, i.file "
                           "FROM articles a JOIN snapshots s ON s.id = a.snapshot_id "
                           "JOIN imports i ON i.id = s.import_id")
    assert len(provenance) == len(imported["articles"])
    for url, fetched_at, record_id, file in provenance:
        assert records[record_id] == (url, fetched_at.replace("+00:00", "Z"))
        assert file == str(wget_warc.resolve())
    (row,) = query(db, "SELECT records, articles_new, articles_merged, failures, finished_at "
                       "FROM imports")
    assert row[:4] == (sum(1 for _ in ArchiveIterator(wget_warc.open("rb"))),
                       len(imported["articles"]), 1, 1) and row[4]


@needs_wget
def test_a_capture_of_what_a_crawl_stored_adds_no_article(wget_warc, crawled_archive, tmp_path):
    db = copy_archive(crawled_archive, tmp_path / "archive.db")
    before = archive_content(db)
    done = portscraper("import", str(wget_warc), "--db", str(db))
    assert done.returncode == 0, done.stderr
    assert "0 new, 0 updated" in done.stdout
    assert archive_content(db)["articles"] == before["articles"]
    assert query(db, "SELECT DISTINCT origin FROM articles") == [("crawl",)]
    assert query(db, "SELECT count(*) FROM revisions") == [(0,)]
    # The pages wget fetched again: captures of the snapshots already stored, or new ones.
    assert query(db, "SELECT count(*) FROM captures WHERE import_id = 1")[0][0] > 0


@needs_wget
def test_an_article_split_over_pages_is_imported_whole(tmp_path):
    with StaticSite(split_article_site()) as site:
        run_crawl(tmp_path, f"base_url={site.url}")
        warc = wget_capture(site.url, tmp_path / "capture")
    db = tmp_path / "imported.db"
    assert portscraper("import", str(warc), "--db", str(db)).returncode == 0
    assert archive_content(db)["articles"] == archive_content(tmp_path / "archive.db")["articles"]
    assert len(archive_content(db)["articles"]) == 2


def test_single_pages_captured_with_warcio_are_read_page_by_page(replica, crawled_archive,
                                                                 tmp_path):
    """A capture without the home page (as pages saved from the Wayback Machine): each page
    that reads as an article is one; a list page is none."""
    (url,) = query(crawled_archive, "SELECT url FROM articles ORDER BY id LIMIT 1")[0]
    list_url = f"{replica.url}news.asp?pid=21"
    warc = tmp_path / "pages.warc.gz"
    with capture_http(str(warc)):
        for page in (url, list_url):
            with urllib.request.urlopen(page, timeout=30) as answer:
                answer.read()
    db = tmp_path / "imported.db"
    done = portscraper("import", str(warc), "--db", str(db))
    assert done.returncode == 0, done.stderr
    assert "1 new" in done.stdout
    fields = "url, title, published, byline, credits, body, section"
    assert query(db, f"SELECT {fields} FROM articles") == query(
        crawled_archive, f"SELECT {fields} FROM articles WHERE url = ?", url)
    assert query(db, "SELECT not_articles FROM imports") == [(1,)]


def test_an_older_capture_is_kept_as_a_revision_not_as_the_current_version(crawled_archive,
                                                                          tmp_path):
    """A WARC written with warcio holding an article as it read years before (another title):
    the stored version stays, the older one goes to revisions, once."""
    db = copy_archive(crawled_archive, tmp_path / "archive.db")
    archive = Archive(db)
    article_id, url, title, snapshot_id = archive.db.execute(
        "SELECT a.id, s.url, a.title, a.snapshot_id FROM articles a "
        "JOIN snapshots s ON s.id = a.snapshot_id ORDER BY a.id LIMIT 1").fetchone()
    page = archive.snapshot_bytes(snapshot_id)
    archive.close()
    old_title = title + "（初稿）"
    older = page.replace(title.encode("gb18030"), old_title.encode("gb18030"))
    assert older != page
    warc = tmp_path / "old.warc.gz"
    with warc.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        writer.write_record(writer.create_warc_record(
            url, "response", payload=io.BytesIO(older),
            http_headers=StatusAndHeaders("200 OK", [("Content-Type", "text/html")],
                                          protocol="HTTP/1.1"),
            warc_headers_dict={"WARC-Date": "2019-05-01T08:00:00Z"}))
    for _ in range(2):
        done = portscraper("import", str(warc), "--db", str(db), "--every-page")
        assert done.returncode == 0, done.stderr
        assert "1 older captures kept as revisions" in done.stdout
    assert query(db, "SELECT title, origin FROM articles WHERE id = ?", article_id) == [
        (title, "crawl")]
    assert query(db, "SELECT title, reason, replaced_at > '2019' FROM revisions "
                     "WHERE article_id = ?", article_id) == [(old_title, "imported", 1)]
    assert query(db, "SELECT fetched_at FROM snapshots WHERE warc_record_id IS NOT NULL") == [
        ("2019-05-01T08:00:00+00:00",)]


def test_what_is_not_a_warc_is_refused_in_one_line(tmp_path):
    text = tmp_path / "notes.warc.gz"
    text.write_text("these are notes, not a web archive\n")
    empty = tmp_path / "empty.warc"
    empty.write_bytes(b"")
    db = tmp_path / "archive.db"
    for path, message in [(tmp_path / "missing.warc.gz", "no file at"),
                          (text, "is not a WARC file"), (empty, "is not a WARC file")]:
        done = portscraper("import", str(path), "--db", str(db))
        assert done.returncode == 2 and message in done.stderr, done.stderr
        assert len(done.stderr.strip().splitlines()) == 1


@pytest.fixture(scope="module")
def exported_warc(crawled_archive, tmp_path_factory):
    """The crawled archive exported by the command (responses, revisits, requests)."""
    folder = tmp_path_factory.mktemp("roundtrip")
    warc = folder / "export.warc.gz"
    done = portscraper("export", str(warc), "--db", str(crawled_archive))
    assert done.returncode == 0, done.stderr
    return warc


def test_an_export_imported_into_an_empty_archive_gives_the_same_archive(
        exported_warc, crawled_archive, tmp_path):
    db = tmp_path / "imported.db"
    done = portscraper("import", str(exported_warc), "--db", str(db))
    assert done.returncode == 0, done.stderr
    imported, crawled = archive_content(db), archive_content(crawled_archive)
    assert imported["articles"] == crawled["articles"]
    count = ("SELECT (SELECT count(*) FROM snapshots), (SELECT count(*) FROM fetches), "
             "(SELECT count(*) FROM requisites), (SELECT count(*) FROM article_requisites)")
    assert query(db, count) == query(crawled_archive, count)
    # Each fetch as the crawl kept it: the same heads, payloads and times.
    fetch = "SELECT url, fetched_at, response_head, request_head, payload_sha256 FROM fetches"
    assert sorted(query(db, fetch)) == sorted(query(crawled_archive, fetch))
    assert query(db, "SELECT DISTINCT head_source FROM fetches") == [("warc",)]
    assert query(db, "SELECT count(*) FROM fetches WHERE warc_record_id IS NULL "
                     "OR warc_payload_digest IS NULL OR warc_block_digest IS NULL") == [(0,)]
    # The site from the host (the replica is in no registry), not a fixed name.
    assert query(db, "SELECT DISTINCT site FROM articles") == [("127.0.0.1",)]
    # Imported again: nothing added.
    again = portscraper("import", str(exported_warc), "--db", str(db))
    assert again.returncode == 0, again.stderr
    assert query(db, count) == query(crawled_archive, count)
    assert query(db, "SELECT count(*) FROM captures") == query(
        crawled_archive, "SELECT count(*) FROM captures")
    assert "0 new, 0 updated" in again.stdout


def _gunzipped(warc: Path, target: Path) -> bytes:
    import gzip

    data = gzip.decompress(warc.read_bytes())
    target.write_bytes(data)
    return data


def test_a_changed_payload_byte_is_refused_naming_its_record(exported_warc, tmp_path):
    data = _gunzipped(exported_warc, tmp_path / "plain.warc")
    marker = b"WARC-Type: response"
    at = data.index(marker)
    record_id = data[data.rindex(b"WARC-Record-ID: ", 0, at):].split(b"\r\n")[0].split(b" ")[1]
    body_at = data.index(b"\r\n\r\n", data.index(b"\r\n\r\n", at) + 4) + 10
    changed = data[:body_at] + bytes([data[body_at] ^ 1]) + data[body_at + 1:]
    bad = tmp_path / "changed.warc"
    bad.write_bytes(changed)
    db = tmp_path / "archive.db"
    done = portscraper("import", str(bad), "--db", str(db))
    assert done.returncode == 2 and record_id.decode() in done.stderr, done.stderr
    assert "nothing imported" in done.stderr
    assert not db.exists()  # refused before an archive was made


def test_a_warc_cut_in_the_middle_is_refused_with_the_records_read(exported_warc, tmp_path):
    data = exported_warc.read_bytes()
    for name, cut in (("cut.warc.gz", data[:len(data) // 2]),
                      ("cut.warc", _gunzipped(exported_warc, tmp_path / "p.warc")[:200_000])):
        path = tmp_path / name
        path.write_bytes(cut)
        db = tmp_path / f"{name}.db"
        done = portscraper("import", str(path), "--db", str(db))
        assert done.returncode == 2, done.stdout
        assert "cut short or corrupt" in done.stderr and "records read" in done.stderr
        assert not db.exists()  # refused before an archive was made


@needs_wget
def test_a_wget_dedup_capture_resolves_its_revisits_against_the_first(wget_warc, replica,
                                                                       crawled_archive,
                                                                       tmp_path):
    """wget --warc-dedup writes revisit records for what the first capture's CDX holds: their
    originals are in another file. Imported after the first, every revisit is resolved and
    kept as a fetch of its own."""
    cdx = tmp_path / "first.cdx"
    first = tmp_path / "first"
    first.mkdir()
    done = subprocess.run(
        [WGET, "--quiet", "--recursive", "--level=inf", "--delete-after", "--no-proxy",
         f"--warc-file={first / 'wget'}", "--warc-cdx", "--directory-prefix",
         str(first / "files"), replica.url], capture_output=True, text=True, timeout=300)
    assert done.returncode in (0, 8), done.stderr
    shutil.copy(first / "wget.cdx", cdx)
    second = tmp_path / "second"
    second.mkdir()
    done = subprocess.run(
        [WGET, "--quiet", "--recursive", "--level=inf", "--delete-after", "--no-proxy",
         f"--warc-file={second / 'wget'}", f"--warc-dedup={cdx}", "--directory-prefix",
         str(second / "files"), replica.url], capture_output=True, text=True, timeout=300)
    assert done.returncode in (0, 8), done.stderr
    with (second / "wget.warc.gz").open("rb") as stream:
        revisits = sum(1 for r in ArchiveIterator(stream) if r.rec_type == "revisit")
    assert revisits > 0
    db = tmp_path / "archive.db"
    for warc in (first / "wget.warc.gz", second / "wget.warc.gz"):
        done = portscraper("import", str(warc), "--db", str(db))
        assert done.returncode == 0, done.stderr
    assert "0 revisits without their original" in done.stdout
    assert query(db, "SELECT count(*) FROM fetches WHERE import_id = 2") >= [(revisits,)]
    assert archive_content(db)["articles"] == archive_content(crawled_archive)["articles"]
    # Imported before its originals' file, the second capture's revisits are counted, not lost
    # (but those whose payload a response of the same file has: URL-agnostic).
    alone = portscraper("import", str(second / "wget.warc.gz"), "--db", str(tmp_path / "b.db"))
    unresolved = int(re.search(r"(\d+) revisits without their original", alone.stdout)[1])
    assert alone.returncode == 0 and 0 < unresolved <= revisits, alone.stdout


def test_a_gzipped_page_captured_with_warcio_keeps_its_payload_and_reads_as_the_crawl(
        replica, crawled_archive, tmp_path):
    """warcio's capture_http records the exchange as sent: the article gzip-encoded (the
    client asked for it). Imported: the fetch keeps the gzipped payload and the head byte
    for byte, the snapshot is the page decoded, the article the crawl's."""
    (url,) = query(crawled_archive, "SELECT url FROM articles ORDER BY id LIMIT 1")[0]
    warc = tmp_path / "gzip.warc.gz"
    with capture_http(str(warc)):
        request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(request, timeout=30) as answer:
            assert answer.headers["Content-Encoding"] == "gzip"
            answer.read()
    with warc.open("rb") as stream:
        (block,) = [r.raw_stream.read() for r in ArchiveIterator(stream, no_record_parse=True)
                    if r.rec_type == "response"]
    db = tmp_path / "imported.db"
    done = portscraper("import", str(warc), "--db", str(db))
    assert done.returncode == 0, done.stderr
    archive = Archive(db)
    head, payload_sha, snapshot_id = archive.db.execute(
        "SELECT response_head, payload_sha256, snapshot_id FROM fetches").fetchone()
    from portscraper.archive.fetches import payload_bytes

    payload = payload_bytes(archive, payload_sha)
    assert head.encode("latin-1") + payload == block
    import gzip

    assert gzip.decompress(payload) == archive.snapshot_bytes(snapshot_id)
    archive.close()
    fields = "url, title, published, body"
    assert query(db, f"SELECT {fields} FROM articles") == query(
        crawled_archive, f"SELECT {fields} FROM articles WHERE url = ?", url)


SAMPLES = Path(os.environ.get("PYWB_SAMPLE_WARCS", "/nonexistent"))


@pytest.mark.skipif(not SAMPLES.is_dir(), reason="PYWB_SAMPLE_WARCS is not a folder: pywb's "
                    "sample_archive/warcs from its source distribution (docs/tests.md)")
def test_the_sample_warcs_and_arcs_pywb_ships(tmp_path):
    """pywb's own samples: each WARC and ARC imports, but the one whose payload warcio check
    also fails (refused, named) and the corrupt ARC; a URL-agnostic revisit and wget's dedup
    revisits are resolved against the file imported before them. One sample's lines end in
    CR CR LF: a bare CR in its HTTP head, which an import refuses (RFC 9110 §5.5: reject or
    rewrite, and an archive rewrites no evidence)."""
    expect_refused = {"example-extra.warc": "does not match its WARC-Payload-Digest",
                      "bad.arc": "cut short or corrupt",
                      "missing-status-text.warc": "bare CR in line 1"}
    for sample in sorted(SAMPLES.iterdir()):
        if not sample.name.endswith((".warc", ".warc.gz", ".arc", ".arc.gz")):
            continue
        done = portscraper("import", str(sample), "--db", str(tmp_path / f"{sample.name}.db"))
        if sample.name in expect_refused:
            assert done.returncode == 2 and expect_refused[sample.name] in done.stderr
        else:
            assert done.returncode == 0, (sample.name, done.stderr)
    for first, then in (("example-url-agnostic-orig.warc.gz",
                         "example-url-agnostic-revisit.warc.gz"),
                        ("iana.warc.gz", "dupes.warc.gz")):
        db = tmp_path / f"{then}.pair.db"
        for name in (first, then):
            done = portscraper("import", str(SAMPLES / name), "--db", str(db))
            assert done.returncode == 0, done.stderr
        assert "0 revisits without their original" in done.stdout
