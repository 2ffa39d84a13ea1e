"""Where a paragraph ends inside a run of lines, and why: one break at a time.

`boundary_after` decides one break between two non-blank lines from the signals
of the lines around it (indent, a short line's sentence end, a dateline, a byline,
a list item, a title over a dateline); `papercli.boundary_walk.run_boundaries`
decides the common case (a full line over an ordinary one) inline and asks it
for the rest. The shapes of several lines they consult are
`papercli.boundary_signals`. The reasons are the vocabulary the rest of the
engine reads: `layout` cuts runs at them and counts them to learn how the page
marks its paragraphs (short last lines, or indents: `papercli.paragraph_marks`).
"""

from __future__ import annotations

from collections.abc import Sequence

from papercli.boundary_signals import (
    closes_on_credit,
    indent_is_text_gap,
    is_labelled_title,
    item_after,
    signs_over_date,
    signs_with_dash,
    source_line_at,
    source_line_before,
    titled_over_indent,
    turn_after,
)
from papercli.bylines import (
    BYLINE_LINE,
    is_byline,
    is_byline_of_names,
    is_dateline_alone,
    is_named_byline,
    opens_dateline_on_page,
)
from papercli.chars import HYPHENS
from papercli.credits import CLOSING_CREDIT, PHOTO_CREDIT_LINE, closes_article
from papercli.dangling import (
    DANGLING_ENDS,
    cuts_code_at_hyphen,
    ends_mid_phrase,
)
from papercli.dates import is_page_header_line
from papercli.grid import ends_grid_paragraph, stops_short_on_grid
from papercli.lists import ENUMERATOR, ITEM_BULLETS, ITEM_MARKER_CHARS, SPEAKER_LABEL
from papercli.measure import FULL_SLACK, PARAGRAPH_INDENT, Line, PageStyle, is_set_off
from papercli.pagestyle import WELL_SHORT
from papercli.runs import in_narrow_stretch, latin_wrap_column, local_column
from papercli.serials import ends_chapter_title
from papercli.signals import (
    BRACKET_REACH,
    END_CLOSER_CHARS,
    FULL_STOP_CHARS,
    LEAD_IN_COLONS,
    OPENER_CHARS,
    PUNCT_CHARS,
    SECTION_LABEL,
    SECTION_LABEL_OPENERS,
    bracket_open_across,
    ends_on_misread_stop,
    ends_sentence,
    first_token_width,
    goes_on_in_lower_case,
    has_room_for,
    has_stop_mark,
    is_heading_line,
    is_salutation,
    leaves_open,
)
from papercli.steps.echo_rules import is_line_echo
from papercli.title_lines import SHORT_WITHOUT_MARK, unlabelled

# Boundary reasons the page's paragraph style is counted from.
NEXT_LINE_INDENTED = "next line indented"
NUMBERED_SUBHEAD = "numbered subhead over its paragraph"
SUBHEAD_OVER_TEXT = "subhead over its paragraph's text"
ITEM_AFTER_SENTENCE = "list item after a sentence end"
SPEAKER_TURN = "speaker's turn after a sentence end"
LINE_PRINTED_TWICE = "line printed again on the next line"
SECTION_LABEL_LINE = "section label on its own line"
NEXT_LINE_SET_OFF = "next line set off from the margin"
AFTER_SET_OFF = "after a line set off from the margin"
SHORT_LINE_ENDS_SENTENCE = "short line ends a sentence"
LINE_WELL_SHORT = "line well short of its column"
GRID_LINE_SHORT = "unmarked line a width short on a page set on a grid"
BYLINE_OWN_LINE = "byline on its own line"
DATELINE_OPENS = "dateline opens a paragraph"
CLOSING_CREDIT_OWN = "a report's closing credit ends it"
# A block's first line may have lost a two-em indent and open on a run-in
# subhead set in a wider face (four widths short on the seed page): it must stop
# shorter than that.
FIRST_LINE_SHORT = 5.0
# A line cut after a comma or an opening bracket is inside a sentence, however
# short it is.
CONTINUING_CLAUSE_CHARS = frozenset("，,") | OPENER_CHARS


TITLE_WITH_LABEL = "title closing on a column label"
PAGE_HEADER = "after a page header"
BEFORE_PAGE_HEADER = "a page header follows"
# The characters a page header's page number ends on (`第4版`, `第12页`).
PAGE_NUMBER_ENDS = frozenset("版页頁")
SIGNATURE_OVER_DATE = "a notice's issuer over its date"


