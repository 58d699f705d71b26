"""An archive of hostile rows, written into the tables directly (sqlite-utils), not through the
extractor: what the reading room must show safely whatever a crawl, an older portscraper or a
hand edit left in the file.

Every text field carries a payload `<script>pwn_FIELD()</script>` naming its field, so that a
page that shows it unescaped says which field leaked; links are javascript:, data: and
vbscript: URLs; shapes are wrong (credits that are no object of name lists, a BLOB body, images
that are no list); one snapshot has a compression name nobody knows.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import sqlite_utils

from portscraper.archive import search
from portscraper.archive.store import Archive


def dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False)


ROOT = Path(__file__).resolve().parent.parent
DB_NAME = "portnews"
BAD_LINKS = ("javascript:alert(1)", "data:text/html,<script>pwn_data()</script>",
             "vbscript:msgbox(1)", " javascript:alert(2)", "JAVASCRIPT:alert(3)")


def payload(field: str) -> str:
    return f"<script>pwn_{field}()</script>"


def escaped(field: str) -> str:
    """The payload as an escaping page shows it."""
    return f"&lt;script&gt;pwn_{field}()&lt;/script&gt;"


# The article whose every field is hostile (its title and body hold 码头, so searches show it).
TEXT_FIELDS = ("kicker", "title", "subtitle", "section", "byline", "body_html", "language")
HOSTILE_ARTICLE = {
    "url": "javascript:alert('url')",
    "site": payload("site"),
    "breadcrumb": dumps([payload("crumb")]),
    **{name: payload(name) for name in TEXT_FIELDS},
    "title": "码头" + payload("title"),
    "published": "2099-01-01",
    "body": f"码头{payload('para1')}\n<img src=x onerror=pwn_para2()>\n{payload('para3')}",
    "credits": dumps({payload("role"): [payload("name")], "记者": [payload("name2")]}),
    "images": dumps([{"url": link, "caption": payload(f"caption{n}")}
                          for n, link in enumerate(BAD_LINKS)]
                         + [{"url": "http://www.mmport.example/a.jpg",
                             "caption": payload("caption_ok")}]),
    "attachments": dumps([{"url": link, "label": payload(f"label{n}")}
                               for n, link in enumerate(BAD_LINKS)]
                              + [{"url": "https://www.mmport.example/a.pdf",
                                  "label": payload("label_ok")}]),
    "evidence": dumps({"title": payload("evidence")}),
    "first_seen": "2099-01-01T00:00:00+00:00", "updated_at": "2099-01-01T00:00:00+00:00",
}
# Rows of unexpected shape: each page must still answer, showing the raw value.
ODD_ARTICLES = [
    {"url": "http://www.mmport.example/more.asp?id=90001", "title": "码头 credits list",
     "published": "2098-12-31", "credits": dumps(["吴超", "王某"]),
     "body": "码头 正文", "images": "not json at all", "attachments": dumps({"url": "x"})},
    {"url": "http://www.mmport.example/more.asp?id=90002", "title": "码头 blob body",
     "published": "2098-12-30", "body": b"\xff\xfe<script>pwn_blob()</script>\x00",
     "credits": dumps({"记者": "吴超", "编辑": 5, "审核": {"a": 1}}),
     "images": dumps(["http://www.mmport.example/b.jpg", 7, None])},
    {"url": "data:text/html,<script>pwn_dataurl()</script>", "title": "码头 data url",
     "published": "2098-12-29", "credits": "{broken", "body": "码头",
     "images": dumps({"url": "javascript:alert(9)"})},
    {"url": "http://www.mmport.example/more.asp?id=90004", "title": "码头 control\x0bcharacters",
     "published": "not a date", "first_seen": "garbage", "credits": None, "body": None,
     "byline": "\x01吴超", "images": None, "attachments": None, "snapshot_id": "1 or 1=1"},
]
RAW_PAGE = b"<html><body><script>pwn_raw_page()</script><p>archived</p></body></html>"


def build(path: Path) -> dict:
    """The hostile archive at path; returns the ids of what it holds."""
    Archive(path).close()  # the tables, indexes and search index of a real archive
    db = sqlite_utils.Database(path)
    crawl = db["crawls"].insert({"spider": "maoming", "started_at": "2099-01-01T00:00:00+00:00",
                                 "arguments": dumps({"base_url": payload("argument")}),
                                 "finish_reason": payload("finish_reason"),
                                 "health": payload("health"),
                                 "health_report": dumps({"x": payload("report")})}).last_pk
    good = db["snapshots"].insert({
        "url": 'http://www.mmport.example/"><script>pwn_snapshot_url()</script>',
        "fetched_at": payload("fetched_at"), "status": 200, "encoding": payload("encoding"),
        "size": len(RAW_PAGE), "compression": "none", "content": RAW_PAGE,
        "crawl_id": crawl}).last_pk
    unknown = db["snapshots"].insert({
        "url": f"javascript:{payload('snapshot_js')}", "status": 200, "compression": "brotli",
        "content": b"\x8b\x02\x80", "encoding": "utf-8", "crawl_id": crawl}).last_pk
    hostile = db["articles"].insert({**HOSTILE_ARTICLE, "snapshot_id": good}).last_pk
    odd = [db["articles"].insert(row).last_pk for row in ODD_ARTICLES]
    db["articles"].update(odd[0], {"snapshot_id": unknown})
    for article_id in [hostile, *odd]:
        search.index_article(db, article_id)
    revision = db["revisions"].insert({
        "article_id": hostile, "title": "码头" + payload("old_title"), "body": payload("old_body"),
        "credits": "[1, 2]", "images": dumps([{"url": "javascript:alert(5)",
                                                    "caption": payload("old_caption")}]),
        "replaced_at": "2099-01-02T00:00:00+00:00", "snapshot_id": good}).last_pk
    search.index_revision(db, revision)
    db["failures"].insert({"url": "javascript:alert('failure')", "kind": payload("kind"),
                           "error": payload("error"), "reason": payload("reason"),
                           "referer": "data:text/html,<b>x</b>", "crawl_id": crawl})
    db.conn.commit()
    db.close()
    return {"hostile": hostile, "odd": odd, "snapshot": good, "unknown_snapshot": unknown,
            "revision": revision}


def config_dir(tmp: Path) -> tuple[Path, dict]:
    """A copy of archive/ (metadata, settings, templates) holding the hostile archive."""
    target = tmp / "archive"
    shutil.copytree(ROOT / "archive", target,
                    ignore=shutil.ignore_patterns("*.db", "*.db-*", "logs"))
    return target, build(target / f"{DB_NAME}.db")


class Client:
    """Datasette's in-process client on a configuration directory: no socket, no network."""

    def __init__(self, directory: Path):
        import asyncio

        from datasette.app import Datasette

        self.loop = asyncio.new_event_loop()
        self.ds = Datasette(config_dir=directory)
        self.loop.run_until_complete(self.ds.invoke_startup())

    def get(self, path: str, **kwargs):
        return self.loop.run_until_complete(self.ds.client.get(path, **kwargs))

    def post(self, path: str, **kwargs):
        return self.loop.run_until_complete(self.ds.client.post(path, **kwargs))

    def close(self) -> None:
        self.loop.close()
