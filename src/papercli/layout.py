"""Line signals and the classifier that turns column-wrapped lines into typed blocks.

The classifier measures everything on the page itself: the column width (per
run of lines, since a page mixes widths), whether a line is full, where sentence
punctuation falls, indentation, heading shape, and, across a blank line, whether
the text on both sides reads as one sentence. Decisions look at a bounded window
around each line, so the whole pass is linear in the number of lines.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

from papercli.changes import Change
from papercli.chars import CLOSERS, INDENT_SPACE, display_width
from papercli.page import Block, BlockKind, Page

STEP = "rebuild_paragraphs"

# Marks that end a sentence; `、` joins them on pages in the old style (see PageStyle).
# ASCII `.` ends Latin sentences; CJK text never ends a line on it otherwise.
SENTENCE_END_CHARS = frozenset("。！？!?…；;.")
CLAUSE_END_CHARS = frozenset("，,、：:")
CLOSER_CHARS = frozenset(CLOSERS)
STOP_CHARS = SENTENCE_END_CHARS | CLAUSE_END_CHARS
PUNCT_CHARS = STOP_CHARS | frozenset("—·“”‘’「」『』")
# Marks that typesetting never puts at the start of a line (kinsoku).
NO_LINE_START = PUNCT_CHARS - frozenset("“‘「『")

# A dateline that opens a paragraph: 新华社北京2月14日电 / 本报北京10月14日电 / 本报讯 /
# （重慶廿日海通電） / (中央社) — the agency-and-date shape, not a particular agency.
DATELINE_START = re.compile(
    r"^(?:[（(][^（）()\n]{2,16}?[電电訊讯][）)]"
    r"|(?:新华社|新華社|本报|本報|中新社|中央社|路透社|美联社|法新社)[^，。,\n]{0,14}?[电電讯訊]"
    r"|本[报報][讯訊])"
)
# Bylines printed on their own line: （杨娜娜） / 本报记者 张三 / （记者 X 通讯员 Y） / ——编 者.
BYLINE_LINE = re.compile(
    r"^(?:[（(][^（）()，。,.\n]{1,24}[）)]"
    r"|(?:本[报報])?(?:特约)?(?:记者|記者|通讯员|通訊員|评论员|評論員)[\s\u3000\u00a0].{1,30}"
    r"|[—－-]{1,2}\s*[^，。\s]{1,2}\s*[^，。\s]{1,2})$"
)
# A bracketed source credit closing an article: （据新华社华盛顿电 记者周舟） / （本报X地电）.
# A bare pen name such as （趙廉） stays with its paragraph: papers differ on it.
CREDIT_LINE = re.compile(
    r"^[（(][^（）()]{0,20}(?:电|電|社|记者|記者|通讯员|通訊員|作者)[^（）()]{0,20}[）)]$"
)
INDENT_SPACE_CHARS = INDENT_SPACE + "\r\n\v\f"
# Indentation that marks a paragraph start: an ideographic space or two ASCII spaces.
INDENT = re.compile(r"^(?:\u3000|[ \u00a0]{2,}|\t)")

# How many Han-width units a line may fall short of its column and still be full:
# justification and half-width digits make full lines wobble by about one unit.
FULL_SLACK = 1.0
# A heading run has at most this many lines (main title, kicker, subtitles).
MAX_HEADING_LINES = 5


class Line:
    """One non-blank source line and the signals measured on it.

    A plain slotted class, not a dataclass: one is built per input line, so its
    construction cost is on the hot path.
    """

    __slots__ = ("indent", "number", "span", "text", "trailing_space", "width")

    def __init__(
        self, number: int, text: str, indent: float, width: float, trailing_space: bool
    ) -> None:
        self.number = number
        self.text = text  # stripped content
        self.indent = indent  # width of the leading whitespace
        self.width = width  # display width of the content
        # Extraction puts indentation outside the column: a full indented first
        # line holds as many characters as any other full line.
        self.span = width
        self.trailing_space = trailing_space

    @property
    def last(self) -> str:
        return self.text[-1]

    @property
    def first(self) -> str:
        return self.text[0]

    def __repr__(self) -> str:
        return f"Line({self.number}, {self.text!r}, indent={self.indent}, width={self.width})"


@dataclass(frozen=True)
class PageStyle:
    """Page-wide signals: the typical column width and the punctuation style."""

    column: float
    old_style: bool  # 1930s-40s text: `、` ends clauses and sentences, `。` is rare
    # Paragraphs marked only by a short last line (no indent, no blank line): a
    # paragraph that happens to end flush with the column is then invisible, and
    # its length is the only hint left (see `segment_run`).
    short_line_paragraphs: bool = False


@dataclass
class Run:
    """Consecutive non-blank lines; `gap_after` says what separated it from the next run."""

    lines: list[Line]
    gap_after: str = "blank"  # "blank" or "page" (a form feed)


def column_width(text: str) -> float:
    """Display width from the UTF-8 length, computed in C: ASCII takes one byte
    and half a column, CJK three bytes and a whole column. Rarer characters are
    approximated (Latin-1/Greek/Cyrillic 0.75, supplementary Han 1.25), well inside
    the one-unit slack the classifier allows.

    >>> column_width("局属 21个部门")
    6.5
    """
    n = len(text)
    wide = (len(text.encode("utf-8", "surrogatepass")) - n) / 2
    return wide + (n - wide) / 2


# Space after a CJK mark, or a wide gap, sets a title's phrases apart; prose has neither.
TITLE_GAP = re.compile("[，、：；] |\u3000|[^ ]  +[^ ]")
# Two or more spaces between Han characters are a transcription gap (`直  立`),
# not printed width; a single space beside digits or Latin is real spacing.
HAN_GAP = re.compile(r"(?<=[\u3400-\u9fff]) {2,}(?=[\u3400-\u9fff])")


def make_line(number: int, raw: str) -> Line:
    content = raw.strip(INDENT_SPACE_CHARS)
    lead = len(raw) - len(raw.lstrip(INDENT_SPACE))
    width = column_width(content)
    if "  " in content:
        width -= sum(len(m) for m in HAN_GAP.findall(content)) / 2
    return Line(
        number,
        content,
        column_width(raw[:lead]) if lead else 0.0,
        width,
        raw[-1:] in INDENT_SPACE,
    )


def split_runs(lines: Sequence[str], numbers: Sequence[int]) -> list[Run]:
    runs: list[Run] = []
    current: list[Line] = []
    gap = "blank"
    for raw, number in zip(lines, numbers, strict=True):
        if "\f" in raw:
            gap = "page"
        stripped = raw.strip(INDENT_SPACE + "\r\n\f\v")
        if not stripped:
            if current:
                runs.append(Run(current))
                current = []
            continue
        if not current and runs:
            runs[-1].gap_after = gap
        gap = "blank"
        current.append(make_line(number, raw.replace("\f", "")))
    if current:
        runs.append(Run(current))
    return runs


def measure_style(runs: Sequence[Run]) -> PageStyle:
    widths: Counter[int] = Counter()
    full_stops = clause_marks = 0
    for run in runs:
        for line in run.lines:
            if line.span >= 4:
                widths[round(line.span)] += 1
            full_stops += line.text.count("。")
            clause_marks += line.text.count("、")
    column = float(max(widths.items(), key=lambda kv: (kv[1], kv[0]))[0]) if widths else 0.0
    return PageStyle(column=column, old_style=full_stops * 3 < clause_marks)


def ends_sentence(text: str, style: PageStyle) -> bool:
    """Does the text end a sentence (closers such as ” or ） may follow the mark)?"""
    i = len(text) - 1
    while i > 0 and text[i] in CLOSER_CHARS:
        i -= 1
    ch = text[i]
    if ch in SENTENCE_END_CHARS:
        return True
    return style.old_style and ch == "、"


def first_token_width(text: str) -> float:
    """Width the next line's first unbreakable piece needs on the previous line.

    A Latin word or a number moves to the next line whole; a CJK character moves
    with any closing punctuation that may not start a line.
    """
    m = re.match(r"[0-9A-Za-z.,%/+\-\u00c0-\u024f]+", text)
    if m:
        return display_width(m.group(0))
    n = 1
    while n < len(text) and (text[n] in CLOSER_CHARS or text[n] in NO_LINE_START):
        n += 1
    return display_width(text[:n])


def has_room_for(line: Line, nxt: Line, column: float) -> bool:
    """True when the next line's first piece would have fitted: the break was deliberate."""
    return line.span + first_token_width(nxt.text) <= column - FULL_SLACK + 1e-9


