"""What each write of the archive stores, column by column (portscraper/archive/store.py): the rows
the README's tables document, with the clock fixed so that every time can be checked.

Written to kill the mutants of archive.py that the behaviour tests let live
(docs/mutation-testing.md): a timestamp dropped, a snapshot id not kept, JSON written with
escapes or with keys in another order, a default of the wrong type, a URL as requested lost.
"""

from __future__ import annotations

import hashlib
import itertools

import pytest

from portscraper.archive import store as archive_module
from portscraper.archive.compression import TRAINING_PAGES
from portscraper.archive.store import Archive, mask_volatile, stable_hash, url_order


@pytest.fixture
def clock(monkeypatch):
    """archive.now() gives T1, T2, T3 ... in order."""
    ticks = (f"2026-01-01T00:00:{n:02d}+00:00" for n in itertools.count(1))
    monkeypatch.setattr(archive_module, "now", lambda: next(ticks))


@pytest.fixture
def archive():
    a = Archive(memory=True)
    yield a
    a.close()


def article(**extra):
    return {"url": "http://x.cn/more.asp?id=1", "title": "集团召开安全生产工作会议",
            "body": "1月17日，集团召开会议。", "published": "2024-01-18", "byline": "吴超",
            "section": "集团新闻", "site": "maoming", **extra}


def row(archive, table, key=1, pk="id"):
    cursor = archive.db.execute(f"SELECT * FROM {table} WHERE {pk} = ?", [key])
    return dict(zip([c[0] for c in cursor.description], cursor.fetchone(), strict=True))


def test_a_new_article_row(archive, clock):
    article_id, outcome = archive.save_article(
        article(credits={"通讯员": ["王某"]},
                images=[{"url": "http://x.cn/a.jpg", "caption": "码头"}],
                request_url="http://x.cn/more.asp?id=1&pid=2"), snapshot_id=None)
    stored = row(archive, "articles", article_id)
    assert (article_id, outcome) == (1, "new")
    assert stored["first_seen"] == stored["last_seen"] == stored["updated_at"] == \
        "2026-01-01T00:00:01+00:00"
    # JSON as written: UTF-8 text, not \\u escapes; empty fields as their empty JSON value.
    assert stored["credits"] == '{"通讯员": ["王某"]}'
    assert stored["images"] == '[{"url": "http://x.cn/a.jpg", "caption": "码头"}]'
    assert stored["attachments"] == "[]" and stored["breadcrumb"] == "[]"
    assert stored["evidence"] == "{}"
    assert stored["content_sha256"] == archive_module.content_hash(article(
        credits={"通讯员": ["王某"]}, images=[{"url": "http://x.cn/a.jpg", "caption": "码头"}]))
    url_row = row(archive, "article_urls", "http://x.cn/more.asp?id=1", pk="url")
    assert url_row == {"url": "http://x.cn/more.asp?id=1", "article_id": 1,
                       "first_seen": "2026-01-01T00:00:01+00:00",
                       "last_seen": "2026-01-01T00:00:01+00:00",
                       "request_url": "http://x.cn/more.asp?id=1&pid=2"}


def test_the_snapshot_an_article_was_read_from_is_kept(archive, clock):
    snapshot_id, _ = archive.add_snapshot("http://x.cn/more.asp?id=1", 200, {}, b"<p>x</p>",
                                          "utf-8", "<p>x</p>")
    archive.save_article(article(), snapshot_id=snapshot_id)
    assert row(archive, "articles")["snapshot_id"] == snapshot_id
    corrected = article(body="1月17日，集团召开2024年会议。")
    newer, _ = archive.add_snapshot("http://x.cn/more.asp?id=1", 200, {}, b"<p>y</p>",
                                    "utf-8", "<p>y</p>")
    assert archive.save_article(corrected, snapshot_id=newer, article_id=1) == (1, "updated")
    assert row(archive, "articles")["snapshot_id"] == newer
    revision = row(archive, "revisions")
    assert revision["snapshot_id"] == snapshot_id and revision["article_id"] == 1
    assert revision["body"] == article()["body"] and revision["replaced_at"]


