"""What a page says about itself in its <head>: <meta> tags, JSON-LD and <title>.

This is evidence next to what the page shows, never a replacement for it: a CMS template fills
meta tags for every page of a site, sometimes with the site's name, an account id or a
placeholder. The readers in title.py, dateline.py and byline.py weigh it against the visible lines.

    read_head(root) -> Head

Which tags mean what is data (landmarks.META_*): the Chinese government-site metadata standard
(ArticleTitle, PubDate, ContentSource, Author, ColumnName, from the 政府网站发展指引 of 2017),
Open Graph (og:title, article:published_time), the older publishdate/pubdate/ptime family,
Dublin Core, and schema.org NewsArticle in JSON-LD.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from .landmarks import (
    META_AUTHOR,
    META_DATE,
    META_MODIFIED,
    META_SECTION,
    META_SOURCE,
    META_TITLE,
    TITLE_SEPARATORS,
)
from .text import clean_line

_TITLE_SPLIT_RE = re.compile(TITLE_SEPARATORS)
_JSONLD_TYPES = ("newsarticle", "article", "reportagenewsarticle", "blogposting", "webpage")


@dataclass
class Head:
    """Values from the head, each list in order of trust (first = most specific tag)."""

    titles: list[tuple[str, str]] = field(default_factory=list)  # (value, tag name)
    dates: list[tuple[str, str]] = field(default_factory=list)  # (raw value, tag name)
    modified: list[tuple[str, str]] = field(default_factory=list)  # when it last changed
    authors: list[tuple[str, str]] = field(default_factory=list)
    sources: list[tuple[str, str]] = field(default_factory=list)
    sections: list[tuple[str, str]] = field(default_factory=list)
    page_title: str = ""  # <title>, cleaned

    @property
    def title_parts(self) -> list[str]:
        """<title> cut at its separators (`标题_频道_网站`, `标题 - 网站`, `标题|关键词`)."""
        parts = [p.strip() for p in _TITLE_SPLIT_RE.split(self.page_title)]
        return [p for p in parts if p]


def read_head(root) -> Head:
    head = Head()
    title = root.find(".//title")
    if title is not None:
        head.page_title = clean_line(title.text_content())
    wanted = {
        "titles": META_TITLE, "dates": META_DATE, "modified": META_MODIFIED,
        "authors": META_AUTHOR,
        "sources": META_SOURCE, "sections": META_SECTION,
    }
    found: dict[str, dict[str, str]] = {kind: {} for kind in wanted}
    for meta in root.iter("meta"):
        name = (meta.get("name") or meta.get("property") or meta.get("itemprop") or "")
        name = name.strip().lower()
        value = clean_line(meta.get("content") or "")
        if not name or not value:
            continue
        for kind, names in wanted.items():
            if name in names:
                found[kind].setdefault(name, value)
    for kind, names in wanted.items():
        getattr(head, kind).extend((found[kind][n], n) for n in names if n in found[kind])
    for kind, value in _json_ld(root):
        getattr(head, kind).append((value, "json-ld"))
    return head


def _json_ld(root):
    """(kind, value) pairs from schema.org articles in <script type="application/ld+json">."""
    for script in root.iter("script"):
        if "ld+json" not in (script.get("type") or "").lower():
            continue
        try:
            data = json.loads(script.text or "", strict=False)
        except ValueError:
            continue  # broken JSON-LD is common; it is only evidence
        for obj in _objects(data):
            kind = obj.get("@type")
            kinds = kind if isinstance(kind, list) else [kind]
            if not any(isinstance(k, str) and k.lower() in _JSONLD_TYPES for k in kinds):
                continue
            for key, target in (("headline", "titles"), ("name", "titles"),
                                ("datePublished", "dates"), ("dateCreated", "dates"),
                                ("pubDate", "dates"), ("dateModified", "modified"),
                                ("articleSection", "sections")):
                value = obj.get(key)
                if isinstance(value, str) and value.strip():
                    yield target, clean_line(value)
            for author in _as_list(obj.get("author")):
                name = author.get("name") if isinstance(author, dict) else author
                if isinstance(name, str) and name.strip():
                    yield "authors", clean_line(name)


def _objects(data):
    if isinstance(data, list):
        for item in data:
            yield from _objects(item)
    elif isinstance(data, dict):
        yield data
        yield from _objects(data.get("@graph", []))


def _as_list(value):
    return value if isinstance(value, list) else [value] if value else []
