"""Decoding traps of old Chinese CMSes, and canonical URLs."""

from __future__ import annotations

import pytest

from portscraper.extract import decode_html
from portscraper.extract.decode import legacy_reading
from portscraper.extract.urls import (
    browser_url,
    canonical_url,
    is_web_url,
    rehome,
    same_site,
    same_site_urls,
    site_hosts,
)

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


# Pages that declare no charset (no meta, header "text/html"). Big5 bytes nearly always decode as
# GB18030 too, into nonsense, so decoding without error cannot tell the two apart.
BIG5_TEXTS = {
    "a title alone": "港務局召開年度安全會議",
    "no punctuation": "碼頭擴建工程順利通過驗收 貨櫃吞吐量創歷史新高 颱風過後各單位迅速恢復生產",
    "paragraphs": "　　九月三日上午，港務局在貨櫃碼頭舉行秋季消防演練。演練模擬油輪靠泊時發生火情，"
                  "調度中心接報後立即啟動應急預案，消防船、拖輪和救護車輛先後抵達現場。\n"
                  "　　經過四十分鐘的處置，「火情」被成功撲滅，受困人員全部轉移。港務局負責人表示，"
                  "將繼續加強隊伍培訓，提升突發事件處置能力。（記者 鄭浩然）" * 3,
    "Hong Kong characters (Big5-HKSCS only)": "我哋嘅貨櫃碼頭喺葵涌，今日啲貨已經運到咗。",
    "Taiwan usage": "臺灣港務公司高雄港區新建貨櫃中心啟用，臺中港區繫泊纜繩全面汰換。",
}
GB_TEXTS = {
    "a title alone": "港务局召开年度安全会议",
    "no punctuation": "码头扩建工程顺利通过验收 集装箱吞吐量创历史新高 台风过后各单位迅速恢复生产",
    "paragraphs": "　　九月三日上午，港务局在集装箱码头举行秋季消防演练。"
                  "演练模拟油轮靠泊时发生火情，调度中心接报后立即启动应急预案，"
                  "消防船、拖轮和救护车辆先后抵达现场。（记者 郑浩然）" * 3,
    "GBK-only names": NAMES,
    "Traditional text in GBK": "集團召開年度安全會議，碼頭擴建工程順利通過驗收。",
}


@pytest.mark.parametrize("name, encoding", [
    (name, encoding) for name in BIG5_TEXTS for encoding in ("big5", "big5hkscs")
    if encoding == "big5hkscs" or not name.startswith("Hong Kong")  # not in plain Big5
])
def test_no_charset_big5_is_read_as_big5(name, encoding):
    text = BIG5_TEXTS[name]
    raw = f"<html><head><title>{text[:20]}</title></head><body><p>{text}</p></body></html>"
    got, used = decode_html(raw.encode(encoding), "text/html")
    assert text in got and used in ("big5hkscs", "cp950")


@pytest.mark.parametrize("encoding", ["gbk", "gb18030"])
@pytest.mark.parametrize("name", GB_TEXTS)
def test_no_charset_gbk_is_still_read_as_gb18030(name, encoding):
    text = GB_TEXTS[name]
    raw = f"<html><head><title>{text[:20]}</title></head><body><p>{text}</p></body></html>"
    got, used = decode_html(raw.encode(encoding), "text/html")
    assert text in got and used == "gb18030"


def test_no_charset_gb18030_four_byte_characters():
    text = "𠮷野集团在𡈼港区新建码头，王喆主持会议。"  # 𠮷 𡈼: four bytes in GB18030, none in GBK
    raw = f"<html><body><p>{text}</p></body></html>".encode("gb18030")
    assert decode_html(raw, None) == (f"<html><body><p>{text}</p></body></html>", "gb18030")


def test_big5_with_kana_that_only_cp950_reads():
    # ETEN kana (C6CF に, C6D3 は …) are Big5 as Windows writes it, but not in Python's HKSCS.
    text = "臺北新開的日式花店「はなに」今日開幕，門口擺滿了鮮花。"
    assert legacy_reading(text.encode("cp950")) == "cp950"
    assert text in decode_html(f"<p>{text}</p>".encode("cp950"), "text/html")[0]


def test_no_charset_valid_utf8_stays_utf8():
    # UTF-8 is tried first and strictly: Traditional text in UTF-8 is never read as Big5.
    text = BIG5_TEXTS["paragraphs"]
    assert decode_html(f"<p>{text}</p>".encode(), "text/html") == (f"<p>{text}</p>", "utf-8")


def test_a_declared_big5_is_kept():
    raw = f'<meta charset="big5"><p>{BIG5_TEXTS["no punctuation"]}</p>'.encode("big5")
    text, encoding = decode_html(raw, None)
    assert BIG5_TEXTS["no punctuation"] in text and encoding == "big5hkscs"


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


