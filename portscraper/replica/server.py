"""A local HTTP server that behaves like the group's old IIS/ASP site.

Stdlib only (http.server), one daemon thread, any free port. It keeps the state an old CMS has:
hit counters that grow on every view, and one article whose first two fetches fail with 503.
Every request is recorded so tests can check what a spider fetched (robots.txt, /admin/ ...).
"""

from __future__ import annotations

import gzip
import hashlib
import secrets
import threading
import time
from email.utils import formatdate
from functools import lru_cache
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from . import faults as F
from .data import Site, build_site
from .families import family_site
from .faults import FaultPlan
from .images import image_bytes
from .render import SiteRenderer, error_page

STATIC = Path(__file__).parent / "static"
ROBOTS = "User-agent: *\r\nDisallow: /admin/\r\nDisallow: /search.asp\r\n"
FLAKY_FAILURES = 2  # how many times the flaky article answers 503 before it answers 200
STATIC_TYPES = {".css": "text/css", ".js": "application/x-javascript"}
UPLOAD_TYPES = {".jpg": "image/jpeg", ".gif": "image/gif", ".png": "image/png",
                ".doc": "application/msword", ".xls": "application/vnd.ms-excel",
                ".pdf": "application/pdf"}
# A 1x1 transparent GIF for the layout's decoration images.
PIXEL_GIF = (b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00"
             b"\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;")


@lru_cache(maxsize=512)
def placeholder(path: str) -> bytes:
    """A file of the replica's uploads or layout: images are real small pictures a browser
    draws (images.py: a port's photo, or the layout's decoration); other files small bytes
    with the right magic number, the path embedded so that files differ."""
    tag = path.encode()
    ext = Path(path).suffix.lower()
    if ext in (".jpg", ".jpeg", ".gif", ".png"):
        return image_bytes(path)
    if ext == ".pdf":
        return b"%PDF-1.4\n% placeholder " + tag + b"\n%%EOF\n"
    if ext in (".doc", ".xls"):
        return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + tag
    return PIXEL_GIF


