"""Where the article's text is: the lines from its first paragraph to its last.

    find_body(lines, after) -> list[Line]

A reader skips what stands between the title and the text (the date and source line, share
bars, font-size controls, counters, a video player) and stops where the text stops (上一篇,
related lists, comment boxes, disclaimers, tags, app promotions, the footer). In lines:

1. From the line after the header (`after`: the title, or the date line under it), cut the page
   into runs at every line that ends an article (regions.is_terminator) and at every list of
   links (two link lines in a row). The body is the run with the most running text.
2. The body keeps to one element: the deepest one holding most (BODY_SHARE) of the run's
   running text and most of its paragraphs. A sidebar or a comment that the run took in stands
   outside it. One paragraph's element widens to the blocks around it that hold only the run's
   lines (a notice's salutation and signature); the pictures right above or under it, the
   attachments (附件：….pdf) and the credits under it are the body's still, past its own pager.
   A list of links, each with its summary, is no article's text.
3. The closing credits end it (采写：… 责任编辑：…): after them, only more credits and
   attachments.
4. At both ends, lines that are no part of the text are left out: info lines (来源：…,
   作者：…), controls (字号 大 中 小), counters, link lines without pictures, a repeat of the
   title. A picture and a short first paragraph after it stay.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .assets import is_attachment_href, looks_like_caption
from .byline import is_credit_line
from .dates import find_date
from .lines import Line, ancestors, is_inside
from .pagination import is_pager_line
from .regions import (
    is_furniture_line,
    is_info_line,
    is_paragraph,
    is_terminator,
    is_tool_line,
)
from .text import fold, text_weight
from .title import MAX_TITLE_WEIGHT

# The share of a run's running text that the body's element must hold.
BODY_SHARE = 0.7
# Lines that close a text: what follows them is not text, but may still be its credits.
_END_MARKS = frozenset(("end", "theend"))
_ARTICLE_HEADINGS = frozenset(("h1", "h2", "h3"))
# A numbered heading (一、 1. （一） 第二) or one ending with a colon belongs to the text.
_SUBHEADING_RE = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+[、.．]|\d{1,2}\s*[、.．]|[(（][一二三四五六七八九十\d]+[)）]|第[一二三四五六七八九十\d]+)"
    r"|[:：]\s*$")
# A link line this heavy is another article's title (navigation.MIN_TITLE_WEIGHT).
TEASER_TITLE_WEIGHT = 6


@dataclass
class _Run:
    lines: list[Line] = field(default_factory=list)
    prose: list[Line] = field(default_factory=list)
    weight: int = 0


def _runs(lines: list[Line], after: int) -> list[_Run]:
    runs: list[_Run] = []
    current = _Run()
    previous_was_link = False
    for line in lines[after + 1 :]:
        if (current.prose or runs) and _opens_another_article(lines, line):
            break  # a page of several articles: the text is the one under the title
        if previous_was_link and line.text and not line.weight and not line.images and (
                not line.links):
            continue  # a bullet (·) between the links of a list: the list goes on
        is_link = line.is_link_line and not line.images and not _has_attachment(line)
        # (A second link line in a row ends the run whatever it says: no need to ask.)
        if not (is_link and previous_was_link) and is_terminator(line):
            runs.append(current)
            current, previous_was_link = _Run(), False
            continue
        if is_link and previous_was_link:
            # A list of links: the run ends before the first of them.
            if current.lines and current.lines[-1].is_link_line:
                current.lines.pop()
            runs.append(current)
            current = _Run()
            continue
        previous_was_link = is_link
        current.lines.append(line)
        if is_paragraph(line) and not is_info_line(line):
            current.prose.append(line)
            current.weight += line.weight
    runs.append(current)
    return [run for run in runs if run.prose]


def _opens_another_article(lines: list[Line], line: Line) -> bool:
    """Another article's header: a heading (h1-h3) with a date line of its own under it."""
    if line.heading is None or line.heading.tag not in _ARTICLE_HEADINGS or line.images:
        return False
    if not 4 <= line.weight <= MAX_TITLE_WEIGHT or _SUBHEADING_RE.match(line.text):
        return False  # 一、报到时间 / 2023年5月10日: a heading of the text and its date
    for nxt in lines[line.index + 1 : line.index + 3]:
        if not nxt.text:
            continue
        found = find_date(nxt.text)
        return bool(found) and text_weight(
            nxt.text[: found[1].start] + nxt.text[found[1].end :]) <= 12
    return False


