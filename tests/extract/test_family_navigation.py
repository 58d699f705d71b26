"""Navigation by the CMS families' documented mechanisms, as general rules: a pager that a
script call draws from a page count (TRS's createPageHTML and its kin), and records in an XML
datastore inside a script with a data proxy for the next ones (Hanweb's jpage)."""

from __future__ import annotations

import pytest

from portscraper.extract import read_page
from portscraper.extract.navigation import list_items, pagination

LIST = ("<html><body><div>当前位置：<a href='/'>首页</a> &gt; <a href='./'>集团要闻</a></div>"
        "{}</body></html>")
ITEMS = "".join(f'<li><a href="./202304/t2023042{i}_10{i}.html">港口集团召开第{i}次安全生产工作会议'
                f"</a><span>2023-04-2{i}</span></li>" for i in range(1, 4))


@pytest.mark.parametrize("script, url, following, current", [
    ('createPageHTML(5, 0, "index", "html");', "http://x.cn/xw/jtyw/", "index_1.html", 1),
    ('createPageHTML(5, 2, "index", "html");', "http://x.cn/xw/jtyw/index_2.html",
     "index_3.html", 3),
    ("var currentPage = 0;//所在页从0开始\nvar countPage = 3//共多少页\n"
     'createPageHTML(countPage, currentPage, "index", "html");', "http://x.cn/xw/index.html",
     "index_1.html", 1),
    ("createPageHTML('page_div', 4, 1, 'list', 'shtml', 20);", "http://x.cn/a/list.shtml",
     "list_1.shtml", 1),
])
def test_a_pager_drawn_by_a_script_call_with_a_page_count(script, url, following, current):
    page = read_page(url, LIST.format(f"<ul>{ITEMS}</ul><div><script>{script}</script></div>"))
    pages = pagination(page)
    assert pages.next_url == url.rsplit("/", 1)[0] + "/" + following
    assert pages.current == current and not pages.at_end
    assert len(list_items(page)) == 3


def test_the_last_page_a_script_pager_announces_is_the_end():
    page = read_page("http://x.cn/xw/index_4.html",
                     LIST.format(f'<ul>{ITEMS}</ul><script>createPageHTML(5, 4, "index", '
                                 '"html");</script>'))
    pages = pagination(page)
    assert pages.next_url is None and pages.at_end


def test_a_script_call_that_is_no_pager_leads_nowhere():
    page = read_page("http://x.cn/xw/", LIST.format(
        f'<ul>{ITEMS}</ul><script>setTimeout(5000, 1); document.write("a", "b");</script>'))
    assert pagination(page).next_url is None


DATASTORE = """<div id="4101"><script type="text/xml"><datastore>
<nextgroup><![CDATA[<a href="/module/web/jpage/dataproxy.jsp?page=1&amp;columnid=101"></a>]]>
</nextgroup><recordset>{}</recordset></datastore></script></div>
<script>$('#4101').jpage({{ perPage: 2, totalRecord: 9, groupSize: 2 }});</script>"""


def records(first: int, last: int) -> str:
    return "".join(f'<record><![CDATA[<li><a href="/art/2023/4/{n}/art_101_{n}.html">港口集团'
                   f'召开第{n}次安全生产工作会议</a><span>2023-04-{n:02d}</span></li>]]></record>'
                   for n in range(first, last + 1))


def test_records_in_an_xml_datastore_inside_a_script_and_the_data_proxy():
    page = read_page("http://x.cn/col/col101/index.html",
                     LIST.format(DATASTORE.format(records(1, 4))))
    assert [i.url for i in list_items(page)] == [
        f"http://x.cn/art/2023/4/{n}/art_101_{n}.html" for n in range(1, 5)]
    pages = pagination(page)
    assert pages.next_url == ("http://x.cn/module/web/jpage/dataproxy.jsp?page=1&columnid=101"
                              "&startrecord=5&endrecord=8&perpage=2")
    assert (pages.current, pages.total) == (1, 3)
    # The proxy's answer: an XML datastore of its own, read as a list page.
    answer = ('<?xml version="1.0" encoding="UTF-8"?><datastore><totalrecord>9</totalrecord>'
              f"<recordset>{records(5, 8)}</recordset></datastore>")
    proxy = read_page(pages.next_url, answer.encode("utf-8"), "text/xml;charset=UTF-8")
    assert len(list_items(proxy)) == 4
    last = pagination(proxy).next_url
    assert last.endswith("startrecord=9&endrecord=12&perpage=2")
    end = read_page(last, answer.replace(records(5, 8), records(9, 9)).encode(), "text/xml")
    assert len(list_items(end)) == 1 and pagination(end).next_url is None
