"""Each layout signal on hand-made lines, then the Change records of the classifier.

Lines here are written at a known column width (counted in Han units: Latin,
digits and ASCII spaces are half) so that "full" and "short" are facts of the
test, not guesses.
"""

from __future__ import annotations

import math
from dataclasses import replace

import pytest

from layout_support import FULL_MID_SENTENCE, MODERN, OLD, PARA_18, REST, heal, lines_of, run_of
from papercli.boundaries import boundary_after
from papercli.boundary_walk import run_boundaries
from papercli.bylines import BYLINE_LINE, DATELINE_START
from papercli.changes import Change
from papercli.columns import run_columns
from papercli.dangling import ends_dangling
from papercli.gap_signals import is_full_line
from papercli.healing import SPEAKER_TAG, should_heal
from papercli.layout import classify, ends_soon, heads_text, rebuild_paragraphs, segment_run
from papercli.lists import ENUMERATOR
from papercli.measure import Line, PageStyle, make_line
from papercli.page import BlockKind, Page
from papercli.pagestyle import holds_clause_heads, measure_style
from papercli.paragraph_marks import boundary_reasons, is_indent_page
from papercli.pipeline import clean_text
from papercli.runs import PageText, Run, local_column, split_runs
from papercli.signals import (
    FLUSH_POINTS_BACK,
    FLUSH_QUESTION,
    FLUSH_SHORT_PARAGRAPH,
    ends_sentence,
    first_token_width,
    flush_end_goes_on,
    has_room_for,
    is_heading_line,
    is_prose_line,
    is_trailing_symbol,
    leaves_open,
    open_marks,
    reads_on,
)
from papercli.title_lines import (
    SHORT_WITHOUT_MARK,
    group_title_lines,
    set_apart_boundaries,
    title_stack,
)
from papercli.titles import (
    LABEL_END,
    has_heading_shape,
    indents_a_paragraph,
    is_even_fragment,
    is_heading_run,
    is_title_deck,
    is_wrapped_prose,
)
from papercli.units import split_lines


def runs_of(text: str) -> list[Run]:
    raw = split_lines(text)
    return split_runs(raw, list(range(1, len(raw) + 1)))




# --- make_line -----------------------------------------------------------------


def test_make_line_measures_han_latin_and_digits() -> None:
    line = make_line(7, "局属 21个部门")
    assert (line.number, line.text, line.width, line.indent) == (7, "局属 21个部门", 6.5, 0.0)
    assert make_line(1, "Hello world").width == 5.5
    assert make_line(1, PARA_18[0]).width == 18.0


def test_make_line_indent_is_measured_and_stripped() -> None:
    ideographic = make_line(1, "\u3000\u3000今年以来，河湾镇")
    assert (ideographic.text, ideographic.indent) == ("今年以来，河湾镇", 2.0)
    ascii_two = make_line(1, "  第十届青少年科技节")
    assert (ascii_two.text, ascii_two.indent) == ("第十届青少年科技节", 1.0)
    # Indentation is outside the span: an indented line is measured by its text.
    assert ideographic.span == ideographic.width == 8.0
    # A tab indents as two ems do, not as one half-width character.
    assert make_line(1, "\t今年以来，河湾镇").indent == 2.0


@pytest.mark.parametrize(
    ("space", "indent"),
    [
        ("\u2003\u2003", 2.0),  # em spaces, as PDF extractors set a two-em indent
        ("\u2001", 1.0),  # em quad
        ("\u2002\u2002\u2002\u2002", 2.0),  # en spaces
        ("\u00a0\u00a0\u00a0\u00a0", 2.0),  # no-break spaces: half an em each
        ("\u2009\u3000\u3000", 2.0),  # a thin space takes no width
    ],
)
def test_make_line_typographic_spaces_indent_as_wide_as_they_are(
    space: str, indent: float
) -> None:
    line = make_line(1, space + "今年以来，河湾镇" + space)
    assert (line.text, line.indent, line.trailing_space) == ("今年以来，河湾镇", indent, True)


def test_em_space_indents_set_paragraphs_apart() -> None:
    page = "\u2003\u2003第一段文字在这里，内容很长很长很长很长。\n\u2003\u2003第二段文字在这里。\n"
    assert clean_text(page) == "第一段文字在这里，内容很长很长很长很长。\n\n第二段文字在这里。\n"


def test_make_line_trailing_space() -> None:
    assert make_line(1, "总面积 ").trailing_space
    assert make_line(1, "总面积 ").text == "总面积"
    assert not make_line(1, "总面积").trailing_space


def test_make_line_transcription_gap_takes_no_width() -> None:
    # Two spaces between Han characters are a transcription gap, not print.
    assert make_line(1, "直  立").width == 2.0
    # A single space beside digits is real spacing.
    assert make_line(1, "问题 138个").width == 5.0


# --- page style ----------------------------------------------------------------


def test_measure_style_column_is_the_commonest_width() -> None:
    runs = [run_of(*PARA_18), run_of("聚焦乡村振兴"), run_of(*PARA_18[:2], "多公里。")]
    style = measure_style(runs)
    assert style.column == 18.0
    assert not style.old_style


def test_measure_style_trailing_spaces_mark_breaks_only_when_rare() -> None:
    rare = [run_of(*PARA_18[:3], "保留了老街原有的 ", "格局和风貌。")]
    assert measure_style(rare).trailing_space_marks
    padded = [run_of(*(line + " " for line in PARA_18))]
    assert not measure_style(padded).trailing_space_marks


def test_boundary_after_trailing_space_on_a_padded_page_is_no_sign() -> None:
    cut = "不少游客，镇里在改造中， "
    lines = lines_of(*PARA_18[:2], cut, "坚持修旧如旧，保留了老街原有的格局")
    assert boundary_after(lines, 2, MODERN, 18.0) == "short line"
    padded = PageStyle(column=18.0, old_style=False, trailing_space_marks=False)
    assert boundary_after(lines, 2, padded, 18.0) is None


def test_measure_style_ignores_very_short_lines() -> None:
    # Lines under 4 units (bylines, `多公里。`) never set the column.
    runs = [run_of("短。", "短。", "短。", "这一行正好有九个字"), run_of("这一行正好有九个字")]
    assert measure_style(runs).column == 9.0


def test_measure_style_old_style_page_set_solid_with_column_breaks() -> None:
    # Blank lines every few lines make runs paragraph-sized, but where the short
    # `、` lines that end paragraphs sit inside the runs and the runs end on full
    # lines, the blank lines are column breaks and the page is set solid.
    para = ("本市各難民收容所、自入冬", "以來、收容人數日增、現已", "各所經費均告支絀、")
    solid = [
        run_of(*para, *para, *para, "市商會昨開會議決各案、均交"),
        run_of("常務委員辦理、", *para, *para, *para),
    ]
    assert all(len(run.lines) < 20 for run in solid)
    style = measure_style(solid)
    assert style.old_style and style.column == 12.0
    assert not style.blank_separated and not style.run_is_paragraph
    # Paragraphs set apart by blank lines end at their runs' ends.
    spaced = [run_of(*para) for _ in range(6)]
    assert measure_style(spaced).blank_separated
    # A modern page keeps its blank lines' meaning: `、` ends no sentence there.
    assert measure_style([run_of(*PARA_18), run_of(*PARA_18)]).blank_separated


def test_measure_style_old_style_when_enumeration_commas_dominate() -> None:
    old = run_of("本市各難民收容所", "、自入冬以來、收", "容人數日增、現已", "達三千餘人、各所")
    assert measure_style([old]).old_style
    modern = run_of("城东社区图书馆上月开放。", "馆内设有少儿区、老年区和自习区。")
    assert not measure_style([modern]).old_style


# --- sentence ends and tokens ----------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "动、共提升。",
        "心情非常激动。”",
        "这是真的吗？",
        "太好了！）",
        "说到这里……",
        "一；",
        "Really?",
    ],
)
def test_ends_sentence(text: str) -> None:
    assert ends_sentence(text, MODERN)


@pytest.mark.parametrize("text", ["专项活动，始", "以", "强素质、", "他说：", "“线上+线下”"])
def test_does_not_end_sentence(text: str) -> None:
    assert not ends_sentence(text, MODERN)


def test_decimal_point_cut_by_the_column_ends_no_sentence() -> None:
    # `…覆盖率达99.` + `57%，…`: a point after a digit in CJK text is a decimal point.
    assert not ends_sentence("农村公路硬化覆盖率达99.", MODERN)
    assert ends_sentence("It was founded in 2019.", MODERN)
    assert ends_sentence("覆盖率达到99%。", MODERN)


def test_enumeration_comma_ends_sentence_only_in_old_style() -> None:
    assert ends_sentence("以資救濟、", OLD)
    assert not ends_sentence("强素质、", MODERN)


def test_ascii_full_stop_ends_sentence() -> None:
    # English and Korean text end sentences with `.`; see cases/latin-*.
    assert ends_sentence("and how to measure what a restored river gives back.", MODERN)


@pytest.mark.parametrize(
    ("text", "width"),
    [
        ("1153.24 平方公里", 3.5),  # a number moves whole
        ("David Miller", 2.5),  # so does a Latin word
        ("终坚持", 1.0),  # one Han character
        ("了，我们", 2.0),  # a character takes its comma along (kinsoku)
        ("习。”他说", 3.0),  # ... and a stop and closing quote
        ("“政策关”", 2.0),  # an opening quote never ends a line: it moves with a character
        ("（一）准确", 2.0),  # ... and so does a bracket, whatever closes after it
    ],
)
def test_first_token_width(text: str, width: float) -> None:
    assert first_token_width(text) == width


def test_has_room_for() -> None:
    short = make_line(1, "保留了老街原有的格局")  # 10 wide
    full = make_line(2, PARA_18[0])  # 18 wide
    nxt = make_line(3, "终坚持把党风廉政建设")
    assert has_room_for(short, nxt, 18.0)
    assert not has_room_for(full, nxt, 18.0)
    # One unit of slack: a line one short of the column is still full.
    assert not has_room_for(make_line(1, PARA_18[0][:-1]), nxt, 18.0)
    # A long number on the next line would not have fitted after a 15-wide line.
    assert not has_room_for(
        make_line(1, "青云县位于省境西南部，总面积"), make_line(2, "1153.24 平方"), 16.0
    )


def test_a_line_is_full_short_of_the_column_only_by_a_latin_piece() -> None:
    # 16.5 wide in a column of 19: a figure or a Latin word would not have fitted
    # after it, so the column moved it whole; a CJK line's quote and character would
    # have (a doubled caption's last line over a paragraph opening on a quote).
    caption = make_line(1, "图为青石县新建的582座温室大棚之。。")
    column = caption.span + 2.5
    assert not is_full_line(caption, make_line(2, "“这几年，村里的变化"), column)
    assert is_full_line(caption, make_line(2, "1153.24平方公里"), column)
    assert is_full_line(caption, make_line(2, "Photosynthesis"), column)

# --- heading shape -------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "聚焦培根铸魂",
        "分类施策“抓党建”",
        "老街区焕发新活力",
        "——记乡村优秀教师王芳",
        "抓党建、促发展",
    ],
)
def test_is_heading_line(text: str) -> None:
    assert is_heading_line(make_line(1, text))


