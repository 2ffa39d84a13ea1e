"""List items: the markers that open them (bullets, dash pairs, keyboard bullets and
their space, circled numbers, enumerators such as `（1）`, `一、`, `1.`), and the kinds
of marker a page's lines show as a list (a kind that opens several lines).

Every pattern has one alternative of fixed shape per first character: no
backtracking, and a page is searched once.
"""

from __future__ import annotations

import re
import string
from collections import Counter
from collections.abc import Sequence

# A dash pair or a bullet opens a list item (`——短板加快补齐。`, `■原则上…`; the
# items of a news-in-brief list, `▲福建路…`).
ITEM_BULLETS = frozenset("▲△●○■□◆◇★☆")
# What opens an item or a section of briefs: a bullet, or the ◎ some papers
# set before a brief's title (`◎天氣預測`).
SECTION_MARKS = ITEM_BULLETS | frozenset("◎")
ITEM_OPENERS = ITEM_BULLETS | frozenset("—")
# A list item's enumerator opening a line: （一） (1) 一、 1. a) — an item starts there.
ENUMERATOR = re.compile(
    r"(?:[（(](?:[一二三四五六七八九十]{1,3}|[0-9]{1,2}|[a-zA-Z])[）)]"
    r"|[一二三四五六七八九十]{1,3}、|[0-9]{1,2}[.．、](?![0-9])|[a-zA-Z][).](?=\s))"
)


def opens_item(text: str, kinds: frozenset[str] = frozenset()) -> bool:
    """Does the line open on a list item's dash pair or bullet? An ASCII bullet
    (`- `, `* `, `• `, `· `) opens one only where the page's lines show a list:
    its kind is among the page's `kinds` (see `item_kinds`).

    >>> opens_item("——短板加快补齐。"), opens_item("■原则上"), opens_item("—1")
    (True, True, False)
    >>> opens_item("- 加强监管。"), opens_item("- 加强监管。", frozenset({"-"}))
    (False, True)
    >>> opens_item("【暴雨预警】市气象台"), opens_item("【暴雨预警】市气象台", frozenset({"【】"}))
    (False, True)
    """
    if text[0] in ITEM_BULLETS or text.startswith("——"):
        return True
    return (text[0] in ASCII_BULLETS or text[0] == "【") and item_kind(text) in kinds


