"""Words a character grid cut at the column with no hyphen (`cut_words.GridCuts`,
`grid_cut_evidence`): joined only on a grid page, at a full line, on evidence."""

from __future__ import annotations

import pytest

from papercli.pipeline import clean_unit
from papercli.steps.cut_words import GridCuts, edge_breaks, grid_cut_evidence

GRID = [
    "On a wet day in earl",
    "y March, the old tea",
    "house was full. Reti",
    "red men sat at table",
    "s and no one spoke.",
]


def clean(lines: list[str]) -> str:
    return clean_unit(lines, 1).text


def test_a_grid_page_joins_the_words_it_cut() -> None:
    assert clean(GRID) == (
        "On a wet day in early March, the old tea house was full. "
        "Retired men sat at tables and no one spoke.\n"
    )


@pytest.mark.parametrize(
    ("left", "right"),
    [("went to", "day"), ("in", "to"), ("and some", "one"), ("met Xi", "Jinping")],
)
def test_pieces_that_read_as_words_keep_their_space(left: str, right: str) -> None:
    assert grid_cut_evidence(left, right) is None


@pytest.mark.parametrize(
    ("left", "right"),
    [("in earl", "y"), ("near t", "he"), ("Retir", "ed"), ("hurr", "y."), ("a", "bout")],
)
def test_pieces_of_one_word_join(left: str, right: str) -> None:
    assert grid_cut_evidence(left, right) is not None


def test_the_page_spells_a_name_the_list_does_not_know() -> None:
    from papercli.steps.cut_words import Vocabulary

    vocab = Vocabulary("Guardiola said so. ")
    assert grid_cut_evidence("瓜迪奥拉（Guardi", "ola）说", vocab) is not None
    assert grid_cut_evidence("瓜迪奥拉（Guardi", "ola）说") is None


def test_a_ragged_page_is_no_grid() -> None:
    ragged = ["On a wet day in", "early March, the old", "teahouse was full.", "Retired", "men."]
    assert not GridCuts(ragged, range(1, 6)).cut_lines
    assert clean(ragged) == " ".join(ragged) + "\n"


def test_a_justified_page_cut_at_word_spaces_is_no_grid() -> None:
    justified = [
        "We  met  on  the  pier  to",
        "day  and  then  walked  in",
        "to   the   market   for   a",
        "round of talks with some",
        "one from the harbour board.",
    ]
    assert not GridCuts(justified, range(1, 6)).cut_lines


def test_a_space_at_the_break_is_a_word_space() -> None:
    spaced = [line + " " if k == 0 else line for k, line in enumerate(GRID)]
    assert "earl y" in clean(spaced)
    assert "earl y" in clean([GRID[0], " " + GRID[1], *GRID[2:]])


def test_rejoin_does_not_join_grid_cuts() -> None:
    from dataclasses import replace

    from papercli.options import DEFAULT_OPTIONS

    options = replace(DEFAULT_OPTIONS, rebuild_paragraphs=False)
    assert "earl y" in clean_unit(GRID, 1, options).text


def test_the_join_is_explained() -> None:
    changes = clean_unit(GRID, 1).changes
    joined = [c for c in changes if c.action == "joined" and c.step == "join_line_breaks"]
    assert [c.line for c in joined] == [1, 3, 4]
    assert "the word list knows 'early'" in joined[0].detail


@pytest.mark.parametrize(
    ("left", "right"),
    [("功率达100", "W有线快充"), ("全长12", "km的山路"), ("支持3", "D打印"), ("双卡5", "G网络"),
     ("用A", "4纸打印"), ("in the 1990", "s, when")],
)
def test_a_number_cut_before_its_unit_or_code_joins(left: str, right: str) -> None:
    assert grid_cut_evidence(left, right) is not None


