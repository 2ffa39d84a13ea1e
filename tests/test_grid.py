"""How a page sits on a character grid (`papercli.grid`): the measure of its
lines, of a window around a short line, and of the unit's raw lines."""

from __future__ import annotations

from papercli.grid import (
    GRID_SHORT_SHARE,
    GridTally,
    cut_by_grid,
    ends_grid_paragraph,
    opens_narrow,
    run_on_column,
    tally_grid,
)
from papercli.measure import Line, make_line
from papercli.runs import Run, split_runs

# Ten-character lines cut at the column whatever the character: one ends on an
# opening quote, the lines cut mid-phrase fill the column.
GRID_PAGE = [
    "东湖村的菜农每天清晨",
    "把刚摘下的青菜装上船",
    "运到对岸的码头。他说：“",
    "今年的收成比往年都好",
    "价钱也还算公道。”",
]


def runs_of(lines: list[str]) -> list[Run]:
    return split_runs(lines, range(1, len(lines) + 1))


def test_a_page_with_a_line_ending_on_an_opener_is_tallied() -> None:
    tally = tally_grid(runs_of(GRID_PAGE), 10.0)
    # The three lines cut mid-phrase (not the last, not those ending on a mark)
    # fill the column; the one ending on `“` ends on a mark.
    assert tally == GridTally(ends_on_opener=True, full=3, short=0)
    assert tally.set_on_grid


def test_a_typeset_page_is_not_tallied() -> None:
    # The quote pushed to the next line, as line-breaking rules set it.
    typeset = [*GRID_PAGE[:2], "运到对岸的码头。他说：", "“今年的收成比往年都好", GRID_PAGE[4]]
    tally = tally_grid(runs_of(typeset), 10.0)
    assert tally == GridTally(ends_on_opener=False)
    assert not tally.set_on_grid


def test_lines_a_width_short_tell_a_ragged_column() -> None:
    assert GridTally(True, full=GRID_SHORT_SHARE, short=1).set_on_grid
    assert not GridTally(True, full=GRID_SHORT_SHARE - 1, short=1).set_on_grid
    # A line a width short counts as short, one half a width short as neither.
    page = [
        "东湖村的菜农每天清晨",
        "把刚摘下的青菜装上",
        "运到对岸的码头说：“",
        "今年的收成比往年好A",
        "好。",
    ]
    tally = tally_grid(runs_of(page), 10.0)
    assert (tally.full, tally.short) == (1, 1)
    assert not tally.set_on_grid


def lines_of(*texts: str) -> list[Line]:
    return [make_line(k, text) for k, text in enumerate(texts, 1)]


OLD_STYLE = lines_of(
    "昨日下午三時東華與西捕兩",
    "隊在跑馬地舉行足球比賽觀",
    "衆甚多、",
    "結果東華以三比一勝之為本",
    "季之第一場勝利球員均極興",
)


def test_a_short_line_under_full_ones_ends_a_grid_paragraph() -> None:
    assert ends_grid_paragraph(OLD_STYLE, 2, 12.0)


def test_a_ragged_window_shows_no_grid() -> None:
    ragged = list(OLD_STYLE)
    ragged[3] = make_line(4, "結果東華以三比一勝之")
    assert not ends_grid_paragraph(ragged, 2, 12.0)


def test_the_runs_last_line_may_stop_short_under_a_grid_paragraphs_end() -> None:
    # A notice's address closes its run: set short, it shows no ragged column.
    notice = lines_of(*(ln.text for ln in OLD_STYLE[:4]), "宅")
    assert ends_grid_paragraph(notice, 2, 12.0)
    # Not where a line inside the run stops short mid-phrase.
    ragged = lines_of(*(ln.text for ln in OLD_STYLE[:3]), "結果東華以三比一勝之", "宅")
    assert not ends_grid_paragraph(ragged, 2, 12.0)


def test_a_paragraph_opening_narrower_is_no_end() -> None:
    inset = lines_of("昨日下午三時、", "東華與西捕兩隊、", *(ln.text for ln in OLD_STYLE[3:]))
    assert opens_narrow(inset, 1, 12.0)
    assert not ends_grid_paragraph(inset, 1, 12.0)
    assert not opens_narrow(OLD_STYLE, 2, 12.0)


def test_the_raw_lines_that_run_on_give_the_grid_column() -> None:
    raw = ["On a wet day in earl", "y March, the old tea", "house was full. Reti",
           "red men sat at table", "s and no one spoke.", "", "Then"]
    # The lines that run on to the next source line (not the one before the blank).
    assert run_on_column(raw[:4]) == 10.0
    ragged = ["On a wet day in", "early March, the old", "teahouse was full.", "Retired", "men."]
    assert run_on_column(ragged[:4]) is None
    # Too few lines run on to measure a column.
    assert run_on_column(raw[:3]) is None


def test_a_full_line_cut_between_letters_is_cut_by_the_grid() -> None:
    assert cut_by_grid("On a wet day in earl", "y March, the old tea", 10.0)
    assert not cut_by_grid("On a wet day in ear ", "ly March, the old te", 10.0)
    assert not cut_by_grid("On a wet day in", "early March", 10.0)
    # A CJK line the grid left a Latin letter short; a Latin line must fill it.
    assert cut_by_grid("菜农每天清晨把农Vis", "ual", 10.0)
    assert not cut_by_grid("On a wet day in ear", "ly March", 10.0)
