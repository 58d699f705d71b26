"""Laws, checked on many generated cases (Hypothesis, derandomized: the same cases every run).

- search: a word found in a text is found by its query, written in Simplified or Traditional,
  and folding is idempotent (search.py);
- canonical URLs: idempotent, and an article's id parameter survives (urls.py);
- dates: every printed form of a day gives that day (extract/dates.py);
- decoding: text encoded in a declared encoding, or in UTF-8 without one, comes back equal
  (extract/decode.py);
- search results and versions: a highlighted text or a side-by-side diff is the text itself,
  escaped, with no markup but its marks (highlight.py, article_diff.py).
"""

from __future__ import annotations

import codecs
import html
import re
import sqlite3
from datetime import date
from functools import cache

import opencc
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from portscraper.archive import search
from portscraper.archive.diff import inline
from portscraper.extract import decode_html
from portscraper.extract.dates import find_date, find_dates
from portscraper.extract.urls import canonical_url
from portscraper.room.highlight import highlight, snippet

FAST = settings(max_examples=150, deadline=None, derandomize=True)

# Characters of the press releases (the replica's words, with their Traditional forms).
HANZI = ("茂名港集团码头党建工作会议安全生产通讯员记者航道疏浚泊位扩建滚装船靠泊新闻中心基层动态"
         "媒体聚焦通知公告吨货物吞吐量同比增长发展后里面干部职工学习贯彻精神")
LATIN = "abcdefghijklmnopqrstuvwxyz0123456789"
SEPARATORS = ["，", "。", " ", "\n", "、", "“", "”", "（", "）", ":", "-"]


@cache
def to_traditional():
    return opencc.OpenCC("s2t")


def index_with(*texts: str) -> sqlite3.Connection:
    """The search index alone (search.INDEX_SQL) in memory, one row per text as its body."""
    conn = sqlite3.connect(":memory:")
    conn.execute(search.INDEX_SQL)
    for rowid, text in enumerate(texts, start=1):
        conn.execute(f"INSERT INTO {search.FTS_TABLE} {search.INSERT_COLUMNS}",
                     [rowid, *search.index_columns("", text)])
    return conn


def found(conn: sqlite3.Connection, query: str) -> set[int]:
    return {row[0] for row in conn.execute(
        f"SELECT rowid FROM {search.FTS_TABLE} WHERE {search.FTS_TABLE} MATCH ?",
        [search.fts_query(query)])}


pieces = st.one_of(st.text(alphabet=HANZI, min_size=1, max_size=8),
                   st.text(alphabet=LATIN, min_size=1, max_size=10))
texts = st.lists(st.tuples(pieces, st.sampled_from(SEPARATORS)), min_size=1, max_size=6).map(
    lambda parts: "".join(p + s for p, s in parts))


@st.composite
def text_and_word(draw):
    """A text and a word in it: a stretch of one run of Chinese characters, or of one Latin
    word (what the README promises: "as written, not across punctuation")."""
    text = draw(texts)
    runs = [piece for piece in search._pieces(text) if piece != search.MARKER]
    run = draw(st.sampled_from(runs))
    start = draw(st.integers(0, len(run) - 1))
    end = draw(st.integers(start + 1, len(run)))
    return text, run[start:end]


@FAST
@given(text_and_word())
def test_a_word_in_a_text_is_found_by_its_query(case):
    text, word = case
    conn = index_with(text, "无关的文字 unrelated")
    assert 1 in found(conn, word), (text, word, search.fts_query(word))


@FAST
@given(text_and_word())
def test_traditional_and_simplified_find_each_other(case):
    text, word = case
    traditional = to_traditional().convert
    conn = index_with(text, traditional(text))
    assert found(conn, traditional(word)) == found(conn, word) == {1, 2}, (text, word)


@FAST
@given(st.text(alphabet=HANZI + LATIN + " ", max_size=30))
def test_folding_is_idempotent(text):
    """Folding makes Traditional Simplified (OpenCC's s2t, another path, writes the Traditional
    form), upper case lower and full-width forms plain; folded text then stays as it is."""
    assert search.fold(text) == text  # the generated texts are Simplified, lower case
    traditional = to_traditional().convert(text)
    wide = "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text.upper())
    for form in (traditional, wide, traditional.upper()):
        assert search.fold(form) == text, form
        assert search.fold(search.fold(form)) == search.fold(form)


FOLDED = [("碼頭集團", "码头集团"), ("港口發展", "港口发展"), ("ＰＯＲＴ　１２", "port 12"),
          ("Maoming 港務", "maoming 港务"), ("㈱", "(株)")]


@pytest.mark.parametrize("text, folded", FOLDED)
def test_folding_examples_written_out(text, folded):
    assert search.fold(text) == folded


