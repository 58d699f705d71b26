"""Another crawler's capture into the archive: `portscraper import FILE.warc.gz`. No Scrapy.

    import_warc(archive, path, every_page=False) -> ImportReport

Deleted press releases survive in other crawlers' WARCs (Heritrix, Browsertrix, `wget
--warc-file`, the Wayback Machine). The file is read with warcio; its pages go through the
crawl's own path, so that a capture of the site gives the archive a crawl would:

- every HTML page captured with a status a crawl keeps (200, 203, 404, 410) is a snapshot, as
  the snapshot middleware stores one (archive.add_snapshot: the same bytes are stored once, a
  page already stored is a row in `captures`), with `fetched_at` the capture's WARC-Date and
  `import_id`, `warc_record_id` saying where it came from;
- which pages are articles is decided as the spider decides it, by walking the capture as the
  spider walks the site (spiders/maoming.py): from the home page its news sections (the same
  NEWS_SECTIONS and SKIP_SECTIONS), or the frames, redirects and 进入 links it shows instead;
  on each list page its list of articles and its next page; an article's following pages by
  its pager. A link is looked up in the capture as requested, then by its canonical key (the
  id parameter only, for an article), following captured redirects;
- an article is read, checked and stored as a crawl's (page_reading, validation,
  archive.save_article: one per canonical URL, double posts merged by title and text), with
  `origin` 'import' while no crawl has seen it. A capture older than the stored version does
  not replace it: its reading goes to `revisions` (reason 'imported') when it differs.

A capture without the site's home page (single pages saved from the Wayback Machine), or any
capture with `every_page`, is also read page by page: a captured page that no walk reached is an
article when it reads as one (title, date, body) and lists no articles itself.

Errors: NotImportable for a missing file or one that is not a WARC (or ARC) file.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import io
import json
import zlib
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from warcio.archiveiterator import ArchiveIterator
from warcio.bufferedreaders import ChunkedDataReader
from warcio.exceptions import ArchiveLoadFailed
from warcio.statusandheaders import StatusAndHeadersParser, StatusAndHeadersParserException

from portscraper.archive.fetches import payload_bytes
from portscraper.archive.schema import transaction
from portscraper.archive.store import Archive, content_hash, now
from portscraper.archive.validation import problems
from portscraper.extract import decode_html, read_page
from portscraper.extract.navigation import (
    entrance_links,
    frame_sources,
    list_items,
    pagination,
    redirect_targets,
    section_links,
)
from portscraper.extract.stored_article import PageAtHand, read_stored_article
from portscraper.extract.text import text_weight
from portscraper.extract.urls import canonical_url
from portscraper.sites import defaults
from portscraper.webarchive.checks import (
    DEFAULT_MAX_SIZE,
    TooLarge,
    describe_size,
    inflate,
    record_problem,
    warc_date_iso,
)

# The statuses whose pages a crawl keeps (middlewares.KEPT_STATUSES).
KEPT_STATUSES = frozenset((200, 203, 404, 410))
HOME_PATHS = frozenset(("", "/", "/index.asp", "/index.html", "/index.htm", "/default.asp"))
MAX_REDIRECTS = 5
# Room for a record's HTTP head beside a payload of the size limit.
HEAD_ROOM = 64 * 1024


class NotImportable(Exception):
    """The file cannot be imported: missing, unreadable, not a WARC file, cut short or
    corrupt, or a record whose digest does not match its bytes (nothing is stored then)."""


def _digest_matches(declared: str, data: bytes) -> bool | None:
    """Whether a WARC digest (`sha1:BASE32`, `sha256:hex` …) is that of `data`; None when
    its algorithm is unknown (not checked)."""
    algorithm, _, value = declared.strip().partition(":")
    try:
        digest = hashlib.new(algorithm.lower().replace("-", ""), data).digest()
    except ValueError:
        return None
    value = value.strip()
    return value.lower() == digest.hex() or value.upper().rstrip("=") == \
        base64.b32encode(digest).decode().rstrip("=") or value == \
        base64.b64encode(digest).decode()


def _split_block(block: bytes) -> tuple[bytes, bytes]:
    """An HTTP block's head (through its blank line, bytes as written) and its payload."""
    for end in (b"\r\n\r\n", b"\n\n"):
        at = block.find(end)
        if at >= 0:
            return block[:at + len(end)], block[at + len(end):]
    return block, b""


