"""The search index's folding, splitting and query forms, and how it follows the archive."""

from __future__ import annotations

import sqlite3

import pytest

from portscraper.archive import search
from portscraper.archive.search import MARKER, fold, fts_query, query_parts, shadow_text
from portscraper.archive.store import Archive


def test_fold_makes_traditional_simplified_and_latin_plain():
    assert fold("碼頭集團") == "码头集团"
    assert fold("ＰＯＲＴ１２") == "port12"
    assert fold("码头") == "码头"


def test_shadow_text_cuts_chinese_into_pairs():
    assert shadow_text("碼頭，Port Group") == f"码头 头 {MARKER} port {MARKER} group"
    assert shadow_text("2024年“安全”") == f"2024 年 {MARKER} 安全 全"
    assert shadow_text("茂名港集团") == "茂名 名港 港集 集团 团"
    assert shadow_text("港口port") == "港口 口 port"
    assert shadow_text("") == "" and shadow_text(None) == ""


WORDS = "{title_words body_words} : "


@pytest.mark.parametrize("query, expected", [
    ("码头", '"码头"'),
    ("碼頭 集团", '"码头" "集团"'),
    ("茂名港集团", '"茂名 名港 港集 集团"'),
    ("港", '"港"*'),  # a single character: any pair that starts with it
    ("口port", '"口 port"*'),  # a run followed by more text ends there, as in the index
    ("port港", '"port 港"*'),
    ("Port", WORDS + '"port"*'),  # a Latin word alone: anywhere inside words
    ('"maoming port"', f'"maoming {MARKER} port"*'),
    ('码头"', '"码头"'),  # an unbalanced quote is no syntax error
    ("NEAR(a b) OR c*", f'"near {MARKER} a"* {WORDS}"b"* {WORDS}"or"* {WORDS}"c"*'),
    ("", '""'),
    ("，。", '""'),
])
def test_fts_query(query, expected):
    assert fts_query(query) == expected


def test_query_parts_keep_quoted_phrases():
    assert query_parts('码头 "port group" 港') == ["码头", "port group", "港"]


def archive_with(*articles) -> Archive:
    archive = Archive(memory=True)
    for n, (title, body) in enumerate(articles):
        archive.save_article({"url": f"http://x/more.asp?id={n}", "title": title, "body": body,
                              "published": "2024-01-01"}, snapshot_id=None)
    return archive


def match(archive: Archive, query: str) -> list[int]:
    page = {"match": fts_query(query), "limit": 1000, "offset": 0}
    return [row[0] for row in archive.db.execute(search.RANKED_SQL, page)]


def test_words_of_any_length_and_script():
    archive = archive_with(("码头建设", "港口。码头"), ("港口", "集团党建工作"),
                           ("碼頭擴建", "茂名港集團"), ("Port news", "The wharf is busy."),
                           ("码", "头"))
    assert sorted(match(archive, "码")) == [1, 3, 5]
    assert sorted(match(archive, "头")) == [1, 3, 5]  # a run's last character, and alone
    assert sorted(match(archive, "码头")) == [1, 3]
    assert match(archive, "党建") == [2]
    assert match(archive, "茂名港集团") == [3] and match(archive, "名港集") == [3]
    assert match(archive, "港口码头") == []  # 。 between them
    assert match(archive, "wharf") == [4] and match(archive, "PORT") == [4]
    assert match(archive, "por") == [4] and match(archive, "harf") == [4]  # as LIKE does
    assert match(archive, "wharfs") == []


