"""The JSON of a newest-first search of the articles table, with its count and its four facets,
answered in one pass instead of Datasette's six:
`/DB/articles.json?_search=码头&_sort_desc=published` (room/search.py sends it here).

Datasette's table view runs the search once for the page, once for the count and once for each
facet (site, section, year, byline: metadata.yml), each pass looking every match up in
articles: 200 ms to a second on 100,000 articles (benchmarks/search_bench.py). Here:

- the page: the matches in the index's order, newest day first (the index's rowid is the
  search key: publication day × 2^24 + id), then the latest archived;
- the count and the years: from the search index alone (days_sql: the key's high bits);
- sections and bylines: one pass over every match through the covering index of articles on
  (search_key, published, section, byline);
- the site: from the index on articles(site) when the archive holds one site and no article
  without one (as every archive of one group does): every match is of that site; otherwise
  counted with the rest.

Every count is over every match, exact, as Datasette's are. The answer has the table JSON's
keys and its facets' shape (name, type, hideable, toggle_url, results [{value, label, count,
toggle_url, selected}], truncated), null values left out of a column facet as Datasette leaves
them out. `_nocount` leaves the count out, `_nofacet` the facets.
"""

from __future__ import annotations

import asyncio
import time
from urllib.parse import parse_qsl, urlencode

from datasette.renderer import json_renderer

from portscraper.archive import search
from portscraper.room import results as datasette_results

FACETS = ("site", "section", "year", "byline")  # metadata.yml's, in its order
_FTS = search.FTS_TABLE
# cross join: the search index first, then one covering-index lookup per match.
_COUNTS_SQL = (f"select articles.section, articles.byline, count(*) as n from {_FTS} "
               f"cross join articles on articles.search_key = {_FTS}.rowid "
               f"where {_FTS} match :match group by 1, 2")
_COUNTS_WITH_SITE_SQL = (f"select articles.section, articles.byline, articles.site, count(*) "
                         f"as n from {_FTS} cross join articles on articles.search_key = "
                         f"{_FTS}.rowid where {_FTS} match :match group by 1, 2, 3")
_SITES_SQL = ("select (select count(*) from (select distinct site from articles "
              "where site is not null)), (select site from articles where site is not null "
              "limit 1), exists (select 1 from articles where site is null)")


def _facet(datasette, request, name: str, kind: str, counts: dict, size: int,
           newest_first: bool = False) -> dict:
    """Datasette's facet result for counts {value: n} (value None left out)."""
    key = "published__startswith" if kind == "year" else name
    items = [(v, n) for v, n in counts.items() if v is not None]
    items.sort(key=(lambda kv: kv[0]) if newest_first else (lambda kv: (-kv[1], kv[0])),
               reverse=newest_first)
    args = parse_qsl(request.query_string, keep_blank_values=True)
    chosen = dict(args).get(key)
    path = request.path

    def url(extra):
        kept = [(k, v) for k, v in args if k != key] + extra
        return datasette.absolute_url(request, f"{path}?{urlencode(kept)}")

    results = [{"value": v, "label": v, "count": n,
                "toggle_url": url([] if chosen == v else [(key, v)]),
                "selected": chosen == v} for v, n in items[:size]]
    facet = {"name": name, "type": kind, "hideable": False,
             "toggle_url": f"{path}?{request.query_string}" if request.query_string else path,
             "results": results, "truncated": len(items) > size}
    return facet


async def newest_json(datasette, request, database: str, db):
    """The answer (see the module's docstring); BadParameter as the results' JSON says."""
    started = time.perf_counter()
    q = request.args.get("_search", "")
    try:
        columns = datasette_results.selected_columns(
            await db.table_columns(datasette_results.TABLE), request.args)
    except datasette_results.BadParameter as problem:
        from datasette.utils.asgi import Response
        return Response.json({"ok": False, "error": str(problem), "status": 400,
                              "title": "Invalid parameter"}, status=400)
    size, offset = datasette_results._size_and_offset(datasette, request)
    match = search.fts_query(q)
    params = {"match": match, "limit": size, "offset": offset}
    sql = datasette_results.rows_sql(columns, {}, newest=True)
    counting = not request.args.get("_nocount")
    faceting = not request.args.get("_nofacet")
    sites = (await db.execute(_SITES_SQL)).first() if faceting else None
    one_site = bool(sites) and sites[0] == 1 and not sites[2]
    queries = [db.execute(sql, params, truncate=False)]
    if counting or faceting:
        queries.append(db.execute(datasette_results.days_sql(), params, truncate=False))
    if faceting:
        queries.append(db.execute(_COUNTS_SQL if one_site else _COUNTS_WITH_SITE_SQL, params,
                                  truncate=False))
    answers = await asyncio.gather(*queries)
    rows = [list(row)[:-1] for row in answers[0].rows]  # less the score (null)
    total = sum(n for _, n in answers[1].rows) if counting or faceting else None
    facet_results = {}
    if faceting:
        size_f = datasette.setting("default_facet_size")
        counts = {"site": {}, "section": {}, "byline": {}}
        for row in answers[2].rows:
            for name in ("section", "byline") + (() if one_site else ("site",)):
                value = row[name]
                counts[name][value] = counts[name].get(value, 0) + row["n"]
        if one_site:
            counts["site"] = {sites[1]: total}
        years = dict(datasette_results.years_of_days(answers[1].rows))
        for name in FACETS:
            if name == "year":
                facet_results[name] = _facet(datasette, request, "year", "year", years,
                                             size_f, newest_first=True)
            else:
                facet_results[name] = _facet(datasette, request, name, "column",
                                             counts[name], size_f)
    next_url = datasette_results.next_page_url(datasette, request, database, len(rows), total,
                                               size, offset)
    data = {
        "database": database, "table": datasette_results.TABLE, "is_view": False,
        "human_description_en": f'where search matches "{q}" sorted by published descending',
        "rows": rows, "truncated": False,
        "filtered_table_rows_count": total if counting else None,
        "expanded_columns": [], "expandable_columns": [], "columns": columns,
        "primary_keys": ["id"], "units": {},
        "query": {"sql": sql, "params": {"match": match, "limit": size, "offset": offset}},
        "facet_results": facet_results, "suggested_facets": [],
        "next": str(offset + size) if next_url else None, "next_url": next_url,
        "sort_desc": "published",
        "query_ms": round((time.perf_counter() - started) * 1000, 3),
    }
    return json_renderer(request.args, data, "table")
