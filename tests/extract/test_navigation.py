"""Finding the way as a reader does, on small pages in markups the replica does not use:
menus by name, the list beside its pagination, the next page, 返回."""

from __future__ import annotations

import re

import pytest

from portscraper import settings
from portscraper.extract import read_page
from portscraper.extract.navigation import back_link, list_items, pagination, section_links

BASE = "http://www.example.cn/"


def page(body: str, url: str = BASE + "list.asp?pid=3"):
    return read_page(url, f"<html><body>{body}</body></html>")


def test_sections_by_name_in_simplified_traditional_and_spaced_labels():
    menu = page('<div><a href="/">首頁</a> <a href="a.asp?c=1">集團簡介</a> '
                '<a href="n.asp?c=2">新聞中心</a> <a href="n.asp?c=21">集 团 新 闻</a> '
                '<a href="n.asp?c=5">黨建園地</a> <a href="j.asp">人才招聘</a> '
                '<a href="n.asp?c=9">通知公告</a> <a href="n.asp?c=8">更多&gt;&gt;</a></div>')
    found = [label for label, _ in section_links(menu, settings.NEWS_SECTIONS,
                                                  settings.SKIP_SECTIONS)]
    assert found == ["新聞中心", "集 团 新 闻", "黨建園地", "通知公告"]


LIST_PAGE = """
<table><tr><td width="180">
  <div>最新动态</div>
  <div><a href="show.asp?id=900&cid=2">集团领导调研博贺新港区建设情况</a> 2024-10-25</div>
  <div><a href="show.asp?id=899&cid=2">水东港区开展防台风应急演练</a> 2024-10-20</div>
  <div><a href="show.asp?id=898&cid=2">吉达港区完成年度安全检查工作</a> 2024-10-18</div>
</td><td>
  <div>当前位置：<a href="/">首页</a> &gt;&gt; <a href="list.asp?pid=3">党建工作</a></div>
  <ul>
    <li><span>2023-4-23</span><a href="show.asp?id=501">集团党委召开理论学习中心组学习会…</a></li>
    <li><span>2023-3-2</span><a href="show.asp?id=498">集团开展“学雷锋”志愿服务活动...</a></li>
  </ul>
  <p>{pagination}</p>
</td></tr></table>"""


def test_the_list_is_the_one_beside_the_pagination_not_the_sidebar():
    items = list_items(page(LIST_PAGE.format(pagination="共 17 条 第1页/共2页 "
                                             '<a href="list.asp?pid=3&p=2">下一页</a>')))
    assert [i.url for i in items] == [BASE + "show.asp?id=501", BASE + "show.asp?id=498"]
    assert [i.published for i in items] == ["2023-04-23", "2023-03-02"]


def test_a_last_page_with_a_single_article():
    one = re.sub(r"<li><span>2023-3-2</span>.*?</li>", "", LIST_PAGE)
    items = list_items(page(one.format(pagination="共 16 条 第2页/共2页 "
                                       '<a href="list.asp?pid=3&p=1">上一页</a>')))
    assert [(i.url, i.published) for i in items] == [(BASE + "show.asp?id=501", "2023-04-23")]


@pytest.mark.parametrize("markup, next_url, at_end", [
    ('共 48 条记录 页次：2/4 每页：15 条 <a href="list.asp?pid=3&page=1">首页</a> '
     '<a href="list.asp?pid=3&page=1">上一页</a> <a href="list.asp?pid=3&page=3">下一页</a> '
     '<a href="list.asp?pid=3&page=4">尾页</a>', "list.asp?pid=3&page=3", False),
    ('共 48 条记录 页次：4/4 首页 上一页 下一页 尾页', None, True),
    ('第 2 页 共 5 页 [<a href="l.asp?p=1">1</a>] [2] [<a href="l.asp?p=3">3</a>]',
     "l.asp?p=3", False),
    ('页次：2/5 <a href="javascript:goPage(3)">下一页</a> '
     '<a href="list.asp?pid=3&page=5">尾页</a>', "list.asp?pid=3&page=3", False),
    ('Page 1 of 3 <a href="list.asp?pid=3&page=2">Next page</a>', "list.asp?pid=3&page=2",
     False),
    ('共 12 條記錄 頁次：1/2 <a href="list.asp?pid=3&page=2">下一頁</a>',
     "list.asp?pid=3&page=2", False),
])
def test_pagination_read_from_its_words_and_numbers(markup, next_url, at_end):
    found = pagination(page(LIST_PAGE.format(pagination=markup)))
    assert found.next_url == (BASE + next_url if next_url else None)
    assert found.at_end is at_end


