"""Why a request failed, in words a person understands; and the failure of a page whose
processing raised an exception (kind `error`)."""

from __future__ import annotations

from http import HTTPStatus

from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadCancelledError,
    DownloadConnectionRefusedError,
    DownloadFailedError,
    DownloadTimeoutError,
    IgnoreRequest,
    ResponseDataLossError,
)
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet.error import (
    ConnectionLost,
    ConnectionRefusedError,
    DNSLookupError,
    TCPTimedOutError,
    TimeoutError,
)
from twisted.web._newclient import ResponseFailed

from portscraper.crawl.items import ArticleItem, FailureItem, ListPageItem

# The reason of a page that robots.txt bars: recorded, not a page lost.
BARRED = "barred by robots.txt"
# The kind of the `failures` row of a page whose processing raised an exception (in a callback,
# an extractor, a pipeline, the store): a defect, which makes the run `failed`.
ERROR = "error"

# (exception types, reason): the first that matches names the failure.
REASONS = [
    ((CannotResolveHostError, DNSLookupError), "the site's name could not be resolved (DNS)"),
    ((DownloadTimeoutError, TimeoutError, TCPTimedOutError), "the site did not answer in time"),
    ((DownloadConnectionRefusedError, ConnectionRefusedError), "the site refused the connection"),
    ((ResponseDataLossError,), "the page arrived shorter than the server announced"),
    ((ResponseFailed, ConnectionLost, DownloadFailedError),
     "the connection broke while the page was being received"),
]


def failure_reason(failure) -> tuple[int | None, str]:
    """(HTTP status or None, a reason a person understands) for a failed request."""
    message = failure.getErrorMessage()
    if failure.check(HttpError):  # (an IgnoreRequest too)
        status = failure.value.response.status
        try:
            phrase = HTTPStatus(status).phrase
        except ValueError:
            phrase = ""
        return status, f"HTTP {status} {phrase}".strip()
    if failure.check(DownloadCancelledError, IgnoreRequest) and (
            "max size" in message or "DOWNLOAD_MAXSIZE" in message):
        return None, "the page is larger than the size limit (DOWNLOAD_MAXSIZE)"
    if failure.check(IgnoreRequest) and "robots.txt" in message:
        # Scrapy's RobotsTxtMiddleware: not lost, and not asked for again while robots.txt
        # bars it (health.is_barred, Archive.failed_urls).
        return None, BARRED
    if failure.check(IgnoreRequest) and "max redirections" in message:
        # Scrapy's RedirectMiddleware, after REDIRECT_MAX_TIMES redirects to ever new URLs.
        return None, "a redirect loop: more redirects than REDIRECT_MAX_TIMES"
    if failure.check(IgnoreRequest):
        # portscraper's own reasons (middlewares.RedirectGuardMiddleware) are written for people
        return None, message
    for types, reason in REASONS:
        if failure.check(*types):
            return None, reason
    return None, f"{failure.type.__name__}: {message}"


def error_failure(exception: BaseException, page: str, url: str, request_url: str = "",
                  referer: str = "", section_url: str = "") -> FailureItem:
    """The FailureItem (kind ERROR) of a page whose processing raised `exception`. page: what
    the page was ("article", "list", "home", a requisite's kind): the reason says it, in
    `while the article was processed`, which is how Archive.failed_urls finds the articles to
    ask for again (a list page's section is unwalked by section_url instead)."""
    message = str(exception).strip().splitlines()[0] if str(exception).strip() else ""
    return FailureItem(
        url=url, request_url=request_url, kind=ERROR, error=type(exception).__name__,
        reason=f"{type(exception).__name__}{': ' + message if message else ''} (raised while "
               f"the {page or 'page'} was processed: a defect; the traceback is in the log)",
        referer=referer, section_url=section_url)


def error_of_item(item, exception: BaseException) -> FailureItem:
    """The FailureItem (kind ERROR) of an item whose processing in a pipeline or in storage
    raised `exception` (the item_error signal): the page it came from is the one lost."""
    if isinstance(item, ArticleItem):
        return error_failure(exception, "article", item.url, request_url=item.request_url,
                             referer=item.list_url)
    if isinstance(item, ListPageItem):
        return error_failure(exception, "list", item.url, section_url=item.section_url)
    return error_failure(exception, getattr(item, "kind", "") or "page",
                         getattr(item, "url", ""), request_url=getattr(item, "request_url", ""))
