"""Images and attachments of an article, as absolute URLs with their captions and labels."""

from __future__ import annotations

import posixpath
from functools import lru_cache
from urllib.parse import unquote, urlsplit

from portscraper.extract.urls import browser_url

from .landmarks import ATTACHMENT_EXTENSIONS, DECORATIVE_IMAGE_WORDS
from .lines import Line
from .numbers import read_int
from .text import clean_line, fold_word, text_weight

_ATTACHMENT_EXTS = frozenset("." + ext for ext in ATTACHMENT_EXTENSIONS)
# Old CMSes lazy-load or keep the original in another attribute.
_IMG_SRC_ATTRS = ("src", "data-src", "data-original", "original", "file")


@lru_cache(maxsize=8192)  # menus and sidebars repeat the same links on every page
def is_attachment_href(href: str) -> bool:
    # Most links name no file with a document's extension: say so before parsing the URL.
    name = href.split("?", 1)[0].split("#", 1)[0].rsplit("/", 1)[-1]
    if "." not in name or "." + name.rsplit(".", 1)[1].lower() not in _ATTACHMENT_EXTS:
        return False
    parts = urlsplit(href)
    if parts.scheme and parts.scheme.lower() not in ("http", "https"):
        return False  # javascript:alert(1)//a.pdf is not a document
    return posixpath.splitext(parts.path.lower())[1] in _ATTACHMENT_EXTS


def image_url(img, base_url: str) -> str | None:
    """The picture's absolute URL, or None for spacers, icons and inline data."""
    src = next((img.get(a).strip() for a in _IMG_SRC_ATTRS if (img.get(a) or "").strip()), "")
    if not src or src.startswith(("data:", "javascript:")):
        return None
    name = posixpath.basename(urlsplit(src).path).lower()
    if any(word in name for word in DECORATIVE_IMAGE_WORDS) and not name[:1].isdigit():
        return None
    for attr in ("width", "height"):
        value = (img.get(attr) or "").strip().rstrip("px")
        if read_int(value) is not None and read_int(value) < 40:
            return None
    url = browser_url(src, base_url)  # as a browser asks: a backslash is a slash, 图片 encoded
    return url if urlsplit(url).scheme in ("http", "https") else None


def looks_like_caption(line: Line) -> bool:
    """A short line right under a picture that is not a sentence of the body."""
    text = line.text
    return (
        bool(text)
        and not line.images
        and text_weight(text) <= 45
        and not text.endswith(("。", "；", "：", "！", "？", "!", "?"))
        and not line.is_link_line
    )


def attachment(link, base_url: str) -> dict[str, str]:
    url = browser_url(link.href, base_url)
    label = clean_line(link.text) or unquote(posixpath.basename(urlsplit(url).path))
    return {"url": url, "label": label}


def is_attachment_only(line: Line) -> bool:
    """`附件：<a>关于…的通知.doc</a>`: nothing on the line but the label and attachment links."""
    if not line.links or not all(is_attachment_href(link.href) for link in line.links):
        return False
    rest = line.text
    for link in line.links:
        rest = rest.replace(link.text, "")
    return fold_word(rest) in ("", "附件", "相关附件", "附件下载", "attachment", "attachments")
