"""The archive: writes and reads of the SQLite file. No Scrapy here.

Tables (documented for users in docs/archive.md):

- snapshots: every distinct page fetched, the raw bytes as received (compressed in `content`,
  see compression.py; `Archive.snapshot_bytes(id)` or `portscraper snapshot ID` gives them
  back), their
  sha256, and `stable_sha256`, the hash of the page with its hit counter and today's date masked.
- articles: one row per press release, its current fields, and the snapshot it was parsed from.
- article_urls: every canonical URL an article was seen at (a double post has two).
- revisions: an article's earlier versions, when a recheck finds its content changed.
- failures: every page that could not be fetched or parsed, and every invalid article.
- crawls: one row per run, with its arguments, counts and health verdict.
- sections: each news section's list URL, and when a walk of its list last reached the end
  (a section never walked to its end is walked in full, which is how a killed crawl resumes).

The tables, their version and upgrades are in schema.py. Every write is one transaction
(schema.transaction, which says why it is not `with conn:`): a crawl killed at any moment
leaves the archive as it was after its last whole write. WAL mode lets
Datasette read while a crawl writes.
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

import sqlite_utils

from portscraper.archive import completeness, fetches, requisites, schema, search, takedowns
from portscraper.archive.compression import TRAINING_PAGES, compress, decompress, train
from portscraper.archive.schema import CONTENT_FIELDS, REVISION_FIELDS, SCHEMA, transaction
from portscraper.extract.urls import rehome, site_hosts

JSON_FIELDS = ("breadcrumb", "credits", "images", "attachments", "evidence")
# The article fields that are columns of the articles table (the rest of an item is not stored).
ARTICLE_FIELDS = tuple(name for name in SCHEMA["articles"][0]
                       if name in ("url", "site", "section", "breadcrumb", "kicker", "title",
                                   "subtitle", "published", "byline", "credits", "body",
                                   "body_html", "images", "attachments", "language", "evidence"))

# Parts of a page that change on every view and are not its content: hit counters and the date
# of the day, which old CMSes print on every page.
_VOLATILE_RE = re.compile(
    r"((?:浏览|點擊|点击|阅读|閱讀|访问|訪問|瀏覽|人次|次数|次數|hits?|views?)\D{0,12}?)\d+"
    r"|今天是\D{0,4}\d{4}\D{1,3}\d{1,2}\D{1,3}\d{1,2}\D{0,8}"
    r"|\d{4}年\d{1,2}月\d{1,2}日\s*星期.",
    re.IGNORECASE,
)
# An article read again is no longer removed (its removal row keeps the episode).
CLEARED = {"removed_at": None, "removed_status": None, "removed_reason": None}


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def clock_from(run_time: str | None):
    """The run's clock: now, or, when `run_time` (ISO) is given, a clock that started at that
    time when the run did (tests and replays of a schedule set it: RUN_TIME)."""
    if not run_time:
        return now
    start = datetime.fromisoformat(run_time.replace("Z", "+00:00"))
    if start.tzinfo is None:
        start = start.replace(tzinfo=UTC)
    offset = start - datetime.now(UTC)
    return lambda: (datetime.now(UTC) + offset).astimezone(UTC).isoformat(timespec="seconds")


# Where a volatile part can begin: a quick scan for these, then the full pattern only there
# (what _VOLATILE_RE.sub would do, a dozen times faster on a whole page).
_VOLATILE_START = re.compile(r"[浏點点阅閱访訪瀏人次HhVv今]")
_VOLATILE_START_DATES = re.compile(r"[浏點点阅閱访訪瀏人次HhVv今\d]")


def mask_volatile(text: str) -> str:
    """The page's text with hit counters and today's date masked: _VOLATILE_RE.sub(r"\1#")."""
    starts = _VOLATILE_START_DATES if "星期" in text else _VOLATILE_START
    out, pos = [], 0
    for candidate in starts.finditer(text):
        if candidate.start() < pos:
            continue
        match = _VOLATILE_RE.match(text, candidate.start())
        if match:
            out += [text[pos:match.start()], match.group(1) or "", "#"]
            pos = match.end()
    out.append(text[pos:])
    return "".join(out)


def stable_hash(text: str) -> str:
    """sha256 of a page's text with hit counters and today's date masked."""
    return hashlib.sha256(mask_volatile(text).encode("utf-8")).hexdigest()


def content_hash(fields: dict) -> str:
    content = {name: fields.get(name) for name in CONTENT_FIELDS}
    return hashlib.sha256(
        json.dumps(content, ensure_ascii=False, sort_keys=True).encode("utf-8")).hexdigest()


def url_order(url: str) -> tuple:
    """Sort key of URLs with numbers compared as numbers: more.asp?id=999 before id=1000."""
    return tuple((0, int(part)) if part.isdigit() else (1, part)
                 for part in re.split(r"(\d+)", url))


def body_key(title: str, body: str) -> str:
    """What makes two ids one press release posted twice: the same title and the same text."""
    text = re.sub(r"\s+", "", f"{title}\n{body}")
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class Archive:
    def __init__(self, path: str | Path | None = None, memory: bool = False,
                 readonly: bool = False):
        """path: the archive's file (created, or upgraded after a backup, unless `readonly`:
        then it is only read, and it must be an archive of this version or an older one that
        needs no upgrade to be read)."""
        if readonly:
            self.db = sqlite_utils.Database(sqlite3.connect(f"file:{path}?mode=ro", uri=True))
            schema.check(self.db)
            self._dictionaries = {}
            self.clock = None
            return
        if memory or path is None or str(path) == ":memory:":
            self.db = sqlite_utils.Database(memory=True)
        else:
            path = Path(path)
            if not path.parent.is_dir():
                raise FileNotFoundError(f"the archive's folder does not exist: {path.parent}")
            self.db = sqlite_utils.Database(path)
            schema.check(self.db)  # before WAL mode changes anything in a file not ours
            self.db.enable_wal()
        self._dictionaries: dict[str, tuple[int, bytes]] = {}
        # The run's clock (clock_from); None: the machine's (the module's now()).
        self.clock = None
        self.db.execute("PRAGMA busy_timeout = 30000")
        self.db.execute("PRAGMA synchronous = NORMAL")
        self.db.execute("PRAGMA foreign_keys = ON")
        schema.ensure(self.db, None if self.db.memory else path)

    def close(self) -> None:
        self.db.close()

    def now(self) -> str:
        """The time every write records (ISO, UTC), by the run's clock."""
        return self.clock() if self.clock else now()

    # --- crawls -------------------------------------------------------------------------------

    def start_crawl(self, spider: str, arguments: dict) -> int:
        with transaction(self.db):
            table = self.db["crawls"].insert({
                "spider": spider, "started_at": self.now(),
                "arguments": json.dumps(arguments, ensure_ascii=False, sort_keys=True),
            })
        return table.last_pk

    def finish_crawl(self, crawl_id: int, **counts) -> None:
        with transaction(self.db):
            self.db["crawls"].update(crawl_id, {"finished_at": self.now(), **counts})

    # --- snapshots ----------------------------------------------------------------------------

    def add_snapshot(self, url: str, status: int, headers: dict, body: bytes, encoding: str,
                     text: str, crawl_id: int | None = None, fetched_at: str | None = None,
                     import_id: int | None = None, warc_record_id: str | None = None,
                     kind: str = "page", fetch: dict | None = None) -> tuple[int, bool]:
        """Store a fetched page unless it is already stored; return (snapshot id, stored now).

        kind: 'page', or 'requisite' (an image, an attachment, a stylesheet: requisites.py),
        whose bytes are only ever the same as before when they hash the same, and which is
        compressed without the site's dictionary (trained on its pages, not its pictures).

        Already stored: the same bytes (any URL), or the same URL whose latest capture differs
        only in its hit counter or today's date. Such a fetch is a row in `captures` (the
        snapshot it matched, this fetch's time, status and sha256), from which an export writes
        WARC revisit records. fetched_at: the capture's time (ISO, UTC) when it is not now (an
        imported WARC's WARC-Date); import_id, warc_record_id: the import and the WARC record
        the page came from.

        fetch: this fetch as received (fetches.py: its request and response heads, the payload
        as transferred), kept as a row of `fetches` whatever happens to the page (the same
        transaction): the snapshot's or the capture's `fetch_id`. None: an older caller's
        page, with no fetch kept (exported with rebuilt headers).
        """
        fetched_at = fetched_at or self.now()
        if fetch is not None:
            fetch = {"url": url, "status": status, "crawl_id": crawl_id, "import_id": import_id,
                     "warc_record_id": warc_record_id, "kind": kind, "payload": body, **fetch,
                     "fetched_at": fetched_at}
        sha = hashlib.sha256(body).hexdigest()
        capture = {"url": url, "fetched_at": fetched_at, "status": status, "sha256": sha,
                   "crawl_id": crawl_id, "import_id": import_id,
                   "warc_record_id": warc_record_id}
        row = self.db.execute("SELECT id FROM snapshots WHERE sha256 = ?", [sha]).fetchone()
        if row:
            self._add_capture(row[0], capture, fetch)
            return row[0], False
        page = kind != "requisite"
        stable = stable_hash(text) if page else sha
        row = self.db.execute(
            "SELECT id, stable_sha256 FROM snapshots WHERE url = ? ORDER BY id DESC LIMIT 1",
            [url]).fetchone() if page else None
        if row and row[1] == stable:
            self._add_capture(row[0], capture, fetch)
            return row[0], False
        host = urlsplit(url).hostname or ""
        dictionary_id, dictionary = self._dictionary(host) if page else (None, None)
        content, compression = compress(body, dictionary)
        with transaction(self.db):
            cursor = self.db.execute(
                "INSERT INTO snapshots (url, fetched_at, status, headers, encoding, sha256, "
                "stable_sha256, size, compression, dictionary_id, content, crawl_id, import_id, "
                "warc_record_id, kind) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [url, fetched_at, status, json.dumps(headers, ensure_ascii=False, sort_keys=True),
                 encoding, sha, stable, len(body), compression, dictionary_id, content,
                 crawl_id, import_id, warc_record_id, kind])
            if fetch is not None:
                fetch_id = fetches.record(self, fetch, cursor.lastrowid)
                self.db.execute("UPDATE snapshots SET fetch_id = ? WHERE id = ?",
                                [fetch_id, cursor.lastrowid])
        if dictionary is None and page:
            self._train_when_ready(host)
        return cursor.lastrowid, True

    def _add_capture(self, snapshot_id: int, capture: dict, fetch: dict | None = None) -> None:
        with transaction(self.db):
            fetch_id = None if fetch is None else fetches.record(self, fetch, snapshot_id)
            self._insert("captures", {"snapshot_id": snapshot_id, **capture,
                                      "fetch_id": fetch_id})

    def snapshot_bytes(self, snapshot_id: int) -> bytes:
        """The page's original bytes, as fetched."""
        row = self.db.execute(
            "SELECT s.compression, s.content, d.content FROM snapshots s "
            "LEFT JOIN dictionaries d ON d.id = s.dictionary_id WHERE s.id = ?",
            [snapshot_id]).fetchone()
        if row is None:
            raise KeyError(f"no snapshot {snapshot_id}")
        return decompress(row[1], row[0], row[2])

    def _dictionary(self, host: str) -> tuple[int | None, bytes | None]:
        if host not in self._dictionaries:
            row = self.db.execute("SELECT id, content FROM dictionaries WHERE host = ?",
                                  [host]).fetchone()
            if row is None:
                return None, None
            self._dictionaries[host] = (row[0], row[1])
        return self._dictionaries[host]

    def _train_when_ready(self, host: str) -> None:
        """Once a site has TRAINING_PAGES snapshots, train its dictionary on them and store
        them again with it, in one transaction."""
        rows = self.db.execute(
            "SELECT id, url, compression, content FROM snapshots WHERE dictionary_id IS NULL "
            "AND kind IS NOT 'requisite' AND url LIKE ? ORDER BY id", [f"%://{host}%"]).fetchall()
        pages = {snapshot_id: decompress(content, compression)
                 for snapshot_id, url, compression, content in rows
                 if urlsplit(url).hostname == host}
        if len(pages) < TRAINING_PAGES:
            return
        dictionary = train(list(pages.values()))
        with transaction(self.db):
            dictionary_id = self.db.execute(
                "INSERT INTO dictionaries (host, trained_at, samples, content) "
                "VALUES (?, ?, ?, ?)", [host, self.now(), len(pages), dictionary]).lastrowid
            for snapshot_id, page in pages.items():
                content, compression = compress(page, dictionary)
                self.db.execute("UPDATE snapshots SET content = ?, compression = ?, "
                                "dictionary_id = ? WHERE id = ?",
                                [content, compression, dictionary_id, snapshot_id])
        self._dictionaries[host] = (dictionary_id, dictionary)

    # --- articles -----------------------------------------------------------------------------

    def article_id_for_url(self, url: str) -> int | None:
        row = self.db.execute("SELECT article_id FROM article_urls WHERE url = ?",
                              [url]).fetchone()
        return row[0] if row else None

    def article_id_for_any_url(self, urls: list[str]) -> int | None:
        """The article seen at the first of `urls` the archive knows (the same page at the
        addresses a site had: urls.same_site_urls)."""
        for url in urls:
            article_id = self.article_id_for_url(url)
            if article_id is not None:
                return article_id
        return None

    def double_post_of(self, fields: dict) -> int | None:
        """An article with the same title and text under another URL: the same press release."""
        row = self.db.execute("SELECT id FROM articles WHERE body_key = ? ORDER BY id LIMIT 1",
                              [body_key(fields["title"], fields["body"])]).fetchone()
        return row[0] if row else None

    def save_article(self, fields: dict, snapshot_id: int | None,
                     article_id: int | None = None, origin: str = "crawl",
                     reason: str = "changed", seen: str | None = None,
                     same_page: bool = False) -> tuple[int, str]:
        """Store an article in one transaction; return (id, what happened): 'new', 'updated'
        (content changed: the old version goes to revisions, with `reason`), 'unchanged', or
        'merged' (a new URL of an article already stored: a double post, whose stored version
        is kept).

        origin: 'crawl' or 'import' (a page from another crawler's WARC); an article keeps
        'import' only while no crawl has seen it. seen: when it was seen (ISO, UTC; default
        now). same_page: the URL is new but the page is the article's own, at the address its
        site moved to (http to https, www., a declared alias): it gains the URL, and a changed
        one is updated (a revision), not merged."""
        seen = seen or self.now()
        url = fields["url"]
        row = {name: fields.get(name) for name in ARTICLE_FIELDS}
        row.update(content_sha256=content_hash(fields),
                   body_key=body_key(fields["title"], fields["body"]),
                   snapshot_id=snapshot_id, last_seen=seen)
        for name in JSON_FIELDS:
            row[name] = json.dumps(row.get(name) or ({} if name in ("credits", "evidence") else []),
                                   ensure_ascii=False)
        with transaction(self.db):
            if article_id is None:
                row.update(first_seen=seen, updated_at=seen, origin=origin)
                article_id = self._insert("articles", row)
                search.index_article(self.db, article_id)
                outcome = "new"
            else:
                outcome = self._update(article_id, row, seen, reason, same_page, origin)
                if origin == "crawl":
                    self.db.execute("UPDATE articles SET origin = 'crawl' WHERE id = ? "
                                    "AND origin IS NOT 'crawl'", [article_id])
            self._see_url(url, article_id, seen, fields.get("request_url") or None)
        return article_id, outcome

    def _insert(self, table: str, row: dict) -> int:
        names = ", ".join(row)
        marks = ", ".join("?" for _ in row)
        return self.db.execute(f"INSERT INTO {table} ({names}) VALUES ({marks})",
                               list(row.values())).lastrowid

    def _set(self, article_id: int, values: dict) -> None:
        assignments = ", ".join(f"{name} = ?" for name in values)
        self.db.execute(f"UPDATE articles SET {assignments} WHERE id = ?",
                        [*values.values(), article_id])

    def article_row(self, article_id: int) -> dict | None:
        cursor = self.db.execute("SELECT * FROM articles WHERE id = ?", [article_id])
        row = cursor.fetchone()
        return None if row is None else dict(zip([c[0] for c in cursor.description], row,
                                                 strict=True))

    def add_revision(self, article_id: int, version: dict, snapshot_id: int | None,
                     replaced_at: str, reason: str) -> int:
        """Keep a version of an article in `revisions` (inside the caller's transaction).
        version: the fields as stored in `articles` (JSON fields as JSON text)."""
        revision_id = self._insert("revisions", {
            "article_id": article_id, **{f: version.get(f) for f in REVISION_FIELDS},
            "content_sha256": version.get("content_sha256"), "snapshot_id": snapshot_id,
            "replaced_at": replaced_at, "reason": reason,
        })
        search.index_revision(self.db, revision_id)
        return revision_id

    def _update(self, article_id: int, row: dict, seen: str, reason: str = "changed",
                same_page: bool = False, origin: str = "crawl") -> str:
        old = self.article_row(article_id)
        # Only a crawl's answer says the site serves it again (an imported capture is old).
        cleared = CLEARED if origin == "crawl" else {}
        known_url = self.article_id_for_url(row["url"]) == article_id
        if not known_url and old["url"] != row["url"] and not same_page:
            # The same press release at a new URL: keep the version stored, note the URL. The
            # article's own URL is the lowest of its URLs (the first posting), whatever order a
            # crawl meets them in, so that two crawls of one site make the same archive.
            update = {"last_seen": seen}
            if url_order(row["url"]) < url_order(old["url"]):
                update["url"] = row["url"]
            self._set(article_id, update)
            return "merged"
        if old["removed_at"] and cleared:
            takedowns.restored(self, article_id, seen)
        if old["content_sha256"] == row["content_sha256"]:
            self._set(article_id, {"last_seen": seen, **cleared})
            return "unchanged"
        if same_page and self._moved_content_hash(article_id, old, row["url"]) == \
                row["content_sha256"]:
            # The site moved and its pictures and files with it: the same content, its links
            # now at the new address (no revision: nothing the publisher wrote changed).
            self._set(article_id, {name: row[name] for name in
                                   ("images", "attachments", "body_html", "content_sha256")}
                      | {"last_seen": seen, **cleared})
            return "unchanged"
        self.add_revision(article_id, old, old["snapshot_id"], seen, reason)
        row = {k: v for k, v in row.items() if k not in ("url", "first_seen")}
        self._set(article_id, {**row, "updated_at": seen, **cleared})
        # A new date moves the article's search key: the entry under the old one goes.
        search.index_article(self.db, article_id, old_key=old["search_key"])
        return "updated"

    def _moved_content_hash(self, article_id: int, old: dict, new_url: str) -> str:
        """The content hash of the stored version with the links of its images and attachments
        at the site's new address (`new_url`'s scheme and host), where they were on the
        site's old one (any host the article was seen at)."""
        hosts = site_hosts(old["url"], [urlsplit(u).hostname or "" for (u,) in self.db.execute(
            "SELECT url FROM article_urls WHERE article_id = ?", [article_id])])
        fields = {name: json.loads(old[name]) if name in JSON_FIELDS else old[name]
                  for name in CONTENT_FIELDS}
        for name in ("images", "attachments"):
            fields[name] = [{**asset, "url": rehome(asset.get("url", ""), new_url, hosts)}
                            for asset in fields[name] or []]
        return content_hash(fields)

    def _see_url(self, url: str, article_id: int, seen: str,
                  request_url: str | None = None) -> None:
        self.db.execute(
            "INSERT INTO article_urls (url, article_id, first_seen, last_seen, request_url) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (url) DO UPDATE SET "
            "article_id = excluded.article_id, last_seen = excluded.last_seen, "
            "request_url = coalesce(excluded.request_url, request_url)",
            [url, article_id, seen, seen, request_url])

    # --- what the next crawl needs to know ----------------------------------------------------

    def known_urls(self) -> dict[str, str]:
        """Every URL an article was seen at, with the article's date."""
        return dict(self.db.execute(
            "SELECT u.url, a.published FROM article_urls u JOIN articles a ON a.id = u.article_id"))

    def gone_urls(self) -> set[str]:
        """URLs that answered 404/410 and were never an article: not asked for again."""
        return {r[0] for r in self.db.execute(
            "SELECT DISTINCT url FROM failures WHERE status IN (404, 410) "
            "AND url NOT IN (SELECT url FROM article_urls)")}

    def failed_urls(self) -> set[str]:
        """Article URLs that failed, for any reason but 404/410 and robots.txt (server errors,
        timeouts, pages that could not be read, an exception while the article was processed:
        kind 'error', see failures.error_failure), and were never stored since: the next run
        asks again."""
        return {r[0] for r in self.db.execute(
            "SELECT DISTINCT url FROM failures WHERE (status IS NULL OR status NOT IN (404, 410)) "
            "AND url NOT IN (SELECT url FROM article_urls) AND (kind = 'article' OR (kind = "
            "'error' AND reason LIKE '%while the article was processed%')) "
            "AND reason NOT LIKE '%robots.txt%'")}

    def request_urls(self) -> dict[str, str]:
        """canonical URL -> the URL last requested for it, where the two differ: what to ask
        for when the archive's key is all a run has (a recheck, a retry). A server may not
        answer the key itself (`show.asp?3101=` for `show.asp?3101`)."""
        found = dict(self.db.execute(
            "SELECT url, request_url FROM failures WHERE request_url IS NOT NULL "
            "AND request_url != url ORDER BY id"))
        found.update(self.db.execute(
            "SELECT url, request_url FROM article_urls WHERE request_url IS NOT NULL "
            "AND request_url != url"))
        return found

    def recent_urls(self, since: str) -> list[str]:
        """The canonical URLs of articles published on or after `since` (ISO date)."""
        return [r[0] for r in self.db.execute(
            "SELECT url FROM articles WHERE published >= ? ORDER BY published DESC", [since])]

    def walked_sections(self) -> set[str]:
        return {r[0] for r in self.db.execute(
            "SELECT url FROM sections WHERE walked_at IS NOT NULL")}

    def mark_walked(self, url: str, name: str = "") -> None:
        with transaction(self.db):
            self.db["sections"].upsert({"url": url, "name": name, "walked_at": self.now()},
                                       pk="url")
            self.db.execute("UPDATE sections SET first_seen = walked_at WHERE url = ? "
                            "AND first_seen IS NULL", [url])

    def mark_removed(self, url: str, status: int, reason: str = "",
                     crawl_id: int | None = None) -> bool:
        """Mark an article removed now (see takedowns.py for the rule a crawl applies)."""
        return takedowns.mark_removed(self, url, status, reason, crawl_id)

    def record_gone(self, url: str, status: int | None, reason: str,
                    crawl_id: int | None = None,
                    confirm_days: float = takedowns.CONFIRM_DAYS) -> str | None:
        """An answer saying an article is gone: a suspicion, or the second answer a day later
        that marks it removed (takedowns.record_gone)."""
        return takedowns.record_gone(self, url, status, reason, crawl_id, confirm_days)

    def suspected_urls(self) -> set[str]:
        return takedowns.suspected_urls(self)

    # --- requisites (requisites.py) ------------------------------------------------------------

    def add_requisite(self, url: str, kind: str, status: int, headers: dict, body: bytes,
                      crawl_id: int | None = None, **imported) -> tuple[int, bool]:
        """imported: fetch, fetched_at, import_id, warc_record_id (requisites.add)."""
        return requisites.add(self, url, kind, status, headers, body, crawl_id, **imported)

    def link_requisites(self, article_id: int, fields: dict) -> None:
        requisites.link(self, article_id, fields)

    def stored_requisites(self) -> set[str]:
        return requisites.stored(self)

    def failed_requisites(self) -> list[tuple[str, str, str]]:
        return requisites.failed(self)

    # --- lists and completeness (completeness.py) ---------------------------------------------

    def add_list_page(self, crawl_id: int | None, section_url: str, section: str, url: str,
                      figures: dict, entries: list[str]) -> None:
        completeness.add_list_page(self, crawl_id, section_url, section, url, figures, entries)

    def record_completeness(self, crawl_id: int) -> list[dict]:
        return completeness.record(self, crawl_id)

    # --- failures -----------------------------------------------------------------------------

    def add_failure(self, url: str, reason: str, status: int | None = None, error: str = "",
                    referer: str = "", crawl_id: int | None = None, kind: str = "",
                    request_url: str = "", section_url: str = "") -> None:
        """url: the page's canonical URL; request_url: the URL requested, when it differs.
        kind: what the page was to be: 'article', 'list', 'home'. section_url: for a list
        page, its section's first page: the section is no longer walked (in the same
        transaction, so that a run killed right after cannot leave it walked), and the next
        run walks it in full, asking for this page again."""
        with transaction(self.db):
            self.db["failures"].insert({
                "url": url, "kind": kind, "status": status, "error": error, "reason": reason,
                "referer": referer, "at": self.now(), "crawl_id": crawl_id,
                "request_url": request_url or None,
            })
            if section_url:
                self.db.execute("UPDATE sections SET walked_at = NULL WHERE url = ?",
                                [section_url])

    # --- reads --------------------------------------------------------------------------------

    def byline_share(self) -> float | None:
        """The share of stored articles that have a byline (None: no articles yet)."""
        total, with_byline = self.db.execute(
            "SELECT count(*), sum(byline != '') FROM articles").fetchone()
        return with_byline / total if total else None

    def counts(self) -> dict[str, int]:
        return {name: self.db[name].count for name in
                ("articles", "article_urls", "snapshots", "revisions", "failures", "crawls")}
