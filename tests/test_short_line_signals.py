"""Signals for pages whose paragraphs only short lines mark: a text gap wrapped to
a line's start, the next numbered item after a flush line."""

from __future__ import annotations

from papercli.boundary_signals import follows_previous_item, indent_is_text_gap
from papercli.lists import item_kind
from papercli.measure import Line, make_line


def lines_of(*raws: str) -> list[Line]:
    return [make_line(n, raw) for n, raw in enumerate(raws, 1)]


def test_gap_wrapped_to_a_line_start_is_no_indent() -> None:
    above, gap = lines_of("方便游客在途中  停留歇脚", "  夜间照明也同步开启了")
    assert indent_is_text_gap(above, gap, 12.0)


def test_two_em_indent_or_a_mark_above_is_an_indent() -> None:
    above, two_ems = lines_of("方便游客在途中停留歇脚歇", "　　夜间照明也同步开启")
    assert not indent_is_text_gap(above, two_ems, 12.0)
    ended, one_em = lines_of("方便游客在途中停留歇脚。", "  夜间照明也同步开启")
    assert not indent_is_text_gap(ended, one_em, 12.0)
    short, after_short = lines_of("方便游客在途中", "  夜间照明也同步开启")
    assert not indent_is_text_gap(short, after_short, 12.0)


def test_next_item_in_sequence() -> None:
    lines = lines_of("三、供热单位开通服务热线并", "安排专人值守。", "四、各单位要认真落实。")
    assert follows_previous_item(lines, 1, item_kind(lines[2].text) or "")


def test_item_out_of_sequence_is_no_item() -> None:
    lines = lines_of("三、供热单位开通服务热线并", "安排专人值守。", "一、二季度的数据另行公布。")
    assert not follows_previous_item(lines, 1, item_kind(lines[2].text) or "")
    alone = lines_of("供热单位开通服务热线并安排", "专人值守。", "四、各单位要认真落实。")
    assert not follows_previous_item(alone, 1, item_kind(alone[2].text) or "")
