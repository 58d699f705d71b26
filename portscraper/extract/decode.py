"""Bytes to text, the way these sites need it.

w3lib already does the standard part (BOM, then the HTTP header, then <meta>, and gb2312/gbk
widened to gb18030, so names such as 喆 堃 昇 珺 survive a gb2312 declaration). What it cannot
know is what to guess when nothing is declared: Scrapy's own guess falls back to cp1252, which
turns an undeclared GBK page into mojibake. Chinese sites of this age are GBK or UTF-8, so try
those, strictly, in that order.
"""

from __future__ import annotations

from w3lib.encoding import html_to_unicode

# Tried in order when a page declares nothing; the first that decodes without error wins.
# UTF-8 first: valid UTF-8 Chinese is almost never valid GBK by accident, the reverse is common.
UNDECLARED_CANDIDATES = ("utf-8", "gb18030", "big5hkscs")


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
            return body.decode(guessed), guessed
    return text, encoding
