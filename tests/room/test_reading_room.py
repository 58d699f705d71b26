"""The reading room (`datasette archive/` with the project's plugin and templates) on an archive
of hostile rows written straight into its tables (tests/hostile_archive.py).

Guards the README's "Archived pages never run in Datasette": every field and every echoed
parameter escaped on every page and in the Atom feed, links only to http(s) URLs, rows of
unexpected shape shown as their raw value rather than answered with 500, a snapshot stored with
an unknown compression shown without its page, and no canned query that writes.
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
from html.parser import HTMLParser
from xml.etree import ElementTree

import pytest
import yaml

from portscraper.archive.compression import TRAINING_PAGES
from portscraper.archive.store import Archive

from ..hostile_archive import (
    BAD_LINKS,
    DB_NAME,
    ROOT,
    TEXT_FIELDS,
    Client,
    config_dir,
    escaped,
)

PAYLOAD_RE = re.compile(r"<script>pwn_|<img src=x onerror", re.IGNORECASE)


@pytest.fixture(scope="module")
def room(tmp_path_factory):
    directory, ids = config_dir(tmp_path_factory.mktemp("room"))
    client = Client(directory)
    yield client, ids, directory / f"{DB_NAME}.db"
    client.close()


class Links(HTMLParser):
    """Every URL a page links or loads (href, src, action, formaction, srcdoc, data), and every
    event-handler attribute, as a browser would read them."""

    def __init__(self, page: str):
        super().__init__()
        self.urls: list[str] = []
        self.handlers: list[tuple[str, str]] = []
        self.scripts: list[str] = []
        self._in_script = False
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src", "action", "formaction", "data", "poster", "srcdoc"):
                self.urls.append(value or "")
            if name.startswith("on"):
                self.handlers.append((name, value or ""))
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts.append(data)


def unsafe_links(page: str) -> list[str]:
    """Links to anything but http(s) and the server's own paths."""
    return [url for url in Links(page).urls
            if not re.match(r"(https?://|/(?!/)|\?|#|$)", url.strip(), re.IGNORECASE)]


def pages(ids) -> list[str]:
    hostile, odd = ids["hostile"], ids["odd"]
    return [
        f"/{DB_NAME}/articles/{hostile}", *[f"/{DB_NAME}/articles/{i}" for i in odd],
        f"/{DB_NAME}/articles", f"/{DB_NAME}/articles?_columns=all", "/",
        f"/{DB_NAME}/articles?_search=码头", f"/{DB_NAME}/articles?_search=script",
        f"/{DB_NAME}/articles?_search=码头&_sort_desc=published",
        f"/{DB_NAME}/search?q=码头", f"/{DB_NAME}/revisions", f"/{DB_NAME}/revisions/1",
        f"/{DB_NAME}/revisions?_search=码头", f"/{DB_NAME}/article_history?id={hostile}",
        f"/{DB_NAME}/latest", f"/{DB_NAME}/snapshots", f"/{DB_NAME}/snapshots/{ids['snapshot']}",
        f"/-/snapshot/{DB_NAME}/{ids['snapshot']}",
        f"/-/snapshot/{DB_NAME}/{ids['unknown_snapshot']}",
        f"/{DB_NAME}/failures", f"/{DB_NAME}/last_crawl_failures", f"/{DB_NAME}/crawls",
        f"/{DB_NAME}/last_crawl", f"/{DB_NAME}/sections", f"/{DB_NAME}", "/-/search?q=码头",
    ]


def test_every_page_answers_and_runs_no_payload(room):
    """No page shows a stored payload as markup, carries an event handler or a script of the
    archive, or links anything but http(s); and every page answers (no 500)."""
    client, ids, _ = room
    for path in pages(ids):
        page = client.get(path)
        assert page.status_code == 200, (path, page.status_code)
        assert not PAYLOAD_RE.search(page.text), path
        links = Links(page.text)
        assert not [h for h in links.handlers if "pwn" in h[1]], (path, links.handlers)
        assert not [s for s in links.scripts if "pwn" in s], path
        assert unsafe_links(page.text) == [], (path, unsafe_links(page.text))


