"""Extraction on the kinds of page that real sites print (issue 11), each on a small page of
our own: evidence from the head, dates in every form, titles, bylines, body bounds.

Every page here is invented; each test names the kind of fault it stands for, and the
shared cases (../shared/cases) it was first seen in are rebuilt with our own text.
"""

from __future__ import annotations

import pytest

from portscraper.extract import extract_article

URL = "http://www.example-port.cn/more.asp?id=21"
TITLE = "集团召开二季度安全生产专题会议"
P1 = "4月20日上午，集团在博贺港区召开二季度安全生产专题会议，部署下一阶段安全生产重点工作。"
P2 = "会议要求，各单位要压实安全生产主体责任，深入开展隐患排查整治，确保港口生产安全平稳有序。"
P3 = "会议还对近期防汛防台工作进行了具体部署，要求值班人员坚守岗位，确保信息畅通。"
MENU = ('<div class="menu"><a href="/">首页</a> <a href="/list.asp?id=2">新闻中心</a> '
        '<a href="/list.asp?id=3">集团新闻</a> <a href="/list.asp?id=6">通知公告</a></div>')
SIDEBAR = ('<div class="side"><div>最新动态</div><ul>'
           '<li><a href="/more.asp?id=31">集团召开三季度经济运行分析会议</a>'
           '<span>2023-07-18</span></li>'
           '<li><a href="/more.asp?id=30">水东港区开展夏季消防安全大检查</a>'
           '<span>2023-07-08</span></li></ul></div>')
FOOTER = '<div class="foot">Copyright © 茂港新闻网 版权所有 粤ICP备00000000号</div>'


def page(header: str, body: str, after: str = "", head: str = "",
         title_tag: str = f"{TITLE}_茂港新闻网", top: str = "") -> str:
    """An article page: menu, sidebar, breadcrumb, the header (title, date line ...), the
    body, what follows it, the footer."""
    return (f"<html><head><meta charset='utf-8'><title>{title_tag}</title>{head}</head><body>"
            f"{top}{MENU}{SIDEBAR}<div class='content'>"
            "<div class='pos'>您的位置：<a href='/'>首页</a> &gt; "
            "<a href='/list.asp?id=3'>集团新闻</a></div>"
            f"{header}<div class='con'>{body}</div>{after}"
            "<div><a href='/list.asp?id=3'>【返回列表】</a></div></div>"
            f"{FOOTER}</body></html>")


def paragraphs(*texts: str) -> str:
    return "".join(f"<p>{t}</p>" for t in texts)


def extract(html: str, url: str = URL) -> dict:
    return extract_article(url, html.encode("utf-8"), "text/html; charset=utf-8")


# --- evidence from the page's head -------------------------------------------------------------

def test_the_head_decides_when_the_page_shows_no_title_and_no_date():
    html = page("", paragraphs(P1, P2),
                head=f'<meta name="ArticleTitle" content="{TITLE}">'
                     '<meta name="PubDate" content="2023-04-23 10:22">',
                title_tag="茂港新闻网")
    got = extract(html)
    assert (got["title"], got["published"]) == (TITLE, "2023-04-23T10:22")
    assert got["evidence"]["title"] == "head:articletitle"
    assert got["evidence"]["published"] == "head:pubdate"
    assert got["body"] == f"{P1}\n{P2}"


def test_a_visible_line_the_head_confirms_wins_and_says_so():
    html = page(f"<div class='tit'>{TITLE}</div><div>发布时间：2023-04-23</div>",
                paragraphs(P1, P2),
                head='<meta property="article:published_time" content="2023-04-23T10:22:00+08:00">'
                     f'<meta property="og:title" content="{TITLE}">')
    got = extract(html)
    assert got["title"] == TITLE and got["published"] == "2023-04-23"
    assert got["evidence"] == {"title": "page+head", "published": "page+head", "byline": "",
                               "body": "page", "section": "page"}


@pytest.mark.parametrize("title_tag", [f"{TITLE}_集团新闻_茂港新闻网", f"茂港新闻网 - {TITLE}"])
def test_the_title_tag_without_the_site_name_when_the_page_shows_no_title(title_tag):
    got = extract(page("", paragraphs(P1, P2), title_tag=title_tag))
    assert got["title"] == TITLE and got["evidence"]["title"] == "head:title"


