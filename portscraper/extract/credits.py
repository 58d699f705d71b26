"""Bylines and editorial credits, in the forms these sites print them.

- a name in parentheses closing the last paragraph: `…深入探讨交流。(戴立均)` -> byline 戴立均
- a labelled credit closing the body: `（通讯员：黎祖声）`
- a block of lines `通讯员：X` / `编   辑：Y` / `审   校：Y Z` / `审   核：W` (spaces inside labels)
- `文/图：张三 李四`, `记者 王喆 通讯员 陈珺`
"""

from __future__ import annotations

import re

from .landmarks import (
    BYLINE_ROLES,
    CREDIT_ROLES,
    INFO_LABELS,
    NOT_NAME_WORDS,
    NOT_NAMES,
    ORGANISATION_WORDS,
    PLACEHOLDER_NAMES,
    ROLE_PREFIXES,
    SOURCE_LABELS,
)
from .text import fold, squash, to_simplified


def _spaced(word: str) -> str:
    """A label pattern that allows spaces between its characters (编   辑 == 编辑)."""
    return r"[\s\u3000]*".join(re.escape(ch) for ch in word)


# Longest roles first so 责任编辑 is not read as 编辑, 文/图 not as 文.
_ROLES = sorted(CREDIT_ROLES, key=len, reverse=True)
_ROLE_ALT = "|".join(_spaced(r) for r in _ROLES)
# A role label followed by a colon (or, for the short Chinese roles, by a space): 编 辑：陈晓
_LABEL_RE = re.compile(
    rf"(?:^|(?<=[\s\u3000(（\[【|,，;；]))(?P<role>{_ROLE_ALT})[\s\u3000]*"
    rf"(?:[:：]|(?=[\s\u3000]+[\u4e00-\u9fff]))",
    re.IGNORECASE,
)
# A name list: CJK names (2-4 characters, · allowed for minority names) or English words.
_NAME_RE = re.compile(r"^[\u3400-\u9fff·]{2,5}$")
# A name standing alone in parentheses: Chinese names have 2 to 4 characters (a few, of
# minority peoples, more, joined by ·).
_BARE_NAME_RE = re.compile(
    r"^(?:[\u3400-\u9fff]{2,4}|[\u3400-\u9fff]{1,6}(?:·[\u3400-\u9fff]{1,8})+)$")
_SEPARATORS_RE = re.compile(r"[\s\u3000、，,;；/]+")
_SENTENCE_ENDS = ("。", ".", "！", "!", "？", "?", "”", "」", "』", "\"", "；")
# A name in Latin letters closing an English copy: (Wu Chao), (He Lihong).
_LATIN_BYLINE_RE = re.compile(r"^[A-Z][a-z]+(?: [A-Z][a-z]+){1,2}$")
_TRAILING_PAREN_RE = re.compile(r"[(（]\s*(?P<inner>[^()（）]{1,40}?)\s*[)）]\s*$")


def _labels(text: str) -> list[re.Match[str]]:
    """Role labels in a line, Traditional ones (通訊員, 編輯, 審核) included.

    Matched on the Simplified form, which has the same length, so the positions hold for the
    text as printed.
    """
    simplified = to_simplified(text)
    return list(_LABEL_RE.finditer(simplified if len(simplified) == len(text) else text))


def _role_key(label: str) -> str:
    return re.sub(r"[\s\u3000]+", "", label)


def _names(text: str) -> list[str]:
    """Names after a label, role words left out: `本报记者 李明` -> [李明], `见习记者王喆` ->
    [王喆]."""
    text = text.strip(" \u3000:：()（）[]【】。.")
    if text.isascii():
        # English copies: "He Lihong, Li Zusheng" - spaces are inside names.
        return [squash(n) for n in re.split(r"[,;/、，]+", text) if n.strip()]
    names = [_ROLE_WORD_RE.sub("", n) for n in _SEPARATORS_RE.split(text) if n]
    return [n for n in names if n]


# A role printed before a name (本报记者, 特约记者, 通讯员), with the outlet's 本报/本台 before it.
_ROLE_WORD_RE = re.compile(
    r"^(?:本报|本台|本网|本站|本刊)?(?:" + "|".join(
        re.escape(r) for r in sorted(ROLE_PREFIXES, key=len, reverse=True)) + ")")


# A byline role and its names joined by a slash or a bar: （编译/王某）, 文｜王某.
_SLASHED_ROLE_RE = re.compile(
    "^(?P<role>" + "|".join(re.escape(r) for r in sorted(BYLINE_ROLES, key=len, reverse=True)
                            if not r.isascii()) + r")\s*[/／|｜]\s*(?=[\u3400-\u9fff][^:：/／]*$)")


def parse_credit_line(text: str) -> dict[str, list[str]] | None:
    """`通讯员：X 编   辑：Y` -> {"通讯员": ["X"], "编辑": ["Y"]}; None if the line is not credits.

    The whole line must be labels and names: a sentence that happens to contain 记者 is not a
    credit line.
    """
    text = _SLASHED_ROLE_RE.sub(r"\g<role>：", squash(text).strip("()（）[]【】"), count=1)
    matches = _labels(text)
    if not matches or text[: matches[0].start()].strip():
        return None
    credits: dict[str, list[str]] = {}
    for i, match in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        names = _names(text[match.end() : end])
        if not names or not all(_looks_like_name(n) for n in names):
            return None
        credits.setdefault(_role_key(text[match.start("role"):match.end("role")]), []).extend(names)
    return credits


