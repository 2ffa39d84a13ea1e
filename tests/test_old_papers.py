"""Rules for shapes of 1930s-40s pages that the development pages do not show:
a serial's synopsis box and its instalment's end mark. Whole pages in these
shapes are golden cases (`old-serial-synopsis-and-end-mark`)."""

from __future__ import annotations

from papercli.measure import make_line
from papercli.signals import is_heading_line


def test_a_line_ending_on_a_mark_before_a_note_is_no_heading_line() -> None:
    assert not is_heading_line(make_line(1, "他到附近茶樓小坐、（未完）"))
    assert not is_heading_line(make_line(1, "談到深夜。（續完）"))
    # A title closing on its column's label keeps its heading shape.
    assert is_heading_line(make_line(1, "解好基层治理“方程式”（人民论坛）"))
    assert is_heading_line(make_line(1, "新上海春秋（三三五）"))

