"""The front page of the reading room (Datasette's index page, archive/templates/index.html): a
search box, the latest press releases by publication date, each archive's articles counted by
section and year, and its last run's verdict with its date.

`front_page(datasette, request)` is awaited by the plugin's extra_template_vars for the index
page and read there as `portscraper_front`:

    {"archives": [{name, group: groups.group_of(...), total, sections: [{value, count, url}],
                   years: [...], verdict: {health, at, new, updated, failures, url} | None,
                   search}]   (archives that hold articles, by the group's English name),
     "empty": [the same, for archives that hold none yet: a line each with the last verdict],
     "latest": [{database, id, url, published, title, section, byline, site, group}],
     "search": {action, name}}   (one archive: its table's search; several: /-/search)

Only archives the visitor may read are shown. Every value is text, autoescaped by the template.
"""

from __future__ import annotations

import asyncio
from urllib.parse import urlencode

from portscraper.room import across as datasette_across
from portscraper.room.article import readable_date, readable_time
from portscraper.room.charts import timeline
from portscraper.room.groups import group_of, site_label

LATEST = 12
# The newest first by publication day, then the latest archived (search_key is the day, then
# the id: an index of articles leads with it, so this reads 12 entries, not the table).
LATEST_SQL = ("select id, published, title, section, byline, site from articles "
              "where removed_at is null order by search_key desc limit :n")
SECTIONS_SQL = ("select section as value, count(*) as count from articles "
                "group by section order by count desc, section")
SITE_SQL = "select site from articles where site is not null limit 1"
# The timeline (charts.timeline): press releases per month published, and the months of the
# articles taken down and revised (idx_articles_published covers the first).
# One pass for both: the months of dated articles, and the years (an article dated "2024" only
# counts in its year).
MONTHS_SQL = ("select substr(published, 1, 7) as m, count(*) as n from articles "
              "where published glob '[0-9][0-9][0-9][0-9]*' group by m")
# From removals (a few rows), not a scan of articles: each article taken down and not back.
REMOVED_SQL = ("select substr(a.published, 1, 7) as m, count(distinct r.article_id) as n "
               "from removals r join articles a on a.id = r.article_id "
               "where r.removed_at is not null and r.restored_at is null group by m")
REVISED_SQL = ("select substr(a.published, 1, 7) as m, count(distinct v.article_id) as n "
               "from revisions v join articles a on a.id = v.article_id group by m")
VERDICT_SQL = ("select id, health, started_at, finished_at, articles_new, articles_updated, "
               "failures from crawls order by id desc limit 1")


async def _readable(datasette, request, name: str) -> bool:
    actor = request.actor if request is not None else None
    return await datasette.permission_allowed(
        actor, "view-table", (name, "articles"), default=True) and \
        await datasette.permission_allowed(actor, "view-database", name, default=True)


async def archive_panel(datasette, name: str) -> dict:
    """One archive's counts and verdict."""
    db = datasette.databases[name]
    table = datasette.urls.table(name, "articles")

    def choices(rows, key: str) -> list[dict]:
        return [{"value": row["value"] if row["value"] not in (None, "") else "(none)",
                 "count": row["count"],
                 "url": f"{table}?{urlencode({key: row['value']})}" if row["value"] else
                 f"{table}?{urlencode({f'{key}__isnull': 1})}"}
                for row in rows]

    has_crawls, has_revisions, has_removals = [
        await db.table_exists(t) for t in ("crawls", "revisions", "removals")]
    # At once, on Datasette's threads: the panel's queries read different indexes.
    answers = await asyncio.gather(
        db.execute(SECTIONS_SQL), db.execute(MONTHS_SQL), db.execute(SITE_SQL),
        *(db.execute(sql) for sql, present in ((VERDICT_SQL, has_crawls),
                                               (REVISED_SQL, has_revisions),
                                               (REMOVED_SQL, has_removals)) if present))
    sections = choices(answers[0].rows, "section")
    by_month = {r["m"]: r["n"] for r in answers[1].rows}
    year_counts: dict[str, int] = {}
    for m, n in by_month.items():
        year_counts[m[:4]] = year_counts.get(m[:4], 0) + n
    years = [{"value": y, "count": n,
              "url": f"{table}?{urlencode({'published__startswith': y})}"}
             for y, n in sorted(year_counts.items(), reverse=True)]
    months = {m: n for m, n in by_month.items() if len(m) == 7 and m[4] == "-"}
    site = answers[2].first()
    rest = iter(answers[3:])
    verdict = None
    row = next(rest).first() if has_crawls else None
    if row:
        # No verdict: a run still going or killed outright (no finished_at), or one that
        # ended before verdicts were recorded.
        health = row["health"] or ("no verdict" if row["finished_at"] else "unfinished")
        verdict = {"health": health, "id": row["id"],
                   "at": readable_time(row["finished_at"] or row["started_at"]),
                   "new": row["articles_new"], "updated": row["articles_updated"],
                   "failures": row["failures"],
                   "url": datasette.urls.database(name) + "/last_crawl"}
    revised = {r["m"]: r["n"] for r in next(rest).rows} if has_revisions else {}
    removed = {r["m"]: r["n"] for r in next(rest).rows} if has_removals else {}
    return {"name": name, "group": group_of(datasette, name, site[0] if site else None),
            "total": sum(s["count"] for s in sections), "sections": sections,
            "months": months, "removed": removed, "revised": revised,
            "years": years, "verdict": verdict, "search": table,
            "latest_url": datasette.urls.database(name) + "/latest"}


async def front_page(datasette, request=None, names: list[str] | None = None) -> dict:
    """What the front page shows (see the module's docstring): of every archive served, or of
    those named (the page of one archive)."""
    names = [name for name in await datasette_across.archives(datasette)
             if (names is None or name in names) and await _readable(datasette, request, name)]
    panels, latest = [], []
    for name in names:
        panels.append(await archive_panel(datasette, name))
        rows = await datasette.databases[name].execute(LATEST_SQL, {"n": LATEST})
        latest += [{**dict(row), "database": name, "group": site_label(datasette, row["site"]),
                    "date": readable_date(row["published"]),
                    "url": datasette.urls.row(name, "articles", str(row["id"]))}
                   for row in rows.rows]
    latest.sort(key=lambda r: (str(r["published"] or ""), r["id"]), reverse=True)
    # One panel per group that has articles, by its name; a group with none yet (a site not
    # reached, a first run still going) is a line under them with its last verdict.
    panels.sort(key=lambda p: (p["group"]["name_en"] or p["group"]["label"]).lower())
    empty = [p for p in panels if not p["total"]]
    panels = [p for p in panels if p["total"]]
    if len(names) == 1:
        search = {"action": datasette.urls.table(names[0], "articles"), "name": "_search"}
    else:
        search = {"action": datasette.urls.path("/-/search"), "name": "q"}
    chart = timeline([{"label": p["group"]["name_zh"] or p["group"]["label"],
                       "url": datasette.urls.database(p["name"]), "months": p["months"],
                       "removed": p["removed"], "revised": p["revised"]} for p in panels])
    return {"archives": panels, "empty": empty, "latest": latest[:LATEST], "search": search,
            "timeline": chart}
