"""A page that says the article is gone: 该信息不存在或已被删除, 页面不存在, 404 Not Found, served
with 200 as many old CMSes do. No Scrapy here.

Asked only of a page that does not read as an article (portscraper.archive.validation.problems), and
read only in its <title>, its headings and its short lines: a press release that mentions a
deletion stays an article."""

from __future__ import annotations

from .landmarks import NOT_FOUND_PHRASES
from .page import Page
from .text import fold

SHORT_LINE = 60


def says_not_found(page: Page) -> str | None:
    """The words by which the page says the article is not there, or None."""
    texts = [el.text_content() for el in page.root.iter("title", "h1", "h2", "h3")]
    texts += [line.text for line in page.lines if len(line.text) <= SHORT_LINE]
    for text in texts:
        key = fold(text)
        if any(fold(phrase) in key for phrase in NOT_FOUND_PHRASES):
            return " ".join(text.split())
    return None