def test_an_update_keeps_the_first_sighting_and_dates_the_change(archive, clock):
    archive.save_article(article(), None)                                   # T1
    archive.mark_removed("http://x.cn/more.asp?id=1", 404)                  # T2, T3? (one now)
    archive.save_article(article(body="更正后的正文。"), None, article_id=1)
    stored = row(archive, "articles")
    assert stored["first_seen"] == "2026-01-01T00:00:01+00:00"
    assert stored["updated_at"] == stored["last_seen"] != stored["first_seen"]
    assert stored["removed_at"] is None and stored["removed_status"] is None
    assert row(archive, "revisions")["replaced_at"] == stored["updated_at"]
    assert row(archive, "article_urls", "http://x.cn/more.asp?id=1", pk="url")["last_seen"] == \
        stored["last_seen"]


def test_an_unchanged_article_is_only_seen_again(archive, clock):
    archive.save_article(article(), None)
    archive.mark_removed("http://x.cn/more.asp?id=1", 410)
    assert archive.save_article(article(), None, article_id=1) == (1, "unchanged")
    stored = row(archive, "articles")
    assert stored["updated_at"] == stored["first_seen"] != stored["last_seen"]
    assert stored["removed_at"] is None and stored["removed_status"] is None
    assert archive.db["revisions"].count == 0


def test_a_double_post_keeps_the_lowest_url_and_the_version_stored(archive, clock):
    archive.save_article(article(url="http://x.cn/more.asp?id=1000"), None)
    twin = article(url="http://x.cn/more.asp?id=999", body="1月17日，集团召开会议。 ")
    assert archive.double_post_of(twin) == 1
    assert archive.save_article(twin, None, article_id=1) == (1, "merged")
    stored = row(archive, "articles")
    assert stored["url"] == "http://x.cn/more.asp?id=999"  # 999 < 1000, as numbers
    assert stored["body"] == article()["body"] and stored["last_seen"] != stored["first_seen"]
    third = article(url="http://x.cn/more.asp?id=5000")
    archive.save_article(third, None, article_id=1)
    assert row(archive, "articles")["url"] == "http://x.cn/more.asp?id=999"
    assert archive.article_id_for_url("http://x.cn/more.asp?id=5000") == 1
    assert archive.article_id_for_url("http://x.cn/more.asp?id=7") is None


def test_a_known_url_with_new_content_is_an_update_not_a_merge(archive, clock):
    archive.save_article(article(url="http://x.cn/more.asp?id=1000"), None)
    archive.save_article(article(url="http://x.cn/more.asp?id=5000"), None, article_id=1)
    changed = article(url="http://x.cn/more.asp?id=5000", title="新标题")
    assert archive.save_article(changed, None, article_id=1) == (1, "updated")
    stored = row(archive, "articles")
    assert stored["title"] == "新标题" and stored["url"] == "http://x.cn/more.asp?id=1000"


def test_a_tie_in_url_order_keeps_the_url_stored(archive, clock):
    archive.save_article(article(url="http://x.cn/more.asp?id=1"), None)
    archive.save_article(article(url="http://x.cn/more.asp?id=01"), None, article_id=1)
    assert row(archive, "articles")["url"] == "http://x.cn/more.asp?id=1"


def test_a_url_seen_again_keeps_its_request_url(archive, clock):
    archive.save_article(article(request_url="http://x.cn/more.asp?id=1&x=1"), None)
    archive.save_article(article(), None, article_id=1)
    url_row = row(archive, "article_urls", "http://x.cn/more.asp?id=1", pk="url")
    assert url_row["request_url"] == "http://x.cn/more.asp?id=1&x=1"
    assert url_row["first_seen"] != url_row["last_seen"]
    assert archive.request_urls() == {"http://x.cn/more.asp?id=1": "http://x.cn/more.asp?id=1&x=1"}


