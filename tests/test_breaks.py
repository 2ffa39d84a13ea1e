"""The per-break view of `--explain -v`: every break joined, kept or healed, and why."""

from __future__ import annotations

from pathlib import Path

import pytest

from papercli import units
from papercli.breaks import (
    HEALED,
    JOINED,
    KEPT,
    LINE_KEPT,
    REMOVED,
    UNIT_CUT,
    explain_breaks,
    with_breaks,
)
from papercli.changes import Change
from papercli.healing import PULL_QUOTE_ENDS
from papercli.page import Block, BlockKind
from papercli.pipeline import clean_and_explain
from papercli.signals import FLUSH_POINTS_BACK, FLUSH_SHORT_PARAGRAPH
from papercli.units import split_lines

CASES = Path(__file__).parent / "cases"

PAGE = (
    "老街区焕发新活力\n"
    "青石镇以微改造留住城市记忆\n"
    "\n"
    "走进青石镇老街，青砖黛瓦的民居错落有\n"
    "致，新开的茶馆、书店和手工作坊吸引了\n"
    "不少游客。镇里在改造中坚持修旧如旧，\n"
    "\n"
    "保留了老街原有的格局和风貌，让人们记\n"
    "住了乡愁。\n"
    "\n"
    "（张三）\n"
)


def breaks_of(text: str) -> list[tuple[int, str, str]]:
    result = clean_and_explain(text)
    found = explain_breaks(split_lines(text), 1, result.page.blocks)
    return [(c.line, c.action, c.detail) for c in found]


def test_every_break_between_non_blank_lines_is_explained() -> None:
    runs_on = "no sign of a paragraph end: the text runs on"
    assert breaks_of(PAGE) == [
        (2, LINE_KEPT, "a headline keeps its lines"),
        (4, KEPT, "blank line"),
        (5, JOINED, runs_on),
        (6, JOINED, runs_on),
        (8, HEALED, "blank line inside a sentence"),
        (9, JOINED, runs_on),
        (11, KEPT, "blank line"),
    ]


def test_a_page_break_is_named_and_a_kept_reason_inside_a_run_is_given() -> None:
    # split_lines sets a form feed on a line of its own: `…旧，` | blank | \f | blank.
    found = breaks_of(PAGE.replace("旧，\n\n", "旧，\n\f\n"))
    assert (10, HEALED, "page break inside a sentence") in found
    solid = "走进青石镇老街，青砖黛瓦的民居错落有\n致。\n新开的茶馆、书店和手工作坊吸引了\n游客。\n"
    assert breaks_of(solid)[1] == (3, KEPT, "short line ends a sentence")


def test_a_dangling_end_is_named() -> None:
    text = "镇里在改造中坚持修旧如旧，始终坚持以\n保留老街原有的格局和风貌为目标，吸引\n了游客。\n"
    assert breaks_of(text)[0] == (2, JOINED, "the line ends on a preposition or conjunction")


def test_removed_lines_and_the_records_they_replace() -> None:
    blocks = [Block(BlockKind.PARAGRAPH, ("甲乙丙丁。",), 1, 2, ("blank line",))]
    # Line 4 (a dropped echo) is in no block.
    found = explain_breaks(["甲乙", "丙丁。", "", "图图"], 1, blocks)
    assert [(c.line, c.action) for c in found] == [(2, JOINED), (4, REMOVED)]
    own = [
        Change("rebuild_paragraphs", 3, "healed", "x|y", "blank line after line 2"),
        Change("drop_caption_echoes", 4, "removed", "图", "echo"),
    ]
    merged = with_breaks(own, found)
    assert [c.action for c in merged] == ["removed", JOINED, REMOVED]


def test_a_hyphen_is_named_only_where_the_line_ends_on_one() -> None:
    text = (
        "The committee met on Tuesday to discuss the\n"
        "proposal, which gives the town a rare oppor-\n"
        "tunity to grow.\n"
    )
    assert breaks_of(text) == [
        (2, JOINED, "no sign of a paragraph end: the text runs on"),
        (3, JOINED, "the line ends inside a hyphenated word"),
    ]


