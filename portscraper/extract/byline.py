"""Who wrote or reported the article: the byline, from every place a page credits reporters.

    find_byline(top, paragraphs, credits, byline, head, english_line)
        -> (byline, credits, evidence)

Places, in the order they are trusted (the first that names someone is the byline; every place
adds its roles to `credits`):
1. the credits that close the body (read by body_parts.read_body): `(吴超)`, `通讯员：X`;
2. the lines between the title and the body ("page:header"): 作者：X, 记者 王喆 通讯员 陈珺,
   labels glued to other labels (来源：某网作者：王某), without a colon (| 作者魏星), an outlet's
   reporter line (澎湃新闻记者 段彦超 廖艳);
3. the first sentence's dateline ("page:dateline"): 新华社巴黎12月9日电（记者唐霁）,
   本报讯（记者 王某 李某）;
4. a reporter line opening the body ("page:body-start"): 【文/观察者网专栏作者 王文】,
   执笔/叨叨姐、胡一刀&李小飞刀 - taken out of the body;
5. a reporter line closing the body ("page:body-end"): 新京报记者 陆一夫, 采写：南都见习记者
   林子沛 - taken out of the body;
6. the head's author when it reads as a person's name ("head:<tag>");
7. an English copy's department-and-name line under the title ("page:header").

Role words are never names (本报记者, 见习记者, 通讯员 as a prefix; 整合, 编译 after), nor are
placeholders (佚名, admin) and organisations (证券时报网, 医技药剂党支部). Several names are split
on spaces, 、, ，, & and /.
"""

from __future__ import annotations

import re

from .credits import (
    byline_from_credits,
    credits_in_header,
    is_organisation,
    is_person_name,
    parse_credit_line,
)
from .dates import find_date
from .head import Head
from .landmarks import (
    CREDIT_ROLES,
    DATELINE_MARKS,
    DATELINE_PLACES,
    OPENING_BYLINE_LABELS,
    PLACEHOLDER_NAMES,
    REPORTER_LINE_LEADS,
    ROLE_PREFIXES,
    ROLE_SUFFIXES,
    SOURCE_LABELS,
    SOURCE_LINE_LABELS,
)
from .lines import Line
from .text import fold, squash, to_simplified

_NAME_SPLIT_RE = re.compile(r"[\s\u3000、，,;；/&＆和及]+")
_ROLE_RE = "|".join(re.escape(r) for r in sorted(ROLE_PREFIXES, key=len, reverse=True))
_SUFFIX_RE = re.compile("(?:" + "|".join(re.escape(s) for s in ROLE_SUFFIXES) + ")$")
# An outlet's reporter line: [outlet][见习]记者 names (澎湃新闻记者 贺梨萍, 本报记者 王某 李某).
_REPORTER_LINE_RE = re.compile(
    r"^[\[【(（]?(?:(?:" + "|".join(REPORTER_LINE_LEADS) + r")\s*)?[:：/]?\s*"
    rf"(?P<outlet>[^\s:：]{{0,10}}?)(?P<role>{_ROLE_RE})"
    r"\s*[:：]?\s*(?P<names>[^:：]{2,40}?)[\]】)）]?$")
_DATELINE_RE = re.compile(
    r"^.{0,40}?(?:" + "|".join(DATELINE_MARKS) + r")\s*[(（](?P<inner>[^()（）]{2,40})[)）]")
_OPENING_RE = re.compile(
    r"^[\[【(（]?\s*(?:" + "|".join(re.escape(w) for w in sorted(
        OPENING_BYLINE_LABELS, key=len, reverse=True)) + r")\s*[/:：|｜]\s*(?P<names>.{2,40}?)"
    r"\s*[\]】)）]?$")
# A dateline wholly in parentheses, the reporter before the place and the day:
# （中央社记者温贵香台北21日电）, （中央社记者王某、李某华盛顿20日专电）.
_PAREN_DATELINE_RE = re.compile(
    r"^[(（](?P<outlet>[^()（）]{0,8}?)(?:特派|驻[^()（）]{1,4})?记者\s*(?P<rest>[^()（）\d]{2,40}?)"
    r"\s*(?:\d{1,2}日)?(?:专|综合)?电[)）]")
_PLACE_END_RE = re.compile("(?:" + "|".join(sorted(DATELINE_PLACES, key=len, reverse=True))
                           + ")$")
