"""The page's style: its typical width and the page-wide flags (`PageStyle`):
punctuation (old-style stops, none at all), how blank lines and paragraphs are
set (solid, blank-separated, speech apart, clause subheads), read off the page
itself before any line is judged. The width of each run is `papercli.columns`'s.

`layout` asks these once per page. Every count is one pass over the runs or the
page's text, so the measure is linear in the lines.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from itertools import chain, compress, islice

from papercli.bylines import holds_paper_dateline
from papercli.column_cuts import shows_column_cuts
from papercli.credits import FOOT_CREDIT
from papercli.grid import set_on_grid
from papercli.lists import item_kinds, speaker_labels
from papercli.measure import (
    FULL_SLACK,
    ONE_EM,
    PARAGRAPH_INDENT,
    PARAGRAPH_INDENT_MAX,
    PageStyle,
)
from papercli.runs import (
    INDENT,
    LINES,
    MIN_INDENT_VOTES,
    SPAN,
    STOPS_ONLY,
    TRAILING_SPACE,
    Run,
)
from papercli.signals import (
    CLAUSE_MARK,
    MARK_OR_CLOSER,
    STOP_CHARS,
    ends_sentence,
)

# How many Han widths short of its column a line with clause marks must stop
# to end its block: a unit of slack is justification, a second is deliberate.
WELL_SHORT = 2.0
# At most one line in this many stops a width short of a justified page's column.
JUSTIFIED_SHORT_SHARE = 6


def measure_style(
    runs: Sequence[Run],
    corpus: str | None = None,
    spans: Counter[float] | None = None,
    trailing: int | None = None,
    deepest: float | None = None,
    one_em: int | None = None,
) -> PageStyle:
    """The page's typical width and punctuation style; `corpus` is the page's
    lines joined by newlines, `spans`, `trailing`, `deepest` and `one_em` the
    counts of `measure.tally_lines`, when the caller already has them."""
    if corpus is None:
        corpus = "\n".join(ln.text for run in runs for ln in run.lines)
    # Each distinct span is rounded once: a page has a few dozen, and thousands of lines.
    if spans is None:
        spans = Counter(map(SPAN, chain.from_iterable(map(LINES, runs))))
    widths: Counter[int] = Counter()
    for span, n in spans.items():
        if span >= 4.0:
            widths[round(span)] += n
    column = float(max(widths.items(), key=lambda kv: (kv[1], kv[0]))[0]) if widths else 0.0
    lines = sum(map(len, map(LINES, runs)))
    if trailing is None:
        trailing = sum(map(TRAILING_SPACE, chain.from_iterable(map(LINES, runs))))
    if deepest is None:
        deepest = max(map(INDENT, chain.from_iterable(map(LINES, runs))), default=0.0)
    old_stop = old_style_stop(corpus)
    old_style = old_stop is not None
    # A page of a few lines with no blank line at all is set solid too, however
    # short: its title, byline and paragraphs share its one run.
    blank_separated = lines <= SOLID_RUN_LINES * max(1, len(runs)) and not (
        len(runs) == 1 and lines >= SOLID_PAGE_MIN_LINES
    )
    if blank_separated and old_style:
        blank_separated = not ends_inside_runs(runs, column)
    if blank_separated and len(runs) > 1 and not gap_after_sentence(runs, old_stop):
        blank_separated = False
    column_cuts = old_style and blank_separated and shows_column_cuts(runs, column)
    return PageStyle(
        column=column,
        old_style=old_style,
        blank_separated=blank_separated,
        trailing_space_marks=trailing <= lines * TRAILING_SPACE_SHARE,
        set_off_lines=deepest > PARAGRAPH_INDENT_MAX,
        old_stop=old_stop or "、",
        unpunctuated=is_unpunctuated(corpus),
        justified=spans[column - 1.0] * JUSTIFIED_SHORT_SHARE <= spans[column],
        item_kinds=item_kinds(corpus),
        speakers=speaker_labels(corpus),
        paper_datelines=holds_paper_dateline(corpus),
        speech_apart=sets_speech_apart(corpus, lines),
        clause_heads=holds_clause_heads(runs, column),
        column_cuts=column_cuts,
        grid=set_on_grid(runs, column),
        narrow_indents=(one_em is None or one_em >= MIN_INDENT_VOTES) and indents_one_em(runs),
    )


def indents_one_em(runs: Sequence[Run]) -> bool:
    """Do MIN_INDENT_VOTES lines or more open on an indent of one em to two
    (`  `) under a line that ends a sentence? Some extractions write a paragraph's
    `　　` as two ASCII spaces, on some of a page's paragraphs or all of them."""
    lines = list(chain.from_iterable(map(LINES, runs)))
    votes = 0
    # Only the indented lines are looked at, found in C: most lines have none.
    for i in compress(range(1, len(lines)), map(INDENT, islice(lines, 1, None))):
        line, above = lines[i], lines[i - 1]
        if (
            ONE_EM <= line.indent < PARAGRAPH_INDENT
            # the line right above it, in its run
            and above.number == line.number - 1
            and ends_sentence(above.text, STOPS_ONLY)
        ):
            votes += 1
            if votes >= MIN_INDENT_VOTES:
                return True
    return False