def _transferred(head: bytes, raw: bytes) -> bytes:
    """The payload as transferred: a chunked one de-chunked (as Twisted hands a crawl's)."""
    if b"chunked" not in _head_value(head, "Transfer-Encoding").encode("latin-1").lower():
        return raw
    try:
        return ChunkedDataReader(io.BytesIO(raw)).read()
    except Exception:  # noqa: BLE001 - a payload that says chunked but is not: kept as it is
        return raw


def _decoded(head: bytes, payload: bytes, max_size: int = DEFAULT_MAX_SIZE) -> bytes:
    """The body a crawl stores: the content-encoding undone, inflated to at most max_size
    (checks.TooLarge past it: never inflated whole). A body that says gzip and is not: as it
    is."""
    return inflate(_head_value(head, "Content-Encoding"), payload, max_size)


def _head_value(head: bytes, name: str) -> str:
    for line in head.decode("latin-1").splitlines()[1:]:
        key, colon, value = line.partition(":")
        if colon and key.strip().lower() == name.lower():
            return value.strip()
    return ""


@dataclass
class Captured:
    """One captured response: where it is in the file, and what it says about itself."""

    url: str
    offset: int
    date: str  # WARC-Date
    record_id: str
    status: int
    content_type: str
    location: str = ""  # a redirect's Location
    payload_digest: str = ""
    refers_to: int | None = None  # a revisit: the offset of the response it repeats
    kind: str = "response"  # or revisit
    head: bytes = b""  # the HTTP head as the record holds it
    payload_sha256: str = ""  # of the payload as transferred (a revisit: its original's)
    concurrent_key: str = ""  # the record id a request record names as WARC-Concurrent-To
    block_digest: str = ""
    ip: str = ""
    request_head: bytes = b""
    request_record_id: str = ""
    archived_sha256: str = ""  # a revisit whose original is a payload the archive holds


@dataclass
class ImportReport:
    path: Path
    import_id: int | None = None
    records: int = 0
    pages: int = 0
    snapshots_stored: int = 0
    outcomes: dict = field(default_factory=lambda: {"new": 0, "updated": 0, "unchanged": 0,
                                                    "merged": 0, "older": 0})
    not_articles: int = 0  # pages read one by one that do not read as articles
    requisites: int = 0  # non-HTML files kept as requisites
    already_kept: int = 0  # records an earlier import kept
    unresolved: int = 0  # revisits whose original is neither in the file nor the archive
    failures: list[tuple[str, str]] = field(default_factory=list)  # (url, why)

    def summary(self) -> str:
        o = self.outcomes
        return (f"{self.path.name}: {self.records} records, {self.pages} pages "
                f"({self.snapshots_stored} stored new); articles: {o['new']} new, "
                f"{o['updated']} updated, {o['unchanged']} unchanged, {o['merged']} merged, "
                f"{o['older']} older captures kept as revisions; {self.requisites} "
                f"requisites; {self.already_kept} records already kept; {self.unresolved} "
                f"revisits without their original; {len(self.failures)} not read "
                f"(import {self.import_id})")


def _is_html(content_type: str, body: bytes) -> bool:
    """As the snapshot middleware decides it."""
    return "html" in content_type or (not content_type and body[:512].lstrip().lower()
                                      .startswith((b"<!doc", b"<html")))


