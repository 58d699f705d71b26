"""extract/cleaning.py: the article's own HTML keeps nothing that runs (README: "fields keep no
script, handlers or javascript:/data: links"). The crawl test of this (test_security.py) is too
slow for mutation runs; this one reads clean_element directly."""

from __future__ import annotations

from lxml import html

from portscraper.extract.cleaning import clean_element

PAGE = ('<html><body><div onclick="x()" style="color:red" class="k" id="main">'
        '<!-- a comment first: cleaning goes on past it -->'
        '<p title="t" onmouseover="y()">码头<a href=" JAVASCRIPT:alert(1)">a</a>'
        '<a href="vbscript:msgbox(1)">b</a><a href="Data:text/html,x">e</a>'
        '<img src="data:image/png;base64,xx" alt="图" onerror="z()"><img src="/u/a.jpg">'
        '<a href="more.asp?id=2">c</a><a href="">d</a></p><script>bad()</script>'
        '<style>p{}</style><iframe src="http://evil.example/"></iframe>'
        '<table><tr><td colspan="2" rowspan="1" width="3">x</td></tr></table></div>tail'
        "</body></html>")


def cleaned() -> tuple[str, object]:
    original = html.fromstring(PAGE).find(".//div")
    return html.tostring(clean_element(original, "http://x.cn/news/list.asp"),
                         encoding="unicode"), original


def test_nothing_that_runs_is_kept():
    out, _ = cleaned()
    lowered = out.lower()
    for bad in ("onclick", "onmouseover", "onerror", "javascript:", "vbscript:", "data:",
                "<script", "<style", "<iframe", "bad()", "style="):
        assert bad not in lowered, bad


def test_links_are_made_absolute_and_harmless_attributes_kept():
    out, _ = cleaned()
    assert '<a href="http://x.cn/news/more.asp?id=2">c</a>' in out
    assert '<img src="http://x.cn/u/a.jpg">' in out and '<img alt="图">' in out
    assert '<p title="t">' in out and '<td colspan="2" rowspan="1">x</td>' in out
    assert '<a href="">d</a>' in out  # an empty link stays empty
    assert out.startswith("<div>") and out.endswith("</div>")  # no class, id, or tail


def test_the_page_itself_is_left_as_it_was():
    _, original = cleaned()
    assert original.get("onclick") == "x()" and original.tail == "tail"
    assert original.find(".//script") is not None


def _saved_pages():
    from ..extract.test_extract_pages import CASES, load
    return [load(case)[1] for case in CASES]


def test_body_html_shows_the_whole_body_in_order_with_absolute_links():
    """The reading room shows body_html: every line of the body is in it, in the body's order
    (none dropped or cut short), and every link
    and image in it is absolute (a relative one would point into the reading room)."""
    with_links = 0
    for got in _saved_pages():
        if not got["body"]:
            continue
        fragment = html.fragment_fromstring(f"<div>{got['body_html']}</div>")
        shown = "".join("".join(fragment.itertext()).split())
        pos = 0
        for line in got["body"].split("\n"):
            line = "".join(line.split())
            found = shown.find(line, pos)
            assert found >= 0, (got["url"], line, shown[pos:pos + 80])
            pos = found + len(line)
        # Elements one after the other: no loose text between them.
        assert not (fragment.text or "").strip(), got["url"]
        assert not [child.tail for child in fragment if (child.tail or "").strip()], got["url"]
        for node in fragment.iter("a", "img"):
            link = node.get("href") or node.get("src")
            if link:
                with_links += 1
                assert link.startswith(("http://", "https://")), (got["url"], link)
    assert with_links >= 5