def is_heading_line(line: Line) -> bool:
    """Heading shape: no sentence or clause mark at the end, and no full stop inside."""
    text = line.text
    i = len(text) - 1
    while i > 0 and text[i] in CLOSER_CHARS:
        i -= 1
    return text[i] not in SENTENCE_END_CHARS | CLAUSE_END_CHARS and "。" not in text


PAIRS = {"“": "”", "‘": "’", "「": "」", "『": "』", "（": "）", "(": ")", "《": "》", "【": "】"}
CLOSER_OF = {v: k for k, v in PAIRS.items()}


def leaves_open(text: str) -> bool:
    """True when a quote or bracket opened in the text is still open at its end:
    the sentence goes on in the next line. O(len(text)), no regex."""
    depth = 0
    for ch in text:
        if ch in PAIRS:
            depth += 1
        elif ch in CLOSER_OF and depth:
            depth -= 1
    return depth > 0


def is_wrapped_prose(lines: Sequence[Line], column: float) -> bool:
    """A run whose lines (all but the last) fill the column evenly and which has
    clause marks inside is a paragraph wrapped by the column (a lead or summary
    without a final full stop), not a stack of title lines."""
    body = lines[:-1]
    if not any(ch in CLAUSE_END_CHARS for ln in body for ch in ln.text):
        return False
    # Phrases set apart by a wide gap (`十八载   风劲`) are a title's, not running text.
    if any("  " in ln.text or "\u3000" in ln.text for ln in body):
        return False
    spans = [ln.span for ln in lines[:-1]]
    # Title lines are often set wider than the body column; wrapped prose is not.
    return (
        max(spans) - min(spans) <= FULL_SLACK
        and min(spans) >= column - 2 * FULL_SLACK
        and max(spans) <= column + FULL_SLACK
    )


