"""The archive out as WARC 1.1 and WACZ, the web-archiving world's formats. No Scrapy here.

    export_warc(archive, path, selection) -> ExportReport        path: FILE.warc.gz
    export_wacz(archive, path, selection) -> ExportReport        path: FILE.wacz

Written with warcio (the Webrecorder library pywb and Browsertrix use) and packaged with the
`wacz` tool (py-wacz), not by hand. What a WARC holds, and where each rule comes from:

- one `warcinfo` record first (WARC 1.1 §6.2): the software, the format, what was selected and
  the notes below;
- per snapshot, a `response` record (§6.3): `WARC-Target-URI` the URL fetched, `WARC-Date` the
  time it was fetched (`snapshots.fetched_at`), the HTTP status line and headers as stored, and
  the page's bytes as stored. `WARC-Payload-Digest` is `sha256:` and the hex digest, the very
  value of `snapshots.sha256` (WARC 1.1 §5.9 leaves the encoding to the writer; warcio, pywb and
  `warcio check` read base16 as well as base32); `WARC-Block-Digest` is the sha256 of the block
  (headers and payload) in the same form;
- per snapshot, a `request` record (§6.4) `WARC-Concurrent-To` its response: a GET of the URL
  with its Host. The archive does not keep the headers a crawl sent, so this record is
  reconstructed, and the warcinfo record says so;
- per later fetch of a page already stored with the same bytes (`captures`), a `revisit` record
  (§6.7) with the profile `identical-payload-digest` that refers to the snapshot's response
  (`WARC-Refers-To`, `-Target-URI`, `-Date`). A later fetch whose bytes differed only in a hit
  counter or today's date was not kept (see archive.add_snapshot), so nothing can be written
  for it that would be true: it is counted (`captures_not_exported`), not written.

Notes a reader of the WARC needs (written in its warcinfo record): the archive keeps a page's
body after the HTTP content-encoding (gzip) was undone, so a record's payload is that body, and
its HTTP headers lose Content-Encoding and Transfer-Encoding and get the payload's
Content-Length. Record ids are derived from the URL and the payload's hash (uuid5), so a page is
the same record in every export and a revisit in one export can refer to a response in another.

A selection is the whole archive, one crawl (`crawl_id`: its snapshots and captures) or a date
range (`since`, `until`: ISO dates, inclusive, on the UTC date of the fetch).
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import shutil
import tempfile
import uuid
from dataclasses import dataclass
from datetime import datetime
from http import HTTPStatus
from importlib.metadata import version
from pathlib import Path
from urllib.parse import urlsplit

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from portscraper.archive.store import Archive

WARC_VERSION = "WARC/1.1"
# Headers that describe the bytes on the wire, not the body the archive keeps.
WIRE_HEADERS = frozenset(("content-encoding", "transfer-encoding", "content-length"))
RECORD_NAMESPACE = uuid.UUID("5b1f4a8e-6c1e-4f43-9a7e-0d3f2b1c6a90")


class ExportError(Exception):
    """The export cannot be made as asked (bad selection, unwritable output)."""


@dataclass(frozen=True)
class Selection:
    crawl_id: int | None = None
    since: str | None = None  # YYYY-MM-DD, inclusive
    until: str | None = None  # YYYY-MM-DD, inclusive

    def where(self, table: str) -> tuple[str, list]:
        """SQL condition on `table` (snapshots or captures) and its parameters."""
        clauses, params = [], []
        if self.crawl_id is not None:
            clauses.append(f"{table}.crawl_id = ?")
            params.append(self.crawl_id)
        if self.since:
            clauses.append(f"substr({table}.fetched_at, 1, 10) >= ?")
            params.append(self.since)
        if self.until:
            clauses.append(f"substr({table}.fetched_at, 1, 10) <= ?")
            params.append(self.until)
        return (" AND ".join(clauses) or "1"), params

    def describe(self) -> str:
        parts = [f"crawl {self.crawl_id}" if self.crawl_id is not None else "",
                 f"fetched from {self.since}" if self.since else "",
                 f"fetched until {self.until}" if self.until else ""]
        return ", ".join(p for p in parts if p) or "the whole archive"


@dataclass
class ExportReport:
    path: Path
    responses: int = 0
    requests: int = 0
    revisits: int = 0
    captures_not_exported: int = 0
    pages: int = 0  # article pages listed in a WACZ's pages.jsonl

    def summary(self) -> str:
        text = (f"{self.path}: {self.responses} responses, {self.requests} requests, "
                f"{self.revisits} revisits")
        if self.pages:
            text += f", {self.pages} article pages listed"
        if self.captures_not_exported:
            text += (f"; {self.captures_not_exported} later fetches not written (their bytes "
                     "differed only in a hit counter or date and were not kept)")
        return text


def record_id(url: str, sha256: str, kind: str = "response") -> str:
    return f"<urn:uuid:{uuid.uuid5(RECORD_NAMESPACE, f'{kind} {url} {sha256}')}>"


def warc_date(iso: str) -> str:
    """An archive time (ISO 8601 with an offset, UTC) as a WARC-Date (…Z, W3C-ISO8601)."""
    moment = datetime.fromisoformat(iso)
    text = moment.strftime("%Y-%m-%dT%H:%M:%S")
    if moment.microsecond:
        text += f".{moment.microsecond:06d}"
    return text + "Z"


def http_headers(status: int, headers_json: str | None, length: int | None) -> StatusAndHeaders:
    """The stored HTTP headers as a response head: wire-only headers out, Content-Length of
    the payload in (None: a revisit, whose block has no payload)."""
    try:
        phrase = HTTPStatus(status).phrase
    except ValueError:
        phrase = ""
    stored = json.loads(headers_json or "{}")
    pairs = [(name, value) for name, value in stored.items() if name.lower() not in WIRE_HEADERS]
    if length is not None:
        pairs.append(("Content-Length", str(length)))
    return StatusAndHeaders(f"{status} {phrase}".strip(), pairs, protocol="HTTP/1.1")


def _digest(data: bytes) -> str:
    return "sha256:" + hashlib.sha256(data).hexdigest()


class _Writer:
    def __init__(self, out, archive: Archive):
        self.warc = WARCWriter(out, gzip=True, warc_version=WARC_VERSION)
        self.archive = archive

    def write(self, record) -> None:
        if not record.rec_headers.get_header("WARC-Block-Digest"):
            # The block digest in the payload digest's form (warcio would write sha1, base32).
            head = b""
            if record.http_headers is not None:
                record.http_headers.compute_headers_buffer()
                head = record.http_headers.headers_buff
            stream = record.raw_stream
            position = stream.tell()
            payload = stream.read()
            stream.seek(position)
            record.rec_headers.add_header("WARC-Block-Digest", _digest(head + payload))
        self.warc.write_record(record)

    def response(self, snapshot: dict) -> None:
        body = self.archive.snapshot_bytes(snapshot["id"])
        rid = record_id(snapshot["url"], snapshot["sha256"])
        date = warc_date(snapshot["fetched_at"])
        response = self.warc.create_warc_record(
            snapshot["url"], "response", payload=io.BytesIO(body), length=len(body),
            http_headers=http_headers(snapshot["status"], snapshot["headers"], len(body)),
            warc_headers_dict={"WARC-Record-ID": rid, "WARC-Date": date,
                               "WARC-Payload-Digest": "sha256:" + snapshot["sha256"]})
        self.write(response)
        parts = urlsplit(snapshot["url"])
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        request = self.warc.create_warc_record(
            snapshot["url"], "request",
            http_headers=StatusAndHeaders(f"GET {target} HTTP/1.1",
                                          [("Host", parts.netloc)], is_http_request=True),
            warc_headers_dict={"WARC-Record-ID": record_id(snapshot["url"], snapshot["sha256"],
                                                           "request"),
                               "WARC-Date": date, "WARC-Concurrent-To": rid})
        self.write(request)

    def revisit(self, capture: dict) -> None:
        record = self.warc.create_revisit_record(
            capture["url"], "sha256:" + capture["sha256"], capture["original_url"],
            warc_date(capture["original_fetched_at"]),
            http_headers=http_headers(capture["status"], capture["headers"], None),
            warc_headers_dict={
                "WARC-Record-ID": record_id(capture["url"], capture["sha256"],
                                            f"revisit {capture['id']}"),
                "WARC-Date": warc_date(capture["fetched_at"]),
                "WARC-Refers-To": record_id(capture["original_url"], capture["sha256"]),
            })
        self.write(record)


def export_warc(archive: Archive, path: Path, selection: Selection = Selection()) -> ExportReport:
    """Write the selected snapshots (and revisits of their later fetches) to `path`, a
    gzipped WARC (one gzip member per record, as indexers need)."""
    path = Path(path)
    report = ExportReport(path=path)
    snapshots, captures = _selected(archive, selection)
    if not snapshots and not captures:
        raise ExportError(f"nothing to export: no page was fetched in {selection.describe()}")
    entries = [(s["fetched_at"], 0, s["id"], s) for s in snapshots]
    for capture in captures:
        if capture["sha256"] == capture["original_sha256"]:
            entries.append((capture["fetched_at"], 1, capture["id"], capture))
        else:
            report.captures_not_exported += 1
    entries.sort(key=lambda entry: entry[:3])
    with _replaced_whole(path) as part, part.open("wb") as out:
        writer = _Writer(out, archive)
        writer.write(writer.warc.create_warcinfo_record(path.name, _info(archive, selection)))
        for _, kind, _, row in entries:
            if kind == 0:
                writer.response(row)
                report.responses += 1
                report.requests += 1
            else:
                writer.revisit(row)
                report.revisits += 1
    return report


@contextlib.contextmanager
def _replaced_whole(path: Path):
    """A new file beside `path` to write; when the block ends without an error it becomes
    `path` at once (os.replace, one folder: one file system), else it is removed. So an export
    that fails or is killed halfway never leaves a partial file under the name asked for (a
    WARC cut short still reads as one: a reader could not tell). ExportError when the folder
    cannot be written."""
    try:
        handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    except OSError as exc:
        raise ExportError(f"cannot write {path}: {exc.strerror}") from None
    os.close(handle)
    part = Path(name)
    umask = os.umask(0)
    os.umask(umask)
    part.chmod(0o666 & ~umask)  # as open() would make it, not mkstemp's owner-only 0600
    try:
        yield part
        os.replace(part, path)
    finally:
        part.unlink(missing_ok=True)


def _info(archive: Archive, selection: Selection) -> dict:
    return {
        "software": f"portscraper {version('portscraper')} (warcio {version('warcio')})",
        "format": "WARC File Format 1.1",
        "conformsTo": "https://iipc.github.io/warc-specifications/specifications/"
                      "warc-format/warc-1.1/",
        "description": f"Pages of a portscraper archive: {selection.describe()}.",
        "x-portscraper-archive": Path(archive.db.conn.execute("PRAGMA database_list")
                                      .fetchone()[2] or ":memory:").name,
        "x-portscraper-notes": "payloads are the HTTP bodies as stored, after the content-"
                               "encoding was undone (Content-Encoding and Transfer-Encoding "
                               "removed, Content-Length of the payload); request records are "
                               "reconstructed (GET and Host only); WARC-Payload-Digest is the "
                               "archive's sha256, hex",
    }


def _selected(archive: Archive, selection: Selection) -> tuple[list[dict], list[dict]]:
    db = archive.db
    where, params = selection.where("snapshots")
    cursor = db.execute("SELECT id, url, fetched_at, status, headers, sha256 FROM snapshots "
                        f"WHERE {where} ORDER BY id", params)
    names = [c[0] for c in cursor.description]
    snapshots = [dict(zip(names, row, strict=True)) for row in cursor]
    where, params = selection.where("captures")
    cursor = db.execute(
        "SELECT captures.id, captures.url, captures.fetched_at, captures.status, "
        "captures.sha256, s.url AS original_url, s.fetched_at AS original_fetched_at, "
        "s.sha256 AS original_sha256, s.headers FROM captures "
        f"JOIN snapshots s ON s.id = captures.snapshot_id WHERE {where} ORDER BY captures.id",
        params)
    names = [c[0] for c in cursor.description]
    return snapshots, [dict(zip(names, row, strict=True)) for row in cursor]


def export_wacz(archive: Archive, path: Path, selection: Selection = Selection()) -> ExportReport:
    """A WACZ (1.1.1, the format ReplayWeb.page loads): the WARC of `export_warc`, its CDXJ
    index and `pages/pages.jsonl` listing the selected article pages with their titles, packed
    by py-wacz, which writes `datapackage.json` with each file's sha256."""
    from wacz.main import main as wacz_main

    path = Path(path)
    if not path.parent.is_dir():
        raise ExportError(f"cannot write {path}: the folder {path.parent} does not exist")
    with tempfile.TemporaryDirectory(prefix="portscraper-wacz-") as tmp:
        warc = Path(tmp) / (path.name.removesuffix(".wacz") + ".warc.gz")
        report = export_warc(archive, warc, selection)
        pages = Path(tmp) / "pages.jsonl"
        report.pages = _write_pages(archive, selection, pages)
        args = ["create", "-o", str(Path(tmp) / "out.wacz"), "--title",
                f"portscraper: {selection.describe()}", "--desc",
                "Press releases of Chinese port groups, archived by portscraper"]
        if report.pages:
            args += ["-p", str(pages)]
        # py-wacz reports its steps on stdout: kept off the command's own output.
        with contextlib.redirect_stdout(io.StringIO()) as said:
            code = wacz_main(args + [str(warc)])
        if code:
            raise ExportError(f"py-wacz could not package {warc.name} (exit code {code}): "
                              f"{said.getvalue().strip().splitlines()[-1:]}")
        # The temporary folder may be on another file system: copied beside `path` first.
        with _replaced_whole(path) as part:
            shutil.copyfile(Path(tmp) / "out.wacz", part)
    report.path = path
    return report


def _write_pages(archive: Archive, selection: Selection, target: Path) -> int:
    """pages.jsonl (WACZ's json-pages-1.0): the selected snapshots that articles were read
    from, with the article's title."""
    where, params = selection.where("snapshots")
    rows = archive.db.execute(
        "SELECT snapshots.url, snapshots.fetched_at, a.title, a.id FROM articles a "
        f"JOIN snapshots ON snapshots.id = a.snapshot_id WHERE {where} ORDER BY a.id",
        params).fetchall()
    with target.open("w", encoding="utf-8") as out:
        out.write(json.dumps({"format": "json-pages-1.0", "id": "pages",
                              "title": "Articles"}) + "\n")
        for url, fetched_at, title, article_id in rows:
            out.write(json.dumps({"id": f"article-{article_id}", "url": url,
                                  "ts": warc_date(fetched_at), "title": title},
                                 ensure_ascii=False) + "\n")
    return len(rows)
