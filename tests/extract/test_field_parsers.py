"""The small readers, on tables of examples: dates, credits and bylines, language, folding."""

from __future__ import annotations

import pytest

from portscraper.extract.credits import (
    byline_from_credits,
    credits_in_header,
    parse_credit_line,
    split_trailing_credit,
)
from portscraper.extract.dates import find_date, is_furniture_date
from portscraper.extract.text import detect_language, fold, fold_word


@pytest.mark.parametrize("text, iso", [
    ("2023-4-23", "2023-04-23"),
    ("2021-9-8", "2021-09-08"),
    ("2024-10-25", "2024-10-25"),
    ("2023-04-23", "2023-04-23"),
    ("2023年4月23日", "2023-04-23"),
    ("发布时间：2023-4-23  浏览次数：123", "2023-04-23"),
    ("发布日期：2023年4月23日 来源：茂名港集团 点击：45", "2023-04-23"),
    ("日期：2023-04-23 10:30", "2023-04-23T10:30"),
    ("发布时间：2021-9-8 10:30:00", "2021-09-08T10:30:00"),
    ("發佈時間：2020-3-2", "2020-03-02"),
    ("2019/1/5", "2019-01-05"),
    ("2019.1.5", "2019-01-05"),
    ("作者：李昇 2019-02-30 2019-03-01", "2019-03-01"),   # an impossible date is skipped
])
def test_dates(text, iso):
    assert find_date(text)[0] == iso


@pytest.mark.parametrize("text", [
    "版权所有 © 2012-2024", "共 48 条记录 页次：2/4", "浏览次数：2023",
    # Chinese numerals that are no month or day: no date, and no error.
    "二〇二三年一二月五日", "二〇二三年一二十月五日", "二〇二三年五月二三日",
    "二〇二三年二十月五日",
])
def test_no_date(text):
    assert find_date(text) is None


@pytest.mark.parametrize("text, furniture", [
    ("今天是：2026年11月24日 星期二", True),
    ("Copyright 2024-1-1", True),
    ("发布时间：2023-4-23", False),
])
def test_furniture_dates(text, furniture):
    assert is_furniture_date(text) is furniture


@pytest.mark.parametrize("line, credits", [
    ("通讯员：黎祖声", {"通讯员": ["黎祖声"]}),
    ("编   辑：陈晓", {"编辑": ["陈晓"]}),
    ("审　　校：张三 李四", {"审校": ["张三", "李四"]}),
    ("审   核：王喆", {"审核": ["王喆"]}),
    ("通讯员：李昇 编辑：陈珺 审核：黄堃",
     {"通讯员": ["李昇"], "编辑": ["陈珺"], "审核": ["黄堃"]}),
    ("文/图：张三 李四", {"文/图": ["张三", "李四"]}),
    ("记者 王喆 通讯员 陈珺", {"记者": ["王喆"], "通讯员": ["陈珺"]}),
    ("（通讯员：黎祖声）", {"通讯员": ["黎祖声"]}),
    ("Editor: He Lihong", {"Editor": ["He Lihong"]}),
    ("记者在现场看到，码头一片繁忙。", None),
    ("编辑部全体同志参加了会议", None),
])
def test_credit_lines(line, credits):
    assert parse_credit_line(line) == credits


@pytest.mark.parametrize("paragraph, rest, credits, byline", [
    ("…深入探讨交流。(戴立均)", "…深入探讨交流。", {}, "戴立均"),
    ("攻坚克难。（吴超）", "攻坚克难。", {}, "吴超"),
    ("全面完成。（通讯员：黎祖声）", "全面完成。", {"通讯员": ["黎祖声"]}, "黎祖声"),
    ("attended the launch ceremony。(吴超)", "attended the launch ceremony。", {}, "吴超"),
])
def test_trailing_credit(paragraph, rest, credits, byline):
    assert split_trailing_credit(paragraph) == (rest, credits, byline)