def is_heading_run(run: Run, column: float) -> bool:
    lines = run.lines
    if not 2 <= len(lines) <= MAX_HEADING_LINES:
        return False
    if is_wrapped_prose(lines, column):
        return False
    if any(DATELINE_START.match(ln.text) for ln in lines):
        return False
    # A quote or bracket left open across lines is a wrapped sentence, not a title deck.
    if any(leaves_open(ln.text) for ln in lines):
        return False
    # A title may ask or exclaim (`谁来守护老街的记忆？`) over a subtitle; the
    # last line must still be heading-shaped, as running text would end on a mark.
    return is_heading_line(lines[-1]) and all(
        is_heading_line(ln) or (ln.text[-1] in "？！?!" and "，" not in ln.text)
        for ln in lines[:-1]
    )


def run_columns(runs: Sequence[Run]) -> list[float]:
    """The column width of each run: its own median line width when it has enough
    lines of running text to tell, else that of the nearest run that has (the next
    one first: a heading or a sentence fragment shares the column of the text that
    follows). A page with no such run at all — text already cleaned, one paragraph
    a line — shows no column, and gets `inf`: no line on it is full."""
    own: list[float | None] = []
    wrapped: list[float] = []  # lines that wrapped onto another line of running text
    for run in runs:
        lines = run.lines
        prose = len(lines) >= 2 and any(ch in STOP_CHARS for ln in lines for ch in ln.text)
        if prose:
            wrapped.extend(ln.span for ln in lines[:-1])
        if prose and len(lines) >= 3:
            spans = sorted(ln.span for ln in lines)
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


