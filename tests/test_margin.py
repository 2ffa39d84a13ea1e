"""A margin every line shares (an extraction or a copy that pads the whole text)
is no indent: a page so padded cleans as the same page without the padding. An
indent on every line of a file of one paragraph per line is each paragraph's own,
and still sets the paragraphs apart."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from layout_support import PARA_18, lines_of
from papercli.pipeline import clean_text
from papercli.runs import indent_in_column, is_margin, measure_runs

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
INDENT = "\u3000\u3000"


def margin_of(texts: list[str]) -> bool:
    lines = lines_of(*texts)
    indents = [ln.indent for ln in lines]
    return is_margin(lines, Counter(ln.span for ln in lines), min(indents), max(indents))


def padded(text: str, pad: str) -> str:
    return "\n".join(pad + line if line.strip() else line for line in text.split("\n"))


def test_the_seed_page_with_a_margin_cleans_as_without() -> None:
    page = (SAMPLES / "seed-page.txt").read_text(encoding="utf-8")
    assert clean_text(padded(page, "  ")) == clean_text(page)
    assert clean_text(padded(page, "    ")) == clean_text(page)


def test_a_margin_under_indented_paragraphs() -> None:
    page = "\n".join([INDENT + PARA_18[0], *PARA_18[1:], INDENT + PARA_18[0], *PARA_18[1:]])
    assert clean_text(padded(page, "\u3000")) == clean_text(page)
    lines = measure_runs(padded(page, "\u3000").split("\n"), list(range(1, 9))).runs[0].lines
    assert [ln.indent for ln in lines] == [2.0, 0.0, 0.0, 0.0] * 2


def test_wrapped_lines_at_a_column_show_a_margin() -> None:
    assert margin_of(["  " + text for text in PARA_18 * 2])
    # Some lines indented further: paragraphs under a margin, however few lines.
    assert margin_of([" " * 6 + PARA_18[0], "  " + PARA_18[1]])


def test_one_indented_paragraph_per_line_shows_no_margin() -> None:
    sentences = [
        "今天的天气非常好，我们一起去公园散步。",
        "公园里的花都开了，红的黄的紫的都有。",
        "孩子们在草地上奔跑，笑声传得很远。",
        "湖边有几位老人在下棋，旁边围着人看。",
    ]
    # Lines of one width, but every one ends its sentence.
    assert not margin_of([INDENT + s for s in sentences])
    page = "\n".join(INDENT + s for s in sentences) + "\n"
    assert clean_text(page) == "\n\n".join(sentences) + "\n"
    # Paragraphs of every length: most lines far wider than the commonest width.
    lengths = [INDENT + s * (1 + k % 3) for k, s in enumerate(sentences * 2)]
    assert not margin_of([text.rstrip("。") for text in lengths])


def test_a_narrow_list_or_too_few_lines_shows_no_margin() -> None:
    assert not margin_of([INDENT + name for name in ["张三", "李四", "王五", "赵六"]])
    assert not margin_of(["  " + PARA_18[0], "  " + PARA_18[1]])


def indented_page(first_lines: list[str]) -> list[str]:
    """Paragraphs of an 18-wide column, each opening on `first_lines[k]`."""
    return [line for first in first_lines for line in (INDENT + first, *PARA_18[1:])]


def test_an_indent_inside_the_column_is_read_off_the_first_lines() -> None:
    # A typeset page: the indented first line holds two characters fewer.
    inside = indented_page([PARA_18[0][2:]] * 3)
    lines = lines_of(*inside)
    assert indent_in_column(lines, Counter(ln.span for ln in lines), inside)
    # An extraction that adds the indent to a full line hangs it outside.
    outside = indented_page([PARA_18[0]] * 3)
    lines = lines_of(*outside)
    assert not indent_in_column(lines, Counter(ln.span for ln in lines), outside)


def test_two_ascii_spaces_inside_the_column_stand_for_two_ems() -> None:
    # NFKC writes the typeset page's `　　` as two ASCII spaces, one em wide: the
    # first line still holds two characters fewer than the column.
    halved = [line.replace(INDENT, "  ") for line in indented_page([PARA_18[0][2:]] * 3)]
    lines = lines_of(*halved)
    assert indent_in_column(lines, Counter(ln.span for ln in lines), halved)
    # Its first lines then count the two ems, as full as the lines under them;
    # one ideographic space counts one.
    first = measure_runs(halved, list(range(1, 13))).runs[0].lines[0]
    assert first.span == 18.0
    one_em = [line.replace(INDENT, "\u3000") for line in indented_page([PARA_18[0][2:]] * 3)]
    assert measure_runs(one_em, list(range(1, 13))).runs[0].lines[0].span == 17.0


def test_an_indent_inside_a_narrower_articles_column_is_read_off_its_own_lines() -> None:
    # The page's commonest width is a wide article's; the indented first lines
    # of a narrower one are measured against the line each runs on into.
    wide = [PARA_18[1]] * 8
    narrow = [INDENT + "青砖黛瓦的民居错落", "有致，新开的茶馆、书店", "吸引了不少游客。"] * 3
    page = [*wide, *narrow]
    lines = lines_of(*page)
    assert indent_in_column(lines, Counter(ln.span for ln in lines), page)


def test_a_centred_subhead_over_a_blank_line_casts_no_vote() -> None:
    # `   “…”` set off by three spaces, then a blank line: it runs on into nothing,
    # though with its indent it is about as wide as the column. No first line is
    # indented inside the column, and the subhead keeps its own width.
    subhead = "   “在更多领域开展经贸合作交流”"
    page = [*PARA_18, "", subhead, "", *PARA_18, "", subhead, "", *PARA_18]
    runs = measure_runs(page, list(range(1, len(page) + 1))).runs
    assert [ln.span for run in runs for ln in run.lines if ln.indent] == [15.0, 15.0]
