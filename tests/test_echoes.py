"""drop_caption_echoes (`dedupe`): shapes, golden cases, the negative set, reports, properties.

Every sample sentence here is made up for the test.
"""

from __future__ import annotations

import random
import tracemalloc
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from papercli.changes import Change
from papercli.options import CleanOptions
from papercli.page import Block, BlockKind, Page
from papercli.pipeline import clean_and_explain, page_from_blank_blocks
from papercli.steps.echo_rules import (
    apply_cuts,
    collapse_echo,
    explain_echo,
    find_echo_cuts,
    find_layered_runs,
    find_whole_echo,
    has_layered_tail,
)
from papercli.steps.echoes import STEP, concat_lines, drop_caption_echoes
from papercli.steps.glued_echoes import split_glued_echo
from papercli.steps.join import join_line_breaks
from papercli.units import split_lines

TESTS = Path(__file__).parent
NEGATIVE = sorted((TESTS / "negative" / "echoes").glob("*.txt"))
GOLDEN = sorted((TESTS / "echo_cases").glob("*.in.txt"))


def raw_page(text: str) -> Page:
    """The page as `dedupe` alone sees it: blank-separated runs of raw lines."""
    lines = split_lines(text)
    return page_from_blank_blocks(lines, list(range(1, len(lines) + 1)))


def joined_page(text: str) -> Page:
    """The page as `clean` hands it over: each paragraph block joined into one line."""
    return join_line_breaks(raw_page(text))[0]


def one_line_page(*lines: str) -> Page:
    return Page(
        tuple(Block(BlockKind.CAPTION, (line,), i + 1, i + 1) for i, line in enumerate(lines))
    )


def visible(text: str) -> Counter[str]:
    return Counter(ch for ch in text if not ch.isspace())


# --- whole-string echoes -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "once"),
    [
        ("社区医生上门为老人体检社区医生上门为老人体检。。", "社区医生上门为老人体检。"),
        ("运动员冲过终点线运动员冲过终点线！！", "运动员冲过终点线！"),
        ("他们高喊“向前冲他们高喊“向前冲”。”。", "他们高喊“向前冲”。"),
        ("新修的乡村公路通车新修的乡村公路通车。", "新修的乡村公路通车。"),
        ("新修的乡村公路通车新修的乡村公路通车", "新修的乡村公路通车"),
        ("“书香满城”“书香满城”。。", "“书香满城”。"),
        ("（资料图片）（资料图片）", "（资料图片）"),
        # Three layers of a shadow font.
        ("湖面上的晚霞湖面上的晚霞湖面上的晚霞。。。", "湖面上的晚霞。"),
        # X may hold punctuation, Latin and digits.
        ("5G基站·建设现场（2）5G基站·建设现场（2）。。", "5G基站·建设现场（2）。"),
        ("Bridge over the river Bridge over the river", "Bridge over the river"),
        # CJK set twice with a space between the layers (only one Latin word is a name).
        ("图为现场群众 图为现场群众", "图为现场群众"),
        # `……` is one mark written with two characters.
        ("风雨中的坚守风雨中的坚守……", "风雨中的坚守……"),
    ],
)
def test_whole_string_echo_collapses(text: str, once: str) -> None:
    assert collapse_echo(text) == once


def test_long_paragraph_whose_halves_are_equal_is_an_echo() -> None:
    half = "今年以来，全市新建和改造城乡道路一百多公里。群众出行更加方便了。"
    assert collapse_echo(half + half) == half


def test_a_repeated_sentence_is_an_echo_from_sixteen_letters() -> None:
    # `S。S。` is how a refrain is written: only a long unit is taken for an echo.
    sixteen = "全市新建和改造城乡道路一百多公里。"
    fifteen = "全市新建和改造城乡道路一百多里。"
    assert (sum(map(str.isalpha, sixteen)), sum(map(str.isalpha, fifteen))) == (16, 15)
    assert collapse_echo(sixteen * 2) == sixteen
    assert collapse_echo(fifteen * 2) is None