def is_person_name(name: str) -> bool:
    """A person's name as these pages print it: 2-4 Chinese characters (minority names joined
    by ·), or a Latin name; never a placeholder (佚名, admin), a label (来源), a link's words
    (查看更多) or an organisation (证券时报网, 集团办公室, 港航科)."""
    key = fold(name)
    if not name or key in PLACEHOLDER_NAMES or any(ch.isdigit() for ch in name) or "@" in name:
        return False
    if any(word in key for word in NOT_NAME_WORDS) or key in _LABEL_WORDS:
        return False
    if _CJK_NAME_RE.match(name):
        return not is_organisation(to_simplified(name))
    return bool(_LATIN_NAME_RE.match(name)) and len(name) <= 40


def is_organisation(name: str) -> bool:
    """证券时报网, 医技药剂党支部, 集团办公室, 港航科: an outlet, a body or an office."""
    return any(w in name for w in ORGANISATION_WORDS if len(w) > 1) or (
        len(name) >= 3 and name[-1] in _OFFICE_ENDINGS)


_CJK_NAME_RE = re.compile(
    r"^[\u3400-\u9fff]{2,4}$|^[\u3400-\u9fff]{1,6}(?:·[\u3400-\u9fff]{1,8})+$")
_LATIN_NAME_RE = re.compile(r"^[A-Za-z][A-Za-z.\-']*(?: [A-Za-z][A-Za-z.\-']*){0,3}$")
_OFFICE_ENDINGS = frozenset(w for w in ORGANISATION_WORDS if len(w) == 1)
_LABEL_WORDS = frozenset(fold(w) for w in SOURCE_LABELS + CREDIT_ROLES + INFO_LABELS)


def _looks_like_name(name: str) -> bool:
    if fold(name) in PLACEHOLDER_NAMES:
        return False  # 佚名, admin, 管理员: the CMS's, not a person's
    if _NAME_RE.match(name):
        return is_person_name(name)
    # English copies: transliterated names and department names in Latin letters.
    return name.isascii() and name.replace("-", "").replace(".", "").replace(" ", "").isalpha()


def split_trailing_credit(paragraph: str) -> tuple[str, dict[str, list[str]], str] | None:
    """Split `…交流。(戴立均)` into (`…交流。`, credits, byline); None when nothing trails.

    `(通讯员：黎祖声)` gives credits {"通讯员": ["黎祖声"]} and byline 黎祖声; a bare `(吴超)` gives
    no credits and byline 吴超. Parentheses holding anything but names are left alone.
    """
    match = _TRAILING_PAREN_RE.search(paragraph)
    if not match:
        return None
    inner = squash(match["inner"])
    credits = parse_credit_line(inner)
    if credits:
        byline = byline_from_credits(credits)
    else:
        # A bare name closes a sentence: `交流。(戴立均)`; `投资12亿元（含配套）` is prose.
        before = paragraph[: match.start()].rstrip()
        if before and not before.endswith(_SENTENCE_ENDS):
            return None
        if _LATIN_BYLINE_RE.match(inner):
            return paragraph[: match.start()].rstrip(), {}, inner  # (Wu Chao)
        names = _names(inner)
        if len(names) > 1 and is_organisation(to_simplified(names[0])):
            names = names[1:]  # （党群工作部 何丽红）: the department, then the name
        if (not names or len(names) > 4 or not all(_BARE_NAME_RE.match(n) for n in names)
                or any(word in inner for word in NOT_NAMES)):
            return None
        credits, byline = {}, " ".join(names)
    return paragraph[: match.start()].rstrip(), credits, byline


def byline_from_credits(credits: dict[str, list[str]]) -> str:
    """The names of the roles that make a byline (author, reporter, correspondent), in order."""
    wanted = {fold(r) for r in BYLINE_ROLES}
    names: list[str] = []
    for role, role_names in credits.items():
        if fold(role) in wanted:
            names.extend(n for n in role_names if n not in names)
    return " ".join(names)


def credits_in_header(text: str) -> dict[str, list[str]]:
    """Credits on an info line, each label with a colon, wherever it stands, glued to the
    label before it or not: `日期：2019-1-5 来源：茂名日报 作者：李昇` -> {"作者": ["李昇"]},
    `来源：南方网作者：陈琳编辑：周洋` -> {"作者": ["陈琳"], "编辑": ["周洋"]}. A role's names run
    to the next label of any kind; names glued to a link's words (向雪妮返回富达) end there."""
    found: dict[str, list[str]] = {}
    simplified = to_simplified(text)
    if len(simplified) != len(text):
        simplified = text
    matches = list(_ANY_LABEL_RE.finditer(simplified))
    for i, match in enumerate(matches):
        role = _role_key(match["label"])
        if fold(role) not in _ROLE_KEYS:
            continue  # 来源：, 时间：, 浏览次数：
        end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        names = []
        for name in _names(text[match.end() : end]):
            if not _looks_like_name(name):
                break
            names.append(name)
        if names:
            found.setdefault(role, []).extend(names)
    return found


_ANY_LABEL_RE = re.compile(
    "(?P<label>" + "|".join(_spaced(w) for w in sorted(
        set(CREDIT_ROLES + SOURCE_LABELS + INFO_LABELS), key=len, reverse=True)) + r")\s*[:：]")
_ROLE_KEYS = frozenset(fold(r) for r in CREDIT_ROLES)


def is_source_label(text: str) -> bool:
    key = fold(text)
    return any(key.startswith(label) for label in SOURCE_LABELS)
