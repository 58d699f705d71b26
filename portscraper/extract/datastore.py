"""Lists whose records a script shows: an XML datastore inside the page, later records from a
data proxy.

Hanweb JCMS, the CMS of many Chinese public-sector and state-owned sites, is the documented
case. A column page (col/col1234/index.html) prints no list; it carries

    <script type="text/xml"><datastore>
      <nextgroup><![CDATA[<a href="/module/web/jpage/dataproxy.jsp?page=1&columnid=1234…">]]>
      </nextgroup>
      <recordset><record><![CDATA[<li><a href="/art/2023/4/23/art_1234_567890.html">…</a>
        <span>2023-04-23</span></li>]]></record> …</recordset>
    </datastore></script>

and a script (jpage) that shows the records `perPage` at a time and asks the data proxy for
the next group of records: the nextgroup address with `startrecord`, `endrecord` and
`perpage` added, which answers an XML datastore of its own (`<totalrecord>`, `<recordset>`).

Read as a browser shows it: `expand_datastores` puts the records where the script stood (or,
for a data proxy's XML answer, makes them a page), as `<div class="portscraper-datastore">`
with what the pager needs in data- attributes; `datastore_pager` says where the next group is.
No Scrapy here.
"""

from __future__ import annotations

import html as html_lib
import re
from dataclasses import dataclass
from typing import Protocol
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from .numbers import read_int


class Page(Protocol):
    """What datastore_pager reads of a page (extract.page.Page has it): its parsed tree,
    its URL, and a link made absolute."""

    root: object
    url: str

    def absolute(self, href: str | None) -> str | None: ...

CLASS = "portscraper-datastore"
# An element's content never runs past the next opening of its kind ((?!<script\b) …), nor a
# start tag past the next "<": each search from an opening then stops at the next one, which
# keeps the patterns linear in a page of openings without their ends (a search from each of
# them to the end of the page took time quadratic in the page).
_XML_SCRIPT_RE = re.compile(
    r"<script\b[^<>]*\btype\s*=\s*[\"']?text/xml[\"']?[^<>]*>"
    r"(?P<xml>(?:(?!<script\b).)*?)</script\s*>",
    re.IGNORECASE | re.DOTALL)
_RECORD_RE = re.compile(r"<record\b[^<>]*>\s*(?:<!\[CDATA\[(?P<cdata>(?:(?!<record\b).)*?)\]\]>"
                        r"|(?P<text>(?:(?!<record\b).)*?))\s*</record>",
                        re.IGNORECASE | re.DOTALL)
_NEXTGROUP_RE = re.compile(r"<nextgroup\b[^<>]*>\s*(?:<!\[CDATA\[)?"
                           r"(?P<markup>(?:(?!<nextgroup\b).)*?)(?:\]\]>)?\s*</nextgroup>",
                           re.IGNORECASE | re.DOTALL)
_HREF_RE = re.compile(r"""href\s*=\s*["']([^"']+)["']""", re.IGNORECASE)
_TOTAL_RE = re.compile(r"<totalrecord>\s*(\d+)\s*</totalrecord>", re.IGNORECASE)
# The pager script's options (jpage: totalRecord: 120, perPage: 15).
_TOTAL_OPTION_RE = re.compile(r"\btotal_?record\s*[:=]\s*['\"]?(\d+)", re.IGNORECASE)
_PER_PAGE_OPTION_RE = re.compile(r"\bper_?page\s*[:=]\s*['\"]?(\d+)", re.IGNORECASE)
# The data proxy's range parameters.
START, END, PER_PAGE = "startrecord", "endrecord", "perpage"


def is_datastore_document(text: str) -> bool:
    """An XML answer of a data proxy: a datastore of records."""
    head = text.lstrip()[:400].lower()
    return head.startswith(("<?xml", "<datastore")) and "<datastore" in text[:2000].lower()


