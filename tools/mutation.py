"""Mutation testing of one module at a time with mutmut, in a scratch copy of the project.

    .venv/bin/python tools/mutation.py archive            # portscraper/archive/store.py
    .venv/bin/python tools/mutation.py extract/dates      # portscraper/extract/dates.py
    .venv/bin/python tools/mutation.py --list             # the modules and their test files

Each module is run against the fast test files that hold its promises (MODULES below), not the
whole suite: the crawl tests take minutes per run and would multiply by every mutant. The copy
lives in /tmp/portscraper-mutation/<module> (mutmut writes a mutants/ folder and a cache beside
the source); the summary and the surviving mutants, with their diffs, are printed and written
to that folder's report.txt. See docs/mutation-testing.md for the scores and what survived.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRATCH = Path(os.environ.get("MUTATION_DIR", "/tmp/portscraper-mutation"))
EXTRACT_TESTS = ["tests/test_extract_kinds.py", "tests/test_extract_pages.py",
                 "tests/test_field_parsers.py", "tests/test_real_pages.py",
                 "tests/test_properties.py", "tests/test_language.py", "tests/test_cleaning.py",
                 "tests/test_assets.py"]
# Not test_security.py (its fixture crawls the replica: seconds per mutant; test_reading_room.py
# holds the same checks on rows written directly) and not the fuzz (-k "not fuzz", below).
READING_ROOM_TESTS = ["tests/test_datasette.py", "tests/test_reading_room.py",
                      "tests/test_plugin_params.py", "tests/test_reading_pages.py"]
# module (under portscraper/) -> the test files run against its mutants
MODULES = {
    "archive": ["tests/test_archive.py", "tests/test_archive_rows.py", "tests/test_search.py",
                "tests/test_commands.py"],
    "schema": ["tests/test_archive.py", "tests/test_archive_rows.py", "tests/test_schema.py",
               "tests/test_search.py"],
    "search": ["tests/test_search.py", "tests/test_search_index.py", "tests/test_properties.py"],
    "compression": ["tests/test_compression.py", "tests/test_archive.py",
                    "tests/test_archive_rows.py", "tests/test_commands.py"],
    "urls": ["tests/test_decode_and_urls.py", "tests/test_properties.py"],
    "datasette_params": ["tests/test_plugin_params.py", "tests/test_reading_room.py"],
    "datasette_plugin": READING_ROOM_TESTS,
    "datasette_search": ["tests/test_datasette.py", "tests/test_plugin_params.py",
                         "tests/test_reading_room.py"],
    "datasette_snapshots": ["tests/test_reading_room.py", "tests/test_plugin_params.py"],
    "datasette_facets": ["tests/test_datasette.py"],
    # The run's verdict (judge, RunCounts); the crawl-time monitor is left to the crawl tests.
    "health": ["tests/test_verdict.py"],
    # Only crawls test the middleware: seconds a mutant (see docs/mutation-testing.md).
    "incremental": ["tests/test_scheduled.py", "tests/test_politeness.py"],
    "datasette_results": READING_ROOM_TESTS,
    "datasette_article": ["tests/test_reading_pages.py", "tests/test_reading_room.py"],
    "datasette_front": ["tests/test_reading_pages.py", "tests/test_reading_room.py"],
    "datasette_feed": ["tests/test_reading_pages.py", "tests/test_reading_room.py"],
    "highlight": ["tests/test_reading_room.py", "tests/test_properties.py",
                  "tests/test_reading_pages.py"],
    "article_diff": ["tests/test_reading_room.py", "tests/test_properties.py",
                     "tests/test_reading_pages.py"],
    "archive_copy": ["tests/test_reading_pages.py", "tests/test_commands.py"],
    "extract/dates": EXTRACT_TESTS + ["tests/test_dates_table.py"],
    "extract/decode": ["tests/test_decode_and_urls.py", "tests/test_properties.py",
                       "tests/test_extract_pages.py"],
}
for name in ("article", "assets", "body", "body_parts", "byline", "cleaning", "controls",
             "credits", "dateline", "head", "header", "landmarks", "lines", "page", "regions",
             "text", "title"):
    MODULES.setdefault(f"extract/{name}", EXTRACT_TESTS)
for name in ("navigation", "pagination", "multipage"):
    MODULES.setdefault(f"extract/{name}", ["tests/test_navigation.py", "tests/test_multipage.py"])
# Modules first run in issue 26, with the fast tests that hold their promises (the stand-in
# crawler of test_incremental.py and test_retry.py: no replica).
MODULES.update({
    "incremental": ["tests/test_incremental.py"],
    "runs/verdict": ["tests/test_verdict.py"],
    "crawl/retry": ["tests/test_retry.py"],
})

# A module's file under portscraper/: its name there, or for the names of before the package
# had a folder per side (issue 21), where it is now.
PATHS = {"archive": "archive/store", "schema": "archive/schema", "search": "archive/search",
         "compression": "archive/compression", "urls": "extract/urls",
         "datasette_params": "room/params", "datasette_plugin": "room/plugin",
         "datasette_search": "room/search", "datasette_snapshots": "room/snapshots",
         "datasette_facets": "room/facets", "health": "runs/health",
         "incremental": "crawl/incremental", "datasette_results": "room/results",
         "datasette_article": "room/article", "datasette_front": "room/front",
         "datasette_feed": "room/feed", "highlight": "room/highlight",
         "article_diff": "archive/diff", "archive_copy": "archive/replace"}


def source(module: str) -> str:
    return f"portscraper/{PATHS.get(module, module)}.py"


def test_files(module: str) -> list[str]:
    """The module's test files where they are now: tests/test_x.py is found in the folder of
    its side (tests/runs/test_x.py …); a file that exists nowhere is left out."""
    found = []
    for name in MODULES[module]:
        found += sorted(str(p.relative_to(ROOT)) for p in ROOT.glob(f"tests/**/{Path(name).name}"))
    return found

# Modules with caches (urls.canonical_url, search's folding, compression's compressors, the
# extractor's word lists): their mutants run in processes forked from one that only collected
# the tests, so a mutant inside a cached function is run, not answered from a cache the clean
# run filled. The others are forked from mutmut's own process, several times faster.
CACHED = {"urls", "search", "compression"}
FORKSERVER = 'process_isolation = "forkserver"\nforkserver_warmup = "collect"'

PYPROJECT = """[tool.mutmut]
source_paths = ["portscraper/"]
only_mutate = ["{source}"]
pytest_add_cli_args = ["-p", "no:cacheprovider", "-q", "-x", "-k", "not fuzz"]
pytest_add_cli_args_test_selection = {tests}
use_git_change_detection = false
also_copy = ["archive/", "scrapy.cfg"]
{isolation}