@FAST
@given(texts, texts)
def test_a_word_absent_from_a_text_is_not_found(text, other):
    """The converse on Chinese words of two characters or more: no match without the word."""
    conn = index_with(text)
    for run in search._pieces(other):
        if search._IS_CJK.match(run) and len(run) >= 2:
            folded = search.fold(text)
            assert (1 in found(conn, run)) == (run in "".join(search._pieces(folded))), run


# --- canonical URLs ----------------------------------------------------------------------------

ID_PARAMS = ("id", "newsid", "ArticleID")
names = st.sampled_from(["pid", "page", "lm", "sid", "ASPSESSIONIDQSCT", "x", "sort", "ID"])
values = st.text(alphabet="0123456789abcXYZ集团", min_size=0, max_size=6)
paths = st.lists(st.text(alphabet="abcdefxyz0123456789_-", min_size=1, max_size=8),
                 min_size=0, max_size=3).map(lambda parts: "/" + "/".join(parts))


@st.composite
def article_urls(draw):
    host = draw(st.sampled_from(["www.mmport.com.cn", "WWW.MMPORT.COM.CN", "127.0.0.1:8000"]))
    id_name = draw(st.sampled_from(ID_PARAMS))
    id_value = draw(st.text(alphabet="0123456789", min_size=1, max_size=6))
    others = draw(st.lists(st.tuples(names, values), max_size=4))
    params = others + [(id_name, id_value)]
    params = draw(st.permutations(params))
    query = "&".join(f"{k}={v}" for k, v in params)
    fragment = draw(st.sampled_from(["", "#top"]))
    return f"{draw(st.sampled_from(['http', 'https']))}://{host}{draw(paths)}/more.asp?" \
           f"{query}{fragment}", id_name, id_value


@FAST
@given(article_urls())
def test_canonical_urls_are_idempotent_and_keep_the_article_id(case):
    url, id_name, id_value = case
    once = canonical_url(url, ID_PARAMS)
    assert canonical_url(once, ID_PARAMS) == once
    assert once.endswith(f"more.asp?{id_name}={id_value}"), (url, once)


@FAST
@given(paths, st.lists(st.tuples(names, values), max_size=4, unique_by=lambda kv: kv[0]),
       st.randoms(use_true_random=False))
def test_one_page_one_key_whatever_the_order_of_parameters_and_host_case(path, params, rng):
    shuffled = params[:]
    rng.shuffle(shuffled)

    def url(host, pairs):
        return f"http://{host}{path}?" + "&".join(f"{k}={v}" for k, v in pairs)

    assert canonical_url(url("www.mmport.com.cn", params), ID_PARAMS) == \
        canonical_url(url("WWW.MMPort.com.cn", shuffled), ID_PARAMS)


@FAST
@given(paths, st.lists(st.tuples(names, values), max_size=4))
def test_canonical_urls_without_an_id_are_idempotent(path, params):
    url = "http://www.mmport.com.cn" + path + "?" + "&".join(f"{k}={v}" for k, v in params)
    once = canonical_url(url, ID_PARAMS)
    assert canonical_url(once, ID_PARAMS) == once
    assert "sid=" not in once.lower().replace("aspsessionid", "") and "aspsessionid" not in \
        once.lower()


# --- dates -------------------------------------------------------------------------------------

DIGITS = "〇一二三四五六七八九"
FULL_WIDTH = str.maketrans("0123456789-/:", "０１２３４５６７８９－／：")


def chinese_number(n: int) -> str:
    tens, units = divmod(n, 10)
    return (("" if tens == 1 else DIGITS[tens]) + "十" if tens else "") + \
        (DIGITS[units] if units else "")


def printed_forms(day: date) -> list[str]:
    y, m, d = day.year, day.month, day.day
    forms = [f"{y}-{m}-{d}", f"{y}-{m:02d}-{d:02d}", f"{y}/{m:02d}/{d:02d}", f"{y}.{m}.{d}",
             f"{y}年{m}月{d}日", f"{y} 年 {m:02d} 月 {d:02d} 日", f"{y}-{m:02d}-{d:02d} 10:22",
             f"{y}年{m}月{d}日 星期三", f"{y}-{m:02d}-{d:02d}（周三）",
             f"{y}-{m:02d}-{d:02d}T08:00:00+08:00",
             "".join(DIGITS[int(c)] for c in str(y))
             + f"年{chinese_number(m)}月{chinese_number(d)}日"]
    return forms + [f"{y}-{m:02d}-{d:02d}".translate(FULL_WIDTH)]


