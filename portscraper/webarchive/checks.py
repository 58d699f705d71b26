"""What an imported record must be before anything of it is stored, and bodies inflated to a
bound. No Scrapy (the bound's default is the crawl's DOWNLOAD_MAXSIZE, repeated here).

    record_problem(date, uri, head, raw_uri=None) -> str | None    why the record is refused
    warc_date_iso(date) -> str          a checked WARC-Date as the archive writes times (UTC)
    inflate(coding, payload, max_size) -> bytes      TooLarge past max_size; the payload as it
                                                     is when it does not decode
    parse_size("10MB") -> int           bytes; ValueError for what is not a size

A value stored as given that a later command cannot write (a WARC-Date of `zzzz`, a URI in
bytes that are not UTF-8, a header value holding a bare CR) would break every later `export`:
each is refused here, when the file is read, with the record named (ingest.py). The rules:

- WARC-Date: W3C-ISO8601 (WARC 1.1 §5.4: `YYYY-MM-DDThh:mm:ssZ`, fractions of a second
  allowed), here also with a `±hh:mm` offset or without seconds, as some writers give it; a
  calendar date Python's datetime can hold. Required (§5.4: mandatory in every record).
- WARC-Target-URI: an http or https URL with a host and a valid port, in UTF-8 (WARC 1.1
  §5.2 and RFC 3987: an IRI's bytes are UTF-8), with no space or control character.
- the HTTP head: no NUL, and no CR or LF but in its line ends (RFC 9110 §5.5: a field value
  holding CR, LF or NUL is invalid and a recipient must reject it or replace them); lines end
  in CRLF, or in LF alone throughout (RFC 9112 §2.2 lets a recipient accept a bare LF as a line
  end), not a mix.
"""

from __future__ import annotations

import re
import zlib
from datetime import UTC, datetime
from urllib.parse import urlsplit

# The crawl's DOWNLOAD_MAXSIZE default (portscraper/settings.py): one bound for every body kept.
DEFAULT_MAX_SIZE = 10 * 1024 * 1024
_CHUNK = 64 * 1024  # output asked of a decompressor at a time
_BROTLI_SLICE = 16  # input given at a time to a brotli without an output bound (brotlipy)

# W3C-ISO8601 as WARC writers give it; anchored, bounded (linear time).
_WARC_DATE = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?"
                        r"(?:Z|[+-]\d{2}:\d{2})")
_SIZE = re.compile(r"(\d{1,15})\s*(B|KB|KIB|K|MB|MIB|M|GB|GIB|G)?", re.IGNORECASE)
_UNITS = {"": 1, "B": 1, "K": 1024, "KB": 1024, "KIB": 1024, "M": 1024 ** 2, "MB": 1024 ** 2,
          "MIB": 1024 ** 2, "G": 1024 ** 3, "GB": 1024 ** 3, "GIB": 1024 ** 3}


class TooLarge(Exception):
    """A body past the size limit; `size` is how far it was inflated (> the limit)."""

    def __init__(self, size: int, max_size: int):
        super().__init__(f"larger than the size limit of {describe_size(max_size)}")
        self.size, self.max_size = size, max_size


def describe_size(size: int) -> str:
    return f"{size / 1024 ** 2:g} MB" if size >= 1024 ** 2 else f"{size / 1024:g} KB"


def parse_size(text: str) -> int:
    """`10MB`, `500KB`, `1048576` (bytes; K, M, G are powers of 1024, as DOWNLOAD_MAXSIZE's 10
    MB is 10 × 1024²) -> bytes, at least 1 KB. ValueError otherwise."""
    match = _SIZE.fullmatch(text.strip())
    if not match:
        raise ValueError(f"not a size: {text!r} (say 10MB, 500KB or a number of bytes)")
    size = int(match[1]) * _UNITS[(match[2] or "").upper()]
    if size < 1024:
        raise ValueError(f"too small a size: {text!r} (at least 1KB)")
    return size


def _date_problem(date: str) -> str | None:
    if not date:
        return "it has no WARC-Date (mandatory, WARC 1.1 §5.4)"
    if not _WARC_DATE.fullmatch(date.strip()):
        return f"its WARC-Date {date[:80]!r} is not a W3C-ISO8601 date"
    try:
        datetime.fromisoformat(date.strip().replace("Z", "+00:00"))
    except ValueError:
        return f"its WARC-Date {date[:80]!r} is no date of the calendar"
    return None


def warc_date_iso(date: str) -> str:
    """A WARC-Date that record_problem accepted, as the archive writes times: ISO 8601 in UTC
    with +00:00 (microseconds when the date has a fraction)."""
    moment = datetime.fromisoformat(date.strip().replace("Z", "+00:00")).astimezone(UTC)
    return moment.isoformat(timespec="microseconds" if moment.microsecond else "seconds")


def _uri_problem(uri: str, raw_uri: bytes | None) -> str | None:
    if raw_uri is not None:
        try:
            raw_uri.decode("utf-8")
        except UnicodeDecodeError:
            return f"its WARC-Target-URI {raw_uri[:120]!r} is not UTF-8"
    shown = repr(uri[:120])
    if not uri:
        return "it has no WARC-Target-URI"
    if any(ord(c) <= 0x20 or 0x7F <= ord(c) <= 0x9F for c in uri):
        return f"its WARC-Target-URI {shown} holds a space or a control character"
    try:
        parts = urlsplit(uri)
        parts.port  # noqa: B018 - raises ValueError for a port out of range or not a number
    except ValueError:
        return f"its WARC-Target-URI {shown} is not a URL"
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return f"its WARC-Target-URI {shown} is not an http(s) URL with a host"
    return None


