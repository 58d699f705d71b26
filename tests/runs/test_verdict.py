"""The run's verdict from its counts: which one wins, what the summary line says, which exit
code goes with it. Plain functions, no crawl."""

from __future__ import annotations

import json

import pytest

from portscraper.crawl.items import FailureItem
from portscraper.runs.health import HealthMonitor, RunCounts, judge
from portscraper.runs.verdict import EXIT_CODES, choose, exit_code, summary_line, worst_exit_code

THRESHOLDS = {"coverage": {"title": 0.95, "published": 0.95, "body": 0.9},
              "byline_share": 0.5, "max_failure_rate": 0.2, "min_items": 5}


def counts(**changes) -> RunCounts:
    run = RunCounts(articles=20, list_items_seen=40, list_pages_read=4, sections_found=3,
                    pages_asked=100)
    run.with_field = {"title": 20, "published": 20, "body": 20, "byline": 20}
    for name, value in changes.items():
        setattr(run, name, value)
    return run


def lost(*urls: str, kind: str = "article") -> dict[str, set[str]]:
    return {kind: set(urls)}


CASES = [
    ("ok", counts()),
    ("degraded", counts(lost=lost("http://x/more.asp?id=1"))),
    ("failed", counts(with_field={"title": 20, "published": 2, "body": 20, "byline": 20})),
    ("failed", counts(lost=lost(*(f"http://x/more.asp?id={i}" for i in range(30))))),
    ("failed", counts(sections_found=0)),
    ("interrupted", counts(finish_reason="shutdown")),
    ("interrupted", counts(archive_error="database or disk is full")),
    ("interrupted", counts(finish_reason="shutdown", sections_found=0)),
    ("unreachable", counts(unreachable="the site refused the connection", sections_found=0,
                           finish_reason="shutdown", lost=lost("http://x/", kind="home"))),
]


@pytest.mark.parametrize("want, run", CASES)
def test_the_verdict_that_wins(want, run):
    verdict, report = judge(run, THRESHOLDS, archive_articles=100, archive_byline_share=0.8)
    assert verdict == want, report
    assert (report["problems"] == []) == (want == "ok")


def test_list_pages_that_failed_are_lost_pages_not_a_redesign():
    """Every list page lost (none read): the run is degraded, the lists are not blamed."""
    run = counts(list_items_seen=0, list_pages_read=0, articles=0,
                 lost=lost("http://x/news.asp?pid=3", kind="list"))
    verdict, report = judge(run, THRESHOLDS, archive_articles=100, archive_byline_share=0.8)
    assert verdict == "degraded"
    assert report["pages_lost_by_kind"] == {"list": 1}
    assert not [p for p in report["problems"] if "showed no articles" in p]


def test_the_summary_line_begins_with_the_verdict():
    verdict, report = judge(counts(lost=lost("http://x/a", "http://x/b")), THRESHOLDS, 100, 0.8)
    stats = {"portscraper/health": verdict, "portscraper/articles_new": 3,
             "portscraper/health_report": json.dumps(report), "downloader/request_count": 17,
             "elapsed_time_seconds": 2.06}
    line = summary_line("maoming", stats)
    assert line.startswith("degraded maoming: 3 new, 0 updated, 0 removed, 2 pages lost, "
                           "17 requests, 2.1 s; 2 pages lost (2 articles)")
    assert exit_code(stats) == EXIT_CODES["degraded"] == 5


def test_a_run_that_never_judged_itself_was_interrupted():
    """A second Ctrl-C stops Scrapy before the spider closes: no verdict in the stats."""
    stats = {"finish_reason": None}
    assert summary_line("maoming", stats).startswith("interrupted maoming: ")
    assert exit_code(stats) == EXIT_CODES["interrupted"]
    assert sorted(EXIT_CODES.values()) == [0, 1, 3, 5, 6]


def verdict_of(run, archive_articles=100, byline_share=0.8):
    return judge(run, THRESHOLDS, archive_articles=archive_articles,
                 archive_byline_share=byline_share)


def fields(title=20, published=20, body=20, byline=20) -> dict[str, int]:
    return {"title": title, "published": published, "body": body, "byline": byline}


def test_coverage_at_its_minimum_passes_and_below_fails():
    """19 of 20 titles is the 95% asked for; 18 is not, and the report says so in words."""
    verdict, report = verdict_of(counts(with_field=fields(title=19)))
    assert verdict == "ok" and report["articles"] == 20
    assert report["coverage"]["title"] == {"share": 0.95, "minimum": 0.95}
    verdict, report = verdict_of(counts(with_field=fields(title=18)))
    assert verdict == "failed"
    assert report["problems"] == [
        "only 90% of the run's articles have a title (minimum 95%)"]


