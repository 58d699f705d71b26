"""Full-text search over the archive's articles, for Chinese words of any length.

The archive calls `ensure_index(db)` when it creates its tables and `index_article(db, id)`
inside the transaction that stores or updates an article, so the index always follows the
articles table.

(First version: a plain FTS5 table over title and body with the default tokenizer. The
Datasette work replaces it with one that finds 1- and 2-character Chinese words and folds
Traditional to Simplified.)
"""

from __future__ import annotations

FTS_TABLE = "articles_fts"


def ensure_index(db) -> None:
    if FTS_TABLE not in db.table_names():
        db.execute(f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5(title, body)")


def index_article(db, article_id: int) -> None:
    row = db.execute("SELECT title, body FROM articles WHERE id = ?", [article_id]).fetchone()
    db.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid = ?", [article_id])
    if row:
        db.execute(f"INSERT INTO {FTS_TABLE} (rowid, title, body) VALUES (?, ?, ?)",
                   [article_id, *row])
