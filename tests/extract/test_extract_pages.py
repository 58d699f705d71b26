"""Extraction on saved pages: every field of every page in tests/pages against its JSON.

A failure names the page and each field that differs, so one run shows everything to fix.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from portscraper.extract import extract_article

PAGES = Path(__file__).parents[1] / "pages"
CASES = sorted(PAGES.glob("*.json"))
FIELDS = ("kicker", "title", "subtitle", "published", "section", "breadcrumb", "byline",
          "credits", "body", "images", "attachments", "language")


def load(case: Path):
    spec = json.loads(case.read_text(encoding="utf-8"))
    raw = case.with_suffix(".html").read_bytes()
    content_type = spec.get("headers", {}).get("Content-Type")
    return spec, extract_article(spec["url"], raw, content_type)


def test_there_are_saved_pages():
    assert len(CASES) >= 20


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.stem)
def test_saved_page(case):
    spec, got = load(case)
    expected = spec["expected"]
    wrong = {
        field: {"expected": expected[field], "got": got[field]}
        for field in FIELDS
        if field in expected and got[field] != expected[field]
    }
    leaked = [s for s in spec.get("must_not_contain", []) if s in got["body"]]
    assert not wrong and not leaked, json.dumps(
        {"wrong": wrong, "leaked into body": leaked}, ensure_ascii=False, indent=1)


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.stem)
def test_body_html_is_clean(case):
    _, got = load(case)
    html = got["body_html"].lower()
    assert "<script" not in html and "onerror" not in html and "javascript:" not in html
    if got["body"]:
        assert got["body_html"]