def test_ranked_search_ranks_the_newest_window_then_lists_older_matches():
    archive = Archive(memory=True)
    for n, (day, title) in enumerate([("2020-01-01", "码头"), ("2021-01-01", "新闻"),
                                      ("2022-01-01", "码头"), ("2023-01-01", "新闻")]):
        archive.save_article({"url": f"http://x/more.asp?id={n}", "title": title,
                              "body": "码头", "published": day}, snapshot_id=None)
    query = {"match": fts_query("码头"), "limit": 10, "offset": 0}

    def ids(sql, **changes):
        return [row[0] for row in archive.db.execute(sql, {**query, **changes})]

    # The whole archive in the window: bm25, title matches first, the newer first on ties.
    assert ids(search.RANKED_SQL) == [3, 1, 4, 2]
    # A window of the two newest matches (4, 3): those ranked, then the older ones newest
    # first, though 1 has the word in its title.
    assert ids(search.ranked_sql(window=2)) == [3, 4, 2, 1]
    assert ids(search.ranked_sql(window=2), limit=2, offset=1) == [4, 2]


def search_key(archive: Archive, article_id: int) -> int:
    return archive.db.execute("SELECT search_key FROM articles WHERE id = ?",
                              [article_id]).fetchone()[0]


def test_the_index_key_follows_a_changed_date():
    archive = archive_with(("码头", "正文"))
    key = search_key(archive, 1)
    archive.save_article({"url": "http://x/more.asp?id=0", "title": "码头", "body": "正文",
                          "published": "2025-06-30"}, snapshot_id=None, article_id=1)
    assert search_key(archive, 1) > key
    rows = archive.db.execute("SELECT rowid FROM articles_fts").fetchall()
    assert rows == [(search_key(archive, 1),)] and match(archive, "码头") == [1]


def test_title_matches_rank_first():
    archive = archive_with(("集团新闻", "码头 码头 码头"), ("码头", "集团新闻"))
    assert match(archive, "码头") == [2, 1]


def test_index_follows_updates():
    archive = archive_with(("码头", "正文"))
    archive.save_article({"url": "http://x/more.asp?id=0", "title": "泊位", "body": "正文",
                          "published": "2024-01-01"}, snapshot_id=None, article_id=1)
    assert match(archive, "码头") == [] and match(archive, "泊位") == [1]
    assert archive.db.execute("SELECT count(*) FROM revisions").fetchone()[0] == 1


def test_revisions_are_indexed_as_they_are_written():
    archive = archive_with(("码头", "泊位扩建"))
    archive.save_article({"url": "http://x/more.asp?id=0", "title": "码头", "body": "航道疏浚",
                          "published": "2024-01-01"}, snapshot_id=None, article_id=1)
    old = archive.db.execute("SELECT rowid FROM revisions_fts WHERE revisions_fts MATCH ?",
                             [fts_query("泊位")]).fetchall()
    assert old == [(1,)] and match(archive, "泊位") == [] and match(archive, "航道") == [1]


def test_an_old_index_is_rebuilt(tmp_path):
    path = tmp_path / "old.db"
    archive = archive_with(("码头", "正文"))
    archive.db.execute("VACUUM INTO ?", [str(path)])
    archive.close()
    conn = sqlite3.connect(path)
    conn.execute(f"DROP TABLE {search.FTS_TABLE}")
    conn.execute(f"CREATE VIRTUAL TABLE {search.FTS_TABLE} USING fts5(title, body)")
    conn.commit()
    conn.close()
    assert match(Archive(path), "码头") == [1]


def test_plain_sqlite3_needs_only_the_pair_form(tmp_path):
    path = tmp_path / "a.db"
    archive = archive_with(("茂名港码头", "正文"), ("港口", "正文"))
    archive.db.execute("VACUUM INTO ?", [str(path)])
    conn = sqlite3.connect(path)  # no plugin, no Python function
    sql = ("SELECT a.id FROM articles_fts JOIN articles a ON a.search_key = articles_fts.rowid "
           "WHERE articles_fts MATCH ? ORDER BY rank")
    assert conn.execute(sql, ['"码头"']).fetchall() == [(1,)]
    assert conn.execute(sql, ['"茂名 名港"']).fetchall() == [(1,)]
    assert sorted(conn.execute(sql, ['"港"*']).fetchall()) == [(1,), (2,)]


def test_main_prints_the_match_string(capsys):
    search.main(["碼頭", "集团"])
    assert capsys.readouterr().out.strip() == '"码头" "集团"'