@pytest.mark.parametrize(
    "text",
    [
        "研究研究",
        "谢谢谢谢。",
        "哈哈哈哈哈哈哈哈",
        "嘻嘻哈哈嘻嘻哈哈",  # a unit with two different letters
        "2020年2020年",  # one letter in the unit
        "一步一步一步一步",
        "加油中国！加油中国！",  # a chant: the unit carries its own mark
        "Duran Duran",  # one Latin word twice, with a space: a name
        "Walla Walla Walla",
        "春天来了，春天来了，",
        "近景近景。。",  # unit too short to be evidence
        "节日里的广场节日里的广场节日里的广场节日里的广场",  # 4+ copies: a pattern, not layers
        # A sentence repeated in the middle of a paragraph is not a whole-string echo.
        "会议强调要抓好落实。要抓好落实。各部门表示将认真贯彻。",
        "水电站建成发电水电站建成发电了",  # near-echo
    ],
)
def test_legitimate_repetition_is_kept(text: str) -> None:
    assert collapse_echo(text) is None


def test_whole_echo_cut_is_the_contiguous_middle() -> None:
    text = "社区医生上门为老人体检社区医生上门为老人体检。。"
    cut = find_whole_echo(text)
    assert cut is not None
    assert text[: cut.start] + cut.removed + text[cut.end :] == text
    assert apply_cuts(text, [cut]) == "社区医生上门为老人体检。"


# --- characters printed in layers ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "once"),
    [
        ("正正在在参参加加活活动动。。", "正在参加活动。"),
        ("工工工人人人检检检修修修线线线路路路。。。", "工人检修线路。"),
        ("游游客客在在古古镇镇里里参参观观。", "游客在古镇里参观。"),  # mark printed once
        ("本本期期主主题题：：城城市市更更新新", "本期主题：城市更新"),  # doubled `：` is evidence
        ("夏夏日日的的荷荷塘塘边边有有人人垂垂钓钓", "夏日的荷塘边有人垂钓"),  # 10 letters, bare
        # Four layers undo in two rounds.
        ("山山山山村村村村小小小小学学学学。。。。", "山村小学。"),
    ],
)
def test_layered_characters_collapse(text: str, once: str) -> None:
    assert collapse_echo(text) == once


def test_long_doubled_run_inside_a_line_collapses() -> None:
    line = "图为志志愿愿者者在在社社区区广广场场为为老老人人免免费费义义诊诊的情景。"
    assert collapse_echo(line) == "图为志愿者在社区广场为老人免费义诊的情景。"
    (cut,) = find_layered_runs(line)
    assert cut.rule == "run of characters printed x2"


@pytest.mark.parametrize(
    "text",
    [
        "高高兴兴快快乐乐",  # AABB words, no doubled mark, short
        "清清楚楚明明白白",
        "高高兴兴快快乐乐平平安安",
        "大家高高兴兴快快乐乐平平安安地过年。",  # a run inside a line, below the run length
        "天天向上，谢谢。",
        "哈哈哈哈",
        "谢谢谢谢谢谢谢谢谢谢谢谢谢谢谢谢谢谢谢谢",  # one letter, any length
        "他说“好好好”。",
    ],
)
def test_reduplicated_characters_are_kept(text: str) -> None:
    assert collapse_echo(text) is None


# --- the seed page ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "once"),
    [
        (
            "正在参加修养活动的一线优秀辅警正在参加修养活动的一线优秀辅警。。",
            "正在参加修养活动的一线优秀辅警。",
        ),
        (
            "鄂尔多斯市公安局召开专题会议安排部署专项活动"
            "鄂尔多斯市公安局召开专题会议安排部署专项活动。。",
            "鄂尔多斯市公安局召开专题会议安排部署专项活动。",
        ),
    ],
)
def test_seed_page_captions_collapse_exactly(text: str, once: str) -> None:
    page, changes = drop_caption_echoes(one_line_page("（戴思惟）", text))
    assert page.render() == f"（戴思惟）\n\n{once}\n"
    assert [(c.line, c.text) for c in changes] == [(2, text[len(once) - 1 : -1])]