@pytest.mark.parametrize(
    "text", ["动、共提升。", "谁来守护老街的记忆？", "标题里有。句号的行", "他说：", "开展以来，"]
)
def test_is_not_heading_line(text: str) -> None:
    assert not is_heading_line(make_line(1, text))


def test_is_heading_run() -> None:
    assert is_heading_run(run_of("老街区焕发新活力", "青石镇以微改造留住城市记忆"), 18.0)
    assert is_heading_run(
        run_of("聚焦乡村振兴", "小小茶叶撑起致富路", "竹溪村发展特色产业带动两百余户增收"), 17.0
    )


def test_is_not_heading_run() -> None:
    # One line is a lone heading, not a run; six lines is a column of text.
    assert not is_heading_run(run_of("老街区焕发新活力"), 18.0)
    assert not is_heading_run(run_of(*["短标题行"] * 6), 18.0)
    # A sentence mark, an open quote, or a dateline means prose.
    assert not is_heading_run(run_of(*PARA_18), 18.0)
    assert not is_heading_run(run_of("坚持以“保温、保供", "保安全”为目标"), 18.0)
    assert not is_heading_run(run_of("新华社北京2月14日电 记者从", "国家铁路集团获悉"), 18.0)
    # Even full lines with clause marks inside and no final stop: a wrapped lead.
    lead = run_of(PARA_18[0], PARA_18[1], "不少游客")
    assert not is_heading_run(lead, 18.0)


def test_indented_full_line_inside_a_run_opens_a_paragraph() -> None:
    items = lines_of(
        "　　■市财政安排专项资金支持全市小微企业",
        "发展，重点投向科技创新领域",
        "　　■符合条件的企业可以在线申请贴息和担",
        "保，审批时限压缩至五个工作日",
    )
    assert has_heading_shape(items)  # no line ends on a mark
    assert indents_a_paragraph(items, 18.0)
    assert not is_heading_run(Run(items), 18.0)
    # Centred title lines are indented too, but none of them fills the column.
    centred = lines_of("老街区焕发新活力", "　　青石镇留住城市记忆", "——记微改造")
    assert not indents_a_paragraph(centred, 18.0)
    # Only a line inside the run counts: a last line filling the column under
    # titles is a cut first line (see `opens_paragraph_at_foot`).
    assert not indents_a_paragraph(items[1:3], 18.0)


def test_two_lines_are_wrapped_prose_only_if_the_words_run_on() -> None:
    deck = lines_of("精准帮扶十万个村，产业投入逾七百亿", "“万企帮万村”惠及千万贫困人口")
    assert is_wrapped_prose(deck, 17.0)  # by shape alone it could be a wrapped lead
    assert not is_wrapped_prose(deck, 17.0, corpus="亿元的投入\n万企")  # no pair 亿“
    lead = lines_of("国家融资担保基金，再担保业务收费一般担", "保、再担保费率降至百分之一以下")
    assert is_wrapped_prose(lead, 19.0, corpus="融资担保\n担保基金")  # 担保 reads on


def test_is_wrapped_prose() -> None:
    assert is_wrapped_prose(lines_of(PARA_18[0], PARA_18[1], "不少游客"), 18.0)
    # No clause mark: title lines.
    assert not is_wrapped_prose(lines_of("青石镇以微改造留住城市记忆一二三四五", "老街"), 18.0)
    # Uneven line widths: a title deck, not a column.
    assert not is_wrapped_prose(lines_of("老街区，焕发新活力", PARA_18[1], "末行"), 18.0)
    # Phrases set apart by a wide gap are a title's.
    assert not is_wrapped_prose(lines_of("砥砺奋进，十八载   风劲正是扬帆时", "末行"), 17.0)
    # A lead wrapped at its own, narrower measure: two lines of one width with
    # clause marks are running text whatever the body's column.
    lead = (
        "医疗纠纷调解不是“和稀泥”，而是要准",
        "确把握医疗纠纷形成的原因，分析谁错",
        "谁对、错在哪里",
    )
    assert is_wrapped_prose(lines_of(*lead), 22.0)
    # One such line must still match the column.
    assert not is_wrapped_prose(lines_of(lead[0], lead[2]), 22.0)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("以“四个聚焦”推动“五个", True),
        ("以“四个聚焦”推动", False),
        ("引导全警深入学习《新", True),
        ("（扩大）会议", False),
        ("”推动专项活动", False),
        # A stray closer never makes depth negative (the line above has no opener
        # at all, so it never reached the count).
        ("他说“好”）并提出“五个", True),
        ("“‘劳模’待遇", True),
    ],
)
def test_leaves_open(text: str, expected: bool) -> None:
    assert leaves_open(text) is expected


def test_open_marks_carries_the_count_across_lines() -> None:
    assert open_marks("他说：“走进老街，") == 1
    assert open_marks("青砖黛瓦（明代）的民居", 1) == 1
    assert open_marks("错落有致。”游客说。", 1) == 0
    # A closer with nothing open changes nothing; nesting counts.
    assert open_marks("”多了。") == 0
    assert open_marks("“‘老街’和“新", 0) == 2


def test_reads_on() -> None:
    corpus = "始终坚持把党风廉政建设\n现代化"
    assert reads_on(make_line(1, "专项活动，始"), make_line(3, "终坚持"), corpus)
    assert not reads_on(make_line(1, "聚焦培根铸魂"), make_line(3, "加强政治引领"), corpus)
    # Only letters and digits read on; a mark at either edge does not.
    assert not reads_on(make_line(1, "活动，"), make_line(3, "始终"), "，始")


def test_is_prose_line() -> None:
    assert is_prose_line(make_line(1, "不少游客。镇里在改造中"), MODERN)  # sentence mark inside
    assert is_prose_line(make_line(1, "坚持以“保温、保供"), MODERN)  # open quote
    assert is_prose_line(make_line(1, "开展以来，"), MODERN)  # ends on a clause mark
    assert is_prose_line(make_line(1, "记者获悉，今年前两个月，全国"), MODERN)  # two commas
    # Modern headings enumerate with `、`; old-style prose is made of it.
    assert not is_prose_line(make_line(1, "抓党建、整作风、强素质"), MODERN)
    assert is_prose_line(make_line(1, "難民日增、衣食無着、特於"), OLD)
    # A space after a mark sets a title's phrases apart.
    assert not is_prose_line(make_line(1, "加强领导， 坚持统筹推进"), MODERN)
    # ... even with two clause marks (one alone never made a line prose).
    assert not is_prose_line(make_line(1, "加强领导， 坚持统筹， 推进改革"), MODERN)
    assert not is_prose_line(make_line(1, "聚焦培根铸魂"), MODERN)


# --- boundaries inside a run -------------------------------------------------------------


def test_boundary_after_full_line_joins() -> None:
    lines = lines_of(*PARA_18)
    assert [boundary_after(lines, i, MODERN, 18.0) for i in range(3)] == [None, None, None]


def test_boundary_after_short_line_ending_a_sentence() -> None:
    lines = lines_of(*PARA_18, "镇里在改造中坚持修旧如旧，保留了老街", "原有的格局。")
    assert boundary_after(lines, 3, MODERN, 18.0) == "short line ends a sentence"


def test_boundary_after_indent() -> None:
    lines = lines_of(
        *PARA_18[:3], "保留了老街原有的格局和风貌。", "\u3000\u3000镇里在改造中坚持修旧"
    )
    assert boundary_after(lines, 3, MODERN, 18.0) == "next line indented"
    # The indented first line of a paragraph does not cut itself off from the next.
    assert (
        boundary_after(
            lines_of("\u3000\u3000镇里在改造中坚持修旧如旧，保", *PARA_18[1:]), 0, MODERN, 18.0
        )
        is None
    )


def test_boundary_after_a_title_wider_than_the_column_before_an_indent() -> None:
    lines = lines_of("全域旅游榜上有名海南保亭全力打造全域大景区", "\u3000\u3000" + PARA_18[0])
    assert boundary_after(lines, 0, MODERN, 18.0) == "next line indented"
    # A full line cut mid-sentence before an indent (list items set with
    # ideographic spaces) still runs on.
    cut = lines_of(PARA_18[0], "\u3000\u3000" + PARA_18[1])
    assert boundary_after(cut, 0, MODERN, 18.0) is None
    # A markless title as wide as the column, over a paragraph opening on a word,
    # is a title; list items set apart by spaces open on a bullet and run on.
    title = "世界多极化是长期而复杂的历史进程前行"
    assert boundary_after(lines_of(title, "\u3000\u3000" + PARA_18[1]), 0, MODERN, 18.0) == (
        "next line indented"
    )
    assert boundary_after(lines_of(title, "\u3000● 2019长三角大健康论坛"), 0, MODERN, 18.0) is None


def test_boundary_after_short_line_without_punctuation() -> None:
    lines = lines_of("老街区焕发新活力", PARA_18[0])
    assert boundary_after(lines, 0, MODERN, 18.0) == "short line without punctuation"
    # Over a paragraph of two lines or more, a subhead is named as such.
    lines = lines_of("老街区焕发新活力", *PARA_18)
    assert boundary_after(lines, 0, MODERN, 18.0) == "subhead over its paragraph's text"


def test_boundary_after_line_well_short_of_its_column() -> None:
    # A wrapped title's last line, clause marks and all, ends its block.
    lines = lines_of("让孔院成为两国人民之间的语言之桥、文化", "之桥、友谊之桥", *PARA_18)
    assert boundary_after(lines, 1, MODERN, 18.0) == "line well short of its column"
    # A comma or an opening bracket there is still inside a sentence.
    for cut in ("之桥，友谊之桥，", "飾金、（"):
        lines = lines_of(PARA_18[0], cut, *PARA_18[1:])
        assert boundary_after(lines, 1, MODERN, 18.0) is None
    # A block's first line may have lost its indent (and open on a run-in subhead
    # in a wider face): four short says nothing there, a subhead's width does.
    lost_indent = lines_of(PARA_18[3], "创新活动载体。该局在全市组织", *PARA_18)
    assert lines_of("创新活动载体。该局在全市组织")[0].span == 14.0
    assert boundary_after(lost_indent, 1, MODERN, 18.0) is None
    subhead = lines_of(PARA_18[3], "六十四岁，练起铁人三项", *PARA_18)
    assert boundary_after(subhead, 1, MODERN, 18.0) == "line well short of its column"
    # A heading's shape there (no stop at the end, no full stop inside) needs no
    # more than any other line: two short is deliberate, commas and all.
    titled = lines_of(PARA_18[3], "老街换新颜，茶香满小镇", *PARA_18)
    assert lines_of("老街换新颜，茶香满小镇")[0].span == 11.0
    titled[1] = make_line(2, "老街换新颜，游客回来了一半多")  # 14 of 18: four short
    assert boundary_after(titled, 1, MODERN, 18.0) == "line well short of its column"
    one_short = lines_of(PARA_18[3], "老街换新颜，游客回来了一半还多", *PARA_18)
    assert boundary_after(one_short, 1, MODERN, 18.0) == "line well short of its column"
    assert boundary_after(lost_indent, 1, MODERN, 18.0) is None  # `。` inside: prose


