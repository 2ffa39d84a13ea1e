"""The pipeline: line splitting, the conservative page, the recorded changes, and
each option switching its own step off (and nothing else)."""

from __future__ import annotations

import gc
from collections.abc import Callable
from typing import Any

import pytest

from papercli import pipeline, units
from papercli.blank_blocks import page_from_blank_blocks
from papercli.options import STEP_NAMES, CleanOptions
from papercli.page import BlockKind
from papercli.pipeline import clean_and_explain, clean_text
from papercli.units import split_lines

# `rejoin`: join inside blank-separated blocks, change nothing else.
REJOIN = CleanOptions(rebuild_paragraphs=False, drop_caption_echoes=False)

HEADLINE = ["老街区焕发新活力", "青石镇以微改造留住城市记忆"]
# Wrapped at 18; the third line is full and stops inside `修旧如旧`.
PARA = [
    "走进青石镇老街，青砖黛瓦的民居错落有",
    "致，新开的茶馆、书店和手工作坊吸引了",
    "不少游客，镇里在改造中始终坚持修旧如",
]
REST = ["旧，保留了老街原有的格局和风貌。"]
PARA_TEXT = "".join(PARA + REST)
CAPTION = "村民在新建的文化广场上跳舞村民在新建的文化广场上跳舞。。"

# Headline, a paragraph with a column break inside `修旧如旧`, a doubled caption.
PAGE = "\n".join([*HEADLINE, "", *PARA, "", *REST, "", CAPTION, ""])


def page_text(*blocks: str) -> str:
    return "\n\n".join(blocks) + "\n"


# --- split_lines -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lines"),
    [
        ("a\nb\n", ["a", "b"]),
        ("a\r\nb\r\n", ["a", "b"]),
        ("a\rb\r", ["a", "b"]),
        ("a\r\n\r\nb", ["a", "", "b"]),
        ("a\nb", ["a", "b"]),  # no final newline
        ("a\n\n", ["a", ""]),  # only the final newline is dropped
        ("", []),
        # A form feed becomes a line of its own wherever it sits.
        ("a\fb", ["a", "\f", "b"]),
        ("a\n\fb\n", ["a", "", "\f", "b"]),
        ("a\r\n\fb", ["a", "", "\f", "b"]),
    ],
)
def test_split_lines(text: str, lines: list[str]) -> None:
    assert split_lines(text) == lines


# --- page_from_blank_blocks -----------------------------------------------------


def test_page_from_blank_blocks_keeps_runs_as_blocks() -> None:
    lines = ["  甲一", "甲二\u3000", "", "", "乙一", "\f", "丙一", "   "]
    page = page_from_blank_blocks(lines, list(range(1, len(lines) + 1)))
    assert [b.lines for b in page] == [("甲一", "甲二"), ("乙一",), ("丙一",)]
    assert [(b.first_line, b.last_line) for b in page] == [(1, 2), (5, 5), (7, 7)]
    # Nothing is classified: every block is a paragraph.
    assert {b.kind for b in page} == {BlockKind.PARAGRAPH}


def test_page_from_blank_blocks_uses_given_numbers() -> None:
    # Furniture removal leaves gaps in the source numbering; blocks keep the real numbers.
    page = page_from_blank_blocks(["甲", "", "乙"], [3, 5, 9])
    assert [(b.first_line, b.last_line) for b in page] == [(3, 3), (9, 9)]


def test_page_from_blank_blocks_empty() -> None:
    assert page_from_blank_blocks([], []).blocks == ()


# --- clean_and_explain ---------------------------------------------------------------


def test_clean_page_reference() -> None:
    assert clean_text(PAGE) == page_text(
        "\n".join(HEADLINE), PARA_TEXT, "村民在新建的文化广场上跳舞。"
    )