# A Taiwan outlet's reporter credit: 记者林宸谊／台北报导, 记者林某/综合报导,
# 记者王某、李某／即时报导.
_REPORTED_FROM_RE = re.compile(
    r"记者\s*(?P<names>[\u3400-\u9fff·、，, ]{2,30}?)\s*[／/]\s*[^\s／/]{0,6}?报[导道]")
# An author in brackets on the date line, with no label (搜狐: 2004年7月16日08:19 [ 黄宇 ] 来源：…).
_BRACKETED_NAME_RE = re.compile(r"(?:^|\s)[\[【]\s*(?P<name>[\u3400-\u9fff·]{2,8})\s*[\]】]")
# A closing line that names where the material came from: 素材来源 江苏13个设区市党报及官方发布.
_SOURCE_LINE_RE = re.compile(
    r"^[\[【(（]?(?:" + "|".join(sorted(SOURCE_LINE_LABELS, key=len, reverse=True))
    + r")\s*[:：]?\s*\S")
# A print-edition line closing a text taken from a newspaper: 《光明日报》（ 2022年02月13日 02版）,
# 《人民日报》（2023年04月23日 第 04 版）: the article's source, not its last sentence.
# Possessive spaces (\s*+): two runs of \s* side by side shared a long run of spaces between
# them in every way, quadratic in its length (a line of 100,000 spaces took a minute).
_PRINT_EDITION_RE = re.compile(
    r"^[(（]?\s*+(?:来源[:：]?|原载|刊于|转自)?\s*+《[^《》]{2,20}》\s*+[(（]?\s*+\d{4}\s*+[-年.]\s*+\d{1,2}"
    r"\s*+[-月.]\s*+\d{1,2}\s*+日?\s*+[,，]?\s*+(?:第\s*+)?[\dA-Za-z]{1,4}\s*+版\s*+[)）]?\s*+[)）]?$")
# A note in parentheses closing the text that credits someone: （实习生王某对此文亦有贡献）,
# (本文来源：…), 【编辑：姚昊】.
_CREDIT_NOTE_RE = re.compile(
    r"^[(（\[【][^()（）\[\]【】]{0,40}(?:" + _ROLE_RE + r"|来源|供稿|责任编辑|责编)"
    r"[^()（）\[\]【】]{0,40}[)）\]】]$")
# A segment of an info line: 作者魏星, 作者：宪瑞, 编辑 刘晓阳.
_TOKEN_SPLIT_RE = re.compile(r"[\s|｜]+")
_GLUED_ROLE_RE = re.compile("^(?P<role>" + "|".join(
    re.escape(r) for r in sorted(CREDIT_ROLES + ("责任编辑",), key=len, reverse=True)
    if not r.isascii()) + r")(?P<rest>[\u3400-\u9fff·]{2,8})?$")
# 本报讯 记者王海 通讯员李静 报道：… - the dateline's reporters without parentheses.
_REPORTED_RE = re.compile(
    r"^(?:.{0,24}?(?:" + "|".join(DATELINE_MARKS) + r")\s*)?(?P<inner>(?:" + _ROLE_RE
    + r")[^。，,：:()（）]{2,40}?)\s*报道\s*[:：]")


def names_in(text: str) -> list[str]:
    """Person names in a chunk of a credit: roles before them (本报记者, 南都见习记者) and after
    them (整合, 编译, 摄) removed, placeholders dropped; [] when any piece is not a name."""
    text = squash(text).strip(" \u3000:：()（）[]【】。.")
    text = re.sub(rf"^.{{0,10}}?(?:{_ROLE_RE})\s*[:：]?\s*", "", text, count=1) if re.search(
        _ROLE_RE, text[:14]) else text
    if text.isascii():
        pieces = [squash(p) for p in re.split(r"[,;/&]+|\band\b", text) if p.strip()]
    else:
        pieces = [p for p in _NAME_SPLIT_RE.split(text) if p]
    names = []
    for piece in pieces:
        piece = re.sub(rf"^(?:{_ROLE_RE})", "", piece)
        if fold(piece) in (fold(s) for s in ROLE_SUFFIXES) or fold(piece) in PLACEHOLDER_NAMES:
            continue
        stem = _SUFFIX_RE.sub("", piece)
        if stem != piece and is_person_name(stem):
            piece = stem
        if not is_person_name(piece):
            return []
        names.append(piece)
    return names


def reporter_line(text: str) -> dict[str, list[str]]:
    """`澎湃新闻记者 段彦超 廖艳`, `采写：南都见习记者 林子沛`, `本报记者 王某` -> {role: names}."""
    match = _REPORTER_LINE_RE.match(squash(text))
    if not match or len(match["outlet"]) > 10:
        return {}
    names = names_in(match["names"])
    return {_role(match["role"]): names} if names else {}


