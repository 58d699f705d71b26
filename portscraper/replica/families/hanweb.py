"""A Hanweb-style site (大汉 JCMS), as public-sector and state-owned sites run it.

- a column is /col/colN/index.html; its page prints no list: the records sit in a
  `<script type="text/xml">` datastore, as CDATA, the first groups of them (groupSize ×
  perPage), and a script (jpage) shows them perPage at a time; the next group comes from the
  data proxy, /module/web/jpage/dataproxy.jsp?…&startrecord=N&endrecord=M&perpage=P, whose
  answer is an XML datastore (<totalrecord>, <recordset>);
- an article is /art/YYYY/M/D/art_COLUMN_ID.html (month and day not padded);
- article pages carry ArticleTitle, PubDate, ContentSource, ColumnName and the body in
  <div id="zoom">, in the nested tables of JCMS templates.
"""

from __future__ import annotations

import re

from ..data import Article
from .base import FamilySite

COLUMNS = {"新闻中心": 100, "集团动态": 101, "媒体报道": 102, "基层动态": 103, "党建工作": 104,
           "通知公告": 105}
PER_PAGE, GROUP_SIZE = 10, 2
PROXY = "/module/web/jpage/dataproxy.jsp"
_COLUMN_RE = re.compile(r"^/col/col(?P<col>\d+)/(?:index\.html)?$")
_ARTICLE_RE = re.compile(r"^/art/\d{4}/\d{1,2}/\d{1,2}/art_(?P<col>\d+)_(?P<id>\d+)\.html$")


class HanwebSite(FamilySite):
    family = "hanweb"
    SECTION_NAMES = {"集团新闻": "集团动态", "媒体聚焦": "媒体报道"}

    def __init__(self, site, page_size=PER_PAGE):
        super().__init__(site, page_size=PER_PAGE)

    def column_url(self, name: str) -> str:
        return f"/col/col{COLUMNS[name]}/index.html"

    def article_path(self, art: Article, page: int = 1) -> str:
        day = art.day
        return f"/art/{day.year}/{day.month}/{day.day}/art_{COLUMNS[art.section]}_{art.id}.html"

    def route(self, path: str, query: dict[str, str]):
        if path in ("/", "/index.html"):
            return 200, self.home(), "text/html"
        if path == PROXY:
            return self.proxy(query)
        match = _ARTICLE_RE.match(path)
        if match:
            art = self.site.article(int(match["id"]))
            status, serve = self.article_answer(art)
            if serve and self.article_path(art) != path:
                status, serve = 404, False
            return status, self.article(art) if serve else None, "text/html"
        match = _COLUMN_RE.match(path)
        name = next((n for n, c in COLUMNS.items() if match and c == int(match["col"])), None)
        if name is not None:
            return 200, self.column(name), "text/html"
        return 404, None, "text/html"

    def listed(self, name: str) -> list[Article]:
        return self.site.listed(self.site.section_named(name).pid)

    def home(self) -> str:
        blocks = [{"name": n, "more": self.column_url(n),
                   "items": [(self.article_path(a), a) for a in self.listed(n)[:5]]}
                  for n in ("集团动态", "媒体报道", "基层动态", "党建工作", "通知公告")]
        return self.render("home.html", blocks=blocks, columns=COLUMNS)

    def column(self, name: str) -> str:
        listed = self.listed(name)
        first = listed[:PER_PAGE * GROUP_SIZE]
        column = COLUMNS[name]
        next_group = (f"{PROXY}?page=1&amp;webid=1&amp;path=/&amp;columnid={column}&amp;"
                      f"unitid=4{column}&amp;webname=%E6%B8%AF%E5%8F%A3&amp;permissiontype=0")
        return self.render("column.html", name=name, crumbs=self.column_crumbs(name),
                           records=[(self.article_path(a), a) for a in first],
                           total=len(listed), per_page=PER_PAGE, group_size=GROUP_SIZE,
                           column=column, next_group=next_group, columns=COLUMNS)

    def proxy(self, query: dict[str, str]):
        column = int(query.get("columnid") or 0)
        name = next((n for n, c in COLUMNS.items() if c == column), None)
        try:
            start, end = int(query["startrecord"]), int(query["endrecord"])
        except (KeyError, ValueError):
            return 200, self.render("proxy.xml", total=0, pages=0, records=[]), "text/xml"
        listed = self.listed(name) if name else []
        shown = listed[max(0, start - 1):end]
        per = int(query.get("perpage") or PER_PAGE)
        return 200, self.render("proxy.xml", total=len(listed),
                                pages=self.pages_of(listed, per),
                                records=[(self.article_path(a), a) for a in shown]), "text/xml"

    def column_crumbs(self, name: str) -> list[tuple[str, str]]:
        section = self.site.section_named(name)
        crumbs = [("首页", "/index.html")]
        if section.parent:
            crumbs.append((section.parent, self.column_url(section.parent)))
        return crumbs + [(name, self.column_url(name))]

    def article(self, art: Article) -> str:
        return self.render(
            "article.html", art=art, crumbs=self.column_crumbs(art.section),
            paragraphs=self.paragraphs(art), credit_lines=self.credit_lines(art),
            column=COLUMNS[art.section], pubdate=art.published.replace("T", " "),
            columns=COLUMNS)
