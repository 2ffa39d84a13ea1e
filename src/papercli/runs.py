"""Runs: a page's non-blank lines, measured in bulk and grouped between blank lines.

The unit every layout decision works on. A run's lines are `measure.Line`s; a
run knows what separated it from the next (a blank line or a form feed), and a
line's local column is read off its neighbours in the run.

What an extraction did to the whole page is read here, before any line is
judged: a margin every line shares (no indent), double spacing (one blank line
is a line break), and text not wrapped at all (one paragraph a line).
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate, chain, compress, count, repeat
from operator import attrgetter, gt, sub
from typing import NamedTuple

from papercli.measure import (
    FULL_SLACK,
    PARAGRAPH_INDENT,
    PARAGRAPH_INDENT_MAX,
    Line,
    PageStyle,
    is_han,
    tally_lines,
)
from papercli.signals import ends_sentence, has_stop_mark

# Field getters for `map` over lines: the loop stays in C.
TEXT = attrgetter("text")


SPAN = attrgetter("span")


TRAILING_SPACE = attrgetter("trailing_space")
INDENT = attrgetter("indent")


LINES = attrgetter("lines")


# Marks that end a sentence; `、` joins them on pages in the old style (see PageStyle).
@dataclass
class Run:
    """Consecutive non-blank lines; `gap_after` says what separated it from the next run."""

    lines: list[Line]
    gap_after: str = "blank"  # "blank" or "page" (a form feed)


def split_runs(lines: Sequence[str], numbers: Sequence[int]) -> list[Run]:
    """Runs of non-blank lines, measured in bulk (see `measure.measure_lines`)."""
    return measure_runs(lines, numbers).runs


class MeasuredPage(NamedTuple):
    runs: list[Run]
    corpus: str  # the runs' lines joined by newlines
    spans: Counter[float]  # how many lines have each span
    trailing: int  # how many lines have a trailing space
    # How far apart two lines of one run are: 2 on a double-spaced page.
    line_gap: int = 1
    deepest: float = 0.0  # the widest indent, beyond any margin
    # How many lines open on an indent of one em to two; None where a margin
    # was taken off (the count was of the indents before).
    one_em: int | None = 0


# A column holds from about eight characters (the narrowest newspaper column) to
# about forty (a book page; Latin counts half): a commoner width is a list's
# items or a paragraph's whole length, not text wrapped at a column.
MIN_COLUMN = 8.0
MAX_COLUMN = 40.0
# Wrapped text shows its column on at least this many lines.
MIN_COLUMN_LINES = 3
# A double-spaced page may still have a few lines with no blank line after them
# (an extraction's page header, say): at most one for this many.
DOUBLE_SPACED_SHARE = 10
# Unwrapped text: at least two in three of its long lines end a sentence (dev
# pages so set: three in four or more but one), and a page needs five lines to tell.
UNWRAPPED_ENDS = 3
UNWRAPPED_MIN_LINES = 5
# Only a full stop (or `！`, `？`…) ends a sentence here: an old-style page's `、`
# ends its wrapped lines as often as its sentences.
STOPS_ONLY = PageStyle(column=0.0, old_style=False)


def is_margin(
    lines: Sequence[Line], spans: Counter[float], margin: float, deepest: float
) -> bool:
    """Is the indent every line has a margin, rather than each line's own paragraph
    indent? It is where some lines are indented further (`deepest`, the widest
    indent: paragraphs under the margin), or where the lines are wrapped at a
    column (`shows_column`)."""
    return deepest >= margin + 1 or shows_column(lines, spans)


def shows_column(lines: Sequence[Line], spans: Counter[float]) -> bool:
    """Are the lines wrapped at a column? The commonest width is a column's, few
    lines are much wider, and most lines stop inside a sentence. A file of one
    paragraph per line has lines of every length, or lines that end their
    sentences."""
    common = max(spans, key=spans.__getitem__)
    if not MIN_COLUMN <= common <= MAX_COLUMN:
        return False
    full = sum(n for span, n in spans.items() if abs(span - common) <= FULL_SLACK)
    wider = sum(n for span, n in spans.items() if span > 1.5 * common)
    ends = sum(ends_sentence(ln.text, STOPS_ONLY) for ln in lines)
    return full >= MIN_COLUMN_LINES and 3 * wider < len(lines) and 2 * ends < len(lines)


# A page shows where its indent sits on at least this many wrapped first lines.
MIN_INDENT_VOTES = 2


def is_paragraph_indent(line: Line) -> bool:
    """Is the line indented as a paragraph's first line is (not set off)?"""
    return 1.0 <= line.indent <= PARAGRAPH_INDENT_MAX