def test_the_heads_column_name_is_the_section_when_no_breadcrumb_names_one():
    html = page(f"<h1>{TITLE}</h1><div>2023-04-23</div>", paragraphs(P1, P2),
                head='<meta name="ColumnName" content="集团要闻">').replace("您的位置：", "")
    html = html.replace("<a href='/'>首页</a> &gt; <a href='/list.asp?id=3'>集团新闻</a>", "")
    got = extract(html)
    assert (got["section"], got["evidence"]["section"]) == ("集团要闻", "head:columnname")


def test_json_ld_news_article_is_read():
    ld = ('<script type="application/ld+json">{"@context": "https://schema.org", '
          f'"@type": "NewsArticle", "headline": "{TITLE}", "datePublished": '
          '"2023-04-23T10:22:00+08:00", "author": {"@type": "Person", "name": "王喆"}}</script>')
    got = extract(page("", paragraphs(P1, P2), head=ld, title_tag="茂港新闻网"))
    assert (got["title"], got["published"], got["byline"]) == (TITLE, "2023-04-23T10:22:00",
                                                               "王喆")
    assert got["evidence"]["byline"] == "head:json-ld"


def test_the_date_in_the_url_when_nothing_else_gives_one():
    got = extract(page(f"<h1>{TITLE}</h1>", paragraphs(P1, P2)),
                  url="http://www.example.gov.cn/art/2023/4/23/art_1234_567890.html")
    assert got["published"] == "2023-04-23" and got["evidence"]["published"] == "url"


def test_a_site_name_meta_author_is_no_byline():
    got = extract(page(f"<h1>{TITLE}</h1><div>2023-04-23</div>", paragraphs(P1, P2),
                       head='<meta name="author" content="茂港新闻网">'))
    assert got["byline"] == ""


# --- dates -------------------------------------------------------------------------------------

@pytest.mark.parametrize("date_line, iso", [
    ("发布时间：2023年4月23日 星期日", "2023-04-23"),                  # case 01
    ("发布时间：２０２３－０４－２３　１０：２２", "2023-04-23T10:22"),     # case 04
    ("发布日期：二〇二三年四月二十三日", "2023-04-23"),
    ("发布时间：23-04-23", "2023-04-23"),
    ("<div>2023</div><div>04/23</div><div>10:22</div>", "2023-04-23T10:22"),  # split
])
def test_date_lines_in_the_forms_people_print(date_line, iso):
    top = "<div class='today'>今天是：2026年11月24日 星期二</div>"
    header = f"<h2>{TITLE}</h2><div class='info'>{date_line}</div>"
    got = extract(page(header, paragraphs(P1, P2), top=top))
    assert got["published"] == iso
    assert "发布" not in got["body"] and got["body"].startswith(P1[:10])


def test_a_month_and_day_take_the_year_from_the_head():
    html = page(f"<h1>{TITLE}</h1><div>发布时间：04-23 10:22</div>", paragraphs(P1, P2),
                head='<meta itemprop="dateModified" content="2023-05-01 08:00">')
    assert extract(html)["published"] == "2023-04-23T10:22"


def test_the_date_line_is_found_with_links_and_widgets_between_it_and_the_text():
    header = (f"<h1>{TITLE}</h1><div class='info'>2023-04-23 10:22 来源：<a href='/'>茂名日报</a>"
              " <a href='/report'>举报</a></div>"
              "<div class='share'>分享到：<ul><li><a href='#'>微信</a></li><li><a href='#'>微博</a>"
              "</li><li><a href='#'>QQ空间</a></li></ul></div>"
              "<div class='font'>字号 <a href='#'>超大</a> <a href='#'>大</a> <a href='#'>标准</a>"
              " <a href='#'>小</a></div><div class='counter'>阅读 1024</div>"
              "<div class='video'>您的浏览器暂时无法播放此视频.</div>")
    got = extract(page(header, paragraphs(P1, P2, P3)))
    assert got["published"] == "2023-04-23T10:22"
    assert got["body"].split("\n")[-3:] == [P1, P2, P3]


def test_a_date_in_the_first_paragraph_never_beats_the_labelled_date_line():
    first = "2023年4月20日上午，集团在博贺港区召开二季度安全生产专题会议，部署重点工作。"
    header = f"<h1>{TITLE}</h1>"
    after = "<div>发布日期：2023-04-23　责任编辑：陈晓</div>"
    got = extract(page(header, paragraphs(first, P2), after=after))
    assert got["published"] == "2023-04-23"
    assert got["body"] == f"{first}\n{P2}"


