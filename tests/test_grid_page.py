"""A page set on a grid (`PageStyle.grid`): a line a width short with no mark at
its end ends its block there, and only there; a page typeset with line-breaking
rules (no line ends on an opening mark) keeps the slack of a full line."""

from __future__ import annotations

from pathlib import Path

from papercli.pipeline import clean_text

CASES = Path(__file__).parent / "cases"
GRID_PAGE = CASES / "lead-a-width-short-on-a-grid-page.in.txt"
LEAD_END = "蔬菜当天就能送进城里各家大商场的超市"


def test_a_grid_page_ends_a_lead_a_width_short() -> None:
    out = clean_text(GRID_PAGE.read_text(encoding="utf-8"))
    assert LEAD_END + "\n\n码头带来的" in out


def test_a_typeset_page_reads_a_line_a_width_short_as_full() -> None:
    # The same page with its opening quote pushed to the next line, as
    # line-breaking rules set it: no sign of a grid, so the line a width
    # short may be a full one the justification left short.
    text = GRID_PAGE.read_text(encoding="utf-8").replace("说：“\n", "说：\n“", 1)
    assert "说：“" not in text
    out = clean_text(text)
    assert LEAD_END + "码头带来的" in out
