"""Describe a decoded page before cleaning it: the core of `papercli detect`.

Pure: takes the decoded text and measures it. Encoding (and how it was decided)
is known only to the I/O layer, which adds it to `Diagnosis.to_dict()` itself.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from papercli.boundaries import (
    DATELINE_OPENS,
    LINE_WELL_SHORT,
    NEXT_LINE_INDENTED,
    SHORT_LINE_ENDS_SENTENCE,
)
from papercli.changes import BLANK_LINE
from papercli.chars import is_spaced_out
from papercli.columns import ColumnRegion
from papercli.layout import FLUSH_LINE_ENDS, LINE_A_PARAGRAPH
from papercli.options import DEFAULT_OPTIONS, CleanOptions
from papercli.page import BlockKind
from papercli.steps.convert import ScriptReport, detect_script
from papercli.title_lines import SHORT_WITHOUT_MARK
from papercli.units import (
    FileLines,
    count_newlines,
    file_lines,
    iter_units,
    split_lines,
    unsplit_lines,
)

# A separation style that covers this share of the paragraph breaks names the page.
STYLE_MAJORITY = 0.8

HEADING_KINDS = frozenset({BlockKind.HEADLINE, BlockKind.SUBHEAD})


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
    paragraph_style      "blank" | "indent" | "short-last-line" | "line" | "mixed" |
                         "none" ("line": one paragraph a line, the text not wrapped)
    paragraph_breaks     {"blank": int, "indent": int, "short_last_line": int,
                         "line": int}
    mid_sentence_breaks  int: blank lines after a full line that ends no sentence,
                         before an unindented continuation (column/page breaks)
    caption_echoes       int: blocks holding text printed twice (collapse_echo)
    headline_blocks      int: headline and subhead blocks of the cleaned page
    articles             int: articles `split_articles` finds
    lines_changed        int: source lines that do not survive `clean` unchanged
    punctuation          {"style": "modern" | "old" | "none" (unpunctuated),
                         "old_stop": str | None (the mark that ends an
                         old-style page's clauses: `、`, or `，`/`,`
                         where OCR read it so), "marks_read_as_ascii": bool (commas
                         in CJK text read as `,`), "spaced_out_lines": int (lines
                         OCR spaced out, `中 国 人 民`), "unpunctuated": bool
                         (hardly a mark at all: text set before punctuation came
                         into use)}, measured on the whole text
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
    line_breaks: int
    mid_sentence_breaks: int
    caption_echoes: int
    headline_blocks: int
    articles: int
    lines_changed: int
    old_stop: str | None = None
    marks_read_as_ascii: bool = False
    spaced_out_lines: int = 0
    unpunctuated: bool = False

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
                "line": self.line_breaks,
            },
            "mid_sentence_breaks": self.mid_sentence_breaks,
            "caption_echoes": self.caption_echoes,
            "headline_blocks": self.headline_blocks,
            "articles": self.articles,
            "lines_changed": self.lines_changed,
            "punctuation": {
                "style": "none" if self.unpunctuated else "old" if self.old_stop else "modern",
                "old_stop": self.old_stop,
                "marks_read_as_ascii": self.marks_read_as_ascii,
                "spaced_out_lines": self.spaced_out_lines,
                "unpunctuated": self.unpunctuated,
            },
        }


# CR CR LF: a CRLF file re-saved through a text-mode layer (see units.NEWLINES).
NEWLINE_STYLE_NAMES = {"\n": "lf", "\r\n": "crlf", "\r": "cr", "\r\r\n": "crcrlf"}


def newline_style(text: str) -> str:
    """Which line ending the text uses.

    >>> newline_style("a\\nb\\n"), newline_style("a\\r\\nb"), newline_style("a\\rb")
    ('lf', 'crlf', 'cr')
    >>> newline_style("a\\r\\nb\\n"), newline_style("one line")
    ('mixed', 'none')
    """
    return newline_style_of(count_newlines(text))


def newline_style_of(counts: dict[str, int]) -> str:
    """`newline_style` of a text with these line ends (`units.count_newlines`)."""
    found = [NEWLINE_STYLE_NAMES[style] for style, n in counts.items() if n]
    if not found:
        return "none"
    return found[0] if len(found) == 1 else "mixed"


# Which signal opened a paragraph, by the classifier's own reasons (Block.signals[0]).
INDENT_REASONS = frozenset({NEXT_LINE_INDENTED})
SHORT_LINE_REASONS = frozenset(
    {
        "short line",
        SHORT_LINE_ENDS_SENTENCE,
        SHORT_WITHOUT_MARK,
        LINE_WELL_SHORT,
        FLUSH_LINE_ENDS,
        "source credit on its own line",
        "after a source credit",
        DATELINE_OPENS,
    }
)


def paragraph_style(blank: int, indent: int, short: int, line: int = 0) -> str:
    """Name the page's paragraph separation: the signal behind most breaks.

    >>> paragraph_style(9, 1, 0), paragraph_style(3, 3, 3), paragraph_style(0, 0, 0)
    ('blank', 'mixed', 'none')
    >>> paragraph_style(0, 0, 0, 12)
    'line'
    """
    counts = {"blank": blank, "indent": indent, "short-last-line": short, "line": line}
    total = sum(counts.values())
    if total == 0:
        return "none"
    name, top = max(counts.items(), key=lambda kv: kv[1])
    return name if top >= STYLE_MAJORITY * total else "mixed"


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
    """Measure a decoded page; see `Diagnosis` for what is reported.

    Every count comes from the classifier's own decisions on this page (one run
    of the pipeline), so `detect` says exactly what `clean` will do.
    """
    # Imported here: the pipeline's steps are only needed once a page is diagnosed.
    from papercli.articles import articles_of
    from papercli.columns import column_regions
    from papercli.measure import reads_commas_as_ascii
    from papercli.pagestyle import is_unpunctuated, old_style_stop
    from papercli.pipeline import clean_and_explain

    lines = split_lines(text)
    own_lines = file_lines(text)
    numbers: Sequence[int] = range(1, len(lines) + 1)
    file_numbers = FileLines.of_text(text, lines)
    if not file_numbers.identical:
        # The engine reads a form feed (and each piece of a line it cuts) as a line
        # of its own: the regions are given in the file's own line numbers, as
        # `wc -l` and `grep -n` count them.
        numbers = [file_numbers.real(n) for n in numbers]
    regions = column_regions(lines, numbers)

    cleaned = clean_and_explain(text, options)
    blocks = cleaned.page.blocks
    opened = Counter(block.signals[0] for block in blocks[1:] if block.signals)
    steps = Counter((change.step, change.action) for change in cleaned.changes)
    return Diagnosis(
        newline=newline_style(text),
        lines=len(own_lines),
        script=detect_script(text),
        column_width=commonest_width(regions),
        column_regions=regions,
        **break_counts(opened, steps),
        headline_blocks=sum(1 for block in blocks if block.kind in HEADING_KINDS),
        articles=len(articles_of(cleaned)),
        lines_changed=count_changed_lines(own_lines, file_lines(cleaned.text)),
        old_stop=old_style_stop(text),
        marks_read_as_ascii=reads_commas_as_ascii(text),
        spaced_out_lines=sum(map(is_spaced_out, map(str.strip, lines))),
        unpunctuated=is_unpunctuated(text),
    )


def commonest_width(regions: Sequence[ColumnRegion]) -> int | None:
    """The width most lines of the regions are set in (the wider on a tie)."""
    by_width: Counter[int] = Counter()
    for region in regions:
        by_width[region.width] += region.lines
    return max(by_width, key=lambda w: (by_width[w], w)) if by_width else None


def break_counts(opened: Counter[str], steps: Counter[tuple[str, str]]) -> dict[str, Any]:
    """`Diagnosis`'s paragraph-break fields, from the reasons that opened the
    blocks after the first and the steps' (step, action) counts."""
    blank, line = opened[BLANK_LINE], opened[LINE_A_PARAGRAPH]
    indent = sum(n for reason, n in opened.items() if reason in INDENT_REASONS)
    short = sum(n for reason, n in opened.items() if reason in SHORT_LINE_REASONS)
    return {
        "paragraph_style": paragraph_style(blank, indent, short, line),
        "blank_breaks": blank,
        "indent_breaks": indent,
        "short_line_breaks": short,
        "line_breaks": line,
        "mid_sentence_breaks": steps["rebuild_paragraphs", "healed"],
        "caption_echoes": steps["drop_caption_echoes", "removed"],
    }


