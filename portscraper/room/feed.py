"""The Atom feeds (datasette-atom, `/DB/latest.atom`) readable when opened in a browser.

A feed reader reads the XML; a person who clicks the feed link sees it in a browser, which shows
an Atom document as a tree of raw XML. An `<?xml-stylesheet type="text/css"?>` instruction
after the XML declaration (feed.css, served by the plugin) lets the browser lay the feed out as
a page of entries instead; feed readers ignore it. The feed's bytes are otherwise untouched.

A query with no rows is an empty feed, not an error: datasette-atom 0.9 takes the feed's
<updated> as the newest row's (`max()` of no rows: a 500 on an archive with no changes yet), so
the plugin's own `atom` renderer (render_atom, registered after datasette-atom's) answers a
feed without entries, updated when the archive's latest crawl finished, and leaves every other
feed to datasette-atom.
"""

from __future__ import annotations

import datasette_atom
from datasette.utils.asgi import Response
from feedgen.feed import FeedGenerator

STYLESHEET = "/-/portscraper/feed.css"
# An empty feed's <updated> when the archive has no finished crawl: Atom requires one.
NEVER = "1970-01-01T00:00:00Z"


async def render_atom(datasette, request, sql, columns, rows, database, table, query_name,
                      view_name, data):
    """The `.atom` renderer: datasette-atom's for a query with rows (or without its required
    columns: its 400), an Atom feed without entries for one with none."""
    if rows or not datasette_atom.REQUIRED_COLUMNS.issubset(columns):
        return datasette_atom.render_atom(datasette, request, sql, columns, rows, database,
                                          table, query_name, view_name, data)
    feed = FeedGenerator()
    feed.id(request.url)
    feed.link(href=request.url, rel="self")
    title = sql
    if query_name:
        queries = (datasette.metadata(database=database) or {}).get("queries") or {}
        title = (queries.get(query_name) or {}).get("title") or query_name
    feed.title(title)
    feed.updated(await _last_crawl(datasette, database) or NEVER)
    return Response(feed.atom_str(pretty=True), content_type="application/xml; charset=utf-8",
                    status=200)


async def _last_crawl(datasette, database) -> str | None:
    """When the archive's latest crawl finished (ISO), None when none has or there is no
    crawls table."""
    db = datasette.get_database(database)
    if not await db.table_exists("crawls"):
        return None
    result = await db.execute("SELECT max(finished_at) FROM crawls")
    return result.rows[0][0]


def styled(body: bytes, href: str) -> bytes:
    """The feed with the stylesheet instruction after its XML declaration (or first)."""
    instruction = f'<?xml-stylesheet type="text/css" href="{href}"?>'.encode()
    if body.startswith(b"<?xml"):
        end = body.find(b"?>") + 2
        return body[:end] + b"\n" + instruction + body[end:]
    return instruction + b"\n" + body


def with_stylesheet(datasette, app):
    """An ASGI app that adds the stylesheet to every successful .atom answer of app."""
    href = datasette.urls.path(STYLESHEET)

    async def feed_app(scope, receive, send):
        if scope["type"] != "http" or not scope.get("path", "").endswith(".atom"):
            return await app(scope, receive, send)
        start, chunks = {}, []

        async def buffered(message):
            if message["type"] == "http.response.start":
                start.update(message)
                return
            chunks.append(message.get("body", b""))
            if message.get("more_body"):
                return
            body = b"".join(chunks)
            headers = [(k, v) for k, v in start.get("headers", [])
                       if k.lower() != b"content-length"]
            kind = dict(headers).get(b"content-type", b"")
            if start.get("status") == 200 and b"xml" in kind:
                body = styled(body, href)
            headers.append((b"content-length", str(len(body)).encode("ascii")))
            await send({**start, "headers": headers})
            await send({"type": "http.response.body", "body": body})

        await app(scope, receive, buffered)

    return feed_app