def test_the_article_page_shows_every_field_escaped(room):
    """Each field of the hostile article is on its page, as text: a `|safe` or a Markup() on
    any of them puts the payload back as markup."""
    client, ids, _ = room
    page = client.get(f"/{DB_NAME}/articles/{ids['hostile']}").text
    article = re.search(r'<article class="portscraper-article".*?</article>', page, re.S)
    assert article, "the article template is not used"
    shown = article.group(0)
    for field in [*TEXT_FIELDS, "para1", "para3", "role", "name", "name2", "caption0",
                  "caption_ok", "label0", "label_ok"]:
        if field in ("body_html", "section", "language"):
            continue
        assert escaped(field) in shown, field
    assert escaped("section") in shown and "&lt;img src=x onerror=pwn_para2()&gt;" in shown
    assert 'lang="&lt;script&gt;pwn_language()&lt;/script&gt;"' in shown
    # Only the http(s) image and attachment are links; the others are labels alone.
    hrefs = Links(shown).urls
    assert "http://www.mmport.example/a.jpg" in hrefs
    assert "https://www.mmport.example/a.pdf" in hrefs
    assert not [h for h in hrefs if any(bad.strip().lower() in h.lower() for bad in BAD_LINKS)]
    assert "original page" not in shown  # its URL is javascript:


def test_table_cells_of_images_and_attachments_are_escaped(room):
    """render_cell's links of the images and attachments columns (every column shown):
    labels escaped, http(s) links only."""
    client, _, _ = room
    page = client.get(f"/{DB_NAME}/articles?_columns=all").text
    for field in ("caption0", "caption_ok", "label0", "label_ok", "title", "byline"):
        assert escaped(field) in page, field
    assert 'href="http://www.mmport.example/a.jpg"' in page
    assert unsafe_links(page) == []


@pytest.mark.parametrize("path", [
    "/{db}/articles?_search={p}",                       # ranked (query.html)
    "/{db}/articles?_search={p}&_sort_desc=published",  # in a chosen order (table.html)
    "/{db}/search?q={p}",
    "/{db}/revisions?_search={p}",
    "/{db}/articles?_search=码头&_size={p}",            # the 400 page echoes the value
    "/{db}/articles?_search=码头&_next={p}",
    "/{db}/article_history?id={p}",
    "/{db}/articles?_facet={p}",
    "/{db}/articles?_search=码头&section={p}",          # a facet's filter on the results page
    "/{db}/articles?_search=码头&published__startswith={p}&_sort_desc=published",
    "/-/search?q={p}",
])
def test_every_echoed_parameter_is_escaped(room, path):
    client, _, _ = room
    page = client.get(path.format(db=DB_NAME, p="<script>pwn_echo()</script>码头"))
    assert page.status_code in (200, 400), page.status_code
    assert "<script>pwn_echo" not in page.text
    assert "&lt;script&gt;pwn_echo()" in page.text  # shown, as text


def test_the_search_term_note_of_each_search_page_is_escaped(room):
    """The results page and table.html's note echo the term in <strong>: escaped there."""
    client, _, _ = room
    term = "<script>pwn_q()</script>"
    results = client.get(f"/{DB_NAME}/articles?_search={term}").text
    assert '<strong class="portscraper-query">&lt;script&gt;pwn_q()&lt;/script&gt;</strong>' \
        in results
    note = re.search(r'<p class="portscraper-search-note">.*?</p>',
                     client.get(f"/{DB_NAME}/articles?_search={term}&_sort=title").text, re.S)
    assert note and "<strong>&lt;script&gt;pwn_q()&lt;/script&gt;</strong>" in note.group(0)