# --- blocks: wrapped echoes, repeated blocks, glued captions --------------------------------


def test_echo_wrapped_across_lines_is_found_in_dedupe_mode() -> None:
    text = "读者在新馆阅览室安静读书读者在新馆阅\n览室安静读书。。\n"
    page, changes = drop_caption_echoes(raw_page(text))
    assert page.render() == "读者在新馆阅览室安静读书。\n"
    (change,) = changes
    # The removed copy starts on the first line of the block.
    assert (change.line, change.text) == (1, "读者在新馆阅览室安静读书。")


def test_removal_reports_the_line_where_it_starts() -> None:
    text = "正文第一段。\n\n读者在新馆阅览室安\n静读书读者在新馆阅览室安静读书。。\n"
    _page, changes = drop_caption_echoes(raw_page(text))
    assert [c.line for c in changes] == [4]


def test_doubled_characters_wrapped_across_lines() -> None:
    page, _ = drop_caption_echoes(raw_page("学学生生们们在在实实验验室室里\n里做做实实验验。。\n"))
    assert page.render() == "学生们在实验室里做实验。\n"


def test_repeated_block_keeps_the_first_and_reports_the_second() -> None:
    page = one_line_page("正文。", "新落成的体育公园全景。", "新落成的体育公园全景。", "正文。")
    out, changes = drop_caption_echoes(page)
    assert [b.text for b in out] == ["正文。", "新落成的体育公园全景。", "正文。"]
    assert changes == [Change(STEP, 3, "removed", "新落成的体育公园全景。", "repeated block")]


def test_repeated_block_after_a_collapsed_echo() -> None:
    page = one_line_page("新落成的体育公园全景新落成的体育公园全景。。", "新落成的体育公园全景。")
    out, changes = drop_caption_echoes(page)
    assert out.render() == "新落成的体育公园全景。\n"
    assert [c.detail for c in changes] == ["whole-string echo x2", "repeated block"]


def test_repeated_multi_line_block_in_dedupe_mode() -> None:
    text = "读者在新馆阅览室\n安静读书。\n\n读者在新馆阅\n览室安静读书。\n"
    out, changes = drop_caption_echoes(raw_page(text))
    assert out.render() == "读者在新馆阅览室\n安静读书。\n"
    assert changes[0].text == "读者在新馆阅\n览室安静读书。"


def test_stacked_captions_in_one_raw_block() -> None:
    text = "校园里的银杏树校园里的银杏树。。\n操场上的升旗仪式操场上的升旗仪式。。\n"
    out, _ = drop_caption_echoes(raw_page(text))
    assert out.render() == "校园里的银杏树。\n操场上的升旗仪式。\n"


def test_glued_caption_echo_is_split_off() -> None:
    line = "山区小学的孩子们第一次上网课山区小学的孩子们第一次上网课校园里的塑胶跑道近景。"
    out, changes = drop_caption_echoes(one_line_page(line))
    assert [b.text for b in out] == ["山区小学的孩子们第一次上网课", "校园里的塑胶跑道近景。"]
    assert [c.text for c in changes] == ["山区小学的孩子们第一次上网课"]


def test_glued_echo_at_the_end() -> None:
    glued = split_glued_echo("图为现场。新修的乡村公路通车仪式新修的乡村公路通车仪式。。")
    assert glued == (
        "图为现场。",
        "新修的乡村公路通车仪式。",
        "新修的乡村公路通车仪式。",
        "glued echo (end)",
    )


def test_headline_lines_are_collapsed_one_by_one() -> None:
    block = Block(
        BlockKind.HEADLINE,
        ("城城市市更更新新让让老老小小区区焕焕新新", "老旧小区焕发新颜老旧小区焕发新颜"),
        1,
        2,
    )
    out, changes = drop_caption_echoes(Page((block,)))
    assert out.blocks[0].lines == ("城市更新让老小区焕新", "老旧小区焕发新颜")
    assert [c.line for c in changes] == [1, 2]