def indent_room(line: Line, raw: str) -> float:
    """The room a paragraph's indent takes inside its column (`raw` is the line
    as read): its width, but two ems where ASCII spaces stand for `　　` at half
    its width (two of them, as NFKC writes it)."""
    if line.indent < PARAGRAPH_INDENT and raw[0] in HALF_WIDTH_SPACES:
        return PARAGRAPH_INDENT
    return line.indent


# The spaces that indent a line at half an em each.
HALF_WIDTH_SPACES = frozenset(" \u00a0")


def indent_in_column(
    lines: Sequence[Line], spans: Counter[float], raws: Sequence[str], steps: Sequence[int] = ()
) -> bool:
    """Does a paragraph's indent take room inside the column (a typeset page: the
    first line holds two characters fewer), rather than hang outside it (an
    extraction that adds the indent to a full line)? Read off the indented
    lines that run on into the next line: their width, or their width with the
    indent, is the column's: the next line's where it runs on as well (articles
    differ in width), else the page's commonest. A line with a blank line under
    it runs on into nothing: a subhead, centred perhaps (on a page where most
    `steps` between kept lines are 2, double-spaced, one blank line is no gap).
    Pages differ; most extractions seen hang it outside."""
    common = max(spans, key=spans.__getitem__)
    spacing = 2 if 2 * steps.count(2) > len(steps) else 1
    inside = outside = 0
    # Only the indented lines are looked at, found in C: most lines have none.
    for i in compress(range(len(lines) - 1), map(INDENT, lines)):
        line, nxt = lines[i], lines[i + 1]
        if (
            not is_paragraph_indent(line)
            or nxt.indent
            or nxt.number - line.number > spacing
            or ends_sentence(line.text, STOPS_ONLY)
        ):
            continue
        column = common if ends_sentence(nxt.text, STOPS_ONLY) else nxt.span
        off_inside = abs(indent_room(line, raws[i]) + line.span - column)
        off_outside = abs(line.span - column)
        if off_inside < off_outside and off_inside <= FULL_SLACK:
            inside += 1
        elif off_outside < off_inside and off_outside <= FULL_SLACK:
            outside += 1
    return inside >= MIN_INDENT_VOTES and inside > outside


def upper_quartile(spans: Counter[float], lines: int) -> float:
    """The width that a quarter of the `lines` lines (counted in `spans`) reach."""
    seen = 0
    for span in sorted(spans, reverse=True):
        seen += spans[span]
        if 4 * seen >= lines:
            return span
    return 0.0


def is_unwrapped(runs: Sequence[Run], spans: Counter[float], style: PageStyle) -> bool:
    """Is the text one paragraph a line, not wrapped at any column (a word
    processor's or a web page's export)? A quarter of the lines are longer than
    any column holds, and those lines end their sentences: each is a paragraph
    (wrapped text at a measure that wide ends one line in five or fewer so)."""
    n = spans.total()
    if n < UNWRAPPED_MIN_LINES or upper_quartile(spans, n) <= MAX_COLUMN:
        return False
    long = [ln.text for ln in chain.from_iterable(map(LINES, runs)) if ln.span > MAX_COLUMN]
    return UNWRAPPED_ENDS * sum(ends_sentence(text, style) for text in long) >= 2 * len(long)


