"""A local replica of the Maoming Port Group's old ASP site, generated from data.

Used by the tests and the offline demo: `build_site()` makes the content, `ReplicaServer` serves
it in one of two layouts (old nested tables, or divs), in Simplified or Traditional characters,
and `expected_articles()` says what the spider and the extractor should get from it.
"""

from .data import Article, Page, Section, Site, build_site
from .expected import expected_articles, expected_sections, list_pages, traits
from .server import ReplicaServer

__all__ = ["Article", "Page", "ReplicaServer", "Section", "Site", "build_site",
           "expected_articles", "expected_sections", "list_pages", "traits"]
