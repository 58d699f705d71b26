"""The archive's schema, its version, and upgrades of archives made by older versions.
No Scrapy here.

The version is in `PRAGMA user_version`. Opening an older archive upgrades it in place, after a
backup copy (`ARCHIVE.db.v1.bak`, made with SQLite's online backup); a newer one is refused.
Upgrades so far only add tables, columns and indexes, so they are derived from SCHEMA itself
(plus the generated column articles.search_key); search.ensure_index rebuilds a search index
made by an older version.
"""

from __future__ import annotations

import sqlite3
from contextlib import contextmanager
from pathlib import Path

from portscraper.archive import search

# 1: the first release. 2: crawls gained mode, requests, seconds, removals and the health
#    verdict; failures gained kind; the sections table; snapshots compressed with zstd and a
#    per-site dictionary (the dictionaries table, snapshots.dictionary_id).
# 3: articles.search_key (generated: the search index's rowid, date-ordered); the index cut
#    into character pairs with the endings of Latin words (search.py), rebuilt on upgrade;
#    the index of revisions (revisions_fts).
# 4: articles.evidence: which evidence each field was read from (extract_article's `evidence`);
#    article_urls.request_url and failures.request_url: the URL as requested (as a browser
#    writes the link), which the canonical url, a key, may not be (`show.asp?3101` is keyed
#    `show.asp?3101=`): rechecks and retries ask for it.
# (5: kept for issue 12's branch.)
# 5: issue 16, an archive archivists accept. captures: every later fetch (or imported capture) of
#    a page already stored, so that an export writes WARC revisit records; imports: one row per
#    `portscraper import` of a WARC; snapshots.import_id and snapshots.warc_record_id: where an
#    imported page came from (its capture time is fetched_at); articles.origin: 'crawl', or
#    'import' while only an import has seen it; revisions.reason ('changed', 're-extracted',
#    'imported') and the old section, breadcrumb, body_html, language and evidence beside the
#    content fields; fixity_checks: one row per `portscraper verify`.
# 6: issue 16, items 1, 7 and 8. requisites: an article's images and attachments and the
#    site's template files (CSS, its images), fetched and stored as snapshots
#    (snapshots.kind 'requisite'), article_requisites linking them; list_pages and
#    list_entries: what each list page read said it holds and listed; completeness: per section
#    and run, the list's count against the archive's; gone_answers: each answer saying an
#    article is gone (404/410, a "not found" page, a redirect home), removals: each time one was
#    marked removed (two such answers a day apart) and when it came back;
#    articles.removed_reason; crawls.articles_suspected, crawls.requisites_stored.
# 7: issue 22, every fetch as received. fetches: one row per fetch of a kept page or
#    requisite (unchanged, changed in a hit counter only, or new), with its request head as
#    sent, its response's status line and head as received, its payload as transferred (by
#    sha256) and an imported record's provenance (fetches.py); payloads: the payloads that are
#    no snapshot's bytes (a gzipped page, a page changed in a counter only), stored once;
#    snapshots.fetch_id and captures.fetch_id: the fetch each was made from (NULL: made by an
#    earlier version, whose fetches were not kept).
SCHEMA_VERSION = 7

CONTENT_FIELDS = ("kicker", "title", "subtitle", "published", "byline", "credits", "body",
                  "images", "attachments")
# What a revision keeps of the version it replaces: the content, and the other fields read from
# the page (a re-extraction may change those alone).
REVISION_FIELDS = (*CONTENT_FIELDS, "section", "breadcrumb", "body_html", "language", "evidence")