def test_a_snapshot_row(archive, clock):
    body = "<p>码头 浏览次数：12</p>".encode("gb18030")
    snapshot_id, stored = archive.add_snapshot(
        "http://x.cn/a.asp", 200, {"Server": "IIS", "Content-Type": "text/html; charset=gbk",
                                   "X-Site": "茂名港"},
        body, "gb18030", body.decode("gb18030"), crawl_id=None)
    snap = row(archive, "snapshots", snapshot_id)
    assert stored and snap["url"] == "http://x.cn/a.asp" and snap["status"] == 200
    assert snap["fetched_at"] == "2026-01-01T00:00:01+00:00" and snap["encoding"] == "gb18030"
    assert snap["headers"] == \
        '{"Content-Type": "text/html; charset=gbk", "Server": "IIS", "X-Site": "茂名港"}'
    assert snap["sha256"] == hashlib.sha256(body).hexdigest() and snap["size"] == len(body)
    assert snap["stable_sha256"] == stable_hash(body.decode("gb18030"))
    assert snap["compression"] == "zstd" and snap["dictionary_id"] is None
    crawl = archive.start_crawl("maoming", {})
    other, _ = archive.add_snapshot("http://x.cn/b.asp", 404, {}, b"gone", "utf-8", "gone",
                                    crawl_id=crawl)
    assert row(archive, "snapshots", other)["crawl_id"] == crawl
    assert row(archive, "snapshots", other)["status"] == 404


def test_the_same_bytes_at_another_url_are_one_snapshot(archive):
    first, _ = archive.add_snapshot("http://x.cn/a.asp", 200, {}, b"<p>same</p>", "utf-8", "x")
    assert archive.add_snapshot("http://x.cn/b.asp", 200, {}, b"<p>same</p>", "utf-8", "y") == \
        (first, False)
    # Only the latest capture of the same URL counts for "only the hit counter changed".
    archive.add_snapshot("http://x.cn/a.asp", 200, {}, b"<p>other</p>", "utf-8", "other")
    _, stored = archive.add_snapshot("http://x.cn/a.asp", 200, {}, b"<p>x2</p>", "utf-8", "x")
    assert stored


def test_a_dictionary_is_trained_per_host_at_the_training_size(archive, clock):
    def add(host, n):
        page = f"<html><body><p>{host} 第{n}号公告 茂名港集团</p></body></html>".encode() * 30
        return archive.add_snapshot(f"http://{host}/more.asp?id={n}", 200, {}, page, "utf-8",
                                    page.decode())[0]

    for n in range(TRAINING_PAGES - 1):
        add("a.example", n)
        add("a.example.evil", n)  # another host whose name starts the same
    assert archive.db["dictionaries"].count == 0  # one short of the training size
    add("a.example", TRAINING_PAGES)
    dictionaries = list(archive.db["dictionaries"].rows)
    assert [(d["host"], d["samples"]) for d in dictionaries] == [("a.example", TRAINING_PAGES)]
    assert dictionaries[0]["trained_at"].startswith("2026-01-01T")
    by_host = dict(archive.db.execute(
        "SELECT url LIKE 'http://a.example/%', group_concat(DISTINCT coalesce(dictionary_id, 0))"
        " FROM snapshots GROUP BY 1"))
    assert by_host == {1: "1", 0: "0"}
    later = add("a.example", TRAINING_PAGES + 1)
    assert row(archive, "snapshots", later)["compression"] == "zstd-dict"
    assert archive.snapshot_bytes(later).startswith(b"<html><body><p>a.example")


def test_a_missing_snapshot_is_a_key_error(archive):
    with pytest.raises(KeyError, match="no snapshot 9"):
        archive.snapshot_bytes(9)


def test_a_crawl_row(archive, clock):
    crawl = archive.start_crawl("maoming", {"start_url": "http://x.cn/码头", "base_url": "b"})
    assert row(archive, "crawls", crawl)["arguments"] == \
        '{"base_url": "b", "start_url": "http://x.cn/码头"}'
    assert row(archive, "crawls", crawl)["started_at"] == "2026-01-01T00:00:01+00:00"
    archive.finish_crawl(crawl, finish_reason="finished", requests=3)
    done = row(archive, "crawls", crawl)
    assert done["finished_at"] == "2026-01-01T00:00:02+00:00" and done["requests"] == 3
    assert done["spider"] == "maoming"


