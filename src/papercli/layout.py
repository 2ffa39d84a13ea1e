"""The classifier that turns column-wrapped lines into typed blocks.

Line-level signals live in `papercli.signals`; this module combines them. The
classifier measures everything on the page itself: the column width (per
run of lines, since a page mixes widths), whether a line is full, where sentence
punctuation falls, indentation, heading shape, and, across a blank line, whether
the text on both sides reads as one sentence. Decisions look at a bounded window
around each line, so the whole pass is linear in the number of lines.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import chain, compress, count, repeat
from operator import attrgetter, ne, sub

from papercli.changes import Change, seam
from papercli.chars import INDENT_SPACE
from papercli.page import BlockKind, Page, make_block
from papercli.signals import (
    BYLINE_LINE,
    CLAUSE_END_CHARS,
    CLOSER_CHARS,
    CREDIT_LINE,
    DATELINE_START,
    FULL_SLACK,
    MAX_HEADING_LINES,
    NAMED_BYLINE,
    OPENER_CHARS,
    PUNCT_CHARS,
    STOP_CHARS,
    STOP_MARK,
    Line,
    PageStyle,
    ends_dangling,
    ends_sentence,
    first_token_width,
    has_room_for,
    is_heading_line,
    is_prose_line,
    leaves_open,
    measure_lines,
    reads_on,
)

STEP = "rebuild_paragraphs"
# Boundary reasons the page's paragraph style is counted from.
NEXT_LINE_INDENTED = "next line indented"
SHORT_LINE_ENDS_SENTENCE = "short line ends a sentence"
LINE_WELL_SHORT = "line well short of its column"
BYLINE_OWN_LINE = "byline on its own line"
# How many Han widths short of its column a line with clause marks must stop
# to end its block: a unit of slack is justification, a second is deliberate.
WELL_SHORT = 2.0
# A block's first line may have lost a two-em indent and open on a run-in
# subhead set in a wider face (four widths short on the seed page): it must stop
# shorter than that.
FIRST_LINE_SHORT = 5.0
# A line cut after a comma or an opening bracket is inside a sentence, however
# short it is.
CONTINUING_CLAUSE_CHARS = frozenset("，,") | OPENER_CHARS
STRIP_CHARS = INDENT_SPACE + "\r\n\f\v"
# Field getters for `map` over lines: the loop stays in C.
TEXT = attrgetter("text")
SPAN = attrgetter("span")
TRAILING_SPACE = attrgetter("trailing_space")
LINES = attrgetter("lines")
# Marks that end a sentence; `、` joins them on pages in the old style (see PageStyle).
@dataclass
class Run:
    """Consecutive non-blank lines; `gap_after` says what separated it from the next run."""

    lines: list[Line]
    gap_after: str = "blank"  # "blank" or "page" (a form feed)


def split_runs(lines: Sequence[str], numbers: Sequence[int]) -> list[Run]:
    """Runs of non-blank lines, measured in bulk (see `signals.measure_lines`)."""
    return measure_runs(lines, numbers)[0]


def measure_runs(lines: Sequence[str], numbers: Sequence[int]) -> tuple[list[Run], str]:
    """`split_runs`, and the page corpus: the runs' lines joined by newlines."""
    raws = lines
    # A form feed is a page break: it takes no width, and the gap it falls in (or
    # the first line of the next run that carries it) is a page gap. One search of
    # the joined lines is cheaper than a test per line, and most pages have none.
    feeds: list[int] = []
    if "\f" in "".join(lines):
        raws = list(lines)
        feeds = list(compress(range(len(raws)), map(str.__contains__, raws, repeat("\f"))))
        for i in feeds:
            raws[i] = raws[i].replace("\f", "")
    nonblank = list(map(str.strip, raws, repeat(STRIP_CHARS)))
    keep = list(compress(range(len(raws)), nonblank))
    if not keep:
        return [], ""
    texts = list(compress(nonblank, nonblank))
    corpus = "\n".join(texts)
    measured = measure_lines(
        list(compress(raws, nonblank)), list(compress(numbers, nonblank)), texts, corpus
    )
    # A run ends where the next kept line is not the one right after it.
    steps = map(sub, keep[1:], keep)
    ends = [*compress(count(1), map(ne, steps, repeat(1))), len(keep)]
    runs: list[Run] = []
    start = 0
    for end in ends:
        runs.append(Run(measured[start:end]))
        start = end
    if feeds:
        for k in range(1, len(runs)):
            # Form feeds after the previous run's last line, up to this run's first.
            lo, hi = keep[ends[k - 1] - 1], keep[ends[k - 1]]
            if bisect_right(feeds, hi) > bisect_right(feeds, lo):
                runs[k - 1].gap_after = "page"
    return runs, corpus


