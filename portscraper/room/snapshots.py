"""Datasette views of the raw snapshots: the archived page as it was, without its scripts.

An archived page is someone else's HTML. Served from Datasette's origin with its scripts live,
it could read and act on everything the user can in Datasette. So the raw page is served with a
Content-Security-Policy `sandbox` (no allow-scripts, no allow-same-origin): the browser runs no
script of it and gives it an opaque origin, even when it is opened directly rather than in the
sandboxed iframe of the snapshot page. `default-src 'none'` keeps it from loading anything, so
reading an old page does not call the live site either.

Routes (database: the archive's name in Datasette, e.g. portnews):
  /-/snapshot/<database>/<id>        the page in a sandboxed frame, with what the archive knows
  /-/snapshot/<database>/<id>/raw    the bytes as fetched, under the sandbox policy
  /-/snapshot/<database>/<id>/text   the page's source as plain text
  /-/snapshot/<database>/<id>/view   the page with its requisites (images, stylesheets,
                                     attachments: requisites.py) pointed at their archived
                                     copies, so that it looks as it did; only those copies load
A requisite's /raw is its bytes under its own Content-Type (nosniff, sandboxed).

A snapshot whose stored bytes cannot be read back (an unknown compression name, damaged
content) is not an error of the server: its page says so beside what the archive knows, and
its raw and text forms answer 404 with the reason.
"""

from __future__ import annotations

import codecs
import ipaddress
import json
import re
from urllib.parse import urljoin, urlsplit

from datasette.utils.asgi import NotFound, Response

from portscraper.archive.compression import decompress
from portscraper.extract.urls import canonical_url

SANDBOX_HEADERS = {
    "content-security-policy": "sandbox; default-src 'none'; style-src 'unsafe-inline'; "
                               "img-src data:; frame-ancestors 'self'",
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "cache-control": "private, max-age=3600",
}
# The view's policy: the same, with images and stylesheets from this server ('self': the
# origin of the page's own URL, even in a sandbox's opaque origin, per CSP3 and every browser;
# w3c/webappsec-csp#260). A constant: nothing of the request (its Host header) goes into it.
VIEW_HEADERS = {**SANDBOX_HEADERS, "content-security-policy": (
    "sandbox; default-src 'none'; style-src 'unsafe-inline' 'self'; img-src data: 'self'; "
    "frame-ancestors 'self'")}
ROUTE = r"^/-/snapshot/(?P<database>[^/]+)/(?P<snapshot_id>[^/]+)(?:/(?P<form>[^/]+))?$"
FORMS = (None, "raw", "text", "view")
_REFERENCE = re.compile(r"""((?:src|href|background)\s*=\s*["']?)([^"'\s>]+)""", re.IGNORECASE)

PAGE_TEMPLATE = """{% extends "base.html" %}
{% block title %}Snapshot {{ snapshot.id }}: {{ snapshot.url }}{% endblock %}
{% block crumbs %}{{ crumbs.nav(request=request, database=database, table="snapshots") }}
{% endblock %}
{% block content %}
<h1>Snapshot {{ snapshot.id }}</h1>
<p>{% if snapshot.link %}<a href="{{ snapshot.link }}" rel="noopener noreferrer nofollow">{{
  snapshot.url }}</a>{% else %}{{ snapshot.url }}{% endif %},
fetched {{ snapshot.fetched_at }}, HTTP {{ snapshot.status }}, {{ snapshot.size }} bytes
({{ snapshot.encoding }}).
<a href="{{ base }}/text">As text</a> · <a href="{{ base }}/raw">alone</a> ·
<a href="{{ row_url }}">row</a></p>
{% if snapshot.problem %}<p class="portscraper-problem">{{ snapshot.problem }}</p>
{% else %}
<p>The page as archived, with its scripts disabled and nothing loaded from the web: its
images and stylesheets are the archive's copies.</p>
<iframe sandbox="" src="{{ base }}/view" title="archived page" referrerpolicy="no-referrer"
  style="width: 100%; height: 80vh; border: 1px solid #ccc"></iframe>
{% endif %}
{% endblock %}
"""


def charset_label(encoding) -> str:
    """The snapshot's encoding as a charset a browser knows (cp936 -> gbk); utf-8 if unknown."""
    try:
        return codecs.lookup(encoding if isinstance(encoding, str) and encoding else "utf-8").name
    except LookupError:
        return "utf-8"


def page_bytes(content, compression, dictionary) -> tuple[bytes | None, str]:
    """(the page's bytes, "") or, when the stored content cannot be read back (a compression
    this portscraper does not know, damaged bytes), (None, why)."""
    try:
        page = decompress(content or b"", compression, dictionary)
    except Exception as error:  # zlib.error, zstandard.ZstdError, ValueError, TypeError ...
        return None, (f"The stored page cannot be read back (compression {compression!r}: "
                      f"{error}); the archive's other fields are shown.")
    return (page.encode("utf-8") if isinstance(page, str) else bytes(page)), ""


