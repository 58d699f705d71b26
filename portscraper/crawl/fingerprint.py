"""Which requests ask for the same page: Scrapy's request fingerprinter, keyed by the archive's
key instead of the URL as requested.

The spider requests a link as a browser would (`show.asp?3101`, session ids and a sidebar's extra
parameters included: `more.asp?id=3246&pid=12&sid=8F3A`). Two such requests ask for the same
page when their keys are equal, with the same method and body. The key is the canonical URL
(portscraper.extract.urls.canonical_url: no session ids) and, for an article, its id only: the
spider
says which (`request_key`). Scrapy's duplicate filter then fetches each page once, as when the
spider requested canonical URLs. (Scrapy's own fingerprint canonicalizes the URL too, but keeps
session ids and extra parameters.)
"""

from __future__ import annotations

import hashlib
import json
from weakref import WeakKeyDictionary

from portscraper.extract.urls import canonical_url


class KeyFingerprinter:
    def __init__(self, crawler=None):
        self.crawler = crawler
        self._cache: WeakKeyDictionary = WeakKeyDictionary()

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def fingerprint(self, request) -> bytes:
        if request not in self._cache:
            spider = getattr(self.crawler, "spider", None)
            key_of = getattr(spider, "request_key", None)
            key = key_of(request) if key_of else canonical_url(request.url)
            data = json.dumps([request.method, key, (request.body or b"").hex()])
            self._cache[request] = hashlib.sha1(data.encode()).digest()
        return self._cache[request]
