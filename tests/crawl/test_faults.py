"""The fault suite: a replica that misbehaves the way sites and networks do.

For each fault: the crawl goes on and finishes, the archive passes SQLite's integrity check, the
fault is in `failures` with a reason a person understands (where it cost a page), and a following
clean run ends with the same archive as a crawl that never met a fault.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field

import pytest

from portscraper.replica import evolve
from portscraper.replica.data import build_site
from portscraper.replica.faults import Fault
from portscraper.replica.server import ReplicaServer

from ..conftest import archive_content, run_crawl

SITE = build_site()
# An ordinary article: no kicker, not a trap of its own, on the first list page of 集团新闻.
ARTICLE = next(a for a in SITE.articles if a.section == "集团新闻" and a.status == "ok"
               and not a.kicker and a.duplicate_of is None and a.title not in
               {b.title for b in SITE.articles if b is not a})
TARGET = f"/more.asp?id={ARTICLE.id}"
LIST_PAGE_2 = "/news.asp?pid=21&page=2"  # as the page links it, and a browser asks for it
# 党建工作: a section of two list pages that no other section lists, so that a lost list page
# costs articles (新闻中心 lists again what its sub-sections list).
PARTY = "/news.asp?pid=3"
PARTY_PAGE_2 = "/news.asp?pid=3&page=2"
# Quick to give up: one retry, short timeouts, small size limit.
QUICK = {"RETRY_TIMES": "1", "DOWNLOAD_TIMEOUT": "2", "DOWNLOAD_MAXSIZE": str(1024 * 1024),
         "DOWNLOAD_WARNSIZE": "0"}
# Enough retries for the replica's flaky article (503 twice, then 200): a run that copes with
# its fault loses nothing, and its verdict is ok.
PATIENT = {"RETRY_TIMES": "2"}


@dataclass
class Case:
    name: str
    target: str
    fault: Fault
    reason: str | None          # in failures.reason; None: the crawl copes, nothing fails
    settings: dict = field(default_factory=dict)
    # A list page's fault: its section (the path of its first page), which must stay unwalked
    # (walked, when nothing fails) after the faulty run.
    section: str | None = None
    verdict: str | None = None  # None: "ok" when nothing fails, else "degraded"


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
    Case("malformed HTML", TARGET, Fault("malformed", times=None), None, PATIENT),
    Case("no title", TARGET, Fault("no_title", times=None), "no title found"),
    Case("no date", TARGET, Fault("no_date", times=None), "no date found"),
    Case("wrong charset declared", TARGET, Fault("wrong_charset", times=None), None, PATIENT),
    Case("mixed encodings", TARGET, Fault("mixed_encoding", times=None), None, PATIENT),
    # List pages: each lost one keeps its section unwalked, and the next run walks it in full.
    Case("list page fails after retries", PARTY_PAGE_2, Fault("status", times=None, status=500),
         "HTTP 500", section=PARTY),
    Case("list page connection reset", PARTY_PAGE_2, Fault("reset", times=None),
         "connection broke", section=PARTY),
    Case("empty list page", PARTY_PAGE_2, Fault("empty", times=None), "empty", section=PARTY),
    Case("list page that lists nothing", PARTY_PAGE_2, Fault("status", times=None, status=200),
         "showed no articles", section=PARTY),
    Case("a section down", PARTY, Fault("status", times=None, status=503), "HTTP 503",
         section=PARTY),
    Case("postback pager", PARTY, Fault("postback_pager", times=None), None, PATIENT,
         section=PARTY),
    Case("pager that cannot be followed", PARTY, Fault("script_pager", times=None),
         "could not be followed", section=PARTY),
    # The home page: without it there is no crawl, and the run says so.
    Case("empty home page", "/", Fault("empty", times=None), "the home page: the page was empty",
         verdict="unreachable"),
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


def walked_sections(db) -> set[str]:
    with sqlite3.connect(db) as conn:
        return {r[0] for r in conn.execute("SELECT url FROM sections WHERE walked_at IS NOT NULL")}


def kinds_for(db, url) -> set[str]:
    with sqlite3.connect(db) as conn:
        return {r[0] for r in conn.execute(
            "SELECT kind FROM failures WHERE url = ? OR request_url = ?", [url, url])}


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_fault(case, reference, tmp_path):
    db = tmp_path / "archive.db"
    with ReplicaServer(build_site()) as server:
        server.faults.add(case.target, case.fault)
        # A page lost is a degraded run, whatever else went well.
        run_crawl(tmp_path, f"base_url={server.url}", settings={**QUICK, **case.settings},
                  verdict=case.verdict or ("ok" if case.reason is None else "degraded"))
        assert server.faults.fired, "the fault never fired"
        assert integrity(db) == "ok"
        reasons = failures_for(db, server.url + case.target.lstrip("/"))
        if case.reason is None:
            assert reasons == []
        else:
            assert reasons and all(case.reason in r for r in reasons), reasons
        if case.section:
            walked = walked_sections(db)
            section = server.url + case.section.lstrip("/")
            assert (section in walked) == (case.reason is None), walked
            if case.reason:
                assert kinds_for(db, server.url + case.target.lstrip("/")) == {"list"}

        server.faults.clear()
        run_crawl(tmp_path, f"base_url={server.url}")
        assert integrity(db) == "ok"
        got = archive_content(db, server.url)
        assert got["articles"] == reference["articles"]
        assert got["urls"] == reference["urls"]


def test_a_failed_page_2_while_page_1_ends_with_known_articles(tmp_path):
    """A section walked before gets 16 new articles: page 1 holds 15 of them, page 2 the last
    new one and then known ones. Page 2 fails. The next run finds page 1 ending with articles
    it knows (stored by the faulty run) and must walk on all the same."""
    db = tmp_path / "archive.db"
    site = build_site()
    with ReplicaServer(site) as server:
        run_crawl(tmp_path, f"base_url={server.url}")
        party = server.url + PARTY.lstrip("/")
        assert party in walked_sections(db)
        evolve.add_articles(site, 16, "党建工作", seed=5)
        server.faults.add(PARTY_PAGE_2, Fault("status", times=None, status=500))
        run_crawl(tmp_path, f"base_url={server.url}", settings=QUICK, verdict="degraded")
        assert party not in walked_sections(db)
        assert kinds_for(db, server.url + PARTY_PAGE_2.lstrip("/")) == {"list"}

        server.faults.clear()
        run_crawl(tmp_path, f"base_url={server.url}")
        assert integrity(db) == "ok" and party in walked_sections(db)
    live = {a.id for a in site.articles if a.status in ("ok", "flaky")}
    with sqlite3.connect(db) as conn:
        archived = {int(u.split("id=")[1]) for (u,) in conn.execute(
            "SELECT url FROM article_urls")}
    assert archived == live


def test_a_walked_section_whose_first_page_lists_nothing_is_a_failure(tmp_path):
    """An error page served as 200 where a walked section's list was: not an empty section
    (which would end its walk in silence) but a lost list page."""
    db = tmp_path / "archive.db"
    with ReplicaServer(build_site()) as server:
        run_crawl(tmp_path, f"base_url={server.url}")
        server.faults.add(PARTY, Fault("status", times=None, status=200))
        run_crawl(tmp_path, f"base_url={server.url}", settings=PATIENT, verdict="degraded")
        assert failures_for(db, server.url + PARTY.lstrip("/")) == [
            "the list page showed no articles, where earlier runs read its list"]
        assert server.url + PARTY.lstrip("/") not in walked_sections(db)


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
        # (Requisites, fetched once per site, are not pages.)
        paths = [p for _, p in server.requests
                 if not p.lower().startswith(("/css/", "/js/", "/images/", "/uploadfile/"))]
        got = archive_content(tmp_path / "archive.db", server.url)
    assert not [p for p in paths if "month=" in p]
    assert len(paths) < 160
    assert got["articles"] == reference["articles"]
