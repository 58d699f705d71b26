"""Crawls of small invented sites, each built around one way old CMSes lead a reader on: menus
and pagers labelled by images or buttons, a home page made of frames or one that redirects, an
ASP.NET pager that posts its form, an article split over pages, 返回 as a button."""

from __future__ import annotations

import json
import sqlite3

import pytest

from ..conftest import run_crawl
from ..sitekit import PARAS, StaticSite, article_page, home_page, layout, list_page, list_rows


def query(db, sql: str, *args) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        rows = conn.execute(sql, args).fetchall()
    conn.close()
    return rows


def titles(db) -> list[str]:
    return sorted(t for (t,) in query(db, "SELECT title FROM articles"))


# --- menus and pagers labelled by images and buttons --------------------------------------------

NEWS = [("view.asp?id=11", "南港集团召开2022年度安全生产工作会议", "2022-11-03"),
        ("view.asp?id=12", "Nangang Group held its annual safety conference", "2022-10-28"),
        ("view.asp?id=13", "南港码头完成岸桥年度检修工作", "2022-10-20"),
        ("view.asp?id=14", "南港集团开展消防安全应急演练", "2022-10-11"),
        ("view.asp?id=15", "南港集团团委举办青年读书分享会", "2022-09-30")]
PARTY = [("view.asp?id=21", "南港集团党委召开理论学习中心组会议", "2022-11-01"),
         ("view.asp?id=22", "南港集团党委开展主题党日活动", "2022-10-15"),
         ("view.asp?id=23", "南港码头党支部开展结对共建活动", "2022-09-20")]


def image_pager(base: str, page: int, last: int) -> str:
    """首页 上一页 下一页 尾页 as images only (alt on some, title on others), no page count; on
    the last page 下一页 leads to the page itself."""
    def link(n, image):
        return f'<a href="{base}&page={n}"><img src="/img/{image}.gif" {image}></a>'
    return " ".join([link(1, 'alt="首页"'), link(max(page - 1, 1), 'alt="上一页"'),
                     link(min(page + 1, last), 'title="下一页"'), link(last, 'title="尾页"')])


def button_pager(base: str, page: int, last: int) -> str:
    """Buttons that go by script; the last page's 下一页 goes nowhere."""
    def button(label, n):
        go = f" onclick=\"window.location.href='{base}&pn={n}'\"" if n else " disabled"
        return f'<input type="button" value="{label}"{go}>'
    return " ".join([button("上一页", page - 1 if page > 1 else None),
                     button("下一页", page + 1 if page < last else None)])


def test_menus_and_pagers_labelled_by_images_and_buttons(tmp_path):
    menu = ('<a href="/"><img src="/img/m0.gif" alt="网站首页"></a>'
            '<a href="/about.asp"><img src="/img/m1.gif" alt="公司概况"></a>'
            '<a href="/list.asp?lb=2"><img src="/img/m2.gif" alt="公司新闻"></a>'
            '<img src="/img/menu.gif" usemap="#menu"><map name="menu">'
            '<area shape="rect" coords="0,0,90,30" href="/dj.asp?lb=5" alt="党建工作">'
            '<area shape="rect" coords="90,0,180,30" href="/hr.asp" alt="人才招聘"></map>')
    # The list prints titles cut short; their links' title attributes hold them whole.
    shown = [(f'{href}" title="{title}', title[:4] + "…" if i % 2 else title[:9] + " ...", day)
             for i, (href, title, day) in enumerate(NEWS)]
    routes = {
        "/": home_page(menu=menu),
        "/list.asp?lb=2": list_page(shown[:3], image_pager("list.asp?lb=2", 1, 2), menu=menu),
        "/list.asp?lb=2&page=2": list_page(shown[3:], image_pager("list.asp?lb=2", 2, 2),
                                           menu=menu),
        "/dj.asp?lb=5": list_page(PARTY[:2], button_pager("dj.asp?lb=5", 1, 2), menu=menu),
        "/dj.asp?lb=5&pn=2": list_page(PARTY[2:], button_pager("dj.asp?lb=5", 2, 2), menu=menu),
    }
    for href, title, day in NEWS + PARTY:
        routes[f"/{href}"] = article_page(title, day, PARAS)
    with StaticSite(routes) as site:
        run_crawl(tmp_path, f"base_url={site.url}")
    db = tmp_path / "archive.db"
    assert titles(db) == sorted(t for _, t, _ in NEWS + PARTY)
    assert site.requested("GET /list.asp?lb=2&page=2") and site.requested("GET /dj.asp?lb=5&pn=2")
    assert not site.requested("GET /hr.asp") and not site.requested("GET /about.asp")
    # Both lists were read to their end (下一页 to the last page itself is no next page).
    assert sorted(url.split("/")[-1] for (url,) in query(
        db, "SELECT url FROM sections WHERE walked_at IS NOT NULL")) == \
        ["dj.asp?lb=5", "list.asp?lb=2"]


