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
import re

from datasette import hookimpl
from markupsafe import Markup

from portscraper import datasette_across, datasette_search, search
from portscraper.datasette_snapshots import ROUTE, snapshot_view, web_link
from portscraper.urls import canonical_url

ARTICLE_TABLES = ("articles", "revisions")
MMAP_BYTES = 256 * 2**20


def escape_fts(query) -> str:
    return search.fts_query(query if isinstance(query, str) else "")


# trylast: Datasette's own prepare_connection defines escape_fts too; the last one defined wins.
@hookimpl(trylast=True)
def prepare_connection(conn):
    conn.create_function("escape_fts", 1, escape_fts, deterministic=True)
    conn.create_function("portscraper_fts_query", 1, escape_fts, deterministic=True)
    conn.create_function("portscraper_feed_text", 1, feed_text, deterministic=True)
    conn.create_function("portscraper_web_link", 1, web_link, deterministic=True)
    # A common word's posting lists run to megabytes on a large archive; reading them through
    # a memory map instead of copies into SQLite's page cache takes a third off such searches
    # (benchmarks/search_bench.py). Datasette only reads, so the map is safe.
    conn.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")


# What XML 1.0 cannot carry (control characters, lone surrogates, U+FFFE/FFFF): an old page's
# stray \x0b or \x1a would otherwise break the whole Atom feed.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def feed_text(value) -> str:
    """A cell as text an Atom feed can carry (SQL: portscraper_feed_text): BLOBs read as
    UTF-8, characters XML forbids removed."""
    return _NOT_XML.sub("", as_text(value))


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


def as_text(value) -> str:
    """A cell as text, whatever its type: a BLOB is read as UTF-8 (bad bytes replaced)."""
    if value is None:
        return ""
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    return value if isinstance(value, str) else str(value)


def _json(value):
    """A JSON cell's value; None when the cell is not JSON."""
    if not isinstance(value, str | bytes):
        return value
    try:
        return json.loads(value)
    except ValueError:
        return None


def link_items(value, label_key: str) -> tuple[list[dict], str]:
    """A JSON list of images or attachments as ([{url, label}], ""), url only when http(s);
    a cell that is no JSON list as ([], the cell as text), to be shown as it is."""
    items = _json(value)
    if not isinstance(items, list):
        return [], as_text(value)
    shown = []
    for item in items:
        if isinstance(item, dict):
            url, label = item.get("url"), item.get(label_key)
        elif isinstance(item, str):
            url, label = item, None
        else:
            url, label = None, json.dumps(item, ensure_ascii=False)
        shown.append({"url": web_link(url), "label": as_text(label or url)})
    return shown, ""


def credits_of(value) -> tuple[dict[str, list[str]], str]:
    """The credits cell as ({role: [names]}, ""); a cell of another shape as ({}, the cell as
    text), to be shown as it is."""
    credits = _json(value if value not in (None, "") else "{}")
    if not isinstance(credits, dict):
        return {}, as_text(value)
    shown = {}
    for role, names in credits.items():
        if isinstance(names, list):
            shown[as_text(role)] = [as_text(n) if isinstance(n, str | int | float)
                                    else json.dumps(n, ensure_ascii=False) for n in names]
        elif isinstance(names, str):
            shown[as_text(role)] = [names]
        else:
            shown[as_text(role)] = [json.dumps(names, ensure_ascii=False)]
    return shown, ""


def links_html(value, label_key: str) -> Markup:
    """A cell of images or attachments as a list of links to the original site (http(s) only;
    the label alone otherwise), or the cell as text when it is no list."""
    items, raw = link_items(value, label_key)
    if raw:
        return Markup("{}").format(raw)
    entries = []
    for item in items:
        if item["url"]:
            entries.append(Markup('<li><a href="{}" rel="noopener noreferrer nofollow">{}</a>'
                                  "</li>").format(item["url"], item["label"]))
        else:
            entries.append(Markup("<li>{}</li>").format(item["label"]))
    return Markup("<ul class=\"portscraper-links\">{}</ul>").format(Markup("").join(entries))


