"""The replica site moving on, as a real one does between two scheduled runs: new articles,
a corrected article, an article taken down. Also grows the site for benchmarks.

Changes apply to a Site in place; a ReplicaServer serving that Site shows them at once.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from .data import SECTION_PLAN, Article, Site, _draft

THEMES = {name: themes for _pid, name, _parent, _count, themes in SECTION_PLAN}


def add_articles(site: Site, count: int, section: str = "集团新闻", day: date | None = None,
                 seed: int = 1) -> list[Article]:
    """Publish `count` new articles in a section (today's, unless `day` is given)."""
    rng = random.Random(seed)
    day = day or date.today()
    next_id = max(a.id for a in site.articles) + 1
    added = []
    for i in range(count):
        art = _draft(rng, section, rng.choice(THEMES[section]), day, None)
        art.id = next_id + i
        added.append(art)
    site.articles[:0] = added[::-1]
    site.articles.sort(key=lambda a: (a.published, a.id), reverse=True)
    return added


CORRECTION = "此前发布的稿件中有关数据有误，现已更正。"


def correct(site: Site, article_id: int, sentence: str = CORRECTION) -> Article:
    """An editor's correction: a sentence added to the first paragraph."""
    art = site.article(article_id)
    art.paragraphs[0] = art.paragraphs[0] + sentence
    return art


def take_down(site: Site, article_id: int) -> Article:
    """The article's page now answers 404, and the lists no longer show it."""
    art = site.article(article_id)
    art.status = "removed"
    return art


def grow(site: Site, total: int, seed: int = 7) -> Site:
    """Add articles, spread over the sections and the years, until the site has `total`."""
    rng = random.Random(seed)
    sections = [name for name in THEMES]
    start = date(2012, 1, 1)
    span = (date(2024, 12, 31) - start).days
    while len(site.articles) < total:
        add_articles(site, 1, rng.choice(sections), start + timedelta(days=rng.randrange(span)),
                     seed=rng.randrange(1 << 30))
    return site