def _role(word: str) -> str:
    return "通讯员" if "通讯员" in word else "作者" if "作者" in word else (
        "编辑" if "编辑" in word else "记者")


def dateline_credits(paragraph: str) -> dict[str, list[str]]:
    """新华社巴黎12月9日电（记者唐霁） -> {"记者": ["唐霁"]}, 本报讯 记者王海 通讯员李静 报道：
    -> {"记者": ["王海"], "通讯员": ["李静"]}; {} when the first sentence names no one."""
    match = _DATELINE_RE.match(paragraph) or _REPORTED_RE.match(paragraph)
    if not match:
        return {}
    found: dict[str, list[str]] = {}
    parts = re.split(rf"({_ROLE_RE})", match["inner"])
    role = ""
    for part in parts:
        if re.fullmatch(_ROLE_RE, part):
            role = _role(part)
        elif role and part.strip():
            names = names_in(part)
            if names:
                found.setdefault(role, []).extend(names)
    return found


def paren_dateline_credits(paragraph: str) -> dict[str, list[str]]:
    """（中央社记者温贵香台北21日电）… -> {"记者": ["温贵香"]} (names as printed); the place
    after the last name is cut at a known place (DATELINE_PLACES), else after three characters,
    the commonest length of a Chinese name."""
    simplified = to_simplified(paragraph[:80])
    if len(simplified) != len(paragraph[:80]):
        simplified = paragraph[:80]
    match = _PAREN_DATELINE_RE.match(simplified)
    if not match:
        return {}
    start, end = match.span("rest")
    pieces = [p for p in re.split(r"[、，,\s]+", paragraph[start:end]) if p]
    if not pieces:
        return {}
    last = to_simplified(pieces[-1])
    cut = _PLACE_END_RE.search(last)
    if cut and cut.start() >= 2:
        pieces[-1] = pieces[-1][: cut.start()]
    elif len(last) > 4:
        pieces[-1] = pieces[-1][:3]
    names = [p for p in pieces if is_person_name(p)]
    return {"记者": names} if names and len(names) == len(pieces) else {}


def reported_from_credits(text: str) -> dict[str, list[str]]:
    """记者林宸谊／台北报导 (a Taiwan outlet's credit, anywhere on a line) -> {"记者": [...]}."""
    simplified = to_simplified(text)
    if len(simplified) != len(text):
        simplified = text
    match = _REPORTED_FROM_RE.search(simplified)
    if not match:
        return {}
    names = names_in(text[match.start("names") : match.end("names")])
    return {"记者": names} if names else {}


def bracketed_author(text: str) -> dict[str, list[str]]:
    """A person's name in brackets with no label, on a line that holds the date:
    `2004年7月16日08:19 [ 黄宇 ] 来源：[ 国际金融报 ]` -> {"作者": ["黄宇"]}."""
    if not find_date(text):
        return {}
    for match in _BRACKETED_NAME_RE.finditer(text):
        before = text[: match.start()].rstrip()
        if before.endswith((":", "：")):
            continue  # 来源：[ 国际金融报 ]: a labelled value
        if is_person_name(match["name"]):
            return {"作者": [match["name"]]}
    return {}


def opening_credits(text: str) -> dict[str, list[str]]:
    """【文/观察者网专栏作者 王文】, 执笔/叨叨姐、胡一刀&李小飞刀 -> {"作者": names}."""
    match = _OPENING_RE.match(squash(text))
    if not match:
        return {}
    names = names_in(match["names"])
    return {"作者": names} if names else {}


def info_line_credits(text: str) -> dict[str, list[str]]:
    """Credits on an info line, labelled with or without a colon, glued to other labels:
    `来源：证券时报网作者：李在山`, `发表于 … | 来源 CSDN | 作者魏星`."""
    return parse_credit_line(text) or credits_in_header(text) or _unlabelled_credits(text)


def _unlabelled_credits(text: str) -> dict[str, list[str]]:
    """A role word and names with no colon: `作者 苏文斌 来源 钦州日报`, `| 作者魏星 |`."""
    found: dict[str, list[str]] = {}
    tokens = [t for t in _TOKEN_SPLIT_RE.split(squash(text)) if t]
    for i, token in enumerate(tokens):
        match = _GLUED_ROLE_RE.match(token)
        if not match:
            continue
        names = []
        for candidate in [match["rest"]] if match["rest"] else tokens[i + 1 : i + 5]:
            if not is_person_name(candidate):
                break
            names.append(candidate)
        if names:
            found.setdefault(match["role"], []).extend(names)
    return found


