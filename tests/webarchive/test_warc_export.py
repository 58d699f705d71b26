"""`portscraper export`: the replica's archive as WARC 1.1 and WACZ, checked by the field's own
tools (warcio check, py-wacz validate) and replayed in pywb on 127.0.0.1, byte for byte."""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
import uuid
import zipfile
from datetime import datetime, timedelta
from importlib.util import find_spec
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator

from portscraper.archive.fetches import payload_bytes
from portscraper.archive.store import Archive
from portscraper.webarchive.export import REBUILT_FIELD

from ..conftest import ROOT, copy_archive

BIN = Path(sys.executable).parent
# The namespace of the export's record ids (docs/web-archives.md): a constant of the format,
# written out so that a change to it (every id of every earlier export changes) fails here.
RECORD_NAMESPACE = uuid.UUID("5b1f4a8e-6c1e-4f43-9a7e-0d3f2b1c6a90")


def portscraper(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "portscraper.cli", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)


LATER_HEAD = (b"HTTP/1.0 200 OK\r\nServer: Microsoft-IIS/6.0\r\n"
              b"Date: Wed, 02 Jan 2030 08:00:00 GMT\r\nContent-Type: text/html\r\n"
              b"Content-Encoding: gzip\r\nSet-Cookie: ASPSESSIONIDQSCTRDTA=LATER; path=/\r\n\r\n")


@pytest.fixture(scope="module")
def exported(crawled_archive, tmp_path_factory):
    """The crawled archive, one article fetched again unchanged a day later (a fetch with its
    own head, as the snapshot middleware records it), exported to WARC and to WACZ by the
    command."""
    folder = tmp_path_factory.mktemp("export")
    db = copy_archive(crawled_archive, folder / "archive.db")
    archive = Archive(db)
    snapshot_id, url, fetched_at, payload_sha = archive.db.execute(
        "SELECT s.id, s.url, s.fetched_at, f.payload_sha256 FROM articles a JOIN snapshots s "
        "ON s.id = a.snapshot_id JOIN fetches f ON f.id = s.fetch_id "
        "ORDER BY a.id LIMIT 1").fetchone()
    later = (datetime.fromisoformat(fetched_at) + timedelta(days=1)).isoformat()
    body = archive.snapshot_bytes(snapshot_id)
    payload = payload_bytes(archive, payload_sha)
    again, stored = archive.add_snapshot(
        url, 200, {}, body, "gb18030", body.decode("gb18030"), fetched_at=later,
        fetch={"request_head": b"GET / HTTP/1.1\r\n\r\n", "response_head": LATER_HEAD,
               "protocol": "HTTP/1.0", "reason": "OK", "head_source": "wire",
               "payload": payload})
    assert (again, stored) == (snapshot_id, False)
    (captures,) = archive.db.execute("SELECT count(*) FROM captures").fetchone()
    archive.close()
    for name in ("out.warc.gz", "out.wacz"):
        done = portscraper("export", str(folder / name), "--db", str(db))
        assert done.returncode == 0, done.stderr
        # The page fetched again, and requisites whose bytes another URL had (a layout pixel).
        assert f"{captures} revisits" in done.stdout
    return {"db": db, "warc": folder / "out.warc.gz", "wacz": folder / "out.wacz",
            "folder": folder, "revisited": (snapshot_id, url, later)}


def records(path: Path) -> list:
    with path.open("rb") as stream:
        return [(r.rec_type, dict(r.rec_headers.headers), r.content_stream().read())
                for r in ArchiveIterator(stream)]


def raw_records(path: Path) -> list:
    """(WARC headers, block as written) of every record."""
    with path.open("rb") as stream:
        return [(dict(r.rec_headers.headers), r.raw_stream.read())
                for r in ArchiveIterator(stream, no_record_parse=True)]


