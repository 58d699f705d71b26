"""Search results of the articles table: a page to read, and JSON in the table's own shape.

The ASGI wrapper (datasette_search) sends a search of the articles table here, inside the
server, so the address stays the table's (/portnews/articles?_search=码头):

- the page (HTML): each result's title linked to its article, its date, section and byline, a
  snippet of its text around the first match with the words marked (highlight.py), how many
  articles match, facets by section, year and byline over every match (each a link that keeps
  the search and filters it), pages of `_size` results (`_next`: an offset). Best matches
  first, or newest first with `_sort_desc=published`. No SQL on it.
- JSON: Datasette's table contract — the table's columns (`_col`, `_nocol`), `_shape`,
  `_size`, `_next`/`next_url` (and `Link: rel="next"`), `filtered_table_rows_count` (unless
  `_nocount`) — with rows in rank order and a `score` column (bm25; lower is better).

Route: /-/results/<database>[.json], reached through the wrapper; its arguments are the
table's (`_search`, `_size`, `_next`, `_col`, `_nocol`, `_shape`, `_nocount`, and for the
page `section`, `byline`, `published__startswith`, `_sort_desc=published`).
"""

from __future__ import annotations

import asyncio
import time
from datetime import date
from pathlib import Path
from urllib.parse import parse_qsl, urlencode

from datasette.renderer import json_renderer
from datasette.utils.asgi import NotFound, Response

from portscraper.archive import search
from portscraper.room import charts
from portscraper.room.article import readable_date
from portscraper.room.highlight import highlight, match_spans, snippet
from portscraper.room.search import offset_of, page_size

ROUTE = r"^/-/results/(?P<database>[^/]+?)(?P<format>\.json)?$"
TABLE = "articles"
# Filters the page offers as facets, as the table view spells them.
FILTERS = ("section", "byline", "published__startswith")
NEWEST = ("_sort_desc", "published")
FACET_SIZE = 12
PAGE_TEMPLATE = (Path(__file__).parent / "pages" / "results.html").read_text("utf-8")
_FTS = search.FTS_TABLE
_JOIN = f"from {_FTS} join articles on articles.search_key = {_FTS}.rowid"
_BM25 = f"bm25({_FTS}, {search.BM25_WEIGHTS})"


class BadParameter(ValueError):
    """A parameter the results cannot use; its text says why (answered with 400)."""


def selected_columns(table_columns: list[str], args) -> list[str]:
    """The columns a table request selects, as Datasette's table view reads `_col` (the
    primary key, then those named) and `_nocol` (all but those); BadParameter for a column
    the table does not have."""
    columns = list(table_columns)
    if "_col" in args:
        wanted = args.getlist("_col")
        bad = [c for c in wanted if c not in table_columns]
        if bad:
            raise BadParameter(f"_col={', '.join(bad)} - invalid columns")
        columns = ["id", *(c for c in dict.fromkeys(wanted) if c != "id")]
    if "_nocol" in args:
        unwanted = args.getlist("_nocol")
        bad = [c for c in unwanted if c not in table_columns or c == "id"]
        if bad:
            raise BadParameter(f"_nocol={', '.join(bad)} - invalid columns")
        columns = [c for c in columns if c not in unwanted]
    return columns


def _filters(args) -> dict[str, str]:
    return {key: args.get(key) for key in FILTERS if args.get(key)}


def _where(filters: dict[str, str]) -> str:
    """The filters as SQL on articles (names are FILTERS' own; values are parameters)."""
    parts = []
    for key in filters:
        if key == "published__startswith":
            parts.append("articles.published like :published__startswith || '%' escape '\\'")
        else:
            parts.append(f"articles.{key} = :{key}")
    return "".join(f" and {part}" for part in parts)


