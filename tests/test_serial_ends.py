"""A serial's end mark wrapped onto a line of its own (`papercli.serial_ends`)."""

from __future__ import annotations

from layout_support import lines_of
from papercli.serial_ends import end_marks_to_paragraphs, is_end_mark_line, may_hold_end_marks


def test_end_mark_lines() -> None:
    assert is_end_mark_line(lines_of("（完）")) and is_end_mark_line(lines_of("（待續）"))
    assert not is_end_mark_line(lines_of("（完）了"))
    assert not is_end_mark_line(lines_of("（一）"))
    assert may_hold_end_marks("…罷？\n（未完）") and not may_hold_end_marks("（一）")


def test_mark_right_under_the_text_goes_back_with_its_spaces() -> None:
    raw = ["那就是家了罷？\u3000\u3000", "\u3000\u3000\u3000（完）"]
    lines = lines_of("那就是家了罷？", "（完）")
    changes: list = []
    out = end_marks_to_paragraphs(
        [([lines[0]], None, ("blank line",)), ([lines[1]], None, ("set off",))],
        raw, [1, 2], changes,
    )
    assert len(out) == 1 and out[0][0][-1].text == "那就是家了罷？" + "\u3000" * 5 + "（完）"
    assert changes and changes[0].action == "joined"


def test_mark_after_a_blank_line_stands_alone() -> None:
    raw = ["那就是家了罷？", "", "（完）"]
    lines = lines_of("那就是家了罷？") + lines_of("（完）", start=3)
    pending = [([lines[0]], None, ("blank line",)), ([lines[1]], None, ("blank line",))]
    assert len(end_marks_to_paragraphs(pending, raw, [1, 2, 3], [])) == 2