def test_coverage_is_judged_from_the_fifth_article():
    verdict, report = verdict_of(counts(articles=5, with_field=fields(0, 0, 0, 0)))
    assert verdict == "failed" and len(report["problems"]) == 4  # byline too: archive 0.8
    assert "coverage_note" not in report
    verdict, report = verdict_of(counts(articles=4, with_field=fields(0, 0, 0, 0)))
    assert verdict == "ok" and report["coverage"] == {}
    assert report["coverage_note"] == "fewer than 5 articles: coverage not judged"


def test_bylines_are_asked_for_only_where_the_archive_has_them():
    """Half the archive's share of bylines (0.8 -> 40%): 8 of 20 pass, 7 fail; an archive with
    bylines on fewer than 30% of its articles (or none stored yet) asks for none."""
    assert verdict_of(counts(with_field=fields(byline=8)))[0] == "ok"
    verdict, report = verdict_of(counts(with_field=fields(byline=7)))
    assert verdict == "failed" and report["coverage"]["byline"] == \
        {"share": 0.35, "minimum": 0.4}
    assert verdict_of(counts(with_field=fields(byline=2)), byline_share=0.3)[0] == "failed"
    for share in (0.29, None):
        verdict, report = verdict_of(counts(with_field=fields(byline=0)), byline_share=share)
        assert verdict == "ok" and "byline" not in report["coverage"]


def test_lost_pages_up_to_the_failure_rate_degrade_and_beyond_it_fail():
    """20 of 100 pages lost is the 20% allowed: degraded; 21 fail the run. A page lost as two
    kinds counts once."""
    verdict, report = verdict_of(counts(lost=lost(*(f"http://x/{i}" for i in range(20)))))
    assert verdict == "degraded" and report["failure_rate"] == 0.2
    assert report["pages_asked"] == 100 and report["pages_lost"] == 20
    assert report["problems"] == ["20 pages lost (20 articles): see failures; the next run asks "
                                  "for them again"]
    verdict, report = verdict_of(counts(lost=lost(*(f"http://x/{i}" for i in range(21)))))
    assert verdict == "failed"
    assert report["problems"][0] == "21% of the pages asked for were lost (maximum 20%)"
    run = counts(lost={"article": {"http://x/1"}, "list": {"http://x/1", "http://x/l"}})
    verdict, report = verdict_of(run)
    assert report["pages_lost"] == 2 and report["pages_lost_by_kind"] == {"article": 1, "list": 2}
    assert report["problems"] == ["2 pages lost (1 article, 2 list pages): see failures; the "
                                  "next run asks for them again"]
    run = counts(pages_asked=0, lost=lost("http://x/1", kind="list"))
    verdict, report = verdict_of(run)
    assert verdict == "degraded" and "failure_rate" not in report
    assert report["problems"] == ["1 page lost (1 list page): see failures; the next run asks "
                                  "for them again"]


def test_lists_without_articles_fail_a_site_that_had_some():
    run = counts(list_items_seen=0, articles=0)
    verdict, report = verdict_of(run)
    assert verdict == "failed" and report["problems"] == [
        "the list pages showed no articles, on a site with 100 archived"]
    assert verdict_of(run, archive_articles=1)[0] == "failed"
    assert verdict_of(run, archive_articles=0)[0] == "ok"  # a new site: nothing to compare
    assert verdict_of(counts(list_items_seen=0, list_pages_read=0, articles=0))[0] == "ok"


def test_how_a_run_stopped_is_said_first():
    _, report = verdict_of(counts(finish_reason="shutdown", sections_found=0))
    assert report["problems"] == [
        "stopped by Ctrl-C or SIGTERM before the end; the next run continues from what is "
        "stored", "no news section was found from the home page"]
    _, report = verdict_of(counts(finish_reason="closespider_timeout"))
    assert report["problems"][0].startswith("stopped (closespider_timeout) before the end")
    assert report["finish_reason"] == "closespider_timeout"
    _, report = verdict_of(counts(archive_error="disk full", sections_found=0))
    assert report["problems"] == [
        "stopped, the archive cannot be written: disk full; what is stored is whole, and the "
        "next run continues from it", "no news section was found from the home page"]
    verdict, report = verdict_of(counts(unreachable="refused", sections_found=0,
                                        lost=lost("http://x/", kind="home")))
    assert verdict == "unreachable"
    assert report["problems"] == ["the site could not be reached: refused"]