def test_each_response_record_is_what_the_server_sent(exported, replica):
    """The replica recorded each answer as written on the socket: every response record's
    block (status line, headers, payload) is one of them, byte for byte."""
    sent = {head + body for _, head, body in replica.sent}
    found = raw_records(exported["warc"])
    assert found[0][0]["WARC-Type"] == "warcinfo"
    responses = [(h, block) for h, block in found if h["WARC-Type"] == "response"]
    assert responses and all(block in sent for _, block in responses)
    for headers, block in responses:
        payload = block.split(b"\r\n\r\n", 1)[1]
        assert headers["WARC-Payload-Digest"] == "sha256:" + hashlib.sha256(payload).hexdigest()
        assert headers["WARC-Block-Digest"] == "sha256:" + hashlib.sha256(block).hexdigest()
        assert headers["WARC-IP-Address"] == "127.0.0.1"
        assert REBUILT_FIELD not in headers
    # Gzipped articles stay gzipped, the HTTP/1.0 status line and repeated cookies as sent.
    assert any(b"\r\nContent-Encoding: gzip\r\n" in block for _, block in responses)
    assert all(block.startswith(b"HTTP/1.0 ") for _, block in responses)
    requests = [(h, block) for h, block in found if h["WARC-Type"] == "request"]
    assert {h["WARC-Concurrent-To"] for h, _ in requests} >= {
        h["WARC-Record-ID"] for h, _ in responses}
    assert all(b"\r\nUser-Agent: portscraper/" in block for h, block in requests
               if block != b"GET / HTTP/1.1\r\n\r\n")  # but the fixture's own fetch
    # Record ids: unique in the file, and each the uuid5 of its fetch as the docs give the rule
    # ("KIND fetch ID URL FETCHED_AT" in the project's namespace), written out here rather than
    # computed by the exporter's own function.
    ids = [h["WARC-Record-ID"] for h, _ in found if "WARC-Record-ID" in h]
    assert len(ids) == len(set(ids))
    db = sqlite3.connect(exported["db"])
    fetches = db.execute("SELECT id, url, fetched_at FROM fetches").fetchall()
    expected = {f"<urn:uuid:{uuid.uuid5(RECORD_NAMESPACE, f'response fetch {i} {u} {at}')}>"
                for i, u, at in fetches}
    assert {h["WARC-Record-ID"] for h, _ in responses} <= expected


def test_a_revisit_carries_its_own_fetch_head_and_time(exported):
    snapshot_id, url, later = exported["revisited"]
    found = raw_records(exported["warc"])
    by_id = {h["WARC-Record-ID"]: (h, block) for h, block in found}
    (revisit,) = [(h, block) for h, block in found if h["WARC-Type"] == "revisit"
                  and block == LATER_HEAD]
    headers = revisit[0]
    assert headers["WARC-Target-URI"] == url and headers["WARC-Refers-To-Target-URI"] == url
    assert headers["WARC-Date"].startswith(later[:19])
    assert headers["WARC-Profile"].endswith("/revisit/identical-payload-digest")
    original, block = by_id[headers["WARC-Refers-To"]]
    assert original["WARC-Type"] == "response"
    assert original["WARC-Payload-Digest"] == headers["WARC-Payload-Digest"]
    # Every revisit refers to a response of the same file, written before it.
    order = [h["WARC-Record-ID"] for h, _ in found]
    for h, _ in found:
        if h["WARC-Type"] == "revisit":
            assert by_id[h["WARC-Refers-To"]][0]["WARC-Type"] == "response"
            assert order.index(h["WARC-Refers-To"]) < order.index(h["WARC-Record-ID"])


def test_pages_kept_before_version_7_are_exported_marked_rebuilt(crawled_archive, tmp_path):
    db = copy_archive(crawled_archive, tmp_path / "archive.db")
    archive = Archive(db)
    (url,) = archive.db.execute("SELECT url FROM snapshots LIMIT 1").fetchone()
    archive.add_snapshot(url + "&old=1", 200, {"Content-Type": "text/html"}, b"<html>old</html>",
                         "utf-8", "<html>old</html>")  # no fetch: as an earlier version kept it
    archive.close()
    out = tmp_path / "out.warc.gz"
    done = portscraper("export", str(out), "--db", str(db))
    assert done.returncode == 0 and "2 with headers rebuilt" in done.stdout, done.stdout
    found = raw_records(out)
    marked = [h for h, _ in found if REBUILT_FIELD in h]
    assert [h["WARC-Type"] for h in marked] == ["response", "request"]
    assert {h["WARC-Target-URI"] for h in marked} == {url + "&old=1"}
    assert b"rebuilt" in found[0][1]  # the warcinfo record says it too


def test_warcio_check_passes_on_every_exported_file(exported):
    with zipfile.ZipFile(exported["wacz"]) as wacz:
        inner = [name for name in wacz.namelist() if name.startswith("archive/")]
        assert inner
        wacz.extractall(exported["folder"] / "unpacked")
    files = [exported["warc"], *(exported["folder"] / "unpacked" / name for name in inner)]
    for path in files:
        check = subprocess.run([BIN / "warcio", "check", "-v", str(path)], capture_output=True,
                               text=True, timeout=120)
        assert check.returncode == 0, check.stdout[-2000:]
        verdicts = [line.strip() for line in check.stdout.splitlines()
                    if line.strip().startswith("digest")]
        # Every record's digests were checked and passed (none missing, none failed); a
        # revisit's payload digest is its original's, which warcio leaves unchecked.
        assert "digest pass" in verdicts
        assert set(verdicts) <= {"digest pass", "digest present but not checked (revisit)"}