def test_a_last_updated_line_is_not_the_publication_date():
    header = f"<h1>{TITLE}</h1><div>发布时间：2023-04-23</div><div>最后更新：2024-01-05</div>"
    got = extract(page(header, paragraphs(P1, P2)))
    assert got["published"] == "2023-04-23"
    assert "更新" not in got["body"] and got["title"] == TITLE


# --- titles ------------------------------------------------------------------------------------

@pytest.mark.parametrize("open_tag, close_tag", [("<h2>", "</h2>"),
                                                ("<p><strong>", "</strong></p>")])
def test_a_heading_broken_by_br_is_one_title(open_tag, close_tag):  # case 21
    long_title = "集团召开二季度安全生产专题会议暨防汛防台工作部署会"
    header = (f"<div class='tit'>{open_tag}集团召开二季度安全生产专题会议<br>"
              f"暨防汛防台工作部署会{close_tag}</div><div>发布时间：2023-04-23</div>")
    got = extract(page(header, paragraphs(P1, P2), title_tag=f"{long_title}_茂港新闻网"))
    assert (got["title"], got["kicker"]) == (long_title, "")


@pytest.mark.parametrize("control", ["字号 大 中 小", "A+ A-", "关注", "分享到", "【打印】",
                                     "图集", "登录", "小字号"])
def test_control_and_button_lines_are_never_the_title(control):
    header = f"<div>{TITLE}</div><div>{control}</div><div>2023-04-23</div>"
    got = extract(page(header, paragraphs(P1, P2), title_tag="茂港新闻网"))
    assert got["title"] == TITLE


def test_a_badge_glued_to_the_title_is_not_part_of_it():
    header = f"<h1><span>原创</span>{TITLE}</h1><div>2023-04-23 10:22</div>"
    got = extract(page(header, paragraphs(P1, P2), title_tag=TITLE))
    assert got["title"] == TITLE


def test_a_title_the_body_repeats_in_bold_is_read_where_it_stands_first():
    header = f"<div class='tit'>{TITLE}</div><div>来源: | 发布时间: 2023-04-23 | 浏览次数: 21</div>"
    body = f"<p><strong>{TITLE}</strong></p>" + paragraphs(P1, P2)
    got = extract(page(header, body, title_tag=f"{TITLE}-集团新闻"))
    assert got["title"] == TITLE and got["published"] == "2023-04-23"
    assert got["body"] == f"{P1}\n{P2}"


# --- bylines -----------------------------------------------------------------------------------

@pytest.mark.parametrize("where, line, byline", [
    ("info", "发布时间：2023-04-23　来源：茂名日报　作者：本报记者 李明", "李明"),     # case 19
    ("info", "2023-04-23 来源：茂名日报作者：王喆", "王喆"),
    ("info", "2023-04-23 | 来源 茂名日报 | 作者陈珺", "陈珺"),
    ("under", "本报记者 王喆 李昇", "王喆 李昇"),
    ("first", "本报讯（记者 王喆 通讯员 陈珺）4月20日上午，集团召开会议。", "王喆 陈珺"),
    ("first", "茂名日报4月20日讯（特约记者 黄堃）集团召开会议。", "黄堃"),
    ("last", "（通讯员：黎祖声）", "黎祖声"),
    ("last", "文/图：梁彧 陈玥", "梁彧 陈玥"),
    ("last", "采写：茂名日报见习记者 林子沛", "林子沛"),
    ("info", "2023-04-23 来源：南方网作者：陈琳编辑：周洋", "陈琳"),    # three labels glued
    ("info", "发布时间 2023-08-11　作者 苏文斌　来源 钦州日报", "苏文斌"),  # no colons
    ("info", "2023-04-23 <span>作者：</span><span>来源：</span>", ""),  # empty labels
    ("info", "2023-04-23 作者：集团办公室", ""),                      # an office
    ("under", "见习记者 方子涵 通讯员 钟立", "方子涵 钟立"),
    ("first", "本报讯 记者王海 通讯员李静 报道：4月20日，集团召开会议。", "王海 李静"),
    ("closing", "（党群工作部 何丽红）", "何丽红"),
])
def test_bylines_in_all_the_common_forms(where, line, byline):
    header, body = f"<h1>{TITLE}</h1>", [P1, P2]
    if where == "info":
        header += f"<div class='info'>{line}</div>"
    else:
        header += "<div>2023-04-23</div>"
    if where == "under":
        header += f"<div>{line}</div>"
    elif where == "first":
        body = [line, P2]
    elif where == "last":
        body = [P1, P2, line, "编辑：陈晓", "审核：王喆"]
    elif where == "closing":
        body = [P1, P2 + line]
    got = extract(page(header, paragraphs(*body)))
    assert got["byline"] == byline
    assert line not in got["body"] or where == "first"
    if where == "last":
        assert got["credits"]["编辑"] == ["陈晓"] and got["credits"]["审核"] == ["王喆"]
    if where in ("last", "closing"):
        assert got["body"] == f"{P1}\n{P2}"
    if "周洋" in line:
        assert got["credits"]["编辑"] == ["周洋"]