def test_each_article_counts_towards_the_fields_it_has():
    from portscraper.crawl.items import ArticleItem
    from portscraper.runs.health import MIN_BODY_CHARS, RunCounts

    run = RunCounts()
    run.add(ArticleItem(url="http://x/1", title="码头", published="2024-01-17", byline="王喆",
                        body="港" * MIN_BODY_CHARS))
    run.add(ArticleItem(url="http://x/2", title=" \n", body="港\n" * (MIN_BODY_CHARS - 1)))
    assert run.articles == 2
    assert run.with_field == {"title": 1, "published": 1, "body": 1, "byline": 1}
    run.lose("", "http://x/3")
    run.lose("list", "http://x/4")
    assert run.lost == {"page": {"http://x/3"}, "list": {"http://x/4"}} and run.pages_lost == 2
    assert RunCounts().pages_lost == 0


# --- the cases the crawl tests' replica rarely meets, as tables written out -------------------

def gap(section: str, claimed: int, held: int, unexplained: int) -> dict:
    """A completeness row (archive/completeness.py) as judge reads it."""
    return {"section": section, "section_url": f"http://x/news.asp?lb={section}",
            "claimed": claimed, "held": held, "gap": claimed - held, "unexplained": unexplained}


def test_an_unexplained_gap_alone_degrades_the_run():
    """Nothing lost, every field read, but a list counts two records the archive does not hold
    and nothing explains: degraded (exit 5), and the line says which list."""
    verdict, report = judge(counts(), THRESHOLDS, 100, 0.8,
                            completeness=[gap("媒体聚焦", 19, 17, 2), gap("通知公告", 9, 9, 0)])
    assert verdict == "degraded" and report["pages_lost"] == 0
    assert report["problems"] == ["incomplete lists (see completeness): 媒体聚焦: the list says "
                                  "19, the archive holds 17, 2 of the gap unexplained"]
    assert report["completeness"]["媒体聚焦"] == {"claimed": 19, "held": 17, "gap": 2,
                                                "unexplained": 2}
    # A gap every record of which is explained (a 404, a page lost and counted) is no problem.
    verdict, report = judge(counts(), THRESHOLDS, 100, 0.8,
                            completeness=[gap("通知公告", 9, 8, 0)])
    assert (verdict, report["problems"]) == ("ok", [])
    # HEALTH_MAX_UNEXPLAINED_GAP allows so many records unexplained, and no more.
    allowing = {**THRESHOLDS, "max_unexplained_gap": 2}
    assert judge(counts(), allowing, 100, 0.8, [gap("媒体聚焦", 19, 17, 2)])[0] == "ok"
    assert judge(counts(), allowing, 100, 0.8, [gap("媒体聚焦", 19, 16, 3)])[0] == "degraded"


# (unreachable, finished, failed, pages lost, incomplete) -> verdict: the docs' order of
# precedence, every combination written out.
PRECEDENCE = [
    ((False, True, False, 0, False), "ok"),
    ((False, True, False, 1, False), "degraded"),
    ((False, True, False, 0, True), "degraded"),
    ((False, True, True, 0, False), "failed"),
    ((False, True, True, 3, True), "failed"),
    ((False, False, False, 0, False), "interrupted"),
    ((False, False, True, 2, True), "interrupted"),
    ((True, True, False, 0, False), "unreachable"),
    ((True, False, True, 1, True), "unreachable"),
]


@pytest.mark.parametrize("args, want", PRECEDENCE)
def test_the_verdicts_order_of_precedence(args, want):
    assert choose(*args) == want
    if not args[4]:  # incomplete is False unless said
        assert choose(*args[:4]) == want


# Several groups' exit codes -> the one `crawl --all` exits with: the worst by the docs' order
# (usage 2, unreachable 1, interrupted 6, failed 3, degraded 5, locked 4, ok 0), not the
# largest number; a code none of these (a crash) counts as failed.
WORST = [
    ([], 0), ([0, 0], 0), ([0, 1], 1), ([5, 3], 3), ([3, 6], 6), ([6, 1], 1), ([1, 2], 2),
    ([4, 0], 4), ([4, 5], 5), ([0, 5, 4], 5), ([0, 120], 3), ([5, -9], 3), ([6, -9], 6),
]


@pytest.mark.parametrize("codes, want", WORST)
def test_crawl_all_exits_with_the_worst_groups_code(codes, want):
    assert worst_exit_code(codes) == want


def failure(kind: str, status: int | None = None, reason: str = "", gone: str = ""):
    return FailureItem(url=f"http://x/{kind}/{status}/{reason}", reason=reason, kind=kind,
                       status=status, gone=gone)


