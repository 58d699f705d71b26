"""Best matches first for the articles table's own search: `?_search=` and its search box.

Datasette's table view always orders by a column (ranking is its open issue #268), so a search
of the articles table is answered inside the server, the address staying the table's:

    /DB/articles?_search=码头[&section=…][&_sort_desc=published]  -> the results page
    /DB/articles.json?_search=码头[&_col=…][&_shape=…][&_next=…]   -> the results' JSON
    /DB/articles.csv?_search=码头                                  -> the canned query `search`
    /DB/search?q=码头                                               -> the results page

(datasette_results: a page to read, with snippets and facets; JSON in the table's own shape.)
The JSON of a newest-first search (`_sort_desc=published`) is answered with its count and
facets in one pass (room/newest.py). A search with any other order, column filter or
`_facet` stays with Datasette's table view.

The canned query `search` ranks (search.ranked_sql) and pages as the table does: `_size`
(default the page size, `max` the row limit) and `_next` (an offset), read through the magic
parameters `:_ranked_limit` and `:_ranked_offset`.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode

from portscraper.archive import search
from portscraper.room import params as datasette_params

QUERY = "search"
TABLE = "articles"
# Arguments that only shape the answer: with nothing else but _search, the search is ranked.
# (Not _stream: a CSV of every match is the table view's.)
PRESENTATION_ARGS = {"_search", "_size", "_next", "_shape", "_json", "_labels", "_nolabels",
                     "_col", "_nocol", "_columns", "_nocount", "_nofacet", "_nosuggest", "_trace",
                     "_searchmode", "_timelimit", "_dl", "_json_infinity"}
# The results page also takes its facets' filters and the newest-first order.
PAGE_ARGS = PRESENTATION_ARGS | {"section", "byline", "published__startswith", "_sort_desc"}
# What the articles table's page shows unless asked for other columns: a table that fits a
# screen (the id links to the row; _columns=all shows every column).
READING_COLUMNS = ("published", "title", "section", "byline")
ALL_COLUMNS = ("_columns", "all")
NEWEST_KEY = "_sort_desc"  # _sort_desc=published: newest first
CANNED_SQL = search.ranked_sql(match="portscraper_fts_query(:q)",
                               limit=":_ranked_limit", offset=":_ranked_offset")


def canned_query() -> dict:
    return {
        "title": "Search articles, best matches first",
        "description": (
            "Articles whose title or body contains every word of q (Chinese of any length, "
            "Traditional or Simplified, English words; \"quotes\" keep words together), best "
            f"matches first: bm25, a match in the title weighing {search.TITLE_WEIGHT:g} times "
            f"one in the body, over the newest {search.RANK_WINDOW:,} matching articles; older "
            "matches follow, newest first. The articles table's search box gives the same."),
        "sql": CANNED_SQL,
        "hide_sql": True,
    }


def page_size(value: str | None, default: int, most: int) -> int | None:
    """_size as the table view reads it; None when it is not one (the table view then says
    why, with its own error page)."""
    if value in (None, ""):
        return default
    if value == "max":
        return most
    if datasette_params.size_problem(value, most):
        return None
    return int(value)


def offset_of(request) -> int:
    """Where a page of the ranked results starts: _next, as the table view names it."""
    value = request.args.get("_next", "")
    return int(value) if value and not datasette_params.next_problem(value) else 0


def ranked_target(path: str, args: list[tuple[str, str]]) -> tuple[str, list] | None:
    """Where a search of the articles table is answered inside the server, as (path,
    arguments), or None when the table view answers it: the results page (datasette_results)
    for the HTML page of a search with no other order than newest first and no filters but its
    facets', the results' JSON for a ranked search's JSON, the canned query for its CSV. The
    canned query's own page (/DB/search?q=) is the results page too."""
    parts = path.split("/")
    if len(parts) != 3 or parts[0] or parts[1] in ("", "-"):
        return None  # not /DB/NAME (/-/search is every archive's search: datasette_across)
    database, (name, dot, extension) = parts[1], parts[2].partition(".")
    given = dict(reversed(args))  # the first of repeated keys, as Datasette reads them
    if name == QUERY and not dot and given.get("q", "").strip():
        return (f"/-/results/{database}",
                [("_search" if key == "q" else key, value) for key, value in args])
    if name != TABLE or not given.get("_search", "").strip():
        return None
    keys = set(given)
    if not dot and keys <= PAGE_ARGS and given.get("_sort_desc", "published") == "published":
        return f"/-/results/{database}", args
    if extension == "json" and keys <= PRESENTATION_ARGS | {NEWEST_KEY} and \
            given.get(NEWEST_KEY, "published") == "published":
        # Ranked, or newest first with its count and facets in one pass (room/newest.py).
        return f"/-/results/{database}.json", args
    if not keys <= PRESENTATION_ARGS:
        return None
    if extension == "csv":
        return (f"/{database}/{QUERY}.csv",
                [("q" if key == "_search" else key, value) for key, value in args])
    return None


def ranked_parameters(datasette):
    """The magic parameters :_ranked_limit and :_ranked_offset, from _size and _next."""

    def ranked(key: str, request):
        if key == "limit":
            return page_size(request.args.get("_size"), datasette.page_size,
                             datasette.max_returned_rows) or datasette.page_size
        if key == "offset":
            return offset_of(request)
        raise KeyError(key)

    return ranked


async def reading_columns_apply(datasette, scope, args: list[tuple[str, str]]) -> bool:
    """True for the HTML page of an archive's articles table that chose no columns (`_col`,
    `_nocol`) and did not ask for all of them (`_columns=all`): it shows READING_COLUMNS."""
    parts = scope.get("path", "").split("/")
    if len(parts) != 3 or parts[2] != TABLE or parts[1] in ("", "-"):
        return False
    if {key for key, _ in args} & {"_col", "_nocol", ALL_COLUMNS[0]}:
        return False
    db = datasette.databases.get(parts[1])
    return db is not None and await db.table_exists(search.FTS_TABLE)


def asgi_wrapper(datasette):
    def wrap(app):
        async def ranked_search_app(scope, receive, send):
            return await answer(datasette, app, scope, receive, send)

        return ranked_search_app

    return wrap


async def answer(datasette, app, scope, receive, send) -> None:
    """One request: refused (datasette_params), answered by the ranked query, or passed on to
    Datasette (an empty `_search` dropped). A module-level function, called per request."""
    if scope["type"] != "http" or scope.get("method") != "GET":
        return await app(scope, receive, send)
    args = parse_qsl(scope.get("query_string", b"").decode("utf-8", "replace"),
                     keep_blank_values=True)
    target = ranked_target(scope.get("path", ""), args)
    problem = datasette_params.problem(
        scope.get("path", ""), args, datasette.max_returned_rows, target is not None
    ) or await datasette_params.sort_problem(datasette, scope.get("path", ""), args)
    if problem:
        return await datasette_params.send_problem(datasette, scope, receive, send, problem)
    if target is None:
        kept = [(k, v) for k, v in args if k != "_search" or v.strip()]
        # An empty search box is no filter: the whole table, not no rows.
        if await reading_columns_apply(datasette, scope, kept):
            kept += [("_col", column) for column in READING_COLUMNS]
        if kept != args:
            scope = dict(scope, query_string=urlencode(kept).encode("utf-8"))
        return await app(scope, receive, send)
    path, new_args = target
    inner = dict(scope, path=path, raw_path=path.encode("utf-8"),
                 query_string=urlencode(new_args).encode("utf-8"))
    return await app(inner, receive, send)
