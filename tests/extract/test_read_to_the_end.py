"""A page is read to its end, as a browser shows it.

Server-side includes paste whole documents into a page (a header or a footer with its own
<html>…</html>), and some templates close the body before their last blocks. libxml2 stops at the
first </html> and puts what follows </body> outside the body; a browser ignores both tags until
the end of the file. Every text of the page must be in its lines, in order.
"""

from __future__ import annotations

import pytest

from portscraper.extract import extract_article, read_page

HEAD = "<html><head><title>港口新闻网</title></head><body>"

FAMILIES = {
    "an early </html>, then an include comment":
        HEAD + "<div>一、码头开工</div></body></html>\n<!--#include virtual=\"/inc/art.shtml\"-->\n"
        "<div>二、船舶靠泊</div><p>三、安全检查</p></body></html>",
    "an early </body> only":
        HEAD + "<div>一、码头开工</div></body>\n<div>二、船舶靠泊</div>\n"
        "<p>三、安全检查</p></html>",
    "</html> twice":
        HEAD + "<div>一、码头开工</div></html>\n<div>二、船舶靠泊</div>\n"
        "<p>三、安全检查</p>\n</html>",
    "a whole document included in the middle":
        HEAD + "<div>一、码头开工</div>\n<!DOCTYPE html><html lang=\"zh\">"
        "<head><meta charset=\"gbk\"><title>页头</title><style>p{margin:0}</style></head>"
        "<body class=\"inc\">"
        "<div>二、船舶靠泊</div></body></html>\n<p>三、安全检查</p></body></html>",
    "a second <body> start tag":
        HEAD + "<div>一、码头开工</div><body class=\"article\"><div>二、船舶靠泊</div>"
        "<p>三、安全检查</p></body></html>",
    "bare text and a <br> after </html>":
        HEAD + "<div>一、码头开工</div></body></html>二、船舶靠泊<br>三、安全检查",
    "upper case tags with spaces":
        HEAD + "<div>一、码头开工</div></BODY >\n</HTML\n><TABLE><TR><TD>二、船舶靠泊</TD></TR>"
        "</TABLE><P>三、安全检查</P></BODY></HTML>",
}


@pytest.mark.parametrize("name", FAMILIES)
def test_every_line_in_order(name):
    page = read_page("http://port.example.cn/a.html", FAMILIES[name])
    assert [line.text for line in page.lines] == ["一、码头开工", "二、船舶靠泊", "三、安全检查"]


def test_links_after_an_early_end_are_seen():
    html = HEAD + "<div>导航</div></body></html><ul><li><a href=\"/2.html\">第二篇</a></li></ul>"
    page = read_page("http://port.example.cn/list.html", html)
    assert [(link.text, link.href) for line in page.lines for link in line.links] == \
        [("第二篇", "/2.html")]


# The page starts with an included header that is a whole document, closed by </body></html>;
# the article and the footer follow it.
SSI_ARTICLE = """<!DOCTYPE html>
<html>
<head><meta charset="utf-8"><title>东港码头新建两个五万吨级泊位_港口新闻网</title></head>
<body>
<div class="top"><a href="/">首页</a> <a href="/news/">新闻中心</a>
 <a href="/news/gsxw/">公司新闻</a> <a href="/about/">关于我们</a></div>
</body>
</html>
<!--#include virtual="/inc/header.shtml" end-->
<div class="pos">当前位置：<a href="/">首页</a> &gt; <a href="/news/">新闻中心</a> &gt;
 <a href="/news/gsxw/">公司新闻</a></div>
<h1>东港码头新建两个五万吨级泊位</h1>
<div class="info">发布时间：2021-06-18</div>
<div class="content">
<p>6月17日，东港码头二期工程两个五万吨级泊位通过竣工验收，港区年通过能力增加六百万吨。</p>
<p>二期工程于两年前开工，建设单位克服台风多发等不利因素，比计划提前两个月完工。（周海燕）</p>
</div>
<div class="pn">上一篇：<a href="/news/gsxw/101.html">港区开展夏季消防演练</a></div>
<!--#include virtual="/inc/footer.shtml"-->
<html><body><div class="foot">版权所有 港口新闻网</div></body></html>
</body>
</html>
"""


def test_an_article_after_an_included_document():
    got = extract_article("http://port.example.cn/news/gsxw/102.html", SSI_ARTICLE.encode(),
                          "text/html")
    assert got["title"] == "东港码头新建两个五万吨级泊位"
    assert got["published"] == "2021-06-18"
    assert got["section"] == "公司新闻"
    assert got["body"] == (
        "6月17日，东港码头二期工程两个五万吨级泊位通过竣工验收，港区年通过能力增加六百万吨。\n"
        "二期工程于两年前开工，建设单位克服台风多发等不利因素，比计划提前两个月完工。")
    assert got["byline"] == "周海燕"
    assert "版权所有" not in got["body"]


def test_unclosed_tags_that_nest_the_page_deep_lose_nothing():
    """An old CMS that never closes <font> nests every paragraph in the one before: libxml2
    drops what lies deeper than 256 levels unless asked not to, and a recursive walk of the
    tree would overflow Python's stack; every paragraph is read, in order, and is the body."""
    paragraphs = "".join(f"<p><font color=red>第{i}段：集团召开安全生产工作会议，部署重点工作。"
                         for i in range(400))
    html = (f"<html><head><title>集团召开会议</title></head><body><h1>集团召开会议</h1>"
            f"<div>2023-04-23</div>{paragraphs}</body></html>")
    body = extract_article("http://www.example.cn/a.html", html)["body"].split("\n")
    assert [line.split("：")[0] for line in body] == [f"第{i}段" for i in range(400)]


def test_a_tree_a_thousand_deep_is_read():
    html = HEAD + "<div>" * 1000 + "<p>码头开工。</p>" + "</div>" * 1000 + "</body></html>"
    assert [line.text for line in read_page("http://www.example.cn/", html).lines] == ["码头开工。"]
