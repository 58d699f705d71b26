"""Where a search's words stand in an article, for the results page: a snippet around the first
match and every match marked, as the index finds them (Traditional or Simplified, full-width or
plain, any case). No Datasette here.

The words are found in the folded text (search.fold: NFKC, lower case, Traditional to
Simplified character by character), so 碼頭 marks 码头 and the reverse; the marks are put on
the text as stored. Everything returned is Markup whose only tags are the `<mark>`s: the
article's own text is escaped, so a title or body holding markup or a script shows it as text.
"""

from __future__ import annotations

from markupsafe import Markup, escape

from portscraper.archive.search import fold, query_parts

SNIPPET_CHARS = 120  # about two lines of Chinese at the results page's width
BEFORE_MATCH = 30  # characters of context kept before the first match


def needles(query: str) -> list[str]:
    """The folded words and phrases of a query, longest first (so that a longer word is marked
    whole where a shorter one is inside it)."""
    found = {fold(part).strip() for part in query_parts(query)}
    return sorted((n for n in found if n), key=len, reverse=True)


def _folded_with_origins(text: str) -> tuple[str, list[int]]:
    """The folded text and, for each of its characters, the index of the character of text it
    came from. Folding keeps the length almost always (one character to one); when it does not
    (NFKC expands ㈱ or ﬁ), the map is built character by character."""
    folded = fold(text)
    if len(folded) == len(text):
        return folded, list(range(len(text)))
    pieces, origins = [], []
    for index, char in enumerate(text):
        piece = fold(char)
        pieces.append(piece)
        origins.extend([index] * len(piece))
    return "".join(pieces), origins


def match_spans(text: str, query: str) -> list[tuple[int, int]]:
    """The (start, end) character ranges of text where a word of query occurs, in order and
    merged where they touch or overlap."""
    text = _as_text(text)
    if not text:
        return []
    words = needles(query)
    if not words:
        return []
    folded, origins = _folded_with_origins(text)
    spans = []
    for word in words:
        start = folded.find(word)
        while start >= 0:
            end = start + len(word)
            spans.append((origins[start], origins[end - 1] + 1))
            start = folded.find(word, end)
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _marked(text: str, spans: list[tuple[int, int]], offset: int = 0) -> Markup:
    parts, at = [], offset
    for start, end in spans:
        parts.append(escape(text[at - offset:start - offset]))
        parts.append(Markup("<mark>{}</mark>").format(text[start - offset:end - offset]))
        at = end
    parts.append(escape(text[at - offset:]))
    return Markup("").join(parts)


def highlight(text, query: str) -> Markup:
    """The whole text (a title) with every match of the query's words in `<mark>`."""
    text = _as_text(text)
    return _marked(text, match_spans(text, query))


def snippet(text, query: str, width: int = SNIPPET_CHARS) -> tuple[Markup, int]:
    """(about `width` characters of the text around its first match, matches marked, with …
    where it was cut; the number of matches in the whole text). A text without a match gives
    its beginning and 0. Line breaks (paragraphs) read as spaces."""
    text = " ".join(_as_text(text).split("\n"))
    spans = match_spans(text, query)
    start = max(0, spans[0][0] - BEFORE_MATCH) if spans else 0
    end = min(len(text), start + width)
    start = max(0, min(start, end - width))
    shown = [(max(s, start), min(e, end)) for s, e in spans if e > start and s < end]
    body = _marked(text[start:end], shown, offset=start)
    return (Markup("{}{}{}").format("…" if start else "", body, "…" if end < len(text) else ""),
            len(spans))


def _as_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    return value if isinstance(value, str) else str(value)
