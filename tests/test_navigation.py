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
