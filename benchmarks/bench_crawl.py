"""Crawl throughput and peak memory: `scrapy crawl maoming` into a fresh archive against the bare
spider (bare_spider.py), both against the same served replica, and the server alone.

Pages are counted by the server (every request but robots.txt); seconds are Scrapy's own
elapsed time (spider opened to spider closed), so interpreter start-up is left out of both.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit

from common import FAST_SETTINGS, PYTHON, ROOT, ChildRun, run_child, setting_args

from portscraper.replica.server import ReplicaServer


def page_paths(server: ReplicaServer, since: int = 0) -> list[str]:
    """The paths the server was asked for after request number `since`, robots.txt left out."""
    with server.lock:
        requests = server.requests[since:]
    return [path for _method, path in requests if path != "/robots.txt"]


def same_page(path: str) -> str:
    """A path with its query parameters in order (the two spiders write them differently)."""
    parts = urlsplit(path)
    return parts.path + "?" + urlencode(sorted(parse_qsl(parts.query)))


def fresh_faults(server: ReplicaServer) -> None:
    """The flaky article answers 503 twice again, so that every crawl meets the same site."""
    with server.lock:
        server.failures = dict.fromkeys(server.failures, 0)


def maoming_command(base_url: str, db: Path, mode: str | None = None) -> list[str]:
    cmd = [PYTHON, "-m", "scrapy", "crawl", "maoming", "-a", f"base_url={base_url}",
           *setting_args({"ARCHIVE_DB": str(db), **FAST_SETTINGS})]
    return cmd + (["-a", f"mode={mode}"] if mode else [])


def crawl_row(db: Path) -> dict:
    """The archive's record of its latest crawl."""
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    row = dict(conn.execute("SELECT * FROM crawls ORDER BY id DESC LIMIT 1").fetchone())
    conn.close()
    return row


def figures(pages: int, seconds: float, run: ChildRun, **extra) -> dict:
    return {"pages": pages, "seconds": round(seconds, 2),
            "pages_per_s": round(pages / seconds, 1) if seconds else None,
            "wall_seconds": round(run.seconds, 2), "max_rss_mb": round(run.max_rss_mb, 1),
            "exit_code": run.returncode, **extra}


def checked(run: ChildRun, what: str) -> ChildRun:
    if run.returncode not in (0, 3):  # 3: finished, but the health check complained
        raise RuntimeError(f"{what} failed ({run.returncode}):\n{run.stderr[-3000:]}")
    return run


def bare_crawl(server: ReplicaServer, work: Path) -> tuple[dict, list[str]]:
    fresh_faults(server)
    since = len(server.requests)
    stats_file = work / "bare_stats.json"
    run = checked(run_child(
        [PYTHON, "-m", "scrapy", "runspider", str(ROOT / "benchmarks" / "bare_spider.py"),
         "-a", f"base_url={server.url}",
         *setting_args({**FAST_SETTINGS, "BENCH_STATS_FILE": str(stats_file)})],
        work / "bare"), "the bare crawl")
    stats = json.loads(stats_file.read_text())
    paths = page_paths(server, since)
    return figures(len(paths), stats.get("elapsed_time_seconds") or run.seconds, run), paths


def pipeline_crawl(server: ReplicaServer, db: Path, work: Path, mode: str | None = None,
                   name: str = "maoming") -> tuple[dict, list[str]]:
    fresh_faults(server)
    since = len(server.requests)
    run = checked(run_child(maoming_command(server.url, db, mode), work / name),
                  f"scrapy crawl maoming ({name})")
    row = crawl_row(db)
    paths = page_paths(server, since)
    return figures(len(paths), row["seconds"], run, articles_new=row["articles_new"],
                   articles_unchanged=row["articles_unchanged"], failures=row["failures"],
                   health=row["health"]), paths


def server_alone(server: ReplicaServer, paths: list[str], work: Path, threads: int = 16) -> dict:
    """The same pages fetched by a threaded urllib loop in another process."""
    urls_file = work / "urls.txt"
    urls_file.write_text("".join(server.url + p.lstrip("/") + "\n" for p in paths))
    run = run_child([PYTHON, str(ROOT / "benchmarks" / "fetch_loop.py"), str(urls_file),
                     "--threads", str(threads)], work / "fetch_loop")
    if run.returncode:
        raise RuntimeError(f"the fetch loop failed:\n{run.stderr[-3000:]}")
    return {**json.loads(run.stdout), "threads": threads}


def measure(server: ReplicaServer, db: Path, work: Path) -> dict:
    bare, bare_paths = bare_crawl(server, work)
    pipeline, pipeline_paths = pipeline_crawl(server, db, work)
    alone = server_alone(server, bare_paths, work)
    bare_pages, pipeline_pages = {same_page(p) for p in bare_paths}, \
        {same_page(p) for p in pipeline_paths}
    return {
        "bare": bare,
        "pipeline": pipeline,
        "ratio": round(pipeline["pages_per_s"] / bare["pages_per_s"], 3),
        "server_alone": alone,
        # Did the two crawls fetch the same pages? (query parameters put in order)
        "distinct_pages": {"bare": len(bare_pages), "pipeline": len(pipeline_pages),
                           "only_bare": sorted(bare_pages - pipeline_pages)[:10],
                           "only_pipeline": sorted(pipeline_pages - bare_pages)[:10]},
    }
