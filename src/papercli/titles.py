"""Titles: heading shape.

`has_heading_shape` and its companions tell a stack of title lines from running
text cut out by column breaks, and `is_cut_at_column` a title the column cut.
Headings set on the body's own lines (pages that indent their paragraphs, or
are set solid) are found in `papercli.title_lines`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

from papercli.bylines import is_named_byline, opens_dateline, spaces_name_after_role
from papercli.chars import CJK_CHAR, KANA, has_cjk_mark
from papercli.credits import closes_article
from papercli.dates import is_page_header_line
from papercli.lists import PRONOUN_STARTS, SPEECH_VERB_ENDS, is_name_list
from papercli.measure import FULL_SLACK, Line, is_set_off
from papercli.runs import TEXT, Run
from papercli.signals import (
    CLAUSE_END_CHARS,
    MAX_HEADING_LINES,
    STOP_CHARS,
    SUBHEAD_LABEL,
    char_class,
    has_clause_mark,
    is_heading_line,
    leaves_open,
    reads_on,
)

# Kana: Japanese text, whose headlines set `、` between their phrases
# (`日銀、追加利上げを決定`) where Chinese ones set a space.
KANA_CHAR = re.compile(f"[{KANA}]")
# The clause marks a Japanese headline never sets: all but `、`.
CLAUSE_MARK_BUT_COMMA = char_class(CLAUSE_END_CHARS - {"\u3001"})


def has_phrase_commas(texts: Sequence[str]) -> bool:
    """Are the lines Japanese with no clause mark but `、`? A Japanese headline
    sets `、` between its phrases, running text for its comma: a pair of such
    lines of one width may be either, and only the page's column tells.

    >>> has_phrase_commas(["日銀、追加利上げを決定", "物価目標の達成に自信"])
    True
    >>> has_phrase_commas(["稳就业、保民生", "青石镇老街焕新颜"])
    False
    >>> has_phrase_commas(["米大統領　関税引き上げを表明", "日本車も対象に"])
    False
    """
    joined = "".join(texts)
    return (
        "\u3001" in joined
        and KANA_CHAR.search(joined) is not None
        and CLAUSE_MARK_BUT_COMMA.search(joined) is None
    )


# A bracketed label of a few words, no clause inside, closing a line after its text.
LABEL_END = re.compile(r"(?<=[^\s（(])[（(][^（）()。，,；;：:]{2,30}[）)]$")


def ends_on_label(text: str) -> bool:
    """Does the line close on a column's label in brackets (`…小镇（人民眼·特色小镇）`)?
    Brackets of Latin alone gloss the term before them (`市盈率（P/E）`, `人工智能
    （AI）`), as running text does: no label.

    >>> ends_on_label("彰显治理价值（人民观点）"), ends_on_label("沪深300指数当前市盈率（P/E）")
    (True, False)
    """
    m = LABEL_END.search(text)
    return m is not None and not m.group()[1:-1].isascii()


def is_wrapped_prose(lines: Sequence[Line], column: float, corpus: str | None = None) -> bool:
    """A run whose lines (all but the last) fill the column evenly and which has
    clause marks inside is a paragraph wrapped by the column (a lead or summary
    without a final full stop), not a stack of title lines. Two lines are too few
    to show evenness: given the page's `corpus`, they must also read on across the
    break (a word cut in two), as a title and its subtitle do not. A Japanese
    pair with no clause mark but `、` (`has_phrase_commas`, which
    `is_even_fragment` leaves to the column) is a paragraph's head cut off by a
    column break where both lines fill the column, and a headline elsewhere."""
    body = lines[:-1]
    texts = list(map(TEXT, lines))
    if not any(map(has_clause_mark, texts[:-1])) and not has_phrase_commas(texts):
        return False
    # A column's label closing the last line (`…小镇（人民眼·特色小镇）`) is a title's.
    if ends_on_label(lines[-1].text):
        return False
    if len(lines) == 2 and has_phrase_commas(texts):
        return column != math.inf and fill_column(lines, column)
    # Phrases set apart by a wide gap (`十八载   风劲`) are a title's, not running text.
    if any("  " in ln.text or "\u3000" in ln.text for ln in body):
        return False
    spans = [ln.span for ln in body]
    if not is_even(body):
        return False
    # A line that exclaims or asks narrower than the last line ended there:
    # wrapped text would have run on to the column (`米、煤、油價齊漲` /
    # `市民叫苦連天！` / `平糶會決定擴大辦理` is a deck, each line a title's).
    last = lines[-1].span - FULL_SLACK
    if any(ln.text[-1] in "？！?!" and ln.span < last for ln in body):
        return False
    # Tested last: the pair is looked for in the whole page, the dearest test here.
    if corpus is not None and len(lines) == 2 and not reads_on(lines[0], lines[1], corpus):
        return False
    # Two or more lines of one width with clause marks in them are a lead wrapped
    # at its own measure, whatever the body's column; a single line must match it
    # (title lines are often set wider than the body column, wrapped prose is not).
    return len(spans) >= 2 or (
        min(spans) >= column - 2 * FULL_SLACK and max(spans) <= column + FULL_SLACK
    )


# Marks after which a title line breaks, not one or two characters later.
CLAUSE_BREAKS = frozenset("，；？！")


def cuts_a_clause(text: str) -> bool:
    """Does the line stop one or two characters into a clause it opened with a
    comma or a question (`…文艺的方向，切实` / `…有多大？数据`)? A title deck
    breaks its lines at the mark; a line cut by the column stops where it fills
    it. (`、` is left out: a deck sets its phrases apart with it, and old-style
    text puts it for its comma.)

    >>> cuts_a_clause("牢牢把握文艺的方向，切实"), cuts_a_clause("潜力有多大？数据")
    (True, True)
    >>> cuts_a_clause("稳字当头，稳中求进"), cuts_a_clause("民生实事办好，")
    (False, False)
    """
    return (
        len(text) >= 4
        and text[-1].isalnum()
        and (text[-2] in CLAUSE_BREAKS or (text[-3] in CLAUSE_BREAKS and text[-2].isalnum()))
    )


# Within this of the column a line was filled by the wrap: a greedy wrap leaves
# at most half a width (a Latin letter's) unused.
CUT_SLACK = 0.5


def is_cut_at_column(lines: Sequence[Line], column: float, corpus: str | None = None) -> bool:
    """Is the run one line (a title, a note) the page set at its column width
    and so cut there, rather than a title deck? Every line but the last fills
    the column exactly, as a body line does (a deck's lines are set to their own
    lengths and rarely land on the column), and the last is what the column could
    not hold: half the column or less, or it goes on with the clause
    (`cuts_a_clause`) or the word (`reads_on`) the line above cut. A page
    header set over a line of its own (`…2023年10月12日　星期四` / `第5版`) is
    no such line, however its lines fall.

    >>> from papercli.measure import make_line
    >>> cut = [make_line(1, "提升机构编制工作服务党和国"), make_line(2, "家事业")]
    >>> is_cut_at_column(cut, 13.0), is_cut_at_column(cut, 16.0)
    (True, False)
    >>> title = make_line(1, "中央财政加力支持公共文化服务建设")
    >>> is_cut_at_column([title, make_line(2, "今年安排相关资金九亿元")], 16.0)
    False
    """
    if column == math.inf or not 2 <= len(lines) <= MAX_HEADING_LINES:
        return False
    if any(abs(ln.span - column) > CUT_SLACK for ln in lines[:-1]):
        return False
    last = lines[-1]
    if last.span >= column - FULL_SLACK:
        return False
    above = lines[-2]
    if not (
        last.span <= column / 2
        or cuts_a_clause(above.text)
        or (corpus is not None and reads_on(above, last, corpus))
    ):
        return False
    # A page header's parts (a date, a page number) are set as lines of their own.
    return not is_page_header_line(last.text)


def is_cut_title(lines: Sequence[Line], column: float, corpus: str | None = None) -> bool:
    """Is the run one title or note line cut by the column: a deck's shape
    (`is_title_deck`) whose lines fall as a cut does (`is_cut_at_column`)?"""
    # Cheap tests first: a cut title's first line fills the column, and most runs
    # asked are short paragraphs, which do too but have a paragraph's marks.
    return (
        2 <= len(lines) <= MAX_HEADING_LINES
        and abs(lines[0].span - column) <= CUT_SLACK
        and is_title_deck(lines)
        and is_cut_at_column(lines, column, corpus)
    )


def fill_column(lines: Sequence[Line], column: float) -> bool:
    """Does every line fill the column (within `FULL_SLACK`)?"""
    return all(abs(ln.span - column) <= FULL_SLACK for ln in lines)


def indents_a_paragraph(lines: Sequence[Line], column: float) -> bool:
    """A line inside the run indented deeper than the one above and filling the
    column opens a paragraph (`　　■…` items wrapped at the column): a title deck's
    lines are not set that way, whatever their marks."""
    return any(
        lines[i].indent >= 1
        and lines[i].indent > lines[i - 1].indent + 0.5
        and lines[i].span >= column - 0.5
        for i in range(1, len(lines) - 1)
    )


# A photo caption's lead (`上圖爲…`, `图为…`): a caption is one block, never a
# title deck, however short and unmarked its lines.
CAPTION_LEAD = re.compile(r"^[（(]?[上下左右]?[图圖][为為爲示][：:]?")


def has_heading_shape(lines: Sequence[Line]) -> bool:
    """The column-free part of `is_heading_run`: two to five title-like lines."""
    if not 2 <= len(lines) <= MAX_HEADING_LINES:
        return False
    # The cheapest decisive test first: a paragraph's last line ends on a mark
    # (most often right at its end, which fails `is_heading_line` without a call).
    if lines[-1].text[-1] in STOP_CHARS:
        return False
    if CAPTION_LEAD.match(lines[0].text) or not is_heading_line(lines[-1]):
        return False
    # (Each test over the lines by `map`, in C: asked of every short run not
    # ending on a stop.)
    texts = list(map(TEXT, lines))
    if any(map(opens_dateline, texts)):
        return False
    # Reporters' bylines one under another are bylines, each a block of its own
    # (`本报记者 张三` / `本报通讯员 李四`): no title among them.
    if all(map(is_named_byline, texts)):
        return False
    # A credit or end mark over a title (`（本报记者 X）` / next title, no blank
    # line between) closes the article above: it heads nothing.
    if closes_article(lines[0].text):
        return False
    # A quote or bracket left open across lines is a wrapped sentence, not a title deck.
    if any(map(leaves_open, texts)):
        return False
    # A Latin line going on in lower case continues a sentence: title lines start
    # on a capital (`iPhone` in CJK text is a name, not a continuation).
    if any(ln.text[0].islower() and not CJK_CHAR.search(ln.text) for ln in lines[1:]):
        return False
    # A title may ask or exclaim (`谁来守护老街的记忆？`) over a subtitle; the
    # last line must still be heading-shaped, as running text would end on a mark.
    return all(
        is_heading_line(ln) or (ln.text[-1] in "？！?!" and not has_cjk_mark(ln.text, "，", ","))
        for ln in lines[:-1]
    )


def is_heading_run(run: Run, column: float, corpus: str | None = None) -> bool:
    """A headline block that keeps its lines: heading-shaped, not running text cut
    out by column breaks, and not a lead paragraph wrapped evenly at the column."""
    lines = run.lines
    return (
        is_title_deck(lines)
        and not is_wrapped_prose(lines, column, corpus)
        and not indents_a_paragraph(lines, column)
    )


def is_title_deck(lines: Sequence[Line]) -> bool:
    """Title-shaped lines that are no fragment of running text: the column-free
    test of a headline block that keeps its lines. Whatever makes or rewrites such
    a block meets it, so that a second clean reads the block the same way. Lines
    over the last that are even, with clause marks, are wrapped prose at any
    column (`is_wrapped_prose`)."""
    return (
        has_heading_shape(lines)
        and not is_even_fragment(lines)
        and not is_name_list(list(map(TEXT, lines)))
        and not is_wrapped_prose(lines, math.inf)
        # A label over its text (`出讓` / an advertisement wrapped evenly, ending
        # on a word): the text under it shows the wrap a title's lines never do.
        and not (len(lines) > 3 and is_wrapped_prose(lines[1:], math.inf))
        # A byline wrapped after a role word (`记者 孙晓峰 通讯员` / `钱立新`):
        # no title line ends on a role word it spaces names from.
        and not any(spaces_name_after_role(line.text) for line in lines[:-1])
    )


def is_even_fragment(lines: Sequence[Line]) -> bool:
    """Lines of one width with a clause mark inside: running text cut out of its
    paragraph by column breaks, whatever its ends look like. Decided without a
    column, so a title deck is judged the same before and after cleaning. A
    Japanese pair with no clause mark but `、` (`has_phrase_commas`) is left to
    the page's column: a headline sets that mark between its phrases."""
    texts = list(map(TEXT, lines))
    if (
        len(lines) < 2
        or not any(has_clause_mark(subtitle_text(text)) for text in texts)
        or has_phrase_commas(texts)
    ):
        return False
    # A column's label closing the last line is a title deck's (see `LABEL_END`).
    return is_even(lines) and not ends_on_label(lines[-1].text)


