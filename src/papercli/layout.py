"""The classifier that turns column-wrapped lines into typed blocks.

Line-level signals live in `papercli.signals`, runs of lines in `papercli.runs`,
the page's columns in `papercli.columns` and its punctuation style in
`papercli.pagestyle`, where a paragraph ends inside a run in
`papercli.boundaries`, heading shape and the title lines of unspaced pages in
`papercli.titles`, tables in `papercli.rows`, and the decision to close a blank
line in `papercli.healing`, stray marks on lines of their own in `papercli.specks`;
this module combines them.
The classifier measures everything on the page itself: the column width (per run
of lines, since a page mixes widths), whether a line is full, where sentence
punctuation falls, indentation, heading shape, and, across a blank line, whether
the text on both sides reads as one sentence. Decisions look
at a bounded window around each line, so the whole pass is linear in the number
of lines.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from functools import partial

from papercli.boundaries import DATELINE_OPENS, TITLE_WITH_LABEL
from papercli.boundary_signals import title_over_dateline
from papercli.boundary_walk import run_boundaries
from papercli.bylines import is_byline, opens_dateline_on_page
from papercli.changes import BLANK_LINE, PAGE_GAP, REBUILD_STEP, Change, make_change, seam
from papercli.chars import (
    HANGUL,
    HANGUL_CHAR,
    INVISIBLE,
    keeps_word_space,
    strip_edges,
    visible_span,
)
from papercli.columns import WRAPPED_LINES, fills_column, page_columns
from papercli.healing import should_heal, tags_quote
from papercli.lists import ENUMERATOR
from papercli.measure import FULL_SLACK, Line, PageStyle
from papercli.page import BlockKind, Page, Pending, make_block
from papercli.pagestyle import measure_style
from papercli.paragraph_marks import (
    boundary_reasons,
    detect_short_line_style,
    is_indent_page,
    measure_flush_width,
    opens_paragraphs_indented,
)
from papercli.rows import (
    MIN_TABLE_ROWS,
    ROW_LINE,
    cut_deck,
    has_table_rows,
    is_row_run,
    is_table_run,
    is_text_in_rows,
    may_hold_tables,
    split_off_tables,
    text_column,
)
from papercli.runs import TEXT, TRAILING_SPACE, PageText, Run, is_unwrapped, measure_runs
from papercli.serials import (
    end_marks_to_paragraphs,
    join_chapter_titles,
    may_hold_chapters,
    may_hold_end_marks,
)
from papercli.signals import (
    BRACKET_REACH,
    CLAUSE_MARK,
    FLUSH_IN_QUOTE,
    FLUSH_SHORT_REST,
    FULL_STOP_CHARS,
    MAX_HEADING_LINES,
    NO_BLOCK_START,
    SENTENCE_END_CHARS,
    bracket_open_across,
    ends_sentence,
    flush_end_goes_on,
    goes_on_in_lower_case,
    is_heading_line,
    open_marks,
)
from papercli.specks import SPECK_BETWEEN, fold_deck_lines, fold_specks
from papercli.steps.furniture import PAGE_BREAK, lift_furniture, set_back_furniture
from papercli.title_lines import (
    HEADLINE_GROUP,
    group_title_lines,
    set_apart_boundaries,
    title_stack,
)
from papercli.titles import is_cut_title, is_title_deck

LINE_A_PARAGRAPH = "one paragraph a line: the text is not wrapped"
FLUSH_LINE_ENDS = "flush line ends a sentence after a paragraph's length"


# A flush sentence end past the page's flush width ends its paragraph unless a
# sure end follows within this share of that width (0.45 of the median
# paragraph): on the news pages measured, 36 of 346 such sentence ends were
# paragraph ends, against 552 of 914 with more text before the sure end.
# (Half the width measured +27/-2 pages on the re-sets, the whole width
# +27/-24; this share +20/-6 on top of half.)
REST_SHARE = 0.75


def ends_soon(
    lines: Sequence[Line], i: int, bounds: Sequence[str | None], style: PageStyle
) -> bool:
    """Does a sure paragraph end (a boundary after a sentence end, or the run's
    last line stopping short on one) come within REST_SHARE of the page's flush
    width after `lines[i]`, two lines or more of clauses later: the tail of the
    paragraph `lines[i]` is in, not a paragraph of its own? The sum stops at the
    width, so a long run costs no more than a short paragraph."""
    width, limit = 0.0, REST_SHARE * style.flush_width
    last = len(lines) - 1
    for j in range(i + 1, len(lines)):
        width += lines[j].width
        if width >= limit:
            return False
        if (j < len(bounds) and bounds[j] is not None) or (
            j == last and lines[j].span < style.column - FULL_SLACK
        ):
            # (a paragraph's tail; a title or a byline there is a block of its own)
            return j > i + 1 and ends_sentence(lines[j].text, style) and in_clauses(lines, i, j)
    return False


def in_clauses(lines: Sequence[Line], i: int, j: int) -> bool:
    """Do lines i+1 to j hold a clause mark, as a paragraph's tail of two lines
    or more does (a title and a caption hold none)?"""
    return any(CLAUSE_MARK.search(line.text) for line in lines[i + 1 : j + 1])


def segment_run(
    run: Run,
    style: PageStyle,
    bounds: Sequence[str | None],
    changes: list[Change] | None = None,
) -> list[tuple[list[Line], str]]:
    """Cut a run into paragraphs at `bounds` (see `run_boundaries`); each
    paragraph comes with the reason that opened it. On a short-line page a
    flush sentence end the paragraph goes on past is recorded in `changes`
    (the uncertain joins, which `--explain` shows with their reason)."""
    lines = run.lines
    # Most runs are one paragraph: no boundary, and no flush-line rule to apply.
    if not style.short_line_paragraphs and not any(bounds):
        return [(lines[:], BLANK_LINE)]
    out: list[tuple[list[Line], str]] = []
    current = [lines[0]]
    reason = BLANK_LINE
    # Quotes and brackets open after the first `counted` lines of `current`:
    # counted only where the flush rule asks, each line once.
    depth = counted = 0
    flush_stops = FULL_STOP_CHARS if style.old_style else SENTENCE_END_CHARS
    for i in range(len(lines) - 1):
        why = bounds[i]
        if (
            why is None
            and style.short_line_paragraphs
            # On an old-style page `、` ends clauses as often as sentences: a
            # line flush on one ends no paragraph, only a full stop may.
            and ends_sentence(lines[i].text, style, flush_stops)
            and lines[i + 1].indent < 1
            and not tags_quote(lines[i].text, lines[i + 1].text)
            and not goes_on_in_lower_case(lines[i + 1].text)
            # A semicolon ends a list item, and the next item opens on its number.
            and (lines[i].text[-1] not in "；;" or ENUMERATOR.match(lines[i + 1].text))
        ):
            goes_on = flush_end_goes_on(current, lines[i + 1].text, style)
            if goes_on is None and style.flush_width and ends_soon(lines, i, bounds, style):
                goes_on = FLUSH_SHORT_REST
            if goes_on is None:
                # A paragraph never ends inside a quotation it opened.
                for line in current[counted:]:
                    depth = open_marks(line.text, depth)
                counted = len(current)
                goes_on = FLUSH_IN_QUOTE if depth else None
            if goes_on is None:
                why = FLUSH_LINE_ENDS
            elif changes is not None:
                at = lines[i + 1].number
                before = seam(lines[i].text, lines[i + 1].text)
                changes.append(make_change(REBUILD_STEP, at, "joined", before, goes_on))
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


BRACKET_OPEN = "a full-width bracket opened above closes in this line's block"


def bracket_carries(block: Sequence[Line], seg: Sequence[Line]) -> bool:
    """Does a full-width bracket left open at the block's end (on its last line
    or the one above) close in the segment's first lines? Brackets do not span
    paragraphs (`signals.bracket_open_across`); `boundaries` asks so inside a
    run, this across the gap a heal closed."""
    return bracket_open_across(
        block[-2].text if len(block) >= 2 else None,
        block[-1].text,
        [ln.text for ln in seg[:BRACKET_REACH]],
    )


def classify(lines: list[Line], reason: str, style: PageStyle) -> BlockKind:
    if len(lines) > 1:
        return BlockKind.PARAGRAPH
    text = lines[0].text
    if is_byline(text):
        return BlockKind.BYLINE
    if opens_dateline_on_page(text, style.paper_datelines):
        return BlockKind.DATELINE
    if is_heading_line(lines[0]):
        return BlockKind.SUBHEAD
    return BlockKind.PARAGRAPH


def heads_text(pending: Sequence[Pending], style: PageStyle) -> bool:
    """Is the block before the last one a title (a headline, or a lone line of
    heading shape), or a byline or dateline line right under one, or is there none: the last
    block is then where the body starts (see `should_heal`'s `headed`)."""
    k = len(pending) - 2
    if k >= 0 and _lone_kind(pending[k], style) in (BlockKind.BYLINE, BlockKind.DATELINE):
        k -= 1
    if k < 0:
        return True
    kind = pending[k][1]
    return kind is BlockKind.HEADLINE or _lone_kind(pending[k], style) is BlockKind.SUBHEAD


def _lone_kind(entry: Pending, style: PageStyle) -> BlockKind | None:
    """The kind `classify` gives a pending block of one line not yet typed."""
    lines, kind, signals = entry
    if kind is not None or len(lines) != 1:
        return None
    return classify(lines, signals[0], style)


# Characters that print nothing (`chars.INVISIBLE`): at a line's edge they hide
# its last mark or its indent from every signal, so the lines are measured
# without them.
HAS_INVISIBLE = re.compile(f"[{INVISIBLE}]")
# Either of them or a Hangul character (see `rebuild_paragraphs`).
INVISIBLE_OR_HANGUL = re.compile(f"[{HANGUL}{INVISIBLE}]")
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


def fold_deck_specks(pending: list[Pending], changes: list[Change]) -> list[Pending]:
    """Each speck kept as a line inside a headline put at the end of the line
    above it (`specks.fold_deck_lines`); other blocks as they are."""
    return [
        (fold_deck_lines(lines, changes), kind, signals)
        if kind is BlockKind.HEADLINE
        else (lines, kind, signals)
        for lines, kind, signals in pending
    ]


def with_hidden(line: Line, hidden: dict[int, str]) -> str:
    """A line's text as its block shows it (see `hide_invisible_edges`)."""
    return hidden.get(line.number, line.text)


def with_word_spaces(seg: Sequence[Line], texts: tuple[str, ...]) -> tuple[str, ...]:
    """The block's lines, each followed by a space where the source set one at the
    break after it and it is a Korean word space (`chars.keeps_word_space`): at
    the line's end (unless every line of the block ends so: an extraction padded
    them), or as the next line's indent of less than an em (more opens a
    paragraph)."""
    out = list(texts)
    padded = all(map(TRAILING_SPACE, seg))
    for k in range(len(seg) - 1):
        if (
            (seg[k].trailing_space and not padded) or 0 < seg[k + 1].indent < 1
        ) and keeps_word_space(texts[k], texts[k + 1]):
            out[k] += " "
    return tuple(out)


def rebuild_paragraphs(
    lines: list[str], numbers: list[int], joined: str | None = None
) -> tuple[Page, list[Change]]:
    """Classify raw lines into blocks, healing blank lines that fall inside sentences.
    `joined` is the lines joined by newlines, where the caller has it already.

    Running heads and folios at a page break are lifted out first, so that a
    paragraph the page break split heals across them; each is set back as a block
    of its own after that paragraph (see `set_back_furniture`). `--furniture`
    drops them before this step instead."""
    lifted: list[tuple[int, str]] = []
    if PAGE_BREAK in lines:  # a list lookup in C: most pages have none
        lines, lifted = lift_furniture(lines, numbers)
    changes: list[Change] = []
    # One search of the page: most have no speck. (The page is joined once per
    # unit: `measure_runs` and `GridCuts` read the same text.)
    page = joined if joined is not None and not lifted else "\n".join(lines)
    specks = SPECK_BETWEEN.search(page) is not None
    if specks:
        lines, numbers = fold_specks(lines, numbers, changes)
    # One search of the page for the two rare classes (`re` tests a class at every
    # character): most pages have no invisible character at all, and no Hangul.
    # (Folding a speck moves a mark: the page holds the same other characters.)
    rare = INVISIBLE_OR_HANGUL.search(page) is not None
    hidden: dict[int, str] = {}
    invisible = rare and HAS_INVISIBLE.search(page) is not None
    if invisible:
        lines = list(lines)
        hidden = {numbers[i]: text for i, text in hide_invisible_edges(lines).items()}
    # (`page` is still the lines' text unless a speck was folded or an edge hidden.)
    same = not (specks or invisible)
    runs, corpus, spans, trailing, _, deepest, one_em = measure_runs(
        lines, numbers, page if same else None
    )
    style = measure_style(runs, corpus, spans, trailing, deepest, one_em)
    # After the page style is measured on the runs as the page sets them.
    tables = may_hold_tables(corpus)
    if tables:
        runs = split_off_tables(runs, style.column)
    columns, headings = page_columns(runs, corpus, style.unpunctuated, tables)
    bounds: list[list[str | None]]
    if is_unwrapped(runs, spans, style):
        bounds = [[LINE_A_PARAGRAPH] * (len(run.lines) - 1) for run in runs]
    else:
        bounds = [
            run_boundaries(run, style, column) for run, column in zip(runs, columns, strict=True)
        ]
    reasons = boundary_reasons(bounds)
    style = detect_short_line_style(reasons, style)
    if style.short_line_paragraphs:
        style = measure_flush_width(style, runs, bounds)
    indent_page = is_indent_page(reasons)
    # Healing asks whether paragraphs open indented (the runs' first lines count
    # too), for a gap inside a paragraph that opened indented itself: a page may
    # set one article indented and the next blank-separated.
    paragraphs_indented = opens_paragraphs_indented(runs, reasons)
    # Pages where blank lines do not set headings apart from the text around them.
    unspaced = indent_page or not style.blank_separated
    if unspaced:
        bounds = [
            set_apart_boundaries(run, column, run_bounds, style, indent_page)
            for run, column, run_bounds in zip(runs, columns, bounds, strict=True)
        ]
    widest = max(columns, default=math.inf)
    if tables:
        widest = text_column(runs, widest)
    # Each pending entry: (lines, kind-or-None for paragraphs, signals).
    pending: list[Pending] = []
    page_text = PageText(runs)  # read near a gap that may close a pull quote
    prev_run: Run | None = None
    prev_column = style.column
    for r, (run, column, run_bounds, heading) in enumerate(
        zip(runs, columns, bounds, headings, strict=True)
    ):
        # A table's rows first: a small one's may be no more than a title holds.
        table = tables and is_table_run(run, widest)
        if heading and not table and not (tables and is_text_in_rows(run, widest)):
            pending.append((run.lines, BlockKind.HEADLINE, ("heading run",)))
            prev_run, prev_column = run, column
            continue
        # The length is asked here too: most runs are shorter, and a call costs each.
        if table or (
            len(run.lines) > MAX_HEADING_LINES
            and is_row_run(run, widest, style, runs[r + 1] if r + 1 < len(runs) else None)
        ):
            # A block of its own per row; nothing heals into a row or out of one.
            for k, line in enumerate(run.lines):
                if k:
                    before = seam(run.lines[k - 1].text, line.text)
                    changes.append(make_change(REBUILD_STEP, line.number, "kept", before, ROW_LINE))
                pending.append(([line], BlockKind.PARAGRAPH, (ROW_LINE,)))
            prev_run, prev_column = run, column
            continue
        # A title or note set on one line and cut by the column (`page_columns`
        # reads it as wrapped text) is one block: no title line over it, no
        # paragraph end inside it.
        if is_cut_title(run.lines, column, corpus):
            stack = 0
            run_bounds = [None] * len(run_bounds)
        else:
            # (A stack needs three lines: most runs asked have fewer, told without the call.)
            stack = title_stack(run, column, style) if len(run.lines) >= 3 else 0
        if stack:
            pending.append((run.lines[:stack], BlockKind.HEADLINE, ("title lines above the body",)))
            run = Run(run.lines[stack:], run.gap_after)
            run_bounds = run_bounds[stack:]
        if style.short_line_paragraphs or any(run_bounds):
            segments = segment_run(run, style, run_bounds, changes)
            if unspaced:
                segments = group_title_lines(segments, column)
        else:
            segments = [(run.lines, BLANK_LINE)]  # most runs: one paragraph, as it stands
        healed = False
        for k, (seg, reason) in enumerate(segments):
            if k == 0 and prev_run is not None and pending and pending[-1][1] is None:
                prev_lines = pending[-1][0]
                # Asked only where `should_heal` may read it: a lone line with
                # a clause mark in its run (most lone lines are titles, with none).
                headed = (
                    len(prev_run.lines) == 1
                    and CLAUSE_MARK.search(prev_lines[-1].text) is not None
                    and heads_text(pending, style)
                )
                indented = paragraphs_indented and prev_lines[0].indent >= 1
                why_kept: list[str] = []
                if should_heal(
                    prev_lines,
                    seg,
                    prev_run,
                    run,
                    prev_column,
                    style,
                    corpus,
                    indented,
                    headed,
                    partial(page_text.around, r),
                    why_kept,
                ):
                    gap = PAGE_GAP if prev_run.gap_after == "page" else BLANK_LINE
                    changes.append(
                        make_change(
                            REBUILD_STEP,
                            seg[0].number - 1,  # the (last) blank line that was closed
                            "healed",
                            seam(prev_lines[-1].text, seg[0].text),
                            f"{gap} after line {prev_lines[-1].number} falls inside a sentence",
                        )
                    )
                    pending[-1] = (prev_lines + seg, None, pending[-1][2] + ("healed " + gap,))
                    healed = True
                    continue
                for why in why_kept:
                    before = seam(prev_lines[-1].text, seg[0].text)
                    changes.append(make_change(REBUILD_STEP, seg[0].number, "kept", before, why))
            if k == 1 and healed and bracket_carries(pending[-1][0], seg):
                # The bracket a healed gap closed over opens a block that its
                # boundary (a byline's line) must not cut before it closes.
                before = seam(pending[-1][0][-1].text, seg[0].text)
                carried = make_change(REBUILD_STEP, seg[0].number, "joined", before, BRACKET_OPEN)
                changes.append(carried)
                pending[-1] = (pending[-1][0] + seg, None, pending[-1][2])
                continue
            # A line taken for a title closing on its label because it opened its
            # run (`建设路（中山路至解放路段）`) runs on from the text above once the
            # blank line over it heals: no title, so the text under it goes on.
            if k == 1 and healed and reason == TITLE_WITH_LABEL and len(segments[0][0]) == 1:
                pending[-1] = (pending[-1][0] + seg, None, pending[-1][2])
                continue
            if reason != BLANK_LINE:
                before = seam(segments[k - 1][0][-1].text, seg[0].text) if k else ""
                changes.append(make_change(REBUILD_STEP, seg[0].number, "kept", before, reason))
            kind = HEADLINE_GROUP.get(reason)
            # A title of two lines or more over a dateline is a headline, set as it stands.
            if len(seg) > 1 and k + 1 < len(segments) and segments[k + 1][1] == DATELINE_OPENS:
                titled = [*seg, segments[k + 1][0][0]]
                if title_over_dateline(titled, len(seg), style, column) == 0:
                    kind = BlockKind.HEADLINE
            # On a page that sets no marks, lines that fill the column over the
            # last (`fills_column`) are text the column wrapped, however short:
            # `roles.page_roles` reads them as no title. (A title cut by the
            # column fills it too, but most such runs are the page's text.)
            if kind is None and style.unpunctuated and len(seg) > 1 and fills_column(seg, column):
                pending.append((seg, kind, (reason, WRAPPED_LINES)))
            else:
                pending.append((seg, kind, (reason,)))
        prev_run, prev_column = run, column
    blocks = []
    # Korean sets spaces between its words: one the text holds at a line's edge
    # goes with the line, for the join to keep (`chars.keeps_word_space`).
    korean = rare and HANGUL_CHAR.search(corpus) is not None
    # (A line whose edges hid a character is set back from its number: left be.)
    if specks and not hidden:
        pending = fold_deck_specks(pending, changes)
    if not hidden and may_hold_end_marks(corpus):
        pending = end_marks_to_paragraphs(pending, lines, numbers, changes)
    if not hidden and may_hold_chapters(corpus):
        pending = join_chapter_titles(pending, lines, numbers, changes)
    if tables:
        pending = rows_out_of_decks(pending)
    for seg, kind, signals in pending:
        if kind is None:
            kind = BlockKind.PARAGRAPH if len(seg) > 1 else classify(seg, signals[0], style)
        texts = tuple(map(TEXT, seg))
        if hidden:
            # Each invisible character goes back where it was: at its line's edge.
            texts = tuple(with_hidden(ln, hidden) for ln in seg)
        if korean and kind is BlockKind.PARAGRAPH and len(seg) > 1:
            texts = with_word_spaces(seg, texts)
        blocks.append(make_block(kind, texts, seg[0].number, seg[-1].number, signals))
    if lifted:
        blocks = set_back_furniture(blocks, lifted, changes)
    return Page(tuple(blocks)), changes


def rows_out_of_decks(pending: list[Pending]) -> list[Pending]:
    """Each headline whose lines are a table's rows (`has_table_rows`: a head
    and two rows or more) set as rows, a block each, and a stretch of rows
    inside a headline (`cut_deck`) cut out of it so. A deck kept as it stands
    is a run of its own on the cleaned page, where those lines read as a table
    (the text around them that made them a deck is a block apart): set as rows
    now, a second clean changes nothing."""
    out: list[Pending] = []
    for entry in pending:
        lines, kind, signals = entry
        if kind is not BlockKind.HEADLINE or len(lines) < MIN_TABLE_ROWS:
            out.append(entry)
        elif has_table_rows(Run(lines)):
            out += [([line], BlockKind.PARAGRAPH, (ROW_LINE,)) for line in lines]
        else:
            for piece, rows in cut_deck(lines):
                if rows:
                    out += [([line], BlockKind.PARAGRAPH, (ROW_LINE,)) for line in piece]
                else:
                    # What is left reads on its own on the cleaned page: a deck
                    # only if it is one by itself (`is_title_deck`), else text.
                    rest = list(piece)
                    deck = len(rest) == 1 or is_title_deck(rest)
                    out.append((rest, kind if deck else None, signals))
    return out
