"""The shapes of a few lines around a break that `papercli.boundaries` consults,
each a family of signals that a paragraph ends there whatever the lines' widths:
a list item or a speaker's turn after a sentence end, a title closing on a
column's label, an edition's source line, a letter's signature, a notice's
issuer over its date, a title over a dateline.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from papercli.bylines import (
    SOURCE_LINE_SPAN,
    ends_source_line,
    is_signature,
    is_source_line,
    opens_dateline,
)
from papercli.dangling import CONJUNCTION_ENDS
from papercli.dates import NOTICE_DATE
from papercli.lists import (
    CLOCK_KIND,
    ITEM_BULLETS,
    ITEM_MARKER_CHARS,
    PRIZE_KIND,
    item_kind,
    marker_number,
    opens_item,
    speaker_of,
)
from papercli.measure import (
    FULL_SLACK,
    ONE_EM,
    PARAGRAPH_INDENT,
    Line,
    PageStyle,
    gap_width,
    is_han,
)
from papercli.runs import STOPS_ONLY
from papercli.signals import (
    LEAD_IN_COLONS,
    MAX_HEADING_LINES,
    ends_sentence,
    has_room_for,
    has_stop_mark,
    is_heading_line,
)
from papercli.title_lines import SIGN_DASHES
from papercli.titles import ends_on_label, is_title_deck


def is_labelled_title(text: str) -> bool:
    """A line with no stop or clause mark that closes on a column's label in
    brackets: `彰显治理价值（人民观点）`, `稳中提质(权威发布)`."""
    return text[-1] in "）)" and ends_on_label(text) and not has_stop_mark(text)


# What a line before an item of the page's list ends on: a lead-in's colon, or
# the semicolon that ends the item before (`少吃腌制食品；` / `第二，…`), whose
# first line may be lines above.
ITEM_LEAD_OR_END = LEAD_IN_COLONS | frozenset("；;")


# The kinds of item whose marker alone opens one: an award or a listing's time
# ends its item on a name, with no mark.
MARKED_ALONE = frozenset({PRIZE_KIND, CLOCK_KIND})


def item_after(lines: Sequence[Line], i: int, style: PageStyle, run_column: float) -> bool:
    """Does `lines[i + 1]` open a list item after `lines[i]` (ITEM_AFTER_SENTENCE)?

    After a sentence end, a dash pair or a bullet opens a list item, or an
    attribution, even under a full line: running text never opens a line so.
    (Under a short line the page's paragraph style decides, as it counts them.)
    Where the page's lines show a list (a kind of marker opens several of them,
    `PageStyle.item_kinds`), so does a keyboard bullet (`- `), and any item's
    marker (`①`, `（1）`, `一、`) opens one after a lead-in's colon
    (`具体措施如下：`), after the end of an item of its kind, short or full
    (short items of one width look like a column narrowed around a picture),
    and after the semicolon that ends an item of several lines, or after any
    sentence end filling its line where it numbers the item after the run's
    last one (`follows_previous_item`). An award's label or a listing's time
    (`MARKED_ALONE`) opens its item after any line.
    """
    line, nxt = lines[i], lines[i + 1]
    if style.old_style and old_bullet_item(line.text, nxt.text, style.old_stop):
        return True
    if (
        # Full: no room left for the next line's first piece (a line a width
        # short may be either; only its sentence's end tells).
        not has_room_for(line, nxt, run_column)
        and opens_item(nxt.text, style.item_kinds)
        and ends_sentence(line.text, STOPS_ONLY)
    ):
        return True
    if not style.item_kinds:
        return False
    kind = item_kind(nxt.text)
    return kind in style.item_kinds and (
        kind in MARKED_ALONE
        or line.text[-1] in ITEM_LEAD_OR_END
        or (
            ends_sentence(line.text, STOPS_ONLY)
            and (
                item_kind(line.text) == kind
                # (under a short line the page's paragraph style decides, as above)
                or (
                    not has_room_for(line, nxt, run_column)
                    and follows_previous_item(lines, i, kind)
                )
            )
        )
    )


def old_bullet_item(text: str, nxt: str, old_stop: str) -> bool:
    """On an old-style page, does a bullet open an item after a line ending on
    the page's clause mark (`…以維民食、` / `▲當局之對策　…`)? `、` there ends
    paragraphs as well as clauses, so it is the sentence end a bullet opens an
    item after, the line above full or short (running text never opens a line
    on a bullet). Not a bullet doubled: a run of them is a heading's ornament
    (`●●●●`), and `○○` stands for a censored word in the sentence.

    >>> old_bullet_item("務須平價出售、以維民食、", "▲當局之對策", "、")
    True
    >>> old_bullet_item("日軍在", "○○登陸、", "、"), old_bullet_item("據報、", "○○方面", "、")
    (False, False)
    """
    return (
        text[-1] == old_stop
        and nxt[0] in ITEM_BULLETS
        and nxt[1:2] != nxt[0]
    )


# How many lines above a numbered item its predecessor's first line is looked
# for: an item's length, the check bounded.
ITEM_LOOKBACK = 24


def follows_previous_item(lines: Sequence[Line], i: int, kind: str) -> bool:
    """Does `lines[i + 1]`, opening an item of `kind`, number the one after the
    last item of that kind opening a line above (`三、…` lines above, `四、` now)?
    Its predecessor's first line is then lines above, and the line before ends
    that item's last sentence, however wide (flush with the column, it shows no
    other sign). A number out of sequence (`一、` cited in running text) is none."""
    number = marker_number(lines[i + 1].text)
    if number is None or number < 2:
        return False
    for line in reversed(lines[max(0, i - ITEM_LOOKBACK) : i]):
        if line.text[0] in ITEM_MARKER_CHARS and item_kind(line.text) == kind:
            return marker_number(line.text) == number - 1
    return False


def indent_is_text_gap(
    line: Line, nxt: Line, run_column: float, narrow_indents: bool = False
) -> bool:
    """Are the spaces opening `nxt` a gap inside the text that the wrap moved to a
    line start, not a paragraph's indent? A PDF extraction leaves runs of spaces
    between Han characters (`保持直  立姿勢`, `新华社电  记者…`); wrapped there,
    they open the next line. So: less than the indent the page's paragraphs
    open on (two ems, or one on a page of `narrow_indents`), between two Han
    characters (a paragraph ends on a mark, a title seldom fills the column),
    under a line that fills the column once its own gaps count."""
    return (
        nxt.indent < (ONE_EM if narrow_indents else PARAGRAPH_INDENT)
        and is_han(line.text[-1])
        and is_han(nxt.text[0])
        and line.span + gap_width(line.text) >= run_column - 0.5
    )


def turn_after(line: Line, nxt: Line, style: PageStyle) -> bool:
    """Does `nxt` open a speaker's turn of the page's dialogue (`记者：`, `张三：`,
    `PageStyle.speakers`) after a sentence end, short or full? A turn that ends
    flush with the column shows no other sign of its end."""
    # The label first: most lines open on none, and the match is one call in C.
    return speaker_of(nxt.text) in style.speakers and ends_sentence(line.text, STOPS_ONLY)


def source_line_at(lines: Sequence[Line], i: int) -> bool:
    """Do `lines[i:]` open on an edition's source line (`is_source_line`), wrapped
    into up to `SOURCE_LINE_SPAN` lines?"""
    text = ""
    for line in lines[i : i + SOURCE_LINE_SPAN]:
        text += line.text
        if text[-1] in "）)":
            return is_source_line(text)
    return False


def source_line_before(lines: Sequence[Line], i: int) -> bool:
    """Does `lines[i]` end an edition's source line, wrapped or not?"""
    top = max(0, i + 1 - SOURCE_LINE_SPAN)
    return ends_source_line([ln.text for ln in lines[top : i + 1]])


