"""Deterministic content of the replica site: sections, articles, simple pages.

Everything comes from `random.Random(seed)` and the text pools in corpus.py, so two builds with
the same seed are identical and tests can compute what the spider should find (expected.py).
The `*_style` fields of an Article only choose how render.py prints it; they are not content.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from . import corpus

NEWS_CENTRE = "新闻中心"
# Leaf sections and how many articles each lists (the duplicate and the 404 one included).
SECTION_PLAN = [
    # (pid, name, parent, listed articles, themes)
    (21, "集团新闻", NEWS_CENTRE, 48, ["meeting", "visit", "project", "safety"]),
    (22, "媒体聚焦", NEWS_CENTRE, 17, ["media"]),
    (23, "基层动态", NEWS_CENTRE, 26, ["grassroots", "grassroots", "safety"]),
    (3, "党建工作", None, 19, ["party"]),
    (4, "通知公告", None, 9, ["notice"]),
]
PAGE_SIZE = 15
CREDIT_FORMS = ["paren", "reporter", "block", "wentu", "none"]
CREDIT_WEIGHTS = [25, 20, 20, 12, 23]


@dataclass(frozen=True)
class Section:
    pid: int
    name: str
    parent: str | None


@dataclass
class Article:
    id: int
    section: str
    title: str
    published: str  # "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM"
    paragraphs: list[str]
    kicker: str = ""
    subtitle: str = ""
    byline: str = ""
    credits: dict[str, list[str]] = field(default_factory=dict)
    credit_form: str = "none"  # paren | reporter | block | wentu | none
    images: list[tuple[str, str]] = field(default_factory=list)
    attachments: list[tuple[str, str]] = field(default_factory=list)
    # ok | missing (listed, answers 404) | flaky (503 twice, then 200)
    # | removed (taken down after publication: not listed, answers 404; see evolve.py)
    status: str = "ok"
    duplicate_of: int | None = None  # the same press release posted again under a new id
    hits: int = 0  # starting value of the page's hit counter
    date_style: str = "plain"  # plain | hits | cn | time
    back_style: str = "history"  # history | list | go
    body_variant: int = 0  # 0: <p> with full-width indent; 1: <br> text (table) / CSS indent (div)

    @property
    def day(self) -> date:
        return date.fromisoformat(self.published[:10])


@dataclass
class Job:
    id: int
    title: str
    published: str
    paragraphs: list[str]


@dataclass
class Message:
    author: str
    posted: str
    text: str
    reply: str


@dataclass
class Page:
    """A menu page that is not a news list: text, job ads or the guest book."""

    pid: int
    name: str
    path: str
    kind: str  # text | jobs | messages
    parent: str | None = None
    paragraphs: list[str] = field(default_factory=list)
    jobs: list[Job] = field(default_factory=list)
    messages: list[Message] = field(default_factory=list)


@dataclass
class Site:
    sections: list[Section]
    articles: list[Article]  # newest first
    pages: list[Page]

    def section(self, pid: int) -> Section | None:
        return next((s for s in self.sections if s.pid == pid), None)

    def section_named(self, name: str) -> Section:
        return next(s for s in self.sections if s.name == name)

    def children(self, name: str) -> list[Section]:
        return [s for s in self.sections if s.parent == name]

    def listed(self, pid: int) -> list[Article]:
        """The articles a section's list pages show, newest first (a parent lists its children)."""
        sec = self.section(pid)
        if sec is None:
            return []
        names = {sec.name} | {c.name for c in self.children(sec.name)}
        return [a for a in self.articles if a.section in names and a.status != "removed"]

    def article(self, article_id: int) -> Article | None:
        return next((a for a in self.articles if a.id == article_id), None)

    def page(self, pid: int) -> Page | None:
        return next((p for p in self.pages if p.pid == pid), None)

    def with_status(self, status: str) -> list[Article]:
        return [a for a in self.articles if a.status == status]

    def duplicates(self) -> list[tuple[int, int]]:
        return [(a.duplicate_of, a.id) for a in self.articles if a.duplicate_of is not None]


def _random_day(rng: random.Random, year: int | None = None) -> date:
    start = date(year or 2016, 1, 4)
    end = date(year or 2024, 12, 28)
    return start + timedelta(days=rng.randrange((end - start).days))


def _fill(template: str, slots: dict[str, str]) -> str:
    return template.format_map(slots)


def _slots(rng: random.Random, day: date) -> dict[str, str]:
    lead, lead2 = rng.sample(corpus.LEADERS, 2)
    media = rng.choice(corpus.MEDIA)
    return {
        "year": str(day.year),
        "month": str(day.month),
        "day": str(day.day),
        "day2": str(min(day.day + 10, 28)),
        "when": f"{day.month}月{day.day}日" + rng.choice(["上午", "下午", ""]),
        "leader": lead[0] + lead[1],
        "leader2": lead2[0] + lead2[1],
        "guest": rng.choice(corpus.GUESTS),
        "company": rng.choice(corpus.COMPANIES),
        "project": rng.choice(corpus.PROJECTS),
        "unit": rng.choice(corpus.UNITS),
        "media": media,
        "headline": rng.choice(corpus.MEDIA_HEADLINES),
        "holiday": rng.choice(corpus.HOLIDAYS),
        "theme": rng.choice(corpus.PARTY_THEMES),
        "n": str(rng.randint(2, 9)),
    }