def test_a_failure_row(archive, clock):
    crawl = archive.start_crawl("maoming", {})
    archive.add_failure("http://x.cn/more.asp?id=7", "HTTP 503", status=503, error="boom",
                        referer="http://x.cn/news.asp", crawl_id=crawl, kind="article",
                        request_url="http://x.cn/more.asp?id=7&pid=1")
    archive.add_failure("http://x.cn/more.asp?id=8", "timeout")
    first, second = archive.db["failures"].rows
    assert {k: v for k, v in first.items() if k != "id"} == {
        "url": "http://x.cn/more.asp?id=7", "kind": "article", "status": 503, "error": "boom",
        "reason": "HTTP 503", "referer": "http://x.cn/news.asp", "crawl_id": crawl,
        "at": "2026-01-01T00:00:02+00:00", "request_url": "http://x.cn/more.asp?id=7&pid=1"}
    assert second["request_url"] is None and second["kind"] == "" and second["status"] is None
    assert second["error"] == "" and second["referer"] == ""


def test_what_the_next_crawl_is_told(archive, clock):
    archive.save_article(article(), None)
    archive.save_article(article(url="http://x.cn/more.asp?id=2", title="二", body="正文二。",
                                 published="2020-05-01"), None)
    archive.add_failure("http://x.cn/more.asp?id=404", "HTTP 404", status=404, kind="article")
    archive.add_failure("http://x.cn/more.asp?id=410", "HTTP 410", status=410, kind="article")
    archive.add_failure("http://x.cn/more.asp?id=503", "HTTP 503", status=503, kind="article")
    archive.add_failure("http://x.cn/more.asp?id=9", "timeout", kind="article")
    archive.add_failure("http://x.cn/news.asp?p=2", "timeout", kind="list")
    archive.add_failure("http://x.cn/more.asp?id=1", "timeout", kind="article")  # stored since
    assert archive.known_urls() == {"http://x.cn/more.asp?id=1": "2024-01-18",
                                    "http://x.cn/more.asp?id=2": "2020-05-01"}
    assert archive.gone_urls() == {"http://x.cn/more.asp?id=404", "http://x.cn/more.asp?id=410"}
    assert archive.failed_urls() == {"http://x.cn/more.asp?id=503", "http://x.cn/more.asp?id=9"}
    assert archive.recent_urls("2024-01-01") == ["http://x.cn/more.asp?id=1"]
    assert archive.recent_urls("2000-01-01") == ["http://x.cn/more.asp?id=1",
                                                 "http://x.cn/more.asp?id=2"]


def test_sections_walked(archive, clock):
    archive.mark_walked("http://x.cn/news.asp?pid=2", "集团新闻")
    archive.mark_walked("http://x.cn/news.asp?pid=2", "集团新闻")
    (section,) = archive.db["sections"].rows
    assert section == {"url": "http://x.cn/news.asp?pid=2", "name": "集团新闻",
                       "first_seen": "2026-01-01T00:00:01+00:00",
                       "walked_at": "2026-01-01T00:00:02+00:00"}
    assert archive.walked_sections() == {"http://x.cn/news.asp?pid=2"}


def test_a_removal_is_marked_once(archive, clock):
    archive.save_article(article(), None)
    assert archive.mark_removed("http://x.cn/more.asp?id=1", 404)
    first = row(archive, "articles")["removed_at"]
    assert not archive.mark_removed("http://x.cn/more.asp?id=1", 410)
    assert row(archive, "articles")["removed_at"] == first
    assert row(archive, "articles")["removed_status"] == 404
    assert not archive.mark_removed("http://x.cn/more.asp?id=99", 404)


def test_byline_share_and_counts(archive):
    assert archive.byline_share() is None
    archive.save_article(article(), None)
    archive.save_article(article(url="http://x.cn/more.asp?id=2", body="别的正文。", byline=""),
                         None)
    assert archive.byline_share() == 0.5
    assert archive.counts() == {"articles": 2, "article_urls": 2, "snapshots": 0,
                                "revisions": 0, "failures": 0, "crawls": 0}