def test_clean_and_explain_records_healed_and_removed() -> None:
    result = clean_and_explain(PAGE)
    assert result.text == clean_text(PAGE)
    healed = [c for c in result.changes if c.action == "healed"]
    assert [(c.step, c.line) for c in healed] == [("rebuild_paragraphs", 7)]
    # Whatever a step deletes is reported, with the text it deleted.
    assert [(c.step, c.line, c.text) for c in result.removals] == [
        ("drop_caption_echoes", 10, "村民在新建的文化广场上跳舞。")
    ]
    assert all(c.action == "removed" for c in result.removals)


def test_clean_and_explain_page_matches_text() -> None:
    result = clean_and_explain(PAGE)
    assert result.page.blocks[0].kind is BlockKind.HEADLINE
    assert result.page.render() == result.text


def test_nothing_to_report_on_clean_text() -> None:
    clean = page_text("\n".join(HEADLINE), PARA_TEXT)
    result = clean_and_explain(clean)
    assert result.text == clean
    assert result.removals == ()
    assert not [c for c in result.changes if c.action == "healed"]


@pytest.mark.parametrize("text", ["", "\n", "\n\n\n", "  \u3000 \n\t\n", "\f", "\r\n\r\n"])
def test_empty_and_blank_input(text: str) -> None:
    assert clean_text(text) == ""


# --- options switch their own step off -----------------------------------------------------


def test_every_step_has_an_option() -> None:
    assert CleanOptions().enabled_steps() == (
        "rebuild_paragraphs",
        "join_line_breaks",
        "drop_caption_echoes",
    )
    assert set(STEP_NAMES) == {
        "drop_furniture",
        "rebuild_paragraphs",
        "join_line_breaks",
        "drop_caption_echoes",
        "convert_script",
    }


def test_no_drop_caption_echoes_keeps_the_doubled_caption() -> None:
    result = clean_and_explain(PAGE, CleanOptions(drop_caption_echoes=False))
    assert result.text == page_text("\n".join(HEADLINE), PARA_TEXT, CAPTION)
    assert result.removals == ()


def test_no_rebuild_paragraphs_keeps_blank_line_blocks() -> None:
    # Without the classifier the column break is not healed and the headline is
    # just another block, joined like a paragraph.
    out = clean_text(PAGE, CleanOptions(rebuild_paragraphs=False))
    assert out == page_text(
        "".join(HEADLINE), "".join(PARA), REST[0], "村民在新建的文化广场上跳舞。"
    )


def test_no_join_line_breaks_keeps_the_lines_of_each_block() -> None:
    out = clean_text(PAGE, CleanOptions(join_line_breaks=False))
    # Blocks are still found (and healed); their lines are only stripped.
    assert out == page_text(
        "\n".join(HEADLINE), "\n".join(PARA + REST), "村民在新建的文化广场上跳舞。"
    )


def test_convert_script_is_opt_in() -> None:
    text = "歷史圖書館今日開放。\n"
    assert clean_text(text) == text
    result = clean_and_explain(text, CleanOptions(convert_script="t2s"))
    assert result.text == "历史图书馆今日开放。\n"
    assert [c.step for c in result.changes] == ["convert_script"]


def test_drop_furniture_is_opt_in() -> None:
    pages = []
    for n, body in enumerate(["甲版的正文第一句。", "乙版的正文第二句。", "丙版的正文第三句。"], 1):
        pages.append(f"晨报 第{n}版\n\n{body}\n")
    text = "\f".join(pages)
    assert "晨报 第1版" in clean_text(text)
    result = clean_and_explain(text, CleanOptions(drop_furniture=True))
    assert "晨报" not in result.text
    assert [(c.step, c.text) for c in result.removals] == [
        ("drop_furniture", f"晨报 第{n}版") for n in (1, 2, 3)
    ]


# --- rejoin mode ---------------------------------------------------------------------------------


def test_rejoin_joins_inside_blank_separated_blocks_only() -> None:
    out = clean_text(PAGE, REJOIN)
    # Every block is one line; the column break stays, the headline is joined like
    # any block, and the doubled caption is left alone.
    assert out == page_text("".join(HEADLINE), "".join(PARA), REST[0], CAPTION)


