"""Full-text search over the archive's articles, for Chinese words of any length.

SQLite's tokenizers do not fit Chinese: unicode61 takes a whole run of Chinese characters as one
token, trigram never matches a word of one or two characters (码头, 港口, 党建). So the index holds
a *shadow* of each title and body, cut into overlapping pairs of characters (bigrams), the way
CJK search engines (Lucene's CJK analyzer) index Chinese:

- folded: NFKC (full-width Latin and digits become ASCII), lower case, and each character
  converted Traditional -> Simplified on its own (碼頭 -> 码头), the same way for texts and queries;
- cut: a run of Chinese characters c1..cn becomes the tokens c1c2 c2c3 ... c(n-1)cn cn, so the
  token at each position is the pair that starts there and the run's last character stands
  alone; Latin words and numbers stay whole;
- marked: every run of spaces and punctuation becomes the token MARKER, so that "码，头" or a
  line break between 码 and 头 does not read as 码头.

A word of two characters or more becomes the phrase of its pairs (茂名港集团 -> "茂名 名港 港集
集团"): adjacent pairs in that order, which is exactly "the text contains 茂名港集团". A single
character is a prefix query ("港"*): every occurrence of 港 starts exactly one token, and the
index keeps one-character prefixes (prefix='1') so that this is one lookup. Pairs make a
common word's lookup cheap: 码头 is one token instead of two long position lists to intersect.
English words and numbers are found anywhere inside words, as a LIKE scan finds them: the
columns title_words and body_words hold every ending of every Latin word ("reporters" ->
reporters eporters porters ...), and a word alone is a prefix query on them (port*).

Ranking: FTS5's bm25, a match in the title weighing TITLE_WEIGHT times one in the body. The
index's rowid is the article's *search key* (articles.search_key, a generated column): its
publication day, then its id (id + day * 2**24), so rowid order is date order and the newest
matches are the last rowids. bm25 costs about a microsecond per matching article; to answer in
milliseconds on a large archive, RANKED_SQL ranks the newest RANK_WINDOW matching articles.
Up to that many matches (every search of a smaller archive) the order is exact bm25; past it,
the older matches follow, newest first.

The archive calls `ensure_index(db)` when it creates its tables, `index_article(db, id)`
inside the transaction that stores or updates an article and `index_revision(db, id)` in the
one that writes an earlier version to revisions, so the indexes always follow the tables.
Nothing here needs SQLite functions: plain sqlite3 can query the index with a MATCH string
written in the pair form (see docs/reading-room.md), or one that
`fts_query` builds.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from functools import cache

FTS_TABLE = "articles_fts"
# Earlier versions of articles, searchable too (what did a release say before it was
# corrected?): same tokens; its rowid is the revision's id. Revisions are only ever added.
REVISIONS_FTS = "revisions_fts"
# The token between two pieces of text that were not adjacent: a private-use character, which
# unicode61 counts as a token character and no folded text contains (folding removes them).
MARKER = "\ue000"
TITLE_WEIGHT = 10.0
RANK_WINDOW = 5_000
# Endings kept of a Latin word for substring search: longer words (URLs, codes) are found by
# their first MAX_SUFFIXES - 1 characters' worth of starting points.
MAX_SUFFIXES = 30
# What a search result shows of an article (its row has the rest).
RESULT_COLUMNS = ("id", "published", "title", "section", "byline", "kicker", "subtitle", "body",
                  "url", "language")
# The article id is the search key's low bits (articles.search_key).
KEY_ID_BITS = 24
# The index's definition; an archive whose index was made otherwise (an older portscraper) gets
# it rebuilt by ensure_index.
INDEX_SQL = (f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5(title, body, title_words, "
             "body_words, prefix = '1', tokenize = 'unicode61 remove_diacritics 2')")
# bm25 with the title weighing TITLE_WEIGHT times the body, in both pairs of columns.
BM25_WEIGHTS = f"{TITLE_WEIGHT}, 1.0, {TITLE_WEIGHT}, 1.0"
INSERT_COLUMNS = "(rowid, title, body, title_words, body_words) VALUES (?, ?, ?, ?, ?)"
REVISIONS_INDEX_SQL = INDEX_SQL.replace(FTS_TABLE, REVISIONS_FTS, 1)
def ranked_sql(match: str = ":match", limit: str = ":limit", offset: str = ":offset",
               window: int = RANK_WINDOW, columns: tuple[str, ...] = RESULT_COLUMNS) -> str:
    """Every matching article, best matches first: the newest `window` matches ranked by bm25,
    then the older ones newest first. Parameters: :match (a MATCH string from fts_query),
    :limit and :offset (one page of it); other SQL expressions can stand in for them.
    columns: the articles' columns selected (names of the table's own columns), then score.

    The window's lower bound is the rowid of the window-th newest match (0 when fewer match);
    FTS5 takes both the MATCH and the rowid bound, so only the window is ranked. The two parts
    are merged in ORDER BY order (part, score, key): SQLite reads the older part in rowid order
    straight from the index and stops at the page's end. The join to articles is made for one
    page of rows only."""
    match = f"{FTS_TABLE} match {match}"
    selected = ", ".join(f'articles."{name}"' for name in columns)
    return f"""
