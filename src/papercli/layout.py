"""The classifier that turns column-wrapped lines into typed blocks.

Line-level signals live in `papercli.signals`, runs of lines in `papercli.runs`,
the page's columns and punctuation style in `papercli.pagestyle`, heading shape
and the title lines of unspaced pages in `papercli.titles`, tables and lists in
`papercli.rows`, and the decision to close a blank line in `papercli.healing`;
this module combines them. The classifier measures everything on the page itself:
the column width (per run of lines, since a page mixes widths), whether a line is
full, where sentence punctuation falls, indentation, heading shape, and, across a
blank line, whether the text on both sides reads as one sentence. Decisions look
at a bounded window around each line, so the whole pass is linear in the number
of lines.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from itertools import chain

from papercli.bylines import (
    BYLINE_LINE,
    CREDIT_LINE,
    DATELINE_OPENERS,
    is_byline,
    is_named_byline,
    opens_dateline,
)
from papercli.changes import Change, make_change, seam
from papercli.chars import INVISIBLE, strip_edges, visible_span
from papercli.healing import should_heal, tags_quote
from papercli.lists import ENUMERATOR, ITEM_MARKER_CHARS, ITEM_OPENERS, item_kind, opens_item
from papercli.page import BlockKind, Page, make_block
from papercli.pagestyle import WELL_SHORT, measure_style, page_columns
from papercli.rows import ROW_LINE, is_row_run
from papercli.runs import (
    STOPS_ONLY,
    TEXT,
    Run,
    is_unwrapped,
    local_column,
    measure_runs,
)
from papercli.signals import (
    END_CLOSER_CHARS,
    FULL_SLACK,
    FULL_STOP_CHARS,
    MAX_HEADING_LINES,
    NO_BLOCK_START,
    OPENER_CHARS,
    PUNCT_CHARS,
    SECTION_LABEL,
    SECTION_LABEL_OPENERS,
    Line,
    PageStyle,
    ends_mid_phrase,
    ends_sentence,
    first_token_width,
    goes_on_in_lower_case,
    has_room_for,
    has_stop_mark,
    is_heading_line,
    is_set_off,
    leaves_open,
    open_marks,
)
from papercli.steps.echo_rules import is_line_echo
from papercli.titles import (
    HEADLINE_GROUP,
    LABEL_END,
    group_title_lines,
    is_title_deck,
    set_apart_boundaries,
    title_stack,
)

STEP = "rebuild_paragraphs"
# Boundary reasons the page's paragraph style is counted from.
NEXT_LINE_INDENTED = "next line indented"
NUMBERED_SUBHEAD = "numbered subhead over its paragraph"
SUBHEAD_OVER_TEXT = "subhead over its paragraph's text"
# A label before a subhead's colon: `专家：`, `记者手记：`.
SUBHEAD_LABEL = re.compile(r"^[^\s，,。：:]{1,6}[：:]")
ITEM_AFTER_SENTENCE = "list item after a sentence end"
# A list's lead-in ends on a colon: `具体措施如下：`.
LEAD_IN_COLONS = frozenset("：:")
LINE_PRINTED_TWICE = "line printed again on the next line"
SECTION_LABEL_LINE = "section label on its own line"
# First characters of the lines that may open a block under a full line.
BLOCK_OPENERS = DATELINE_OPENERS | ITEM_OPENERS | SECTION_LABEL_OPENERS
NEXT_LINE_SET_OFF = "next line set off from the margin"
AFTER_SET_OFF = "after a line set off from the margin"
SHORT_LINE_ENDS_SENTENCE = "short line ends a sentence"
LINE_WELL_SHORT = "line well short of its column"
BYLINE_OWN_LINE = "byline on its own line"
DATELINE_OPENS = "dateline opens a paragraph"
LINE_A_PARAGRAPH = "one paragraph a line: the text is not wrapped"
# A block's first line may have lost a two-em indent and open on a run-in
# subhead set in a wider face (four widths short on the seed page): it must stop
# shorter than that.
FIRST_LINE_SHORT = 5.0
# A line cut after a comma or an opening bracket is inside a sentence, however
# short it is.
CONTINUING_CLAUSE_CHARS = frozenset("，,") | OPENER_CHARS


TITLE_WITH_LABEL = "title closing on a column label"


def is_labelled_title(text: str) -> bool:
    """A line with no stop or clause mark that closes on a column's label in
    brackets: `彰显治理价值（人民观点）`, `稳中提质(权威发布)`."""
    return text[-1] in "）)" and LABEL_END.search(text) is not None and not has_stop_mark(text)


def item_after(line: Line, nxt: Line, style: PageStyle, run_column: float) -> bool:
    """Does `nxt` open a list item after `line` (ITEM_AFTER_SENTENCE)?

    After a sentence end, a dash pair or a bullet opens a list item, or an
    attribution, even under a full line: running text never opens a line so.
    (Under a short line the page's paragraph style decides, as it counts them.)
    Where the page's lines show a list (a kind of marker opens several of them,
    `PageStyle.item_kinds`), so does a keyboard bullet (`- `), and any item's
    marker (`①`, `（1）`, `一、`) opens one after a lead-in's colon
    (`具体措施如下：`) and after the end of an item of its kind, short or full
    (short items of one width look like a column narrowed around a picture).
    """
    if (
        line.span >= run_column - 0.5
        and opens_item(nxt.text, style.item_kinds)
        and ends_sentence(line.text, STOPS_ONLY)
    ):
        return True
    if not style.item_kinds:
        return False
    kind = item_kind(nxt.text)
    return kind in style.item_kinds and (
        line.text[-1] in LEAD_IN_COLONS
        or (item_kind(line.text) == kind and ends_sentence(line.text, STOPS_ONLY))
    )


def boundary_after(
    lines: Sequence[Line], i: int, style: PageStyle, run_column: float
) -> str | None:
    """Why a paragraph ends after lines[i] inside a run, or None to join."""
    line, nxt = lines[i], lines[i + 1]
    # A line printed again on the next line (a caption's echo) is no column wrap:
    # each copy is a block, and the repeated one goes as a blank line between
    # them would make it go (`dedupe`).
    if nxt.text == line.text and is_line_echo(line.text):
        return LINE_PRINTED_TWICE
    if nxt.text[0].islower() and goes_on_in_lower_case(nxt.text):
        return None
    # A line ending on a preposition or conjunction runs on (as across a blank
    # line: see `should_heal`), unless a dateline or byline follows.
    if ends_mid_phrase(line.text) and not (opens_dateline(nxt.text) or is_byline(nxt.text)):
        return None
    # A title centred or a byline set flush right is a block of its own, but no
    # sign that the page indents its paragraphs.
    set_off = style.set_off_lines and is_set_off(nxt, run_column)
    if set_off != (style.set_off_lines and is_set_off(line, run_column)):
        if set_off:
            return NEXT_LINE_SET_OFF
        return NEXT_LINE_INDENTED if nxt.indent >= 1 else AFTER_SET_OFF
    # Some extractions separate list items with ideographic spaces, which then
    # start lines too: an "indent" after a full line cut mid-sentence is one of those.
    if (
        nxt.indent >= 1
        and not set_off  # the lines of a centred title are no paragraphs
        and nxt.indent > line.indent - 0.5
        and (
            line.span < run_column - 0.5
            or line.text[-1] in PUNCT_CHARS
            or line.text[-1] in END_CLOSER_CHARS
            # A title over an indented paragraph: set wider than the column, or
            # as wide as it with no mark at all over a paragraph that opens on a
            # word (list items set apart by spaces open on a bullet).
            or (
                is_heading_line(line)
                and (
                    line.span > run_column + FULL_SLACK
                    or (
                        not has_stop_mark(line.text)
                        and nxt.text[0].isalnum()
                        and line.indent < 1
                    )
                )
            )
        )
    ):
        return NEXT_LINE_INDENTED
    if nxt.text[0] in "（(" and ends_sentence(line.text, style) and CREDIT_LINE.match(nxt.text):
        return "source credit on its own line"
    # Where no blank line sets titles apart, a title closing on its column's label
    # (`解好基层治理“方程式”（人民论坛）`) is a block of its own on a modern page,
    # however wide it is set: it opens its block (at a run's top, after a sentence
    # end, or under another title line) and leaves no quote open. Running text
    # that ends a line on a bracket has its clause marks (old pages' do not).
    if not style.old_style and not style.blank_separated:
        if (
            is_labelled_title(line.text)
            and (
                i == 0
                or ends_sentence(lines[i - 1].text, style)
                # under a title line: one set wider than the column, or short
                or abs(lines[i - 1].span - run_column) > FULL_SLACK
            )
            and not leaves_open(line.text)
        ):
            return TITLE_WITH_LABEL
        if (
            ends_sentence(line.text, style)
            and is_labelled_title(nxt.text)
            and not leaves_open(nxt.text)
        ):
            return TITLE_WITH_LABEL
    # `核心阅读`, `编者的话`: a section label stands between a headline and its text.
    if (nxt.text[0] in SECTION_LABEL_OPENERS and SECTION_LABEL.match(nxt.text)) or (
        line.text[0] in SECTION_LABEL_OPENERS and SECTION_LABEL.match(line.text)
    ):
        return SECTION_LABEL_LINE
    if nxt.text[0] in ITEM_MARKER_CHARS and item_after(line, nxt, style, run_column):
        return ITEM_AFTER_SENTENCE
    # A dateline opens a news item: after a sentence end it starts a paragraph
    # even under a full line (pages set solid run items on without a gap).
    if opens_dateline(nxt.text) and (
        ends_sentence(line.text, style)
        # under a title: a short line with no mark
        or (line.span < run_column - 2 * FULL_SLACK and not has_stop_mark(line.text))
    ):
        return DATELINE_OPENS
    # The credit closing the paragraph above (after its sentence end) ends there
    # too; a dateline in the same brackets opens its paragraph after a title.
    if (
        i > 0
        and line.text[0] in "（("
        and CREDIT_LINE.match(line.text)
        and ends_sentence(lines[i - 1].text, style)
    ):
        return "after a source credit"
    # A short line with no stop or clause mark right after a sentence end is a
    # heading set on the body's lines (the boundary after it is found below).
    if (
        not style.run_is_paragraph
        and nxt.span < run_column - 2 * FULL_SLACK
        and ends_sentence(line.text, style)
        and not has_stop_mark(nxt.text)
        and nxt.text[0] not in "（("  # a pen name may close its paragraph: papers differ
    ):
        return "heading after a sentence end"
    # A numbered subhead (`二、强化资金保障`) over its paragraph, at a run's top or
    # after a sentence end. Measured against the line below: a short run's
    # median may be the subhead's own width.
    if (
        line.span < nxt.span - 2 * FULL_SLACK  # first: most lines are no subhead's
        and ENUMERATOR.match(line.text)
        and (i == 0 or ends_sentence(lines[i - 1].text, style))
        and line.indent + line.span + first_token_width(nxt.text) < nxt.span - FULL_SLACK
        and is_heading_line(line)
        and not has_stop_mark(line.text)
        and has_stop_mark(nxt.text)
    ):
        return NUMBERED_SUBHEAD
    # A subhead set on its paragraph's run with no blank line between
    # (`专家：应兼顾居民权益`): a modern page's run opens on a line of heading shape,
    # with no mark but a label's colon, two thirds as wide as the text below it
    # or less. (A sentence's fragment after a column break has its clause marks;
    # an old page's ragged lines and the dispatch under a dateline are left alone.)
    if (
        i == 0
        and not style.old_style
        and 3 * (line.indent + line.span) <= 2 * nxt.span
        and len(lines) >= 3
        and is_heading_line(line)
        and not has_stop_mark(SUBHEAD_LABEL.sub("", line.text, count=1))
        and has_stop_mark(nxt.text)
        and not opens_dateline(line.text)
    ):
        return SUBHEAD_OVER_TEXT
    # `本报记者 X` or `——编 者` never runs on from a line nor into the next one;
    # nor into another byline (`本报通讯员 Y`), however wide the two are set.
    if is_named_byline(nxt.text) and (
        nxt.span < run_column - 2 * FULL_SLACK or is_named_byline(line.text)
    ):
        return BYLINE_OWN_LINE
    if is_named_byline(line.text) and line.span < run_column - 2 * FULL_SLACK:
        return "after a byline line"
    # Most lines fill the run's column; only a shorter one needs its local column.
    if line.span >= run_column - 0.5:
        return None
    # A run's first line has no paragraph above it to measure against: only a
    # line shorter than the one below it was cut short on purpose.
    column = local_column(lines, i, run_column)
    if i == 0:
        column = min(column, nxt.span)
    if not has_room_for(line, nxt, column):
        # A justified column leaves a line short only where the next line's first
        # piece would not fit (`first_token_width`): a full stop a width short of
        # it, with room for that piece, ended its paragraph. A gap in the line
        # spread it to the column; a wider run's lines hang their last mark.
        if (
            style.justified
            and line.span + first_token_width(nxt.text) <= min(column, style.column) + 1e-9
            and " " not in line.text
            and ends_sentence(line.text, style, FULL_STOP_CHARS)
            and not BYLINE_LINE.match(nxt.text)
        ):
            return SHORT_LINE_ENDS_SENTENCE
        return None
    if line.trailing_space and style.trailing_space_marks and not nxt.first.isascii():
        return "short line"
    # A bracketed byline the line above had room for was set on its own line.
    if (
        nxt.text[0] in "（("
        and line.span + nxt.span <= column - FULL_SLACK
        and BYLINE_LINE.match(nxt.text)
    ):
        return BYLINE_OWN_LINE
    # On old-style pages `、` ends clauses everywhere, and paragraphs are set
    # apart by blank lines: inside a run only a full stop ends a paragraph.
    if ends_sentence(line.text, style) and not (
        style.run_is_paragraph and line.text[-1] == style.old_stop
    ):
        return SHORT_LINE_ENDS_SENTENCE
    if not style.run_is_paragraph:
        # A short line with no stop or clause mark ends a heading or a lead line.
        if not has_stop_mark(line.text):
            return "short line without punctuation"
        # Wrapped prose stops well short of its column only where its block ends
        # (a title's last line, a list's lead-in); a comma or an open quote there
        # still reads on. A run's first line has no line above to tell it by; a
        # block's first line (after a short one) must stop much shorter.
        if i > 0 and line.indent < 1:
            # ... unless it has a heading's shape: a lost indent opens on a
            # run-in subhead that ends its sentence.
            opens_block = lines[i - 1].span < column - FULL_SLACK and not is_heading_line(line)
            if (
                column - line.span >= (FIRST_LINE_SHORT if opens_block else WELL_SHORT)
                and line.text[-1] not in CONTINUING_CLAUSE_CHARS
                and not leaves_open(line.text)
            ):
                return LINE_WELL_SHORT
    return None


# On a page whose paragraphs are marked by short last lines only, a full line that
# ends a sentence after this many lines of its paragraph more often ends the
# paragraph than not (news paragraphs run three to six lines).
FLUSH_PARAGRAPH_LINES = 3


SHORT_LINE_STYLE_MIN = 5


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
    # named byline that is short (or, on a page with no column, follows another).
    limit = column - 0.5
    short = column - 2 * FULL_SLACK
    out: list[str | None] = []
    # Each line's fields are read once, as the next line, and carried over to be
    # the line: a named tuple's attribute and a CJK character cost an object each.
    span = lines[0].span
    # A line opening on a bracket (a credit), or, where no blank line sets titles
    # apart, closing on one (a column label: see `is_labelled_title`).
    closers = "）)" if not (style.old_style or style.blank_separated) else ""
    bracketed = lines[0].text[0] in "（(" or lines[0].text[-1] in closers
    # Lines set off from the margin are rare: looked for only on a page that has one.
    set_off = style.set_off_lines
    # So are lists that keyboard bullets or a lead-in's colon show (`boundary_after`).
    listed = bool(style.item_kinds)
    for i in range(1, len(lines)):
        nxt = lines[i]
        text = nxt.text
        head = text[0]
        next_span = nxt.span
        next_bracketed = head in "（(" or text[-1] in closers
        if (
            span >= limit
            and not bracketed
            and nxt.indent < 1
            and not (set_off and is_set_off(lines[i - 1], column))
            and head not in BLOCK_OPENERS
            and text[-1] not in closers  # a title closing on its column's label
            and text != lines[i - 1].text  # a line printed twice (see boundary_after)
            and (
                not (no_column and is_named_byline(text) and is_named_byline(lines[i - 1].text))
                if next_span >= short
                else not is_named_byline(text)
            )
        ):
            # A list the page's lines show may open an item under a full line.
            listed_item = listed and head in ITEM_MARKER_CHARS
            if listed_item and item_after(lines[i - 1], nxt, style, column):
                out.append(ITEM_AFTER_SENTENCE)
            else:
                out.append(None)
        else:
            out.append(boundary_after(lines, i - 1, style, column))
            if i >= 2 and head in DATELINE_OPENERS:
                top = title_over_dateline(lines, i, style, column)
                if top is not None:
                    # A block of its own on both sides, whatever the page's style.
                    if top:
                        out[top - 1] = out[top - 1] or TITLE_OVER_DATELINE
                    out[-1] = out[-1] or DATELINE_OPENS
        span, bracketed = next_span, next_bracketed
    return out


TITLE_OVER_DATELINE = "title over a dateline"


def title_over_dateline(
    lines: Sequence[Line], i: int, style: PageStyle, column: float
) -> int | None:
    """Where the title over the dateline opening `lines[i]` starts, or None: a
    title's lines at most (`MAX_HEADING_LINES`), short and with no mark at all,
    at the run's top or after a sentence end, are the title of the dispatch the
    dateline (`新华社北京电`, `〔記者X／台北報導〕`) opens, even where no blank line
    sets it apart."""
    if not opens_dateline(lines[i].text):
        return None
    top = i
    while top > 0 and i - top < MAX_HEADING_LINES:
        line = lines[top - 1]
        if not (
            line.span < column - 2 * FULL_SLACK
            and is_heading_line(line)
            and not has_stop_mark(line.text)
            and not opens_dateline(line.text)
        ):
            break
        top -= 1
    if top == i or (top and not ends_sentence(lines[top - 1].text, style)):
        return None
    # Lines kept as a headline must read as one when cleaned, or a second clean
    # joins them (`府` over a lone `“`: a quote left open is no title).
    if i - top >= 2 and not is_title_deck(lines[top:i]):
        return None
    return top


def segment_run(
    run: Run, style: PageStyle, bounds: Sequence[str | None]
) -> list[tuple[list[Line], str]]:
    """Cut a run into paragraphs at `bounds` (see `run_boundaries`); each
    paragraph comes with the reason that opened it."""
    lines = run.lines
    # Most runs are one paragraph: no boundary, and no flush-line rule to apply.
    if not style.short_line_paragraphs and not any(bounds):
        return [(lines[:], "blank line")]
    out: list[tuple[list[Line], str]] = []
    current = [lines[0]]
    reason = "blank line"
    # Quotes and brackets open after the first `counted` lines of `current`:
    # counted only where the flush rule asks, each line once.
    depth = counted = 0
    for i in range(len(lines) - 1):
        why = bounds[i]
        if (
            why is None
            and style.short_line_paragraphs
            and len(current) >= FLUSH_PARAGRAPH_LINES
            and ends_sentence(lines[i].text, style)
            and lines[i + 1].indent < 1
            and not tags_quote(lines[i].text, lines[i + 1].text)
            and not goes_on_in_lower_case(lines[i + 1].text)
            # A semicolon ends a list item, and the next item opens on its number.
            and (lines[i].text[-1] not in "；;" or ENUMERATOR.match(lines[i + 1].text))
        ):
            # A paragraph never ends inside a quotation it opened.
            for line in current[counted:]:
                depth = open_marks(line.text, depth)
            counted = len(current)
            if not depth:
                why = "flush line ends a sentence after a paragraph's length"
        # A stop, clause or closing mark never starts a block's line (kinsoku):
        # the line before ran out of room, whatever any rule made of it.
        if why and lines[i + 1].text[0] not in NO_BLOCK_START:
            out.append((current, reason))
            current = []
            reason = why
            depth = counted = 0
        current.append(lines[i + 1])
    out.append((current, reason))
    return out


def classify(lines: list[Line], reason: str, style: PageStyle) -> BlockKind:
    if len(lines) > 1:
        return BlockKind.PARAGRAPH
    text = lines[0].text
    if is_byline(text):
        return BlockKind.BYLINE
    if opens_dateline(text):
        return BlockKind.DATELINE
    if is_heading_line(lines[0]):
        return BlockKind.SUBHEAD
    return BlockKind.PARAGRAPH


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


INDENT_PAGE_MIN = 5


def is_indent_page(reasons: Counter[str | None]) -> bool:
    """Does the page mark paragraphs by indenting their first lines? Then the
    line after a paragraph's short last line is indented far more often than not
    (headings and bylines between paragraphs are the exceptions)."""
    indents = reasons[NEXT_LINE_INDENTED]
    return indents >= INDENT_PAGE_MIN and indents >= 3 * reasons[SHORT_LINE_ENDS_SENTENCE]


# Characters that print nothing (`chars.INVISIBLE`): at a line's edge they hide
# its last mark or its indent from every signal, so the lines are measured
# without them.
HAS_INVISIBLE = re.compile(f"[{INVISIBLE}]")
INVISIBLE_RUN = re.compile(f"[{INVISIBLE}]+")


def hide_invisible_edges(lines: list[str]) -> dict[int, str]:
    """Take the invisible characters off each line's edges, in place; return, by
    line index, the text each such line shows in its block (`chars.strip_edges`).
    A line of nothing else is left as it is (its characters would have no block
    to go back to)."""
    hidden: dict[int, str] = {}
    for i, line in enumerate(lines):
        if not HAS_INVISIBLE.search(line):
            continue
        start, end = visible_span(line)
        if start == end:
            continue
        lead, trail = line[:start], line[end:]
        if HAS_INVISIBLE.search(lead) or HAS_INVISIBLE.search(trail):
            lines[i] = (
                INVISIBLE_RUN.sub("", lead) + line[start:end] + INVISIBLE_RUN.sub("", trail)
            )
            hidden[i] = strip_edges(line)
    return hidden


def with_hidden(line: Line, hidden: dict[int, str]) -> str:
    """A line's text as its block shows it (see `hide_invisible_edges`)."""
    return hidden.get(line.number, line.text)


