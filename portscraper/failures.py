"""Why a request failed, in words a person understands."""

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
    if failure.check(IgnoreRequest):
        # portscraper's own reasons (middlewares.RedirectGuardMiddleware) are written for people
        return None, message
    for types, reason in REASONS:
        if failure.check(*types):
            return None, reason
    return None, f"{failure.type.__name__}: {message}"
