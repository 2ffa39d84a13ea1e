"""Signals for pages whose paragraphs only short lines mark: a text gap wrapped to
a line's start (or a one-em indent), the next numbered item after a flush line."""

from __future__ import annotations

from papercli.boundary_signals import follows_previous_item, indent_is_text_gap
from papercli.lists import item_kind
from papercli.measure import Line, make_line
from papercli.pagestyle import indents_one_em
from papercli.runs import Run


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


def test_one_em_indent_is_a_paragraphs_on_a_page_that_indents_so() -> None:
    above, one_em = lines_of("方便游客在途中停留歇脚歇", "  夜间照明也同步开启")
    assert indent_is_text_gap(above, one_em, 12.0)
    assert not indent_is_text_gap(above, one_em, 12.0, narrow_indents=True)


def test_a_page_indents_one_em_when_paragraphs_open_so_under_sentence_ends() -> None:
    page = [
        "青石镇老街，青砖黛瓦",
        "的民居错落有致。",
        "  新开的茶馆吸引了不少",
        "游客前来。",
        "  镇里坚持修旧如旧。",
    ]
    assert indents_one_em([Run(lines_of(*page))])
    # Gaps wrapped to line starts inside sentences are no vote; nor is `　　`.
    gaps = ["青石镇老街，青砖黛瓦", "  的民居错落有致。", "新开的茶馆吸引了不少", "  游客前来。"]
    assert not indents_one_em([Run(lines_of(*gaps))])
    two_ems = [line.replace("  ", "\u3000\u3000") for line in page]
    assert not indents_one_em([Run(lines_of(*two_ems))])
