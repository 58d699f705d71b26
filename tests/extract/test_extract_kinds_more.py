"""Extraction on the kinds of page the second hundred real pages showed (issue 23), each on a
small page of our own: the page's own date over dates in its text, every reporter credit, body
bounds without furniture, a headline in two parts.

Every page here is invented (the real pages stay in ../shared/real-pages, read by
test_real_pages.py); each test names the kind of fault it stands for.
"""

from __future__ import annotations

import pytest

from portscraper.extract import extract_article

from .test_extract_kinds import FOOTER, MENU, P1, P2, P3, SIDEBAR, TITLE, URL, page


def read(html: str, url: str = URL) -> dict:
    return extract_article(url, html)


def test_dates_in_the_text_never_beat_the_date_line_under_the_title():
    header = f"<h1>{TITLE}</h1><div>2023-04-23 10:22 来源：茂名日报</div>"
    body = (f"<p>{P1}</p><p>销售时间：4月1日-4月7日，活动时间：2022年3月1日至3月5日。</p>"
            f"<p>{P2}</p>")
    got = read(page(header, body))
    assert got["published"] == "2023-04-23T10:22"


def test_a_label_inside_a_sentence_labels_nothing():
    header = f"<h1>{TITLE}</h1><div>2023-04-23 10:22更新 来源：转载文章</div>"
    body = (f"<p>{P1}</p><p>其一：飞船是在莫斯科时间1967年4月23日凌晨3：35升空的，而非8月23日。"
            f"</p><p>{P2}</p>")
    got = read(page(header, body))
    assert got["published"].startswith("2023-04-23")


def test_a_date_decades_before_any_site_is_no_date():
    header = f"<h1>{TITLE}</h1>"
    body = f"<p>1985年3月1日，港口建成。</p><p>{P1}</p><p>{P2}</p>"
    got = read(page(header, body))
    assert not got["published"].startswith("1985")


def test_a_government_table_gives_the_published_day_not_the_written_day():
    table = ("<table><tr><td>索引号：</td><td>11220000/2022-00001</td><td>发布机构：</td>"
             "<td>某省人民政府</td></tr><tr><td>成文日期：</td><td>2022年01月27日</td>"
             "<td>发布日期：</td><td>2022年01月28日</td></tr></table>")
    body = f"<p>{P1}</p><p>{P2}</p><p>某省人民政府</p><p>2022年1月27日</p>"
    got = read(page(table + f"<h1>{TITLE}</h1>", body))
    assert got["published"] == "2022-01-28"


def test_a_label_alone_above_its_date_labels_it():
    table = ("<dl><dd>索引号：</dd><dd>014742/2023-0043</dd><dd>生成日期：</dd>"
             "<div>2023-05-11</div></dl>")
    got = read(page(table + f"<h1>{TITLE}</h1>", f"<p>{P1}</p><p>{P2}</p>",
                    head='<meta name="PubDate" content="2023-08-16 10:33:59">'))
    assert got["published"] == "2023-05-11"


@pytest.mark.parametrize("dateline, names", [
    ("茂名日报讯（记者 王海涛 李静）", ["王海涛", "李静"]),
    ("新华社北京5月20日电（记者 张晓明）", ["张晓明"]),
    ("（中央社記者溫貴香台北21日電）", ["溫貴香"]),
    ("（中央社记者王海涛、李大同华盛顿20日专电）", ["王海涛", "李大同"]),
])
def test_reporters_named_in_the_dateline(dateline, names):
    got = read(page(f"<h1>{TITLE}</h1><div>2023-04-23</div>",
                    f"<p>{dateline}{P1}</p><p>{P2}</p><p>{P3}</p>"))
    assert got["byline"].split() == names
    assert got["body"].startswith(dateline)  # the dateline paragraph is the first paragraph


@pytest.mark.parametrize("line, names", [
    ("2020-10-04 15:05聯合報 記者林宸誼／台北報導", ["林宸誼"]),
    ("2020-10-04 15:05 記者林宸誼/綜合報導", ["林宸誼"]),
    ("2004年7月16日08:19 [ 黄宇 ] 来源：[ 国际金融报 ]", ["黄宇"]),
])
def test_reporters_on_the_date_line(line, names):
    got = read(page(f"<h1>{TITLE}</h1><div>{line}</div>", f"<p>{P1}</p><p>{P2}</p>"))
    assert got["byline"].split() == names


