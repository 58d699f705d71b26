"""What a researcher needs of the reading room beyond reading (issue 24), through Datasette's
in-process client on the test archive of tests/room/test_datasette.py: each group shown once by
its registry names, a group with nothing archived on a line of its own, a new archive file
served without a restart; a citation on the article page and in its JSON; changes named and
shown as a difference; a run report in words; facets in words; pictures drawn as SVG; the
replica's images real images; the demo in a folder of its own.
"""

from __future__ import annotations

import asyncio
import csv
import html
import io
import json
import re
import shutil
import sqlite3
import struct
import zlib

import pytest
from datasette.app import Datasette

from portscraper.archive.store import Archive
from portscraper.replica.images import image_bytes
from portscraper.room.changes import diff_text

from ..room.test_datasette import DB_NAME, ROOT, config_dir

MAOMING = "茂名港集团有限公司"


@pytest.fixture(scope="module")
def room(tmp_path_factory):
    """The test archive as portnews.db and an empty yantian.db whose only run was
    unreachable, served from one folder."""
    directory = config_dir(tmp_path_factory.mktemp("citing"))
    empty = Archive(directory / "yantian.db")
    crawl = empty.start_crawl("yantian", {"site": "yantian"})
    empty.finish_crawl(crawl, finish_reason="finished", failures=1, health="unreachable")
    empty.close()
    loop = asyncio.new_event_loop()
    ds = Datasette(config_dir=directory)
    loop.run_until_complete(ds.invoke_startup())

    def get(path: str):
        return loop.run_until_complete(ds.client.get(path))

    yield get, directory
    loop.close()


def query(db, sql, *params):
    with sqlite3.connect(db) as conn:
        rows = conn.execute(sql, params).fetchall()
    conn.close()
    return rows


def test_each_group_once_by_its_names_and_the_empty_ones_apart(room):
    get, _ = room
    page = get("/").text
    panels = re.findall(r'<section class="portscraper-archive">.*?</section>', page, re.S)
    assert len(panels) == 1  # only the archive that holds articles
    assert f'<span lang="zh">{MAOMING}</span> <span class="name-en">Maoming Port Group ' \
           "Co., Ltd.</span>" in panels[0]
    empty = re.search(r'<section class="portscraper-empty">.*?</section>', page, re.S).group(0)
    lines = re.findall(r"<li>.*?</li>", empty, re.S)
    assert len(lines) == 1
    assert "深圳市盐田港集团有限公司" in lines[0] and "Shenzhen Yantian Port Group" in lines[0]
    assert re.search(r'last run <a class="verdict unreachable" href="/yantian/last_crawl">'
                     r"unreachable</a>, \d{4}-\d\d-\d\d \d\d:\d\d UTC", lines[0])
    # One group: the latest press releases need not name it, and never name a file.
    metas = re.findall(r'<p class="meta"><time datetime="[^"]+">[^<]+</time>(.*?)</p>',
                       page, re.S)
    assert len(metas) == 12 and not any(DB_NAME in m or "yantian" in m for m in metas)


def test_a_new_archive_file_is_served_without_a_restart(tmp_path):
    directory = config_dir(tmp_path)
    loop = asyncio.new_event_loop()
    ds = Datasette(config_dir=directory)
    try:
        loop.run_until_complete(ds.invoke_startup())
        before = loop.run_until_complete(ds.client.get("/-/search.json?q=码头")).json()
        assert before["archives"] == 1
        assert loop.run_until_complete(ds.client.get("/zhanjiang")).status_code == 404
        shutil.copy(directory / f"{DB_NAME}.db", directory / "zhanjiang.db")
        front = loop.run_until_complete(ds.client.get("/")).text
        after = loop.run_until_complete(ds.client.get("/-/search.json?q=码头")).json()
        table = loop.run_until_complete(ds.client.get("/zhanjiang/articles.json?_size=0"))
    finally:
        loop.close()
    assert after["archives"] == 2 and after["total"] == 2 * before["total"]
    assert '<a href="/zhanjiang">' in front
    assert table.status_code == 200


def cited(page: str) -> dict[str, str]:
    block = re.search(r'<section class="portscraper-citation".*?</section>', page, re.S)
    assert block, "no citation block"
    fields = dict(re.findall(r"<dt>(.*?)</dt><dd[^>]*>(.*?)</dd>", block.group(0), re.S))
    forms = {name: html.unescape(text) for name, text in
             re.findall(r'<pre id="cite-(\w+)">(.*?)</pre>', block.group(0), re.S)}
    return {**fields, **forms}