@pytest.mark.parametrize("placeholder", ["佚名", "admin", "管理员", "本站"])
def test_placeholders_are_no_names(placeholder):
    header = f"<h1>{TITLE}</h1><div>发布时间：2023-04-23 作者：{placeholder}</div>"
    assert extract(page(header, paragraphs(P1, P2)))["byline"] == ""


# --- body bounds -------------------------------------------------------------------------------

def test_the_body_starts_at_the_text_not_at_hidden_blocks_or_info_lines():
    header = f"<h1>{TITLE}</h1><div>2023-04-23</div>"
    body = ("<div style='display:none'>隐藏的摘要：集团召开会议，部署安全生产工作，"
            "此段读者看不见。</div><p>来源：茂名日报</p>" + paragraphs(P1, P2))
    assert extract(page(header, body))["body"] == f"{P1}\n{P2}"


def test_a_short_first_paragraph_after_an_image_is_kept():
    header = f"<h1>{TITLE}</h1><div>2023-04-23</div>"
    body = ("<p><img src='/upload/2023/0423/photo1.jpg' width='500'></p>"
            "<p>会议召开了。</p>" + paragraphs(P1, P2))
    got = extract(page(header, body))
    assert got["body"].startswith("会议召开了。\n")
    assert got["images"][0]["url"].endswith("photo1.jpg")


@pytest.mark.parametrize("after", [
    "<div>相关阅读</div><ul><li><a href='/more.asp?id=9'>集团召开一季度安全生产专题会议</a>"
    "</li></ul>",
    "<p>【1】【2】【3】【4】</p>",
    "<p>第1页 <a href='?page=2'>2</a> <a href='?page=2'>下一页</a></p>",
    "<div>网友评论</div><p>写得真好，为港口建设者点赞！大家辛苦了。</p>",
    "<p>特别声明：本文为政务机构在本平台上传并发布，仅代表该机构观点。</p>",
    "<p>标签：安全生产 防汛防台</p>",
    "<p>扫描二维码关注茂港新闻官方微信，第一时间获取港口资讯。</p>",
    "<p>阅读全文</p>",
    "<p>上一篇：<a href='/more.asp?id=20'>博贺港区开展防台风应急演练活动</a></p>",
    "<p>前一篇：<a href='/more.asp?id=20'>博贺港区开展防台风应急演练活动</a></p>",
    "<p>258条评论 | 20,536人参与</p>",
])
def test_the_body_ends_before_what_follows_an_article(after):
    header = f"<h1>{TITLE}</h1><div>2023-04-23</div>"
    got = extract(page(header, paragraphs(P1, P2, P3) + after))
    assert got["body"] == f"{P1}\n{P2}\n{P3}"


def test_words_that_end_an_article_elsewhere_do_not_end_it_inside_a_sentence():
    mid = "港口为企业提供技术支持，老年人参与志愿服务的热情很高，扫码支付也已普及。"
    header = f"<h1>{TITLE}</h1><div>2023-04-23</div>"
    assert extract(page(header, paragraphs(P1, mid, P2)))["body"] == f"{P1}\n{mid}\n{P2}"


def test_the_closing_credits_end_the_text_and_the_teaser_after_them_is_not_body():
    header = f"<h1>{TITLE}</h1><div>2023-04-23</div>"
    teaser = "水东港区完成年度设备检修计划，各项设备运行良好，为旺季生产打下坚实基础。"
    body = paragraphs(P1, P2, "采写：茂名日报记者 王喆", "责任编辑：", teaser)
    got = extract(page(header, body))
    assert got["body"] == f"{P1}\n{P2}" and got["byline"] == "王喆"


