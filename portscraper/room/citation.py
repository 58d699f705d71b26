"""How to cite an article of the archive: the citation block of its page and its row's JSON.

`await citation_of(datasette, database, article_id, base)` ->

    {"title", "publisher", "publisher_zh", "publisher_en", "date" (as published: 2024-06-01),
     "section", "original_url", "archived_at" (ISO UTC, the snapshot's fetch), "snapshot_id",
     "snapshot_sha256" (hex of the page's bytes as received), "permalink" (the archived copy
     of this version: the snapshot's page, which never changes), "article_url" (the article's
     page, which shows its newest version),
     "text": plain text, "bibtex": a BibTeX @misc entry, "csl_json": CSL-JSON (a list of one
     item, as citation managers import it)}

or None when the archive holds no such article. URLs are absolute on `base` (the address the
reader used, datasette.absolute_url). The forms follow what citation managers read: BibTeX's
@misc with `howpublished`/`url`/`urldate` (natbib and biblatex both read them), CSL-JSON 1.0
(`type: webpage`, `genre: Press release`, `archive_location`, `accessed`: the day it was
archived). The publisher is the port group by the registry's names (room/groups.py).
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime

from portscraper.room.groups import group_of

ARTICLE_SQL = ("select a.id, a.title, a.published, a.section, a.url, a.site, a.snapshot_id, "
               "s.fetched_at, s.sha256 from articles a left join snapshots s "
               "on s.id = a.snapshot_id where a.id = ?")


def _date_parts(value: str | None) -> list[int]:
    """[year, month, day] of an ISO date or time, as far as it goes; [] when there is none."""
    found = re.match(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", value or "")
    return [int(p) for p in found.groups() if p] if found else []


def _utc(value: str | None) -> str:
    try:
        moment = datetime.fromisoformat(value or "")
    except ValueError:
        return value or ""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _bibtex_value(text: str) -> str:
    """A field's text inside BibTeX braces: braces balanced by escaping, TeX's specials
    escaped so that the entry compiles (the text reads the same)."""
    text = re.sub(r"([\\{}])", r"\\\1", text)
    return re.sub(r"([&%$#_])", r"\\\1", text).replace("~", r"\textasciitilde{}")


def plain_text(c: dict) -> str:
    """One line a reader pastes into a paper (author-date, the archived copy named)."""
    date = c["date"] or "n.d."
    section = f" {c['section']}." if c["section"] else ""
    return (f"{c['publisher']}. {date}. “{c['title']}.”{section} Press release. "
            f"{c['original_url']}. Archived {c['archived_at'][:10]} "
            f"(snapshot sha256:{c['snapshot_sha256']}): {c['permalink']}.")


def bibtex(c: dict, key: str) -> str:
    parts = c["date_parts"]
    fields = [("author", "{" + _bibtex_value(c["publisher"]) + "}"),
              ("title", _bibtex_value(c["title"])),
              ("howpublished", "Press release" + (f", {_bibtex_value(c['section'])}"
                                                  if c["section"] else "")),
              ("year", str(parts[0]) if parts else ""),
              ("month", str(parts[1]) if len(parts) > 1 else ""),
              ("day", str(parts[2]) if len(parts) > 2 else ""),
              ("url", c["original_url"]),
              ("urldate", c["archived_at"][:10]),
              ("note", f"Archived copy: \\url{{{c['permalink']}}}, snapshot sha256 "
                       f"{c['snapshot_sha256']}")]
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields if value)
    return f"@misc{{{key},\n{body}\n}}"


def csl_json(c: dict, key: str) -> str:
    item = {"id": key, "type": "webpage", "genre": "Press release", "title": c["title"],
            "author": [{"literal": c["publisher"]}], "publisher": c["publisher"],
            "section": c["section"] or None, "URL": c["original_url"],
            "archive": "portscraper", "archive_location": c["permalink"],
            "note": f"snapshot sha256:{c['snapshot_sha256']}"}
    if c["date_parts"]:
        item["issued"] = {"date-parts": [c["date_parts"]]}
    archived = _date_parts(c["archived_at"])
    if archived:
        item["accessed"] = {"date-parts": [archived]}
    return json.dumps([{k: v for k, v in item.items() if v}], ensure_ascii=False, indent=2)


async def citation_of(datasette, database: str, article_id: int, base: str) -> dict | None:
    db = datasette.get_database(database)
    row = (await db.execute(ARTICLE_SQL, [article_id])).first()
    if row is None:
        return None
    group = group_of(datasette, database, row["site"])
    if group["name_zh"] and group["name_en"]:
        publisher = f"{group['name_zh']} ({group['name_en']})"
    else:
        publisher = group["label"] if group["registered"] else (row["site"] or database)
    base = base.rstrip("/")
    snapshot = row["snapshot_id"] if isinstance(row["snapshot_id"], int) else None
    article_url = base + datasette.urls.row(database, "articles", str(row["id"]))
    c = {"title": row["title"] or "", "publisher": publisher,
         "publisher_zh": group["name_zh"], "publisher_en": group["name_en"],
         "date": row["published"] or "", "date_parts": _date_parts(row["published"]),
         "section": row["section"] or "", "original_url": row["url"] or "",
         "archived_at": _utc(row["fetched_at"]), "snapshot_id": snapshot,
         "snapshot_sha256": row["sha256"] or "",
         "permalink": base + datasette.urls.path(f"/-/snapshot/{database}/{snapshot}")
         if snapshot is not None else article_url,
         "article_url": article_url}
    parts = c["date_parts"]
    key = f"{group['group']}_{parts[0] if parts else 'nd'}_{row['id']}"
    key = re.sub(r"[^A-Za-z0-9_:-]", "_", key)
    c["text"], c["bibtex"], c["csl_json"] = plain_text(c), bibtex(c, key), csl_json(c, key)
    return c


_ROW_JSON = re.compile(r"^/(?P<database>[^/]+)/articles/(?P<id>\d{1,18})\.json$")


def with_citation(datasette, app):
    """An ASGI wrapper: the row JSON of an article (/DB/articles/ID.json) carries its
    citation as `citation` (citation_of, without the page-only date_parts), beside Datasette's
    own keys. Any other request, or an answer that is not a JSON object, passes as it is."""
    async def wrapped(scope, receive, send):
        found = _ROW_JSON.match(scope.get("path", "")) if scope.get("type") == "http" else None
        if found is None or scope.get("method") != "GET":
            return await app(scope, receive, send)
        started, body = {}, []

        async def keep(message):
            if message["type"] == "http.response.start":
                started.update(message)
            elif message["type"] == "http.response.body":
                body.append(message.get("body", b""))

        await app(scope, receive, keep)
        content = b"".join(body)
        if started.get("status") == 200:
            try:
                data = json.loads(content)
            except ValueError:
                data = None
            database = datasette.get_database(found["database"]) if found["database"] in \
                datasette.databases else None
            if isinstance(data, dict) and database is not None:
                host = dict(scope.get("headers") or []).get(b"host", b"localhost").decode()
                base = f"{scope.get('scheme', 'http')}://{host}"
                cited = await citation_of(datasette, database.name, int(found["id"]), base)
                if cited:
                    cited.pop("date_parts", None)
                    data["citation"] = cited
                    content = json.dumps(data, ensure_ascii=False, default=repr).encode()
        headers = [(k, v) for k, v in started.get("headers", [])
                   if k.lower() != b"content-length"]
        await send({**started, "headers": [*headers,
                                           (b"content-length", str(len(content)).encode())]})
        await send({"type": "http.response.body", "body": content})

    return wrapped