def test_boundary_after_trailing_space() -> None:
    lines = lines_of(*PARA_18[:2], "不少游客，镇里在改造中 ", "坚持修旧如旧，保留了老街原有的格局")
    assert boundary_after(lines, 2, MODERN, 18.0) == "short line"


def test_boundary_after_source_credit() -> None:
    lines = lines_of(*PARA_18, "（据新华社北京电）")
    assert boundary_after(lines, 3, MODERN, 18.0) == "source credit on its own line"


def test_boundary_after_a_closing_source_credit_but_not_a_dateline() -> None:
    lines = lines_of(*PARA_18, "（本报巴黎2月14日电）", "（方娜瑶）")
    assert boundary_after(lines, 4, MODERN, 18.0) == "after a source credit"
    # Under a title the same brackets open the paragraph: a dateline.
    dated = lines_of("國府明令褒揚吳梅", "（重慶廿日電）", "國府廿日令、褒揚故中央大學")
    assert boundary_after(dated, 1, OLD, 14.0) is None


OLD_SOLID = PageStyle(column=14.0, old_style=True, blank_separated=False)


def test_boundary_after_dateline_opens_a_paragraph_under_a_full_line() -> None:
    # Pages set solid run news items on with no gap: a dateline after a sentence
    # end opens a paragraph even when the line above is full.
    lines = lines_of(
        "市商會昨開會議決各案、均交",
        "常務委員會從速辦理以資救濟、",  # full: 13 and the mark
        "（漢口三日電）鄂省府今晨開",
        "會、通過救濟難民辦法、",
    )
    assert boundary_after(lines, 1, OLD_SOLID, 14.0) == "dateline opens a paragraph"
    modern = lines_of(*PARA_18, "新华社北京3月5日电 记者从交")
    modern[3] = make_line(4, "保留了老街原有的格局和风貌，游客多了。")
    assert boundary_after(modern, 3, MODERN, 18.0) == "dateline opens a paragraph"
    # The full-line shortcut lets it through: the rule is reached from a run too.
    assert run_boundaries(Run(modern), MODERN, 18.0)[3] == "dateline opens a paragraph"
    # Mid-sentence, the same words are part of it.
    mid = lines_of(*PARA_18[:2], "不少游客。镇里在改造中坚持修旧如据", "本报讯记者从镇上获悉的消息")
    assert boundary_after(mid, 2, MODERN, 18.0) is None


def test_boundary_after_a_bracketed_byline_the_line_above_had_room_for() -> None:
    lines = lines_of(*PARA_18[:3], "制图：张丹峰", "（马霞）")
    assert boundary_after(lines, 3, MODERN, 18.0) == "byline on its own line"
    # One that would not have fitted may be the paragraph's own, wrapped.
    wrapped = lines_of(*PARA_18[:3], "保留了老街原有格局，", "（通讯员王小明）")
    assert boundary_after(wrapped, 3, MODERN, 18.0) is None


SHORT_LINE_PAGE = PageStyle(column=18.0, old_style=False, short_line_paragraphs=True)
FLUSH_END = "不少游客。镇里在改造中坚持修旧如旧。"  # full, and ends a sentence
NEXT_PARA = ("保留了老街原有的格局和风貌，游客多了", "一倍。")


def paragraphs(run: Run, style: PageStyle) -> list[list[str]]:
    cut = segment_run(run, style, run_boundaries(run, style, 18.0))
    return [[line.text for line in lines] for lines, _ in cut]


def test_segment_run_flush_line_ends_a_paragraph_after_three_lines() -> None:
    assert all(ln.span == 18.0 for ln in lines_of(*PARA_18[:2], FLUSH_END, NEXT_PARA[0]))
    run = run_of(*PARA_18[:2], FLUSH_END, *NEXT_PARA)
    assert paragraphs(run, SHORT_LINE_PAGE) == [[*PARA_18[:2], FLUSH_END], list(NEXT_PARA)]
    # Only on pages that mark paragraphs by short last lines alone ...
    assert len(paragraphs(run, MODERN)) == 1
    # ... and after a paragraph's length: a second line may end a sentence anywhere.
    assert len(paragraphs(run_of(PARA_18[0], FLUSH_END, *NEXT_PARA), SHORT_LINE_PAGE)) == 1


LONGER_TAIL = ("一倍，镇里的商铺也从十几家增加到了现", "在的六十多家，游客也比过去多了一倍。")


def test_segment_run_flush_line_ends_a_paragraph_from_the_page_s_measured_width() -> None:
    # 54 wide at the flush end, then a paragraph of its own length (54)
    run = run_of(*PARA_18[:2], FLUSH_END, NEXT_PARA[0], *LONGER_TAIL)
    # A page whose paragraphs run longer: three lines are short of its mark ...
    assert len(paragraphs(run, replace(SHORT_LINE_PAGE, flush_width=60.0))) == 1
    # ... and one whose paragraphs run shorter ends one there.
    assert len(paragraphs(run, replace(SHORT_LINE_PAGE, flush_width=54.0))) == 2
    # Two lines end one on a page of short paragraphs (three are counted without a width).
    two = run_of(PARA_18[0], FLUSH_END, NEXT_PARA[0], *LONGER_TAIL)
    assert len(paragraphs(two, replace(SHORT_LINE_PAGE, flush_width=36.0))) == 2
    assert len(paragraphs(two, SHORT_LINE_PAGE)) == 1


def test_segment_run_flush_sentence_end_runs_on_into_a_sentence_pointing_back() -> None:
    back = ("他说，老街原有的格局和风貌都保留了下", "来。")
    assert lines_of(back[0])[0].span == 18.0
    assert len(paragraphs(run_of(*PARA_18[:2], FLUSH_END, *back), SHORT_LINE_PAGE)) == 1
    lines = lines_of(*PARA_18[:2], FLUSH_END)
    assert flush_end_goes_on(lines, NEXT_PARA[0], SHORT_LINE_PAGE) is None
    assert flush_end_goes_on(lines[1:], NEXT_PARA[0], SHORT_LINE_PAGE) == FLUSH_SHORT_PARAGRAPH
    for word in "他她它此而但该該":
        assert flush_end_goes_on(lines, word + "说，老街", SHORT_LINE_PAGE) == FLUSH_POINTS_BACK
        assert flush_end_goes_on(
            lines, word + "说，老街", replace(SHORT_LINE_PAGE, flush_width=18.0)
        ) == FLUSH_POINTS_BACK


def test_segment_run_flush_question_runs_on_to_its_answer() -> None:
    # Past the paragraph's length, a flush question goes on: its answer follows.
    asked = "不少游客。镇里为何要坚持修旧如旧呢？"
    assert lines_of(asked)[0].span == 18.0
    run = run_of(*PARA_18[:2], asked, *NEXT_PARA)
    assert len(paragraphs(run, SHORT_LINE_PAGE)) == 1
    lines = lines_of(*PARA_18[:2], asked)
    assert flush_end_goes_on(lines, NEXT_PARA[0], SHORT_LINE_PAGE) == FLUSH_QUESTION
    # A question a quote closes may end the quoted paragraph: not told so.
    quoted = lines_of(*PARA_18[:2], "不少游客。“为何要坚持修旧如旧呢？”")
    assert flush_end_goes_on(quoted, NEXT_PARA[0], SHORT_LINE_PAGE) is None


def test_segment_run_flush_end_runs_on_into_a_short_tail_of_its_paragraph() -> None:
    run = run_of(*PARA_18[:2], FLUSH_END, *NEXT_PARA)  # 54 wide, then 21 to a sure end
    # Ended at the flush line, the paragraph after it would be under half the
    # page's flush width: the sentence after the end is the paragraph's last.
    assert len(paragraphs(run, replace(SHORT_LINE_PAGE, flush_width=50.0))) == 1
    assert len(paragraphs(run, replace(SHORT_LINE_PAGE, flush_width=25.0))) == 2
    lines = lines_of(*PARA_18[:2], FLUSH_END, *NEXT_PARA)
    bounds: list[str | None] = [None] * 4
    assert ends_soon(lines, 2, bounds, replace(SHORT_LINE_PAGE, flush_width=50.0))
    # A title or a caption after the end is no paragraph's tail: no clause mark.
    titled = run_of(*PARA_18[:2], FLUSH_END, "图为青石镇老街改造后的新貌全景图片展", "示。")
    assert len(paragraphs(titled, replace(SHORT_LINE_PAGE, flush_width=50.0))) == 2
    # Nor is a line alone (a one-line paragraph, a subhead ending on `……`).
    alone = run_of(*PARA_18[:2], FLUSH_END, "老街的变化，人人看在眼里。")
    assert len(paragraphs(alone, replace(SHORT_LINE_PAGE, flush_width=50.0))) == 2


def test_should_heal_a_flush_sentence_end_over_a_column_break_by_the_page_s_width() -> None:
    prev = [PARA_18[0], FLUSH_END]  # 36 wide
    nxt = [
        "保留了老街原有的格局和风貌，游客多了",
        "一倍，镇里的商铺也从十几家增加到了现",
        "在的六十多家。",
    ]
    assert heal(prev, nxt, SHORT_LINE_PAGE)  # two lines: short of three
    assert heal(prev, nxt, replace(SHORT_LINE_PAGE, flush_width=40.0))
    assert not heal(prev, nxt, replace(SHORT_LINE_PAGE, flush_width=36.0))
    assert not heal([PARA_18[0], PARA_18[1], FLUSH_END], nxt, SHORT_LINE_PAGE)
    # A sentence pointing back goes on across the break at any length.
    assert heal([PARA_18[0], PARA_18[1], FLUSH_END], ["他" + nxt[0][1:], *nxt[1:]], SHORT_LINE_PAGE)


def test_segment_run_flush_semicolon_ends_only_a_numbered_item() -> None:
    clause = "不少游客；镇里在改造中坚持修旧如旧；"
    assert lines_of(clause)[0].span == 18.0
    run = run_of(*PARA_18[:2], clause, *NEXT_PARA)
    assert len(paragraphs(run, SHORT_LINE_PAGE)) == 1
    item = ("（二）保留了老街原有的格局和风貌，游", "客多了。")
    run = run_of(*PARA_18[:2], clause, *item)
    assert paragraphs(run, SHORT_LINE_PAGE) == [[*PARA_18[:2], clause], list(item)]


def test_segment_run_flush_line_inside_an_open_quotation_runs_on() -> None:
    quoted = "他说：“走进青石镇老街，青砖黛瓦的民"
    assert lines_of(quoted)[0].span == 18.0
    run = run_of(quoted, PARA_18[1], FLUSH_END, "保留了老街原有的格局和风貌，游客多了", "一倍。”")
    assert len(paragraphs(run, SHORT_LINE_PAGE)) == 1
    # Once the quotation closes, the next flush sentence end counts again.
    closed = "他说：“走进青石镇老街。”青砖黛瓦的"
    assert lines_of(closed)[0].span == 18.0
    run = run_of(closed, PARA_18[1], FLUSH_END, *NEXT_PARA)
    assert len(paragraphs(run, SHORT_LINE_PAGE)) == 2


