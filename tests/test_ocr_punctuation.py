"""Pages whose full-width marks OCR read as ASCII (`，` as `,`, `。` as `.`, `“` as `"`).

In print every mark in CJK text takes a whole em, so a line of such a page is as
full as its characters say; the page's stops are still stops; and nothing joins a
mark set in CJK text to what follows with a word space. `split` reads such a
page as its full-width original. `cases/ocr-ascii-punctuation` is a whole page.
"""

from __future__ import annotations

import pytest

from layout_support import MODERN, heal, lines_of, run_of
from papercli.articles import split_articles
from papercli.boundaries import boundary_after
from papercli.chars import has_cjk_mark
from papercli.measure import make_line, measure_lines
from papercli.pagestyle import measure_style
from papercli.pipeline import clean_text
from papercli.roles import is_heading_text
from papercli.signals import ends_on_comma, ends_sentence, is_heading_line

# Four lines wrapped at 16 ems, with their commas and stops read as ASCII.
OCR_PARAGRAPH = [
    "走进城东街道的社区书房,书架上整",
    "齐地摆放着各类图书.去年以来,全",
    "市新建社区书房42个,覆盖了所有街",
    "道、社区和部分村庄.",
]


def test_a_mark_read_as_ascii_is_an_em_wide_on_a_page_of_them() -> None:
    widths = [line.width for line in measure_lines(OCR_PARAGRAPH, [1, 2, 3, 4])]
    assert widths[:3] == [16.0, 16.0, 16.0]
    assert widths[3] == 10.0


def test_an_ellipsis_of_ascii_dots_is_an_em_for_three_on_a_page_of_them() -> None:
    # NFKC writes `……` as six dots: the line was printed 16 ems wide, not 18.
    lines = [*OCR_PARAGRAPH[:2], "行政审批,生活缴费......事项网上办", *OCR_PARAGRAPH[3:]]
    widths = [line.width for line in measure_lines(lines, [1, 2, 3, 4])]
    assert widths[2] == 16.0


def test_ascii_marks_stay_half_wide_where_the_commas_are_not_ascii() -> None:
    # A PDF may set ASCII brackets and quotes in CJK text: they are half wide.
    assert make_line(1, "传统商业夜晚也精彩(经济聚焦)").width == 14.0
    # Nor is a Latin comma (`Sir,`) or a thousands separator such a mark.
    assert make_line(1, "Dear Sir,").width == 4.5
    assert make_line(1, "共计1,200元").width == 5.5


def test_a_mark_beside_cjk_counts_as_the_full_width_one() -> None:
    assert has_cjk_mark("两回事.大部", "。", ".")
    assert has_cjk_mark("两回事。大部", "。", ".")
    assert not has_cjk_mark("Web 2.0 时代", "。", ".")
    assert not has_cjk_mark("覆盖率达97.5%", "。", ".")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("坐上半天,", True),
        ("坐上半天，", True),
        ("读报、", True),
        ("Dear Sir,", False),
        ("共计1,", False),
        ("坐上半天", False),
    ],
)
def test_ends_on_comma(text: str, expected: bool) -> None:
    assert ends_on_comma(text) is expected


def test_a_straight_quote_after_a_stop_ends_the_sentence() -> None:
    assert ends_sentence('现在下楼就能借到."', MODERN)
    assert ends_sentence("现在下楼就能借到。\"", MODERN)
    assert not ends_sentence('为了让书房"', MODERN)


def test_a_line_with_an_ascii_stop_in_cjk_text_is_no_heading() -> None:
    assert not is_heading_line(make_line(1, "■植物激素与人体激素是两回事.大部"))
    assert is_heading_line(make_line(1, "Web 2.0 时代的阅读"))


def test_ascii_stops_keep_a_modern_page_from_reading_as_old_style() -> None:
    # No `。` at all, and more `、` than stops: the `.` are the page's stops.
    page = run_of(
        "城东社区图书馆上月开放.馆内设有少",
        "儿区、老年区、自习区和阅览区.",
    )
    assert not measure_style([page]).old_style


