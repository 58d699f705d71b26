"""Incremental cost: a scheduled run (`portscraper crawl`) on the archive of the full crawl,
with nothing new on the site, then with new articles published in 集团新闻.

Target: requests = the home page + one list page per section (the parent 新闻中心 included)
+ the new articles + the articles within the recheck window, and nothing else."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

from bench_crawl import checked, crawl_row, page_paths
from common import FAST_SETTINGS, PYTHON, run_child, setting_args

from portscraper import settings as project_settings
from portscraper.replica import evolve
from portscraper.replica.server import ReplicaServer


def due_for_recheck(db: Path, days: int = project_settings.RECHECK_DAYS) -> int:
    since = (datetime.now(UTC) - timedelta(days=days)).date().isoformat()
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    count = conn.execute("SELECT count(*) FROM articles WHERE published >= ?",
                         [since]).fetchone()[0]
    conn.close()
    return count


def scheduled_run(server: ReplicaServer, db: Path, work: Path, new: int) -> dict:
    recheck = due_for_recheck(db)
    since = len(server.requests)
    run = checked(run_child(
        [PYTHON, "-m", "portscraper.cli", "crawl", "--db", str(db), "--base-url", server.url,
         "--log-dir", str(work / "logs"), *setting_args(FAST_SETTINGS)],
        work / f"scheduled_{new}"), f"portscraper crawl ({new} new)")
    paths = page_paths(server, since)
    kinds = {"home": 0, "list": 0, "article": 0, "other": 0}
    for path in paths:
        name = urlsplit(path).path.lower()
        kind = ("home" if name in ("/", "/index.asp") else "list" if name == "/news.asp"
                else "article" if name == "/more.asp" else "other")
        kinds[kind] += 1
    sections = len(server.site.sections)
    row = crawl_row(db)
    return {
        "new_articles": new,
        "requests": len(paths),
        "by_kind": kinds,
        "target_requests": 1 + sections + new + recheck,
        "target_parts": {"home": 1, "sections": sections, "new": new, "recheck": recheck},
        "articles_new": row["articles_new"],
        "seconds": round(run.seconds, 2),  # what cron waits for, start-up included
        "crawl_seconds": row["seconds"],
        "exit_code": run.returncode,
        "summary": run.stdout.strip().splitlines()[-1] if run.stdout.strip() else "",
        "paths": paths,
    }


def measure(server: ReplicaServer, db: Path, work: Path, new: int = 10) -> dict:
    nothing_new = scheduled_run(server, db, work, 0)
    evolve.add_articles(server.site, new, "集团新闻")
    with_new = scheduled_run(server, db, work, new)
    return {"0 new": nothing_new, f"{new} new": with_new}