def _has_attachment(line: Line) -> bool:
    return any(is_attachment_href(link.href) for link in line.links)


def _holder(run: _Run):
    """The deepest element that holds BODY_SHARE of the run's running text, and most of its
    paragraphs (one long paragraph is not the whole text)."""
    held: dict = {}
    count: dict = {}
    order: list = []
    for line in run.prose:
        for depth, el in enumerate(reversed(ancestors(line.element))):
            if el not in held:
                held[el] = count[el] = 0
                order.append((depth, el))
            held[el] += line.weight
            count[el] += 1
    need, half = BODY_SHARE * run.weight, len(run.prose) / 2
    best = max(((d, e) for d, e in order if held[e] >= need and count[e] > half), default=None)
    return best[1] if best else None


def _widen(holder, run: _Run, lines: list[Line]):
    """A holder of one paragraph (a notice's one sentence between its salutation and its
    signature) widens to the elements around it that hold nothing but the run's lines."""
    inside = [line for line in run.lines if is_inside(line.element, holder)]
    if len(inside) != 1:
        return holder
    first, last = run.lines[0].index, run.lines[-1].index
    while holder.getparent() is not None:
        parent = holder.getparent()
        lo = hi = inside[0].index
        while lo > 0 and is_inside(lines[lo - 1].element, parent):
            lo -= 1
        while hi + 1 < len(lines) and is_inside(lines[hi + 1].element, parent):
            hi += 1
        if lo < first or hi > last:
            break
        holder = parent
    return holder


def _with_pictures(run: _Run, body: list[Line]) -> list[Line]:
    """The pictures printed right above or under the text, each with the line under it (its
    caption), though they stand outside the text's element."""
    if not body:
        return body
    inside = {id(line) for line in body}
    position = [i for i, line in enumerate(run.lines) if id(line) in inside]
    first, last = position[0], position[-1]
    while first > 0 and run.lines[first - 1].images:
        first -= 1
    end = last + 1
    while end < len(run.lines) and run.lines[end].images:
        end += 1
        if end < len(run.lines) and not run.lines[end].images and looks_like_caption(
                run.lines[end]):
            end += 1
    return [line for i, line in enumerate(run.lines)
            if id(line) in inside or first <= i < position[0] or last < i < end]


def _rejoined(runs: list[_Run], run: _Run, holder, lines: list[Line]) -> _Run:
    """The text's opening paragraphs cut off by a list of links inserted into the text (related
    headlines between the dateline paragraph and the next): a run before the chosen one whose
    running text and the links after it all stand inside the text's element joins it."""
    at = last = next(i for i, r in enumerate(runs) if r is run)
    while at > 0:
        before = runs[at - 1]
        gap = lines[before.lines[-1].index + 1 : run.lines[0].index]
        if not gap or not all(is_inside(line.element, holder) and (
                line.is_link_line or not line.text) for line in gap):
            break
        # Only its lines at the end inside the element (not a picture and caption above it).
        tail = len(before.lines)
        while tail > 0 and is_inside(before.lines[tail - 1].element, holder):
            tail -= 1
        joined = before.lines[tail:]
        kept = {id(line) for line in joined}
        prose = [line for line in before.prose if id(line) in kept]
        if not prose:
            break
        run = _Run(joined + run.lines, prose + run.prose,
                   sum(line.weight for line in prose) + run.weight)
        if tail:
            break
        at -= 1
    # After it: the rest of the text, past a box of links put in the middle of it (推荐阅读 and
    # its links), when the box and the text after it stand inside the text's element.
    at = last
    while at + 1 < len(runs):
        after = runs[at + 1]
        gap = lines[run.lines[-1].index + 1 : after.lines[0].index]
        headings = [line for line in gap if line.text and not line.is_link_line]
        # (A list, two links in a row at least: one link with a summary under it is the teaser
        # of another article, which ends the text.)
        links = sum(1 for line in gap if line.is_link_line)
        if links < 2 or len(headings) > 1 or any(line.weight > 8 for line in headings) or not all(
                is_inside(line.element, holder) and not line.images for line in gap):
            break
        if len(after.prose) < 2 or not all(is_inside(line.element, holder)
                                           for line in after.lines):
            break
        if any(line.is_link_line and line.weight >= TEASER_TITLE_WEIGHT for line in after.lines):
            break  # more titles of other articles: a list with summaries, not the text

        run = _Run(run.lines + after.lines, run.prose + after.prose, run.weight + after.weight)
        at += 1
    return run