# table: (columns, primary key, foreign keys)
SCHEMA: dict[str, tuple[dict, str, list]] = {
    "crawls": ({
        "id": int, "spider": str, "started_at": str, "finished_at": str, "arguments": str,
        "mode": str, "finish_reason": str, "requests": int, "pages_fetched": int,
        "articles_new": int, "articles_updated": int, "articles_unchanged": int,
        "articles_merged": int, "articles_removed": int, "failures": int, "seconds": float,
        "health": str, "health_report": str, "articles_suspected": int,
        "requisites_stored": int,
    }, "id", []),
    "imports": ({
        "id": int, "file": str, "file_sha256": str, "started_at": str, "finished_at": str,
        "records": int, "pages": int, "snapshots_stored": int, "articles_new": int,
        "articles_updated": int, "articles_unchanged": int, "articles_merged": int,
        "articles_older": int, "not_articles": int, "failures": int,
    }, "id", []),
    "fixity_checks": ({
        "id": int, "started_at": str, "finished_at": str, "snapshots": int, "bytes": int,
        "mismatches": int, "unreadable": int, "integrity": str, "verdict": str, "report": str,
    }, "id", []),
    "sections": ({"url": str, "name": str, "first_seen": str, "walked_at": str}, "url", []),
    "dictionaries": ({
        "id": int, "host": str, "trained_at": str, "samples": int, "content": bytes,
    }, "id", []),
    "snapshots": ({
        "id": int, "url": str, "fetched_at": str, "status": int, "headers": str,
        "encoding": str, "sha256": str, "stable_sha256": str, "size": int,
        "compression": str, "dictionary_id": int, "content": bytes, "crawl_id": int,
        "import_id": int, "warc_record_id": str, "kind": str, "fetch_id": int,
    }, "id", [("crawl_id", "crawls", "id"), ("dictionary_id", "dictionaries", "id"),
              ("import_id", "imports", "id")]),
    "captures": ({
        "id": int, "snapshot_id": int, "url": str, "fetched_at": str, "status": int,
        "sha256": str, "crawl_id": int, "import_id": int, "warc_record_id": str,
        "fetch_id": int,
    }, "id", [("snapshot_id", "snapshots", "id"), ("crawl_id", "crawls", "id"),
              ("import_id", "imports", "id")]),
    "fetches": ({
        "id": int, "url": str, "fetched_at": str, "kind": str, "snapshot_id": int,
        "crawl_id": int, "import_id": int, "method": str, "request_head": str,
        "protocol": str, "status": int, "reason": str, "response_head": str,
        "head_source": str, "content_encoding": str, "payload_sha256": str,
        "payload_size": int, "ip": str, "warc_record_id": str, "warc_request_record_id": str,
        "warc_payload_digest": str, "warc_block_digest": str,
    }, "id", [("snapshot_id", "snapshots", "id"), ("crawl_id", "crawls", "id"),
              ("import_id", "imports", "id")]),
    "payloads": ({
        "sha256": str, "size": int, "compression": str, "dictionary_id": int, "content": bytes,
    }, "sha256", [("dictionary_id", "dictionaries", "id")]),
    "articles": ({
        "id": int, "url": str, "site": str, "section": str, "breadcrumb": str,
        "kicker": str, "title": str, "subtitle": str, "published": str, "byline": str,
        "credits": str, "body": str, "body_html": str, "images": str, "attachments": str,
        "language": str, "evidence": str, "content_sha256": str, "body_key": str, "first_seen": str,
        "last_seen": str, "updated_at": str, "snapshot_id": int, "removed_at": str,
        "removed_status": int, "origin": str, "removed_reason": str,
    }, "id", [("snapshot_id", "snapshots", "id")]),
    "article_urls": ({"url": str, "article_id": int, "first_seen": str, "last_seen": str,
                      "request_url": str}, "url", [("article_id", "articles", "id")]),
    "revisions": ({
        "id": int, "article_id": int, **{f: str for f in REVISION_FIELDS},
        "content_sha256": str, "snapshot_id": int, "replaced_at": str, "reason": str,
    }, "id", [("article_id", "articles", "id"), ("snapshot_id", "snapshots", "id")]),
    "failures": ({
        "id": int, "url": str, "kind": str, "status": int, "error": str, "reason": str,
        "referer": str, "at": str, "crawl_id": int, "request_url": str,
    }, "id", [("crawl_id", "crawls", "id")]),
    "requisites": ({
        "url": str, "host": str, "kind": str, "snapshot_id": int, "status": int,
        "content_type": str, "first_seen": str, "fetched_at": str, "crawl_id": int,
    }, "url", [("snapshot_id", "snapshots", "id"), ("crawl_id", "crawls", "id")]),
    "article_requisites": ({
        "id": int, "article_id": int, "url": str, "role": str, "first_seen": str,
    }, "id", [("article_id", "articles", "id")]),
    "list_pages": ({
        "id": int, "crawl_id": int, "section_url": str, "url": str, "at": str, "number": int,
        "pages": int, "total": int, "per_page": int, "items": int, "count_text": str,
    }, "id", [("crawl_id", "crawls", "id")]),
    "list_entries": ({
        "id": int, "section_url": str, "url": str, "first_seen": str, "last_seen": str,
    }, "id", []),
    "completeness": ({
        "id": int, "crawl_id": int, "at": str, "section_url": str, "section": str,
        "claimed": int, "exact": int, "claim": str, "listed": int, "held": int, "gap": int,
        "unexplained": int, "missing": str,
    }, "id", [("crawl_id", "crawls", "id")]),
    "gone_answers": ({
        "id": int, "article_id": int, "url": str, "at": str, "status": int, "reason": str,
        "crawl_id": int,
    }, "id", [("article_id", "articles", "id"), ("crawl_id", "crawls", "id")]),
    "removals": ({
        "id": int, "article_id": int, "url": str, "suspected_at": str, "removed_at": str,
        "status": int, "reason": str, "restored_at": str, "crawl_id": int,
    }, "id", [("article_id", "articles", "id"), ("crawl_id", "crawls", "id")]),
}
INDEXES = [
    ("snapshots", ["sha256"], True),
    ("snapshots", ["url", "id"], False),
    ("snapshots", ["dictionary_id"], False),
    ("dictionaries", ["host"], True),
    ("articles", ["body_key"], False),
    ("articles", ["published"], False),
    # The search key with what facets read: a search's count and facets read only this index.
    ("articles", ["search_key", "published", "section", "byline"], False),
    # Which sites an archive holds, at once: a search's site facet is then its count
    # (portscraper/room/newest.py), and the site facet of the table reads only this index.
    ("articles", ["site"], False),
    ("article_urls", ["article_id"], False),
    ("revisions", ["article_id"], False),
    ("failures", ["crawl_id"], False),
    ("article_requisites", ["article_id", "url"], True),
    ("list_entries", ["section_url", "url"], True),
    ("completeness", ["section_url", "id"], False),
    ("gone_answers", ["article_id"], False),
    ("removals", ["article_id"], False),
    # An import asks whether a record is already kept, and what a revisit's digest refers to.
    ("fetches", ["warc_record_id"], False),
    ("fetches", ["payload_sha256"], False),
    # No index on snapshots.crawl_id or on captures: only an export reads by them, once, and
    # every index is one more page written for every page fetched.
]