def signs_off(lines: Sequence[Line], i: int, short: float) -> bool:
    """Is the short line `lines[i]` a letter's signature (`is_signature`: 读者 王小明,
    一位老党员) at the end of its text: the run's last line, or over a short one (the
    next title, on a page set solid)? Under a full line it is left to
    `boundary_after`, which keeps it after a sentence end."""
    text = lines[i].text
    return (
        (" " in text or "\u3000" in text or text[0] == "一")
        and (i + 1 == len(lines) or lines[i + 1].span < short)
        and is_signature(text)
    )


def signs_over_date(lines: Sequence[Line], i: int, style: PageStyle) -> bool:
    """Is `lines[i]` a notice's issuer over the date closing the run
    (`东海市图书馆` / `2024年5月30日`): a line with no mark after a sentence end
    (or at the run's top), over a date alone on the run's last line? Set as
    wide as the column, the issuer would read as wrapped text running on."""
    return (
        i + 2 == len(lines)
        # (a date ends on its day: most runs' last lines end on a mark)
        and lines[i + 1].text[-1] == "日"
        and NOTICE_DATE.match(lines[i + 1].text) is not None
        and not has_stop_mark(lines[i].text)
        and (i == 0 or ends_sentence(lines[i - 1].text, style))
    )


def title_over_dateline(
    lines: Sequence[Line], i: int, style: PageStyle, column: float
) -> int | None:
    """Where the title over the dateline opening `lines[i]` starts, or None: a
    title's lines at most (`MAX_HEADING_LINES`), short and with no mark at all,
    at the run's top or after a sentence end, are the title of the dispatch the
    dateline (`新华社北京电`, `〔記者X／台北報導〕`) opens, even where no blank line
    sets it apart."""
    if not opens_dateline(lines[i].text):
        return None
    top = i
    while top > 0 and i - top < MAX_HEADING_LINES:
        line = lines[top - 1]
        if not (
            line.span < column - 2 * FULL_SLACK
            and is_heading_line(line)
            and not has_stop_mark(line.text)
            and not opens_dateline(line.text)
        ):
            break
        top -= 1
    if top == i or (top and not ends_sentence(lines[top - 1].text, style)):
        return None
    # Lines kept as a headline must read as one when cleaned, or a second clean
    # joins them (`府` over a lone `“`: a quote left open is no title).
    if i - top >= 2 and not is_title_deck(lines[top:i]):
        return None
    return top