# A failures row -> is it a page lost (degraded, asked for again), written out from the docs
# (docs/crawling.md, runs/health.py): an article the site says is gone is evidence of a
# take-down; a list or home page that answers 404 is a page lost; a requisite the site does not
# have (404/410), over the size limit or barred is recorded, not lost; a 5xx is always lost.
LOST = [
    (failure("article", 404, "HTTP 404 Not Found"), False),
    (failure("article", 410, "HTTP 410 Gone"), False),
    (failure("article", 200, 'a "not found" page', gone='a "not found" page'), False),
    (failure("article", 500, "HTTP 500 Internal Server Error"), True),
    (failure("article", None, "the site did not answer in time"), True),
    (failure("list", 404, "HTTP 404 Not Found"), True),
    (failure("list", 503, "HTTP 503 Service Unavailable"), True),
    (failure("home", 404, "HTTP 404 Not Found"), True),
    (failure("image", 404, "HTTP 404 Not Found"), False),
    (failure("attachment", 410, "HTTP 410 Gone"), False),
    (failure("image", 503, "HTTP 503 Service Unavailable"), True),
    (failure("stylesheet", 500, "HTTP 500 Internal Server Error"), True),
    (failure("attachment", None, "the page is larger than the size limit (DOWNLOAD_MAXSIZE)"),
     False),
    (failure("image", None, "the connection broke while the page was being received"), True),
    (failure("template", None, "Forbidden by robots.txt"), False),
]


@pytest.mark.parametrize("item, is_lost", LOST, ids=lambda v: getattr(v, "url", str(v)))
def test_which_failures_are_pages_lost(item, is_lost):
    monitor = HealthMonitor.__new__(HealthMonitor)  # item_seen reads and writes counts alone
    monitor.counts = RunCounts()
    monitor.item_seen(item)
    assert (monitor.counts.pages_lost == 1) == is_lost, monitor.counts.lost
    if is_lost:
        assert monitor.counts.lost == {item.kind: {item.url}}


def test_a_page_robots_txt_bars_is_counted_as_barred_not_lost():
    monitor = HealthMonitor.__new__(HealthMonitor)
    monitor.counts = RunCounts()
    monitor.item_seen(FailureItem(url="http://x/admin/", reason="barred by robots.txt",
                                  kind="article"))
    assert monitor.counts.pages_lost == 0 and monitor.counts.barred == {"http://x/admin/"}


# Stats -> the summary line, written out whole (docs/crawling.md, "The summary line").
LINES = [
    ({"portscraper/health": "ok", "portscraper/articles_new": 3,
      "portscraper/articles_updated": 1, "portscraper/articles_removed": 2,
      "portscraper/health_report": json.dumps({"pages_lost": 0, "problems": []}),
      "downloader/request_count": 15, "elapsed_time_seconds": 2.14},
     "ok maoming: 3 new, 1 updated, 2 removed, 0 pages lost, 15 requests, 2.1 s"),
    ({"portscraper/health": "degraded",
      "portscraper/health_report": json.dumps({"pages_lost": 1, "barred": 2, "problems": [
          "1 page lost (1 image)", "incomplete lists (see completeness): x"]}),
      "downloader/request_count": 9, "elapsed_time_seconds": 0.96},
     "degraded maoming: 0 new, 0 updated, 0 removed, 1 page lost, 2 barred by robots.txt, "
     "9 requests, 1.0 s; 1 page lost (1 image); incomplete lists (see completeness): x"),
    ({"portscraper/health": "interrupted", "portscraper/articles_new": None,
      "portscraper/health_report": json.dumps({"pages_lost": 0, "problems": []})},
     "interrupted maoming: 0 new, 0 updated, 0 removed, 0 pages lost, 0 requests, 0.0 s; the "
     "run stopped before its end; the next run continues from what is stored"),
    ({"portscraper/health": "interrupted", "elapsed_time_seconds": None,
      "portscraper/health_report": json.dumps({"pages_lost": 3, "problems": [
          "stopped by Ctrl-C or SIGTERM before the end"]})},
     "interrupted maoming: 0 new, 0 updated, 0 removed, 3 pages lost, 0 requests, 0.0 s; "
     "stopped by Ctrl-C or SIGTERM before the end"),
    ({"portscraper/health": "failed", "portscraper/health_report": "{}"},
     "failed maoming: 0 new, 0 updated, 0 removed, 0 pages lost, 0 requests, 0.0 s"),
]


@pytest.mark.parametrize("stats, line", LINES, ids=[line.split(":")[0] for _, line in LINES])
def test_summary_lines_written_out(stats, line):
    assert summary_line("maoming", stats) == line