def test_an_article_page_says_how_to_cite_it(room):
    get, directory = room
    db = directory / f"{DB_NAME}.db"
    (title, published, section, url, sha, sid), = query(
        db, "SELECT a.title, a.published, a.section, a.url, s.sha256, s.id FROM articles a "
            "JOIN snapshots s ON s.id = a.snapshot_id WHERE a.id = 2")
    page = get(f"/{DB_NAME}/articles/2").text
    c = cited(page)
    assert html.unescape(c["Title"]) == title and c["Section"] == section
    assert c["Publisher"] == f"{MAOMING} (Maoming Port Group Co., Ltd.)"
    assert c["Date"] == published
    assert c["Snapshot sha256"] == f"<code>{sha}</code>"
    assert f"<code>{url}</code>" == c["Original URL"]
    assert f'/-/snapshot/{DB_NAME}/{sid}"' in c["Permalink"]
    assert url in c["text"] and sha in c["text"] and html.unescape(title) in c["text"]
    year, month, day = (int(p) for p in published[:10].split("-"))
    assert c["bibtex"].startswith(f"@misc{{maoming_{year}_2,")
    assert f"year = {{{year}}}" in c["bibtex"] and f"url = {{{url}}}" in c["bibtex"]
    (item,) = json.loads(c["csl"])
    assert item["issued"] == {"date-parts": [[year, month, day]]} and item["URL"] == url
    assert item["title"] == title and item["note"] == f"snapshot sha256:{sha}"
    # The copy buttons are a script of the reading room's own, no inline script.
    assert 'data-copy="cite-bibtex"' in page and "/-/portscraper/citation.js" in page
    assert get("/-/portscraper/citation.js").status_code == 200
    # The row's JSON carries the same citation.
    data = get(f"/{DB_NAME}/articles/2.json").json()
    assert data["rows"][0][0] == 2  # Datasette's own keys stay
    assert data["citation"]["snapshot_sha256"] == sha
    assert data["citation"]["original_url"] == url
    assert data["citation"]["bibtex"] == c["bibtex"]


def test_the_changes_page_names_each_change_and_shows_the_difference(room):
    get, directory = room
    (revision, before_snapshot), = query(directory / f"{DB_NAME}.db",
                                         "SELECT id, snapshot_id FROM revisions")
    page = get(f"/{DB_NAME}/changes").text
    (entry,) = re.findall(r'<li class="portscraper-change revision">.*?</li>\s*(?=</ol>)',
                          page, re.S)
    assert '<span class="kind">Revised</span>' in entry
    assert f'<a href="/-/snapshot/{DB_NAME}/{before_snapshot}">the version before' in entry
    assert "<ins>（更新）</ins>" in entry and "补记：滚装船靠泊。" in entry
    feed = get(f"/{DB_NAME}/changes.atom").text
    assert f"#revision-{revision}</id>" in feed and "+ 补记：滚装船靠泊。" in feed
    assert f'<link href="/-/snapshot/{DB_NAME}/{before_snapshot}"/>' in feed


def test_a_difference_as_text():
    assert diff_text("甲", "甲（更新）", "一\n二", "一\n二改\n三") == (
        "− 甲\n+ 甲（更新）\n− 二\n+ 二改\n+ 三")
    assert diff_text("a", "a", "x", "x").startswith("No change in the text")


def test_the_run_report_says_its_problems_in_words(tmp_path):
    directory = config_dir(tmp_path)
    archive = Archive(directory / f"{DB_NAME}.db")
    crawl = archive.start_crawl("maoming", {"site": "maoming"})
    report = {"problems": ["only 40% of the run's articles have a published date"],
              "coverage": {"published": {"share": 0.4, "minimum": 0.95}}}
    archive.finish_crawl(crawl, finish_reason="finished", failures=0, health="failed",
                         health_report=json.dumps(report))
    archive.close()
    loop = asyncio.new_event_loop()
    try:
        page = loop.run_until_complete(Datasette(config_dir=directory).client.get(
            f"/{DB_NAME}/last_crawl")).text
    finally:
        loop.close()
    assert '<p class="portscraper-verdict failed">Verdict\n  <strong>failed</strong>' in page
    assert "<li>only 40% of the run&#39;s articles have a published date</li>" in page
    assert ('<tr class="short"><th scope="row">published</th><td>40%</td><td>95%</td></tr>'
            in page)
    assert "{&#34;problems" not in page  # the report in words, not its JSON


def test_the_articles_table_in_words(room):
    get, directory = room
    page = get(f"/{DB_NAME}/articles").text
    headings = re.findall(r'<p class="facet-info-name">\s*<strong>([^<\n]+)', page)
    assert sorted(h.strip() for h in headings) == ["Byline", "Port group", "Section", "Year"]
    assert "(year)" not in page and ">-</a>" not in page
    (blank,), = query(directory / f"{DB_NAME}.db",
                      "SELECT count(*) FROM articles WHERE byline = ''")
    if blank:
        assert f">(no byline)</a> {blank:,}</li>" in page
    assert f">{MAOMING} · Maoming Port Group Co., Ltd.</a>" in page
    assert re.search(r'rel="nofollow">Date&nbsp;▼?</a>|rel="nofollow">Date</a>', page) or \
        'rel="nofollow">Date' in page
    assert re.search(r'<td class="col-published type-str"><time datetime="\d{4}-\d\d-\d\d">'
                     r"\d{1,2} [A-Z][a-z]+ \d{4}</time></td>", page)


