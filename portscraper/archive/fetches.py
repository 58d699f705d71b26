"""Every fetch as received: its request as sent, its response's head as received, its payload
as transferred. No Scrapy here.

A snapshot is the page the extractor reads (the body after the content-encoding was undone),
stored once however often it is fetched. A fetch is one exchange with the server (or one
response record of an imported WARC), one row in `fetches` for every fetch of a kept page or
requisite, unchanged or not:

- `request_head`, `response_head`: the heads as bytes went over the wire (request line or
  status line, every header in its order and case, repeats kept, the blank line), as TEXT
  decoded from latin-1 (which gives every byte back: `.encode('latin-1')`);
  `head_source` says where they come from: 'wire' (recorded from the connection:
  crawl/wire.py), 'warc' (an imported WARC's record, as that record holds them) or 'scrapy'
  (rebuilt from Scrapy's parsed headers when the connection's were not recorded: names
  re-cased, connection headers missing; a request head of method, target and headers);
- `protocol`, `status`, `reason`: the status line's parts (`HTTP/1.0`, 200, `OK`);
- `payload_sha256`, `payload_size`, `content_encoding`: the payload as transferred (a gzip
  body still gzipped; a chunked transfer de-chunked). Its bytes are stored once by their
  sha256: in `snapshots` when they are a page's bytes as the extractor reads them (no
  content-encoding, the same bytes as a snapshot), else in `payloads` (zstd, with the site's
  dictionary when it has one): a gzipped page, a page that changed only in a hit counter;
- an imported record's provenance: `warc_record_id`, `warc_request_record_id`,
  `warc_payload_digest`, `warc_block_digest` as the record said them, `ip` (WARC-IP-Address,
  or the peer's address for a crawl).

`payload_bytes(archive, sha256)` gives a payload back.
"""

from __future__ import annotations

import hashlib
from urllib.parse import urlsplit

from portscraper.archive.compression import compress, decompress

# The columns a caller's fetch may give (archive.add_snapshot(fetch=...)).
FIELDS = ("url", "fetched_at", "kind", "crawl_id", "import_id", "method", "request_head",
          "protocol", "status", "reason", "response_head", "head_source", "content_encoding",
          "ip", "warc_record_id", "warc_request_record_id", "warc_payload_digest",
          "warc_block_digest")


def text(head: bytes | str | None) -> str | None:
    """A head as stored: bytes decoded from latin-1 (exact both ways)."""
    if head is None or isinstance(head, str):
        return head
    return head.decode("latin-1")


def header(head: str | None, name: str) -> str | None:
    """The first value of header `name` (any case) in a stored head, or None."""
    for line in (head or "").split("\n")[1:]:
        key, colon, value = line.partition(":")
        if colon and key.strip().lower() == name.lower():
            return value.strip()
    return None


def record(archive, fetch: dict, snapshot_id: int) -> int:
    """Insert one fetch (inside the caller's transaction); return its id.

    fetch: FIELDS (heads as bytes or text) and `payload`, the bytes as transferred, stored
    once (snapshot_id: the page it was read as)."""
    payload = fetch["payload"]
    sha, size = hashlib.sha256(payload).hexdigest(), len(payload)
    _keep_payload(archive, fetch, sha, payload)
    row = {name: fetch.get(name) for name in FIELDS}
    row["request_head"] = text(row["request_head"])
    row["response_head"] = text(row["response_head"])
    if not row["content_encoding"]:
        row["content_encoding"] = header(row["response_head"], "Content-Encoding")
    row.update(snapshot_id=snapshot_id, payload_sha256=sha, payload_size=size)
    return archive._insert("fetches", row)


def _keep_payload(archive, fetch: dict, sha: str, payload: bytes) -> None:
    if archive.db.execute("SELECT 1 FROM snapshots WHERE sha256 = ? UNION ALL "
                          "SELECT 1 FROM payloads WHERE sha256 = ?", [sha, sha]).fetchone():
        return
    dictionary_id, dictionary = (archive._dictionary(urlsplit(fetch["url"]).hostname or "")
                                 if fetch.get("kind", "page") == "page" else (None, None))
    content, compression = compress(payload, dictionary)
    archive.db.execute(
        "INSERT INTO payloads (sha256, size, compression, dictionary_id, content) "
        "VALUES (?, ?, ?, ?, ?)", [sha, len(payload), compression, dictionary_id, content])


def payload_bytes(archive, sha256: str) -> bytes:
    """The payload of that sha256 as transferred; KeyError when the archive has none."""
    row = archive.db.execute(
        "SELECT p.compression, p.content, d.content FROM payloads p "
        "LEFT JOIN dictionaries d ON d.id = p.dictionary_id WHERE p.sha256 = ?",
        [sha256]).fetchone()
    if row is not None:
        return decompress(row[1], row[0], row[2])
    found = archive.db.execute("SELECT id FROM snapshots WHERE sha256 = ? LIMIT 1",
                               [sha256]).fetchone()
    if found is None:
        raise KeyError(f"no payload {sha256}")
    return archive.snapshot_bytes(found[0])