# A report's closing credit in brackets: its dateline and its reporters
# (`（本报金奈10月14日电  记者王芳、李明）`, `（据新华社北京电 记者张三）`). It closes
# the report, whatever follows on the next line (a title, on a page set solid).
CLOSING_CREDIT = re.compile(
    r"^（[^（）]{0,30}?[电電][\s\u3000\u00a0]*[记記]者[^（）]{1,40}）$"
)
# How many lines a closing credit may be wrapped into.
CLOSING_CREDIT_SPAN = 3


def closes_on_credit(lines: Sequence[Line], i: int) -> bool:
    """Does `lines[i]` close a bracketed credit (`CLOSING_CREDIT`) that opened a
    block a line or two up (after a sentence end) or on this line?"""
    for top in range(i, max(-1, i - CLOSING_CREDIT_SPAN), -1):
        if lines[top].text[0] == "（":
            return CLOSING_CREDIT.match("".join(ln.text for ln in lines[top : i + 1])) is not None
    return False


def titled_over_indent(line: Line, nxt: Line, run_column: float) -> bool:
    """Is the line a title over an indented paragraph, though it ends on a
    character that may be a conjunction (`…人人参与`, `CONJUNCTION_ENDS`)?
    Short, unindented, with no stop or clause mark, and the next line indented:
    a paragraph opens there. A line the column cut mid-sentence runs on
    unindented, and one ending on a preposition (`…转化为`) runs on anyway."""
    return (
        line.text[-1] in CONJUNCTION_ENDS
        and nxt.indent >= 1
        and line.indent < 1
        and line.span < run_column - 2 * FULL_SLACK
        and not has_stop_mark(line.text)
    )


def signs_with_dash(lines: Sequence[Line], i: int, style: PageStyle, run_column: float) -> bool:
    """Is lines[i] a signature opening on a dash (`——幸福里小区 居民 X`): under a
    sentence end, short of the page's column (a few lines of titles and
    signatures may pull a run's own measure down to its width) and with no stop
    or clause mark? A dash opening a full line is text the column wrapped; one
    under a title opens its subtitle (`——记一位乡村教师`)."""
    text = lines[i].text
    return (
        i > 0
        and text.startswith(SIGN_DASHES)
        and lines[i].span < max(run_column, style.column) - 2 * FULL_SLACK
        and not has_stop_mark(text)
        and ends_sentence(lines[i - 1].text, style)
    )
