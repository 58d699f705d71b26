"""Best matches first for the articles table's own search: `?_search=` and its search box.

Datasette's table view always orders by a column (ranking is its open issue #268), so a search
of the articles table that asks for no order is answered by the canned query `search`, which
ranks (search.ranked_sql). The ASGI wrapper rewrites

    /DB/articles[.json|.csv]?_search=码头[&_size=N][&_next=OFFSET][&_shape=...]
 -> /DB/search[.json|.csv]?q=码头[&_size=N][&_next=OFFSET][&_shape=...]

inside the server: the address stays the table's, and every result page of the search is
ranked. A search with a chosen order (`_sort`, `_sort_desc`), column filters or facets stays
with the table view: newest first with facets is one click away on the results page.

The canned query pages as the table does: `_size` (default the page size, `max` the row limit)
and `_next` (an offset), read through the magic parameters `:_ranked_limit` and
`:_ranked_offset`. JSON answers gain the table's `next` and `next_url` keys (and `_shape=array`
its `Link: rel="next"` header), so a client that pages through a table pages through a search.
"""

from __future__ import annotations

import json
from urllib.parse import parse_qsl, urlencode

from portscraper import datasette_params, search

QUERY = "search"
TABLE = "articles"
# Arguments that only shape the answer: with nothing else but _search, the search is ranked.
# (Not _stream: a CSV of every match is the table view's.)
PRESENTATION_ARGS = {"_search", "_size", "_next", "_shape", "_json", "_labels", "_nolabels",
                     "_col", "_nocol", "_nocount", "_nofacet", "_nosuggest", "_trace",
                     "_searchmode", "_timelimit", "_dl", "_json_infinity"}
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


def result_links(request, datasette, database: str, shown: int) -> dict:
    """For the results page: the previous and next pages, and the same search in the table
    (newest first, with facets and filters), all as table URLs."""
    query = request.args.get("q", "")
    size = page_size(request.args.get("_size"), datasette.page_size,
                     datasette.max_returned_rows) or datasette.page_size
    offset = offset_of(request)
    table = datasette.urls.table(database, TABLE)

    def page(start: int) -> str:
        args = [("_search", query)] + ([("_size", str(size))] if size != datasette.page_size
                                       else []) + ([("_next", str(start))] if start else [])
        return f"{table}?{urlencode(args)}"

    return {
        "previous": page(max(0, offset - size)) if offset else None,
        "next": page(offset + size) if shown == size else None,
        "table": f"{table}?{urlencode([('_search', query), ('_sort_desc', 'published')])}",
        "first": offset + 1,
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
    """The canned query's path and arguments for a ranked search of the articles table, or
    None when the request is not one."""
    parts = path.split("/")
    if len(parts) != 3 or parts[0] or not parts[1]:
        return None
    database, (table, dot, extension) = parts[1], parts[2].partition(".")
    given = dict(args)
    if (table != TABLE or not given.get("_search", "").strip()
            or not set(given) <= PRESENTATION_ARGS):
        return None
    return (f"/{database}/{QUERY}{dot}{extension}",
            [("q" if key == "_search" else key, value) for key, value in args])


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
        if any(key == "_search" and not value.strip() for key, value in args):
            # An empty search box is no filter: the whole table, not no rows.
            kept = [(k, v) for k, v in args if k != "_search" or v.strip()]
            scope = dict(scope, query_string=urlencode(kept).encode("utf-8"))
        return await app(scope, receive, send)
    size = page_size(dict(args).get("_size"), datasette.page_size, datasette.max_returned_rows)
    path, new_args = target
    inner = dict(scope, path=path, raw_path=path.encode("utf-8"),
                 query_string=urlencode(new_args).encode("utf-8"))
    if not path.endswith(".json"):
        return await app(inner, receive, send)
    await app(inner, receive, with_next_page(scope, args, size, send))


def next_url(scope, args: list[tuple[str, str]], offset: int) -> str:
    """The table URL of the next page, as the client asked for this one."""
    kept = [(k, v) for k, v in args if k != "_next"] + [("_next", str(offset))]
    host = dict(scope.get("headers") or []).get(b"host", b"localhost").decode("latin-1")
    return f"{scope.get('scheme', 'http')}://{host}{scope['path']}?{urlencode(kept)}"


def with_next_page(scope, args, size: int, send):
    """A send() that buffers the JSON answer and adds where its next page is, as the table
    view's JSON has it."""
    start, chunks = {}, []
    offset = int(dict(args).get("_next", "0") or 0)

    async def send_with_next(message):
        if message["type"] == "http.response.start":
            start.update(message)
            return
        chunks.append(message.get("body", b""))
        if message.get("more_body"):
            return
        body, headers = b"".join(chunks), list(start.get("headers", []))
        try:
            data = json.loads(body)
        except ValueError:
            data = None
        rows = data.get("rows") if isinstance(data, dict) else data
        more = start.get("status") == 200 and isinstance(rows, list) and len(rows) == size
        following = next_url(scope, args, offset + size) if more else None
        if isinstance(data, dict) and start.get("status") == 200:
            data.update(next=str(offset + size) if more else None, next_url=following)
            body = json.dumps(data, ensure_ascii=False, default=repr).encode("utf-8")
        elif following:
            headers.append((b"link", f'<{following}>; rel="next"'.encode()))
        headers = [(k, v) for k, v in headers if k.lower() != b"content-length"]
        headers.append((b"content-length", str(len(body)).encode("ascii")))
        await send({**start, "headers": headers})
        await send({"type": "http.response.body", "body": body})

    return send_with_next
