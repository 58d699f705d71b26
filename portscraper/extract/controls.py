"""What a reader can click on a page, with the label they see and where it leads.

Old CMS templates label links in several ways a reader does not tell apart: text
(`<a href>下一页</a>`), an image only (`<a href><img alt="下一页"></a>`, `<area alt>` of an image
map), a button (`<input type="button" value="返回" onclick="location.href='list.asp'">`,
`<button>`), and lead there by an href, by a script in onclick or a javascript: href
(`location.href='…'`, `window.open('…')`), or by posting the page's form: an ASP.NET postback
(`javascript:__doPostBack('GridView1','Page$2')`) or a submit button
(`<input type="submit" name="btnNext" value="下一页">`).
No Scrapy here: the spider turns a Postback into a form request.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lines import BLOCK_TAGS
from .page import Page
from .text import clean_line

# Inputs a reader clicks (a text box is no control here).
_BUTTON_TYPES = frozenset(("button", "submit", "image"))
# A script that sends the browser to a literal address: location.href = '…', top.location='…',
# location.replace('…') / .assign('…'), window.navigate('…'), window.open('…'). Not a comparison
# (location.href == '…') and not an address built at run time ('list.asp?page=' + n).
_SCRIPT_URL_RE = re.compile(
    r"""(?:\blocation(?:\.href)?\s*=(?!=)|\blocation\.(?:replace|assign)\s*\("""
    r"""|\bnavigate\s*\(|(?P<popup>\bwindow\.open\s*\())\s*(['"])(?P<url>[^'"]+)\2(?!\s*\+)""")
# ASP.NET WebForms: __doPostBack('target','argument') and WebForm_DoPostBackWithOptions(new
# WebForm_PostBackOptions("target", "argument", ...)).
_POSTBACK_RE = re.compile(
    r"""(?:__doPostBack|WebForm_PostBackOptions)\(\s*(['"])(?P<target>.*?)\1\s*,"""
    r"""\s*(['"])(?P<argument>.*?)\3""")


@dataclass(frozen=True)
class Postback:
    """A click that posts a form: ASP.NET's __doPostBack (the form sent with __EVENTTARGET and
    __EVENTARGUMENT set, no button clicked), or a submit button (`button`: its name; the form
    sent with it, as a click sends it). `form`: the index of the form among the page's <form>
    elements."""

    target: str = ""
    argument: str = ""
    form: int = 0
    button: str = ""

    @property
    def formdata(self) -> dict[str, str]:
        if self.button:
            return {}
        return {"__EVENTTARGET": self.target, "__EVENTARGUMENT": self.argument}


@dataclass(eq=False)
class Control:
    element: object       # the <a>, <area>, <input> or <button>
    label: str            # what a reader sees on it
    url: str | None       # where it leads (None: nowhere a crawler can follow, or a postback)
    postback: Postback | None = None
    silent: bool = False  # its label is not in the page's lines (an image's alt, a button)


def controls(page: Page) -> list[Control]:
    """Every link and button of the page that leads somewhere, in document order."""
    if "controls" not in page.found:
        page.found["controls"] = list(_find_controls(page))
    return page.found["controls"]


def _find_controls(page: Page):
    forms = list(page.root.iter("form"))
    for el in page.root.iter("a", "area", "input", "button"):
        if el.tag == "input" and (el.get("type") or "").lower() not in _BUTTON_TYPES:
            continue
        url = page.absolute(el.get("href")) if el.tag in ("a", "area") else None
        url = url or script_url(page, el)
        postback = None if url else _postback(el, forms)
        if url is None and postback is None:
            continue
        text = clean_line(el.text_content()) if el.tag in ("a", "button") else ""
        label = text or control_label(el)
        # Only a link's text is laid out in the page's lines (lines.py skips <button>).
        yield Control(element=el, label=label, url=url, postback=postback,
                      silent=bool(label) and (el.tag != "a" or not text))


def control_label(el) -> str:
    """What a reader sees on a link or button: its text; else its title; for an image-only
    link its image's alt (or title); for an <input>, its value (an image button: its alt)."""
    if el.tag == "input":
        candidates = [el.get("value"), el.get("alt"), el.get("title")]
    else:
        images = list(el.iter("img"))
        candidates = ([el.text_content() if el.tag != "area" else "", el.get("title"),
                       el.get("alt")] + [img.get("alt") for img in images]
                      + [img.get("title") for img in images])
    return next((clean_line(c) for c in candidates if c and clean_line(c)), "")


def script_url(page: Page, el) -> str | None:
    """The literal address a link's or a button's script goes to (onclick, javascript: href)."""
    for attr in ("onclick", "href"):
        url = script_target(page, el.get(attr) or "")
        if url:
            return url
    return None


def script_target(page: Page, script: str) -> str | None:
    """The first literal address `script` sends the browser to, as an absolute URL."""
    return next(script_targets(page, script), None)


def script_targets(page: Page, script: str, popups: bool = True):
    """Every literal address `script` may send the browser to (`if (…) location.href='m/';
    else location.href='index2.asp'`), as absolute URLs; with `popups` False, not those it
    opens in a new window (a notice a home page pops up)."""
    for match in _SCRIPT_URL_RE.finditer(script):
        if match.group("popup") and not popups:
            continue
        url = page.absolute(match.group("url"))
        if url:
            yield url


def _postback(el, forms: list) -> Postback | None:
    if not forms:  # nothing to post: a page cut out of its WebForms template
        return None
    form = next((i for i, f in enumerate(forms) if _contains(f, el)), None)
    for attr in ("href", "onclick"):
        match = _POSTBACK_RE.search(el.get(attr) or "")
        if match:
            return Postback(match.group("target"), match.group("argument"), form or 0)
    kind = (el.get("type") or ("submit" if el.tag == "button" else "")).lower()
    if el.tag in ("input", "button") and kind == "submit" and el.get("name") and \
            form is not None:
        return Postback(form=form, button=el.get("name"))
    return None


def _contains(container, el) -> bool:
    return any(a is container for a in el.iterancestors())


def block_of(el):
    """The nearest block element holding `el`: the line it is shown on."""
    for ancestor in el.iterancestors():
        if ancestor.tag in BLOCK_TAGS:
            return ancestor
    return el
