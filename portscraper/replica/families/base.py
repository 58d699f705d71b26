"""What every CMS family of the replica shares: the content (data.Site, its sections renamed as
such sites name them), the article's printed parts, and the answers of a site that has a 404
and a 503-twice article.

A family is a FamilySite subclass: its URL forms (`article_path`, `respond`), its markup (the
Jinja2 templates in templates/FAMILY/) and its pagination. The answer key comes with it:
`expected_articles` (url, breadcrumb and asset URLs as the family prints them).
"""

from __future__ import annotations

import copy
import hashlib
import threading
from pathlib import Path
from urllib.parse import urljoin

import jinja2

from ..data import PAGE_SIZE, Article, Site
from ..expected import expected_article
from ..render import SiteRenderer, error_page

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
FLAKY_FAILURES = 2


def renamed(site: Site, names: dict[str, str]) -> Site:
    """A copy of the site whose sections carry the family's names (集团新闻 -> 集团要闻)."""
    new = copy.deepcopy(site)
    for section in new.sections:
        object.__setattr__(section, "name", names.get(section.name, section.name))
        if section.parent:
            object.__setattr__(section, "parent", names.get(section.parent, section.parent))
    for art in new.articles:
        art.section = names.get(art.section, art.section)
    return new


def short_hash(text: str, digits: int = 6) -> str:
    return str(int(hashlib.sha1(text.encode()).hexdigest(), 16))[:digits]


class FamilySite:
    family = ""
    encoding = "utf-8"
    # data.py's section names -> this family's; a section's folder or id is the family's own.
    SECTION_NAMES: dict[str, str] = {}
    HOME_CRUMB = "首页"

    def __init__(self, site: Site, page_size: int = PAGE_SIZE):
        self.site = renamed(site, self.SECTION_NAMES)
        self.page_size = page_size
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(TEMPLATES / self.family), autoescape=True,
            trim_blocks=True, lstrip_blocks=True)
        # The Maoming replica's printing of the body and credits (paragraphs with the closing
        # credit forms, the credit block): the same content in every family.
        self.printer = SiteRenderer(self.site, layout="div")
        self.failures = {a.id: 0 for a in self.site.with_status("flaky")}
        self.lock = threading.Lock()

    # --- what a family defines ---------------------------------------------------------

    def article_path(self, art: Article, page: int = 1) -> str:
        raise NotImplementedError

    def route(self, path: str, query: dict[str, str]) -> tuple[int, str | None, str]:
        """(status, page or None for a 404, content type) for a GET of path?query."""
        raise NotImplementedError

    def asset_path(self, art: Article, path: str) -> str:
        """How the family's article page writes the address of one of its pictures or files
        (data.py's path): by default as it is."""
        return path

    # --- shared ------------------------------------------------------------------------

    def respond(self, path: str, query: dict[str, str]) -> tuple[int, str, bytes]:
        status, html, content_type = self.route(path, query)
        if html is None:
            status, html = (status if status != 200 else 404), error_page(
                status if status != 200 else 404)
        if "charset" not in content_type:
            content_type += f"; charset={self.encoding}"
        return status, content_type, html.encode(self.encoding, "xmlcharrefreplace")

    def render(self, template: str, **context) -> str:
        return self.env.get_template(template).render(
            site=self.site, latest=self.latest(), **context)

    def latest(self, count: int = 6) -> list[Article]:
        return [a for a in self.site.articles if a.status != "removed"][:count]

    def article_answer(self, art: Article | None) -> tuple[int, bool]:
        """(status, whether to serve the page): a missing article is a 404, the flaky one
        answers 503 twice before its page."""
        if art is None or art.status in ("missing", "removed"):
            return 404, False
        with self.lock:
            if art.id in self.failures and self.failures[art.id] < FLAKY_FAILURES:
                self.failures[art.id] += 1
                return 503, False
        return 200, True

    def paragraphs(self, art: Article) -> list[str]:
        return self.printer._paragraphs(art)

    def credit_lines(self, art: Article):
        return self.printer._credits(art)

    def crumbs(self, art_or_section) -> list[str]:
        name = art_or_section if isinstance(art_or_section, str) else art_or_section.section
        section = self.site.section_named(name)
        return [self.HOME_CRUMB, *([section.parent] if section.parent else []), section.name]

    def pages_of(self, listed: list, size: int | None = None) -> int:
        size = size or self.page_size
        return max(1, -(-len(listed) // size))

    # --- the answer key ----------------------------------------------------------------

    def expected_articles(self, base_url: str) -> dict[str, dict]:
        """Canonical URL -> the fields a reader writes down, for every article that can be
        had (see expected.expected_articles)."""
        out = {}
        for art in self.site.articles:
            if art.status in ("missing", "removed"):
                continue
            want = expected_article(self.site, art, base_url)
            page_url = urljoin(base_url, self.article_path(art))
            want["url"] = page_url
            want["breadcrumb"] = self.crumbs(art)
            want["images"] = [{"url": urljoin(page_url, self.asset_path(art, path)),
                               "caption": caption} for path, caption in art.images]
            want["attachments"] = [{"url": urljoin(page_url, self.asset_path(art, path)),
                                    "label": label} for path, label in art.attachments]
            out[page_url] = want
        return out
