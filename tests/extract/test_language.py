"""extract/text.py's language rule at its edges: English when Latin words outnumber half the
Chinese characters, Traditional when more than 3% of the characters fold to another one."""

from __future__ import annotations

import pytest

from portscraper.extract.text import detect_language, fold, fold_word, squash, text_weight

SIMPLIFIED = "集团召开安全生产工作会议港口码头" * 10


@pytest.mark.parametrize("text, language", [
    ("", ""), ("123 。", ""),
    ("码头 ab", "zh-Hans"),                   # 1 word, 2 characters: not more than half
    ("码头 ab cd", "en"),
    ("码头码头 ab cd ef", "en"),
    ("码头码头码头码头 ab cd ef", "zh-Hans"),    # 3 words for 8 characters
    (SIMPLIFIED[:97] + "碼頭團", "zh-Hans"),   # 3 of 100 changed: 3%, not more
    (SIMPLIFIED[:96] + "碼頭團團", "zh-Hant"),  # 4 of 100
    (SIMPLIFIED[:99] + "碼", "zh-Hans"),
    (SIMPLIFIED[:9] + "碼", "zh-Hant"),        # 1 of 10
])
def test_the_language_of_a_text(text, language):
    assert detect_language(text) == language


def test_folding_helpers():
    assert squash("\u3000 码头\u00a0 集团\u200b ") == "码头 集团"
    assert fold("您的位置:首頁") == "您的位置:首页" and fold("Next Page") == "nextpage"
    assert fold_word(">> 返 回 <<") == "返回" and fold_word("【返回列表】") == "返回列表"
    assert text_weight("码头 port ab c") == 4
