"""extract/dates.py rule by rule, as a table: times of day with 上午/下午 and AM/PM (noon and
midnight), impossible times left out, Chinese numerals, what each found date says of itself,
dates in URLs (the path's, never the host's or the query's). Against the mutants of dates.py
the page tests let live (docs/mutation-testing.md)."""

from __future__ import annotations

import pytest

from portscraper.extract.dates import find_date, find_dates, meta_date, url_date


@pytest.mark.parametrize("text, iso", [
    ("2023-04-23 12:30 PM", "2023-04-23T12:30"),      # noon stays 12
    ("2023-04-23 12:30 AM", "2023-04-23T00:30"),      # midnight is 00
    ("2023-04-23 3:05 p.m.", "2023-04-23T15:05"),
    ("2023-04-23 3:05 PM", "2023-04-23T15:05"),
    ("2023-04-23 3:05 A.M.", "2023-04-23T03:05"),
    ("2023-04-23 下午3:05", "2023-04-23T15:05"),
    ("2023-04-23 晚上11:05", "2023-04-23T23:05"),
    ("2023-04-23 上午12:30", "2023-04-23T00:30"),
    ("2023-04-23 凌晨12:10", "2023-04-23T00:10"),
    ("2023年4月23日 早上12:05", "2023-04-23T00:05"),
    ("2023-04-23 下午12:05", "2023-04-23T12:05"),
    ("2023-04-23 23:59:59", "2023-04-23T23:59:59"),
    ("2023-04-23 10:22:05", "2023-04-23T10:22:05"),
    ("2023-04-23 24:00", "2023-04-23"),               # no such time: the day alone
    ("2023-04-23 10:60", "2023-04-23"),
    ("2023-04-23 10:22:60", "2023-04-23T10:22"),      # no such second
    ("2023-04-23 10时22分", "2023-04-23T10:22"),
    ("二〇二三年十月十日", "2023-10-10"),
    ("二〇二三年十二月三十一日", "2023-12-31"),
    ("二〇二三年二月二十日", "2023-02-20"),
    ("二〇二三年十一月九日", "2023-11-09"),
    ("二〇二三年二月三十日", None),                    # no such day
])
def test_a_date_and_its_time(text, iso):
    found = find_date(text)
    assert (found[0] if found else None) == iso


def test_what_a_found_date_says_of_itself():
    (full,) = find_dates("发布时间：2023-04-23 10:22")
    assert (full.start, full.end, full.form) == (5, 21, "full")
    (chinese,) = find_dates("二〇二三年四月二十三日")
    assert (chinese.start, chinese.end, chinese.form) == (0, 11, "chinese")
    (short,) = find_dates("发布：23-4-23", labelled=True)
    assert (short.iso, short.form) == ("2023-04-23", "short-year")
    (month_day,) = find_dates("发布：04-23", year=2023, labelled=True)
    assert (month_day.iso, month_day.form) == ("2023-04-23", "month-day")
    assert find_dates("23-4-23") == [] and find_dates("04-23", year=2023) == []
    assert find_dates("04-23", labelled=True) == []  # a month and day need a known year


def test_two_dates_side_by_side_are_both_found():
    found = find_dates("2023-04-23至2023-04-25")
    assert [(f.iso, f.start, f.end) for f in found] == [("2023-04-23", 0, 10),
                                                         ("2023-04-25", 11, 21)]
    touching = find_dates("2023年4月23日2023年4月25日")
    assert [(f.iso, f.start, f.end) for f in touching] == [("2023-04-23", 0, 10),
                                                            ("2023-04-25", 10, 20)]
    mixed = find_dates("二〇二三年四月二十三日2023-04-25")
    assert [(f.iso, f.form) for f in mixed] == [("2023-04-23", "chinese"),
                                                ("2023-04-25", "full")]


@pytest.mark.parametrize("url, iso", [
    ("http://x.cn/2023/04/23/a.html", "2023-04-23"),
    ("http://x.cn/news/202304/t20230423_1.html", "2023-04-23"),
    ("http://x.cn/art/2023/4/23/art_1_2.html", "2023-04-23"),
    ("http://x.cn/a.asp?d=20230423", ""),           # the query is not the path
    ("http://20230423.example/a.html", ""),         # nor is the host
    ("https://a.b/x?y=1://2023/04/23/", ""),
    ("x.cn", ""),
    ("http://x.cn/20231332/a.html", ""),            # no such day
    ("http://x.cn/a?/2023/04/23/?x", ""),           # after the first ?, all is query
    ("http://x.cn/2023/04/23/go/http://y.cn/a", "2023-04-23"),  # the page's own path
])
def test_a_date_in_a_url_path(url, iso):
    assert url_date(url) == iso


def test_a_meta_date():
    assert meta_date("2019-09-07T13:43:45+08:00") == "2019-09-07T13:43:45"
    assert meta_date("") == "" and meta_date("yesterday") == ""