# Views for the reading room (Datasette lists them beside the tables); made again on an
# upgrade, so that a new version's definition replaces an older one.
VIEWS = {
    # The latest measurement of every section: the list's count against the archive's, the gap
    # listed (completeness.py).
    "section_completeness": """
        SELECT c.section, c.claimed, c.held, c.gap, c.unexplained, c.missing, c.claim,
          c.listed, c.exact, c.section_url, c.crawl_id, c.at
        FROM completeness c
        WHERE c.id = (SELECT max(c2.id) FROM completeness c2
                      WHERE c2.section_url = c.section_url)
        ORDER BY c.gap DESC, c.section""",
    # Articles that answered "gone" once since they were last seen, not yet marked removed:
    # the next run asks again, and a second answer a day later marks them (takedowns.py).
    "suspected_removals": """
        SELECT a.id AS article_id, a.title, a.url, min(g.at) AS first_answer_at,
          max(g.at) AS last_answer_at, count(*) AS answers,
          group_concat(DISTINCT g.reason) AS reasons
        FROM gone_answers g JOIN articles a ON a.id = g.article_id
        WHERE a.removed_at IS NULL AND g.at > coalesce(a.last_seen, '')
        GROUP BY a.id""",
}


@contextmanager
def transaction(db):
    """One write transaction, all or nothing.

    Not `with conn:` (it opens no transaction, and sqlite-utils' `execute` commits each write on
    its own) and not sqlite-utils' `atomic()` (a plain BEGIN: a transaction that has read before
    it writes cannot wait for another writer and fails at once with "database is locked").
    BEGIN IMMEDIATE takes the write lock first, waiting up to the busy timeout for it.
    """
    db.conn.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        if db.conn.in_transaction:
            db.conn.rollback()
        raise
    else:
        try:
            db.conn.commit()
        except BaseException:
            if db.conn.in_transaction:
                db.conn.rollback()
            raise


class NotAnArchive(Exception):
    """The file is not a portscraper archive this version can use."""


