"""The parameters the plugin reads, checked before anything reads them: a bad one is answered
with 400 and a sentence that says what is wrong, never with a 500.

Datasette checks its own parameters. The plugin reads some of them itself, as the ranked search
pages (datasette_search): `_size` and `_next` of a ranked search of the articles table and of the
canned query `search`, and `q`. Python's int() takes digits that are not ASCII (`²`, `٣`), and
SQLite's integers end at 2**63, so "isdigit()" is not a check. A parameter given twice is
refused where the plugin reads it: Datasette reads the first, the plugin's next-page link would
have read the last.

Searches are words and "quoted phrases" (search.fts_query); FTS5 syntax is not accepted, so
`_searchmode=raw`, which would hand what is typed to FTS5 as it is, is refused on every table.
`_search_<column>` on articles is refused too: Datasette matches it against the index's rowid,
which for articles is not the article's (it is `search_key`), so it would find nothing.

Four of Datasette 0.65's own answers are 500s, caught here first: `_sort` by a column the
table does not have, digits of another script in a column filter (`published__gt=²`), a
number past SQLite's integers in one (`id__gt=99999999999999999999`), and a `_facet` that
starts like JSON but is none (`_facet={x`).
"""

from __future__ import annotations

import json

from datasette.utils.asgi import Request, Response

from portscraper.archive import search

# The largest `_next` offset: far beyond any archive, and safely inside SQLite's integers.
MAX_OFFSET = 10**12
SQLITE_MAX_INTEGER = 2**63 - 1
RANKED_TABLE = "articles"
QUERY = "search"
# Read by the plugin on ranked searches: each may be given once.
READ_ONCE = ("_search", "q", "_size", "_next")
# A search is what a reader types: past these, a 400 (each word is a phrase of the index to
# intersect; 300 one-character words answered a 500 with the SQL echoed).
MAX_SEARCH_WORDS = 32
# Datasette's JSON shapes (docs: "Special JSON arguments"). Another one is refused here: on a
# canned query Datasette 0.65 answers it with status 200 and {"ok": false} (an error dressed
# as data).
SHAPES = ("objects", "arrays", "array", "object", "arrayfirst")
MAX_SEARCH_CHARS = 1000


def _is_number(value: str) -> bool:
    return value.isascii() and value.isdigit()


def size_problem(value: str | None, most: int) -> str | None:
    """Why `_size` is not a page size (1 to most, or max), or None when it is one."""
    if value in (None, "", "max"):
        return None
    if _is_number(value) and 0 < int(value) <= most:
        return None
    return f"_size must be a whole number from 1 to {most}, or max (got {value!r})"


def next_problem(value: str | None) -> str | None:
    """Why `_next` is not an offset into ranked results, or None when it is one."""
    if value in (None, ""):
        return None
    if _is_number(value) and int(value) <= MAX_OFFSET:
        return None
    return (f"_next must be a whole number of results to skip, from 0 to {MAX_OFFSET:,} "
            f"(got {value!r})")


def _json_object(value: str) -> bool:
    try:
        return isinstance(json.loads(value), dict)
    except ValueError:
        return False


def table_and_database(path: str) -> tuple[str, str] | None:
    """(database, table or query name, without its .json/.csv) for /DB/NAME[.ext]."""
    parts = path.split("/")
    if len(parts) != 3 or parts[0] or not parts[1] or not parts[2]:
        return None
    return parts[1], parts[2].partition(".")[0]


