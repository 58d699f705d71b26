"""A DedeCMS site, or its PHPCMS v9 sibling (flavour "phpcms").

DedeCMS: a channel is a folder, /a/xinwen/jituan/; its list's first page is the folder
(index.html), the next ones list_TYPEID_2.html, list_TYPEID_3.html …, with Dede's pager
(<ul class="pagelist">: 首页 上一页 1 2 下一页 末页, 共 4页48条); articles are
/a/…/YYYY/MMDD/ID.html, a long one split over ID_2.html, ID_3.html with the same pager; the
pages are GBK (gb2312 declared).

PHPCMS v9: lists are dynamic, index.php?m=content&c=index&a=lists&catid=12 and &page=2 (on the
last page 下一页 leads to the page itself), articles generated as files,
/html/YYYY/CATDIR_MMDD/ID.html, split over ID_2.html; UTF-8.
"""

from __future__ import annotations

import re

from ..data import Article
from .base import FamilySite

# name -> (type id, folder)
CHANNELS = {"新闻中心": (1, "xinwen"), "集团新闻": (12, "xinwen/jituan"),
            "媒体聚焦": (13, "xinwen/meiti"), "基层动态": (14, "xinwen/jiceng"),
            "党建工作": (3, "dangjian"), "通知公告": (4, "tongzhi")}
# A news article with at least this many paragraphs is split, two paragraphs a page (every
# third).
SPLIT_FROM = 4
_DEDE_LIST_RE = re.compile(r"^/a/(?P<folder>[a-z/]+?)/(?:index\.html|list_(?P<tid>\d+)_"
                           r"(?P<page>\d+)\.html)?$")
_DEDE_ARTICLE_RE = re.compile(r"^/a/(?P<folder>[a-z/]+)/\d{4}/\d{4}/(?P<id>\d+)"
                              r"(?:_(?P<page>\d+))?\.html$")
_PHPCMS_ARTICLE_RE = re.compile(r"^/html/\d{4}/(?P<cat>[a-z]+)_\d{4}/(?P<id>\d+)"
                                r"(?:_(?P<page>\d+))?\.html$")


