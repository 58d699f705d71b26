"""Quick checks of the local replica site itself (not of the spider)."""

from __future__ import annotations

import re
import signal
import subprocess
import sys
import urllib.error
import urllib.request

import pytest
from w3lib.html import remove_tags

from portscraper.replica import ReplicaServer, build_site, expected_articles, list_pages, traits
from portscraper.replica.expected import listed_ids

from ..children import read_line

SITE = build_site()
LIST_LINK = re.compile(r'href="/?more\.asp\?id=(\d+)"')  # list items; sidebar links add &pid=


def fetch(url: str) -> tuple[int, dict, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as resp:
            return resp.status, dict(resp.headers), resp.read()
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers), err.read()


def page_text(url: str) -> str:
    status, _headers, body = fetch(url)
    assert status == 200, url
    return body.decode("gb18030")


@pytest.fixture(scope="module", params=["table", "div"])
def server(request):
    with ReplicaServer(SITE, layout=request.param) as srv:
        yield srv


def test_starts_on_a_free_port_and_serves_the_home_page():
    with ReplicaServer(SITE) as one, ReplicaServer(SITE) as two:
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+/", one.url)
        assert one.url != two.url
        home = page_text(one.url)
        assert "茂名港集团" in home and "最新动态" in home and "更多&gt;&gt;" in home
        assert page_text(one.url + "index.asp") == home


def test_list_pages_match_the_data(server):
    for pid, (count, pages) in list_pages(SITE).items():
        seen = []
        for page in range(1, pages + 1):
            html = page_text(f"{server.url}news.asp?pid={pid}&page={page}")
            flat = html.replace("&nbsp;", " ").replace("<b>", "").replace("</b>", "")
            assert re.search(rf"共\s*{count}\s*条记录", flat)
            assert re.search(rf"页次：{page}/{pages}", flat)
            ids = [int(i) for i in LIST_LINK.findall(html)]
            assert len(ids) == (15 if page < pages else count - 15 * (pages - 1))
            seen += ids
        assert seen == listed_ids(SITE, pid)


def test_leaf_sections_have_one_to_four_pages():
    for sec in SITE.sections:
        if not SITE.children(sec.name):
            assert 1 <= list_pages(SITE)[sec.pid][1] <= 4


def test_out_of_range_page_returns_page_one(server):
    first = page_text(f"{server.url}news.asp?pid=21&page=1")
    for page in ("99", "0", "-1", "abc"):
        html = page_text(f"{server.url}news.asp?pid=21&page={page}")
        assert LIST_LINK.findall(html) == LIST_LINK.findall(first)
        assert "页次：1/4" in html.replace("<b>", "").replace("</b>", "")


def test_missing_article_is_404_and_flaky_one_fails_twice():
    found = traits(SITE)
    with ReplicaServer(SITE) as srv:
        missing = found["missing"][0]
        assert missing in listed_ids(SITE, 23)
        assert fetch(f"{srv.url}more.asp?id={missing}")[0] == 404
        flaky_url = f"{srv.url}more.asp?id={found['flaky'][0]}"
        assert [fetch(flaky_url)[0] for _ in range(4)] == [503, 503, 200, 200]
        assert fetch(f"{srv.url}more.asp?id=999999")[0] == 404


def test_robots_txt_and_request_log(server):
    status, headers, body = fetch(server.url + "robots.txt")
    assert status == 200 and headers["Content-Type"] == "text/plain"
    assert body.decode().splitlines() == ["User-agent: *", "Disallow: /admin/",
                                          "Disallow: /search.asp"]
    home = page_text(server.url)
    assert "/admin/login.asp" in home and "search.asp?keyword=" in home
    assert ("GET", "/robots.txt") in server.requests


def test_gb18030_bytes_and_headers(server):
    art = next(a for a in SITE.articles if "昇" in a.byline and a.status == "ok")
    status, headers, body = fetch(f"{server.url}more.asp?id={art.id}")
    assert status == 200
    assert headers["Content-Type"] == "text/html"  # no charset in the header
    assert "ETag" not in headers and "Last-Modified" not in headers
    assert b'content="text/html; charset=gb2312"' in body
    with pytest.raises(UnicodeEncodeError):
        "李昇".encode("gb2312")
    assert "李昇".encode("gb18030") in body
    assert "李昇" in body.decode("gb18030")