def web_link(url) -> str | None:
    """The URL when it is one to link to (http or https), else None: never javascript: etc."""
    return url if isinstance(url, str) and url.startswith(("http://", "https://")) else None


def is_loopback(url) -> bool:
    """True for an http(s) URL whose host is this machine (localhost, 127.0.0.0/8, ::1): the
    demo's replica, on a port that is gone once `portscraper demo` ends."""
    if not web_link(url):
        return False
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return False
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def site_link(url) -> str | None:
    """The URL when a reader can follow it to the site: http(s), not on the loopback."""
    return None if is_loopback(url) else web_link(url)


async def _snapshot(datasette, request) -> dict:
    database, snapshot_id = request.url_vars["database"], request.url_vars["snapshot_id"]
    if database not in datasette.databases:
        raise NotFound("no such database")
    # ASCII digits only (int() takes any script's digits), within SQLite's integers.
    if not (snapshot_id.isascii() and snapshot_id.isdigit() and len(snapshot_id) <= 18) \
            or request.url_vars.get("form") not in FORMS:
        raise NotFound("no such snapshot")
    # The same permissions as reading the snapshots table itself.
    await datasette.ensure_permissions(request.actor, [
        ("view-table", (database, "snapshots")), ("view-database", database), "view-instance"])
    result = await datasette.get_database(database).execute(
        "SELECT s.id, s.url, s.fetched_at, s.status, s.encoding, s.size, s.compression, "
        "s.content, s.kind, s.headers, d.content AS dictionary FROM snapshots s "
        "LEFT JOIN dictionaries d ON d.id = s.dictionary_id WHERE s.id = ?",
        [int(snapshot_id)])
    row = result.first()
    if row is None:
        raise NotFound("no such snapshot")
    snapshot = dict(row)
    snapshot["bytes"], snapshot["problem"] = page_bytes(
        snapshot.pop("content"), snapshot["compression"], snapshot.pop("dictionary"))
    snapshot["charset"] = charset_label(snapshot["encoding"])
    snapshot["link"] = site_link(snapshot["url"])
    return snapshot


def _own_type(headers_json) -> str:
    try:
        headers = {k.lower(): v for k, v in json.loads(headers_json or "{}").items()}
    except (ValueError, AttributeError):
        headers = {}
    value = str(headers.get("content-type") or "application/octet-stream")
    return value if re.fullmatch(r"[\w.+-]+/[\w.+-]+(?:;[ \w.=+-]*)?", value) \
        else "application/octet-stream"


async def _view(datasette, request, snapshot):
    """The page with its requisites at their archived copies (under the sandbox policy, which
    lets images and stylesheets load from this server only)."""
    database = request.url_vars["database"]
    host = urlsplit(snapshot["url"]).hostname or ""
    db = datasette.get_database(database)
    copies = {}
    if await db.table_exists("requisites"):
        result = await db.execute("SELECT url, snapshot_id FROM requisites WHERE host = ? "
                                  "AND snapshot_id IS NOT NULL", [host])
        copies = {url: sid for url, sid in result.rows}
    text = snapshot["bytes"].decode(snapshot["charset"], errors="replace")

    def point(match):
        target = canonical_url(urljoin(snapshot["url"], match[2].replace("&amp;", "&")))
        sid = copies.get(target)
        if sid is None:
            return match[0]
        return match[1] + datasette.urls.path(f"/-/snapshot/{database}/{sid}/raw")

    page = _REFERENCE.sub(point, text)
    return Response(page.encode("utf-8"), headers=VIEW_HEADERS,
                    content_type="text/html; charset=utf-8")


async def snapshot_view(datasette, request):
    snapshot = await _snapshot(datasette, request)
    form = request.url_vars.get("form")
    if form and snapshot["bytes"] is None:
        raise NotFound(snapshot["problem"])
    if form == "raw" and snapshot["kind"] == "requisite":
        return Response(snapshot["bytes"], headers=SANDBOX_HEADERS,
                        content_type=_own_type(snapshot["headers"]))
    if form == "raw":
        return Response(snapshot["bytes"], headers=SANDBOX_HEADERS,
                        content_type=f"text/html; charset={snapshot['charset']}")
    if form == "view":
        return await _view(datasette, request, snapshot)
    if form == "text":
        text = snapshot["bytes"].decode(snapshot["charset"], errors="replace")
        return Response(text, headers=SANDBOX_HEADERS, content_type="text/plain; charset=utf-8")
    database = request.url_vars["database"]
    template = datasette.jinja_env.from_string(PAGE_TEMPLATE)
    html = await datasette.render_template(template, {
        "snapshot": snapshot, "database": database,
        "base": datasette.urls.path(f"/-/snapshot/{database}/{snapshot['id']}"),
        "row_url": datasette.urls.row(database, "snapshots", str(snapshot["id"])),
    }, request=request)
    return Response.html(html)
