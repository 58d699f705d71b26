"""Pagers that a script writes: a list page that prints no 下一页 of its own, only a call that
draws the pager in the browser, with the page count in it.

TRS WCM's static lists are the documented case: `createPageHTML(5, 0, "index", "html")` —
five pages, this is page 0, the files are named index.html, index_1.html … index_4.html —
often with the numbers in variables (`var countPage = 5; var currentPage = 0;
createPageHTML(countPage, currentPage, "index", "html")`), or with more arguments around them
(`createPageHTML('page_div', 5, 1, 'index', 'html', 20)`). The rule, for any function name: a
call whose arguments hold a page count and a page number (the first two whole numbers, literal
or a variable the page's scripts set) and a file name and extension (a string that is a web
page extension, and the string before it); page 0 is NAME.EXT, page k is NAME_k.EXT. Which
page this is comes from the page's own address where it can (index_3.html is page 3, a folder
or NAME.EXT page 0), else from the call.

Plain functions over a parsed page; the spider decides what to request.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from .numbers import read_int
from .page import Page

_CALL_RE = re.compile(r"\b([A-Za-z_$][\w$]*)\s*\(([^()]*)\)")
_VAR_RE = re.compile(r"\b(?:var\s+|let\s+|const\s+)?([A-Za-z_$][\w$]*)\s*=\s*(\d+)\s*(?:;|//|$)",
                     re.MULTILINE)
_STRING_RE = re.compile(r"""^(['"])(.*)\1$""")
PAGE_EXTENSIONS = ("html", "htm", "shtml", "jhtml", "xhtml", "php", "jsp", "asp", "aspx")


@dataclass(frozen=True)
class ScriptPager:
    count: int      # pages in all
    index: int      # this page, counted from 0
    name: str       # the first page's file name without extension: index
    ext: str        # html

    def url_of(self, page_url: str, index: int) -> str:
        file = f"{self.name}.{self.ext}" if index == 0 else f"{self.name}_{index}.{self.ext}"
        return urljoin(page_url, file)


def script_pager(page: Page) -> ScriptPager | None:
    """The pager a script of the page draws, when one announces a page count (see above)."""
    scripts = [el.text or "" for el in page.root.iter("script") if not el.get("src")]
    numbers: dict[str, int] = {}
    for text in scripts:
        numbers.update((name, int(value)) for name, value in _VAR_RE.findall(text)
                       if read_int(value) is not None)
    for text in scripts:
        for match in _CALL_RE.finditer(text):
            pager = _read_call(match.group(2), numbers)
            if pager is not None:
                return _placed(pager, page.url)
    return None


def _read_call(arguments: str, numbers: dict[str, int]) -> ScriptPager | None:
    ints, strings = [], []
    for arg in (a.strip() for a in arguments.split(",")):
        string = _STRING_RE.match(arg)
        if string:
            strings.append(string.group(2))
        elif read_int(arg) is not None:
            ints.append(read_int(arg))
        elif arg in numbers:
            ints.append(numbers[arg])
    for i, text in enumerate(strings[1:], start=1):
        name = strings[i - 1]
        if text.lower() in PAGE_EXTENSIONS and re.match(r"^[\w-]+$", name) and len(ints) >= 2:
            count, index = ints[0], ints[1]
            if count >= 1 and 0 <= index <= count:
                return ScriptPager(count=count, index=index, name=name, ext=text)
    return None


def _placed(pager: ScriptPager, url: str) -> ScriptPager:
    """The pager with this page's number read from its address, where the address says it."""
    file = urlsplit(url).path.rsplit("/", 1)[-1]
    if file in ("", f"{pager.name}.{pager.ext}"):
        index = 0
    else:
        match = re.match(rf"^{re.escape(pager.name)}_(\d+)\.{re.escape(pager.ext)}$", file)
        index = read_int(match.group(1)) if match else None
        index = pager.index if index is None else index
    return ScriptPager(pager.count, min(index, pager.count), pager.name, pager.ext)
