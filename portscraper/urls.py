"""Canonical URLs: one address per page, however a page links to it. No Scrapy imports."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit

from w3lib.url import canonicalize_url, url_query_cleaner


def canonical_url(url: str, id_params=()) -> str:
    """w3lib's canonical form (host case, fragment, parameter order), and for article URLs that
    carry an id parameter, only that parameter: `more.asp?id=3246&pid=12` -> `more.asp?id=3246`.
    """
    url = canonicalize_url(url)
    keys = {key for key, _ in parse_qsl(urlsplit(url).query, keep_blank_values=True)}
    for param in id_params:
        if param in keys:
            return url_query_cleaner(url, [param])
    return url
