"""Storage: what the archive holds after the crawl, per article and per table; snapshot bytes
stored (zstd with the site's trained dictionary, the dictionary's own bytes counted) against raw
bytes fetched; and the snapshot bytes a second fetch of the unchanged site adds."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def _connect(db: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{db}?mode=ro", uri=True)


def snapshot_totals(db: Path) -> dict:
    conn = _connect(db)
    count, raw, stored = conn.execute(
        "SELECT count(*), coalesce(sum(size), 0), coalesce(sum(length(content)), 0) "
        "FROM snapshots").fetchone()
    dictionaries = conn.execute(
        "SELECT coalesce(sum(length(content)), 0) FROM dictionaries").fetchone()[0]
    conn.close()
    return {"snapshots": count, "raw_bytes": raw, "stored_bytes": stored + dictionaries,
            "dictionary_bytes": dictionaries}


def archive_figures(db: Path) -> dict:
    conn = _connect(db)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    file_bytes = conn.execute("PRAGMA page_count").fetchone()[0] * page_size
    articles = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    # Bytes by table (indexes counted with their table; the FTS shadow tables as the index).
    by_table: dict[str, int] = {}
    rows = conn.execute("SELECT s.name, coalesce(m.tbl_name, s.name), sum(s.pgsize) "
                        "FROM dbstat s LEFT JOIN sqlite_master m ON m.name = s.name "
                        "GROUP BY s.name").fetchall()
    for _name, table, size in rows:
        key = "search index" if table.startswith("articles_fts") else table
        by_table[key] = by_table.get(key, 0) + size
    conn.close()
    totals = snapshot_totals(db)
    return {
        "file_bytes": file_bytes,
        "articles": articles,
        "bytes_per_article": round(file_bytes / articles) if articles else None,
        "by_table_bytes": dict(sorted(by_table.items(), key=lambda kv: -kv[1])),
        **totals,
        "stored_over_raw": round(totals["stored_bytes"] / totals["raw_bytes"], 4),
    }
