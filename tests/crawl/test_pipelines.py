"""Each item pipeline on its own, with an in-memory archive."""

from __future__ import annotations

import pytest
from scrapy.exceptions import DropItem
from scrapy.utils.test import get_crawler

from portscraper.crawl.archive_access import archive_for
from portscraper.crawl.items import ArticleItem, FailureItem
from portscraper.crawl.pipelines.dedupe import DedupePipeline
from portscraper.crawl.pipelines.normalize import NormalizePipeline
from portscraper.crawl.pipelines.store import StorePipeline
from portscraper.crawl.pipelines.validate import ValidatePipeline


@pytest.fixture
def crawler():
    return get_crawler(settings_dict={"ARCHIVE_DB": ":memory:", "ARTICLE_ID_PARAMS": ["id"]})


def item(**fields) -> ArticleItem:
    base = dict(url="http://x.cn/more.asp?id=3246", title="集团召开安全生产工作会议",
                published="2024-01-18",
                body="1月17日，茂名港集团召开2024年安全生产工作会议，总结工作。",
                byline="吴超", section="集团新闻")
    return ArticleItem(**{**base, **fields})


@pytest.mark.parametrize("fields, reason", [
    ({"title": ""}, "no title"),
    ({"published": ""}, "no date"),
    ({"published": "2024/1/18"}, "not ISO"),
    ({"body": "浏览次数"}, "no body"),
])
def test_validate_drops_incomplete_articles_with_the_reason(fields, reason):
    with pytest.raises(DropItem, match=reason):
        ValidatePipeline().process_item(item(**fields))


def test_validate_passes_complete_articles_and_other_items():
    good = item()
    assert ValidatePipeline().process_item(good) is good
    failure = FailureItem(url="http://x.cn/", reason="HTTP 404")
    assert ValidatePipeline().process_item(failure) is failure


def test_normalize_canonical_url_and_text(crawler):
    pipeline = NormalizePipeline.from_crawler(crawler)
    out = pipeline.process_item(item(url="HTTP://X.CN/more.asp?pid=12&id=3246#top",
                                     title=" 集团召开安全生产工作会议\u3000",
                                     body="第一段。\n\n  第二段。 "))
    assert out.url == "http://x.cn/more.asp?id=3246"
    assert out.title == "集团召开安全生产工作会议"
    assert out.body == "第一段。\n第二段。"


def test_dedupe_finds_known_url_double_post_and_drops_repeats(crawler):
    archive = archive_for(crawler)
    stored_id, _ = archive.save_article(vars(item()), None)
    pipeline = DedupePipeline.from_crawler(crawler)
    assert pipeline.process_item(item()).article_id == stored_id
    twin = pipeline.process_item(item(url="http://x.cn/more.asp?id=3250"))
    assert twin.article_id == stored_id
    other = pipeline.process_item(item(url="http://x.cn/more.asp?id=3999",
                                       body="1月20日，集团召开会议，部署2025年工作。"))
    assert other.article_id is None
    with pytest.raises(DropItem, match="duplicate"):
        pipeline.process_item(item())


def test_store_writes_articles_and_failures(crawler):
    pipeline = StorePipeline.from_crawler(crawler)
    archive = archive_for(crawler)
    pipeline.process_item(item())
    pipeline.process_item(FailureItem(url="http://x.cn/more.asp?id=1499", reason="HTTP 404",
                                      status=404))
    assert archive.db["articles"].count == 1
    assert next(archive.db["failures"].rows)["url"].endswith("id=1499")
    assert crawler.stats.get_value("portscraper/articles_new") == 1


def test_store_records_dropped_articles_as_failures(crawler):
    pipeline = StorePipeline.from_crawler(crawler)
    broken = item(published="")
    pipeline.item_dropped(broken, None, DropItem("invalid article: no date found"))
    row = next(archive_for(crawler).db["failures"].rows)
    assert row["url"] == broken.url and "no date" in row["reason"]


@pytest.mark.parametrize("stored_at, seen_at, aliases", [
    ("http://www.x.cn/more.asp?id=7", "https://x.cn/more.asp?id=7", []),
    ("https://x.cn/more.asp?id=7", "http://www.x.cn/more.asp?id=7", []),
    ("http://mmport.gd.cn/more.asp?id=7", "http://www.x.cn/more.asp?id=7", ["mmport.gd.cn"]),
])
def test_a_site_that_moved_keeps_its_articles(stored_at, seen_at, aliases):
    """The same page at the site's new address: unchanged, it gains a URL; corrected, it is a
    revision of the article it was, not a second article."""
    crawler = get_crawler(settings_dict={"ARCHIVE_DB": ":memory:", "ARTICLE_ID_PARAMS": ["id"],
                                         "SITE_ALIASES": aliases})
    archive = archive_for(crawler)
    twin_at = stored_at.replace("id=7", "id=8")
    first, _ = archive.save_article(vars(item(url=stored_at)), None)
    second, _ = archive.save_article(vars(item(url=twin_at, title="集团开展消防演练")), None)
    dedupe, store = DedupePipeline.from_crawler(crawler), StorePipeline.from_crawler(crawler)
    corrected = item(url=seen_at, body=item().body + "此前发布的稿件中有关数据有误，现已更正。")
    store.process_item(dedupe.process_item(corrected))
    same = item(url=seen_at.replace("id=7", "id=8"), title="集团开展消防演练")
    store.process_item(dedupe.process_item(same))
    assert (corrected.article_id, corrected.found_by) == (first, "moved")
    assert (same.article_id, same.found_by) == (second, "moved")
    assert archive.db["articles"].count == 2
    assert [r["article_id"] for r in archive.db["revisions"].rows] == [first]
    assert sorted(r["url"] for r in archive.db["article_urls"].rows) == sorted(
        [stored_at, twin_at, seen_at, seen_at.replace("id=7", "id=8")])
    assert crawler.stats.get_value("portscraper/articles_updated") == 1
    assert crawler.stats.get_value("portscraper/articles_unchanged") == 1


def test_another_host_is_another_site_unless_declared(crawler):
    archive = archive_for(crawler)
    archive.save_article(vars(item(url="http://mmport.gd.cn/more.asp?id=7")), None)
    corrected = item(url="http://x.cn/more.asp?id=7", body=item().body + "现已更正。")
    assert DedupePipeline.from_crawler(crawler).process_item(corrected).article_id is None