def test_rows_of_unexpected_shape_are_shown_raw(room):
    """Credits that are a list, a string per role or broken JSON, a BLOB body, images that are
    no JSON or no list: the article page answers, with the raw value."""
    client, ids, _ = room
    listed, blob, data_url, control = ids["odd"]

    def article(article_id) -> str:
        page = client.get(f"/{DB_NAME}/articles/{article_id}")
        assert page.status_code == 200
        found = re.search(r'<article class="portscraper-article".*?</article>', page.text, re.S)
        assert found, article_id
        return found.group(0)

    shown = article(listed)  # in the article itself, not only in the table under it
    assert '<p class="credits">[&#34;吴超&#34;, &#34;王某&#34;]</p>' in shown
    assert "<p>not json at all</p>" in shown and "<p>{&#34;url&#34;: &#34;x&#34;}</p>" in shown
    assert "original page" in shown and "archived page" in shown
    shown = article(blob)
    assert escaped("blob") in shown
    assert "记者：吴超" in shown  # a name given as a string, not a list
    assert "编辑：5" in shown and "审核：{&#34;a&#34;: 1}" in shown
    assert "http://www.mmport.example/b.jpg" in Links(shown).urls
    assert "<li>7 (not archived)</li>" in shown
    shown = article(data_url)
    assert '<p class="credits">{broken</p>' in shown and "original page" not in shown
    shown = article(control)
    assert "archived page" not in shown  # its snapshot_id is no number


def test_a_snapshot_of_unknown_compression_is_described_not_served(room):
    client, ids, _ = room
    page = client.get(f"/-/snapshot/{DB_NAME}/{ids['unknown_snapshot']}")
    assert page.status_code == 200
    assert "cannot be read back" in page.text and "brotli" in page.text
    assert "<iframe" not in page.text
    assert escaped("snapshot_js") in page.text  # its URL, not a link (javascript:)
    for form in ("raw", "text"):
        answer = client.get(f"/-/snapshot/{DB_NAME}/{ids['unknown_snapshot']}/{form}")
        assert answer.status_code == 404 and "brotli" in answer.text


def test_the_snapshot_page_escapes_its_url_and_frames_the_payload(room):
    """The snapshot's URL is text on its page; the archived page itself, script and all, is
    only in the sandboxed /raw behind the frame."""
    client, ids, _ = room
    base = f"/-/snapshot/{DB_NAME}/{ids['snapshot']}"
    page = client.get(base).text
    assert escaped("snapshot_url") in page and escaped("fetched_at") in page
    assert re.search(rf'<iframe sandbox="" src="{base}/view"', page)
    raw = client.get(f"{base}/raw")
    assert b"<script>pwn_raw_page()</script>" in raw.content  # the evidence, as archived
    policy = raw.headers["content-security-policy"]
    assert policy.startswith("sandbox;") and "allow-scripts" not in policy


def atom_entries(client) -> list[ElementTree.Element]:
    feed = client.get(f"/{DB_NAME}/latest.atom")
    assert feed.status_code == 200, feed.text[:300]
    root = ElementTree.fromstring(feed.content)
    return root.findall("{http://www.w3.org/2005/Atom}entry")


def test_the_feed_carries_only_http_links_and_plain_text(room):
    client, _, _ = room
    atom = "{http://www.w3.org/2005/Atom}"
    entries = atom_entries(client)
    assert entries
    for entry in entries:
        for link in entry.findall(f"{atom}link"):
            assert re.match(r"https?://", link.get("href")), link.get("href")
        assert re.match(r"https?://", entry.findtext(f"{atom}id"))
        content = entry.find(f"{atom}content")
        assert content is None or content.get("type") == "text"
    text = client.get(f"/{DB_NAME}/latest.atom").text
    assert "javascript:" not in text and "data:text" not in text
    assert "<script>pwn" not in text


def test_no_canned_query_writes(room):
    """Every canned query of metadata.yml runs on a read-only connection (a write fails there)
    and is not marked write: a canned query that deletes rows breaks this."""
    _, _, db_path = room
    metadata = yaml.safe_load((ROOT / "archive" / "metadata.yml").read_text())
    queries = metadata["databases"][DB_NAME]["queries"]
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    conn.create_function("portscraper_feed_text", 1, str)
    conn.create_function("portscraper_web_link", 1, lambda url: url)
    conn.create_function("portscraper_feed_entry", 4, lambda *cells: "")
    conn.create_function("portscraper_diff_text", 4, lambda *cells: "")
    conn.create_function("portscraper_archived_link", 1, lambda snapshot_id: "")
    for name, query in queries.items():
        assert not query.get("write"), name
        params = {p: "1" for p in re.findall(r":(\w+)", query["sql"])}
        conn.execute(query["sql"], params).fetchall()  # sqlite3 refuses writes on mode=ro
        assert conn.total_changes == 0, name
    conn.close()