def measure_style(runs: Sequence[Run], corpus: str | None = None) -> PageStyle:
    """The page's typical width and punctuation style; `corpus` is the page's
    lines joined by newlines, when the caller already has it."""
    if corpus is None:
        corpus = "\n".join(ln.text for run in runs for ln in run.lines)
    # Each distinct span is rounded once: a page has a few dozen, and thousands of lines.
    spans = Counter(map(SPAN, chain.from_iterable(map(LINES, runs))))
    widths: Counter[int] = Counter()
    for span, n in spans.items():
        if span >= 4.0:
            widths[round(span)] += n
    column = float(max(widths.items(), key=lambda kv: (kv[1], kv[0]))[0]) if widths else 0.0
    lines = sum(map(len, map(LINES, runs)))
    trailing = sum(map(TRAILING_SPACE, chain.from_iterable(map(LINES, runs))))
    return PageStyle(
        column=column,
        old_style=corpus.count("。") * 3 < corpus.count("、"),
        blank_separated=lines <= SOLID_RUN_LINES * max(1, len(runs)),
        trailing_space_marks=trailing <= lines * TRAILING_SPACE_SHARE,
    )


MARK_OR_CLOSER = PUNCT_CHARS | CLOSER_CHARS
# A trailing space is a sign only while at most this share of lines have one.
TRAILING_SPACE_SHARE = 0.2
# Runs this long on average are no paragraphs: the page is set solid, with blank
# lines (if any) only at column or page breaks.
SOLID_RUN_LINES = 20


def is_wrapped_prose(lines: Sequence[Line], column: float, corpus: str | None = None) -> bool:
    """A run whose lines (all but the last) fill the column evenly and which has
    clause marks inside is a paragraph wrapped by the column (a lead or summary
    without a final full stop), not a stack of title lines. Two lines are too few
    to show evenness: given the page's `corpus`, they must also read on across the
    break (a word cut in two), as a title and its subtitle do not."""
    body = lines[:-1]
    if not any(ch in CLAUSE_END_CHARS for ln in body for ch in ln.text):
        return False
    # Phrases set apart by a wide gap (`十八载   风劲`) are a title's, not running text.
    if any("  " in ln.text or "\u3000" in ln.text for ln in body):
        return False
    spans = [ln.span for ln in lines[:-1]]
    if max(spans) - min(spans) > FULL_SLACK:
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


def has_heading_shape(lines: Sequence[Line]) -> bool:
    """The column-free part of `is_heading_run`: two to five title-like lines."""
    if not 2 <= len(lines) <= MAX_HEADING_LINES:
        return False
    # The cheapest decisive test first: a paragraph's last line ends on a mark.
    if not is_heading_line(lines[-1]):
        return False
    if any(DATELINE_START.match(ln.text) for ln in lines):
        return False
    # A quote or bracket left open across lines is a wrapped sentence, not a title deck.
    if any(leaves_open(ln.text) for ln in lines):
        return False
    # A title may ask or exclaim (`谁来守护老街的记忆？`) over a subtitle; the
    # last line must still be heading-shaped, as running text would end on a mark.
    return all(
        is_heading_line(ln) or (ln.text[-1] in "？！?!" and "，" not in ln.text)
        for ln in lines[:-1]
    )


