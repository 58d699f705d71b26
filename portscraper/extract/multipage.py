"""An article split over several pages (第1页 2 3 下一页 inside the article), made one article.

    join_pages([fields of page 1, fields of page 2, ...]) -> fields of the article

Each page is read by `article_fields` on its own; navigation.article_pages says where the next
page is. The article is what a reader of all its pages has read: the first page's header, every
page's body in order. No Scrapy here.
"""

from __future__ import annotations

from lxml import html as lxml_html

from .controls import control_label
from .pagination import is_pager_label, is_pager_text
from .text import clean_line, detect_language

# Fields that hold a list of {"url": ...}: every page's, each URL once.
_LIST_FIELDS = ("images", "attachments")


def join_pages(parts: list[dict]) -> dict:
    """One article from the fields of its pages, in page order.

    - title, kicker, subtitle, date, section, breadcrumb: the first page's (each page repeats
      them);
    - body and body_html: every page's, in order, without the pager lines (第1页 2 3 下一页,
      page numbers as images) the body of a page may have taken in, and without a page that
      only repeats an earlier page's body;
    - images, attachments: every page's, each once (not a pager's images);
    - credits: every page's, roles in the order met (the credits usually close the last page);
      byline: the first page's, else the first a later page gives;
    - language: of the whole text.
    """
    first = dict(parts[0])
    bodies: list[str] = []
    htmls: list[str] = []
    pager_images: set[str] = set()
    for part in parts:
        body = "\n".join(line for line in part["body"].split("\n") if not is_pager_text(line))
        if body in bodies:
            continue
        bodies.append(body)
        html, images = _without_pager(part.get("body_html", ""))
        htmls.append(html)
        pager_images |= images
    first["body"] = "\n".join(b for b in bodies if b)
    first["body_html"] = "\n".join(h for h in htmls if h)
    for name in _LIST_FIELDS:
        seen: set[str] = set(pager_images)
        first[name] = [item for part in parts for item in part.get(name, [])
                       if not (item["url"] in seen or seen.add(item["url"]))]
    credits: dict[str, list[str]] = {}
    for part in parts:
        for role, names in part.get("credits", {}).items():
            credits.setdefault(role, list(names))
    first["credits"] = credits
    first["byline"] = next((p["byline"] for p in parts if p.get("byline")), "")
    first["language"] = detect_language(first["title"] + "\n" + first["body"])
    return first


# Elements of body_html that a pager line may be.
_BLOCKS = ("p", "div", "center", "td", "li", "span", "font", "table", "tr")


def _without_pager(html: str) -> tuple[str, set[str]]:
    """A page's body_html without its pager lines, and the images those showed."""
    if not html.strip():
        return html, set()
    chunks, images = [], set()
    for el in lxml_html.fragments_fromstring(html):
        if isinstance(el, str):  # text before the first element
            chunks.append(el)
            continue
        pagers = [e for e in el.iter(*_BLOCKS) if _is_pager(e)]
        if _is_pager(el):
            pagers = [el]
        for pager in pagers:
            images |= {img.get("src") for img in pager.iter("img")}
        if el in pagers:
            continue
        for pager in pagers:
            pager.drop_tree()
        chunks.append(lxml_html.tostring(el, encoding="unicode", with_tail=False))
    return "\n".join(chunks), images


def _is_pager(el) -> bool:
    links = list(el.iter("a"))
    silent = [control_label(a) for a in links if not clean_line(a.text_content())]
    return is_pager_text(" ".join([clean_line(el.text_content()), *silent]).strip(),
                         linked=any(is_pager_label(control_label(a)) for a in links))
