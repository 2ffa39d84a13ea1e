"""The unit's text is joined once and handed to the readings that search it
whole (`layout.rebuild_paragraphs`, `runs.measure_runs`, `GridCuts`): each
reads the same as when it joins the lines itself."""

from __future__ import annotations

import pytest

from papercli.layout import rebuild_paragraphs
from papercli.runs import measure_runs
from papercli.steps.cut_words import GridCuts

PAGES = [
    # a column of CJK text with a blank line and an indented paragraph
    [
        "　　今年以来，全市新建改建",
        "农村公路一百二十公里。",
        "",
        "　　据介绍，下一步将继续",
        "推进养护工作。",
    ],
    # a form feed between two pages
    ["第一版的最后一行文字，", "\f", "接着第二版的开头。"],
    # a speck between two lines and an invisible character at an edge
    ["他说，问题在于", ".", "\u200b如何落实。"],
    # a grid page that cuts words at the column
    ["On a wet day in earl", "y March, the old tea", "house was full. Reti", "red men sat at"],
]


@pytest.mark.parametrize("lines", PAGES)
def test_the_joined_page_reads_as_the_lines(lines: list[str]) -> None:
    numbers = list(range(1, len(lines) + 1))
    joined = "\n".join(lines)
    assert measure_runs(lines, numbers, joined) == measure_runs(lines, numbers)
    assert rebuild_paragraphs(lines, numbers, joined) == rebuild_paragraphs(lines, numbers)
    with_text, without = GridCuts(lines, numbers, joined), GridCuts(lines, numbers)
    assert with_text.cut_lines == without.cut_lines