@pytest.mark.parametrize("credit", ["文/王海涛", "文｜王海涛", "撰文：王海涛", "作者：王海涛"])
def test_an_author_line_above_the_text(credit):
    got = read(page(f"<h1>{TITLE}</h1><div>2023-04-23</div>",
                    f"<p>{credit}</p><p>{P1}</p><p>{P2}</p>"))
    assert got["byline"] == "王海涛"
    assert got["body"].startswith(P1)


@pytest.mark.parametrize("closing, names", [
    ("（编译/王海涛）", ["王海涛"]),
    ("整合 新华日报·交汇点记者 王海涛", ["王海涛"]),
])
def test_an_author_closing_the_text(closing, names):
    got = read(page(f"<h1>{TITLE}</h1><div>2023-04-23</div>",
                    f"<p>{P1}</p><p>{P2}</p><p>{closing}</p><p>素材来源 江苏13个设区市党报</p>"))
    assert got["byline"].split() == names
    assert got["body"].endswith(P2)


@pytest.mark.parametrize("editor", ["责编：李静", "责任编辑：李静", "编辑：李静", "校对：李静",
                                    "审核：李静"])
def test_an_editor_is_never_the_byline(editor):
    got = read(page(f"<h1>{TITLE}</h1><div>2023-04-23 来源：人民网</div>",
                    f"<p>{P1}</p><p>{P2}</p><p>{editor}</p>"))
    assert got["byline"] == ""
    assert got["body"].endswith(P2)


def test_an_outlet_is_never_the_byline():
    got = read(page(f"<h1>{TITLE}</h1><div>2023-04-23 作者：人民网 来源：chinanews</div>",
                    f"<p>{P1}</p><p>{P2}</p>"))
    assert got["byline"] == ""


@pytest.mark.parametrize("controls", [
    "<div>小字号</div><div>大字号</div>",
    "<div>字号：大 中 小</div>",
    "<div><img src='/share.png'>分享|</div>",
    "<div><img src='/wx.png'>官方微信平台</div>",
    "<div>打印</div>",
])
def test_controls_are_not_the_start_of_the_text(controls):
    got = read(page(f"<h1>{TITLE}</h1><div>2023-04-23</div>{controls}",
                    f"<p>{P1}</p><p>{P2}</p>"))
    assert got["body"].startswith(P1)


def test_a_print_edition_line_is_the_source_not_the_last_sentence():
    got = read(page(f"<h1>{TITLE}</h1><div>2023-04-23</div>",
                    f"<p>{P1}</p><p>{P2}</p><p>《茂名日报》（2023年04月23日 04版）</p>"))
    assert got["body"].endswith(P2)


def test_related_links_inserted_after_the_dateline_paragraph():
    body = ("<div class='paragraph'><p>（中央社記者溫貴香台北21日電）" + P1 + "</p>"
            "<div><a href='/n/1.aspx'>雞蛋較春節後淡季少百萬顆 通路多為中高價產品</a></div>"
            "<div><a href='/n/2.aspx'>陳吉仲：天氣回穩 雞蛋2月下旬可逐步恢復產量</a></div>"
            f"<p>{P2}</p><p>{P3}</p><p>{P2}</p></div>")
    got = read(page(f"<h1>{TITLE}</h1><div>2023/2/21 21:20</div>"
                    "<div><img src='/egg.jpg'></div>"
                    "<div>圖為民眾購買雞蛋。中央社記者張新偉攝</div>",
                    body))
    assert got["body"].startswith("（中央社記者溫貴香台北21日電）")
    assert "雞蛋較春節後" not in got["body"]
    assert got["byline"] == "溫貴香"


def test_a_wechat_text_hidden_until_a_script_runs_is_the_body():
    html = (f"<html><head><meta charset='utf-8'><title>{TITLE}</title>"
            f"<meta property='og:title' content='{TITLE}'></head><body>"
            f"<h1 id='activity-name'>{TITLE}</h1><div>茂港集团 2023-04-23 10:22</div>"
            "<div class='rich_media_content' id='js_content' style='visibility: hidden;'>"
            f"<p>{P1}</p><p>{P2}</p><p>{P3}</p></div></body></html>")
    got = read(html, "https://mp.weixin.qq.com/s/abc")
    assert got["body"].startswith(P1) and got["body"].endswith(P3)


def test_a_headline_in_two_parts_is_one_title_when_the_head_gives_it_whole():
    whole = "为港口高质量发展凝聚强大力量——热烈祝贺集团职代会开幕"
    got = read(page("<p>为港口高质量发展凝聚强大力量</p><div>——热烈祝贺集团职代会开幕</div>"
                    "<div>2023-04-23</div>", f"<p>{P1}</p><p>{P2}</p>",
                    title_tag=f"{whole}_茂港新闻网"))
    assert got["title"] == whole
    assert got["body"].startswith(P1)


