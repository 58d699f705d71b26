"""Full-text search over the archive's articles, for Chinese words of any length.

SQLite's tokenizers do not fit Chinese: unicode61 takes a whole run of Chinese characters as one
token, trigram never matches a word of one or two characters (码头, 港口, 党建). So the index holds
a *shadow* of each title and body that makes every Chinese character a token of its own:

- folded: NFKC (full-width Latin and digits become ASCII), lower case, and each character
  converted Traditional -> Simplified on its own (碼頭 -> 码头), the same way for texts and queries;
- split: a space on each side of every CJK character; Latin words and numbers stay whole;
- marked: every run of spaces and punctuation becomes the token MARKER, so that "码，头" or a
  line break between 码 and 头 does not read as 码头.

A word becomes the phrase of its tokens (码头 -> "码 头"): adjacent tokens in that order, which
is exactly "the text contains 码头". English words are whole-word terms. FTS5's bm25 ranks the
matches, the title weighing TITLE_WEIGHT times the body.

The archive calls `ensure_index(db)` when it creates its tables and `index_article(db, id)`
inside the transaction that stores or updates an article, so the index always follows the
articles table. Nothing here needs SQLite functions: plain sqlite3 can query the index with a
MATCH string written in the split form (see the README, "Reading and searching the
archive"), or one that `fts_query` builds.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from functools import cache

FTS_TABLE = "articles_fts"
# The token between two pieces of text that were not adjacent: a private-use character, which
# unicode61 counts as a token character and no folded text contains (folding removes them).
MARKER = "\ue000"
TITLE_WEIGHT = 10.0
# The index's definition; an archive whose index was made otherwise (an older portscraper) gets
# it rebuilt by ensure_index.
INDEX_SQL = (f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5("
             "title, body, tokenize = 'unicode61 remove_diacritics 2')")
# Ranked search for Python users: one parameter, a MATCH string from fts_query().
SEARCH_SQL = (f"SELECT articles.id, articles.title, articles.published, {FTS_TABLE}.rank "
              f"FROM {FTS_TABLE} JOIN articles ON articles.id = {FTS_TABLE}.rowid "
              f"WHERE {FTS_TABLE} MATCH ? ORDER BY {FTS_TABLE}.rank")

_CJK_RANGES = (
    "\u2e80-\u2fdf"  # radicals
    "\u3005-\u3007\u3021-\u3029"  # 々〆〇 and Suzhou numerals
    "\u3040-\u30ff"  # kana
    "\u3400-\u4dbf\u4e00-\u9fff"  # CJK ideographs, extension A
    "\uac00-\ud7af"  # hangul syllables
    "\uf900-\ufaff"  # compatibility ideographs
    "\U00020000-\U0003ffff"  # extensions B and later
)
_CJK_CHAR = re.compile(f"([{_CJK_RANGES}])")
_IS_CJK = re.compile(f"[{_CJK_RANGES}]")
# Anything that is not a token character for unicode61 (letters, digits) separates tokens.
_SEPARATORS = re.compile(r"[\W_]+")
# A query: "quoted phrases" (an unclosed quote runs to the end) and bare words.
_QUERY_PART = re.compile(r'"([^"]*)"?|([^\s"]+)')


@cache
def _opencc_t2s():
    import opencc  # loads its dictionaries: only when the first Chinese text comes

    return opencc.OpenCC("t2s")


class _SimplifiedChars(dict):
    """str.translate table: code point -> the character's Simplified form, filled on demand.

    Character by character, not phrase by phrase, on purpose: OpenCC converts a phrase as a
    whole, so one character could fold one way in a text and another way alone in a query."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        folded = _opencc_t2s().convert(char) if _IS_CJK.match(char) else char
        self[code] = folded
        return folded


_SIMPLIFIED = _SimplifiedChars()


def fold(text: str) -> str:
    """Compatibility forms unified, lower case, Traditional characters made Simplified."""
    return unicodedata.normalize("NFKC", text).lower().translate(_SIMPLIFIED)


def shadow_text(text: str | None) -> str:
    """What the index holds for a text: folded, one token per CJK character, MARKER between
    pieces that spaces or punctuation separate. "碼頭，Port" -> "码 头 \\ue000 port"."""
    if not text:
        return ""
    marked = _SEPARATORS.sub(f" {MARKER} ", fold(text))
    return " ".join(_CJK_CHAR.sub(r" \1 ", marked).split()).strip(f" {MARKER}")


def query_parts(query: str) -> list[str]:
    """The words and "quoted phrases" of a search box query, quotes removed."""
    return [bare if bare is not None else quoted
            for quoted, bare in (m.groups() for m in _QUERY_PART.finditer(query or ""))]


def fts_query(query: str) -> str:
    """The FTS5 MATCH string for what a user typed: each word or quoted phrase becomes the
    phrase of its shadow tokens, all required (码头 集团 -> "码 头" "集 团"). FTS5 syntax in the
    query has no effect: quotes group words, everything else is text. Nothing to search for
    gives '""', which matches nothing."""
    phrases = []
    for part in query_parts(query):
        tokens = shadow_text(part).split()
        if tokens:
            phrases.append('"' + " ".join(tokens) + '"')
    return " ".join(phrases) or '""'


# --- the index ---------------------------------------------------------------------------------


def ensure_index(db) -> None:
    """Create the index (db: an sqlite_utils.Database); rebuild one made by another version."""
    row = db.execute("SELECT sql FROM sqlite_master WHERE name = ?", [FTS_TABLE]).fetchone()
    if row and row[0] == INDEX_SQL:
        return
    if row:
        db.execute(f"DROP TABLE {FTS_TABLE}")
    db.execute(INDEX_SQL)
    # Persistent ranking: ORDER BY rank means bm25 with the title weighted, in any client.
    db.execute(f"INSERT INTO {FTS_TABLE} ({FTS_TABLE}, rank) VALUES ('rank', ?)",
               [f"bm25({TITLE_WEIGHT}, 1.0)"])
    if row:
        rebuild_index(db)


def index_article(db, article_id: int) -> None:
    """Bring the index entry of one article in line with the articles table."""
    row = db.execute("SELECT title, body FROM articles WHERE id = ?", [article_id]).fetchone()
    db.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid = ?", [article_id])
    if row:
        db.execute(f"INSERT INTO {FTS_TABLE} (rowid, title, body) VALUES (?, ?, ?)",
                   [article_id, shadow_text(row[0]), shadow_text(row[1])])


def rebuild_index(db, batch: int = 2000) -> int:
    """Index every article again (after a change of this module's folding); returns the count."""
    db.execute(f"DELETE FROM {FTS_TABLE}")
    count, last_id = 0, -1
    while True:
        rows = db.execute("SELECT id, title, body FROM articles WHERE id > ? ORDER BY id LIMIT ?",
                          [last_id, batch]).fetchall()
        if not rows:
            return count
        db.conn.executemany(
            f"INSERT INTO {FTS_TABLE} (rowid, title, body) VALUES (?, ?, ?)",
            [(i, shadow_text(title), shadow_text(body)) for i, title, body in rows])
        count += len(rows)
        last_id = rows[-1][0]


def main(argv: list[str] | None = None) -> None:
    """`python -m portscraper.search 碼頭 集团` prints the MATCH string to paste into sqlite3."""
    print(fts_query(" ".join(sys.argv[1:] if argv is None else argv)))


if __name__ == "__main__":
    main()