def is_heading_run(run: Run, column: float, corpus: str | None = None) -> bool:
    """A headline block that keeps its lines: heading-shaped, not running text cut
    out by column breaks, and not a lead paragraph wrapped evenly at the column."""
    lines = run.lines
    return (
        has_heading_shape(lines)
        and not is_even_fragment(lines)
        and not is_wrapped_prose(lines, column, corpus)
    )


def run_columns(runs: Sequence[Run], headings: Sequence[bool] | None = None) -> list[float]:
    """The column width of each run: its own median line width when it has enough
    lines of running text to tell, else that of the nearest run that has (the next
    one first: a heading or a sentence fragment shares the column of the text that
    follows). Runs flagged in `headings` never measure. A page with no measuring
    run at all — text already cleaned, one paragraph a line — shows no column and
    gets `inf`: no line on it is full."""
    own: list[float | None] = []
    wrapped: list[float] = []  # lines that wrapped onto another line of running text
    for k, run in enumerate(runs):
        # Title lines stacked on an indented first line (no mark in them) are no
        # measure of the column: they would pull a short run's median down.
        lines = run.lines
        # The first line with a stop or clause mark: none at all is no running text.
        top = next(compress(count(), map(STOP_MARK.search, map(TEXT, lines))), len(lines))
        if 0 < top < len(lines) and lines[top].indent >= 1:
            lines = lines[top:]
        if len(lines) < 2 or top == len(run.lines) or (headings is not None and headings[k]):
            own.append(None)
            continue
        spans = list(map(SPAN, lines))
        wrapped.extend(spans[:-1])
        if len(spans) >= 3:
            spans.sort()
            own.append(spans[len(spans) // 2])
        else:
            own.append(None)
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


def is_even_fragment(lines: Sequence[Line]) -> bool:
    """Lines of one width with a clause mark inside: running text cut out of its
    paragraph by column breaks, whatever its ends look like. Decided without a
    column, so a title deck is judged the same before and after cleaning."""
    if len(lines) < 2 or not any(ch in CLAUSE_END_CHARS for ln in lines for ch in ln.text):
        return False
    spans = [ln.span for ln in lines]
    return max(spans) - min(spans) <= FULL_SLACK


def opens_paragraph_at_foot(lines: Sequence[Line], column: float) -> bool:
    """Title lines over a paragraph's indented first line, cut from the rest of it
    by a column break: an indented line that fills the column with a clause in it
    starts running text, whatever stands above it."""
    last = lines[-1]
    return (
        len(lines) >= 2
        and last.indent >= 1
        and last.span >= column - FULL_SLACK
        and any(ch in CLAUSE_END_CHARS for ch in last.text)
    )


def page_columns(
    runs: Sequence[Run], corpus: str | None = None
) -> tuple[list[float], list[bool]]:
    """Columns and heading runs, decided together. Title-shaped runs never measure
    the column; the rest of the page decides which of them are really leads
    wrapped at the column; then the columns are measured without the headings.
    A cleaned page is made of one-line paragraphs and the headings kept, so it
    shows no column, every heading stays one, and a second clean changes nothing."""
    titled = [has_heading_shape(run.lines) and not is_even_fragment(run.lines) for run in runs]
    first = run_columns(runs, titled)
    prose = [
        title and is_wrapped_prose(run.lines, column, corpus)
        for run, column, title in zip(runs, first, titled, strict=True)
    ]
    # Title lines over a paragraph's first line are no heading, but they do not
    # measure the column either.
    headings = [
        title and not wrapped and not opens_paragraph_at_foot(run.lines, column)
        for run, column, title, wrapped in zip(runs, first, titled, prose, strict=True)
    ]
    if not any(prose):
        return first, headings
    measured = [title and not wrapped for title, wrapped in zip(titled, prose, strict=True)]
    return run_columns(runs, measured), headings


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
    regions: list[ColumnRegion] = []
    for run, column in zip(runs, page_columns(runs)[0], strict=True):
        if column == math.inf:
            continue
        width = round(column)
        first, last = run.lines[0].number, run.lines[-1].number
        # One unit either way is justification wobble, not a new column.
        if regions and abs(regions[-1].width - width) <= 1:
            prev = regions[-1]
            wider = prev.width if prev.lines >= len(run.lines) else width
            regions[-1] = ColumnRegion(wider, prev.first_line, last, prev.lines + len(run.lines))
        else:
            regions.append(ColumnRegion(width, first, last, len(run.lines)))
    return tuple(regions)


def local_column(lines: Sequence[Line], i: int, fallback: float) -> float:
    """The column width around line i, from its neighbours in the run; runs too
    short to tell use `fallback` (the run's column, see `run_columns`)."""
    if len(lines) < 3:
        return fallback
    lo, hi = max(0, i - 3), min(len(lines), i + 4)
    spans: list[float] = sorted(map(SPAN, lines[lo:hi]))
    # The upper median ignores a short paragraph end and an over-long line
    # (hanging punctuation) alike, and follows a column that narrows around a picture.
    local = spans[len(spans) // 2]
    if local >= fallback - 0.5:
        return local
    # A column that narrowed sets several lines to one width; headings, bylines
    # and paragraph ends between them are short to different lengths.
    alike = sum(1 for s in spans if abs(s - local) <= 0.5)
    return local if alike >= 3 else fallback


def boundary_after(
    lines: Sequence[Line], i: int, style: PageStyle, run_column: float
) -> str | None:
    """Why a paragraph ends after lines[i] inside a run, or None to join."""
    line, nxt = lines[i], lines[i + 1]
    # A line ending on a preposition or conjunction runs on (as across a blank
    # line: see `should_heal`), unless a dateline or byline follows.
    if ends_dangling(line.text) and not (
        DATELINE_START.match(nxt.text) or BYLINE_LINE.match(nxt.text)
    ):
        return None
    # Some extractions separate list items with ideographic spaces, which then
    # start lines too: an "indent" after a full line cut mid-sentence is one of those.
    if (
        nxt.indent >= 1
        and nxt.indent > line.indent - 0.5
        and (
            line.span < run_column - 0.5
            or line.text[-1] in PUNCT_CHARS
            or line.text[-1] in CLOSER_CHARS
            # A title set wider than the column, over an indented paragraph.
            or (line.span > run_column + FULL_SLACK and is_heading_line(line))
        )
    ):
        return NEXT_LINE_INDENTED
    if nxt.text[0] in "（(" and ends_sentence(line.text, style) and CREDIT_LINE.match(nxt.text):
        return "source credit on its own line"
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
        and not STOP_MARK.search(nxt.text)
        and nxt.text[0] not in "（("  # a pen name may close its paragraph: papers differ
    ):
        return "heading after a sentence end"
    # `本报记者 X` or `——编 者` never runs on from a line nor into the next one.
    if NAMED_BYLINE.match(nxt.text) and nxt.span < run_column - 2 * FULL_SLACK:
        return BYLINE_OWN_LINE
    if NAMED_BYLINE.match(line.text) and line.span < run_column - 2 * FULL_SLACK:
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
    if ends_sentence(line.text, style) and not (style.run_is_paragraph and line.text[-1] == "、"):
        return SHORT_LINE_ENDS_SENTENCE
    if not style.run_is_paragraph:
        # A short line with no stop or clause mark ends a heading or a lead line.
        if not STOP_MARK.search(line.text):
            return "short line without punctuation"
        # Wrapped prose stops well short of its column only where its block ends
        # (a title's last line, a list's lead-in); a comma or an open quote there
        # still reads on. A run's first line has no line above to tell it by; a
        # block's first line (after a short one) must stop much shorter.
        if i > 0 and line.indent < 1:
            opens_block = lines[i - 1].span < column - FULL_SLACK
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
# A bare speech tag after a closing quote (`”` then `肖立权说。`) belongs to the
# quote's paragraph: news style never opens a paragraph with one.
SPEAKER_TAG = re.compile(
    r"^(?![据據])[^，。！？“”「」\s]{1,12}(?:说|說|表示|介绍|介紹|指出|说道|說道)[。，：]"
)


def tags_quote(text: str, next_text: str) -> bool:
    """Does `next_text` open with the speech tag of a quote `text` closes?"""
    return text[-1] in "”」』’" and SPEAKER_TAG.match(next_text) is not None

SHORT_LINE_STYLE_MIN = 5


def run_boundaries(run: Run, style: PageStyle, column: float) -> list[str | None]:
    """`boundary_after` for every line of a run but the last."""
    lines = run.lines
    if column == math.inf:
        # No column on the page: measure the run against its own widest line.
        column = max(ln.span for ln in lines)
    # The common case decided inline: a full line, not a bracketed credit itself,
    # followed by one that is neither indented, nor a bracketed credit, nor a
    # short named byline.
    limit = column - 0.5
    short = column - 2 * FULL_SLACK
    out: list[str | None] = []
    for i in range(len(lines) - 1):
        nxt = lines[i + 1]
        if (
            lines[i].span >= limit
            and lines[i].text[0] not in "（("
            and nxt.indent < 1
            and nxt.text[0] not in "（("
            and (nxt.span >= short or not NAMED_BYLINE.match(nxt.text))
        ):
            out.append(None)
        else:
            out.append(boundary_after(lines, i, style, column))
    return out


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
    for i in range(len(lines) - 1):
        why = bounds[i]
        if (
            why is None
            and style.short_line_paragraphs
            and len(current) >= FLUSH_PARAGRAPH_LINES
            and ends_sentence(lines[i].text, style)
            and lines[i + 1].indent < 1
            and not tags_quote(lines[i].text, lines[i + 1].text)
        ):
            why = "flush line ends a sentence after a paragraph's length"
        # A stop or clause mark never starts a block's line (kinsoku): the line
        # before ran out of room, whatever any rule made of it.
        if why and lines[i + 1].text[0] not in STOP_CHARS:
            out.append((current, reason))
            current = []
            reason = why
        current.append(lines[i + 1])
    out.append((current, reason))
    return out


def should_heal(
    prev: list[Line],
    nxt: list[Line],
    prev_run: Run,
    next_run: Run,
    prev_column: float,
    style: PageStyle,
    corpus: str,
    indented: bool = False,
) -> bool:
    """Does a blank line (or page break) fall inside a sentence, or, on a page
    that indents its paragraphs (`indented`), inside a paragraph?

    Heal only when the line before the gap is full (the column ran out, not the
    paragraph) and does not end a sentence, and what follows is body text. Where
    indents mark the paragraphs, a full line before the gap and unindented running
    text after it are one paragraph, whatever the line ends with.
    """
    last, first = prev[-1], nxt[0]
    if (
        indented
        and first.indent < 1
        # Lone lines between blank lines are decks and captions, not a column's text.
        and len(prev_run.lines) >= 2
        and len(next_run.lines) >= 2
        and last.span >= prev_column - FULL_SLACK
        and first.span >= prev_column - FULL_SLACK
        and STOP_MARK.search(first.text)
        and not (DATELINE_START.match(first.text) or BYLINE_LINE.match(first.text))
    ):
        return True
    # A line ending on a preposition or conjunction (`…坚持以`) stops mid-sentence
    # whatever its width or the indent after it. Only where the page shows its
    # column: a cleaned page (one line a block, no column) is never healed, so a
    # second clean changes nothing even where dedupe left such an end.
    dangling = ends_dangling(last.text) and (
        len(prev_run.lines) >= 2 or prev_column != math.inf
    )
    if first.indent >= 1 and not dangling:
        return False
    if ends_sentence(last.text, style):
        # A quote closing flush with the column, then its bare speech tag
        # (`…造成的。”` | blank | `汪三贵说，…`): the paragraph goes on.
        return tags_quote(last.text, first.text) and not has_room_for(last, first, prev_column)
    # A colon before a blank line announces what follows as paragraphs of its own
    # (a list, a document, a table); only quoted speech runs on after one.
    if last.text[-1] in "：:" and first.text[0] not in "“「『‘\"'":
        return False
    # A narrow column may wrap the dateline itself: `（香港廿二日美聯` + `電）…`.
    opening = first.text + nxt[1].text[:12] if len(nxt) > 1 else first.text
    if DATELINE_START.match(opening) or BYLINE_LINE.match(first.text):
        return False
    if BYLINE_LINE.match(last.text):
        return False
    if dangling:
        return True
    if len(next_run.lines) == 1 and not any(ch in PUNCT_CHARS for ch in first.text):
        # What follows is a lone line with no punctuation: a subhead, not the rest of a sentence.
        return False
    if len(prev_run.lines) >= 3:
        column = local_column(prev_run.lines, len(prev_run.lines) - 1, prev_column)
    else:
        column = prev_column
    # Lines all set well wider than the column, and than the page's commonest
    # width (a short run's column may be misjudged), are a title's, set to its
    # own measure.
    widest = max(column, style.column) + 2 * FULL_SLACK
    if len(prev_run.lines) > 1 and all(ln.span > widest for ln in prev_run.lines):
        return False
    if has_room_for(last, first, column):
        # A short line may still stop mid-sentence: a paragraph of running text
        # that ends on a bare character, with the words running on across the gap.
        return (
            len(prev) >= 2
            and not style.old_style
            and last.text[-1] not in MARK_OR_CLOSER
            # The page-wide search for the character pair goes last.
            and (ends_dangling(last.text) or reads_on(last, first, corpus))
        )
    if len(prev_run.lines) == 1 and last.indent < 1:
        # A lone unindented line between blank lines is a heading unless it reads
        # as prose, the words run on, or what follows opens with a clause of one or
        # two characters (`技，…`, `出台。…`: no paragraph starts like that); one
        # set wider than the column is a heading.
        if last.span > column + FULL_SLACK:
            return False
        return (
            is_prose_line(last, style)
            or ends_dangling(last.text)
            or STOP_MARK.search(first.text, 1, 3) is not None
            or reads_on(last, first, corpus)
        )
    return True


def classify(lines: list[Line], reason: str, style: PageStyle) -> BlockKind:
    if len(lines) > 1:
        return BlockKind.PARAGRAPH
    text = lines[0].text
    if BYLINE_LINE.match(text):
        return BlockKind.BYLINE
    if DATELINE_START.match(text):
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
# How much room (in columns) a line must leave for the next line's first piece.
INDENT_PAGE_SHORT = 3.0


def is_indent_page(reasons: Counter[str | None]) -> bool:
    """Does the page mark paragraphs by indenting their first lines? Then the
    line after a paragraph's short last line is indented far more often than not
    (headings and bylines between paragraphs are the exceptions)."""
    indents = reasons[NEXT_LINE_INDENTED]
    return indents >= INDENT_PAGE_MIN and indents >= 3 * reasons[SHORT_LINE_ENDS_SENTENCE]


def set_apart_boundaries(
    run: Run,
    column: float,
    bounds: Sequence[str | None],
    style: PageStyle,
    indented: bool,
) -> list[str | None]:
    """Boundaries around headings on pages where no blank line sets them apart.

    On a page that indents its paragraphs (`indented`), an unindented line after
    a line cut short is no paragraph's continuation: a heading, byline or credit
    begins there, or ends there, whatever its punctuation. On such a page and on
    one set solid, a short line of heading shape standing alone after a sentence
    end (a boundary follows it, or the run ends) is a heading or byline, not the
    last line of a paragraph."""
    lines = run.lines
    if column == math.inf or len(lines) < 2:
        return list(bounds)
    out = list(bounds)
    # Without a sentence end to go by, the line must be clearly short: curly
    # quotes set half width make full lines vary by a character or two.
    room = min(INDENT_PAGE_SHORT, column / 6)
    limit = column - room
    short = [False] * len(lines)
    for i in range(len(lines) - 1):
        line, nxt = lines[i], lines[i + 1]
        need = line.span + first_token_width(nxt.text)
        if need > limit or ends_dangling(line.text):
            continue
        # Short against its neighbours' column as well; or two title lines in a
        # row (no stop or clause mark in either), where a stack of titles looks
        # like a narrowed column.
        short[i] = need <= local_column(lines, i, column) - room or (
            out[i] is None
            and is_heading_line(line)
            and is_heading_line(nxt)
            and not (STOP_MARK.search(line.text) or STOP_MARK.search(nxt.text))
        )
        if indented and out[i] is None and short[i]:
            out[i] = "short line before an unindented one on an indented page"
    short[-1] = lines[-1].span <= limit
    # A heading-shaped line set wider than the column (a headline across columns)
    # stands apart on both sides. Curly quotes and dashes may be set half width
    # in the body: count them so.
    spans = sorted(map(SPAN, lines))
    # Measured against the run's upper quartile too: short titles and bylines pull
    # a run's median (and a page's commonest width) down.
    wide_title = max(column, style.column, spans[(3 * len(spans)) // 4]) + INDENT_PAGE_SHORT
    for i, line in enumerate(lines):
        span = line.span - 0.5 * sum(map(line.text.count, "“”‘’—"))
        if (
            span > wide_title
            and line.indent < 1  # an indent widens a paragraph's first line
            and is_heading_line(line)
            and not DATELINE_START.match(line.text)
        ):
            if i + 1 < len(lines) and out[i] is None:
                out[i] = "title wider than the column"
            if i > 0 and out[i - 1] is None and not ends_dangling(lines[i - 1].text):
                out[i - 1] = "title wider than the column"
    if indented:
        # The unindented lines over a run's first indented paragraph are titles
        # unless they fill the column (the end of a paragraph from the page
        # before): one set wider than the column is a headline across columns.
        # Curly quotes may be set half width in the body: count them so.
        top = next((k for k, ln in enumerate(lines) if ln.indent >= 1), 0)
        for i in range(top):
            line = lines[i]
            span = line.span - 0.5 * sum(map(line.text.count, "“”‘’"))
            if out[i] is None and is_heading_line(line) and (
                (short[i] and not STOP_MARK.search(line.text)) or span > wide_title
            ):
                out[i] = "title over the first indented paragraph"
    last = len(lines) - 1
    for i in range(last):
        nxt = lines[i + 1]
        # Over an indented paragraph start, a line with no mark at all needs only
        # to fall short of the column: narrow columns leave titles little room.
        over_indent = (
            indented
            and i + 2 <= last
            and lines[i + 2].indent >= 1
            and nxt.indent < 1
            and nxt.span <= column - FULL_SLACK
            and not STOP_MARK.search(nxt.text)
        )
        if (
            out[i] is None
            and (short[i + 1] or over_indent)
            and (i + 1 == last or out[i + 1] is not None)
            and is_heading_line(nxt)
            and ends_sentence(lines[i].text, style)
        ):
            out[i] = "lone short line after a sentence end"
    return out


TITLE_LINES = "title lines set between paragraphs"
# `制图：张丹峰`, `数据来源：国家统计局`: a short label and a name, not a title.
LABELLED_CREDIT = re.compile(r"^[^：:]{1,6}[：:][^：:]{1,12}$")
HEADLINE_GROUP = {TITLE_LINES: BlockKind.HEADLINE}


def group_title_lines(
    segments: list[tuple[list[Line], str]], column: float
) -> list[tuple[list[Line], str]]:
    """Consecutive title lines set between paragraphs (on an indented or solid
    page, where no blank line sets them apart) make one headline: segments whose
    every line has heading shape and, past a single line, is short (lines of
    running text fill the column). A bracketed line under them (a pen name
    `（紛紜）`, an instalment `（三三五）`), a reporter's byline (`本报记者 X`) and a
    labelled credit (`制图：X`) stand apart, as blank lines set them apart
    elsewhere. Only a group a cleaned page would show as a headline again
    (`has_heading_shape`) is made one, so a second clean changes nothing; short
    lines closing the run head nothing (captions or credits at a foot)."""
    out: list[tuple[list[Line], str]] = []
    group: list[tuple[list[Line], str]] = []
    short = column - 2 * FULL_SLACK

    def flush(headed: bool = True) -> None:
        lines = [ln for seg, _ in group for ln in seg]
        if headed and len(lines) >= 2 and has_heading_shape(lines) and not is_even_fragment(lines):
            out.append((lines, TITLE_LINES))
        else:
            out.extend(group)
        group.clear()

    def is_title(line: Line) -> bool:
        return (
            line.indent < 1
            and is_heading_line(line)
            and not BYLINE_LINE.match(line.text)
            and not NAMED_BYLINE.match(line.text)
            and not LABELLED_CREDIT.match(line.text)
        )

    for seg, reason in segments:
        title = all(map(is_title, seg)) and (len(seg) == 1 or all(ln.span < short for ln in seg))
        if group and not title:
            flush()
        if title:
            group.append((seg, reason))
            continue
        out.append((seg, reason))
    flush(headed=False)
    return out


def title_stack(run: Run, column: float, style: PageStyle) -> int:
    """How many lines at the top of a run are a headline set directly above its
    body, with no blank line between: two or more short lines with no stop or
    clause mark and no open quote, followed by a full line of running text. Zero
    when there is no such stack (a single title line is a boundary already)."""
    lines = run.lines
    if style.old_style or column == math.inf or len(lines) < 3:
        return 0
    # Most runs open with a line of running text: no stack, and no need to sort.
    if STOP_MARK.search(lines[0].text) or STOP_MARK.search(lines[1].text):
        return 0
    # The titles and a short last line pull a short run's median down: measure the
    # body by its upper quartile instead.
    spans = sorted(ln.span for ln in lines)
    column = max(column, spans[(3 * len(spans)) // 4])
    k = 0
    limit = min(len(lines) - 1, MAX_HEADING_LINES)
    while k < limit:
        text = lines[k].text
        if (
            STOP_MARK.search(text)
            or leaves_open(text)
            or lines[k].span >= column - 2 * FULL_SLACK
            or NAMED_BYLINE.match(text)  # `本报记者 X` under the titles stands apart
        ):
            break
        k += 1
    # The body starts below the titles, or below a reporter's byline under them.
    body = k + 1 if k + 1 < len(lines) and NAMED_BYLINE.match(lines[k].text) else k
    if k < 2 or lines[body].span < column - FULL_SLACK:
        return 0
    # Lines of one width are a narrow column flowing round a picture, not titles
    # (a title and its subtitle are set to their own lengths).
    widths = [ln.span for ln in lines[:k]]
    if max(widths) - min(widths) <= FULL_SLACK:
        return 0
    # Only a stack the cleaned page shows as a headline again (no dateline in it).
    if not has_heading_shape(lines[:k]) or is_even_fragment(lines[:k]):
        return 0
    return k


def rebuild_paragraphs(lines: list[str], numbers: list[int]) -> tuple[Page, list[Change]]:
    """Classify raw lines into blocks, healing blank lines that fall inside sentences."""
    runs, corpus = measure_runs(lines, numbers)
    style = measure_style(runs, corpus)
    columns, headings = page_columns(runs, corpus)
    bounds = [run_boundaries(run, style, column) for run, column in zip(runs, columns, strict=True)]
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
    # Each pending entry: (lines, kind-or-None for paragraphs, signals).
    pending: list[tuple[list[Line], BlockKind | None, tuple[str, ...]]] = []
    prev_run: Run | None = None
    prev_column = style.column
    for run, column, run_bounds, heading in zip(runs, columns, bounds, headings, strict=True):
        if heading:
            pending.append((run.lines, BlockKind.HEADLINE, ("heading run",)))
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
                if should_heal(
                    prev_lines, seg, prev_run, run, prev_column, style, corpus, indent_page
                ):
                    gap = "page break" if prev_run.gap_after == "page" else "blank line"
                    changes.append(
                        Change(
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
                changes.append(Change(STEP, seg[0].number, "kept", before, reason))
            pending.append((seg, HEADLINE_GROUP.get(reason), (reason,)))
        prev_run, prev_column = run, column
    blocks = []
    for seg, kind, signals in pending:
        if kind is None:
            kind = BlockKind.PARAGRAPH if len(seg) > 1 else classify(seg, signals[0], style)
        blocks.append(
            make_block(kind, tuple(map(TEXT, seg)), seg[0].number, seg[-1].number, signals)
        )
    return Page(tuple(blocks)), changes
