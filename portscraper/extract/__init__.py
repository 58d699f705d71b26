"""HTML in, fields out. Plain functions: no Spider, no Request, no Scrapy import."""

from .article import article_fields, extract_article
from .decode import decode_html
from .page import Page, read_page

__all__ = ["Page", "article_fields", "decode_html", "extract_article", "read_page"]
