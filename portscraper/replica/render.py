"""HTML of the replica's pages, from data.Site through the Jinja2 templates of one layout.

This module prepares plain values (strings, links, flags) and lets the templates decide the
markup, so that the two layouts differ in markup only. Traditional-script pages are rendered in
Simplified and converted as a whole, the way the copies on other domains were made.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import jinja2
from markupsafe import Markup, escape

from .data import NEWS_CENTRE, PAGE_SIZE, Article, Site

LAYOUTS = ("table", "div")
SCRIPTS = ("simplified", "traditional")
WEEKDAYS = "一二三四五六日"
TEMPLATES = Path(__file__).parent / "templates"

# Menu order of the real site's top bar (pids of data.py; None: its own script).
MENU = [("首页", "index.asp"), ("集团简介", "about.asp?pid=1"), (NEWS_CENTRE, "news.asp?pid=2"),
        ("党建工作", "news.asp?pid=3"), ("通知公告", "news.asp?pid=4"), ("人才招聘", "job.asp"),
        ("在线留言", "message.asp"), ("联系我们", "about.asp?pid=8")]
HOT_KEYWORDS = ["博贺新港区", "安全生产", "招聘"]


@dataclass
class Link:
    text: str
    url: str | None  # None: printed as plain text (e.g. 上一页 on page 1)
    date: str = ""
    full: str = ""  # the untruncated title, for layouts that put it in a title attribute


def loose_date(day: date) -> str:
    """2023-4-23: the old CMS does not pad month and day."""
    return f"{day.year}-{day.month}-{day.day}"


def cut(title: str, width: int, ellipsis: str) -> str:
    return title if len(title) <= width else title[:width] + ellipsis


def _to_traditional() -> Callable[[str], str]:
    import opencc

    return opencc.OpenCC("s2t").convert


class SiteRenderer:
    def __init__(self, site: Site, layout: str = "table", script: str = "simplified",
                 today: Callable[[], date] = date.today, page_size: int = PAGE_SIZE):
        if layout not in LAYOUTS or script not in SCRIPTS:
            raise ValueError(f"layout {layout!r} / script {script!r} not supported")
        self.site, self.layout, self.script, self.today = site, layout, script, today
        # Articles per list page: fewer make the page count (and the pagination line) of a
        # big site out of a small one.
        self.page_size = page_size
        # Records a section's count (共 N 条记录) includes but its pages never show, by pid: an
        # old CMS counting its drafts or deleted rows (a gap the completeness check finds).
        self.uncounted: dict[int, int] = {}
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(TEMPLATES / layout),
            autoescape=True, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
        self.convert = _to_traditional() if script == "traditional" else (lambda text: text)

    # ---- shared parts -------------------------------------------------------------------

    def _render(self, template: str, **context) -> str:
        today = self.today()
        context.update(
            menu=self._menu(),
            latest=self._latest(),
            today_line=f"今天是：{today.year}年{today.month}月{today.day}日 "
                       f"星期{WEEKDAYS[today.weekday()]}",
            hot_keywords=HOT_KEYWORDS,
        )
        return self.convert(self.env.get_template(template).render(**context))

    def _menu(self) -> list[dict]:
        items = []
        for name, url in MENU:
            children = [Link(s.name, f"news.asp?pid={s.pid}") for s in self.site.children(name)]
            children += [Link(p.name, p.path) for p in self.site.pages if p.parent == name]
            items.append({"name": name, "url": url, "children": children})
        return items

    def _latest(self) -> list[Link]:
        # The sidebar links carry the section pid, like the real sidebar does.
        links = []
        for art in [a for a in self.site.articles if a.status != "removed"][:8]:
            pid = self.site.section_named(art.section).pid
            links.append(Link(cut(art.title, 16, "…"), f"more.asp?id={art.id}&pid={pid}",
                              art.published[:10], art.title))
        return links

    def _crumbs(self, section_name: str) -> list[Link]:
        crumbs = [Link("首页", "index.asp")]
        section = self.site.section_named(section_name)
        if section.parent:
            parent = self.site.section_named(section.parent)
            crumbs.append(Link(parent.name, f"news.asp?pid={parent.pid}"))
        crumbs.append(Link(section.name, f"news.asp?pid={section.pid}"))
        return crumbs

    def _item(self, art: Article, width: int, ellipsis: str) -> Link:
        day = art.day
        shown = f"[{loose_date(day)}]" if self.layout == "table" else day.isoformat()
        return Link(cut(art.title, width, ellipsis), f"more.asp?id={art.id}", shown, art.title)

    # ---- pages --------------------------------------------------------------------------

    def home(self) -> str:
        blocks = []
        for name in ["集团新闻", "媒体聚焦", "基层动态", "党建工作", "通知公告"]:
            sec = self.site.section_named(name)
            items = [self._item(a, 22, "…" if self.layout == "table" else "...")
                     for a in self.site.listed(sec.pid)[:5]]
            blocks.append({"name": name, "more": f"news.asp?pid={sec.pid}", "items": items})
        pictured = next(a for a in self.site.articles if a.images and a.status == "ok")
        picture = {"src": pictured.images[0][0], "link": f"more.asp?id={pictured.id}",
                   "title": cut(pictured.title, 18, "…")}
        return self._render("home.html", page_title="首页", blocks=blocks, picture=picture)

    def section_list(self, pid: int, page: int) -> str | None:
        sec = self.site.section(pid)
        if sec is None:
            return None
        listed = self.site.listed(pid)
        size = self.page_size
        pages = max(1, -(-len(listed) // size))
        if not 1 <= page <= pages:
            page = 1  # the old CMS shows page 1 for any page number it cannot use
        shown = listed[(page - 1) * size: page * size]
        ellipsis = "..." if self.layout == "table" else "…"
        url = f"news.asp?pid={pid}&page="
        nav = {
            "total": len(listed) + self.uncounted.get(pid, 0), "page": page, "pages": pages,
            "size": size,
            "first": Link("首页", url + "1" if page > 1 else None),
            "prev": Link("上一页", url + str(page - 1) if page > 1 else None),
            "next": Link("下一页", url + str(page + 1) if page < pages else None),
            "last": Link("尾页", url + str(pages) if page < pages else None),
            "numbers": [Link(str(n), None if n == page else url + str(n))
                        for n in range(1, pages + 1)],
        }
        crumbs = self._crumbs(sec.name)
        return self._render("list.html", page_title=sec.name, section=sec.name, crumbs=crumbs,
                            items=[self._item(a, 20, ellipsis) for a in shown], nav=nav, pid=pid)

    def article(self, art: Article, hits: int) -> str:
        sec = self.site.section_named(art.section)
        siblings = self.site.listed(sec.pid)
        at = siblings.index(art)
        newer = siblings[at - 1] if at > 0 else None
        older = siblings[at + 1] if at + 1 < len(siblings) else None
        day = art.day
        if art.date_style == "time":
            date_parts = [f"日期：{day.isoformat()} {art.published[11:16]}"]
        elif art.date_style == "hits":
            date_parts = [f"发布时间：{loose_date(day)}", f"浏览次数：{hits}"]
        elif art.date_style == "cn":
            date_parts = [f"发布日期：{day.year}年{day.month}月{day.day}日", "来源：茂名港集团",
                          f"点击：{hits}"]
        else:
            date_parts = [loose_date(day)]
        return self._render(
            "article.html", page_title=art.title, art=art, crumbs=self._crumbs(art.section),
            date_parts=date_parts, paragraphs=self._paragraphs(art),
            credit_lines=self._credits(art),
            newer=Link(newer.title, f"more.asp?id={newer.id}") if newer else None,
            older=Link(older.title, f"more.asp?id={older.id}") if older else None,
            list_url=f"news.asp?pid={sec.pid}", hits=hits)

    def _paragraphs(self, art: Article) -> list[str]:
        """The body as printed: the closing credit forms are part of the last paragraph."""
        paras = list(art.paragraphs)
        names = art.byline
        if art.credit_form == "paren":
            paras[-1] += f"({names})"
        elif art.credit_form == "reporter" and art.body_variant == 0:
            paras[-1] += f"（通讯员：{names}）"
        elif art.credit_form == "reporter":
            paras.append(f"(通讯员：{names})")
        return paras

    def _credits(self, art: Article) -> list[Markup]:
        """Credit lines printed after the body (the block form and 文/图)."""
        if art.credit_form == "wentu":
            return [f"文/图：{art.byline}"]
        if art.credit_form != "block":
            return []
        lines = []
        for role, names in art.credits.items():
            if len(role) == 2 and self.layout == "table":
                label = Markup("&nbsp;&nbsp;&nbsp;").join(role)
            elif len(role) == 2:
                label = Markup("&nbsp; &nbsp;").join(role)
            else:
                label = escape(role)
            lines.append(label + escape(f"：{' '.join(names)}"))
        return lines

    def info_page(self, pid: int) -> str | None:
        page = self.site.page(pid)
        if page is None or page.kind != "text":
            return None
        crumbs = [Link("首页", "index.asp")]
        if page.parent:
            parent = next(p for p in self.site.pages if p.name == page.parent)
            crumbs.append(Link(parent.name, parent.path))
        crumbs.append(Link(page.name, page.path))
        return self._render("page.html", page_title=page.name, kind="text", heading=page.name,
                            crumbs=crumbs, paragraphs=page.paragraphs)

    def jobs(self) -> str:
        page = next(p for p in self.site.pages if p.kind == "jobs")
        items = [Link(j.title, f"job.asp?id={j.id}", j.published) for j in page.jobs]
        crumbs = [Link("首页", "index.asp"), Link(page.name, page.path)]
        return self._render("page.html", page_title=page.name, kind="jobs", heading=page.name,
                            crumbs=crumbs, items=items)

    def job(self, job_id: int) -> str | None:
        page = next(p for p in self.site.pages if p.kind == "jobs")
        job = next((j for j in page.jobs if j.id == job_id), None)
        if job is None:
            return None
        crumbs = [Link("首页", "index.asp"), Link(page.name, page.path)]
        return self._render("page.html", page_title=job.title, kind="job", heading=job.title,
                            crumbs=crumbs, paragraphs=job.paragraphs,
                            date_line=f"发布时间：{loose_date(date.fromisoformat(job.published))}")

    def messages(self) -> str:
        page = next(p for p in self.site.pages if p.kind == "messages")
        crumbs = [Link("首页", "index.asp"), Link(page.name, page.path)]
        return self._render("page.html", page_title=page.name, kind="messages", heading=page.name,
                            crumbs=crumbs, messages=page.messages)

    def search(self, keyword: str) -> str:
        found = [self._item(a, 30, "…") for a in self.site.articles
                 if keyword and keyword in a.title]
        crumbs = [Link("首页", "index.asp"), Link("站内搜索", None)]
        return self._render("page.html", page_title="站内搜索", kind="search", heading="站内搜索",
                            crumbs=crumbs, items=found, keyword=keyword)

    def admin_login(self) -> str:
        return self._render("page.html", page_title="管理登录", kind="login", heading="管理登录",
                            crumbs=[Link("首页", "index.asp"), Link("管理登录", None)])


def error_page(status: int) -> str:
    """The bare IIS error pages (no site chrome, as IIS serves them)."""
    if status == 404:
        head, text = "无法找到该页", "您正在搜索的页面可能已经删除、更名或暂时不可用。"
    else:
        head, text = "服务不可用", "服务器暂时无法处理您的请求，请稍后再试。"
    return ("<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 4.01//EN\">\n<html><head>"
            "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">"
            f"<title>{head}</title></head>\n<body><h2>{head}</h2><p>{text}</p>"
            f"<hr><p>HTTP {status} - Internet 信息服务 (IIS)</p></body></html>\n")
