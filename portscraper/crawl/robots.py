"""robots.txt read to a bound: ROBOTSTXT_MAXSIZE bytes (default 500 KiB).

Scrapy's RobotsTxtMiddleware parses the whole body it is given: a 6 MB robots.txt cost 434 MB
and seconds on every request's check (issue 25). RFC 9309 (2.5) lets a crawler stop parsing
past a limit of at least 500 kibibytes, and Google reads no further either; what lies beyond is
ignored. So this downloader middleware cuts the robots.txt response Scrapy's middleware asked
for (its request carries `dont_obey_robotstxt`) to its first ROBOTSTXT_MAXSIZE bytes, at the
last whole line, before it is parsed: the rules written first apply, a line cut in two does
not. The download itself stays bounded by DOWNLOAD_MAXSIZE. The cut is logged and said in the
run's summary line (stats `portscraper/cap/ROBOTSTXT_MAXSIZE`, runs/verdict.py).
"""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

logger = logging.getLogger(__name__)

DEFAULT_MAXSIZE = 500 * 1024
CAP_STAT = "portscraper/cap/ROBOTSTXT_MAXSIZE"


def cut(body: bytes, most: int) -> bytes:
    """The first `most` bytes of a robots.txt, ending at its last whole line (nothing when
    the first line alone is longer)."""
    if len(body) <= most:
        return body
    head = body[:most]
    end = max(head.rfind(b"\n"), head.rfind(b"\r"))
    return head[:end + 1] if end >= 0 else b""


class RobotsTxtSizeMiddleware:
    def __init__(self, maxsize: int, stats):
        self.maxsize = maxsize
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.settings.getint("ROBOTSTXT_MAXSIZE", DEFAULT_MAXSIZE), crawler.stats)

    def process_response(self, request, response, spider=None):
        if not (request.meta.get("dont_obey_robotstxt")
                and urlsplit(request.url).path == "/robots.txt"
                and len(response.body) > self.maxsize):
            return response
        size = len(response.body)
        body = cut(response.body, self.maxsize)
        host = urlsplit(request.url).netloc
        logger.warning("robots.txt of %s is %d bytes, past ROBOTSTXT_MAXSIZE (%d): its first "
                       "%d bytes are obeyed, the rest ignored (RFC 9309 2.5)",
                       host, size, self.maxsize, len(body))
        self.stats.set_value(CAP_STAT, f"robots.txt of {host} read to its first "
                             f"{self.maxsize // 1024} KB of {size // 1024} KB "
                             "(ROBOTSTXT_MAXSIZE)")
        return response.replace(body=body)