def _head_problem(head: bytes) -> str | None:
    if b"\0" in head:
        line = head[:head.index(b"\0")].count(b"\n") + 1
        return f"its HTTP head holds a NUL (line {line})"
    crlf = head.endswith(b"\r\n\r\n") or (b"\r\n" in head and not head.endswith(b"\n\n"))
    lines = head.split(b"\r\n") if crlf else head.split(b"\n")
    for number, line in enumerate(lines, 1):
        for char, name in ((b"\r", "CR"), (b"\n", "LF")):
            if char in line:
                return (f"its HTTP head holds a bare {name} in line {number} "
                        f"({line[:60]!r})")
    return None


def record_problem(date: str, uri: str, head: bytes, raw_uri: bytes | None = None
                   ) -> str | None:
    """Why an HTTP record (response, revisit or request) cannot be stored, in words; None when
    it can. date: its WARC-Date; uri: its WARC-Target-URI as read; raw_uri: the URI's bytes as
    written when they are not ASCII (warcio reads a header that is not UTF-8 as Latin-1, so
    only the bytes tell); head: its HTTP head, through the blank line."""
    return _date_problem(date) or _uri_problem(uri, raw_uri) or _head_problem(head)


def inflate(coding: str, payload: bytes, max_size: int = DEFAULT_MAX_SIZE) -> bytes:
    """The body of `payload` sent with Content-Encoding `coding` (gzip, x-gzip, deflate, br;
    anything else: as it is), inflated by at most `_CHUNK` at a time and stopped as soon as it
    passes `max_size`: TooLarge then. A payload that does not decode is returned as it is (a
    body that says gzip and is not). The payload itself past max_size: TooLarge."""
    coding = coding.strip().lower()
    if coding in ("gzip", "x-gzip"):
        inflated = _zlib(payload, (16 + zlib.MAX_WBITS,), max_size, members=True)
    elif coding == "deflate":  # zlib-wrapped as RFC 9110 says, or raw as some servers send
        inflated = _zlib(payload, (zlib.MAX_WBITS, -zlib.MAX_WBITS), max_size)
    elif coding == "br":
        inflated = _brotli(payload, max_size)
    else:
        inflated = payload
    if inflated is None:
        inflated = payload
    if len(inflated) > max_size:
        raise TooLarge(len(inflated), max_size)
    return inflated


def _zlib(payload: bytes, wbits_tried: tuple[int, ...], max_size: int,
          members: bool = False) -> bytes | None:
    """None when the payload does not decode in any of `wbits_tried`."""
    for wbits in wbits_tried:
        out, size, data = [], 0, payload
        try:
            while data:
                decompressor = zlib.decompressobj(wbits)
                chunk = decompressor.decompress(data, _CHUNK)
                while True:
                    size += len(chunk)
                    if size > max_size:
                        raise TooLarge(size, max_size)
                    out.append(chunk)
                    if decompressor.eof or not decompressor.unconsumed_tail:
                        break
                    chunk = decompressor.decompress(decompressor.unconsumed_tail, _CHUNK)
                if not decompressor.eof:  # what zlib still holds: at most its window (32 KB)
                    chunk = decompressor.flush()
                    size += len(chunk)
                    out.append(chunk)
                # gzip (RFC 1952 §2.2): a file may be several members, one after another.
                data = decompressor.unused_data if members and decompressor.eof else b""
                if data and not data.startswith(b"\x1f\x8b"):
                    break  # padding after the last member, as gzip(1) ignores it
        except zlib.error:
            if out:  # a body cut short: what inflated, as Scrapy's gunzip keeps it
                return b"".join(out)
            continue
        return b"".join(out)
    return None


def _brotli(payload: bytes, max_size: int) -> bytes | None:
    import brotli  # Google's brotli, or brotlipy (pywb's) under the same name

    decompressor = brotli.Decompressor()
    out, size = [], 0
    try:
        if hasattr(decompressor, "process"):  # brotli ≥ 1.2: an output bound of its own
            chunk = decompressor.process(payload, output_buffer_limit=_CHUNK)
            while True:
                size += len(chunk)
                if size > max_size:
                    raise TooLarge(size, max_size)
                out.append(chunk)
                if decompressor.is_finished() or not chunk:
                    break
                chunk = decompressor.process(b"", output_buffer_limit=_CHUNK)
        else:  # brotlipy: no output bound, so the input a little at a time (≤ ~2 MB out each)
            for at in range(0, len(payload), _BROTLI_SLICE):
                chunk = decompressor.decompress(payload[at:at + _BROTLI_SLICE])
                size += len(chunk)
                if size > max_size:
                    raise TooLarge(size, max_size)
                out.append(chunk)
    except Exception as exc:  # noqa: BLE001 - brotli.error or brotlipy's Error: not br
        if isinstance(exc, TooLarge):
            raise
        return None
    return b"".join(out)
