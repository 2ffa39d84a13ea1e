"""Lines set off from the margin: titles centred with spaces and credits set flush
right, as `pdftotext -layout` of a one-column page and some OCR exports give
them. Such a line is a block of its own, but its indent is no paragraph indent:
it must not make the page an indented one, nor stop a title's lines from being
grouped, nor read as the first line of a paragraph cut by a column break."""

from __future__ import annotations

from collections import Counter

from layout_support import FULL_MID_SENTENCE, MODERN, OLD, PARA_18, REST, heal, lines_of
from papercli.boundaries import (
    AFTER_SET_OFF,
    NEXT_LINE_INDENTED,
    NEXT_LINE_SET_OFF,
    boundary_after,
)
from papercli.boundary_walk import run_boundaries
from papercli.measure import PARAGRAPH_INDENT_MAX, is_set_off, make_line
from papercli.paragraph_marks import is_indent_page
from papercli.pipeline import clean_text
from papercli.runs import Run
from papercli.title_lines import group_title_lines
from papercli.titles import opens_paragraph_at_foot

INDENT = "\u3000\u3000"
CENTRED = " " * 12  # six ems: far more than any paragraph indent


def test_a_line_is_set_off_by_more_than_a_paragraphs_indent_and_its_width() -> None:
    short = "夜市开到十点半"
    assert make_line(1, CENTRED + short).indent > PARAGRAPH_INDENT_MAX
    assert is_set_off(make_line(1, CENTRED + short), 18.0)
    assert is_set_off(make_line(1, " " * 7 + short), 18.0)
    # A paragraph's indent is at most three ems.
    assert not is_set_off(make_line(1, INDENT + short), 18.0)
    assert not is_set_off(make_line(1, " " * 6 + short), 18.0)
    # A paragraph's first line fills the column however deep its indent (two
    # widths' wobble wider), where a title is set short of it or well wider.
    deep = "\u3000" * 4
    assert not is_set_off(make_line(1, deep + PARA_18[0]), 18.0)
    assert not is_set_off(make_line(1, deep + PARA_18[0]), 16.0)
    assert is_set_off(make_line(1, deep + PARA_18[0]), 15.0)
    assert is_set_off(make_line(1, deep + PARA_18[3]), 18.0)


def test_a_page_indenting_its_paragraphs_four_ems_is_an_indented_page() -> None:
    deep = "\u3000" * 4
    first, *rest = FULL_MID_SENTENCE
    lines = [deep + PARA_18[0], *PARA_18[1:], deep + first, *rest, *REST]
    reasons = Counter(run_boundaries(Run(lines_of(*lines)), MODERN, 18.0))
    assert reasons[NEXT_LINE_INDENTED] == 1 and not reasons[AFTER_SET_OFF]
    assert clean_text("\n".join(lines) + "\n").count("\n\n") == 1


def test_a_centred_line_is_a_block_of_its_own_but_no_indent() -> None:
    run = [PARA_18[3], CENTRED + "渡口添了新客船", PARA_18[0]]
    lines = lines_of(*run)
    assert boundary_after(lines, 0, MODERN, 18.0) == NEXT_LINE_SET_OFF
    assert boundary_after(lines, 1, MODERN, 18.0) == AFTER_SET_OFF
    # Even after a full line: a centred line is no list item spaced out.
    assert boundary_after(lines_of(PARA_18[0], CENTRED + "渡口"), 0, MODERN, 18.0) == (
        NEXT_LINE_SET_OFF
    )


def test_a_centred_title_wider_than_the_column_ends_before_the_body() -> None:
    # Full, but set off: `run_boundaries` must not join it inline to the body.
    wide = " " * 8 + "青石镇老街改造记：修旧如旧，留住浓浓的乡愁"
    assert make_line(1, wide).span > 18.0 + 2
    lines = lines_of(wide, *PARA_18)
    assert run_boundaries(Run(lines), MODERN, 18.0)[0] == AFTER_SET_OFF