def schema_version(db) -> int:
    return db.execute("PRAGMA user_version").fetchone()[0]


# The tables every archive has held since the first release (version 1, which already set
# PRAGMA user_version): with the version, what marks a file as one this project made.
CORE_TABLES = frozenset({"articles", "article_urls", "snapshots", "crawls", "failures"})


def refusal(version: int, tables: set[str]) -> str | None:
    """Why an SQLite file of this PRAGMA user_version and these names (tables; indexes and
    views may be among them) is not an archive this version can use, in one line; None when
    it is one, or is new (no tables). Read-only callers (integrity.check_intact's answer, the
    commands' and the crawl's checks) ask this before anything writes to the file: a foreign
    database that happens to have an `articles` table is never turned into an archive."""
    if not tables - {"sqlite_sequence"}:
        return None
    if version > SCHEMA_VERSION:
        return (f"this archive has schema version {version}, newer than this portscraper "
                f"knows ({SCHEMA_VERSION}): upgrade portscraper")
    if "articles" not in tables:
        return ("this database is not a portscraper archive (it has other tables): choose "
                "another ARCHIVE_DB")
    missing = sorted(CORE_TABLES - tables)
    if version == 0 or missing:
        why = (f"no table {', '.join(missing)}" if missing else
               "PRAGMA user_version 0: portscraper never wrote to it")
        return (f"this database is not a portscraper archive ({why}): choose another "
                "ARCHIVE_DB")
    return None


def check(db) -> int:
    """The archive's version; NotAnArchive when it is another database or a newer archive
    (refusal)."""
    version = schema_version(db)
    problem = refusal(version, set(db.table_names()))
    if problem:
        raise NotAnArchive(problem)
    return version


def ensure(db, path: Path | None) -> None:
    """Create the tables of a new archive, or upgrade an older one (after a backup)."""
    version = check(db)
    if 0 < version < SCHEMA_VERSION and path is not None:
        backup(db, path.with_name(f"{path.name}.v{version}.bak"))
    with transaction(db):
        for table, (columns, pk, foreign_keys) in SCHEMA.items():
            if table in db.table_names():
                existing = db[table].columns_dict
                for name, kind in columns.items():
                    if name not in existing:
                        db[table].add_column(name, kind)
            else:
                db[table].create(columns, pk=pk, foreign_keys=foreign_keys)
        add_generated_columns(db)
        for table, columns, unique in INDEXES:
            db[table].create_index(columns, unique=unique, if_not_exists=True)
        search.ensure_index(db)
        for name, sql in VIEWS.items():
            if version < SCHEMA_VERSION:
                db.execute(f"DROP VIEW IF EXISTS {name}")
            db.execute(f"CREATE VIEW IF NOT EXISTS {name} AS {sql}")
        if 0 < version < 6:
            _removals_before_version_6(db)
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def _removals_before_version_6(db) -> None:
    """Articles an older version marked removed (on one 404 or 410) keep their mark, and gain
    the removal row the feed of changes reads, its reason saying how it was judged."""
    db.execute(
        "INSERT INTO removals (article_id, url, suspected_at, removed_at, status, reason) "
        "SELECT id, url, removed_at, removed_at, removed_status, 'HTTP ' || removed_status || "
        "' (one answer, before version 6)' FROM articles WHERE removed_at IS NOT NULL")
    db.execute("UPDATE articles SET removed_reason = 'HTTP ' || removed_status || "
               "' (one answer, before version 6)' WHERE removed_at IS NOT NULL "
               "AND removed_reason IS NULL")


def add_generated_columns(db) -> None:
    """Columns SQLite computes, which sqlite-utils cannot declare. table_xinfo, not
    table_info: the latter leaves generated columns out."""
    existing = {row[1] for row in db.execute("PRAGMA table_xinfo(articles)").fetchall()}
    if "search_key" not in existing:
        db.execute("ALTER TABLE articles ADD COLUMN search_key INTEGER "
                   f"GENERATED ALWAYS AS {search.SEARCH_KEY_SQL} VIRTUAL")


def backup(db, target: Path) -> None:
    """A consistent copy of the archive, made while it is open (SQLite's online backup)."""
    with sqlite3.connect(target) as copy:
        db.conn.backup(copy)
    copy.close()