def is_datastore_answer(body: bytes, content_type: str = "") -> bool:
    """Raw bytes that are a data proxy's XML answer (a list page, to read and to keep)."""
    return ("xml" in content_type.lower() or body[:1024].lstrip().lower().startswith(
        b"<?xml")) and b"<datastore" in body[:2048].lower()


def expand_datastores(text: str) -> str:
    """The page as its datastore script shows it: each `<script type="text/xml">` holding
    records replaced by the records themselves; a data proxy's XML answer made a page."""
    if is_datastore_document(text):
        records = _records(text)
        total = _TOTAL_RE.search(text)
        return ("<html><body>" + _holder(records, total.group(1) if total else "", "", "")
                + "</body></html>")
    if "text/xml" not in text and "TEXT/XML" not in text.upper():
        return text
    total = _TOTAL_OPTION_RE.search(text)
    per_page = _PER_PAGE_OPTION_RE.search(text)

    def replace(match) -> str:
        xml = match.group("xml")
        records = _records(xml)
        if not records:
            return match.group(0)
        found = _NEXTGROUP_RE.search(xml)
        href = _HREF_RE.search(found.group("markup")) if found else None
        return _holder(records, total.group(1) if total else "",
                       per_page.group(1) if per_page else "",
                       html_lib.unescape(href.group(1)) if href else "")

    return _XML_SCRIPT_RE.sub(replace, text)


def _records(xml: str) -> list[str]:
    return [m.group("cdata") if m.group("cdata") is not None else html_lib.unescape(
        m.group("text")) for m in _RECORD_RE.finditer(xml)]


def _holder(records: list[str], total: str, per_page: str, next_group: str) -> str:
    attrs = {"class": CLASS, "data-records": str(len(records)), "data-total": total,
             "data-per-page": per_page, "data-next-group": next_group}
    opening = " ".join(f'{k}="{html_lib.escape(v)}"' for k, v in attrs.items())
    return f"<div {opening}>" + "\n".join(records) + "</div>"


@dataclass(frozen=True)
class DataProxyPage:
    next_url: str | None
    group: int                 # this group of records, from 1
    groups: int | None = None  # groups in all, when the total is known


def datastore_pager(page: Page) -> DataProxyPage | None:
    """Where the next group of a datastore's records is: on the column page, its nextgroup
    address asked for the records after those shown; on a data proxy's answer, the same
    address asked for the following range. None when the page holds no datastore."""
    holder = next((el for el in page.root.iter("div") if el.get("class") == CLASS), None)
    if holder is None:
        return None
    shown = read_int(holder.get("data-records")) or 0
    total = read_int(holder.get("data-total")) or None
    parts = urlsplit(page.url)
    query = parse_qsl(parts.query, keep_blank_values=True)
    given = {k.lower(): v for k, v in query}
    start, end = read_int(given.get(START)), read_int(given.get(END))
    if start is not None and end is not None:
        size = max(1, end - start + 1)
        group = -(-end // size)
        groups = -(-total // size) if total else None
        more = (end < total) if total else shown >= size
        if not more or not shown:
            return DataProxyPage(None, group, groups)
        following = [(k, str(end + 1) if k.lower() == START else str(end + size)
                      if k.lower() == END else v) for k, v in query]
        return DataProxyPage(urlunsplit(parts._replace(query=urlencode(following))), group,
                             groups)
    target = page.absolute(holder.get("data-next-group"))
    size = shown
    groups = -(-total // size) if total and size else None
    if not target or not shown or (total is not None and shown >= total):
        return DataProxyPage(None, 1, groups)
    per_page = holder.get("data-per-page") or str(shown)
    target_parts = urlsplit(target)
    extra = urlencode([(START, shown + 1), (END, 2 * shown), (PER_PAGE, per_page)])
    joined = f"{target_parts.query}&{extra}" if target_parts.query else extra
    return DataProxyPage(urlunsplit(target_parts._replace(query=joined)), 1, groups)
