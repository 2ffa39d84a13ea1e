"""Signals read off single lines: sentence ends, clause and stop marks, heading
shape, bracket balance. Pure functions of a line (and of the page style); the
classifier in `layout` combines them. What a line measures (width, indent, span)
is `papercli.measure`; a phrase or a Latin word left hanging at its end
`papercli.dangling`; dateline and byline shapes are `papercli.bylines`, list
markers `papercli.lists`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence

from papercli.bylines import is_signoff
from papercli.chars import (
    CJK_CHAR,
    CLOSERS,
    OPENERS,
    display_width,
    has_cjk_mark,
    is_cjk,
)
from papercli.dangling import DANGLING_ENDS, ends_mid_phrase
from papercli.lists import ENUMERATOR
from papercli.measure import FLUSH_PARAGRAPH_LINES, FULL_SLACK, Line, PageStyle

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
# The same as a string, for `str.strip` and `str.rstrip`.
END_CLOSERS = "".join(sorted(END_CLOSER_CHARS))
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
# A line ending on one of these ends on a mark or a closer, as a bare subhead or
# a line cut mid-word does not.
MARK_OR_CLOSER = PUNCT_CHARS | END_CLOSER_CHARS
# Marks that typesetting never puts at the start of a line (kinsoku).
NO_LINE_START = PUNCT_CHARS - frozenset("“‘「『")


# A heading run has at most this many lines (main title, kicker, subtitles).
MAX_HEADING_LINES = 5
# A heading line is at most this many characters; longer lines are body text.
MAX_HEAD_LINE = 48


# Space after a CJK mark, or a wide gap, sets a title's phrases apart; prose has neither.
TITLE_GAP = re.compile("[，、：；] |\u3000|[^ ]  +[^ ]")

# Characters a clause must hold for two of one length to read as parallel
# phrasing: an enumeration's two-character items (`交响、合唱、舞蹈`) do not.
PARALLEL_CLAUSE_MIN = 3


def opens_parallel(text: str) -> bool:
    """Does the text open on two clauses of one length, of a few characters at
    least (`力戒浮躁、聚焦现实，…`)? A subhead is phrased so; a sentence's first
    clauses run to the lengths their sense takes.

    >>> opens_parallel("力戒浮躁、聚焦现实，创作优秀作品")
    True
    >>> opens_parallel("据园林部门介绍，步道沿途新栽了")
    False
    """
    first = CLAUSE_MARK.search(text)
    if first is None or first.start() < PARALLEL_CLAUSE_MIN:
        return False
    second = CLAUSE_MARK.search(text, first.end())
    return second is not None and second.start() == 2 * first.start() + 1


def ends_on_comma(text: str) -> bool:
    """Does a CJK comma (`，` `、`, or `,` after CJK as OCR reads `，`) end `text`?
    A Latin `Dear Sir,` does not."""
    last = text[-1]
    return last in "，、" or (last == "," and len(text) >= 2 and is_cjk(text[-2]))


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
    >>> ends_sentence("rates fall from 3 to 7.”", modern)
    True
    """
    # Most lines end on a Han character: no mark, closer, symbol or note to look past.
    if "\u3400" <= text[-1] <= "\u9fff":
        return False
    if ends_on_stop(text, style, marks):
        return True
    # A note in brackets after the sentence (`…有序。（杨娜娜）`) ends nothing itself.
    note = trailing_note(text)
    return note > 0 and ends_on_stop(text[:note], style, marks)


def is_misread_stop(text: str, i: int) -> bool:
    """Is `text[i]`, an `o` right after a Han character, OCR's reading of a small
    `。`? No Latin word is one letter on a Han character's heel; OCR reads the
    ring of a `。` so at a line's end, where no character after it helps.

    >>> is_misread_stop("治水一线的故事o", 7), is_misread_stop("Logo", 3)
    (True, False)
    """
    return i > 0 and "\u3400" <= text[i - 1] <= "\u9fff"


def ends_on_misread_stop(text: str) -> bool:
    """Does the text end on an `o` that is OCR's reading of `。` (`is_misread_stop`)?"""
    return text[-1] == "o" and is_misread_stop(text, len(text) - 1)