def test_wacz_datapackage_hashes_are_those_of_its_files(exported):
    with zipfile.ZipFile(exported["wacz"]) as wacz:
        package = json.loads(wacz.read("datapackage.json"))
        digest = json.loads(wacz.read("datapackage-digest.json"))
        assert digest["hash"] == "sha256:" + hashlib.sha256(
            wacz.read("datapackage.json")).hexdigest()
        paths = {resource["path"] for resource in package["resources"]}
        assert {"pages/pages.jsonl", "indexes/index.cdx.gz"} <= paths
        for resource in package["resources"]:
            data = wacz.read(resource["path"])
            assert resource["hash"] == "sha256:" + hashlib.sha256(data).hexdigest()
            assert resource["bytes"] == len(data)
        pages = [json.loads(line) for line in wacz.read("pages/pages.jsonl").splitlines()]
    archive = Archive(exported["db"])
    assert len(pages) - 1 == archive.db["articles"].count  # a header line, then the articles
    archive.close()
    from wacz.main import main as wacz_main

    assert wacz_main(["validate", "-f", str(exported["wacz"])]) == 0


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _timestamp(iso: str) -> str:
    return datetime.fromisoformat(iso).strftime("%Y%m%d%H%M%S")


@pytest.mark.skipif(find_spec("pywb") is None, reason="pywb is not installed (pip install -e "
                    "'.[test]' installs it)")
