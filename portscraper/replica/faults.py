"""Faults the replica can inject, for the reliability tests: what a web site and a network do
to a crawler that runs for years.

A FaultPlan maps a target (a path with its query, e.g. "/more.asp?id=4092", or "*" for every
request) to a Fault; each fault fires `times` times (None: until cleared), then the page is
served normally again.
"""

from __future__ import annotations

import gzip
import os
import re
import socket
import struct
import threading
import time
from dataclasses import dataclass

KINDS = (
    "reset",            # the connection is reset, no response at all
    "timeout",          # no answer for `seconds`
    "stall",            # headers and half the body, then nothing for `seconds`
    "short",            # a body shorter than its Content-Length, then the connection closes
    "status",           # an HTTP error status (`status`), with Retry-After when `retry_after`
    "redirect_loop",    # a redirect to itself, forever
    "redirect_offsite",  # a redirect to another site
    "redirect_home",    # a redirect to the home page (old CMSes do it for a list they lost)
    "huge",             # a page of `size` bytes
    "gzip_bomb",        # a small gzip body that inflates to `size` bytes
    "binary",           # random bytes, application/octet-stream
    "empty",            # 200 with an empty body
    "malformed",        # broken markup around the same text: tags unclosed, stray, misnested
    "no_title",         # the article page without its title
    "no_date",          # the article page without its date line
    "wrong_charset",    # GB18030 bytes that declare utf-8, in the header and the page
    "mixed_encoding",   # the page GB18030, one paragraph UTF-8
    "hostile",          # script, event handlers and javascript: links inside the article
    "postback_pager",   # a list whose pager posts an ASP.NET form (__doPostBack), GET and POST
    "script_pager",     # a list whose pager is a script with no address in it (goPage(2))
    "not_found_page",   # 200 with the CMS's 该信息不存在或已被删除 page (an article taken down)
)

# What an old CMS answers, with 200, for an article it no longer has.
NOT_FOUND_PAGE = ("<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 4.01 Transitional//EN\">\n<html><head>"
                  "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">"
                  "<title>提示信息--茂名港集团有限公司</title></head><body>"
                  "<table align=\"center\"><tr><td><b>提示信息</b></td></tr>"
                  "<tr><td>该信息不存在或已被删除！</td></tr>"
                  "<tr><td><a href=\"/\">返回首页</a></td></tr></table></body></html>")

# What a compromised CMS (or a copy site) puts into an article: none of it may ever run in the
# archive's Datasette origin.
HOSTILE = ("<script>document.title='pwned';fetch('/steal?c='+document.cookie)</script>"
           "<p onclick=\"alert('click')\">点击查看<img src=\"/x.jpg\" onerror=\"alert('img')\">"
           "<a href=\"javascript:alert('link')//a.pdf\">活动方案.pdf</a>"
           "<a href=\"data:text/html,<script>alert(1)</script>\">名单.xls</a></p>"
           "<iframe src=\"javascript:alert('frame')\"></iframe>"
           "<svg onload=\"alert('svg')\"></svg><style>body{display:none}</style>")


@dataclass
class Fault:
    kind: str
    times: int | None = 1
    status: int = 503
    retry_after: str | None = None
    seconds: float = 5.0
    size: int = 20 * 1024 * 1024

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown fault {self.kind!r}; one of {', '.join(KINDS)}")


class FaultPlan:
    def __init__(self) -> None:
        self.faults: dict[str, Fault] = {}
        self.fired: list[tuple[str, str, float]] = []  # (target, kind, when)
        self._lock = threading.Lock()

    def add(self, target: str, fault: Fault) -> None:
        with self._lock:
            self.faults[target.lower()] = fault

    def clear(self) -> None:
        with self._lock:
            self.faults.clear()

    def take(self, path: str) -> Fault | None:
        """The fault for this request, if one is due (and count it as fired)."""
        with self._lock:
            key = path.lower()
            fault = self.faults.get(key) or self.faults.get("*")
            if fault is None:
                return None
            if fault.times is not None:
                fault.times -= 1
                if fault.times <= 0:
                    self.faults = {k: f for k, f in self.faults.items() if f is not fault}
            self.fired.append((key, fault.kind, time.monotonic()))
            return fault


