"""Signals measured on single lines: width, fullness, sentence ends, heading
shape, bracket balance, list markers. Pure functions of a line (and of the page
style); the classifier in `layout` combines them. Dateline and byline shapes are
`papercli.bylines`.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import accumulate, compress, repeat
from operator import add, ne, truediv
from typing import NamedTuple

from papercli.chars import (
    ASCII_MARK_RUN,
    CJK_CHAR,
    CLOSERS,
    HYPHENS,
    INDENT_WIDTHS,
    OPENERS,
    SOFT_HYPHEN,
    ascii_marks_in_cjk,
    display_width,
    has_cjk_mark,
    is_cjk,
    is_spaced_out,
    without_gaps,
)
from papercli.lists import ENUMERATOR

# ASCII `.` ends Latin sentences; CJK text never ends a line on it otherwise. A
# fullwidth `．` (or a halfwidth `｡`) is the full stop of text set with `，．`, as
# much Japanese and some Chinese is, and OCR's reading of many a `。`.
SENTENCE_END_CHARS = frozenset("。！？!?…；;.．｡")
FULL_STOP_CHARS = frozenset("。！？!?.．｡")
# Points that may be a number's decimal point rather than a full stop.
POINTS = frozenset(".．")
CLAUSE_END_CHARS = frozenset("，,、：:")
CLOSER_CHARS = frozenset(CLOSERS)
# At a line's end, a straight quote (OCR's `”`) closes too; at its start it may open.
END_CLOSER_CHARS = CLOSER_CHARS | {'"', "'"}
OPENER_CHARS = frozenset(OPENERS)
STOP_CHARS = SENTENCE_END_CHARS | CLAUSE_END_CHARS
# Marks no line may start with (kinsoku), so no block either: the text before ran on.
NO_BLOCK_START = STOP_CHARS | CLOSER_CHARS


def char_class(chars: Iterable[str]) -> re.Pattern[str]:
    """A pattern for any one of `chars`: `search` scans a text for them in C, where
    `any(ch in chars for ch in text)` takes a Python step per character."""
    return re.compile("[" + re.escape("".join(sorted(chars))) + "]")


STOP_MARK = char_class(STOP_CHARS)
SENTENCE_MARK = char_class(SENTENCE_END_CHARS)
CLAUSE_MARK = char_class(CLAUSE_END_CHARS)
PUNCT_CHARS = STOP_CHARS | frozenset("—·“”‘’「」『』")
PUNCT_MARK = char_class(PUNCT_CHARS)
# Marks that typesetting never puts at the start of a line (kinsoku).
NO_LINE_START = PUNCT_CHARS - frozenset("“‘「『")


# How many Han-width units a line may fall short of its column and still be full:
# justification and half-width digits make full lines wobble by about one unit.
FULL_SLACK = 1.0
# A paragraph's indent is a few ems (two, mostly). A line pushed in further and
# not filling the column is set off from the margin: a title centred by the
# extraction, a byline set flush right (`pdftotext -layout` keeps both).
PARAGRAPH_INDENT_MAX = 3.0
# A heading run has at most this many lines (main title, kicker, subtitles).
MAX_HEADING_LINES = 5


class Line(NamedTuple):
    """One non-blank source line and the signals measured on it.

    A named tuple, not a class with `__init__`: one is built per input line, and
    `measure_lines` builds them all from parallel lists without a Python call each.
    """

    number: int
    text: str  # stripped content
    indent: float  # width of the leading whitespace
    width: float  # display width of the content
    # Extraction puts indentation outside the column: a full indented first line
    # holds as many characters as any other full line, so the span is the width.
    span: float
    trailing_space: bool

    @property
    def last(self) -> str:
        return self.text[-1]

    @property
    def first(self) -> str:
        return self.text[0]

    def __repr__(self) -> str:
        return f"Line({self.number}, {self.text!r}, indent={self.indent}, width={self.width})"


def is_set_off(line: Line, column: float) -> bool:
    """Is the line centred or set flush right, rather than indented as a
    paragraph's first line is? A first line fills the column however deep its
    indent (quotes and digits may measure it up to two widths wider); a line
    indented further than a paragraph's that stops short of the column, or runs
    well wider (a title over columns), is set off."""
    return line.indent > PARAGRAPH_INDENT_MAX and not (
        column - FULL_SLACK <= line.span <= column + 2 * FULL_SLACK
    )


@dataclass(frozen=True)
class PageStyle:
    """Page-wide signals: the typical column width and the punctuation style."""

    column: float
    old_style: bool  # 1930s-40s text: `、` ends clauses and sentences, `。` is rare
    # Paragraphs marked only by a short last line (no indent, no blank line): a
    # paragraph that happens to end flush with the column is then invisible, and
    # its length is the only hint left (see `segment_run`).
    short_line_paragraphs: bool = False
    # Blank lines set the page's paragraphs apart (runs are paragraph-sized).
    blank_separated: bool = True
    # A space left at a line's end marks a deliberate break only where few lines
    # have one; some extractions pad every line.
    trailing_space_marks: bool = True
    # Some line is set off from the margin (`is_set_off`); most pages have none.
    set_off_lines: bool = True
    # The mark that ends an old-style page's clauses and sentences: `、`, or `，`
    # where OCR read the old mark so (`pagestyle.old_style_stop`).
    old_stop: str = "、"
    # Hardly a mark on the page (text set before punctuation came into use): a
    # title deck is told from wrapped text by its widths alone (`pagestyle.fills_column`).
    unpunctuated: bool = False
    # Lines are justified to the column: few stop one width short of it (a word
    # pushed whole to the next line), so a sentence that does ends its paragraph.
    # On a ragged-right page a line one short is nothing.
    justified: bool = False
    # The kinds of list item (`item_kind`) that open several of the page's lines:
    # what its lists look like.
    item_kinds: frozenset[str] = frozenset()

    @property
    def run_is_paragraph(self) -> bool:
        """On an old-style page whose paragraphs are set apart by blank lines,
        `、` ends clauses everywhere and a short line inside a run is no sign of a
        paragraph end; on one set solid (no blank lines), it is."""
        return self.old_style and self.blank_separated


def column_width(text: str) -> float:
    """Display width from the UTF-8 length, computed in C: ASCII takes one byte
    and half a column, CJK three bytes and a whole column. Rarer characters are
    approximated (Latin-1/Greek/Cyrillic 0.75, supplementary Han 1.25), well inside
    the one-unit slack the classifier allows.

    >>> column_width("局属 21个部门")
    6.5
    """
    # n one-byte and three-byte characters: wide = (bytes - n) / 2 whole columns and
    # n - wide half ones, which sums to (bytes + n) / 4.
    return (len(text.encode("utf-8", "surrogatepass")) + len(text)) / 4


# Space after a CJK mark, or a wide gap, sets a title's phrases apart; prose has neither.
TITLE_GAP = re.compile("[，、：；] |\u3000|[^ ]  +[^ ]")
# Spaces before a wide character. Spelt with a literal space first (not ` +`),
# the pattern has a prefix that `re` finds by a fast scan: nine times faster on a
# page with few spaces. The character before is tested in Python.
SPACE_BEFORE_WIDE = re.compile(r"  *(?=[^\x00-\x7f])")
# Where a line may have such gaps, the character before tested in Python: two or
# more spaces before a wide character, or one between two that are themselves
# spaced (`国 人 民`). A byline's `本报记者 李文` has neither.
MAYBE_GAP = re.compile(r" (?: +(?=[^\x00-\x7f])|(?=[^\x00-\x7f] [^\x00-\x7f]))")


def gap_width(text: str) -> float:
    """The width of the spaces in `text` that are no printed width. OCR sets one
    between every pair of characters (`中 国 人 民`), a PDF extractor between
    those of a justified line whose gaps widened: on a spaced-out line, every
    space between two CJK characters (see `chars.transcription_gap`) goes.
    Elsewhere only a run of two or more between Han characters (`直  立`): a
    single space (`记者 张三 通讯员 李四`) is a printed gap, and Hangul keeps its
    word spaces.

    >>> gap_width("中 国 人 民"), gap_width("直  立"), gap_width("记者 张三 通讯员 李四")
    (1.5, 1.0, 0.0)
    >>> gap_width("局属 21个部门"), gap_width("한국 사람")
    (0.0, 0.0)
    """
    if is_spaced_out(text):
        return (len(text) - len(without_gaps(text))) / 2
    if "  " not in text:
        return 0.0  # a byline's or a name's single spaces: the common case
    return (
        sum(
            m.end() - m.start()
            for m in SPACE_BEFORE_WIDE.finditer(text, 1)
            if m.end() - m.start() >= 2 and is_han(text[m.start() - 1]) and is_han(text[m.end()])
        )
        / 2
    )


def is_han(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff"


# Where a page's commas may have been read so: a comma beside a character that
# is not ASCII. Only those are tested for CJK.
COMMA_BESIDE_WIDE = re.compile(r"[^\x00-\x7f\s],|,[^\x00-\x7f\s]")
COMMA_A_SPACE_FROM_WIDE = re.compile(r"[^\x00-\x7f\s] ,|, [^\x00-\x7f\s]")


def make_line(number: int, raw: str) -> Line:
    """Measure one raw (non-blank) line; see `measure_lines`.

    >>> make_line(7, "\u3000局属 21个部门 ")
    Line(7, '局属 21个部门', indent=1.0, width=6.5)
    """
    return measure_lines([raw], [number])[0]


def reads_commas_as_ascii(text: str) -> bool:
    """Does the page set ASCII commas in its CJK text (OCR's reading of `，`)? One
    that only has ASCII brackets or quotes there may have been set with them (half
    width, as a PDF shows them)."""
    if "," not in text:
        return False
    for m in COMMA_BESIDE_WIDE.finditer(text):
        if CJK_CHAR.match(text, m.start()) or CJK_CHAR.match(text, m.end() - 1):
            return True
    # On a spaced-out line (`国 , 人`) a space stands between them.
    gap = COMMA_A_SPACE_FROM_WIDE.search(text)
    while gap is not None:
        start = text.rfind("\n", 0, gap.start()) + 1
        end = text.find("\n", gap.end())
        line = text[start : end if end != -1 else len(text)]
        if is_spaced_out(line) and "," in ascii_marks_in_cjk(line):
            return True
        if end == -1:
            break
        gap = COMMA_A_SPACE_FROM_WIDE.search(text, end)
    return False


def ends_on_comma(text: str) -> bool:
    """Does a CJK comma (`，` `、`, or `,` after CJK as OCR reads `，`) end `text`?
    A Latin `Dear Sir,` does not."""
    last = text[-1]
    return last in "，、" or (last == "," and len(text) >= 2 and is_cjk(text[-2]))


def measure_lines(
    raws: Sequence[str],
    numbers: Sequence[int],
    texts: list[str] | None = None,
    joined: str | None = None,
) -> list[Line]:
    """Measure non-blank raw lines in bulk; `texts` are the lines stripped and
    `joined` those joined by newlines, when the caller has them.

    Every per-line measure is a `map` of a C function, so the loop runs in C; only
    the few lines with edge whitespace or a transcription gap take a Python step.
    """
    return tally_lines(raws, numbers, texts, joined).lines


class LineTally(NamedTuple):
    """Measured lines, with the page-wide counts `pagestyle.measure_style` reads."""

    lines: list[Line]
    spans: Counter[float]  # how many lines have each span
    trailing: int  # how many lines have a trailing space
    margin: float  # the indent every line has
    deepest: float  # the widest indent


def tally_lines(
    raws: Sequence[str],
    numbers: Sequence[int],
    texts: list[str] | None = None,
    joined: str | None = None,
) -> LineTally:
    """`measure_lines`, and the counts taken from its parallel lists while they
    exist (read back from the lines, each would cost one more pass of `map`)."""
    if texts is None:
        texts = list(map(str.strip, raws))
    sizes = list(map(len, texts))
    # column_width of each text: (UTF-8 bytes + characters) / 4. The default codec
    # is the fastest call; only text with a lone surrogate needs `surrogatepass`.
    try:
        octets = list(map(len, map(str.encode, texts)))
    except UnicodeEncodeError:
        octets = list(map(len, map(str.encode, texts, repeat("utf-8"), repeat("surrogatepass"))))
    widths = list(map(truediv, map(add, octets, sizes), repeat(4)))
    # The newlines that join the texts add no space: one search finds any gap.
    if joined is None:
        joined = "\n".join(texts)
    # Transcription gaps are looked for in the whole page, and only the lines
    # that may have them are measured: most pages have none.
    gap = MAYBE_GAP.search(joined, 1)
    starts: list[int] = []
    while gap is not None:
        if joined[gap.start() - 1] <= "\x7f":
            gap = MAYBE_GAP.search(joined, gap.end())
            continue
        if not starts:
            # Where each line starts in `joined`; a match never spans a newline.
            starts = list(accumulate(map(add, sizes, repeat(1)), initial=0))
        i = bisect_right(starts, gap.start()) - 1
        widths[i] -= gap_width(texts[i])
        gap = MAYBE_GAP.search(joined, starts[i + 1])
    if reads_commas_as_ascii(joined):
        for i, text in enumerate(texts):
            if ASCII_MARK_RUN.search(text):
                widths[i] += sum(1 for _ in ascii_marks_in_cjk(text)) / 2
    count = len(texts)
    indents = [0.0] * count
    trailing = [False] * count
    # A line as long as its text has no edge whitespace: no indent, no trailing
    # space. Only the others (indented lines, mostly) are measured one by one.
    lengths = list(map(len, raws))
    indented = 0
    deepest = 0.0
    for i in compress(range(count), map(ne, lengths, sizes)):
        raw = raws[i]
        lead = lengths[i] - len(raw.lstrip())
        if lead:
            space = raw[:lead]
            # Ideographic and ASCII spaces measure as they are; only the rarer
            # ones (a tab, an em space) need the table.
            if space.strip("\u3000 "):
                space = space.translate(INDENT_WIDTHS)
            indent = indents[i] = column_width(space)
            indented += 1
            if indent > deepest:
                deepest = indent
        trailing[i] = lengths[i] != len(raw.rstrip())
    fields = zip(numbers, texts, indents, widths, widths, trailing, strict=True)
    # tuple.__new__ fills each named tuple straight from its fields, in C.
    lines = list(map(tuple.__new__, repeat(Line), fields))
    margin = min(indents) if indented == count and count else 0.0
    return LineTally(lines, Counter(widths), trailing.count(True), margin, deepest)


# The marks OCR sets for a character it could not read. Not `■`: a bullet at a
# line's start (ITEM_BULLETS) and, after an article's last stop, its end mark.
UNREAD_CHARACTER = frozenset("□〓")


def is_trailing_symbol(ch: str) -> bool:
    """An emoji or a pictograph set after a sentence's mark (`好！🎉`, with its
    skin tone, variation selector or joiner): it ends nothing itself, and hides
    no stop before it.

    Not the shapes OCR sets for a character it could not read (`□`, the geta mark
    `〓`): after a stop they are the next sentence's first character.

    >>> is_trailing_symbol("🎉"), is_trailing_symbol("\ufe0f"), is_trailing_symbol("。")
    (True, True, False)
    >>> is_trailing_symbol("□"), is_trailing_symbol("〓")
    (False, False)
    """
    return ch > "\u2000" and ch not in UNREAD_CHARACTER and (
        unicodedata.category(ch) in ("So", "Sk") or "\ufe00" <= ch <= "\ufe0f" or ch == "\u200d"
    )


def ends_sentence(text: str, style: PageStyle, marks: frozenset[str] = SENTENCE_END_CHARS) -> bool:
    """Does the text end a sentence (closers such as ” or ） may follow the mark)?
    With `marks` of `FULL_STOP_CHARS`, on a full stop (not `；`, nor `、`).

    >>> modern = PageStyle(20.0, old_style=False)
    >>> ends_sentence("来源于人民。”", modern), ends_sentence("覆盖率达99.", modern)
    (True, False)
    >>> ends_sentence("一等奖；", modern), ends_sentence("一等奖；", modern, FULL_STOP_CHARS)
    (True, False)
    """
    # Most lines end on a Han character: no mark, closer, symbol or note to look past.
    if "\u3400" <= text[-1] <= "\u9fff":
        return False
    if ends_on_stop(text, style, marks):
        return True
    # A note in brackets after the sentence (`…有序。（杨娜娜）`) ends nothing itself.
    note = trailing_note(text)
    return note > 0 and ends_on_stop(text[:note], style, marks)


def ends_on_stop(text: str, style: PageStyle, marks: frozenset[str]) -> bool:
    """`ends_sentence`, but for a note after the sentence."""
    i = len(text) - 1
    while i > 0 and (text[i] in END_CLOSER_CHARS or is_trailing_symbol(text[i])):
        i -= 1
    ch = text[i]
    if ch in marks:
        # `覆盖率达99.` + `57%`: in CJK text a point after a digit is a decimal
        # point cut by the column, not a full stop.
        return not (ch in POINTS and i > 0 and text[i - 1].isdigit() and CJK_CHAR.search(text))
    return marks is SENTENCE_END_CHARS and style.old_style and ch == style.old_stop


# A note set in brackets after a sentence (`…平稳有序。（杨娜娜）`, `。（完）`): its
# brackets, and the most characters it is looked back over.
NOTE_BRACKETS = {"）": "（", ")": "(", "】": "【", "]": "[", "〕": "〔"}
MAX_NOTE = 24
STOP_OR_CLOSER = STOP_CHARS | END_CLOSER_CHARS


def trailing_note(text: str) -> int:
    """Where a bracketed note that closes the text opens, or -1: a closing
    bracket at the end (an emoji may follow), its opener within MAX_NOTE
    characters, and a closer or mark right before it (the note follows a
    sentence or a quote, not a word: `他说（笑）` has none).

    >>> trailing_note("工程平稳有序。（杨娜娜）"), trailing_note("他说（笑）")
    (7, -1)
    """
    end = len(text)
    while end > 1 and is_trailing_symbol(text[end - 1]):
        end -= 1
    opener = NOTE_BRACKETS.get(text[end - 1]) if end else None
    if opener is None:
        return -1
    start = text.rfind(opener, max(0, end - MAX_NOTE), end - 1)
    if start < 1 or text[start - 1] not in STOP_OR_CLOSER:
        return -1
    return start


# A page's section labels, set on a line of their own between a headline and the
# text they introduce: no part of the headline.
SECTION_LABELS = (
    "核心阅读", "核心閱讀", "编者的话", "編者的話", "编者按", "編者按", "内容提要", "內容提要",
    "开栏的话", "開欄的話", "阅读提示", "閱讀提示", "导读", "導讀", "记者手记", "記者手記",
    "相关链接", "相關鏈接", "背景链接", "背景鏈接", "延伸阅读", "延伸閱讀", "链接", "鏈接",
)
SECTION_LABEL = re.compile(f"^(?:{'|'.join(SECTION_LABELS)})[:：]?$")
SECTION_LABEL_OPENERS = frozenset(label[0] for label in SECTION_LABELS)


# The longest enumerator's length (`（十一）`): a mark past it is a clause's.
ENUMERATOR_MAX = 5


def has_stop_mark(text: str) -> bool:
    """Does the text hold a stop or clause mark past its enumerator? The `、` of
    `一、坚持问题导向` and the point of `2. 加强领导` number a subhead; they mark no
    clause.

    >>> has_stop_mark("一、坚持问题导向"), has_stop_mark("坚持、创新")
    (False, True)
    """
    return _has_mark_past_enumerator(text, STOP_MARK)


def has_clause_mark(text: str) -> bool:
    """`has_stop_mark` for clause marks (`，` `、` `：` …) alone.

    >>> has_clause_mark("一、一一"), has_clause_mark("坚持、创新"), has_clause_mark("好。")
    (False, True, False)
    """
    return _has_mark_past_enumerator(text, CLAUSE_MARK)


def _has_mark_past_enumerator(text: str, marks: re.Pattern[str]) -> bool:
    mark = marks.search(text)
    if mark is None or mark.start() >= ENUMERATOR_MAX:
        return mark is not None
    numbered = ENUMERATOR.match(text)
    return numbered is None or marks.search(text, numbered.end()) is not None


def goes_on_in_lower_case(text: str) -> bool:
    """A Latin line opening in lower case continues a sentence: no paragraph starts
    so (a list item's `a)` does; a line with CJK in it may open on a name such as
    `iPhone`).

    >>> goes_on_in_lower_case("it applies also"), goes_on_in_lower_case("b) paying")
    (True, False)
    """
    first = text[0]
    return (
        first.islower()
        and first < "\u0250"
        and CJK_CHAR.search(text) is None
        and ENUMERATOR.match(text) is None
    )


# A run of printable ASCII and Latin letters that a space ends (or the line does).
SPACED_PIECE = re.compile("([!-~\u00a0-\u024f]+)(?:\\s|$)")
# A Latin word or a number, which a column moves to the next line whole. Compiled
# once: `re.match` with a pattern string looks it up in the module cache each call.
LATIN_TOKEN = re.compile(r"[0-9A-Za-z.,%/+\-\u00c0-\u024f]+")


def first_token_width(text: str) -> float:
    """Width the next line's first unbreakable piece needs on the previous line.

    A Latin word or a number moves to the next line whole; a CJK character moves
    with the marks after it that may not start a line, or with the opening mark
    before it. In Latin text a line breaks only at a space, so the piece is the
    whole word before it, quotes and brackets included (`"consumer`, `<https:…>`).

    >>> first_token_width('"consumer product"'), first_token_width("(中国")
    (4.5, 2.0)
    """
    first = text[0]
    # Only a Latin or ASCII start can open such a piece (both patterns' characters
    # are all below U+0250): a CJK line skips the two regex calls.
    if first < "\u0250":
        m = SPACED_PIECE.match(text)
        if m:
            return display_width(m.group(1))
        m = LATIN_TOKEN.match(text)
        if m:
            return display_width(m.group(0))
    # An opening quote or bracket never ends a line: it moves with what it opens.
    if first in OPENER_CHARS and len(text) > 1:
        return 2.0
    n = 1
    while n < len(text) and (text[n] in CLOSER_CHARS or text[n] in NO_LINE_START):
        n += 1
    if n == 1 and "\u2e80" <= first < "\uff61":
        return 1.0  # one full-width character (CJK): what display_width gives it
    return display_width(text[:n])


def has_room_for(line: Line, nxt: Line, column: float) -> bool:
    """True when the next line's first piece would have fitted: the break was deliberate."""
    return line.span + first_token_width(nxt.text) <= column - FULL_SLACK + 1e-9


