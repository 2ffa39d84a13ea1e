"""Describe a decoded page before cleaning it: the core of `papercli detect`.

Pure: takes the decoded text and measures it. Encoding (and how it was decided)
is known only to the I/O layer, which adds it to `Diagnosis.to_dict()` itself.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import pairwise
from math import ceil
from typing import Any

from papercli.chars import CLOSERS, INDENT_SPACE, SENTENCE_END, display_width
from papercli.options import DEFAULT_OPTIONS, CleanOptions
from papercli.page import BlockKind
from papercli.pipeline import split_lines
from papercli.steps.convert import ScriptReport, detect_script

# Lines narrower than this (in Han-width units) are too short to measure a column:
# folios, bylines, one-word headings.
MIN_BODY_WIDTH = 4
# A line this close to its column counts as full: justification and half-width
# digits make full lines wobble by about one unit.
FULL_SLACK = 1.0
# Neighbours (each side) whose widths vote on a line's column, and the fewest
# full lines a region needs before a change of width counts as a new region.
WINDOW = 5
MIN_REGION_LINES = 4
# A separation style that covers this share of the paragraph breaks names the page.
STYLE_MAJORITY = 0.8

# Indentation that opens a paragraph: an ideographic space, two ASCII spaces or a tab.
INDENT_START = re.compile(r"^(?:\u3000|[ \u00a0]{2,}|\t)")

HEADING_KINDS = frozenset({BlockKind.HEADLINE, BlockKind.SUBHEAD})


@dataclass(frozen=True)
class ColumnRegion:
    """Consecutive lines set in one column width (`first_line`..`last_line`, 1-based)."""

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


@dataclass(frozen=True)
class Diagnosis:
    """What a page looks like, measured before cleaning.

    `to_dict()` keys (all JSON-serialisable):

    newline              "lf" | "crlf" | "cr" | "mixed" | "none"
    lines                int: lines in the text (form feeds excluded)
    script               dict: ScriptReport.to_dict(): script ("simplified" |
                         "traditional" | "mixed" | "unknown"), simplified_only,
                         traditional_only, han (ints), share (float)
    column_width         int | None: most common width of full body lines, in
                         Han-character units (None when no body lines)
    column_regions       list of {"width", "first_line", "last_line", "lines"} (ints):
                         runs of lines set in one width, in page order
    paragraph_style      "blank" | "indent" | "short-last-line" | "mixed" | "none"
    paragraph_breaks     {"blank": int, "indent": int, "short_last_line": int}
    mid_sentence_breaks  int: blank lines after a full line that ends no sentence,
                         before an unindented continuation (column/page breaks)
    caption_echoes       int: blocks holding text printed twice (collapse_echo)
    headline_blocks      int: headline and subhead blocks of the cleaned page
    articles             int: articles `split_articles` finds
    lines_changed        int: source lines that do not survive `clean` unchanged
    """

    newline: str
    lines: int
    script: ScriptReport
    column_width: int | None
    column_regions: tuple[ColumnRegion, ...]
    paragraph_style: str
    blank_breaks: int
    indent_breaks: int
    short_line_breaks: int
    mid_sentence_breaks: int
    caption_echoes: int
    headline_blocks: int
    articles: int
    lines_changed: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "newline": self.newline,
            "lines": self.lines,
            "script": self.script.to_dict(),
            "column_width": self.column_width,
            "column_regions": [region.to_dict() for region in self.column_regions],
            "paragraph_style": self.paragraph_style,
            "paragraph_breaks": {
                "blank": self.blank_breaks,
                "indent": self.indent_breaks,
                "short_last_line": self.short_line_breaks,
            },
            "mid_sentence_breaks": self.mid_sentence_breaks,
            "caption_echoes": self.caption_echoes,
            "headline_blocks": self.headline_blocks,
            "articles": self.articles,
            "lines_changed": self.lines_changed,
        }


def newline_style(text: str) -> str:
    """Which line ending the text uses.

    >>> newline_style("a\\nb\\n"), newline_style("a\\r\\nb"), newline_style("a\\rb")
    ('lf', 'crlf', 'cr')
    >>> newline_style("a\\r\\nb\\n"), newline_style("one line")
    ('mixed', 'none')
    """
    crlf = text.count("\r\n")
    counts = {"lf": text.count("\n") - crlf, "crlf": crlf, "cr": text.count("\r") - crlf}
    found = [name for name, n in counts.items() if n]
    if not found:
        return "none"
    return found[0] if len(found) == 1 else "mixed"


@dataclass(frozen=True)
class _Line:
    """A non-blank source line: number, content width, indent, and the gap before it."""

    number: int
    text: str
    width: float
    indented: bool
    blank_before: bool


def _measure(lines: Sequence[str]) -> list[_Line]:
    out: list[_Line] = []
    blank = False
    for number, raw in enumerate(lines, start=1):
        content = raw.strip(INDENT_SPACE + "\f\v\r")
        if not content:
            blank = True
            continue
        # Extraction puts indentation outside the column: measure the content only.
        indented = INDENT_START.match(raw) is not None
        out.append(_Line(number, content, display_width(content), indented, blank))
        blank = False
    return out


def _mode(widths: Sequence[int]) -> int:
    """Most common width; a tie goes to the wider (full lines outnumber short ends).

    >>> _mode([20, 20, 12, 19, 19])
    20
    """
    counts = Counter(widths)
    return max(counts, key=lambda w: (counts[w], w))


def column_regions(body: Sequence[_Line]) -> tuple[int | None, tuple[ColumnRegion, ...]]:
    """Overall column width and the regions of equal width, from full-line candidates.

    A candidate is a line followed directly by another (not the last line of its
    run, so most are full); each votes with its neighbours' widths, and runs of
    equal votes shorter than MIN_REGION_LINES are noise (headings, short ends).
    """
    candidates = [
        (line, ceil(line.width))
        for line, nxt in pairwise(body)
        if not nxt.blank_before and line.width >= MIN_BODY_WIDTH
    ]
    if not candidates:
        return None, ()
    widths = [w for _, w in candidates]
    votes = [_mode(widths[max(0, i - WINDOW) : i + WINDOW + 1]) for i in range(len(widths))]
    # Runs of equal votes, then drop the short ones and merge neighbours that now touch.
    runs: list[list[int]] = []  # [width, first_line, last_line, count]
    for (line, _), vote in zip(candidates, votes, strict=True):
        if runs and runs[-1][0] == vote:
            runs[-1][2], runs[-1][3] = line.number, runs[-1][3] + 1
        else:
            runs.append([vote, line.number, line.number, 1])
    kept: list[list[int]] = []
    for run in runs:
        if run[3] < MIN_REGION_LINES and len(runs) > 1:
            continue
        if kept and kept[-1][0] == run[0]:
            kept[-1][2], kept[-1][3] = run[2], kept[-1][3] + run[3]
        else:
            kept.append(run)
    merged = _absorb_wobbles(kept)
    regions = tuple(ColumnRegion(w, first, last, n) for w, first, last, n in merged)
    return _mode(widths), regions


def _absorb_wobbles(runs: list[list[int]]) -> list[list[int]]:
    """Merge a short run one unit off its neighbour into it: a paragraph whose
    lines end in hanging punctuation (19 characters + `，` in a 19-wide column)
    measures one unit wider without being a new column."""
    out: list[list[int]] = []
    for run in runs:
        prev = out[-1] if out else None
        if prev is not None and (
            prev[0] == run[0]
            or (abs(prev[0] - run[0]) <= 1 and min(prev[3], run[3]) <= 2 * WINDOW)
        ):
            width = prev[0] if prev[3] >= run[3] else run[0]
            out[-1] = [width, prev[1], run[2], prev[3] + run[3]]
            # The merged run may now equal the one before it: join those too.
            if len(out) > 1 and out[-2][0] == width:
                before = out.pop(-2)
                out[-1] = [width, before[1], out[-1][2], before[3] + out[-1][3]]
        else:
            out.append(run)
    return out


def _column_at(number: int, regions: Sequence[ColumnRegion], overall: int | None) -> int | None:
    for region in regions:
        if region.first_line <= number <= region.last_line + 1:
            return region.width
    return overall


def ends_sentence(text: str, old_style: bool = False) -> bool:
    """Does the line end a sentence (closing quotes/brackets may follow the mark)?

    >>> ends_sentence("他说：“好。”"), ends_sentence("他说"), ends_sentence("云、", old_style=True)
    (True, False, True)
    """
    body = text.rstrip(CLOSERS) or text
    return body[-1] in SENTENCE_END or (old_style and body[-1] == "、")


# Sentence and clause marks: a line with none of them is heading-shaped.
PUNCTUATED = re.compile(f"[{re.escape(SENTENCE_END)}，,、：:]")


def _looks_like_heading(line: _Line, column: int | None) -> bool:
    short = column is None or line.width <= column - 2 * FULL_SLACK
    return short and PUNCTUATED.search(line.text) is None


@dataclass(frozen=True)
class _Breaks:
    blank: int
    indent: int
    short_line: int
    mid_sentence: int

    @property
    def style(self) -> str:
        counts = {"blank": self.blank, "indent": self.indent, "short-last-line": self.short_line}
        total = sum(counts.values())
        if total == 0:
            return "none"
        name, top = max(counts.items(), key=lambda kv: kv[1])
        return name if top >= STYLE_MAJORITY * total else "mixed"


def count_breaks(
    body: Sequence[_Line], regions: Sequence[ColumnRegion], overall: int | None
) -> _Breaks:
    """Classify each gap between consecutive lines: paragraph break (by which
    signal) or a blank line inside a sentence (a column or page break)."""
    text = "".join(line.text for line in body)
    # 1930s pages end most sentences with `、` and print `。` rarely.
    old_style = text.count("、") > 3 * text.count("。")
    blank = indent = short = mid = 0
    for prev, cur in pairwise(body):
        column = _column_at(prev.number, regions, overall)
        full = column is not None and prev.width >= column - FULL_SLACK
        ends = ends_sentence(prev.text, old_style)
        if cur.indented:
            # The indent is the paragraph signal even after a blank line: pages that
            # indent paragraphs still put blank lines between articles.
            indent += 1
        elif cur.blank_before:
            if ends:
                # A short unpunctuated line after the gap is a heading or byline:
                # the blank separates articles, not paragraphs.
                if not _looks_like_heading(cur, column):
                    blank += 1
            elif full:
                mid += 1
        elif ends and column is not None and prev.width <= column - 2 * FULL_SLACK:
            short += 1
    return _Breaks(blank, indent, short, mid)


def count_changed_lines(before: Sequence[str], after: Sequence[str]) -> int:
    """Lines of `before` with no identical line left in `after` (a multiset match: linear).

    >>> count_changed_lines(["a", "b", "", "c"], ["ab", "", "c"])
    2
    """
    left = Counter(after)
    changed = 0
    for line in before:
        if left[line]:
            left[line] -= 1
        else:
            changed += 1
    return changed


def diagnose(text: str, *, options: CleanOptions = DEFAULT_OPTIONS) -> Diagnosis:
    """Measure a decoded page; see `Diagnosis` for what is reported."""
    # Imported here: the pipeline's steps are only needed once a page is diagnosed.
    from papercli.articles import split_articles
    from papercli.pipeline import clean_and_explain
    from papercli.steps.echoes import collapse_echo

    lines = split_lines(text)
    body = _measure(lines)
    overall, regions = column_regions(body)
    breaks = count_breaks(body, regions, overall)

    cleaned = clean_and_explain(text, options)
    headlines = sum(1 for block in cleaned.page if block.kind in HEADING_KINDS)
    # Echoes are counted on the page as the echo step would see it (joined
    # blocks), not on the cleaned page, from which that step has removed them.
    unechoed = clean_and_explain(text, replace(options, drop_caption_echoes=False)).page
    echoes = sum(
        1
        for block in unechoed
        if any(collapse_echo(line) is not None for line in block.lines)
    )
    return Diagnosis(
        newline=newline_style(text),
        lines=sum(1 for line in lines if line != "\f"),
        script=detect_script(text),
        column_width=overall,
        column_regions=regions,
        paragraph_style=breaks.style,
        blank_breaks=breaks.blank,
        indent_breaks=breaks.indent,
        short_line_breaks=breaks.short_line,
        mid_sentence_breaks=breaks.mid_sentence,
        caption_echoes=echoes,
        headline_blocks=headlines,
        articles=len(split_articles(text, options)),
        lines_changed=count_changed_lines(lines, split_lines(cleaned.text)),
    )
