"""One search across every archive Datasette serves: `/-/search?q=码头` (and `.json`).

`datasette archive/` serves one archive per group (archive/zhanjiang.db, archive/portnews.db
…). Each archive's articles table has its own search box; this page asks every archive that has
the search index (articles_fts) at once and merges the matches, best first: articles whose
title holds every word, then by bm25 (the title weighing search.TITLE_WEIGHT times the body),
newest first among equals. (bm25 weighs a word by its rarity in one archive, so scores of two
archives are not on one scale: the title comes first.) The
articles' `site` is the facet: the count of matches per site, each a link that keeps the
search to that site (`&site=zhanjiang`). Paging: `_size` (default 20) and `_next` (an offset).
The page shows each match as the results page of one archive does (datasette_results): its
title, site, date, section and byline and a snippet, the words marked (highlight.py).

A route of the project's Datasette plugin (datasette_plugin.register_routes); it only reads.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from urllib.parse import urlencode

from datasette.utils.asgi import Response

from portscraper.archive import search
from portscraper.room import charts
from portscraper.room.article import readable_date
from portscraper.room.groups import site_label
from portscraper.room.highlight import highlight, snippet

ROUTE = r"/-/search(?P<format>\.json|\.csv)?$"
CSV_COLUMNS = ("group", "site", "database", "id", "published", "title", "section", "byline",
               "url", "score", "row_url")
DEFAULT_SIZE, MAX_SIZE = 20, 100
_MATCHES = (f"from {search.FTS_TABLE} join articles a "
            f"on a.id = {search.FTS_TABLE}.rowid % {2 ** search.KEY_ID_BITS} "
            f"where {search.FTS_TABLE} match :match")
_ROWS_SQL = (f"select a.id, a.site, a.published, a.title, a.section, a.byline, a.url, a.body, "
             f"round(bm25({search.FTS_TABLE}, {search.BM25_WEIGHTS}), 3) as score "
             f"{_MATCHES} and (:site = '' or a.site = :site) "
             "order by score, a.published desc limit :limit")
_SITES_SQL = f"select a.site as site, count(*) as n {_MATCHES} group by a.site"
_YEARS_SQL = (f"select substr(a.published, 1, 4) as y, count(*) as n {_MATCHES} "
              "and (:site = '' or a.site = :site) group by y")

PAGE_TEMPLATE = (Path(__file__).parent / "pages" / "across.html").read_text("utf-8")


async def archives(datasette) -> list[str]:
    """The databases that are portscraper archives with a search index, in name order."""
    found = []
    for name, db in sorted(datasette.databases.items()):
        if name.startswith("_"):
            continue
        if await db.table_exists(search.FTS_TABLE) and await db.table_exists("articles"):
            found.append(name)
    return found


def _number(value: str | None, default: int, most: int) -> int:
    return min(int(value), most) if value and value.isdigit() else default


async def search_across(datasette, q: str, site: str = "", size: int = DEFAULT_SIZE,
                        offset: int = 0) -> dict:
    """The merged matches of every archive: rows (one page), total, and counts by site."""
    names = await archives(datasette)
    match = search.fts_query(q) if q.strip() else ""
    rows, counts, years = [], {}, {}
    if match:
        params = {"match": match, "site": site, "limit": offset + size}
        for name in names:
            db = datasette.databases[name]
            for row in (await db.execute(_SITES_SQL, {"match": match})).rows:
                counts[row["site"] or ""] = counts.get(row["site"] or "", 0) + row["n"]
            for row in (await db.execute(_YEARS_SQL, {"match": match, "site": site})).rows:
                years[row["y"]] = years.get(row["y"], 0) + row["n"]
            for row in (await db.execute(_ROWS_SQL, params)).rows:
                rows.append({**dict(row), "database": name,
                             "row_url": datasette.urls.row(name, "articles", str(row["id"]))})
    # bm25 scores of different indexes are not on one scale (each weighs a word by how rare it
    # is in its own archive): matches in the title come first, then each archive's bm25.
    parts = [search.fold(part) for part in search.query_parts(q)]

    def order(row):
        title = search.fold(row["title"] or "")
        day = int("".join(ch for ch in (row["published"] or "")[:10] if ch.isdigit()) or 0)
        return (not all(part in title for part in parts), row["score"], -day)

    rows.sort(key=order)
    total = counts.get(site, 0) if site else sum(counts.values())
    return {"q": q, "site": site, "archives": len(names), "total": total,
            "sites": [{"site": s, "count": n} for s, n in sorted(counts.items(),
                                                                 key=lambda kv: -kv[1])],
            "rows": rows[offset:offset + size], "offset": offset, "size": size,
            "years": sorted(((y, n) for y, n in years.items() if y), reverse=True)}


def _csv(rows: list[dict]) -> str:
    """The matches as CSV (CSV_COLUMNS), best first."""
    out = io.StringIO()
    writer = csv.DictWriter(out, CSV_COLUMNS, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


async def search_view(datasette, request):
    q = request.args.get("q", "")
    site = request.args.get("site", "")
    size = _number(request.args.get("_size"), DEFAULT_SIZE, MAX_SIZE)
    offset = _number(request.args.get("_next"), 0, 10**9)
    fmt = request.url_vars.get("format") or ""
    if fmt == ".csv":  # every match, not one page
        size, offset = 10**6, 0
    found = await search_across(datasette, q, site, size, offset)
    path = datasette.urls.path("/-/search")

    def link(fmt=fmt, **changes) -> str:
        args = {"q": q, "site": site, **changes}
        return f"{path}{fmt}?" + urlencode(
            {k: v for k, v in args.items() if v not in ("", None)})

    more = offset + size < found["total"]
    found["next_url"] = link(_next=str(offset + size), _size=str(size)) if more else None
    for facet in found["sites"]:
        facet["url"] = link(site=facet["site"], _next=None)
        facet["label"] = site_label(datasette, facet["site"])
    for row in found["rows"]:
        row["group"] = site_label(datasette, row["site"])
    if fmt:
        for row in found["rows"]:
            row.pop("body", None)  # the JSON's rows are the articles' fields, as before
        if fmt == ".csv":
            return Response(_csv(found["rows"]), content_type="text/csv; charset=utf-8")
        return Response.json(found, default=repr)
    for row in found["rows"]:
        row["title_marked"] = highlight(row["title"] or "(no title)", q)
        row["snippet"], _ = snippet(row.pop("body", None), q)
        row["date"] = readable_date(row["published"])
    template = datasette.jinja_env.from_string(PAGE_TEMPLATE)
    html = await datasette.render_template(
        template, {**found, "action": path, "all_sites": link(site=""),
                   "csv_url": link(".csv"), "json_url": link(".json"),
                   "years_chart": charts.years(found["years"]),
                   "site_label": site_label(datasette, site)}, request=request)
    return Response.html(html)