def test_hit_counters_and_todays_date_are_masked():
    assert mask_volatile("浏览次数：123 次") == "浏览次数：# 次"
    assert mask_volatile("今天是2026年11月24日 星期二 欢迎光临本网站") == "#光临本网站"
    assert mask_volatile("2026年11月24日 星期二") == "#"
    assert mask_volatile("点击 5 阅读 7") == "点击 # 阅读 #"
    assert mask_volatile("hits: 9") == "hits: #" and mask_volatile("无") == "无"
    assert mask_volatile("2023年4月23日发布") == "2023年4月23日发布"  # no weekday, not today


def test_urls_sort_with_numbers_as_numbers():
    assert url_order("more.asp?id=999") < url_order("more.asp?id=1000")
    assert url_order("a2b") == ((1, "a"), (0, 2), (1, "b"))
    assert url_order("") == ((1, ""),)


def test_hashes_are_the_documented_ones():
    """content_sha256, body_key and stable_sha256 are stored and compared with those of later
    runs, by later versions too: their inputs are spelled out here, so a change of encoding,
    key order or escaping (which would make every stored article look changed) fails."""
    fields = article(credits={"通讯员": ["王某"]})
    content = ('{"attachments": null, "body": "1月17日，集团召开会议。", "byline": "吴超", '
               '"credits": {"通讯员": ["王某"]}, "images": null, "kicker": null, '
               '"published": "2024-01-18", "subtitle": null, "title": "集团召开安全生产工作会议"}')
    assert archive_module.content_hash(fields) == hashlib.sha256(content.encode()).hexdigest()
    assert archive_module.body_key("集团 会议", "正文\n二") == \
        hashlib.sha256("集团会议正文二".encode()).hexdigest()
    assert stable_hash("浏览次数：12 码头") == \
        hashlib.sha256("浏览次数：# 码头".encode()).hexdigest()


def test_times_are_utc_with_their_zone():
    stamp = archive_module.now()
    assert stamp.endswith("+00:00") and len(stamp) == len("2026-01-01T00:00:00+00:00")


def test_an_archive_in_memory_is_never_a_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for archive in (Archive(), Archive(":memory:"), Archive(None, memory=True)):
        assert archive.db.memory
        archive.close()
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(FileNotFoundError, match="the archive's folder does not exist: "):
        Archive(tmp_path / "missing" / "a.db")


def test_a_dictionary_is_read_back_by_the_next_run(tmp_path):
    path = tmp_path / "a.db"
    first = Archive(path)
    for n in range(TRAINING_PAGES):
        page = f"<p>第{n}号公告 茂名港集团</p>".encode() * 30
        first.add_snapshot(f"http://a.example/{n}.asp", 200, {}, page, "utf-8", page.decode())
    first.close()
    later = Archive(path)  # a new run: the dictionary comes from the file
    page = "<p>第99号公告 茂名港集团</p>".encode() * 30
    snapshot_id, _ = later.add_snapshot("http://a.example/99.asp", 200, {}, page, "utf-8",
                                        page.decode())
    assert (row(later, "snapshots", snapshot_id)["compression"],
            row(later, "snapshots", snapshot_id)["dictionary_id"]) == ("zstd-dict", 1)
    assert later.snapshot_bytes(snapshot_id) == page
    later.close()


def test_an_article_without_credits_or_pictures_stores_empty_json(archive):
    archive.save_article(article(), None)
    stored = row(archive, "articles")
    assert (stored["credits"], stored["images"], stored["evidence"]) == ("{}", "[]", "{}")


def test_a_section_walked_without_a_name(archive):
    archive.mark_walked("http://x.cn/news.asp?pid=3")
    assert next(archive.db["sections"].rows)["name"] == ""


def test_the_content_hash_and_body_key():
    same = archive_module.content_hash(article())
    assert same == archive_module.content_hash({**article(), "url": "http://other/"})
    assert same != archive_module.content_hash(article(byline="王某"))
    assert len(same) == 64 and int(same, 16) >= 0  # a sha256 in hex
    assert archive_module.body_key("标题", "正 文\n二") == archive_module.body_key("标题", "正文二")
    assert archive_module.body_key("标题", "正文") != archive_module.body_key("标题二", "正文")
    assert archive_module.body_key("标", "题正文") == archive_module.body_key("标题", "正文")