# Prepositions and conjunctions that never end a sentence or a title: a line
# ending on one breaks mid-sentence (`…热情转化为` | `…`). Characters that also end
# words (的 目的, 和 谈和, 由 自由, 之 随之) are left out.
DANGLING_CHARS = frozenset("以在与與对對将將把被从從向于於为為并並而")
# Nouns that end on one of those characters and close a title as well as any noun
# does (`坚持问题导向`, `青春大有可为`). Left out: verbs and adverbs that take an
# object or a head (`参与`, `走向`, `绝对`, `相对`), and words whose last character
# more often belongs to the next word (`出现在`, `进行为期`, `以人为本`).
WHOLE_WORD_ENDINGS = frozenset(
    [
        "方向", "导向", "導向", "动向", "動向", "意向", "倾向", "傾向", "志向", "取向",
        "风向", "風向", "航向", "大将", "大將", "名将", "名將", "老将", "老將", "主将",
        "主將", "猛将", "猛將", "火把", "棉被", "随从", "隨從", "侍从", "侍從", "可为",
        "可為",
    ]
)


def ends_dangling(text: str) -> bool:
    """Does the text stop mid-sentence: on a preposition or conjunction, inside a
    Latin word hyphenated at the line end (`oppor-`; not a range such as `1990-`),
    or on a soft hyphen (which only a word cut at the line end carries)?

    >>> ends_dangling("…热情转化为"), ends_dangling("a rare oppor-"), ends_dangling("1990-")
    (True, True, False)
    >>> ends_dangling("infor\u00ad"), ends_dangling("a rare oppor\u2010")
    (True, True)
    """
    last = text[-1]
    return (
        last in DANGLING_CHARS
        or last == SOFT_HYPHEN
        or (last in HYPHENS and ends_latin_hyphen(text))
    )


