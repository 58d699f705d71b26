"""Completeness: per section and run, how many articles its list says it holds against how many
the archive holds, with the gap listed. No Scrapy here.

A crawl records each list page it read (`list_pages`: the figures it prints, read by
extract/list_count.py, and how many items it showed) and every article URL a section's list
showed (`list_entries`, kept across runs: an incremental run reads only the first pages). After
the run, one `completeness` row per section walked:

- claimed: what the list says it holds (共 N 条; else pages × per page as printed, exact once
  the last page was read, else the least it can be); no count printed: the entries its pages
  showed;
- listed: the URLs its lists showed, less the articles marked removed (no longer listed);
- held: of those, the ones the archive holds as articles;
- gap: claimed - held; missing: each listed URL not held, with why (its last failure, or a
  take-down suspected), and, when the list counts more than its pages ever showed, that many
  records no page showed;
- unexplained: the part of the gap with no failure and no take-down behind it (records the
  count promises that no page showed, URLs listed but never asked for). The health check
  degrades a run whose unexplained gap is above HEALTH_MAX_UNEXPLAINED_GAP: a silent loss.
"""

from __future__ import annotations

import json

from portscraper.archive.schema import transaction
from portscraper.extract.list_count import ListCount


def add_list_page(archive, crawl_id: int | None, section_url: str, section: str, url: str,
                  figures: dict, entries: list[str]) -> None:
    """One list page read (figures: number, pages, total, per_page, items, count_text), its
    entries, and its section known by name, in one transaction."""
    at = archive.now()
    with transaction(archive.db):
        archive.db.execute(
            "INSERT INTO list_pages (crawl_id, section_url, url, at, number, pages, total, "
            "per_page, items, count_text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [crawl_id, section_url, url, at, figures.get("number"), figures.get("pages"),
             figures.get("total"), figures.get("per_page"), figures.get("items"),
             figures.get("count_text")])
        for entry in dict.fromkeys(entries):
            archive.db.execute(
                "INSERT INTO list_entries (section_url, url, first_seen, last_seen) "
                "VALUES (?, ?, ?, ?) ON CONFLICT (section_url, url) DO UPDATE SET "
                "last_seen = excluded.last_seen", [section_url, entry, at, at])
        archive.db.execute(
            "INSERT INTO sections (url, name) VALUES (?, ?) ON CONFLICT (url) DO UPDATE SET "
            "name = coalesce(nullif(sections.name, ''), excluded.name)", [section_url, section])


def _claim(pages: list[dict], listed: int) -> tuple[int, bool, str]:
    """What the section's list pages of one run say it holds."""
    with_total = [p for p in pages if p["total"] is not None]
    with_pages = [p for p in pages if p["pages"]]
    reading = (with_total or with_pages or [None])[0]
    claim = None
    if reading is not None:
        last = next((p["items"] for p in pages if p["pages"] and p["number"] == p["pages"]),
                    None)
        claim = ListCount(total=reading["total"], per_page=reading["per_page"],
                          current=reading["number"], pages=reading["pages"]).claim(last)
    return claim or (listed, True, f"no count printed: the {listed} its pages listed")


def record(archive, crawl_id: int) -> list[dict]:
    """Measure every section whose list this crawl read, store a `completeness` row for each,
    and return them (missing as a list)."""
    cursor = archive.db.execute(
        "SELECT section_url, number, pages, total, per_page, items FROM list_pages "
        "WHERE crawl_id = ? ORDER BY id", [crawl_id])
    by_section: dict[str, list[dict]] = {}
    for section_url, *figures in cursor.fetchall():
        by_section.setdefault(section_url, []).append(
            dict(zip(("number", "pages", "total", "per_page", "items"), figures, strict=True)))
    rows = []
    for section_url, pages in by_section.items():
        rows.append(_measure(archive, crawl_id, section_url, pages))
    with transaction(archive.db):
        for row in rows:
            archive.db.execute(
                "INSERT INTO completeness (crawl_id, at, section_url, section, claimed, exact, "
                "claim, listed, held, gap, unexplained, missing) VALUES "
                "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [crawl_id, archive.now(), row["section_url"], row["section"], row["claimed"],
                 int(row["exact"]), row["claim"], row["listed"], row["held"], row["gap"],
                 row["unexplained"], json.dumps(row["missing"], ensure_ascii=False)])
    return rows


def _measure(archive, crawl_id: int, section_url: str, pages: list[dict]) -> dict:
    entries = archive.db.execute(
        "SELECT e.url, a.id, a.removed_at FROM list_entries e "
        "LEFT JOIN article_urls u ON u.url = e.url LEFT JOIN articles a ON a.id = u.article_id "
        "WHERE e.section_url = ? ORDER BY e.id", [section_url]).fetchall()
    listed = [(url, article_id) for url, article_id, removed_at in entries if not removed_at]
    held = sum(1 for _, article_id in listed if article_id is not None)
    claimed, exact, how = _claim(pages, len(listed))
    missing, unexplained = [], 0
    for url, article_id in listed:
        if article_id is not None:
            continue
        why = archive.db.execute(
            "SELECT reason FROM failures WHERE url = ? ORDER BY id DESC LIMIT 1",
            [url]).fetchone()
        if why is None:
            unexplained += 1
        missing.append({"url": url, "why": why[0] if why else "listed, never fetched"})
    unseen = claimed - len(listed)
    if unseen > 0:
        unexplained += unseen
        missing.append({"url": None, "why": f"{unseen} record{'s' if unseen > 1 else ''} the "
                                            "list counts that none of its pages showed"})
    (name,) = archive.db.execute("SELECT coalesce(max(name), '') FROM sections WHERE url = ?",
                                 [section_url]).fetchone()
    return {"section_url": section_url, "section": name, "claimed": claimed, "exact": exact,
            "claim": how, "listed": len(listed), "held": held, "gap": max(0, claimed - held),
            "unexplained": unexplained, "missing": missing}
