"""The benchmarks of portscraper, in one command (run by hand; never part of the test suite).

    .venv/bin/python benchmarks/run.py [--articles 10000] [--quick] [--json benchmarks/results.json]
                                       [--parts extract,crawl,search,real]

Grows the replica to N articles and serves it on localhost, then measures crawl throughput
against a bare Scrapy spider (and the server alone), peak memory, storage, the cost of scheduled
runs, extraction speed and accuracy against GNE and trafilatura, search latency (through
benchmarks/search_bench.py), and the three extractors on the real pages of ../shared/real-pages
(through benchmarks/bench_real_pages.py, which runs that set's scorer). Prints a table (figure,
value, target, met) and writes it, with the machine it ran on and every detail, as JSON. See
benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

import bench_crawl
import bench_extract
import bench_incremental
import bench_real_pages
import bench_storage
from common import PYTHON, ROOT, machine, run_child

from portscraper.replica import ReplicaServer, build_site
from portscraper.replica.evolve import grow

SEARCH_BENCH = ROOT / "benchmarks" / "search_bench.py"
PARTS = ("extract", "crawl", "search", "real")


class Table:
    def __init__(self):
        self.rows: list[dict] = []

    def add(self, figure: str, value: str, target: str = "", met: bool | None = None) -> None:
        self.rows.append({"figure": figure, "value": value, "target": target,
                          "met": None if met is None else ("yes" if met else "no")})

    def print(self) -> None:
        heads = ("figure", "value", "target", "met")
        widths = [max(len(h), *(_width(r[h] or "") for r in self.rows)) for h in heads]
        print("  ".join(_pad(h, w) for h, w in zip(heads, widths, strict=True)))
        print("  ".join("-" * w for w in widths))
        for row in self.rows:
            print("  ".join(_pad(row[h] or "", w) for h, w in zip(heads, widths, strict=True)))

    def markdown(self) -> str:
        lines = ["| figure | value | target | met |", "|---|---|---|---|"]
        lines += [f"| {r['figure']} | {r['value']} | {r['target']} | {r['met'] or ''} |"
                  for r in self.rows]
        return "\n".join(lines)


def _width(text: str) -> int:
    """Columns on a terminal: Chinese characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def mb(n: float) -> str:
    return f"{n / 2**20:.1f} MB"


# --- extraction ----------------------------------------------------------------------------------

def extraction(table: Table, quick: bool) -> dict:
    print("extraction: portscraper, GNE and trafilatura on saved and replica pages ...")
    result = bench_extract.measure(replica_count=60 if quick else 200, repeat=1 if quick else 3)
    ext = result["extractors"]
    others = {name: r for name, r in ext.items() if name != "portscraper"}
    gne = others.get("GNE")
    for name, r in ext.items():
        target, met = "", None
        if name == "portscraper" and gne:
            target = f">= 3x GNE ({3 * gne['pages_per_s']:.0f})"
            met = r["pages_per_s"] >= 3 * gne["pages_per_s"]
        table.add(f"extract: {name}, pages/s ({result['pages']} pages)",
                  f"{r['pages_per_s']:.0f}", target, met)
    for name, r in ext.items():
        a = r["all"]
        value = (f"{a['title']:.2f} / {a['published']:.2f} / {a['byline']:.2f} / "
                 f"{a['body']:.3f}")
        target, met = "", None
        if name == "portscraper" and others:
            target = "above " + " and ".join(others) + " on each"
            met = all(a[f] > o["all"][f] or a[f] == 1.0 for o in others.values()
                      for f in bench_extract.FIELDS)
        table.add(f"extract accuracy: {name} (title/date/byline/body F1)", value, target, met)
    return result


# --- crawl, memory, storage, incremental ----------------------------------------------------------