class Capture:
    """The responses of one WARC file, found by URL; their bodies read when asked for."""

    def __init__(self, path: Path, archive: Archive | None = None,
                 max_size: int = DEFAULT_MAX_SIZE):
        self.path = path
        self.archive = archive
        self.max_size = max_size
        self.too_large: list[tuple[str, str]] = []  # (url, why): records past max_size
        self.unresolved: list[Captured] = []  # revisits whose original is nowhere at hand
        with path.open("rb") as stream:
            start = stream.read(2)
            stream.seek(0)
            start = (gzip.GzipFile(fileobj=stream).read(11) if start == b"\x1f\x8b"
                     else stream.read(11))
        self.is_arc = start == b"filedesc://"
        self.by_url: dict[str, Captured] = {}  # the latest capture of each URL
        self.by_key: dict[str, Captured] = {}  # ... and of each canonical key
        self.all: list[Captured] = []
        self.records = 0
        self._index()

    def _index(self) -> None:
        """Read every record once: each one's length and digests checked (NotImportable,
        naming the record, on the first that fails: nothing is stored before this ends)."""
        by_digest: dict[str, Captured] = {}
        requests: dict[str, tuple[str, bytes]] = {}
        try:
            with self.path.open("rb") as stream:
                records = ArchiveIterator(stream, arc2warc=True, no_record_parse=True)
                for record in records:
                    self.records += 1
                    entry = self._check(record, records)
                    if entry is None:
                        continue
                    if entry.kind == "request":
                        requests[entry.url] = requests[entry.record_id] = (entry.record_id,
                                                                           entry.head)
                        continue
                    if entry.kind == "revisit":
                        original = by_digest.get(entry.payload_digest)
                        if original is not None:
                            entry.refers_to = original.offset
                            entry.payload_sha256 = original.payload_sha256
                        elif not self.resolve_archived(entry):
                            self.unresolved.append(entry)
                            continue
                    elif entry.payload_digest:
                        by_digest.setdefault(entry.payload_digest, entry)
                    self.all.append(entry)
        except NotImportable:
            raise
        except ArchiveLoadFailed as exc:
            raise NotImportable(f"{self.path} is not a WARC file or is corrupt after "
                                f"{self.records} records read: {exc.msg or 'unreadable'}"
                                ) from None
        except (OSError, EOFError, ValueError, zlib.error) as exc:
            raise NotImportable(f"{self.path} is cut short or corrupt after {self.records} "
                                f"records read: {exc or type(exc).__name__}") from None
        if not self.records:
            raise NotImportable(f"{self.path} is not a WARC file: it holds no record")
        for entry in self.all:
            entry.request_record_id, entry.request_head = requests.get(
                entry.record_id) or requests.get(entry.concurrent_key, ("", b""))
        for entry in sorted(self.all, key=lambda e: e.date):
            self.by_url[entry.url] = entry
            self.by_key[canonical_url(entry.url)] = entry
            self.by_key.setdefault(canonical_url(entry.url, defaults.ARTICLE_ID_PARAMS), entry)

    def resolve_archived(self, entry: Captured) -> bool:
        """A revisit whose original is not in this file: its payload found in the archive (a
        fetch with the same WARC digest, or the same sha256). URL-agnostic, as the digest is."""
        if self.archive is None:
            return False
        digest = entry.payload_digest
        row = self.archive.db.execute(
            "SELECT payload_sha256 FROM fetches WHERE warc_payload_digest = ? LIMIT 1",
            [digest]).fetchone()
        if row is None and digest.lower().startswith("sha256:"):
            value = digest.split(":", 1)[1].strip()
            if len(value) != 64:
                value = base64.b32decode(value.upper() + "=" * (-len(value) % 8)).hex()
            row = self.archive.db.execute(
                "SELECT payload_sha256 FROM fetches WHERE payload_sha256 = ? UNION ALL "
                "SELECT sha256 FROM snapshots WHERE sha256 = ? LIMIT 1",
                [value.lower(), value.lower()]).fetchone()
        if row is None:
            return False
        entry.payload_sha256 = entry.archived_sha256 = row[0]
        return True

    def _check(self, record, records) -> Captured | None:
        # Read to a bound: a record past it is not read whole (a gzipped WARC inflates as it
        # is read), only skipped (warcio reads the rest in small blocks).
        block = record.raw_stream.read(self.max_size + HEAD_ROOM + 1)
        offset = records.get_record_offset()  # (after the read: it reads to the record's end)
        headers = record.rec_headers
        kind = record.rec_type
        record_id = headers.get_header("WARC-Record-ID") or f"at offset {offset}"
        # wget writes some URIs in angle brackets (as WARC 1.1 §5.2 shows them): stripped.
        uri = (headers.get_header("WARC-Target-URI") or "").strip().strip("<>")
        name = f"record {self.records} ({record_id}, {kind} of {uri or 'no URI'})"
        if len(block) > self.max_size + HEAD_ROOM:
            if kind in ("response", "revisit", "resource"):
                self.too_large.append((uri, f"{name}: larger than the size limit of "
                                            f"{describe_size(self.max_size)} (--max-size): "
                                            "not read, not stored"))
            return None
        declared = headers.get_header("Content-Length")
        # (An ARC record's length is its own header's; warcio's conversion says another.)
        if not self.is_arc and declared is not None and declared.strip().isdigit() \
                and int(declared) != len(block):
            raise NotImportable(f"{self.path} is cut short or corrupt: {name} holds "
                                f"{len(block)} of its {declared} bytes ({self.records - 1} "
                                "records read whole); nothing imported")
        block_digest = headers.get_header("WARC-Block-Digest") or ""
        # A revisit's block digest is not checked, as `warcio check` does not: wget's
        # --warc-dedup writes there the digest of the whole original response.
        if block_digest and kind != "revisit" and _digest_matches(block_digest, block) is False:
            raise NotImportable(f"{self.path}: {name}: its block does not match its "
                                f"WARC-Block-Digest {block_digest}: refused, nothing imported")
        http = kind in ("response", "revisit", "request") and (
            "application/http" in (headers.get_header("Content-Type") or "")
            or record.format.startswith("arc") or block[:5] in (b"HTTP/", b"GET /"))
        if not http:
            return None
        head, raw = _split_block(block)
        if len(raw) > self.max_size:
            self.too_large.append((uri, f"{name}: its payload is larger than the size limit "
                                        f"of {describe_size(self.max_size)} (--max-size): "
                                        "not stored"))
            return None
        payload_digest = headers.get_header("WARC-Payload-Digest") or ""
        if kind == "response" and payload_digest and \
                _digest_matches(payload_digest, raw) is False:
            raise NotImportable(f"{self.path}: {name}: its payload does not match its "
                                f"WARC-Payload-Digest {payload_digest}: refused, nothing "
                                "imported")
        try:
            parsed = StatusAndHeadersParser(["HTTP/1.0", "HTTP/1.1", "HTTP/2", "HTTP/2.0"]
                                            if kind != "request" else [],
                                            verify=False).parse(io.BytesIO(head))
        except StatusAndHeadersParserException:
            return None
        date = headers.get_header("WARC-Date") or ""
        problem = record_problem(date, uri, head,
                                 None if uri.isascii() else self._raw_uri(offset))
        if problem:
            raise NotImportable(f"{self.path}: {name}: {problem}: refused, nothing imported")
        concurrent = headers.get_header("WARC-Concurrent-To") or ""
        if kind == "request":
            return Captured(url=concurrent or uri, offset=offset, date="", record_id=record_id,
                            status=0, content_type="", kind="request", head=head)
        status = parsed.get_statuscode() or "0"
        payload = _transferred(head, raw)
        entry = Captured(
            url=uri, offset=offset, date=warc_date_iso(date),
            record_id=record_id, status=int(status) if status.isdigit() else 0,
            content_type=(parsed.get_header("Content-Type") or "").lower(),
            location=parsed.get_header("Location") or "", payload_digest=payload_digest,
            kind=kind, head=head, block_digest=block_digest,
            ip=headers.get_header("WARC-IP-Address") or "",
            payload_sha256=hashlib.sha256(payload).hexdigest() if kind == "response" else "")
        entry.concurrent_key = concurrent  # wget's response names its request
        return entry

    def _raw_uri(self, offset: int) -> bytes:
        """The WARC-Target-URI of the record at `offset` as its bytes are written (warcio
        reads a header line that is not UTF-8 as Latin-1: only the bytes tell)."""
        with self.path.open("rb") as stream:
            stream.seek(offset)
            start = stream.read(HEAD_ROOM)
        if start[:2] == b"\x1f\x8b":
            start = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(start, HEAD_ROOM)
        for line in start.split(b"\r\n\r\n", 1)[0].split(b"\n"):
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"warc-target-uri":
                return value.strip().strip(b"<>")
        return b""

    def payload(self, entry: Captured) -> bytes:
        """The payload as transferred (de-chunked), a revisit's its original's."""
        if entry.archived_sha256:
            return payload_bytes(self.archive, entry.archived_sha256)
        offset = entry.refers_to if entry.refers_to is not None else entry.offset
        with self.path.open("rb") as stream:
            stream.seek(offset)
            record = next(iter(ArchiveIterator(stream, arc2warc=True, no_record_parse=True)))
            head, raw = _split_block(record.raw_stream.read())
            return _transferred(head, raw)

    def body(self, entry: Captured) -> bytes:
        """The payload as a crawl stores it: de-chunked, the content-encoding undone (to
        max_size: checks.TooLarge past it)."""
        return _decoded(entry.head, self.payload(entry), self.max_size)

    def find(self, url: str, article: bool = False) -> Captured | None:
        """The capture a request for `url` would have been answered with: the URL itself, or
        its canonical key; captured redirects followed."""
        for _ in range(MAX_REDIRECTS + 1):
            entry = self.by_url.get(url) or self.by_key.get(
                canonical_url(url, defaults.ARTICLE_ID_PARAMS if article else ()))
            if entry is None or not (300 <= entry.status < 400 and entry.location):
                return entry
            url = urljoin(entry.url, entry.location)
        return None


