"""The archive out as WARC 1.1 and WACZ, the web-archiving world's formats. No Scrapy here.

    export_warc(archive, path, selection) -> ExportReport        path: FILE.warc.gz
    export_wacz(archive, path, selection) -> ExportReport        path: FILE.wacz

Written with warcio (the Webrecorder library pywb and Browsertrix use) and packaged with the
`wacz` tool (py-wacz), not by hand. What a WARC holds, and where each rule comes from:

- one `warcinfo` record first (WARC 1.1 §6.2): the software, the format, what was selected and
  the notes below;
- per fetch kept as received (`fetches`, archive/fetches.py), in the order they were made: the
  first fetch of each payload in the selection is a `response` record (§6.3) whose block is the
  response head as received (status line, headers in their order and case, repeats) and the
  payload as transferred (still gzipped when it was sent so), `WARC-Date` the fetch's time,
  `WARC-IP-Address` the server's; a later fetch of the same payload (same URL or not) is a
  `revisit` record (§6.7, profile `identical-payload-digest`) whose block is that fetch's own
  response head (its own Date, Set-Cookie …), referring to the response of this same file
  (`WARC-Refers-To`, `-Target-URI`, `-Date`). So an export of one crawl or one date range
  replays on its own: every revisit's original is in it. Each is followed by a `request`
  record (§6.4, `WARC-Concurrent-To`) holding the request's head as sent;
- `WARC-Payload-Digest` is `sha256:` and the hex digest of the payload as transferred (WARC 1.1
  §5.9 leaves the encoding to the writer; warcio, pywb and `warcio check` read base16 as well
  as base32), `WARC-Block-Digest` the sha256 of the block in the same form;
- a head that says `Transfer-Encoding: chunked` gets its payload as one chunk (Twisted
  de-chunked it on receipt, so the chunks the server sent are not known; the payload digest is
  over the de-chunked payload, the entity body).

Pages an archive made before version 7 holds (no fetch kept: `snapshots.fetch_id` empty) are
written as that version wrote them, their headers rebuilt from the stored ones (the body as
decoded, Content-Encoding dropped, a request of GET and Host), every such record saying so in
`WARC-Portscraper-Headers: rebuilt`, and the warcinfo record too. Record ids are derived from
the fetch (uuid5), so a fetch is the same record in every export that writes it as the same type.

A selection is the whole archive, one crawl (`crawl_id`: its fetches) or a date range (`since`,
`until`: ISO dates, inclusive, on the UTC date of the fetch).
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

from warcio.recordloader import ArcWarcRecord
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from portscraper.archive.fetches import header, payload_bytes
from portscraper.archive.store import Archive

WARC_VERSION = "WARC/1.1"
# Headers that describe the bytes on the wire, not the body the archive keeps.
WIRE_HEADERS = frozenset(("content-encoding", "transfer-encoding", "content-length"))
RECORD_NAMESPACE = uuid.UUID("5b1f4a8e-6c1e-4f43-9a7e-0d3f2b1c6a90")
# The field that marks a record whose HTTP headers were rebuilt (an archive before version 7).
REBUILT_FIELD = "WARC-Portscraper-Headers"
REBUILT = ("rebuilt (archive made before version 7: headers as parsed, the body as decoded, "
           "a request of GET and Host)")
REVISIT_PROFILE = "http://netpreserve.org/warc/1.1/revisit/identical-payload-digest"
HTTP_RESPONSE = "application/http; msgtype=response"
HTTP_REQUEST = "application/http; msgtype=request"


class ExportError(Exception):
    """The export cannot be made as asked (bad selection, unwritable output)."""


@dataclass(frozen=True)
class Selection:
    crawl_id: int | None = None
    since: str | None = None  # YYYY-MM-DD, inclusive
    until: str | None = None  # YYYY-MM-DD, inclusive

    def where(self, table: str) -> tuple[str, list]:
        """SQL condition on `table` (fetches, snapshots or captures) and its parameters."""
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
    rebuilt: int = 0  # records of an archive before version 7, headers rebuilt
    captures_not_exported: int = 0
    pages: int = 0  # article pages listed in a WACZ's pages.jsonl

    def summary(self) -> str:
        text = (f"{self.path}: {self.responses} responses, {self.requests} requests, "
                f"{self.revisits} revisits")
        if self.pages:
            text += f", {self.pages} pages listed"
        if self.rebuilt:
            text += f"; {self.rebuilt} with headers rebuilt (kept before version 7)"
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


def fetch_record_id(fetch: dict, kind: str) -> str:
    """The record id of a fetch written as `kind` (response, revisit, request)."""
    key = f"{kind} fetch {fetch['id']} {fetch['url']} {fetch['fetched_at']}"
    return f"<urn:uuid:{uuid.uuid5(RECORD_NAMESPACE, key)}>"


def _as_transferred(head: bytes, payload: bytes) -> bytes:
    """The payload as the head says it was framed: one chunk when the head says chunked (the
    chunks sent are not known: Twisted de-chunked them)."""
    if "chunked" not in (header(head.decode("latin-1"), "Transfer-Encoding") or "").lower():
        return payload
    chunk = b"%x\r\n%s\r\n" % (len(payload), payload) if payload else b""
    return chunk + b"0\r\n\r\n"


class _RawHead(StatusAndHeaders):
    """An HTTP head written as kept, byte for byte (warcio writes `headers_buff`, which it
    would otherwise compute from parsed headers)."""

    def __init__(self, raw: bytes):
        super().__init__("", [])
        self.headers_buff = raw

    def compute_headers_buffer(self, header_filter=None) -> None:
        pass

    def __bool__(self) -> bool:  # warcio writes a head only when its parsed form is not empty
        return True


class _Writer:
    def __init__(self, out, archive: Archive):
        self.warc = WARCWriter(out, gzip=True, warc_version=WARC_VERSION)
        self.archive = archive
        # payload sha256 -> (record id, URL, WARC-Date) of its response in this file.
        self.written: dict[str, tuple[str, str, str]] = {}

    def raw(self, uri: str, kind: str, head: bytes, payload: bytes, content_type: str,
            fields: dict) -> None:
        """A record whose block is `head` and `payload` as given (warcio would re-serialise
        parsed headers: their spacing and line ends would not be the server's)."""
        headers = self.warc._init_warc_headers(uri, kind, fields)
        headers.add_header("WARC-Block-Digest", _digest(head + payload))
        if not headers.get_header("WARC-Payload-Digest"):
            headers.add_header("WARC-Payload-Digest", _digest(payload))
        record = ArcWarcRecord("warc", kind, headers, io.BytesIO(payload), _RawHead(head),
                               content_type, len(payload))
        record.payload_length = len(payload)
        self.warc.write_record(record)

    def fetch(self, row: dict) -> str:
        """Write one fetch kept as received (and its request); 'response' or 'revisit'."""
        url, sha = row["url"], row["payload_sha256"]
        head = row["response_head"].encode("latin-1")
        date = warc_date(row["fetched_at"])
        fields = {"WARC-Date": date, "WARC-Payload-Digest": "sha256:" + sha}
        if row["ip"]:
            fields["WARC-IP-Address"] = row["ip"]
        original = self.written.get(sha)
        if original is None:
            kind, rid = "response", fetch_record_id(row, "response")
            payload = _as_transferred(head, payload_bytes(self.archive, sha))
            self.raw(url, kind, head, payload, HTTP_RESPONSE, {"WARC-Record-ID": rid, **fields})
            self.written[sha] = (rid, url, date)
        else:
            kind, rid = "revisit", fetch_record_id(row, "revisit")
            self.raw(url, kind, head, b"", HTTP_RESPONSE, {
                "WARC-Record-ID": rid, **fields, "WARC-Profile": REVISIT_PROFILE,
                "WARC-Refers-To": original[0], "WARC-Refers-To-Target-URI": original[1],
                "WARC-Refers-To-Date": original[2]})
        if row["request_head"]:
            self.raw(url, "request", row["request_head"].encode("latin-1"), b"", HTTP_REQUEST,
                     {"WARC-Record-ID": fetch_record_id(row, "request"), "WARC-Date": date,
                      "WARC-Concurrent-To": rid})
        return kind

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
                               "WARC-Payload-Digest": "sha256:" + snapshot["sha256"],
                               REBUILT_FIELD: REBUILT})
        self.write(response)
        parts = urlsplit(snapshot["url"])
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        request = self.warc.create_warc_record(
            snapshot["url"], "request",
            http_headers=StatusAndHeaders(f"GET {target} HTTP/1.1",
                                          [("Host", parts.netloc)], is_http_request=True),
            warc_headers_dict={"WARC-Record-ID": record_id(snapshot["url"], snapshot["sha256"],
                                                           "request"),
                               "WARC-Date": date, "WARC-Concurrent-To": rid,
                               REBUILT_FIELD: REBUILT})
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
                REBUILT_FIELD: REBUILT,
            })
        self.write(record)


