"""The project's Datasette plugin, registered by the `datasette` entry point in pyproject.toml.

- Search: `escape_fts()`, through which Datasette passes every `?_search=`, becomes
  `portscraper.archive.search.fts_query`, so the table's search box finds Chinese words of any
  length,
  Traditional or Simplified. `portscraper_fts_query(q)` is the same function under its own name
  for SQL. A search of the articles table is answered by the results page and its JSON in the
  table's shape (datasette_search sends it to datasette_results); the canned query `search`
  ranks the same way.
- One search across every archive served, with `site` as its facet: /-/search?q=
  (datasette_across).
- Reading: the front page (datasette_front, index.html and database.html); the articles table's
  reading columns (datasette_search.READING_COLUMNS, `_columns=all` for every one); an
  article's page with its URLs, snapshot and versions side by side (`portscraper_article(row)`,
  datasette_article); images and attachments as links, snapshot ids and contents as links to
  the snapshot views (datasette_snapshots); the Atom feed styled for a browser (datasette_feed);
  the reading room's CSS (/-/portscraper/reading-room.css, on every page).
- A damaged archive: a request SQLite cannot answer from it gets a page (or JSON) that names
  the file and the remedy, the commands' `damaged:` line (datasette_damaged).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import parse_qsl, urlencode

import datasette_atom
from datasette import hookimpl
from datasette.utils.asgi import NotFound, Response
from markupsafe import Markup

from portscraper.archive import search
from portscraper.extract.urls import canonical_url
from portscraper.room import across as datasette_across
from portscraper.room import changes as datasette_changes
from portscraper.room import damaged as datasette_damaged
from portscraper.room import feed as datasette_feed
from portscraper.room import folder as served_folder
from portscraper.room import results as datasette_results
from portscraper.room import search as datasette_search
from portscraper.room.article import article_extras, readable_date, readable_time
from portscraper.room.citation import citation_of, with_citation
from portscraper.room.facets import column_label, facet_label, facet_value
from portscraper.room.front import front_page
from portscraper.room.groups import site_label
from portscraper.room.newest import newest_json
from portscraper.room.run_report import run_report
from portscraper.room.snapshots import ROUTE, is_loopback, snapshot_view, web_link

ARTICLE_TABLES = ("articles", "revisions")
MMAP_BYTES = 256 * 2**20


def escape_fts(query) -> str:
    return search.fts_query(query if isinstance(query, str) else "")


# The most a SQL function of the plugin reads, in characters (or bytes) per argument: Python
# runs outside SQLite's progress handler, so without a bound ?sql= could hand it 40 million
# characters and hold a worker past the query time limit (17 s, 4 GB). A search is words a
# reader types (params.MAX_SEARCH_CHARS); an article's text for the feed is at most a few MB.
SEARCH_BOUND = 10_000
LINK_BOUND = 10_000
TEXT_BOUND = 8 * 2**20


def _bounded(function, most: int):
    """`function`, refusing (an SQL error) any str or bytes argument longer than `most`."""
    def bounded(*args):
        for arg in args:
            if isinstance(arg, str | bytes) and len(arg) > most:
                raise ValueError(f"an argument of {len(arg)} characters: at most {most}")
        return function(*args)
    bounded.__name__ = function.__name__
    return bounded


# trylast: Datasette's own prepare_connection defines escape_fts too; the last one defined wins.
@hookimpl(trylast=True)
def prepare_connection(conn, database, datasette):
    conn.create_function("escape_fts", 1, _bounded(escape_fts, SEARCH_BOUND),
                         deterministic=True)
    conn.create_function("portscraper_fts_query", 1, _bounded(escape_fts, SEARCH_BOUND),
                         deterministic=True)
    conn.create_function("portscraper_feed_text", 1, _bounded(feed_text, TEXT_BOUND),
                         deterministic=True)
    conn.create_function("portscraper_web_link", 1, _bounded(web_link, LINK_BOUND),
                         deterministic=True)
    conn.create_function("portscraper_feed_entry", 4, _bounded(feed_entry, TEXT_BOUND),
                         deterministic=True)
    conn.create_function("portscraper_diff_text", 4,
                         _bounded(datasette_changes.diff_text, TEXT_BOUND), deterministic=True)

    def archived_link(snapshot_id):
        # The archived copy of a page of this archive (the changes feed's links): a path,
        # which a feed reader resolves against the feed's own address (RFC 4287, xml:base).
        return datasette.urls.path(f"/-/snapshot/{database}/{snapshot_id}") \
            if isinstance(snapshot_id, int) else None

    conn.create_function("portscraper_archived_link", 1, archived_link, deterministic=True)
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


def feed_entry(published, section, byline, body) -> str:
    """An Atom entry's text (SQL: portscraper_feed_entry): a line with the date, section and
    byline, an empty line, then the body; as feed_text makes it."""
    line = " · ".join(t for t in (feed_text(published), feed_text(section), feed_text(byline))
                      if t.strip())
    return f"{line}\n\n{feed_text(body)}" if line else feed_text(body)


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
    searches = datasette_search.asgi_wrapper(datasette)

    def new_archives(app):
        # An archive file that appeared in the served folder since the last request is served
        # from this one on (room/folder.py: one stat per request).
        async def wrapped(scope, receive, send):
            if scope.get("type") == "http":
                served_folder.refresh(datasette)
            await app(scope, receive, send)

        return wrapped

    # Outermost: a damaged archive's error in the wrappers, before Datasette's router.
    return lambda app: new_archives(datasette_damaged.guard(
        datasette, searches(datasette_feed.with_stylesheet(
            datasette, with_citation(datasette, app)))))


@hookimpl(trylast=True)
def register_output_renderer():
    """`.atom` with an empty feed for a query without rows (datasette_feed.render_atom);
    trylast: called after datasette-atom's hook, so this one is the extension's renderer."""
    return {"extension": "atom", "render": datasette_feed.render_atom,
            "can_render": datasette_atom.can_render_atom}


@hookimpl
def handle_exception(datasette, request, exception):
    """A request that failed on a damaged archive: the page that names it and the remedy;
    any other failure is left to Datasette (None)."""
    return datasette_damaged.damaged_response(datasette, request, exception)


PAGES = Path(__file__).parent / "pages"
STYLESHEETS = ("reading-room.css", "feed.css")  # datasette_feed.STYLESHEET: feed.css
SCRIPTS = ("citation.js",)  # the citation block's copy buttons (row.html)
STYLESHEET_ROUTE = r"^/-/portscraper/(?P<name>[a-z-]+\.(css|js))$"


async def stylesheet(request):
    """The reading room's CSS and its one script (pages/*.css, pages/citation.js): a plugin
    route, since Datasette finds static files only beside a plugin package, and this plugin
    is a module."""
    name = request.url_vars["name"]
    if name not in STYLESHEETS + SCRIPTS:
        raise NotFound("no such file")
    kind = "text/css" if name.endswith(".css") else "text/javascript"
    return Response((PAGES / name).read_text("utf-8"), content_type=f"{kind}; charset=utf-8",
                    headers={"cache-control": "max-age=3600"})


@hookimpl
def extra_js_urls(view_name, table, datasette):
    if view_name == "row" and table == "articles":
        # A module script runs once the page is parsed (its buttons exist by then).
        return [{"url": datasette.urls.path("/-/portscraper/citation.js"), "module": True}]
    return []


@hookimpl
def extra_css_urls(datasette):
    return [datasette.urls.path("/-/portscraper/reading-room.css")]


async def results_view(datasette, request):
    # A search's results; its newest-first JSON in one pass (room/newest.py).
    return await datasette_results.results_view(datasette, request, newest_json)


@hookimpl
def register_routes():
    # /-/search: one search across every archive served (datasette_across); /-/results/DB: a
    # search of the articles table (datasette_results, reached through datasette_search).
    return [(ROUTE, snapshot_view), (datasette_across.ROUTE, datasette_across.search_view),
            (datasette_results.ROUTE, results_view),
            (STYLESHEET_ROUTE, stylesheet)]


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
    if table == "articles" and column == "published" and isinstance(value, str) and value:
        # As a reader writes a date; the ISO value in <time> (sorting and links use it).
        return Markup('<time datetime="{}">{}</time>').format(value, readable_date(value))
    if table == "articles" and column == "title":
        # The reading column a reader clicks: the title leads to the article.
        url = datasette.urls.row(database, "articles", str(row["id"]))
        return Markup('<a href="{}">{}</a>').format(url, as_text(value) or "(no title)")
    if table is None and column == "title" and "id" in row.keys() and (
            {"score", "atom_id"} & set(row.keys())):
        # A search result or the latest articles: the title leads to the article.
        url = datasette.urls.row(database, "articles", str(row["id"]))
        return Markup('<a href="{}">{}</a>').format(url, value or "")
    if column in ("url", "request_url") and is_loopback(value):
        # The demo's replica (127.0.0.1, a port gone once the demo ends): no link.
        return Markup("{}").format(value)
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
        # The demo's replica (a loopback address) is gone once the demo ends: no link to it.
        item["local"] = bool(item["url"]) and is_loopback(item["url"])
    return {
        **{name: as_text(row[name]) if name in keys else "" for name in TEXT_FIELDS},
        "paragraphs": [p for p in as_text(row["body"] if "body" in keys else "").split("\n")
                       if p.strip()],
        "images": images, "images_raw": images_raw,
        "attachments": attachments, "attachments_raw": attachments_raw,
        "credits": credits, "credits_raw": credits_raw,
        "date": readable_date(row["published"] if "published" in keys else None),
        "url": web_link(row["url"] if "url" in keys else None),
        # The demo's replica (a loopback address) is gone once the demo ends.
        "local": is_loopback(row["url"] if "url" in keys else None),
        "snapshot_id": snapshot_id if isinstance(snapshot_id, int) else None,
    }


@hookimpl
def extra_template_vars(view_name, request, datasette, database, table):
    if view_name == "row" and table == "articles":
        async def article_page():
            # The archived copies of the article's images and attachments (requisites).
            archived = await archived_copies(datasette, database, request)
            pks = (request.url_vars or {}).get("pks", "")
            cited = await citation_of(datasette, database, int(pks), datasette.absolute_url(
                request, "/")) if pks.isascii() and pks.isdigit() and len(pks) <= 18 else None
            return {"portscraper_article": lambda row: article_view(row, archived),
                    "portscraper_extras": await article_extras(datasette, database, request),
                    "portscraper_citation": cited}

        return article_page
    if view_name == "row":
        return {"portscraper_article": article_view}
    if view_name == "table" and request is not None and database and \
            (request.url_vars or {}).get("table") == "changes":
        async def changes_page():
            # The changes page shows each revision's difference (query.html).
            db = datasette.get_database(database)
            ids = [r[0] for r in (await db.execute(
                "select id from revisions order by replaced_at desc limit 100")).rows] \
                if await db.table_exists("revisions") else []
            return {"portscraper_diffs": await datasette_changes.revision_diffs(
                        datasette, database, ids),
                    "portscraper_change_kinds": datasette_changes.KINDS,
                    "portscraper_time": readable_time}

        return changes_page
    if view_name == "table" and request is not None:
        # A canned query's page is the table view's too: last_crawl reads as a run report
        # (query.html).
        return {"portscraper_all_columns": all_columns_url(request),
                "portscraper_facet_label": facet_label,
                "portscraper_column_label": column_label,
                "portscraper_facet_value": lambda info, value: facet_value(
                    info, value, lambda site: site_label(datasette, site)),
                "portscraper_run_report": lambda record: run_report(
                    record, lambda site: site_label(datasette, site))}
    if view_name in ("index", "database"):
        async def front():
            names = [database] if view_name == "database" else None
            return {"portscraper_front": await front_page(datasette, request, names)}

        return front
    return {}


def all_columns_url(request) -> str:
    """This table page with every column: without _col/_nocol, with _columns=all (the articles
    table otherwise shows its reading columns, datasette_search.READING_COLUMNS)."""
    kept = [(k, v) for k, v in parse_qsl(request.query_string, keep_blank_values=True)
            if k not in ("_col", "_nocol", "_columns", "_next")]
    return f"{request.path}?{urlencode(kept + [datasette_search.ALL_COLUMNS])}"


@hookimpl
def register_facet_classes():
    from portscraper.room.facets import YearFacet

    return [YearFacet]
