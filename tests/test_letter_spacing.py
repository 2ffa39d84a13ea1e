"""Spaces between CJK characters that were never printed (`中 国 人 民`).

OCR sets one between every pair of characters, and a PDF extractor between those
of a justified line whose gaps widened. Counted as width, they make every such
line look far wider than the column (a title set to its own measure). A line is
measured as if they were not there; a single space in a byline (`本报记者 李文`,
`记者 张三 通讯员 李四`) is a printed gap and keeps its width, and Korean keeps
its word spaces. The spaces themselves stay in the text: removing them would be a
content rewrite. `cases/ocr-letter-spaced` is a whole page.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from papercli.articles import split_articles
from papercli.chars import squeeze_gaps
from papercli.measure import gap_width, make_line, measure_lines, reads_commas_as_ascii
from papercli.pipeline import clean_and_explain, clean_text


@pytest.mark.parametrize(
    ("text", "gaps"),
    [
        ("中 国 人 民", 1.5),
        ("走 进 城 东 街 道 ， 书 架 上 整", 5.0),
        ("市 新 建 社 区 书 房42个 ， 覆 盖", 4.5),  # no gap beside the digits
        ("直  立", 1.0),  # a run of spaces in one wide gap
        ("中 国 , 人 民 .", 2.5),  # marks OCR read as ASCII are spaced out too
        ("本报记者 李文", 0.0),
        ("记者 张三 通讯员 李四", 0.0),
        ("局属 21个部门", 0.0),
        ("한국 사람 이 야기", 0.0),
        ("邊謫\u3000  稷又因", 0.0),  # an ideographic space is a space, not a character
    ],
)
def test_gap_width(text: str, gaps: float) -> None:
    assert gap_width(text) == gaps


def test_a_letter_spaced_line_measures_as_it_was_printed() -> None:
    spaced, solid = "走 进 城 东 街 道 的 社 区 书 房", "走进城东街道的社区书房"
    assert make_line(1, spaced).width == make_line(1, solid).width == 11.0
    # Found on a page of ordinary lines too, whichever lines carry the gaps.
    page = ["本报记者 李文", "局属 21个部门", spaced, "书 架 上 整 齐"]
    assert [ln.width for ln in measure_lines(page, [1, 2, 3, 4])] == [6.5, 6.5, 11.0, 5.0]


def test_bylines_keep_their_printed_gaps() -> None:
    assert make_line(1, "记者 张三 通讯员 李四").width == 10.5


CASES = Path(__file__).parent / "cases"
WIDE = "[\u3000-\u303f\u3400-\u9fff\uff00-\uffef“”]"
CJK_GAP = re.compile(f"(?<={WIDE}) (?={WIDE})")
CJK_PAIR = re.compile(f"(?<={WIDE})(?={WIDE})")


def test_a_letter_spaced_page_keeps_the_structure_of_the_page_as_printed() -> None:
    spaced = (CASES / "ocr-letter-spaced.in.txt").read_text(encoding="utf-8")
    solid = CJK_GAP.sub("", spaced)
    cleaned = clean_text(spaced)
    # The same blocks and line breaks as the page without the gaps; the spaces
    # themselves are kept (only line breaks were decided), and a second clean
    # changes nothing.
    assert cleaned.replace(" ", "") == clean_text(solid).replace(" ", "")
    assert cleaned.count(" ") == spaced.count(" ")
    assert clean_text(cleaned) == cleaned


def test_a_spaced_out_caption_echo_is_collapsed_and_reported() -> None:
    echo = "正 在 参 加 修 养 活 动 的 一 线 优 秀 辅 警 " * 2 + "。 。"
    result = clean_and_explain(echo + "\n")
    assert result.text == "正 在 参 加 修 养 活 动 的 一 线 优 秀 辅 警 。\n"
    # The removal is reported as the text had it, gaps and all.
    assert [(c.action, c.text) for c in result.changes if c.action == "removed"] == [
        ("removed", " 正 在 参 加 修 养 活 动 的 一 线 优 秀 辅 警 。")
    ]
    # Each character printed twice: the run is printed once (its spaces go with it).
    assert clean_text("正 正 在 在 参 参 加 加 活 活 动 动 。 。\n") == "正在参加活动。\n"


def test_squeeze_gaps_maps_every_kept_character_back() -> None:
    text = " 中 国  人 民 2 0 1 9 年 한국 사람 "
    squeezed, where = squeeze_gaps(text)
    assert squeezed == " 中国人民 2 0 1 9 年 한국 사람 "
    assert "".join(text[i] for i in where) == squeezed


# A whole line letter-spaced in print (`读 者 来 信`).
LETTER_SPACED_LINE = re.compile("[\u4e00-\u9fff](?: [\u4e00-\u9fff]){2,}$")


def test_split_reads_a_spaced_out_page_as_printed() -> None:
    # The small multi-article pages of the split tests, every pair of characters spaced.
    checked = 0
    for case in sorted((CASES.parent / "split_cases").iterdir()):
        source = case / "page.txt"
        if not source.is_file():
            continue
        text = source.read_text(encoding="utf-8")
        if any(LETTER_SPACED_LINE.match(line.strip()) for line in text.split("\n")):
            # The shape under test is a line letter-spaced among solid text
            # (`读 者 来 信`): spacing the whole page out erases it.
            continue
        spaced = "\n".join(CJK_PAIR.sub(" ", line) for line in text.split("\n"))
        solid_titles, spaced_titles = (
            [tuple(CJK_GAP.sub("", line) for line in a.title_lines) for a in split_articles(t)]
            for t in (text, spaced)
        )
        assert spaced_titles == solid_titles, case.name
        checked += 1
    assert checked >= 3


def test_a_spaced_out_caption_echo_glued_to_a_paragraph_is_split_off() -> None:
    # Healing glued a caption (printed twice) to the paragraph before it, with no
    # gap at the seam: the copies differ in their spacing, not their text.
    caption = "行 政 审 批 、 交 通 出 行 … …15现 场"
    text = "村 里 的 未 来 ， 值 得 期 待 。 ”" + caption + " " + caption + "\n"
    result = clean_and_explain(text)
    assert result.text == "村 里 的 未 来 ， 值 得 期 待 。 ”\n\n" + caption + "\n"
    assert [(c.text, c.detail) for c in result.changes if c.action == "removed"] == [
        (caption, "glued echo (end)")
    ]


def test_a_spaced_out_page_with_its_commas_read_as_ascii() -> None:
    # OCR spaced the line out and read `，` as `,`: the comma is still set in CJK
    # text, and its line is measured with the mark an em wide.
    assert reads_commas_as_ascii("走 进 城 东 街 道 , 书 架 上 整 齐 地 摆")
    assert not reads_commas_as_ascii("Beijing, 中国 and Shanghai, 上海")
    assert make_line(1, "走 进 城 东 街 道 , 书 架 上 整 齐 地 摆").width == 14.0
