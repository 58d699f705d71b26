"""Take-downs as evidence. No Scrapy here.

An article is marked removed only on evidence: an answer that says it is gone (HTTP 404 or 410,
a "not found" page served as 200, a redirect of the article to the home page) is kept in
`gone_answers`; the first since the article was last seen is a suspicion, and a second at least
CONFIRM_DAYS later (by the run's clock) marks it removed: `articles.removed_at`,
`removed_status`, `removed_reason` and a row in `removals`. A timeout, a reset or a 5xx never
counts: they are failures, not answers. An article that is read again (it came back) clears a
suspicion (only answers after its last_seen count) and closes its removal (`restored_at`).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from portscraper.archive.schema import transaction

CONFIRM_DAYS = 1.0


def _time(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


def record_gone(archive, url: str, status: int | None, reason: str,
                crawl_id: int | None = None, confirm_days: float = CONFIRM_DAYS) -> str | None:
    """Keep an answer saying the article at `url` is gone; return what it means now:
    'suspected' (the first since it was last seen, or too soon after the first), 'removed'
    (marked now), 'still removed', or None (no archived article is at that URL)."""
    article_id = archive.article_id_for_url(url)
    if article_id is None:
        return None
    at = archive.now()
    with transaction(archive.db):
        archive.db.execute(
            "INSERT INTO gone_answers (article_id, url, at, status, reason, crawl_id) "
            "VALUES (?, ?, ?, ?, ?, ?)", [article_id, url, at, status, reason, crawl_id])
        removed_at, last_seen = archive.db.execute(
            "SELECT removed_at, last_seen FROM articles WHERE id = ?", [article_id]).fetchone()
        if removed_at:
            return "still removed"
        (first,) = archive.db.execute(
            "SELECT min(at) FROM gone_answers WHERE article_id = ? AND at > ?",
            [article_id, last_seen or ""]).fetchone()
        if _time(at) - _time(first) < timedelta(days=confirm_days):
            return "suspected"
        _mark(archive, article_id, url, status, reason, first, at, crawl_id)
    return "removed"


def mark_removed(archive, url: str, status: int, reason: str = "",
                 crawl_id: int | None = None) -> bool:
    """Mark the article at `url` removed now, on evidence the caller holds (portscraper's own
    rule is record_gone). False when there is no such article or it is marked already."""
    article_id = archive.article_id_for_url(url)
    if article_id is None:
        return False
    at = archive.now()
    with transaction(archive.db):
        (removed_at,) = archive.db.execute("SELECT removed_at FROM articles WHERE id = ?",
                                           [article_id]).fetchone()
        if removed_at:
            return False
        _mark(archive, article_id, url, status, reason or f"HTTP {status}", at, at, crawl_id)
    return True


def _mark(archive, article_id, url, status, reason, suspected_at, at, crawl_id) -> None:
    archive.db.execute("UPDATE articles SET removed_at = ?, removed_status = ?, "
                       "removed_reason = ? WHERE id = ?", [at, status, reason, article_id])
    archive.db.execute(
        "INSERT INTO removals (article_id, url, suspected_at, removed_at, status, reason, "
        "crawl_id) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [article_id, url, suspected_at, at, status, reason, crawl_id])


def restored(archive, article_id: int, at: str) -> None:
    """The article was read again: its open removal closes (inside the caller's
    transaction)."""
    archive.db.execute("UPDATE removals SET restored_at = ? WHERE article_id = ? "
                       "AND restored_at IS NULL", [at, article_id])


def suspected_urls(archive) -> set[str]:
    """URLs of articles not marked removed that answered 'gone' since they were last seen:
    the next run asks for them again, whatever their age, for the second answer."""
    return {r[0] for r in archive.db.execute(
        "SELECT DISTINCT g.url FROM gone_answers g JOIN articles a ON a.id = g.article_id "
        "WHERE a.removed_at IS NULL AND g.at > coalesce(a.last_seen, '')")}