class _Importer:
    def __init__(self, archive: Archive, capture: Capture, report: ImportReport,
                 site_of=None):
        self.archive = archive
        # host -> the site's name (the registry's group, given by the command; else the host)
        self.site_of = site_of or (lambda url: _bare_host(url))
        self.capture = capture
        self.report = report
        self.snapshots: dict[int, tuple[int, str]] = {}  # offset -> (snapshot id, fetched_at)
        self.read_as_list: set[str] = set()
        self.articles: set[str] = set()
        self.failed: set[str] = set()

    # --- pages ------------------------------------------------------------------------------

    def store_pages(self) -> None:
        """Every response and resolved revisit: a fetch as the record holds it, an HTML page
        a snapshot, any other file a requisite. A record already kept (its WARC-Record-ID and
        payload in `fetches`) is not stored again: importing a file twice stores it once."""
        for entry in self.capture.all:
            if entry.status not in KEPT_STATUSES:
                continue
            known = self.archive.db.execute(
                "SELECT snapshot_id, fetched_at FROM fetches WHERE warc_record_id = ? "
                "AND payload_sha256 = ? LIMIT 1",
                [entry.record_id, entry.payload_sha256]).fetchone()
            if known:
                self.snapshots[entry.offset] = (known[0], known[1])
                self.report.pages += 1
                self.report.already_kept += 1
                continue
            payload = self.capture.payload(entry)
            try:
                body = _decoded(entry.head, payload, self.capture.max_size)
            except TooLarge as exc:  # inflated no further than past the limit: not kept
                self.report.failures.append(
                    (entry.url, f"record {entry.record_id}: its body inflates past the size "
                                f"limit of {describe_size(exc.max_size)} (--max-size): not "
                                "stored"))
                continue
            fetched_at = entry.date
            fetch = {"request_head": entry.request_head or None,
                     "method": entry.request_head.split(b" ", 1)[0].decode("latin-1")
                     if entry.request_head else None,
                     "response_head": entry.head, "head_source": "warc", "payload": payload,
                     "ip": entry.ip or None, "warc_request_record_id":
                     entry.request_record_id or None,
                     "warc_payload_digest": entry.payload_digest or None,
                     "warc_block_digest": entry.block_digest or None}
            fetch.update(zip(("protocol", "status", "reason"), _status_line(entry.head),
                             strict=True))
            if not _is_html(entry.content_type, body):
                if entry.status != 200:
                    continue
                snapshot_id, stored = self.archive.add_requisite(
                    entry.url, _requisite_kind(entry.url, entry.content_type), entry.status,
                    self._headers(entry), body, fetch=fetch, fetched_at=fetched_at,
                    import_id=self.report.import_id, warc_record_id=entry.record_id)
                self.report.requisites += 1
                self.report.snapshots_stored += stored
                continue
            text, encoding = decode_html(body, entry.content_type)
            snapshot_id, stored = self.archive.add_snapshot(
                entry.url, entry.status, self._headers(entry), body, encoding, text,
                fetched_at=fetched_at, import_id=self.report.import_id,
                warc_record_id=entry.record_id, fetch=fetch)
            self.snapshots[entry.offset] = (snapshot_id, fetched_at)
            self.report.pages += 1
            self.report.snapshots_stored += stored

    def _headers(self, entry: Captured) -> dict:
        """The head's headers as the snapshots table keeps them (repeats joined, as Scrapy
        joins them)."""
        headers: dict[str, str] = {}
        for line in entry.head.decode("latin-1").splitlines()[1:]:
            name, colon, value = line.partition(":")
            if colon:
                name, value = name.strip(), value.strip()
                headers[name] = f"{headers[name]}, {value}" if name in headers else value
        return headers

    def page_at_hand(self, url: str, article: bool = False) -> PageAtHand | None:
        entry = self.capture.find(url, article)
        if entry is None or entry.status != 200 or entry.offset not in self.snapshots:
            return None
        return PageAtHand(entry.url, self.capture.body(entry), entry.content_type, entry)

    # --- the walk, as the spider walks the site --------------------------------------------

    def walk(self, home_url: str) -> bool:
        """Walk the capture from its home page; False when the home page is not captured or
        leads to no news section."""
        news, skip = defaults.NEWS_SECTIONS, defaults.SKIP_SECTIONS
        section_urls: set[str] = set()
        seen_lists: set[tuple[str, frozenset]] = set()
        queue: deque = deque([("home", home_url, home_url)])
        visited: set[str] = set()
        found_section = False
        while queue:
            kind, url, section_url = queue.popleft()
            if kind == "article":
                self.article(url)
                continue
            at_hand = self.page_at_hand(url)
            key = canonical_url(url)
            if at_hand is None or (kind, key) in visited:
                continue
            visited.add((kind, key))
            self.read_as_list.add(at_hand.url)
            page = read_page(at_hand.url, at_hand.body, at_hand.content_type)
            sections = section_links(page, news, skip)
            if kind == "home":
                if not sections:
                    instead = frame_sources(page) + redirect_targets(page)
                    queue.extend(("home", u, u) for u in instead or entrance_links(page))
                    continue
            if kind in ("home", "list"):
                for _, link in sections:
                    if canonical_url(link) not in section_urls:
                        section_urls.add(canonical_url(link))
                        found_section = True
                        queue.append(("list", link, canonical_url(link)))
            if kind == "home":
                continue
            items = list_items(page, exclude=section_urls)
            keys = frozenset(canonical_url(i.url, defaults.ARTICLE_ID_PARAMS) for i in items)
            if not keys or (section_url, keys) in seen_lists:
                continue
            seen_lists.add((section_url, keys))
            queue.extend(("article", item.url, section_url) for item in items)
            pages = pagination(page)
            if not pages.at_end and pages.next_url:
                queue.append(("next_page", pages.next_url, section_url))
        return found_section

    def every_page(self) -> None:
        """Each captured page that no walk reached, read as an article when it reads as one
        (title, date, body) and is no list: a page whose list of article links weighs as much
        as the text read as its body is a list page (an article's related links weigh less)."""
        for entry in self.capture.all:
            if (entry.status != 200 or entry.offset not in self.snapshots
                    or entry.url in self.read_as_list
                    or canonical_url(entry.url, defaults.ARTICLE_ID_PARAMS) in self.articles):
                continue
            if not self.article(entry.url, quiet=True, unlisted=True):
                self.report.not_articles += 1

    # --- articles ---------------------------------------------------------------------------

    def article(self, url: str, quiet: bool = False, unlisted: bool = False) -> bool:
        """Read and store the article at url; True when stored. quiet: a page that does not
        read as an article is no failure; unlisted: no list led here, so a list page is no
        article (see every_page)."""
        key = canonical_url(url, defaults.ARTICLE_ID_PARAMS)
        if key in self.articles:
            return True
        first = self.page_at_hand(url, article=True)
        if first is None:
            entry = self.capture.find(url, article=True)
            why = (f"captured with HTTP {entry.status}" if entry else "listed, not captured")
            if not quiet and key not in self.failed:
                self.failed.add(key)
                self.report.failures.append((url, why))
            return False
        read = read_stored_article(first, lambda u: self.page_at_hand(u),
                                   defaults.ARTICLE_ID_PARAMS)
        if isinstance(read, str) or problems(read[0]):
            if not quiet and key not in self.failed:
                self.failed.add(key)
                self.report.failures.append(
                    (url, read if isinstance(read, str) else "; ".join(problems(read[0]))))
            return False
        fields, pages = read
        if unlisted and _is_list(pages[0], fields):
            return False
        fields.update(site=self.site_of(url), request_url=url)
        self.articles.add(key)
        snapshot_id, fetched_at = self.snapshots[pages[0].key.offset]
        self.store(fields, snapshot_id, fetched_at)
        return True

    def store(self, fields: dict, snapshot_id: int, fetched_at: str) -> None:
        archive = self.archive
        article_id = archive.article_id_for_url(fields["url"]) or archive.double_post_of(fields)
        current = archive.article_row(article_id) if article_id else None
        stored_at = current and archive.db.execute(
            "SELECT fetched_at FROM snapshots WHERE id = ?", [current["snapshot_id"]]).fetchone()
        if stored_at and stored_at[0] and fetched_at < stored_at[0]:
            self.report.outcomes["older"] += 1
            self._keep_older(current, fields, snapshot_id, stored_at[0])
            return
        article_id, outcome = archive.save_article(fields, snapshot_id, article_id,
                                                   origin="import", reason="imported")
        archive.link_requisites(article_id, fields)
        self.report.outcomes[outcome] += 1

    def _keep_older(self, current: dict, fields: dict, snapshot_id: int,
                    replaced_at: str) -> None:
        """An older capture than the stored version: its reading goes to revisions (once),
        and its URL to the article's URLs; the stored version stays current."""
        sha = content_hash(fields)
        known = self.archive.db.execute(
            "SELECT 1 FROM revisions WHERE article_id = ? AND content_sha256 = ?",
            [current["id"], sha]).fetchone()
        with transaction(self.archive.db):
            if sha != current["content_sha256"] and not known:
                version = {name: (json.dumps(value, ensure_ascii=False)
                                  if isinstance(value, dict | list) else value)
                           for name, value in fields.items()}
                self.archive.add_revision(current["id"], {**version, "content_sha256": sha},
                                          snapshot_id, replaced_at, "imported")
            self.archive.db.execute(
                "INSERT INTO article_urls (url, article_id, first_seen, last_seen, request_url) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT (url) DO NOTHING",
                [fields["url"], current["id"], now(), now(), fields.get("request_url")])