def test_a_headline_that_collapsing_would_turn_into_running_text_keeps_its_echoes() -> None:
    # Halved, these lines would be of one width with clause marks: a fragment of
    # running text to the next clean, which would join them. Nothing is removed.
    lines = (
        "青石镇老街的新生活",
        "修旧如旧，留住乡愁修旧如旧，留住乡愁",
        "文旅融合，激活老街文旅融合，激活老街",
    )
    block = Block(BlockKind.HEADLINE, lines, 1, 3)
    out, changes = drop_caption_echoes(Page((block,)))
    assert (out.blocks[0].lines, changes) == (lines, [])
    # With a title line of another width the deck still reads as one: collapsed.
    wider = ("青石镇老街换新颜：千年古镇的新生", *lines[1:])
    out, changes = drop_caption_echoes(Page((Block(BlockKind.HEADLINE, wider, 1, 3),)))
    assert out.blocks[0].lines == (wider[0], "修旧如旧，留住乡愁", "文旅融合，激活老街")
    assert len(changes) == 2


def test_column_line_of_a_paragraph_needs_a_layered_tail() -> None:
    # In `dedupe` alone a paragraph's lines are column slices: a square slice is no evidence.
    text = "近年来，这座城市不断完善公共服务体系，\n一步一个脚印一步一个脚印\n地推进各项工作。\n"
    out, changes = drop_caption_echoes(raw_page(text))
    assert (out, changes) == (raw_page(text), [])


# --- a line printed twice on consecutive lines -----------------------------------------------


@pytest.mark.parametrize("copies", [2, 3])
def test_a_line_printed_twice_on_the_next_line_goes_as_a_repeated_block_does(copies: int) -> None:
    caption = "图为志愿者在社区服务。"
    for gap in ("\n", "\n\n"):  # as two lines of one block, or two blocks
        text = gap.join([caption] * copies) + "\n"
        out, changes = drop_caption_echoes(raw_page(text))
        assert out.render() == caption + "\n", gap
        assert [(c.line, c.text) for c in changes] == [
            (n, caption) for n in range(1 + len(gap), copies * len(gap) + 1, len(gap))
        ]
    # The same through `clean`: no `图为…。图为…。` joined and kept.
    assert clean_and_explain(f"{caption}\n{caption}\n").text == caption + "\n"


@pytest.mark.parametrize(
    "lines",
    [
        # A refrain's or a chant's mark: only a long line is taken for an echo.
        ["我爱你，中国！", "我爱你，中国！"],
        ["同志们辛苦了！", "同志们辛苦了！"],
        # A line running on at a clause mark is a verse line, not a whole.
        ["我们走在大路上，", "我们走在大路上，"],
        # Too few letters, or too few different ones.
        ["嘻嘻哈哈。", "嘻嘻哈哈。"],
        ["（三）", "（三）"],
        # The copies are part of a longer block.
        ["图为志愿者在社区服务。", "图为志愿者在社区服务。", "社区负责人介绍。"],
    ],
)
def test_repeated_lines_that_are_no_echo_stay(lines: list[str]) -> None:
    text = "\n".join(lines) + "\n"
    out, changes = drop_caption_echoes(raw_page(text))
    assert (out.render(), changes) == (text, [])

# --- golden files and the negative set --------------------------------------------------------


