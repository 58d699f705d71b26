"""A page as a reader sees it: a list of lines in reading order.

The extractors never ask for a class name or an id. They look at lines: the text a block element
(or a <br>) puts on its own line, which links it holds, which images. That is what stays the same
when a site moves from nested tables to divs, or when a copy on another domain rewrites the markup.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from lxml import etree
from lxml import html as lxml_html
from lxml.etree import _Element

from .text import clean_line, fold, fold_word, text_weight

BLOCK_TAGS = frozenset(
    "address article aside blockquote body center dd details dialog dir div dl dt fieldset "
    "figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr html li main menu nav ol p pre "
    "section table tbody thead tfoot td th tr ul caption".split()
)
# Never shown. A <title> is only ever in the body when a page was pasted into another (below).
SKIP_TAGS = frozenset(
    "script style noscript template select option textarea iframe object "
    "embed svg map button head title".split()
)
# </body> and </html> before the end of the file: a server-side include that pasted a whole
# document (its own <html>…</html>) into the page, or a template that closes the body before its
# footer. libxml2 drops everything after </html> and puts what follows </body> beside the body;
# a browser (HTML5 parsing, "after body" mode) reads on in the body, and so must we.
_DOCUMENT_END_TAG = re.compile(r"</(?:html|body)\b[^>]*>", re.IGNORECASE)
EMPHASIS_TAGS = frozenset("h1 h2 h3 strong b".split())
HEADING_TAGS = frozenset("h1 h2 h3 h4 h5 h6".split())
_HIDDEN_RE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_INVISIBLE_RE = re.compile(r"visibility\s*:\s*hidden", re.IGNORECASE)
# An element kept invisible until a script shows it (WeChat's article text, style="visibility:
# hidden") is the page's text when it holds this much running text in several paragraphs: no
# menu or template is hidden that way with paragraphs of prose in it.
SHOWN_BY_SCRIPT_CHARS = 100
SHOWN_BY_SCRIPT_PARAGRAPHS = 3


@dataclass
class Link:
    text: str
    href: str
    element: _Element


@dataclass
class Line:
    """One line of text, with the block element that holds it and what it contains."""

    index: int
    element: _Element
    parts: list[str] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    images: list[_Element] = field(default_factory=list)
    emphasis: bool = False
    heading: _Element | None = None  # the h1-h6 element the line stands in

    # Cached: a line is read many times by the extractors, and does not change once the
    # renderer has finished with it (text is first read when the line is complete).
    @cached_property
    def text(self) -> str:
        return clean_line("".join(self.parts))

    @cached_property
    def key(self) -> str:
        """The line's comparison key (text.fold: Simplified, lower case, no spaces)."""
        return fold(self.text)

    @cached_property
    def word(self) -> str:
        """The key without the brackets and arrows around a link word (text.fold_word)."""
        return fold_word(self.text)

    @cached_property
    def weight(self) -> int:
        """How much reading the line holds (text.text_weight)."""
        return text_weight(self.text)

    @cached_property
    def link_text(self) -> str:
        return " ".join(link.text for link in self.links)

    @cached_property
    def is_link_line(self) -> bool:
        """Mostly link text: a menu entry, a list item, a sidebar title."""
        return bool(self.links) and text_weight(self.link_text) * 2 >= self.weight


# huge_tree: libxml2 otherwise stops at a nesting depth of 256 and drops the rest of the page
# without a word (an old CMS page with unclosed <font> tags nests that deep).
_PARSER = lxml_html.HTMLParser(huge_tree=True)


def parse_html(html: str) -> _Element:
    """Parse a page with lxml's forgiving HTML parser (what parsel uses too), as a browser reads
    it: text after an early </body> or </html> stays in the body, in order. (A second <html>,
    <head> or <body> start tag is already ignored by libxml2, as by browsers.)"""
    if not html.strip():
        html = "<html></html>"
    # lxml refuses str input that carries an XML encoding declaration.
    if html.lstrip().startswith("<?xml"):
        html = html.split("?>", 1)[-1]
    # The closing tags are implied at the end of the file; removing every one of them is simpler
    # than telling the last from an early one, and changes nothing else.
    html = _DOCUMENT_END_TAG.sub("", html)
    return lxml_html.document_fromstring(html, parser=_PARSER)


