"""Re-extraction: the stored article pages read again with the current extractor. No Scrapy.

    reparse(archive, article_id=None, section=None, dry_run=False) -> ReparseReport

When the extractor improves, the archive need not crawl again: every article's own snapshot
(and the snapshots of its following pages, for an article split over pages) is read as a crawl
reads a page (page_reading.read_stored_article). Each field that reads differently now is
updated, and the version it replaces goes to `revisions` with the reason `re-extracted`: one
transaction per article, so a run stopped half-way leaves whole articles, read by one extractor
or the other. Nothing is written for an article that reads the same, nor for one the extractor
now fails on (no title, date or body: the stored fields are kept and the problem reported).

The following pages of an article are found by URL among the snapshots (the latest of each),
since the archive links an article only to its first page's snapshot.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from portscraper.archive import search
from portscraper.archive.schema import CONTENT_FIELDS, transaction
from portscraper.archive.store import JSON_FIELDS, Archive, body_key, content_hash, now
from portscraper.archive.validation import problems
from portscraper.extract.stored_article import PageAtHand, read_stored_article
from portscraper.sites import defaults

# The fields read from the page, in the order changes are printed.
READ_FIELDS = ("title", "kicker", "subtitle", "published", "section", "breadcrumb", "byline",
               "credits", "body", "body_html", "images", "attachments", "language", "evidence")
REASON = "re-extracted"
# How much of a changed value a line of the report shows.
SHOWN = 60


@dataclass
class ArticleResult:
    article_id: int
    url: str
    changes: list[tuple[str, object, object]] = field(default_factory=list)  # field, old, new
    problem: str = ""  # why the article was left as stored


@dataclass
class ReparseReport:
    dry_run: bool
    read: int = 0
    changed: list[ArticleResult] = field(default_factory=list)
    unreadable: list[ArticleResult] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = []
        for result in self.changed:
            out.append(f"article {result.article_id} ({result.url}):")
            out += [f"  {name}: {describe_change(old, new)}" for name, old, new in
                    result.changes]
        for result in self.unreadable:
            out.append(f"article {result.article_id} ({result.url}) kept as stored: "
                       f"{result.problem}")
        fields = sum(len(r.changes) for r in self.changed)
        verb = "would change" if self.dry_run else "changed"
        out.append(f"reparse{' (dry run)' if self.dry_run else ''}: {self.read} articles read, "
                   f"{len(self.changed)} {verb} ({fields} fields), "
                   f"{len(self.unreadable)} kept as stored")
        return out


def reparse(archive: Archive, article_id: int | None = None, section: str | None = None,
            dry_run: bool = False, extract=read_stored_article) -> ReparseReport:
    """Read the selected articles again (one, one section's, or all: None and None) and
    update what changed unless dry_run. `extract`: the reading (the default is the crawl's;
    tests pass a changed one)."""
    db = archive.db
    clauses, params = [], []
    if article_id is not None:
        clauses.append("id = ?")
        params.append(article_id)
    if section is not None:
        clauses.append("section = ?")
        params.append(section)
    where = " AND ".join(clauses) or "1"
    ids = [row[0] for row in db.execute(f"SELECT id FROM articles WHERE {where} ORDER BY id",
                                        params)]
    report = ReparseReport(dry_run=dry_run)
    id_params = defaults.ARTICLE_ID_PARAMS
    for current_id in ids:
        old = archive.article_row(current_id)
        report.read += 1
        result = ArticleResult(current_id, old["url"])
        first = _stored_page(archive, old["snapshot_id"])
        if first is None:
            result.problem = "its page is not stored"
            report.unreadable.append(result)
            continue
        read = extract(first, lambda url: _latest_page(archive, url), id_params)
        if isinstance(read, str):
            result.problem = read
            report.unreadable.append(result)
            continue
        fields, _ = read
        found = problems(fields)
        if found:
            result.problem = "the extractor now reads: " + "; ".join(found)
            report.unreadable.append(result)
            continue
        result.changes = changed_fields(old, fields)
        if not result.changes:
            continue
        report.changed.append(result)
        if not dry_run:
            _update(archive, old, fields, result.changes)
    return report


def changed_fields(stored: dict, fields: dict) -> list[tuple[str, object, object]]:
    """(field, stored value, new value) of each field that reads differently; JSON fields are
    compared as values, not as text."""
    changes = []
    for name in READ_FIELDS:
        new = fields.get(name)
        old = stored.get(name)
        if name in JSON_FIELDS:
            old = json.loads(old) if old else ({} if name in ("credits", "evidence") else [])
            new = new or ({} if name in ("credits", "evidence") else [])
        else:
            old, new = old or "", new or ""
        if old != new:
            changes.append((name, old, new))
    return changes


def _update(archive: Archive, old: dict, fields: dict, changes) -> None:
    db = archive.db
    seen = now()
    values = {}
    for name, _, new in changes:
        values[name] = json.dumps(new, ensure_ascii=False) if name in JSON_FIELDS else new
    merged = {**{name: old[name] for name in CONTENT_FIELDS}, **values}
    decoded = {name: json.loads(merged[name]) if name in JSON_FIELDS and merged[name] else
               merged[name] for name in CONTENT_FIELDS}
    values["content_sha256"] = content_hash(decoded)
    values["body_key"] = body_key(decoded["title"] or "", decoded["body"] or "")
    if values["content_sha256"] != old["content_sha256"]:
        values["updated_at"] = seen
    with transaction(db):
        archive.add_revision(old["id"], old, old["snapshot_id"], seen, REASON)
        assignments = ", ".join(f"{name} = ?" for name in values)
        db.execute(f"UPDATE articles SET {assignments} WHERE id = ?",
                   [*values.values(), old["id"]])
        search.index_article(db, old["id"], old_key=old["search_key"])


def _stored_page(archive: Archive, snapshot_id: int | None) -> PageAtHand | None:
    if snapshot_id is None:
        return None
    row = archive.db.execute("SELECT url, headers FROM snapshots WHERE id = ?",
                             [snapshot_id]).fetchone()
    if row is None:
        return None
    headers = {k.lower(): v for k, v in json.loads(row[1] or "{}").items()}
    return PageAtHand(row[0], archive.snapshot_bytes(snapshot_id),
                      headers.get("content-type", ""), snapshot_id)


def _latest_page(archive: Archive, url: str) -> PageAtHand | None:
    row = archive.db.execute("SELECT id FROM snapshots WHERE url = ? AND status = 200 "
                             "ORDER BY id DESC LIMIT 1", [url]).fetchone()
    return _stored_page(archive, row[0]) if row else None


def describe_change(old, new) -> str:
    """A change in one line: both values from where they first differ, each cut to SHOWN
    characters (a body's change is seldom at its start)."""
    if not isinstance(old, str) or not isinstance(new, str):
        old, new = (json.dumps(v, ensure_ascii=False, sort_keys=True) for v in (old, new))
    start = next((i for i, (a, b) in enumerate(zip(old, new, strict=False)) if a != b),
                 min(len(old), len(new)))
    start = max(0, start - 10)

    def cut(text: str) -> str:
        shown = text[start:start + SHOWN]
        return (("…" if start else "") + shown + ("…" if len(text) > start + SHOWN else "")
                ).replace("\n", "⏎")

    return f"{cut(old)!r} -> {cut(new)!r}"