def test_canned_queries_change_nothing_when_posted(room):
    client, ids, db_path = room
    def content():
        """Every row of every table, in order (not a count, which an UPDATE keeps)."""
        with sqlite3.connect(db_path) as conn:
            return hashlib.sha256("\n".join(conn.iterdump()).encode()).hexdigest()

    before = content()
    metadata = yaml.safe_load((ROOT / "archive" / "metadata.yml").read_text())
    for name in metadata["databases"][DB_NAME]["queries"]:
        client.post(f"/{DB_NAME}/{name}", data={"id": str(ids["hostile"])})
    assert content() == before



# --- snapshots: permissions, dictionaries, odd cells -------------------------------------------

def test_snapshot_views_need_the_snapshots_tables_permission(room, tmp_path):
    """A deployment that hides the snapshots table hides their views too (403), whatever
    address is asked for."""
    _, ids, db_path = room
    directory = tmp_path / "private"
    directory.mkdir()
    (directory / f"{DB_NAME}.db").write_bytes(db_path.read_bytes())
    for metadata in ({"databases": {DB_NAME: {"tables": {"snapshots": {"allow": False}}}}},
                     {"databases": {DB_NAME: {"allow": False}}}, {"allow": False}):
        (directory / "metadata.json").write_text(json.dumps(metadata))
        private = Client(directory)
        try:
            for form in ("", "/raw", "/text"):
                answer = private.get(f"/-/snapshot/{DB_NAME}/{ids['snapshot']}{form}")
                assert answer.status_code == 403, (metadata, form)
            if "tables" in metadata.get("databases", {}).get(DB_NAME, {}):
                assert private.get(f"/{DB_NAME}/articles").status_code == 200
        finally:
            private.close()


def test_a_snapshot_compressed_with_the_sites_dictionary_is_served_as_fetched(tmp_path):
    directory = tmp_path / "dict"
    directory.mkdir()
    archive = Archive(directory / f"{DB_NAME}.db")
    pages = {}
    for n in range(TRAINING_PAGES + 1):
        page = f"<html><body><p>第{n}号公告 茂名港集团</p></body></html>".encode("gb18030") * 20
        snapshot_id, _ = archive.add_snapshot(f"http://a.example/{n}.asp", 200, {}, page,
                                              "cp936", page.decode("gb18030"))
        pages[snapshot_id] = page
    broken_id, _ = archive.add_snapshot("http://a.example/broken.asp", 200, {},
                                        "港".encode() + b"\xff" + "口".encode(), "utf-8", "")
    archive.close()
    client = Client(directory)
    try:
        raw = client.get(f"/-/snapshot/{DB_NAME}/1/raw")
        assert raw.content == pages[1]
        assert raw.headers["content-type"] == "text/html; charset=gbk"  # cp936, as browsers say
        text = client.get(f"/-/snapshot/{DB_NAME}/1/text")
        assert "第0号公告" in text.text and text.text == pages[1].decode("gb18030")
        # The text view is plain text, as sandboxed as the page itself.
        assert text.headers["content-type"] == "text/plain; charset=utf-8"
        assert text.headers["content-security-policy"].startswith("sandbox;")
        assert text.headers["x-content-type-options"] == "nosniff"
        # Its page links the page's own address and the snapshot's row.
        page = client.get(f"/-/snapshot/{DB_NAME}/1").text
        assert '<a href="http://a.example/0.asp" rel="noopener noreferrer nofollow">' in page
        assert f'<a href="/{DB_NAME}/snapshots/1">row</a>' in page
        # Bytes that are no text in the page's encoding still show, replaced.
        broken = client.get(f"/-/snapshot/{DB_NAME}/{broken_id}/text")
        assert broken.status_code == 200 and broken.text == "港\ufffd口"
    finally:
        client.close()


