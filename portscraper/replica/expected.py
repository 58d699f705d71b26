"""What the spider and the extractor should produce from the replica (the tests' answer key).

Field by field this follows portscraper/crawl/items.py. For Traditional pages each field is
converted
the way it stands in the converted page: render.py converts the whole page, and opencc converts
by phrases, so a label printed with spaces inside ("审   核") is converted character by character
("審核"), while the same label written solid would become "審覈".
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from urllib.parse import urljoin

from .corpus import SAFETY_MEETING_TITLE
from .data import PAGE_SIZE, Article, Site


@cache  # an OpenCC instance takes a while to load its dictionaries
def _converter(script: str) -> Callable[[str], str]:
    if script == "simplified":
        return lambda text: text
    if script == "traditional":
        import opencc

        return opencc.OpenCC("s2t").convert
    raise ValueError(f"unknown script {script!r}")


def article_url(base_url: str, article_id: int) -> str:
    """The canonical article URL (sidebars add &pid=M; the canonical form has only the id)."""
    return f"{base_url}more.asp?id={article_id}"


def breadcrumb(site: Site, art: Article) -> list[str]:
    section = site.section_named(art.section)
    return ["首页", *([section.parent] if section.parent else []), section.name]


def expected_article(site: Site, art: Article, base_url: str,
                     script: str = "simplified") -> dict:
    conv = _converter(script)

    def role(label: str) -> str:
        # Two-character labels are printed with spaces inside (see render.SiteRenderer._credits).
        padded = len(label) == 2 and art.credit_form == "block"
        return "".join(conv(ch) for ch in label) if padded else conv(label)

    return {
        "url": article_url(base_url, art.id),
        "kicker": conv(art.kicker),
        "title": conv(art.title),
        "subtitle": conv(art.subtitle),
        "published": art.published,
        "section": conv(art.section),
        "breadcrumb": [conv(crumb) for crumb in breadcrumb(site, art)],
        "byline": conv(art.byline),
        "credits": {role(r): [conv(n) for n in names] for r, names in art.credits.items()},
        # The 附件：label lines under a notice are part of its printed text.
        "body": "\n".join([conv(p).strip() for p in art.paragraphs]
                          + [conv(f"附件：{label}") for _, label in art.attachments]),
        "images": [{"url": urljoin(base_url, path), "caption": conv(caption)}
                   for path, caption in art.images],
        "attachments": [{"url": urljoin(base_url, path), "label": conv(label)}
                        for path, label in art.attachments],
        "language": "zh-Hant" if script == "traditional" else "zh-Hans",
    }


def expected_articles(site: Site, base_url: str, script: str = "simplified") -> dict[str, dict]:
    """Canonical URL -> expected fields, for every article that can be fetched (the 503-twice
    one included, the 404 one not). body_html is left out: it depends on the layout."""
    return {article_url(base_url, a.id): expected_article(site, a, base_url, script)
            for a in site.articles if a.status not in ("missing", "removed")}


def listed_ids(site: Site, pid: int) -> list[int]:
    """Ids as a section's list pages show them, newest first (the 404 one included)."""
    return [a.id for a in site.listed(pid)]


def expected_sections(site: Site) -> dict[str, list[int]]:
    """Leaf section name (Simplified) -> ids of its fetchable articles, newest first."""
    out: dict[str, list[int]] = {}
    for sec in site.sections:
        if not site.children(sec.name):
            out[sec.name] = [a.id for a in site.listed(sec.pid) if a.status != "missing"]
    return out


def list_pages(site: Site) -> dict[int, tuple[int, int]]:
    """pid -> (number of listed items, number of list pages), parents included."""
    out = {}
    for sec in site.sections:
        count = len(site.listed(sec.pid))
        out[sec.pid] = (count, max(1, -(-count // PAGE_SIZE)))
    return out


def traits(site: Site) -> dict:
    """Where the traps are: ids of the 404, 503-twice and duplicated articles, and the ids
    that share the yearly safety-meeting title."""
    return {
        "missing": [a.id for a in site.with_status("missing")],
        "flaky": [a.id for a in site.with_status("flaky")],
        "duplicates": site.duplicates(),
        "same_title": [a.id for a in site.articles if a.title == SAFETY_MEETING_TITLE],
    }
