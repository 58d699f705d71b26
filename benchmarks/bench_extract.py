"""Extraction: our extract_article against GNE and trafilatura on the same pages, for speed and
accuracy. The pages are tests/pages/*.html (saved pages in other markups, with the fields a
careful reader wrote down) and a sample of replica article pages of both layouts (fields from
portscraper/replica/expected.py). Every page is decoded once with decode_html beforehand, and
every extractor gets the same text.

Scores per page: title exact, date exact (as YYYY-MM-DD), byline exact (whitespace runs read as
one space), and body F1 over the multiset of characters with all whitespace left out.
"""

from __future__ import annotations

import json
import random
import re
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from common import ROOT

from portscraper.extract import decode_html, extract_article
from portscraper.replica import build_site
from portscraper.replica.expected import expected_article
from portscraper.replica.render import SiteRenderer

BASE_URL = "http://www.mmport.com.cn/"
FIELDS = ("title", "published", "byline", "body")


@dataclass
class Sample:
    set: str
    url: str
    text: str
    expected: dict


def saved_pages() -> list[Sample]:
    samples = []
    for html in sorted((ROOT / "tests" / "pages").glob("*.html")):
        meta = json.loads(html.with_suffix(".json").read_text(encoding="utf-8"))
        content_type = meta.get("headers", {}).get("Content-Type")
        text, _encoding = decode_html(html.read_bytes(), content_type)
        samples.append(Sample("tests/pages", meta["url"], text, meta["expected"]))
    return samples


def replica_pages(count: int, seed: int = 3) -> list[Sample]:
    """`count` article pages, half of each layout, as the server would send them."""
    site = build_site()
    articles = [a for a in site.articles if a.status not in ("missing", "removed")]
    rng = random.Random(seed)
    samples = []
    for layout in ("table", "div"):
        renderer = SiteRenderer(site, layout=layout)
        for art in rng.sample(articles, min(count // 2, len(articles))):
            body = renderer.article(art, art.hits).encode("gb18030")
            text, _encoding = decode_html(body, "text/html")
            samples.append(Sample(f"replica {layout}", f"{BASE_URL}more.asp?id={art.id}", text,
                                  expected_article(site, art, BASE_URL)))
    return samples


# --- the extractors, each returning our field names ----------------------------------------------

def ours(sample: Sample) -> dict:
    return extract_article(sample.url, sample.text)


def make_gne() -> Callable[[Sample], dict]:
    from gne import GeneralNewsExtractor

    extractor = GeneralNewsExtractor()

    def gne(sample: Sample) -> dict:
        got = extractor.extract(sample.text)
        return {"title": got.get("title"), "published": got.get("publish_time"),
                "byline": got.get("author"), "body": got.get("content")}
    return gne


def make_trafilatura() -> Callable[[Sample], dict]:
    import trafilatura

    def extract(sample: Sample) -> dict:
        doc = trafilatura.bare_extraction(sample.text, url=sample.url, with_metadata=True)
        if doc is None:
            return {}
        return {"title": doc.title, "published": doc.date, "byline": doc.author,
                "body": doc.text}
    return extract


# --- scores --------------------------------------------------------------------------------------

def _norm(text: str | None) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


def iso_day(text: str | None) -> str:
    match = re.search(r"(\d{4})\D{1,3}(\d{1,2})\D{1,3}(\d{1,2})", text or "")
    if not match:
        return ""
    year, month, day = (int(part) for part in match.groups())
    return f"{year:04d}-{month:02d}-{day:02d}"


def char_f1(got: str | None, expected: str | None) -> float:
    got_chars = Counter(re.sub(r"\s+", "", got or ""))
    expected_chars = Counter(re.sub(r"\s+", "", expected or ""))
    if not got_chars and not expected_chars:
        return 1.0
    overlap = sum((got_chars & expected_chars).values())
    if not overlap:
        return 0.0
    precision = overlap / sum(got_chars.values())
    recall = overlap / sum(expected_chars.values())
    return 2 * precision * recall / (precision + recall)


def score(got: dict, expected: dict) -> dict:
    return {
        "title": _norm(got.get("title")) == _norm(expected.get("title")),
        "published": iso_day(got.get("published")) == iso_day(expected.get("published")),
        "byline": _norm(got.get("byline")) == _norm(expected.get("byline")),
        "body": char_f1(got.get("body"), expected.get("body")),
    }


def summary(scores: list[dict]) -> dict:
    n = len(scores)
    return {"pages": n, **{f: round(sum(s[f] for s in scores) / n, 3) for f in FIELDS}}


def run_extractor(extract: Callable[[Sample], dict], samples: list[Sample],
                  repeat: int) -> dict:
    outputs: list[dict] = []
    errors = 0
    best = float("inf")
    for _ in range(repeat):
        outputs, errors = [], 0
        started = time.perf_counter()
        for sample in samples:
            try:
                outputs.append(extract(sample) or {})
            except Exception:  # an extractor that gives up on a page scores nothing on it
                outputs.append({})
                errors += 1
        best = min(best, time.perf_counter() - started)
    scores = [score(got, s.expected) for got, s in zip(outputs, samples, strict=True)]
    by_set: dict[str, list[dict]] = {}
    for sample, page_score in zip(samples, scores, strict=True):
        by_set.setdefault(sample.set, []).append(page_score)
    return {"pages_per_s": round(len(samples) / best, 1), "errors": errors,
            "all": summary(scores), **{name: summary(s) for name, s in by_set.items()}}


def measure(replica_count: int = 200, repeat: int = 2) -> dict:
    samples = saved_pages() + replica_pages(replica_count)
    extractors = {"portscraper": ours}
    for name, make in (("GNE", make_gne), ("trafilatura", make_trafilatura)):
        try:
            extractors[name] = make()
        except ImportError:
            print(f"  {name} is not installed (pip install -e '.[bench]'): left out")
    results = {name: run_extractor(extract, samples, repeat)
               for name, extract in extractors.items()}
    return {"pages": len(samples), "repeat": repeat, "extractors": results}
