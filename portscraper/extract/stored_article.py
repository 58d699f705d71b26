"""An article read from pages already at hand: stored snapshots (`reparse`) or a WARC's
records (`import`). No Scrapy here.

    read_stored_article(first, lookup, id_params) -> (fields, pages) | str (why not)

The same reading as a crawl's (spiders/maoming.py, parse_article and parse_article_page): the
first page by `article_fields`, each following page that its pager names (navigation's
`article_pages`) fetched from `lookup` instead of the site, the pages joined by `join_pages`,
the fields normalized as the crawl's NormalizePipeline does. An article whose following page is
not at hand is not read cut short, as a crawl does not store one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from portscraper.extract import article_fields, read_page
from portscraper.extract.multipage import join_pages
from portscraper.extract.navigation import article_pages
from portscraper.extract.normalize import normalize_fields

# The most pages one article is read from: the spider's MAX_ARTICLE_PAGES (a pager that never
# ends is a trap, not an article).
MAX_ARTICLE_PAGES = 50


@dataclass(frozen=True)
class PageAtHand:
    url: str  # the URL the page was fetched at (after redirects)
    body: bytes  # as received, after the content-encoding was undone
    content_type: str = ""  # the Content-Type header, which may name the charset
    key: object = None  # what the caller knows it by: a snapshot id, a WARC record


def read_stored_article(first: PageAtHand, lookup: Callable[[str], PageAtHand | None],
                        id_params) -> tuple[dict, list[PageAtHand]] | str:
    """(normalized fields, the pages read) of the article whose first page is `first`, or a
    sentence saying why it cannot be read whole. lookup(url): the page fetched at url, or None
    when it is not at hand."""
    page = read_page(first.url, first.body, first.content_type)
    parts, pages, seen = [article_fields(page)], [first], {first.url}
    while len(pages) < MAX_ARTICLE_PAGES:
        next_url = article_pages(page).next_url
        if not next_url or next_url in seen:
            break
        seen.add(next_url)
        following = lookup(next_url)
        if following is None:
            return f"page {len(pages) + 1} of the article ({next_url}) is not at hand"
        seen.add(following.url)
        page = read_page(following.url, following.body, following.content_type)
        parts.append(article_fields(page))
        pages.append(following)
    fields = join_pages(parts) if len(parts) > 1 else parts[0]
    fields["url"] = first.url
    return normalize_fields(fields, id_params), pages
