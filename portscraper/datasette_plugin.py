"""The project's Datasette plugin, registered by the `datasette` entry point in pyproject.toml.

- Search: `escape_fts()`, through which Datasette passes every `?_search=`, becomes
  `portscraper.search.fts_query`, so the table's search box finds Chinese words of any length,
  Traditional or Simplified. `portscraper_fts_query(q)` is the same function under its own name
  for SQL. The canned query `search` ranks, and answers the table's own searches
  (datasette_search).
- One search across every archive served, with `site` as its facet: /-/search?q=
  (datasette_across).
- Reading: images and attachments as links, snapshot ids and contents as links to the snapshot
  views (datasette_snapshots), and `portscraper_article(row)` for the article template.
"""

from __future__ import annotations

import json

from datasette import hookimpl
from markupsafe import Markup

from portscraper import datasette_across, datasette_search, search
from portscraper.datasette_snapshots import ROUTE, snapshot_view, web_link

ARTICLE_TABLES = ("articles", "revisions")
MMAP_BYTES = 256 * 2**20


def escape_fts(query) -> str:
    return search.fts_query(query if isinstance(query, str) else "")


# trylast: Datasette's own prepare_connection defines escape_fts too; the last one defined wins.
@hookimpl(trylast=True)
def prepare_connection(conn):
    conn.create_function("escape_fts", 1, escape_fts, deterministic=True)
    conn.create_function("portscraper_fts_query", 1, escape_fts, deterministic=True)
    # A common word's posting lists run to megabytes on a large archive; reading them through
    # a memory map instead of copies into SQLite's page cache takes a third off such searches
    # (benchmarks/search_bench.py). Datasette only reads, so the map is safe.
    conn.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")


@hookimpl
def canned_queries(datasette, database):
    """The ranked search, in every archive (a database with the search index)."""
    db = datasette.databases.get(database)
    if db is None:
        return {}

    async def for_archives():
        if await db.table_exists(search.FTS_TABLE):
            return {datasette_search.QUERY: datasette_search.canned_query()}
        return {}

    return for_archives


@hookimpl
def register_magic_parameters(datasette):
    return [("ranked", datasette_search.ranked_parameters(datasette))]


@hookimpl
def asgi_wrapper(datasette):
    return datasette_search.asgi_wrapper(datasette)


@hookimpl
def register_routes():
    # /-/search: one search across every archive served (datasette_across).
    return [(ROUTE, snapshot_view), (datasette_across.ROUTE, datasette_across.search_view)]


def json_list(value) -> list:
    try:
        items = json.loads(value) if isinstance(value, str) else value
    except ValueError:
        return []
    return [item for item in items if isinstance(item, dict)] if isinstance(items, list) else []


def links_html(items: list[dict], label_key: str) -> Markup:
    """A list of links to archived images or attachments (on the original site)."""
    entries = []
    for item in items:
        url = web_link(item.get("url"))
        label = item.get(label_key) or item.get("url") or ""
        if url:
            entries.append(Markup('<li><a href="{}" rel="noopener noreferrer nofollow">{}</a>'
                                  "</li>").format(url, label))
        else:
            entries.append(Markup("<li>{}</li>").format(label))
    return Markup("<ul class=\"portscraper-links\">{}</ul>").format(Markup("").join(entries))


def snapshot_links(datasette, database: str, snapshot_id: int) -> Markup:
    page = datasette.urls.path(f"/-/snapshot/{database}/{snapshot_id}")
    row = datasette.urls.row(database, "snapshots", str(snapshot_id))
    return Markup('<a href="{}">{}</a> (<a href="{}">page</a>, <a href="{}/text">text</a>)'
                  ).format(row, snapshot_id, page, page)


@hookimpl
def render_cell(row, value, column, table, database, datasette):
    if table in ARTICLE_TABLES and column == "images" and value:
        return links_html(json_list(value), "caption")
    if table in ARTICLE_TABLES and column == "attachments" and value:
        return links_html(json_list(value), "label")
    if table is None and column == "title" and {"id", "score"} <= set(row.keys()):
        # A search result: its title leads to the article.
        url = datasette.urls.row(database, "articles", str(row["id"]))
        return Markup('<a href="{}">{}</a>').format(url, value or "")
    if column == "snapshot_id" and isinstance(value, int):
        return snapshot_links(datasette, database, value)
    if table == "snapshots" and column == "content" and value is not None:
        page = datasette.urls.path(f"/-/snapshot/{database}/{row['id']}")
        return Markup('<a href="{}">view page</a> · <a href="{}/text">text</a>').format(
            page, page)
    return None


def article_view(row) -> dict:
    """What the article template shows of a row of articles: paragraphs, links, credits."""
    try:
        credits = json.loads(row["credits"] or "{}")
    except ValueError:
        credits = {}
    return {
        "paragraphs": [p for p in (row["body"] or "").split("\n") if p.strip()],
        "images": [{**i, "url": web_link(i.get("url"))} for i in json_list(row["images"])],
        "attachments": [{**a, "url": web_link(a.get("url"))}
                        for a in json_list(row["attachments"])],
        "credits": credits if isinstance(credits, dict) else {},
        "url": web_link(row["url"]),
    }


@hookimpl
def extra_template_vars(view_name, request, datasette, database):
    if view_name == "row":
        return {"portscraper_article": article_view}
    if request is not None and database:  # the query page (its view has no name in 0.65)
        return {"portscraper_search_links": lambda shown: datasette_search.result_links(
            request, datasette, database, shown)}
    return {}


@hookimpl
def register_facet_classes():
    from portscraper.datasette_facets import YearFacet

    return [YearFacet]