def test_a_list_page_is_still_no_article():
    items = "".join(f"<li><a href='/more.asp?id={i}'>集团召开第{i}次安全生产专题会议</a>"
                    f"<span>2023-04-{i:02d}</span></li>" for i in range(1, 16))
    html = ("<html><head><title>集团新闻_茂港新闻网</title></head><body>" + MENU +
            f"<div>您的位置：首页 &gt; 集团新闻</div><ul>{items}</ul>"
            "<div>共 48 条记录 页次：1/4 <a href='?page=2'>下一页</a></div>" + FOOTER +
            "</body></html>")
    got = extract(html, url="http://www.example-port.cn/list.asp?id=3")
    assert got["body"] == ""


# --- kinds found by trying pages written by someone else (issue 11, second round) ---------------

def test_a_date_in_a_sentence_never_beats_the_head_or_the_url():
    first = "2023年4月20日，港口完成集装箱吞吐量12万标箱，创同期新高。"
    got = extract(page(f"<h1>{TITLE}</h1>", paragraphs(first, P2)),
                  url="http://www.example.cn/html/news/2023/0421/77.html")
    assert got["published"] == "2023-04-21" and got["body"] == f"{first}\n{P2}"


def test_a_notice_is_dated_by_the_line_under_its_signature():
    body = paragraphs("集团各部门、各下属企业：",
                      "根据国务院办公厅通知，2022年12月31日至2023年1月2日放假调休，共3天。",
                      "茂名港集团有限公司", "2022年12月30日")
    got = extract(page("<h2>关于2023年元旦放假的通知</h2>", body,
                       title_tag="关于2023年元旦放假的通知_茂港新闻网"))
    assert got["published"] == "2022-12-30" and got["subtitle"] == ""
    assert got["body"].startswith("集团各部门、各下属企业：\n")
    assert got["body"].endswith("茂名港集团有限公司\n2022年12月30日")


@pytest.mark.parametrize("date_line, iso", [
    ("发布时间：2023/4/23 下午 03:05:00", "2023-04-23T15:05:00"),
    ("时间：2023年4月23日 上午10:30", "2023-04-23T10:30"),
    ("<div>23</div><div>2023-04</div>", "2023-04-23"),
    ("<div>04/23</div><div>2023</div>", "2023-04-23"),
])
def test_times_of_day_and_dates_split_in_any_order(date_line, iso):
    got = extract(page(f"<h1>{TITLE}</h1><div class='info'>{date_line}</div>",
                       paragraphs(P1, P2)))
    assert got["published"] == iso


def test_a_month_and_day_printed_alone_give_their_time_when_the_url_agrees():
    got = extract(page(f"<h1>{TITLE}</h1><div><span>04月23日 10:22</span></div>",
                       paragraphs(P1, P2)), url="http://www.example.cn/202304/t20230423_1.html")
    assert got["published"] == "2023-04-23T10:22"


def test_one_long_paragraph_is_not_the_whole_text():
    short = "演练检验了应急预案。（陈昇 黄珺）"
    got = extract(page(f"<h1>{TITLE}</h1><div>2023-04-23</div>", paragraphs(P1 + P2, short)))
    assert got["body"] == f"{P1}{P2}\n演练检验了应急预案。" and got["byline"] == "陈昇 黄珺"


def test_a_credits_block_in_a_cell_of_its_own_is_read():
    after = ("<table><tr><td>通讯员：吴超<br>编&nbsp;&nbsp;&nbsp;辑：梁宇<br>"
             "审&nbsp;&nbsp;&nbsp;核：杨志</td></tr></table>")
    got = extract(page(f"<h1>{TITLE}</h1><div>2023-04-23</div>", paragraphs(P1, P2),
                       after=after))
    assert got["credits"] == {"通讯员": ["吴超"], "编辑": ["梁宇"], "审核": ["杨志"]}
    assert got["byline"] == "吴超" and got["body"] == f"{P1}\n{P2}"


def test_a_block_the_pages_own_style_sheet_hides_is_not_read():
    head = "<style>.follow {display: none}</style>"
    body = "<div class='follow'><p>【点击上方蓝字关注我们】每天为您推送港口资讯。</p></div>"
    got = extract(page(f"<h1>{TITLE}</h1><div>2023-04-23</div>", body + paragraphs(P1, P2),
                       head=head))
    assert got["body"] == f"{P1}\n{P2}"