def test_run_boundaries_checks_a_full_bracketed_credit_line() -> None:
    # A credit as wide as the column is not decided by the full-line shortcut.
    credit = "（作者为青石镇文化站站长兼老街研究会会长）"
    run = run_of(*PARA_18[:3], "保留了老街原有的格局和风貌。", credit, "老街新生")
    assert run_boundaries(run, MODERN, 18.0)[4] == "after a source credit"


def test_old_style_short_line_ending_in_comma_does_not_split() -> None:
    # On old-style pages paragraphs are set apart by blank lines, not short `、` lines;
    # only a full stop ends one inside a run.
    lines = lines_of("本市各難民收容所", "、自入冬、", "收容人數日增、現已", "達三千餘人、各所")
    assert boundary_after(lines, 1, OLD, 8.0) is None
    stop = lines_of("本市各難民收容所", "、自入冬。", "收容人數日增、現已", "達三千餘人、各所")
    assert boundary_after(stop, 1, OLD, 8.0) == "short line ends a sentence"


# --- columns -----------------------------------------------------------------------------


def test_run_columns_uses_own_median_or_the_next_run() -> None:
    narrow = run_of(
        "今年以来，和平街道已为十二个", "老旧小区加装电梯四十六部，惠", "及居民一千余户。"
    )
    heading = run_of("全民健身活动月启动")
    wide = run_of(
        "为期一个月的全民健身活动月日前启动，全市将",
        "举办徒步、骑行、广场舞等各类赛事活动一百余",
        "场，预计参与群众超过十万人次。",
    )
    # The heading has too few lines to tell and takes the column of what follows it.
    assert run_columns([narrow, heading, wide]) == [14.0, 21.0, 21.0]
    # Nothing to measure anywhere (a page already cleaned): no line is full.
    assert run_columns([heading]) == [math.inf]
    # Two-line paragraphs only: their wrapped lines still show the column.
    pair = run_of("今年以来，和平街道已为十二个", "老旧小区加装电梯。")
    assert run_columns([pair, heading, pair, pair]) == [14.0, 14.0, 14.0, 14.0]


def test_local_column() -> None:
    lines = lines_of(*PARA_18)
    assert local_column(lines, 3, 10.0) == 18.0
    # Too few lines to tell: the fallback.
    assert local_column(lines[:2], 1, 10.0) == 10.0


def test_local_column_needs_lines_of_one_width() -> None:
    # A heading, a byline and paragraph ends between full lines: their widths
    # differ, so they say nothing about the column.
    lines = lines_of(
        PARA_18[0], "更加灿烂！", "主席）", "口碑胜过奖杯", "张 译", PARA_18[0], PARA_18[1]
    )
    assert local_column(lines, 3, 18.0) == 18.0
    # A column narrowed round a picture: three lines of one width.
    narrow = lines_of(
        PARA_18[0], "青砖黛瓦的民居", "新开的茶馆书店", "吸引了不少游客", "保留了老街", PARA_18[1]
    )
    assert local_column(narrow, 2, 18.0) == 7.0


# --- indented pages ----------------------------------------------------------------


def test_solid_page_lone_heading_after_a_full_sentence_end() -> None:
    # Set solid (no blank lines, no indents): only the lone-heading rule applies.
    full_end = "不少游客。镇里在改造中坚持修旧如旧。"
    run = run_of(PARA_18[0], full_end, "老街新貌", "不少游客，", PARA_18[2])
    bounds = [None, None, "short line without punctuation", None]
    out = set_apart_boundaries(run, 18.0, bounds, MODERN, indented=False)
    assert out == [None, "lone short line after a sentence end", bounds[2], None]


def test_indented_page_line_a_little_short_without_marks_runs_on_unindented() -> None:
    # Half-width quotes left this line a character short (17 of 18), and it holds
    # no mark: `boundary_after` reads a heading's end. Mid-run on a page that
    # indents its paragraphs, over a line that opens unindented, it is wrapped text.
    cut = "中卫市文体局文化市场综合执法队稽查"
    assert lines_of(cut)[0].span == 17.0
    run = run_of("\u3000\u3000" + PARA_18[0], cut, "科长李勇说，避免了想查谁就查谁的情况", "发生。")
    bounds = [None, SHORT_WITHOUT_MARK, None]
    assert set_apart_boundaries(run, 18.0, bounds, MODERN, indented=True)[1] is None
    # Not on a page that does not indent, as a run's first line, or over a dateline.
    assert set_apart_boundaries(run, 18.0, bounds, MODERN, indented=False)[1] == SHORT_WITHOUT_MARK
    first = run_of(cut, "科长李勇说，避免了想查谁就查谁的情况", "发生。")
    assert set_apart_boundaries(first, 18.0, bounds[1:], MODERN, indented=True)[0] == (
        SHORT_WITHOUT_MARK
    )
    dateline = "新华社北京3月5日电 记者从交通运输"
    dated = run_of("\u3000\u3000" + PARA_18[0], cut, dateline, "部获悉。")
    assert set_apart_boundaries(dated, 18.0, bounds, MODERN, indented=True)[1] == (
        SHORT_WITHOUT_MARK
    )


def test_set_apart_a_title_wider_than_the_column() -> None:
    wide = "全域旅游榜上有名，海南保亭全力打造全域大景区"  # 23 wide, a comma in it
    run = run_of(PARA_18[0], PARA_18[3], wide, PARA_18[0], PARA_18[1])
    out = set_apart_boundaries(run, 18.0, [None] * 4, MODERN, indented=False)
    assert out == [None, "title wider than the column", "title wider than the column", None]
    # Curly quotes set half width make a body line look wide: not a title. (Among
    # enough lines of the column: in a run of three the upper quartile is the
    # quoted line itself, and the half-width count is never reached.)
    quoted = "“想查谁就查谁”“谁想查就可以查”，通过公示"
    run = run_of(PARA_18[0], quoted, PARA_18[1], PARA_18[0], PARA_18[1])
    assert set_apart_boundaries(run, 18.0, [None] * 4, MODERN, indented=False) == [None] * 4
    # An indented line is a paragraph's first line, however wide.
    run = run_of(PARA_18[0], PARA_18[3], "\u3000\u3000" + wide, PARA_18[0], PARA_18[1])
    assert set_apart_boundaries(run, 18.0, [None] * 4, MODERN, indented=False) == [None] * 4


def test_measure_style_solid_page() -> None:
    solid = [run_of(*PARA_18 * 6)]
    assert not measure_style(solid).blank_separated
    assert measure_style([run_of(*PARA_18)] * 6).blank_separated
    old = PageStyle(column=8.0, old_style=True, blank_separated=False)
    assert not old.run_is_paragraph and OLD.run_is_paragraph


def test_is_indent_page() -> None:
    def indent_page(bounds: list[list[str | None]]) -> bool:
        return is_indent_page(boundary_reasons(bounds))

    assert indent_page([["next line indented"] * 5, [None, "short line without punctuation"]])
    assert not indent_page([["next line indented"] * 4])
    assert not indent_page([["next line indented"] * 6, ["short line ends a sentence"] * 3])


def test_indent_page_short_line_before_unindented_line_is_a_boundary() -> None:
    indent = "\u3000\u3000"
    run = run_of(indent + PARA_18[0], PARA_18[1], "不少游客，", "青石镇老街", indent + PARA_18[2])
    bounds = [None, None, None, "next line indented"]
    out = set_apart_boundaries(run, 18.0, bounds, MODERN, indented=True)
    assert out[:2] == [None, None]
    # `不少游客，` ends on a comma, but nothing continues a paragraph unindented
    # after a line cut short on a page that indents its paragraphs.
    assert out[2] == "short line before an unindented one on an indented page"
    assert out[3] == "next line indented"


def test_indent_page_lone_heading_after_a_full_sentence_end() -> None:
    full_end = "不少游客。镇里在改造中坚持修旧如旧。"
    run = run_of("\u3000\u3000" + PARA_18[0], full_end, "老街新貌", "\u3000\u3000" + PARA_18[2])
    out = set_apart_boundaries(run, 18.0, [None, None, "next line indented"], MODERN, indented=True)
    assert out[1] == "lone short line after a sentence end"
    # A quote's attribution is no heading: it stays with its paragraph.
    said = run_of("\u3000\u3000" + PARA_18[0], full_end, "崔黎说。", "\u3000\u3000" + PARA_18[2])
    bounds = [None, None, "next line indented"]
    assert set_apart_boundaries(said, 18.0, bounds, MODERN, indented=True)[1] is None
    # Lines a character or two short (half-width quotes) are not cut short.
    almost = run_of(PARA_18[0], "致，新开的茶馆、书店和手工作坊吸", "不少游客。")
    assert set_apart_boundaries(almost, 18.0, [None, None], MODERN, True) == [None, None]


def test_set_apart_two_title_lines_in_a_stack_of_short_lines() -> None:
    # Title lines of two characters look like a column narrowed to two: two
    # heading lines in a row are still titles on an indented page.
    indent = "\u3000\u3000"
    titles = ("長篇", "小說", "天笑", "前文")
    run = run_of(indent + PARA_18[0], PARA_18[3], *titles, indent + PARA_18[2])
    out = set_apart_boundaries(run, 18.0, [None, None, None, None, None, None], MODERN, True)
    assert out[2:5] == ["short line before an unindented one on an indented page"] * 3


def test_group_title_lines_only_makes_headlines_a_clean_page_keeps() -> None:
    titles = lines_of("長篇", "小說", "新上海春秋", "第三百回", "天笑", "前文", "提要")
    body = lines_of(*PARA_18)
    segments = [(body, "x"), *(([t], "t") for t in titles), (body, "y")]
    # Seven lines are more than a headline holds: they stay as they came.
    assert group_title_lines(segments, 18.0) == segments
    credit = lines_of("（本报巴黎2月14日电）", "（方娜瑶）")
    bracketed = [(body, "x"), (credit, "c"), (body, "y")]
    assert group_title_lines(bracketed, 18.0) == bracketed


def test_group_title_lines() -> None:
    title, deck, pen, reporter, credit = lines_of(
        "果农网上卖苹果", "一季销量翻了一番", "（李华）", "本报记者 陈立", "制图：张丹峰"
    )
    body = lines_of(*PARA_18)
    grouped = group_title_lines(
        [(body, "blank line"), ([title], "a"), ([deck], "b"), ([pen], "c"), (body, "d")], 18.0
    )
    # The pen name under the title stands apart, a byline of its own.
    assert [(len(seg), why) for seg, why in grouped] == [
        (4, "blank line"),
        (2, "title lines set between paragraphs"),
        (1, "c"),
        (4, "d"),
    ]
    # A pen name closing an article does not open the next title; a reporter's
    # byline and a labelled credit stand apart.
    grouped = group_title_lines(
        [([pen], "a"), ([title], "b"), ([deck], "c"), ([reporter], "d")], 18.0
    )
    assert [len(seg) for seg, _ in grouped] == [1, 2, 1]
    apart = group_title_lines([([credit], "a"), ([pen], "b")], 18.0)
    assert [len(seg) for seg, _ in apart] == [1, 1]
    # Two short title lines a run opened with come as one segment; a wrapped
    # paragraph's lines fill the column and are no title.
    two = group_title_lines([([title, deck], "blank line"), (body, "x")], 18.0)
    assert [why for _, why in two] == ["title lines set between paragraphs", "x"]
    assert group_title_lines([(body[:2], "a")], 18.0) == [(body[:2], "a")]
    # Short lines closing the run head nothing: captions at a page foot stay apart.
    foot = group_title_lines([(body, "x"), ([title], "a"), ([deck], "b")], 18.0)
    assert [len(seg) for seg, _ in foot] == [4, 1, 1]