def rows_sql(columns: list[str], filters: dict[str, str], newest: bool) -> str:
    """One page of matches: :match, :limit, :offset and the filters' parameters."""
    if not filters and not newest:
        return search.ranked_sql(columns=tuple(columns))
    selected = ", ".join(f'articles."{c}"' for c in columns)
    score = "null" if newest else f"round({_BM25}, 3)"
    order = f"{_FTS}.rowid desc" if newest else f"{_BM25}, {_FTS}.rowid desc"
    return (f"select {selected}, {score} as score {_JOIN} where {_FTS} match :match"
            f"{_where(filters)} order by {order} limit :limit offset :offset")


# Facets by section and byline count the newest FACET_WINDOW matches (all of them, in an
# archive of fewer): one index lookup per match, about a microsecond each, so that a word found
# in 100,000 articles still answers in a tenth of a second. The page says when they are cut.
FACET_WINDOW = 10_000
# The search key's day (high bits) is a Julian day number; as a date's ordinal, less this.
JULIAN_TO_ORDINAL = 1721424


def window_sql(filters: dict[str, str]) -> str:
    """The newest FACET_WINDOW matches (with the filters) counted by section, byline and year
    at once, through the covering index of articles on (search_key, published, section,
    byline)."""
    return ("select section, byline, year, count(*) as n from ("
            "select articles.section as section, articles.byline as byline, "
            f"substr(articles.published, 1, 4) as year {_JOIN} where {_FTS} match :match"
            f"{_where(filters)} order by {_FTS}.rowid desc limit {FACET_WINDOW}) "
            "group by 1, 2, 3")


def days_sql() -> str:
    """Every match counted by day from the index alone (its rowid is the search key, whose
    high bits are the publication day, or the day first archived for an undated article)."""
    return (f"select rowid >> {search.KEY_ID_BITS} as day, count(*) as n from {_FTS} "
            f"where {_FTS} match :match group by day")


def years_of_days(rows) -> list[tuple[str, int]]:
    """days_sql's rows as (year, count), newest first."""
    years: dict[str, int] = {}
    for day, n in rows:
        try:
            year = str(date.fromordinal(day - JULIAN_TO_ORDINAL).year)
        except (ValueError, OverflowError):
            continue  # no date and no first_seen: day 0
        years[year] = years.get(year, 0) + n
    return sorted(years.items(), reverse=True)


def count_sql() -> str:
    return f"select count(*) from {_FTS} where {_FTS} match :match"