def test_pywb_replays_an_article_byte_for_byte(exported, tmp_path):
    """The WACZ loaded into pywb (wb-manager), pywb's server on a free port of 127.0.0.1; an
    article fetched through it in pywb's identity mode (id_: the archived bytes, unrewritten)
    is its stored snapshot (pywb undoes the gzip for a client that does not ask for it), at
    its first fetch and at its revisit."""
    for args in (["init", "portscraper"],
                 ["add", "--unpack-wacz", "portscraper", str(exported["wacz"])]):
        done = subprocess.run([BIN / "wb-manager", *args], cwd=tmp_path, capture_output=True,
                              text=True, timeout=120)
        assert done.returncode == 0, done.stderr[-2000:]
    port = _free_port()
    server = subprocess.Popen([BIN / "wayback", "-p", str(port), "-b", "127.0.0.1"],
                              cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        _wait_for(port, server)
        archive = Archive(exported["db"])
        snapshot_id, url, later = exported["revisited"]
        first = archive.db.execute("SELECT fetched_at FROM snapshots WHERE id = ?",
                                   [snapshot_id]).fetchone()[0]
        for moment in (first, later):
            replay = f"http://127.0.0.1:{port}/portscraper/{_timestamp(moment)}id_/{url}"
            with urllib.request.urlopen(replay, timeout=30) as answer:
                assert answer.status == 200
                assert answer.headers["Memento-Datetime"]
                payload = answer.read()
                if answer.headers["Content-Encoding"] == "gzip":
                    payload = gzip.decompress(payload)
                assert payload == archive.snapshot_bytes(snapshot_id)
        archive.close()
    finally:
        server.terminate()
        server.wait(timeout=30)


@pytest.mark.skipif(find_spec("pywb") is None, reason="pywb is not installed (pip install -e "
                    "'.[test]' installs it)")
def test_an_export_of_one_day_replays_on_its_own_in_pywb(exported, tmp_path):
    """An export of the day the article was fetched again unchanged refers to nothing outside
    itself: that fetch, the first of its payload in the selection, is written as a response of
    its own time (docs/web-archives.md), so that, loaded alone into pywb, the article replays
    at that time; wacz validate passes on it."""
    snapshot_id, url, later = exported["revisited"]
    day = later[:10]
    wacz = tmp_path / "day.wacz"
    done = portscraper("export", str(wacz), "--db", str(exported["db"]), "--since", day,
                       "--until", day)
    assert done.returncode == 0, done.stderr
    from wacz.main import main as wacz_main

    assert wacz_main(["validate", "-f", str(wacz)]) == 0
    with zipfile.ZipFile(wacz) as package:
        (name,) = [n for n in package.namelist() if n.endswith(".warc.gz")]
        warc = tmp_path / "day.warc.gz"
        warc.write_bytes(package.read(name))
    found = raw_records(warc)
    records = [h for h, _ in found if h.get("WARC-Target-URI") == url]
    responses = [h for h in records if h["WARC-Type"] == "response"]
    assert [h["WARC-Date"][:19] for h in responses] == [later[:19]]
    ids = {h["WARC-Record-ID"] for h, _ in found}
    assert all(h["WARC-Refers-To"] in ids for h, _ in found if h["WARC-Type"] == "revisit")
    for args in (["init", "day"], ["add", "--unpack-wacz", "day", str(wacz)]):
        step = subprocess.run([BIN / "wb-manager", *args], cwd=tmp_path, capture_output=True,
                              text=True, timeout=120)
        assert step.returncode == 0, step.stderr[-2000:]
    port = _free_port()
    server = subprocess.Popen([BIN / "wayback", "-p", str(port), "-b", "127.0.0.1"],
                              cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        _wait_for(port, server)
        replay = f"http://127.0.0.1:{port}/day/{_timestamp(later)}id_/{url}"
        with urllib.request.urlopen(replay, timeout=30) as answer:
            assert answer.status == 200
            payload = answer.read()
            if answer.headers["Content-Encoding"] == "gzip":
                payload = gzip.decompress(payload)
        archive = Archive(exported["db"])
        assert payload == archive.snapshot_bytes(snapshot_id)
        archive.close()
    finally:
        server.terminate()
        server.wait(timeout=30)


def _wait_for(port: int, server: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"pywb exited: {server.stderr.read().decode()[-2000:]}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    pytest.fail("pywb did not start listening")


def test_a_selection_exports_its_pages_only_and_bad_input_is_refused(exported, tmp_path):
    db = str(exported["db"])
    whole = records(exported["warc"])
    one = tmp_path / "crawl1.warc.gz"
    assert portscraper("export", str(one), "--db", db, "--crawl", "1").returncode == 0
    # The revisit (and its request) was made outside any crawl: the crawl's export is its
    # pages alone, and every revisit in it refers to a response in it (it replays alone).
    assert len(records(one)) == len(whole) - 2
    found = raw_records(one)
    responses = {h["WARC-Record-ID"] for h, _ in found if h["WARC-Type"] == "response"}
    revisits = [h for h, _ in found if h["WARC-Type"] == "revisit"]
    assert revisits and all(h["WARC-Refers-To"] in responses for h in revisits)
    for args, message in [
        (["--crawl", "99"], "nothing to export"),
        (["--since", "2999-01-01"], "nothing to export"),
        (["--since", "yesterday"], "not a date"),
    ]:
        done = portscraper("export", str(tmp_path / "x.warc.gz"), "--db", db, *args)
        assert done.returncode == 2 and message in done.stderr, done.stderr
    for target, db_path, message in [
        (tmp_path / "x.zip", db, "must end in .warc.gz or .wacz"),
        (tmp_path / "missing" / "x.warc.gz", db, "does not exist"),
        (tmp_path / "x.warc.gz", str(tmp_path / "none.db"), "no archive at"),
    ]:
        done = portscraper("export", str(target), "--db", db_path)
        assert done.returncode == 2 and message in done.stderr, done.stderr
        assert len(done.stderr.strip().splitlines()) == 1


def test_a_fetch_changed_only_in_its_hit_counter_is_kept_and_exported_as_received(
        crawled_archive, tmp_path):
    """A later fetch whose page differs only in its hit counter reads as the same page (no new
    snapshot), but its bytes are kept (payloads): the export writes it as a response of its
    own, with its own head, and verify checks it."""
    db = copy_archive(crawled_archive, tmp_path / "archive.db")
    archive = Archive(db)
    counter = re.compile("(浏览次数|点击)：\\d+".encode("gb18030"))
    snapshot_id, url, fetched_at = next(
        row for row in archive.db.execute("SELECT s.id, s.url, s.fetched_at FROM articles a "
                                          "JOIN snapshots s ON s.id = a.snapshot_id")
        if counter.search(archive.snapshot_bytes(row[0])))
    body = archive.snapshot_bytes(snapshot_id)
    later = counter.sub(lambda m: m.group(1) + "：987654".encode("gb18030"), body, count=1)
    assert later != body
    head = b"HTTP/1.0 200 OK\r\nDate: Thu, 03 Jan 2030 08:00:00 GMT\r\n\r\n"
    again, stored = archive.add_snapshot(
        url, 200, {}, later, "gb18030", later.decode("gb18030"),
        fetched_at=(datetime.fromisoformat(fetched_at) + timedelta(days=2)).isoformat(),
        fetch={"request_head": b"GET / HTTP/1.1\r\n\r\n", "response_head": head,
               "head_source": "wire", "payload": later})
    archive.close()
    out = tmp_path / "out.warc.gz"
    done = portscraper("export", str(out), "--db", str(db))
    assert done.returncode == 0, done.stderr
    assert (again, stored) == (snapshot_id, False)  # read as the same page: a capture
    assert "not written" not in done.stdout
    blocks = [block for h, block in raw_records(out) if h["WARC-Type"] == "response"]
    assert head + later in blocks
    verify = portscraper("verify", "--db", str(db))
    assert verify.returncode == 0, verify.stdout