def is_double_spaced(steps: Sequence[int], lines: Sequence[Line], spans: Counter[float]) -> bool:
    """Does a blank line follow every line, with more where a paragraph or column
    ended (`steps`: how far each kept line is from the next)? Some extractions set
    text so. A cleaned page (one blank line after every block, never two) is never
    read so, whatever its widths: cleaning twice changes nothing."""
    singles = steps.count(1)
    # Most pages settled by one count: their lines mostly follow one another.
    if DOUBLE_SPACED_SHARE * singles > len(steps):
        return False
    doubles = steps.count(2)
    return (
        doubles >= MIN_COLUMN_LINES
        and DOUBLE_SPACED_SHARE * singles <= doubles
        # Never two blank lines in a row: a cleaned page's look, unless
        # paragraph indents show that no clean wrote it.
        and (any(step > 2 for step in steps) or indents_paragraphs(lines))
        and shows_column(lines, spans)
    )


def indents_paragraphs(lines: Sequence[Line]) -> bool:
    """Do MIN_COLUMN_LINES lines or more open on a paragraph's indent? A cleaned
    page has none."""
    return sum(map(is_paragraph_indent, lines)) >= MIN_COLUMN_LINES


def measure_runs(
    lines: Sequence[str], numbers: Sequence[int], joined: str | None = None
) -> MeasuredPage:
    """`split_runs`, with the page corpus and the counts of `measure.tally_lines`.
    `joined` is the lines joined by newlines, where the caller has it already."""
    raws = lines
    # A form feed is a page break: it takes no width, and the gap it falls in (or
    # the first line of the next run that carries it) is a page gap. One search of
    # the joined lines is cheaper than a test per line, and most pages have none.
    feeds: list[int] = []
    if "\f" in (joined if joined is not None else "".join(lines)):
        raws = list(lines)
        feeds = list(compress(range(len(raws)), map(str.__contains__, raws, repeat("\f"))))
        for i in feeds:
            raws[i] = raws[i].replace("\f", "")
    nonblank = list(map(str.strip, raws))
    keep = list(compress(range(len(raws)), nonblank))
    if not keep:
        return MeasuredPage([], "", Counter(), 0)
    texts = list(compress(nonblank, nonblank))
    corpus = "\n".join(texts)
    kept_raws = list(compress(raws, nonblank))
    measured, spans, trailing, margin, deepest, one_em_lines = tally_lines(
        kept_raws, list(compress(numbers, nonblank)), texts, corpus
    )
    one_em: int | None = one_em_lines
    # A margin every line of the page shares (an extraction that pads the whole
    # text) is no indent: only what a line has beyond it is.
    if margin and is_margin(measured, spans, margin, deepest):
        measured = [ln._replace(indent=ln.indent - margin) for ln in measured]
        deepest -= margin
        one_em = None
    # A first line indented inside its column is as full as the lines under it:
    # its span (what column tests compare) counts the indent.
    steps = list(map(sub, keep[1:], keep))
    if deepest and indent_in_column(measured, spans, kept_raws, steps):
        measured = [
            ln._replace(span=ln.span + indent_room(ln, raw)) if is_paragraph_indent(ln) else ln
            for ln, raw in zip(measured, kept_raws, strict=True)
        ]
        spans = Counter(map(SPAN, measured))
    # A run ends where the next kept line is not the one right after it (on a
    # double-spaced page, not the one after the blank line below it).
    gap = 2 if 2 in steps and is_double_spaced(steps, measured, spans) else 1
    ends = [*compress(count(1), map(gt, steps, repeat(gap))), len(keep)]
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
    return MeasuredPage(runs, corpus, spans, trailing, gap, deepest, one_em)


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


