"""The article's title: a visible line, chosen with the head's evidence.

    choose_title(lines, head, start) -> TitleChoice | None

A reader takes the big line over the text that the browser tab repeats. So the candidates are
the page's lines (a heading broken by <br> is one candidate, its parts joined), and the choice is:

1. a line that a head title names in full (ArticleTitle, og:title, JSON-LD headline, <title> or
   one of its parts `标题_频道_网站`) - "page+head";
2. else a line that <title> begins with, or a heading most of which <title> holds - "page+head";
3. else None: the caller takes the line above the date line (what a reader of an old CMS page
   sees), and the head's own title when the page shows none.

Never a title: link lines of menus and lists, control and button lines (字号 大 中 小, A+ A-,
分享到, 打印, 关注, 登录), date lines, the breadcrumb.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .dates import find_date
from .head import Head
from .lines import Line
from .regions import is_furniture_line, is_tool_line
from .text import fold, text_weight

# A badge printed in a title's line (原创, 置顶, 推荐, 视频) is at most this long.
BADGE_CHARS = 4
HEADING_RANK = {"h1": 4, "h2": 3, "h3": 2, "h4": 1}
# A title is short: longer lines are paragraphs that happen to share words with <title>.
# (Reading weight: CJK characters plus Latin words, so an English title may be longer in
# characters.)
MAX_TITLE_WEIGHT = 60


@dataclass
class TitleChoice:
    first: int  # index of its first line
    last: int  # index of its last line (a heading broken by <br> spans several)
    text: str
    evidence: str  # "page+head", "page:heading", "page:above-date", "head:<tag>"


def could_be_title(line: Line) -> bool:
    text = line.text
    if not text or len(text) > 300 or not 2 <= text_weight(text) <= MAX_TITLE_WEIGHT:
        return False
    if is_tool_line(line) or is_furniture_line(line):
        return False
    found = find_date(text)
    # A date line (发布时间：2023-4-23, 最后更新：…) is furniture, not a title.
    return not (found and text_weight(text) - text_weight(text[found[1].start:found[1].end]) < 6)


def heading_of(line: Line):
    """The h1-h6 element holding the line, if any."""
    return line.heading


def _candidates(lines: list[Line], start: int):
    """(first, last, text) for every line that could be a title, and for the lines of one
    heading joined (a long title broken by <br>: in an h1-h6, or in one bold block)."""
    for i in range(start, len(lines)):
        line = lines[i]
        if not line.text or line.weight > MAX_TITLE_WEIGHT:
            continue
        yield i, i, line.text
        group = title_block(line)
        j, text = i, line.text
        while (group is not None and j + 1 < len(lines) and j - i < 3
               and title_block(lines[j + 1]) is group):
            j += 1
            text = _join(text, lines[j].text)
            yield i, j, text


def title_block(line: Line):
    """The element whose lines make one title when a <br> breaks it: the heading, or the
    block of an emphasized (bold, large) line."""
    if line.heading is not None:
        return line.heading
    return line.element if line.emphasis else None


def _join(a: str, b: str) -> str:
    return a + b if not (a[-1:].isascii() and b[:1].isascii()) else f"{a} {b}"


def choose_title(lines: list[Line], head: Head, start: int = 0,
                 footer: str = "") -> TitleChoice | None:
    """The title line that the head confirms (see the module's rules), or None.

    `footer`: the folded text of the copyright lines. A line that the footer names is the site's
    name (an old CMS's <title> is often only that), not the article's title.
    """
    printed = {fold(value): value for value, _ in head.titles}
    printed.update((fold(p), p) for p in head.title_parts)
    page_title = fold(head.page_title)
    if page_title:
        printed[page_title] = head.page_title
    printed.pop("", None)
    exact = set(printed)
    best, best_key = None, None
    longest = max(map(len, exact), default=0)
    for first, last, text in _candidates(lines, start):
        line = lines[first]
        key = line.key if first == last else fold(text)
        if len(key) < 2 or len(key) > longest + BADGE_CHARS:
            continue
        if key in exact:
            strength = 3
        elif len(key) >= 6 and any(t.startswith(key) for t in exact):
            strength = 2
        elif (inner := next((t for t in exact if len(t) >= 6 and 0 < len(key) - len(t)
                             <= BADGE_CHARS and t in key), None)):
            # The title with a badge glued to it (原创, 置顶, 图): the title is what the head says.
            strength, text = 2, printed[inner]
        elif len(key) >= 6 and line.heading is not None and _shared(key, page_title) >= 0.8:
            strength = 1
        else:
            continue
        if not could_be_title(line):
            continue
        if line.is_link_line and heading_of(line) is None:
            continue  # the same title in a list of related links, a sidebar
        if footer and key in footer:
            continue  # the site's name, which <title> may be all of
        heading = heading_of(line)
        # Of equal matches, a heading; then the first: a title that the body repeats (in bold)
        # comes after the title itself.
        rank = (strength, HEADING_RANK.get(heading.tag, 0) if heading is not None else 0,
                len(key), -first)
        if best_key is None or rank > best_key:
            best, best_key = TitleChoice(first, last, text, "page+head"), rank
    return _with_dash_part(best, lines, head, page_title) if best else best


# The dash that joins a headline's two parts (主题——副题), printed at the start of the second.
_DASHES = ("——", "—", "--", "－－", "──")


def _with_dash_part(best: TitleChoice, lines: list[Line], head: Head,
                    page_title: str) -> TitleChoice:
    """A headline printed in two parts, the second opening with a dash on a line of its own
    (为…凝聚强大智慧和力量 / ——热烈祝贺…开幕), is one title when the head gives it whole: a meta
    title (its markup aside) or the start of <title>."""
    nxt = best.last + 1
    if nxt >= len(lines) or not lines[nxt].text.startswith(_DASHES):
        return best
    if not could_be_title(lines[nxt]) or lines[nxt].is_link_line:
        return best
    whole = best.text + lines[nxt].text
    key = fold(whole)
    given = [fold(_TAG_RE.sub("", value)) for value, _ in head.titles]
    if key in given or (page_title.startswith(key) and len(page_title) > len(key)
                        and not page_title[len(key)].isalnum()) or page_title == key:
        return TitleChoice(best.first, nxt, whole, best.evidence)
    return best


# No "<" inside a tag: a run of "<" with no ">" is then read once, not once per "<".
_TAG_RE = re.compile(r"<[^<>]*>")


def _shared(key: str, other: str) -> float:
    """How much of `key` stands in `other` as one piece (longest common substring share)."""
    if not other:
        return 0.0
    from difflib import SequenceMatcher

    match = SequenceMatcher(None, key, other, autojunk=False).find_longest_match()
    return match.size / len(key)


def head_title(head: Head, footer_text: str = "") -> TitleChoice | None:
    """The head's own title when the page shows none: a meta title, else the first part of
    <title> that is not the site's name (the name the footer's copyright line gives), so that
    both 标题_频道_网站 and 网站 - 标题 give the title."""
    for value, tag in head.titles:
        if text_weight(value) >= 2:
            return TitleChoice(-1, -1, value, f"head:{tag}")
    parts = [p for p in head.title_parts if fold(p) not in footer_text]
    if parts:
        return TitleChoice(-1, -1, parts[0], "head:title")
    return None
