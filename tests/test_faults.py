"""The fault suite: a replica that misbehaves the way sites and networks do.

For each fault: the crawl goes on and finishes, the archive passes SQLite's integrity check, the
fault is in `failures` with a reason a person understands (where it cost a page), and a following
clean run ends with the same archive as a crawl that never met a fault.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field

import pytest

from portscraper.replica.data import build_site
from portscraper.replica.faults import Fault
from portscraper.replica.server import ReplicaServer

from .conftest import archive_content, run_crawl

SITE = build_site()
# An ordinary article: no kicker, not a trap of its own, on the first list page of 集团新闻.
ARTICLE = next(a for a in SITE.articles if a.section == "集团新闻" and a.status == "ok"
               and not a.kicker and a.duplicate_of is None and a.title not in
               {b.title for b in SITE.articles if b is not a})
TARGET = f"/more.asp?id={ARTICLE.id}"
LIST_PAGE_2 = "/news.asp?pid=21&page=2"  # as the page links it, and a browser asks for it
# Quick to give up: one retry, short timeouts, small size limit.
QUICK = {"RETRY_TIMES": "1", "DOWNLOAD_TIMEOUT": "2", "DOWNLOAD_MAXSIZE": str(1024 * 1024),
         "DOWNLOAD_WARNSIZE": "0"}


@dataclass
class Case:
    name: str
    target: str
    fault: Fault
    reason: str | None          # in failures.reason; None: the crawl copes, nothing fails
    settings: dict = field(default_factory=dict)


CASES = [
    Case("connection reset", TARGET, Fault("reset", times=None), "connection broke"),
    Case("timeout", TARGET, Fault("timeout", times=None, seconds=4), "did not answer in time"),
    Case("stall mid-body", TARGET, Fault("stall", times=None, seconds=4),
         "did not answer in time"),
    Case("body shorter than Content-Length", TARGET, Fault("short", times=None),
         "shorter than the server announced"),
    Case("5xx that lasts", TARGET, Fault("status", times=None, status=500),
         "HTTP 500 Internal Server Error"),
    Case("503 burst, Retry-After honoured", TARGET,
         Fault("status", times=2, status=503, retry_after="1"), None, {"RETRY_TIMES": "3"}),
    Case("429 rate limit", TARGET, Fault("status", times=2, status=429, retry_after="1"), None,
         {"RETRY_TIMES": "3"}),
    Case("Retry-After longer than a run waits", TARGET,
         Fault("status", times=None, status=503, retry_after="86400"), "HTTP 503"),
    Case("redirect loop", TARGET, Fault("redirect_loop", times=None), "a redirect loop"),
    Case("redirect off the site", TARGET, Fault("redirect_offsite", times=None),
         "off the site"),
    Case("list page redirects home", LIST_PAGE_2, Fault("redirect_home", times=None),
         "redirected to the home page"),
    Case("page over the size limit", TARGET, Fault("huge", times=None, size=3 * 1024 * 1024),
         "larger than the size limit"),
    Case("gzip bomb", TARGET, Fault("gzip_bomb", times=None, size=64 * 1024 * 1024),
         "larger than the size limit"),
    Case("binary content", TARGET, Fault("binary", times=None), "not a web page"),
    Case("empty content", TARGET, Fault("empty", times=None), "empty"),
    Case("malformed HTML", TARGET, Fault("malformed", times=None), None),
    Case("no title", TARGET, Fault("no_title", times=None), "no title found"),
    Case("no date", TARGET, Fault("no_date", times=None), "no date found"),
    Case("wrong charset declared", TARGET, Fault("wrong_charset", times=None), None),
    Case("mixed encodings", TARGET, Fault("mixed_encoding", times=None), None),
]


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    """The archive of a crawl that met no fault."""
    tmp = tmp_path_factory.mktemp("reference")
    with ReplicaServer(build_site()) as server:
        run_crawl(tmp, f"base_url={server.url}")
        return archive_content(tmp / "archive.db", server.url)


def integrity(db) -> str:
    with sqlite3.connect(db) as conn:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]


def failures_for(db, url):
    """The failures of the page requested at `url` (its canonical URL, the key, may differ)."""
    with sqlite3.connect(db) as conn:
        return [r[0] for r in conn.execute(
            "SELECT reason FROM failures WHERE url = ? OR request_url = ?", [url, url])]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_fault(case, reference, tmp_path):
    db = tmp_path / "archive.db"
    with ReplicaServer(build_site()) as server:
        server.faults.add(case.target, case.fault)
        run_crawl(tmp_path, f"base_url={server.url}", settings={**QUICK, **case.settings})
        assert server.faults.fired, "the fault never fired"
        assert integrity(db) == "ok"
        reasons = failures_for(db, server.url + case.target.lstrip("/"))
        if case.reason is None:
            assert reasons == []
        else:
            assert reasons and all(case.reason in r for r in reasons), reasons

        server.faults.clear()
        run_crawl(tmp_path, f"base_url={server.url}")
        assert integrity(db) == "ok"
        got = archive_content(db, server.url)
        assert got["articles"] == reference["articles"]
        assert got["urls"] == reference["urls"]


def test_retry_after_is_honoured(tmp_path):
    with ReplicaServer(build_site()) as server:
        server.faults.add(TARGET, Fault("status", times=2, status=429, retry_after="1"))
        run_crawl(tmp_path, f"base_url={server.url}", settings={"RETRY_TIMES": "3"})
        times = [when for target, _, when in server.faults.fired if target == TARGET]
        article_requests = [p for _, p in server.requests if p == TARGET]
    assert len(times) == 2 and len(article_requests) == 3
    assert times[1] - times[0] >= 0.95


def test_crawler_traps_do_not_trap(reference, tmp_path):
    """A calendar whose month links never end, session ids in every link, out-of-range page
    numbers answering page 1: the crawl ends with the same articles and no more requests."""
    with ReplicaServer(build_site(), traps=True) as server:
        run_crawl(tmp_path, f"base_url={server.url}")
        paths = [p for _, p in server.requests]
        got = archive_content(tmp_path / "archive.db", server.url)
    assert not [p for p in paths if "month=" in p]
    assert len(paths) < 160
    assert got["articles"] == reference["articles"]