class ReplicaServer:
    """The replica site on http://host:port/ (port 0: any free port)."""

    def __init__(self, site: Site | None = None, layout: str = "table",
                 script: str = "simplified", host: str = "127.0.0.1", port: int = 0,
                 traps: bool = False, page_size: int | None = None, latency: float = 0.0,
                 family: str | None = None):
        self.site = site or build_site()
        # Another CMS family's site (families/): its own URLs, markup and pagination, the same
        # content; None: the Maoming site's old ASP CMS.
        self.family = family_site(family, self.site, **(
            {"page_size": page_size} if page_size else {})) if family else None
        # Faults to inject (see faults.py), and crawler traps in the pages: a calendar whose
        # month links never end, and session ids in every link.
        self.faults = FaultPlan()
        self.traps = traps
        self.renderer = SiteRenderer(self.site, layout=layout, script=script,
                                     **({"page_size": page_size} if page_size else {}))
        self.host, self.port = host, port
        self.requests: list[tuple[str, str]] = []
        # (Host header, path) of each request, in order: which address of a site that moved
        # was asked for (requests holds paths alone).
        self.hosts: list[tuple[str, str]] = []
        # What was sent, as it went over the wire: (path, status line and headers, payload),
        # for the tests that compare an archive's fetches with what the server sent.
        self.sent: list[tuple[str, bytes, bytes]] = []
        # Who asked (the User-Agent headers seen), and the most requests served at once.
        self.user_agents: set[str] = set()
        self.in_flight = self.most_in_flight = 0
        self.latency = latency  # seconds each request waits before its answer starts
        self.hits = {a.id: a.hits for a in self.site.articles}
        self.failures = {a.id: 0 for a in self.site.with_status("flaky")}
        self.uploads = {path for a in self.site.articles for path, _ in a.images + a.attachments}
        self.lock = threading.Lock()
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        if self._httpd is None:
            raise RuntimeError("server not started")
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}/"

    def start(self) -> str:
        handler = type("Handler", (ReplicaHandler,), {"replica": self})
        self._httpd = ThreadingHTTPServer((self.host, self.port), handler)
        # A short poll interval so that stop() returns quickly.
        self._thread = threading.Thread(target=self._httpd.serve_forever, args=(0.05,),
                                        name="replica", daemon=True)
        self._thread.start()
        return self.url

    def stop(self) -> None:
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._thread.join(timeout=5)
            self._httpd = None

    def __enter__(self) -> ReplicaServer:
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def _current_uploads(self) -> set[str]:
        return {path.lower() for a in self.site.articles for path, _ in a.images + a.attachments}

    def paths(self) -> list[str]:
        with self.lock:
            return [path for _method, path in self.requests]

    # ---- what a request gets: (status, content type, body) --------------------------------

    def respond(self, path: str, query: dict[str, str]) -> tuple[int, str, bytes]:
        path = path.lower()  # IIS does not care about case
        if path == "/robots.txt":
            return 200, "text/plain", ROBOTS.encode("ascii")
        if self.family is not None:
            return self.family.respond(path, query)
        if path.startswith(("/css/", "/js/")):
            file = STATIC / path.lstrip("/")
            if file.is_file():
                return 200, STATIC_TYPES.get(file.suffix, "text/plain"), file.read_bytes()
            return self._page(404, None)
        if path.startswith("/images/"):
            return 200, UPLOAD_TYPES.get(Path(path).suffix, "image/gif"), placeholder(path)
        if path.startswith("/uploadfile/"):
            if path not in self.uploads and path not in self._current_uploads():
                return self._page(404, None)
            return 200, UPLOAD_TYPES[Path(path).suffix], placeholder(path)
        return self._page(*self._asp(path, query))

    def _asp(self, path: str, query: dict[str, str]) -> tuple[int, str | None]:
        r = self.renderer
        if path in ("/", "/index.asp", "/default.asp"):
            return 200, r.home()
        if path == "/news.asp":
            return self._found(r.section_list(_int(query.get("pid")), _int(query.get("page"), 1)))
        if path == "/more.asp":
            return self._article(_int(query.get("id")))
        if path == "/about.asp":
            return self._found(r.info_page(_int(query.get("pid"))))
        if path == "/job.asp":
            return self._found(r.job(_int(query["id"])) if "id" in query else r.jobs())
        if path == "/message.asp":
            return 200, r.messages()
        if path == "/search.asp":
            return 200, r.search(query.get("keyword", ""))
        if path.startswith("/admin/"):
            return 200, r.admin_login()
        return 404, None

    def _article(self, article_id: int) -> tuple[int, str | None]:
        art = self.site.article(article_id)
        if art is None or art.status in ("missing", "removed"):
            return 404, None
        with self.lock:
            if art.id in self.failures and self.failures[art.id] < FLAKY_FAILURES:
                self.failures[art.id] += 1
                return 503, None
            # Articles added while the server runs (replica.evolve) start from their own count.
            hits = self.hits[art.id] = self.hits.get(art.id, art.hits) + 1
        return 200, self.renderer.article(art, hits)

    @staticmethod
    def _found(html: str | None) -> tuple[int, str | None]:
        return (200, html) if html is not None else (404, None)

    @staticmethod
    def _page(status: int, html: str | None) -> tuple[int, str, bytes]:
        # Declared gb2312 in the page, encoded GB18030 so names outside GB2312 survive; the
        # header carries no charset, like many old IIS servers.
        return status, "text/html", (html or error_page(status)).encode("gb18030")


def _int(value: str | None, default: int = 0) -> int:
    try:
        return int(value or "")
    except ValueError:
        return default