def local_column(lines: Sequence[Line], i: int, fallback: float) -> float:
    """The column width around line i, from its neighbours in the run; runs too
    short to tell use `fallback` (the run's column, see `run_columns`)."""
    if len(lines) < 3:
        return fallback
    lo, hi = max(0, i - 3), min(len(lines), i + 4)
    spans = sorted(ln.span for ln in lines[lo:hi])
    # The upper median ignores a short paragraph end and an over-long line
    # (hanging punctuation) alike, and follows a column that narrows around a picture.
    return spans[len(spans) // 2]


def boundary_after(
    lines: Sequence[Line], i: int, style: PageStyle, run_column: float
) -> str | None:
    """Why a paragraph ends after lines[i] inside a run, or None to join."""
    line, nxt = lines[i], lines[i + 1]
    # Some extractions separate list items with ideographic spaces, which then
    # start lines too: an "indent" after a full line cut mid-sentence is one of those.
    if (
        nxt.indent >= 1
        and nxt.indent > line.indent - 0.5
        and (
            line.span < run_column - 0.5
            or line.text[-1] in PUNCT_CHARS
            or line.text[-1] in CLOSER_CHARS
        )
    ):
        return "next line indented"
    if nxt.text[0] in "（(" and ends_sentence(line.text, style) and CREDIT_LINE.match(nxt.text):
        return "source credit on its own line"
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
    if line.trailing_space and not nxt.first.isascii():
        return "short line"
    # On old-style pages `、` ends clauses everywhere, and paragraphs are set
    # apart by blank lines: inside a run only a full stop ends a paragraph.
    if ends_sentence(line.text, style) and not (style.old_style and line.text[-1] == "、"):
        return "short line ends a sentence"
    if not style.old_style and not any(ch in STOP_CHARS for ch in line.text):
        # A short line with no stop or clause mark ends a heading or a lead line.
        return "short line without punctuation"
    return None


# On a page whose paragraphs are marked by short last lines only, a full line that
# ends a sentence after this many lines of its paragraph more often ends the
# paragraph than not (news paragraphs run three to six lines).
FLUSH_PARAGRAPH_LINES = 3
SHORT_LINE_STYLE_MIN = 5


def run_boundaries(run: Run, style: PageStyle, column: float) -> list[str | None]:
    """`boundary_after` for every line of a run but the last."""
    lines = run.lines
    if column == math.inf:
        # No column on the page: measure the run against its own widest line.
        column = max(ln.span for ln in lines)
    return [boundary_after(lines, i, style, column) for i in range(len(lines) - 1)]


def segment_run(
    run: Run, style: PageStyle, bounds: Sequence[str | None]
) -> list[tuple[list[Line], str]]:
    """Cut a run into paragraphs at `bounds` (see `run_boundaries`); each
    paragraph comes with the reason that opened it."""
    lines = run.lines
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
        ):
            why = "flush line ends a sentence after a paragraph's length"
        if why:
            out.append((current, reason))
            current = []
            reason = why
        current.append(lines[i + 1])
    out.append((current, reason))
    return out


def reads_on(last: Line, first: Line, corpus: str) -> bool:
    """Lexical continuity across a break: does the character pair that the join
    would create occur inside some line of the page? A word cut by a column
    break (`现` + `代化`) usually does; a heading's end and the next paragraph's
    start rarely do."""
    a, b = last.text[-1], first.text[0]
    if not (a.isalnum() and b.isalnum()):
        return False
    return (a + b) in corpus


def is_prose_line(line: Line, style: PageStyle) -> bool:
    """A lone line that reads as running text rather than a heading: it has a
    sentence mark inside, two or more clause marks, or ends on a clause mark.
    Modern headings enumerate with `、`, so it counts only on old-style pages."""
    text = line.text
    if any(ch in SENTENCE_END_CHARS for ch in text[:-1]) or leaves_open(text):
        return True
    if TITLE_GAP.search(text):
        return False
    if text[-1] in CLAUSE_END_CHARS:
        return True
    marks = CLAUSE_END_CHARS if style.old_style else CLAUSE_END_CHARS - {"、"}
    return sum(ch in marks for ch in text) >= 2


