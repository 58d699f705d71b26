"""A crawl's row of `crawls` as a run report a reader follows (the canned query last_crawl,
archive/templates/query.html): the verdict and when, what the run did in sentences, its
problems in words, the share of articles with each field and each list's completeness.

`run_report(record, label)` takes the query's row as a dict (crawls.* with failures_recorded
and failures_by_reason) and a function that names a group by its short name (groups.site_label)
and returns

    {"verdict", "ended" (readable UTC), "took" ("4.5 s", "2 min 10 s"), "mode", "site",
     "base_url", "figures": [sentence, ...], "problems": [sentence, ...] (health_report's,
     the run's own words), "coverage": [{field, share "100%", minimum "95%", short: bool}],
     "completeness": [{section, claimed, held, gap, unexplained}], "raw": health_report as
     given when it is not JSON}

Values are text for the template to escape. A value of unexpected shape is shown as its text.
"""

from __future__ import annotations

import json

from portscraper.room.article import readable_time


def _n(value) -> int:
    try:
        return int(value or 0)
    except (TypeError, ValueError):
        return 0


def _plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n:,} {one if n == 1 else (many or one + 's')}"


def _took(seconds) -> str:
    try:
        seconds = float(seconds)
    except (TypeError, ValueError):
        return ""
    if seconds < 60:
        return f"{seconds:.1f} s"
    minutes, rest = divmod(round(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes} min" if hours else f"{minutes} min {rest} s"


def _json(value):
    if isinstance(value, dict):
        return value
    try:
        found = json.loads(value) if isinstance(value, str | bytes) else None
    except ValueError:
        return None
    return found if isinstance(found, dict) else None


def run_report(record: dict, label=str) -> dict:
    report = _json(record.get("health_report")) or {}
    arguments = _json(record.get("arguments")) or {}
    new, updated = _n(record.get("articles_new")), _n(record.get("articles_updated"))
    unchanged, merged = _n(record.get("articles_unchanged")), _n(record.get("articles_merged"))
    removed, suspected = _n(record.get("articles_removed")), _n(record.get("articles_suspected"))
    failures = _n(record.get("failures_recorded", record.get("failures")))
    figures = [] if record.get("requests") is None else [
        f"It asked for {_plural(_n(record.get('requests')), 'page')} and received "
        f"{_n(record.get('pages_fetched')):,}."]
    figures.append(f"Articles: {new:,} new, {updated:,} changed since the last run, "
                   f"{unchanged:,} unchanged, {merged:,} found again at another address.")
    if removed or suspected:
        figures.append(f"{_plural(removed, 'article')} marked removed from the site; "
                       f"{suspected:,} more no longer answered once (a second run decides).")
    if record.get("requisites_stored") is not None:
        stored = _plural(_n(record.get("requisites_stored")), "image or file",
                         "images and files")
        figures.append(f"{stored} of the articles stored.")
    by_reason = record.get("failures_by_reason") or ""
    figures.append(f"{_plural(failures, 'failure')}"
                   + (f" ({by_reason})." if failures and by_reason else ".")
                   + (f" {_n(report.get('pages_lost'))} of them pages lost."
                      if _n(report.get("pages_lost")) else ""))
    coverage = []
    for field, numbers in (report.get("coverage") or {}).items():
        if isinstance(numbers, dict):
            share, minimum = numbers.get("share"), numbers.get("minimum")
            if isinstance(share, int | float):
                coverage.append({
                    "field": str(field), "share": f"{share:.0%}",
                    "minimum": f"{minimum:.0%}" if isinstance(minimum, int | float) else "",
                    "short": isinstance(minimum, int | float) and share < minimum})
    completeness = []
    for section, numbers in (report.get("completeness") or {}).items():
        if isinstance(numbers, dict):
            completeness.append({"section": str(section),
                                 **{k: numbers.get(k) for k in
                                    ("claimed", "held", "gap", "unexplained")}})
    problems = [str(p) for p in report.get("problems") or [] if str(p).strip()]
    return {
        "verdict": str(record.get("verdict") or record.get("health") or "no verdict"),
        "ended": readable_time(record.get("finished_at") or record.get("at")),
        "started": readable_time(record.get("started_at")),
        "took": _took(record.get("seconds")), "mode": str(record.get("mode") or ""),
        "site": label(str(arguments.get("site") or record.get("spider") or "")),
        "base_url": str(arguments.get("base_url") or ""),
        "finish_reason": str(record.get("finish_reason") or ""),
        "figures": figures, "problems": problems, "checked": bool(report), "coverage": coverage,
        "completeness": completeness,
        "raw": "" if report or not record.get("health_report") else
        str(record.get("health_report")),
    }