def export_warc(archive: Archive, path: Path, selection: Selection = Selection()) -> ExportReport:
    """Write the selected fetches (responses, revisits, requests: see the module's docstring)
    to `path`, a gzipped WARC (one gzip member per record, as indexers need)."""
    path = Path(path)
    report = ExportReport(path=path)
    fetches, snapshots, captures = _selected(archive, selection)
    if not fetches and not snapshots and not captures:
        raise ExportError(f"nothing to export: no page was fetched in {selection.describe()}")
    entries = [(f["fetched_at"], 0, f["id"], f) for f in fetches]
    entries += [(s["fetched_at"], 1, s["id"], s) for s in snapshots]
    for capture in captures:
        if capture["sha256"] == capture["original_sha256"]:
            entries.append((capture["fetched_at"], 2, capture["id"], capture))
        else:
            report.captures_not_exported += 1
    entries.sort(key=lambda entry: entry[:3])
    with _replaced_whole(path) as part, part.open("wb") as out:
        writer = _Writer(out, archive)
        writer.write(writer.warc.create_warcinfo_record(
            path.name, _info(archive, selection, rebuilt=bool(snapshots or captures))))
        for _, kind, _, row in entries:
            try:
                _write_entry(writer, kind, row, report)
            except (ValueError, TypeError, LookupError, UnicodeError) as exc:
                # A stored value no WARC can hold (a time that is no date, a URI or head in
                # no encoding): the row named; the file being written is removed, not left.
                table = ("fetches", "snapshots", "captures")[kind]
                raise ExportError(f"{path}: {table} row {row['id']} ({row['url']!r}) cannot be "
                                  f"written to a WARC: {exc}; nothing written") from None
    return report


