"""An article split over pages, joined into one article (extract/multipage.py)."""

from __future__ import annotations

from portscraper.extract import extract_article
from portscraper.extract.multipage import join_pages

BASE = "http://www.example.cn/"
PAGE = ('<html><head><title>{title}</title></head><body>'
        '<div>您的位置：<a href="/">首页</a> &gt; <a href="list.asp?pid=3">集团新闻</a></div>'
        "<h1>{title}</h1><div>发布时间：2023-4-15</div><div class=\"content\">{body}</div>"
        '<div><a href="list.asp?pid=3">【返回】</a></div>'
        "<div>版权所有 南港集团</div></body></html>")
TITLE = "集团发布2022年度社会责任报告"


def read(url: str, body: str) -> dict:
    return extract_article(BASE + url, PAGE.format(title=TITLE, body=body))


P1 = "4月14日，集团发布2022年度社会责任报告，展示安全生产实践。"
P2 = "报告第二部分介绍了节能减排举措，全年新增岸电设施四套。"
P3 = "报告最后对2023年的社会责任工作作出了展望。"


def pager(*links: str) -> str:
    return "<p>" + " ".join(links) + "</p>"


def test_the_pages_make_one_article_in_order():
    pages = [
        read("show.asp?id=52", f"<p>　　{P1}</p>"
             '<p><img src="/up/p1.jpg"></p><p>报告发布会现场</p>'
             # Page numbers as images: read into the body, with their images.
             + pager('<a href="show.asp?id=52&page=2"><img src="/img/p2.gif" alt="2"></a>',
                     '<a href="show.asp?id=52&page=2"><img src="/img/next.gif" alt="下一页"></a>')),
        read("show.asp?id=52&page=2", f"<p>　　{P2}</p>"
             '<p><a href="/up/report.pdf">报告全文.pdf</a></p>'
             + pager('<a href="show.asp?id=52">上一页</a>', '<a href="show.asp?id=52">1</a>', "2",
                     '<a href="show.asp?id=52&page=3">3</a>',
                     '<a href="show.asp?id=52&page=3">下一页</a>')
             # A credit line under the pager: still the article's.
             + "<p>（责任编辑：王喆）</p>"),
        read("show.asp?id=52&page=3", f"<p>　　{P3}（陈珺）</p>"
             + pager('<a href="show.asp?id=52&page=2">上一页</a>', "第3页")),
    ]
    # Each page's text stops at its pager (regions.is_terminator), credits under it kept.
    assert "下一页" not in pages[1]["body"] and "next.gif" not in pages[0]["body_html"]
    assert pages[1]["credits"]["责任编辑"] == ["王喆"]
    article = join_pages(pages)
    assert article["title"] == TITLE and article["published"] == "2023-04-15"
    # The pager lines are no text; an attachment's label line is (see items.py).
    assert article["body"].split("\n") == [P1, P2, "报告全文.pdf", P3]
    assert [i["url"] for i in article["images"]] == [BASE + "up/p1.jpg"]
    assert [a["url"] for a in article["attachments"]] == [BASE + "up/report.pdf"]
    assert (article["byline"], article["credits"]["责任编辑"]) == ("陈珺", ["王喆"])
    html = article["body_html"]
    assert html.index("4月14日") < html.index("岸电设施") < html.index("展望")
    assert "下一页" not in html and "next.gif" not in html and "p1.jpg" in html


def test_a_page_that_repeats_an_earlier_one_adds_nothing():
    page = read("show.asp?id=52", f"<p>　　{P1}</p>")
    assert join_pages([page, dict(page)])["body"] == page["body"]