class DedeSite(FamilySite):
    family = "dede"

    def __init__(self, site, page_size=None, flavour: str = "dede"):
        from ..data import PAGE_SIZE

        self.flavour = flavour
        self.encoding = "gbk" if flavour == "dede" else "utf-8"
        self.HOME_CRUMB = "主页" if flavour == "dede" else "首页"
        super().__init__(site, page_size or PAGE_SIZE)

    # --- addresses ------------------------------------------------------------------------

    def list_url(self, name: str, page: int = 1) -> str:
        tid, folder = CHANNELS[name]
        if self.flavour == "phpcms":
            return (f"/index.php?m=content&c=index&a=lists&catid={tid}"
                    + (f"&page={page}" if page > 1 else ""))
        return f"/a/{folder}/" + (f"list_{tid}_{page}.html" if page > 1 else "")

    def article_path(self, art: Article, page: int = 1) -> str:
        day, suffix = art.day, (f"_{page}" if page > 1 else "")
        folder = CHANNELS[art.section][1]
        if self.flavour == "phpcms":
            return f"/html/{day:%Y}/{folder.rsplit('/', 1)[-1]}_{day:%m%d}/{art.id}{suffix}.html"
        return f"/a/{folder}/{day:%Y}/{day:%m%d}/{art.id}{suffix}.html"

    def parts(self, art: Article) -> list[list[str]]:
        """The article's paragraphs page by page."""
        paragraphs = self.paragraphs(art)
        # (Notices end in a signature and a date: never split, as an editor would not.)
        if len(art.paragraphs) < SPLIT_FROM or art.id % 3 or art.section == "通知公告":
            return [paragraphs]
        return [paragraphs[i:i + 2] for i in range(0, len(paragraphs), 2)]

    # --- answers --------------------------------------------------------------------------

    def route(self, path: str, query: dict[str, str]):
        if path in ("/", "/index.html", "/index.php") and not query.get("a"):
            return 200, self.home(), "text/html"
        if self.flavour == "phpcms":
            if path == "/index.php" and query.get("a") == "lists":
                name = next((n for n, (t, _) in CHANNELS.items()
                             if str(t) == query.get("catid")), None)
                page = int(query["page"]) if query.get("page", "").isdigit() else 1
                return 200, self.channel_list(name, page) if name else None, "text/html"
            match = _PHPCMS_ARTICLE_RE.match(path)
        else:
            match = _DEDE_LIST_RE.match(path)
            if match:
                name = next((n for n, (t, f) in CHANNELS.items() if f == match["folder"]), None)
                page = int(match["page"] or 1)
                if name and (not match["tid"] or int(match["tid"]) == CHANNELS[name][0]):
                    return 200, self.channel_list(name, page), "text/html"
                return 404, None, "text/html"
            match = _DEDE_ARTICLE_RE.match(path)
        if match:
            art = self.site.article(int(match["id"]))
            page = int(match["page"] or 1)
            status, serve = self.article_answer(art) if page == 1 else (200, art is not None)
            if serve and self.article_path(art, page) != path:
                status, serve = 404, False
            html = self.article(art, page) if serve else None
            return (status if html else 404 if serve else status), html, "text/html"
        return 404, None, "text/html"

    def home(self) -> str:
        blocks = [{"name": n, "more": self.list_url(n),
                   "items": [(self.article_path(a), a) for a in
                             self.site.listed(self.site.section_named(n).pid)[:5]]}
                  for n in ("集团新闻", "媒体聚焦", "基层动态", "党建工作", "通知公告")]
        return self.render("home.html", blocks=blocks, menu=self.menu(), **self.chrome())

    def menu(self) -> list[tuple[str, str]]:
        return [("首页", "/"), ("关于我们", "/a/guanyu/" if self.flavour == "dede"
                                 else "/index.php?m=content&c=index&a=lists&catid=9"),
                *[(n, self.list_url(n)) for n in CHANNELS], ("联系我们", "/a/lianxi/")]

    def chrome(self) -> dict:
        return {"flavour": self.flavour,
                "charset": "gb2312" if self.flavour == "dede" else "utf-8",
                "sidebar": [(self.article_path(a), a) for a in self.latest()]}

    def channel_list(self, name: str, page: int) -> str | None:
        listed = self.site.listed(self.site.section_named(name).pid)
        pages = self.pages_of(listed)
        if not 1 <= page <= pages:
            if self.flavour == "dede":
                return None  # no such file
            page = 1  # PHPCMS shows page 1 for a page it cannot use
        shown = listed[(page - 1) * self.page_size:page * self.page_size]
        return self.render("list.html", name=name, crumbs=self.crumbs_of(name),
                           items=[(self.article_path(a), a) for a in shown], page=page,
                           pages=pages, total=len(listed),
                           url_of=lambda n: self.list_url(name, n), menu=self.menu(),
                           **self.chrome())

    def crumbs_of(self, name: str) -> list[tuple[str, str]]:
        section = self.site.section_named(name)
        crumbs = [(self.HOME_CRUMB, "/")]
        if section.parent:
            crumbs.append((section.parent, self.list_url(section.parent)))
        return crumbs + [(name, self.list_url(name))]

    def article(self, art: Article, page: int) -> str | None:
        parts = self.parts(art)
        if page > len(parts):
            return None
        last = page == len(parts)
        return self.render(
            "article.html", art=art, crumbs=self.crumbs_of(art.section), page=page,
            pages=len(parts), paragraphs=parts[page - 1], first=page == 1, last=last,
            credit_lines=self.credit_lines(art) if last else [],
            url_of=lambda n: self.article_path(art, n).rsplit("/", 1)[1],
            pubdate=art.published.replace("T", " "), menu=self.menu(), **self.chrome())
