"""A fetched page, decoded and parsed once, shared by the article and navigation readers."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urljoin

from .decode import decode_html
from .lines import Line, parse_html, render_lines

_NOT_A_HREF = ("javascript:", "mailto:", "tel:", "#", "vbscript:", "data:")


@dataclass
class Page:
    url: str
    root: object
    lines: list[Line]
    encoding: str = ""
    # What the readers found on the page, so that two of them (the list and the pagination)
    # do not search it twice.
    found: dict = field(default_factory=dict, repr=False)

    @property
    def base_url(self) -> str:
        base = self.root.find(".//base[@href]")
        return urljoin(self.url, base.get("href")) if base is not None else self.url

    def absolute(self, href: str | None) -> str | None:
        """The absolute URL of a link, or None for javascript:, mailto: and fragments."""
        href = (href or "").strip()
        if not href or href.lower().startswith(_NOT_A_HREF):
            return None
        return urljoin(self.base_url, href).split("#")[0]


def read_page(url: str, html: str | bytes, content_type: str | bytes | None = None) -> Page:
    """Decode (when given bytes), parse and lay out a page."""
    encoding = ""
    if isinstance(html, bytes):
        html, encoding = decode_html(html, content_type)
    root = parse_html(html)
    return Page(url=url, root=root, lines=render_lines(root), encoding=encoding)
