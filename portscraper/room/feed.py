"""The Atom feeds (datasette-atom, `/DB/latest.atom`) readable when opened in a browser.

A feed reader reads the XML; a person who clicks the feed link sees it in a browser, which shows
an Atom document as a tree of raw XML. An `<?xml-stylesheet type="text/css"?>` instruction
after the XML declaration (feed.css, served by the plugin) lets the browser lay the feed out as
a page of entries instead; feed readers ignore it. The feed's bytes are otherwise untouched.
"""

from __future__ import annotations

STYLESHEET = "/-/portscraper/feed.css"


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
