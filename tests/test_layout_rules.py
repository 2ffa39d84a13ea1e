"""One test per layout, healing, title and signal rule that a mutation audit found
unguarded (flipping the rule's condition or moving its threshold by one left the
suite green): each pins the condition or threshold a rule is written with, on
hand-made lines at a known column width (Han units; Latin and digits are half).
See `test_layout.py` for the signals themselves.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import replace

import pytest

from layout_support import FULL_MID_SENTENCE, MODERN, OLD, PARA_18, REST, heal, lines_of, run_of
from papercli.boundaries import (
    ITEM_AFTER_SENTENCE,
    LINE_PRINTED_TWICE,
    LINE_WELL_SHORT,
    NEXT_LINE_INDENTED,
    NUMBERED_SUBHEAD,
    SECTION_LABEL_LINE,
    SHORT_LINE_ENDS_SENTENCE,
    SUBHEAD_OVER_TEXT,
    TITLE_WITH_LABEL,
    boundary_after,
)
from papercli.boundary_walk import run_boundaries
from papercli.columns import column_regions, is_korean_prose, page_columns, run_columns
from papercli.dangling import ends_dangling
from papercli.layout import segment_run
from papercli.lists import item_kind, item_kinds, speaker_labels
from papercli.measure import FLUSH_PARAGRAPH_SHARE, PageStyle, make_line
from papercli.pagestyle import measure_style
from papercli.paragraph_marks import detect_short_line_style, measure_flush_width
from papercli.pipeline import clean_text
from papercli.rows import (
    COLUMN_GAP,
    is_row_run,
    is_table_line,
    is_table_run,
    may_hold_tables,
    split_off_tables,
)
from papercli.runs import Run, local_column, split_runs
from papercli.signals import goes_on_in_lower_case, has_stop_mark, is_heading_line
from papercli.title_lines import (
    group_title_lines,
    reads_as_deck,
    set_apart_boundaries,
    title_stack,
)
from papercli.titles import (
    LABEL_END,
    has_heading_shape,
    indents_a_paragraph,
    is_even_fragment,
    is_title_deck,
    is_wrapped_prose,
    opens_paragraph_at_foot,
)

INDENT = "\u3000\u3000"


def after(texts: list[str], i: int, style: PageStyle = MODERN, column: float = 18.0) -> str | None:
    """`boundary_after` line `i` of a run made of `texts`."""
    return boundary_after(lines_of(*texts), i, style, column)


# --- boundary_after ------------------------------------------------------------


def test_a_dangling_line_still_ends_before_a_dateline_or_a_byline() -> None:
    # `…转化为` runs on into text, but not into a dateline or a byline.
    dangling = "全力把蓝图转化为"
    assert after([dangling, "推动改革发展的强大动力。"], 0) is None
    assert after([dangling, "新华社北京2月14日电 记者从国家铁路集团"], 0) is not None
    assert after([dangling, "本报记者 陈立"], 0) == "byline on its own line"


def test_a_title_ending_on_a_conjunction_ends_over_an_indented_paragraph() -> None:
    # `…人人参与` short, with no mark, over an indented line: a title. A line the
    # column cut on `与` runs on, indented next line or not.
    title = "城市文明建设人人参与"
    assert after([title, INDENT + "倡议发出后，各区志愿者纷纷"], 0) == NEXT_LINE_INDENTED
    assert after(["各区志愿者积极参与", "清理小广告、劝导不文明行为。"], 0) is None
    cut = "倡议发出后，各区志愿者与"
    assert after([cut, INDENT + "社区居民一道清理小广告。"], 0) is None


def test_a_dash_signature_ends_its_block_however_narrow_its_run() -> None:
    # A short run's own measure may be as narrow as the signature: still its end.
    texts = ["影响休息。希望能挪到空地那边去。", "——幸福里小区 居民 何丽", "停车难何时能解决"]
    assert after(texts, 1, column=12.0) == "dash signature after the text it signs"
    # Under a title it is a subtitle's, and a full line opening on a dash runs on.
    assert after(["乡村医生", "——记一位乡村教师", "他在村里行医三十年。"], 1, column=12.0) != (
        "dash signature after the text it signs"
    )


def test_a_photo_credit_runs_on_after_its_caption() -> None:
    caption = "岸灯光映照江面，流光溢彩。"
    assert after([caption, "（何平摄）"], 0) is None
    assert after([caption, "（新华社记者 王立摄）"], 0) is None
    assert after([caption, "（新华社记者 王立）"], 0) == "source credit on its own line"


def test_an_editors_credit_on_its_filing_serial_closes_its_paragraph() -> None:
    # Taiwan's wire copy: the editor's credit and a serial, as wide as the column,
    # then the next item's title with no blank line between.
    texts = [
        "位請假，排班將更加困難，",
        "希望政府提供替代人力補助。",
        "（編輯：王美玲）1130930",
        "美聯準會降息兩碼 鮑爾：",
    ]
    assert after(texts, 2, column=12.0) == "after a source credit"
    # Without a sentence end above it, the bracket may be running text's.
    assert after([texts[0], texts[2], texts[3]], 1, column=12.0) is None


def test_an_indent_counts_only_when_the_next_line_is_not_indented_less() -> None:
    # Every line an em in and paragraphs two more: the line after a
    # paragraph's first line is indented less, and goes on.
    lines = ["\u3000" + INDENT + PARA_18[2], "\u3000" + PARA_18[3]]
    assert after(lines, 0) is None
    assert after([PARA_18[3], INDENT + PARA_18[0]], 0) == NEXT_LINE_INDENTED


def test_a_full_line_ending_on_a_closing_bracket_before_an_indent_ends_its_paragraph() -> None:
    # A clause mark inside, so not a title: the closing bracket alone says the
    # sentence (a picture reference) is complete.
    closed = "镇里请来专家，修缮了三座老宅（见图）"
    assert make_line(1, closed).span == 18.0
    assert after([closed, INDENT + PARA_18[0]], 0) == NEXT_LINE_INDENTED


def test_a_wide_title_with_a_comma_before_an_indent_is_a_title() -> None:
    # Wider than the column: a title, whatever marks it has inside.
    wide = "全域旅游榜上有名，海南保亭全力打造全域大景区"
    assert after([wide, INDENT + PARA_18[0]], 0) == NEXT_LINE_INDENTED
    # As wide as the column with a mark inside: a line of text cut mid-sentence.
    assert after([PARA_18[0], INDENT + PARA_18[1]], 0) is None


def test_a_heading_after_a_sentence_end_has_no_stop_mark_and_is_well_short() -> None:
    # The next line has clause marks: the short line ends a paragraph, and the
    # reason is the one the page's paragraph style is counted from.
    assert after([PARA_18[0], "不少游客。", "镇里坚持修旧如旧，", PARA_18[1]], 1) == (
        SHORT_LINE_ENDS_SENTENCE
    )
    # Two widths short at least: a line just two short is running text.
    nearly = "青石镇老街的民居错落有致新开茶馆"
    assert make_line(1, nearly).span == 16.0
    assert after([PARA_18[0], "不少游客。", nearly, PARA_18[1]], 1) == SHORT_LINE_ENDS_SENTENCE
    assert after([PARA_18[0], "不少游客。", "老街新貌", PARA_18[1]], 1) == (
        "heading after a sentence end"
    )


def test_no_heading_after_a_clause_end_on_an_old_style_page() -> None:
    # Old-style pages end clauses with `、`: a short line after one is no heading.
    lines = ["本市各難民收容所", "、自入冬、", "人數日增", "達三千餘人、各所"]
    assert after(lines, 1, OLD, 8.0) is None


def test_a_named_byline_stands_apart_only_when_it_is_short() -> None:
    # A full line opening on `记者` and a space is running text, not a byline.
    prose = "记者\u3000近日走访了青石镇老街，看到民居错落"
    assert make_line(1, prose).span == 20.0
    assert after([PARA_18[0], prose, PARA_18[1]], 0) is None
    assert after([PARA_18[0], prose, PARA_18[1]], 1) is None
    assert after([PARA_18[0], "本报记者 陈立", PARA_18[1]], 1) == "after a byline line"


def test_two_bylines_in_a_row_never_run_together() -> None:
    # However wide they are set (on a cleaned page the widest line is the column),
    # and in either order: the inline full-line case must not join them either.
    reporter, correspondent = "本报记者 张三", "本报通讯员 李四"
    for first, second in ((reporter, correspondent), (correspondent, reporter)):
        page = f"{first}\n{second}\n"
        assert clean_text(page) == f"{first}\n\n{second}\n"
        assert run_boundaries(run_of(first, second), MODERN, math.inf) == ["byline on its own line"]
    # A line of running text that opens on `本报记者 ` still runs on.
    assert after(["本报记者 张三日前来到青石镇，看到", "民居错落有致。"], 0, column=16.0) is None


def test_a_run_of_short_unmarked_lines_is_a_table_or_list() -> None:
    rows = ["东县 12.5万吨", "西县 10.2万吨", "南县 9.8万吨", "北县 8.1万吨", "中县 7.4万吨"]
    six = run_of(*rows, "新县 1,500吨")
    # A number's point or comma is no mark; the page's widest column measures.
    assert is_row_run(six, 18.0, MODERN) and is_row_run(six, math.inf, MODERN)
    # Five lines are as many as a title holds; marks inside lines make running
    # text (a verse holds one inside one line in five at most); a line near the
    # widest column is wrapped text; a page set without marks cannot tell.
    assert not is_row_run(run_of(*rows), 18.0, MODERN)
    assert not is_row_run(run_of(*rows[:4], "新县、6.5万吨", "城区，1.2万吨"), 18.0, MODERN)
    # A verse's marks end its lines, however even its widths.
    verse = ["夜半听风过竹林，", "一灯如豆伴孤吟。", "窗前旧砚磨新墨，", "写尽秋声到鬓心。"]
    assert is_row_run(run_of(*verse, *verse[:2]), 18.0, MODERN)
    assert not is_row_run(run_of(*verse, *verse[:2]), 18.0, OLD)
    assert not is_row_run(run_of(*rows, "新县今年粮食产量六万五千吨"), 14.0, MODERN)
    assert not is_row_run(six, 18.0, replace(MODERN, unpunctuated=True))
    morning = ["8：00 开幕式", "9：30 主旨演讲", "10：30 圆桌论坛"]
    times = run_of(*morning, "12：00 午餐", "14：00 分论坛", "17：00 闭幕")
    assert is_row_run(times, 18.0, MODERN)
    # Where such lines are more likely text: an old-style page (its narrow columns,
    # cut off by a column break, look the same), lines of one width with no gap or
    # digit (a narrow column that lost its marks), a bracket left open across lines,
    # a byline among them, or a dateline opening the run below (title lines).
    assert not is_row_run(six, 18.0, OLD)
    column = ["新开通的六条线", "路均采用新能源", "公交车辆运营首", "末班时间根据沿"]
    narrow = run_of(*column, "线客流情况确定", "市民可查询")
    assert not is_row_run(narrow, 18.0, MODERN)
    assert not is_row_run(run_of("（伦敦", *rows[1:], "路透电）"), 18.0, MODERN)
    assert not is_row_run(run_of(*rows, "本报记者 张三"), 18.0, MODERN)
    dispatch = run_of("新华社北京6月10日电 农业农村部最新农情调度显示，")
    assert is_row_run(six, 18.0, MODERN, run_of("据了解，今年以来，本市粮食增产。"))
    assert not is_row_run(six, 18.0, MODERN, dispatch)
    # Each row is a block of its own, and no blank line around it is healed.
    before_rows = "今年全市粮食再获丰收，各县产量\n均比去年有所增长，其中东县增幅\n最大。如下\n\n"
    after_rows = "\n新县 6.5万吨\n\n市里表示，明年将继\n续加大投入。\n"
    out = clean_text(before_rows + "\n".join(rows) + after_rows)
    assert out.split("\n\n")[1:8] == [*rows, "新县 6.5万吨", "市里表示，明年将继续加大投入。\n"]


def test_a_runs_first_line_is_measured_against_the_line_below() -> None:
    # A two-line run narrower than the page's column: the first line was not
    # cut short, the run is set narrow.
    assert after(["青石镇老街的民居错落有致", "新开的茶馆吸引了不少游客。"], 0) is None
    # Shorter than the line below: cut short on purpose.
    assert after(["老街新貌", "新开的茶馆吸引了不少游客。"], 0) == (
        "short line without punctuation"
    )


def test_a_trailing_space_before_a_latin_word_or_number_is_a_word_space() -> None:
    cut = "不少游客，镇里在改造中， "
    assert after([*PARA_18[:2], cut, "坚持修旧如旧，保留了老街原有的格局"], 2) == "short line"
    assert after([*PARA_18[:2], cut, "2019年起坚持修旧如旧，保留了老街原有"], 2) is None


def test_line_well_short_thresholds() -> None:
    # After a full line: two widths short ends the block, one and a half does not
    # (even where the next line opens on a digit that would have fitted).
    two_short = "成为两国人民的语言之桥、文化之桥"
    assert make_line(1, two_short).span == 16.0
    assert after([PARA_18[0], two_short, *PARA_18[2:]], 1) == LINE_WELL_SHORT
    half = "两国人民的语言之桥、文化之桥共1座"
    assert make_line(1, half).span == 16.5
    assert after([PARA_18[0], half, "5年来，" + PARA_18[2], PARA_18[3]], 1) is None
    # After a short line (the block's first line may have lost its indent and
    # open on a run-in subhead): five widths short ends it, four do not ...
    five_short = "老街换新颜。镇里都修旧如旧"
    four_short = "老街换新颜。镇里坚持修旧如旧"
    assert (make_line(1, five_short).span, make_line(1, four_short).span) == (13.0, 14.0)
    assert after([PARA_18[3], five_short, *PARA_18], 1) == LINE_WELL_SHORT
    assert after([PARA_18[3], four_short, *PARA_18], 1) is None
    # ... unless the line has a heading's shape: then two widths do.
    heading = "六十四岁，练起了铁人三项赛事"
    assert make_line(1, heading).span == 14.0
    assert after([PARA_18[3], heading, *PARA_18], 1) == LINE_WELL_SHORT


def test_a_narrow_stretch_at_a_runs_top_is_full_in_its_own_column() -> None:
    # A paragraph's first lines set narrower beside a subhead, the column then
    # widening: the stretch's last line is full in its own width, however many
    # wider lines below pull the run's median up.
    wide = [
        "站台上等了半點鐘，才看見一輛車",
        "遠遠地拉過來，停在了她的面前",
        "車夫抹了一把臉上的雨水，問她",
        "要到哪裏去，她說了一個地名。",
    ]
    inset = ["傍晚的雨下得很", "大，街上已沒有", "幾個行人了，她"]
    assert after([*inset, *wide], 2) is None
    assert after([*inset[1:], *wide], 1) is None
    # A list's items of one width end on their marks, and a title deck of three
    # lines of one width has no clause mark: neither reads on.
    items = ["一是加強領導；", "二是完善制度；", "三是強化監督；"]
    assert after([*items, *wide], 2) is not None
    deck = ["孤島書攤巡禮", "舊書換米度日", "文人流落街頭"]
    assert after([*deck, *wide], 2) is not None


def test_a_column_narrowed_inside_a_paragraph_reads_on() -> None:
    # A paragraph's column narrows around a picture and widens again, on a page
    # set solid: each narrow line is full in its own width (cut mid-word, with
    # clause marks).
    wide = ["本市米煤油三項日用必需品、連日價格", "齊漲、貧苦市民、頗感生活之壓迫、平糶"]
    narrow = ["委員會有鑒於此、昨", "日召集會議、決定擴", "大平糶範圍、自下週"]
    after_ = ["起、每日增售平價米五百石、並設法向南", "洋方面、採購洋米、以資接濟、並呈請當"]
    run = [*wide, *narrow, *after_]
    solid = replace(OLD, blank_separated=False)
    assert [after(run, i, solid, 17.0) for i in (2, 3, 4)] == [None, None, None]
    # A sentence end in the narrow stretch is left to the rules of a short line.
    ended = [*narrow[:2], "大平糶範圍、此止。"]
    assert after([*wide, *ended, *after_], 4, MODERN, 17.0) == SHORT_LINE_ENDS_SENTENCE


def test_a_well_short_line_inside_an_open_quote_goes_on() -> None:
    open_quote = "他说，要让老街成为“文化"
    assert after([PARA_18[0], open_quote, *PARA_18[1:]], 1) is None
    closed = "他说，要让老街成为“文化”"
    assert after([PARA_18[0], closed, *PARA_18[1:]], 1) == LINE_WELL_SHORT


# --- page style ---------------------------------------------------------------------


def test_short_line_style_needs_five_short_ends_and_twice_the_indents() -> None:
    def short_line_page(short_ends: int, indents: int) -> bool:
        reasons = Counter({SHORT_LINE_ENDS_SENTENCE: short_ends, NEXT_LINE_INDENTED: indents})
        return detect_short_line_style(reasons, MODERN).short_line_paragraphs

    assert short_line_page(5, 0)
    assert not short_line_page(4, 0)
    assert short_line_page(5, 2)
    assert not short_line_page(6, 3)
    assert short_line_page(7, 3)


def test_flush_width_is_a_share_of_the_median_paragraph_the_page_shows_whole() -> None:
    # Runs of 18-wide lines, each cut after the line numbers given: a run's first
    # paragraph shows no start, so only the paragraphs between two short ends count.
    def flush_width(*cuts: tuple[int, ...]) -> float:
        runs, bounds = [], []
        for ends in cuts:
            runs.append(Run(lines_of(*[PARA_18[0]] * (max(ends) + 2))))
            run_bounds: list[str | None] = [None] * (max(ends) + 1)
            for end in ends:
                run_bounds[end] = SHORT_LINE_ENDS_SENTENCE
            bounds.append(run_bounds)
        return measure_flush_width(MODERN, runs, bounds).flush_width

    # Paragraphs of 2, 3, 4, 5, 6 and 7 lines: median 5 lines, 90 wide.
    assert flush_width((0, 2, 5), (1, 5, 10), (3, 9, 16)) == pytest.approx(
        FLUSH_PARAGRAPH_SHARE * 90.0
    )
    # Five paragraphs are too few: lines are counted instead.
    assert flush_width((0, 2, 5), (1, 5, 10), (3, 9)) == 0.0
    # Another reason's end opens a paragraph but closes none that counts.
    run = Run(lines_of(*[PARA_18[0]] * 30))
    bounds: list[str | None] = [None] * 29
    for end in (0, 3, 6, 9, 12, 15, 18):
        bounds[end] = SHORT_LINE_ENDS_SENTENCE
    bounds[21] = "byline on its own line"
    assert measure_flush_width(MODERN, [run], [bounds]).flush_width == pytest.approx(
        FLUSH_PARAGRAPH_SHARE * 54.0
    )


def test_trailing_spaces_mark_breaks_only_on_a_fifth_of_the_lines_or_fewer() -> None:
    def marks(padded: int, lines: int = 10) -> bool:
        texts = [PARA_18[k % 3] + (" " if k < padded else "") for k in range(lines)]
        return measure_style([Run(lines_of(*texts))]).trailing_space_marks

    assert marks(2)
    assert not marks(3)
    assert not marks(4)


# --- healing ----------------------------------------------------------------------


BEFORE_INDENTED = [INDENT + PARA_18[0], PARA_18[1], "不少游客。镇里的老街焕发了新的活力。"]
AFTER_INDENTED = ["镇长介绍，改造中坚持修旧如旧，保留了", "老街原有的格局和风貌。"]


def test_indented_page_heals_only_between_full_lines_of_running_text() -> None:
    assert heal(BEFORE_INDENTED, AFTER_INDENTED, indented=True)
    # A lone line after the gap: a caption or deck.
    assert not heal(BEFORE_INDENTED, AFTER_INDENTED[:1], indented=True)
    # The line before the gap stops short: the paragraph ended there.
    assert not heal([*BEFORE_INDENTED[:2], "不少游客。"], AFTER_INDENTED, indented=True)
    # The line after it is short: a heading or a short paragraph.
    assert not heal(BEFORE_INDENTED, ["镇长介绍，改造中", AFTER_INDENTED[1]], indented=True)
    # No stop or clause mark in it, and one line under it before the next blank
    # line: a title as wide as the column over a deck or a one-line paragraph.
    title = "镇长介绍改造中坚持修旧如旧保留了老街"
    assert not heal(BEFORE_INDENTED, [title, AFTER_INDENTED[1]], indented=True)
    # A dateline or a byline opens a paragraph of its own.
    dated = "新华社北京2月14日电 记者获悉，国家铁路"
    assert make_line(1, dated).span == 19.0
    assert not heal(BEFORE_INDENTED, [dated, AFTER_INDENTED[1]], indented=True)


def test_indented_page_heals_a_narrow_columns_line_with_no_mark() -> None:
    # Ten to a line: running text often fills one with no mark; the line it
    # wraps into shows a clause.
    before = [INDENT + "老师傅说：快四十", "年了。我小时候跟着", "父亲上山学会了炒茶。"]
    after = ["每年清明前后是最忙的", "时候，常常一夜不睡。"]
    assert heal(before, after, column=10.0, indented=True)
    # A bullet opens an item of its own.
    assert not heal(before, ["▲" + after[0][1:], after[1]], column=10.0, indented=True)


def test_indented_page_heals_a_wider_columns_line_with_no_mark_that_runs_on() -> None:
    # Eighteen to a line: the line after the gap has no mark; the text shows it
    # runs on as a column's, wrapping into a full line over an unindented one, or
    # ending its paragraph on a full stop with the next paragraph under it.
    opener = "镇长介绍改造中坚持修旧如旧并且保留了"
    runs_on = [opener, "老街原有的格局和风貌，沿街店铺也恢复", "了老字号的招牌。"]
    assert heal(BEFORE_INDENTED, runs_on, indented=True)
    ends = [opener, "老街原有的格局和风貌。", INDENT + "游客说，很喜欢这里。"]
    assert heal(BEFORE_INDENTED, ends, indented=True)
    # A title wrapped: its tail stops short on no full stop over its paragraph.
    title = ["两岸村民盼了多年的新渡口今后该怎样运", "营好？", INDENT + "县交通运输局负责人介绍，"]
    assert not heal(BEFORE_INDENTED, title, indented=True)
    # Two full lines over an indented one: a title wrapped to the column's width
    # over its paragraph (a column's text would run on unindented).
    indented = [runs_on[0], runs_on[1], INDENT + runs_on[2]]
    assert not heal(BEFORE_INDENTED, indented, indented=True)


def test_a_speech_tag_that_is_indented_or_enumerated_opens_its_own_block() -> None:
    quote = [PARA_18[0], PARA_18[1], "“这是历史原因造成的，要慢慢来。”"]
    assert heal(quote, ["汪三贵说，扶贫开发要久久为功。"])
    assert not heal(quote, [INDENT + "汪三贵说，扶贫开发要久久为功。"])
    assert not heal(quote, ["（一）汪三贵说，扶贫开发要久久为功。"])


def test_a_dangling_end_on_a_cleaned_page_is_not_healed() -> None:
    # One line a block and no column (what dedupe may leave): nothing to go by.
    assert not heal(["把爱国热情转化为"], ["推动改革发展的强大动力。"], column=math.inf)
    assert heal(
        ["把爱国热情转化为"], ["推动改革发展的强大动力。", "各地纷纷行动。"], column=math.inf
    )


def test_a_lone_title_on_a_page_too_short_to_show_its_column_stands_apart() -> None:
    # The text under it runs on from line to line: its column is twice the title.
    wrapped = ["因道路施工，公交十二路自明日起临时调整走向，绕", "行城南大道，恢复时间另行通知。"]
    assert not heal(["公交十二路调整走向"], wrapped, column=math.inf)
    # A line about as wide as that text's is no title.
    assert heal(["因道路施工公交十二路自明日起临时调整线路走向"], wrapped, column=math.inf)


def test_a_lone_line_on_a_page_with_a_column_heals_into_a_kinsoku_mark() -> None:
    assert heal(["机电系统正在安装测试"], ["，预计明年第三季开始试运转。"])
    assert not heal(["机电系统正在安装测试"], ["，预计明年第三季开始试运转。"], column=math.inf)


def test_a_dateline_wrapped_across_two_lines_is_not_healed_into() -> None:
    dated = ["（香港廿二日美聯", "電）據此間消息、港府今日宣佈、"]
    assert not heal(FULL_MID_SENTENCE, dated)
    assert heal(FULL_MID_SENTENCE, ["（香港廿二日美聯社記", "者所見、港府今日宣佈、"])


def test_no_heal_into_a_byline_that_leads_a_run_or_out_of_one() -> None:
    assert not heal(FULL_MID_SENTENCE, ["本报记者 陈思远", "青石镇老街的改造始于三年前。"])
    byline = "（本报记者 赵磊 通讯员 孙悦 实习生 陈思远）"
    assert not heal([PARA_18[0], byline], REST)


def test_a_column_narrowed_round_a_picture_is_measured_locally() -> None:
    # Four lines of 11 before the gap (the column narrowed to 11): the last is
    # full there, and the sentence runs on across the gap.
    narrow = [
        "青石镇老街民居错落，茶",
        "馆书店作坊吸引了游客，",
        "镇里改造中坚持修旧如旧",
        "保留了老街原有格局和风",
    ]
    assert all(make_line(1, t).span == 11.0 for t in narrow)
    assert heal(narrow, ["貌，让人们记住了乡愁。", "各地纷纷前来参观学习。"])


def test_lines_wider_than_the_column_but_not_than_the_page_are_text() -> None:
    # The run's column is misjudged at 18, the page's commonest width is 22:
    # lines of 22 are the page's text, not a title set wide.
    title = [
        "三千多人的青石镇，拥有两百家作坊、一千名匠人",
        "一条“编”出来的千年老街（特色小镇建设见闻）",
    ]
    assert heal(title, REST, PageStyle(column=22.0, old_style=False), column=18.0)


def test_a_short_line_ending_on_a_comma_heals_only_on_a_modern_page() -> None:
    # Old-style pages end items with a comma before a blank line.
    old = (["本市各難民收容所", "自入冬以來，"], ["收容人數日增、現已", "達三千餘人、"])
    assert not heal(*old, OLD, column=8.0)
    assert heal(
        ["本市各难民收容所", "自入冬以来，"], ["收容人数日增，现已", "达三千余人。"], column=8.0
    )


def test_a_short_line_on_a_bare_character_heals_when_the_words_run_on() -> None:
    # `…收` | blank | `容…`: the pair occurs inside a line of the page.
    prev, nxt = ["本市各難民收容所", "入冬以來收"], ["容人數日增、現已達", "三千餘人、"]
    assert heal(prev, nxt, MODERN, column=8.0)
    assert not heal(prev, nxt, OLD, column=8.0)
    # A one-line block is a heading or a caption, whatever follows it.
    lone = ["保留了老街原有的格局和风"]
    assert not heal(lone, ["貌，让人们记住了乡愁。", "老街风貌焕然一新。"])


def test_a_lone_line_between_blank_lines() -> None:
    # Set wider than the column: a title, though the next line opens on a short clause.
    assert not heal(["全域旅游榜上有名，海南保亭全力打造全域大景区"], REST)
    # A full line with a sentence mark inside reads as prose.
    assert heal(["不少游客。镇里在改造中坚持修旧如旧"], ["保留了老街原有的格局和风貌。"])
    # A markless full line runs on where the pair it would make is a word of the page.
    cut = "镇里在改造中坚持修旧如旧保留了老街原"
    assert heal([cut], ["有的格局和风貌，原有的街巷也得到保护。"])
    assert not heal([cut], ["貌焕然一新，各地游客纷纷前来参观。"])
    # What follows opens with a clause of one or two characters, not three.
    title = "聚焦培根铸魂加强政治引领推动高质量发展"
    assert heal([title], ["技术，新产业不断涌现。"])
    assert not heal([title], ["新技术，新产业不断涌现。"])


def test_a_speech_tag_follows_any_closing_quote() -> None:
    tag = ["汪三贵说，扶贫开发要久久为功。"]
    for quote in ("「这是历史原因造成的，要慢慢来。」", "『这是历史原因造成的，要慢慢来。』"):
        assert heal([PARA_18[0], PARA_18[1], quote], tag), quote


# --- columns ------------------------------------------------------------------------


def test_a_run_measures_its_own_column_from_three_lines() -> None:
    pair = Run(lines_of("今年以来，和平街道已为十二个", "老旧小区加装电梯。"))
    wide = Run(
        lines_of(
            "为期一个月的全民健身活动月日前启动，全市将",
            "举办徒步、骑行、广场舞等各类赛事活动一百余",
            "场，预计参与群众超过十万人次。",
        )
    )
    # Two lines are too few for a median of their own: the next run's column.
    assert run_columns([pair, wide]) == [21.0, 21.0]
    # The page's wrapped lines show a column only from three of them.
    assert run_columns([pair]) == [math.inf]
    assert run_columns([pair, pair, pair]) == [14.0, 14.0, 14.0]


def test_a_lead_wrapped_at_its_own_measure_is_measured_again() -> None:
    # Title-shaped (no final stop) but wrapped evenly with clause marks: the
    # lead is prose, and the second pass measures it by its own median (21).
    lead = Run(
        lines_of(
            "医疗纠纷调解不是简单地和稀泥，而是要准确把握",
            "纠纷形成的原因，分析谁对谁错、错在哪里以及",
            "如何化解矛盾",
        )
    )
    body = Run(lines_of(*PARA_18))
    columns, headings = page_columns([lead, body])
    assert (columns, headings) == ([21.0, 18.0], [False, False])


def test_column_regions_merge_within_one_unit_and_take_the_larger_runs_width() -> None:
    narrow = [PARA_18[0], PARA_18[1], PARA_18[3]]
    wider = ["走进青石镇老街，青砖黛瓦的民居错落有致"] * 4 + ["客。"]
    assert make_line(1, wider[0]).span == 19.0
    # 3 lines at 18, then 5 at 19: one region, named by the run with more lines.
    lines = [*narrow, "", *wider]
    regions = column_regions(lines, list(range(1, len(lines) + 1)))
    assert [(r.width, r.first_line, r.last_line, r.lines) for r in regions] == [(19, 1, 9, 8)]
    far = [*narrow, "", "为期一个月的全民健身活动月日前启动，全市将", PARA_18[1] + "举办", "场。"]
    regions = column_regions(far, list(range(1, len(far) + 1)))
    assert [r.width for r in regions] == [18, 20]


# --- titles ---------------------------------------------------------------------------


def test_wrapped_prose_lines_are_even_within_one_unit() -> None:
    uneven = lines_of("老街区，焕发新活力来了吗青石镇", "老街区焕发新活力来了吗青石x", "末行")
    assert [ln.span for ln in uneven[:2]] == [15.0, 13.5]
    assert not is_wrapped_prose(uneven, 15.0)
    # One line of text must match the column: not set wider than it.
    wide = lines_of("全域旅游榜上有名，海南保亭全力打造全域大景区", "末行")
    assert not is_wrapped_prose(wide, 18.0)
    assert is_wrapped_prose(wide, 22.0)


def test_only_a_line_indented_deeper_than_the_one_above_opens_a_paragraph() -> None:
    # Every line set in by the same indent: no line opens a paragraph inside.
    level = lines_of(INDENT + PARA_18[0], INDENT + PARA_18[1], PARA_18[3])
    assert not indents_a_paragraph(level, 18.0)
    deeper = lines_of(PARA_18[0], INDENT + PARA_18[1], PARA_18[3])
    assert indents_a_paragraph(deeper, 18.0)


# --- kinsoku ------------------------------------------------------------------------


def test_no_boundary_before_a_line_that_opens_on_a_comma() -> None:
    # `…改造中` is short with no mark (a boundary), but a comma cannot start a
    # line: the column ran out there.
    text = "\n".join([PARA_18[0], PARA_18[1], "不少游客镇里在改造中", "，坚持修旧如旧。", ""])
    assert clean_text(text) == PARA_18[0] + PARA_18[1] + "不少游客镇里在改造中，坚持修旧如旧。\n"


def test_heading_shape_excludes_datelines_and_questions_with_commas() -> None:
    assert has_heading_shape(lines_of("谁来守护老街的记忆？", "青石镇以微改造留住城市记忆"))
    # A question with a comma in it is a sentence of the text.
    assert not has_heading_shape(lines_of("谁来守护，老街的记忆？", "青石镇以微改造留住城市记忆"))
    # A dateline opens a paragraph, however short.
    assert not has_heading_shape(lines_of("新华社北京2月14日电", "青石镇老街焕新颜"))


def test_a_title_deck_is_no_prose_wrapped_at_any_column() -> None:
    # Lines over the last of one width, with clause marks, read as wrapped text
    # whatever the page's column: a second clean would join such a "headline".
    even = lines_of("消息、代表、昨日南京會議", "面食辦法物價決定、戰事", "院")
    assert has_heading_shape(even) and not is_even_fragment(even)
    assert not is_title_deck(even)
    assert not reads_as_deck(["农民推进会议", "议效，率项", "划"])
    # Uneven lines, or even ones without marks, are a title's.
    assert reads_as_deck(["农民推进会议农民推进会议", "议效，率项", "划"])
    assert is_title_deck(lines_of("鄂尔多斯市公安局", "以专项活动推动工作", "见实效"))


def test_an_even_fragment_is_even_within_one_unit() -> None:
    even = lines_of("老街区，焕发新活力来了吗青石镇", "老街区焕发新活力来了吗青石村x")
    assert is_even_fragment(even)
    uneven = lines_of("老街区，焕发新活力来了吗青石镇", "老街区焕发新活力来了吗青石x")
    assert not is_even_fragment(uneven)


def test_a_numbered_title_decks_enumerator_marks_no_clause() -> None:
    # `一、` numbers the deck's first line: lines of one width with no clause mark
    # past it are a title deck, before and after cleaning.
    deck = lines_of("一、國民精神", "總動員綱要", "實施辦法")
    assert not is_wrapped_prose(deck, 18.0)
    assert not is_even_fragment(deck[:2])
    assert is_wrapped_prose(lines_of("一、國民精神，", "總動員綱要實施", "辦法"), 18.0)
    # An old-style page (`、` ends its clauses) with the deck set between paragraphs.
    page = "\n".join(
        [
            "本市各難民收容所、自入冬以來、人數日增、",
            "已達三千餘人、",
            "",
            "一、國民精神",
            "總動員綱要",
            "實施辦法",
            "",
            "國民精神總動員綱要、業經中央通令各省市、",
            "一體遵照實施、",
        ]
    )
    once = clean_text(page)
    assert "\n\n一、國民精神\n總動員綱要\n實施辦法\n\n" in once
    assert clean_text(once) == once


def test_a_paragraph_opens_at_the_foot_of_title_lines_only_on_an_indented_full_clause() -> None:
    title = "老街区焕发新活力"
    assert opens_paragraph_at_foot(lines_of(title, INDENT + PARA_18[0]), 18.0, 18.0)
    # Not indented, not full, or no clause in it: a title line all the same.
    assert not opens_paragraph_at_foot(lines_of(title, PARA_18[0]), 18.0, 18.0)
    assert not opens_paragraph_at_foot(lines_of(title, INDENT + "今年以来，河湾镇"), 18.0, 18.0)
    markless = INDENT + "镇长介绍改造中坚持修旧如旧保留了老街"
    assert not opens_paragraph_at_foot(lines_of(title, markless), 18.0, 18.0)


def test_on_an_indented_page_a_line_is_cut_short_three_widths_from_the_column() -> None:
    def bounds(line: str) -> list[str | None]:
        run = Run(lines_of(INDENT + PARA_18[0], line, PARA_18[2], INDENT + PARA_18[1]))
        return set_apart_boundaries(run, 18.0, [None, None, NEXT_LINE_INDENTED], MODERN, True)

    # 15 wide and a character to come: 16 needed, more than 18 - 3.
    assert bounds("致，新开的茶馆、书店和手工作坊")[1] is None
    assert bounds("致，新开的茶馆、书店和手工")[1] == (
        "short line before an unindented one on an indented page"
    )


def test_set_apart_a_dangling_line_runs_on_and_a_short_last_line_stands_apart() -> None:
    # Cut short on a preposition: the sentence goes on into the unindented line.
    cut = Run(lines_of(INDENT + PARA_18[0], "致，新开的茶馆把", PARA_18[2], INDENT + PARA_18[1]))
    assert set_apart_boundaries(cut, 18.0, [None, None, NEXT_LINE_INDENTED], MODERN, True) == [
        None,
        None,
        NEXT_LINE_INDENTED,
    ]
    # A short heading-shaped line closing a solid run after a sentence end.
    full_end = "不少游客。镇里在改造中坚持修旧如旧。"
    run = Run(lines_of(PARA_18[0], full_end, "老街新貌"))
    assert set_apart_boundaries(run, 18.0, [None, None], MODERN, indented=False) == [
        None,
        "lone short line after a sentence end",
    ]


def test_a_well_short_line_ending_on_any_opening_bracket_goes_on() -> None:
    # `〔` opens no pair `leaves_open` counts, but a bracket never ends a line.
    for opener in ("〔", "〈", "（"):
        cut = "两国人民的语言之桥、文化之桥" + opener
        assert after([PARA_18[0], cut, *PARA_18[2:]], 1) is None, opener


def test_a_flush_sentence_end_before_a_lower_case_line_is_no_paragraph_end() -> None:
    # On a page marked by short last lines, a full line ending a sentence after a
    # paragraph's length ends the paragraph, unless the text goes on in lower case.
    style = PageStyle(column=22.0, old_style=False, short_line_paragraphs=True)
    lines = [
        "The council voted on Tuesday to approve",
        "a plan for the old harbour, with funds",
        "from the regional office in the U.S.",
    ]
    for nxt, paragraphs in (("government and the city.", 1), ("The mayor welcomed it.", 2)):
        run = Run(lines_of(*lines, nxt))
        segments = segment_run(run, style, [None, None, None])
        assert len(segments) == paragraphs, nxt


def test_a_lone_short_line_is_a_heading_only_where_a_boundary_follows_it() -> None:
    full_end = "不少游客。镇里在改造中坚持修旧如旧。"
    run = Run(lines_of(PARA_18[0], full_end, "老街新貌", "不少游客，", PARA_18[2]))
    apart = [None, None, "short line without punctuation", None]
    assert set_apart_boundaries(run, 18.0, apart, MODERN, indented=False)[1] == (
        "lone short line after a sentence end"
    )
    # No boundary after the short line: it runs on, so it heads nothing.
    assert set_apart_boundaries(run, 18.0, [None] * 4, MODERN, indented=False)[1] is None


def test_group_title_lines_skips_even_fragments_and_full_lines() -> None:
    body = lines_of(*PARA_18)
    # Two short lines of one width with clause marks: text cut out by the column.
    a, b = lines_of("老街区，焕发新活力来了吗", "青石镇，保留老街格局风貌")
    even = [(body, "x"), ([a], "a"), ([b], "b"), (body, "y")]
    assert group_title_lines(even, 18.0) == even
    # A segment of two lines, one of them full, is wrapped text, not titles.
    title = lines_of("果农网上卖苹果")
    wrapped = [(body, "x"), (title, "a"), (lines_of(PARA_18[0], "老街新貌"), "b"), (body, "y")]
    assert group_title_lines(wrapped, 18.0) == wrapped
    # The same lines as single segments between paragraphs are one headline.
    stacked = [(body, "x"), (title, "a"), (lines_of("老街新貌"), "b"), (body, "y")]
    assert [why for _, why in group_title_lines(stacked, 18.0)] == [
        "x",
        "title lines set between paragraphs",
        "y",
    ]


def test_no_title_stack_on_an_old_style_page() -> None:
    body = [PARA_18[0], PARA_18[1], "不少游客。"]
    run = Run(lines_of("老街区焕发新活力", "青石镇以微改造留住城市记忆", *body))
    assert title_stack(run, 18.0, MODERN) == 2
    assert title_stack(run, 18.0, PageStyle(column=18.0, old_style=True)) == 0


def test_a_title_stack_needs_a_full_body_line_and_no_dateline() -> None:
    body = [
        "走进青石镇老街，青砖黛瓦的民居错落有",
        "致，新开的茶馆、书店和手工作坊吸引了",
        "不少游客。",
    ]
    # The line below the short lines stops short too: no body under them.
    short_body = Run(
        lines_of("老街区焕发新活力", "青石镇以微改造留住城市记忆", "不少游客。", *body)
    )
    assert title_stack(short_body, 18.0, MODERN) == 0
    # A dateline over the body opens it; the cleaned page would show no headline.
    dated = Run(lines_of("新华社北京2月14日电", "青石镇以微改造留住城市记忆", *body))
    assert title_stack(dated, 18.0, MODERN) == 0


def test_a_narrow_column_leaves_a_sixth_of_its_width_for_a_cut_line() -> None:
    # Column 12: a line is cut short at two widths (12 / 6), not three.
    full = "走进青石镇老街，青砖黛瓦"
    assert make_line(1, full).span == 12.0
    cut = "致，新开的茶馆书店"  # 9, and a character to come: 10 = 12 - 2
    run = Run(lines_of(INDENT + full, cut, full, INDENT + full))
    out = set_apart_boundaries(run, 12.0, [None, None, NEXT_LINE_INDENTED], MODERN, True)
    assert out[1] == "short line before an unindented one on an indented page"


def test_set_apart_a_wide_title_is_no_dateline_and_leaves_a_dangling_line_alone() -> None:
    body = [PARA_18[0], PARA_18[1], PARA_18[0], PARA_18[1]]
    # A dateline set wide opens its paragraph: no title.
    dated = "新华社北京2月14日电 记者从国家铁路集团有限公司获悉"
    run = Run(lines_of(PARA_18[0], PARA_18[3], dated, *body))
    assert set_apart_boundaries(run, 18.0, [None] * 6, MODERN, indented=False)[1:3] == [None, None]
    # The line above a wide title keeps running on when it ends on a preposition.
    wide = "全域旅游榜上有名，海南保亭全力打造全域大景区"
    run = Run(lines_of(PARA_18[0], "全力把蓝图转化为", wide, *body))
    out = set_apart_boundaries(run, 18.0, [None] * 6, MODERN, indented=False)
    assert out[1:3] == [None, "title wider than the column"]


def test_a_lone_short_line_heads_only_after_a_sentence_end() -> None:
    run = Run(lines_of(PARA_18[0], PARA_18[1], "老街新貌", "不少游客，", PARA_18[2]))
    bounds = [None, None, "short line without punctuation", None]
    assert set_apart_boundaries(run, 18.0, bounds, MODERN, indented=False)[1] is None


def test_group_title_lines_keeps_indented_lines_and_labelled_credits_apart() -> None:
    body = lines_of(*PARA_18)
    title = lines_of("果农网上卖苹果")
    for other in (INDENT + "一季销量翻了一番", "数据来源：国家统计局", "制图：张丹峰"):
        segments = [(body, "x"), (title, "a"), (lines_of(other), "b"), (body, "y")]
        assert group_title_lines(segments, 18.0) == segments, other
    deck = [(body, "x"), (title, "a"), (lines_of("一季销量翻了一番"), "b"), (body, "y")]
    assert len(group_title_lines(deck, 18.0)) == 3


def test_title_stack_lines_stop_two_widths_short() -> None:
    body = [
        "走进青石镇老街，青砖黛瓦的民居错落有",
        "致，新开的茶馆、书店和手工作坊吸引了",
        "不少游客。",
    ]
    long_deck = "青石镇以微改造留住城市记忆让老街"
    assert make_line(1, long_deck).span == 16.0
    assert title_stack(Run(lines_of("老街区焕发新活力", long_deck, *body)), 18.0, MODERN) == 0


def test_a_column_label_after_a_space_is_no_label() -> None:
    assert LABEL_END.search("一匹锦织出来的小镇（经济观察）")
    assert not LABEL_END.search("一匹锦织出来的小镇 （经济观察）")


def test_latin_lower_case_and_hyphen_ends_are_latin_only() -> None:
    # Greek lower case opens no continuation (a formula or a unit may).
    assert goes_on_in_lower_case("decay of the nucleus")
    assert not goes_on_in_lower_case("αβγ decay of the nucleus")
    # A single letter before the hyphen is a compound's (`e-mail`), not a cut word.
    assert ends_dangling("a rare oppor-")
    assert not ends_dangling("send an e-")


def test_a_headline_holds_five_lines() -> None:
    five = lines_of(
        "聚焦乡村振兴", "小小茶叶", "撑起致富路", "竹溪村发展特色产业", "带动两百余户增收"
    )
    assert has_heading_shape(five)
    assert not has_heading_shape(lines_of(*[ln.text for ln in five], "茶农笑开颜"))


def test_a_local_column_narrows_only_on_three_lines_of_one_width() -> None:
    lines = lines_of(PARA_18[0], "青砖黛瓦的民居", "新开的茶馆书店", "游客", PARA_18[0])
    # Two lines of 7 and a short one: no narrowed column, the run's own.
    assert local_column(lines, 2, 18.0) == 18.0


def test_an_indented_markless_line_as_wide_as_the_column_is_no_title() -> None:
    # Unindented, it is a title over the indented paragraph; indented itself,
    # it is a paragraph's (or list item's) first line cut mid-sentence.
    title = "世界多极化是长期而复杂的历史进程前行"
    assert after([title, INDENT + PARA_18[1]], 0) == NEXT_LINE_INDENTED
    assert after([INDENT + title, INDENT + PARA_18[1]], 0) is None


def test_without_a_page_column_a_run_is_measured_against_its_widest_line() -> None:
    run = Run(lines_of("青石镇老街的民居错落有致", "新开的茶馆书店吸引了游客", "不少游客。"))
    assert run_boundaries(run, MODERN, math.inf) == [None, None]


def test_a_local_column_is_read_from_seven_lines() -> None:
    # Three short lines amid full ones: over the seven lines around the middle one
    # the column is still full; a five-line window would call it narrowed.
    short = ["青砖黛瓦的民居错", "新开的茶馆书店有", "吸引了不少游客来"]
    lines = lines_of(PARA_18[0], PARA_18[1], *short, PARA_18[0], PARA_18[1])
    assert local_column(lines, 3, 18.0) == 18.0


# --- a title between a sentence end and a dateline ------------------------------

SENTENCE_END = "这次台风的雨量相当惊人，请大家注意防范。"
DISPATCH = "新华社高雄3月5日电 受台风影响，港务局今天宣布"


def test_a_title_over_a_dateline_stands_apart_on_any_page() -> None:
    # A full line ending a sentence, a short line with no mark, a dateline: the
    # short line titles the dispatch, even where the full line before it would
    # otherwise run on (the inline full-line case) and on an old-style page whose
    # blank lines set paragraphs apart (where a short line inside a run ends nothing).
    bounds = run_boundaries(Run(lines_of(SENTENCE_END, "港口宣布停止作业", DISPATCH)), MODERN, 18.0)
    assert bounds[0] == "title over a dateline" and bounds[1]
    old = Run(lines_of("華軍已開始截斷日", "援軍、", "匈邊烽火", "（匈京廿一日電）此間"))
    old_style = PageStyle(column=8.0, old_style=True, blank_separated=True)
    assert run_boundaries(old, old_style, 8.0) == [
        None,
        "title over a dateline",
        "dateline opens a paragraph",
    ]
    # Not a line with a mark in it (a paragraph's end), nor one over body text.
    ended = run_boundaries(Run(lines_of(SENTENCE_END, "港口停止作业。", DISPATCH)), MODERN, 18.0)
    assert ended[0] != "title over a dateline"
    body = Run(lines_of(SENTENCE_END, "港口宣布停止作业", "受台风影响，港务局今天宣布停止港区作业"))
    assert run_boundaries(body, MODERN, 18.0)[0] is None


def test_a_title_of_two_or_three_lines_over_a_dateline_is_a_headline() -> None:
    old_style = PageStyle(column=8.0, old_style=True, blank_separated=True)
    dispatch = "（匈京廿一日電）此間"
    # Stacked under a sentence end: a block on both sides, nothing between.
    stacked = Run(lines_of("華軍已開始截斷日", "援軍、", "匈邊", "烽火又起", dispatch))
    assert run_boundaries(stacked, old_style, 8.0) == [
        None,
        "title over a dateline",
        None,
        "dateline opens a paragraph",
    ]
    # At the run's top, the stack needs no sentence end above it.
    top = Run(lines_of("匈邊", "烽火又起", dispatch, "官方頃宣稱、斯洛"))
    assert run_boundaries(top, old_style, 8.0)[:2] == [None, "dateline opens a paragraph"]
    # Six short lines are more than a title holds; a line with a mark is text.
    six = Run(lines_of("華軍已開始截斷日", "援軍、", "匈", "邊", "烽", "火", "又", "起", dispatch))
    assert "title over a dateline" not in run_boundaries(six, old_style, 8.0)
    marked = Run(lines_of("華軍已開始截斷日", "援軍、", "匈邊，", "烽火又起", dispatch))
    assert "title over a dateline" not in run_boundaries(marked, old_style, 8.0)
    # Lines that would not read as a headline once cleaned: a quote left open.
    quoted = Run(lines_of("華軍已開始截斷日", "援軍、", "匈邊", "“", dispatch))
    assert "title over a dateline" not in run_boundaries(quoted, old_style, 8.0)


def test_titles_over_datelines_on_an_old_page_set_solid_are_headlines() -> None:
    # Old-style, with a blank line after a sentence end: a page whose blank lines
    # set paragraphs apart, where short lines inside a run end nothing. A stack of
    # them over a dateline is the dispatch's title all the same.
    page = "\n".join(
        [
            "西國民軍各部",
            "移瑪德里",
            "（蒲爾哥斯廿一日海通電）散在蒲爾哥斯伐拉",
            "杜里德、貝爾波、桑坦德各地之西班牙國民軍",
            "各部院、訂於五月上半月、概行集中瑪德里、",
            "墨與德義訂立",
            "換物協定",
            "（墨西哥京城廿一日哈瓦斯社電）墨國頃與義",
            "大利國、簽訂物物交換協定、規定墨國應以價",
            "値三百五十萬貝索斯之煤油、易取義國人造絲、",
            "",
            "北菲義軍",
            "調動頻繁",
            "（北菲洲法屬都尼斯港廿一日哈瓦斯電）北菲",
            "洲義屬里比亞地方多勃魯克港、自兩星期以來、",
        ]
    )
    out = clean_text(page)
    assert out.split("\n\n") == [
        "西國民軍各部\n移瑪德里",
        "（蒲爾哥斯廿一日海通電）散在蒲爾哥斯伐拉杜里德、貝爾波、桑坦德各地之西班牙國民軍"
        "各部院、訂於五月上半月、概行集中瑪德里、",
        "墨與德義訂立\n換物協定",
        "（墨西哥京城廿一日哈瓦斯社電）墨國頃與義大利國、簽訂物物交換協定、規定墨國應以價"
        "値三百五十萬貝索斯之煤油、易取義國人造絲、",
        "北菲義軍\n調動頻繁",
        "（北菲洲法屬都尼斯港廿一日哈瓦斯電）北菲洲義屬里比亞地方多勃魯克港、自兩星期以來、\n",
    ]
    assert clean_text(out) == out


def test_a_title_over_a_dateline_on_a_short_page_set_solid() -> None:
    page = "\n".join(
        [
            "〔記者王小明／台北報導〕中央氣象局今天",
            "表示，颱風持續朝臺灣接近，預計明天清晨",
            "登陸，民眾應做好防颱準備。「這次颱風的",
            "雨量相當驚人。」預報員說，請大家注意。",
            "高雄港務局宣布停止作業",
            "〔記者李華／高雄報導〕受颱風影響，高雄",
            "港務局今天宣布，自下午起停止港區作業。",
        ]
    )
    out = clean_text(page)
    assert "\n\n高雄港務局宣布停止作業\n\n〔記者李華／高雄報導〕" in out
    assert clean_text(out) == out


def test_a_short_page_with_no_blank_line_is_set_solid() -> None:
    # Title, byline, two paragraphs and a subhead in nine lines and one run: read
    # as a page set solid, the title lines and the subhead stand apart (taken for
    # a page whose blank lines set paragraphs apart, the subhead was glued on).
    page = "\n".join(
        [
            "城市书房开到家门口",
            "本报记者 李文",
            "走进城东街道的社区书房，书架上整齐地摆",
            "放着各类图书。去年以来，全市新建社区书",
            "房四十二个，覆盖了所有街道和社区。",
            "阅读推广活动多",
            "社区还定期举办读书会，邀请作家与居民",
            "面对面交流，吸引了许多年轻人参加，大",
            "家都说收获很大。",
        ]
    )
    assert measure_style([Run(lines_of(*page.split("\n")))]).blank_separated is False
    out = clean_text(page)
    assert out.split("\n\n") == [
        "城市书房开到家门口",
        "本报记者 李文",
        "走进城东街道的社区书房，书架上整齐地摆放着各类图书。去年以来，"
        "全市新建社区书房四十二个，覆盖了所有街道和社区。",
        "阅读推广活动多",
        "社区还定期举办读书会，邀请作家与居民面对面交流，吸引了许多年轻人参加，"
        "大家都说收获很大。\n",
    ]
    assert clean_text(out) == out
    # Two lines may be a title over its text, as before.
    two = [Run(lines_of("城市书房开到家门口", "走进城东街道的社区书房。"))]
    assert measure_style(two).blank_separated is True


def test_a_page_whose_blank_lines_all_fall_inside_sentences_is_set_solid() -> None:
    # Its two blank lines are a column break mid-sentence and the gap under the
    # title: no paragraph ends at one, so they separate nothing and the page is
    # set solid, however short its runs; the subhead inside a run stands apart.
    page = "\n".join(
        [
            "城市书房开到家门口",
            "",
            "走进城东街道的社区书房，书架上整齐地摆",
            "放着各类图书。去年以来，全市新建社区书",
            "",
            "房四十二个，覆盖了所有街道和社区。",
            "阅读推广活动多",
            "社区还定期举办读书会，邀请作家与居民",
            "面对面交流，吸引了许多年轻人参加，大",
            "家都说收获很大。",
        ]
    )
    runs = split_runs(page.split("\n"), list(range(1, 11)))
    assert measure_style(runs).blank_separated is False
    assert clean_text(page).split("\n\n")[2:] == [
        "阅读推广活动多",
        "社区还定期举办读书会，邀请作家与居民面对面交流，吸引了许多年轻人参加，"
        "大家都说收获很大。\n",
    ]
    # One blank line after a sentence end is enough to show blank lines at work.
    spaced = page.replace("社区。\n", "社区。\n\n")
    assert measure_style(split_runs(spaced.split("\n"), list(range(1, 12)))).blank_separated


# --- subheads that end on a noun or open on a number ----------------------------


def test_a_title_may_end_on_a_noun_whose_last_character_dangles() -> None:
    # `向` dangles (`转向` | `东方`), but `导向` and `方向` are nouns that end titles.
    assert is_heading_line(make_line(1, "坚持问题导向"))
    assert is_heading_line(make_line(1, "青年大有可为"))
    assert not is_heading_line(make_line(1, "全力把蓝图转化为"))
    # Verbs and adverbs that take an object or a head still run on.
    assert not is_heading_line(make_line(1, "积极参与"))
    assert not is_heading_line(make_line(1, "毫不动摇地坚持党的绝对"))
    # The word is a title's shape only: across a blank line the text still heals.
    assert ends_dangling("坚持问题导向")


def test_a_subhead_ending_on_a_noun_stands_over_an_indented_paragraph() -> None:
    assert after(["坚持问题导向", INDENT + "各地要深入调查研究，摸清小区底数"], 0) == (
        NEXT_LINE_INDENTED
    )
    assert after(["全力把蓝图转化为", INDENT + "推动改革发展的强大动力。"], 0) is None


def test_an_enumerator_marks_no_clause() -> None:
    assert not has_stop_mark("一、坚持问题导向")
    assert not has_stop_mark("2. 加强组织领导")
    assert has_stop_mark("一、坚持、创新")
    assert has_stop_mark("坚持、创新")


def test_a_numbered_subhead_at_a_runs_top_stands_over_its_paragraph() -> None:
    para = ["要落实地方政府主体责任，多渠道筹措", "改造资金。"]
    assert after(["二、强化资金保障", *para], 0) == NUMBERED_SUBHEAD
    # After a sentence end inside a run too; not after a clause mark.
    assert after(["做到应改尽改。", "二、强化资金保障", *para], 1) == NUMBERED_SUBHEAD
    assert after(["做到应改尽改，", "二、强化资金保障", *para], 1) != NUMBERED_SUBHEAD
    # A numbered list item that fills its line is the item's first line.
    item = "  （一）工部局議决自二十八年十月一"
    assert after([item, "日起、增加二厘市政總捐、果爲財政上確有"], 0) != NUMBERED_SUBHEAD
    # Without a number it is no subhead here.
    assert after(["强化资金保障", *para], 0) != NUMBERED_SUBHEAD


def test_a_numbered_subhead_does_not_measure_a_short_runs_column() -> None:
    # Three lines: the subhead's own width would be the run's median.
    above = run_of(
        "今年将继续推进城镇老旧小区改造，重点",
        "解决群众反映强烈的加装电梯、停车难等",
        "问题，各地要因地制宜，把好事办好，让",
        "群众满意。",
    )
    body = ("要落实地方政府主体责任，多渠道筹措", "改造资金。")
    assert run_columns([above, run_of("二、强化资金保障", *body)]) == [18.0, 18.0]
    # Unnumbered, the line may be a sentence's fragment after a column break.
    assert run_columns([above, run_of("强化资金保障", *body)]) == [18.0, 6.0]
    # A numbered list item's first line fills the column: it measures it.
    item = run_of(
        "（一）准确的直立姿势可以使我们增加活", "力维持健康，促进能率，保持上体之端正", "姿势。"
    )
    assert run_columns([item]) == [18.0]


def test_a_dash_pair_or_a_bullet_after_a_full_sentence_end_opens_an_item() -> None:
    full = "全年新开工改造老旧小区5.3万个，惠及。"  # 18 columns
    assert after([full, "——城市基础设施更加完善。"], 0) == ITEM_AFTER_SENTENCE
    assert after([full, "■推动完整社区建设，补齐设施短板。"], 0) == ITEM_AFTER_SENTENCE
    # After a comma the dash runs on; one dash is no item's.
    comma = "全年新开工改造老旧小区5.3万个，惠及，"
    assert after([comma, "——城市基础设施更加完善。"], 0) is None
    assert after([full, "—城市基础设施更加完善。"], 0) is None
    # Under a short line the page's paragraph style decides (it counts such ends).
    assert after(["惠及居民8万户。", "——城市基础设施更加完善。"], 0) == SHORT_LINE_ENDS_SENTENCE


def test_a_line_printed_again_on_the_next_line_is_no_column_wrap() -> None:
    caption = "图为志愿者在社区服务。"
    assert after([caption, caption], 0) == LINE_PRINTED_TWICE
    # A full line too, which the common case decides inline.
    full = PARA_18[0]
    assert run_boundaries(run_of(full, full, full), MODERN, 18.0) == [LINE_PRINTED_TWICE] * 2
    # A refrain, a verse line running on, or too few letters: as the page decides.
    for line in ("我爱你，中国！", "我们走在大路上，", "嘻嘻哈哈。"):
        assert after([line, line], 0) != LINE_PRINTED_TWICE


def test_a_list_the_page_shows_opens_its_items_after_a_lead_in_colon() -> None:
    items = ["①加强监管。", "②完善制度。", "③强化保障。"]
    listed = replace(MODERN, item_kinds=item_kinds("\n".join(items)))
    lead_in = "具体措施如下："
    assert after([lead_in, *items], 0, listed) == ITEM_AFTER_SENTENCE
    # Under a full line ending on the lead-in's colon too.
    full = "让城市更新更有温度。具体措施如下："  # 18 columns
    assert after([full, *items], 0, listed) == ITEM_AFTER_SENTENCE
    # Items of one width look like a narrowed column: the next item opens anyway.
    assert after([lead_in, *items], 1, listed) == ITEM_AFTER_SENTENCE
    assert after([lead_in, *items], 2, listed) == ITEM_AFTER_SENTENCE
    # Not where the page shows no list (one line opens so), nor after a comma.
    assert after([full, items[0], "下一步，各区将结合实际。"], 0) is None
    assert after(["让城市更新更有温度，具体措施如下，", *items], 0, listed) is None


def test_keyboard_bullets_open_items_only_where_several_lines_open_so() -> None:
    assert [item_kind(t) for t in ("- 加强", "* 完善", "• 强化", "· 保障")] == ["-", "*", "•", "·"]
    # A minus sign, a note's asterisk, a bullet with no space: no items.
    assert [item_kind(t) for t in ("-5℃以下", "*注：", "-加强")] == [None, None, None]
    assert item_kinds("- 加强监管。\n-5℃\n- 完善制度。\n* 强化保障。") == frozenset({"-"})
    full = "全年新开工改造老旧小区5.3万个，惠及。"  # 18 columns
    items = ["- 城市基础设施更加完善。", "- 城市人居环境持续改善。"]
    listed = replace(MODERN, item_kinds=item_kinds("\n".join(items)))
    assert after([full, *items], 0, listed) == ITEM_AFTER_SENTENCE
    assert run_boundaries(run_of(full, *items), listed, 18.0)[0] == ITEM_AFTER_SENTENCE
    assert after([full, *items], 0) is None  # one such line: no list


def test_a_numbered_list_makes_no_list_of_a_name_s_initial() -> None:
    # `1.` and `J.` are markers of different kinds: a page's numbered list does not
    # make an initial after a colon (`他说：` / `J. Smith认为…`) open an item.
    assert [item_kind(t) for t in ("1. 加强", "a) 完善", "J. Smith认为")] == ["#.", "a)", "A."]
    items = ["1. 加强监管，压实责任。", "2. 完善制度，细化分工。"]
    listed = replace(MODERN, item_kinds=item_kinds("\n".join(items)))
    assert after(["英国学者谈到这一问题时说：", "J. Smith认为，城市更新"], 0, listed) is None
    assert after(["具体措施如下：", *items], 0, listed) == ITEM_AFTER_SENTENCE


def test_a_short_title_opening_a_run_stands_over_its_text() -> None:
    text = ["台湾大学教授李大华认为，都市更新不能只", "看数量，更要兼顾原住户的居住权益。"]
    assert after(["专家：应兼顾居民权益", *text], 0) == SUBHEAD_OVER_TEXT
    assert after(["城市更新要有温度", *text], 0) == SUBHEAD_OVER_TEXT
    # A sentence's fragment after a column break carries its clause marks.
    assert after(["制度体系，从加快建立", *text], 0) != SUBHEAD_OVER_TEXT
    # Two thirds of the text's width at most; and a run of three lines at least.
    assert after(["城市更新要有温度也要有速度", *text], 0) != SUBHEAD_OVER_TEXT
    assert after(["城市更新要有温度", text[0]], 0) != SUBHEAD_OVER_TEXT
    # Not on an old page (ragged lines), nor over a dispatch.
    assert after(["城市更新要有温度", *text], 0, OLD) != SUBHEAD_OVER_TEXT
    assert after(["（本报台北电）", *text], 0) != SUBHEAD_OVER_TEXT


def test_a_section_label_stands_between_a_headline_and_its_text() -> None:
    text = ["今年以来，各地加快推进城镇老旧小区改造", "，一批加装电梯项目陆续完工。"]
    assert after(["加装电梯破解“上下楼难”", "核心阅读", *text], 0) == SECTION_LABEL_LINE
    assert after(["加装电梯破解“上下楼难”", "核心阅读", *text], 1) == SECTION_LABEL_LINE
    # Under a full line too; a line that merely opens on the word is no label.
    full = "今年以来，各地加快推进城镇老旧小区改造工"
    assert after([full, "编者的话", *text], 0) == SECTION_LABEL_LINE
    assert after([full, "核心阅读材料显示，一批项目已完工。"], 0) is None


def test_a_section_label_is_no_title_line() -> None:
    run = run_of(
        "老旧小区改造让居民住得更舒心",
        "加装电梯破解上下楼难",
        "核心阅读",
        "今年以来，各地加快推进城镇老旧小区改造，一批加",
        "装电梯项目陆续完工，居民出行更加方便。",
    )
    # The stack is the two titles: the label under them stands apart, as a
    # reporter's byline does.
    assert title_stack(run, 23.0, MODERN) == 2
    segments = [(run.lines[:1], "a"), (run.lines[1:2], "b"), (run.lines[2:3], "c")]
    grouped = group_title_lines(segments, 23.0)
    assert [len(lines) for lines, _ in grouped] == [2, 1]


def test_a_title_closing_on_a_column_label_is_a_block_where_no_blank_line_sets_it_apart() -> None:
    solid = replace(MODERN, blank_separated=False)
    title = "解好基层治理“方程式”（人民论坛）"  # 17 columns: as wide as the text
    text = ["“英雄起于阡陌，壮士拔于行伍”。我们常说", "，基层一线是实践的火热疆场。"]
    end = "让群众得到实实在在的好处，是根本目的。"
    assert after([end, title, *text], 1, solid, 17.0) == TITLE_WITH_LABEL
    assert after([end, title, *text], 0, solid, 17.0) == TITLE_WITH_LABEL
    # Under a kicker set wider than the column, too.
    kicker = "山东沂南县打造田园综合体，让资金、技术、资源握指成拳"
    assert after([kicker, title, *text], 1, solid, 17.0) == TITLE_WITH_LABEL
    # Running text that ends a line on a bracket: after a full line mid-sentence,
    # or with a quote open, or on a page whose blank lines set titles apart.
    wrapped = "做好机构编制工作是各级党委的政治责"
    assert after([wrapped, "各地区各部门党委（党组）", *text], 1, solid, 17.0) != TITLE_WITH_LABEL
    assert after([end, "“各地区各部门党委（党组）", *text], 1, solid, 17.0) != TITLE_WITH_LABEL
    assert after([end, title, *text], 1, MODERN, 17.0) != TITLE_WITH_LABEL


def test_a_sentence_a_width_short_of_a_justified_column_ends_its_paragraph() -> None:
    justified = replace(MODERN, justified=True)
    one_short = "保留了老街原有格局，游客越来越多。"  # 17 of 18
    assert make_line(1, one_short).span == 17.0
    nxt = "镇里还在老街两头修了停车场和公厕，方"
    assert after([PARA_18[0], one_short, nxt], 1, justified) == SHORT_LINE_ENDS_SENTENCE
    # The next line's first piece would not have fitted: an opening quote goes
    # with the character it opens, a number moves whole.
    assert after([PARA_18[0], one_short, "“镇里还在老街两头修了停车场和公厕"], 1, justified) is None
    number = "2019年，镇里还在老街两头修了停车场"
    assert after([PARA_18[0], one_short, number], 1, justified) is None
    # A semicolon ends no paragraph; a ragged-right page stops lines short anywhere.
    semicolon = "保留了老街原有格局，游客越来越多；"
    assert after([PARA_18[0], semicolon, nxt], 1, justified) is None
    assert after([PARA_18[0], one_short, nxt], 1, MODERN) is None
    # A line spread out by a gap (which `tally_lines` measures as no width) was
    # justified to the column.
    spread = make_line(2, "保留了老街原有格局，游客  越来越多。")._replace(width=17.0)
    lines = [make_line(1, PARA_18[0]), spread, make_line(3, nxt)]
    assert boundary_after(lines, 1, justified, 18.0) is None
    # Lines one wider hang their last mark: the page's column, not theirs, is full.
    hanging = replace(justified, column=17.0)
    assert after([PARA_18[0], one_short, nxt], 1, hanging) is None


def test_a_page_is_justified_when_few_lines_stop_a_width_short() -> None:
    full = "走进青石镇老街，青砖黛瓦的民居错落有"
    one_short = "保留了老街原有格局，游客越来越多。"
    justified = [full] * 12 + [one_short]
    assert measure_style([run_of(*justified)]).justified
    ragged = [full, one_short] * 6
    assert not measure_style([run_of(*ragged)]).justified


def test_a_paragraph_ending_a_width_short_on_a_solid_justified_page_is_a_block() -> None:
    first = [*PARA_18[:2], "不少游客，镇里在改造中坚持修旧如旧，", "保留了老街原有格局。"]
    # The second paragraph's last line is a width short: only a justified column says so.
    second = [
        "走进青石镇老街，青砖黛瓦的民居错落有",
        "致，新开的茶馆、书店和手工作坊吸引了",
        "保留了老街原有格局，游客越来越多。",
    ]
    third = ["镇里还在老街两头修了停车场和公厕，方", "便游客。"]
    text = "\n".join(first + second + third) + "\n"
    blocks = ["".join(first), "".join(second), "".join(third) + "\n"]
    assert clean_text(text).split("\n\n") == blocks


# A table extracted with its columns: cells apart by a wide gap, rows of any width.
TABLE = ["项目      人数   比上年", "本科毕业生   2.31万   +4.5%", "研究生     0.62万   +7.1%"]


def test_a_table_with_wide_gaps_is_rows_however_few_and_wide() -> None:
    assert is_table_run(run_of(*TABLE))
    assert not is_table_run(run_of(*TABLE[:2]))
    # A mark in a row is text, not a table's cell.
    assert not is_table_run(run_of(*TABLE, "合计     2.93万，   +5.0%"))


def test_a_run_in_list_wrapped_at_the_column_is_no_table() -> None:
    # Items set apart by a wide gap before their bullets, wrapped like any text.
    items = [
        "十月二十日　　五个主要活动　　● 经",
        "贸恳谈周开幕式　　● 智能驾驶峰会",
        "暨产业论坛　　● 创投高峰论坛　　●",
    ]
    assert not is_table_run(run_of(*items))
    assert split_off_tables([run_of("活动安排如下", *items)])[0].lines[0].text == "活动安排如下"


def test_a_byline_is_no_table_row() -> None:
    # Its names are set apart as cells are; under two title lines with gaps it
    # made a third row, and the three a headline that took the byline in.
    assert not is_table_line("本报记者  张三  李四")
    assert is_table_line("聚焦民生实事  办好群众身边事")


def test_wrapped_text_with_wide_gaps_is_no_table() -> None:
    rows = [
        "增长  6.8%  其中制造业增长  12",
        "点3个百分点  装备业增长  9.1%",
        "用明显增强  投资增长  5.2%  社",
    ]
    # Under a full line that runs on into them, they go on its sentence ...
    run = run_of("今年前三季度全市工业增加值同比", *rows, "会消费品零售总额增长7.4%。")
    assert len(split_off_tables([run], column=15.0)) == 1
    # ... but under a lead-in that ends on a mark they are a table.
    run = run_of("主要指标如下：", *rows, "会消费品零售总额增长7.4%。")
    assert len(split_off_tables([run], column=15.0)) == 3
    # A paragraph's indent on the first of them only opens a paragraph.
    run = run_of(INDENT + rows[0], *rows[1:], "会消费品零售总额增长7.4%。")
    assert len(split_off_tables([run], column=15.0)) == 1
    assert not is_table_run(run_of(INDENT + rows[0], *rows[1:]))
    assert is_table_run(run_of(*rows))


def test_a_column_gap_is_no_word_space() -> None:
    assert COLUMN_GAP.search("研究生     0.62万") and COLUMN_GAP.search("Total\t12")
    assert not COLUMN_GAP.search("港鐵新線試運行　乘客反應不一")
    # A justified Latin line spreads its words by a space more.
    assert not COLUMN_GAP.search("soon enough for the  smaller traders")


def test_a_letter_spaced_paragraph_is_no_table() -> None:
    # OCR sets a space between every two characters and two where a mark was
    # dropped: three such lines with no mark are wrapped text, not rows.
    lines = [
        "据 新 华 社 报 道 ， 今 年 以 来 各 地 经",
        "济 运 行 总 体 平 稳  稳 中 有 进 态 势",
        "持 续 巩 固  全 国 物 价 总 体 保 持 稳",
        "定  市 场 预 期 持 续 改 善 向 好 发 展",
        "的 基 础 不 断 夯 实 。",
    ]
    assert not is_table_run(run_of(*lines[1:4]))
    assert clean_text("\n".join(lines) + "\n").count("\n") == 1
    # A letter-spaced table still shows its cells by a wider gap.
    assert is_table_run(run_of("项 目    人 数", "本 科   2.31万", "研 究 生   0.62万"))


def test_a_table_set_among_text_is_cut_out_of_its_run() -> None:
    lead, note = "各类毕业生人数如下表所示", "注：数据截至六月底"
    assert may_hold_tables("\n".join(TABLE)) and not may_hold_tables(lead + "\n" + note)
    runs = split_off_tables([run_of(lead, *TABLE, note)])
    assert [[ln.text for ln in run.lines] for run in runs] == [[lead], TABLE, [note]]


def test_a_dialogue_turn_opens_its_block_under_a_full_line() -> None:
    # Each question fills the column to its stop: only the next label ends it.
    page = "\n".join(
        [
            "记者：这项工作今年进展得顺利吗？",
            "李华：总体顺利，比预期提前一个月。",
            "记者：接下来最大的难题是什么呢？",
            "李华：人手不足，我们正在招人。",
        ]
    )
    assert clean_text(page).count("\n\n") == 3


# Pages whose lines open on a label and a colon after a sentence end that are no
# dialogue: full lines run on, whatever sentence they end.
NOT_DIALOGUES = {
    # Running text opening lines on a speech verb's `他说：` and `她说：`.
    "speech verb": [
        "会上几位代表先后发言，气氛热烈。",
        "他说：要把好事办好，把实事办实。",
        "她说：要让群众多得实惠，少跑腿。",
        "他说：大家一起努力，争取好成绩。",
        "她说：我们有信心完成今年的任务。",
    ],
    # A profile quoting its subject (`他坦言：“…”`, `他介绍：“…”`) where each clause
    # happens to open two full lines after a sentence end: one paragraph still.
    "pronoun": [
        "李建国在这个岗位上干了整整二十年。",
        "他坦言：“刚来的时候什么都不懂。”",
        "如今他也带起了徒弟，先后带出三人。",
        "他介绍：“带徒弟最要紧的是教规矩。”",
        "去年车间引进了新的生产线和设备。",
        "他坦言：“新设备和老设备不一样。”",
        "三个月后他已经能独立完成调试了。",
        "他介绍：“年轻人学得比我快多了。”",
    ],
    # Connectives each opening two lines, but in runs (no one speaks again after
    # another did).
    "labels in runs": [
        "今年全市新建和改造农村公路八百公里。",
        "其中：新建四百公里，改造四百公里。",
        "其中：山区县完成的占到了六成以上。",
        "各地还因地制宜探索了多种养护办法。",
        "例如：有的县把养护交给沿线村民。",
        "例如：有的乡镇成立了专业养护队伍。",
    ],
}


@pytest.mark.parametrize("name", NOT_DIALOGUES)
def test_labels_before_a_colon_that_are_no_speakers(name: str) -> None:
    lines = NOT_DIALOGUES[name]
    assert speaker_labels("\n".join(lines)) == frozenset()
    assert clean_text("\n".join(lines)) == "".join(lines) + "\n"


def test_a_bullet_opens_an_item_under_a_line_a_width_short() -> None:
    # The second item stops one width short of the 16-wide column on its stop:
    # neither a short line nor a full one by width; the bullet tells.
    lines = [
        "■市图书馆新馆将于下月中旬对外开",
        "放，新馆藏书量约二百万册，还设有",
        "少儿阅览区。",
        "■城东污水处理厂二期工程日前通过",
        "验收，日处理能力已提高到每天十五",
        "万吨，能满足城东片区用水需求。",
        "■本周六上午，市体育中心将举办全",
        "民健身长跑活动，部分道路临时管制。",
    ]
    assert [len(line) for line in lines[3:6]] == [16, 16, 15]
    assert clean_text("\n".join(lines)).count("\n\n") == 2


def test_a_japanese_deck_sets_its_phrases_apart_with_a_comma() -> None:
    # Japanese headlines set `、` between their phrases, as Chinese ones set a
    # space: two such lines of about one width are no fragment by themselves.
    deck = lines_of("市、図書館の夜間開館へ", "学生の自習室に活用")
    assert not is_even_fragment(deck)
    assert is_title_deck(deck)
    # The page's column tells a paragraph's head cut off by a column break: both
    # lines fill it, with a clause mark in either.
    head = lines_of("市教育委員会は８日、市立図", "書館の開館時間を午後９時まで")
    assert not is_even_fragment(head)
    assert is_wrapped_prose(head, 14.0, "")
    assert not is_wrapped_prose(deck, 14.0, "")
    # Chinese lines keep the column-free rule, and so does `，` in Japanese.
    assert is_even_fragment(lines_of("城东社区、城西社区", "老年区和少儿区均"))
    assert is_even_fragment(lines_of("市は８日，図書館の", "開館時間を延長す"))


def test_korean_text_cut_out_by_column_breaks_is_no_title_deck() -> None:
    # Korean runs on for lines with no mark: lines over the last of one width
    # are its column's, however title-like their marks.
    prose = lines_of(
        "중소벤처기업부는 추석을",
        "앞두고 전국 전통시장에서",
        "국산 농산물을 산 소비자",
        "에게 구매액의 최대 3",
    )
    assert is_korean_prose(prose)
    deck = lines_of("정부 내년 예산 편성", "복지 지출 역대 최대 규모로", "연구개발도 늘려")
    assert not is_korean_prose(deck)
    assert not is_korean_prose(prose[:2])  # two lines show no evenness
    # Chinese lines keep the title-deck rules.
    assert not is_korean_prose(lines_of("鄂尔多斯市公安局局", "以专项活动推动工作", "见实效"))


def test_a_small_table_on_a_page_of_rows_is_measured_by_the_text() -> None:
    # Found by a mutation campaign: rows are most of the page's lines, so the
    # commonest width was theirs and they seemed to fill the column; the first
    # clean kept them as one block, the second (the text rejoined, no column
    # left) set each apart. The wrapped text's own lines measure the column.
    from papercli.pipeline import clean_text

    page = (
        "东城 76：70 西城\n\n新港 66：72 开发区\n\n奖牌榜\n南区 81：79 北区\n"
        "1 东城 6金4银\n2 南区 5金5银\n3 西城 3金6银\n4 新港 2金3银\n\n"
        "\u3000\u3000本报讯 市物价部门今天发布的监测显\n示，本周主要水果价格小幅回落。\n"
        "苹果 每斤6.5元\n香蕉 每斤3.8元\n橙子 每斤5.2元\n"
    )
    once = clean_text(page)
    assert once.endswith("回落。\n\n苹果 每斤6.5元\n\n香蕉 每斤3.8元\n\n橙子 每斤5.2元\n")
    assert clean_text(once) == once


def test_bracket_close_is_sought_past_the_next_runs_first_block() -> None:
    # `…电（` | blank | `记者 X 通讯员` / `Y）今天…`: the byline's line ends its
    # block in the next run, but the bracket closes on the line under it.
    from papercli.healing import bracket_ahead
    from papercli.signals import bracket_runs_on

    run = run_of("记者 周文涛 通讯员", "吴丽）昨天上午，县里召开春", "耕生产现场会，各乡镇负责人")
    ahead = bracket_ahead(run.lines[:1], run)
    assert [ln.text for ln in ahead] == [ln.text for ln in run.lines]
    assert bracket_runs_on("本报青川4月9日电（", [ln.text for ln in ahead])


def test_bracket_carries_across_a_healed_gap_into_the_next_block() -> None:
    from papercli.layout import bracket_carries

    healed = lines_of("本报青川4月9日电（", "记者 周文涛 通讯员")
    assert bracket_carries(healed, lines_of("吴丽）昨天上午，县里召开春"))
    assert not bracket_carries(lines_of("昨天上午，县里召开"), lines_of("吴丽）昨天上午"))
    # Another bracket opened first: the close is its own.
    assert not bracket_carries(healed, lines_of("（一）昨天上午）"))


def test_lone_full_line_runs_on_into_text_opening_on_de() -> None:
    from papercli.gap_signals import opens_on_bound_particle

    assert opens_on_bound_particle("天色渐晚，河边的露天广场上", "的锣鼓声又一阵阵地响了起来，")
    assert not opens_on_bound_particle("天色渐晚。", "的锣鼓声")
    assert not opens_on_bound_particle("天色渐晚", "的确如此，")


def test_a_pull_quotes_last_words_may_end_on_any_han_character() -> None:
    # `䶮` (U+4DAE, CJK Extension A) is as much a Han character as `率`: the
    # pull-quote test reads the words before it the same way.
    near = "提高了调解成功䶮去年，全市调解成功率提高了一成，又提高了调解成功䶮。"
    from papercli.gap_signals import ends_as_clause_elsewhere

    assert ends_as_clause_elsewhere("提高了调解成功䶮", near)
    assert not ends_as_clause_elsewhere("去年，全市调解成功䶮", near)