def ends_on_stop(text: str, style: PageStyle, marks: frozenset[str]) -> bool:
    """`ends_sentence`, but for a note after the sentence."""
    i = len(text) - 1
    while i > 0 and (text[i] in END_CLOSER_CHARS or is_trailing_symbol(text[i])):
        i -= 1
    ch = text[i]
    if ch == "o" and is_misread_stop(text, i):
        return True
    if ch in marks:
        # `覆盖率达99.` + `57%`: in CJK text a point after a digit ending the line
        # is a decimal point cut by the column, not a full stop; a closer after it
        # (`from 3 to 7.”`) shows a full stop.
        return not (
            ch in POINTS
            and i == len(text) - 1
            and text[i - 1].isdigit()
            and CJK_CHAR.search(text)
        )
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
    # A serial's synopsis of the instalments before (1930s-40s papers).
    "前文提要", "前情提要",
)
SECTION_LABEL = re.compile(f"^(?:{'|'.join(SECTION_LABELS)})[:：]?$")
SECTION_LABEL_OPENERS = frozenset(label[0] for label in SECTION_LABELS)
# A label before a subhead's or a subtitle's colon: `专家：`, `记者手记：`.
SUBHEAD_LABEL = re.compile(r"^[^\s，,。：:]{1,6}[：:]")


# The longest enumerator's length (`（十一）`): a mark past it is a clause's.
ENUMERATOR_MAX = 5


def has_stop_mark(text: str) -> bool:
    """Does the text hold a stop or clause mark past its enumerator? The `、` of
    `一、坚持问题导向` and the point of `2. 加强领导` number a subhead; they mark no
    clause.

    >>> has_stop_mark("一、坚持问题导向"), has_stop_mark("坚持、创新")
    (False, True)
    """
    # Most marks fall past an enumerator's reach: settled here, without the call
    # (asked some 16,000 times per MB of text).
    mark = STOP_MARK.search(text)
    if mark is None or mark.start() >= ENUMERATOR_MAX:
        return mark is not None
    return _has_mark_past_enumerator(text, STOP_MARK)


# The colons a salutation or a lead-in ends on.
LEAD_IN_COLONS = frozenset("：:")


def is_salutation(text: str) -> bool:
    """Does the line address its readers before the text under it (`编辑同志：`,
    `同志们、朋友们：`): a colon at its end and no stop or clause mark before it
    but the `、` between the people it names? Letters and speeches open so, and
    their text starts on the next line.

    >>> is_salutation("同志们、朋友们："), is_salutation("他说，问题在于：")
    (True, False)
    """
    return text[-1:] in LEAD_IN_COLONS and not has_stop_mark(text[:-1].replace("\u3001", ""))


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


# A sentence that opens on a word pointing back at the one before it (a
# pronoun, `此`, `该`, or `而` / `但`) goes on with that sentence's paragraph: on
# the news pages measured, 2 of 79 such sentences opened a paragraph, against
# four in ten of all sentences.
POINTS_BACK = frozenset("他她它此而但该該")


# Why a flush sentence end on a short-line page did not end its paragraph
# (`flush_end_goes_on`, and `layout.segment_run`'s open quotation): what
# `--explain` says of the join.
FLUSH_POINTS_BACK = "a flush sentence end, but the next sentence points back at it"
FLUSH_SHORT_PARAGRAPH = "a flush sentence end, but its paragraph is still short"
FLUSH_IN_QUOTE = "a flush sentence end inside a quotation its paragraph opened"
FLUSH_QUESTION = "a flush question, which its paragraph goes on to answer"
FLUSH_SHORT_REST = "a flush sentence end, but too little text follows it before the paragraph's end"