def test_pagination_of_a_big_site_lists_hundreds_of_page_numbers():
    numbers = " ".join(f'<a href="list.asp?pid=3&page={n}">[{n}]</a>' for n in range(2, 404))
    markup = ('共 6035 条记录 页次：1/403 每页：15 条 首页 上一页 '
              f'<a href="list.asp?pid=3&page=2">下一页</a> [1] {numbers}')
    found = pagination(page(LIST_PAGE.format(pagination=markup)))
    assert found.next_url == BASE + "list.asp?pid=3&page=2"
    assert (found.current, found.total, len(found.numbered)) == (1, 403, 402)


@pytest.mark.parametrize("markup, target", [
    ('<a href="list.asp?pid=3">[返回列表]</a> <a href="/">返回首页</a>', "list.asp?pid=3"),
    ('<a href="javascript:history.back()">&gt;&gt; 返 回 &lt;&lt;</a>', None),
    ('<a href="#" onclick="location.href=\'list.asp?pid=3\'">【返回】</a>', "list.asp?pid=3"),
    ('<a href="/">返回首页</a> <a href="#top">返回顶部</a>', None),
    ('<a href="list.asp?pid=3">Return</a>', "list.asp?pid=3"),
])
def test_back_link(markup, target):
    found = back_link(page(f"<p>正文。</p><div>{markup}</div>", BASE + "show.asp?id=501"))
    assert found == (BASE + target if target else None)


def test_a_plain_text_breadcrumb_leads_back_through_the_menu():
    from portscraper.extract.navigation import link_named

    article = page('<div><a href="/">首页</a> <a href="news.asp?c=21">集团新闻</a></div>'
                   "<div>您的位置：首页 > 新闻中心 > 集团新闻</div>"
                   '<h1>标题</h1><a href="javascript:history.back()">返回</a>',
                   BASE + "show.asp?id=501")
    assert back_link(article) is None
    assert link_named(article, "集團新聞") == BASE + "news.asp?c=21"


# --- links labelled by an image or a button ----------------------------------------------------

@pytest.mark.parametrize("markup", [
    # Image-only links, no page count printed.
    '<a href="list.asp?pid=3&page=1"><img src="/i/first.gif" alt="首页"></a> '
    '<a href="list.asp?pid=3&page=1"><img src="/i/prev.gif" alt="上一页"></a> '
    '<a href="list.asp?pid=3&page=2"><img src="/i/next.gif" alt="下一页"></a> '
    '<a href="list.asp?pid=3&page=9"><img src="/i/last.gif" alt="尾页"></a>',
    # The image's title instead of its alt; English words.
    '<a href="list.asp?pid=3&page=2"><img src="/i/n.png" title="Next page"></a> '
    '<a href="list.asp?pid=3&page=9"><img src="/i/l.png" title="Last page"></a>',
    # Buttons: a pager that prints no text at all.
    '<input type="button" value="上一页" disabled> '
    '<input type="button" value="下一页" onclick="window.location.href=\'list.asp?pid=3&page=2\'">'
    ' <input type="button" value="尾页" onclick="location=\'list.asp?pid=3&page=9\'">',
    '<button onclick="location.href=\'list.asp?pid=3&page=2\'">下一页</button> '
    '<button onclick="location.href=\'list.asp?pid=3&page=9\'">末页</button>',
    # An image button.
    '第1页 <input type="image" src="/i/next.gif" alt="下一页" '
    'onclick="self.location=\'list.asp?pid=3&page=2\';return false;">',
])
def test_pagination_labelled_by_images_and_buttons(markup):
    found = pagination(page(LIST_PAGE.format(pagination=markup)))
    assert found.next_url == BASE + "list.asp?pid=3&page=2"
    assert [i.url for i in list_items(page(LIST_PAGE.format(pagination=markup)))] == \
        [BASE + "show.asp?id=501", BASE + "show.asp?id=498"]


