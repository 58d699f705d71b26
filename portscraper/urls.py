"""Canonical URLs: one address per page, however a page links to it. No Scrapy imports."""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import parse_qsl, urlsplit, urlunsplit

from w3lib.url import canonicalize_url, url_query_cleaner

# Session ids that old CMSes put in links when a client sends no cookie: never part of a page's
# address (compared lower-case; ASPSESSIONIDxxxx has a random suffix).
SESSION_PARAMS = ("sid", "sessionid", "session_id", "jsessionid", "phpsessid", "aspsessionid",
                  "cfid", "cftoken")
_PATH_SESSION_RE = re.compile(r";(?:jsessionid|sessionid|sid)=[^/?#]*", re.IGNORECASE)


def _is_session_param(name: str) -> bool:
    name = name.lower()
    return name in SESSION_PARAMS or name.startswith("aspsessionid")


def canonical_url(url: str, id_params=()) -> str:
    """w3lib's canonical form (host case, fragment, parameter order), without session ids, and
    for article URLs that carry an id parameter, only that parameter:
    `more.asp?id=3246&pid=12` -> `more.asp?id=3246`.
    """
    return _canonical(url, tuple(id_params))


@lru_cache(maxsize=65536)  # the same links (menus, sidebars) come on every page
def _canonical(url: str, id_params: tuple[str, ...]) -> str:
    url = _PATH_SESSION_RE.sub("", url)
    parts = urlsplit(url)
    query = parse_qsl(parts.query, keep_blank_values=True)
    if any(_is_session_param(key) for key, _ in query):
        kept = "&".join(p for p in parts.query.split("&")
                        if not _is_session_param(p.split("=", 1)[0]))
        url = urlunsplit(parts._replace(query=kept))
    url = canonicalize_url(url)
    keys = {key for key, _ in query}
    for param in id_params:
        if param in keys:
            return url_query_cleaner(url, [param])
    return url