def diagnose_lines(lines: Iterable[str], *, options: CleanOptions = DEFAULT_OPTIONS) -> Diagnosis:
    """`diagnose` of a long text given as its lines (`units.split_lines`, or a
    stream's: `detect` on a large file), measured unit by unit as `clean` cleans it
    (`units.iter_units`), in memory bounded by a unit, not the text.

    The script, punctuation, paragraph breaks, healed gaps, echoes and headlines
    are `diagnose`'s, summed over the units. Three measures are the units' own:
    column regions are measured per unit and joined across cuts, a line is
    changed if its unit's output lacks it, and articles are counted as `split`
    finds them in a long text (`articles.iter_articles`). `newline` is left
    for the caller, who has read the line ends (`TextStream.newline_counts`).
    """
    from papercli.articles import unit_articles
    from papercli.columns import add_region, column_regions
    from papercli.measure import reads_commas_as_ascii
    from papercli.pagestyle import (
        COUNTED_MARKS,
        hiragana_count,
        old_stop_of,
        unpunctuated_of,
    )
    from papercli.pipeline import clean_units, glues_next
    from papercli.steps.convert import ScriptTally

    marks: Counter[str] = Counter()
    length = hiragana = spaced = headlines = articles = changed = 0
    ascii_commas = False
    script = ScriptTally()
    regions: list[ColumnRegion] = []
    opened: Counter[str] = Counter()
    steps: Counter[tuple[str, str]] = Counter()
    numbers = FileLines()
    number = 1
    seen_block = glue = given = False
    for unit, result in clean_units(iter_units(lines), options):
        span = range(number, number + len(unit))
        for n, raw in zip(span, unit, strict=True):
            numbers.see(n, raw)
        text = "\n".join(unit)
        length += len(text) + 1
        marks.update({mark: text.count(mark) for mark in COUNTED_MARKS})
        hiragana += hiragana_count(text)
        ascii_commas = ascii_commas or reads_commas_as_ascii(text)
        spaced += sum(map(is_spaced_out, map(str.strip, unit)))
        script.add(text)
        found_regions = column_regions(unit, [numbers.real(n) for n in span])
        if found_regions:
            # Only across the cut: within the unit, the regions are as `diagnose`'s.
            add_region(regions, found_regions[0])
            regions.extend(found_regions[1:])

        blocks = result.page.blocks
        # A page's first block opens no paragraph break; a cut line's block that
        # goes on from the unit before is that unit's (see `pipeline.merged_blocks`).
        own = blocks[1:] if glue else blocks
        opened.update(b.signals[0] for b in (own if seen_block else own[1:]) if b.signals)
        headlines += sum(1 for b in own if b.kind in HEADING_KINDS)
        steps.update((c.step, c.action) for c in result.changes)
        found, inside = unit_articles(result)
        # Counted as `split` gives them (`iter_articles`): a unit that opens inside
        # an article goes on with the last one.
        articles += len(found) - (given and inside)
        given = given or any(a.kind != "captions" for a in found)
        changed += count_changed_lines(file_lines(unsplit_lines(unit)), file_lines(result.text))
        seen_block = seen_block or bool(blocks)
        glue = glues_next(result, glue)
        number += len(unit)

    return Diagnosis(
        newline="none",
        lines=numbers.real(number - 1),
        script=script.report(),
        column_width=commonest_width(regions),
        column_regions=tuple(regions),
        **break_counts(opened, steps),
        headline_blocks=headlines,
        articles=articles,
        lines_changed=changed,
        old_stop=old_stop_of(marks.__getitem__, lambda: hiragana),
        marks_read_as_ascii=ascii_commas,
        spaced_out_lines=spaced,
        unpunctuated=unpunctuated_of(length, marks.__getitem__),
    )
