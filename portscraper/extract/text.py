"""Small text helpers shared by the extractors: folding for comparison, cleaning, language."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import opencc

_T2S = opencc.OpenCC("t2s")

# Any white space, including the full-width space (U+3000) and the no-break space old CMSes
# fill their pages with.
_SPACE_RE = re.compile(r"[\s\u3000\u00a0\u200b\ufeff]+")
_CJK_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_NOT_CJK_RE = re.compile(r"[^\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_LATIN_WORD_RE = re.compile(r"[A-Za-z]{2,}")
# Brackets and arrows that decorate links: >> 返 回 <<, 【返回】, [返回列表], 『下一页』.
_DECORATION_RE = re.compile(r"[\[\]【】『』「」〔〕()（）<>《》«»>·•|:：\-—=*]+")


def squash(text: str) -> str:
    """Collapse runs of white space to one ASCII space and strip the ends."""
    return _SPACE_RE.sub(" ", text).strip()


def clean_line(text: str) -> str:
    """A paragraph as a reader sees it: NFC, spaces collapsed, ends stripped."""
    return squash(unicodedata.normalize("NFC", text))


@lru_cache(maxsize=65536)
def to_simplified(text: str) -> str:
    return _T2S.convert(text)


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """The comparison key of a label: Simplified, lower case, no white space.

    "您的位置:首頁", "返 回" and "Next Page" fold to "您的位置:首页", "返回" and "nextpage".
    """
    return to_simplified(_SPACE_RE.sub("", text)).lower()


@lru_cache(maxsize=65536)
def fold_word(text: str) -> str:
    """`fold` without the brackets and arrows around a link word: ">> 返 回 <<" -> "返回"."""
    return _DECORATION_RE.sub("", fold(text))


def cjk_count(text: str) -> int:
    # (Counted by deleting the rest: no list of one-character strings is built.)
    return len(_NOT_CJK_RE.sub("", text))


@lru_cache(maxsize=65536)  # the same line's text is weighed by the title, date and body readers
def text_weight(text: str) -> int:
    """How much reading there is in a text: CJK characters plus Latin words."""
    return cjk_count(text) + len(_LATIN_WORD_RE.findall(text))


def detect_language(text: str) -> str:
    """'en' for machine-translated English copies, else 'zh-Hant' or 'zh-Hans'.

    English copies keep Chinese fragments (names, 。, some phrases), so compare Latin words with
    CJK characters rather than asking whether any CJK is present.
    """
    cjk = _CJK_RE.findall(text)
    words = len(_LATIN_WORD_RE.findall(text))
    if words > len(cjk) / 2:
        return "en"
    if not cjk:
        return ""
    han = "".join(cjk)
    changed = sum(1 for a, b in zip(han, to_simplified(han), strict=False) if a != b)
    return "zh-Hant" if changed / len(han) > 0.03 else "zh-Hans"
