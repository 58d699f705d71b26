"""Each item pipeline on its own, with an in-memory archive."""

from __future__ import annotations

import pytest
from scrapy.exceptions import DropItem
from scrapy.utils.test import get_crawler

from portscraper.archive_access import archive_for
from portscraper.items import ArticleItem, FailureItem
from portscraper.pipelines.dedupe import DedupePipeline
from portscraper.pipelines.normalize import NormalizePipeline
from portscraper.pipelines.store import StorePipeline
from portscraper.pipelines.validate import ValidatePipeline


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
