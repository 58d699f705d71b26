"""The kinds of failure that remain on the real pages, read from the scorer's results.json.

Every article page on which an extractor got a field wrong is put under one kind per field, named
by what went wrong as a reader would say it ("date: none found; the date is only in meta tags or
scripts"), with what the extractor returned and what the label says. The kind is decided by
comparing the returned value with the label and with what the page itself shows (its visible text,
its links, its <title>, its <meta> tags), so a kind that grows or shrinks between two runs says
which reading changed. Shapes: `classify(...) -> {kind: [{"path", "returned", "expected"}]}`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from lxml import html as lxml_html

from portscraper.extract import decode_html

_WS = re.compile(r"\s+")
# A date as Chinese pages print it: 2016-11-22, 2016/11/22, 2016.11.22, 2016年11月22日.
_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
# Words of the page's machinery, never of a headline: menus, tools, sharing, the location line.
CONTROL_WORDS = ("首页", "登录", "注册", "分享", "打印", "关闭", "返回", "当前位置", "您的位置",
                 "字号", "收藏", "搜索", "导航", "客户端", "下载", "扫一扫", "微信", "微博",
                 "上一篇", "下一篇", "评论", "举报")
_HIDDEN = {"script", "style", "noscript", "template", "head"}


def squeeze(text) -> str:
    """All white space removed, as the scorer compares (full-width and no-break spaces too)."""
    return _WS.sub("", str(text or "").replace("\u3000", " ").replace("\xa0", " "))


def days(text: str) -> set[str]:
    return {f"{int(y):04d}-{int(m):02d}-{int(d):02d}" for y, m, d in _DATE.findall(text)}


@dataclass
class PageFacts:
    """What a page shows, read once: visible text, link texts, <title>, meta and script text."""

    raw: bytes

    @cached_property
    def root(self):
        text, _ = decode_html(self.raw)
        return lxml_html.document_fromstring(text or "<html></html>")

    @cached_property
    def visible(self) -> str:
        """The body's text without scripts, styles and comments (a second parse: dropping
        elements changes the tree)."""
        text, _ = decode_html(self.raw)
        body = lxml_html.document_fromstring(text or "<html></html>").find("body")
        if body is None:
            return ""
        for el in list(body.iter(*_HIDDEN)):
            el.drop_tree()  # keeps the text that follows the element
        return squeeze(body.text_content())

    @cached_property
    def link_texts(self) -> set[str]:
        return {squeeze(a.text_content()) for a in self.root.iter("a")} - {""}

    @cached_property
    def title_tag(self) -> str:
        title = self.root.find(".//title")
        return squeeze(title.text_content()) if title is not None else ""

    @cached_property
    def hidden_text(self) -> str:
        """<meta> contents and script text: where a date is when it is not printed."""
        metas = " ".join(m.get("content", "") for m in self.root.iter("meta"))
        scripts = " ".join(s.text or "" for s in self.root.iter("script"))
        return metas + " " + scripts


def title_kind(got: str, want: str, page: PageFacts) -> str:
    got, want = squeeze(got), squeeze(want)
    if not got:
        return "title: none found"
    if want in got:
        return "title: the title with more around it (a site name, a column, a kicker)"
    if got in want:
        return "title: only part of the title"
    if any(word in got for word in CONTROL_WORDS) or len(got) <= 4:
        return "title: a menu, tool or location line taken as the title"
    if got in page.link_texts:
        return "title: a link's text taken (a list, related news, the sidebar)"
    if got == page.title_tag:
        return "title: the <title> taken where the heading says otherwise"
    return "title: another line of the page taken"


def date_kind(got: str, want: str, page: PageFacts) -> str:
    want = want[:10]
    printed = want in days(page.visible)
    if not days(str(got or "")):
        if printed:
            return "date: none found, though the date is printed on the page"
        if want in days(page.hidden_text):
            return "date: none found; the date is only in meta tags or scripts, not printed"
        return "date: none found; the labelled date is nowhere on the page as a full date"
    if printed:
        return "date: another date taken; the right one is printed on the page too"
    return "date: another date taken; the right one is not printed as a full date"


def byline_kind(got: str, names: list[str], page: PageFacts) -> str:
    got = squeeze(got)
    names = [squeeze(n) for n in names]
    if not got:
        if all(n in page.visible for n in names):
            return "byline: none found, though the names are printed (a 记者/作者/编辑 line)"
        return "byline: none found; the names are not all in the page's text"
    if any(n in got for n in names):
        return "byline: some of the names missing"
    return "byline: other names or words given"


def body_kind(got: str, label: dict, score: dict) -> str:
    if not squeeze(got):
        return "body: none found"
    if not score.get("body_loose"):
        body = squeeze(got)
        first = squeeze(label.get("body_first")) in body
        last = squeeze(label.get("body_last")) in body
        if first and not last:
            return "body: ends too early (the last sentence missing)"
        if last and not first:
            return "body: starts too late (the first sentence missing)"
        return "body: another block taken (neither the first nor the last sentence)"
    if not score.get("body_start"):
        return "body: extra text before the first sentence (a date line, a summary, tools)"
    return "body: extra text after the last sentence (editor lines, sharing, related news)"


def _short(text, n: int = 40) -> str:
    text = _WS.sub(" ", str(text or "")).strip()
    return text if len(text) <= n else text[:n] + "…"


def _ends(text, n: int = 16) -> str:
    text = squeeze(text)
    return text if len(text) <= 2 * n else f"{text[:n]}…{text[-n:]}"


def classify(results: dict, labels: list[dict], pages_dir: Path,
             extractor: str = "portscraper") -> dict[str, list[dict]]:
    """Kinds of failure of one extractor over the article pages of `results` (the scorer's
    results.json), most frequent first. `labels` are labels.json's entries, `pages_dir` the
    folder their paths are relative to."""
    by_path = {label["path"]: label for label in labels}
    kinds: dict[str, list[dict]] = {}

    def add(kind: str, path: str, returned, expected) -> None:
        kinds.setdefault(kind, []).append(
            {"path": path, "returned": returned, "expected": expected})

    for row in results["pages"]:
        if not row.get("article"):
            continue
        label, res = by_path[row["path"]], row["results"][extractor]
        if "error" in res:
            add(f"crash: {res['error'].split(':')[0]}", row["path"], res["error"], "")
            continue
        score, pred = res["score"], res["pred"]
        if all(score.get(f, True) for f in ("title", "date", "byline", "body_exact")):
            continue
        page = PageFacts((pages_dir / row["path"]).read_bytes())
        if not score.get("title", True):
            add(title_kind(pred.get("title"), label["title"], page), row["path"],
                _short(pred.get("title")), label["title"])
        if not score.get("date", True):
            add(date_kind(pred.get("date"), label["published"], page), row["path"],
                pred.get("date") or "", label["published"][:10])
        if not score.get("byline", True):
            add(byline_kind(pred.get("author"), label["byline"], page), row["path"],
                _short(pred.get("author")), " ".join(label["byline"]))
        if not score.get("body_exact", True):
            add(body_kind(pred.get("body"), label, score), row["path"], _ends(pred.get("body")),
                _ends(squeeze(label.get("body_first")) + squeeze(label.get("body_last"))))
    order = ("crash", "title", "date", "byline", "body")
    return dict(sorted(kinds.items(),
                       key=lambda kv: (order.index(kv[0].split(":")[0]), -len(kv[1]), kv[0])))


def markdown(kinds: dict[str, list[dict]]) -> str:
    """A table: kind, how many pages, and one example (returned → expected)."""
    if not kinds:
        return "none: every labelled field of every article page is right."
    lines = ["| kind | pages | example: returned → expected (page) |", "|---|---|---|"]
    for kind, cases in kinds.items():
        ex = cases[0]
        lines.append(f"| {kind} | {len(cases)} | {_cell(ex['returned'])} → "
                     f"{_cell(ex['expected'])} (`{ex['path']}`) |")
    return "\n".join(lines)


def _cell(text) -> str:
    text = str(text or "").replace("|", "\\|")
    return f"`{text}`" if text else "(empty)"