@FAST
@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2035, 12, 31)),
       st.sampled_from(["", "发布时间：", "日期: ", "来源：茂名港集团 发布日期："]),
       st.sampled_from(["", " 浏览次数：12", "　作者：吴超"]))
def test_every_printed_form_of_a_day_gives_that_day(day, before, after):
    for form in printed_forms(day):
        result = find_date(before + form + after)
        assert result and result[0][:10] == day.isoformat(), (form, result)


@FAST
@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2035, 12, 31)))
def test_labelled_short_forms_give_the_day(day):
    y, m, d = day.year % 100, day.month, day.day
    short = find_dates(f"发布时间：{y:02d}-{m}-{d}", labelled=True)
    assert [f.iso[:10] for f in short] == [day.isoformat()]
    month_day = find_dates(f"发布时间：{m:02d}-{d:02d}", year=day.year, labelled=True)
    assert [f.iso[:10] for f in month_day] == [day.isoformat()]


# --- decoding ----------------------------------------------------------------------------------

chinese_text = st.text(alphabet=HANZI + "，。：、“”（）ABC abc 123\n", min_size=1, max_size=60)


@FAST
@given(chinese_text, st.sampled_from(["utf-8", "gb18030", "gbk", "big5", "gb2312"]),
       st.sampled_from(["header", "meta"]))
def test_declared_encodings_round_trip(text, encoding, where):
    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        assume(False)
    meta = f'<meta charset="{encoding}">' if where == "meta" else ""
    page = f"<html><head>{meta}</head><body><p>{text}</p></body></html>"
    header = f"text/html; charset={encoding}" if where == "header" else "text/html"
    decoded, _ = decode_html(page.encode(encoding), header)
    assert decoded == page


@FAST
@given(chinese_text)
def test_undeclared_utf8_round_trips(text):
    page = f"<html><body><p>{text}</p></body></html>"
    assert decode_html(page.encode("utf-8"), None) == (page, "utf-8")


@FAST
@given(st.binary(max_size=200) | chinese_text.map(lambda t: t.encode("utf-8")))
def test_any_bytes_decode_to_text(body):
    """Any bytes give text and a codec that exists; UTF-8 comes back as itself, and nothing is
    dropped: every byte gives at least a character or a share of one."""
    text, encoding = decode_html(body, None)
    assert isinstance(text, str) and codecs.lookup(encoding)
    assert bool(text) == bool(body)
    try:
        assert text == body.decode("utf-8")
    except UnicodeDecodeError:
        assert len(text) >= len(body) // 4


# Known text in each legacy encoding, undeclared (no header, no meta): the page's text comes
# back as written. The expectations are the strings themselves, not a decoder's output.
UNDECLARED = [
    ("gbk", "茂名港集团召开安全生产工作会议，各部门负责人参加。"),
    ("gb18030", "茂名港集团码头党建工作会议在新闻中心召开，通讯员记者报道。"),
    ("big5", "茂名港集團碼頭黨建工作會議在新聞中心召開，通訊員記者報道。"),
    ("utf-8", "茂名港集团码头党建工作会议在新闻中心召开。"),
]


@pytest.mark.parametrize("encoding, text", UNDECLARED)
def test_undeclared_legacy_encodings_round_trip(encoding, text):
    page = f"<html><head><title>{text[:8]}</title></head><body><p>{text}</p></body></html>"
    decoded, _ = decode_html(page.encode(encoding), None)
    assert decoded == page


# --- search results and versions: the archive's text, escaped, and only the marks as markup ----

MARKUP = HANZI[:12] + "碼頭集團<>&\"' /=scriptonerrorPORT㈱ﬁ\n"
UNMARKED = re.compile(r"</?(mark|del|ins)>")


@FAST
@given(st.text(alphabet=MARKUP, max_size=60), st.text(alphabet=MARKUP, min_size=1, max_size=6))
def test_highlights_and_snippets_are_the_text_escaped_with_marks_only(text, query):
    marked = str(highlight(text, query))
    assert html.unescape(UNMARKED.sub("", marked)) == text
    assert "<" not in UNMARKED.sub("", marked)
    shown, _ = snippet(text, query)
    plain = html.unescape(UNMARKED.sub("", str(shown))).strip("…")
    assert plain in " ".join(text.split("\n")) and "<" not in UNMARKED.sub("", str(shown))


@FAST
@given(st.text(alphabet=MARKUP, max_size=40), st.text(alphabet=MARKUP, max_size=40))
def test_a_diff_shows_each_version_whole_and_escaped(before, after):
    old, new = inline(before, after)
    assert html.unescape(UNMARKED.sub("", str(old))) == before
    assert html.unescape(UNMARKED.sub("", str(new))) == after
    assert "<" not in UNMARKED.sub("", str(old) + str(new))