# Bullets typed on a keyboard (and the middle dot): a list item's only followed by a
# space (`- 加强监管`, not `-5℃` or `*注`) and where they open several lines.
ASCII_BULLETS = frozenset("-*•·")
# Numbers in circles: `①加强监管`.
CIRCLED_NUMBERS = "\u2460-\u2473"
# A news brief's title in lenticular brackets opening its item (`【暴雨预警】…`).
BRIEF_LABEL = "【[^【】\n]{1,12}】"
BRIEF_KIND = "【】"
# An ordinal opening an item (`第一，少吃腌制食品；` / `第二，…`): a list's
# marker only where several lines open on one (`item_kinds`), never alone, as
# wrapped text may open a line on one (`…位居全国` / `第一，…`). A numeral after
# its mark counts the ordinal's range (`第一、二季度`), no item.
ORDINAL = "第[一二三四五六七八九十]{1,2}[，、](?![一二三四五六七八九十])"
# A prize's label opening an award line (`一等奖：高一（3）班 李明轩`, `金奖　…`):
# a list's marker only where several lines open on one (`item_kinds`). Each
# award ends on a name, with no mark: the label alone opens its item.
PRIZE = "(?:[一二三四五六七八九十特]等|[金银銀铜銅]|优秀|優秀)[奖獎](?:[：:]|[ \u3000]+(?=\\S))"
PRIZE_LABEL = re.compile(PRIZE)
PRIZE_KIND = "奖"
# A time of day opening a line (`19:30 新闻联播`, `07：30　早安江南`): the item of a
# programme listing or a timetable, a list's marker only where several lines open
# on one (`item_kinds`). Like an award, each item ends on a name, with no mark: the
# time alone opens its item. An hour runs to 23 (a set's score `25:23` is none),
# and a space or a Han character follows (not a ratio's digits).
CLOCK = "(?:[01]?[0-9]|2[0-3])[:：][0-5][0-9](?=[ \u3000\t\u4e00-\u9fff])"
CLOCK_KIND = "#:#"
# The characters an item's marker may open on (see ITEM_MARKER): a cheap first test.
ITEM_MARKER_CHARS = (
    ITEM_OPENERS
    | ASCII_BULLETS
    | frozenset(map(chr, range(0x2460, 0x2474)))
    | frozenset("（(一二三四五六七八九十0123456789【第特金银銀铜銅优優")
    | frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
)
# What opens a list item at a line's start: a bullet, a dash pair, a keyboard bullet
# and its space, a circled number or an enumerator. One alternative of fixed shape
# per first character: no backtracking.
ITEM_MARKER = re.compile(
    f"[{''.join(sorted(ITEM_BULLETS))}]|——|[-*•·](?=[ \t\u3000]\\S)|[{CIRCLED_NUMBERS}]"
    f"|{PRIZE}|{CLOCK}|{ENUMERATOR.pattern}|{BRIEF_LABEL}|{ORDINAL}"
)
# An item marker's number, to tell the kind of a list by its markers' shape.
MARKER_NUMBER = re.compile(f"[0-9一二三四五六七八九十{CIRCLED_NUMBERS}]+")
# A marker's letter stands for its case, not for a number: `a)` and `A.` are kinds
# of their own, so a numbered list (`1.`) makes no list of an initial (`J. Smith`).
MARKER_LETTERS = str.maketrans(
    dict.fromkeys(string.ascii_lowercase, "a") | dict.fromkeys(string.ascii_uppercase, "A")
)
# The same after each newline of a page's lines joined by newlines (and a newline
# put before the first): the newline is a literal the search skips to, where `^`
# under re.M would be tried at every character. No marker holds a newline. The
# first character is tested before the alternatives: most lines open on none of
# them, and each alternative tried costs (24 -> 9 M instructions per MB).
LINE_ITEM_MARKER = re.compile(
    f"\n(?=[{''.join(map(re.escape, sorted(ITEM_MARKER_CHARS)))}])({ITEM_MARKER.pattern})"
)
# Lines a kind of marker must open on a page to mark its list items.
LIST_MIN_ITEMS = 2


def item_kind(text: str) -> str | None:
    """The kind of list item the line opens (`marker_kind`: `①`, `（1）`, `一、` and
    `1.` are kinds of their own), or None.

    >>> item_kind("①加强监管"), item_kind("（12）完善"), item_kind("- 加强"), item_kind("-5℃")
    ('#', '（#）', '-', None)
    >>> item_kind("第二，多吃蔬菜；"), item_kind("第一、二季度")
    ('第#，', None)
    >>> item_kind("一等奖：高一（3）班"), item_kind("金奖　李明"), item_kind("金奖得主")
    ('奖', '奖', None)
    >>> item_kind("19:30 新闻联播"), item_kind("07：30早安"), item_kind("25:23战胜")
    ('#:#', '#:#', None)
    """
    marker = ITEM_MARKER.match(text)
    return None if marker is None else marker_kind(marker.group())


def marker_kind(marker: str) -> str:
    """An item marker's kind: its number made `#`, its letter `a` or `A`.

    >>> marker_kind("（12）"), marker_kind("b)"), marker_kind("J.")
    ('（#）', 'a)', 'A.')
    >>> marker_kind("【暴雨预警】")
    '【】'
    """
    if marker[0] == "【":
        return BRIEF_KIND  # each brief its own title: the brackets are the kind
    if "奖" in marker or "獎" in marker:
        return PRIZE_KIND  # first, second, gold, silver: one list of awards
    if ":" in marker or "：" in marker:
        return CLOCK_KIND  # `19:30` and `19：30` alike
    return MARKER_NUMBER.sub("#", marker).translate(MARKER_LETTERS)


CHINESE_DIGITS = {c: n for n, c in enumerate("一二三四五六七八九", 1)}


