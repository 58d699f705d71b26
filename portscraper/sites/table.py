"""`portscraper sites`: the registry as a reader needs it, one block per group.

    zhanjiang  湛江港（集团）股份有限公司 · Zhanjiang Port (Group) Co., Ltd.
      home     http://www.zjport.com/  UNVERIFIED: general knowledge of the group's ...
      archive  archive/zhanjiang.db (none yet) · zh · every 1d · due now

and once it ran, its latest run's verdict and start (one not `ok` makes it due now):

      archive  archive/zhanjiang.db (last run ok 2026-04-01 06:17 UTC) · zh · every 1d ·
               next due 2026-04-02 03:53 UTC

No Scrapy here: plain text from the registry and each archive's crawls table.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from portscraper.runs.all_groups import when as _when
from portscraper.sites.registry import Group, last_verdict, next_due


def group_lines(group: Group, archive_dir: str) -> list[str]:
    archive = group.archive_path(archive_dir)
    checked = "verified" if group.verified else "UNVERIFIED"
    lines = [f"{group.name}  {group.name_zh} · {group.name_en}"]
    for i, home in enumerate(group.home):
        note = f"{checked}: {group.source}" if i == 0 else ""
        lines.append(f"  home     {home}  {note}".rstrip())
    if group.former:
        lines.append(f"  former   {', '.join(group.former)}")
    if group.sections:
        lines.append(f"  sections {', '.join(group.sections)} (beyond NEWS_SECTIONS)")
    if group.article_id_params:
        lines.append(f"  id       {', '.join(group.article_id_params)}")
    # The latest run, whatever its verdict (one not ok makes the group due now).
    latest, due = last_verdict(archive), next_due(group, archive)
    state = f"last run {latest[0]} {_when(latest[1])}" if latest else (
        "no run yet" if archive.exists() else "none yet")
    now = datetime.now(UTC)
    when = "due now" if due is None or due <= now else f"next due {_when(due)}"
    lines.append(f"  archive  {archive} ({state}) · {group.language} · every {group.every} · "
                 f"{when}")
    if group.notes:
        lines.append(f"  notes    {group.notes}")
    return lines


def sites_lines(registry: dict[str, Group], settings) -> list[str]:
    archive_dir = settings.get("ARCHIVE_DIR") or "archive"
    unverified = sum(1 for g in registry.values() if not g.verified)
    lines = [f"{len(registry)} groups in the registry "
             f"({settings.get('REGISTRY') or Path(__file__).parent / 'groups'}); "
             f"{unverified} with an address nobody here could check (UNVERIFIED)", ""]
    for group in registry.values():
        lines += [*group_lines(group, archive_dir), ""]
    return lines[:-1]