def test_a_spaced_name_under_a_title_is_no_title_line() -> None:
    body = lines_of(*PARA_18)
    # However the extraction spaced the name: a space, an ideographic space or a
    # no-break space (PDF text has all three).
    for name in ("张 译", "张\u3000译", "张\u00a0译", "张\u00a0\u00a0译"):
        title, author = lines_of("口碑胜过奖杯", name)
        segments = [(body, "x"), ([title], "a"), ([author], "b"), (body, "y")]
        grouped = group_title_lines(segments, 18.0)
        assert [len(seg) for seg, _ in grouped] == [4, 1, 1, 4], name


# --- healing across a blank line -------------------------------------------------------------




def test_should_heal_between_sentences_of_one_paragraph_on_an_indented_page() -> None:
    # `…开绣庄呢？` | blank | `邹英姿解释说，…`: full lines on both sides, no indent
    # after the gap; where indents mark paragraphs, that is a column break.
    before = ["\u3000\u3000" + PARA_18[0], PARA_18[1], "不少游客。镇里的老街焕发了新的活力。"]
    after = ["镇长介绍，改造中坚持修旧如旧，保留了", "老街原有的格局和风貌。"]
    assert not heal(before, after)
    assert heal(before, after, indented=True)
    # An indented line after the gap starts a paragraph; lone lines are captions.
    assert not heal(before, ["\u3000\u3000" + after[0], after[1]], indented=True)
    assert not heal(before[-1:], after, indented=True)


def test_should_not_heal_after_lines_all_set_wider_than_the_column() -> None:
    # A two-line title set to its own wide measure, one width per line: however
    # "full" its lines, the column break after it ends the title.
    title = [
        "三千多人的青石镇，拥有两百家作坊、一千名匠人",
        "一条“编”出来的千年老街（特色小镇建设见闻）",
    ]
    assert not heal(title, REST)
    # Where the page's own column is that wide, they are running text.
    wide = PageStyle(column=22.0, old_style=False)
    assert heal(title, REST, wide, column=22.0)


def test_should_heal_after_an_enumeration_comma_on_an_old_style_page_set_solid() -> None:
    # Old style ends sentences with `、`, so a gap after one ends a paragraph where
    # blank lines set paragraphs apart; on a page set solid the gap is a column
    # break and a full line's `、` a clause's end, as inside a run.
    before = ["市府以近來失業工人日增、特", "籌設平民工廠一所、收容失業、"]
    after = ["工人三百名、並由社會局派員", "主持、"]
    assert [ln.span for ln in lines_of(*before)] == [13.0, 14.0]
    spaced = PageStyle(column=14.0, old_style=True)
    solid = PageStyle(column=14.0, old_style=True, blank_separated=False)
    assert not heal(before, after, spaced, column=14.0)
    assert heal(before, after, solid, column=14.0)
    # A short line's `、` still ends its paragraph, and a dateline opens one.
    assert not heal([before[0], "籌設平民工廠、"], after, solid, column=14.0)
    assert not heal(before, ["（漢口三日電）鄂省府今晨開", "會、"], solid, column=14.0)


def test_should_heal_after_a_full_clause_mark_where_blank_lines_cut_sentences() -> None:
    # A page whose blank lines also fall at column breaks (one cuts a sentence
    # after a bare character): a full line's `、` over a full line of prose is a
    # clause's end, not the paragraph's. A line a width short stopped on purpose,
    # and a report's lead opens a paragraph as a dateline does.
    before = ["市府以近來失業工人日增、特設", "平民工廠一所、收容失業工人、"]
    after = ["並由社會局派員主持、所需經費", "由市庫撥付、"]
    cuts = PageStyle(column=14.0, old_style=True, column_cuts=True)
    spaced = PageStyle(column=14.0, old_style=True)
    assert heal(before, after, cuts, column=14.0)
    assert not heal(before, after, spaced, column=14.0)
    assert not heal([before[0], "平民工廠一所、收容工人、"], after, cuts, column=14.0)
    for lead in ("又訊、市商會昨開常會、議决", "據社會局負責人稱、該廠籌備"):
        assert not heal(before, [lead, "各案、"], cuts, column=14.0)
    # The page-wide sign: a run's full last line stopping on a bare character,
    # over a run of prose.
    council = run_of("市商會昨開常會、議决救濟失業", "工人辦法多項、並呈請市政府核")
    cut = [run_of(*before), council, run_of(*after)]
    assert measure_style(cut).column_cuts
    assert not measure_style([run_of(*before), run_of(*after)]).column_cuts


def test_a_paragraphs_first_line_alone_shows_and_heals_column_cuts() -> None:
    # A column break right under a paragraph's first line leaves it alone
    # between blank lines: cut on a bare character after its dateline, it shows
    # the page's column cuts; ending on `、`, it runs on into the prose under it.
    # A title (no mark) alone over the text shows none.
    dated = run_of("（漢口三日電）鄂省府今晨開")
    council = run_of("會討論救濟失業工人辦法多項、", "並呈請中央撥欵補助、")
    works = run_of("市府以近來失業工人日增、特設", "平民工廠一所、")
    assert measure_style([works, dated, council]).column_cuts
    assert not measure_style([works, run_of("鄂省府救濟失業工人辦法"), council]).column_cuts
    cuts = PageStyle(column=14.0, old_style=True, column_cuts=True)
    after = ["市商會昨開常會議决救濟辦法", "多項、並呈請市政府核准、"]
    assert heal(["（漢口三日電）市商會昨日上午、"], after, cuts, column=14.0)
    # Not a line wider than the column (a title set to its own measure).
    assert not heal(["市商會救濟失業工人籌設平民工廠經費、"], after, cuts, column=14.0)
    # Nor over a follow-up report or a brief's ◎.
    for lead in ("（又訊）市商會昨開常會議决", "◎天氣預測　本埠今日天氣"):
        assert not heal(["（漢口三日電）市商會昨日上午、"], [lead, after[1]], cuts, column=14.0)


def test_should_heal_a_lone_first_line_under_a_headline() -> None:
    # The body's first line cut off by a column break: full, with a clause mark.
    lone = ["入冬以来，市里的热力公司提前启动了供"]
    rest = ["暖设备检修工作，对全市一百多座换热站", "逐一排查，共更换老化阀门四百余个。"]
    prev_lines, next_lines = lines_of(*lone), lines_of(*rest, start=3)
    corpus = "\n".join(lone + rest)

    def heals(headed: bool, prev: list[Line] = prev_lines, style: PageStyle = MODERN) -> bool:
        return should_heal(
            prev, next_lines, Run(prev), Run(next_lines), 18.0, style, corpus, False, headed
        )

    assert heals(True)
    # Between paragraphs it still runs on: stopping on a bare character, it is
    # a sentence a column break cut under its first line...
    assert heals(False)
    # ...unless the page sets such lines as a series of subheads, a line ending
    # on its phrase opens on its number, or short lines end the paragraphs.
    assert not heals(False, style=replace(MODERN, clause_heads=True))
    assert not heals(False, lines_of("（一）入冬以来，热力公司提前启动了供"))
    assert not heals(False, style=replace(MODERN, short_line_paragraphs=True))
    # Without a clause mark, or short of the column, it is a title line.
    assert not heals(True, lines_of("入冬以来市里的热力公司提前启动了供暖"))
    assert not heals(True, lines_of("入冬以来，市热力公司提前启动"))


def test_holds_clause_heads_counts_lone_comma_lines_under_body_text() -> None:
    body = Run(lines_of("今年以来，全市已有一百多个老", "旧小区加装了电梯。"))
    head = Run(lines_of("摸清需求，先听听每户居民想法"))
    second = Run(lines_of("算好细账，让每笔费用公开透明"))
    numbered = Run(lines_of("（二）算好细账，让费用公开透明"))
    assert holds_clause_heads([body, head, body, second, body])
    # One such line is a sentence a column break may have cut; a headline above
    # the body is no subhead; numbered ones count too (their number tells them).
    assert not holds_clause_heads([body, head, body])
    assert not holds_clause_heads([head, second, body])
    assert holds_clause_heads([body, head, body, numbered, body])


def test_holds_clause_heads_needs_one_line_short_of_the_column() -> None:
    # Lone comma lines that all fill the column, their commas where the
    # sentences put them, are paragraphs' first lines cut by column breaks,
    # however many; a series of subheads has its own lengths or parallel clauses.
    body = Run(lines_of("今年以来，全市已有一百多个老", "旧小区加装了电梯。"))
    cut = Run(lines_of("据住建部门介绍，今年还将为六"))
    second = Run(lines_of("家住三楼的李大爷说，以前每次"))
    head = Run(lines_of("摸清需求，先听居民想法"))
    parallel = Run(lines_of("摸清需求，先听听每户居民想法"))
    also = Run(lines_of("算好细账，让每笔费用公开透明"))
    assert not holds_clause_heads([body, cut, body, second, body], 14.0)
    assert holds_clause_heads([body, cut, body, head, body], 14.0)
    assert holds_clause_heads([body, parallel, body, also, body], 14.0)
    assert holds_clause_heads([body, cut, body, second, body])


@pytest.mark.parametrize("credit", ["制图：何　川", "数据来源：市统计局", "本版制图：林岚"])
def test_a_chart_credit_is_no_clause_head(credit: str) -> None:
    # A chart's credit stops short of the column with a colon inside, but it is a
    # label and its names: with it, one column-cut first line is no series,
    # wherever the credit stands (under a chart mid-page, or at the foot).
    body = Run(lines_of("今年以来，全市已有一百多个老", "旧小区加装了电梯。"))
    cut = Run(lines_of("据住建部门介绍，今年还将为六"))
    head = Run(lines_of("摸清需求，先听居民想法"))
    chart = Run(lines_of(credit))
    assert not holds_clause_heads([body, cut, body, chart, body], 14.0)
    assert not holds_clause_heads([body, chart, body, cut, body], 14.0)
    assert holds_clause_heads([body, cut, body, head, body, chart, body], 14.0)


def test_holds_clause_heads_counts_no_line_closing_the_page() -> None:
    # A subhead heads text; a notice's closing label line (`失主：刘先生`) at
    # the page's end heads none.
    body = Run(lines_of("今年以来，全市已有一百多个老", "旧小区加装了电梯。"))
    cut = Run(lines_of("据住建部门介绍，今年还将为六"))
    label = Run(lines_of("失主：刘先生"))
    assert not holds_clause_heads([body, cut, body, label], 14.0)
    head = Run(lines_of("摸清需求，先听居民想法"))
    assert holds_clause_heads([body, cut, body, head, body], 14.0)


