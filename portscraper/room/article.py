"""What an article's page shows beside the article itself: the other URLs it was seen at, the
snapshot it was read from, and its versions, each change side by side (article_diff).

`article_extras(datasette, database, request)` is awaited by the plugin's extra_template_vars
for the row page of `articles`; row.html reads its dict as `portscraper_extras`:

    {"urls": [{url, link, first_seen, last_seen}],
     "snapshot": {id, url, fetched_at, status, size, page} | None,
     "versions": [{label, replaced_at, why, reason, snapshot_id, row}]  (oldest first, current
                  last; why: the reason as a reader says it),
     "changes": [{before, after, fields: article_diff.compare(...)}]  (newest change first)}

Links go only to http(s) URLs of a real site (datasette_snapshots.site_link): a URL on the
loopback interface (the demo's replica, served on a random port while `portscraper demo` runs)
leads nowhere once the demo ends, so it is shown as text, and the article's archived page
stands in for it.
"""

from __future__ import annotations

from datetime import UTC, datetime

from portscraper.archive.diff import compare
from portscraper.room.snapshots import site_link

# Why an earlier version was replaced (revisions.reason), as a reader says it.
REASONS = {"changed": "Changed on the site", "re-extracted": "Read again by a newer extractor",
           "imported": "An older capture, from an imported WARC"}


def readable_time(value) -> str:
    """An ISO time of the archive as "2026-12-01 06:17 UTC"; anything else as its text."""
    text = "" if value is None else str(value)
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return text
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    return moment.strftime("%Y-%m-%d %H:%M UTC") if "T" in text else text


def readable_date(value) -> str:
    """A publication date as a reader writes it: "2024-06-01" as "1 June 2024",
    "2024-06-01T09:00" as "1 June 2024, 09:00" (the site's own clock: no zone); a partial or
    odd date ("2024-06", "unknown") as its text."""
    text = "" if value is None else str(value)
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return text
    if len(text) < 10:
        return text
    day = f"{moment.day} {moment.strftime('%B %Y')}"
    return f"{day}, {moment.strftime('%H:%M')}" if "T" in text or " " in text else day


def _article_id(request) -> int | None:
    pks = (request.url_vars or {}).get("pks", "") if request is not None else ""
    return int(pks) if pks.isascii() and pks.isdigit() and len(pks) <= 18 else None


async def article_extras(datasette, database: str, request) -> dict:
    """The URLs, snapshot and versions of the article the row page shows (see the module's
    docstring); {} when the address names no article."""
    article_id = _article_id(request)
    if article_id is None:
        return {}
    db = datasette.get_database(database)
    current = (await db.execute("select * from articles where id = ?", [article_id])).first()
    if current is None:
        return {}
    urls = [{"url": row["url"], "link": site_link(row["url"]),
             "first_seen": readable_time(row["first_seen"]),
             "last_seen": readable_time(row["last_seen"])}
            for row in (await db.execute(
                "select url, first_seen, last_seen from article_urls where article_id = ? "
                "order by first_seen, url", [article_id])).rows]
    snapshot = None
    if isinstance(current["snapshot_id"], int):
        found = (await db.execute(
            "select id, url, fetched_at, status, size from snapshots where id = ?",
            [current["snapshot_id"]])).first()
        if found:
            snapshot = {**dict(found), "fetched_at": readable_time(found["fetched_at"]),
                        "page": datasette.urls.path(f"/-/snapshot/{database}/{found['id']}")}
    revisions = (await db.execute(
        "select * from revisions where article_id = ? order by replaced_at, id",
        [article_id])).rows
    versions = [{"label": f"revision {r['id']} ({r['reason'] or 'changed'})",
                 "replaced_at": readable_time(r["replaced_at"]),
                 "why": REASONS.get(r["reason"] or "changed", str(r["reason"])),
                 "reason": r["reason"],
                 "snapshot_id": r["snapshot_id"], "row": dict(r)} for r in revisions]
    versions.append({"label": "current version", "replaced_at": None, "reason": None,
                     "why": None,
                     "snapshot_id": current["snapshot_id"], "row": dict(current)})
    changes = []
    for before, after in zip(versions, versions[1:], strict=False):
        changes.append({"before": before, "after": after,
                        "fields": compare(before["row"], after["row"])})
    changes.reverse()
    return {"urls": urls, "snapshot": snapshot, "versions": versions, "changes": changes}
