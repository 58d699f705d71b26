"""What changed between two versions of an article, side by side (difflib, no Datasette).

A version is a mapping of the article's fields (title, published, byline, credits, body, …).
Each changed field becomes rows of (before, after): the body paragraph by paragraph, a changed
paragraph with the changed characters in `<del>` (before) and `<ins>` (after). Everything
returned is Markup whose only tags are those: the fields' own text is escaped, so a version
holding markup or a script shows it as text.
"""

from __future__ import annotations

import json
from difflib import SequenceMatcher

from markupsafe import Markup, escape

# The fields compared, in the order shown, with their labels.
FIELDS = (("title", "Title"), ("kicker", "Kicker"), ("subtitle", "Subtitle"),
          ("published", "Date"), ("section", "Section"), ("byline", "Byline"),
          ("credits", "Credits"), ("body", "Body"))
# Fields that revisions of older archives did not record: an empty one there is unknown, not
# a change.
RECORDED_LATER = {"section"}
# Unchanged paragraphs around changes: runs longer than this are folded to a count.
CONTEXT = 1
SIMILAR = 0.4


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    return value if isinstance(value, str) else str(value)


def credits_text(value) -> str:
    """Credits as a reader writes them (通讯员：吴超；编辑：李明); a cell of another shape as its
    text."""
    text = _text(value)
    try:
        credits = json.loads(text) if text else {}
    except ValueError:
        return text
    if not isinstance(credits, dict):
        return text
    return "；".join(f"{role}：{' '.join(map(str, names)) if isinstance(names, list) else names}"
                    for role, names in credits.items())


def field_text(version, name: str) -> str:
    value = version.get(name) if hasattr(version, "get") else None
    return credits_text(value) if name == "credits" else _text(value)


def inline(before: str, after: str) -> tuple[Markup, Markup]:
    """Two texts with what differs marked: removed characters in <del>, added in <ins>. Texts
    that share less than SIMILAR of their characters are marked whole (a rewritten line reads
    better as itself than as scattered pieces)."""
    matcher = SequenceMatcher(None, before, after, autojunk=False)
    if matcher.ratio() < SIMILAR:
        return (Markup("<del>{}</del>").format(before) if before else Markup(""),
                Markup("<ins>{}</ins>").format(after) if after else Markup(""))
    old, new = [], []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            old.append(escape(before[i1:i2]))
            new.append(escape(after[j1:j2]))
            continue
        if i2 > i1:
            old.append(Markup("<del>{}</del>").format(before[i1:i2]))
        if j2 > j1:
            new.append(Markup("<ins>{}</ins>").format(after[j1:j2]))
    return Markup("").join(old), Markup("").join(new)


def paragraph_rows(before: str, after: str) -> list[dict]:
    """The body's paragraphs side by side: rows {kind, before, after}, kind one of same,
    changed, removed, added, folded (before holds how many unchanged paragraphs were folded)."""
    old = [p for p in before.split("\n") if p.strip()]
    new = [p for p in after.split("\n") if p.strip()]
    rows: list[dict] = []
    opcodes = SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
    for n, (op, i1, i2, j1, j2) in enumerate(opcodes):
        if op == "equal":
            same = [{"kind": "same", "before": escape(p), "after": escape(p)}
                    for p in old[i1:i2]]
            head = same[:CONTEXT] if n else []
            tail = same[-CONTEXT:] if n < len(opcodes) - 1 else []
            if len(same) > len(head) + len(tail):
                folded = len(same) - len(head) - len(tail)
                rows += head + [{"kind": "folded", "before": folded, "after": folded}] + tail
            else:
                rows += same
            continue
        pairs = min(i2 - i1, j2 - j1) if op == "replace" else 0
        for k in range(pairs):
            marked_old, marked_new = inline(old[i1 + k], new[j1 + k])
            rows.append({"kind": "changed", "before": marked_old, "after": marked_new})
        rows += [{"kind": "removed", "before": escape(p), "after": Markup("")}
                 for p in old[i1 + pairs:i2]]
        rows += [{"kind": "added", "before": Markup(""), "after": escape(p)}
                 for p in new[j1 + pairs:j2]]
    return rows


def compare(before, after) -> list[dict]:
    """The fields that differ between two versions: [{field, label, rows}], rows as
    paragraph_rows gives them (one row for a field other than the body)."""
    changes = []
    for name, label in FIELDS:
        if name in RECORDED_LATER and before.get(name) is None:
            continue
        old, new = field_text(before, name), field_text(after, name)
        if old == new:
            continue
        if name == "body":
            rows = paragraph_rows(old, new)
        else:
            marked_old, marked_new = inline(old, new)
            rows = [{"kind": "changed", "before": marked_old, "after": marked_new}]
        changes.append({"field": name, "label": label, "rows": rows})
    return changes