@pytest.mark.parametrize("markup", [
    '<a href="list.asp?pid=3&page=1">上一页</a> <a href="list.asp?pid=3&page=2">下一页</a>',
    '<a href="list.asp?pid=3&page=1"><img alt="上一页"></a> '
    '<a href="list.asp?page=2&pid=3"><img alt="下一页"></a>',
])
def test_a_next_link_to_the_page_itself_ends_the_list(markup):
    found = pagination(page(LIST_PAGE.format(pagination=markup), BASE + "list.asp?pid=3&page=2"))
    assert found.next_url is None


@pytest.mark.parametrize("markup, target", [
    ('<a href="list.asp?pid=3"><img src="/i/back.gif" alt="返回"></a>', "list.asp?pid=3"),
    ('<a href="list.asp?pid=3"><img src="/i/back.gif" title="返回列表"></a>', "list.asp?pid=3"),
    ('<input type="button" value="返回" onclick="location.href=\'list.asp?pid=3\'">',
     "list.asp?pid=3"),
    ('<input type="button" value="返 回" '
     'onclick="javascript:location.replace(\'list.asp?pid=3\')">', "list.asp?pid=3"),
    ('<button type="button" onclick="top.location=\'list.asp?pid=3\'">【返回列表】</button>',
     "list.asp?pid=3"),
    ('<input type="button" value="返回" onclick="history.back()">', None),
    ('<a href="javascript:history.go(-1)"><img alt="返回"></a>', None),
    ('<input type="button" value="返回首页" onclick="location.href=\'/\'">', None),
])
def test_back_link_labelled_by_an_image_or_a_button(markup, target):
    found = back_link(page(f"<p>正文。</p><div>{markup}</div>", BASE + "show.asp?id=501"))
    assert found == (BASE + target if target else None)


def test_menu_entries_labelled_by_images_and_an_image_map():
    menu = page('<div><a href="/"><img src="m0.gif" alt="网站首页"></a>'
                '<a href="a.asp"><img src="m1.gif" alt="集团简介"></a>'
                '<a href="n.asp?c=2"><img src="m2.gif" alt="新闻中心"></a></div>'
                '<img src="menu.gif" usemap="#m"><map name="m">'
                '<area shape="rect" coords="0,0,80,20" href="n.asp?c=5" alt="党建园地">'
                '<area shape="rect" coords="80,0,160,20" href="j.asp" alt="人才招聘"></map>')
    found = section_links(menu, settings.NEWS_SECTIONS, settings.SKIP_SECTIONS)
    assert found == [("新闻中心", BASE + "n.asp?c=2"), ("党建园地", BASE + "n.asp?c=5")]


@pytest.mark.parametrize("script, target", [
    ("location.href='x.asp?id=1'", "x.asp?id=1"),
    ('window.location = "x.asp?id=1";', "x.asp?id=1"),
    ("top.location.href='x.asp?id=1'", "x.asp?id=1"),
    ("parent.location='x.asp?id=1'", "x.asp?id=1"),
    ("document.location.href = 'x.asp?id=1'", "x.asp?id=1"),
    ('location.replace("x.asp?id=1")', "x.asp?id=1"),
    ("window.location.assign('x.asp?id=1')", "x.asp?id=1"),
    ("window.navigate('x.asp?id=1')", "x.asp?id=1"),
    ("window.open('x.asp?id=1','_blank','width=600')", "x.asp?id=1"),
    # An address built at run time, a comparison, going back: nowhere to follow.
    ("location.href='x.asp?id=' + id", None),
    ("if (location.href == 'x.asp') {}", None),
    ("history.back()", None),
])
def test_script_targets(script, target):
    from portscraper.extract.controls import script_target

    assert script_target(page(""), script) == (BASE + target if target else None)