@pytest.mark.parametrize(
    ("above", "heads"),
    [
        ([], True),  # the top of the text
        (["城市更新"], True),  # a lone title line
        (["城市更新", "本报记者 周文涛"], True),  # a byline under it
        (["城市更新", "〔記者林志明／台北報導〕"], True),  # a dateline line under it
        (["本报记者 周文涛"], True),  # a byline at the top
        (["去年以来，全市完成老旧小区改造。"], False),  # a paragraph of one line
        (["去年以来，全市完成老旧小区改造。", "本报记者 周文涛"], False),  # a closing byline
    ],
)
def test_heads_text_finds_where_the_body_starts(above: list[str], heads: bool) -> None:
    # The block just ended (the body's first line, cut off by a column break) comes
    # last; `headed` asks what stands above it.
    entries = [([make_line(n, text)], None, ("blank line",)) for n, text in enumerate(above, 1)]
    first_line = make_line(len(above) + 1, "入秋以来，市住建部门对老街区启动了改造")
    last = ([first_line], None, ("blank line",))
    assert heads_text([*entries, last], MODERN) is heads
    # A headline block typed as such heads the text too.
    headline = (lines_of("城市更新", "老街焕新颜"), BlockKind.HEADLINE, ("heading run",))
    assert heads_text([headline, last], MODERN)


def test_should_heal_full_line_mid_sentence() -> None:
    assert heal(FULL_MID_SENTENCE, REST)


def test_should_heal_before_an_open_quote() -> None:
    prev = [PARA_18[0], PARA_18[1], "为做好供暖保障，市热力公司始终坚持以"]
    assert heal(prev, ["“保温、保供、保安全”为目标。"])


def test_should_not_heal_after_a_sentence_end() -> None:
    prev = [PARA_18[0], PARA_18[1], "不少游客，镇里在改造中始终坚持修旧。"]
    assert not heal(prev, REST)


def test_should_heal_between_a_flush_quote_and_its_speech_tag() -> None:
    quote = [PARA_18[0], PARA_18[1], "“这是历史原因造成的，要慢慢来。”"]
    assert heal(quote, ["汪三贵说，扶贫开发要久久为功。"])
    # Not without a speech tag, nor after a quote that ended short of the column.
    assert not heal(quote, ["扶贫开发要久久为功。"])
    assert not heal([PARA_18[0], "“要慢慢来。”"], ["汪三贵说，扶贫开发要久久为功。"])


@pytest.mark.parametrize(
    ("text", "tag"),
    [
        ("崔黎说。", True),
        ("汪三贵说，扶贫开发要久久为功。", True),
        ("王紅說。她是第一批社員。", True),
        ("省农业农村厅负责人表示：", True),
        ("据介绍，目前已有八千户受益。", False),  # a source, not the quote's speaker
        ("他们说过的话都兑现了。", False),
    ],
)
def test_speaker_tag(text: str, tag: bool) -> None:
    assert (SPEAKER_TAG.match(text) is not None) is tag


def test_a_line_ending_on_a_preposition_runs_on() -> None:
    # `…转化为` cannot end a sentence or a title: heal across the column break even
    # when the line left room or the next line is indented.
    prev = [PARA_18[0], PARA_18[1], "把爱国热情转化为"]
    assert heal(prev, ["推动改革发展的强大动力。"])
    assert heal(prev, ["\u3000\u3000推动改革发展的强大动力。"])
    # Not into a dateline or a byline.
    assert not heal(prev, ["新华社北京2月14日电 记者"])
    # Inside a run: no boundary after it, whatever its width.
    lines = lines_of(PARA_18[0], "把爱国热情转化为", "\u3000\u3000推动改革发展的强大动力。")
    assert boundary_after(lines, 1, MODERN, 18.0) is None
    assert not is_heading_line(make_line(1, "坚持以"))


def test_should_not_heal_after_a_colon_unless_speech_follows() -> None:
    prev = [PARA_18[0], PARA_18[1], "镇里的改造分三步走，每一步都有讲究："]
    assert not heal(prev, ["——先修路，再修房，最后请回老住户。"])
    assert not heal(prev, ["●先修路，再修房，最后请回老住户。"])
    # What a colon announces before a blank line stands as paragraphs of its own...
    assert not heal(prev, ["先修路，再修房，最后请回老住户。"])
    # ... except quoted speech, which runs on.
    said = [PARA_18[0], PARA_18[1], "镇文化站的老站长王大爷笑着告诉记者："]
    assert heal(said, ["“老街又热闹起来了。”"])


def test_should_not_heal_after_a_short_line() -> None:
    assert not heal([PARA_18[0], "不少游客，镇里"], ["加强领导。"])


def test_should_not_heal_into_an_indent_byline_dateline_or_subhead() -> None:
    assert not heal(FULL_MID_SENTENCE, ["\u3000\u3000留了老街原有的格局。"])
    assert not heal(FULL_MID_SENTENCE, ["（王晓明）"])
    assert not heal(FULL_MID_SENTENCE, ["本报记者 陈思远"])
    assert not heal(FULL_MID_SENTENCE, ["新华社北京2月14日电 记者从国家铁路集团获悉。"])
    # A lone line without punctuation is a subhead.
    assert not heal(FULL_MID_SENTENCE, ["深化审批改革"])


# --- regexes ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "新华社北京2月14日电（记者 张华）记者从",
        "新華社南京十日電",
        "本报北京10月14日电 记者从农业农村部获悉",
        "本报讯 近日",
        "（重慶廿日海通電）據此間所接消息",
        "(中央社電)",
        "中新社上海3月1日电",
        "【本報訊】香港天文台今日",
        "〔本报讯〕近日",
        "〔記者王小明／台北報導〕颱風",
        "【記者李華／高雄報導】",
        "記者王小明／台北報導 中央氣象局今天表示",
    ],
)
def test_dateline_start(text: str) -> None:
    assert DATELINE_START.match(text)


@pytest.mark.parametrize(
    "text",
    [
        "新华社记者在现场看到，",  # the agency named inside a sentence, no 电
        "本报记者 陈思远",
        "记者从国家铁路集团获悉",
        "（扩大）会议",
        "据新华社北京电",  # not at the start
    ],
)
def test_not_dateline_start(text: str) -> None:
    assert not DATELINE_START.match(text)


@pytest.mark.parametrize(
    "text",
    [
        "（杨娜娜）",
        "（记者 赵磊 通讯员 孙悦）",
        "本报记者 陈思远",
        "记者 张三",
        "特约评论员 王五",
        "——编 者",
        "■本报记者 张三",
        "文/图 本报记者 王五",
        "新华社记者 张三 李四",
        "記者王小明／台北報導",
    ],
)
def test_byline_line(text: str) -> None:
    assert BYLINE_LINE.match(text)


@pytest.mark.parametrize(
    "text",
    [
        "本报记者从国家铁路集团获悉，今年",  # no space after 记者: prose
        "（扩大）会议，传达学习",  # the bracket does not cover the line
        "（一、加强领导，坚持统筹）",  # a clause mark inside: a bracketed sentence
        "聚焦培根铸魂",
        "■记者节特别报道",  # a bullet over no reporter's name
        "新华社记者近日走访了",  # the agency's reporter in a sentence
        "記者王小明／台北報導，颱風",  # a dateline running into its text
        "文/图：本报记者节目",
    ],
)
def test_not_byline_line(text: str) -> None:
    assert not BYLINE_LINE.match(text)


@pytest.mark.parametrize(
    ("text", "byline"),
    [
        ("光明日报记者 张三", True),
        ("中国青年报·中青在线记者 李四 王五", True),
        ("新京报特约记者 赵六", True),
        ("科技日报通讯员 钱七", True),
        ("他是人民日报记者，也是作家", False),  # a clause, no name after a space
        ("光明日报记者李文看到", False),  # no space: a sentence
        ("光明日报记者 张三，李四说", False),  # a clause mark after the name
    ],
)
def test_another_papers_reporter_is_a_byline(text: str, byline: bool) -> None:
    from papercli.bylines import is_byline, is_named_byline

    assert is_byline(text) is is_named_byline(text) is byline


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("本报记者 张三丰 李四海 王五六 赵七八", True),
        ("记者 张三 通讯员 李四", True),
        ("文/图 本报记者 张三", True),
        ("光明日报记者 张三 李四", True),
        ("——编 者", True),
        ("本报记者 张三日前在村里看到", False),  # running text goes on in words
        ("本报记者 张三 李四说，今年", False),  # a mark: a sentence
        ("记者 在 村 里 看 到 村 民 们", False),  # spaced-out OCR text, no names
        ("本报记者张三", False),  # no space: no pieces to read
        ("张三 李四 王五", False),  # names without a reporter's title
    ],
)
def test_byline_of_names(text: str, names: bool) -> None:
    from papercli.bylines import is_byline_of_names

    assert is_byline_of_names(text) is names


@pytest.mark.parametrize(
    ("text", "byline"),
    [
        ("□ 本报评论员", True),  # the paper's commentator signs an editorial unnamed
        ("本報評論員", True),
        ("林慧敏　报道", True),  # a name and `报道`, as Singapore's papers sign
        ("陳嘉欣 報導", True),
        ("本报评论员认为", False),
        ("据新华社报道", False),  # no space: running text
        ("记者从现场发回报道", False),
    ],
)
def test_unnamed_commentator_and_name_reports_are_bylines(text: str, byline: bool) -> None:
    from papercli.bylines import is_byline, is_named_byline

    assert is_byline(text) is is_named_byline(text) is byline


@pytest.mark.parametrize(
    ("text", "byline"),
    [
        ("报道：林嘉文", True),  # a role's label and a name, as Malaysia's papers sign
        ("摄影：黄伟强", True),
        ("撰文：林嘉文、黄伟强", True),
        ("責任編輯：陳怡君", True),
        ("圖：本報資料照片", True),
        ("报道：据了解，当地", False),  # a clause: running text
        ("文：他们说这个项目很好啊", False),  # longer than a name
        ("记者：请问您当时", False),  # an interview's turn, not a credit
        ("报道指出：今年", False),
    ],
)
def test_role_credits_are_bylines(text: str, byline: bool) -> None:
    from papercli.bylines import is_byline, is_named_byline

    assert is_byline(text) is is_named_byline(text) is byline


@pytest.mark.parametrize(
    ("text", "dateline"),
    [
        ("（星島日報報道）政府今年初宣布", True),  # a paper's report opens its paragraph
        ("（中央社華盛頓18日綜合外電報導）", True),
        ("（本報記者陳大文報道）", False),  # a reporter's credit closes the article
    ],
)
def test_a_bracketed_report_with_no_reporter_is_a_dateline(text: str, dateline: bool) -> None:
    from papercli.bylines import opens_dateline
    from papercli.credits import closes_article

    assert opens_dateline(text) is dateline
    assert closes_article(text) is (not dateline)


# --- classify and the whole pass ------------------------------------------------------------------


def test_classify_single_lines() -> None:
    def kind(text: str) -> BlockKind:
        return classify([make_line(1, text)], "blank line", MODERN)

    assert kind("（杨娜娜）") is BlockKind.BYLINE
    assert kind("新华社北京2月14日电 记者获悉，铁路客流平稳。") is BlockKind.DATELINE
    assert kind("聚焦培根铸魂") is BlockKind.SUBHEAD
    assert kind("不少游客。镇里在改造中坚持修旧如旧。") is BlockKind.PARAGRAPH
    assert classify(lines_of(*PARA_18), "blank line", MODERN) is BlockKind.PARAGRAPH


