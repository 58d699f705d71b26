"""`datasette archive/` over one archive per group: one search across all of them
(`/-/search`), with `site` as its facet, and `site` among the articles table's facets."""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path

import pytest
import yaml
from datasette.app import Datasette

from portscraper.archive.store import Archive
from portscraper.sites.registry import load_registry

ROOT = Path(__file__).resolve().parents[2]

ARTICLES = {
    "portnews": ("maoming", [("茂名港集团召开安全生产工作会议", "博贺新港区码头安全检查。"),
                             ("茂名港集团党委开展主题党日活动", "党员参观红色教育基地。")]),
    "zhanjiang": ("zhanjiang", [("湛江港集团码头完成岸桥改造", "新岸桥投入使用，码头效率提升。"),
                                ("湛江港召开安全生产会议", "会议部署码头安全生产。"),
                                ("湛江港举办职工运动会", "千余名职工参加。")]),
    "guangzhou": ("guangzhou", [("广州港南沙码头吞吐量创新高", "南沙港区集装箱码头繁忙。")]),
}


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    folder = tmp_path_factory.mktemp("across") / "archive"
    shutil.copytree(ROOT / "archive", folder,
                    ignore=shutil.ignore_patterns("*.db", "*.db-*", "logs"))
    for db_name, (site, articles) in ARTICLES.items():
        archive = Archive(folder / f"{db_name}.db")
        for n, (title, body) in enumerate(articles):
            archive.save_article({"url": f"http://{site}.example/a/{n}.html", "title": title,
                                  "body": body, "published": f"2024-0{n + 1}-01",
                                  "section": "集团新闻", "site": site, "language": "zh-Hans"},
                                 snapshot_id=None)
        archive.close()
    loop = asyncio.new_event_loop()
    ds = Datasette(config_dir=folder)
    loop.run_until_complete(ds.invoke_startup())
    yield lambda path: loop.run_until_complete(ds.client.get(path))
    loop.close()


def test_one_search_across_every_archive_with_site_as_facet(served):
    answer = served("/-/search.json?q=码头")
    assert answer.status_code == 200, answer.text
    found = answer.json()
    assert found["archives"] == 3 and found["total"] == 4
    assert {(r["site"], r["title"]) for r in found["rows"]} == {
        ("maoming", "茂名港集团召开安全生产工作会议"), ("zhanjiang", "湛江港集团码头完成岸桥改造"),
        ("zhanjiang", "湛江港召开安全生产会议"), ("guangzhou", "广州港南沙码头吞吐量创新高")}
    # Best matches first: 码头 in the title weighs more than in the body.
    assert found["rows"][-1]["site"] in ("maoming", "zhanjiang") and \
        "码头" not in found["rows"][-1]["title"]
    assert {f["site"]: f["count"] for f in found["sites"]} == {
        "maoming": 1, "zhanjiang": 2, "guangzhou": 1}
    # Choosing a site keeps the search to it; Traditional finds Simplified.
    only = served("/-/search.json?q=碼頭&site=zhanjiang").json()
    assert only["total"] == 2 and {r["site"] for r in only["rows"]} == {"zhanjiang"}
    # Paging: one row a page, the next page's link.
    first = served("/-/search.json?q=码头&_size=1").json()
    assert len(first["rows"]) == 1 and "_next=1" in first["next_url"]
    html = served("/-/search?q=码头")
    assert html.status_code == 200 and "湛江港集团<mark>码头</mark>完成岸桥改造" in html.text
    assert "body" not in first["rows"][0]
    assert "/zhanjiang/articles/" in html.text and "site=guangzhou" in html.text


def test_site_is_a_facet_of_every_groups_articles(served):
    answer = served("/zhanjiang/articles.json?_facet_size=5")
    assert answer.status_code == 200
    facets = answer.json()["facet_results"]
    facets = facets.get("results", facets)
    assert facets["site"]["results"][0]["value"] == "zhanjiang"


def test_every_registered_group_has_the_archive_metadata():
    metadata = yaml.safe_load((ROOT / "archive" / "metadata.yml").read_text(encoding="utf-8"))
    databases = metadata["databases"]
    for group in load_registry().values():
        name = group.archive_path().stem
        assert databases.get(name) == databases["portnews"], name
