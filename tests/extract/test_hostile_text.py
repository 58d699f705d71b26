"""Hostile page text: every regular expression that reads page text runs in time linear in it
(issue 25), and numbers past what a page can mean are no numbers.

The inputs are long runs (100,000 characters and more) of what a backtracking pattern chokes
on: digits before no unit, dots before no end, spaces between no separators. A pattern that
searches again from each position of such a run takes time quadratic in it (16,000 digits took
9 s, 40,000 dots 30 s), so these runs could not end within the per-test timeout; linear ones
take milliseconds. Nothing here measures time."""

from __future__ import annotations

import importlib
import pkgutil
import re

import pytest

import portscraper.extract as extract
from portscraper.extract import read_page
from portscraper.extract.list_count import list_count, read_list_count
from portscraper.extract.numbers import read_int
from portscraper.extract.pagination import pagination
from portscraper.extract.regions import _RULE_RE
from portscraper.extract.urls import on_site, site_port

RUN = 100_000


def _patterns() -> list[tuple[str, re.Pattern]]:
    found = []
    for module in pkgutil.iter_modules(extract.__path__):
        mod = importlib.import_module(f"portscraper.extract.{module.name}")
        for name, value in vars(mod).items():
            if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
                found.append((f"{module.name}.{name}", value))
    return found


# What the patterns of extract/ look for, repeated: digits, separators, rule characters,
# labels and tags.
UNITS = ["1", ".", " ", "\u3000", "-", "/", "_", "|", "…", "。", "·", "=", "a", "中", "1 ",
         "1/", "1,", "1.", "第1", "共1", "[1]", "1页", "a ", "a.", ":", "(", "<", "<a", "'",
         '"', "page", "<record>", "<script type=text/xml>", "<nextgroup>", "href=",
         'location="', "x(", "a=1", "—", " -", "- ", "分隔线"]


# A linear pattern reads all these runs in about a second; a quadratic one needs minutes (the
# print-edition pattern, with two runs of spaces side by side, took 63 s), so it fails here.
@pytest.mark.timeout(30)
@pytest.mark.parametrize("name,pattern", _patterns(), ids=lambda v: v if isinstance(v, str)
                         else "")
def test_every_pattern_of_extract_is_linear_in_long_runs(name, pattern):
    for unit in UNITS:
        text = unit * (RUN // len(unit)) + "\x00"
        pattern.search(text)
        pattern.match(text)
        pattern.sub("", text)


def test_a_pager_of_a_long_run_of_digits_reads_no_figure():
    for tail in ("pages", "/", "条", "页", " 条记录"):
        count = read_list_count("共" + "9" * 400_000 + tail)
        assert (count.total, count.pages, count.current, count.per_page) == (None,) * 4


def test_a_total_past_what_sqlite_stores_is_no_total():
    assert read_list_count("共 12345678901234567890 条记录").total is None
    assert read_list_count("共 65 条记录 页次：1/5").total == 65


def test_a_pager_whose_numbers_are_thousands_of_digits_long():
    """int() refuses more than 4,300 digits: a page number that long is no page number."""
    big = "9" * 5000
    html = (f'<html><body><p>新闻</p><div class="page">共 30 条记录 页次：1/{big} '
            f'<a href="list.asp?page=2">2</a> <a href="list.asp?page={big}">{big}</a> '
            f'<a href="list.asp?page=2">下一页</a></div></body></html>')
    page = read_page(html.encode(), "http://127.0.0.1/list.asp")
    found = pagination(page)
    assert found.total is None
    assert all(number < 10**9 for number in found.numbered)
    assert list_count(page).pages is None


def test_a_line_of_dots_is_read_in_linear_time():
    assert _RULE_RE.match("." * 400_000 + "x") is None
    assert _RULE_RE.match("-----分隔线-----")
    assert _RULE_RE.match("." * 400_000)


@pytest.mark.parametrize("text,number", [("12", 12), (" 7 ", 7), ("²", None), ("-1", None),
                                         ("1" * 5000, None), ("999999999", 999_999_999),
                                         ("1000000000", None), ("", None), (None, None)])
def test_read_int(text, number):
    assert read_int(text) == number


@pytest.mark.parametrize("url,on", [
    ("http://127.0.0.1:18081/a.html", True),
    ("https://127.0.0.1:18081/a.html", True),
    ("http://127.0.0.1:18082/a.html", False),      # another port of the host: another site
    ("http://127.0.0.1/a.html", False),
    ("http://127.0.0.1:99999/a.html", False),      # no port at all: on no site
    ("http://127.0.0.1:x/a.html", False),
    ("http://127.0.0.2:18081/a.html", False),
])
def test_a_site_is_its_host_and_port(url, on):
    assert on_site(url, ["127.0.0.1"], {site_port("http://127.0.0.1:18081/")}) is on


def test_a_default_port_is_the_site_on_http_and_https():
    ports = {site_port("http://www.mmport.com.cn/")}
    assert on_site("https://www.mmport.com.cn:443/a", ["www.mmport.com.cn"], ports)
    assert on_site("http://www.mmport.com.cn:80/a", ["www.mmport.com.cn"], ports)
    assert not on_site("http://www.mmport.com.cn:8080/a", ["www.mmport.com.cn"], ports)
