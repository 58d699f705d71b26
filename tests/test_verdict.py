"""The run's verdict from its counts: which one wins, what the summary line says, which exit
code goes with it. Plain functions, no crawl."""

from __future__ import annotations

import json

import pytest

from portscraper.health import RunCounts, judge
from portscraper.verdict import EXIT_CODES, exit_code, summary_line

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
