"""The changes page and feed (the canned query `changes`) as a reader reads them: what changed
(a revision, a take-down, a return), the difference, and the archived copy.

- `diff_text(before_title, after_title, before_body, after_body)` (SQL:
  portscraper_diff_text): the difference as plain text for the Atom feed, a line per changed
  paragraph: "− old" and "+ new" (difflib over paragraphs, unchanged ones left out).
- `await revision_diffs(datasette, database, ids)` -> {revision id: archive.diff.compare(before,
  after)}: each revision against the version that replaced it (the next revision of the same
  article, else the current row), for the page (archive/templates/query.html).
- KINDS: the query's `change` values in words.
"""

from __future__ import annotations

from difflib import SequenceMatcher

from portscraper.archive.diff import compare

KINDS = {"revision": "Revised", "take-down": "Taken down", "return": "Back on the site"}
MAX_LINES = 12  # a feed entry shows at most this many changed lines, then how many more

_VERSIONS_SQL = """
select v.id as revision_id, v.title as before_title, v.published as before_published,
  v.byline as before_byline, v.body as before_body, v.section as before_section,
  coalesce(n.title, a.title) as after_title, coalesce(n.published, a.published) as
  after_published, coalesce(n.byline, a.byline) as after_byline,
  coalesce(n.body, a.body) as after_body, coalesce(n.section, a.section) as after_section
from revisions v join articles a on a.id = v.article_id
left join revisions n on n.id = (select min(id) from revisions
                                 where article_id = v.article_id and id > v.id)
where v.id in ({ids})
"""


def _text(value) -> str:
    if value is None:
        return ""
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)


def diff_text(before_title, after_title, before_body, after_body) -> str:
    lines = []
    if _text(before_title) != _text(after_title):
        lines += [f"− {_text(before_title)}", f"+ {_text(after_title)}"]
    before = [p for p in _text(before_body).split("\n") if p.strip()]
    after = [p for p in _text(after_body).split("\n") if p.strip()]
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, before, after,
                                                autojunk=False).get_opcodes():
        if tag != "equal":
            lines += [f"− {p}" for p in before[i1:i2]] + [f"+ {p}" for p in after[j1:j2]]
    if not lines:
        return "No change in the text (another snapshot, or other fields)."
    shown = lines[:MAX_LINES]
    if len(lines) > MAX_LINES:
        shown.append(f"… and {len(lines) - MAX_LINES} more changed lines")
    return "\n".join(shown)


async def revision_diffs(datasette, database: str, ids: list[int]) -> dict[int, list]:
    ids = [i for i in ids if isinstance(i, int)][:200]
    if not ids:
        return {}
    db = datasette.get_database(database)
    rows = (await db.execute(_VERSIONS_SQL.format(ids=",".join(map(str, ids))))).rows
    found = {}
    for row in rows:
        before = {k[len("before_"):]: row[k] for k in row.keys() if k.startswith("before_")}
        after = {k[len("after_"):]: row[k] for k in row.keys() if k.startswith("after_")}
        found[row["revision_id"]] = compare(before, after)
    return found
