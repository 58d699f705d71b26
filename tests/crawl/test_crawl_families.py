"""End-to-end crawls of the replica's other CMS families (portscraper/replica/families/), as
a user runs them for a site the project has never seen: `scrapy crawl portnews -a
base_url=HOME`, nothing else. Every article found, once, with every field right."""

from __future__ import annotations

import sqlite3

import pytest

from portscraper.replica.data import build_site
from portscraper.replica.families import FAMILIES
from portscraper.replica.server import ReplicaServer

from ..conftest import run_crawl
from ..crawl.test_crawl import FIELDS, char_f1

# What makes each family itself, which the crawl must have gone through: TRS's index_N.html
# pages (drawn by createPageHTML), Hanweb's data proxy, Dede's list_N_M.html and articles split
# over ID_2.html, PHPCMS's index.php?…&page=N and its split articles.
TRAITS = {"trs": ["/xwzx/jtyw/index_2.html", "/xwzx/gkdt/index_1.html"],
          "hanweb": ["/module/web/jpage/dataproxy.jsp?", "startrecord=21&endrecord=40"],
          "dede": ["/a/xinwen/jituan/list_12_3.html", "_2.html"],
          "phpcms": ["a=lists&catid=12&page=3", "_2.html"]}


@pytest.fixture(params=FAMILIES)
def family_server(request):
    server = ReplicaServer(build_site(), family=request.param)
    server.start()
    yield server
    server.stop()


def test_a_site_of_each_family_is_crawled_whole_from_its_home_page(family_server, tmp_path):
    items, log = run_crawl(tmp_path, f"base_url={family_server.url}", spider="portnews")
    want = family_server.family.expected_articles(family_server.url)
    got = {item["url"]: item for item in items}
    assert len(items) == len(got), "an article yielded twice"
    assert sorted(got) == sorted(want), "the crawl must yield every live article, once"
    wrong = [(url, field, item[field], want[url][field])
             for url, item in got.items() for field in FIELDS if item[field] != want[url][field]]
    assert not wrong, wrong[:5]
    f1 = [char_f1(item["body"], want[url]["body"]) for url, item in got.items()]
    assert min(f1) == 1.0, min(f1)
    paths = [path for _, path in family_server.requests]
    for trait in TRAITS[family_server.family.flavour if family_server.family.family == "dede"
                        else family_server.family.family]:
        assert any(trait in path for path in paths), trait
    # Lists were walked to their end: every section counts as walked.
    with sqlite3.connect(tmp_path / "archive.db") as conn:
        walked = conn.execute("SELECT count(*) FROM sections WHERE walked_at IS NOT NULL")
        assert walked.fetchone()[0] >= 5
    conn.close()
