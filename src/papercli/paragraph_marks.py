"""How the page marks its paragraphs (short last lines, or indents), counted from
the reasons `papercli.boundaries` gave for the paragraph ends inside its runs.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from itertools import chain

from papercli.boundaries import NEXT_LINE_INDENTED, SHORT_LINE_ENDS_SENTENCE
from papercli.measure import (
    FLUSH_MEASURED_MIN,
    FLUSH_PARAGRAPH_SHARE,
    PARAGRAPH_INDENT_MAX,
    PageStyle,
)
from papercli.runs import Run

SHORT_LINE_STYLE_MIN = 5


def boundary_reasons(bounds: Sequence[Sequence[str | None]]) -> Counter[str | None]:
    """How often each reason ended a paragraph inside the page's runs (counted in C)."""
    return Counter(chain.from_iterable(bounds))


def detect_short_line_style(reasons: Counter[str | None], style: PageStyle) -> PageStyle:
    """Does the page mark paragraphs by short last lines alone? Count short
    sentence-final lines inside runs against indented paragraph starts."""
    short_ends = reasons[SHORT_LINE_ENDS_SENTENCE]
    indents = reasons[NEXT_LINE_INDENTED]
    if short_ends >= SHORT_LINE_STYLE_MIN and short_ends > 2 * indents:
        return replace(style, short_line_paragraphs=True)
    return style


def measure_flush_width(
    style: PageStyle, runs: Sequence[Run], bounds: Sequence[Sequence[str | None]]
) -> PageStyle:
    """On a short-line page, the width from which a paragraph's flush sentence
    end ends it (`PageStyle.flush_width`): FLUSH_PARAGRAPH_SHARE of the median
    width of the paragraphs whose both ends the page shows inside a run (a short
    last line under the end before); left 0 where it shows fewer than
    FLUSH_MEASURED_MIN."""
    widths = []
    for run, run_bounds in zip(runs, bounds, strict=True):
        start = None
        for i, why in enumerate(run_bounds):
            if why is None:
                continue
            if start is not None and why == SHORT_LINE_ENDS_SENTENCE:
                widths.append(sum(line.width for line in run.lines[start : i + 1]))
            start = i + 1
    if len(widths) < FLUSH_MEASURED_MIN:
        return style
    widths.sort()
    return replace(style, flush_width=FLUSH_PARAGRAPH_SHARE * widths[len(widths) // 2])


INDENT_PAGE_MIN = 5


def is_indent_page(reasons: Counter[str | None]) -> bool:
    """Does the page mark paragraphs by indenting their first lines? Then the
    line after a paragraph's short last line is indented far more often than not
    (headings and bylines between paragraphs are the exceptions)."""
    indents = reasons[NEXT_LINE_INDENTED]
    return indents >= INDENT_PAGE_MIN and indents >= 3 * reasons[SHORT_LINE_ENDS_SENTENCE]


def opens_paragraphs_indented(runs: Sequence[Run], reasons: Counter[str | None]) -> bool:
    """Do the page's paragraphs open indented, counting the runs that open on an
    indent after a blank line as well as the indents inside runs? A short page
    whose blank lines fall between its paragraphs, and at column breaks, shows
    too few indents inside its runs for `is_indent_page`, but it indents every
    paragraph all the same: an unindented line of running text after a blank
    line is a column's, not a paragraph's first."""
    if is_indent_page(reasons):
        return True
    openers = sum(1 <= run.lines[0].indent <= PARAGRAPH_INDENT_MAX for run in runs)
    indents = reasons[NEXT_LINE_INDENTED] + openers
    return indents >= INDENT_PAGE_MIN and indents >= 3 * reasons[SHORT_LINE_ENDS_SENTENCE]
