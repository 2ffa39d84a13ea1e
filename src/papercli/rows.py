"""Rows: the lines of a table, a list or a verse, set in a run of their own.

Six lines or more (more than a title holds), each well short of the page's
widest column, with no mark at all: not wrapped text, which fills its column and
has its marks. Or three lines or more whose cells a wide gap sets apart, with
no mark: a table extracted with its columns, cut out of the text around it.
`layout` sets each row a block of its own, and `roles` reads them as body text,
not as titles.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

from papercli.bylines import is_byline, opens_dateline
from papercli.chars import CLOSERS, DIGIT
from papercli.lists import ITEM_BULLETS
from papercli.measure import FULL_SLACK, Line, PageStyle, is_han
from papercli.runs import Run, is_paragraph_indent
from papercli.signals import (
    MAX_HEADING_LINES,
    NO_BLOCK_START,
    STOP_CHARS,
    has_stop_mark,
    leaves_open,
)

# The signal a row's block carries (see `roles.page_roles`).
ROW_LINE = "row of a table or list: short lines with no mark"
# How far short of the widest column every row stops (as a paragraph's last
# line stops well short of its column).
ROW_SHORT = 2.0
# A point, comma or colon inside a number (`12.5`, `1,000`, `12:30`, `8：00`,
# `1，250`, full width or not): no mark.
# The mark first and the digit before it looked back to: a pattern opening on a
# lookbehind is tried at every character of the line, one opening on the mark's
# class only where a mark is.
NUMBER_MARK = re.compile(r"[.,:．，：](?<=[0-9０-９].)(?=[0-9０-９])")
# What a table's or a list's rows hold and a narrow column's text rarely does.
ROW_GAP = re.compile(r"[\s\u3000\u00a00-9０-９]")
# Cells set apart in one line: a tab, or two spaces (ASCII or ideographic) in a
# row. Wrapped text has a single space at most (a Latin word's, a transcription
# gap, a title's `　` between its phrases); two between lower-case words are a
# justified Latin line's word space.
COLUMN_GAP = re.compile(r"\t|(?<![a-z])[ \u3000]{2}|[ \u3000]{2}(?![a-z])")
# A line letter-spaced as OCR gives CJK text (`中 国 人 民  银 行`): three Han
# characters a single space apart, which no table's cell holds (a name spaced to
# its column's width, `张 三`, is two).
LETTER_SPACED = re.compile("[\u4e00-\u9fff] [\u4e00-\u9fff] [\u4e00-\u9fff]")
# There every character stands a space apart, and two spaces mark no more than a
# word's or a dropped mark's place: a cell's gap is a tab, three spaces or more,
# or two ideographic ones.
LETTER_SPACED_COLUMN_GAP = re.compile(r"\t|[ \u3000]{3}|\u3000{2}")
# A wide gap before a list's bullet: the items of a run-in list set apart.
GAP_BEFORE_BULLET = re.compile(f"[ \u3000]{{2}}[{''.join(sorted(ITEM_BULLETS))}•▪]")
# A table shows its columns on at least this many lines (a head and two rows).
MIN_TABLE_ROWS = 3
# A small table set with a single space between its cells (`东海 98：91 西岭`,
# `1 东海 28胜2负`, `西红柿 每斤4.5元`): a Han character on one side of the space.
# Wrapped CJK text has no space but a Latin word's or a dateline's.
SPACED_CELL = re.compile("[\u4e00-\u9fff] [^ ]|[^ ] [\u4e00-\u9fff]")


def is_row_run(run: Run, widest: float, style: PageStyle, below: Run | None = None) -> bool:
    """More lines than a title holds, every one well short of the page's widest
    column and with no stop or clause mark (a number's point is none): the rows of
    a table, a list or a verse (`东县 12.5万吨`), not wrapped text, which fills its
    column and has its marks. (Neither the run's own column nor the page's
    commonest width is a measure: rows fill the first, and may be most lines of
    the page.)

    A verse keeps its marks at its lines' ends (`晨起开窗雾满川，`): there a mark may
    end every line, and one line in five may hold one inside (`他说，今年的麦子`);
    wrapped text holds its marks anywhere, and a column ends no line on one but by
    chance (`verse_marks`).

    Not where such lines are more likely text: on a page set without marks, or an
    old-style one (whose narrow columns, cut off by a column break, look the
    same); lines of one width with no gap or digit in them (a narrow column that
    lost its marks); a bracket or quote left open across lines; a byline or a
    dateline among them, or opening the run `below` them (title lines over a
    dispatch or a report).
    """
    lines = run.lines
    if len(lines) <= MAX_HEADING_LINES or style.unpunctuated or style.old_style:
        return False
    # Marks first: wrapped text has one inside its first line or two, and
    # `verse_marks` stops there.
    marks = verse_marks(lines)
    if marks is None or not all(ln.span <= widest - ROW_SHORT for ln in lines):
        return False
    # The first line may be a label over the text (`相关链接`), the last stops short.
    # Lines that all end on a mark are a verse's however even their widths (a
    # column's lines hang one only by chance).
    spans = [ln.span for ln in lines[1:-1]]
    body = lines[1:]
    if (
        marks < len(lines)
        and max(spans) - min(spans) <= FULL_SLACK
        and not any(ROW_GAP.search(ln.text) for ln in body)
    ):
        return False
    if any(leaves_open(ln.text) or is_byline(ln.text) or opens_dateline(ln.text) for ln in lines):
        return False
    nxt = below.lines[0].text if below is not None else ""
    return not (nxt and (opens_dateline(nxt) or is_byline(nxt)))


# A verse may hold a mark inside one line in this many (`他说，今年的麦子`).
VERSE_INNER_MARK_LINES = 5


def verse_marks(lines: Sequence[Line]) -> int | None:
    """How many of the lines end on a stop or clause mark (a closing quote may
    follow it), or None where the lines hold marks as wrapped text does: inside
    more than one line in `VERSE_INNER_MARK_LINES` (a number's point is none),
    or opening one.

    >>> from papercli.measure import Line
    >>> def lines(*texts): return [Line(1, t, 0.0, len(t), len(t), False) for t in texts]
    >>> verse_marks(lines("晨起开窗雾满川，", "一声鸡唱破轻寒。"))
    2
    >>> verse_marks(lines("小时候", "我在这头，母亲", "在那头"))
    >>> verse_marks(lines("特別的加以注意呢", "？"))
    >>> verse_marks(lines("东县", "12.5万吨"))
    0
    """
    ends = inner = 0
    # Most runs are wrapped text with a mark inside their first lines: stop as
    # soon as the budget of inner marks is spent.
    budget = len(lines) // VERSE_INNER_MARK_LINES
    for line in lines:
        # A line opening on a mark (kinsoku) is wrapped text's: the one above ran
        # out of room (`特別的加以注意呢` / `？`).
        if line.text[0] in NO_BLOCK_START:
            return None
        text = line.text.rstrip(CLOSERS)
        if text and text[-1] in STOP_CHARS:
            ends += 1
            text = text[:-1]
        if has_stop_mark(NUMBER_MARK.sub("", text)):
            inner += 1
            if inner > budget:
                return None
    return ends


def is_table_run(run: Run, column: float = math.inf) -> bool:
    """A run whose every line sets cells apart with a wide gap and has no stop or
    clause mark (a number's point is none): a table extracted with its columns
    (`地区生产总值    1256.3     5.8%`), however wide its rows or few (a head and
    two rows). Rows with gaps and no mark are no title deck and no wrapped text.
    """
    return has_table_rows(run) and not rows_are_text(run.lines, column)


def is_text_in_rows(run: Run, column: float = math.inf) -> bool:
    """Lines set as a table's rows that are a paragraph's wrapped text
    (`rows_are_text`): text, so no title deck either. Once cleaned, its lines
    are joined; kept as a deck, they would have lost what told them from a
    table (the indent, the column of the text around them) and read as one on a
    second pass."""
    return has_table_rows(run) and rows_are_text(run.lines, column)


def has_table_rows(run: Run) -> bool:
    """Enough lines for a table (a head and two rows), each a row (`is_row_line`)
    but the first, which may be the table's head (`heads_rows`)."""
    lines = run.lines
    return (
        len(lines) >= MIN_TABLE_ROWS
        and all(is_row_line(ln, math.inf) for ln in lines[1:])
        and (is_row_line(lines[0], math.inf) or heads_rows(lines[0].text, lines[1:]))
    )


# A table's head names three cells or more (two spaced words are a title's:
# `走进 新时代`).
MIN_HEAD_CELLS = 3


def heads_rows(head: str, rows: Sequence[Line]) -> bool:
    """Is `head` a table's head over its `rows`: cells set apart by single
    spaces, as many as every row holds, and no stop or clause mark (`国家 金 银
    铜 总数` over `中国 38 32 18 88`)? It names the columns, so it holds no
    figure (`is_spaced_row` wants one): its cells' count tells it."""
    cells = head.count(" ") + 1
    return (
        cells >= MIN_HEAD_CELLS
        and "  " not in head
        # (A row's cells are counted between its gaps, however wide.)
        and all(len(ln.text.split()) == cells for ln in rows)
        and SPACED_CELL.search(head) is not None
        and not has_stop_mark(head)
        and not is_byline(head)
    )


def rows_are_text(rows: Sequence[Line], column: float) -> bool:
    """Do the rows open on a paragraph's indent (`opens_paragraph`) or, set apart
    by single spaces, fill the page's `column` (`spaced_rows_fill_column`)? Then
    they are wrapped text that an extraction spread around its figures."""
    return opens_paragraph(rows) or spaced_rows_fill_column(rows, column)


def spaced_rows_fill_column(rows: Sequence[Line], column: float) -> bool:
    """Do the rows set apart by single spaces all fill the `column`? Then they
    are wrapped text whose figures a PDF extraction set apart with spaces, no
    table: one row of a table at least stops short of it. Nor does a column's
    line run past it by more than a hanging mark: a row that does is a table's
    (its width sets no column once the text beside it is joined). (Rows with
    wide gaps are a table's whatever their widths.)"""
    spans = [ln.span for ln in rows if not is_table_line(ln.text)]
    return (
        bool(spans)
        and min(spans) >= column - FULL_SLACK
        and max(spans) <= column + FULL_SLACK
    )


def is_spaced_row(text: str) -> bool:
    """A small table's row set with single spaces between its cells: a cell
    holds a figure (`东海 98：91 西岭`, `南川 阴转晴 20℃—31℃`), and no stop or
    clause mark (a number's point or colon is none). A byline or a dateline
    sets its names apart so too (`本报记者 张三`, `本报讯 据…`): no row.

    >>> is_spaced_row("东海 98：91 西岭"), is_spaced_row("1 东海 28胜2负")
    (True, True)
    >>> is_spaced_row("走进 新时代"), is_spaced_row("增长 5.2%，高于")
    (False, False)
    """
    return (
        " " in text
        and SPACED_CELL.search(text) is not None
        and DIGIT.search(text) is not None
        and not has_stop_mark(NUMBER_MARK.sub("", text))
        and not is_byline(text)
        and not opens_dateline(text)
    )


def is_row_line(line: Line, column: float) -> bool:
    """A table's row, its cells set apart by a wide gap, or by single spaces on a
    line short of the page's `column`: a PDF extraction sets figures apart with
    spaces in running text too (`据统计 2023 年全市共有`), whose lines fill it."""
    return is_table_line(line.text) or (
        line.span < column - FULL_SLACK and is_spaced_row(line.text)
    )


def is_table_line(text: str) -> bool:
    """A table's row: cells set apart by a wide gap, and no stop or clause mark.
    A gap before a bullet is a run-in list's (`五个主要活动　　● 开幕式　　● 峰会`,
    wrapped at the column like any text): no cell opens on one. Nor is a byline
    a row (`本报记者  张三  李四`, its names set apart as cells are)."""
    gap = LETTER_SPACED_COLUMN_GAP if LETTER_SPACED.search(text) else COLUMN_GAP
    return (
        gap.search(text) is not None
        and not has_stop_mark(NUMBER_MARK.sub("", text))
        and not GAP_BEFORE_BULLET.search(text)
        and not is_byline(text)
    )


def opens_paragraph(rows: Sequence[Line]) -> bool:
    """Do the rows open on a paragraph's indent that the rows under it lack? Then
    they are a paragraph's wrapped lines with wide gaps in them (`pdftotext
    -layout` spreading a line around its figures), no table: a table sets its
    rows at one margin."""
    return is_paragraph_indent(rows[0]) and rows[1].indent < 1


def runs_on_into(above: Line, column: float) -> bool:
    """Does the text line above a stretch of rows run on into it: full to the
    page's column and ending on a word's character (no mark, no bracket)? Then
    the stretch goes on its sentence, no table (a table's lead-in ends on a
    mark, or is a title short of the column)."""
    return above.text[-1].isalnum() and above.span >= column - FULL_SLACK


def may_hold_tables(corpus: str) -> bool:
    """Has any of the page's lines (`corpus`: joined by newlines) a wide gap, or
    single spaces between cells (`is_spaced_row`)? A search of the page: most
    have neither, and no run of theirs is looked at.

    >>> may_hold_tables("正文没有空格。\\n东海 98：91 西岭"), may_hold_tables("本报记者 张三")
    (True, False)
    """
    # Substring tests first (a fast search in C): any COLUMN_GAP holds one.
    if ("  " in corpus or "\t" in corpus or "\u3000" in corpus) and (
        COLUMN_GAP.search(corpus) is not None
    ):
        return True
    # Only the lines with a space beside a Han character are read, each once
    # (spaces are found in C; most pages have few outside Latin text).
    at = corpus.find(" ")
    while at >= 0:
        if is_han(corpus[at - 1 : at]) or is_han(corpus[at + 1 : at + 2]):
            start = corpus.rfind("\n", 0, at) + 1
            end = corpus.find("\n", at)
            end = len(corpus) if end < 0 else end
            if is_spaced_row(corpus[start:end]):
                return True
            at = end
        at = corpus.find(" ", at + 1)
    return False


def text_column(runs: Sequence[Run], column: float) -> float:
    """The page's column as its wrapped text shows it: the widest line, not its
    run's last, of a run holding a stop or clause mark (wrapped text fills its
    column above its last line), or `column` if that is wider. Where a table's
    rows are most of the page's lines, the commonest width is theirs, and they
    would seem to fill it; once the text is rejoined its lines show no column at
    all (see `spaced_rows_fill_column`): the text's own lines measure it."""
    widest = column
    for run in runs:
        lines = run.lines
        if len(lines) < 2:
            continue
        span = max(ln.span for ln in lines[:-1])
        if span > widest and any(has_stop_mark(ln.text) for ln in lines):
            widest = span
    return widest


def split_off_tables(runs: list[Run], column: float = math.inf) -> list[Run]:
    """Runs with a table set among their text lines (no blank line between) cut
    at the table's edges, so that its rows stand as a run of their own
    (`is_table_run`): the text above and below it is no row, nor glued to one.
    `column` is the page's: a full line over a stretch runs on into it."""
    out: list[Run] = []
    for run in runs:
        # Rows set among text lines stop short of them: the run's widest line
        # shows the column where the page's commonest width (rows may be most of
        # its lines) would not.
        widest = max(column, max(ln.span for ln in run.lines))
        rows = [is_row_line(ln, widest) for ln in run.lines]
        # A run of rows only (and their head) stands whole: its widest row sets
        # that width, and would be cut off as text.
        if sum(rows) < MIN_TABLE_ROWS or all(rows) or has_table_rows(run):
            out.append(run)
        else:
            out.extend(cut_tables(run, rows, column))
    return out


def cut_tables(run: Run, rows: list[bool], column: float = math.inf) -> list[Run]:
    """The run cut before and after each stretch of `MIN_TABLE_ROWS` rows or more
    that is no paragraph's text (`opens_paragraph`, `runs_on_into`)."""
    pieces: list[Run] = []
    start = 0
    k = 0
    while k < len(rows):
        end = k
        while end < len(rows) and rows[end] == rows[k]:
            end += 1
        lines = run.lines
        if (
            rows[k]
            and end - k >= MIN_TABLE_ROWS
            and not opens_paragraph(lines[k:end])
            and not (k and runs_on_into(lines[k - 1], column))
        ):
            if k > start:
                pieces.append(Run(run.lines[start:k]))
            pieces.append(Run(run.lines[k:end]))
            start = end
        k = end
    if start < len(rows):
        pieces.append(Run(run.lines[start:]))
    pieces[-1].gap_after = run.gap_after
    return pieces


def cut_deck(lines: Sequence[Line]) -> list[tuple[Sequence[Line], bool]]:
    """A headline's lines cut before and after each stretch of `MIN_TABLE_ROWS`
    rows or more, each piece with whether it is rows. The deck stands as a run of
    its own on the cleaned page, its lines as they stand: no indent opens them,
    no line runs on into the next, and none is wrapped text filling a column
    (the column the page's text shows changes once that text is joined). So the
    stretch is cut there as `split_off_tables` cuts a run, with neither of
    `cut_tables`' tests for text, and a spaced row is one however wide."""
    rows = [is_row_line(ln, math.inf) for ln in lines]
    pieces: list[tuple[Sequence[Line], bool]] = []
    start = k = 0
    while k < len(rows):
        end = k
        while end < len(rows) and rows[end] == rows[k]:
            end += 1
        if rows[k] and end - k >= MIN_TABLE_ROWS:
            if k > start:
                pieces.append((lines[start:k], False))
            pieces.append((lines[k:end], True))
            start = end
        k = end
    if start < len(rows):
        pieces.append((lines[start:], False))
    return pieces