# --- home pages shown through frames or sent on ------------------------------------------------

MENU_PAGE = "/portal.asp"
HOMES = {
    "frameset": '<html><head><title>南港集团</title></head><frameset rows="90,*">'
                f'<frame src="{MENU_PAGE[1:]}" name="top"><frame src="welcome.htm" name="main">'
                "</frameset></html>",
    "iframe": '<html><body><iframe src="/welcome.htm" height="60"></iframe>'
              f'<iframe src="{MENU_PAGE}" width="100%" height="800"></iframe></body></html>',
    "location.replace": "<html><head><script type='text/javascript'>"
                        f"location.replace('{MENU_PAGE[1:]}');</script></head><body></body></html>",
    "top.location": f'<html><head><script>top.location = "{MENU_PAGE}"</script></head></html>',
    "meta refresh": '<html><head><meta http-equiv="refresh" '
                    f'content="0;URL={MENU_PAGE[1:]}"></head><body>正在进入…</body></html>',
    "body onload": f"<html><body onload=\"window.location.href='{MENU_PAGE[1:]}'\"></body></html>",
    "splash": '<html><body><img src="/img/welcome.jpg" width="960">'
              f'<a href="{MENU_PAGE[1:]}"><img src="/img/enter.gif" alt="进入网站"></a>'
              "</body></html>",
}


@pytest.mark.parametrize("style", list(HOMES))
def test_a_home_page_shown_through_frames_or_sent_on(tmp_path, style):
    items = [("view.asp?id=31", "南港集团召开四季度经营分析会", "2022-11-03"),
             ("view.asp?id=32", "南港码头完成岸桥年度检修工作", "2022-10-28")]
    routes = {"/": HOMES[style], MENU_PAGE: home_page(),
              "/welcome.htm": "<html><body>欢迎光临南港集团</body></html>",
              "/list.asp?lb=2": list_page(items)}
    for href, title, day in items:
        routes[f"/{href}"] = article_page(title, day, PARAS)
    with StaticSite(routes) as site:
        run_crawl(tmp_path, f"base_url={site.url}")
    assert site.requested(f"GET {MENU_PAGE}")
    assert titles(tmp_path / "archive.db") == sorted(t for _, t, _ in items)
    assert query(tmp_path / "archive.db", "SELECT reason FROM failures") == []


def test_a_home_page_that_leads_nowhere_is_a_failure_not_a_silent_run(tmp_path):
    routes = {"/": "<html><head><script>function go(){ location.href = 'x.asp?p=' + n; }"
                   "</script></head><body><p>网站改版中</p></body></html>"}
    with StaticSite(routes) as site:
        run_crawl(tmp_path, f"base_url={site.url}", verdict="failed")
    db = tmp_path / "archive.db"
    [(kind, reason)] = query(db, "SELECT kind, reason FROM failures")
    assert kind == "home" and "no news section" in reason
    [(health, report)] = query(db, "SELECT health, health_report FROM crawls")
    assert health == "failed"
    assert [p for p in json.loads(report)["problems"] if "no news section" in p]


# --- ASP.NET: the pager posts the page's form ---------------------------------------------------

def aspnet_list(items, page: int) -> str:
    """A WebForms list: the whole list inside the page's form. Its pager posts the form: page
    numbers by __doPostBack, and on page 2 a 下一页 submit button."""
    pager = " ".join(
        f"<span>{n}</span>" if n == page
        else f"<a href=\"javascript:__doPostBack('ctl00$main$gvNews','Page${n}')\">{n}</a>"
        for n in (1, 2))
    if page == 2:
        pager += ' <input type="submit" name="ctl00$main$btnNext" value="下一页">'
    return layout("公司新闻", '<div>当前位置：<a href="/">首页</a> &gt;&gt; 公司新闻</div>'
                  '<form name="aspnetForm" method="post" action="news.aspx?c=3" id="aspnetForm">'
                  '<input type="hidden" name="__EVENTTARGET" id="__EVENTTARGET" value="">'
                  '<input type="hidden" name="__EVENTARGUMENT" id="__EVENTARGUMENT" value="">'
                  f'<input type="hidden" name="__VIEWSTATE" value="vs{page}">'
                  '<input type="text" name="ctl00$kw" value=""> '
                  '<input type="submit" name="ctl00$btnSearch" value="搜索">'
                  f"{list_rows(items)}<div>页次：{page}/3 {pager}</div></form>",
                  news="news.aspx?c=3")


