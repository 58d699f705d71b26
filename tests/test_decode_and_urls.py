"""Decoding traps of old Chinese CMSes, and canonical URLs."""

from __future__ import annotations

import pytest

from portscraper.extract import decode_html
from portscraper.urls import browser_url, canonical_url

NAMES = "王喆 黄堃 李昇 陈珺 刘玥 张犇 周彧 林燦 何瀟"


def page(meta: str = "") -> str:
    return f"<html><head>{meta}<title>茂名港集团</title></head><body><p>{NAMES}</p></body></html>"


def test_gb2312_declared_with_gbk_only_names():
    raw = page('<meta http-equiv="Content-Type" content="text/html; charset=gb2312">')
    text, encoding = decode_html(raw.encode("gb18030"), "text/html")
    assert NAMES in text and encoding == "gb18030"


def test_no_charset_anywhere_gbk():
    text, _ = decode_html(page().encode("gbk"), "text/html")
    assert NAMES.replace("燦", "") .split()[0] in text and "茂名港集团" in text


def test_no_charset_utf8_with_bom():
    text, _ = decode_html(b"\xef\xbb\xbf" + page().encode("utf-8"), None)
    assert NAMES in text and not text.startswith("\ufeff")


def test_declared_utf8_but_bytes_are_gbk():
    raw = page('<meta charset="utf-8">').encode("gb18030")
    text, encoding = decode_html(raw, "text/html; charset=utf-8")
    assert NAMES in text and encoding == "gb18030"


def test_a_utf8_paragraph_inside_a_gbk_page():
    head = '<html><head><meta charset="gb2312"></head><body><p>'.encode("ascii")
    raw = head + "茂名港集团召开会议".encode("gb18030") + b"</p><p>" + \
        "\u3000\u3000".encode("gb18030") + "黄堃同志参加了会议，约700人参加。".encode() + \
        b"</p></body></html>"
    text, encoding = decode_html(raw, "text/html")
    assert "茂名港集团召开会议" in text and "\u3000\u3000黄堃同志参加了会议，约700人参加。" in text
    assert encoding == "gb18030"


def test_header_charset_wins_over_meta():
    raw = page('<meta charset="gb2312">').encode("utf-8")
    text, _ = decode_html(raw, "text/html; charset=utf-8")
    assert NAMES in text


@pytest.mark.parametrize("url, canonical", [
    ("http://WWW.Example.cn/more.asp?id=3246&pid=12", "http://www.example.cn/more.asp?id=3246"),
    ("http://www.example.cn/more.asp?pid=12&id=3246#top", "http://www.example.cn/more.asp?id=3246"),
    ("http://www.example.cn/news.asp?page=2&pid=3", "http://www.example.cn/news.asp?page=2&pid=3"),
    ("http://www.example.cn/news.asp?pid=3&page=2", "http://www.example.cn/news.asp?page=2&pid=3"),
    ("http://www.example.cn/news.asp?sid=8F3A&pid=3&page=2",
     "http://www.example.cn/news.asp?page=2&pid=3"),
    ("http://www.example.cn/more.asp?ASPSESSIONIDQS=AB&id=7", "http://www.example.cn/more.asp?id=7"),
    ("http://www.example.cn/list.jsp;jsessionid=0A1B?pid=3", "http://www.example.cn/list.jsp?pid=3"),
])
def test_canonical_url(url, canonical):
    assert canonical_url(url, ["id"]) == canonical


@pytest.mark.parametrize("href, base, encoding, url", [
    # Backslashes are slashes in http(s) URLs, before the query (WHATWG).
    ("\\xw\\2022\\1103.html", "http://h.cn/xw/list.asp?lb=2", "utf-8",
     "http://h.cn/xw/2022/1103.html"),
    ("2022\\1028.html", "http://h.cn/xw/list.asp?lb=2", "utf-8", "http://h.cn/xw/2022/1028.html"),
    ("..\\news\\1.htm", "http://h.cn/xw/list.asp", "utf-8", "http://h.cn/news/1.htm"),
    ("http:\\\\h.cn\\a.htm", "http://h.cn/", "utf-8", "http://h.cn/a.htm"),
    # A query is kept as written: no "=" added to a bare key, no reordering.
    ("view.asp?2201", "http://h.cn/list.asp", "utf-8", "http://h.cn/view.asp?2201"),
    ("art.asp?b=2&a=1&&", "http://h.cn/", "utf-8", "http://h.cn/art.asp?b=2&a=1&&"),
    # Around and inside the link: white space and newlines dropped; no fragment sent.
    ("  view.asp?id=7\n#top ", "http://h.cn/", "utf-8", "http://h.cn/view.asp?id=7"),
    # A non-ASCII query in the page's encoding, the path in UTF-8.
    ("list.asp?lm=公司新闻", "http://h.cn/", "gb18030",
     "http://h.cn/list.asp?lm=%B9%AB%CB%BE%D0%C2%CE%C5"),
    ("list.asp?lm=公司新闻", "http://h.cn/", "utf-8",
     "http://h.cn/list.asp?lm=%E5%85%AC%E5%8F%B8%E6%96%B0%E9%97%BB"),
    # A character the encoding lacks (闻 in Big5) goes as its numeric character reference.
    ("新闻/列表.asp?lm=闻聞", "http://h.cn/", "big5",
     "http://h.cn/%E6%96%B0%E9%97%BB/%E5%88%97%E8%A1%A8.asp?lm=%26%2338395%3B%BBD"),
    # UTF-16 pages, and pages read from text: UTF-8.
    ("a.asp?q=港", "http://h.cn/", "utf-16-le", "http://h.cn/a.asp?q=%E6%B8%AF"),
    ("a.asp?q=港", "http://h.cn/", "", "http://h.cn/a.asp?q=%E6%B8%AF"),
])
def test_browser_url(href, base, encoding, url):
    assert browser_url(href, base, encoding) == url


def test_the_canonical_url_is_only_a_key():
    link = browser_url("view.asp?2201", "http://h.cn/list.asp")
    assert link == "http://h.cn/view.asp?2201"
    assert canonical_url(link) == "http://h.cn/view.asp?2201="
