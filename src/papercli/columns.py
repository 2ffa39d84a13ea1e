"""The page's columns: the width each run of lines is set to (a page mixes
widths), measured on its running text, and which runs are headings that measure
nothing, read off the page before any line is judged.

`layout` asks `page_columns` once per page; `detect` shows the column regions it
finds (`column_regions`). Every count is one pass over the runs, so the measure
is linear in the lines.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import compress, count

from papercli.bylines import is_named_byline
from papercli.chars import CLOSERS, HANGUL_CHAR
from papercli.lists import ENUMERATOR
from papercli.measure import FULL_SLACK, Line
from papercli.pagestyle import is_unpunctuated
from papercli.rows import has_table_rows
from papercli.runs import SPAN, TEXT, Run, split_runs
from papercli.signals import (
    MAX_HEADING_LINES,
    SENTENCE_END_CHARS,
    STOP_CHARS,
    STOP_MARK,
    has_stop_mark,
)
from papercli.titles import (
    indents_a_paragraph,
    is_cut_at_column,
    is_title_deck,
    is_wrapped_prose,
    opens_paragraph_at_foot,
)


def run_columns(
    runs: Sequence[Run], headings: Sequence[bool] | None = None, unpunctuated: bool = False
) -> list[float]:
    """The column width of each run: its own median line width when it has enough
    lines of running text to tell, else that of the nearest run that has (the next
    one first: a heading or a sentence fragment shares the column of the text that
    follows). Runs flagged in `headings` never measure. A page with no measuring
    run at all — text already cleaned, one paragraph a line — shows no column and
    gets `inf`: no line on it is full."""
    own: list[float | None] = []
    wrapped: list[float] = []  # lines that wrapped onto another line of running text
    for k, run in enumerate(runs):
        lines = run.lines
        # A lone line or a heading never measures (decided before the marks are read).
        if len(lines) < 2 or (headings is not None and headings[k]):
            own.append(None)
            continue
        # The first line with a stop or clause mark: none at all is no running text.
        # Most runs open on one, and need no iterators to say so. A mark within an
        # enumerator's reach may number a subhead (`一、`): `has_stop_mark`.
        if unpunctuated or has_stop_mark(lines[0].text):
            top = 0
        else:
            top = next(compress(count(), map(STOP_MARK.search, map(TEXT, lines))), len(lines))
            if top < len(lines) and not has_stop_mark(lines[top].text):
                # That mark numbers a subhead (`一、`): look past it.
                top = next(compress(count(), map(has_stop_mark, map(TEXT, lines))), len(lines))
        # Title lines stacked on an indented first line (no mark in them; a
        # subhead's number is none), or a numbered subhead over its paragraph,
        # are no measure of the column: they would pull a short run's median down.
        if 0 < top < len(lines) and (
            lines[top].indent >= 1
            or (
                top == 1
                and ENUMERATOR.match(lines[0].text)
                # a list item's first line fills the column
                and lines[0].span < lines[1].span - 2 * FULL_SLACK
            )
        ):
            lines = lines[top:]
        # Bylines set on lines of their own over the text (`黄小明 报道` / an
        # e-mail address) are no measure of it either: short, or as wide as an
        # address happens to be, they would pull a short paragraph's median down.
        lead = 0
        while lead < len(lines) - 2 and is_named_byline(lines[lead].text):
            lead += 1
        if lead:  # (most runs open on their text: no copy)
            lines = lines[lead:]
        if len(lines) < 2 or top == len(run.lines):
            own.append(None)
            continue
        spans = list(map(SPAN, lines))
        if len(spans) < 3:
            wrapped.extend(spans[:-1])
            own.append(None)
            continue
        body = spans
        # (`signature_lines`' first test inline: nearly every run ends on a mark.)
        if lines[-1].text[-1] not in STOP_CHARS:
            body = spans[: len(spans) - signature_lines(lines)]
        body = sorted(body)
        col = median_column(body, spans[-1], unpunctuated)
        # Title lines over a full line wrapped onto nothing either.
        if col is not None:
            wrapped.extend(spans[:-1])
        own.append(col)
    wrapped.sort()
    page = wrapped[len(wrapped) // 2] if len(wrapped) >= 3 else math.inf
    out: list[float] = []
    for k, col in enumerate(own):
        if col is None:
            for j in (k + 1, k - 1, k + 2, k - 2):
                if 0 <= j < len(own) and own[j] is not None:
                    col = own[j]
                    break
        out.append(col if col is not None else page)
    return out


def median_column(spans: list[float], last: float, unpunctuated: bool) -> float | None:
    """A run's column: the median of its sorted `spans`. None on an unpunctuated
    page where the run's `last` line runs past it: wrapped text ends short of
    its column, so the lines above are title lines stacked over a paragraph's
    first line (`市面` / `各業代表到者甚眾` / a full line), no measure. Once
    cleaned, the stack stands apart from the paragraph and measures nothing
    either (only widths tell such a page's text from its titles)."""
    col = spans[len(spans) // 2]
    if unpunctuated and last > col + FULL_SLACK:
        return None
    return col


# A notice signs off on up to this many lines (a name, an office, a date).
SIGNATURE_LINES_MAX = 3


def signature_lines(lines: Sequence[Line]) -> int:
    """How many lines at the foot of a run (of four or more) sign its text off:
    lines with no stop or clause mark under the line that ends its last sentence
    (`东海市明远商贸有限公司` / `2024年5月30日`). Short, they would pull a short
    run's median, its measured column, down to the width of the text's last line,
    which then reads as full and runs on into them."""
    # Nearly every run ends on its text's last mark: nothing signs it off.
    if lines[-1].text[-1] in STOP_CHARS:
        return 0
    foot = len(lines)
    while (
        foot > 2
        and len(lines) - foot < SIGNATURE_LINES_MAX
        and not has_stop_mark(lines[foot - 1].text)
    ):
        foot -= 1
    # (The page's style is not measured yet: a full stop, a closer after it.)
    if foot == len(lines) or foot < 3:
        return 0
    if lines[foot - 1].text.rstrip(CLOSERS)[-1:] not in SENTENCE_END_CHARS:
        return 0
    return len(lines) - foot


def page_columns(
    runs: Sequence[Run],
    corpus: str | None = None,
    unpunctuated: bool = False,
    tables: bool = False,
) -> tuple[list[float], list[bool]]:
    """Columns and heading runs, decided together. Title-shaped runs never measure
    the column; the rest of the page decides which of them are really leads
    wrapped at the column; then the columns are measured without the headings.
    A cleaned page is made of one-line paragraphs and the headings kept, so it
    shows no column, every heading stays one, and a second clean changes nothing."""
    # Most runs are too short or too long for a title deck: told before the call.
    titled = [
        2 <= len(run.lines) <= MAX_HEADING_LINES and is_title_deck(run.lines) for run in runs
    ]
    # A table's rows (`tables`: the page may hold one) are no wrapped text and
    # measure nothing: once cleaned, each row is a block of its own.
    tabled = [has_table_rows(run) for run in runs] if tables else [False] * len(runs)
    unmeasured = [t or r for t, r in zip(titled, tabled, strict=True)]
    first = run_columns(runs, unmeasured, unpunctuated)
    # With no mark to tell prose from a title, every run of a few lines may look
    # like a title deck and measure nothing: the width the page's wrapped lines
    # share stands in where no run near measured.
    # (Measured on every such page: a title-shaped run borrows its column from
    # a neighbour, whose few ragged lines — a table's rows, a line cut short —
    # may set a narrower one than its own wrapped lines fill; once those lines
    # are joined or set apart, no neighbour measures and the page's width
    # decides. The run's lines filling that width read as text on both passes.)
    even = even_column(runs, tabled) if unpunctuated else math.inf
    if even != math.inf and math.inf in first:
        first = [even if column == math.inf else column for column in first]
    prose = [
        title
        and (
            is_wrapped_prose(run.lines, column, corpus)
            or indents_a_paragraph(run.lines, column)
            # One title or note line cut by the column: wrapped text.
            or cut_at_column(run.lines, column, first[k - 1] if k else column, corpus)
            or (
                unpunctuated
                and (
                    unmarked_text(run.lines, column)
                    or (even not in (column, math.inf) and unmarked_text(run.lines, even))
                )
            )
            or is_korean_prose(run.lines)
        )
        for k, (run, column, title) in enumerate(zip(runs, first, titled, strict=True))
    ]
    # Title lines over a paragraph's first line are no heading, but they do not
    # measure the column either.
    widest = max(first, default=math.inf)
    headings = [
        title
        and not wrapped
        and not opens_paragraph_at_foot(run.lines, column, widest, unpunctuated)
        for run, column, title, wrapped in zip(runs, first, titled, prose, strict=True)
    ]
    if not any(prose):
        return first, headings
    measured = [
        (title and not wrapped) or table
        for title, wrapped, table in zip(titled, prose, tabled, strict=True)
    ]
    columns = run_columns(runs, measured, unpunctuated)
    if even != math.inf and math.inf in columns:
        columns = [even if column == math.inf else column for column in columns]
    return columns, headings


def cut_at_column(lines: Sequence[Line], column: float, above: float, corpus: str | None) -> bool:
    """Is the run one title or note line cut by the column (`is_cut_at_column`),
    measured on the text under it or, where that is a width off, on the text
    above? A run's width moves by a unit where its lines hang their last mark
    past the column (`…如今，` one wider than `…魏后`) or set half-width
    digits, and the title was cut at the column both texts share."""
    if is_cut_at_column(lines, column, corpus):
        return True
    return above != column and abs(above - column) <= FULL_SLACK and (
        is_cut_at_column(lines, above, corpus)
    )


# Lines of one width an unpunctuated page must show to have that width taken
# as its column: a title deck's lines rarely share a width, wrapped lines do.
EVEN_LINES_MIN = 3
# Narrower than this, a shared width is a deck of short titles, not a column.
EVEN_COLUMN_MIN = 6


def even_column(runs: Sequence[Run], tabled: Sequence[bool] | None = None) -> float:
    """The width most wrapped lines of an unpunctuated page share (every line of
    a run but its last, in runs that end short as a paragraph does), or `inf`
    when too few share one: the page's column where no run measured it, each
    looking like a title deck for want of marks. (A run whose last line is as
    wide as the rest shows no wrap: a headline block a clean kept whole is one.
    And a cleaned page, whose paragraphs are one line each, shows no column.)
    A table's rows (`tabled`) are no wrapped lines: once cleaned, each is a
    block of its own."""
    # Each line's text, not its span: a line's indent may open a paragraph or be
    # a title's setting, which a clean drops where it keeps the lines of a
    # deck; the text of the wrapped lines under a paragraph's first fills the
    # column on either pass. Whether a run ends short is read by the text too,
    # or an indented last line counts its run on one pass only.
    spans = Counter(
        round(ln.width)
        for run, table in zip(runs, tabled or [False] * len(runs), strict=True)
        if not table
        and len(run.lines) >= 2
        and run.lines[-1].width < max(ln.width for ln in run.lines[:-1]) - FULL_SLACK
        for ln in run.lines[:-1]
    )
    # The widest width enough lines share: a column holds every line of the
    # page, and narrower widths shared as often are rows or a stack of titles'
    # lines set inside it (spaced figures, a deck over the text).
    shared = [width for width, lines in spans.items() if lines >= EVEN_LINES_MIN]
    width = max(shared, default=0)
    if width < EVEN_COLUMN_MIN:
        return math.inf
    # A column holds every line of the page: one wider (a paragraph a clean set
    # on one line) shows that this width is a stack of titles' lines, not it.
    if any(ln.width > width + FULL_SLACK for run in runs for ln in run.lines):
        return math.inf
    return float(width)


def is_korean_prose(lines: Sequence[Line]) -> bool:
    """Three lines or more of Korean, all but the last of one width: running text
    wrapped by the column. Korean sets spaces between its words and may go
    several lines without a mark, so that its paragraph cut short by column
    breaks has a title deck's marks; a deck's lines are set to their own lengths.
    (Two lines show no evenness, and a short page's column is too unsure a
    measure to tell them by.)"""
    if len(lines) < 3 or HANGUL_CHAR.search(lines[0].text) is None:
        return False
    spans = [ln.span for ln in lines[:-1]]
    return max(spans) - min(spans) <= FULL_SLACK and lines[-1].span <= max(spans) + FULL_SLACK


# The signal a paragraph's block carries on a page without punctuation when its
# lines fill the column over the last (`fills_column`): text the column wrapped,
# no title (see `roles.page_roles`).
WRAPPED_LINES = "unmarked lines wrapped at the column"


def fills_column(lines: Sequence[Line], column: float) -> bool:
    """Lines that fill the column up to the last (which may stop short): text
    wrapped by the column. On a page without punctuation this is all that tells
    a paragraph cut short by column breaks from a title deck. A line stopping
    short inside them ends a paragraph, and the next opens one: it fills the
    column too, where a title's short lines stack one over another.

    >>> from papercli.measure import make_line
    >>> def lines(*widths): return [make_line(1, "甲" * n) for n in widths]
    >>> fills_column(lines(8, 3, 8, 1), 8.0), fills_column(lines(8, 3, 5), 8.0)
    (True, False)
    """
    full = True  # the line above filled the column (none above: as if it did)
    for ln in lines:
        fills = abs(ln.span - column) <= FULL_SLACK
        if (not fills and not full) or ln.span > column + FULL_SLACK:
            return False
        full = fills
    return abs(lines[0].span - column) <= FULL_SLACK


def unmarked_text(lines: Sequence[Line], column: float) -> bool:
    """On a page set without punctuation, lines that fill the `column`
    (`fills_column`), or title lines stacked on such text (`text_at_foot`)."""
    return fills_column(lines, column) or text_at_foot(lines, column)


def text_at_foot(lines: Sequence[Line], column: float) -> bool:
    """Title lines over two lines or more that fill the column (`fills_column`):
    on a page set without punctuation, a title stacked on the text under it with
    no blank line between, the text cut off by a column break below."""
    k = next((k for k in range(1, len(lines)) if abs(lines[k].span - column) <= FULL_SLACK), 0)
    return 0 < k <= len(lines) - 2 and fills_column(lines[k:], column)


@dataclass(frozen=True)
class ColumnRegion:
    """Consecutive runs set in one column width (`first_line`..`last_line`, 1-based)."""

    width: int
    first_line: int
    last_line: int
    lines: int

    def to_dict(self) -> dict[str, int]:
        return {
            "width": self.width,
            "first_line": self.first_line,
            "last_line": self.last_line,
            "lines": self.lines,
        }


def column_regions(lines: Sequence[str], numbers: Sequence[int]) -> tuple[ColumnRegion, ...]:
    """The column widths the classifier uses, as regions of the page: consecutive
    runs whose columns round to within one unit form one region, named by the
    width most of its lines have."""
    runs = split_runs(lines, numbers)
    corpus = "\n".join(ln.text for run in runs for ln in run.lines)
    regions: list[ColumnRegion] = []
    columns = page_columns(runs, corpus, is_unpunctuated(corpus))[0]
    for run, column in zip(runs, columns, strict=True):
        if column == math.inf:
            continue
        first, last = run.lines[0].number, run.lines[-1].number
        add_region(regions, ColumnRegion(round(column), first, last, len(run.lines)))
    return tuple(regions)


def add_region(regions: list[ColumnRegion], region: ColumnRegion) -> None:
    """Put `region` after `regions`, into the last one if their widths are one unit
    apart or less (justification wobble, not a new column), named by the width of
    the one with more lines."""
    if regions and abs(regions[-1].width - region.width) <= 1:
        prev = regions[-1]
        wider = prev.width if prev.lines >= region.lines else region.width
        lines = prev.lines + region.lines
        regions[-1] = ColumnRegion(wider, prev.first_line, region.last_line, lines)
    else:
        regions.append(region)