# --- pages shown in a home page's place --------------------------------------------------------

def test_frames_and_iframes_of_a_home_page():
    from portscraper.extract.navigation import frame_sources

    frameset = read_page(BASE, '<html><frameset rows="100,*"><frame src="top.htm">'
                         '<frameset cols="200,*"><frame src="left.asp"><frame src="main.asp">'
                         '</frameset></frameset></html>')
    assert frame_sources(frameset) == [BASE + "top.htm", BASE + "left.asp", BASE + "main.asp"]
    framed = page('<iframe src="about:blank"></iframe><iframe src="/portal/index.asp" '
                  'width="100%" height="900"></iframe>', BASE)
    assert frame_sources(framed) == [BASE + "portal/index.asp"]


@pytest.mark.parametrize("head, body", [
    ('<script>window.location.href="index2.asp";</script>', ""),
    ("<script type='text/javascript'>\n  top.location = 'index2.asp'\n</script>", ""),
    ('<script>location.replace("index2.asp")</script>', ""),
    ('<meta http-equiv="refresh" content="0; url=index2.asp">', ""),
    ("<meta http-equiv='Refresh' content=\"3;URL='index2.asp'\">", ""),
    ("", '<script>document.location = "index2.asp";</script>'),
])
def test_a_home_page_that_sends_the_browser_on(head, body):
    from portscraper.extract.navigation import redirect_targets

    home = read_page(BASE, f"<html><head>{head}</head><body>{body}</body></html>")
    assert redirect_targets(home) == [BASE + "index2.asp"]


def test_a_splash_page_is_entered():
    from portscraper.extract.navigation import entrance_links

    splash = page('<img src="welcome.jpg"><a href="index.asp"><img src="enter.gif" alt="进入网站">'
                  '</a> <a href="en/index.asp">English</a>', BASE)
    assert entrance_links(splash) == [BASE + "index.asp"]


def test_a_redirect_to_one_of_two_pages_leads_to_both():
    from portscraper.extract.navigation import redirect_targets

    home = read_page(BASE, "<html><head><script>if (/Mobile/.test(navigator.userAgent)) "
                     "{ window.location.href = 'm/index.asp'; } else "
                     "{ window.location.href = 'index2.asp'; }</script></head></html>")
    assert redirect_targets(home) == [BASE + "m/index.asp", BASE + "index2.asp"]


def test_what_is_no_redirect():
    from portscraper.extract.navigation import redirect_targets

    home = read_page(BASE, '<html><head><script src="go.js"></script>'
                     '<noscript><meta http-equiv="refresh" content="0;url=nojs.asp"></noscript>'
                     "<script>function go(p){ location.href = 'list.asp?page=' + p; }</script>"
                     # A notice the home page pops up is no redirect.
                     "<script>window.open('notice.htm', '', 'width=400,height=300')</script>"
                     "</head><body>欢迎</body></html>")
    assert redirect_targets(home) == []


# --- list items --------------------------------------------------------------------------------

def test_a_truncated_list_title_counts_when_its_title_attribute_holds_it_whole():
    items = list_items(page(
        '<div>当前位置：<a href="/">首页</a> &gt; <a href="list.asp?pid=3">集团新闻</a></div><ul>'
        '<li><a href="show.asp?id=7" title="集团召开2023年安全生产工作会议">集团召开…</a> '
        "2023-2-1</li>"
        '<li><a href="show.asp?id=6" title="Maoming Port Group held its 2023 work conference">'
        "Maoming Port Group held ...</a> 2023-1-20</li>"
        # A title attribute that is not the whole title does not make a short stem a title.
        '<li><a href="show.asp?id=5" title="更多新闻">集团开展…</a> 2023-1-5</li>'
        '</ul><p>共 3 条记录 页次：1/1</p>'))
    assert [(i.url, i.title) for i in items] == [
        (BASE + "show.asp?id=7", "集团召开2023年安全生产工作会议"),
        (BASE + "show.asp?id=6", "Maoming Port Group held its 2023 work conference"),
    ]


