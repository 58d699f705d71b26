"""A run's verdict, its exit code and its summary line: the same for `portscraper crawl` and
`scrapy crawl maoming`. No Scrapy here: plain functions over the crawl's stats (a dict).

The verdict is the first word of the summary line, stored in `crawls.health`:

- ok           the run finished, nothing was lost, the articles look read;
- degraded     the run finished, but pages were lost (each is a `failures` row: the next run
               asks for it again); the line gives how many pages, not requests; or a list
               counts articles the archive does not hold and nothing explains (completeness);
- failed       the articles no longer look read (fields missing: a redesign), no news section
               was found, more pages were lost than HEALTH_MAX_FAILURE_RATE allows, or a
               page could not be stored because its processing raised an exception (a
               `failures` row of kind `error`: a defect, not a passing fault);
- interrupted  the run did not finish by itself: Ctrl-C, SIGTERM, a CLOSESPIDER_* limit, an
               archive that could no longer be written (a full disk);
- unreachable  the home page (or the start page) could not be had.

When several hold, the first of unreachable, interrupted, failed, degraded wins.
"""

from __future__ import annotations

import json

EXIT_OK = 0
EXIT_UNREACHABLE = 1    # the site could not be reached
EXIT_USAGE = 2          # bad arguments or settings, an archive that cannot be used: nothing ran
EXIT_FAILED = 3         # the health check failed
EXIT_LOCKED = 4         # another run holds the archive's lock (portscraper crawl only)
EXIT_DEGRADED = 5       # pages were lost
EXIT_INTERRUPTED = 6    # the run did not finish by itself

EXIT_CODES = {"ok": EXIT_OK, "unreachable": EXIT_UNREACHABLE, "failed": EXIT_FAILED,
              "degraded": EXIT_DEGRADED, "interrupted": EXIT_INTERRUPTED}
VERDICTS = tuple(EXIT_CODES)


def choose(unreachable: bool, finished: bool, failed: bool, pages_lost: int,
           incomplete: bool = False) -> str:
    """The verdict, in order of precedence (see the module's docstring). incomplete: a list
    counts more articles than the archive holds, unexplained (health.py)."""
    if unreachable:
        return "unreachable"
    if not finished:
        return "interrupted"
    if failed:
        return "failed"
    return "degraded" if pages_lost or incomplete else "ok"


def verdict_of(stats: dict) -> str:
    """The run's verdict from its stats; a run that never reached its health check (a second
    Ctrl-C stops the reactor before the spider closes) was interrupted."""
    verdict = stats.get("portscraper/health")
    return verdict if verdict in EXIT_CODES else "interrupted"


def exit_code(stats: dict) -> int:
    return EXIT_CODES[verdict_of(stats)]


def summary_line(spider: str, stats: dict) -> str:
    """`ok maoming: 3 new, 1 updated, 1 removed, 0 pages lost, 15 requests, 2.1 s`, and after a
    `;` the problems found, in words. Pages robots.txt barred, when there were any, follow the
    pages lost: `0 pages lost, 2 barred by robots.txt, 15 requests`. A page that could not be
    stored (an exception while it was processed) is a page lost, and a problem of its own. A
    cap reached is one too: `; cap reached: 1 section read to 500 list pages (MAX_LIST_PAGES)`
    (stats `portscraper/cap/SETTING`: the phrase)."""
    def n(key: str) -> int:
        return stats.get(f"portscraper/{key}", 0) or 0

    report = json.loads(stats.get("portscraper/health_report") or "{}")
    problems = list(report.get("problems", []))
    verdict = verdict_of(stats)
    lost = report.get("pages_lost", 0)
    if verdict == "interrupted" and not problems:
        problems.append("the run stopped before its end; the next run continues from what "
                        "is stored")
    # A cap reached (robots.txt, list pages: the phrases of stats portscraper/cap/SETTING).
    problems += [f"cap reached: {phrase}" for key, phrase in sorted(stats.items())
                 if key.startswith("portscraper/cap/") and phrase]
    barred = report.get("barred", 0)
    return (f"{verdict} {spider}: {n('articles_new')} new, {n('articles_updated')} updated, "
            f"{n('articles_removed')} removed, {lost} page{'' if lost == 1 else 's'} lost, "
            + (f"{barred} barred by robots.txt, " if barred else "") +
            f"{stats.get('downloader/request_count', 0)} requests, "
            f"{stats.get('elapsed_time_seconds', 0) or 0:.1f} s"
            + (f"; {'; '.join(problems)}" if problems else ""))


# `portscraper crawl --all`: one exit code for many groups, that of the group that fared worst,
# in this order (a group whose archive cannot be used first, then the verdicts' own order; a
# group skipped because another run holds its archive only just before ok).
WORST_FIRST = (EXIT_USAGE, EXIT_UNREACHABLE, EXIT_INTERRUPTED, EXIT_FAILED, EXIT_DEGRADED,
               EXIT_LOCKED, EXIT_OK)


def worst_exit_code(codes) -> int:
    """The exit code of several groups' runs: the first of WORST_FIRST that any of them had (a
    code that is none of these, a crashed run, counts as failed)."""
    known = {code if code in WORST_FIRST else EXIT_FAILED for code in codes}
    return next((code for code in WORST_FIRST if code in known), EXIT_OK)
