"""The files a page needs to look as it did: its stylesheets and the images of its layout
(`<link rel="stylesheet">`, `<img>`, `background=` and `background: url(…)` in style
attributes). No Scrapy here. Scripts are not among them: an archived page never runs one.

An article's own images and attachments are read with its fields (extract/assets.py); these
are the template's, kept once per site.
"""

from __future__ import annotations

import re

from .page import Page

_CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")\s]+)['\"]?\s*\)", re.IGNORECASE)


def template_files(page: Page) -> list[tuple[str, str]]:
    """[(absolute URL, 'stylesheet' | 'template')] of the page's stylesheets and layout images,
    each once, in page order (data: URLs and scripts left out)."""
    found: dict[str, str] = {}

    def add(href, kind):
        url = page.absolute(href)
        if url and url.startswith(("http://", "https://")) and url not in found:
            found[url] = kind

    for el in page.root.iter("link"):
        if "stylesheet" in (el.get("rel") or "").lower().split():
            add(el.get("href"), "stylesheet")
    for el in page.root.iter():
        if not isinstance(el.tag, str):
            continue
        if el.tag == "img":
            add(el.get("src"), "template")
        if el.get("background"):
            add(el.get("background"), "template")
        for href in _CSS_URL.findall(el.get("style") or ""):
            add(href, "template")
    return list(found.items())


def stylesheet_files(css: str, base_url: str) -> list[str]:
    """The images a stylesheet loads (url(…)), absolute."""
    from urllib.parse import urljoin
    return list(dict.fromkeys(urljoin(base_url, href) for href in _CSS_URL.findall(css)
                              if not href.startswith("data:")))