[tool.pytest.ini_options]
testpaths = ["tests"]
"""


def prepare(module: str, fresh: bool = True) -> Path:
    target = SCRATCH / module.replace("/", ".")
    if fresh:  # mutmut keeps results in mutants/: a run after a change starts from scratch
        shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True, exist_ok=True)
    for folder in ("portscraper", "tests", "archive"):
        shutil.rmtree(target / folder, ignore_errors=True)
        shutil.copytree(ROOT / folder, target / folder, ignore=shutil.ignore_patterns(
            "__pycache__", "*.db", "*.db-*", "logs"))
    tests = test_files(module)
    (target / "pyproject.toml").write_text(PYPROJECT.format(
        source=source(module), tests="[" + ", ".join(f'"{t}"' for t in tests) + "]",
        isolation=FORKSERVER if module in CACHED or module.startswith("extract/") else ""))
    shutil.copy(ROOT / "scrapy.cfg", target / "scrapy.cfg")
    # tests/test_real_pages.py reads ../shared/real-pages beside the checkout, when it is there.
    shared = ROOT.parent / "shared"
    if shared.is_dir() and not (target / "shared").exists():
        (target / "shared").symlink_to(shared)
    return target


_SQL_WORDS = re.compile(r"\b(select|insert|update|delete|pragma|create|alter|from|where|values|"
                        r"join|order by|group by|and|or|is null|excluded|coalesce|set)\b|"
                        r"^\s*\"[a-z_0-9]+(, [a-z_0-9]+)+\)? ?\"", re.IGNORECASE)


# Modules whose strings include SQL, and those where quoted snake_case names are SQL's names.
SQL_MODULES = {"archive", "schema", "search", "datasette_search", "datasette_snapshots",
               "datasette_facets", "datasette_results", "datasette_article", "datasette_front"}
SQL_NAME_MODULES = {"archive", "schema"}


def classify(diff: str, module: str) -> str:
    """A kind of mutant that is equivalent, or "" for the rest, judged by hand: "sql-case" only
    changes the letter case of SQL text (SQLite's keywords and names are case-insensitive);
    "identifier-case" the case of a quoted snake_case name that is a SQL column or table name
    (archive.py, schema.py); "codec-case" a codec name; "codec-default" "utf-8" left out of a
    decode; "falsy-default" False for None or a zip() strictness over sequences of equal
    length."""
    removed = [line[1:] for line in diff.splitlines() if line.startswith("-") and
               not line.startswith("---")]
    added = [line[1:] for line in diff.splitlines() if line.startswith("+") and
             not line.startswith("+++")]
    if not removed or len(removed) != len(added):
        return ""
    pairs = list(zip(removed, added, strict=True))
    if module in SQL_MODULES and all(
            r != a and r.lower() == a.lower() and _SQL_WORDS.search(r) for r, a in pairs):
        return "sql-case"
    if module in SQL_NAME_MODULES and all(
            r != a and re.sub(r'"[A-Z_0-9]+"', lambda m: m.group().lower(), a) == r
            for r, a in pairs):
        return "identifier-case"  # a column or table name: SQLite ignores its case
    if all(r.replace('"utf-8"', '"UTF-8"') == a or r.replace('"latin-1"', '"LATIN-1"') == a
           for r, a in pairs):
        return "codec-case"  # Python's codec names are case-insensitive
    if all(r.replace('.decode("utf-8", ', ".decode(") == a for r, a in pairs):
        return "codec-default"  # UTF-8 is what bytes.decode() reads by default
    if all(r.replace("=False", "=None") == a
           or a in (re.sub(r",? ?strict=(True|False)", "", r),
                    re.sub(r"strict=(True|False)", "", r))
           or r.replace("strict=True", "strict=False") == a
           or r.replace("strict=True", "strict=None") == a for r, a in pairs):
        return "falsy-default"  # None for False, zip() of equal lengths without strict
    return ""


def run(module: str, children: int, fresh: bool = True) -> int:
    target = prepare(module, fresh)
    mutmut = [str(Path(sys.executable).with_name("mutmut"))]
    env = {**os.environ, "PYTHONPATH": str(target)}
    with open(target / "run.log", "w") as log:  # mutmut's progress display, kept out of sight
        subprocess.run(mutmut + ["run", "--max-children", str(children)], cwd=target, env=env,
                       stdout=log, stderr=subprocess.STDOUT)
    results = subprocess.run(mutmut + ["results", "--all", "true"], cwd=target, env=env,
                             capture_output=True, text=True).stdout
    counts: dict[str, int] = {}
    for line in results.splitlines():
        match = re.match(r"\s*(\S+): (.+)$", line)
        if match:
            counts[match.group(2)] = counts.get(match.group(2), 0) + 1
    killed = counts.get("killed", 0)
    scored = sum(n for status, n in counts.items()
                 if status in ("killed", "survived", "timeout", "suspicious"))
    lines = [f"module {source(module)}, tests: {' '.join(test_files(module))}",
             f"mutants: {counts}",
             f"score: {killed + counts.get('timeout', 0)}/{scored}" if scored else "no mutants"]
    for line in results.splitlines():
        match = re.match(r"\s*(\S+): survived$", line)
        if match:
            diff = subprocess.run(mutmut + ["show", match.group(1)], cwd=target, env=env,
                                  capture_output=True, text=True).stdout
            kind = classify(diff, module)
            lines += ["", f"SURVIVED {match.group(1)}" + (f"  [{kind}]" if kind else ""),
                      diff.strip()]
    report = "\n".join(lines) + "\n"
    (target / "report.txt").write_text(report)
    print(report)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("modules", nargs="*")
    parser.add_argument("--list", action="store_true")
    parser.add_argument("--children", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--resume", action="store_true",
                        help="keep mutmut's results of the last run (after no change)")
    args = parser.parse_args(argv)
    if args.list or not args.modules:
        for module in MODULES:
            print(f"{module:24} {source(module):36} {' '.join(test_files(module))}")
        return 0
    for module in args.modules:
        if module not in MODULES:
            parser.error(f"unknown module {module!r} (see --list)")
        run(module, args.children, fresh=not args.resume)
    return 0


if __name__ == "__main__":
    sys.exit(main())