def _bare_host(url: str) -> str:
    host = (urlsplit(url).hostname or "").lower()
    return host[4:] if host.startswith("www.") else host


def _status_line(head: bytes) -> tuple[str, int, str]:
    first = head.split(b"\n", 1)[0].rstrip(b"\r").decode("latin-1").split(" ", 2)
    code = first[1] if len(first) > 1 and first[1].isdigit() else "0"
    return first[0], int(code), first[2] if len(first) > 2 else ""


def _requisite_kind(url: str, content_type: str) -> str:
    """What a non-HTML file is, as the crawl names requisites (archive/requisites.py)."""
    if "css" in content_type or urlsplit(url).path.lower().endswith(".css"):
        return "stylesheet"
    if content_type.startswith("image/"):
        return "image"
    return "attachment"


def _is_list(first: PageAtHand, fields: dict) -> bool:
    items = list_items(read_page(first.url, first.body, first.content_type))
    return sum(text_weight(item.title) for item in items) >= text_weight(fields["body"])


def home_url(capture: Capture) -> str | None:
    """The capture's home page: the root of the site its first HTML page is on, when that
    root (or index.asp, index.html …) was captured."""
    first = next((e for e in capture.all if e.status in KEPT_STATUSES | {301, 302}
                  and "html" in e.content_type), None)
    if first is None:
        return None
    parts = urlsplit(first.url)
    for path in sorted(HOME_PATHS):
        url = f"{parts.scheme}://{parts.netloc}{path or '/'}"
        if capture.find(url):
            return url
    return None


