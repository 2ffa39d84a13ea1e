"""Column breaks on old-style pages: where blank lines fall inside sentences.

Old text ends its clauses and its paragraphs alike on `、`, and a page of the
1930s-40s sets both its paragraph ends and its column breaks as blank lines. A
page shows which it does when some blank line cuts a sentence after a bare
character (`shows_column_cuts`, `PageStyle.column_cuts`); on such a page a full
line's clause mark before a blank line is likelier a column's end than a
paragraph's (`runs_on_past_clause_mark`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from itertools import pairwise

from papercli.bylines import is_byline, opens_dateline, opens_wrapped_dateline
from papercli.lists import ENUMERATOR, SECTION_MARKS
from papercli.measure import FULL_SLACK, Line, PageStyle, is_han
from papercli.runs import Run, local_column
from papercli.signals import CLAUSE_MARK

# A report's lead opens a paragraph of its own, as a dateline does: a follow-up
# dispatch (`又訊、…`, "another report") or a source it quotes, as its first
# clause (`據米業中人談、…`, `廿日法文上海日報載、…`). Bounded: linear.
REPORT_LEAD = re.compile(r"又[訊讯電电]|[^、，。\s]{1,12}?(?:載|载|談|谈|稱|称)[、，：:]")


def shows_column_cuts(runs: Sequence[Run], column: float) -> bool:
    """Does some blank line of the page fall inside a sentence: a run's full last
    line stopping on a bare character, over a run of prose (a clause mark in its
    first line)? Such a page sets its column breaks as blank lines, as well as
    its paragraph ends. The run may be one line of prose (`prose_alone`), as a
    column break right under a paragraph's first line leaves it."""
    for run, after in pairwise(runs):
        lines = run.lines
        last = lines[-1]
        if (
            is_han(last.text[-1])
            and len(after.lines) >= 2
            and last.span >= local_column(lines, len(lines) - 1, column) - FULL_SLACK
            and (len(lines) >= 2 or prose_alone(last, column))
            and CLAUSE_MARK.search(after.lines[0].text) is not None
        ):
            return True
    return False


def prose_alone(line: Line, column: float) -> bool:
    """Is a line between blank lines, no wider than the page's column, a
    paragraph's first line rather than a title: does it hold a clause mark or
    open on a dateline (`（長沙十四日海通電）據此`)? Old papers set their titles
    with no marks, and wider or narrower than the text."""
    return line.span <= column + FULL_SLACK and (
        CLAUSE_MARK.search(line.text) is not None or opens_dateline(line.text)
    )


def runs_on_past_clause_mark(
    prev_run: Run, nxt: list[Line], next_run: Run, prev_column: float, style: PageStyle
) -> bool:
    """On an old-style page whose blank lines fall at column breaks too
    (`PageStyle.column_cuts`), does the full line before a gap, ending on the
    page's clause mark, run on into a full line of prose under it
    (`…竊得衣服首飾等、` | blank | `價値四百餘元、正欲逃逸、…`)? Old text ends its
    clauses and its paragraphs alike on `、`: a paragraph ending flush with
    the column is one chance in the column's width, a column break after one of
    its many clauses far likelier. Not over an indent, a bullet, an enumerator,
    a dateline or a byline, which open blocks of their own."""
    lines = prev_run.lines
    first = nxt[0]
    if len(next_run.lines) < 2 or first.indent >= 1:
        return False
    column = local_column(lines, len(lines) - 1, prev_column)
    if column == math.inf and len(lines) < 2:
        column = style.column  # a lone line's own column is unknown
    if column == math.inf:
        return False
    # A paragraph's first line alone over the gap: the break fell right under it.
    if len(lines) < 2 and not prose_alone(lines[-1], column):
        return False
    # Full to the character: a line a width short had room for the next one,
    # so it stopped on purpose. Measured on the page's commonest width where
    # the run is set to it, as hanging marks widen a run's median line by one.
    text_column = style.column if abs(column - style.column) <= 1 else column
    return (
        lines[-1].span >= text_column - 0.5
        and first.span >= column - FULL_SLACK
        # Prose: a clause mark in its first two lines (a narrow column's line
        # may hold none: `今晨八時飛臨沿江各縣` / `上空盤旋、…`).
        and any(CLAUSE_MARK.search(ln.text) is not None for ln in next_run.lines[:2])
        and REPORT_LEAD.match(first.text) is None
        and first.text[0] not in SECTION_MARKS
        and ENUMERATOR.match(first.text) is None
        and not opens_wrapped_dateline(nxt)
        and not is_byline(first.text)
    )