def is_even(lines: Sequence[Line]) -> bool:
    """Are the lines of one width, by their spans (a paragraph's indent counted
    in its column) or by their text's? A deck keeps its lines without their
    indents, where a second clean measures the text alone: a deck told from
    wrapped text must be one by both measures.

    >>> from papercli.measure import make_line
    >>> lead = make_line(1, "\u3000\u3000地方财政收入稳步增长，")
    >>> lead = lead._replace(span=lead.span + lead.indent)  # indented in its column
    >>> is_even([lead, make_line(2, "民生支出占比超过七成，")])
    True
    """
    spans = [ln.span for ln in lines]
    if max(spans) - min(spans) <= FULL_SLACK:
        return True
    widths = [ln.width for ln in lines]
    return max(widths) - min(widths) <= FULL_SLACK


def subtitle_text(text: str) -> str:
    """The line without a subtitle's label (`專家：信號系統更新須加快`): the label's
    colon is no clause of running text, so a deck of even widths keeps it. A
    speech tag (`他说：`, `她表示：`) is running text's and stays.

    >>> subtitle_text("专家：利率走势仍是关键变量"), subtitle_text("他说：利率走势")
    ('利率走势仍是关键变量', '他说：利率走势')
    """
    if "：" not in text and ":" not in text:
        return text
    label = SUBHEAD_LABEL.match(text)
    if label is None or len(label.group()) < 3:
        return text
    name = label.group()[:-1]
    if name[-1] in SPEECH_VERB_ENDS or name[0] in PRONOUN_STARTS:
        return text
    return text[label.end() :]


def opens_paragraph_at_foot(
    lines: Sequence[Line], column: float, widest: float, unpunctuated: bool = False
) -> bool:
    """Title lines over a paragraph's indented first line, cut from the rest of it
    by a column break: an indented line that fills the column with a clause in it
    starts running text, whatever stands above it. One wider than every column on
    the page (`widest`) is a title's, set to its own measure. On a page set
    without punctuation no line has a clause: the indent and the width tell."""
    last = lines[-1]
    return (
        len(lines) >= 2
        and last.indent >= 1
        and not is_set_off(last, column)
        and column - FULL_SLACK <= last.span <= widest + FULL_SLACK
        and (unpunctuated or has_clause_mark(last.text))
    )
