"""`portscraper export`: the replica's archive as WARC 1.1 and WACZ, checked by the field's own
tools (warcio check, py-wacz validate) and replayed in pywb on 127.0.0.1, byte for byte."""

from __future__ import annotations

import hashlib
import json
import socket
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

from portscraper.archive.store import Archive

from ..conftest import ROOT, copy_archive

BIN = Path(sys.executable).parent
# The namespace of the export's record ids (docs/web-archives.md): a constant of the format,
# written out so that a change to it (every id of every earlier export changes) fails here.
RECORD_NAMESPACE = uuid.UUID("5b1f4a8e-6c1e-4f43-9a7e-0d3f2b1c6a90")


def portscraper(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "portscraper.cli", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def exported(crawled_archive, tmp_path_factory):
    """The crawled archive, one article fetched again unchanged a day later (a capture, as the
    snapshot middleware records it), exported to WARC and to WACZ by the command."""
    folder = tmp_path_factory.mktemp("export")
    db = copy_archive(crawled_archive, folder / "archive.db")
    archive = Archive(db)
    snapshot_id, url, fetched_at = archive.db.execute(
        "SELECT s.id, s.url, s.fetched_at FROM articles a JOIN snapshots s "
        "ON s.id = a.snapshot_id ORDER BY a.id LIMIT 1").fetchone()
    later = (datetime.fromisoformat(fetched_at) + timedelta(days=1)).isoformat()
    body = archive.snapshot_bytes(snapshot_id)
    again, stored = archive.add_snapshot(url, 200, {}, body, "gb18030", body.decode("gb18030"),
                                         fetched_at=later)
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


def test_every_page_is_a_response_with_its_stored_sha256_and_a_request(exported):
    archive = Archive(exported["db"])
    snapshots = {url: sha for url, sha in archive.db.execute(
        "SELECT url, sha256 FROM snapshots")}
    found = records(exported["warc"])
    assert found[0][0] == "warcinfo" and found[0][1]["WARC-Type"] == "warcinfo"
    assert all(headers.get("WARC-Date") for _, headers, _ in found)
    responses = {h["WARC-Target-URI"]: (h, body) for kind, h, body in found if kind == "response"}
    requests = [h for kind, h, _ in found if kind == "request"]
    assert set(responses) == set(snapshots) and len(requests) == len(snapshots)
    for url, (headers, body) in responses.items():
        assert headers["WARC-Payload-Digest"] == f"sha256:{snapshots[url]}"
        assert hashlib.sha256(body).hexdigest() == snapshots[url]
        # Stable ids, from the page's URL and its bytes' hash: written out here as the docs
        # give the rule (uuid5 of "response URL SHA256"), not by calling the exporter's own.
        name = uuid.uuid5(RECORD_NAMESPACE, f"response {url} {snapshots[url]}")
        assert headers["WARC-Record-ID"] == f"<urn:uuid:{name}>"
    ids = [h["WARC-Record-ID"] for _, h, _ in found if "WARC-Record-ID" in h]
    assert len(ids) == len(set(ids)), "record ids are unique in the file"
    assert {h["WARC-Concurrent-To"] for h in requests} == {
        h["WARC-Record-ID"] for h, _ in responses.values()}
    # Every revisit names a response in this file, of the same payload and its target URI.
    by_id = {h["WARC-Record-ID"]: h for h, _ in responses.values()}
    revisits = [h for kind, h, _ in found if kind == "revisit"]
    assert revisits
    for revisit in revisits:
        original = by_id[revisit["WARC-Refers-To"]]
        assert original["WARC-Payload-Digest"] == revisit["WARC-Payload-Digest"]
        assert original["WARC-Target-URI"] == revisit["WARC-Refers-To-Target-URI"]
    # The page fetched again unchanged: a revisit of its first response.
    snapshot_id, url, later = exported["revisited"]
    (revisit,) = [h for kind, h, _ in found if kind == "revisit"
                  and h["WARC-Target-URI"] == url]
    assert revisit["WARC-Target-URI"] == url and revisit["WARC-Refers-To-Target-URI"] == url
    assert revisit["WARC-Profile"].endswith("/revisit/identical-payload-digest")
    assert revisit["WARC-Refers-To"] == responses[url][0]["WARC-Record-ID"]
    assert revisit["WARC-Payload-Digest"] == f"sha256:{snapshots[url]}"
    archive.close()


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
    equals its stored snapshot, at its first fetch and at its revisit."""
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
                assert answer.read() == archive.snapshot_bytes(snapshot_id)
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
    # The revisit was made outside any crawl: the crawl's export is its pages alone.
    assert len(records(one)) == len(whole) - 1
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