def test_rejoin_ignores_indents_and_short_lines() -> None:
    # One block (no paragraph detection); it keeps its first line's indent.
    text = "\u3000\u3000第一段第一行，\n第一段末行。\n\u3000\u3000第二段首行，\n第二段末行。\n"
    joined = "\u3000\u3000第一段第一行，第一段末行。第二段首行，第二段末行。\n"
    assert clean_text(text, REJOIN) == joined
    # The full pipeline sees the indents.
    assert clean_text(text) == page_text("第一段第一行，第一段末行。", "第二段首行，第二段末行。")


def test_rejoin_uses_script_rules_and_hyphen_evidence() -> None:
    text = "An international fund and an inter-\nnational team\nmet in\n北京。\n\nwell-\nknown\n"
    assert clean_text(text, REJOIN) == page_text(
        "An international fund and an international team met in北京。", "well-known"
    )


def test_rejoin_changes_nothing_but_the_breaks_inside_blocks() -> None:
    """`rejoin` is for text where blank lines mean something (Markdown, notes):
    blank runs, leading and trailing blank lines, indents, white-space-only lines
    and form feeds stay as they were; newlines come out as `\\n` (-i writes the
    file's own style back)."""
    text = "\r\n\r\n甲一\r\n甲二\r\n\r\n \r\n\r\n  乙一\r\n\f丙一\r\n丙二\f\r\n\r\n"
    assert clean_text(text, REJOIN) == "\n\n甲一甲二\n\n \n\n  乙一\n\f丙一丙二\f\n\n"
    untouched = "  # 标题\n\n\n- 条目一\n\n\f\n    代码行\n"
    assert clean_text(untouched, REJOIN) == untouched
    dedupe = CleanOptions(rebuild_paragraphs=False, join_line_breaks=False)
    assert clean_text(untouched, dedupe) == untouched


CONVERT_ONLY = CleanOptions(
    rebuild_paragraphs=False,
    join_line_breaks=False,
    drop_caption_echoes=False,
    convert_script="s2t",
)


def test_convert_alone_changes_only_characters() -> None:
    # `convert` promises that line structure is kept: indents, blank lines, CRLF,
    # form feeds and a missing final newline all survive; only the script changes.
    text = "软件\r\n\r\n  网络发展\f下一页"
    result = clean_and_explain(text, CONVERT_ONLY)
    assert result.text == "軟件\r\n\r\n  網絡發展\f下一頁"
    assert [c.line for c in result.changes] == [1, 3]


def test_convert_alone_streams_the_same_lines() -> None:
    from papercli.pipeline import iter_clean, join_results

    text = "软件\n\n  网络发展\f下一页\n"
    streamed = "".join(join_results(r.text for r in iter_clean(split_lines(text), CONVERT_ONLY)))
    assert streamed == clean_and_explain(text, CONVERT_ONLY).text
    # pdftotext ends its last page with a form feed: it stays last, not "\n\f\n".
    ends_on_a_page_break = "软件\f"
    streamed = "".join(r.text for r in iter_clean(split_lines(ends_on_a_page_break), CONVERT_ONLY))
    assert streamed == "軟件\f"


# Headline, a blank line, a paragraph whose lines run past any small batch, a
# page break inside a line and one on a line of its own, a blank line at the end.
CONVERT_PAGE = "标题\n\n" + "网络发展很快，\n" * 9 + "软件\f下一页\n\f\n发展\n\n"


