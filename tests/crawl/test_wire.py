"""Every fetch kept as received (crawl/wire.py, archive/fetches.py): the replica records each
answer's head and payload as it wrote them on the socket (ReplicaServer.sent); the archive of a
crawl of it holds those very bytes, fetch by fetch."""

from __future__ import annotations

import gzip
import hashlib
import sqlite3

from portscraper.archive.fetches import payload_bytes
from portscraper.archive.store import Archive


def fetches(db) -> list[dict]:
    with sqlite3.connect(db) as conn:
        conn.row_factory = sqlite3.Row
        rows = [dict(r) for r in conn.execute("SELECT * FROM fetches ORDER BY id")]
    conn.close()
    return rows


def test_every_fetch_holds_the_head_and_payload_the_server_sent(replica, crawled_archive):
    sent = {head: body for _, head, body in replica.sent}
    rows = fetches(crawled_archive)
    archive = Archive(crawled_archive, readonly=True)
    # Pages and requisites alike: one fetch per answer kept, unchanged ones too.
    with sqlite3.connect(crawled_archive) as conn:
        snapshots, captures = conn.execute(
            "SELECT (SELECT count(*) FROM snapshots), (SELECT count(*) FROM captures)"
        ).fetchone()
    conn.close()
    assert len(rows) == snapshots + captures
    for row in rows:
        assert row["head_source"] == "wire"
        head = row["response_head"].encode("latin-1")
        assert head in sent, head  # byte for byte: order, case, repeats, line ends
        payload = payload_bytes(archive, row["payload_sha256"])
        assert payload == sent[head]
        assert hashlib.sha256(payload).hexdigest() == row["payload_sha256"]
        assert (row["protocol"], row["reason"]) == ("HTTP/1.0", "OK" if row["status"] == 200
                                                   else row["reason"])
        request = row["request_head"]
        assert request.startswith("GET /") and " HTTP/1.1\r\n" in request
        assert "\r\nUser-Agent: portscraper/" in request and request.endswith("\r\n\r\n")
        assert row["ip"] == "127.0.0.1"
    archive.close()


def test_a_gzipped_page_keeps_its_payload_gzipped_and_the_decoded_page_beside(crawled_archive):
    archive = Archive(crawled_archive, readonly=True)
    rows = [r for r in fetches(crawled_archive) if r["content_encoding"] == "gzip"]
    assert rows and all("/more.asp?" in r["url"] for r in rows)
    for row in rows:
        assert "\r\nContent-Encoding: gzip\r\n" in row["response_head"]
        payload = payload_bytes(archive, row["payload_sha256"])
        assert gzip.decompress(payload) == archive.snapshot_bytes(row["snapshot_id"])
    archive.close()


def test_repeated_headers_keep_their_order_and_case(crawled_archive):
    (row,) = [r for r in fetches(crawled_archive) if r["url"].endswith("/news.asp?pid=21")]
    names = [line.split(":", 1)[0] for line in row["response_head"].split("\r\n")[1:] if line]
    assert names[names.index("Set-Cookie"):] == ["Set-Cookie", "Cache-Control", "Set-Cookie"]
    etags = [r for r in fetches(crawled_archive) if "\r\nETag: " in r["response_head"]]
    assert etags  # not Scrapy's `Etag`