def marker_number(text: str) -> int | None:
    """The number of the list item's marker opening `text` (`三、`, `（12）`,
    `④`), or None for a marker with none (a bullet, a letter, an award).

    >>> marker_number("三、公交"), marker_number("（12）完善"), marker_number("十一、")
    (3, 12, 11)
    >>> marker_number("②加强"), marker_number("二十三、"), marker_number("■原则上")
    (2, 23, None)
    """
    marker = ITEM_MARKER.match(text)
    if marker is None:
        return None
    digits = MARKER_NUMBER.search(marker.group())
    if digits is None:
        return None
    value = digits.group()
    if value.isascii():
        return int(value)
    if "\u2460" <= value[0] <= "\u2473":
        return ord(value[0]) - 0x2460 + 1
    # 一 .. 九十九: tens before a 十, units after it (十 alone is ten).
    tens, ten, units = value.partition("十")
    if not ten:
        return CHINESE_DIGITS.get(value)
    return CHINESE_DIGITS.get(tens, 1 if not tens else 0) * 10 + CHINESE_DIGITS.get(units, 0)


def item_kinds(corpus: str) -> frozenset[str]:
    """The kinds of list item (`item_kind`) that open LIST_MIN_ITEMS lines or more of
    a page (`corpus`: its lines, indents stripped, joined by newlines): a list the
    lines show. One search of the page, in C.

    >>> sorted(item_kinds("- 一\\n- 二\\n-5℃\\n①三\\n（1）四"))
    ['-']
    """
    counts = Counter(map(marker_kind, LINE_ITEM_MARKER.findall("\n" + corpus)))
    return frozenset(kind for kind, n in counts.items() if n >= LIST_MIN_ITEMS)


# A row of a name list (`王建国 李秀英 张海涛 刘 洋`): four names or more, each of
# one to four Han characters (a two-character name is spaced out to three
# widths: `刘 洋`), one space apart. Linear: each space starts a new name.
NAME_ROW = re.compile("[\u4e00-\u9fff]{1,4}(?:[ \u3000][\u4e00-\u9fff]{1,4}){3,}[ \u3000]?")
# Lines of a run that must be name rows to make it a name list.
NAME_LIST_ROWS = 2
# Names alone, one space apart: the rest of a name list (`何文斌 林 涛`, `涛`).
NAMES_ONLY = re.compile("[\u4e00-\u9fff]{1,4}(?:[ \u3000][\u4e00-\u9fff]{1,4})*[ \u3000]?")


def continues_names(text: str, next_text: str) -> bool:
    """Does a row of a name list run on into the next line, names alone? A list
    wrapped at the column is one block: its rows' widths (the spaces between
    names) tell nothing of a paragraph's end.

    >>> continues_names("燕 孙 磊 马玉兰 朱国庆 郭 静", "何文斌 林 涛")
    True
    >>> continues_names("燕 孙 磊 马玉兰 朱国庆 郭 静", "全市优秀志愿服务集体名单：")
    False
    """
    return is_name_row(text) and NAMES_ONLY.fullmatch(next_text) is not None


def is_name_list(texts: Sequence[str]) -> bool:
    """Is the run a list of names, wrapped at the column or set in rows
    (`王建国 李秀英 张海涛 刘 洋` / `陈晓红 杨志刚 …`), or a list of awards
    (`一等奖：高一（3）班 李明轩` / `初二（1）班 王雨桐`)? Such lines are a list's,
    never a title deck's: a title spaces out two or three phrases at most.

    >>> is_name_list(["王建国 李秀英 张海涛 刘 洋", "陈晓红 杨志刚 赵丽娟 黄明辉", "周 敏"])
    True
    >>> is_name_list(["一等奖：高一（3）班 李明轩", "初二（1）班 王雨桐"])
    True
    >>> is_name_list(["十八载 风劲 帆满", "一个小镇的蝶变"])
    False
    """
    if PRIZE_LABEL.match(texts[0]):
        return True
    rows = 0
    for text in texts:
        if " " in text or "\u3000" in text:
            rows += is_name_row(text)
    return rows >= NAME_LIST_ROWS