def _write_entry(writer: _Writer, kind: int, row: dict, report: ExportReport) -> None:
    """One fetch (kind 0), snapshot (1) or capture (2) written, counted in `report`."""
    if kind == 0:
        written = writer.fetch(row)
        report.requests += bool(row["request_head"])
        if written == "response":
            report.responses += 1
        else:
            report.revisits += 1
    elif kind == 1:
        writer.response(row)
        report.responses += 1
        report.requests += 1
        report.rebuilt += 2
    else:
        writer.revisit(row)
        report.revisits += 1
        report.rebuilt += 1


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


def _info(archive: Archive, selection: Selection, rebuilt: bool) -> dict:
    notes = ("each fetch as kept: the response head as received and the payload as "
             "transferred (WARC-Payload-Digest its sha256, hex), the request head as sent; the "
             "first fetch of a payload in this file is a response, a later one a revisit "
             "with its own head, referring to it")
    if rebuilt:
        notes += ("; records marked WARC-Portscraper-Headers: rebuilt are pages kept before "
                  "version 7: their payloads are the HTTP bodies after the content-encoding "
                  "was undone (Content-Encoding and Transfer-Encoding removed, Content-Length "
                  "of the payload), their request records reconstructed (GET and Host only), "
                  "their revisits carry the first fetch's headers")
    return {
        "software": f"portscraper {version('portscraper')} (warcio {version('warcio')})",
        "format": "WARC File Format 1.1",
        "conformsTo": "https://iipc.github.io/warc-specifications/specifications/"
                      "warc-format/warc-1.1/",
        "description": f"Pages of a portscraper archive: {selection.describe()}.",
        "x-portscraper-archive": Path(archive.db.conn.execute("PRAGMA database_list")
                                      .fetchone()[2] or ":memory:").name,
        "x-portscraper-notes": notes,
    }