def test_search_results_offer_csv_of_every_match_and_a_picture_by_year(room):
    get, directory = room
    page = get(f"/{DB_NAME}/articles?_search=码头&_size=5").text
    total = int(re.search(r"<strong>([\d,]+)</strong> article", page).group(1).replace(",", ""))
    link = html.unescape(re.search(r'<a href="([^"]+)">CSV</a>', page).group(1))
    rows = list(csv.DictReader(io.StringIO(get(link).text)))
    assert len(rows) == total > 5
    bars = re.findall(r"<title>(\d{4}): ([\d,]+)</title>", page)
    assert sum(int(n.replace(",", "")) for _, n in bars) == total
    across = get("/-/search?q=码头").text
    link = html.unescape(re.search(r'<a href="([^"]+)">CSV</a>', across).group(1))
    assert len(list(csv.DictReader(io.StringIO(get(link).text)))) == total


def test_the_front_page_draws_press_releases_per_month(room):
    get, directory = room
    page = get("/").text
    months = dict(query(directory / f"{DB_NAME}.db",
                        "SELECT substr(published, 1, 7), count(*) FROM articles "
                        "WHERE published GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]*' GROUP BY 1"))
    drawn = {m: int(n.replace(",", "")) for m, n in
             re.findall(r"<title>(\d{4}-\d\d): ([\d,]+) press releases?</title>", page)}
    assert drawn == months
    # The revised article's month is marked.
    (revised,), = query(directory / f"{DB_NAME}.db", "SELECT substr(a.published, 1, 7) FROM "
                        "revisions v JOIN articles a ON a.id = v.article_id")
    assert f"<title>{revised}: 1 revised</title>" in page


def test_the_replica_serves_real_images():
    png = image_bytes("/uploadfile/2024/0601/a.png")
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", png[16:24])
    chunks, at = {}, 8
    while at < len(png):
        (length,) = struct.unpack(">I", png[at:at + 4])
        kind, data = png[at + 4:at + 8], png[at + 8:at + 8 + length]
        (crc,) = struct.unpack(">I", png[at + 8 + length:at + 12 + length])
        assert crc == zlib.crc32(kind + data) & 0xFFFFFFFF
        chunks[kind] = data
        at += 12 + length
    assert len(zlib.decompress(chunks[b"IDAT"])) == height * (1 + 3 * width)
    jpeg = image_bytes("/uploadfile/2024/0601/a.jpg")
    assert jpeg[:2] == b"\xff\xd8" and jpeg[-2:] == b"\xff\xd9"
    sof = jpeg.index(b"\xff\xc0")
    assert struct.unpack(">HH", jpeg[sof + 5:sof + 9]) == (200, 320)
    gif = image_bytes("/images/logo.gif")
    assert gif[:6] == b"GIF89a" and struct.unpack("<HH", gif[6:10]) == (80, 80)
    assert gif.endswith(b"\x00;")
    assert image_bytes("/uploadfile/a.jpg") != image_bytes("/uploadfile/b.jpg")


def test_the_demo_has_a_folder_of_its_own():
    from portscraper.cli import build_parser

    args = build_parser().parse_args(["demo"])
    assert args.db == "demo/demo.db"
    for name in ("metadata.yml", "settings.json", "templates"):
        assert (ROOT / "demo" / name).resolve() == (ROOT / "archive" / name).resolve()


@pytest.mark.parametrize("word", ["码头", "港", "集團"])
def test_a_newest_first_search_json_counts_as_datasette_does(room, word):
    """The newest-first JSON with its count and four facets, answered in one pass
    (room/newest.py), equals Datasette's own table view's answer (reached with a filter that
    keeps every row, id__gte=0): the same rows in the same order, the same count, the same
    facets and values."""
    get, _ = room
    base = f"/{DB_NAME}/articles.json?_search={word}&_sort_desc=published&_size=20"
    ours, theirs = get(base).json(), get(base + "&id__gte=0").json()
    # Two answerers: the plugin's one pass, Datasette's table view (escape_fts is its SQL).
    assert "escape_fts" not in ours["query"]["sql"] and "escape_fts" in theirs["query"]["sql"]
    assert ours["rows"] == theirs["rows"] and ours["columns"] == theirs["columns"]
    assert ours["filtered_table_rows_count"] == theirs["filtered_table_rows_count"] > 20
    # The next page (an offset) goes on newest first (within a day the latest archived
    # first, the index's order), without repeating a row.
    assert ours["next"] == "20"
    after = get(ours["next_url"].removeprefix("http://localhost")).json()["rows"]
    day = ours["columns"].index("published")
    days = [row[day][:10] for row in ours["rows"] + after]
    assert after and days == sorted(days, reverse=True)
    assert not {r[0] for r in after} & {r[0] for r in ours["rows"]}
    for name in ("site", "section", "year", "byline"):
        mine, datasette = ours["facet_results"][name], theirs["facet_results"][name]
        assert [(r["value"], r["count"], r["selected"]) for r in mine["results"]] == \
            [(r["value"], r["count"], r["selected"]) for r in datasette["results"]], name
        assert mine["truncated"] == datasette["truncated"] and mine["type"] == datasette["type"]
    chosen = get(base + "&_nofacet=1&_nocount=1").json()
    assert chosen["facet_results"] == {} and chosen["filtered_table_rows_count"] is None