# A modern page sets one `。` for every one to six commas; an old-style page whose
# `、` OCR read as `，` has its commas and hardly a stop.
OLD_STYLE_COMMAS = 10


HIRAGANA = re.compile("[\u3041-\u309f]")


def hiragana_count(text: str) -> int:
    if HIRAGANA.search(text) is None:  # (most pages: no copy made)
        return 0
    return len(text) - len(HIRAGANA.sub("", text))


def old_style_stop(corpus: str) -> str | None:
    """The mark that ends the clauses and sentences of an old-style (1930s-40s)
    page, where `。` is rare: `、`, or `，` (`,`) where OCR read `、` so; None on a
    modern page. A `.` counts as a stop too: OCR reads many a `。` as one, and in
    a modern page's decimals it only adds to the evidence that `。` ends its
    sentences.

    >>> old_style_stop("華軍反攻、克復石龍、"), old_style_stop("華軍反攻，克復石龍，")
    ('、', '，')
    >>> old_style_stop("城东社区图书馆上月开放，馆内设有少儿区、老年区。") is None
    True

    Japanese sets `、` for its comma, several to a sentence: text with as many
    hiragana as `、` is Japanese, where `、` ends no sentence.

    >>> old_style_stop("政府は五日、地方の中小企業、農家、観光業などを支援する。") is None
    True
    """
    return old_stop_of(corpus.count, lambda: hiragana_count(corpus))


def old_stop_of(count: Callable[[str], int], hiragana: Callable[[], int]) -> str | None:
    """`old_style_stop` of a text that `count` counts a mark in and `hiragana`
    counts the hiragana of (called only where needed): a page's, or a long
    file's, summed unit by unit (`detect`)."""
    # Each count reads the whole page. Most pages set enough `。` to settle both
    # tests below without the rarer stops (which only add to `stops`).
    period, enumeration = count("。"), count("、")
    full, ascii_ = count("，"), count(",")
    if period * 3 >= enumeration and period * OLD_STYLE_COMMAS >= full + ascii_:
        return None
    stops = period + count(".") + count("．") + count("｡")
    if stops * 3 < enumeration:
        return "、" if hiragana() < enumeration else None
    commas = full + ascii_
    if stops * OLD_STYLE_COMMAS < commas and enumeration * 3 < commas:
        return "，" if full >= ascii_ else ","
    return None


def gap_after_sentence(runs: Sequence[Run], old_stop: str | None) -> bool:
    """Does some blank line of the page follow a sentence end? On a page whose
    blank lines all fall inside sentences or under titles, they are column breaks,
    not paragraph separators: the page is set solid, however short its runs."""
    style = PageStyle(0.0, old_stop is not None, old_stop=old_stop or "、")
    return any(ends_sentence(run.lines[-1].text, style) for run in runs[:-1])


# Paragraph ends inside runs outnumber those at run ends this many times (and
# reach the minimum) on a page set solid whose blank lines fall at column breaks.
INSIDE_RUN_ENDS = 2
INSIDE_RUN_ENDS_MIN = 5


def ends_inside_runs(runs: Sequence[Run], column: float) -> bool:
    """Are the page's paragraph ends (lines stopping well short of the column
    on a stop mark) inside its runs rather than at their ends? Then blank lines
    are column breaks, however often they come."""
    short = column - WELL_SHORT
    inside = at_end = 0
    for run in runs:
        lines = run.lines
        if len(lines) < 2:
            continue
        for line in lines:
            if line.span < short and line.text[-1] in STOP_CHARS:
                inside += 1
        last = lines[-1]
        if last.span < short and last.text[-1] in STOP_CHARS:
            at_end += 1
            inside -= 1
    return inside >= INSIDE_RUN_ENDS_MIN and inside > INSIDE_RUN_ENDS * at_end


# A trailing space is a sign only while at most this share of lines have one.
TRAILING_SPACE_SHARE = 0.2
# Runs this long on average are no paragraphs: the page is set solid, with blank
# lines (if any) only at column or page breaks.
SOLID_RUN_LINES = 20
# A page with no blank line is set solid from this many lines (two may be a title
# and its text).
SOLID_PAGE_MIN_LINES = 3