def snapshot_links(datasette, database: str, snapshot_id: int) -> Markup:
    page = datasette.urls.path(f"/-/snapshot/{database}/{snapshot_id}")
    row = datasette.urls.row(database, "snapshots", str(snapshot_id))
    return Markup('<a href="{}">{}</a> (<a href="{}">page</a>, <a href="{}/text">text</a>)'
                  ).format(row, snapshot_id, page, page)


@hookimpl
def render_cell(row, value, column, table, database, datasette):
    if table in ARTICLE_TABLES and column == "images" and value:
        return links_html(value, "caption")
    if table in ARTICLE_TABLES and column == "attachments" and value:
        return links_html(value, "label")
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


async def archived_copies(datasette, database, request) -> dict[str, str]:
    """{canonical URL: path of its archived copy} of the article's images and attachments."""
    vars_ = getattr(request, "url_vars", {}) or {}
    pks = vars_.get("pks", "")
    if vars_.get("table") != "articles" or not pks.isascii() or not pks.isdigit():
        return {}
    db = datasette.databases.get(database)
    if db is None or not await db.table_exists("article_requisites"):
        return {}
    result = await db.execute(
        "SELECT ar.url, r.snapshot_id FROM article_requisites ar JOIN requisites r "
        "ON r.url = ar.url WHERE ar.article_id = ? AND r.snapshot_id IS NOT NULL",
        [int(pks[:18])])
    return {url: datasette.urls.path(f"/-/snapshot/{database}/{sid}/raw")
            for url, sid in result.rows}


TEXT_FIELDS = ("kicker", "title", "subtitle", "published", "section", "byline", "language")


def article_view(row, archived: dict | None = None) -> dict:
    """What the article template shows of a row of articles: its fields as text, paragraphs,
    credits, images and attachments (links only to http(s) URLs). A field of unexpected shape
    (a BLOB body, credits that are no object of name lists, images that are no list) is shown
    as its raw value, never an error."""
    keys = set(row.keys())
    credits, credits_raw = credits_of(row["credits"] if "credits" in keys else None)
    images, images_raw = link_items(row["images"] if "images" in keys else "[]", "caption")
    attachments, attachments_raw = link_items(
        row["attachments"] if "attachments" in keys else "[]", "label")
    snapshot_id = row["snapshot_id"] if "snapshot_id" in keys else None
    # The archived copy of each image and attachment (requisites), where the archive keeps one.
    for item in images + attachments:
        copy = (archived or {}).get(canonical_url(item["url"])) if item["url"] else None
        if copy:
            item["archived"] = copy
    return {
        **{name: as_text(row[name]) if name in keys else "" for name in TEXT_FIELDS},
        "paragraphs": [p for p in as_text(row["body"] if "body" in keys else "").split("\n")
                       if p.strip()],
        "images": images, "images_raw": images_raw,
        "attachments": attachments, "attachments_raw": attachments_raw,
        "credits": credits, "credits_raw": credits_raw,
        "url": web_link(row["url"] if "url" in keys else None),
        "snapshot_id": snapshot_id if isinstance(snapshot_id, int) else None,
    }


@hookimpl
def extra_template_vars(view_name, request, datasette, database):
    if view_name == "row":
        async def row_vars():
            archived = await archived_copies(datasette, database, request)
            return {"portscraper_article": lambda row: article_view(row, archived)}
        return row_vars
    if request is not None and database:  # the query page (its view has no name in 0.65)
        return {"portscraper_search_links": lambda shown: datasette_search.result_links(
            request, datasette, database, shown)}
    return {}


@hookimpl
def register_facet_classes():
    from portscraper.datasette_facets import YearFacet

    return [YearFacet]
