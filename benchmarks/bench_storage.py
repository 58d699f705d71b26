"""Storage: what the archive holds after the crawl, per article and per table; snapshot bytes
stored against raw bytes fetched; what zstd with a dictionary trained on the site's pages would
store instead; and the snapshot bytes a second fetch of the unchanged site adds."""

from __future__ import annotations

import random
import sqlite3
import time
import zlib
from pathlib import Path


def _connect(db: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{db}?mode=ro", uri=True)


def snapshot_totals(db: Path) -> dict:
    conn = _connect(db)
    count, raw, stored = conn.execute(
        "SELECT count(*), coalesce(sum(size), 0), coalesce(sum(length(content)), 0) "
        "FROM snapshots").fetchone()
    conn.close()
    return {"snapshots": count, "raw_bytes": raw, "stored_bytes": stored}


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


def zstd_alternative(db: Path, sample: int = 500, level: int = 9,
                     dict_size: int = 112_640) -> dict | None:
    """The same snapshots compressed with zstd, alone and with a dictionary trained on a sample
    of them (the dictionary's own bytes are counted as stored). None without zstandard."""
    try:
        import zstandard
    except ImportError:
        return None
    conn = _connect(db)
    pages = [zlib.decompress(content) for (content,) in
             conn.execute("SELECT content FROM snapshots WHERE compression = 'zlib'")]
    conn.close()
    raw = sum(len(page) for page in pages)
    plain = zstandard.ZstdCompressor(level=level)
    alone = sum(len(plain.compress(page)) for page in pages)
    started = time.perf_counter()
    trained_on = random.Random(1).sample(pages, min(sample, len(pages)))
    dictionary = zstandard.train_dictionary(dict_size, trained_on)
    compressor = zstandard.ZstdCompressor(level=level, dict_data=dictionary)
    stored = sum(len(compressor.compress(page)) for page in pages) + len(dictionary.as_bytes())
    return {"level": level, "raw_bytes": raw,
            "no_dictionary": {"stored_bytes": alone, "stored_over_raw": round(alone / raw, 4)},
            "dictionary": {"bytes": len(dictionary.as_bytes()), "trained_on": len(trained_on),
                           "stored_bytes": stored, "stored_over_raw": round(stored / raw, 4),
                           "seconds": round(time.perf_counter() - started, 1)}}