def test_an_aspnet_pager_posts_the_form(tmp_path):
    items = [("view.aspx?id=41", "南港集团召开四季度经营分析会", "2022-11-03"),
             ("view.aspx?id=42", "南港码头完成岸桥年度检修工作", "2022-10-28"),
             ("view.aspx?id=43", "南港集团开展消防安全应急演练", "2022-10-11"),
             ("view.aspx?id=44", "南港集团团委举办青年读书分享会", "2022-09-30")]

    def post(form):  # the page a browser's post from page 1 or 2 gets
        if "ctl00$btnSearch" in form:
            return None
        if form.get("__EVENTTARGET") == "ctl00$main$gvNews" and \
                form.get("__EVENTARGUMENT") == "Page$2" and form.get("__VIEWSTATE") == "vs1":
            return aspnet_list(items[2:3], 2)
        if form.get("ctl00$main$btnNext") == "下一页" and form.get("__VIEWSTATE") == "vs2":
            return aspnet_list(items[3:], 3)
        return None

    routes = {"/": home_page(news="news.aspx?c=3"),
              "/news.aspx?c=3": aspnet_list(items[:2], 1), "POST /news.aspx?c=3": post}
    for href, title, day in items:
        routes[f"/{href}"] = article_page(title, day, PARAS, news="news.aspx?c=3")
    with StaticSite(routes) as site:
        run_crawl(tmp_path, f"base_url={site.url}")
    assert titles(tmp_path / "archive.db") == sorted(t for _, t, _ in items)
    posts = [r for r in site.requests if r.startswith("POST ")]
    assert len(posts) == 2 and "Page%242" in posts[0] and "btnNext" in posts[1]


# --- an article split over pages ----------------------------------------------------------------

def split_article(title: str, day: str, paragraph: str, pager: str) -> str:
    """One page of a split article: its pager inside the article's text block, followed by the
    editor's credit (so that the body reader takes the pager in)."""
    return article_page(title, day, [paragraph]).replace(
        "</p></div>", f"</p><p>{pager}</p><p>（责任编辑：王喆）</p></div>", 1)