# --- what each fault does to the response ------------------------------------------------------

def reset_connection(handler) -> None:
    """Close with RST: SO_LINGER on, zero timeout."""
    handler.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    handler.close_connection = True
    handler.connection.close()


def send_raw(handler, status: int, headers: dict[str, str], body: bytes,
             announce: int | None = None) -> None:
    handler.send_response(status)
    for name, value in headers.items():
        handler.send_header(name, value)
    handler.send_header("Content-Length", str(len(body) if announce is None else announce))
    handler.end_headers()
    handler.wfile.write(body)
    handler.wfile.flush()


def inflating_body(size: int) -> bytes:
    """gzip of `size` zero bytes: about a thousandth of the size on the wire."""
    return gzip.compress(b"\0" * size, compresslevel=9)


def random_bytes(size: int = 4096) -> bytes:
    return os.urandom(size)


def mangle_html(page: bytes) -> bytes:
    """The same text in broken markup, as hand-edited CMS templates have it: closing tags left
    out, stray closing tags, misnested inline tags, no </body> or </html>."""
    for tag in (b"</p>", b"</td>", b"</tr>", b"</li>", b"</font>", b"</body>", b"</html>"):
        page = page.replace(tag, b"")
    page = page.replace(b"<body>", b"<body></span></div></b><b><i>", 1)
    return page.replace(b"<br>", b"</i></b><br>", 3)


def stall(handler, head: bytes, seconds: float, total: int) -> None:
    send_raw(handler, 200, {"Content-Type": "text/html"}, head, announce=total)
    time.sleep(seconds)
    handler.close_connection = True


def remove_date(html: str, day) -> str:
    """The page without the article's date, however it is printed (2023-4-23, 2023-04-23,
    2023年4月23日, with a time or not)."""
    pattern = (rf"{day.year}\s*[-/.年]\s*0?{day.month}\s*[-/.月]\s*0?{day.day}(?!\d)\s*日?"
               r"(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?")
    return re.sub(pattern, "", html)


def repage(html: str, pid: int, kind: str, page: int = 1) -> str:
    """A list page whose pager no longer links its pages: an ASP.NET postback
    (`__doPostBack('ctl00$pager','Page$2')` inside the page's form, which the server answers
    with page 2), or a script that builds the address out of sight (`goPage(2)`). The 转到
    drop-down goes too."""
    link = re.compile(rf'href="news\.asp\?pid={pid}&amp;page=(\d+)"')
    if kind == "postback_pager":
        html = link.sub(
            lambda m: f"href=\"javascript:__doPostBack('ctl00$pager','Page${m[1]}')\"", html)
    else:
        html = link.sub(r'href="javascript:goPage(\1)"', html)
    html = re.sub(r"转到 <select.*?</select>", "", html, flags=re.DOTALL)
    if kind != "postback_pager":
        return html
    # WebForms wrap the page in one form; here it wraps the pager (the layout's search form
    # cannot be nested in another).
    form = (f'<form name="aspnetForm" method="post" action="news.asp?pid={pid}" id="aspnetForm">'
            '<input type="hidden" name="__EVENTTARGET" value="">'
            '<input type="hidden" name="__EVENTARGUMENT" value="">'
            f'<input type="hidden" name="__VIEWSTATE" value="vs{pid}p{page}">')
    for opening, closing in (('<td align="center" class="a8">', "</td>"),
                             ('<div class="pages">', "</div>")):
        start = html.find(opening)
        if start >= 0:
            start += len(opening)
            end = html.find(closing, start)
            return html[:start] + form + html[start:end] + "</form>" + html[end:]
    return html


def posted_page(form: dict[str, str]) -> int:
    """The page number a postback pager's form asks for (__EVENTARGUMENT `Page$2`)."""
    argument = form.get("__EVENTARGUMENT", "")
    number = argument.rpartition("$")[2]
    return int(number) if number.isdigit() else 1