def rebuild(text: str) -> tuple[Page, list[Change]]:
    raw = split_lines(text)
    return rebuild_paragraphs(raw, list(range(1, len(raw) + 1)))


def test_rebuild_records_healed_with_the_blank_line_number() -> None:
    text = "\n".join([*FULL_MID_SENTENCE, "", *REST, ""])
    page, changes = rebuild(text)
    assert len(page.blocks) == 1
    healed = [c for c in changes if c.action == "healed"]
    assert len(healed) == 1
    assert healed[0].step == "rebuild_paragraphs"
    assert healed[0].line == 4  # the blank line
    assert "line 3" in healed[0].detail  # the full line before it


def test_rebuild_records_page_break_heal() -> None:
    text = "\n".join([*FULL_MID_SENTENCE, "\f" + REST[0], ""])
    page, changes = rebuild(text)
    healed = [c for c in changes if c.action == "healed"]
    assert len(healed) == 1 and "page break" in healed[0].detail
    assert page.blocks[0].lines[-1] == REST[0]


def test_rebuild_records_kept_boundaries_with_reason() -> None:
    text = "\n".join(
        [*PARA_18, "\u3000\u3000镇里在改造中坚持修旧如旧，保", "留了老街原有的格局和风貌。", ""]
    )
    page, changes = rebuild(text)
    assert [b.kind for b in page] == [BlockKind.PARAGRAPH, BlockKind.PARAGRAPH]
    kept = [c for c in changes if c.action == "kept"]
    assert [(c.line, c.detail) for c in kept] == [(5, "next line indented")]
    assert kept[0].text == "有的格局和风貌。|镇里在改造中坚持"


def test_rebuild_headline_block_keeps_lines_and_numbers() -> None:
    text = "老街区焕发新活力\n青石镇以微改造留住城市记忆\n\n" + "\n".join(PARA_18) + "\n"
    page, _ = rebuild(text)
    head, body = page.blocks
    assert head.kind is BlockKind.HEADLINE
    assert head.lines == ("老街区焕发新活力", "青石镇以微改造留住城市记忆")
    assert (head.first_line, head.last_line) == (1, 2)
    assert (body.first_line, body.last_line) == (4, 7)


def test_title_stack_above_the_body() -> None:
    # Title and subtitle set right above the body, no blank line: a headline block.
    body = [
        "走进青石镇老街，青砖黛瓦的民居错落有",
        "致，新开的茶馆、书店和手工作坊吸引了",
        "不少游客。",
    ]
    run = Run(lines_of("老街区焕发新活力", "青石镇以微改造留住城市记忆", *body))
    assert title_stack(run, 18.0, MODERN) == 2


def test_narrow_column_is_no_title_stack() -> None:
    # Lines of one width flowing round a picture are body text, however short.
    run = Run(lines_of("一度曾迫", "近五十元", "關、最後價爲四十九", "元五角、次日再漲。"))
    assert title_stack(run, 9.0, MODERN) == 0


def test_a_single_title_line_is_no_stack() -> None:
    run = Run(lines_of("老街区焕发新活力", "走进青石镇老街，青砖黛瓦的民居错落有", "不少游客。"))
    assert title_stack(run, 18.0, MODERN) == 0


def test_named_byline_stands_on_its_own_line() -> None:
    # A title, the reporter's byline and the first line of the text in one run.
    run = run_of(
        "中印经贸合作迎来更广阔发展空间",
        "本报记者 杜霞琳",
        "金奈会晤为两国经贸合作注入新的活力，",
        "双方企业纷纷表示将扩大投资与合作。",
    )
    bounds = [boundary_after(run.lines, i, MODERN, 18.0) for i in range(3)]
    assert bounds[0] == "byline on its own line"
    assert bounds[1] == "after a byline line"
    assert bounds[2] is None
    # So does one after a bullet, under a credit for words and pictures, or naming
    # another paper (`PAPER_BYLINE`).
    for byline in ("■本报记者 杜霞琳", "文/图 本报记者 杜霞琳", "经济日报记者 杜霞琳"):
        lines = [*run.lines[:1], run.lines[1]._replace(text=byline), *run.lines[2:]]
        assert [boundary_after(lines, i, MODERN, 18.0) for i in range(3)] == bounds


def test_heading_set_on_the_body_lines_after_a_sentence_end() -> None:
    run = run_of(
        "吃上一个妈妈做的花馍感受家的味道。",
        "浙江淳安",
        "天冷，村外池塘都结了冰，孩子们照样",
        "在村口等着看村晚。",
    )
    assert boundary_after(run.lines, 0, MODERN, 18.0) == "heading after a sentence end"
    # A bracketed pen name after a sentence end is left to the paper's habit.
    signed = run_of("吃上一个妈妈做的花馍感受家的味道。", "（莫成）", "天冷，村外池塘都结了冰。")
    assert boundary_after(signed.lines, 0, MODERN, 18.0) is None


def test_a_line_ending_inside_a_hyphenated_word_runs_on() -> None:
    assert ends_dangling("the science park of Zhong-")
    assert not ends_dangling("from 1990-")
    assert not ends_dangling("中文-")
    # A rating or grade ends a title as well as any word does: no hyphenation there.
    assert not ends_dangling("惠誉将该国主权信用评级下调至A-")
    assert not ends_dangling("维持公司主体信用等级为AA-")
    text = (
        "The city council voted on Tuesday to\n"
        "approve a plan for the park of Zhong-\n\n"
        "guancun, which moves its offices.\n"
    )
    assert clean_text(text) == (
        "The city council voted on Tuesday to approve a plan for the park of "
        "Zhong-guancun, which moves its offices.\n"
    )


def test_a_headline_ending_on_a_rating_is_not_glued_to_the_text() -> None:
    text = (
        "惠誉将该国主权信用评级下调至A-\n"
        "\n"
        "国际评级机构惠誉2日宣布，将该国长期外币发行人违约\n"
        "评级由AA下调至A，评级展望为稳定。惠誉表示，此次下\n"
        "调反映了未来三年预计的财政恶化、不断增长的政府债务\n"
        "负担。\n"
    )
    assert clean_text(text).startswith("惠誉将该国主权信用评级下调至A-\n\n国际评级机构")


def test_a_column_label_closing_the_last_line_makes_a_title_deck() -> None:
    deck = lines_of(
        "三千多人的江南小镇，拥有两百家作坊、千名织工",
        "一匹“锦”织出来的小镇（经济观察·特色产业）",
    )
    assert not is_even_fragment(deck)
    assert not is_wrapped_prose(deck, 22.0)
    # Without the label, two even lines with clause marks are a cut-out fragment.
    assert is_even_fragment(lines_of(deck[0].text, "一匹“锦”织出来的小镇，织机声声日夜不停歇"))
    # A bracket that is the whole line, or holds a clause, is no column label.
    assert LABEL_END.search("一匹锦织出来的小镇（经济观察）")
    assert not LABEL_END.search("（妙人）")
    assert not LABEL_END.search("他说（大意是，要改）")



def test_a_subtitle_label_is_no_clause_mark_of_an_even_fragment() -> None:
    # A title and a subtitle opening on a speaker's label, set to one width.
    deck = lines_of("渡輪加價申請獲批 乘客叫苦", "學者：應設票價穩定基金制度")
    assert not is_even_fragment(deck)
    assert is_title_deck(deck)
    # A speech tag's colon is running text's clause, and so is a comma.
    assert is_even_fragment(lines_of("渡輪加價申請獲批 乘客叫苦", "他表示：應設票價穩定基金"))
    assert is_even_fragment(lines_of("渡輪加價申請獲批，乘客叫苦", "學者：應設票價穩定基金制度"))


def test_a_latin_line_going_on_in_lower_case_is_no_title_line() -> None:
    prose = lines_of("The council voted on Tuesday to approve the", "plan for the old harbour")
    assert not has_heading_shape(prose)
    # That one fails on its last line's shape already; a wrapped question whose
    # lines are title-shaped one by one (`?` ends a title line) reaches the rule.
    question = lines_of("What Next?", "will the harbour close?", "Council Decides")
    assert not has_heading_shape(question)
    assert has_heading_shape(lines_of("What Next?", "Will the Harbour Close?", "Council Decides"))
    assert has_heading_shape(lines_of("Council Approves", "Harbour Plan"))
    # A name in lower case inside CJK text does not count.
    assert has_heading_shape(lines_of("新品发布会今日举行", "iPhone 新款亮相"))


def test_a_soft_hyphen_at_the_line_end_runs_on_across_a_column_break() -> None:
    text = (
        "Harbour plan approved\n\n"
        "The council voted on Tuesday to approve the\n"
        "plan for the old harbour after long infor\u00ad\n\n"
        "mation with residents and business owners.\n"
        "The mayor welcomed the vote and thanked all\n"
        "the residents who had taken part in it.\n"
    )
    out = clean_text(text)
    assert "long information with residents" in out
    assert out.count("\n\n") == 1


@pytest.mark.parametrize(
    "text", ["（一）加强组织建设", "(2) a person", "三、推进改革", "1. Scope", "b) paying"]
)
def test_enumerators(text: str) -> None:
    assert ENUMERATOR.match(text)


@pytest.mark.parametrize("text", ["4.7%的增长", "2019年", "a lot", "一方面"])
def test_not_enumerators(text: str) -> None:
    assert not ENUMERATOR.match(text)


def test_no_heal_before_a_list_item() -> None:
    # The line before the gap is full and ends on no mark, but what follows opens
    # with an enumerator: a new item starts there.
    text = (
        "会议提出了今后一个时期的三项重点任务，\n"
        "要求各级党组织认真抓好落实，包括加强\n"
        "基层组织建设，完善工作机制，落实制度\n\n"
        "（二）推进产业发展，培育特色产业，带动\n"
        "群众增收致富，巩固拓展脱贫攻坚成果。\n"
    )
    out = clean_text(text)
    assert "落实制度\n\n（二）推进产业发展" in out


@pytest.mark.parametrize("mark", ["，", "、"])
def test_a_short_line_ending_on_a_comma_heals_on_a_modern_page(mark: str) -> None:
    text = (
        "　　捷运局指出，目前土建工程已完成九成，\n"
        f"机电系统正在安装测试{mark}\n\n"
        "预计明年第三季开始试运转，沿线居民对此\n"
        "充满期待。\n"
    )
    out = clean_text(text)
    assert f"安装测试{mark}预计明年" in out
    assert clean_text(out) == out
    # On a cleaned page (no column, one line a block) nothing heals.
    cleaned = f"机电系统正在安装测试{mark}\n\n预计明年第三季开始试运转。\n"
    assert clean_text(cleaned) == cleaned