def _sentence(title: str) -> str:
    """The title reworded as the first sentence's clause ("集团召开…" -> "茂名港集团召开…")."""
    text = title.replace(" ", "，")
    return "茂名港" + text if text.startswith("集团") else text


def _usable(pool: list, title: str) -> list[str]:
    """The templates of a pool that fit the title (see corpus: (keywords, text) entries)."""
    out = []
    for entry in pool:
        if isinstance(entry, tuple):
            keywords, entry = entry
            if not any(k in title for k in keywords):
                continue
        out.append(entry)
    return out


def _body(rng: random.Random, theme: str, title_index: int, slots: dict[str, str]) -> list[str]:
    title = slots["title"]
    if theme == "notice":
        paras = [corpus.OPENERS["notice"][0 if "通知" in title else 1]]
        paras += corpus.NOTICE_BODIES[title_index]
        kind = "通知" if "通知" in title else "公示" if "公示" in title else "公告"
        paras += [f"特此{kind}。", "茂名港集团有限公司",
                  f"{slots['year']}年{slots['month']}月{slots['day']}日"]
        return [_fill(p, slots) for p in paras]
    opener = rng.choice(_usable(corpus.OPENERS[theme], title))
    pool = _usable(corpus.MIDDLES[theme], title)
    paras = [opener, *rng.sample(pool, k=min(len(pool), rng.randint(2, 5)))]
    if rng.random() < 0.5 or len(paras) < 3:
        paras.append(rng.choice(_usable(corpus.CLOSERS, title)))
    return [_fill(p, slots) for p in paras]


def _credits(rng: random.Random, form: str, with_photos: bool) -> tuple[str, dict[str, list[str]]]:
    """(byline, credits) for one of the forms the notes list."""
    if form == "paren":
        names = rng.sample(corpus.REPORTERS, 2 if rng.random() < 0.2 else 1)
        return " ".join(names), {}
    if form == "reporter":
        names = rng.sample(corpus.REPORTERS, 2 if rng.random() < 0.2 else 1)
        return " ".join(names), {"通讯员": names}
    if form == "block":
        reporters = rng.sample(corpus.REPORTERS, 2 if rng.random() < 0.3 else 1)
        block = {"通讯员": reporters}
        if with_photos:
            block["摄影"] = [rng.choice(corpus.PHOTOGRAPHERS)]
        block["编辑"] = [rng.choice(corpus.EDITORS)]
        block["审校"] = rng.sample(corpus.REVIEWERS, 2)
        block["审核"] = [rng.choice(corpus.APPROVERS)]
        return " ".join(reporters), block
    if form == "wentu":
        names = rng.sample(corpus.REPORTERS, 1 if rng.random() < 0.3 else 2)
        return " ".join(names), {"文/图": names}
    return "", {}


def _upload_path(rng: random.Random, day: date, ext: str) -> str:
    stamp = f"{day:%Y%m%d}{rng.randint(80000, 175959):06d}{rng.randint(0, 999):03d}"
    return f"/uploadfile/{day:%Y}/{day:%m%d}/{stamp}.{ext}"


def _draft(rng: random.Random, section: str, theme: str, day: date, title: str | None) -> Article:
    slots = _slots(rng, day)
    index = rng.randrange(len(corpus.TITLES[theme]))
    if title is None:
        title = _fill(corpus.TITLES[theme][index], slots)
        if theme == "party" and "{n}周年" in corpus.TITLES[theme][index]:
            title = title.replace(f"成立{slots['n']}周年", f"成立{day.year - 1921}周年")
    slots["title"] = title
    slots["title_sentence"] = _sentence(title)
    art = Article(id=0, section=section, title=title, published=day.isoformat(),
                  paragraphs=_body(rng, theme, index, slots), hits=rng.randint(30, 3000))
    labels: list[str] = []
    if theme == "notice":
        labels = rng.sample(corpus.NOTICE_ATTACHMENTS[index], rng.randint(0, 2) and
                            rng.randint(1, len(corpus.NOTICE_ATTACHMENTS[index])))
    elif theme == "meeting" and rng.random() < 0.2:
        labels = [rng.choice(corpus.MEETING_ATTACHMENTS)]
    for label in labels:
        label = label.format(title=title)
        art.attachments.append((_upload_path(rng, day, label.rsplit(".", 1)[1]), label))
    if theme != "notice":
        if rng.random() < 0.3:
            art.kicker = rng.choice(corpus.KICKERS)
        if rng.random() < 0.12:
            for _ in range(rng.randint(1, 2)):
                art.images.append((_upload_path(rng, day, "jpg"), rng.choice(corpus.CAPTIONS)))
        form = rng.choices(CREDIT_FORMS, CREDIT_WEIGHTS)[0]
    else:
        form = "none"
    art.credit_form = form
    art.byline, art.credits = _credits(rng, form, bool(art.images))
    if rng.random() < 0.08:
        art.published += f"T{rng.randint(8, 17):02d}:{rng.choice([0, 15, 30, 45]):02d}"
    if "T" in art.published:
        art.date_style = "time"
    else:
        art.date_style = rng.choices(["plain", "hits", "cn"], [55, 25, 20])[0]
    art.back_style = rng.choices(["history", "list", "go"], [50, 25, 25])[0]
    art.body_variant = rng.randint(0, 1)
    return art