@pytest.mark.parametrize("paragraph", [
    "项目总投资12亿元（含配套）", "集团召开会议(2023年)", "无括号结尾。",
    "数据有误。（本文已更正）", "会议圆满结束。（完）",
])
def test_trailing_parentheses_that_are_not_credits(paragraph):
    assert split_trailing_credit(paragraph) is None


def test_byline_takes_authors_not_editors():
    credits = {"通讯员": ["黎祖声"], "编辑": ["陈晓"], "审核": ["王喆"]}
    assert byline_from_credits(credits) == "黎祖声"
    assert byline_from_credits({"记者": ["王喆"], "通讯员": ["陈珺"]}) == "王喆 陈珺"


def test_author_on_the_date_line():
    assert credits_in_header("日期：2019-1-5 来源：茂名日报 作者：李昇") == {"作者": ["李昇"]}


@pytest.mark.parametrize("text, language", [
    ("茂名港集团举行2022年“书记项目”启动仪式", "zh-Hans"),
    ("茂名港集團舉行2022年「書記項目」啟動儀式，集團黨委書記出席並講話", "zh-Hant"),
    ("Maoming Port Group held the launch ceremony of the 2022 Secretary Project。(吴超)", "en"),
])
def test_language(text, language):
    assert detect_language(text) == language


def test_folding_makes_traditional_and_spaced_labels_equal():
    assert fold("您的位置:首頁 > 新聞中心") == fold("您的位置:首页>新闻中心")
    assert fold_word(">> 返 回 <<") == "返回"
    assert fold_word("【返回】") == "返回"
    assert fold_word("[返回列表]") == "返回列表"


@pytest.mark.parametrize("bar", ["新闻详情", "集团新闻", "新闻中心 - 集团新闻", "正文"])
def test_a_heading_bar_above_the_title_is_not_a_kicker(bar):
    from portscraper.extract import extract_article

    html = ("<html><body><div>您的位置：首页 > 新闻中心 > 集团新闻</div>"
            f"<div>{bar}</div><div>集团召开2024年安全生产工作会议</div><div>2024-1-18</div>"
            "<p>1月17日，茂名港集团召开2024年安全生产工作会议，总结2023年安全生产工作。</p>"
            "<p>会议强调，要坚守安全生产红线。(陈珺)</p></body></html>")
    got = extract_article("http://x.cn/more.asp?id=1", html)
    assert (got["kicker"], got["title"], got["byline"]) == (
        "", "集团召开2024年安全生产工作会议", "陈珺")


# --- dates in every form people print (issue 11) ----------------------------------------------

@pytest.mark.parametrize("text, iso", [
    ("发布时间：2023年4月23日 星期日", "2023-04-23"),              # a weekday after the date
    ("2023-4-23（周日）10:05", "2023-04-23T10:05"),
    ("发布时间：２０２３－０４－２３　１０：２２", "2023-04-23T10:22"),   # full-width
    ("发布日期：二〇二三年四月二十三日", "2023-04-23"),               # Chinese numerals
    ("二〇一九年十月八日", "2019-10-08"),
    ("2019-09-07T13:43:45+08:00", "2019-09-07T13:43:45"),         # ISO from a meta tag
])
def test_more_date_forms(text, iso):
    assert find_date(text)[0] == iso


@pytest.mark.parametrize("text, year, iso", [
    ("发布时间：23-4-23", None, "2023-04-23"),                       # two-digit year, labelled
    ("发布时间：18-03-0823:16", None, "2018-03-08T23:16"),            # the time glued to it
    ("发布时间：10-0812:00", 2019, "2019-10-08T12:00"),               # month-day, year known
    ("日期：4月23日", 2023, "2023-04-23"),
])
def test_dates_that_need_a_label(text, year, iso):
    from portscraper.extract.dates import find_dates

    assert find_dates(text, year, labelled=True)[0].iso == iso
    assert find_dates(text, year, labelled=False) == []  # never on an unlabelled line


