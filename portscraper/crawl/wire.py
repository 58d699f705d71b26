"""Each HTTP exchange as it went over the wire: the request's head as sent, the response's
status line and headers as received, kept beside what Scrapy makes of them.

Scrapy's Response does not keep what the server sent: Twisted's parser lower-cases header
names (Scrapy then capitalises them: `ETag` becomes `Etag`), groups repeated headers by name
(their interleaving is lost), keeps the connection headers (Content-Length, Transfer-Encoding,
Connection, Keep-Alive) apart where Scrapy never sees them, and Scrapy keeps no reason phrase.
So the download handler here is Scrapy's own HTTP/1.1 handler (DOWNLOAD_HANDLERS, http and
https) with two recordings added:

- the response parser (Scrapy's lenient one) records every line of the response's head, bytes
  as received with their line ends, up to and including the blank line that ends it;
- the connection protocol records the bytes it writes for a request's head (the request line
  and every header Twisted writes: Host, Connection, and those Scrapy's middlewares set, the
  User-Agent, Accept-Encoding and Cookie among them).

Both reach the downloader middlewares in request.meta["wire"] (a `Wire`), set before any of
them sees the response; ReceivedMiddleware (middlewares.py) takes them with the payload as
transferred. Exact: the bytes of both heads. Not exact: a chunked payload is de-chunked by
Twisted before anyone sees it (the head still says `Transfer-Encoding: chunked`).

Built on Scrapy's private classes of scrapy.core.downloader.handlers.http11 (Scrapy is pinned
in constraints.txt); tests/crawl/test_wire.py fails when a Scrapy upgrade breaks the recording.
"""

from __future__ import annotations

from dataclasses import dataclass

from scrapy.core.downloader.handlers import http11
from scrapy.utils.defer import maybe_deferred_to_future

# What the parser and the protocol attach to Twisted's response object.
_HEAD = "_portscraper_head"
_SENT = "_portscraper_sent"


@dataclass
class Wire:
    """request_head: the request's head as written (request line, headers, blank line), bytes;
    response_head: the response's status line and headers as received, through the blank
    line, bytes (either b"" when not recorded)."""

    request_head: bytes = b""
    response_head: bytes = b""


class RecordingParser(http11._LenientHTTPClientParser):
    """Scrapy's parser, recording the head's lines (LineReceiver hands them over without their
    `\\n`; a `\\r` before it stays in the line)."""

    def lineReceived(self, line: bytes) -> None:
        lines = self.__dict__.setdefault("_portscraper_lines", [])
        lines.append(line + b"\n")
        if not line.removesuffix(b"\r") and getattr(self, "response", None) is not None:
            setattr(self.response, _HEAD, b"".join(lines))
        super().lineReceived(line)


class RecordingProtocol(http11._LenientHTTP11ClientProtocol):
    def request(self, request):
        sent: list[bytes] = []
        transport = self.transport
        write, write_sequence = transport.write, transport.writeSequence

        def record(data):
            sent.append(data)
            write(data)

        def record_sequence(data):
            sent.extend(data)
            write_sequence(data)

        transport.write, transport.writeSequence = record, record_sequence
        try:
            deferred = super().request(request)
        finally:
            # The instance attributes go: the transport's own methods are found again.
            del transport.write, transport.writeSequence
        self._parser.__class__ = RecordingParser
        raw = b"".join(sent)
        head = raw[:raw.find(b"\r\n\r\n") + 4] if b"\r\n\r\n" in raw else raw

        def attach(response):
            setattr(response, _SENT, head)
            return response

        return deferred.addCallback(attach)


class RecordingFactory(http11._LenientHTTP11ClientFactory):
    def buildProtocol(self, addr):
        return RecordingProtocol(self._quiescentCallback)


class RecordingAgent(http11._ScrapyAgent):
    def _cb_bodyready(self, txresponse, request):
        request.meta["wire"] = Wire(getattr(txresponse, _SENT, b""),
                                    getattr(txresponse, _HEAD, b""))
        return super()._cb_bodyready(txresponse, request)


class RecordingDownloadHandler(http11.HTTP11DownloadHandler):
    """Scrapy's HTTP/1.1 handler with the exchange recorded (see the module's docstring)."""

    def __init__(self, crawler):
        super().__init__(crawler)
        self._pool._factory = RecordingFactory

    async def download_request(self, request):
        # HTTP11DownloadHandler.download_request, with RecordingAgent for _ScrapyAgent.
        agent = RecordingAgent(
            contextFactory=self._contextFactory, bindAddress=self._bind_address,
            pool=self._pool,
            maxsize=getattr(self._crawler.spider, "download_maxsize", self._default_maxsize),
            warnsize=getattr(self._crawler.spider, "download_warnsize",
                             self._default_warnsize),
            fail_on_dataloss=self._fail_on_dataloss, crawler=self._crawler,
            tls_verbose_logging=self._tls_verbose_logging)
        request.meta.pop("wire", None)  # a retry's or a redirect's copy of the meta
        try:
            with http11.wrap_twisted_exceptions():
                return await maybe_deferred_to_future(agent.download_request(request))
        except http11.ResponseDataLossError:
            if not self._fail_on_dataloss_warned:
                http11.logger.warning(http11.get_dataloss_msg(request.url))
                self._fail_on_dataloss_warned = True
            raise


def status_line(head: bytes) -> tuple[str, int, str]:
    """(protocol, status, reason) of a response head's first line: `HTTP/1.0 200 OK` ->
    ('HTTP/1.0', 200, 'OK'); a missing reason is ''."""
    first = head.split(b"\n", 1)[0].rstrip(b"\r").decode("latin-1")
    parts = first.split(" ", 2)
    return parts[0], int(parts[1]), parts[2] if len(parts) > 2 else ""
