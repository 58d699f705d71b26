"""What a list page says it holds, read from the forms pagers print (extract/list_count.py):
a general rule of labels and units, never one site's template."""

from __future__ import annotations

import pytest

from portscraper.extract import read_page
from portscraper.extract.list_count import ListCount, list_count, read_list_count

# (printed, total, per page, current page, pages)
FORMS = [
    ("共 65 条记录 页次：1/5 每页：15 条 首页 上一页 下一页 尾页", 65, 15, 1, 5),  # old ASP CMS
    ("共65条记录 第1/5页 每页15条", 65, 15, 1, 5),
    ("共有 65 条新闻，分 5 页，当前第 1 页", 65, None, 1, 5),
    ("记录总数：65 | 总页数：5 | 当前页：1", 65, None, 1, 5),
    ("首页 上一页 1 2 3 下一页 尾页 共5页 每页15条", None, 15, None, 5),
    ("共 5 页/65 条记录", 65, None, None, 5),                  # DedeCMS's pageinfo
    ("Total 65 records, Page 1 of 5", 65, None, 1, 5),
    ("共 65 條記錄 頁次：1/5 每頁：15 條", 65, 15, 1, 5),       # a Traditional copy
    ("总数：65 每页：15 页次：2/5", 65, 15, 2, 5),
    ("15条/页 共5页 当前第2页", None, 15, 2, 5),
    ("共６５条记录　页次：１/５", 65, None, 1, 5),              # full-width digits
    ("首页 上一页 下一页 尾页", None, None, None, None),         # a pager that counts nothing
    ("页次：1/3 1 2", None, None, 1, 3),                        # page links after the count
]


@pytest.mark.parametrize(("printed", "total", "per_page", "current", "pages"), FORMS)
def test_the_figures_of_every_printed_form(printed, total, per_page, current, pages):
    count = read_list_count(printed)
    assert (count.total, count.per_page, count.current, count.pages) == \
        (total, per_page, current, pages)


def test_the_per_page_figure_is_never_the_total():
    assert read_list_count("每页：15 条").total is None
    assert read_list_count("每页：15 条").per_page == 15


def test_a_claim_from_the_printed_total_is_exact():
    assert read_list_count("共 65 条记录 页次：1/5").claim()[:2] == (65, True)


def test_a_claim_from_pages_and_per_page_is_a_range_until_the_last_page_is_read():
    count = read_list_count("共5页 每页15条 当前第1页")
    claimed, exact, how = count.claim()
    assert (claimed, exact) == (61, False) and "at most 75" in how
    assert count.claim(last_page_items=5)[:2] == (65, True)


def test_pages_alone_claim_nothing_beyond_what_they_list():
    """An old CMS's pages need not be even: without 每页, a page count is no article count."""
    assert ListCount(current=1, pages=3).claim() is None
    assert read_list_count("首页 上一页 下一页 尾页").claim() is None


def test_a_list_page_of_the_replica(replica):
    import urllib.request
    url = f"{replica.url}news.asp?pid=21&page=2"
    with urllib.request.urlopen(url) as answer:
        page = read_page(url, answer.read(), answer.headers.get("Content-Type"))
    count = list_count(page)
    assert (count.total, count.per_page, count.current, count.pages) == (48, 15, 2, 4)
    assert "条记录" in count.text