def problem(path: str, args: list[tuple[str, str]], most: int, ranked: bool) -> str | None:
    """What is wrong with a request's parameters, as a sentence; None when nothing is.
    ranked: the request is a ranked search of the articles table (datasette_search)."""
    place = table_and_database(path)
    if place is None:
        return None
    _, name = place
    keys = [key for key, _ in args]
    given = dict(reversed(args))  # the first of repeated keys, as Datasette reads them
    if given.get("_searchmode") == "raw":
        return ("_searchmode=raw is not accepted: searches are words and \"quoted phrases\" "
                "(no FTS5 syntax); leave _searchmode out")
    if name == RANKED_TABLE and any(key.startswith("_search_") for key in keys):
        return ("search the articles with _search (it looks in the title and body); "
                "_search_<column> is not supported on articles")
    if ranked or name == QUERY:
        for key in READ_ONCE:
            if keys.count(key) > 1:
                return f"{key} is given {keys.count(key)} times: give it once"
        found = size_problem(given.get("_size"), most) or next_problem(given.get("_next"))
        if found:
            return found
    if given.get("_shape", SHAPES[0]) not in SHAPES:
        return f"_shape={given['_shape']!r}: a JSON shape is one of {', '.join(SHAPES)}"
    for key, value in args:
        if "\x00" in key or ("\x00" in value and not (key.startswith("_search") or key == "q")):
            # Python's sqlite3 refuses SQL text with a NUL (a 500 where a facet or a column
            # name carries it); a search's NUL is only a separator in the text searched for.
            return f"{key!r}: a parameter may not hold a NUL character"
        if key.startswith("_search") or key == "q":
            found = search_problem(key, value)
            if found:
                return found
            continue  # text to search for, never read as a number
        # Datasette converts digits with int() in its filters (published__gt=²), and hands
        # the number to SQLite (id__gt=99999999999999999999): 500s both.
        if value.isdigit() and not value.isascii():
            return f"{key}={value!r}: numbers are written with the digits 0-9"
        if key.startswith("_facet") and value.startswith("{") and not _json_object(value):
            return f"{key}={value!r}: a facet is a column name or a JSON object"
        digits = value[1:] if value.startswith("-") else value
        if digits.isascii() and digits.isdigit() and int(digits) > SQLITE_MAX_INTEGER:
            return f"{key}={value!r}: too large a number (SQLite's reach ends at 2**63)"
    return None


def search_problem(key: str, value: str) -> str | None:
    """Why a search's text is refused (more than MAX_SEARCH_WORDS words or MAX_SEARCH_CHARS
    characters), or None."""
    if len(value) > MAX_SEARCH_CHARS:
        return (f"{key}: a search of {len(value)} characters is too long "
                f"(at most {MAX_SEARCH_CHARS})")
    words = len(search.query_parts(value))
    if words > MAX_SEARCH_WORDS:
        return f"{key}: a search of {words} words is too long (at most {MAX_SEARCH_WORDS})"
    return None


async def sort_problem(datasette, path: str, args: list[tuple[str, str]]) -> str | None:
    """Why `_sort` / `_sort_desc` cannot order this table (Datasette 0.65 answers a column it
    does not have with a 500), or None."""
    place = table_and_database(path)
    wanted = [(key, value) for key, value in args if key in ("_sort", "_sort_desc")]
    if place is None or not wanted or place[0] not in datasette.databases:
        return None
    database = datasette.get_database(place[0])
    if not await database.table_exists(place[1]):
        return None
    columns = set(await database.table_columns(place[1]))
    if not await database.primary_keys(place[1]):
        columns.add("rowid")  # as Datasette sorts a table without a primary key
    for key, value in wanted:
        if value not in columns:
            return f"{key}={value!r}: this table has no such column to sort by"
    return None


async def send_problem(datasette, scope, receive, send, message: str) -> None:
    """A 400 answer in Datasette's own form: JSON for .json, its error page otherwise."""
    if scope.get("path", "").endswith(".json"):
        response = Response.json({"ok": False, "error": message, "status": 400,
                                  "title": "Invalid parameter"}, status=400)
    else:
        # Outside Datasette's CSRF middleware: the error page has no form to protect.
        request = Request(dict(scope, csrftoken=lambda: ""), receive)
        html = await datasette.render_template(
            "error.html", {"ok": False, "error": message, "status": 400,
                           "title": "Invalid parameter"}, request=request)
        response = Response.html(html, status=400)
    await response.asgi_send(send)