@pytest.mark.parametrize(
    ("left", "right"),
    [("more than 100", "people"), ("iPhone 15", "Pro"), ("Claude 3.5", "Sonnet"),
     ("Chapter 3", "A new plan"), ("an MP", "30 years ago"), ("a", "4-year plan")],
)
def test_a_number_before_a_word_keeps_its_space(left: str, right: str) -> None:
    assert grid_cut_evidence(left, right) is None


def test_the_page_decides_how_it_writes_numbers() -> None:
    from papercli.steps.cut_words import Vocabulary

    solid = Vocabulary("型号为GPT-4o的模型")
    assert grid_cut_evidence("GPT-4", "o模型", solid) is not None
    assert grid_cut_evidence("GPT-4", "o模型") is None
    spaced = Vocabulary("主频为3.5 GHz，重量为200 g，功率65 W")
    assert grid_cut_evidence("长12", "km的山路", spaced) is None


@pytest.mark.parametrize(
    ("left", "right", "joins"),
    [("coach Pochet", "tino said", True), ("Frattes", "i signed", False),
     ("Lima", "da Silva", False), ("Timshel", "didn't", False)],
)
def test_a_name_no_list_knows(left: str, right: str, joins: bool) -> None:
    assert (grid_cut_evidence(left, right) is not None) is joins


# A CJK grid page at 10 whose one cut between letters falls at a column break.
CUT_AT_COLUMN_BREAK = [
    "卫生部长李文静（Grac",
    "",
    "e Lee）昨天出席在宏茂",
    "桥举行的社区健康日，",
    "与居民交流慢性病防治",
    "经验。她说，政府将在",
    "未来两年增设五个社区",
    "健康中心，方便年长者",
    "就近看病。",
]


def test_a_cut_before_a_blank_line_is_measured() -> None:
    cuts = GridCuts(CUT_AT_COLUMN_BREAK, range(1, 10))
    assert sorted(cuts.cut_lines) == [1]


def test_an_indented_first_line_cut_inside_an_acronym() -> None:
    lines = [
        "　　另外，国家环境局（NE",
        "A）也派员在场讲解防蚊",
        "知识，与居民交流经验",
        "并分发宣传单张给居民",
        "参考。",
    ]
    assert sorted(GridCuts(lines, range(1, 6)).cut_lines) == [1]
    assert grid_cut_evidence("国家环境局（NE", "A）也派员") == "an acronym in brackets: 'NEA'"


def test_an_extraction_that_pads_every_line_still_shows_the_grid() -> None:
    padded = [line + " " for line in GRID]
    assert sorted(GridCuts(padded, range(1, 6)).cut_lines) == [1, 2, 3, 4]


def test_a_cut_before_a_blank_line_of_spaces_is_measured() -> None:
    lines = [*GRID[:4], "s and no one spoke a", "  ", "nd then they left."]
    assert sorted(GridCuts(lines, range(1, 8)).cut_lines) == [1, 2, 3, 4, 5]


def test_only_the_breaks_between_letters_or_digits_are_measured() -> None:
    # The lines before and after each: a space at the end or blank lines between,
    # not a space opening the next line.
    text = "\n".join(["earl", "y March ", "  ", "tea。", "No 1", "2"])
    assert list(edge_breaks(text)) == [(0, 1), (1, 3), (4, 5)]
    assert list(edge_breaks("\n".join(["ab ", "", " cd", "ef", "", "gh"]))) == [(2, 3), (3, 5)]


def test_pieces_seen_only_at_their_break_are_no_words_of_the_page() -> None:
    from papercli.steps.cut_words import Vocabulary

    # The page's words hold each piece once, at the break itself.
    lines = ["外援Marcus Oli", "veira破门，实施VO", "Cs治理（VOCs）"]
    vocab = Vocabulary.of_lines(lines)
    assert grid_cut_evidence(lines[0], lines[1], vocab) is not None
    assert grid_cut_evidence(lines[1], lines[2], vocab) is not None
    # A piece the page shows again stands as a word.
    vocab = Vocabulary.of_lines([*lines, "Oli说"])
    assert grid_cut_evidence(lines[0], lines[1], vocab) is None
