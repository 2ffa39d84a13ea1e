"""`diagnose`: what a page looks like before cleaning, on hand-made pages."""

from __future__ import annotations

import doctest
import json

import pytest

from papercli import diagnose as diagnose_module
from papercli.articles import split_articles
from papercli.diagnose import Diagnosis, count_changed_lines, diagnose, newline_style
from papercli.page import BlockKind
from papercli.pipeline import clean_and_explain

# Our own sentences; every character (punctuation too) is one Han-width unit.
P1 = (
    "今天上午，市图书馆举行了新馆开放仪式，数百名读者排队入馆参观。"
    "新馆共有五层，藏书超过八十万册，还设有一间可以容纳两百人的报告厅。"
)
P2 = (
    "馆长介绍说，新馆设有少儿阅览区和电子阅览室，周末还将举办免费讲座，"
    "欢迎市民前来参加，也欢迎中小学生在老师带领下集体参观。"
)
P3 = "不少读者表示，新馆环境明亮安静，借书手续也比以前简单了许多，希望开放时间再长一些。"


def wrap(text: str, width: int) -> list[str]:
    """Column-wrap a paragraph the way PDF extraction leaves it."""
    return [text[i : i + width] for i in range(0, len(text), width)]


def page(*parts: list[str], sep: str = "\n") -> str:
    return sep.join("\n".join(part) for part in parts) + "\n"


BLANK_PAGE = page(wrap(P1, 12), [""], wrap(P2, 12), [""], wrap(P3, 12))


def indented(text: str, width: int) -> list[str]:
    """Wrap a paragraph and open it with a two-em indent (two ideographic spaces)."""
    first, *rest = wrap(text, width)
    return ["\u3000\u3000" + first, *rest]


INDENT_PAGE = page(indented(P1, 12), indented(P2, 12), indented(P3, 12))

EXPECTED_KEYS: dict[str, type | tuple[type, ...]] = {
    "newline": str,
    "lines": int,
    "script": dict,
    "column_width": (int, type(None)),
    "column_regions": list,
    "paragraph_style": str,
    "paragraph_breaks": dict,
    "mid_sentence_breaks": int,
    "caption_echoes": int,
    "headline_blocks": int,
    "articles": int,
    "lines_changed": int,
    "punctuation": dict,
}


def check_schema(data: dict[str, object]) -> None:
    assert set(data) == set(EXPECTED_KEYS)
    for key, kind in EXPECTED_KEYS.items():
        assert isinstance(data[key], kind), key
    script = data["script"]
    assert isinstance(script, dict)
    assert set(script) == {"script", "simplified_only", "traditional_only", "han", "share"}
    assert script["script"] in {"simplified", "traditional", "mixed", "unknown"}
    assert isinstance(script["share"], float)
    breaks = data["paragraph_breaks"]
    assert isinstance(breaks, dict)
    assert set(breaks) == {"blank", "indent", "short_last_line", "line"}
    assert all(isinstance(v, int) for v in breaks.values())
    regions = data["column_regions"]
    assert isinstance(regions, list)
    for region in regions:
        assert set(region) == {"width", "first_line", "last_line", "lines"}
        assert all(isinstance(v, int) for v in region.values())
    assert data["newline"] in {"lf", "crlf", "crcrlf", "cr", "mixed", "none"}
    assert data["paragraph_style"] in {
        "blank",
        "indent",
        "short-last-line",
        "line",
        "mixed",
        "none",
    }
    json.dumps(data)  # JSON-serialisable as it is


def test_doctests() -> None:
    result = doctest.testmod(diagnose_module)
    assert result.attempted > 0 and result.failed == 0


def test_blank_line_paragraphs() -> None:
    d = diagnose(BLANK_PAGE)
    check_schema(d.to_dict())
    assert d.newline == "lf"
    assert d.lines == len(BLANK_PAGE.splitlines())
    assert d.column_width == 12
    assert [(r.width, r.first_line) for r in d.column_regions] == [(12, 1)]
    assert d.paragraph_style == "blank"
    assert (d.blank_breaks, d.indent_breaks, d.mid_sentence_breaks) == (2, 0, 0)
    assert d.script.script == "simplified"
    assert d.caption_echoes == 0


def test_punctuation_as_ocr_read_it() -> None:
    modern = diagnose(BLANK_PAGE).to_dict()["punctuation"]
    assert modern == {
        "style": "modern",
        "old_stop": None,
        "marks_read_as_ascii": False,
        "spaced_out_lines": 0,
        "unpunctuated": False,
    }
    as_read = BLANK_PAGE.replace("，", ",").replace("。", ".")
    lines = as_read.split("\n")
    spaced = "\n".join(" ".join(line) if i % 2 else line for i, line in enumerate(lines))
    punctuation = diagnose(spaced).to_dict()["punctuation"]
    assert punctuation["marks_read_as_ascii"] is True
    assert punctuation["spaced_out_lines"] == sum(
        1 for i, line in enumerate(lines) if i % 2 and len(line) > 1
    )
    old = diagnose("本市各難民收容所，自入冬以來，收\n容人數日增，現已達三千餘人，各所\n")
    assert old.to_dict()["punctuation"]["old_stop"] == "，"