def test_an_article_split_over_pages_is_stored_once_whole(tmp_path):
    p = ["4月14日，南港集团发布2022年度社会责任报告，全面展示安全生产、绿色发展等方面的实践。",
         "报告第二部分介绍了集团在节能减排方面的举措，全年新增岸电设施四套，减少排放。",
         "报告最后对2023年的社会责任工作作出展望，提出推进绿色港口建设的具体目标。"]
    report, plan = "南港集团发布2022年度社会责任报告", "南港集团印发港区绿色发展三年行动方案"
    q = ["行动方案明确了港区绿色发展的总体要求和主要目标，分三年推进实施完成。",
         "方案提出，到2025年港区岸电使用率明显提升，新能源设备占比进一步提高。"]
    broken = "南港集团举办2022年度职工运动会"
    r = ["11月5日，南港集团2022年度职工运动会在港区体育场开幕，千余名职工参加。",
         "运动会设置了拔河、接力跑等多个集体项目，展现了职工的团结协作精神。"]
    runs = []

    def report_page(n):
        links = " ".join(f'<a href="view.asp?id=52&page={k}">{k}</a>' if k != n else f"第{k}页"
                         for k in (1, 2, 3))
        nxt = f' <a href="view.asp?id=52&page={n + 1}">下一页</a>' if n < 3 else ""
        return split_article(report, "2022-11-08", p[n - 1], links + nxt)

    def plan_page(n):  # file names with a page suffix, page numbers as images
        other = "1109.html" if n == 2 else "1109_2.html"
        return split_article(plan, "2022-11-09", q[n - 1],
                             f'<a href="{other}"><img src="/img/p{3 - n}.gif" alt="{3 - n}"></a>'
                             + (' <a href="1109_2.html"><img src="/img/next.gif" alt="下一页"></a>'
                                if n == 1 else ""))

    def broken_page_2(form):  # a server error on the first run only
        if len(runs) == 1:
            return 503, "<html><body>Service Unavailable</body></html>"
        return split_article(broken, "2022-11-05", r[1], '<a href="view.asp?id=54">上一页</a>')

    def listing(form):
        runs.append(1)
        return list_page([("view.asp?id=52", report, "2022-11-08"),
                          ("/xw/2022/1109.html", plan, "2022-11-09"),
                          ("view.asp?id=54", broken, "2022-11-05"),
                          ("view.asp?id=51", "南港集团召开四季度经营分析会", "2022-11-03")])

    routes = {
        "/": home_page(), "/list.asp?lb=2": listing,
        "/view.asp?id=51": article_page("南港集团召开四季度经营分析会", "2022-11-03", PARAS),
        "/view.asp?id=52": report_page(1), "/view.asp?id=52&page=2": report_page(2),
        "/view.asp?id=52&page=3": report_page(3),
        "/xw/2022/1109.html": plan_page(1), "/xw/2022/1109_2.html": plan_page(2),
        "/view.asp?id=54": split_article(broken, "2022-11-05", r[0],
                                         '第1页 <a href="view.asp?id=54&page=2">下一页</a>'),
        "/view.asp?id=54&page=2": broken_page_2,
    }
    db = tmp_path / "archive.db"
    with StaticSite(routes) as site:
        run_crawl(tmp_path, f"base_url={site.url}", settings={"RETRY_TIMES": "0"},
                  verdict="degraded")
        bodies = dict(query(db, "SELECT title, body FROM articles"))
        failed = query(db, "SELECT url, reason FROM failures WHERE kind = 'article'")
        run_crawl(tmp_path, f"base_url={site.url}")
    base = site.url
    # One article per document, its body every page's text in order, without the pagers.
    assert sorted(bodies) == sorted([report, plan, "南港集团召开四季度经营分析会"])
    assert bodies[report].split("\n") == p and bodies[plan].split("\n") == q
    # Every page kept as a snapshot; the article's own is its first page's.
    snapshots = {url for (url,) in query(db, "SELECT url FROM snapshots")}
    pages = ["view.asp?id=52", "view.asp?id=52&page=2", "view.asp?id=52&page=3",
             "xw/2022/1109.html", "xw/2022/1109_2.html"]
    assert {base + page for page in pages} <= snapshots
    assert query(db, "SELECT s.url FROM articles a JOIN snapshots s ON s.id = a.snapshot_id "
                 "WHERE a.title = ?", report) == [(base + "view.asp?id=52",)]
    assert query(db, "SELECT count(*) FROM article_urls WHERE url LIKE ?",
                 base + "view.asp?id=52%") == [(1,)]
    # A page that failed: the article is not stored cut short; the next run stores it whole.
    assert [(url, "page 2 of the article" in reason) for url, reason in failed] == \
        [(base + "view.asp?id=54", True)]
    assert query(db, "SELECT body FROM articles WHERE title = ?", broken) == [("\n".join(r),)]
    # The pagers' images (page numbers, 下一页) are no pictures of the article.
    assert {images for (images,) in query(db, "SELECT images FROM articles")} == {"[]"}


# --- 返回 as a button ----------------------------------------------------------------------------

def test_back_by_a_button_from_a_start_url(tmp_path):
    """From one article back to its list by a 返回 button, the only way there: the breadcrumb
    is plain text and the menu does not name the section."""
    items = [("view.asp?id=71", "南港集团召开四季度经营分析会", "2022-11-03"),
             ("view.asp?id=72", "南港码头完成岸桥年度检修工作", "2022-10-28")]
    menu = '<a href="/">网站首页</a> | <a href="/about.asp">公司概况</a>'

    def article(title, day):
        return layout(title, "<div>当前位置：首页 &gt;&gt; 港口动态</div>"
                      f"<h1>{title}</h1><div>日期：{day}</div>"
                      + "".join(f"<p>　　{x}</p>" for x in PARAS)
                      + '<div><input type="button" value="返 回" '
                        "onclick=\"javascript:location.href='gkdt.asp?lb=7'\"></div>", menu=menu)

    routes = {"/gkdt.asp?lb=7": list_page(items, menu=menu)}
    for href, title, day in items:
        routes[f"/{href}"] = article(title, day)
    with StaticSite(routes) as site:
        run_crawl(tmp_path, f"start_url={site.url}view.asp?id=71")
    assert site.requested("GET /gkdt.asp?lb=7")
    assert titles(tmp_path / "archive.db") == sorted(t for _, t, _ in items)