def test_the_encoding_a_query_is_written_in():
    """WHATWG: UTF-16/32 pages and unknown names write their queries in UTF-8; a legacy page in
    its own encoding."""
    from portscraper.extract.urls import _url_encoding

    assert _url_encoding("GBK") == "gbk" and _url_encoding("big5") == "big5"
    for name in (None, "", "UTF-16LE", "utf-32", "x-no-such-charset"):
        assert _url_encoding(name) == "utf-8", name


def test_the_share_of_frequent_characters():
    """Whole runs of non-ASCII text are counted until `sample` characters are seen."""
    from portscraper.extract.decode import frequent_share

    assert frequent_share("") == 0.0 and frequent_share("abc") == 0.0
    assert frequent_share("码头abc") == 1.0
    assert frequent_share("码 ｱｱ") == 1 / 3
    assert frequent_share("码码码码码 ｱｱｱｱｱ", sample=5) == 1.0  # the second run unread
    assert frequent_share("码码码码 ｱｱｱｱｱ", sample=5) == 4 / 9


def test_utf8_inside_gbk_runs_and_bad_bytes():
    """Around the UTF-8 in a run, the page's own encoding; a bad byte becomes U+FFFD."""
    from portscraper.extract.decode import decode_mixed

    body = (b"<p>\xff" + "集团".encode("gbk") + "码头码头".encode()
            + "新闻".encode("gbk") + b"\xff</p><p>" + "通知".encode("gbk") + b"\xff</p>")
    assert decode_mixed(body, "gbk") == "<p>\ufffd集团码头码头新闻\ufffd</p><p>通知\ufffd</p>"


def test_a_content_type_given_as_bytes():
    text, encoding = decode_html("<p>集团新闻</p>".encode("gbk"), b"text/html; charset=gbk")
    assert (text, encoding) == ("<p>集团新闻</p>", "gb18030")


def test_a_charset_in_a_bytes_header_is_honoured():
    """Scrapy hands the Content-Type header over as bytes: its charset still decides."""
    raw = b"<html><body><p>caf\xe9 au port</p></body></html>"
    text, _ = decode_html(raw, b"text/html; charset=iso-8859-1")
    assert "caf\u00e9 au port" in text
    assert decode_html(raw, b"text/html; charset=iso-8859-1") == decode_html(
        raw, "text/html; charset=iso-8859-1")


def test_only_http_and_https_urls_with_a_host_are_followed():
    assert is_web_url("http://www.mmport.com.cn/news/") and is_web_url("HTTPS://x.cn")
    for url in ("", None, "javascript:go(1)", "mailto:a@x.cn", "ftp://x.cn/a", "http://",
                "news/more.asp?id=1", "//x.cn/a"):
        assert not is_web_url(url), url


def test_a_site_that_moved_is_known_at_every_address_it_had():
    """http and https, with and without www., on each declared alias, port and path kept; the
    URL itself first, and no address twice."""
    hosts = site_hosts("http://WWW.MMport.com.cn/news/", ["old-port.cn", ""])
    assert hosts == {"mmport.com.cn", "old-port.cn"}
    urls = same_site_urls("http://www.mmport.com.cn:8080/a.asp?id=3", hosts)
    assert urls[0] == "http://www.mmport.com.cn:8080/a.asp?id=3"
    assert len(urls) == len(set(urls)) == 8
    assert set(urls) == {f"{scheme}://{www}{host}:8080/a.asp?id=3"
                         for scheme in ("http", "https") for www in ("", "www.")
                         for host in ("mmport.com.cn", "old-port.cn")}
    assert same_site_urls("https://x.cn/a", frozenset()) == [
        "https://x.cn/a", "http://x.cn/a", "http://www.x.cn/a", "https://www.x.cn/a"]


@pytest.mark.parametrize("url, expected", [
    # An IP address or a one-label name has no www. form (w3lib 2.6 refuses www.127.0.0.1).
    ("http://127.0.0.1:8102/more.asp?id=3",
     ["http://127.0.0.1:8102/more.asp?id=3", "https://127.0.0.1:8102/more.asp?id=3"]),
    ("http://[::1]:8102/a", ["http://[::1]:8102/a", "https://[::1]:8102/a"]),
    ("http://localhost/a", ["http://localhost/a", "https://localhost/a"]),
])
def test_a_site_addressed_by_ip_or_one_label_has_no_www_address(url, expected):
    assert same_site_urls(url, site_hosts(url)) == expected


def test_an_old_address_is_asked_for_at_the_sites_new_one():
    hosts = site_hosts("https://www.mmport.com.cn/", ["old-port.cn"])
    assert same_site("http://OLD-PORT.cn/x", hosts) and not same_site("http://other.cn/", hosts)
    new = "https://www.mmport.com.cn:8443/news/"
    assert rehome("http://old-port.cn/u/a.jpg?x=1", new, hosts) == \
        "https://www.mmport.com.cn:8443/u/a.jpg?x=1"
    assert rehome("http://mmport.com.cn/f.doc", new, hosts) == \
        "https://www.mmport.com.cn:8443/f.doc"
    assert rehome("http://other.cn/a.jpg", new, hosts) == "http://other.cn/a.jpg"