@pytest.mark.parametrize("opening", ["。沿线居民", "）。沿线居民", "，沿线居民"])
def test_a_run_opening_on_a_mark_that_cannot_start_a_line_is_healed(opening: str) -> None:
    text = (
        "　　捷运局指出，目前土建工程已完成九成，机电\n"
        "系统正在安装测试，预计明年第三季开始试运转\n\n"
        f"{opening}对此充满期待，纷纷表示支持这项\n"
        "工程。\n"
    )
    out = clean_text(text)
    assert f"试运转{opening}对此" in out
    assert clean_text(out) == out


def test_byline_and_dateline_openers_cover_every_match() -> None:
    # The first-character gates in front of the anchored patterns must let through
    # every line the pattern could match: over every BMP first character, the
    # matches open on exactly the listed ones.
    from papercli.bylines import (
        BYLINE_LINE,
        BYLINE_OPENERS,
        DATELINE_OPENERS,
        DATELINE_START,
        NAMED_BYLINE,
        NAMED_BYLINE_OPENERS,
    )

    tails = [
        *("报记者 张三", "者 张三", "约记者 李四", "论员 王五", "訊員 趙六"),
        *("某某）", "—编 者", "编 者", "讯", "华社北京2月14日电", "華社電"),
        *("新社电", "央社电", "透社电", "联社电", "报北京电", "論員 王五", "重慶廿日電）"),
        # After a bullet (■本报记者 X) or a credit for words and pictures (文/图 记者 X).
        *("本报记者 张三", "记者 赵六", "/图 本报记者 王五", "／文 記者 趙六"),
        *("华社记者 张三", "華社記者 張三", "新社记者 李四", "央社記者 王明"),
        # Bracketed as Hong Kong and Taiwan papers set them.
        *("本報訊】", "記者王明／台北報導〕", "者王明／台北報導 中央氣象局"),
        # A role's label and a name (报道：林志明, 摄影：陈文华, 責任編輯：陳怡君).
        *("道：林志明", "導：林志明", "访：林志明", "訪：林志明", "写：林志明", "寫：林志明"),
        *("影：陈文华", "：林志明", "字：林志明", "文：林志明", "理：林志明"),
        *("译：林志明", "譯：林志明", "辑：林志明", "輯：林志明", "编：林志明", "編：林志明"),
        *("任编辑：林志明", "任編輯：林志明"),
        # An editor's label naming the page (一版责编：X, 4版编辑：X).
        *("版责编：王小明", "版编辑：王小明"),
        # A place and its source with an equals sign, as Japanese and Korean papers set them.
        *("ソウル＝共同】", "서울=연합뉴스] 김철수 기자 ="),
    ]
    for pattern, openers in (
        (BYLINE_LINE, BYLINE_OPENERS),
        (NAMED_BYLINE, NAMED_BYLINE_OPENERS),
        (DATELINE_START, DATELINE_OPENERS),
    ):
        hits = {chr(c) for c in range(0x10000) for tail in tails if pattern.match(chr(c) + tail)}
        assert hits == openers


INVISIBLE_PAGE_BODY = [
    "\u3000\u3000记者从市发展改革委获悉，一季度全市固定",
    "资产投资同比增长百分之八，主要指标好于预",
    "期。据介绍，该项目总投资约十二亿元，预计",
    "明年底建成投用，主要指标好于预期的水平。",
]
INVISIBLE_PAGE_NEXT = [
    "\u3000\u3000近年来，当地大力发展特色产业，带动农民增",
    "收致富。这项技术的应用，使生产效率提高了",
    "三成以上，专家表示这一做法值得推广开来。",
]


@pytest.mark.parametrize("mark", ["\u200b", "\ufeff", "\u200e", "\u2060", "\u200d"])
@pytest.mark.parametrize("where", ["end", "start"])
def test_an_invisible_character_at_a_line_edge_hides_nothing(mark: str, where: str) -> None:
    """A zero-width space, a BOM (files concatenated), a direction mark is no text:
    at a line's end it hid the full stop (a blank line after it was healed), at its
    start the indent (paragraphs ran together, the indent inside the text). It
    stays in the text, where it was."""
    body, after = list(INVISIBLE_PAGE_BODY), list(INVISIBLE_PAGE_NEXT)
    if where == "end":
        # A page whose paragraphs are set apart by blank lines only.
        body[0], after[0] = body[0].lstrip(), after[0].lstrip()
        body[-1] += mark
        page = "\n".join(["乡村振兴见实效", "", *body, "", *after]) + "\n"
    else:
        after[0] = mark + after[0]
        page = "\n".join(["乡村振兴见实效", *body, *after]) + "\n"
    out = clean_text(page)
    blocks = out.split("\n\n")
    assert len(blocks) == 3
    assert blocks[2].lstrip(mark).startswith("近年来")
    assert out.count(mark) == 1 and "\u3000" not in out
    assert clean_text(out) == out


@pytest.mark.parametrize("end", ["。😊😊", "！❤️❤️", "。👍🏻👍🏻"])
def test_an_emoji_after_a_sentence_end_hides_no_stop(end: str) -> None:
    """`…新年快乐。😊😊` ends its sentence: a blank line after it, on a full line,
    is a paragraph break, not a column break inside a sentence."""
    body = [line.lstrip() for line in INVISIBLE_PAGE_BODY[:-1]]
    body.append("明年底建成投用，祝大家新年快乐" + end)
    after = [line.lstrip() for line in INVISIBLE_PAGE_NEXT]
    page = "\n".join(["乡村振兴见实效", "", *body, "", *after]) + "\n"
    out = clean_text(page)
    assert len(out.split("\n\n")) == 3
    assert ends_sentence(body[-1], MODERN)
    assert clean_text(out) == out


@pytest.mark.parametrize("mark", ["□", "〓"])
def test_a_placeholder_for_an_unread_character_is_no_trailing_symbol(mark: str) -> None:
    """OCR sets `□` (or `〓`) for a character it could not read: after a stop it is
    the next sentence's first character, so the sentence runs on across a column
    break there, as after any other character."""
    assert not is_trailing_symbol(mark)
    assert not ends_sentence("主要指标好于预期。" + mark, MODERN)
    assert ends_sentence("主要指标好于预期。🎉", MODERN)
    body = [line.lstrip() for line in INVISIBLE_PAGE_BODY[:-1]]
    body.append("明年底建成投用，主要指标好于预期的水。" + mark)  # full, as the lines above
    after = [line.lstrip() for line in INVISIBLE_PAGE_NEXT]
    page = "\n".join(["乡村振兴见实效", "", *body, "", *after]) + "\n"
    out = clean_text(page)
    assert len(out.split("\n\n")) == 2
    assert clean_text(out) == out


def test_an_end_mark_after_a_sentence_end_hides_no_stop() -> None:
    """`■` after an article's last stop is its end mark (as it is a bullet at a
    line's start), no character OCR could not read: the paragraph ends there, and
    the blank line after it is no column break."""
    assert is_trailing_symbol("■")
    body = [line.lstrip() for line in INVISIBLE_PAGE_BODY[:-1]]
    body.append("明年底建成投用，主要指标好于预期的水。■")  # full, as the lines above
    after = [line.lstrip() for line in INVISIBLE_PAGE_NEXT]
    page = "\n".join(["乡村振兴见实效", "", *body, "", *after]) + "\n"
    out = clean_text(page)
    assert len(out.split("\n\n")) == 3
    assert clean_text(out) == out


@pytest.mark.parametrize("note", ["。（杨娜娜）", "。（记者 张三）", "。”（张三）", "。（完）"])
def test_a_note_in_brackets_after_a_sentence_end_hides_no_stop(note: str) -> None:
    """A closing byline or `（完）` set after the last sentence, on a full line:
    the blank line after it is a paragraph break, not a column break."""
    body = [line.lstrip() for line in INVISIBLE_PAGE_BODY[:-1]]
    body.append("明年底建成投用，主要指标好于预期"[: 20 - len(note)] + note)
    after = [line.lstrip() for line in INVISIBLE_PAGE_NEXT]
    page = "\n".join(["乡村振兴见实效", "", *body, "", *after]) + "\n"
    out = clean_text(page)
    assert len(out.split("\n\n")) == 3
    assert clean_text(out) == out
    # A note after a word or a clause ends no sentence.
    assert not ends_sentence("他说（笑）", MODERN)
    assert not ends_sentence("他说，（注）", MODERN)


@pytest.mark.parametrize("stop", ["．", "｡"])
def test_a_fullwidth_point_ends_a_sentence(stop: str) -> None:
    """Text set with `，．` (much Japanese, some Chinese, and OCR's reading of
    `。`): its paragraphs are not run together, nor is the page read as old style
    for want of a `。`."""
    body = [line.lstrip() for line in INVISIBLE_PAGE_BODY]
    after = [line.lstrip() for line in INVISIBLE_PAGE_NEXT]
    page = "\n".join(["乡村振兴见实效", "", *body, "", *after]).replace("。", stop) + "\n"
    out = clean_text(page)
    assert len(out.split("\n\n")) == 3
    assert clean_text(out) == out
    assert ends_sentence("预期的水平" + stop, MODERN)
    # A decimal point cut by the column is none.
    assert not ends_sentence("同比增长３．", MODERN)


def test_japanese_text_is_not_old_style() -> None:
    """Japanese sets `、` for its comma, several to a sentence: a page of it read
    as 1930s Chinese ended a sentence at every `、`, and a column break after a
    full line ending on one was not healed."""
    first = (
        "政府は五日、新たな経済対策を発表し、地方の中小企業、農家、観光業などへの支援を"
        "拡充すると明らかにした。関係者によると、対策の規模は、約十兆円に上る見通しで、"
        "来月にも、補正予算案を国会に提出する。"
    )
    second = "一方、野党側は、財源の裏付けが不十分だとして、慎重な審議を求めている。"
    lines = [first[i : i + 13] for i in range(0, len(first), 13)]
    assert lines[1].endswith("、")
    page = "\n".join(["経済対策を発表", "", *lines[:2], "", *lines[2:], "", second]) + "\n"
    assert clean_text(page) == "\n\n".join(["経済対策を発表", first, second]) + "\n"


PULL_QUOTE = ("一壶清茶留住了老街坊，也让年轻人在这", "里又找到了老街原来的那份味道和人情味")
QUOTED_BODY = ("茶馆主人周敏说，她希望让年轻人在这里", "又找到了老街原来的那份味道和人情味。")


def test_should_heal_not_after_a_pull_quote_the_body_repeats() -> None:
    # A full line with no mark before a gap is a column break ...
    assert heal(list(PULL_QUOTE), [QUOTED_BODY[0], "又找到了老街的味道。"])
    # ... unless its last words end a clause where the body says them.
    assert not heal(list(PULL_QUOTE), list(QUOTED_BODY))
    # The body's words must end a clause there, not run on past them.
    assert heal(list(PULL_QUOTE), [QUOTED_BODY[0], QUOTED_BODY[1][:-1] + "的老茶客。"])


def test_page_text_around_reads_a_bounded_stretch_of_the_page() -> None:
    after = "每天下午，茶馆里都有评书表演。"
    text = PageText(split_runs([*PULL_QUOTE, "", *QUOTED_BODY, "", after], range(7)))
    assert text.around(1) == "".join([*PULL_QUOTE, *QUOTED_BODY, after])
    assert text.around(1, 3) == "人情味茶馆主"
    assert text.around(0, 4) == "一壶清茶"