def test_a_short_line_ending_on_an_ascii_comma_heals_across_a_blank_line() -> None:
    # A column cut short (around a picture) after a comma: the sentence goes on.
    before = [
        "“过去借书要跑到市图书馆，现在下",
        "楼就能借到。”退休教师王女士说。",
        "她每周都会来这里坐上半天,",
    ]
    after = ["读报、看书、和邻居聊天，有时还帮", "着整理书架。"]
    assert heal(before, after, column=16.0)
    assert not heal([*before[:2], "Dear Sir,"], after, column=16.0)


def test_an_indented_line_after_a_closing_straight_quote_opens_a_paragraph() -> None:
    # 15.5 ems wide: as full as the column of 15 allows, and no shorter.
    lines = lines_of("系统显示有7.3万人有相应资质.\"", "\u3000\u3000产业发展需要资金支")
    assert boundary_after(lines, 0, MODERN, 15.0) is not None


def test_a_page_read_with_ascii_marks_cleans_as_its_full_width_original() -> None:
    text = "\n".join(
        [*OCR_PARAGRAPH, "1978年,全市图书馆藏书仅为50万册,", "2018年已上升到800万册."]
    )
    assert clean_text(text + "\n") == (
        "走进城东街道的社区书房,书架上整齐地摆放着各类图书.去年以来,全市新建社区书房42个,"
        "覆盖了所有街道、社区和部分村庄.\n\n"
        "1978年,全市图书馆藏书仅为50万册,2018年已上升到800万册.\n"
    )


TWO_ARTICLES = """城市书房开到家门口

走进城东街道的社区书房，书架上整齐地摆放着各类图书。去年以来，全市新建社区书房42个，覆盖了所有街道。

“过去借书要跑到市图书馆，现在下楼就能借到。”退休教师王女士说。（李文）

老街换新颜

青石镇老街改造完成，青砖黛瓦的民居错落有致，新开的茶馆、书店和手工作坊吸引了不少游客。

镇里在改造中坚持修旧如旧，老街坊们仍亲切地称它“我们的老街”。

（王强）
"""
AS_OCR_READS_IT = str.maketrans("，。；：？！（）“”", ',.;:?!()""')


def test_split_reads_a_page_with_ascii_marks_as_its_full_width_original() -> None:
    # Sentences stay body text (no heading has a `.` in CJK text), and a paragraph
    # that signs off with `.(李文)` closes its article.
    for page in (TWO_ARTICLES, TWO_ARTICLES.translate(AS_OCR_READS_IT)):
        articles = split_articles(page)
        assert [a.title_lines for a in articles] == [("城市书房开到家门口",), ("老街换新颜",)]
        assert [a.byline.strip("（()）") for a in articles if a.byline] == ["李文", "王强"]


def test_a_sentence_with_an_ascii_stop_is_no_heading_text() -> None:
    assert not is_heading_text(['离任至今,寿光群众仍亲切地称他"我们的伯祥书记".'])
    assert is_heading_text(["Web 2.0 时代的阅读"])


OLD_PAGE_AS_READ = "".join(
    ["本市各難民收容所，自入冬以來，收", "容人數日增，現已達三千餘人，各所"] * 4
)


def test_an_old_style_page_whose_enumeration_commas_ocr_read_as_commas() -> None:
    # `、` read as `，` (or `,`): hardly a stop, and commas everywhere.
    for mark in ("，", ","):
        text = OLD_PAGE_AS_READ.replace("，", mark)
        page = run_of(text[:16], text[16:32], text[32:48])
        style = measure_style([page])
        assert style.old_style and style.old_stop == mark
        assert ends_sentence("容人數日增" + mark, style)
    # A modern page with long sentences (six commas a stop) is no old-style page.
    modern = run_of(
        "城东社区图书馆上月开放，馆内设有少儿区，", "老年区，自习区，阅览区，还有咖啡角。"
    )
    assert not measure_style([modern]).old_style