def test_a_page_of_several_articles_gives_the_one_under_the_title():
    other = "另一篇文章的内容在这里，讲述水东港区开展夏季消防安全大检查的情况，共有三段文字。"
    html = (f"<html><head><meta charset='utf-8'><title>{TITLE}_茂港新闻网</title></head><body>"
            f"{MENU}{SIDEBAR}<div class='a'><h1>{TITLE}</h1><div>2023-04-23</div>"
            f"<div><p>{P1}</p><p>{P2}</p></div></div>"
            f"<div class='b'><h2>水东港区开展夏季消防安全大检查</h2><div>2023-04-22</div>"
            f"<div><p>{other}</p><p>{other}</p><p>{other}</p><p>{other}</p></div></div>"
            f"{FOOTER}</body></html>")
    got = read(html)
    assert got["body"].startswith(P1) and got["body"].endswith(P2)


ADS = ("<table><tr><td>·</td><td><a href='/ad/1'>医疗关注--前列腺新发现</a></td></tr>"
       "<tr><td>·</td><td><a href='/ad/2'>皮肤顽疾----康复圣地</a></td></tr>"
       "<tr><td>·</td><td><a href='/ad/3'>国际认证：专治口臭、溃疡</a></td></tr></table>")


def test_links_with_bullets_between_them_are_a_list_not_text():
    lead = "<p>今日推荐的另一篇文章说，港口的吞吐量在今年一季度继续增长，形势向好。</p>"
    got = read(page(f"<h1>{TITLE}</h1><div>2023-04-23</div>",
                    f"{lead}{ADS}<p>{P1}</p><p>{P2}</p><p>{P3}</p>"))
    assert got["body"].startswith(P1) and got["body"].endswith(P3)
    assert "医疗关注" not in got["body"]


def test_a_box_of_links_in_the_middle_of_the_text_does_not_end_it():
    box = ("<div>推荐阅读</div><div><a href='/n/1'>2005年股市展望系列沙龙</a></div>"
           "<div><a href='/n/2'>聚焦第一次全国经济普查</a></div>"
           "<div><a href='/n/3'>2004年股市的悲欢离合</a></div>")
    got = read(page(f"<h1>{TITLE}</h1><div>2023-04-23</div>",
                    f"<p>{P1}</p><p>{P2}</p><p>{P3}</p>{box}<p>{P2}</p><p>{P1}</p>"))
    assert got["body"].startswith(P1) and got["body"].endswith(P1)
    assert "推荐阅读" not in got["body"] and "股市" not in got["body"]


def test_one_teaser_under_the_text_ends_it():
    teaser = ("<div>延伸 · 推荐</div><p><a href='/n/9'>水东港区开展夏季消防安全大检查</a></p>"
              "<p>近日，水东港区开展夏季消防安全大检查，排查隐患十余处，均已整改完毕。</p>")
    got = read(page(f"<h1>{TITLE}</h1><div>2023-04-23</div>",
                    f"<p>{P1}</p><p>{P2}</p><p>{P3}</p>{teaser}"))
    assert got["body"].endswith(P3)


def test_a_numbered_heading_of_the_text_with_its_date_does_not_end_it():
    body = (f"<p>{P1}</p><h3>一、报到时间</h3><p>2023年5月10日</p>"
            f"<h3>二、会议地点</h3><p>{P2}</p><p>{P3}</p>")
    got = read(page(f"<h1>{TITLE}</h1><div>2023-04-23</div>", body))
    assert got["body"].startswith(P1) and got["body"].endswith(P3)


@pytest.mark.parametrize("url, under_title", [
    ("http://paper.example.cn/html/content_123.htm", ""),
    ("http://paper.example.cn/html/2023-04/23/content_123.htm", "<div>2023年4月20日</div>"),
])
def test_an_e_paper_page_is_dated_by_its_issue(url, under_title):
    editions = "".join(f"<li><a href='/b{i}'>第0{i}版：要闻</a></li>" for i in range(1, 16))
    html = (f"<html><head><meta charset='utf-8'><title>{TITLE}--茂名日报</title></head><body>"
            f"<div>茂名日报 2023年04月23日 星期日 第04版</div><ul>{editions}</ul>"
            f"<div><h1>{TITLE}</h1>{under_title}<div>本报记者 王海涛</div>"
            f"<p>2023年4月20日上午，集团召开会议。{P1}</p><p>{P2}</p><p>{P3}</p></div>"
            "</body></html>")
    got = read(html, url)
    assert got["published"] == "2023-04-23"
    assert got["byline"] == "王海涛"