def crawl(table: Table, articles: int, work: Path) -> dict:
    started = time.perf_counter()
    site = grow(build_site(), articles)
    n = f"{len(site.articles):,}"
    print(f"replica grown to {n} articles in {time.perf_counter() - started:.0f} s")
    db = work / "bench.db"
    out: dict = {"articles_on_site": len(site.articles), "grow_seconds":
                 round(time.perf_counter() - started, 1)}
    with ReplicaServer(site) as server:
        print(f"serving it at {server.url}; bare crawl, full crawl, server alone ...")
        out["throughput"] = t = bench_crawl.measure(server, db, work)
        print("storage ...")
        out["storage"] = storage = bench_storage.archive_figures(db)
        print("second full crawl of the unchanged site ...")
        before = bench_storage.snapshot_totals(db)
        second, _ = bench_crawl.pipeline_crawl(server, db, work, mode="full", name="second")
        after = bench_storage.snapshot_totals(db)
        out["second_fetch"] = {"crawl": second, "before": before, "after": after,
                               "added_snapshots": after["snapshots"] - before["snapshots"],
                               "added_bytes": after["stored_bytes"] - before["stored_bytes"]}
        print("scheduled runs with 0 and 10 new articles ...")
        out["incremental"] = inc = bench_incremental.measure(server, db, work, new=10)

    bare, pipe = t["bare"], t["pipeline"]
    table.add(f"crawl: bare spider, {n} articles", f"{bare['pages_per_s']:.0f} pages/s "
              f"({bare['pages']} pages, {bare['seconds']:.0f} s)")
    table.add(f"crawl: full pipeline, {n} articles", f"{pipe['pages_per_s']:.0f} pages/s "
              f"({pipe['pages']} pages, {pipe['seconds']:.0f} s)")
    table.add("crawl: pipeline / bare", f"{t['ratio']:.2f}", ">= 0.85", t["ratio"] >= 0.85)
    alone = t["server_alone"]
    table.add(f"replica server alone ({alone['threads']} urllib threads)",
              f"{alone['pages_per_s']:.0f} pages/s (bare crawl at "
              f"{bare['pages_per_s'] / alone['pages_per_s']:.2f} of it)")
    table.add(f"memory: peak RSS, full crawl of {n}", f"{pipe['max_rss_mb']:.0f} MB "
              f"(bare {bare['max_rss_mb']:.0f} MB)", "< 300 MB", pipe["max_rss_mb"] < 300)
    second = out["second_fetch"]["crawl"]
    table.add("memory: peak RSS, 2nd crawl (mode=full)", f"{second['max_rss_mb']:.0f} MB "
              f"({second['pages_per_s']:.0f} pages/s)", "< 300 MB", second["max_rss_mb"] < 300)
    table.add("storage: archive bytes per article",
              f"{storage['bytes_per_article']:,} B ({mb(storage['file_bytes'])} "
              f"/ {storage['articles']:,})")
    table.add("storage: snapshots stored / raw (zstd + the site's dictionary)",
              f"{storage['stored_over_raw']:.3f} ({mb(storage['stored_bytes'])} "
              f"/ {mb(storage['raw_bytes'])})", "<= 0.20", storage["stored_over_raw"] <= 0.2)
    added = out["second_fetch"]
    table.add("storage: snapshot bytes added by a 2nd full fetch",
              f"{added['added_bytes']:,} B ({added['added_snapshots']} snapshots)", "0",
              added["added_bytes"] == 0)
    for label, run in inc.items():
        parts = run["target_parts"]
        table.add(f"incremental: {label}, requests",
                  f"{run['requests']} in {run['seconds']:.1f} s "
                  f"(crawl {run['crawl_seconds']:.1f} s)",
                  f"= {run['target_requests']} ({parts['home']} + {parts['sections']} + "
                  f"{parts['new']} + {parts['recheck']})",
                  run["requests"] == run["target_requests"])
    index = storage["by_table_bytes"].get("search index", 0)
    table.add(f"search: index size ({storage['articles']:,} crawled articles)",
              f"{mb(index)} ({index // max(1, storage['articles']):,} B/article)")
    return out


# --- search --------------------------------------------------------------------------------------