_CREDIT_LABEL_RE = re.compile(
    r"^[\[【(（]?(?:本文)?(?:" + "|".join(re.escape(w) for w in sorted(
        CREDIT_ROLES + SOURCE_LABELS + ("责任编辑", "采写"), key=len, reverse=True)) + r")[:：|｜]")
# 原创 kingname 未闻Code, 原创： 路闻卓立编译 人民币交易与研究: the author, then the account.
_ORIGINAL_RE = re.compile(r"^原创\s*[:：]?\s*(?P<first>\S+)(?:\s+\S+)*$")
# 石佳/中国青年报 under the title: the author, then the outlet.
_NAME_OUTLET_RE = re.compile(r"^(?P<names>[^/|｜]{2,20}?)\s*[/|｜]\s*(?P<outlet>[^/|｜\s]{2,16})$")


def is_credit_line(text: str) -> bool:
    """A line that credits someone, whatever follows its label: 采写：南都记者 X, 作者：X,
    责任编辑：, 本文来源：X 责任编辑：Y, 澎湃新闻记者 X."""
    if _CREDIT_LABEL_RE.match(fold(text)) or parse_credit_line(text) or reporter_line(text):
        return True
    # 【纠错】 责任编辑： 尹世杰: labelled names after a button (not a caption's 通讯员刘娟 摄).
    return len(text) <= 60 and not any(mark in text for mark in "。！？") and bool(
        credits_in_header(text))


def header_credits(text: str) -> dict[str, list[str]]:
    """Credits on a line between the title and the text, in any of the forms of the module."""
    found = (info_line_credits(text) or reporter_line(text) or opening_credits(text)
             or reported_from_credits(text) or bracketed_author(text))
    if found:
        return found
    text = squash(text)
    match = _ORIGINAL_RE.match(text)
    if match:
        names = names_in(match["first"])
        return {"作者": names} if names else {}
    match = _NAME_OUTLET_RE.match(text)
    if match and is_organisation(to_simplified(match["outlet"])):
        names = names_in(match["names"])
        return {"作者": names} if names else {}
    return {}


def find_byline(top: list[Line], paragraphs: dict[int, str], credits: dict[str, list[str]],
                byline: str, head: Head, english_line: str = ""):
    """See the module's rules. `paragraphs` (line index -> text) loses the reporter lines that
    open or close the body."""
    evidence = "page:body-end" if byline else ""
    places: list[tuple[str, dict[str, list[str]]]] = []
    for line in top:
        found = header_credits(line.text)
        if found:
            places.append(("page:header", found))
    # A reporter line above the text proper (under a summary: 划重点 … 《棱镜》作者 周纯).
    for key in list(paragraphs)[:6]:
        text = paragraphs[key]
        found = (opening_credits(text) or reporter_line(text)) if len(text) <= 60 else {}
        if not found and text.startswith("原创"):
            found = header_credits(text)
        if found and len(paragraphs) > 1:
            del paragraphs[key]
            places.append(("page:body-start", found))
            break
    for key in list(paragraphs)[:2]:
        found = (dateline_credits(paragraphs[key]) or paren_dateline_credits(paragraphs[key])
                 or reported_from_credits(paragraphs[key][:40]))
        if found:
            places.append(("page:dateline", found))
            break
    for key in reversed(list(paragraphs)[-4:]):
        if len(paragraphs) < 2:
            break
        text = paragraphs[key]
        if len(text) > 80 or text.endswith(("。", "！", "？")):
            break  # a sentence of the text, whatever names it holds
        found = reporter_line(text) or info_line_credits(text)
        if not found and not _CREDIT_NOTE_RE.match(text) and not is_credit_line(text) and (
                not _SOURCE_LINE_RE.match(to_simplified(text))) and (
                not _PRINT_EDITION_RE.match(text)):
            break
        del paragraphs[key]  # a credit, or a note such as （实习生王金茹对此文亦有贡献）
        if found:
            places.append(("page:body-end", found))
    for where, found in places:
        for role, names in found.items():
            credits.setdefault(role, names)
        if not byline:
            byline = byline_from_credits(found)
            evidence = where if byline else evidence
    if not byline:
        for value, tag in head.authors:
            names = names_in(value)
            if names:
                byline, evidence = " ".join(names), f"head:{tag}"
                break
    if not byline and english_line:
        byline, evidence = english_line, "page:header"
    return byline, credits, evidence