def ends_mid_phrase(text: str) -> bool:
    """`ends_dangling`, unless on a word that closes a title as well as any noun
    does (`…问题导向`, `WHOLE_WORD_ENDINGS`): where a line was broken short, not
    across a blank line (there `积极参与` | `印度发展` still heals).

    >>> ends_mid_phrase("坚持问题导向"), ends_mid_phrase("全力把蓝图转化为")
    (False, True)
    """
    return ends_dangling(text) and text[-2:] not in WHOLE_WORD_ENDINGS


def ends_latin_hyphen(text: str) -> bool:
    """Does the text end inside a hyphenated Latin word: two letters or more, the
    last in lower case, then the hyphen? A grade or rating (`下调至A-`, `AA-`) and
    a capitalised compound (`COVID-`) end a title as well as any word does.

    >>> ends_latin_hyphen("oppor-"), ends_latin_hyphen("A-"), ends_latin_hyphen("the")
    (True, False, False)
    """
    return (
        len(text) > 2
        and text[-1] in HYPHENS
        and text[-2].islower()
        and text[-2] < "\u0250"
        and text[-3].isalpha()
        and text[-3] < "\u0250"
    )


def is_heading_line(line: Line) -> bool:
    """Heading shape: no sentence or clause mark at the end, and no full stop inside."""
    text = line.text
    i = len(text) - 1
    while i > 0 and text[i] in END_CLOSER_CHARS:
        i -= 1
    return (
        text[i] not in STOP_CHARS
        and not ends_mid_phrase(text)
        and "。" not in text
        and ("." not in text or not has_cjk_mark(text, "。", "."))
        and not (text[0].islower() and goes_on_in_lower_case(text))
    )