@pytest.mark.parametrize("url, iso", [
    ("http://www.gzport.com/News/202304/t20230423_123456.html", "2023-04-23"),
    ("http://www.example.cn/html/news/2023/0423/123.html", "2023-04-23"),
    ("http://www.example.gov.cn/art/2023/4/23/art_1234_567890.html", "2023-04-23"),
    ("http://www.example.cn/a/20230423/123.shtml", "2023-04-23"),
    ("http://www.mmport.com.cn/more.asp?id=20230423", ""),           # an id is no date
    ("http://www.mmport.com.cn/more.asp?id=3246", ""),
])
def test_dates_in_urls(url, iso):
    from portscraper.extract.dates import url_date

    assert url_date(url) == iso


def test_today_in_the_header_is_furniture_but_a_weekday_is_not():
    assert is_furniture_date("今天是：2026年11月24日 星期二")
    assert not is_furniture_date("发布时间：2023年4月23日 星期日")


# --- bylines in all the common forms (issue 11) -----------------------------------------------

@pytest.mark.parametrize("paragraph, credits", [
    ("新华社巴黎12月9日电（记者唐霁）法国9日再次爆发全国大罢工。", {"记者": ["唐霁"]}),
    ("本报讯（记者 王某 李某）4月23日，集团召开会议。", {"记者": ["王某", "李某"]}),
    ("长江网10月4日讯（记者陈智 整合） 国庆长假过半。", {"记者": ["陈智"]}),
    ("本站讯（职工通讯员 李琴雯 刘会）近日，医院举办大赛。", {"通讯员": ["李琴雯", "刘会"]}),
    ("茂名日报讯（见习记者 梁彧 通讯员 陈珺）日前，港口通航。",
     {"记者": ["梁彧"], "通讯员": ["陈珺"]}),
    ("4月23日上午，集团召开会议（记者列席）。", {}),
])
def test_reporters_in_the_dateline(paragraph, credits):
    from portscraper.extract.byline import dateline_credits

    assert dateline_credits(paragraph) == credits


@pytest.mark.parametrize("line, credits", [
    ("澎湃新闻记者 段彦超 廖艳", {"记者": ["段彦超", "廖艳"]}),
    ("本报记者 王某 李某", {"记者": ["王某", "李某"]}),
    ("采写：南都见习记者 林子沛", {"记者": ["林子沛"]}),
    ("新京报记者 陆一夫", {"记者": ["陆一夫"]}),
    ("记者在现场看到，码头一片繁忙", {}),
])
def test_an_outlets_reporter_line(line, credits):
    from portscraper.extract.byline import reporter_line

    assert reporter_line(line) == credits


@pytest.mark.parametrize("line, credits", [
    ("来源：证券时报网作者：李在山", {"作者": ["李在山"]}),           # labels glued together
    ("发表于 2014-08-24 21:30 | 来源 CSDN | 作者魏星", {"作者": ["魏星"]}),   # no colon
    ("发布时间：2023-04-23　来源：茂名日报　作者：本报记者 李明", {"作者": ["李明"]}),
    ("作者：佚名", {}),                                               # a placeholder
    ("作者：admin", {}),
    ("作者：医技药剂党支部", {}),                                      # an organisation
    ("石佳/中国青年报", {"作者": ["石佳"]}),                           # name/outlet
    ("原创 kingname 未闻Code", {"作者": ["kingname"]}),
    ("【文/观察者网专栏作者 王文】", {"作者": ["王文"]}),
    ("执笔/叨叨姐、胡一刀&李小飞刀", {"作者": ["叨叨姐", "胡一刀", "李小飞刀"]}),
])
def test_credits_in_the_header(line, credits):
    from portscraper.extract.byline import header_credits

    assert header_credits(line) == credits


def test_role_words_are_not_names_and_editors_stay_credits():
    from portscraper.extract.byline import names_in

    assert names_in("本报记者 李明") == ["李明"]
    assert names_in("特约记者 王喆、陈珺，黄堃") == ["王喆", "陈珺", "黄堃"]
    assert names_in("路闻卓立编译") == ["路闻卓立"]
    assert parse_credit_line("责任编辑：陈晓 校对：王喆") == {
        "责任编辑": ["陈晓"], "校对": ["王喆"]}
    assert byline_from_credits({"责任编辑": ["陈晓"], "校对": ["王喆"]}) == ""