CHAPTER_TITLE_ENDS = "a chapter title ends"


def boundary_after(
    lines: Sequence[Line], i: int, style: PageStyle, run_column: float
) -> str | None:
    """Why a paragraph ends after lines[i] inside a run, or None to join."""
    line, nxt = lines[i], lines[i + 1]
    # A line printed again on the next line (a caption's echo) is no column wrap:
    # each copy is a block, and the repeated one goes as a blank line between
    # them would make it go (`dedupe`).
    if nxt.text == line.text and is_line_echo(line.text):
        return LINE_PRINTED_TWICE
    # (a date ends on its day: the cheap test inline, as most lines end on a mark)
    if nxt.text[-1] == "日" and signs_over_date(lines, i, style):
        return SIGNATURE_OVER_DATE
    # A page header at a run's top (`青石日报 2024年5月8日 星期三 第2版`: a date or
    # a page number, alone or with the paper's name) runs into no title under it,
    # however wide it is set.
    if i == 0 and is_page_header_line(line.text):
        return PAGE_HEADER
    # ... or under the paper's name over it (`中央日報` / `民國四十五年五月二十日　星期日`).
    if i == 1 and is_page_header_line(line.text) and is_heading_line(lines[0]):
        return PAGE_HEADER
    # A running head an extraction left between one page's text and the next
    # (`2026年11月30日　星期一　第4版`) is a block of its own wherever it falls: it
    # ends on its page number, which no line of running text ends on unmarked.
    if line.text[-1] in PAGE_NUMBER_ENDS and is_page_header_line(line.text):
        return PAGE_HEADER
    if nxt.text[-1] in PAGE_NUMBER_ENDS and is_page_header_line(nxt.text):
        return BEFORE_PAGE_HEADER
    if nxt.text[0].islower() and goes_on_in_lower_case(nxt.text):
        return None
    # A full-width bracket left open at the line's end and closed a line or two
    # on is no paragraph's end, whatever sets the next line off (an indent, a
    # byline's shape): brackets do not span paragraphs.
    # So with one opened on the line above, this line a byline's names or running
    # text inside it (`…电（` / `记者 X 通讯员` / `Y）今天…`). (The helper's own
    # bracket tests are asked first, inline: most lines hold no bracket and so
    # build no list of the lines ahead.)
    if ("（" in line.text or (i and "（" in lines[i - 1].text)) and bracket_open_across(
        lines[i - 1].text if i else None,
        line.text,
        [ln.text for ln in lines[i + 1 : i + 1 + BRACKET_REACH]],
    ):
        return None
    # A code cut at its own hyphen (`COVID-` / `19 rules`) runs on, however short.
    # (Both tests here ask the line's end first, inline: most lines end on neither.)
    end = line.text[-1]
    if end in HYPHENS and cuts_code_at_hyphen(line.text, nxt.text):
        return None
    # A line ending on a preposition or conjunction runs on (as across a blank
    # line: see `should_heal`), unless a dateline or byline follows, or a
    # paragraph opens under it (`titled_over_indent`: a title may end on a
    # word such as `参与`).
    if (
        end in DANGLING_ENDS
        and ends_mid_phrase(line.text)
        and not (opens_dateline_on_page(nxt.text, style.paper_datelines) or is_byline(nxt.text))
        and not titled_over_indent(line, nxt, run_column)
    ):
        return None
    # A title centred or a byline set flush right is a block of its own, but no
    # sign that the page indents its paragraphs.
    set_off = style.set_off_lines and is_set_off(nxt, run_column)
    if set_off != (style.set_off_lines and is_set_off(line, run_column)):
        if set_off:
            return NEXT_LINE_SET_OFF
        return NEXT_LINE_INDENTED if nxt.indent >= 1 else AFTER_SET_OFF
    # Some extractions separate list items with ideographic spaces, which then
    # start lines too: an "indent" after a full line cut mid-sentence is one of those.
    if (
        nxt.indent >= 1
        and not set_off  # the lines of a centred title are no paragraphs
        and nxt.indent > line.indent - 0.5
        and not indent_is_text_gap(line, nxt, run_column, style.narrow_indents)
        and (
            line.span < run_column - 0.5
            or line.text[-1] in PUNCT_CHARS
            or line.text[-1] in END_CLOSER_CHARS
            or ends_on_misread_stop(line.text)
            # Two lines in a row on a paragraph's indent, each opening on a
            # label's colon: the first is a row of its own filling the column
            # with no mark (a forecast's, `　　北山：雨夹雪，…北风4-5级`), not
            # text cut mid-sentence (items set apart by spaces open on bullets).
            or (
                line.indent >= PARAGRAPH_INDENT
                and abs(nxt.indent - line.indent) < 0.5
                and SPEAKER_LABEL.match(nxt.text) is not None
                and SPEAKER_LABEL.match(line.text) is not None
            )
            # A title over an indented paragraph: set wider than the column, or
            # as wide as it with no mark at all over a paragraph that opens on a
            # word (list items set apart by spaces open on a bullet).
            or (
                is_heading_line(line)
                and (
                    line.span > run_column + FULL_SLACK
                    or (
                        not has_stop_mark(line.text)
                        and nxt.text[0].isalnum()
                        and line.indent < 1
                    )
                )
            )
        )
    ):
        return NEXT_LINE_INDENTED
    if nxt.text[0] in "（(" and ends_sentence(line.text, style):
        # A photograph's credit (`（王晓东摄）`) belongs to the caption it follows,
        # on its line, however short the caption's last line is.
        if PHOTO_CREDIT_LINE.match(nxt.text):
            return None
        if CLOSING_CREDIT.match(nxt.text):
            return "source credit on its own line"
    # An edition's source line (`《人民日报》（2024年05月30日 第 04 版）`), wrapped
    # or not, is a line of its own after a sentence end, and nothing runs on after it.
    if nxt.text[0] == "《" and ends_sentence(line.text, style) and source_line_at(lines, i + 1):
        return SOURCE_LINE_OWN
    if line.text[-1] in "）)" and source_line_before(lines, i):
        return SOURCE_LINE_OWN
    if line.text[-1] == "）" and closes_on_credit(lines, i):
        return CLOSING_CREDIT_OWN
    # Where no blank line sets titles apart, a title closing on its column's label
    # (`解好基层治理“方程式”（人民论坛）`) is a block of its own on a modern page,
    # however wide it is set: it opens its block (at a run's top, after a sentence
    # end, or under another title line) and leaves no quote open. Running text
    # that ends a line on a bracket has its clause marks (old pages' do not).
    if not style.old_style and not style.blank_separated:
        if (
            is_labelled_title(line.text)
            and (
                i == 0
                or ends_sentence(lines[i - 1].text, style)
                # under a title line: one set wider than the column, or short
                or abs(lines[i - 1].span - run_column) > FULL_SLACK
            )
            and not leaves_open(line.text)
            # a dateline closing on its byline (`本报讯（记者 X）`) filling a
            # narrow line opens its paragraph, which runs on under it
            and not opens_dateline_on_page(line.text, style.paper_datelines)
        ):
            return TITLE_WITH_LABEL
        if (
            ends_sentence(line.text, style)
            and is_labelled_title(nxt.text)
            and not leaves_open(nxt.text)
        ):
            return TITLE_WITH_LABEL
    # `核心阅读`, `编者的话`: a section label stands between a headline and its text.
    if (nxt.text[0] in SECTION_LABEL_OPENERS and SECTION_LABEL.match(nxt.text)) or (
        line.text[0] in SECTION_LABEL_OPENERS and SECTION_LABEL.match(line.text)
    ):
        return SECTION_LABEL_LINE
    if nxt.text[0] in ITEM_MARKER_CHARS and item_after(lines, i, style, run_column):
        return ITEM_AFTER_SENTENCE
    if style.speakers and turn_after(line, nxt, style):
        return SPEAKER_TURN
    # A dateline opens a news item: after a sentence end it starts a paragraph
    # even under a full line (pages set solid run items on without a gap).
    if opens_dateline_on_page(nxt.text, style.paper_datelines) and (
        ends_sentence(line.text, style)
        # under a title: a short line with no mark
        or (line.span < run_column - 2 * FULL_SLACK and not has_stop_mark(line.text))
        # or under a paragraph's last line, short with no comma or opening mark
        # at its end (`…傷者二百人` / `（香港廿二日電）`), also where clause marks
        # end lines everywhere (an old page's `、`): no sentence runs into a dateline
        or (
            line.span < run_column - 2 * FULL_SLACK
            and (line.text[-1] not in CONTINUING_CLAUSE_CHARS or line.text[-1] == style.old_stop)
        )
        # or one as wide as the column on a punctuated page (a sentence runs on
        # into no dateline; an unpunctuated page's text has no marks either),
        # unless it is a byline (see BYLINE_OWN_LINE below)
        or (
            not style.unpunctuated
            and not has_stop_mark(line.text)
            and not is_byline(line.text)
        )
        # a dateline set on a short line of its own, under a title line of any
        # width (a subtitle set wider than the column)
        or (
            nxt.span < run_column - FULL_SLACK
            and is_dateline_alone(nxt.text)
            and not has_stop_mark(line.text)
        )
    ):
        return DATELINE_OPENS
    # The credit closing the paragraph above (after its sentence end) ends there
    # too; a dateline in the same brackets opens its paragraph after a title. At a
    # run's top, a credit or end mark (`closes_article`: no dateline) closes the
    # article above the blank line, and the next one starts under it.
    # (On an old-style page a dispatch's dateline in brackets, `（重慶十四日美聯電）`,
    # opens the text under it, there where `、` ends every clause above it.)
    if line.text[0] in "（(" and (
        (
            i > 0
            and (CLOSING_CREDIT.match(line.text) or closes_article(line.text))
            and ends_sentence(lines[i - 1].text, style)
            and not (style.old_style and is_dateline_alone(line.text))
        )
        or (i == 0 and closes_article(line.text))
    ):
        return "after a source credit"
    # A short line with no stop or clause mark right after a sentence end is a
    # heading set on the body's lines (the boundary after it is found below).
    if (
        not style.run_is_paragraph
        and nxt.span < run_column - 2 * FULL_SLACK
        and ends_sentence(line.text, style)
        and not has_stop_mark(nxt.text)
        and nxt.text[0] not in "（("  # a pen name may close its paragraph: papers differ
    ):
        return "heading after a sentence end"
    # A numbered subhead (`二、强化资金保障`) over its paragraph, at a run's top or
    # after a sentence end. Measured against the line below: a short run's
    # median may be the subhead's own width.
    if (
        line.span < nxt.span - 2 * FULL_SLACK  # first: most lines are no subhead's
        and ENUMERATOR.match(line.text)
        and (i == 0 or ends_sentence(lines[i - 1].text, style))
        and line.indent + line.span + first_token_width(nxt.text) < nxt.span - FULL_SLACK
        and is_heading_line(line)
        and not has_stop_mark(line.text)
        and has_stop_mark(nxt.text)
    ):
        return NUMBERED_SUBHEAD
    # A subhead set on its paragraph's run with no blank line between
    # (`专家：应兼顾居民权益`): a modern page's run opens on a line of heading shape,
    # with no mark but a label's colon, two thirds as wide as the text below it
    # or less. (A sentence's fragment after a column break has its clause marks;
    # an old page's ragged lines and the dispatch under a dateline are left alone;
    # a line the next line's first piece would not fit, a long Latin word or an
    # address, is wrapped text.)
    if (
        i == 0
        and not style.old_style
        and 3 * (line.indent + line.span) <= 2 * nxt.span
        and line.indent + line.span + first_token_width(nxt.text) < nxt.span - FULL_SLACK
        and len(lines) >= 3
        and is_heading_line(line)
        and not has_stop_mark(unlabelled(line.text))
        and has_stop_mark(nxt.text)
        and not opens_dateline_on_page(line.text, style.paper_datelines)
    ):
        return SUBHEAD_OVER_TEXT
    # `本报记者 X` or `——编 者` never runs on from a line nor into the next one;
    # nor into another byline (`本报通讯员 Y`), however wide the two are set.
    # A line of names only is a byline at any width (`is_byline_of_names`).
    if is_named_byline(nxt.text) and (
        nxt.span < run_column - 2 * FULL_SLACK
        or is_named_byline(line.text)
        or is_byline_of_names(nxt.text)
    ):
        return BYLINE_OWN_LINE
    # (On a page whose paragraphs blank lines set apart, a full line of names with
    # text under it in its run opens that text: `本报记者 李明 通讯员 王芳 近日` /
    # `从县教育局获悉，…`; a byline there has a blank line under it.)
    if is_named_byline(line.text) and (
        line.span < run_column - 2 * FULL_SLACK
        or (is_byline_of_names(line.text) and not style.blank_separated)
    ):
        return "after a byline line"
    # A dash signature after the text it signs (`——东城区 居民 X`) ends its
    # block, however the short run around it measures its column.
    if line.text[0] == "—" and signs_with_dash(lines, i, style, run_column):
        return DASH_SIGNATURE
    # Most lines fill the run's column; only a shorter one needs its local column.
    if line.span >= run_column - 0.5:
        return None
    # A run's first line has no paragraph above it to measure against: only a
    # line shorter than the one below it was cut short on purpose.
    column = local_column(lines, i, run_column)
    if line.text[-1].isascii() and nxt.text[0].isascii():
        column = max(column, latin_wrap_column(lines, i, run_column))
    if i == 0:
        column = min(column, nxt.span)
    elif in_narrow_stretch(lines, i, style):
        column = line.span
    if not has_room_for(line, nxt, column):
        # A justified column leaves a line short only where the next line's first
        # piece would not fit (`first_token_width`): a full stop a width short of
        # it, with room for that piece, ended its paragraph. A gap in the line
        # spread it to the column; a wider run's lines hang their last mark.
        if (
            style.justified
            and line.span + first_token_width(nxt.text) <= min(column, style.column) + 1e-9
            and " " not in line.text
            and ends_sentence(line.text, style, FULL_STOP_CHARS)
            and not BYLINE_LINE.match(nxt.text)
        ):
            return SHORT_LINE_ENDS_SENTENCE
        # On a page set on a grid, a line a width short with no mark at its
        # end ended its block (`stops_short_on_grid`).
        grid = style.grid and not style.run_is_paragraph
        if grid and stops_short_on_grid(line, nxt, column, style):
            return GRID_LINE_SHORT
        return None
    if line.trailing_space and style.trailing_space_marks and not nxt.first.isascii():
        return "short line"
    # A chapter title's last line (`第十七囘　…一字` / `爲師可以折獄`) ends it, where
    # a page set solid ends no paragraph on a short line without a full stop.
    # (Both tests ask the lines' first character first: most open on another.)
    if (line.text[0] == "第" or (i and lines[i - 1].text[0] == "第")) and ends_chapter_title(
        lines, i
    ):
        return CHAPTER_TITLE_ENDS
    # A bracketed byline the line above had room for was set on its own line.
    if (
        nxt.text[0] in "（("
        and line.span + nxt.span <= column - FULL_SLACK
        and BYLINE_LINE.match(nxt.text)
    ):
        return BYLINE_OWN_LINE
    # On old-style pages `、` ends clauses everywhere, and paragraphs are set
    # apart by blank lines: inside a run only a full stop ends a paragraph, or
    # a short line under lines set on a grid (a page set solid, its paragraphs
    # shown by short last lines only).
    if ends_sentence(line.text, style) and not (
        style.run_is_paragraph
        and line.text[-1] == style.old_stop
        and not ends_grid_paragraph(lines, i, column)
    ):
        return SHORT_LINE_ENDS_SENTENCE
    # ... but a bullet (`▲`) opens an item there however the lines are set (no
    # sign of the page's paragraph style: not counted as a short line's end).
    if style.run_is_paragraph and line.text[-1] == style.old_stop and nxt.text[0] in ITEM_BULLETS:
        return ITEM_AFTER_SENTENCE
    # A lead-in's colon stopping short on a grid (`茲錄其宣言全文於後：`): the
    # text it announces opens a paragraph.
    if (
        style.run_is_paragraph
        and line.text[-1] in LEAD_IN_COLONS
        and ends_grid_paragraph(lines, i, column)
    ):
        return LINE_WELL_SHORT
    if not style.run_is_paragraph:
        # A short line with no stop or clause mark ends a heading or a lead line.
        if not has_stop_mark(line.text):
            return SHORT_WITHOUT_MARK
        # Wrapped prose stops well short of its column only where its block ends
        # (a title's last line, a list's lead-in); a comma or an open quote there
        # still reads on. A run's first line has no line above to tell it by; a
        # block's first line (after a short one) must stop much shorter.
        if i > 0 and line.indent < 1:
            # ... unless it has a heading's shape: a lost indent opens on a
            # run-in subhead that ends its sentence.
            opens_block = lines[i - 1].span < column - FULL_SLACK and not is_heading_line(line)
            if (
                column - line.span >= (FIRST_LINE_SHORT if opens_block else WELL_SHORT)
                and line.text[-1] not in CONTINUING_CLAUSE_CHARS
                and not leaves_open(line.text)
            ):
                return LINE_WELL_SHORT
        # A run's first line that is a salutation or a lead-in (`编辑同志：`,
        # `同志们、朋友们：`) well short of the line under it: no column cut
        # it there, and the text under it opens on its own line.
        if (
            i == 0
            and column - line.span >= FIRST_LINE_SHORT
            and is_salutation(line.text)
        ):
            return LINE_WELL_SHORT
    return None


SOURCE_LINE_OWN = "an edition's source line on its own line"
DASH_SIGNATURE = "dash signature after the text it signs"