@pytest.mark.parametrize("path", GOLDEN, ids=lambda p: p.name)
def test_golden_echo_case(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    want = path.with_name(path.name.replace(".in.", ".out.")).read_text(encoding="utf-8")
    for page in (joined_page(text), raw_page(text)):
        out, _ = drop_caption_echoes(page)
        assert out.render() == want
        again, more = drop_caption_echoes(out)
        assert (again, more) == (out, [])


def test_golden_and_negative_sets_exist() -> None:
    assert len(GOLDEN) >= 3 and len(NEGATIVE) >= 8


@pytest.mark.parametrize("path", NEGATIVE, ids=lambda p: p.name)
def test_negative_set_is_byte_identical(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    for page in (raw_page(text), joined_page(text)):
        out, changes = drop_caption_echoes(page)
        assert changes == []
        assert out == page
    assert raw_page(text).render() == text  # the files are already in page form


@pytest.mark.parametrize("path", NEGATIVE, ids=lambda p: p.name)
def test_negative_set_through_dedupe_only(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    options = CleanOptions(rebuild_paragraphs=False, join_line_breaks=False)
    result = clean_and_explain(text, options)
    assert (result.text, result.removals) == (text, ())


# --- reports --------------------------------------------------------------------------------


def test_every_removal_is_reported_once_with_its_rule() -> None:
    text = (TESTS / "echo_cases" / "shapes.in.txt").read_text(encoding="utf-8")
    page = joined_page(text)
    out, changes = drop_caption_echoes(page)
    assert all(c.step == STEP and c.action == "removed" and c.detail for c in changes)
    assert visible(page.render()) == visible(out.render()) + sum(
        (visible(c.text) for c in changes), Counter()
    )


def test_layered_report_is_the_second_layer_in_order() -> None:
    _, (rounds,) = explain_echo("农农民民收收割割水水稻稻。。")
    (cut,) = rounds
    assert (cut.kept, cut.removed) == ("农民收割水稻。", "农民收割水稻。")
    interleaved = "".join(a + b for a, b in zip(cut.kept, cut.removed, strict=True))
    assert interleaved == "农农民民收收割割水水稻稻。。"


def test_dedupe_only_pipeline_reports_removals() -> None:
    text = "正文一段。\n\n志愿者为老人测量血压志愿者为老人测量血压。。\n"
    options = CleanOptions(rebuild_paragraphs=False, join_line_breaks=False)
    result = clean_and_explain(text, options)
    assert result.text == "正文一段。\n\n志愿者为老人测量血压。\n"
    assert [(c.step, c.line, c.text) for c in result.removals] == [
        (STEP, 3, "志愿者为老人测量血压。")
    ]


# --- properties ---------------------------------------------------------------------------

# A small alphabet makes echoes, doubled runs and near misses likely.
PIECES = st.text(alphabet="城市更新老小区的a b1。！，”“", min_size=0, max_size=12)


@st.composite
def echo_like(draw: st.DrawFn) -> str:
    unit = draw(PIECES)
    shape = draw(st.sampled_from(["plain", "whole", "layered", "glued"]))
    if shape == "whole":
        return unit * draw(st.integers(2, 4)) + draw(st.sampled_from(["", "。", "。。", "”。”。"]))
    if shape == "layered":
        return "".join(ch * draw(st.integers(1, 3)) for ch in unit) + draw(PIECES)
    if shape == "glued":
        return unit * 2 + draw(PIECES)
    return unit + draw(PIECES)


@settings(max_examples=400, deadline=None)
@given(echo_like())
def test_collapse_is_idempotent_and_loses_nothing_unreported(text: str) -> None:
    once, rounds = explain_echo(text)
    assert collapse_echo(once) is None
    removed = Counter("".join(c.removed for cuts in rounds for c in cuts))
    assert Counter(once) + removed == Counter(text)
    assert not Counter(once) - Counter(text)  # a sub-multiset of the input


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(echo_like(), min_size=1, max_size=3), min_size=1, max_size=6))
def test_drop_is_idempotent_and_reports_every_character(blocks: list[list[str]]) -> None:
    text = "\n\n".join("\n".join(lines) for lines in blocks) + "\n"
    for page in (raw_page(text), joined_page(text)):
        out, changes = drop_caption_echoes(page)
        again, more = drop_caption_echoes(out)
        assert (again, more) == (out, [])
        removed = sum((visible(c.text) for c in changes), Counter())
        assert visible(out.render()) + removed == visible(page.render())


@settings(max_examples=200, deadline=None)
@given(st.lists(echo_like(), min_size=1, max_size=4))
def test_join_view_keeps_every_character(lines: list[str]) -> None:
    lines = [line.strip() for line in lines if line.strip()]
    joined, starts = concat_lines(lines)
    assert visible(joined) == visible("".join(lines))
    assert all(joined.startswith(line, at) for line, at in zip(lines, starts, strict=True))


# --- linear time: adversarial long lines finish and come out right --------------------------

MB = 1_000_000


def long_text(size: int, seed: int = 0) -> str:
    """Text with no period: an echo of it can only be the whole-string kind."""
    rng = random.Random(seed)
    return "".join(rng.choices("城市更新让老旧小区焕发新颜居民的生活更方便了，。", k=size))


def test_adversarial_long_lines_finish_and_are_correct() -> None:
    x = long_text(MB)
    doubled = "".join(ch * 2 for ch in x[: MB // 2])
    cases = {
        "one character": ("好" * (3 * MB), None),
        "alternating": ("城市" * MB, None),
        "many copies": ("老旧小区焕发新颜" * (MB // 4), None),
        "near echo": (x + x[:-1] + "x", None),
        "echo": (x + "城" + x + "城。。", x + "城。"),
        "three layers": (x * 3, x),
        "doubled run": (doubled + "城", x[: MB // 2] + "城"),
        # The last pair is broken: the run before it is still long, the pair stays.
        "near doubled": (doubled[:-1] + "x", x[: MB // 2 - 1] + x[MB // 2 - 1] + "x"),
    }
    for name, (text, want) in cases.items():
        assert collapse_echo(text) == want, name


def test_long_doubled_line_collapses() -> None:
    text = "".join(ch * 2 for ch in "老旧小区焕发新颜，居民生活更方便。" * 60_000)
    once = collapse_echo(text)
    assert once is not None and len(once) * 2 == len(text)


def test_long_line_in_a_page_is_collapsed_once() -> None:
    unit = long_text(MB // 2, seed=1) + "城"
    out, changes = drop_caption_echoes(one_line_page(unit + unit + "。。"))
    assert out.render() == unit + "。\n"
    assert [len(c.text) for c in changes] == [len(unit) + 1]


def test_long_periodic_line_is_left_alone() -> None:
    # Thousands of copies are a pattern, not layers; the glued-echo search stays bounded.
    line = "广场上的灯光秀吸引了众多市民驻足观看" * 30_000 + "。"
    page = one_line_page(line)
    assert drop_caption_echoes(page) == (page, [])


def test_a_glued_echo_at_the_end_never_opens_on_a_mark() -> None:
    # The doubled tail `，X，X` would leave a caption opening on `，`: no caption.
    assert split_glued_echo("的，的00HelloHello，的00HelloHello") is None
    # A caption glued to the end of a paragraph still splits off.
    assert split_glued_echo("图为现场。奋斗的姿态最动人活动现场奋斗的姿态最动人活动现场。。")


def test_a_block_of_several_glued_captions_splits_each_off() -> None:
    first, second = "奋斗的姿态最动人活动现场", "夏荷春拾近景特写镜头"
    text = first * 2 + second * 2 + "图为村民在晒秋。"
    out, changes = drop_caption_echoes(Page((Block(BlockKind.PARAGRAPH, (text,), 1, 1),)))
    assert [b.text for b in out.blocks] == [first, second, "图为村民在晒秋。"]
    assert [c.text for c in changes] == [first, second]


def test_a_glued_echo_leaves_no_block_opening_on_its_mark() -> None:
    # What follows the square starts with a comma: the square is not a caption's.
    square = "奋斗的姿态最动人活动现场" * 2
    assert split_glued_echo(square + "，夏荷春拾近景。") is None


def doubled(text: str) -> str:
    """Every character printed twice, as a fake-bold extraction gives it."""
    return "".join(ch * 2 for ch in text)


@pytest.mark.parametrize(
    ("text", "once"),
    [
        # A unit of four letters, three of them different, is enough evidence.
        ("天天向上天天向上。。", "天天向上。"),
        # Three layers are evidence at any length past MIN_LETTERS.
        ("正正正在在在参参参加加加", "正在参加"),
        # A doubled run inside a line: ten letters, five different ones.
        (
            "小朋友们唱着" + doubled("我们爱祖国我们爱祖国") + "走进会场。",
            "小朋友们唱着我们爱祖国我们爱祖国走进会场。",
        ),
        (
            "据介绍，" + doubled("图为志愿者在社区广场") + "的情景。",
            "据介绍，图为志愿者在社区广场的情景。",
        ),
        # Nine letters, or four different ones, are reduplicated words side by side.
        ("据介绍，" + doubled("为志愿者在社区广场") + "的情景。", None),
        ("小朋友们唱着" + doubled("我爱祖国我爱祖国我爱") + "走进会场。", None),
    ],
)
def test_echo_thresholds(text: str, once: str | None) -> None:
    assert collapse_echo(text) == once


@pytest.mark.parametrize(
    ("unit", "glued"),
    [
        ("湖面晚霞湖心小岛", True),  # eight letters, seven different
        ("春风春雨春花春风", True),  # eight letters, four different
        ("湖面晚霞湖心岛", False),  # seven letters
        ("春风春雨春春风雨", False),  # three different
    ],
)
def test_glued_echo_thresholds(unit: str, glued: bool) -> None:
    assert (split_glued_echo(unit * 2 + "图为游客在拍照。") is not None) is glued


def test_an_ellipsis_is_no_layered_tail() -> None:
    assert not has_layered_tail("说到这里……")
    assert has_layered_tail("说到这里。。")


def test_a_headline_line_is_never_split_at_a_glued_echo() -> None:
    text = "奋斗的姿态最动人活动现场" * 2 + "夏荷春拾近景"
    page = Page((Block(BlockKind.HEADLINE, (text,), 1, 1),))
    assert drop_caption_echoes(page) == (page, [])


def test_glued_echoes_at_both_ends_of_a_block_are_both_split_off() -> None:
    # After the first split, the rest opens on no echo but closes on one.
    first, last = "奋斗的姿态最动人活动现场", "夏荷春拾近景特写镜头"
    text = first * 2 + "图为村民在晒秋。" + last * 2 + "。。"
    out, changes = drop_caption_echoes(Page((Block(BlockKind.PARAGRAPH, (text,), 1, 1),)))
    assert [b.text for b in out.blocks] == [first, "图为村民在晒秋。", last + "。"]
    assert [c.text for c in changes] == [first, last + "。"]


GLUED_AT_THE_END = """“十差村”缘何3个月摘帽

本报记者 程秀洋

中午12时30分，周召新兴头依然不减。他说：“就照这样
干下去，村里的未来，值得期待。”行政审批、生活缴费现场行政审批、生活缴费现场
"""


def test_a_caption_split_off_a_paragraph_names_its_own_line() -> None:
    # The echo sits at the block's end (line 6); the paragraph keeps line 5. `split`
    # takes a block on a removal's line for a caption: before, the paragraph went
    # with the caption into the captions file.
    from papercli.articles import split_articles
    from papercli.pipeline import clean_and_explain

    result = clean_and_explain(GLUED_AT_THE_END)
    assert [(c.line, c.text) for c in result.changes if c.action == "removed"] == [
        (6, "行政审批、生活缴费现场")
    ]
    assert [(b.first_line, b.last_line) for b in result.page.blocks[-2:]] == [(5, 5), (6, 6)]
    articles = split_articles(GLUED_AT_THE_END)
    assert articles[0].text.endswith("值得期待。”\n")
    assert [a.captions for a in articles[1:]] == [("行政审批、生活缴费现场",)]


def test_a_long_run_of_one_character_is_read_in_bounded_memory() -> None:
    # A run of pairs is matched possessively: `re` keeps no backtracking
    # point per pair, which cost about 40 bytes a character (8.8 MB here).
    for text in ("中" * 200_000, "中中文文" * 50_000):
        tracemalloc.start()
        try:
            assert find_echo_cuts(text) == []
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        assert peak < 3_000_000