def test_a_non_ascii_query_is_encoded_in_the_page_encoding():
    html = ('<html><head><meta charset="gb2312"></head><body><div>当前位置：首页 &gt; 新闻</div>'
            '<div><a href="show.asp?lm=公司新闻&id=7">集团召开安全生产工作会议</a> 2023-2-1</div>'
            '<div><a href="show.asp?lm=公司新闻&id=6">集团开展消防应急演练活动</a> 2023-1-9</div>'
            '<div>共 2 条记录 页次：1/1</div></body></html>')
    items = list_items(read_page(BASE + "list.asp", html.encode("gb18030"), "text/html"))
    assert [i.url for i in items] == [BASE + "show.asp?lm=%B9%AB%CB%BE%D0%C2%CE%C5&id=7",
                                      BASE + "show.asp?lm=%B9%AB%CB%BE%D0%C2%CE%C5&id=6"]


# --- ASP.NET postbacks -------------------------------------------------------------------------

def test_postback_pagination():
    markup = ('<form method="post" action="news.aspx?c=3" id="form1">'
              '<input type="hidden" name="__VIEWSTATE" value="dDwtMTA4">'
              '<span>1</span> <a href="javascript:__doPostBack(\'gvNews\',\'Page$2\')">2</a> '
              '<a href="javascript:__doPostBack(\'gvNews\',\'Page$3\')">3</a> '
              '<a href="javascript:__doPostBack(\'gvNews\',\'Page$Next\')">下一页</a> '
              '<a href="javascript:__doPostBack(\'gvNews\',\'Page$Last\')">尾页</a></form>')
    found = pagination(page('<form id="search"><input name="kw"></form>'
                            + LIST_PAGE.format(pagination=markup)))
    assert found.next_url is None
    assert found.next_postback.formdata == {"__EVENTTARGET": "gvNews",
                                           "__EVENTARGUMENT": "Page$Next"}
    assert found.next_postback.form == 1  # the form that holds the pager, not the search box


def test_a_submit_button_as_the_next_page():
    markup = ('<form method="post" action="news.aspx?c=3">页次：2/3 '
              '<input type="submit" name="ctl00$btnPrev" value="上一页"> '
              '<input type="submit" name="ctl00$btnNext" value="下一页"></form>')
    found = pagination(page('<form><input name="kw"><input type="submit" name="go" value="搜索">'
                            "</form>" + LIST_PAGE.format(pagination=markup)))
    assert (found.next_postback.button, found.next_postback.form) == ("ctl00$btnNext", 1)
    assert found.next_postback.formdata == {}


def test_a_script_next_page_keeps_the_query_as_written():
    html = LIST_PAGE.format(pagination='页次：2/5 <a href="javascript:goPage(3)">下一页</a> '
                            '<a href="list.asp?lm=公司新闻&page=5">尾页</a>')
    found = pagination(read_page(BASE + "list.asp?lm=x&page=2",
                                 f'<html><head><meta charset="gbk"></head><body>{html}'
                                 "</body></html>".encode("gb18030"), "text/html"))
    assert found.next_url == BASE + "list.asp?lm=%B9%AB%CB%BE%D0%C2%CE%C5&page=3"


def test_postback_with_options_and_a_page_count():
    markup = ('页次：1/4 <a id="lnkNext" href="javascript:WebForm_DoPostBackWithOptions(new '
              'WebForm_PostBackOptions(&quot;ctl00$Main$lnkNext&quot;, &quot;&quot;, true, '
              '&quot;&quot;, &quot;&quot;, false, true))">下一页</a>')
    found = pagination(page(f"<form>{LIST_PAGE.format(pagination=markup)}</form>"))
    assert (found.next_postback.target, found.next_postback.argument) == ("ctl00$Main$lnkNext", "")


# --- an article split over pages ---------------------------------------------------------------

ARTICLE = ('<div>您的位置：<a href="/">首页</a> &gt; <a href="list.asp?pid=3">集团新闻</a></div>'
           "<h1>集团发布年度社会责任报告</h1><div>2023-4-15</div>"
           "<div><p>报告全面展示了集团在安全生产、绿色发展等方面的实践。</p>{pager}</div>"
           '<div>上一篇：<a href="{prev}">集团召开安全生产会议</a> '
           '下一篇：<a href="{next}">集团开展防台演练</a></div>')