@pytest.mark.parametrize("after", ["<p>- END -</p>", "<p>返回搜狐，查看更多</p>",
                                   "<p>下载港口新闻客户端，获取更多港口资讯。</p>",
                                   "<h3>相关视频</h3><p>【视频】南沙四期全自动化码头探访，请观看。</p>"])
def test_more_that_ends_an_article(after):
    got = extract(page(f"<h1>{TITLE}</h1><div>2023-04-23</div>", paragraphs(P1, P2) + after))
    assert got["body"] == f"{P1}\n{P2}"


@pytest.mark.parametrize("label", ["您所在的位置：", "您当前位置：", "您当前的位置：", ""])
def test_breadcrumbs_by_other_labels_and_without_one(label):
    html = page(f"<h1>{TITLE}</h1><div>2023-04-23</div>", paragraphs(P1, P2)).replace(
        "您的位置：", label)
    assert extract(html)["section"] == "集团新闻"


def test_a_list_of_items_with_summaries_is_no_article():
    items = "".join(f"<div><a href='/more.asp?id={i}'>集团召开第{i}次安全生产专题会议并部署工作</a>"
                    f"<p>会议总结了上阶段安全生产工作，部署了下一阶段重点任务，要求各单位落实。</p>"
                    f"<span>2023-04-{i:02d}</span></div>" for i in range(1, 9))
    html = ("<html><head><title>集团新闻_茂港新闻网</title></head><body>" + MENU +
            f"<div>您的位置：首页 &gt; 集团新闻</div>{items}" + FOOTER + "</body></html>")
    assert extract(html, url="http://www.example-port.cn/list.asp?id=3")["body"] == ""


@pytest.mark.parametrize("header", [
    "<h2>秦皇岛港召开安全生产委员会会议<br>暨汛期安全生产工作部署会</h2>",
    "<table><tr><td><font size='4'><b>秦皇岛港召开安全生产委员会会议<br>"
    "暨汛期安全生产工作部署会</b></font></td></tr></table>",
    "<div class='newsTitle'>秦皇岛港召开安全生产委员会会议<br/>暨汛期安全生产工作部署会</div>",
])
def test_a_broken_title_is_one_title_without_the_heads_word(header):
    got = extract(page(header + "<div>2023-06-02</div>", paragraphs(P1, P2),
                       title_tag="秦皇岛港股份有限公司"))
    whole = "秦皇岛港召开安全生产委员会会议暨汛期安全生产工作部署会"
    assert (got["title"], got["kicker"]) == (whole, "")


@pytest.mark.parametrize("above", ["<div><span>港口观察</span><a href='/follow'>关注</a></div>",
                                   "<div class='ad'>广告位</div>"])
def test_a_line_with_a_button_or_a_placeholder_is_no_kicker(above):
    got = extract(page(f"{above}<h2>{TITLE}</h2><div>2023-04-23</div>", paragraphs(P1, P2),
                       title_tag="茂港新闻网"))
    assert (got["title"], got["kicker"]) == (TITLE, "")


def test_a_latin_name_closing_an_english_copy_is_its_byline():
    text = ("The meeting required all units to do a good job in flood prevention and typhoon "
            "prevention.(Wu Chao)")
    first = "On April 20, the Group held a special safety production meeting at Bohe Port."
    got = extract(page("<h1>Group holds safety meeting</h1><div>2023-4-23</div>",
                       paragraphs(first, text), title_tag="Group holds safety meeting"))
    assert got["byline"] == "Wu Chao" and "Wu Chao" not in got["body"]


def test_pictures_and_attachments_are_kept_as_a_browser_asks_for_them():
    body = ("<p><img src='\\upload\\2023\\港口.jpg' width='500'></p>" + paragraphs(P1, P2) +
            "<p>附件：<a href='upload\\通知.doc'>通知.doc</a></p>")
    got = extract(page(f"<h1>{TITLE}</h1><div>2023-04-23</div>", body))
    assert got["images"][0]["url"] == (
        "http://www.example-port.cn/upload/2023/%E6%B8%AF%E5%8F%A3.jpg")
    assert got["attachments"][0]["url"] == "http://www.example-port.cn/upload/%E9%80%9A%E7%9F%A5.doc"
