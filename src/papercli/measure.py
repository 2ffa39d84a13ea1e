"""What a line measures, and the page style the measures are read against.

A `Line` is one non-blank source line with its width, indent and span, built in
bulk by `tally_lines` (every per-line measure a `map` of a C function); widths
count CJK as one column and ASCII as half, without the gaps OCR or a justified
PDF line put between CJK characters, and with commas OCR read as ASCII counted
at their printed width. `PageStyle` holds the page-wide signals (`pagestyle`
measures them). The judgements made on these measures are `papercli.signals`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate, compress, repeat
from operator import add, ne, truediv
from typing import NamedTuple

from papercli.chars import (
    ASCII_MARK_RUN,
    CJK_CHAR,
    INDENT_WIDTHS,
    ascii_mark_runs_in_cjk,
    ascii_marks_in_cjk,
    is_spaced_out,
    without_gaps,
)

# How many Han-width units a line may fall short of its column and still be full:
# justification and half-width digits make full lines wobble by about one unit.
FULL_SLACK = 1.0
# A paragraph's indent is a few ems (two, mostly). A line pushed in further and
# not filling the column is set off from the margin: a title centred by the
# extraction, a byline set flush right (`pdftotext -layout` keeps both).
PARAGRAPH_INDENT_MAX = 3.0
# A paragraph's indent is two ems (`　　`, four ASCII spaces); an indent of one em
# (two ASCII spaces) is a paragraph's only on a page that indents so
# (`PageStyle.narrow_indents`).
PARAGRAPH_INDENT = 2.0
ONE_EM = 1.0

# On a page whose paragraphs are marked by short last lines only, a full line that
# ends a sentence may end its paragraph or not, and the longer the paragraph has
# run, the likelier it ends there. The page shows how long its paragraphs run
# (those that end on a short line): from this share of their median width on, a
# flush sentence end ends the paragraph (`layout.segment_run`); before it, the
# paragraph goes on, across a column break too (`gap_signals.flush_end_runs_on`).
# On the news pages measured a sentence end ended its paragraph about one time in
# three at that length, and a wrong join costs two blocks where a wrong break
# costs one.
FLUSH_PARAGRAPH_SHARE = 0.6
# With fewer paragraphs measured than this, a paragraph's lines are counted
# instead: from this many on, a flush sentence end ends it (news paragraphs run
# three to six lines).
FLUSH_MEASURED_MIN = 6
FLUSH_PARAGRAPH_LINES = 3


class Line(NamedTuple):
    """One non-blank source line and the signals measured on it.

    A named tuple, not a class with `__init__`: one is built per input line, and
    `measure_lines` builds them all from parallel lists without a Python call each.
    """

    number: int
    text: str  # stripped content
    indent: float  # width of the leading whitespace
    width: float  # display width of the content
    # Extraction puts indentation outside the column: a full indented first line
    # holds as many characters as any other full line, so the span is the width.
    span: float
    trailing_space: bool

    @property
    def last(self) -> str:
        return self.text[-1]

    @property
    def first(self) -> str:
        return self.text[0]

    def __repr__(self) -> str:
        return f"Line({self.number}, {self.text!r}, indent={self.indent}, width={self.width})"


def is_set_off(line: Line, column: float) -> bool:
    """Is the line centred or set flush right, rather than indented as a
    paragraph's first line is? A first line fills the column however deep its
    indent (quotes and digits may measure it up to two widths wider); a line
    indented further than a paragraph's that stops short of the column, or runs
    well wider (a title over columns), is set off."""
    return line.indent > PARAGRAPH_INDENT_MAX and not (
        column - FULL_SLACK <= line.span <= column + 2 * FULL_SLACK
    )


@dataclass(frozen=True)
class PageStyle:
    """Page-wide signals: the typical column width and the punctuation style."""

    column: float
    old_style: bool  # 1930s-40s text: `、` ends clauses and sentences, `。` is rare
    # Paragraphs marked only by a short last line (no indent, no blank line): a
    # paragraph that happens to end flush with the column is then invisible, and
    # its length is the only hint left (see `segment_run`).
    short_line_paragraphs: bool = False
    # On such a page, the width a paragraph has reached when a flush sentence end
    # ends it (`paragraph_marks.measure_flush_width`); 0 where too few
    # paragraphs were measured, and FLUSH_PARAGRAPH_LINES counts lines instead.
    flush_width: float = 0.0
    # Blank lines set the page's paragraphs apart (runs are paragraph-sized).
    blank_separated: bool = True
    # A space left at a line's end marks a deliberate break only where few lines
    # have one; some extractions pad every line.
    trailing_space_marks: bool = True
    # Some line is set off from the margin (`is_set_off`); most pages have none.
    set_off_lines: bool = True
    # The mark that ends an old-style page's clauses and sentences: `、`, or `，`
    # where OCR read the old mark so (`pagestyle.old_style_stop`).
    old_stop: str = "、"
    # Hardly a mark on the page (text set before punctuation came into use): a
    # title deck is told from wrapped text by its widths alone (`columns.fills_column`).
    unpunctuated: bool = False
    # Lines are justified to the column: few stop one width short of it (a word
    # pushed whole to the next line), so a sentence that does ends its paragraph.
    # On a ragged-right page a line one short is nothing.
    justified: bool = False
    # The kinds of list item (`item_kind`) that open several of the page's lines:
    # what its lists look like.
    item_kinds: frozenset[str] = frozenset()
    # The speakers' labels of a dialogue that open several of the page's lines
    # (`lists.speaker_labels`): each turn opens a block after a sentence end.
    speakers: frozenset[str] = frozenset()
    # Some line opens on another paper's dateline on a character no agency's
    # opens on (`bylines.holds_paper_dateline`): only then does the inline path
    # of `run_boundaries` look for one.
    paper_datelines: bool = False
    # Speech set as paragraphs of its own (a serial's dialogue): several of the
    # page's lines are a whole quotation (`pagestyle.sets_speech_apart`). A
    # colon before a gap then ends its paragraph, and the quote opens the next.
    speech_apart: bool = False
    # Two lone lines or more, each with a clause mark inside and none at its end
    # (`pagestyle.holds_clause_heads`): a series of subheads. A lone line of that
    # shape filling the column is then one of them, not a sentence a column
    # break cut under its first line.
    clause_heads: bool = False
    # An old-style page whose blank lines fall at column breaks as well as at
    # paragraph ends: some blank line cuts a sentence after a bare character
    # (`column_cuts.shows_column_cuts`). A full line's clause mark before a blank
    # line is then likelier a column's end than a paragraph's.
    column_cuts: bool = False
    # Lines broken by the character grid alone (`pagestyle.set_on_grid`): some
    # line ends on an opening mark, which no line-breaking rule lets end a line,
    # and lines cut mid-phrase fill the column to the character. A line a width
    # short with no mark at its end then ends its block: a heading's or a lead's.
    grid: bool = False
    # Paragraphs open on an indent of one em (two ASCII spaces: an extraction
    # that halved the two-em `　　`) under sentence ends
    # (`pagestyle.indents_one_em`). Such an indent under a full line is then a
    # paragraph's, not a gap in the text that the wrap moved to a line start.
    narrow_indents: bool = False

    @property
    def run_is_paragraph(self) -> bool:
        """On an old-style page whose paragraphs are set apart by blank lines,
        `、` ends clauses everywhere and a short line inside a run is no sign of a
        paragraph end; on one set solid (no blank lines), it is."""
        return self.old_style and self.blank_separated


def column_width(text: str) -> float:
    """Display width from the UTF-8 length, computed in C: ASCII takes one byte
    and half a column, CJK three bytes and a whole column. Rarer characters are
    approximated (Latin-1/Greek/Cyrillic 0.75, supplementary Han 1.25), well inside
    the one-unit slack the classifier allows.

    >>> column_width("局属 21个部门")
    6.5
    """
    # n one-byte and three-byte characters: wide = (bytes - n) / 2 whole columns and
    # n - wide half ones, which sums to (bytes + n) / 4.
    return (len(text.encode("utf-8", "surrogatepass")) + len(text)) / 4


# Spaces before a wide character. Spelt with a literal space first (not ` +`),
# the pattern has a prefix that `re` finds by a fast scan: nine times faster on a
# page with few spaces. The character before is tested in Python.
SPACE_BEFORE_WIDE = re.compile(r"  *(?=[^\x00-\x7f])")
# Where a line may have such gaps, the character before tested in Python: two or
# more spaces before a wide character, or one between two that are themselves
# spaced (`国 人 民`). A byline's `本报记者 李文` has neither.
MAYBE_GAP = re.compile(r" (?: +(?=[^\x00-\x7f])|(?=[^\x00-\x7f] [^\x00-\x7f]))")


def gap_width(text: str) -> float:
    """The width of the spaces in `text` that are no printed width. OCR sets one
    between every pair of characters (`中 国 人 民`), a PDF extractor between
    those of a justified line whose gaps widened: on a spaced-out line, every
    space between two CJK characters (see `chars.transcription_gap`) goes.
    Elsewhere only a run of two or more between Han characters (`直  立`): a
    single space (`记者 张三 通讯员 李四`) is a printed gap, and Hangul keeps its
    word spaces.

    >>> gap_width("中 国 人 民"), gap_width("直  立"), gap_width("记者 张三 通讯员 李四")
    (1.5, 1.0, 0.0)
    >>> gap_width("局属 21个部门"), gap_width("한국 사람")
    (0.0, 0.0)
    """
    if is_spaced_out(text):
        return (len(text) - len(without_gaps(text))) / 2
    if "  " not in text:
        return 0.0  # a byline's or a name's single spaces: the common case
    return (
        sum(
            m.end() - m.start()
            for m in SPACE_BEFORE_WIDE.finditer(text, 1)
            if m.end() - m.start() >= 2 and is_han(text[m.start() - 1]) and is_han(text[m.end()])
        )
        / 2
    )


def is_han(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff"


# Where a page's commas may have been read so: a comma beside a character that
# is not ASCII. Only those are tested for CJK.
COMMA_BESIDE_WIDE = re.compile(r"[^\x00-\x7f\s],|,[^\x00-\x7f\s]")
COMMA_A_SPACE_FROM_WIDE = re.compile(r"[^\x00-\x7f\s] ,|, [^\x00-\x7f\s]")


def make_line(number: int, raw: str) -> Line:
    """Measure one raw (non-blank) line; see `measure_lines`.

    >>> make_line(7, "\u3000局属 21个部门 ")
    Line(7, '局属 21个部门', indent=1.0, width=6.5)
    """
    return measure_lines([raw], [number])[0]


def reads_commas_as_ascii(text: str) -> bool:
    """Does the page set ASCII commas in its CJK text (OCR's reading of `，`)? One
    that only has ASCII brackets or quotes there may have been set with them (half
    width, as a PDF shows them)."""
    if "," not in text:
        return False
    for m in COMMA_BESIDE_WIDE.finditer(text):
        if CJK_CHAR.match(text, m.start()) or CJK_CHAR.match(text, m.end() - 1):
            return True
    # On a spaced-out line (`国 , 人`) a space stands between them.
    gap = COMMA_A_SPACE_FROM_WIDE.search(text)
    while gap is not None:
        start = text.rfind("\n", 0, gap.start()) + 1
        end = text.find("\n", gap.end())
        line = text[start : end if end != -1 else len(text)]
        if is_spaced_out(line) and "," in ascii_marks_in_cjk(line):
            return True
        if end == -1:
            break
        gap = COMMA_A_SPACE_FROM_WIDE.search(text, end)
    return False


def measure_lines(
    raws: Sequence[str],
    numbers: Sequence[int],
    texts: list[str] | None = None,
    joined: str | None = None,
) -> list[Line]:
    """Measure non-blank raw lines in bulk; `texts` are the lines stripped and
    `joined` those joined by newlines, when the caller has them.

    Every per-line measure is a `map` of a C function, so the loop runs in C; only
    the few lines with edge whitespace or a transcription gap take a Python step.
    """
    return tally_lines(raws, numbers, texts, joined).lines


class LineTally(NamedTuple):
    """Measured lines, with the page-wide counts `pagestyle.measure_style` reads."""

    lines: list[Line]
    spans: Counter[float]  # how many lines have each span
    trailing: int  # how many lines have a trailing space
    margin: float  # the indent every line has
    deepest: float  # the widest indent
    one_em: int  # how many lines open on an indent of one em to two


# A run of three ASCII dots or more: an ellipsis, which NFKC writes `…` as.
ASCII_ELLIPSIS = re.compile(r"\.{3,}")


def ascii_run_widening(run: str) -> float:
    """How much wider than its half-width count a run of ASCII marks set in CJK
    text was printed: each mark an em wide (OCR's reading of a full-width one),
    but three dots one em (NFKC's `…`: six were `……`).

    >>> ascii_run_widening(","), ascii_run_widening("......"), ascii_run_widening('..."')
    (0.5, -1.0, 0.0)
    """
    dots = sum(map(len, ASCII_ELLIPSIS.findall(run))) if "..." in run else 0
    return (len(run) - dots) / 2 - dots / 6


def column_widths(texts: Sequence[str], sizes: Sequence[int] | None = None) -> list[float]:
    """`column_width` of each text, the arithmetic done by `map` in C for the
    many lines a page measures at once; `sizes` are the texts' lengths if known.

    >>> column_widths(["局属 21个部门", "ab"])
    [6.5, 1.0]
    """
    return list(map(truediv, quarter_widths(texts, sizes), repeat(4)))


def quarter_widths(texts: Sequence[str], sizes: Sequence[int] | None = None) -> list[int]:
    """`column_width` of each text in quarters of a cell (UTF-8 bytes + characters):
    whole numbers, which a caller that only counts the widths hashes faster."""
    if sizes is None:
        sizes = list(map(len, texts))
    # The default codec is the fastest call; only text with a lone surrogate
    # needs `surrogatepass`.
    try:
        octets = list(map(len, map(str.encode, texts)))
    except UnicodeEncodeError:
        octets = list(map(len, map(str.encode, texts, repeat("utf-8"), repeat("surrogatepass"))))
    return list(map(add, octets, sizes))


def tally_lines(
    raws: Sequence[str],
    numbers: Sequence[int],
    texts: list[str] | None = None,
    joined: str | None = None,
) -> LineTally:
    """`measure_lines`, and the counts taken from its parallel lists while they
    exist (read back from the lines, each would cost one more pass of `map`)."""
    if texts is None:
        texts = list(map(str.strip, raws))
    sizes = list(map(len, texts))
    widths = column_widths(texts, sizes)
    # The newlines that join the texts add no space: one search finds any gap.
    if joined is None:
        joined = "\n".join(texts)
    # Transcription gaps are looked for in the whole page, and only the lines
    # that may have them are measured: most pages have none.
    gap = MAYBE_GAP.search(joined, 1)
    starts: list[int] = []
    while gap is not None:
        if joined[gap.start() - 1] <= "\x7f":
            gap = MAYBE_GAP.search(joined, gap.end())
            continue
        if not starts:
            # Where each line starts in `joined`; a match never spans a newline.
            starts = list(accumulate(map(add, sizes, repeat(1)), initial=0))
        i = bisect_right(starts, gap.start()) - 1
        widths[i] -= gap_width(texts[i])
        gap = MAYBE_GAP.search(joined, starts[i + 1])
    if reads_commas_as_ascii(joined):
        for i, text in enumerate(texts):
            if ASCII_MARK_RUN.search(text):
                widths[i] += sum(map(ascii_run_widening, ascii_mark_runs_in_cjk(text)))
    count = len(texts)
    indents = [0.0] * count
    trailing = [False] * count
    # A line as long as its text has no edge whitespace: no indent, no trailing
    # space. Only the others (indented lines, mostly) are measured one by one.
    lengths = list(map(len, raws))
    indented = 0
    deepest = 0.0
    one_em = 0
    for i in compress(range(count), map(ne, lengths, sizes)):
        raw = raws[i]
        lead = lengths[i] - len(raw.lstrip())
        if lead:
            space = raw[:lead]
            # Ideographic and ASCII spaces measure as they are; only the rarer
            # ones (a tab, an em space) need the table.
            if space.strip("\u3000 "):
                space = space.translate(INDENT_WIDTHS)
            indent = indents[i] = column_width(space)
            indented += 1
            if indent > deepest:
                deepest = indent
            if ONE_EM <= indent < PARAGRAPH_INDENT:
                one_em += 1
        trailing[i] = lengths[i] != len(raw.rstrip())
    fields = zip(numbers, texts, indents, widths, widths, trailing, strict=True)
    # tuple.__new__ fills each named tuple straight from its fields, in C.
    lines = list(map(tuple.__new__, repeat(Line), fields))
    margin = min(indents) if indented == count and count else 0.0
    return LineTally(lines, Counter(widths), trailing.count(True), margin, deepest, one_em)