def _rows(cursor) -> list[dict]:
    names = [c[0] for c in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor]


def _selected(archive: Archive, selection: Selection) -> tuple[list[dict], list[dict],
                                                               list[dict]]:
    """(fetches kept as received, snapshots and captures kept before version 7: no fetch)."""
    db = archive.db
    where, params = selection.where("fetches")
    fetches = _rows(db.execute(
        "SELECT id, url, fetched_at, request_head, response_head, payload_sha256, ip "
        f"FROM fetches WHERE {where} ORDER BY id", params))
    where, params = selection.where("snapshots")
    snapshots = _rows(db.execute(
        "SELECT id, url, fetched_at, status, headers, sha256 FROM snapshots "
        f"WHERE fetch_id IS NULL AND {where} ORDER BY id", params))
    where, params = selection.where("captures")
    captures = _rows(db.execute(
        "SELECT captures.id, captures.url, captures.fetched_at, captures.status, "
        "captures.sha256, s.url AS original_url, s.fetched_at AS original_fetched_at, "
        "s.sha256 AS original_sha256, s.headers FROM captures "
        "JOIN snapshots s ON s.id = captures.snapshot_id "
        f"WHERE captures.fetch_id IS NULL AND {where} ORDER BY captures.id", params))
    return fetches, snapshots, captures


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
                "Press releases of Chinese port groups, archived by portscraper",
                "-p", str(pages)]
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
    """pages/pages.jsonl (WACZ 1.1.1 requires it; json-pages-1.0): each article fetched in the
    selection, at its first fetch there, with its title; when the selection fetched no article,
    each HTML page it fetched (a list, the home page), so that no WACZ is without pages."""
    where, params = selection.where("fetches")
    rows = archive.db.execute(
        "SELECT fetches.url, min(fetches.fetched_at), a.title, 'article-' || a.id "
        f"FROM articles a JOIN fetches ON fetches.snapshot_id = a.snapshot_id WHERE {where} "
        "GROUP BY a.id ORDER BY a.id", params).fetchall()
    where, params = selection.where("snapshots")
    rows += archive.db.execute(
        "SELECT snapshots.url, snapshots.fetched_at, a.title, 'article-' || a.id "
        f"FROM articles a JOIN snapshots ON snapshots.id = a.snapshot_id WHERE {where} "
        "AND snapshots.fetch_id IS NULL ORDER BY a.id", params).fetchall()
    if not rows:
        where, params = selection.where("fetches")
        rows = archive.db.execute(
            "SELECT url, min(fetched_at), url, 'page-' || min(id) FROM fetches "
            f"WHERE kind IS NOT 'requisite' AND status = 200 AND {where} GROUP BY url "
            "ORDER BY min(id)", params).fetchall()
    with target.open("w", encoding="utf-8") as out:
        out.write(json.dumps({"format": "json-pages-1.0", "id": "pages",
                              "title": "Pages"}) + "\n")
        for url, fetched_at, title, page_id in rows:
            try:
                ts = warc_date(fetched_at)
            except (ValueError, TypeError):
                raise ExportError(f"{page_id} ({url!r}): its time {fetched_at!r} is no date: "
                                  "cannot be listed in pages.jsonl; nothing written") from None
            out.write(json.dumps({"id": page_id, "url": url, "ts": ts,
                                  "title": title}, ensure_ascii=False) + "\n")
    return len(rows)