def flush_end_goes_on(lines: Sequence[Line], nxt: str, style: PageStyle) -> str | None:
    """On a short-line page, why a paragraph goes on past a flush sentence end
    at the last of `lines` (the paragraph's so far), before a line that opens
    on `nxt`; None where the end ends the paragraph. It goes on into a sentence
    that points back (POINTS_BACK), after a bare question (news paragraphs
    answer theirs: 3 of 44 ended on one), and until the paragraph has run long
    enough (`measure.FLUSH_PARAGRAPH_SHARE`). The sum stops at the mark, so a
    long paragraph costs no more than a median one."""
    if nxt[0] in POINTS_BACK:
        return FLUSH_POINTS_BACK
    if lines[-1].text[-1] in "？?":
        return FLUSH_QUESTION
    if not style.flush_width:
        return None if len(lines) >= FLUSH_PARAGRAPH_LINES else FLUSH_SHORT_PARAGRAPH
    width = 0.0
    for line in lines:
        width += line.width
        if width >= style.flush_width:
            return None
    return FLUSH_SHORT_PARAGRAPH


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
        # a reporter's e-mail address alone signs a report off
        and not is_signoff(text)
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


def is_heading_line(line: Line) -> bool:
    """Heading shape: no sentence or clause mark at the end, and no full stop inside."""
    text = line.text
    # A note after a clause or sentence (`…茶樓小坐、（未完）`) ends on that mark.
    if text[-1] in NOTE_BRACKETS and (note := trailing_note(text)) > 0:
        text = text[:note]
    i = len(text) - 1
    while i > 0 and text[i] in END_CLOSER_CHARS:
        i -= 1
    return (
        text[i] not in STOP_CHARS
        and not ends_on_misread_stop(text[: i + 1])
        and not (text[-1] in DANGLING_ENDS and ends_mid_phrase(text))
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


# How many lines on a bracket left open at a line's end may close.
BRACKET_REACH = 3


def bracket_runs_on(text: str, ahead: Sequence[str]) -> bool:
    """Does a full-width bracket left open at the text's end close in the lines
    `ahead` (the first few), before another opens? Brackets do not span
    paragraphs (a quotation of several paragraphs opens each with its quote
    mark), so the text runs on across the break: a bracketed dateline cut before
    its byline (`（本报金奈10月14日电` / `记者王芳、李明）`) is one block however the
    byline's line is set.

    >>> bracket_runs_on("（据新华社北京电", ["记者李明）"]), bracket_runs_on("（一", ["（二）"])
    (True, False)
    """
    if text.rfind("（") <= text.rfind("）"):
        return False
    for nxt in ahead[:BRACKET_REACH]:
        close, opening = nxt.find("）"), nxt.find("（")
        if close >= 0:
            return opening < 0 or close < opening
        if opening >= 0:
            return False
    return False


def bracket_open_across(above: str | None, last: str, ahead: Sequence[str]) -> bool:
    """Does a full-width bracket left open at the end of `last`, or opened on the
    line `above` it with `last` inside it (`…电（` / `记者 X 通讯员` / `Y）今天…`),
    close in the lines `ahead` within BRACKET_REACH lines of the line it opened
    on (`bracket_runs_on`)?"""
    if "（" in last:
        return bracket_runs_on(last, ahead)
    if above is None or "（" not in above:
        return False
    return bracket_runs_on(above + last, ahead[: BRACKET_REACH - 1])


def opens_straight_quote(text: str) -> bool:
    """Is the text's last straight double quote an opening one, left open: at the
    start or after a space or an opening bracket, with text after it? Pages set
    in Latin punctuation (Korean, some OCR) quote so (`관계자는 "수도관 동파와`);
    a closing one follows the quoted word (`줄였다"고`).

    >>> opens_straight_quote('관계자는 "수도관 동파와'), opens_straight_quote('줄였다"고 말했다')
    (True, False)
    """
    i = text.rfind('"')
    return 0 <= i < len(text) - 1 and (i == 0 or text[i - 1] in " \u3000(（[")


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
    if '"' in text and opens_straight_quote(text):
        return True
    if TITLE_GAP.search(text):
        return False
    if text[-1] in CLAUSE_END_CHARS:
        return True
    marks = CLAUSE_END_CHARS if style.old_style else CLAUSE_END_CHARS - {"、"}
    return sum(ch in marks for ch in text) >= 2