def _like_escaped(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _params(match: str, filters: dict[str, str], limit: int, offset: int) -> dict:
    params = {"match": match, "limit": limit, "offset": offset, **filters}
    if "published__startswith" in params:
        params["published__startswith"] = _like_escaped(params["published__startswith"])
    return params


def tally(rows) -> tuple[int, dict[str, list[tuple[str, int]]]]:
    """(the number of matches counted, {section, byline, year: [(value, count)]}) from
    window_sql's rows: sections and bylines by count, most first; years newest first; empty
    values (and years that are no years) counted, not listed."""
    counted, counts = 0, {"section": {}, "byline": {}, "year": {}}
    for section, byline, year, n in rows:
        counted += n
        for name, value in (("section", section), ("byline", byline), ("year", year)):
            if value in (None, "") or (name == "year" and not (
                    isinstance(value, str) and len(value) == 4 and value.isdigit())):
                continue
            value = value if isinstance(value, str) else str(value)
            counts[name][value] = counts[name].get(value, 0) + n
    facets = {name: sorted(values.items(), key=lambda kv: (-kv[1], kv[0]))
              for name, values in counts.items()}
    facets["year"] = sorted(counts["year"].items(), reverse=True)
    return counted, facets


async def facet_counts(db, filters: dict[str, str], params: dict):
    """(the number of matches, {section, byline, year: [(value, count)]}, the number of
    matches the facets counted). Without filters the count and the years come from the index
    alone, over every match; the rest from the newest FACET_WINDOW matches."""
    queries = [db.execute(window_sql(filters), params, truncate=False)]
    if not filters:
        queries.append(db.execute(days_sql(), params, truncate=False))
    answers = await asyncio.gather(*queries)
    counted, facets = tally(answers[0].rows)
    if not filters:
        facets["year"] = years_of_days(answers[1].rows)
        return sum(n for _, n in answers[1].rows), facets, counted
    total = counted
    if counted >= FACET_WINDOW:
        total = (await db.execute(f"select count(*) {_JOIN} where {_FTS} match :match"
                                  f"{_where(filters)}", params)).first()[0]
    return total, facets, counted


async def results_view(datasette, request, newest_json=None):
    """The results page, or its JSON: ranked (json_results), or newest first by
    `newest_json(datasette, request, database, db)` when one is given (the plugin passes
    room/newest.py's, which builds on this module)."""
    database = request.url_vars["database"]
    if database not in datasette.databases:
        raise NotFound("no such database")
    await datasette.ensure_permissions(request.actor, [
        ("view-table", (database, TABLE)), ("view-database", database), "view-instance"])
    db = datasette.get_database(database)
    if not await db.table_exists(search.FTS_TABLE):
        raise NotFound("this database has no search index")
    if request.url_vars.get("format"):
        if newest_json is not None and request.args.get(NEWEST[0]) == NEWEST[1]:
            return await newest_json(datasette, request, database, db)
        return await json_results(datasette, request, database, db)
    return await page(datasette, request, database, db)


def _size_and_offset(datasette, request) -> tuple[int, int]:
    size = page_size(request.args.get("_size"), datasette.page_size,
                     datasette.max_returned_rows) or datasette.page_size
    return size, offset_of(request)


async def json_results(datasette, request, database: str, db) -> Response:
    started = time.perf_counter()
    q = request.args.get("_search", "")
    try:
        columns = selected_columns(await db.table_columns(TABLE), request.args)
    except BadParameter as problem:
        return Response.json({"ok": False, "error": str(problem), "status": 400,
                              "title": "Invalid parameter"}, status=400)
    size, offset = _size_and_offset(datasette, request)
    match = search.fts_query(q)
    sql = rows_sql(columns, {}, newest=False)
    # The page and the count at once (Datasette's threads): the count alone costs up to
    # 20 ms on a 100,000-article archive.
    counting = not request.args.get("_nocount")
    answers = await asyncio.gather(
        db.execute(sql, _params(match, {}, size, offset), truncate=False),
        *([db.execute(count_sql(), {"match": match})] if counting else []))
    rows = [list(row) for row in answers[0].rows]
    total = answers[1].first()[0] if counting else None
    next_url = next_page_url(datasette, request, database, len(rows), total, size, offset)
    data = {
        "database": database, "table": TABLE, "is_view": False,
        "human_description_en": f'where search matches "{q}", best matches first',
        "rows": rows, "truncated": False, "filtered_table_rows_count": total,
        "expanded_columns": [], "expandable_columns": [], "columns": [*columns, "score"],
        "primary_keys": ["id"], "units": {},
        "query": {"sql": sql, "params": {"match": match, "limit": size, "offset": offset}},
        "facet_results": {}, "suggested_facets": [],
        "next": str(offset + size) if next_url else None, "next_url": next_url,
        "query_ms": round((time.perf_counter() - started) * 1000, 3),
    }
    return json_renderer(request.args, data, "table")


def next_page_url(datasette, request, database: str, shown: int, total: int | None,
                  size: int, offset: int) -> str | None:
    """The table JSON's `next_url` (Datasette's contract): this request with `_next` moved on
    by a page, when a page of `size` was full and the count (if any) says more follow."""
    if shown < size or (total is not None and offset + size >= total):
        return None
    kept = [(k, v) for k, v in parse_qsl(request.query_string, keep_blank_values=True)
            if k != "_next"]
    return datasette.absolute_url(request, datasette.urls.table(
        database, TABLE, format="json") + "?" + urlencode(kept + [("_next", offset + size)]))


def _link(base: str, args: list[tuple[str, str]], **changes) -> str:
    """base?args with keys set (a value) or removed (None); _next always dropped."""
    kept = [(k, v) for k, v in args if k not in changes and k != "_next"]
    kept += [(k, v) for k, v in changes.items() if v is not None]
    return f"{base}?{urlencode(kept)}" if kept else base


async def page(datasette, request, database: str, db) -> Response:
    q = request.args.get("_search", "")
    filters = _filters(request.args)
    newest = request.args.get(NEWEST[0]) == NEWEST[1]
    size, offset = _size_and_offset(datasette, request)
    match = search.fts_query(q)
    columns = ["id", "published", "title", "section", "byline", "body"]
    params = _params(match, filters, size, offset)
    result, (total, facets, counted) = await asyncio.gather(
        db.execute(rows_sql(columns, filters, newest), params, truncate=False),
        facet_counts(db, filters, params))
    table = datasette.urls.table(database, TABLE)
    args = [(k, v) for k, v in parse_qsl(request.query_string, keep_blank_values=True)
            if k in ("_search", "_size", *FILTERS) or (k, v) == NEWEST]
    results = []
    for row in result.rows:
        text, matches = snippet(row["body"], q)
        results.append({
            "url": datasette.urls.row(database, TABLE, str(row["id"])),
            "title": highlight(row["title"] or "(no title)", q), "snippet": text,
            "matches": matches + len(match_spans(row["title"] or "", q)),
            "published": row["published"] or "", "date": readable_date(row["published"]),
            "section": row["section"] or "",
            "byline": row["byline"] or "",
        })
    facet_names = {"section": "section", "year": "published__startswith", "byline": "byline"}
    shown_facets = []
    for name, key in facet_names.items():
        values = []
        for value, count in facets[name][:FACET_SIZE]:
            selected = filters.get(key) == value
            values.append({"value": value, "count": count, "selected": selected,
                           "url": _link(table, args, **{key: None if selected else value})})
        shown_facets.append({"name": name, "choices": values,
                             "more": max(0, len(facets[name]) - FACET_SIZE)})
    context = {
        "database": database, "q": q, "total": total, "results": results,
        # Matches per year, drawn (charts.years): every match when no facet is chosen.
        "years_chart": charts.years(facets["year"]),
        "years_partial": bool(filters) and counted < total,
        "facets_counted": counted if counted < total else None,
        "first": offset + 1, "facets": shown_facets, "newest": newest,
        "filters": [{"key": k, "value": v, "remove": _link(table, args, **{k: None})}
                    for k, v in filters.items()],
        # A new search from the box keeps the order and page size, not the facets chosen.
        "action": table, "hidden": [(k, v) for k, v in args if k in ("_size", NEWEST[0])],
        "ranked_url": _link(table, args, _sort_desc=None),
        "newest_url": _link(table, args, _sort_desc="published"),
        "previous_url": (_link(table, args) + (f"&_next={max(0, offset - size)}"
                                               if offset - size > 0 else "")) if offset else None,
        "next_url": (_link(table, args) + f"&_next={offset + size}"
                     if offset + size < total else None),
        "json_url": _link(datasette.urls.table(database, TABLE, format="json"), args),
        # The best matches up to Datasette's row limit (max_returned_rows), not one page.
        # (Not _stream: paging the ranked query by _next repeats and drops rows.)
        "csv_url": _link(datasette.urls.table(database, TABLE, format="csv"),
                         [(k, v) for k, v in args if k != "_size"], _size="max"),
        "csv_limit": datasette.max_returned_rows,
    }
    template = datasette.jinja_env.from_string(PAGE_TEMPLATE)
    html = await datasette.render_template(template, context, request=request)
    return Response.html(html)

