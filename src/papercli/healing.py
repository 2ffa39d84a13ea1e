"""Healing: whether a blank line or a page break falls inside a sentence (or, on a
page that indents its paragraphs, inside a paragraph) and is to be closed.

Judged from the line before the gap, the line after it and the runs around them;
see `should_heal`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence

from papercli.bylines import (
    SOURCE_LINE_SPAN,
    ends_source_line,
    is_byline,
    is_dateline_alone,
    opens_dateline,
    opens_wrapped_dateline,
)
from papercli.chars import HANGUL_CHAR, KANA_CHAR
from papercli.column_cuts import runs_on_past_clause_mark
from papercli.dangling import ends_dangling, ends_on_postposition
from papercli.gap_signals import (
    cut_mid_clause,
    ends_as_clause_elsewhere,
    ends_on_item_label,
    ends_on_latin_gloss,
    flush_end_runs_on,
    is_full_line,
    is_verse_couplet,
    opens_on_bound_particle,
    opens_on_particle,
    opens_on_short_clause,
    quote_follows_colon,
    runs_on_as_prose,
)
from papercli.grid import stops_short_on_grid
from papercli.lists import ENUMERATOR, ITEM_BULLETS, item_kind, speaker_of
from papercli.measure import (
    FULL_SLACK,
    Line,
    PageStyle,
    is_set_off,
)
from papercli.runs import Run, local_column
from papercli.signals import (
    BRACKET_REACH,
    CLAUSE_END_CHARS,
    CLAUSE_MARK,
    END_CLOSERS,
    MARK_OR_CLOSER,
    NO_BLOCK_START,
    POINTS,
    PUNCT_MARK,
    SENTENCE_END_CHARS,
    SENTENCE_MARK,
    bracket_runs_on,
    ends_on_comma,
    ends_on_misread_stop,
    ends_sentence,
    has_room_for,
    has_stop_mark,
    is_prose_line,
    reads_on,
)
from papercli.titles import is_cut_title

# A line ending on one of these ends a sentence (see `ends_sentence`); a full
# stop may be a decimal point, which `ends_sentence` tells apart.
SENTENCE_STOPS = SENTENCE_END_CHARS - POINTS


# Why a full line with no mark before a gap ends its block (`--explain`).
PULL_QUOTE_ENDS = "a pull quote ends there: its last words end a clause in the body"


# A bare speech tag after a closing quote (`”` then `肖立权说。`) belongs to the
# quote's paragraph: news style never opens a paragraph with one.
SPEAKER_TAG = re.compile(
    r"^(?![据據])[^，。！？“”「」\s]{1,12}(?:说|說|表示|介绍|介紹|指出|说道|說道)[。，：]"
)


def tags_quote(text: str, next_text: str) -> bool:
    """Does `next_text` open with the speech tag of a quote `text` closes?"""
    return text[-1] in "”」』’" and SPEAKER_TAG.match(next_text) is not None


def set_apart_under_byline(prev: list[Line], run: Run) -> Run:
    """The run `prev` (the run's last block) stands for: only its own lines where a
    byline or credit line of the run sits right above them; else the whole run."""
    k = len(run.lines) - len(prev)
    if k > 0 and run.lines[k] is prev[0] and is_byline(run.lines[k - 1].text):
        return Run(run.lines[k:], run.gap_after)
    return run


def wrapped_column(column: float, run: Run, style: PageStyle) -> float:
    """`column`, or where it is unknown (inf: the page shows none), the widest of
    the run's lines that run on into the next one, as only a full line does (no
    sentence ends there); inf where none does."""
    if column != math.inf:
        return column
    return max(
        (ln.span for ln in run.lines[:-1] if not ends_sentence(ln.text, style)),
        default=math.inf,
    )


def clause_comma(text: str, style: PageStyle) -> str:
    """The comma the text's clauses end on: an old-style page's stop, Japanese
    text's `、` (it sets no `，`: `気象庁によると、新潟県の山沿いで`), else `，`.

    >>> page = PageStyle(16.0, False)
    >>> clause_comma("気象庁によると、新潟県の", page), clause_comma("教育、医疗", page)
    ('、', '，')
    """
    if style.old_style:
        return style.old_stop
    return "、" if KANA_CHAR.search(text) else "，"


def opens_on_label(run: Run, style: PageStyle) -> bool:
    """Does the run open on a label or a title over its text (`招租` / `新閘路三層
    樓洋房…`): a line with no mark, two widths short of the line under it, over
    text that wraps? Running text carried over a column break fills the new
    column's first line; on a page whose paragraphs blank lines set apart, a
    paragraph's last line stopping short there would have a blank line under it.
    A line that stops short only because the next line's first word would not
    fit (Latin text wraps whole words: `cities could have` / `prevented…`) is
    full."""
    lines = run.lines
    if not style.blank_separated or len(lines) < 3:
        return False
    first, second = lines[0], lines[1]
    return (
        first.span < second.span - 2 * FULL_SLACK
        and first.indent < 1
        and second.indent < 1
        and PUNCT_MARK.search(first.text) is None
        and (not second.text[0].isascii() or has_room_for(first, second, second.span))
    )


def bracket_ahead(nxt: list[Line], next_run: Run) -> Sequence[Line]:
    """The lines after a gap where a bracket left open before it may close: the
    next run's first few, whether or not a boundary cut `nxt` (the run's first
    block) short of them."""
    if nxt[0] is next_run.lines[0]:
        return next_run.lines[:BRACKET_REACH]
    return nxt[:BRACKET_REACH]


def should_heal(
    prev: list[Line],
    nxt: list[Line],
    prev_run: Run,
    next_run: Run,
    prev_column: float,
    style: PageStyle,
    corpus: str,
    indented: bool = False,
    headed: bool = False,
    around: Callable[[], str] | None = None,
    why_kept: list[str] | None = None,
) -> bool:
    """Does a blank line (or page break) fall inside a sentence, or, on a page
    that indents its paragraphs (`indented`), inside a paragraph?

    Heal only when the line before the gap is full (the column ran out, not the
    paragraph) and does not end a sentence, and what follows is body text. Where
    indents mark the paragraphs, a full line before the gap and unindented running
    text after it are one paragraph, whatever the line ends with. `around` gives
    the page's text near the gap (`runs.PageText.around`), where a pull quote's words
    are looked for in the body; without it the whole `corpus` is read. A gap kept
    for a reason `--explain` should name (a pull quote's end) adds it to `why_kept`.
    """
    last, first = prev[-1], nxt[0]
    # Closing marks that hung past the column onto a line of their own (`…行的。`
    # over `”`, as a narrow column or OCR leaves them) close the line above:
    # the gap is judged after the two as one line, as full as the line above.
    if len(prev) >= 2 and not last.text.strip(END_CLOSERS):
        above = prev[-2]
        last = above._replace(text=above.text + last.text)
    # An edition's source line (`《人民日报》（2024年05月30日 第 04 版）`) closes its
    # article: nothing runs on after it, however full it is.
    if last.text[-1] in "）)" and ends_source_line([ln.text for ln in prev[-SOURCE_LINE_SPAN:]]):
        return False
    # A line set apart under a byline in its run (`（本报记者 X）` then the next
    # title, no blank line between) opens a block of its own: judge it as the
    # lone line it would be with a blank line above it.
    if len(prev) < len(prev_run.lines):  # most blocks are their whole run
        prev_run = set_apart_under_byline(prev, prev_run)
    # The rules below that heal whatever the widths hold only where the page shows
    # its column or the line before was wrapped: a cleaned page (one line a block,
    # no column) is never healed, so a second clean changes nothing.
    measured = len(prev_run.lines) >= 2 or prev_column != math.inf
    # A stop or closing mark cannot start a line, let alone a paragraph (kinsoku):
    # the text before the gap ran on into it. Decided first, so that a second clean
    # agrees.
    if first.text[0] in NO_BLOCK_START and measured:
        return True
    # So with a Korean particle cut from its word (`…내용` | blank | `의 2025년도`).
    if opens_on_particle(first.text) and measured and HANGUL_CHAR.match(last.text[-1]):
        return True
    # So with an item's label closing the line (`…各商店、（三）`): the item's
    # text is across the gap.
    if measured and ends_on_item_label(last.text):
        return True
    # So with a full-width bracket left open before the gap and closed just after
    # it (`（本报江城5月8日电` | blank | `记者陈海燕、刘晓明）`): brackets do not span
    # paragraphs (`bracket_runs_on`). The close is looked for in the next run's
    # lines, past any boundary that cut them (`…电（` | blank | `记者 X 通讯员` /
    # `Y）今天…`: a byline's shape ends its line's block); on a page too short
    # to show its column, wrapped text there shows the break is the column's.
    if (
        "（" in last.text
        and (measured or len(next_run.lines) >= 2)
        and bracket_runs_on(last.text, [ln.text for ln in bracket_ahead(nxt, next_run)])
    ):
        return True
    # A centred title or a byline set flush right ends its block.
    if style.set_off_lines and is_set_off(last, prev_column):
        return False
    if (
        indented
        and first.indent < 1
        # Lone lines between blank lines are decks and captions, not a column's text.
        and len(prev_run.lines) >= 2
        and len(next_run.lines) >= 2
        and is_full_line(last, first, prev_column)
        and is_full_line(first, next_run.lines[1], prev_column)
        and runs_on_as_prose(next_run, prev_column)
        and not (opens_dateline(first.text) or is_byline(first.text))
        # A bullet or an enumerator opens an item of its own, indented or not.
        and first.text[0] not in ITEM_BULLETS
        and ENUMERATOR.match(first.text) is None
    ):
        return True
    if style.short_line_paragraphs and flush_end_runs_on(
        prev, nxt, prev_run, next_run, style, prev_column
    ):
        return True
    # A gap after a stop mark (no closer after it) is settled here: only a closing
    # quote can tag a speech, and most gaps follow a sentence end.
    if last.text[-1] in SENTENCE_STOPS:
        return False
    # On an old-style page whose blank lines cut sentences elsewhere, a full
    # line's `、` over a full line of prose ends a clause, not the paragraph.
    if (
        style.column_cuts
        and last.text[-1] == style.old_stop
        and last is prev[-1]
        and prev_run.lines[-1] is last
        # A lone line is a paragraph's first, not a column one line tall
        # between two breaks.
        and (len(prev_run.lines) >= 2 or len(prev) == 1)
        and runs_on_past_clause_mark(prev_run, nxt, next_run, prev_column, style)
    ):
        return True
    # On an old-style page set solid, blank lines are column breaks and a full
    # line's `、` ends a clause, as it does inside a run.
    if ends_sentence(last.text, style) and (
        style.blank_separated or last.text[-1] != style.old_stop
    ):
        # A quote closing flush with the column, then its bare speech tag
        # (`…造成的。”` | blank | `汪三贵说，…`): the paragraph goes on, unless an
        # indent or an enumerator opens a block there (the rule below), or the
        # quote's speaker came before it (`…写道：“…。”`). Decided
        # before that rule's regex, as most gaps follow a sentence end, which is
        # never dangling: it ends on a stop mark or a closer.
        return (
            tags_quote(last.text, first.text)
            and not quote_follows_colon(prev)
            and first.indent < 1
            and not ENUMERATOR.match(first.text)
            and not has_room_for(last, first, prev_column)
        )
    # A line ending on a preposition or conjunction (`…坚持以`) stops mid-sentence
    # whatever its width or the indent after it; on a page too short to show its
    # column, also where wrapped text follows. Not on a cleaned page, even where
    # dedupe left such an end.
    # But a lone line with no mark, stopping well short of the page's column,
    # between blank lines, is a title (`线路调整走向`, `大有可为`): a column break
    # leaves the column's last line full. On a page too short to show its column,
    # the wrapped text under it shows one.
    lone_title = (
        len(prev_run.lines) == 1
        and not has_stop_mark(last.text)
        and last.span < wrapped_column(prev_column, next_run, style) - 2 * FULL_SLACK < math.inf
    )
    dangling = (
        (ends_dangling(last.text) or ends_on_postposition(last.text))
        and (measured or len(next_run.lines) >= 2)
        and not lone_title
    )
    # An indent, or a list item's enumerator or the marker of the page's list
    # (an award's `二等奖：`), opens a block of its own.
    if (
        first.indent >= 1
        or ENUMERATOR.match(first.text)
        or (style.item_kinds and item_kind(first.text) in style.item_kinds)
    ) and not dangling:
        return False
    # A colon before a blank line announces what follows as paragraphs of its own
    # (a list, a document, a table); only quoted speech runs on after one, unless
    # the page sets its speech apart (a serial's `低聲道：` | `「少爺…」`).
    if last.text[-1] in "：:" and (first.text[0] not in "“「『‘\"'" or style.speech_apart):
        return False
    if opens_wrapped_dateline(nxt):
        return False
    if is_byline(first.text) or is_byline(last.text):
        return False
    # A label or title opening the next run over its text (an advertisement's
    # `徵求`) is no sentence's continuation, whatever the line before ends on.
    if first is next_run.lines[0] and opens_on_label(next_run, style):
        return False
    if dangling:
        return True
    # A title or note set on one line and cut by the column (`is_cut_title`)
    # opens a block under a full line unless the text runs on into it: a clause
    # left open above, or the words read on across the gap. (Where no mark or
    # only `、` ends clauses, most runs look like titles: not told so there.)
    if (
        first is next_run.lines[0]
        and not (style.unpunctuated or style.old_style)
        and is_cut_title(next_run.lines, prev_column, corpus)
    ):
        return last.text[-1] in CLAUSE_END_CHARS or reads_on(last, first, corpus)
    if (
        len(next_run.lines) == 1
        and PUNCT_MARK.search(first.text) is None
        and not ends_on_misread_stop(first.text)
    ):
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
    # On a page set on a grid, a line a width short with no mark at its end
    # ended its block: a column break leaves a full line.
    if style.grid and not style.old_style and stops_short_on_grid(last, first, column, style):
        return False
    if has_room_for(last, first, column):
        # A comma (or an enumeration comma) never ends a paragraph of modern CJK
        # text: the column was cut short (around a picture, say) mid-sentence.
        # Old-style pages end items so, and a Latin `Dear Sir,` stands alone.
        if (
            ends_on_comma(last.text)
            and not style.old_style
            and measured
            and not is_verse_couplet(prev_run, next_run)
        ):
            return True
        # A short line may still stop mid-sentence: a paragraph of running text
        # that ends on a bare character, with the words running on across the gap.
        return (
            len(prev) >= 2
            and not style.old_style
            and last.text[-1] not in MARK_OR_CLOSER
            # The page-wide search for the character pair goes last.
            and (ends_dangling(last.text) or reads_on(last, first, corpus))
        )
    # (An indented lone line is a paragraph's first on a page that indents
    # its paragraphs, or one that reaches the column; elsewhere it is centred,
    # as a heading is.)
    if len(prev_run.lines) == 1 and (
        last.indent < 1
        or (not indented and last.indent + last.width <= prev_column - FULL_SLACK)
    ):
        # A lone unindented line between blank lines is a heading unless it reads
        # as prose, the words run on, or what follows opens with a clause of one or
        # two characters (`技，…`, `出台。…`: no paragraph starts like that); one
        # set wider than the column is a heading.
        if last.span > column + FULL_SLACK:
            return False
        # Blank lines, not short last lines, set the page's paragraphs apart.
        blank_paragraphs = style.blank_separated and not style.short_line_paragraphs
        return (
            is_prose_line(last, style)
            or (ends_dangling(last.text) and not lone_title)
            or opens_on_short_clause(last.text, first.text)
            or reads_on(last, first, corpus)
            # A line that fills the column over wrapped text is the first line of
            # its paragraph ...
            or (
                last.span >= column - 0.5
                and len(next_run.lines) >= 2
                and (
                    # ... without marks: titles are set to their own measure;
                    style.unpunctuated
                    # ... over text opening on a particle bound to the words
                    # above it, which no subhead runs on into (`…文化礼堂` |
                    # `的欢笑声…`), even where the page's subheads hold commas;
                    or opens_on_bound_particle(last.text, first.text)
                    # ... opening on a dateline, which opens a report's first
                    # paragraph, never a heading (a dateline alone on its line
                    # stands over the dispatch, full or not);
                    or (opens_dateline(last.text) and not is_dateline_alone(last.text))
                    # ... ending on a name glossed in Latin (`…總裁拉加德（Christine
                    # Lagarde）`), which a sentence introduces, on a page whose
                    # blank lines set its paragraphs apart;
                    or (blank_paragraphs and ends_on_latin_gloss(last.text))
                    # ... opening on a turn of the page's dialogue (`答：在中国
                    # 境内…或者城`): no heading opens on a speaker's label;
                    or (bool(style.speakers) and speaker_of(last.text) in style.speakers)
                    or (
                        CLAUSE_MARK.search(last.text) is not None
                        and (
                            # ... with a clause under a title, or after a brief's
                            # bullet (`▲ 为方便居民就医，…`);
                            headed
                            or last.text[0] in ITEM_BULLETS
                            # ... or on a page whose blank lines set its paragraphs
                            # apart, with a column break under it (where short
                            # lines end them, that takes two breaks in a row).
                            or (
                                blank_paragraphs
                                and not style.clause_heads
                                and cut_mid_clause(last.text, clause_comma(last.text, style))
                            )
                        )
                    )
                )
            )
        )
    # On a page of blank-separated paragraphs, a line stopping a width short of
    # the column with no mark, then a paragraph that stops short with none either,
    # and no sentence mark on either side: a deck's points, each a block, not
    # one sentence cut by a column break.
    end = next_run.lines[-1]
    deck = (
        style.blank_separated
        and not (style.old_style or style.unpunctuated)
        and last.span < column - 0.5
        and last.text[-1] not in MARK_OR_CLOSER
        and end.text[-1] not in MARK_OR_CLOSER
        and end.span < column - FULL_SLACK
        and not any(SENTENCE_MARK.search(ln.text) for ln in prev_run.lines)
        and not any(SENTENCE_MARK.search(ln.text) for ln in next_run.lines)
    )
    if deck:
        return False
    # A full line with no mark before a gap is cut mid-sentence, unless it ends
    # a pull quote: its last words end a clause where the body says them.
    # (`around` bounds the search, so a long page stays linear; a short one is
    # read whole.)
    text = around() if around is not None else corpus.replace("\n", "")
    if ends_as_clause_elsewhere(last.text, text):
        if why_kept is not None:
            why_kept.append(PULL_QUOTE_ENDS)
        return False
    return True
