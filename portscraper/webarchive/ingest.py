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

import gzip
import hashlib
import json
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

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

# The statuses whose pages a crawl keeps (middlewares.KEPT_STATUSES).
KEPT_STATUSES = frozenset((200, 203, 404, 410))
HOME_PATHS = frozenset(("", "/", "/index.asp", "/index.html", "/index.htm", "/default.asp"))
MAX_REDIRECTS = 5


class NotImportable(Exception):
    """The file cannot be imported: missing, unreadable, or not a WARC file."""


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
    failures: list[tuple[str, str]] = field(default_factory=list)  # (url, why)

    def summary(self) -> str:
        o = self.outcomes
        return (f"{self.path.name}: {self.records} records, {self.pages} pages "
                f"({self.snapshots_stored} stored new); articles: {o['new']} new, "
                f"{o['updated']} updated, {o['unchanged']} unchanged, {o['merged']} merged, "
                f"{o['older']} older captures kept as revisions; {len(self.failures)} not "
                f"read (import {self.import_id})")


def _is_html(content_type: str, body: bytes) -> bool:
    """As the snapshot middleware decides it."""
    return "html" in content_type or (not content_type and body[:512].lstrip().lower()
                                      .startswith((b"<!doc", b"<html")))


class Capture:
    """The responses of one WARC file, found by URL; their bodies read when asked for."""

    def __init__(self, path: Path):
        self.path = path
        self.by_url: dict[str, Captured] = {}  # the latest capture of each URL
        self.by_key: dict[str, Captured] = {}  # ... and of each canonical key
        self.all: list[Captured] = []
        self.records = 0
        self._index()

    def _index(self) -> None:
        by_digest: dict[str, int] = {}
        try:
            with self.path.open("rb") as stream:
                records = ArchiveIterator(stream, arc2warc=True)
                for record in records:
                    self.records += 1
                    kind = record.rec_type
                    if kind not in ("response", "revisit") or record.http_headers is None:
                        continue
                    headers = record.rec_headers
                    http = record.http_headers
                    status = int(http.get_statuscode() or 0)
                    entry = Captured(
                        url=headers.get_header("WARC-Target-URI") or "",
                        offset=records.get_record_offset(),
                        date=headers.get_header("WARC-Date") or "",
                        record_id=headers.get_header("WARC-Record-ID") or "",
                        status=status,
                        content_type=(http.get_header("Content-Type") or "").lower(),
                        location=http.get_header("Location") or "",
                        payload_digest=headers.get_header("WARC-Payload-Digest") or "")
                    if kind == "revisit":
                        entry.refers_to = by_digest.get(entry.payload_digest)
                        if entry.refers_to is None:
                            continue  # its payload is in another file
                    elif entry.payload_digest:
                        by_digest.setdefault(entry.payload_digest, entry.offset)
                    self.all.append(entry)
        except ArchiveLoadFailed as exc:
            raise NotImportable(f"{self.path} is not a WARC file: {exc.msg}") from None
        except (OSError, EOFError, ValueError) as exc:
            raise NotImportable(f"{self.path} cannot be read as a WARC file: {exc}") from None
        if not self.records:
            raise NotImportable(f"{self.path} is not a WARC file: it holds no record")
        for entry in sorted(self.all, key=lambda e: e.date):
            self.by_url[entry.url] = entry
            self.by_key[canonical_url(entry.url)] = entry
            self.by_key.setdefault(canonical_url(entry.url, defaults.ARTICLE_ID_PARAMS), entry)

    def body(self, entry: Captured) -> bytes:
        """The payload as a crawl stores it: de-chunked, the content-encoding undone."""
        offset = entry.refers_to if entry.refers_to is not None else entry.offset
        with self.path.open("rb") as stream:
            stream.seek(offset)
            record = next(iter(ArchiveIterator(stream, arc2warc=True)))
            return record.content_stream().read()

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
    def __init__(self, archive: Archive, capture: Capture, report: ImportReport):
        self.archive = archive
        self.capture = capture
        self.report = report
        self.snapshots: dict[int, tuple[int, str]] = {}  # offset -> (snapshot id, fetched_at)
        self.read_as_list: set[str] = set()
        self.articles: set[str] = set()
        self.failed: set[str] = set()

    # --- pages ------------------------------------------------------------------------------

    def store_pages(self) -> None:
        for entry in self.capture.all:
            if entry.status not in KEPT_STATUSES:
                continue
            body = self.capture.body(entry)
            if not _is_html(entry.content_type, body):
                continue
            text, encoding = decode_html(body, entry.content_type)
            fetched_at = _iso(entry.date)
            snapshot_id, stored = self.archive.add_snapshot(
                entry.url, entry.status, self._headers(entry), body, encoding, text,
                fetched_at=fetched_at, import_id=self.report.import_id,
                warc_record_id=entry.record_id)
            self.snapshots[entry.offset] = (snapshot_id, fetched_at)
            self.report.pages += 1
            self.report.snapshots_stored += stored

    def _headers(self, entry: Captured) -> dict:
        with self.capture.path.open("rb") as stream:
            stream.seek(entry.offset)
            record = next(iter(ArchiveIterator(stream, arc2warc=True)))
            headers: dict[str, str] = {}
            for name, value in record.http_headers.headers:  # repeated: joined, as Scrapy's
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
        fields.update(site="maoming", request_url=url)
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
        _, outcome = archive.save_article(fields, snapshot_id, article_id, origin="import",
                                          reason="imported")
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


def _is_list(first: PageAtHand, fields: dict) -> bool:
    items = list_items(read_page(first.url, first.body, first.content_type))
    return sum(text_weight(item.title) for item in items) >= text_weight(fields["body"])


def _iso(warc_date: str) -> str:
    """A WARC-Date (…Z) as the archive writes times (ISO 8601, +00:00)."""
    text = warc_date.strip()
    return text[:-1] + "+00:00" if text.endswith("Z") else text or now()


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


def import_warc(archive: Archive, path: Path, every_page: bool = False) -> ImportReport:
    """Import a WARC (or ARC) file, gzipped or not; see the module's docstring."""
    path = Path(path)
    check_file(path)
    capture = Capture(path)
    report = ImportReport(path=path, records=capture.records)
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    with transaction(archive.db):
        report.import_id = archive.db.execute(
            "INSERT INTO imports (file, file_sha256, started_at, records) VALUES (?, ?, ?, ?)",
            [str(path.resolve()), digest.hexdigest(), now(), capture.records]).lastrowid
    importer = _Importer(archive, capture, report)
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