def should_heal(
    prev: list[Line],
    nxt: list[Line],
    prev_run: Run,
    next_run: Run,
    prev_column: float,
    style: PageStyle,
    corpus: str,
) -> bool:
    """Does a blank line (or page break) fall inside a sentence?

    Heal only when the line before the gap is full (the column ran out, not the
    paragraph) and does not end a sentence, and what follows is body text.
    """
    last, first = prev[-1], nxt[0]
    if first.indent >= 1:
        return False
    if ends_sentence(last.text, style):
        return False
    # A narrow column may wrap the dateline itself: `（香港廿二日美聯` + `電）…`.
    opening = first.text + nxt[1].text[:12] if len(nxt) > 1 else first.text
    if DATELINE_START.match(opening) or BYLINE_LINE.match(first.text):
        return False
    if BYLINE_LINE.match(last.text):
        return False
    if len(next_run.lines) == 1 and not any(ch in PUNCT_CHARS for ch in first.text):
        # What follows is a lone line with no punctuation: a subhead, not the rest of a sentence.
        return False
    if len(prev_run.lines) >= 3:
        column = local_column(prev_run.lines, len(prev_run.lines) - 1, prev_column)
    else:
        column = prev_column
    if has_room_for(last, first, column):
        # A short line may still stop mid-sentence: a paragraph of running text
        # that ends on a bare character, with the words running on across the gap.
        return (
            len(prev) >= 2
            and not style.old_style
            and last.text[-1] not in PUNCT_CHARS | CLOSER_CHARS
            and reads_on(last, first, corpus)
        )
    if len(prev_run.lines) == 1 and last.indent < 1:
        # A lone unindented line between blank lines is a heading unless it reads
        # as prose or the words run on; one set wider than the column is a heading.
        if last.span > column + FULL_SLACK:
            return False
        return is_prose_line(last, style) or reads_on(last, first, corpus)
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


def detect_short_line_style(
    bounds: Sequence[Sequence[str | None]], style: PageStyle
) -> PageStyle:
    """Does the page mark paragraphs by short last lines alone? Count short
    sentence-final lines inside runs against indented paragraph starts."""
    short_ends = indents = 0
    for run_bounds in bounds:
        for why in run_bounds:
            if why == "short line ends a sentence":
                short_ends += 1
            elif why == "next line indented":
                indents += 1
    if short_ends >= SHORT_LINE_STYLE_MIN and short_ends > 2 * indents:
        return replace(style, short_line_paragraphs=True)
    return style


def rebuild_paragraphs(lines: list[str], numbers: list[int]) -> tuple[Page, list[Change]]:
    """Classify raw lines into blocks, healing blank lines that fall inside sentences."""
    runs = split_runs(lines, numbers)
    style = measure_style(runs)
    columns = run_columns(runs)
    bounds = [run_boundaries(run, style, column) for run, column in zip(runs, columns, strict=True)]
    style = detect_short_line_style(bounds, style)
    corpus = "\n".join(ln.text for run in runs for ln in run.lines)
    changes: list[Change] = []
    # Each pending entry: (lines, kind-or-None for paragraphs, signals).
    pending: list[tuple[list[Line], BlockKind | None, tuple[str, ...]]] = []
    prev_run: Run | None = None
    prev_column = style.column
    for run, column, run_bounds in zip(runs, columns, bounds, strict=True):
        if is_heading_run(run, column):
            pending.append((run.lines, BlockKind.HEADLINE, ("heading run",)))
            prev_run, prev_column = run, column
            continue
        segments = segment_run(run, style, run_bounds)
        for k, (seg, reason) in enumerate(segments):
            if k == 0 and prev_run is not None and pending and pending[-1][1] is None:
                prev_lines = pending[-1][0]
                if should_heal(prev_lines, seg, prev_run, run, prev_column, style, corpus):
                    gap = "page break" if prev_run.gap_after == "page" else "blank line"
                    # The seam, so a reader of --explain sees what was joined.
                    seam = f"{prev_lines[-1].text[-8:]}|{seg[0].text[:8]}"
                    changes.append(
                        Change(
                            STEP,
                            seg[0].number - 1,  # the (last) blank line that was closed
                            "healed",
                            seam,
                            f"{gap} after line {prev_lines[-1].number} falls inside a sentence",
                        )
                    )
                    pending[-1] = (prev_lines + seg, None, pending[-1][2] + ("healed " + gap,))
                    continue
            if reason != "blank line":
                changes.append(Change(STEP, seg[0].number, "kept", "", reason))
            pending.append((seg, None, (reason,)))
        prev_run, prev_column = run, column
    blocks = []
    for seg, kind, signals in pending:
        if kind is None:
            kind = classify(seg, signals[0], style)
        blocks.append(
            Block(kind, tuple(ln.text for ln in seg), seg[0].number, seg[-1].number, signals)
        )
    return Page(tuple(blocks)), changes