def rebuild_paragraphs(lines: list[str], numbers: list[int]) -> tuple[Page, list[Change]]:
    """Classify raw lines into blocks, healing blank lines that fall inside sentences."""
    # One search of the page: most have no invisible character at all.
    hidden: dict[int, str] = {}
    if HAS_INVISIBLE.search("".join(lines)):
        lines = list(lines)
        hidden = {numbers[i]: text for i, text in hide_invisible_edges(lines).items()}
    runs, corpus, spans, trailing, _, deepest = measure_runs(lines, numbers)
    style = measure_style(runs, corpus, spans, trailing, deepest)
    columns, headings = page_columns(runs, corpus, style.unpunctuated)
    bounds: list[list[str | None]]
    if is_unwrapped(runs, spans, style):
        bounds = [[LINE_A_PARAGRAPH] * (len(run.lines) - 1) for run in runs]
    else:
        bounds = [
            run_boundaries(run, style, column) for run, column in zip(runs, columns, strict=True)
        ]
    reasons = boundary_reasons(bounds)
    style = detect_short_line_style(reasons, style)
    indent_page = is_indent_page(reasons)
    # Pages where blank lines do not set headings apart from the text around them.
    unspaced = indent_page or not style.blank_separated
    if unspaced:
        bounds = [
            set_apart_boundaries(run, column, run_bounds, style, indent_page)
            for run, column, run_bounds in zip(runs, columns, bounds, strict=True)
        ]
    changes: list[Change] = []
    widest = max(columns, default=math.inf)
    # Each pending entry: (lines, kind-or-None for paragraphs, signals).
    pending: list[tuple[list[Line], BlockKind | None, tuple[str, ...]]] = []
    prev_run: Run | None = None
    prev_column = style.column
    for r, (run, column, run_bounds, heading) in enumerate(
        zip(runs, columns, bounds, headings, strict=True)
    ):
        if heading:
            pending.append((run.lines, BlockKind.HEADLINE, ("heading run",)))
            prev_run, prev_column = run, column
            continue
        # The length is asked here too: most runs are shorter, and a call costs each.
        if len(run.lines) > MAX_HEADING_LINES and is_row_run(
            run, widest, style, runs[r + 1] if r + 1 < len(runs) else None
        ):
            # A block of its own per row; nothing heals into a row or out of one.
            for k, line in enumerate(run.lines):
                if k:
                    before = seam(run.lines[k - 1].text, line.text)
                    changes.append(make_change(STEP, line.number, "kept", before, ROW_LINE))
                pending.append(([line], BlockKind.PARAGRAPH, (ROW_LINE,)))
            prev_run, prev_column = run, column
            continue
        stack = title_stack(run, column, style)
        if stack:
            pending.append((run.lines[:stack], BlockKind.HEADLINE, ("title lines above the body",)))
            run = Run(run.lines[stack:], run.gap_after)
            run_bounds = run_bounds[stack:]
        if style.short_line_paragraphs or any(run_bounds):
            segments = segment_run(run, style, run_bounds)
            if unspaced:
                segments = group_title_lines(segments, column)
        else:
            segments = [(run.lines, "blank line")]  # most runs: one paragraph, as it stands
        for k, (seg, reason) in enumerate(segments):
            if k == 0 and prev_run is not None and pending and pending[-1][1] is None:
                prev_lines = pending[-1][0]
                headed = len(pending) < 2 or pending[-2][1] is BlockKind.HEADLINE
                if should_heal(
                    prev_lines, seg, prev_run, run, prev_column, style, corpus, indent_page, headed
                ):
                    gap = "page break" if prev_run.gap_after == "page" else "blank line"
                    changes.append(
                        make_change(
                            STEP,
                            seg[0].number - 1,  # the (last) blank line that was closed
                            "healed",
                            seam(prev_lines[-1].text, seg[0].text),
                            f"{gap} after line {prev_lines[-1].number} falls inside a sentence",
                        )
                    )
                    pending[-1] = (prev_lines + seg, None, pending[-1][2] + ("healed " + gap,))
                    continue
            if reason != "blank line":
                before = seam(segments[k - 1][0][-1].text, seg[0].text) if k else ""
                changes.append(make_change(STEP, seg[0].number, "kept", before, reason))
            kind = HEADLINE_GROUP.get(reason)
            # A title of two lines or more over a dateline is a headline, set as it stands.
            if len(seg) > 1 and k + 1 < len(segments) and segments[k + 1][1] == DATELINE_OPENS:
                titled = [*seg, segments[k + 1][0][0]]
                if title_over_dateline(titled, len(seg), style, column) == 0:
                    kind = BlockKind.HEADLINE
            pending.append((seg, kind, (reason,)))
        prev_run, prev_column = run, column
    blocks = []
    for seg, kind, signals in pending:
        if kind is None:
            kind = BlockKind.PARAGRAPH if len(seg) > 1 else classify(seg, signals[0], style)
        texts = tuple(map(TEXT, seg))
        if hidden:
            # Each invisible character goes back where it was: at its line's edge.
            texts = tuple(with_hidden(ln, hidden) for ln in seg)
        blocks.append(make_block(kind, texts, seg[0].number, seg[-1].number, signals))
    return Page(tuple(blocks)), changes