def check_file(path: Path) -> None:
    """NotImportable unless `path` is a file that starts as a WARC (`WARC/1.x`) or an ARC file
    (`filedesc://`) does, gzipped or not. (warcio alone would read any line of text as an ARC
    record's header.)"""
    path = Path(path)
    if not path.is_file():
        raise NotImportable(f"no file at {path}")
    try:
        with path.open("rb") as stream:
            start = stream.read(2)
            stream.seek(0)
            if start == b"\x1f\x8b":
                with gzip.GzipFile(fileobj=stream) as unzipped:
                    start = unzipped.read(16)
            else:
                start = stream.read(16)
    except (OSError, EOFError) as exc:
        raise NotImportable(f"{path} cannot be read: {exc}") from None
    if not start.startswith((b"WARC/", b"filedesc://")):
        raise NotImportable(f"{path} is not a WARC file: it starts with {start[:12]!r}, "
                           "not WARC/")


def index_capture(path: Path, db: Path | None, max_size: int = DEFAULT_MAX_SIZE
                  ) -> Capture | None:
    """The file read and checked (NotImportable on the first record refused) with the archive
    at `db` open read-only (revisits resolved against it), so that a refused file leaves the
    archive's bytes as they were (opening it for writing alone changes them); None when the
    archive cannot be read so (an older version, to be upgraded): import_warc reads it then."""
    check_file(Path(path))
    archive = None
    if db is not None and Path(db).exists():
        try:
            archive = Archive(db, readonly=True)
        except Exception:  # noqa: BLE001 - opened for writing later, with its own errors
            return None
    try:
        return Capture(Path(path), archive, max_size)
    finally:
        if archive is not None:
            archive.close()


