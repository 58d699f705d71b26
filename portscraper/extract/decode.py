"""Bytes to text, the way these sites need it.

w3lib already does the standard part (BOM, then the HTTP header, then <meta>, and gb2312/gbk
widened to gb18030, so names such as 喆 堃 昇 珺 survive a gb2312 declaration). What it cannot
know is what to guess when nothing is declared: Scrapy's own guess falls back to cp1252, which
turns an undeclared GBK page into mojibake. Chinese sites of this age are GBK or UTF-8, so try
those, strictly, in that order.
"""

from __future__ import annotations

import re

from w3lib.encoding import html_to_unicode

# Tried in order when a page declares nothing; the first that decodes without error wins.
# UTF-8 first: valid UTF-8 Chinese is almost never valid GBK by accident, the reverse is common.
UNDECLARED_CANDIDATES = ("utf-8", "gb18030", "big5hkscs")
CHINESE_LEGACY = ("gb18030", "gbk", "gb2312", "big5", "big5hkscs", "cp936", "cp950")
# Four CJK characters in UTF-8 in a row: GBK text practically never looks like this.
_UTF8_CJK_RUN = re.compile(rb"(?:[\xe3-\xe9][\x80-\xbf]{2}){4}")
# Multi-byte UTF-8 characters in a row (ASCII between them is the same in both encodings).
_UTF8_SEQUENCE = re.compile(rb"(?:[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}"
                            rb"|[\xf0-\xf4][\x80-\xbf]{3}){2,}")
_CJK4 = re.compile(r"[\u4e00-\u9fff]{4}")
# Tags split a page into runs of text. "<" and ">" are never trail bytes of GBK or GB18030, so a
# legacy-encoded character is never cut.
_TAG_EDGE = re.compile(rb"([<>])")


def guess_encoding(body: bytes) -> str | None:
    for encoding in UNDECLARED_CANDIDATES:
        try:
            body.decode(encoding)
        except UnicodeDecodeError:
            continue
        return encoding
    return None


def decode_html(body: bytes, content_type: str | bytes | None = None) -> tuple[str, str]:
    """Return (text, encoding) for a page's raw bytes and its Content-Type header, if any.

    A declared encoding that does not fit the bytes (a page saved as GBK but still declaring
    utf-8) is not trusted: when the declared decoding has replacement characters and a strict
    guess decodes cleanly, the guess wins.
    """
    if isinstance(content_type, bytes):
        content_type = content_type.decode("latin-1")
    encoding, text = html_to_unicode(content_type, body, auto_detect_fun=guess_encoding)
    if "\ufffd" in text:
        guessed = guess_encoding(body)
        if guessed:
            text, encoding = body.decode(guessed), guessed
    if encoding in CHINESE_LEGACY and _has_utf8_chinese(body):
        text = decode_mixed(body, encoding)
    return text, encoding


def _has_utf8_chinese(body: bytes) -> bool:
    """Four Chinese characters in a row that are valid UTF-8 (a C-speed decode, then a simple
    character class: much faster than a bytes pattern over GBK text)."""
    return bool(_CJK4.search(body.decode("utf-8", errors="replace")))


def decode_mixed(body: bytes, encoding: str) -> str:
    """A GBK page with UTF-8 pasted into it (a paragraph copied from elsewhere): in each run of
    text between tags that holds UTF-8 Chinese, the UTF-8 sequences are decoded as UTF-8 and
    the rest in the page's encoding."""
    out = []
    for run in _TAG_EDGE.split(body):
        if not _UTF8_CJK_RUN.search(run):
            out.append(run.decode(encoding, errors="replace"))
            continue
        pos = 0
        for match in _UTF8_SEQUENCE.finditer(run):
            out.append(run[pos:match.start()].decode(encoding, errors="replace"))
            out.append(match.group().decode("utf-8"))
            pos = match.end()
        out.append(run[pos:].decode(encoding, errors="replace"))
    return "".join(out)