def search(table: Table, quick: bool, work: Path) -> dict | None:
    if not SEARCH_BENCH.exists():
        # Hook: benchmarks/search_bench.py (another module) measures Datasette's _search.
        print("search: benchmarks/search_bench.py is not there yet; skipped")
        table.add("search: _search latency", "not measured (no benchmarks/search_bench.py)")
        return None
    articles, repeat = (10_000, 10) if quick else (100_000, 30)
    print(f"search: {articles:,} synthetic articles, benchmarks/search_bench.py ...")
    out_file = work / "search.json"
    run = run_child([PYTHON, str(SEARCH_BENCH), "--articles", str(articles), "--repeat",
                     str(repeat), "--json", str(out_file)], work / "search")
    if run.returncode:
        print(run.stderr[-3000:])
        table.add("search: _search latency", "search_bench.py failed (see the log)")
        return {"error": run.stderr[-3000:]}
    result = json.loads(out_file.read_text(encoding="utf-8"))
    for label, row in result["results"].items():
        answer = row["_search JSON (ranked)"]
        page = row["results page (ranked, count + facets)"]
        newest = row["results page (newest first, count + facets)"]
        table_view = row["table JSON (newest first, count + facets)"]
        table.add(f"search: _search {label} {row['word']} ({row['matches']:,} matches), "
                  "ranked first page", f"JSON p95 {answer['p95_ms']:.0f} ms",
                  "p95 < 50 ms", answer["p95_ms"] < 50)
        table.add(f"search: {label} {row['word']}, with count and facets",
                  f"results page p95 {page['p95_ms']:.0f} ms, newest first "
                  f"{newest['p95_ms']:.0f}, table JSON newest first {table_view['p95_ms']:.0f}",
                  "p95 < 150 ms", max(page["p95_ms"], newest["p95_ms"],
                                      table_view["p95_ms"]) < 150)
    table.add(f"search: archive file with index, {articles:,} synthetic articles",
              f"{mb(result['database_bytes'])} (index built in {result['index_seconds']:.0f} s)")
    return result


# --- real pages ----------------------------------------------------------------------------------

def real_pages(table: Table, quick: bool, work: Path) -> dict | None:
    print("real pages: portscraper, GNE and trafilatura through ../shared/real-pages' scorer ...")
    try:
        result = bench_real_pages.measure(bench_real_pages.DEFAULT_PAGES, work,
                                          repeat=1 if quick else 3)
    except bench_real_pages.NotAvailable as exc:
        print(f"real pages: not measured: {exc}")
        table.add("real pages", f"not measured: {exc}")
        return None
    bench_real_pages.add_rows(table, result)
    print(bench_real_pages.markdown(result))
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=None,
                        help="grow the replica to this many articles (default 10000; quick 1000)")
    parser.add_argument("--quick", action="store_true",
                        help="a smoke run: 1,000 articles, fewer pages, a smaller search archive")
    parser.add_argument("--json", default=str(ROOT / "benchmarks" / "results.json"))
    parser.add_argument("--parts", default=",".join(PARTS),
                        help=f"which to run, of {', '.join(PARTS)}")
    parser.add_argument("--keep", action="store_true",
                        help="keep the work folder (archive, logs) and print where it is")
    args = parser.parse_args()
    articles = args.articles or (1_000 if args.quick else 10_000)
    parts = set(args.parts.split(","))
    work = Path(tempfile.mkdtemp(prefix="portscraper-bench-"))
    started = time.perf_counter()
    table, details = Table(), {}
    try:
        if "extract" in parts:
            details["extraction"] = extraction(table, args.quick)
        if "crawl" in parts:
            details["crawl"] = crawl(table, articles, work)
        if "search" in parts:
            details["search"] = search(table, args.quick, work)
        if "real" in parts:
            details["real_pages"] = real_pages(table, args.quick, work)
    except Exception:
        print(f"failed; the logs are in {work}", file=sys.stderr)
        raise
    seconds = time.perf_counter() - started
    info = machine()
    print(f"\n{info['cpu']}, {info['cpu_count']} CPUs, {info['memory_gib']} GiB, "
          f"Python {info['python']}, {info['platform']}, {info['date']} ({seconds:.0f} s)\n")
    table.print()
    Path(args.json).write_text(json.dumps(
        {"machine": info, "arguments": {"articles": articles, "quick": args.quick,
                                        "parts": sorted(parts)},
         "seconds": round(seconds), "table": table.rows, "markdown": table.markdown(),
         "details": details}, ensure_ascii=False, indent=2), encoding="utf-8")
    print(f"\nwritten to {args.json}")
    if args.keep:
        print(f"work folder kept: {work}")
    else:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
