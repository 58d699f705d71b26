"""Page requisites: an article's images and attachments, and the site's template files (its
stylesheets and the images of its layout), kept so that an archived page looks as it did and
its files outlive the site. No Scrapy here.

The bytes are a snapshot like a page's (`snapshots.kind = 'requisite'`: raw bytes, sha256,
stored once, however many URLs or articles share them; exported as WARC response records,
checked by `portscraper verify`). `requisites` holds one row per URL fetched: what it is
(image, attachment, stylesheet, template), its snapshot, its status and type; each URL is
fetched once per site. `article_requisites` links an article to the images and attachments it
shows, fetched or not (an off-site one is a link only).
"""

from __future__ import annotations

import json

from portscraper.archive.schema import transaction
from portscraper.extract.urls import canonical_url

# What a requisite is: `requisites.kind`, and the kind of its `failures` row when it is lost.
KINDS = ("image", "attachment", "stylesheet", "template")
# A failure of this reason is not retried (the file is not to be had as it is).
SIZE_LIMIT = "size limit"


def add(archive, url: str, kind: str, status: int, headers: dict, body: bytes,
        crawl_id: int | None = None, fetch: dict | None = None,
        fetched_at: str | None = None, import_id: int | None = None,
        warc_record_id: str | None = None) -> tuple[int, bool]:
    """Store a requisite's bytes (once: the same bytes are one snapshot) and its row; return
    (snapshot id, stored now). fetch: this fetch as received (fetches.py); fetched_at,
    import_id, warc_record_id: an imported record's (archive.add_snapshot)."""
    snapshot_id, stored = archive.add_snapshot(url, status, headers, body, "", "",
                                               crawl_id=crawl_id, kind="requisite",
                                               fetch=fetch, fetched_at=fetched_at,
                                               import_id=import_id,
                                               warc_record_id=warc_record_id)
    content_type = next((v for k, v in headers.items() if k.lower() == "content-type"), "")
    at = fetched_at or archive.now()
    with transaction(archive.db):
        archive.db.execute(
            "INSERT INTO requisites (url, host, kind, snapshot_id, status, content_type, "
            "first_seen, fetched_at, crawl_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (url) DO UPDATE SET snapshot_id = excluded.snapshot_id, "
            "status = excluded.status, content_type = excluded.content_type, "
            "fetched_at = excluded.fetched_at, crawl_id = excluded.crawl_id",
            [canonical_url(url), _host(url), kind, snapshot_id, status, content_type, at, at,
             crawl_id])
    return snapshot_id, stored


def link(archive, article_id: int, fields: dict) -> None:
    """The article's images and attachments, linked (inside the caller's transaction or its
    own); a URL already linked is left as it is."""
    at = archive.now()
    urls = [(asset.get("url"), "image") for asset in _assets(fields.get("images"))]
    urls += [(asset.get("url"), "attachment") for asset in _assets(fields.get("attachments"))]
    with transaction(archive.db):
        for url, role in urls:
            if isinstance(url, str) and url.startswith(("http://", "https://")):
                archive.db.execute(
                    "INSERT INTO article_requisites (article_id, url, role, first_seen) "
                    "VALUES (?, ?, ?, ?) ON CONFLICT (article_id, url) DO NOTHING",
                    [article_id, canonical_url(url), role, at])


def stored(archive) -> set[str]:
    """The URLs (canonical) of requisites not to ask for again: those whose bytes are kept,
    and those refused for good (a 404/410, a file over the size limit, one robots.txt bars):
    a page rechecked later that still links them does not bring them back (docs/archive.md,
    "Page requisites"). Those lost to a passing fault are `failed`, and asked for again."""
    marks = ", ".join("?" for _ in KINDS)
    kept = {r[0] for r in archive.db.execute(
        "SELECT url FROM requisites WHERE snapshot_id IS NOT NULL")}
    refused = {r[0] for r in archive.db.execute(
        f"SELECT url FROM failures WHERE kind IN ({marks}) AND (status IN (404, 410) "
        "OR reason LIKE ? OR reason LIKE '%robots.txt%')", [*KINDS, f"%{SIZE_LIMIT}%"])}
    return kept | refused


def failed(archive) -> list[tuple[str, str, str]]:
    """(URL as requested, kind, referer) of requisites lost to a passing fault (a 5xx, a
    timeout, a reset) and not kept since, then of an article's images and attachments linked
    but neither kept nor failed (a run interrupted, by Ctrl-C, SIGTERM or a limit, before it
    fetched them: requisites come after pages): the next run asks again. A 404/410, a file
    over the size limit and one robots.txt bars are not asked for again. (An off-site one is
    never asked for: the spider keeps to the site's hosts.)"""
    marks = ", ".join("?" for _ in KINDS)
    lost = archive.db.execute(
        "SELECT coalesce(max(request_url), url), max(kind), max(referer) FROM failures "
        f"WHERE kind IN ({marks}) AND (status IS NULL OR status NOT IN (404, 410)) "
        "AND reason NOT LIKE ? AND reason NOT LIKE '%robots.txt%' AND url NOT IN "
        "(SELECT url FROM requisites WHERE snapshot_id IS NOT NULL) GROUP BY url",
        [*KINDS, f"%{SIZE_LIMIT}%"]).fetchall()
    unfetched = archive.db.execute(
        "SELECT url, max(role), '' FROM article_requisites WHERE url NOT IN "
        "(SELECT url FROM requisites WHERE snapshot_id IS NOT NULL) AND url NOT IN "
        f"(SELECT url FROM failures WHERE kind IN ({marks})) GROUP BY url ORDER BY url",
        KINDS).fetchall()
    return lost + unfetched


def _assets(value) -> list[dict]:
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return []
    return [a for a in value or [] if isinstance(a, dict)]


def _host(url: str) -> str:
    from urllib.parse import urlsplit
    return urlsplit(url).hostname or ""
