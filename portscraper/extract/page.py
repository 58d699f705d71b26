"""A fetched page, decoded and parsed once, shared by the article and navigation readers."""

from __future__ import annotations

from dataclasses import dataclass, field

from portscraper.extract.urls import browser_url

from .datastore import expand_datastores
from .decode import decode_html
from .lines import Line, parse_html, render_lines

_NOT_A_HREF = ("javascript:", "mailto:", "tel:", "#", "vbscript:", "data:")


@dataclass
class Page:
    url: str
    root: object
    lines: list[Line]
    # The encoding the page was decoded from: a link's query is percent-encoded in it.
    encoding: str = ""
    # What the readers found on the page, so that two of them (the list and the pagination)
    # do not search it twice.
    found: dict = field(default_factory=dict, repr=False)

    @property
    def base_url(self) -> str:
        base = self.root.find(".//base[@href]")
        return browser_url(base.get("href"), self.url) if base is not None else self.url

    def absolute(self, href: str | None) -> str | None:
        """The URL a browser requests for a link (see `urls.browser_url`: backslashes are
        slashes, the query is encoded in the page's encoding), or None for javascript:, mailto:
        and fragments."""
        href = (href or "").strip()
        if not href or href.lower().startswith(_NOT_A_HREF):
            return None
        return browser_url(href, self.base_url, self.encoding)


def read_page(url: str, html: str | bytes, content_type: str | bytes | None = None,
              encoding: str = "") -> Page:
    """Decode (when given bytes), parse and lay out a page. `encoding`: what text was decoded
    from, when given text."""
    if isinstance(html, bytes):
        html, encoding = decode_html(html, content_type)
    # Records a script shows (an XML datastore) are read where the browser shows them.
    root = parse_html(expand_datastores(html))
    return Page(url=url, root=root, lines=render_lines(root), encoding=encoding)