def _drafts(rng: random.Random) -> list[Article]:
    drafts: list[Article] = []
    for _pid, name, _parent, count, themes in SECTION_PLAN:
        fixed: list[tuple[date, str | None, str]] = []
        if name == "集团新闻":
            # The same title in several years, each a different meeting.
            for year in sorted(rng.sample(range(2017, 2025), 4)):
                fixed.append((_random_day(rng, year), corpus.SAFETY_MEETING_TITLE, "safety"))
            count -= 1  # the duplicate posting is added later
        for _ in range(count - len(fixed)):
            fixed.append((_random_day(rng), None, rng.choice(themes)))
        for day, title, theme in fixed:
            drafts.append(_draft(rng, name, theme, day, title))
    # A few subtitles (副题), printed as ——xxx under the title.
    for art in rng.sample([a for a in drafts if a.section != "通知公告"], 4):
        art.subtitle = rng.choice(corpus.SUBTITLES)
    # One picture printed without a caption.
    pictured = rng.choice([a for a in drafts if a.images])
    pictured.images[-1] = (pictured.images[-1][0], "")
    return drafts


def _mark_traits(rng: random.Random, articles: list[Article]) -> None:
    """Pick the 404 and the 503-twice articles (neither among the 8 newest, so the sidebar
    does not lead to them), after the duplicate posting exists."""
    older = articles[10:]
    missing = rng.choice([a for a in older if a.section == "基层动态"])
    missing.status = "missing"
    flaky = rng.choice([a for a in older[:30] if a.section == "集团新闻" and not a.duplicate_of])
    flaky.status = "flaky"


def _pages(rng: random.Random) -> list[Page]:
    jobs = []
    for i, (title, posts) in enumerate(corpus.JOBS):
        day = _random_day(rng, 2021 + i)
        paras = ["因业务发展需要，现面向社会公开招聘以下岗位工作人员：", *posts,
                 "有意者请于公告发布之日起15日内将个人简历发送至集团人力资源部邮箱。"]
        jobs.append(Job(id=11 + i, title=title.format(year=day.year), published=day.isoformat(),
                        paragraphs=paras))
    jobs.sort(key=lambda j: j.published, reverse=True)
    messages = [Message(author=a, posted=_random_day(rng, 2023).isoformat(), text=t, reply=r)
                for a, t, r in corpus.MESSAGES]
    messages.sort(key=lambda m: m.posted, reverse=True)
    return [
        Page(pid=1, name="集团简介", path="about.asp?pid=1", kind="text",
             paragraphs=list(corpus.INTRO_TEXT)),
        Page(pid=11, name="组织架构", path="about.asp?pid=11", kind="text", parent="集团简介",
             paragraphs=["集团设董事会、监事会和经营管理层，本部设以下部门：",
                         "、".join(corpus.DEPARTMENTS) + "。"]),
        Page(pid=6, name="人才招聘", path="job.asp", kind="jobs", jobs=jobs),
        Page(pid=7, name="在线留言", path="message.asp", kind="messages", messages=messages),
        Page(pid=8, name="联系我们", path="about.asp?pid=8", kind="text",
             paragraphs=["茂名港集团有限公司", "地址：广东省茂名市电白区博贺新港区港城大道1号",
                         "电话：0668-5123456　传真：0668-5123457", "邮编：525000"]),
    ]


def build_site(seed: int = 2024) -> Site:
    rng = random.Random(seed)
    sections = [Section(2, NEWS_CENTRE, None)]
    sections += [Section(pid, name, parent) for pid, name, parent, _n, _t in SECTION_PLAN]
    drafts = _drafts(rng)
    # The duplicate: a release posted again the same day, right after the original.
    original = rng.choice([a for a in drafts if a.section == "集团新闻"
                           and a.title != corpus.SAFETY_MEETING_TITLE and not a.images])
    copy = Article(**{**original.__dict__, "paragraphs": list(original.paragraphs),
                      "credits": {k: list(v) for k, v in original.credits.items()},
                      "hits": rng.randint(5, 60), "back_style": "list"})
    drafts.insert(drafts.index(original) + 1, copy)
    # Ids grow with the posting date, with gaps (other content types share the id sequence).
    order = sorted(range(len(drafts)), key=lambda i: (drafts[i].published[:10], i))
    ids = sorted(rng.sample(range(1100, 4101), len(drafts)))
    for new_id, i in zip(ids, order, strict=True):
        drafts[i].id = new_id
    copy.duplicate_of = original.id  # inserted after it, so it got the larger id
    articles = sorted(drafts, key=lambda a: (a.published[:10], a.id), reverse=True)
    _mark_traits(rng, articles)
    return Site(sections=sections, articles=articles, pages=_pages(rng))