def test_snapshot_addresses_of_no_snapshot_say_so(room):
    client, _, _ = room
    for path in (f"/-/snapshot/{DB_NAME}/99999", f"/-/snapshot/{DB_NAME}/1/nosuch",
                 f"/-/snapshot/{DB_NAME}/" + "1" * 19, f"/-/snapshot/{DB_NAME}/" + "9" * 19,
                 f"/-/snapshot/{DB_NAME}/٣"):
        answer = client.get(path, follow_redirects=True)
        assert answer.status_code == 404 and "no such snapshot" in answer.text, path
    assert client.get(f"/-/snapshot/{DB_NAME}/" + "0" * 17 + "1").status_code == 200
    missing_db = client.get("/-/snapshot/nosuchdb/1")
    assert missing_db.status_code == 404 and "no such database" in missing_db.text


def test_charsets_and_stored_forms():
    from portscraper.room.snapshots import charset_label, page_bytes

    assert charset_label("cp936") == "gbk" and charset_label("GB18030") == "gb18030"
    for unknown in (None, "", b"utf-8", "x-no-such", 7):
        assert charset_label(unknown) == "utf-8", unknown
    assert page_bytes("码头", "none", None) == ("码头".encode(), "")
    assert page_bytes(None, "", None) == (b"", "")
    assert page_bytes(b"\x00\xff", None, None) == (b"\x00\xff", "")
    body, problem = page_bytes(b"x", "brotli", None)
    assert body is None and "compression 'brotli'" in problem


# --- the plugin's helpers, without a server -----------------------------------------------------

def test_an_article_view_of_any_row():
    from portscraper.room.plugin import article_view

    assert article_view({}) == {
        "kicker": "", "title": "", "subtitle": "", "published": "", "section": "",
        "byline": "", "language": "", "paragraphs": [], "images": [], "images_raw": "",
        "attachments": [], "attachments_raw": "", "credits": {}, "credits_raw": "",
        "date": "", "url": None, "local": False, "snapshot_id": None}
    assert article_view({"url": "http://127.0.0.1:8000/more.asp?id=1"})["local"] is True
    view = article_view({"title": b"\xe7\xa0\x81\xff", "body": "一\n\n 二 \n", "snapshot_id": 3,
                         "url": "https://x.cn/1", "credits": '{"记者": ["吴超"]}',
                         "images": '[{"url": "http://x.cn/a.jpg", "caption": "图"}]',
                         "attachments": '["javascript:x"]', "language": "en"})
    assert view["title"] == "码\ufffd" and view["paragraphs"] == ["一", " 二 "]
    assert (view["url"], view["snapshot_id"], view["language"]) == ("https://x.cn/1", 3, "en")
    assert view["credits"] == {"记者": ["吴超"]}
    assert view["images"] == [{"url": "http://x.cn/a.jpg", "label": "图", "local": False}]
    assert view["attachments"] == [{"url": None, "label": "javascript:x", "local": False}]


def test_credits_of_every_shape():
    from portscraper.room.plugin import credits_of

    assert credits_of(None) == ({}, "") and credits_of("") == ({}, "")
    assert credits_of('{"记者": [{"名": "吴"}], "摄影": {"名": "王"}, "编辑": "李"}') == (
        {"记者": ['{"名": "吴"}'], "摄影": ['{"名": "王"}'], "编辑": ["李"]}, "")
    assert credits_of("[1]") == ({}, "[1]") and credits_of("{x") == ({}, "{x")


def test_feed_text_and_escape_fts():
    from portscraper.room.plugin import escape_fts, feed_text

    assert feed_text("a\x0bb\x00c\ufffe") == "abc" and feed_text(b"\xff") == "\ufffd"
    assert feed_text(None) == "" and feed_text(7) == "7"
    assert escape_fts(None) == '""' and escape_fts(5) == '""'
    assert escape_fts("碼頭") == '"码头"'


def test_a_snapshot_id_cell_links_its_row_page_and_text(room):
    client, ids, _ = room
    page = client.get(f"/{DB_NAME}/articles/{ids['hostile']}").text
    snapshot = ids["snapshot"]
    assert (f'<a href="/{DB_NAME}/snapshots/{snapshot}">{snapshot}</a> (<a href="/-/snapshot/'
            f'{DB_NAME}/{snapshot}">page</a>, <a href="/-/snapshot/{DB_NAME}/{snapshot}/text">'
            "text</a>)") in page