@pytest.mark.parametrize("url, pager, prev, nxt, current, next_url", [
    ("show.asp?id=52", '第1页 <a href="show.asp?id=52&page=2">2</a> '
     '<a href="show.asp?id=52&page=3">3</a> <a href="show.asp?id=52&page=2">下一页</a>',
     "show.asp?id=51", "show.asp?id=53", 1, "show.asp?id=52&page=2"),
    ("show.asp?id=52&page=2", '<a href="show.asp?id=52&page=1">上一页</a> '
     '<a href="show.asp?id=52">[1]</a> [2] <a href="show.asp?id=52&page=3">[3]</a>',
     "show.asp?id=51", "show.asp?id=53", 2, "show.asp?id=52&page=3"),
    ("show.asp?id=52&page=3", '<a href="show.asp?id=52&page=2">上一页</a> 第3页 共3页',
     "show.asp?id=51", "show.asp?id=53", 3, None),
    # File names with a page suffix; page numbers as images.
    ("xw/2023/0415.html", '<a href="0415_2.html"><img src="/i/p2.gif" alt="2"></a> '
     '<a href="0415_2.html"><img src="/i/next.gif" alt="下一页"></a>',
     "0414.html", "0416.html", 1, "xw/2023/0415_2.html"),
    ("xw/2023/0415_2.html", '<a href="0415.html">1</a> 2 <a href="0415_3.html">下一页</a>',
     "0414.html", "0416.html", 2, "xw/2023/0415_3.html"),
    # A file name that ends in an id (TRS): t20230415_4521.html, page 2 t20230415_4521_1.html.
    ("c/t20230415_452.html", '<a href="t20230415_452_2.html">下一页</a>',
     "t20230414_451.html", "t20230416_453.html", 1, "c/t20230415_452_2.html"),
    # Reached with a parameter its pager's links leave out.
    ("show.asp?id=52&pid=12", '第1页 <a href="show.asp?id=52&page=2">2</a>',
     "show.asp?id=51&pid=12", "show.asp?id=53&pid=12", 1, "show.asp?id=52&page=2"),
    # No pager: 上一篇/下一篇 lead to other articles.
    ("xw/0415.html", "", "0415_1.html", "0416.html", 1, None),
])
def test_the_pages_of_an_article(url, pager, prev, nxt, current, next_url):
    from portscraper.extract.navigation import article_pages

    found = article_pages(page(ARTICLE.format(pager=pager, prev=prev, next=nxt), BASE + url))
    assert found.current == current
    assert found.next_url == (BASE + next_url if next_url else None)


@pytest.mark.parametrize("text, pager", [
    ("第1页 2 3 下一页", True), ("[1] [2] [3]", True), ("上一页 下一页", True),
    ("<< 上一页 | 第2页 | 下一页 >>", True), ("共3页 第2页", True), ("« 1 2 … 9 »", True),
    ("Next page", True), ("1/3", True),
    ("首页 | 集团简介 | 新闻中心", False), ("会议于3月2日召开。", False), ("2", False),
    ("2023", False), (">> 返 回 <<", False), ("上一篇：集团召开安全生产会议", False), ("", False),
])
def test_pager_text(text, pager):
    from portscraper.extract.navigation import is_pager_text

    assert is_pager_text(text) is pager


def test_a_pager_of_image_links_is_a_pager_line():
    from portscraper.extract.navigation import is_pager_line

    article = page('<p>报告全面展示了集团在安全生产方面的实践。</p>'
                   '<p><a href="show.asp?id=52&page=2"><img src="p2.gif" alt="2"></a> '
                   '<a href="show.asp?id=52&page=2"><img src="next.gif" alt="下一页"></a></p>'
                   # The last of two pages: a link to page 1 only. A bare number is no pager.
                   '<p><a href="show.asp?id=52"><img src="p1.gif" alt="1"></a></p><p>1</p>')
    assert [is_pager_line(line) for line in article.lines] == [False, True, True, False]