def in_narrow_stretch(lines: Sequence[Line], i: int, style: PageStyle) -> bool:
    """Is the short line `lines[i]` in a stretch of prose set narrower than the
    run's column (an inset beside a subhead, a column narrowed around a
    picture), over a line of that stretch or a wider one? Three lines of one
    width around it (or the run's first two, over a wider line), cut mid-word
    (a list's items end on their marks; one in two is enough), one with a
    clause mark (a title deck has none), and the line itself ends no sentence:
    it is full in its own column, however short of the run's (`local_column`
    takes the upper median, which the wider lines may pull up)."""
    line, nxt = lines[i], lines[i + 1]
    span = line.span
    if line.indent >= 1 or nxt.span < span - 0.5 or ends_sentence(line.text, style):
        return False

    def alike(ln: Line) -> bool:
        return abs(ln.span - span) <= 0.5 and ln.indent < 1

    lo, hi = i, i + 1
    while lo > max(0, i - 2) and alike(lines[lo - 1]):
        lo -= 1
    while hi < min(len(lines), i + 3) and alike(lines[hi]):
        hi += 1
    # The stretch's last line: the column widens under it.
    if hi == i + 1 and nxt.span <= span + FULL_SLACK:
        return False
    stretch = lines[lo:hi]
    cut = sum(1 for ln in stretch if is_han(ln.text[-1]))
    if len(stretch) < 3 and not (lo == 0 and hi == i + 1 and cut == 2):
        return False
    return 2 * cut >= len(stretch) - 1 and any(has_stop_mark(ln.text) for ln in stretch)


def latin_wrap_column(lines: Sequence[Line], i: int, run_column: float) -> float:
    """The widest line around line i that wraps at a Latin word space (ASCII on
    both sides of the break; 0 if none): Latin text moves words whole, so its
    lines stop short of the column by up to a word, their median with them, but
    none runs past it. Capped near the run's column: a wider line is no wrap.

    >>> from papercli.measure import make_line
    >>> text = ["the old ferry runs every", "hour in summer, and the", "boatman knows all"]
    >>> text.append("his passengers by name")
    >>> latin_wrap_column([make_line(k, t) for k, t in enumerate(text)], 2, 11.0)
    12.0
    """
    lo, hi = max(0, i - 3), min(len(lines) - 1, i + 4)
    cap = run_column + FULL_SLACK
    return max(
        (
            lines[k].span
            for k in range(lo, hi)
            if k != i
            and lines[k].text[-1].isascii()
            and lines[k + 1].text[0].isascii()
            and lines[k].span <= cap
        ),
        default=0.0,
    )


# How many characters either side of a gap `PageText.around` reads: an
# article's length, so that a pull quote finds the body sentence it repeats.
AROUND_CHARS = 4000


class PageText:
    """The page's runs run together (a sentence wraps anywhere), built on the
    first search, once per page: most pages ask none."""

    __slots__ = ("_flat", "_starts", "runs")

    def __init__(self, runs: Sequence[Run]) -> None:
        self.runs = runs
        self._flat: str | None = None
        self._starts: list[int] = []

    def around(self, r: int, reach: int = AROUND_CHARS) -> str:
        """The text within `reach` characters either side of the gap before
        `runs[r]`: bounded, so a search of it per gap keeps a page linear.

        >>> text = PageText(split_runs(["甲乙", "丙", "", "丁戊", "", "己"], range(6)))
        >>> text.around(1), text.around(1, 1), text.around(2, 2)
        ('甲乙丙丁戊己', '丙丁', '丁戊己')
        """
        if self._flat is None:
            # (bulk passes in C: where each line, then each run, starts)
            texts = list(map(TEXT, chain.from_iterable(map(LINES, self.runs))))
            self._flat = "".join(texts)
            line_starts = [0, *accumulate(map(len, texts))]
            first_lines = accumulate(map(len, map(LINES, self.runs)), initial=0)
            self._starts = [line_starts[k] for k in first_lines]
        at = self._starts[r]
        return self._flat[max(0, at - reach) : at + reach]
