"""Describe a decoded page before cleaning it: the core of `papercli detect`.

Pure: takes the decoded text and measures it. Encoding (and how it was decided)
is known only to the I/O layer, which adds it to `Diagnosis.to_dict()` itself.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from papercli.boundaries import (
    DATELINE_OPENS,
    LINE_WELL_SHORT,
    NEXT_LINE_INDENTED,
    SHORT_LINE_ENDS_SENTENCE,
)
from papercli.chars import is_spaced_out
from papercli.columns import ColumnRegion
from papercli.layout import FLUSH_LINE_ENDS, LINE_A_PARAGRAPH
from papercli.options import DEFAULT_OPTIONS, CleanOptions
from papercli.page import BlockKind
from papercli.steps.convert import ScriptReport, detect_script
from papercli.title_lines import SHORT_WITHOUT_MARK
from papercli.units import FileLines, count_newlines, file_lines, split_lines

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
    counts = count_newlines(text)
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
    if "\f" in text:
        # The engine reads a form feed as a line of its own: the regions are given
        # in the file's own line numbers, as `wc -l` and `grep -n` count them.
        real = FileLines.of(lines).real
        numbers = [real(n) for n in numbers]
    regions = column_regions(lines, numbers)
    by_width: Counter[int] = Counter()
    for region in regions:
        by_width[region.width] += region.lines
    overall = max(by_width, key=lambda w: (by_width[w], w)) if by_width else None

    cleaned = clean_and_explain(text, options)
    blocks = cleaned.page.blocks
    opened = Counter(block.signals[0] for block in blocks[1:] if block.signals)
    indent = sum(n for reason, n in opened.items() if reason in INDENT_REASONS)
    short = sum(n for reason, n in opened.items() if reason in SHORT_LINE_REASONS)
    blank = opened["blank line"]
    line = opened[LINE_A_PARAGRAPH]
    steps = Counter((change.step, change.action) for change in cleaned.changes)
    return Diagnosis(
        newline=newline_style(text),
        lines=len(own_lines),
        script=detect_script(text),
        column_width=overall,
        column_regions=regions,
        paragraph_style=paragraph_style(blank, indent, short, line),
        blank_breaks=blank,
        indent_breaks=indent,
        short_line_breaks=short,
        line_breaks=line,
        mid_sentence_breaks=steps["rebuild_paragraphs", "healed"],
        caption_echoes=steps["drop_caption_echoes", "removed"],
        headline_blocks=sum(1 for block in blocks if block.kind in HEADING_KINDS),
        articles=len(articles_of(cleaned)),
        lines_changed=count_changed_lines(own_lines, file_lines(cleaned.text)),
        old_stop=old_style_stop(text),
        marks_read_as_ascii=reads_commas_as_ascii(text),
        spaced_out_lines=sum(map(is_spaced_out, map(str.strip, lines))),
        unpunctuated=is_unpunctuated(text),
    )
