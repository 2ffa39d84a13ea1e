"""How a page sits on a character grid: the evidence that its lines were cut at
the column's width whatever the character (Chinese typesetting, or a text
re-wrapped by a program), not where line-breaking rules allow.

On a grid every line that runs on fills the column to the cell; only a block's
end stops short. A line may end on an opening mark (`“`, `（`), which
typesetting pushes to the next line, and a Latin word may be cut anywhere with
no hyphen (`in earl` / `y March`). Typeset and OCR'd columns show neither, and
their lines stop a width short (justification's slack) or anywhere (ragged
OCR'd columns).

The evidence is measured at three scales, each for the callers that read it,
with the thresholds of all three here:

- the page's lines (`GridTally`, `tally_grid`): do lines end on an opening mark,
  and do the lines cut mid-phrase fill the column, hardly one a width short?
  `pagestyle` sets `PageStyle.grid` from it, and `stops_short_on_grid` reads a
  line a width short on such a page as its block's end (`boundaries`, `healing`);
- a window of lines around a short one (`ends_grid_paragraph`): on an old-style
  page, do the lines around it cut mid-phrase fill the column?
- the unit's raw lines (`run_on_column`, `cut_by_grid`): the width most lines that
  run on fill, and the breaks at that width between two letters or digits, for
  `steps.cut_words.GridCuts`, which asks the word list which of them cut a word.

The three measure different things (a `Line`'s span with its gaps read and the
page's column, against a raw line's width and the width its running lines
share), so their columns and tolerances stay their own: one column for all
three would change what pages read as a grid.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from itertools import chain, islice
from typing import NamedTuple

from papercli.chars import CJK_CHAR, OPENERS
from papercli.measure import FULL_SLACK, Line, PageStyle, column_width, quarter_widths
from papercli.runs import Run
from papercli.signals import MARK_OR_CLOSER, first_token_width, has_stop_mark

# --- Thresholds -------------------------------------------------------------

# A line's span within this of the page's column fills it to the cell: spans
# come in half widths, so only a gap's rounding is allowed (`tally_grid`).
TO_THE_CELL = 0.25
# ... within this, to the half width: a Latin letter more or less
# (`ends_grid_paragraph`, and a raw line's width in `run_on_column`).
TO_THE_HALF = 0.5
# At most one line cut mid-phrase in this many stops a width short of a grid's
# column: the blocks that end there unmarked (a heading's or a lead's last line).
GRID_SHORT_SHARE = 25

# Lines around a short one, each side, that show how the column is set.
GRID_WINDOW = 3
# Lines of the window cut mid-phrase it must hold to tell a grid from chance.
GRID_CUTS_MIN = 2

# A grid that cuts a Latin letter off leaves a CJK line half a column short.
HALF_COLUMN = TO_THE_HALF
# Share of the lines that run on to another line that must fill the page's
# most common width for the page to be set on a grid: text wrapped at word
# boundaries leaves its lines ragged, a few of them full.
GRID_SHARE = 0.6
GRID_MIN_LINES = 4

# A break that a character grid may have cut inside a word or number: a letter
# or digit on both sides, no space between (a space at either edge is the word
# space the grid moved to the line's edge).
GRID_CUT = re.compile(r"[0-9A-Za-z\u00c0-\u024f]\n[0-9A-Za-z\u00c0-\u024f]")

# --- The page's lines ---------------------------------------------------------


class GridTally(NamedTuple):
    """The page's grid evidence in its lines: whether some line ends on an opening
    mark, and of the lines cut mid-phrase (no mark at their end, not indented,
    not their run's last), how many fill the column to the cell and how many stop
    a width short of it. Counted only where a line ends on an opening mark."""

    ends_on_opener: bool
    full: int = 0
    short: int = 0

    @property
    def set_on_grid(self) -> bool:
        """Were the page's lines broken by its character grid alone? Typesetting
        never ends a line on an opening mark (`“`, `（`): it pushes the mark to
        the next line and leaves the line a width short. A page where a line does
        end on one was cut at its width whatever the character, and its lines cut
        mid-phrase fill the column: hardly one stops a width short of it (ragged
        OCR'd columns stop short anywhere)."""
        return self.ends_on_opener and self.short * GRID_SHORT_SHARE <= self.full


# The tally of the common page, typeset: no line ends on an opening mark.
TYPESET = GridTally(ends_on_opener=False)


def tally_grid(runs: Sequence[Run], column: float) -> GridTally:
    """The `GridTally` of the page's runs against its column (`PageStyle.column`)."""
    if not any(ln.text[-1] in OPENERS for run in runs for ln in run.lines):
        return TYPESET  # the common page: no line ends on an opening mark
    full = short = 0
    # Locals: the loop runs over every line of a page that ends one on an opener.
    cell, slack, marks = TO_THE_CELL, FULL_SLACK, MARK_OR_CLOSER
    for run in runs:
        for ln in run.lines[:-1]:
            if ln.text[-1] in marks or ln.indent >= 1:
                continue
            gap = column - ln.span
            if abs(gap) <= cell:
                full += 1
            elif abs(gap - slack) <= cell:
                short += 1
    return GridTally(ends_on_opener=True, full=full, short=short)


def set_on_grid(runs: Sequence[Run], column: float) -> bool:
    """`GridTally.set_on_grid` of the page's runs."""
    return tally_grid(runs, column).set_on_grid


def stops_short_on_grid(line: Line, nxt: Line, column: float, style: PageStyle) -> bool:
    """Does the line, on a page set on a grid (`PageStyle.grid`: every line cut
    mid-phrase fills the column), stop a width short of it with no stop or
    clause mark at its end (a quoted subhead may close on its quote), where the
    next line's first piece would have fitted (not a number or a word moved
    whole, nor a character pushed down with the mark after it)? Then it ended
    its block: a heading's or a lead's last line (`…送进城里各家大商场的超市`)."""
    # A space inside, after or before the text (OCR's gaps) may be what is
    # missing of its width.
    return (
        line.span + first_token_width(nxt.text) <= min(column, style.column) + 1e-9
        and not (line.trailing_space and style.trailing_space_marks)
        and not line.indent
        and " " not in line.text
        and (line.text[-1] not in MARK_OR_CLOSER or not has_stop_mark(line.text))
    )


# --- A window of lines around a short one ------------------------------------


def ends_grid_paragraph(lines: Sequence[Line], i: int, column: float) -> bool:
    """Is the short line lines[i] a paragraph's end on a page set on a character
    grid? An old-style page's `、` ends clauses and sentences alike, and where its
    column is ragged (OCR'd narrow columns) a line stops short of it anywhere, on
    a mark or mid-phrase. On a grid only a paragraph's end stops short: every line
    around cut mid-phrase (not on a mark, so not hanging one) fills the column to
    the half width, and it stops well short of it. Only over a line of its
    paragraph that filled the column, or another paragraph's end: where every
    line above it in its run stops short too, the paragraph opens narrower (an
    inset beside a heading) and the line is that stretch's, not an end."""
    if column - lines[i].span < 2 * FULL_SLACK or opens_narrow(lines, i, column):
        return False
    cuts = 0
    for ln in chain(lines[max(0, i - GRID_WINDOW) : i], lines[i + 1 : i + 1 + GRID_WINDOW]):
        if ln.text[-1] in MARK_OR_CLOSER:
            continue
        if abs(ln.span - column) > TO_THE_HALF or ln.indent >= 1:
            # The run's last line ends a block of its own (an address, a
            # signature): it may stop short anywhere.
            if ln is lines[-1] and ln.indent < 1:
                continue
            return False
        cuts += 1
    return cuts >= GRID_CUTS_MIN


def opens_narrow(lines: Sequence[Line], i: int, column: float) -> bool:
    """Do all the lines above lines[i] (one at least) stop short of the column?"""
    return i > 0 and all(column - ln.span > FULL_SLACK for ln in islice(lines, i))


# --- The unit's raw lines -----------------------------------------------------


def run_on_column(run_on: Sequence[str]) -> float | None:
    """The width a unit's raw lines fill where it is set on a grid, or None,
    from the lines that run on to the next source line (a line before a blank
    one may end a paragraph short): their most common width, which
    `GRID_SHARE` of them at least fill to the half width; text wrapped at word
    boundaries leaves them ragged."""
    if len(run_on) < GRID_MIN_LINES:
        return None
    # Counted in quarters of a cell: whole numbers hash faster than the widths.
    quarters = Counter(quarter_widths(run_on))
    column = quarters.most_common(1)[0][0]
    full = sum(n for q, n in quarters.items() if abs(q - column) <= 4 * HALF_COLUMN)
    if full < GRID_SHARE * len(run_on):
        # A paragraph's first line whose indent extraction set outside the
        # column fills it with its text alone: on a page that indents its
        # paragraphs (no blank line between them, so every paragraph's end runs
        # on too) those lines are many.
        indented = [raw for raw in run_on if raw[:1].isspace()]
        pairs = zip(
            quarter_widths(indented),
            quarter_widths([raw.lstrip() for raw in indented]),
            strict=True,
        )
        full += sum(
            abs(q - column) > 4 * HALF_COLUMN >= abs(text - column) for q, text in pairs
        )
        if full < GRID_SHARE * len(run_on):
            return None
    return column / 4


def cut_by_grid(raw: str, next_raw: str, column: float) -> bool:
    """Does the raw line fill the grid's column to the cell, with no space at its
    break, between a letter or digit on each side?"""
    if not raw or raw[-1].isspace() or next_raw[:1].isspace():
        return False
    if not (GRID_CUT.match(f"{raw[-1]}\n{next_raw[:1]}")):
        return False
    short = HALF_COLUMN if CJK_CHAR.search(raw) else 0.0
    if column - short <= column_width(raw) <= column + HALF_COLUMN:
        return True
    # A paragraph's first line whose indent extraction set outside the column
    # (`　　新加坡国家环境局（NE`) fills it with its text alone.
    text = raw.lstrip()
    return text != raw and column - short <= column_width(text) <= column + HALF_COLUMN
