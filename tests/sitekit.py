"""Small sites of invented pages on 127.0.0.1, for crawl tests of one navigation trait each.

    site = StaticSite({"/": home, "/list.asp?lb=2": listing, "/view.asp?2201": article})
    with site:
        run_crawl(tmp_path, f"base_url={site.url}")
    site.requests  # ["GET /robots.txt", "GET /", "GET /list.asp?lb=2", ...]

Paths are matched exactly as the client sends them (raw path and query, percent-escapes and
all), as an old server's script reads its query string: a crawler that writes a link otherwise
than a browser does gets a 404. A POST route is keyed "POST /path?query". A route is a page, a
(status, html) pair, or a function of the form received (GET: {}) that returns one (None: 404).
Pages are encoded in the site's encoding, which the Content-Type header declares.

The page builders below write one plain template (a table layout of an imaginary group, 南港集团)
that the extractors read; tests vary the parts under test (links, menus, pagers).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl

Page = str | tuple[int, str]
Route = Page | Callable[[dict[str, str]], Page | None]


class StaticSite:
    def __init__(self, routes: dict[str, Route], encoding: str = "utf-8"):
        self.routes = routes
        self.encoding = encoding
        self.requests: list[str] = []
        self._server: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}/"

    def __enter__(self) -> StaticSite:
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.0"

            def log_message(self, *args):
                pass

            def do_GET(self):
                site.requests.append(f"GET {self.path}")
                route = site.routes.get(self.path)
                self._answer(route({}) if callable(route) else route)

            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length).decode("latin-1")
                form = dict(parse_qsl(body, keep_blank_values=True, encoding=site.encoding))
                site.requests.append(f"POST {self.path} {body}")
                route = site.routes.get(f"POST {self.path}")
                self._answer(route(form) if callable(route) else route)

            def _answer(self, page: Page | None):
                status, html = page if isinstance(page, tuple) else (200, page)
                if page is None:
                    status, html = 404, "<html><body>404 Not Found</body></html>"
                body = html.encode(site.encoding)
                self.send_response(status)
                self.send_header("Content-Type", f"text/html; charset={site.encoding}")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._server.server_close()

    def requested(self, method_and_path: str) -> bool:
        return any(r == method_and_path or r.startswith(method_and_path + " ")
                   for r in self.requests)


# --- page builders ---------------------------------------------------------------------------

SITE_NAME = "南港集团"
MENU = ('<a href="/">网站首页</a> | <a href="/about.asp">公司概况</a> | '
        '<a href="{news}">公司新闻</a> | <a href="/hr.asp">人才招聘</a>')


def layout(title: str, content: str, menu: str | None = None, news: str = "/list.asp?lb=2",
           head: str = "") -> str:
    """A whole page: the menu row above, the content cell, the copyright row below."""
    menu = MENU.format(news=news) if menu is None else menu
    return (f"<html><head><title>{title}_{SITE_NAME}</title>{head}</head><body>"
            f'<table width="960"><tr><td class="nav">{menu}</td></tr>'
            f"<tr><td>{content}</td></tr>"
            f"<tr><td>版权所有 {SITE_NAME} 2022</td></tr></table></body></html>")


def home_page(menu: str | None = None, news: str = "/list.asp?lb=2") -> str:
    return layout("首页", "<p>欢迎光临</p>", menu=menu, news=news)


def list_page(items: list[tuple[str, str, str]], pager: str = "", news: str = "/list.asp?lb=2",
              menu: str | None = None) -> str:
    """items: (href as written in the page, link text, date); extra attributes may follow the
    href inside its quotes' closing, e.g. 'view.asp?7" title="..."'."""
    return layout("公司新闻", f'<div>当前位置：<a href="/">首页</a> &gt;&gt; 公司新闻</div>'
                  f"{list_rows(items)}<div>{pager}</div>", menu=menu, news=news)


def list_rows(items: list[tuple[str, str, str]]) -> str:
    rows = "".join(f'<tr><td>·<a href="{href}">{text}</a></td><td>{date}</td></tr>'
                   for href, text, date in items)
    return f'<table class="lb">{rows}</table>'


def article_page(title: str, date: str, paragraphs: list[str], after: str = "",
                 news: str = "/list.asp?lb=2") -> str:
    """An article: breadcrumb, title, date line, paragraphs, then `after` (a pager, 返回)."""
    body = "".join(f"<p>　　{p}</p>" for p in paragraphs)
    return layout(title, f'<div>当前位置：<a href="/">首页</a> &gt;&gt; '
                  f'<a href="{news}">公司新闻</a></div>'
                  f"<h1>{title}</h1><div>日期：{date}　来源：本站</div>"
                  f'<div class="text">{body}</div>{after}', news=news)


# Paragraphs long enough for an article body.
PARAS = ["南港集团各部门按照年度计划有序推进各项工作，确保全年目标任务顺利完成。",
         "会议强调，要进一步压实责任，细化措施，推动各项工作落到实处。"]


def split_article_site() -> dict[str, Route]:
    """A site with an article split over three pages (its pager inside the text, the editor's
    credit under it) and a plain one: for what reads stored or captured pages again (reparse,
    import), which must find the following pages as a crawl does."""
    title = "南港集团发布2022年度社会责任报告"
    paragraphs = ["4月14日，南港集团发布2022年度社会责任报告，全面展示安全生产、绿色发展等实践。",
                  "报告第二部分介绍了集团在节能减排方面的举措，全年新增岸电设施四套，减少排放。",
                  "报告最后对2023年的社会责任工作作出展望，提出推进绿色港口建设的具体目标。"]

    def page(n: int) -> str:
        links = " ".join(f'<a href="view.asp?id=52&page={k}">{k}</a>' if k != n else f"第{k}页"
                         for k in (1, 2, 3))
        nxt = f' <a href="view.asp?id=52&page={n + 1}">下一页</a>' if n < 3 else ""
        return article_page(title, "2022-11-08", [paragraphs[n - 1]]).replace(
            "</p></div>", f"</p><p>{links}{nxt}</p><p>（责任编辑：王喆）</p></div>", 1)

    plain = "南港集团召开四季度经营分析会"
    return {
        "/": home_page(),
        "/list.asp?lb=2": list_page([("view.asp?id=52", title, "2022-11-08"),
                                     ("view.asp?id=51", plain, "2022-11-03")]),
        "/view.asp?id=51": article_page(plain, "2022-11-03", PARAS),
        "/view.asp?id=52": page(1), "/view.asp?id=52&page=2": page(2),
        "/view.asp?id=52&page=3": page(3),
    }
