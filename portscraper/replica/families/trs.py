"""A TRS-style static site (TRS WCM publishes every page as a file).

- channels are folders: /xwzx/jtyw/; a channel's list is index.html, then index_1.html,
  index_2.html … (page k of a channel, counted from 0), and no page links to the next: a script
  writes the pager, `createPageHTML(5, 0, "index", "html")` (pages, this page, name, extension),
  or the older form with the count in a variable (`var countPage = 2`);
- an article is /channel/YYYYMM/tYYYYMMDD_DOCID.html, its pictures and files beside it
  (./W0…jpg, ./P0…pdf);
- article pages carry the government-site metadata (ArticleTitle, PubDate, ContentSource,
  ColumnName) and the body in <div class="TRS_Editor">.
"""

from __future__ import annotations

import re

from ..data import Article
from .base import FamilySite, short_hash

# Channel folders; 港口动态's pager keeps its count in a variable (the older TRS template).
CHANNELS = {"新闻中心": "/xwzx/", "集团要闻": "/xwzx/jtyw/", "媒体聚焦": "/xwzx/mtjj/",
            "港口动态": "/xwzx/gkdt/", "党建园地": "/djyd/", "公告公示": "/tzgg/"}
VARIABLE_PAGER = ("港口动态",)
_LIST_RE = re.compile(r"^(?P<channel>/(?:[a-z]+/)+)(?:index(?:_(?P<k>\d+))?\.html)?$")
_ARTICLE_RE = re.compile(r"^(?P<channel>/(?:[a-z]+/)+)\d{6}/t\d{8}_(?P<doc>\d+)\.html$")


def doc_id(art: Article) -> int:
    return 500000 + art.id


class TrsSite(FamilySite):
    family = "trs"
    SECTION_NAMES = {"集团新闻": "集团要闻", "基层动态": "港口动态", "党建工作": "党建园地",
                     "通知公告": "公告公示"}

    def channel(self, name: str) -> str:
        return CHANNELS[name]

    def article_path(self, art: Article, page: int = 1) -> str:
        day = art.day
        return f"{self.channel(art.section)}{day:%Y%m}/t{day:%Y%m%d}_{doc_id(art)}.html"

    def asset_path(self, art: Article, path: str) -> str:
        kind = "W0" if path.endswith((".jpg", ".gif", ".png")) else "P0"
        return f"./{kind}{art.day:%Y%m%d}{short_hash(path, 9)}.{path.rsplit('.', 1)[1]}"

    def route(self, path: str, query: dict[str, str]):
        if path in ("/", "/index.html", "/index.htm"):
            return 200, self.home(), "text/html"
        match = _ARTICLE_RE.match(path)
        if match:
            art = self.site.article(int(match["doc"]) - 500000)
            status, serve = self.article_answer(art)
            if serve and self.article_path(art) != path:
                status, serve = 404, False
            return status, self.article(art) if serve else None, "text/html"
        match = _LIST_RE.match(path)
        if match:
            name = next((n for n, c in CHANNELS.items() if c == match["channel"]), None)
            if name is not None:
                return 200, self.channel_list(name, int(match["k"] or 0)), "text/html"
        return 404, None, "text/html"

    def href(self, art: Article, from_channel: str) -> str:
        """An article's link as TRS writes it: relative to the page's channel folder."""
        path = self.article_path(art)
        return "./" + path[len(from_channel):] if path.startswith(from_channel) else path

    def home(self) -> str:
        blocks = []
        for name in ("集团要闻", "媒体聚焦", "港口动态", "党建园地", "公告公示"):
            section = self.site.section_named(name)
            blocks.append({"name": name, "more": "." + self.channel(name),
                           "items": [(self.href(a, "/"), a) for a in
                                     self.site.listed(section.pid)[:5]]})
        return self.render("home.html", blocks=blocks, channels=CHANNELS)

    def channel_list(self, name: str, k: int) -> str | None:
        section = self.site.section_named(name)
        listed = self.site.listed(section.pid)
        pages = self.pages_of(listed)
        if k >= pages:
            return None  # a static site has no such file
        shown = listed[k * self.page_size:(k + 1) * self.page_size]
        folder = self.channel(name)
        return self.render("list.html", name=name, crumbs=self.list_crumbs(name),
                           items=[(self.href(a, folder), a) for a in shown], pages=pages, k=k,
                           variable_pager=name in VARIABLE_PAGER, channels=CHANNELS)

    def list_crumbs(self, name: str) -> list[tuple[str, str]]:
        section = self.site.section_named(name)
        crumbs = [("首页", "/")]
        if section.parent:
            crumbs.append((section.parent, self.channel(section.parent)))
        return crumbs + [(name, self.channel(name))]

    def article(self, art: Article) -> str:
        return self.render(
            "article.html", art=art, crumbs=self.list_crumbs(art.section),
            paragraphs=self.paragraphs(art), credit_lines=self.credit_lines(art),
            images=[(self.asset_path(art, p), c) for p, c in art.images],
            attachments=[(self.asset_path(art, p), label) for p, label in art.attachments],
            pubdate=art.published.replace("T", " "), channels=CHANNELS)
