"""The search index's folding, splitting and query forms, and how it follows the archive."""

from __future__ import annotations

import sqlite3

import pytest

from portscraper import search
from portscraper.archive import Archive
from portscraper.search import MARKER, fold, fts_query, query_parts, shadow_text


def test_fold_makes_traditional_simplified_and_latin_plain():
    assert fold("碼頭集團") == "码头集团"
    assert fold("ＰＯＲＴ１２") == "port12"
    assert fold("码头") == "码头"


def test_shadow_text_has_one_token_per_chinese_character():
    assert shadow_text("碼頭，Port Group") == f"码 头 {MARKER} port {MARKER} group"
    assert shadow_text("2024年“安全”") == f"2024 年 {MARKER} 安 全"
    assert shadow_text("") == "" and shadow_text(None) == ""


@pytest.mark.parametrize("query, expected", [
    ("码头", '"码 头"'),
    ("碼頭 集团", '"码 头" "集 团"'),
    ("港", '"港"'),
    ("Port", '"port"'),
    ('"maoming port"', f'"maoming {MARKER} port"'),
    ('码头"', '"码 头"'),  # an unbalanced quote is no syntax error
    ("NEAR(a b) OR c*", f'"near {MARKER} a" "b" "or" "c"'),
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
    return [row[0] for row in archive.db.execute(search.SEARCH_SQL, [fts_query(query)])]


def test_words_of_any_length_and_script():
    archive = archive_with(("码头建设", "港口。码头"), ("港口", "集团党建工作"),
                           ("碼頭擴建", "茂名港集團"), ("Port news", "The wharf is busy."))
    assert match(archive, "码") == [1, 3]
    assert sorted(match(archive, "码头")) == [1, 3]
    assert match(archive, "党建") == [2]
    assert match(archive, "茂名港集团") == [3]
    assert match(archive, "港口码头") == []  # 。 between them
    assert match(archive, "wharf") == [4] and match(archive, "PORT") == [4]
    assert match(archive, "por") == []  # whole words


def test_title_matches_rank_first():
    archive = archive_with(("集团新闻", "码头 码头 码头"), ("码头", "集团新闻"))
    assert match(archive, "码头") == [2, 1]


def test_index_follows_updates():
    archive = archive_with(("码头", "正文"))
    archive.save_article({"url": "http://x/more.asp?id=0", "title": "泊位", "body": "正文",
                          "published": "2024-01-01"}, snapshot_id=None, article_id=1)
    assert match(archive, "码头") == [] and match(archive, "泊位") == [1]
    assert archive.db.execute("SELECT count(*) FROM revisions").fetchone()[0] == 1


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


def test_plain_sqlite3_needs_only_the_split_form(tmp_path):
    path = tmp_path / "a.db"
    archive = archive_with(("茂名港码头", "正文"))
    archive.db.execute("VACUUM INTO ?", [str(path)])
    conn = sqlite3.connect(path)  # no plugin, no Python function
    rows = conn.execute("SELECT rowid FROM articles_fts WHERE articles_fts MATCH '\"码 头\"' "
                        "ORDER BY rank").fetchall()
    assert rows == [(1,)]


def test_main_prints_the_match_string(capsys):
    search.main(["碼頭", "集团"])
    assert capsys.readouterr().out.strip() == '"码 头" "集 团"'
