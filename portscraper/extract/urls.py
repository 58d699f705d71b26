"""URLs: the address a browser requests for a link, and the canonical URL that is the archive's
key for a page. No Scrapy imports.

The two differ on purpose. A request goes out as a browser writes it (`show.asp?3101` stays
keyless, a GBK page's query is percent-encoded in GBK), because an old server may answer
nothing else; the canonical URL (`show.asp?3101=`, parameters sorted, session ids and extra
parameters dropped) only says which page it is, for deduplication and the archive.
"""

from __future__ import annotations

import ipaddress
import re
from functools import lru_cache
from urllib.parse import parse_qsl, urljoin, urlsplit, urlunsplit

from w3lib.url import canonicalize_url, safe_url_string, url_query_cleaner

# Session ids that old CMSes put in links when a client sends no cookie: never part of a page's
# address (compared lower-case; ASPSESSIONIDxxxx has a random suffix).
SESSION_PARAMS = ("sid", "sessionid", "session_id", "jsessionid", "phpsessid", "aspsessionid",
                  "cfid", "cftoken")
_PATH_SESSION_RE = re.compile(r";(?:jsessionid|sessionid|sid)=[^/?#]*", re.IGNORECASE)

# WHATWG URL standard (https://url.spec.whatwg.org/#concept-basic-url-parser): the schemes it
# calls "special", in which a backslash is a path separator like a slash.
SPECIAL_SCHEMES = ("http", "https", "ftp", "ws", "wss", "file")
_SCHEME_RE = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
# Stripped from both ends of a link, and tabs and newlines removed inside it (WHATWG).
_C0_AND_SPACE = "".join(chr(i) for i in range(0x21))
_TAB_OR_NEWLINE_RE = re.compile(r"[\t\n\r]")


@lru_cache(maxsize=65536)  # menus and sidebars repeat the same links on every page
def browser_url(href: str, base: str, encoding: str = "utf-8") -> str:
    """The absolute URL a browser requests for the link `href` on a page at `base` whose
    encoding is `encoding` (the WHATWG URL parser, in the parts old CMS links need):

    - white space around the link is dropped, tabs and newlines inside it too;
    - in http(s) URLs a backslash before the query is a slash: `\\news\\2023\\0423.htm` on
      `/news/list.asp` is `/news/2023/0423.htm`, `2023\\0420.htm` is `/news/2023/0420.htm`;
    - a query is kept as written, keys and all (`show.asp?3101` is not `show.asp?3101=`);
    - non-ASCII is percent-encoded by w3lib's `safe_url_string`: the path as UTF-8, the query
      in the page's encoding (`?lm=集团新闻` on a GBK page is `?lm=%BC%AF%CD%C5%D0%C2%CE%C5`),
      and a character that encoding lacks as its numeric character reference, as browsers do;
    - the fragment is dropped (a browser never sends it).
    """
    href = _TAB_OR_NEWLINE_RE.sub("", href.strip(_C0_AND_SPACE))
    match = _SCHEME_RE.match(href)
    scheme = (match.group(1) if match else urlsplit(base).scheme).lower()
    if scheme in SPECIAL_SCHEMES:
        cut = min((i for i in (href.find("?"), href.find("#")) if i >= 0), default=len(href))
        href = href[:cut].replace("\\", "/") + href[cut:]
    url = urljoin(base, href).split("#", 1)[0]
    return _percent_encoded(url, _url_encoding(encoding))


def _url_encoding(encoding: str) -> str:
    """The encoding a query is written in: the page's, but UTF-8 for UTF-16/32 pages (WHATWG),
    for pages read from text, and for names Python does not know."""
    name = (encoding or "utf-8").lower()
    if name.startswith(("utf-16", "utf-32")):
        return "utf-8"
    try:
        "".encode(name)
    except LookupError:
        return "utf-8"
    return name


def _percent_encoded(url: str, encoding: str) -> str:
    try:
        return safe_url_string(url, encoding=encoding)
    except UnicodeEncodeError:
        # A character the page's encoding cannot write goes out as "&#NNNN;", percent-encoded.
        parts = urlsplit(url)
        query = "".join(c if _encodable(c, encoding) else f"%26%23{ord(c)}%3B"
                        for c in parts.query)
        return safe_url_string(urlunsplit(parts._replace(query=query)), encoding=encoding)