def test_an_indented_paragraph_under_a_centred_title_counts_as_an_indent() -> None:
    lines = lines_of(CENTRED + "渡口添了新客船", INDENT + PARA_18[0], PARA_18[1])
    assert run_boundaries(Run(lines), MODERN, 18.0) == [NEXT_LINE_INDENTED, None]


def test_the_lines_of_a_centred_title_are_no_indented_paragraphs() -> None:
    title = [" " * 10 + "市商會昨開會", " " * 8 + "議决救濟難民辦法"]
    reasons = run_boundaries(Run(lines_of(*title, PARA_18[0], PARA_18[1])), OLD, 18.0)
    assert NEXT_LINE_INDENTED not in reasons
    assert reasons[1] == AFTER_SET_OFF


def test_centred_titles_do_not_make_an_indented_page() -> None:
    # Five centred titles over unindented paragraphs: no indent anywhere.
    reasons: Counter[str | None] = Counter()
    for _ in range(5):
        run = Run(lines_of(CENTRED + "渡口添了新客船", *PARA_18))
        reasons.update(run_boundaries(run, MODERN, 18.0))
    assert reasons[NEXT_LINE_SET_OFF] + reasons[AFTER_SET_OFF] == 5
    assert not is_indent_page(reasons)


def test_centred_title_lines_group_into_one_headline() -> None:
    lines = lines_of(CENTRED + "郵局新章", CENTRED + "明日起實行", *PARA_18)
    segments = [([lines[0]], "start"), ([lines[1]], "short line"), (lines[2:], AFTER_SET_OFF)]
    grouped = group_title_lines(segments, 18.0)
    assert [len(seg) for seg, _ in grouped] == [2, 4]
    # An indented short line opens a paragraph: no title.
    indented = lines_of("郵局新章", INDENT + "明日起實行。", *PARA_18)
    segments = [([indented[0]], "start"), ([indented[1]], "x"), (indented[2:], "y")]
    assert [len(seg) for seg, _ in group_title_lines(segments, 18.0)] == [1, 1, 4]


def test_an_indented_line_wider_than_every_column_opens_no_paragraph() -> None:
    title = "城市书房开进社区"
    # Filling the column with a clause: a paragraph's first line under a title.
    assert opens_paragraph_at_foot(lines_of(title, INDENT + PARA_18[0]), 18.0, 18.0)
    # Wider than the column: a subtitle centred with a little space to spare.
    wide = "  ——记老城的阅读新风，从一间街角书房开始"
    assert make_line(2, wide).span > 18.0 + 1
    assert not opens_paragraph_at_foot(lines_of(title, wide), 18.0, 18.0)
    # ... than every column on the page: a run's own column may be misjudged.
    assert opens_paragraph_at_foot(lines_of(title, wide), 18.0, 20.0)
    # Set off: a centred line well wider than the column, not an indent.
    wider = CENTRED + PARA_18[0] + "，青砖"
    assert not opens_paragraph_at_foot(lines_of(title, wider), 18.0, 18.0)


def test_no_heal_out_of_a_centred_line() -> None:
    cut = "不少游客，镇里在改造中始终坚持修旧如"
    assert heal([PARA_18[0], cut], ["旧，保留了老街原有的格局和风貌。"])
    # The same words centred short of the column end their block.
    assert not heal([PARA_18[0], " " * 8 + cut[:12]], ["旧，保留了老街原有的格局和风貌。"])


def test_a_page_of_centred_titles_over_unindented_paragraphs() -> None:
    articles = [
        ("渡口添了新客船", "江边渡口新投用的两艘客船，每天往返十二班，比过去多了一倍。"),
        ("夜市开到十点半", "入夏以来，镇上夜市的营业时间延长到晚上十点半，摊位也增加了。"),
        ("老街书店迎来新读者", "青石镇老街上的一家旧书店，今年春天换了新招牌和经营方式。"),
    ]
    page = []
    for title, text in articles:
        page.append(CENTRED + title)
        page.extend(text[k : k + 16] for k in range(0, len(text), 16))
    expected = "\n\n".join(block for article in articles for block in article) + "\n"
    assert clean_text("\n".join(page) + "\n") == expected
