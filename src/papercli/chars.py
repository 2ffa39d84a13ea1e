"""Character classes shared by every step, built from named Unicode ranges, and
the character-level readings built on them: marks OCR read as ASCII, spaces that
were never printed (`中 国 人 民`).

Regex constants are UPPER_SNAKE and named after the text shape they match.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import cache

# Han ideographs (BMP, Extension A, compatibility, supplementary planes).
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
# Kana and Hangul count as CJK: a break between them joins with no space.
KANA = "\u3040-\u30ff\u31f0-\u31ff"
HANGUL = "\u1100-\u11ff\u3130-\u318f\uac00-\ud7af"
BOPOMOFO = "\u3100-\u312f\u31a0-\u31bf"
# CJK symbols and punctuation, CJK radicals, vertical/compat/small forms, fullwidth forms.
CJK_PUNCT = "\u2e80-\u2fff\u3000-\u303f\ufe10-\ufe1f\ufe30-\ufe4f\ufe50-\ufe6f\uff00-\uffef"
# Punctuation shared with Latin text that CJK typesetting sets full width:
# curly quotes, em dash, horizontal bar, ellipsis, middle dot, bullet.
CJK_SHARED_PUNCT = "\u2018\u2019\u201c\u201d\u2014\u2015\u2026\u00b7\u2022"

CJK = HAN + KANA + HANGUL + BOPOMOFO + CJK_PUNCT + CJK_SHARED_PUNCT
CJK_CLASS = f"[{CJK}]"
CJK_CHAR = re.compile(CJK_CLASS)
HANGUL_CHAR = re.compile(f"[{HANGUL}]")
KANA_CHAR = re.compile(f"[{KANA}]")


def keeps_word_space(left: str, right: str) -> bool:
    """Is a space the text holds at a line break between `left` and `right`
    (stripped lines) a Korean word space? Korean sets a space between its words
    and a column breaks where it falls, leaving it at a line's edge: with a
    Hangul syllable on one side of the break and a word on the other, the join
    keeps it. (A bare break still joins with no space, as all CJK breaks do.)

    >>> keeps_word_space("예산이 크게", "늘었고,"), keeps_word_space("크게 늘었고,", "연구개발")
    (True, True)
    >>> keeps_word_space("专项活动，始", "终坚持"), keeps_word_space("예산이", "。")
    (False, False)
    """
    a, b = left[-1], right[0]
    return (HANGUL_CHAR.match(a) is not None and KOREAN_WORD_EDGE().match(b) is not None) or (
        HANGUL_CHAR.match(b) is not None and KOREAN_WORD_EDGE().match(a) is not None
    )

# ASCII punctuation that OCR gives for a full-width CJK mark (`,` for `，`,
# `"` for `“` or `”`).
ASCII_MARKS = "!\"(),.:;?"

# Sentence-ending punctuation, including closers that may hang after it (。” or ！）).
SENTENCE_END = "。！？!?…；;"
CLOSERS = "”’」』）)》〉】〕]"
OPENERS = "“‘「『（(《〈【〔["
# Clause punctuation: old text ends most clauses with 、, so it is a soft end.
CLAUSE_END = "，,、：:"

# A line's edges are stripped of all white space (`str.strip()`: the fastest
# strip, and every Unicode space separator, such as the em spaces PDF
# extractors set for an indent). An indent is measured as wide as it is set: a
# tab as two ems (not as half a column), an em space or quad as an ideographic
# space, an en space, NBSP or figure space as half of one, and the thinner
# spaces as nothing.
INDENT_WIDTHS = str.maketrans(
    {
        "\t": "\u3000\u3000",
        "\u00a0": " ",
        "\u2000": " ",
        "\u2001": "\u3000",
        "\u2002": " ",
        "\u2003": "\u3000",
        "\u2007": " ",
        **dict.fromkeys("\u1680\u2004\u2005\u2006\u2008\u2009\u200a\u202f\u205f", ""),
    }
)

SOFT_HYPHEN = "\u00ad"
# Characters that print nothing: the zero-width space and joiners, direction
# marks, the word joiner, a BOM left inside the text (files concatenated). A soft
# hyphen is none of them: at a line's end it says a word was cut.
INVISIBLE_RANGES = (
    (0x180E, 0x180E),
    (0x200B, 0x200F),
    (0x202A, 0x202E),
    (0x2060, 0x2064),
    (0x2066, 0x206F),
    (0xFEFF, 0xFEFF),
)
INVISIBLE = "".join(chr(c) for lo, hi in INVISIBLE_RANGES for c in range(lo, hi + 1))


def visible_span(text: str) -> tuple[int, int]:
    """Where the visible text starts and ends inside the white space and invisible
    characters at `text`'s edges (`start == end`: nothing visible).

    >>> visible_span("\ufeff\u3000\u3000近年。\u200b ")
    (3, 6)
    """
    start, end = 0, len(text)
    while start < end and (text[start] in INVISIBLE or text[start].isspace()):
        start += 1
    while end > start and (text[end - 1] in INVISIBLE or text[end - 1].isspace()):
        end -= 1
    return start, end


def strip_edges(text: str) -> str:
    """`text.strip()`, looking past the invisible characters at its edges: the
    white space between them and the visible text goes too (`\ufeff\u3000\u3000近`
    is an indented line); they stay, in order. A text with nothing visible is
    only stripped.

    >>> strip_edges(" \ufeff\u3000\u3000近年。\u2029\u200b "), strip_edges("中 文")
    ('\ufeff近年。\u200b', '中 文')
    """
    stripped = text.strip()
    if not stripped or (stripped[0] not in INVISIBLE and stripped[-1] not in INVISIBLE):
        return stripped
    start, end = visible_span(stripped)
    if start == end:
        return stripped
    lead = "".join(ch for ch in stripped[:start] if ch in INVISIBLE)
    trail = "".join(ch for ch in stripped[end:] if ch in INVISIBLE)
    return lead + stripped[start:end] + trail

# A digit, ASCII or full width (`２０２４年`).
DIGIT = re.compile(r"[0-9\uff10-\uff19]")

# Hyphens a typesetter cuts a word at a line end with: `-` and U+2010 HYPHEN.
HYPHENS = "-\u2010"


def is_cjk(ch: str) -> bool:
    """True for a CJK character or a punctuation mark set full width in CJK text.

    >>> is_cjk("中"), is_cjk("。"), is_cjk("“"), is_cjk("a"), is_cjk("1")
    (True, True, True, False, False)
    """
    return CJK_CHAR.match(ch) is not None


# Characters that take half the width of a Han character in a printed column.
# Everything below U+1100 except the middle dot, general punctuation except the shared
# CJK marks, and the halfwidth katakana/Hangul block.
_HALF_WIDTH = re.compile(
    "[\u0000-\u00b6\u00b8-\u10ff\u2000-\u2013\u2016\u2017\u201a\u201b"
    "\u201e-\u2021\u2023-\u2025\u2027-\u2e7f\uff61-\uffdc]"
)


def display_width(line: str) -> float:
    """Width of a line in Han-character units: Latin, digits and ASCII count half.

    >>> display_width("局属 21个部门")
    6.5
    """
    half = len(_HALF_WIDTH.findall(line))
    return (len(line) - half) + half / 2


# Indentation that marks a paragraph start: an ideographic space, two spaces or a tab.
INDENT = re.compile(r"^(?:\u3000|[ \u00a0]{2,}|\t)")


# ASCII punctuation beside CJK is a full-width mark that OCR read as ASCII
# (`年,中国`): it was printed an em wide, not half of one. Its neighbours are
# tested with CJK_CHAR: a pattern of its own with the CJK class in it would take
# milliseconds to compile at every start.
ASCII_MARK_RUN = re.compile(f"[{ASCII_MARKS}]+")


def ascii_marks_in_cjk(text: str) -> Iterator[str]:
    """The ASCII marks of `text` set in CJK text: a run of them (`书记".`) with a
    CJK character on one side (the runs' characters; see `ascii_mark_runs_in_cjk`).

    In a spaced-out text (OCR's `中 国 , 人 民`) a space may stand between them.

    >>> list(ascii_marks_in_cjk('他说:"好".Web 2.0'))
    [':', '"', '"', '.']
    >>> list(ascii_marks_in_cjk("中 国 , 人 民 .")), list(ascii_marks_in_cjk("Beijing, 中国"))
    ([',', '.'], [])
    """
    for run in ascii_mark_runs_in_cjk(text):
        yield from run


def ascii_mark_runs_in_cjk(text: str) -> Iterator[str]:
    """The runs of ASCII marks that `ascii_marks_in_cjk` reads, each whole.

    >>> list(ascii_mark_runs_in_cjk('交通出行......1511个，他说:"好".'))
    ['......', ':"', '".']
    """
    gap = 1 if " " in text and is_spaced_out(text) else 0
    for m in ASCII_MARK_RUN.finditer(text):
        i, j = m.span()
        if gap:
            if i >= 2 and text[i - 1] == " ":
                i -= 1
            if text[j : j + 1] == " ":
                j += 1
        if (i and CJK_CHAR.match(text, i - 1)) or CJK_CHAR.match(text, j):
            yield m.group()


def has_cjk_mark(text: str, mark: str, ascii_mark: str) -> bool:
    """Does `text` hold the full-width `mark`, or `ascii_mark` set in CJK text
    (OCR's reading of it: see `ascii_marks_in_cjk`)?

    >>> has_cjk_mark("两回事.大部", "。", "."), has_cjk_mark("Web 2.0", "。", ".")
    (True, False)
    """
    if mark in text:
        return True
    return ascii_mark in text and ascii_mark in ascii_marks_in_cjk(text)


def lazy_pattern(source: str) -> Callable[[], re.Pattern[str]]:
    """A function giving `source` compiled, compiled on its first call. A class of
    CJK ranges takes milliseconds to compile (`re` fills a table entry by entry in
    Python): a pattern that only rare input needs should not cost every start."""

    @cache
    def compiled() -> re.Pattern[str]:
        return re.compile(source)

    return compiled


# What sets a word next to a Hangul one with a space between: Hangul, Han (a
# word in hanja), or printable ASCII (`3.2%`, `"`, `,`); not a full-width mark.
# Compiled on first use (the Han class costs milliseconds): only Korean text asks.
KOREAN_WORD_EDGE = lazy_pattern(f"[{HANGUL}{HAN}!-~]")


def is_spaced_out(text: str) -> bool:
    """Is a third of `text` spaces (OCR's `中 国 人 民`, every pair of characters
    set apart)? Then a space between two CJK characters was never printed.

    >>> is_spaced_out("中 国 人 民"), is_spaced_out("记者 张三 通讯员 李四")
    (True, False)
    """
    spaces = text.count(" ")
    return spaces > 0 and 3 * spaces >= len(text) - 1


# The CJK characters a never-printed space may stand beside: not a space itself
# (U+3000), and not Hangul, whose words are spaced.
GAP_NEIGHBOUR = HAN + KANA + BOPOMOFO + CJK_PUNCT.replace("\u3000-", "\u3001-") + CJK_SHARED_PUNCT
# A transcription gap in a spaced-out text: spaces between two such characters,
# or one and an ASCII mark (OCR reads `，` as `,` too). Compiled on first use
# (see `lazy_pattern`): only spaced-out text needs it, and the class takes
# milliseconds to compile. `re` does the work in C, a gap every other character.
transcription_gap = lazy_pattern(
    f"(?<=[{GAP_NEIGHBOUR}])  *(?=[{GAP_NEIGHBOUR}{re.escape(ASCII_MARKS)}])"
    f"|(?<=[{re.escape(ASCII_MARKS)}])  *(?=[{GAP_NEIGHBOUR}])"
)


SPACES = " \t\u3000\u00a0"
# What `squeeze` deletes, in one C pass (str.translate takes a slow path on CJK text).
SQUEEZABLE = re.compile(f"[{SPACES}\n]+")


def squeeze(text: str) -> str:
    """The text without spaces, the way the scorer and the reader see it.

    >>> squeeze("本报记者  方  敏")
    '本报记者方敏'
    """
    return SQUEEZABLE.sub("", text)


def without_gaps(text: str) -> str:
    """`text` without its transcription gaps (see `transcription_gap`).

    >>> without_gaps("直  立 , 天 Hi , you 한국 사람")
    '直立,天 Hi , you 한국 사람'
    """
    return transcription_gap().sub("", text)


def squeeze_gaps(text: str) -> tuple[str, list[int]]:
    """`without_gaps(text)`, and where each of its characters was in `text`.

    >>> squeeze_gaps("在 农 民 2 人")
    ('在农民 2 人', [0, 2, 4, 5, 6, 7, 8])
    """
    pieces: list[str] = []
    where: list[int] = []
    pos = 0
    for m in transcription_gap().finditer(text):
        start, end = m.span()
        pieces.append(text[pos:start])
        where.extend(range(pos, start))
        pos = end
    pieces.append(text[pos:])
    where.extend(range(pos, len(text)))
    return "".join(pieces), where