def import_warc(archive: Archive, path: Path, every_page: bool = False,
                site_of=None, max_size: int = DEFAULT_MAX_SIZE,
                capture: Capture | None = None) -> ImportReport:
    """Import a WARC (or ARC) file, gzipped or not; see the module's docstring. site_of: URL
    -> the site's name (the command's: the registry's group of the host, or --site).
    max_size: bytes, the most of a payload and of its body inflated that is kept (the crawl's
    DOWNLOAD_MAXSIZE default); a record past it is a failure of the report, not stored.
    capture: the file already read (index_capture: every refusal made before the archive was
    opened for writing), else it is read here."""
    path = Path(path)
    check_file(path)
    if capture is None:
        capture = Capture(path, archive, max_size)
    capture.archive = archive
    report = ImportReport(path=path, records=capture.records,
                          unresolved=len(capture.unresolved),
                          failures=list(capture.too_large))
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    with transaction(archive.db):
        report.import_id = archive.db.execute(
            "INSERT INTO imports (file, file_sha256, started_at, records) VALUES (?, ?, ?, ?)",
            [str(path.resolve()), digest.hexdigest(), now(), capture.records]).lastrowid
    importer = _Importer(archive, capture, report, site_of)
    importer.store_pages()
    home = home_url(capture)
    walked = importer.walk(home) if home else False
    if every_page or not walked:
        importer.every_page()
    with transaction(archive.db):
        archive.db.execute(
            "UPDATE imports SET finished_at = ?, pages = ?, snapshots_stored = ?, "
            "articles_new = ?, articles_updated = ?, articles_unchanged = ?, "
            "articles_merged = ?, articles_older = ?, not_articles = ?, failures = ? "
            "WHERE id = ?",
            [now(), report.pages, report.snapshots_stored, *report.outcomes.values(),
             report.not_articles, len(report.failures), report.import_id])
    return report
