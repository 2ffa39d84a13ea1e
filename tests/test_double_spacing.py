"""Double-spaced extractions: a blank line after every line, two or more where a
paragraph or column ended. There one blank line is a line break, and such a page
cleans as the same page single-spaced. A cleaned page (one blank line after every
block, never two) is never read so."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from layout_support import FULL_MID_SENTENCE, PARA_18, REST, lines_of
from papercli.breaks import explain_breaks
from papercli.pipeline import clean_and_explain, clean_text
from papercli.runs import is_double_spaced, measure_runs

ROOT = Path(__file__).resolve().parents[1]
CASES = ROOT / "tests" / "cases"


def double_spaced(text: str) -> str:
    """A blank line after every non-blank line (so two where there was one)."""
    return "\n".join(line + "\n" if line.strip() else line for line in text.split("\n"))


def test_the_seed_page_double_spaced_cleans_as_the_seed_page() -> None:
    page = (ROOT / "samples" / "seed-page.txt").read_text(encoding="utf-8")
    assert clean_text(double_spaced(page)) == clean_text(page)


@pytest.mark.parametrize(
    "case", ["byline-end", "dateline-xinhua", "headline-dash-subtitle", "old-style-set-solid"]
)
def test_golden_pages_double_spaced_clean_as_they_are(case: str) -> None:
    page = (CASES / f"{case}.in.txt").read_text(encoding="utf-8")
    expected = (CASES / f"{case}.out.txt").read_text(encoding="utf-8")
    assert clean_text(double_spaced(page)) == expected


@pytest.mark.parametrize(
    "case",
    ["para-ideographic-indent", "para-ascii-indent", "indent-page-headlines-between-articles"],
)
def test_indented_pages_double_spaced_clean_as_they_are(case: str) -> None:
    # A blank line after every line and never two: paragraph indents show that
    # no clean wrote the page (a cleaned page has none).
    page = (CASES / f"{case}.in.txt").read_text(encoding="utf-8")
    expected = (CASES / f"{case}.out.txt").read_text(encoding="utf-8")
    assert "\n\n" not in page
    assert clean_text(double_spaced(page)) == expected


def test_runs_of_a_double_spaced_page_hold_its_paragraphs() -> None:
    page = double_spaced("\n".join(PARA_18) + "\n\n" + "\n".join(PARA_18))
    measured = measure_runs(page.split("\n"), range(1, page.count("\n") + 2))
    assert measured.line_gap == 2
    assert [len(run.lines) for run in measured.runs] == [4, 4]


def test_what_makes_a_page_double_spaced() -> None:
    lines = lines_of(*PARA_18, *PARA_18)
    spans = Counter(ln.span for ln in lines)
    steps = [2, 2, 2, 3, 2, 2, 2]
    assert is_double_spaced(steps, lines, spans)
    # A blank line after every line but never two: a cleaned page's blocks.
    assert not is_double_spaced([2] * 7, lines, spans)
    # Lines run on without a blank line more than once in ten.
    assert not is_double_spaced([2, 2, 1, 3, 2, 2, 2], lines, spans)
    # Lines of every length, each ending its sentence: paragraphs, one a line.
    paragraphs = lines_of(*(text * k for k, text in enumerate(PARA_18 * 2, 1)))
    assert not is_double_spaced(steps, paragraphs, Counter(ln.span for ln in paragraphs))


def test_a_cleaned_page_of_short_blocks_is_not_double_spaced() -> None:
    # Short blocks of one width, one blank line apart: a cleaned page, kept as is.
    cleaned = "\n\n".join(["城市书房开进社区", PARA_18[0], PARA_18[1], PARA_18[0], "本报记者 李玉"])
    assert clean_text(cleaned + "\n") == cleaned + "\n"


def test_explain_says_a_single_blank_line_is_a_line_break() -> None:
    other = [*FULL_MID_SENTENCE, *REST]
    page = double_spaced("\n".join(PARA_18) + "\n\n" + "\n".join(other)) + "\n"
    result = clean_and_explain(page)
    assert result.text.count("\n\n") == 1
    breaks = explain_breaks(page.split("\n"), 1, result.page.blocks)
    details = [change.detail for change in breaks]
    assert details[0].startswith("double-spaced page; ")
    assert sum(change.action == "kept" for change in breaks) == 1
    assert [change.action for change in breaks].count("healed") == 0