def _is_teaser_list(body: list[Line]) -> bool:
    """A list page's items with their summaries (title link, summary, date, ...): a link to
    another page for every paragraph. An article's text links out now and then."""
    titles = sum(1 for line in body
                 if line.is_link_line and not line.images and line.weight >= TEASER_TITLE_WEIGHT)
    prose = sum(1 for line in body if is_paragraph(line) and not is_info_line(line))
    return titles >= 3 and titles >= prose


def _is_tail(line: Line, title_key: str) -> bool:
    """A line closing the run that is no part of the article (credit lines are: body_parts
    reads them)."""
    if line.images:
        return False
    return (
        not line.text
        or is_tool_line(line)
        or is_furniture_line(line)
        or (line.is_link_line and not _has_attachment(line))
        or (bool(title_key) and line.key == title_key)
    )


def _is_lead(line: Line, title_key: str) -> bool:
    """A line opening the run that is no part of the article's text: that and info lines."""
    return _is_tail(line, title_key) or (not line.images and is_info_line(line))


def _until_credits_end(body: list[Line]) -> list[Line]:
    """The closing credits (采写：… 作者：… 责任编辑：…) end the article: after them only more
    credits and attachments belong to it, not the teaser of another article. Credits count as
    closing once most of the text stands above them (a reporter line under a summary does not)."""
    total = sum(line.weight for line in body if is_paragraph(line))
    above = 0
    for i, line in enumerate(body):
        if above * 2 > total and is_credit_line(line.text):
            j = i
            while j < len(body) and (is_credit_line(body[j].text) or _has_attachment(body[j])
                                     or not body[j].text):
                j += 1
            return body[:j]
        if is_paragraph(line):
            above += line.weight
    return body


def find_body(lines: list[Line], after: int, title: str = "") -> list[Line]:
    """The body's lines, in order ([] when the page has no running text after `after`)."""
    runs = _runs(lines, after)
    if not runs:
        return []
    run = max(runs, key=lambda r: r.weight)
    holder = _holder(run)
    if holder is not None:
        run = _rejoined(runs, run, holder, lines)
        holder = _widen(holder, run, lines)
    # A line of text whose own element holds the holder counts as well: text written straight
    # into an enclosing block, and every paragraph of a page whose unclosed tags nest each
    # paragraph inside the one before.
    body = _with_pictures(run, [line for line in run.lines if holder is None or is_inside(
        line.element, holder) or (not line.images and is_inside(holder, line.element))])
    if _is_teaser_list(body):
        return []
    body = _until_credits_end(_with_closing(lines, body))
    return _trimmed(body, fold(title))


def _with_closing(lines: list[Line], body: list[Line]) -> list[Line]:
    """A notice's attachments, a credits block: often in a block of their own under the text,
    or under the article's own pager or an END mark."""
    if body:
        for line in lines[body[-1].index + 1 :]:
            if _has_attachment(line) or is_credit_line(line.text):
                body.append(line)
            elif not (is_pager_line(line) or line.word in _END_MARKS
                      or not line.text and not line.images):
                break
    return body


def _trimmed(body: list[Line], title_key: str) -> list[Line]:
    """The body without the junk at its ends."""
    # From the start: junk goes, and a banner picture above the junk (the pictures right above
    # the first line of text stay).
    first = next((i for i, line in enumerate(body)
                  if not line.images and not _is_lead(line, title_key)), len(body))
    pictures = first
    # (A row of share icons with their words, 分享| or 官方微信平台, is no picture of the text.)
    while pictures > 0 and body[pictures - 1].images and not is_tool_line(body[pictures - 1]):
        pictures -= 1
    body = body[pictures:]
    # From the end: junk goes, also between the closing credits (纠错 +1 责任编辑：X).
    i = len(body) - 1
    while i >= 0:
        line = body[i]
        if is_credit_line(line.text):
            i -= 1
        elif _is_tail(line, title_key) and not is_paragraph(line):
            del body[i]
            i -= 1
        else:
            break
    return body
