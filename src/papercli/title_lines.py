"""Title lines set on the body's own lines: headings on pages where no blank
line sets them apart from the text (pages that indent their paragraphs, or are
set solid). `set_apart_boundaries` finds title lines between paragraphs,
`group_title_lines` groups them into headlines, and `title_stack` finds title
lines stacked over a run's text. Heading shape itself is `papercli.titles`'.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

from papercli.bylines import is_byline, is_named_byline, opens_dateline
from papercli.columns import is_korean_prose
from papercli.credits import PHOTO_CREDIT_LINE
from papercli.dangling import ends_dangling
from papercli.dates import is_page_header_line
from papercli.measure import FULL_SLACK, Line, PageStyle, is_set_off, make_line
from papercli.page import BlockKind
from papercli.runs import SPAN, Run, local_column
from papercli.signals import (
    MAX_HEAD_LINE,
    MAX_HEADING_LINES,
    SECTION_LABEL,
    SUBHEAD_LABEL,
    ends_sentence,
    first_token_width,
    has_stop_mark,
    is_heading_line,
    leaves_open,
)
from papercli.titles import (
    is_title_deck,
)

# How much room (in columns) a line must leave for the next line's first piece.
INDENT_PAGE_SHORT = 3.0
# `boundaries`' reason for a line a little short with no stop or clause mark:
# a heading's or a lead line's end.
SHORT_WITHOUT_MARK = "short line without punctuation"


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
        if need > limit:
            # Nor is a line short by less than that, with no mark, the end of a
            # heading over an unindented line in the middle of a run: the
            # paragraph under a heading opens indented. It is wrapped text a
            # few half-width quotes left short (`…综合执法队稽查科副` / `科长李勇说，`).
            if (
                indented
                and out[i] == SHORT_WITHOUT_MARK
                and i > 0
                and line.indent < 1
                and nxt.indent < 1
                and not (opens_dateline(nxt.text) or is_byline(nxt.text))
            ):
                out[i] = None
            continue
        if ends_dangling(line.text):
            continue
        # Short against its neighbours' column as well; or two title lines in a
        # row (no stop or clause mark in either), where a stack of titles looks
        # like a narrowed column.
        short[i] = need <= local_column(lines, i, column) - room or (
            out[i] is None
            and is_heading_line(line)
            and is_heading_line(nxt)
            and not (has_stop_mark(line.text) or has_stop_mark(nxt.text))
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
            and not opens_dateline(line.text)
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
                (short[i] and not has_stop_mark(line.text)) or span > wide_title
            ):
                out[i] = "title over the first indented paragraph"
    last = len(lines) - 1
    for i in range(last):
        nxt = lines[i + 1]
        if (
            out[i] is None
            and (
                short[i + 1]
                # Over an indented paragraph start, a line with no mark at all needs
                # only to fall short of the column: narrow columns leave titles
                # little room.
                or (
                    indented
                    and i + 2 <= last
                    and lines[i + 2].indent >= 1
                    and nxt.indent < 1
                    and nxt.span <= column - FULL_SLACK
                    and not has_stop_mark(nxt.text)
                )
            )
            and (i + 1 == last or out[i + 1] is not None)
            and is_heading_line(nxt)
            and ends_sentence(lines[i].text, style)
            # a photograph's credit runs on after its caption's closing mark
            and not (nxt.text[0] in "（(" and PHOTO_CREDIT_LINE.match(nxt.text))
        ):
            out[i] = "lone short line after a sentence end"
    return out


TITLE_LINES = "title lines set between paragraphs"


# `制图：张丹峰`, `数据来源：国家统计局`: a short label and a name, not a title.
LABELLED_CREDIT = re.compile(r"^[^：:]{1,6}[：:][^：:]{1,12}$")
# `张 译`, `陈　彦`: a two-character name spaced out to the width of three, as an
# author's name is set under a title; no title is two words of one character.
# PDF extraction often gives the space as a no-break one (`姜\u00a0昆`).
SPACED_NAME = re.compile("^[\u4e00-\u9fff][ \u3000\u00a0]{1,2}[\u4e00-\u9fff]$")


HEADLINE_GROUP = {TITLE_LINES: BlockKind.HEADLINE}
# What a signature or a subtitle opens on.
SIGN_DASHES = ("——", "－－")


def stands_as_deck(lines: Sequence[Line]) -> bool:
    """Would these lines, cut out of their run as a headline, be read as one
    again once a clean sets them between blank lines? `page_columns` keeps a
    run of its own as a heading only if it is a title deck and no Korean prose
    (`is_korean_prose`: lines of one width over a last no wider), so a deck
    made inside a run must pass both, or the second clean joins it."""
    return is_title_deck(lines) and not is_korean_prose(lines)


def reads_as_deck(texts: Sequence[str]) -> bool:
    """`stands_as_deck` of a headline's texts as a step rewrote them: a step
    that collapses an echo in a deck's line must leave a deck (a doubled last
    line halved under Korean lines of one width leaves Korean prose)."""
    return stands_as_deck([make_line(number, text) for number, text in enumerate(texts, 1)])


def group_title_lines(
    segments: list[tuple[list[Line], str]], column: float
) -> list[tuple[list[Line], str]]:
    """Consecutive title lines set between paragraphs (on an indented or solid
    page, where no blank line sets them apart) make one headline: segments whose
    every line has heading shape and, past a single line, is short (lines of
    running text fill the column). A bracketed line under them (a pen name
    `（紛紜）`, an instalment `（三三五）`), a reporter's byline (`本报记者 X`) and a
    labelled credit (`制图：X`) stand apart, as blank lines set them apart
    elsewhere, and so does an author's two-character name spaced out (`张 译`).
    Only a group a cleaned page would show as a headline again
    (`stands_as_deck`) is made one, so a second clean changes nothing; short
    lines closing the run head nothing (captions or credits at a foot)."""
    out: list[tuple[list[Line], str]] = []
    group: list[tuple[list[Line], str]] = []
    short = column - 2 * FULL_SLACK

    def flush(headed: bool = True) -> None:
        lines = [ln for seg, _ in group for ln in seg]
        # A line longer than any heading's (a one-line segment may be) is body
        # text over other lines: a clean would read it as the text the column
        # cut (`columns.cut_at_column`), and join the lines under it.
        if headed and stands_as_deck(lines) and (
            len(lines) == 1 or all(len(ln.text) <= MAX_HEAD_LINE for ln in lines)
        ):
            out.append((lines, TITLE_LINES))
        else:
            out.extend(group)
        group.clear()

    def is_title(line: Line) -> bool:
        # An indented short line opens a paragraph; a centred one is a title's.
        return (
            (line.indent < 1 or is_set_off(line, column))
            and is_heading_line(line)
            and not is_byline(line.text)
            and not is_named_byline(line.text)
            and not LABELLED_CREDIT.match(line.text)
            and not SPACED_NAME.match(line.text)
            and not SECTION_LABEL.match(line.text)
            # A page header (the date, the page's number) heads no article.
            and not is_page_header_line(line.text)
            # A dateline on its own line opens the dispatch under the titles.
            and not opens_dateline(line.text)
        )

    for seg, reason in segments:
        title = all(map(is_title, seg)) and (len(seg) == 1 or all(ln.span < short for ln in seg))
        if title and not group and seg[0].text.lstrip().startswith(SIGN_DASHES):
            # A dash line under a title is its subtitle (`——记一位乡村教师`); after
            # text, it signs that text (`——河西区 读者 X`) and heads nothing below.
            title = False
        if group and not title:
            flush()
        if title:
            group.append((seg, reason))
            continue
        out.append((seg, reason))
    flush(headed=False)
    return out


def unlabelled(text: str) -> str:
    """The line without a label before a colon (`专家：利率走势仍是关键变量`)."""
    # Most lines have no colon: a substring test costs less than a regex call.
    if "：" not in text and ":" not in text:
        return text
    return SUBHEAD_LABEL.sub("", text, count=1)


def unmarked_top(lines: Sequence[Line], limit: int, labels: bool = False) -> int:
    """How many of the first `limit` lines have no stop or clause mark (but,
    with `labels`, a label's colon), leave nothing open and are no byline or
    section label."""
    k = 0
    while k < limit:
        text = lines[k].text
        if (
            has_stop_mark(unlabelled(text) if labels else text)
            or leaves_open(text)
            or is_named_byline(text)  # `本报记者 X` under the titles stands apart
            or SECTION_LABEL.match(text)  # and so does `核心阅读`
            or is_page_header_line(text)  # a page header heads no article
        ):
            break
        k += 1
    return k


def title_stack(run: Run, column: float, style: PageStyle) -> int:
    """How many lines at the top of a run are a headline set directly above its
    body, with no blank line between: two or more short lines with no stop or
    clause mark and no open quote, followed by a full line of running text. Zero
    when there is no such stack (a single title line is a boundary already)."""
    lines = run.lines
    if style.old_style or column == math.inf or len(lines) < 3:
        return 0
    # Most runs open with a line of running text: no stack, and no need to sort.
    # (A subhead's number, `一、`, is no mark: `has_stop_mark`.)
    # A subtitle's label (`专家：`) is no mark either; taking it off leaves no mark
    # the line had not, and most lines have no colon (`unlabelled` returns them).
    if has_stop_mark(unlabelled(lines[0].text)) or has_stop_mark(unlabelled(lines[1].text)):
        return 0
    # The titles and a short last line pull a short run's median down: measure the
    # body by its upper quartile instead.
    spans = sorted(ln.span for ln in lines)
    column = max(column, spans[(3 * len(spans)) // 4])
    limit = min(len(lines) - 1, MAX_HEADING_LINES)
    # A reporter's byline under lines with no mark (but a subtitle's label,
    # `专家：`) shows them a title whatever their widths (a title set larger
    # fills or passes the column); elsewhere only short lines with no mark are.
    k = unmarked_top(lines, limit, labels=True)
    if not is_named_byline(lines[k].text):
        k = unmarked_top(lines, limit)
        k = next((j for j in range(k) if lines[j].span >= column - 2 * FULL_SLACK), k)
    # The body starts below the titles, or below a reporter's byline or a section
    # label under them.
    under = lines[k].text
    set_apart = is_named_byline(under) or SECTION_LABEL.match(under)
    body = k + 1 if k + 1 < len(lines) and set_apart else k
    if k < 2 or lines[body].span < column - FULL_SLACK:
        return 0
    # Lines of one width are a narrow column flowing round a picture, not titles
    # (a title and its subtitle are set to their own lengths).
    widths = [ln.span for ln in lines[:k]]
    if max(widths) - min(widths) <= FULL_SLACK:
        return 0
    # Only a stack the cleaned page shows as a headline again (no dateline in it).
    if not stands_as_deck(lines[:k]):
        return 0
    return k
