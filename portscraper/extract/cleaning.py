"""The article's own HTML, cleaned: no scripts, no handlers, no styles, absolute links.

Archived HTML is shown to users later (Datasette), so nothing that runs may survive.
"""

from __future__ import annotations

import copy
from html import escape
from urllib.parse import urljoin

from lxml import html as lxml_html

from .lines import SKIP_TAGS, Line

_KEEP_ATTRS = frozenset(("href", "src", "alt", "title", "colspan", "rowspan"))


def clean_element(el, base_url: str):
    el = copy.deepcopy(el)
    el.tail = None
    for bad in [e for e in el.iter() if isinstance(e.tag, str) and e.tag in SKIP_TAGS]:
        bad.drop_tree()
    for node in el.iter():
        if not isinstance(node.tag, str):
            continue
        for attr in list(node.attrib):
            if attr not in _KEEP_ATTRS:
                del node.attrib[attr]
        for attr in ("href", "src"):
            value = (node.get(attr) or "").strip()
            if not value:
                continue
            if value.lower().startswith(("javascript:", "vbscript:", "data:")):
                del node.attrib[attr]
            else:
                node.set(attr, urljoin(base_url, value))
    return el


def body_html(body_lines: list[Line], kept: dict[int, str], base_url: str) -> str:
    """Serialize the body: whole elements where an element holds only kept body lines, else the
    kept lines themselves as <p> (a table cell that also holds the title, lines split by <br>)."""
    chunks: list[str] = []
    done: set[int] = set()
    by_element: dict[int, list[Line]] = {}  # the body's lines of each element, grouped once
    for line in body_lines:
        by_element.setdefault(id(line.element), []).append(line)
    for line in body_lines:
        el = line.element
        if id(el) in done or (line.index not in kept and not line.images):
            continue
        members = by_element[id(el)]
        if el.tag not in ("td", "body", "html") and all(
            ln.index in kept or ln.images for ln in members
        ) and _only_these(el, members):
            done.add(id(el))
            chunks.append(lxml_html.tostring(clean_element(el, base_url), encoding="unicode"))
            continue
        for img in line.images:
            chunks.append(lxml_html.tostring(clean_element(img, base_url), encoding="unicode"))
        if line.index in kept:
            chunks.append(f"<p>{escape(kept[line.index])}</p>")
    return "\n".join(chunks)


def _only_these(el, members: list[Line]) -> bool:
    """True when all of the element's text is in these lines (no title or date inside it)."""
    inside = "".join("".join(el.itertext()).split())
    return len("".join("".join(ln.text.split()) for ln in members)) >= len(inside)
