"""The item types the spiders yield.

Dataclasses rather than scrapy.Item so that the extraction code (which must not import Scrapy)
and the tests can build and compare them; Scrapy's itemadapter handles dataclasses natively.

Field contract (what `portscraper.extract.article.extract_article` returns, as a dict):

- url: the page's URL (the spider and the pipelines make it the canonical URL, the archive's key).
- kicker: the 引题 line above the title, as printed; "" when there is none.
- title: the full title from the article page, as printed.
- subtitle: the 副题 line (often starting with ——), as printed without the dashes; "" when none.
- published: ISO date "YYYY-MM-DD", or "YYYY-MM-DDTHH:MM[:SS]" when the page gives a time; "" when
  the page shows none.
- section: the article's section as the breadcrumb prints it (the last crumb that is not the
  article itself), e.g. "集团新闻" or "集團新聞".
- breadcrumb: the crumbs after the 您的位置 label, as printed,
  e.g. ["首页", "新闻中心", "集团新闻"].
- byline: the correspondent/author names as printed, several names separated by one space
  ("吴超", "黎祖声", "张三 李四"); "" when there is none.
- credits: mapping of role label (inner spaces removed, as printed: "通讯员", "编辑", "审校",
  "审核", "摄影", ...) to the list of names.
- body: plain text, one paragraph per line ("\n" between paragraphs), each paragraph stripped of
  surrounding white space (ASCII, full-width and no-break spaces). Without the credits block,
  the closing "(吴超)" / "（通讯员：黎祖声）" credit, image captions, 上一篇/下一篇, 返回, menus,
  footer, hit counters. A notice's 附件：label lines are part of its text and stay.
- body_html: the article's own HTML (the body region), cleaned of scripts, styles and handlers.
- images: list of {"url": absolute URL, "caption": caption text or ""}.
- attachments: list of {"url": absolute URL, "label": link text}; doc, docx, pdf, xls, xlsx,
  ppt, pptx, zip, rar, wps links.
- language: "zh-Hans", "zh-Hant" or "en" (an English machine-translated copy).
- evidence: where each field was read from, for tracing a wrong field: {"title", "published",
  "byline", "body", "section"} -> "page" (a visible line), "page+head" (a visible line the head
  agrees with), "page:<where>" (page:above-date, page:header, page:dateline, page:body-start,
  page:body-end, page:text), "head:<tag>" (a <meta> tag, json-ld or title), "url", or ""
  (nothing found). Not part of the article's content.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class ArticleItem:
    url: str
    title: str = ""
    kicker: str = ""
    subtitle: str = ""
    published: str = ""
    section: str = ""
    breadcrumb: list[str] = field(default_factory=list)
    byline: str = ""
    credits: dict[str, list[str]] = field(default_factory=dict)
    body: str = ""
    body_html: str = ""
    images: list[dict[str, str]] = field(default_factory=list)
    attachments: list[dict[str, str]] = field(default_factory=list)
    language: str = ""
    evidence: dict[str, str] = field(default_factory=dict)
    # Where the crawl found it; not part of the article's content. request_url: the URL as
    # requested (a browser's form of the link), which the canonical `url` may not answer.
    request_url: str = ""
    site: str = ""
    list_url: str = ""
    fetched_at: str = ""
    # Set by the archive: the snapshot the fields were parsed from, and the stored article this
    # item is (None: a new one).
    snapshot_id: int | None = None
    article_id: int | None = None
    # How the stored article was found (portscraper.crawl.pipelines.dedupe): "url"; "moved" (the
    # same
    # page at the site's new address: http/https, www., SITE_ALIASES); "double post" (the same
    # title and text under another id); "" for a new one.
    found_by: str = ""


@dataclass
class FailureItem:
    """A page that could not be fetched (after retries) or read."""

    url: str  # canonical: the archive's key
    reason: str
    kind: str = ""  # what the page was to be: "article", "list" or "home"
    status: int | None = None
    error: str = ""
    referer: str = ""
    request_url: str = ""  # as requested: what the next run asks for again
    # A list page's section (the canonical URL of its first page): the section stays unwalked,
    # so the next run walks it in full and asks for this page again.
    section_url: str = ""
    # Why the answer says an archived article is gone ("HTTP 404", 'a "not found" page',
    # "redirected to the home page"): evidence of a take-down (portscraper/archive/takedowns.py),
    # not
    # a page lost. "" for any other failure (a timeout or a 5xx never says gone).
    gone: str = ""


@dataclass
class ListPageItem:
    """A list page read: what it says its list holds (extract/list_count.py) and the articles
    it shows (canonical URLs), for the completeness of its section
    (portscraper/archive/completeness.py)."""

    url: str
    section_url: str
    section: str = ""
    number: int | None = None
    pages: int | None = None
    total: int | None = None
    per_page: int | None = None
    count_text: str = ""
    entries: list[str] = field(default_factory=list)