def is_name_row(text: str) -> bool:
    """A row of a name list (`NAME_ROW`), two names of it at least two characters
    long: a line letter-spaced as OCR gives it (`河 道 清 淤 工 程`) spaces out
    every character.

    >>> is_name_row("周 敏 吴德胜 徐春燕 孙 磊 马"), is_name_row("河 道 清 淤 工 程")
    (True, False)
    """
    return (
        NAME_ROW.fullmatch(text) is not None
        and sum(len(name) >= 2 for name in text.split()) >= 2
    )


# A speaker's label opening a turn of an interview or a dialogue (`记者：`,
# `吴秀兰：`, `问：`): up to four Han characters and a colon at a line's start.
SPEAKER_LABEL = re.compile("^([\u4e00-\u9fff]{1,4})[：:]")
# The same after each newline of a page's lines joined by newlines: the newline
# is a literal the search skips to, where `^` would be tried at every character.
# Possessive: a colon is no Han character, so giving one back never finds it, and
# the retries cost at every line (20 -> 10 M instructions per MB).
LINE_SPEAKER_LABEL = re.compile("\n([\u4e00-\u9fff]{1,4}+)[：:]")
# A label of two characters or more ending on a speech verb is running text's
# (`他说：`, `李明指出：`), not a speaker's.
SPEECH_VERB_ENDS = frozenset("说說道称稱示出问問")
# Nor is one opening on a pronoun (`他坦言：`, `她介绍：`, `我认为：`): a speaker's
# label names the speaker or the role (`记者`, `吴秀兰`), and a pronoun's
# clause introduces a quote inside running text.
PRONOUN_STARTS = frozenset("他她我你它祂妳您")
# Labels that open several lines each, and at least two of them: the page is a
# dialogue (one label repeated is a list's or a note's, see `item_kinds`).
SPEAKER_MIN_TURNS = 2
SPEAKER_MIN_LABELS = 2


def speaker_labels(corpus: str) -> frozenset[str]:
    """The speakers' labels of a dialogue the page's lines show: labels
    (`SPEAKER_LABEL`) that open SPEAKER_MIN_TURNS lines or more, where at least
    two do (the interviewer and the interviewed). One search of the page, in C.

    >>> sorted(speaker_labels("记者：一？\\n张三：二。\\n记者：三？\\n张三：四。\\n他说：五"))
    ['张三', '记者']
    >>> speaker_labels("注：一。\\n注：二。\\n他说：三")
    frozenset()
    >>> speaker_labels("他坦言：一。\\n他介绍：二。\\n他坦言：三。\\n他介绍：四。")
    frozenset()
    >>> speaker_labels("其中：一。\\n其中：二。\\n例如：三。\\n例如：四。")
    frozenset()
    """
    found = LINE_SPEAKER_LABEL.findall("\n" + corpus)
    counts = Counter(found)
    labels = frozenset(
        label
        for label, n in counts.items()
        if n >= SPEAKER_MIN_TURNS
        and (
            len(label) == 1
            or (label[-1] not in SPEECH_VERB_ENDS and label[0] not in PRONOUN_STARTS)
        )
    )
    if len(labels) < SPEAKER_MIN_LABELS or takes_turns(found, labels) < SPEAKER_MIN_TURNS:
        return frozenset()
    return labels


def takes_turns(found: Sequence[str], labels: frozenset[str]) -> int:
    """How often a speaker speaks again after another did: speakers alternate
    (`记者` / `张三` / `记者`), where labels of a note or a list repeat in runs
    (`其中：` twice, then `例如：` twice).

    >>> takes_turns(["问", "答", "问", "答"], frozenset({"问", "答"}))
    2
    >>> takes_turns(["其中", "其中", "例如", "例如"], frozenset({"其中", "例如"}))
    0
    """
    seen: set[str] = set()
    turns = 0
    last = None
    for label in found:
        if label not in labels:
            continue
        if label != last and label in seen:
            turns += 1
        seen.add(label)
        last = label
    return turns


def speaker_of(text: str) -> str | None:
    """The speaker's label a line opens on, or None.

    >>> speaker_of("记者：您好。"), speaker_of("记者说，")
    ('记者', None)
    """
    label = SPEAKER_LABEL.match(text)
    return None if label is None else label.group(1)