class _Renderer:
    def __init__(self) -> None:
        self.lines: list[Line] = []
        self.current: Line | None = None
        self.link_stack: list[Link] = []
        self.emphasis_depth = 0
        self.heading: _Element | None = None
        self.hidden_classes: frozenset[str] = frozenset()

    def _hidden_by_class(self, el: _Element) -> bool:
        classes = el.get("class")
        return bool(classes) and not self.hidden_classes.isdisjoint(classes.split())

    def _line(self, block: _Element) -> Line:
        if self.current is None:
            self.current = Line(index=len(self.lines), element=block, heading=self.heading)
        return self.current

    def flush(self) -> None:
        line = self.current
        self.current = None
        if line is not None and (line.images or line.text):
            line.index = len(self.lines)
            self.lines.append(line)

    def add_text(self, text: str | None, block: _Element) -> None:
        # Most text nodes of a page are the white space between tags: no line starts with it.
        if not text or (self.current is None and text.isspace()):
            return
        line = self._line(block)
        line.parts.append(text)
        for link in self.link_stack:
            link.text += text
        if self.emphasis_depth and text.strip():
            line.emphasis = True

    def walk(self, start: _Element) -> None:
        """Lay out `start` and everything in it, in document order. Iterative (lxml's
        iterwalk, not recursion): an old page's unclosed tags nest a thousand deep."""
        # One frame per open element: the block it is in, whether it is a block itself, the
        # heading outside it, whether it adds emphasis, the link it opens.
        frames: list[list] = []
        skipped: set = set()  # elements whose content is not read, until their end event
        block = start
        walker = etree.iterwalk(start, events=("start", "end", "comment", "pi"))
        for event, el in walker:
            if event == "start":
                tag = el.tag
                style = el.get("style")
                if (tag in SKIP_TAGS or tag == "br" or (style and _HIDDEN_RE.search(style)
                                                         and not _shown_by_script(el, style))
                        or el.get("hidden") is not None
                        or (self.hidden_classes and self._hidden_by_class(el))):
                    # A line break, a script or a block the page hides: nothing in it is read
                    # (its tail is, at its end event).
                    if tag == "br":
                        self.flush()
                    walker.skip_subtree()
                    skipped.add(el)
                    continue
                is_block = tag in BLOCK_TAGS
                if is_block:
                    self.flush()
                emphasized = tag in EMPHASIS_TAGS or (
                    tag == "font" and (el.get("size") or "").strip() in _BIG_FONT_SIZES)
                frame = [block, is_block, self.heading, emphasized, None]
                frames.append(frame)
                if is_block:
                    block = el
                if tag in HEADING_TAGS:
                    self.heading = el
                self.emphasis_depth += emphasized
                if tag == "img":
                    self._line(block).images.append(el)
                elif tag == "a" and el.get("href") is not None:
                    frame[4] = Link(text="", href=el.get("href", "").strip(), element=el)
                    self.link_stack.append(frame[4])
                text = el.text
                if text and not (self.current is None and text.isspace()):
                    self.add_text(text, block)
                continue
            if event == "end":
                if skipped and el in skipped:
                    skipped.discard(el)
                else:
                    block, is_block, self.heading, emphasized, link = frames.pop()
                    if link is not None:
                        self._close_link(link)
                    self.emphasis_depth -= emphasized
                    if is_block:
                        self.flush()
            if el is not start:
                text = el.tail  # after an element, a comment or a skipped element
                if text and not (self.current is None and text.isspace()):
                    self.add_text(text, block)

    def _close_link(self, link: Link) -> None:
        self.link_stack.pop()
        link.text = clean_line(link.text)
        if self.current is not None:
            self.current.links.append(link)
        elif self.lines:
            self.lines[-1].links.append(link)


_BIG_FONT_SIZES = ("4", "5", "6", "7", "+1", "+2")
_CLASS_SELECTOR_RE = re.compile(r"^\s*(?:[a-z0-9]*)\.([\w-]+)\s*$", re.IGNORECASE)


def hidden_classes(root: _Element) -> frozenset[str]:
    """Classes the page's own <style> hides (`.hm {display: none}`): simple class selectors
    only; a reader does not see those blocks either."""
    found: set[str] = set()
    for style in root.iter("style"):
        css = style.text or ""
        if "none" not in css and "hidden" not in css:
            continue
        # Rule by rule (split, not one pattern over the sheet: that backtracks on big sheets).
        for rule in css.split("}"):
            selectors, _, declarations = rule.rpartition("{")
            if not _HIDDEN_RE.search(declarations):
                continue
            for selector in selectors.split(","):
                name = _CLASS_SELECTOR_RE.match(selector)
                if name:
                    found.add(name[1])
    return frozenset(found)


def _shown_by_script(el: _Element, style: str) -> bool:
    """An invisible element (visibility: hidden, not display: none) that holds the article's
    paragraphs: shown by a script once the page has loaded, so a reader sees it."""
    if _INVISIBLE_RE.search(style) is None or re.search(r"display\s*:\s*none", style, re.I):
        return False
    paragraphs = [p for p in el.iter("p", "section", "div")
                  if p is not el and len((p.text or "").strip()) >= 20]
    if len(paragraphs) < SHOWN_BY_SCRIPT_PARAGRAPHS:
        return False
    return len("".join(el.itertext()).strip()) >= SHOWN_BY_SCRIPT_CHARS


def render_lines(root: _Element) -> list[Line]:
    """Lay out the page's text as lines, in document order."""
    renderer = _Renderer()
    renderer.hidden_classes = hidden_classes(root)
    body = root.find("body")
    start = body if body is not None else root
    renderer.walk(start)
    renderer.flush()
    return renderer.lines


def page_title(root: _Element) -> str:
    title = root.find(".//title")
    return clean_line(title.text_content()) if title is not None else ""


def ancestors(el: _Element) -> list[_Element]:
    """The element and its ancestors, innermost first."""
    out = []
    while el is not None:
        out.append(el)
        el = el.getparent()
    return out


def common_ancestor(a: _Element, b: _Element) -> _Element:
    # Compare with `is` while `chain` holds the proxies: lxml hands out one proxy per node
    # while it is referenced, but id() of a proxy that was let go can be reused.
    chain = ancestors(a)
    for el in ancestors(b):
        if any(el is mine for mine in chain):
            return el
    return a.getroottree().getroot()


def depth(el: _Element) -> int:
    return len(ancestors(el)) - 1


def is_inside(el: _Element, container: _Element) -> bool:
    return any(a is container for a in ancestors(el))