def test_crlf_and_indented_paragraphs() -> None:
    d = diagnose(INDENT_PAGE.replace("\n", "\r\n"))
    check_schema(d.to_dict())
    assert d.newline == "crlf"
    assert d.paragraph_style == "indent"
    assert d.indent_breaks == 2 and d.blank_breaks == 0
    # The indent sits outside the column: indented first lines do not widen it.
    assert d.column_width == 12


def test_mid_sentence_blank_line_is_a_column_break() -> None:
    lines = wrap(P1, 12)
    assert not lines[1].endswith("。")
    text = page(lines[:2], [""], lines[2:], [""], wrap(P2, 12))
    d = diagnose(text)
    assert d.mid_sentence_breaks == 1
    assert d.blank_breaks == 1


def test_short_last_line_paragraphs() -> None:
    text = page(wrap(P1, 14), wrap(P2, 14), wrap(P3, 14))
    d = diagnose(text)
    assert d.column_width == 14
    assert d.paragraph_style == "short-last-line"
    assert d.short_line_breaks == 2


def test_unwrapped_paragraphs_one_a_line() -> None:
    # A word processor's export: no column, no blank line, a paragraph a line.
    d = diagnose(page([P1, P2, P3, P1 + P3, P2 + P1]))
    assert d.paragraph_style == "line"
    assert d.line_breaks == 4


def test_doubled_caption_is_counted() -> None:
    caption = "图为读者在新馆少儿阅览区内看书"
    text = page(wrap(P1, 12), [""], [caption + caption + "。。"], [""], wrap(P2, 12))
    d = diagnose(text)
    assert d.caption_echoes == 1
    assert diagnose(BLANK_PAGE).caption_echoes == 0


def test_column_regions_follow_a_change_of_width() -> None:
    text = page(wrap(P1 + P2, 12), [""], wrap(P3 + P1, 18))
    d = diagnose(text)
    assert [r.width for r in d.column_regions] == [12, 18]
    first, second = d.column_regions
    assert first.last_line < second.first_line


def test_counts_agree_with_the_pipeline() -> None:
    headline = ["新馆开放迎来首批读者", "市民点赞阅读新空间"]
    text = page(headline, [""], wrap(P1, 12), [""], wrap(P2, 12))
    d = diagnose(text)
    result = clean_and_explain(text)
    heads = [b for b in result.page if b.kind in (BlockKind.HEADLINE, BlockKind.SUBHEAD)]
    assert d.headline_blocks == len(heads)
    assert d.articles == len(split_articles(text))
    # Two wrapped paragraphs are each rejoined, so all their source lines change.
    assert d.lines_changed == len(wrap(P1, 12)) + len(wrap(P2, 12))


def test_lines_changed_counts_the_files_own_lines() -> None:
    # A form feed takes a line of its own inside the engine; the count is of the
    # file's lines, as `wc -l` gives them: never more lines changed than it has.
    assert diagnose("\f\n").lines_changed <= 1 and diagnose("\f\n").lines == 1
    pages = P1 + "\n\f" + P2 + "\n"  # pdftotext: each page opens on `\f`
    assert diagnose(pages).lines_changed <= 2 and diagnose(pages).lines == 2
    wrapped = "\n".join(wrap(P1, 12)) + "\n\f" + "\n".join(wrap(P2, 12)) + "\n"
    d = diagnose(wrapped)
    assert d.lines == wrapped.count("\n")
    assert d.column_regions and max(r.last_line for r in d.column_regions) <= d.lines
    assert diagnose(P1 + "\n\n" + P2 + "\n\f\n").lines_changed <= 4


def test_clean_page_changes_nothing() -> None:
    text = P1 + "\n\n" + P2 + "\n"
    d = diagnose(text)
    assert d.lines_changed == 0
    assert d.column_width is None and d.column_regions == ()


def test_traditional_script_is_reported() -> None:
    d = diagnose("這個圖書館的電腦很舊，\n資料也不全。\n")
    assert d.to_dict()["script"]["script"] == "traditional"


@pytest.mark.parametrize("text", ["", "\n", "\r\n\r\n", "\f", "abc", "。"])
def test_degenerate_input_does_not_raise(text: str) -> None:
    d = diagnose(text)
    check_schema(d.to_dict())
    assert isinstance(d, Diagnosis)


def test_empty_text() -> None:
    data = diagnose("").to_dict()
    assert data["newline"] == "none" and data["lines"] == 0
    assert data["script"]["script"] == "unknown"
    assert data["column_width"] is None and data["column_regions"] == []
    assert data["paragraph_style"] == "none"
    assert data["articles"] == 0 and data["lines_changed"] == 0


def test_newline_style_mixed_and_cr() -> None:
    assert newline_style("a\rb\rc") == "cr"
    assert newline_style("a\nb\rc") == "mixed"


def test_newline_style_doubled_cr() -> None:
    assert newline_style("a\r\r\nb\r\r\n") == "crcrlf"
    assert newline_style("a\r\r\nb\r\n") == "mixed"

def test_count_changed_lines_is_a_multiset_match() -> None:
    assert count_changed_lines(["x", "x"], ["x"]) == 1
    assert count_changed_lines([], ["x"]) == 0
