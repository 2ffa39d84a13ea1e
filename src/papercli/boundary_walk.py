"""The walk over a run's line breaks: where its paragraphs end.

`run_boundaries` gives, for every break inside a run of lines, the reason a
paragraph ends there or None to join. Most breaks are a full line over an
ordinary one and are decided inline, reading each line's fields once; the rest
are asked of `papercli.boundaries.boundary_after`, the per-break decision, and
a title stacked over a dateline is set apart on both sides. `layout` cuts runs
at the reasons given here.
"""

from __future__ import annotations

import math

from papercli.boundaries import (
    DATELINE_OPENS,
    ITEM_AFTER_SENTENCE,
    SPEAKER_TURN,
    boundary_after,
)
from papercli.boundary_signals import (
    closes_on_credit,
    item_after,
    signs_off,
    signs_over_date,
    title_over_dateline,
    turn_after,
)
from papercli.bylines import (
    DATELINE_OPENERS,
    is_byline_of_names,
    is_named_byline,
    opens_dateline,
)
from papercli.dates import is_page_header_line
from papercli.lists import ITEM_MARKER_CHARS, ITEM_OPENERS, continues_names
from papercli.measure import FULL_SLACK, PageStyle, is_set_off
from papercli.runs import Run
from papercli.signals import SECTION_LABEL_OPENERS

# First characters of the lines that may open a block under a full line.
BLOCK_OPENERS = DATELINE_OPENERS | ITEM_OPENERS | SECTION_LABEL_OPENERS
# The reason a title stacked over a dateline (`title_over_dateline`) ends its block.
TITLE_OVER_DATELINE = "title over a dateline"


def run_boundaries(run: Run, style: PageStyle, column: float) -> list[str | None]:
    """`boundary_after` for every line of a run but the last, but for the full
    lines decided inline (see below)."""
    lines = run.lines
    # No column on the page (a cleaned one): measure the run against its own widest
    # line. There two bylines in a row may be that wide (checked only there: on a
    # page with a column a byline is short, and the check costs every line).
    no_column = column == math.inf
    if no_column:
        column = max(ln.span for ln in lines)
    # The common case decided inline: a full line, neither a bracketed credit
    # itself nor set off from the margin, followed by one that is neither indented,
    # nor opening on a dateline's first character (a bracketed credit's too), nor a
    # named byline that is short (or, on a page with no column, follows another),
    # nor a line of names only (`is_byline_of_names`: a byline at any width).
    limit = column - 0.5
    short = column - 2 * FULL_SLACK
    out: list[str | None] = []
    # Each line's fields are read once, as the next line, and carried over to be
    # the line: a named tuple's attribute and a CJK character cost an object each.
    span = lines[0].span
    # A line opening on a bracket (a credit), or, where no blank line sets titles
    # apart, closing on one (a column label: see `is_labelled_title`).
    closers = "）)" if not (style.old_style or style.blank_separated) else ""
    # (`closers` is empty on most pages: no character is taken out to test it.)
    # A line opening on a dash (a signature, `——东城区 居民 X`) is asked too.
    bracketed = lines[0].text[0] in "（(—" or bool(closers and lines[0].text[-1] in closers)
    above = lines[0].text
    # Only a line with a space may be a byline of names: most have none.
    spaced = " " in lines[0].text or "\u3000" in lines[0].text
    # Lines set off from the margin are rare: looked for only on a page that has one.
    set_off = style.set_off_lines
    # A page header at the run's top (or under the paper's name) ends there, full
    # or not (`boundary_after`).
    # `is_page_header_line`'s cheap test inline (a header holds no `，`, `。` or
    # `、`, and most lines at a run's top hold one): a call costs more than it.
    first = lines[0].text
    second = lines[1].text if len(lines) > 2 else "。"  # (no second line to ask)
    header = len(lines) > 1 and (
        (
            "，" not in first
            and "。" not in first
            and "、" not in first
            and is_page_header_line(first)
        )
        or (
            "，" not in second
            and "。" not in second
            and "、" not in second
            and is_page_header_line(second)
        )
    )
    # So are lists that keyboard bullets or a lead-in's colon show (`boundary_after`).
    listed = bool(style.item_kinds)
    # And a dialogue's speakers (`turn_after`).
    speakers = bool(style.speakers)
    paper_datelines = style.paper_datelines
    for i in range(1, len(lines)):
        nxt = lines[i]
        text = nxt.text
        head = text[0]
        next_span = nxt.span
        next_closes = bool(closers and text[-1] in closers)
        next_bracketed = head in "（(—" or next_closes
        next_spaced = " " in text or "\u3000" in text
        if (
            span >= limit
            and not bracketed
            and not (header and i <= 2)
            and nxt.indent < 1
            and not (set_off and is_set_off(lines[i - 1], column))
            and head not in BLOCK_OPENERS
            # another paper's dateline (`新京报讯（记者 X）`) may open on any
            # character: looked for only on a page that has one
            and not (paper_datelines and opens_dateline(text))
            and not next_closes  # a title closing on its column's label
            and text != above  # a line printed twice (see boundary_after)
            and (
                not (no_column and is_named_byline(text) and is_named_byline(above))
                if next_span >= short
                else not is_named_byline(text)
            )
            and not (next_spaced and is_byline_of_names(text))
            and not (spaced and is_byline_of_names(above))
            # (its cheap test, a space or `一` opening it, inline: most short
            # lines are a paragraph's last)
            and not (
                next_span < short and (next_spaced or head == "一") and signs_off(lines, i, short)
            )
            and head != "《"  # an edition's source line (`boundary_after`)
            # a report's closing credit wrapped full (`closes_on_credit`)
            and not (above[-1] == "）" and closes_on_credit(lines, i - 1))
            # a notice's date under its issuer (`signs_over_date`)
            and not (
                i + 1 == len(lines)
                and next_span < short
                and text[-1] == "日"
                and signs_over_date(lines, i - 1, style)
            )
        ):
            # A list the page's lines show may open an item under a full line.
            listed_item = listed and head in ITEM_MARKER_CHARS
            if listed_item and item_after(lines, i - 1, style, column):
                out.append(ITEM_AFTER_SENTENCE)
            elif speakers and turn_after(lines[i - 1], nxt, style):
                out.append(SPEAKER_TURN)
            else:
                out.append(None)
        elif spaced and continues_names(lines[i - 1].text, text):
            out.append(None)  # a name list's rows, whatever their widths
        else:
            out.append(boundary_after(lines, i - 1, style, column))
            if i >= 2 and head in DATELINE_OPENERS:
                top = title_over_dateline(lines, i, style, column)
                if top is not None:
                    # A block of its own on both sides, whatever the page's style.
                    if top:
                        out[top - 1] = out[top - 1] or TITLE_OVER_DATELINE
                    out[-1] = out[-1] or DATELINE_OPENS
        span, bracketed, spaced, above = next_span, next_bracketed, next_spaced, text
    return out
