"""Normalized fields: canonical URL, Unicode NFC and trimmed white space in every text field.

No Scrapy here: `normalize_fields` is also how `portscraper import` and `reparse` store what
they read, so that the same page gives the same stored fields whichever way it came.
"""

from __future__ import annotations

import unicodedata

from portscraper.extract.urls import canonical_url

TEXT_FIELDS = ("title", "kicker", "subtitle", "section", "byline", "body")


def _text(value: str) -> str:
    return unicodedata.normalize("NFC", value).strip()


def normalize_fields(fields: dict, id_params) -> dict:
    """The fields (a dict of extract_article's shape) with the URL canonical (an article's id
    parameter only: `id_params`), text fields NFC and trimmed, the body's lines trimmed and
    blank lines dropped, credits' roles and names trimmed. Returns a new dict."""
    out = dict(fields)
    out["url"] = canonical_url(fields["url"], id_params)
    for name in TEXT_FIELDS:
        out[name] = _text(fields.get(name) or "")
    out["body"] = "\n".join(line.strip() for line in out["body"].split("\n") if line.strip())
    out["credits"] = {_text(role): [_text(n) for n in names]
                      for role, names in (fields.get("credits") or {}).items()}
    return out
