"""What the lines either side of a blank line say about it: whether the line
before it is full (`is_full_line`), whether the text after it runs on as a
column's (`runs_on_as_prose`, `opens_on_short_clause`), verse set a line to a
block, a quote whose speaker came before it, a Korean word cut before its
particle, a name glossed in Latin letters, a lone line cut mid-clause, a short
paragraph running on past a flush sentence end, a pull quote's last words.
`healing` reads them when it decides whether a blank line is a column break.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from papercli.bylines import is_byline, opens_dateline
from papercli.chars import HAN
from papercli.lists import ENUMERATOR, ITEM_BULLETS
from papercli.measure import FULL_SLACK, Line, PageStyle, is_han
from papercli.runs import Run
from papercli.signals import (
    END_CLOSERS,
    MARK_OR_CLOSER,
    PUNCT_MARK,
    STOP_MARK,
    flush_end_goes_on,
    has_room_for,
    opens_parallel,
)
from papercli.steps.echo_rules import collapse_echo


def is_verse_couplet(prev_run: Run, next_run: Run) -> bool:
    """Are the runs either side of a gap two lines of verse, each set alone
    between blank lines (`山色入秋浓，` | blank | `溪声到晚空。`)? Lines of
    classical verse hold the same count of characters and one mark, at their
    end; a sentence cut short around a picture runs on into a line of its own
    length.

    >>> from papercli.runs import split_runs
    >>> page = ["石桥人不见，", "", "一路是霜枫。", "", "全市新增岗位两千个。"]
    >>> a, b, c = split_runs(page, range(5))
    >>> is_verse_couplet(a, b), is_verse_couplet(a, c)
    (True, False)
    """
    if len(prev_run.lines) != 1 or len(next_run.lines) != 1:
        return False
    last, first = prev_run.lines[0].text, next_run.lines[0].text
    return (
        len(last) == len(first) >= 4
        and first[-1] in MARK_OR_CLOSER
        and PUNCT_MARK.search(last, 0, len(last) - 1) is None
        and PUNCT_MARK.search(first, 0, len(first) - 1) is None
    )


def quote_follows_colon(lines: Sequence[Line]) -> bool:
    """Was the quote the lines close opened after a colon (`报告中写道：“…。”`)?
    Its speaker came before it, so no bare tag after it is its own: what follows
    (`站长介绍，…`) opens a paragraph.

    >>> from papercli.measure import make_line
    >>> quote_follows_colon([make_line(1, "他写道：“我们做到了。”")])
    True
    >>> quote_follows_colon([make_line(1, "“我们做到了。”")])
    False
    """
    text = "".join(ln.text for ln in lines)
    i = max(text.rfind("“"), text.rfind("「"))
    return i > 0 and text[i - 1] in "：:"


# Korean particles that close the word before them and stand as words of their
# own nowhere (`…이런 내용` | `의 노선 개편안…`): a line opening on one, then a
# space, opens on the tail of a word the column cut, as a line opening on a
# stop mark does. Left out: those that are words too (이 "this", 가, 도 "degree").
KOREAN_WORD_TAILS = frozenset("의을를은는에와과로")
OPENS_ON_PARTICLE = re.compile("(?:의|을|를|은|는|에|에서|와|과|로) ")


def opens_on_particle(text: str) -> bool:
    """Does the text open on a Korean particle cut from the word before it?

    >>> opens_on_particle("의 노선 개편안을"), opens_on_particle("이 같은 내용의")
    (True, False)
    """
    return text[0] in KOREAN_WORD_TAILS and OPENS_ON_PARTICLE.match(text) is not None


# A name or term glossed in Latin letters at a line's end (`…總裁拉加德（Christine
# Lagarde）`): what a sentence introduces, as its subject or object, on first
# mention; a byline in brackets opens on its bracket instead.
LATIN_GLOSS_END = re.compile(f"[{HAN}]（[A-Za-z][A-Za-z .'-]*）$")


def ends_on_latin_gloss(text: str) -> bool:
    """Does the text end on a Latin gloss in brackets after a Han character?

    >>> ends_on_latin_gloss("歐洲央行總裁拉加德（Christine Lagarde）")
    True
    >>> ends_on_latin_gloss("（記者 John Doe）"), ends_on_latin_gloss("大語言模型（LLM）。")
    (False, False)
    """
    return text[-1] == "）" and LATIN_GLOSS_END.search(text) is not None


# A list item's label after a clause mark at a line's end (`…送囘各商店、（三）`):
# the label opens its item, whose text is on the next line. (A serial's part
# number closing a title, `蔣介石上將　（一）`, follows no clause mark.)
ITEM_LABEL_END = re.compile(r"[、，；：,;:][（(](?:[一二三四五六七八九十]{1,3}|[0-9]{1,2})[）)]$")
# The longest such end: mark, brackets and three numerals.
ITEM_LABEL_END_CHARS = 6


def ends_on_item_label(text: str) -> bool:
    """Does the line end on a list item's label after a clause mark, the item's
    text left to the next line?

    >>> ends_on_item_label("國旗、應有捕房送囘各商店、（三）")
    True
    >>> ends_on_item_label("蔣介石上將　（一）")
    False
    """
    # Most lines end on no closing bracket: the search only runs where one does.
    if text[-1] not in "）)":
        return False
    return ITEM_LABEL_END.search(text, max(0, len(text) - ITEM_LABEL_END_CHARS)) is not None


def is_full_line(line: Line, nxt: Line, column: float) -> bool:
    """Is the line full: as wide as the column, or short of it only by the next
    line's first piece, a Latin word or a number a column moves whole
    (`离岸人民币（CNH）对美元汇率在` / `7.25附近…`)? A CJK line's first piece is a
    character, or a quote and its character, which the justification slack and a
    line's room already take: counting them again would read a caption's last
    line two ems short as full."""
    return line.span >= column - FULL_SLACK or (
        nxt.text[0].isascii() and not has_room_for(line, nxt, column)
    )


# A column this narrow (in ems) often holds a full line of running text with no
# mark (`比如我们有一位剪纸传`); a wider one holds one less often, and a title as
# wide as it as often, so there the text must show that it runs on.
NARROW_COLUMN = 12.0
# A paragraph's last line ends on a full stop; a title's, seldom (`…何去何从？`).
PARAGRAPH_STOPS = frozenset("。．｡")


def runs_on_as_prose(run: Run, column: float) -> bool:
    """Does the run open on running text: a stop mark in its first line, or,
    where the first holds none (`比如我们有一位剪纸传` / `承人，把传统纹样用在`), in
    the unindented line it wraps into? In a column wider than a narrow one, a
    title as wide as the column has no mark either: its paragraph opens
    indented under it, or, wrapped, its tail stops short of the column on no
    full stop; a column's text wraps on into a third line, unindented, or ends
    its paragraph on a full stop with one more line under it."""
    first, second = run.lines[0], run.lines[1]
    if STOP_MARK.search(first.text) is not None:
        return True
    if second.indent >= 1 or STOP_MARK.search(second.text) is None:
        return False
    if first.span <= NARROW_COLUMN + FULL_SLACK:
        return True
    # Two lines between blank lines are a title stack or a deck as often as text.
    if len(run.lines) < 3:
        return False
    third = run.lines[2]
    if is_full_line(second, third, column):
        return third.indent < 1
    return second.text.rstrip(END_CLOSERS)[-1:] in PARAGRAPH_STOPS


def opens_on_short_clause(text: str, next_text: str) -> bool:
    """Does `next_text` open on a clause of one or two characters (`技，…`,
    `出台。…`) that a column break cut from `text`? No paragraph starts so; but
    a subhead or a turn of an interview opens on a label's colon (`學者：需配合…`,
    `答：…`), and a colon there continues a word only where `text` stops on a
    bare character (`…他表` / `示：…`): one closed by a bracket or a mark
    (`〔另有相關新聞刊Ａ６版〕`) cut no word.

    >>> opens_on_short_clause("〔另有新聞刊Ａ６版〕", "學者：需配合培訓")
    False
    >>> opens_on_short_clause("局长在会上表", "示：将继续推进"), opens_on_short_clause("）", "技，")
    (True, True)
    """
    mark = STOP_MARK.search(next_text, 1, 3)
    if mark is None:
        return False
    return mark.group() not in "：:" or text[-1] not in MARK_OR_CLOSER


# Words that `的` opens (`的确`, `的士`): a sentence may start on them.
DE_WORDS = frozenset("确確士哥姐")


def opens_on_bound_particle(text: str, next_text: str) -> bool:
    """Does `next_text` open on the particle `的`, which binds to the words
    before it (`…严家村文化礼堂` | `的欢笑声…`), after a `text` that stops on a
    bare character? No sentence, paragraph or heading opens on it, save a few
    words it starts (`的确`); a subhead, however full, stops before it.

    >>> opens_on_bound_particle("集吃喝玩乐于一体", "的传统民俗")
    True
    >>> opens_on_bound_particle("一体", "的确如此"), opens_on_bound_particle("一体。", "的")
    (False, False)
    """
    return (
        next_text[0] == "的"
        and next_text[1:2] not in DE_WORDS
        and text[-1] not in MARK_OR_CLOSER
    )


def cut_mid_clause(text: str, old_stop: str = "，") -> bool:
    """Does a lone line that fills the column with a clause mark inside read as a
    sentence cut by a column break (`对年轻人来说，两公里`), not as a subhead
    set to the column's width? A numbered subhead opens on its number or bullet
    (`（一）注意保暖，避免骤冷`); running text goes on past its last comma and
    stops on a bare character (a credit's colon is no clause of a sentence).
    A subhead phrased in parallel shows it (`力戒浮躁、聚焦现实，创作优秀作品`).
    An old-style page's comma is its `old_stop` (`吾人以為救濟農村、首在減`).

    >>> cut_mid_clause("对年轻人来说，两公里"), cut_mid_clause("（一）注意保暖，避免骤冷")
    (True, False)
    >>> cut_mid_clause("吾人以為救濟農村、首在減"), cut_mid_clause("吾人以為救濟農村、首在減", "、")
    (False, True)
    """
    return (
        text[-1] not in MARK_OR_CLOSER
        and ("，" in text or "," in text or old_stop in text)
        and ENUMERATOR.match(text) is None
        and text[0] not in ITEM_BULLETS
        and not opens_parallel(text)
    )



def flush_end_runs_on(
    prev: list[Line],
    nxt: list[Line],
    prev_run: Run,
    next_run: Run,
    style: PageStyle,
    column: float,
) -> bool:
    """On a page whose paragraphs end on short lines, does the paragraph go on
    across a column break after a full line, however that line ends?

    A blank line marks no paragraph end on such a page: a full line that ends a
    sentence ends its paragraph before a column break as often as before the
    next line of its run, and is judged the same way (`layout.segment_run`): a
    paragraph goes on where `signals.flush_end_goes_on` says so. Only into
    running text: a full unindented line over a line of its run, opening on no
    dateline, byline or list item. Not from a caption a shadow font doubled
    (`图为…` twice over) that stands between blank lines: it fills its lines as a
    paragraph's first lines do.
    """
    last, first = prev[-1], nxt[0]
    return (
        len(prev) >= 2
        and len(next_run.lines) >= 2
        and first.indent < 1
        # as full as a line of its run the flush rule asks about
        and last.span >= column - 0.5
        and is_full_line(first, next_run.lines[1], column)
        and first.text[0] not in ITEM_BULLETS
        and ENUMERATOR.match(first.text) is None
        and not (opens_dateline(first.text) or is_byline(first.text))
        and not (
            len(prev) == len(prev_run.lines)
            and collapse_echo("".join(ln.text for ln in prev)) is not None
        )
        and flush_end_goes_on(prev, first.text, style) is not None
    )


# A pull quote (a sentence of the body repeated between its paragraphs, set in
# bold, without its mark: `…提高了调解成功率` | blank | `去年，…`) ends flush with
# the column as often as not, where a column break would cut a sentence. Its
# last words end a clause where the body says them: this many characters of the
# line's end, then a mark, elsewhere on the page. (Fewer match a word
# the body goes on past; a mark after them rules out `…市场经` / `济体制`.)
ECHO_TAIL = 6
CLAUSE_MARKS = frozenset("，。、；：！？")


def ends_as_clause_elsewhere(text: str, around: str) -> bool:
    r"""Do the last words of `text` (a line before a gap, no mark at its end)
    end a clause elsewhere in `around` (the page's text near the gap, run
    together: `runs.PageText.around`)? Then the line ends a pull quote, not a
    sentence a column break cut.

    >>> near = "提高了调解成功率去年，全市调解成功率提高了一成，又提高了调解成功率。"
    >>> ends_as_clause_elsewhere("提高了调解成功率", near)
    True
    >>> ends_as_clause_elsewhere("去年，全市调解成功率", near)
    False
    """
    tail = text[-ECHO_TAIL:]
    # CJK words (marks inside them too), ending on a Han character.
    if len(tail) < ECHO_TAIL or not is_han(tail[-1]) or min(tail) < "\u0100":
        return False
    at = around.find(tail)
    while at >= 0:
        end = at + ECHO_TAIL
        if end < len(around) and around[end] in CLAUSE_MARKS:
            return True
        at = around.find(tail, end)
    return False