with bound as (select coalesce((select rowid from {FTS_TABLE} where {match}
                                order by rowid desc limit 1 offset {window - 1}), 0) as key),
page as (
  select 0 as part, bm25({FTS_TABLE}, {BM25_WEIGHTS}) as score, rowid as key
  from {FTS_TABLE} where {match} and rowid >= (select key from bound)
  union all
  select 1, null, rowid from {FTS_TABLE} where {match} and rowid < (select key from bound)
  order by part, score, key desc
  limit {limit} offset {offset}
)
select {selected}, round(page.score, 3) as score
from page join articles on articles.id = page.key % {2 ** KEY_ID_BITS}
order by page.part, page.score, page.key desc"""


RANKED_SQL = ranked_sql()

_CJK_RANGES = (
    "\u2e80-\u2fdf"  # radicals
    "\u3005-\u3007\u3021-\u3029"  # 々〆〇 and Suzhou numerals
    "\u3040-\u30ff"  # kana
    "\u3400-\u4dbf\u4e00-\u9fff"  # CJK ideographs, extension A
    "\uac00-\ud7af"  # hangul syllables
    "\uf900-\ufaff"  # compatibility ideographs
    "\U00020000-\U0003ffff"  # extensions B and later
)
_CJK_RUN = re.compile(f"([{_CJK_RANGES}]+)")
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


def _pairs(run: str, last_alone: bool = True) -> list[str]:
    """A run of CJK characters as tokens: the pair starting at each character, and the last
    character alone (unless last_alone is False: a query word may go on in the text)."""
    pairs = [run[i:i + 2] for i in range(len(run) - 1)]
    return pairs + [run[-1]] if last_alone or not pairs else pairs


def _pieces(text: str) -> list[str]:
    """Folded text as pieces: MARKER, CJK runs and other words, in order."""
    marked = _SEPARATORS.sub(f" {MARKER} ", fold(text))
    return _CJK_RUN.sub(r" \1 ", marked).split()


def shadow_text(text: str | None) -> str:
    """What the index holds for a text: folded, CJK runs cut into pairs, MARKER between pieces
    that spaces or punctuation separate. "碼頭，Port" -> "码头 头 \\ue000 port"."""
    return _shadow(_pieces(text)) if text else ""


def _shadow(pieces: list[str]) -> str:
    tokens = []
    for piece in pieces:
        tokens.extend(_pairs(piece) if _IS_CJK.match(piece) else [piece])
    return " ".join(tokens).strip(f" {MARKER}")


def word_suffixes(text: str | None) -> str:
    """The Latin words and numbers of a text, each as all its endings ("reporters" ->
    "reporters eporters porters ..."), for the *_words columns: a prefix query on them is a
    substring search (port finds reporters, as LIKE '%port%' does). Chinese text adds nothing."""
    return _suffixes(_pieces(text)) if text else ""


def _suffixes(pieces: list[str]) -> str:
    words = (w for w in pieces if w != MARKER and not _IS_CJK.match(w))
    return " ".join(w[i:] for w in words for i in range(min(len(w), MAX_SUFFIXES)))


def _text(value) -> str:
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    return "" if value is None else str(value)


def index_columns(title: str | None, body: str | None) -> tuple[str, str, str, str]:
    """What the index holds for a title and body: title, body, title_words, body_words (each
    text folded and cut once). A BLOB (bytes) is read as UTF-8, bad bytes replaced: an
    archive edited by hand must not stop its index from being built."""
    title_pieces, body_pieces = _pieces(_text(title)), _pieces(_text(body))
    return (_shadow(title_pieces), _shadow(body_pieces), _suffixes(title_pieces),
            _suffixes(body_pieces))


def query_parts(query: str) -> list[str]:
    """The words and "quoted phrases" of a search box query, quotes removed."""
    return [bare if bare is not None else quoted
            for quoted, bare in (m.groups() for m in _QUERY_PART.finditer(query or ""))]


def phrase(part: str) -> str:
    """One word or quoted phrase as an FTS5 phrase. A CJK run inside it is followed by more
    text, so its last character stands alone as in the index; a run at its end may go on in
    the text, so only its pairs are required, and a lone last character is a prefix. A Latin
    word at its end is a prefix too (berth finds berths); a Latin word alone is searched
    anywhere inside words, as a substring search would have it (port finds reporters)."""
    pieces = _pieces(part)
    while pieces and pieces[0] == MARKER:
        pieces.pop(0)
    while pieces and pieces[-1] == MARKER:
        pieces.pop()
    tokens, prefix = [], False
    for n, piece in enumerate(pieces):
        last = n == len(pieces) - 1
        if _IS_CJK.match(piece):
            tokens.extend(_pairs(piece, last_alone=not last))
            prefix = last and len(piece) == 1
        else:
            tokens.append(piece)
            prefix = last
    if not tokens:
        return ""
    if len(pieces) == 1 and not _IS_CJK.match(pieces[0]):
        # One Latin word or number: anywhere inside a word, through the columns of endings.
        return f'{{title_words body_words}} : "{tokens[0]}"*'
    # Everything else is a phrase of the title and body columns' tokens (the *_words columns
    # hold no CJK and no MARKER, so it cannot match there).
    return '"' + " ".join(tokens) + '"' + ("*" if prefix else "")


def fts_query(query: str) -> str:
    """The FTS5 MATCH string for what a user typed: each word or quoted phrase becomes a
    phrase of index tokens, all required (茂名港集团 码头 -> "茂名 名港 港集 集团" "码头"; 港 ->
    "港"*). FTS5 syntax in the query has no effect: quotes group words, everything else is
    text. Nothing to search for gives '""', which matches nothing."""
    phrases = [p for p in map(phrase, query_parts(query)) if p]
    return " ".join(phrases) or '""'


# --- the index ---------------------------------------------------------------------------------

# articles.search_key: the publication day (or, without one, the day first archived) in the
# high bits and the id in the low ones, so that the index's rowid order is date order. A
# generated column of plain SQLite functions: any sqlite3 can read it (schema.py adds it).
SEARCH_KEY_SQL = (
    "((CAST(coalesce(julianday(substr(published || '-01-01', 1, 10)), "
    "julianday(substr(first_seen, 1, 10)), 0) AS INTEGER) << " + str(KEY_ID_BITS) + ") + id)")


def ensure_index(db) -> None:
    """Create the indexes (db: an sqlite_utils.Database); rebuild one made by another
    version, or missing from an archive that has rows to index."""
    for table, sql, rebuild in ((FTS_TABLE, INDEX_SQL, rebuild_index),
                                (REVISIONS_FTS, REVISIONS_INDEX_SQL, rebuild_revisions_index)):
        row = db.execute("SELECT sql FROM sqlite_master WHERE name = ?", [table]).fetchone()
        if row and row[0] == sql:
            continue
        if row:
            db.execute(f"DROP TABLE {table}")
        db.execute(sql)
        # Persistent ranking: ORDER BY rank means bm25 with the title weighted, in any client.
        db.execute(f"INSERT INTO {table} ({table}, rank) VALUES ('rank', ?)",
                   [f"bm25({BM25_WEIGHTS})"])
        rebuild(db)


def index_article(db, article_id: int, old_key: int | None = None) -> None:
    """Bring the index entry of one article in line with the articles table. old_key: its
    search key before an update (a new date moves it)."""
    row = db.execute("SELECT search_key, title, body FROM articles WHERE id = ?",
                     [article_id]).fetchone()
    for key in {old_key, row[0] if row else None} - {None}:
        db.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid = ?", [key])
    if row:
        db.execute(f"INSERT INTO {FTS_TABLE} {INSERT_COLUMNS}",
                   [row[0], *index_columns(row[1], row[2])])


def index_revision(db, revision_id: int) -> None:
    """Index a revision (an earlier version of an article) as it is written."""
    row = db.execute("SELECT title, body FROM revisions WHERE id = ?", [revision_id]).fetchone()
    if row:
        db.execute(f"INSERT INTO {REVISIONS_FTS} {INSERT_COLUMNS}",
                   [revision_id, *index_columns(row[0], row[1])])


def rebuild_revisions_index(db) -> int:
    db.execute(f"DELETE FROM {REVISIONS_FTS}")
    rows = db.execute("SELECT id, title, body FROM revisions").fetchall()
    db.conn.executemany(f"INSERT INTO {REVISIONS_FTS} {INSERT_COLUMNS}",
                        [(i, *index_columns(title, body)) for i, title, body in rows])
    return len(rows)


def rebuild_index(db, batch: int = 2000) -> int:
    """Index every article again (after a change of this module's folding); returns the count."""
    db.execute(f"DELETE FROM {FTS_TABLE}")
    count, last_id = 0, -1
    while True:
        rows = db.execute("SELECT id, search_key, title, body FROM articles WHERE id > ? "
                          "ORDER BY id LIMIT ?", [last_id, batch]).fetchall()
        if not rows:
            return count
        db.conn.executemany(
            f"INSERT INTO {FTS_TABLE} {INSERT_COLUMNS}",
            [(key, *index_columns(title, body)) for _, key, title, body in rows])
        count += len(rows)
        last_id = rows[-1][0]


def main(argv: list[str] | None = None) -> None:
    """`python -m portscraper.archive.search 碼頭 集团` prints the MATCH string to paste into
    sqlite3."""
    print(fts_query(" ".join(sys.argv[1:] if argv is None else argv)))


if __name__ == "__main__":
    main()