# Characters per sentence or clause mark above which a page is taken as set
# without punctuation (pre-1920s papers); punctuated pages set one every 5 to 15.
UNPUNCTUATED_CHARS = 40
UNPUNCTUATED_MIN = 100
# Commonest first (see `is_unpunctuated`).
PAGE_MARKS = "。，、；：？！.,;:?!"
# Every mark `old_stop_of` and `unpunctuated_of` count: what a caller counting
# for them must count (`diagnose.diagnose_lines`, unit by unit).
COUNTED_MARKS = "".join(dict.fromkeys("。、，,.．｡" + PAGE_MARKS))


# A line that is a whole quotation, closed after its sentence's end: `「老周！」`,
# after each newline of the page's lines (and one put before the first): the
# newline is a literal the search skips to, where `^` under re.M would be tried at
# every character. No quote inside, so the scan is linear.
QUOTED_LINE = re.compile("\n[“「『][^\n“”「」『』]*[。！？…—][”」』](?=\n|$)")
# Lines a page must hold that are whole quotations to set speech apart, and at
# most this many lines to one of them: a news page quotes a line in wrapped
# text now and then (three in 300 lines), a serial's dialogue one line in ten.
SPEECH_APART_MIN = 4
SPEECH_APART_LINES = 12


def sets_speech_apart(corpus: str, lines: int) -> bool:
    """Does the page set its speech as paragraphs of their own, as a serial's
    dialogue is set: a whole quotation on a line of its own, many times over?

    >>> sets_speech_apart("他道：\\n「走！」\\n「去哪？」\\n「回家。」\\n「好！」", 5)
    True
    >>> sets_speech_apart("他说：\\n“走！”\\n记者问。", 3)
    False
    """
    # Most pages quote little: count the openers before the pattern's scan.
    if corpus.count("\n“") + corpus.count("\n「") + corpus.count("\n『") < SPEECH_APART_MIN:
        return False
    quoted = len(QUOTED_LINE.findall("\n" + corpus))
    return quoted >= SPEECH_APART_MIN and quoted * SPEECH_APART_LINES >= lines


def holds_clause_heads(runs: Sequence[Run], column: float = 0.0) -> bool:
    """Does the page hold a series of subheads of two clauses
    (`结对培养，帮助年轻人补短板` … `拓展空间，解除后顾之忧`): two lone lines or
    more between blank lines, each with a clause mark inside and none at its
    end, under wrapped text (a headline above the body may have a comma too)?
    Subheads come in series; a column break right under a paragraph's first
    line leaves one such line. A page with many column breaks leaves several,
    but each fills the `column` (the column ran out) and has its comma where
    the sentence put it; subheads are set to their own lengths, or phrased in
    parallel, their first clause the same length. So one of the lines stops
    short of the column or runs past it, or two have their first mark at the
    same place (`column` unknown, 0: widths not asked). A subhead heads text:
    a lone line closing the page (a notice's `失主：刘先生`, `联系人：王先生`)
    is none."""
    found = 0
    series = column <= 0.0
    marks_at: set[int] = set()
    body = False
    last = len(runs) - 1
    for k, run in enumerate(runs):
        if len(run.lines) > 1:
            body = True
        elif body and k < last:
            line = run.lines[0]
            text = line.text
            mark = CLAUSE_MARK.search(text) if text and text[-1] not in MARK_OR_CLOSER else None
            # A chart's or a page's credit (`制图：X`, `数据来源：X`), which most
            # pages of a daily carry, is a label and its names, not a subhead.
            if mark is not None and text[mark.start()] in "：:" and FOOT_CREDIT.match(text):
                continue
            if mark is not None:
                found += 1
                series = series or abs(line.span - column) > FULL_SLACK or mark.start() in marks_at
                marks_at.add(mark.start())
                if found >= 2 and series:
                    return True
    return False


def is_unpunctuated(corpus: str) -> bool:
    """Is the page set without punctuation? Then a title deck cannot be told from
    wrapped text by its marks, only by its widths (`fills_column`)."""
    return unpunctuated_of(len(corpus), corpus.count)


def unpunctuated_of(length: int, count: Callable[[str], int]) -> bool:
    """`is_unpunctuated` of a text `length` long that `count` counts a mark in."""
    if length < UNPUNCTUATED_MIN:
        return False
    # Each count reads the whole page: commonest mark first, and stop as soon as
    # the page shows enough (on a punctuated page `。` and `，` do).
    marks = 0
    for mark in PAGE_MARKS:
        marks += count(mark)
        if marks * UNPUNCTUATED_CHARS >= length:
            return False
    return True