PAIRS = {"“": "”", "‘": "’", "「": "」", "『": "』", "（": "）", "(": ")", "《": "》", "【": "】"}
CLOSER_OF = {v: k for k, v in PAIRS.items()}
OPENING_MARK = char_class(PAIRS)


def open_marks(text: str, depth: int = 0) -> int:
    """How many quotes and brackets are open at the text's end, `depth` being
    open at its start. O(len(text))."""
    if not depth:
        # Nothing is open before the first opening mark (a closer there changes
        # nothing), and most lines have none: the count starts at that mark.
        opening = OPENING_MARK.search(text)
        if opening is None:
            return 0
        text = text[opening.start() :]
    for ch in text:
        if ch in PAIRS:
            depth += 1
        elif ch in CLOSER_OF and depth:
            depth -= 1
    return depth


def leaves_open(text: str) -> bool:
    """True when a quote or bracket opened in the text is still open at its end:
    the sentence goes on in the next line."""
    return open_marks(text) > 0


def reads_on(last: Line, first: Line, corpus: str) -> bool:
    """Lexical continuity across a break: does the character pair that the join
    would create occur inside some line of the page? A word cut by a column
    break (`现` + `代化`) usually does; a heading's end and the next paragraph's
    start rarely do."""
    a, b = last.text[-1], first.text[0]
    if not (a.isalnum() and b.isalnum()):
        return False
    return (a + b) in corpus


def is_prose_line(line: Line, style: PageStyle) -> bool:
    """A lone line that reads as running text rather than a heading: it has a
    sentence mark inside, two or more clause marks, or ends on a clause mark.
    Modern headings enumerate with `、`, so it counts only on old-style pages."""
    text = line.text
    if SENTENCE_MARK.search(text, 0, len(text) - 1) or leaves_open(text):
        return True
    if TITLE_GAP.search(text):
        return False
    if text[-1] in CLAUSE_END_CHARS:
        return True
    marks = CLAUSE_END_CHARS if style.old_style else CLAUSE_END_CHARS - {"、"}
    return sum(ch in marks for ch in text) >= 2