def test_convert_alone_streams_in_batches_as_it_converts_whole(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from papercli.pipeline import iter_clean
    from papercli.steps.convert import convert_document

    whole = clean_and_explain(CONVERT_PAGE, CONVERT_ONLY)
    assert whole.text == convert_document(CONVERT_PAGE, "s2t")[0]
    for size in (1, 2, 3, 5):
        monkeypatch.setattr(pipeline, "CONVERT_BATCH_LINES", size)
        results = list(iter_clean(split_lines(CONVERT_PAGE), CONVERT_ONLY))
        assert "".join(r.text for r in results) == whole.text
        assert clean_and_explain(CONVERT_PAGE, CONVERT_ONLY) == whole
        assert len(results) > 2
        # A block that runs across a cut is counted once, from its first line.
        blocks = [b for r in results for b in r.page.blocks]
        assert [(b.first_line, b.last_line) for b in blocks] == [
            (b.first_line, b.last_line) for b in whole.page.blocks
        ]
        assert [c for r in results for c in r.changes] == list(whole.changes)


def test_convert_alone_cuts_batches_by_characters_too(monkeypatch: pytest.MonkeyPatch) -> None:
    from papercli.pipeline import iter_convert_batches

    monkeypatch.setattr(pipeline, "CONVERT_BATCH_CHARS", 10)
    lines = split_lines("一二三四五六\n一二三四五六\n\f\n七\n")
    assert [b.lines for b in iter_convert_batches(lines)] == [
        ["一二三四五六", "一二三四五六"],
        ["", "\f", "", "七"],
    ]


def test_convert_alone_keeps_crlf_and_a_missing_newline_across_batches(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(pipeline, "CONVERT_BATCH_LINES", 2)
    text = "软件\r\n\r\n网络\r发展\f下一页\r\n网络发展"
    assert clean_text(text, CONVERT_ONLY) == "軟件\r\n\r\n網絡\r發展\f下一頁\r\n網絡發展"


def test_a_doubled_cr_newline_reads_as_single_spaced() -> None:
    # Not a blank line after every line: an indented page keeps its paragraphs.
    indented = (
        "　　今年以来，河湾镇把小微\n水体整治作为重点。\n　　在整治过程中，镇里\n坚持清淤、截污。\n"
    )
    assert clean_text(indented.replace("\n", "\r\r\n")) == clean_text(indented)
    # convert alone keeps every line end as the file has it
    text = "软件\r\r\n网络\r\r\n"
    assert clean_text(text, CONVERT_ONLY) == "軟件\r\r\n網絡\r\r\n"

def test_convert_alone_numbers_changes_as_clean_does() -> None:
    # By split line, as every step numbers them: a form feed is a line of its own
    # (`FileLines` turns that into the file's line 3 for reports).
    result = clean_and_explain("abc\n软件\f网络\n发展\n", CONVERT_ONLY)
    assert [(c.line, c.text) for c in result.changes] == [(2, "軟件\f網絡"), (5, "發展")]


def test_a_removed_hyphen_is_reported_on_the_line_that_held_it() -> None:
    # The block runs from line 3 and is healed across the blank line 7.
    text = (
        "港口改造计划获批\n"
        "\n"
        "The city council voted on Tuesday to\n"
        "approve a long-delayed plan for the old\n"
        "harbour. The mayor called it a once-in-\n"
        "a-generation chance for the Zhong-\n"
        "\n"
        "guancun science park, a rare oppor-\n"
        "tunity for the offices on the water-\n"
        "front of the old town.\n"
    )
    for options in (CleanOptions(), REJOIN):
        removed = clean_and_explain(text, options).removals
        assert [(c.line, c.text) for c in removed] == [
            (8, "e oppor-|tunity f"),
            (9, "e water-|front of"),
        ]


def test_a_page_with_no_blank_line_is_cut_into_bounded_units_at_paragraph_ends() -> None:
    """A long page set solid (no blank line, no indent) still streams in bounded
    units, and the cuts fall where a paragraph ends: the result is what cleaning
    each paragraph on its own gives."""

    # Two full lines and a short last line ending the paragraph; numbered so that
    # no two paragraphs are alike (a repeated block would be taken for an echo).
    def paragraph(n: int) -> list[str]:
        tag = f"{n:05d}"
        return [f"第{tag}段里的文字排满一行，", "又排满了下一整行文字，", "最后一行较短。"]

    count = units.SOLID_UNIT_LINES // 3 + 500
    lines = [line for n in range(count) for line in paragraph(n)]
    cut = list(units.iter_units(lines))
    assert len(cut) >= 2
    assert max(map(len, cut)) <= units.HARD_UNIT_LINES
    assert [line for unit in cut for line in unit] == lines
    expected = "\n\n".join("".join(paragraph(n)) for n in range(count)) + "\n"
    assert clean_text("\n".join(lines) + "\n") == expected


def test_a_block_repeated_across_units_is_dropped_as_within_one() -> None:
    """A long input is cleaned in units; a block repeating the last one of the
    unit before is still a repeat (and cleaning twice changes nothing)."""

    text = "图为志愿者在社区服务。\n\n" * units.UNIT_LINES
    assert len(list(units.iter_units(units.split_lines(text)))) >= 2
    result = clean_and_explain(text)
    assert result.text == "图为志愿者在社区服务。\n"
    assert len(result.removals) == units.UNIT_LINES - 1
    assert clean_text(result.text) == result.text


def test_rejoin_of_a_long_run_without_blank_lines_is_one_block(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`rejoin` and `dedupe` know no paragraph but a blank-separated run: a unit
    cut inside a run (before an indent, as `clean` may cut a solid page) split its
    block in two, and a second `rejoin` joined the halves."""
    monkeypatch.setattr(units, "UNIT_LINES", 20)
    monkeypatch.setattr(units, "PATIENT_UNIT_LINES", 40)
    lines = ["\u3000\u3000第一行的文字排满一行，", "最后一行较短。"] * 60
    assert len(list(units.iter_units(lines))) >= 2  # `clean` cuts at the indents
    text = "\n".join(lines) + "\n"
    once = clean_text(text, REJOIN)
    assert once.count("\n") == 1
    assert clean_text(once, REJOIN) == once


def test_rejoin_never_cuts_a_long_input_inside_a_code_block(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A Markdown code block is verbatim only where its unit holds its opening
    fence: a long input is cut at a blank line after a sentence end, but not
    inside a fence, so the lines after such a blank line stay unjoined."""
    monkeypatch.setattr(units, "UNIT_LINES", 20)
    code = ["```", "# 注释一句。", "", "x = 1", "y = 2", "```"]
    lines = ["正文一行，", "写完了。", ""] * 6 + code + ["", "后文。"]
    cut = list(units.iter_units(lines, keep_layout=True))
    assert all(part.count("```") in (0, 2) for part in cut), cut
    text = "\n".join(lines) + "\n"
    assert clean_text(text, REJOIN).endswith("\n".join(code) + "\n\n后文。\n")


@pytest.mark.parametrize("call", [clean_text, clean_and_explain])
def test_bytes_are_refused_with_the_way_to_decode_them(call: Any) -> None:
    # The engine's first str method used to fail with "a bytes-like object is
    # required, not 'str'", the wrong way round for the caller.
    with pytest.raises(TypeError, match="decode_bytes"):
        call("一二三\n".encode())


def _collections_during(run: Callable[[], object]) -> int:
    """How many times the cyclic collector ran while `run` ran."""
    seen: list[int] = []

    def note(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            seen.append(info["generation"])

    gc.callbacks.append(note)
    try:
        run()
    finally:
        gc.callbacks.remove(note)
    return len(seen)


def test_the_collector_waits_for_the_whole_text() -> None:
    """Units leave their pages alive and nothing in a cycle: the collector,
    paused unit by unit, walked them all at each unit's end for nothing. It
    runs once at most now, when the pause ends."""
    paragraph = ["　　今年以来，全市新建改建农村", "公路一百二十公里，完成养护", "工作。", ""]
    text = "\n".join(paragraph * 1500)  # three units of 2,000 lines
    was = gc.isenabled()
    gc.enable()
    try:
        assert _collections_during(lambda: clean_text(text)) <= 1
        assert _collections_during(lambda: clean_and_explain(text)) <= 1
        assert gc.isenabled()
        gc.disable()  # a caller's own pause stays
        clean_text(text)
        assert not gc.isenabled()
    finally:
        if was:
            gc.enable()