def _encodable(char: str, encoding: str) -> bool:
    try:
        char.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


def is_web_url(url: str | None) -> bool:
    """An http(s) URL with a host: something a crawler can request."""
    if not url:
        return False
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def _is_session_param(name: str) -> bool:
    name = name.lower()
    return name in SESSION_PARAMS or name.startswith("aspsessionid")


def canonical_url(url: str, id_params=()) -> str:
    """The archive's key for a page: w3lib's canonical form (host case, fragment, parameter
    order), without session ids, and for article URLs that carry an id parameter, only that
    parameter: `more.asp?id=3246&pid=12` -> `more.asp?id=3246`.

    Only a key: `show.asp?3101` becomes `show.asp?3101=`, which the server may not answer.
    Request the URL the page links (see `browser_url`).
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


# --- a site that moves ----------------------------------------------------------------------

def bare_host(host: str) -> str:
    """A host name without its "www.": mmport.com.cn for www.mmport.com.cn."""
    host = (host or "").lower()
    return host[4:] if host.startswith("www.") else host


def site_hosts(url: str, aliases=()) -> frozenset[str]:
    """The bare host names of the site `url` is on: its own, and the `aliases` the user
    declared the same site (SITE_ALIASES)."""
    return frozenset(bare_host(h) for h in (urlsplit(url).hostname or "", *aliases) if h)


_DEFAULT_PORTS = {"http": 80, "https": 443}
NO_PORT = -1  # what site_port says of a port that is none (:99999, :x): on no site


def site_port(url: str) -> int | None:
    """The port that is part of the site `url` is on: the port it names, or None for its
    scheme's default (http://h/, http://h:80/ and https://h/ are one site, as a site moved to
    https is); NO_PORT for a port outside 0..65535 or not a number. A site is its host and
    this port: 127.0.0.1:18082 is not the site at 127.0.0.1:18081."""
    parts = urlsplit(url)
    try:
        port = parts.port
    except ValueError:
        return NO_PORT
    return None if port is None or port == _DEFAULT_PORTS.get(parts.scheme.lower()) else port


def on_site(url: str, domains, ports) -> bool:
    """Is `url` on the site of these host names (`domains`, with their subdomains, as Scrapy's
    allowed_domains) and ports (site_port of the site's addresses)? Another port of the same
    host is another site: for pages, requisites and redirects alike."""
    host = (urlsplit(url).hostname or "").lower()
    return bool(host) and site_port(url) in ports and any(
        host == d or host.endswith("." + d) for d in domains)


def same_site(url: str, hosts: frozenset[str]) -> bool:
    """Is `url` on the site of these bare host names (any scheme, with or without www.)?"""
    return bare_host(urlsplit(url).hostname or "") in hosts


def host_variants(host: str) -> tuple[str, ...]:
    """The names a site's bare host `host` may be reached by: itself, and "www." before it
    where a name can take one. An IP address (127.0.0.1, [::1]) or a one-label name
    (localhost) has no www. form: "www.127.0.0.1" is no host, and w3lib (2.6 on) refuses it."""
    literal = host.strip("[]")
    try:
        ipaddress.ip_address(literal)
    except ValueError:
        return (host, f"www.{host}") if "." in host else (host,)
    return (f"[{literal}]",) if ":" in literal else (literal,)


def same_site_urls(url: str, hosts: frozenset[str]) -> list[str]:
    """The canonical URL `url` of a site, at every address the site has or had: http and
    https, with and without "www.", on each of its host names (port and path kept). What the
    archive may know an article by when the site has moved. `url` itself first."""
    parts = urlsplit(url)
    port = f":{parts.port}" if parts.port else ""
    found = [url]
    for host in sorted(hosts | {bare_host(parts.hostname or "")}):
        for name in host_variants(host):
            for scheme in ("http", "https"):
                moved = canonical_url(urlunsplit(parts._replace(scheme=scheme,
                                                                netloc=name + port)))
                if moved not in found:
                    found.append(moved)
    return found


def rehome(url: str, base_url: str, hosts: frozenset[str]) -> str:
    """A URL of the site at an address it had, at the address it has now (`base_url`'s
    scheme and host): what to ask for when the archive knows a page by its old address."""
    if not same_site(url, hosts):
        return url
    base = urlsplit(base_url)
    return urlunsplit(urlsplit(url)._replace(scheme=base.scheme, netloc=base.netloc))