class ReplicaHandler(BaseHTTPRequestHandler):
    replica: ReplicaServer  # set on the per-server subclass

    server_version = "Microsoft-IIS/6.0"
    sys_version = ""

    def version_string(self) -> str:
        return self.server_version

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the base class's name
        pass  # quiet: tests and the demo do not want a stderr line per request

    def do_GET(self) -> None:
        self._serve(send_body=True)

    def do_HEAD(self) -> None:
        self._serve(send_body=False)

    def do_POST(self) -> None:
        with self.replica.lock:
            self.replica.requests.append(("POST", self.path))
            self.replica.hosts.append((self.headers.get("Host") or "", self.path))
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode("latin-1")
        parts = urlsplit(self.path)
        fault = self.replica.faults.take(self.path)
        if fault is not None and fault.kind == "postback_pager" \
                and parts.path.lower() == "/news.asp":
            # The list's form posted by its pager: the page its __EVENTARGUMENT asks for.
            query = {k: v[0] for k, v in _parse_query(parts.query).items()}
            form = {k: v[0] for k, v in _parse_query(body).items()}
            query["page"] = str(F.posted_page(form))
            if self._inject(fault, parts.path, query):
                return
        self.send_response(HTTPStatus.FOUND)
        self.send_header("Location", "/message.asp")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _serve(self, send_body: bool) -> None:
        with self.replica.lock:
            self.replica.requests.append((self.command, self.path))
            self.replica.hosts.append((self.headers.get("Host") or "", self.path))
            self.replica.user_agents.add(self.headers.get("User-Agent") or "")
            self.replica.in_flight += 1
            self.replica.most_in_flight = max(self.replica.most_in_flight,
                                              self.replica.in_flight)
        # Requests are counted as in flight until their answer starts: a client that waits for
        # each answer before it asks again is never seen twice at once, however fast it is.
        time.sleep(self.replica.latency)
        with self.replica.lock:
            self.replica.in_flight -= 1
        self._answer(send_body)

    def _answer(self, send_body: bool) -> None:
        parts = urlsplit(self.path)
        query = {k: v[0] for k, v in _parse_query(parts.query).items()}
        fault = self.replica.faults.take(self.path)
        if fault is not None and self._inject(fault, parts.path, query):
            return
        status, content_type, body = self.replica.respond(parts.path, query)
        if self.replica.traps and content_type == "text/html":
            body = add_traps(body, parts.path, query)
        # An article sent gzip-encoded to a client that accepts it, as IIS's dynamic compression
        # does (the archive keeps the payload as transferred, and the page decoded).
        gzipped = (parts.path.lower() == "/more.asp" and status == 200
                   and "gzip" in (self.headers.get("Accept-Encoding") or ""))
        if gzipped:
            body = gzip.compress(body, mtime=0)
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        if gzipped:
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Vary", "Accept-Encoding")
        if parts.path.lower().endswith(".asp") or parts.path == "/":
            self.send_header("X-Powered-By", "ASP.NET")
            if "ASPSESSIONID" not in (self.headers.get("Cookie") or ""):
                # Like ASP: a session cookie for a client that does not send one back.
                self.send_header("Set-Cookie", f"ASPSESSIONIDQSCTRDTA={_session_id()}; path=/")
            self.send_header("Cache-Control", "private")
            if parts.path.lower() == "/news.asp":
                # A second cookie, another header between the two: order and repeats matter.
                self.send_header("Set-Cookie", "ListStyle=table; path=/")
        elif status == 200:
            self.send_header("Last-Modified", formatdate(1704067200, usegmt=True))
            self.send_header("ETag", '"' + hashlib.md5(body).hexdigest()[:16] + '"')
        if status == 503:
            self.send_header("Retry-After", "1")
        self.end_headers()
        if send_body:
            self.wfile.write(body)
        with self.replica.lock:
            self.replica.sent.append((self.path, self._head, body if send_body else b""))

    def end_headers(self) -> None:
        # BaseHTTPRequestHandler's, keeping the head as written (the replica's `sent`).
        self._headers_buffer.append(b"\r\n")
        self._head = b"".join(self._headers_buffer)
        self.flush_headers()


    def _inject(self, fault: F.Fault, path: str, query: dict[str, str]) -> bool:
        """Answer with the fault; False when the fault only changes the page (served below)."""
        kind = fault.kind
        html_type = {"Content-Type": "text/html"}
        if kind == "reset":
            F.reset_connection(self)
        elif kind == "timeout":
            time.sleep(fault.seconds)
            self.close_connection = True
        elif kind in ("stall", "short"):
            _, _, body = self.replica.respond(path, query)
            if kind == "stall":
                F.stall(self, body[: len(body) // 2], fault.seconds, len(body))
            else:
                F.send_raw(self, 200, html_type, body[: len(body) // 2], announce=len(body))
                self.close_connection = True
        elif kind == "status":
            headers = {**html_type, **({"Retry-After": fault.retry_after}
                                       if fault.retry_after else {})}
            F.send_raw(self, fault.status, headers, error_page(fault.status).encode("gb18030"))
        elif kind.startswith("redirect"):
            target = {"redirect_loop": self.path, "redirect_home": "/",
                      "redirect_offsite": "http://mirror.invalid" + self.path}[kind]
            F.send_raw(self, 302, {**html_type, "Location": target}, b"")
        elif kind == "huge":
            _, _, body = self.replica.respond(path, query)
            padding = b"<!-- " + b"x" * max(0, fault.size - len(body)) + b" -->"
            F.send_raw(self, 200, html_type, body.replace(b"</body>", padding + b"</body>"))
        elif kind == "gzip_bomb":
            F.send_raw(self, 200, {**html_type, "Content-Encoding": "gzip"},
                       F.inflating_body(fault.size))
        elif kind == "binary":
            F.send_raw(self, 200, {"Content-Type": "application/octet-stream"}, F.random_bytes())
        elif kind == "empty":
            F.send_raw(self, 200, html_type, b"")
        elif kind == "not_found_page":
            F.send_raw(self, 200, html_type, F.NOT_FOUND_PAGE.encode("gb18030"))
        else:
            return self._inject_into_page(fault, path, query)
        return True

    def _inject_into_page(self, fault: F.Fault, path: str, query: dict[str, str]) -> bool:
        status, html = self.replica._asp(path.lower(), query)
        if html is None:
            return False
        art = self.replica.site.article(_int(query.get("id")))
        encoding, header = "gb18030", "text/html"
        if fault.kind in ("postback_pager", "script_pager"):
            html = F.repage(html, _int(query.get("pid")), fault.kind, _int(query.get("page"), 1))
        if fault.kind == "malformed":
            F.send_raw(self, status, {"Content-Type": header},
                       F.mangle_html(html.encode("gb18030")))
            return True
        if fault.kind == "no_title" and art:
            html = html.replace(art.title, "")
        elif fault.kind == "no_date" and art:
            html = F.remove_date(html, art.day)
        elif fault.kind == "wrong_charset":
            html = html.replace("charset=gb2312", "charset=utf-8")
            header = "text/html; charset=utf-8"
        elif fault.kind == "hostile" and art:
            html = html.replace(art.paragraphs[0], art.paragraphs[0] + F.HOSTILE, 1)
        elif fault.kind == "mixed_encoding" and art and len(art.paragraphs) > 1:
            para = art.paragraphs[1]
            before, _, after = html.partition(para)
            body = before.encode("gb18030") + para.encode("utf-8") + after.encode("gb18030")
            F.send_raw(self, status, {"Content-Type": header}, body)
            return True
        F.send_raw(self, status, {"Content-Type": header}, html.encode(encoding))
        return True


def add_traps(body: bytes, path: str, query: dict[str, str]) -> bytes:
    """A calendar of months on list pages whose links never end, and a session id in every
    link, as some old CMSes add when cookies are off."""
    sid = _session_id()[:8]
    body = body.replace(b'.asp?', b'.asp?sid=' + sid.encode() + b'&')
    if path.lower() == "/news.asp":
        month = _int(query.get("month"), 0)
        calendar = (f'<div class="calendar">日历：<a href="news.asp?pid={query.get("pid", "")}'
                    f'&month={month - 1}">上月</a> <a href="news.asp?pid={query.get("pid", "")}'
                    f'&month={month + 1}">下月</a></div>').encode("gb18030")
        body = body.replace(b"</body>", calendar + b"</body>")
    return body


def _parse_query(query: str) -> dict[str, list[str]]:
    # Browsers encode form input in the page's charset (GBK); links written by hand may be UTF-8.
    try:
        return parse_qs(query, keep_blank_values=True, errors="strict")
    except UnicodeDecodeError:
        return parse_qs(query, keep_blank_values=True, encoding="gb18030")


def _session_id() -> str:
    return secrets.token_hex(12).upper()
