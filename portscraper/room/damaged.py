"""A damaged archive served by Datasette (issue 20, item 4): a request that SQLite answers with
"database disk image is malformed", "file is not a database" or another sign of a damaged file
gets a page that names the file and the remedy, the very `damaged:` line of the commands
(preflight.damaged), instead of Datasette's bare error; a JSON request gets it as JSON.

Which file: the request's database, else every file Datasette serves, each checked read-only
as the commands check it (preflight.check_intact, `PRAGMA quick_check`), once per version of
the file. Datasette's handle_exception hook answers what goes wrong inside Datasette;
`guard` answers what goes wrong in the plugin's own ASGI wrappers, before Datasette's router.
"""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

from datasette.utils.asgi import Request, Response
from markupsafe import Markup

from portscraper.archive.integrity import Damaged, check_intact, recover_command

TITLE = "Damaged archive"
STATUS = 500
# SQLite's primary result codes for a damaged file: SQLITE_CORRUPT, SQLITE_NOTADB.
DAMAGE_CODES = {11, 26}
SIGNS = ("database disk image is malformed", "file is not a database")

_verdicts: dict[tuple[str, int, int], str | None] = {}


def damage_error(exception: BaseException | None) -> sqlite3.DatabaseError | None:
    """The sqlite3 error in exception's chain (itself, its cause or context) that may mean a
    damaged file: SQLITE_CORRUPT or SQLITE_NOTADB, or a DatabaseError of no narrower kind (a
    mistyped query is an OperationalError, and is left to Datasette)."""
    seen = set()
    while exception is not None and id(exception) not in seen:
        seen.add(id(exception))
        if isinstance(exception, sqlite3.DatabaseError):
            code = getattr(exception, "sqlite_errorcode", None)
            if (code is not None and code & 0xFF in DAMAGE_CODES
                    or type(exception) is sqlite3.DatabaseError
                    or any(sign in str(exception) for sign in SIGNS)):
                return exception
        exception = exception.__cause__ or exception.__context__
    return None


def _verdict(path: Path) -> str | None:
    """The `damaged:` line's message for path, None when SQLite reads it whole; cached per
    (path, modification time, size), since a large archive takes a while to read."""
    try:
        stat = path.stat()
    except OSError:
        return None
    key = (str(path), stat.st_mtime_ns, stat.st_size)
    if key not in _verdicts:
        try:
            check_intact(path)
            _verdicts[key] = None
        except Damaged as damaged:
            _verdicts[key] = str(damaged)
    return _verdicts[key]


def _databases(datasette, request) -> list:
    """The file databases the request is about: the one it names, else every one served."""
    files = [db for name, db in datasette.databases.items()
             if name != "_internal" and not db.is_memory and db.path]
    named = (getattr(request, "url_vars", None) or {}).get("database")
    if named is None:
        first = request.path.strip("/").split("/")[0]
        named = first.split(".")[0] if first and first != "-" else None
    chosen = [db for db in files if named in (db.name, db.route)]
    return chosen or files


async def damaged_response(datasette, request, exception) -> Response | None:
    """The answer to a request that failed on a damaged archive; None for any other failure
    (Datasette's own error page then)."""
    error = damage_error(exception)
    if error is None:
        return None
    problems = []
    for db in _databases(datasette, request):
        message = await asyncio.to_thread(_verdict, Path(db.path))
        if message:
            problems.append((Path(db.path), message))
    if not problems:
        return None
    return await page(datasette, request, problems)


def _wants_json(request) -> bool:
    return (request.path.split("?")[0].endswith(".json")
            or request.args.get("_format") == "json")


async def page(datasette, request, problems: list[tuple[Path, str]]) -> Response:
    """Datasette's error page (error.html) titled "Damaged archive": per damaged file its
    `damaged:` line and the recovery command to copy; as JSON, {ok, error, status, title,
    archives}, error being the same lines."""
    lines = [f"{Damaged.word}: {message}" for _, message in problems]
    if _wants_json(request):
        return Response.json({"ok": False, "error": "\n".join(lines), "status": STATUS,
                              "title": TITLE, "archives": [str(p) for p, _ in problems]},
                             status=STATUS)
    error = Markup("").join(
        Markup("<p>{}: {}</p><pre>{}</pre>").format(Damaged.word, message,
                                                     recover_command(path)[0])
        for path, message in problems)
    template = datasette.jinja_env.select_template([f"{STATUS}.html", "error.html"])
    return Response.html(await template.render_async({
        "ok": False, "error": error, "status": STATUS, "title": TITLE,
        "urls": datasette.urls, "app_css_hash": datasette.app_css_hash(),
        "menu_links": lambda: []}), status=STATUS)


def guard(datasette, app):
    """An ASGI app that answers a damaged archive's error escaping app (the plugin's wrappers
    run before Datasette's router and its handle_exception) with the same page."""

    async def guarded(scope, receive, send):
        if scope["type"] != "http":
            return await app(scope, receive, send)
        started = False

        async def tracked(message):
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            return await app(scope, receive, tracked)
        except sqlite3.DatabaseError as exception:
            response = None if started else await damaged_response(
                datasette, Request(scope, receive), exception)
            if response is None:
                raise
            await response.asgi_send(send)

    return guarded
