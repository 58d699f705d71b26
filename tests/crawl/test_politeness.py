"""Polite to the site (README, "Polite by default"): robots.txt obeyed, an honest User-Agent,
one request at a time with a delay, AutoThrottle, retries that wait longer each time, and URLs
that answered 404 not asked for again. The settings as a crawl loads them, and what the replica
sees of a crawl."""

from __future__ import annotations

import re
import subprocess
import sys

from scrapy.utils.project import get_project_settings

from portscraper.crawl.spiders.maoming import MaomingSpider
from portscraper.replica.data import build_site
from portscraper.replica.expected import traits
from portscraper.replica.server import ReplicaServer

from ..conftest import ROOT, run_crawl

BROWSER_WORDS = re.compile(r"mozilla|chrome|safari|gecko|msie|edge|webkit|opera", re.I)


def project_settings():
    settings = get_project_settings()
    assert settings.get("BOT_NAME") == "portscraper", "not the project's settings"
    return settings


def test_the_defaults_are_polite():
    """What `scrapy crawl maoming` runs with when nothing is overridden."""
    settings = project_settings()
    assert settings.getbool("ROBOTSTXT_OBEY")
    assert settings.getint("CONCURRENT_REQUESTS_PER_DOMAIN") == 1
    assert settings.getfloat("DOWNLOAD_DELAY") >= 1
    assert settings.getbool("AUTOTHROTTLE_ENABLED")
    assert settings.getfloat("AUTOTHROTTLE_TARGET_CONCURRENCY") <= 1
    assert settings.getfloat("AUTOTHROTTLE_START_DELAY") >= settings.getfloat("DOWNLOAD_DELAY")
    assert settings.getint("RETRY_TIMES") >= 1 and 429 in settings.getlist("RETRY_HTTP_CODES")


def test_the_user_agent_is_honest():
    """It names the project and where to read about it; it passes for no browser."""
    agent = project_settings().get("USER_AGENT")
    assert agent.startswith("portscraper/") and "https://" in agent
    assert not BROWSER_WORDS.search(agent), agent


def test_the_spider_keeps_the_polite_settings():
    """The spider's own settings (custom_settings, update_settings), applied as `scrapy crawl`
    applies them, switch none of them off."""
    settings = project_settings().copy()
    MaomingSpider.update_settings(settings)
    assert settings.getint("CONCURRENT_REQUESTS_PER_DOMAIN") == 1
    assert settings.getfloat("DOWNLOAD_DELAY") >= 1 and settings.getbool("AUTOTHROTTLE_ENABLED")
    assert settings.getbool("ROBOTSTXT_OBEY") and not BROWSER_WORDS.search(
        settings.get("USER_AGENT"))


def polite_crawl_command(tmp_path, url: str) -> list[str]:
    """`scrapy crawl` with the project's settings but for a short delay (the replica is local):
    concurrency, robots.txt and User-Agent as shipped. (Not no delay at all: Scrapy 2.19's
    downloader, with DOWNLOAD_DELAY = 0, sends every queued request of a slot at once,
    whatever its concurrency.)"""
    return [sys.executable, "-m", "scrapy", "crawl", "maoming", "-a", f"base_url={url}",
            "-s", f"ARCHIVE_DB={tmp_path / 'archive.db'}", "-s", "DOWNLOAD_DELAY=0.01",
            "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "LOG_LEVEL=INFO"]


def test_the_site_sees_one_request_at_a_time_from_an_honest_agent(tmp_path):
    """Each request is held 40 ms (longer than the delay) before its answer starts: a crawler
    that asked for two at once would be seen with two in flight."""
    with ReplicaServer(build_site(), latency=0.04) as server:
        proc = subprocess.run(polite_crawl_command(tmp_path, server.url), cwd=ROOT,
                              capture_output=True, text=True, timeout=600)
        assert proc.returncode == 0, proc.stderr[-2000:]
        assert len(server.requests) > 100
        assert server.most_in_flight == 1
        assert server.user_agents == {project_settings().get("USER_AGENT")}
        assert server.requests[0][1] == "/robots.txt"


def test_urls_that_answered_404_are_not_asked_for_again(tmp_path):
    """The replica's missing article answers 404: the first run records it, the next run
    (incremental, which reads the first list page of each section) does not request it again."""
    site = build_site()
    missing = [f"/more.asp?id={i}" for i in traits(site)["missing"]]
    assert missing
    # At the top of its section's first list page, which every incremental run reads.
    newest = max(a.published for a in site.articles)
    for article in site.with_status("missing"):
        article.published = newest
        site.articles.remove(article)
        site.articles.insert(0, article)  # lists are in the order of site.articles
    with ReplicaServer(site) as server:
        run_crawl(tmp_path, f"base_url={server.url}")
        first = [path for _, path in server.requests]
        server.requests.clear()
        run_crawl(tmp_path, f"base_url={server.url}")
        second = [path for _, path in server.requests]
    assert set(missing) <= set(first)
    assert second and not set(missing) & set(second)