def test_a_flush_sentence_end_the_paragraph_ran_on_past_gives_its_reason() -> None:
    # A page whose paragraphs end on short lines: `…来到这里读报。` fills its line
    # 48 wide in a paragraph, on a page whose paragraphs run about 86.
    page = (CASES / "short-paragraph-flush-sentence-end-runs-on.in.txt").read_text("utf-8")
    lines = split_lines(page)
    at = next(n for n, text in enumerate(lines, 1) if text.startswith("他总是"))

    def record(text: str) -> list[Change]:
        result = clean_and_explain(text)
        found = explain_breaks(split_lines(text), 1, result.page.blocks)
        merged = with_breaks(result.changes, found)
        return [c for c in merged if c.line == at and c.step == "rebuild_paragraphs"]

    # The sentence after it points back (`他`): one record, the join, with that reason.
    assert [(c.action, c.detail) for c in record(page)] == [(JOINED, FLUSH_POINTS_BACK)]
    # Without the pronoun, the paragraph is still short of the page's length.
    named = page.replace("他总是", "老人总是")
    assert [(c.action, c.detail) for c in record(named)] == [(JOINED, FLUSH_SHORT_PARAGRAPH)]
    # Plain `--explain` lists the join too: it is where the page left it open.
    assert any(
        c.line == at and c.action == JOINED and c.detail == FLUSH_POINTS_BACK
        for c in clean_and_explain(page).changes
    )


def test_a_gap_kept_after_a_pull_quote_gives_its_reason() -> None:
    page = (CASES / "pull-quote-flush-with-column-ends-its-block.in.txt").read_text("utf-8")
    lines = split_lines(page)
    at = next(n for n, text in enumerate(lines, 1) if text.startswith("青石镇老街"))
    result = clean_and_explain(page)
    # `--explain` names the kept gap: a column break would have been healed.
    assert [
        (c.action, c.detail) for c in result.changes if c.line == at
    ] == [(KEPT, PULL_QUOTE_ENDS)]
    # `-v` gives it with the gap, once; a gap kept for no reason of its own is bare.
    merged = with_breaks(result.changes, explain_breaks(lines, 1, result.page.blocks))
    assert [(c.action, c.detail) for c in merged if c.line == at] == [
        (KEPT, f"blank line; {PULL_QUOTE_ENDS}")
    ]
    nxt = next(n for n, text in enumerate(lines, 1) if text.startswith("茶馆主人"))
    assert [(c.action, c.detail) for c in merged if c.line == nxt] == [(KEPT, "blank line")]


def test_a_unit_cut_with_no_blank_line_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    # A page set solid, long enough to be cut into units where a paragraph ends
    # (an indented line after a sentence end) rather than at a blank line.
    monkeypatch.setattr(units, "UNIT_LINES", 40)
    monkeypatch.setattr(units, "PATIENT_UNIT_LINES", 60)
    han = "走进青石镇老街青砖黛瓦的民居错落有致新开的茶馆书店和手工作坊吸引了不少游客"
    text = "".join(
        f"　　{han[k:]}{han[:k]}\n{han[k + 1 : k + 19]}\n{han[k : k + 6]}。\n" for k in range(40)
    )
    lines = split_lines(text)
    cuts = [len(unit) for unit in units.iter_units(lines)]
    assert len(cuts) > 1 and lines[cuts[0] - 1].strip() != ""
    found = breaks_of(text)
    at_cut = [detail for line, action, detail in found if line == cuts[0] + 1]
    assert at_cut == [UNIT_CUT]
    # Elsewhere the same break (an indented line after a sentence end) gives its signal.
    assert {detail for line, action, detail in found if action == KEPT} == {
        UNIT_CUT,
        "next line indented",
    }