def test_the_images_and_attachments_cells_are_lists_of_links_and_labels():
    """What the table shows in an images or attachments cell: http(s) links, the label alone
    where there is no link to make, Chinese as written; a cell that is no list, as its text."""
    from portscraper.room.plugin import links_html

    cell = json.dumps([{"url": "http://x.cn/u/a.jpg", "caption": "码头<b>"},
                       {"url": "javascript:alert(1)", "caption": "坏"}, ["港口", 1]])
    assert str(links_html(cell, "caption")) == (
        '<ul class="portscraper-links"><li><a href="http://x.cn/u/a.jpg" '
        'rel="noopener noreferrer nofollow">码头&lt;b&gt;</a></li><li>坏</li>'
        '<li>[&#34;港口&#34;, 1]</li></ul>')
    assert str(links_html("附件<一>", "label")) == "附件&lt;一&gt;"
def test_snippets_highlights_and_diffs_show_markup_as_text(room):
    """The results page marks words inside the escaped text of a hostile article; the diff of
    its revision shows both versions' payloads as text."""
    client, ids, _ = room
    page = client.get(f"/{DB_NAME}/articles?_search=码头").text
    assert "<mark>码头</mark>&lt;script&gt;pwn_title()&lt;/script&gt;" in page
    assert "<mark>码头</mark>&lt;script&gt;pwn_para1()&lt;/script&gt;" in page
    # The payload's own words, searched for, are marked inside its escaped text.
    page = client.get(f"/{DB_NAME}/articles?_search=script").text
    assert "&lt;<mark>script</mark>&gt;pwn_" in page
    assert not PAYLOAD_RE.search(page) and not [s for s in Links(page).scripts if "pwn" in s]
    article = client.get(f"/{DB_NAME}/articles/{ids['hostile']}").text
    diff = re.search(r'<table class="portscraper-diff">.*?</table>', article, re.S)
    assert diff, "the revision's diff is not shown"
    shown = diff.group(0)
    assert "&lt;img src=x onerror=pwn_para2()&gt;" in shown and "<del>old_body</del>" in shown
    assert not PAYLOAD_RE.search(shown)
    links = Links(shown)
    assert not links.scripts and not links.handlers and unsafe_links(shown) == []


def test_highlight_snippet_and_diff_helpers():
    from markupsafe import Markup

    from portscraper.archive.diff import compare, inline
    from portscraper.room.highlight import highlight, match_spans, snippet

    assert highlight("<b>碼頭</b>", "码头") == Markup("&lt;b&gt;<mark>碼頭</mark>&lt;/b&gt;")
    # NFKC folding that changes the length (㈱ is three characters) keeps the marks in place.
    assert highlight("㈱码头", "碼頭") == Markup("㈱<mark>码头</mark>")
    assert match_spans("Port PORT", "port") == [(0, 4), (5, 9)]
    assert match_spans(b"\xff\xfe", "码头") == [] and match_spans(None, "x") == []
    text, count = snippet("甲" * 200 + "码头" + "乙" * 200, "码头")
    assert count == 1 and text.startswith("…") and text.endswith("…")
    assert "<mark>码头</mark>" in text and len(text.striptags()) <= 122
    assert snippet("无", "码头") == (Markup("无"), 0)
    old, new = inline("<i>码头</i>", "<i>港口</i>")
    assert old == Markup("&lt;i&gt;<del>码头</del>&lt;/i&gt;")
    assert new == Markup("&lt;i&gt;<ins>港口</ins>&lt;/i&gt;")
    changes = compare({"title": "a", "body": "一\n二\n三\n四\n五", "credits": '{"编辑": ["吴"]}'},
                      {"title": "a", "body": "一\n二\n三\n四\n六", "credits": '{"编辑": ["王"]}'})
    assert [c["field"] for c in changes] == ["credits", "body"]
    kinds = [row["kind"] for row in changes[1]["rows"]]
    assert kinds == ["folded", "same", "changed"] and changes[1]["rows"][0]["before"] == 3
    # A revision of an older archive that did not record the section: no change is invented.
    assert compare({"title": "a", "section": None}, {"title": "a", "section": "集团新闻"}) == []
    assert [c["field"] for c in compare({"section": "党建"}, {"section": "集团新闻"})] == [
        "section"]