def test_hit_counter_changes_between_fetches(server):
    art = next(a for a in SITE.articles if a.date_style == "hits" and a.status == "ok")
    url = f"{server.url}more.asp?id={art.id}&pid=21"
    first, second = (int(re.search(r"浏览次数：(\d+)", page_text(url)).group(1))
                     for _ in range(2))
    assert second == first + 1


def test_article_pages_show_what_expected_says(server):
    expected = expected_articles(SITE, server.url)
    for art in SITE.articles[:20]:
        if art.status != "ok":
            continue
        html = page_text(f"{server.url}more.asp?id={art.id}")
        want = expected[f"{server.url}more.asp?id={art.id}"]
        assert "您的位置：" in html and want["title"] in html
        text = remove_tags(html)
        assert all(p in text for p in want["body"].split("\n"))
        assert "返回首页" in html and 'href="#top"' in html
        assert ("返 回" in html) or ("[返回列表]" in html) or ("【返回】" in html)


def test_layouts_differ_in_markup():
    art = next(a for a in SITE.articles if a.status == "ok")
    with ReplicaServer(SITE, layout="table") as table, ReplicaServer(SITE, layout="div") as div:
        old = page_text(f"{table.url}more.asp?id={art.id}")
        new = page_text(f"{div.url}more.asp?id={art.id}")
    assert "<h1>" not in old and "<font" in old and old.count("<table") > 5
    assert f"<h1>{art.title}</h1>" in new and "<table" not in new
    # Table layout: sidebar before the content; div layout: after it.
    assert old.index("最新动态") < old.index(art.title.split(" ")[0] + "</b>")
    assert new.index("最新动态") > new.index("<h1>")


def test_traditional_pages_match_expected_fields():
    expected = expected_articles(SITE, "", script="traditional")
    art = next(a for a in SITE.articles if a.credit_form == "block" and a.status == "ok")
    with ReplicaServer(SITE, layout="div", script="traditional") as srv:
        html = page_text(f"{srv.url}more.asp?id={art.id}")
    want = expected[f"more.asp?id={art.id}"]
    assert want["language"] == "zh-Hant"
    assert "首頁" in html and want["title"] in html and want["section"] in html
    assert all(p in html for p in want["body"].split("\n"))
    assert "通訊員" in want["credits"] and "審核" in want["credits"]


def test_expected_articles_cover_the_traps():
    found = traits(SITE)
    expected = expected_articles(SITE, "http://h/")
    assert len(expected) == len(SITE.articles) - 1
    assert f"http://h/more.asp?id={found['missing'][0]}" not in expected
    assert f"http://h/more.asp?id={found['flaky'][0]}" in expected
    (original, copy), = found["duplicates"]
    a, b = (expected[f"http://h/more.asp?id={i}"] for i in (original, copy))
    assert (a["title"], a["body"], a["published"]) == (b["title"], b["body"], b["published"])
    same = [expected[f"http://h/more.asp?id={i}"] for i in found["same_title"]]
    assert len(same) >= 3 and len({s["body"] for s in same}) == len(same)
    assert len({s["published"][:4] for s in same}) == len(same)
    forms = {a.credit_form for a in SITE.articles}
    assert forms == {"paren", "reporter", "block", "wentu", "none"}


def test_module_entry_point_prints_url_and_stops_on_sigterm():
    proc = subprocess.Popen([sys.executable, "-m", "portscraper.replica", "--layout", "div"],
                            stdout=subprocess.PIPE, text=True)
    try:
        line = read_line(proc.stdout).strip()
        assert re.fullmatch(r"serving http://127\.0\.0\.1:\d+/", line)
        assert "茂名港集团" in page_text(line.split(" ", 1)[1])
    finally:
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=10) == 0
