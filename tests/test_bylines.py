"""Datelines and bylines of other papers than the agencies' (`papercli.bylines`)."""

from __future__ import annotations

import pytest

from papercli.bylines import (
    holds_paper_dateline,
    is_byline,
    is_named_byline,
    is_source_line,
    opens_dateline,
    opens_dateline_on_page,
)
from papercli.page import Block, BlockKind
from papercli.roles import CLOSING, block_role


@pytest.mark.parametrize(
    "text",
    [
        "新京报讯（记者 李娜）5月29日，记者从",
        "北京晚报讯 记者从市交通委获悉，",
        "人民日报北京5月29日电 （记者 王强）",
        "中国新闻网上海6月1日电（记者 周舟）",
    ],
)
def test_another_papers_dateline_opens_a_paragraph(text: str) -> None:
    assert opens_dateline(text)


@pytest.mark.parametrize(
    "text",
    ["情报讯息显示，这批货物", "日报记者5月29日电话采访了他", "电报讯号中断了三天。"],
)
def test_words_with_a_report_mark_open_no_dateline(text: str) -> None:
    assert not opens_dateline(text)


@pytest.mark.parametrize("text", ["（又訊）煤業公會昨開臨時", "（又電）日機三架、", "(又讯)昨日"])
def test_a_follow_up_report_opens_on_a_dateline(text: str) -> None:
    # An old paper's second report on one story: "another dispatch".
    assert opens_dateline(text)


@pytest.mark.parametrize(
    "text", ["南方周末记者 郑晓川", "澎湃新闻记者 钱晓峰", "南方周末实习生 何雨桐"]
)
def test_a_reporter_of_a_paper_not_named_bao_is_a_byline(text: str) -> None:
    assert is_byline(text) and is_named_byline(text)


def test_running_text_after_such_a_title_is_no_byline() -> None:
    assert not is_byline("南方周末记者 郑晓川说，这里变化很大。")


def test_holds_paper_dateline_is_asked_once_a_page() -> None:
    assert holds_paper_dateline("标题\n北京晚报讯 记者王小明报道")
    assert holds_paper_dateline("人民日报北京5月29日电")  # the mark at the text's end
    # A mark too far into its line opens nothing; nor a mark inside running text.
    assert not holds_paper_dateline("一" * 30 + "新京报讯（记者 李娜）")
    assert not holds_paper_dateline("他打来电话，说日报讯 息")
    # Many marks on one long line cost a bounded look back each (linear time).
    assert not holds_paper_dateline("来电 " * 200_000)


@pytest.mark.parametrize(
    "page",
    [
        "标题在这里\n北京晚报讯 记者从市交通委获悉，\n全市公交线路调整。",
        "中国新闻网上海6月1日电（记者 周舟）\n新华社北京5月29日电 昨日\n电报讯号中断了三天。",
        "情报讯息显示，这批货物\n日报记者5月29日电话采访了他\n（记者 李娜）",
        "人民日报北京5月29日电 （记者 王强）\n正文一行",
    ],
)
def test_the_page_flag_settles_each_line_as_opens_dateline_would(page: str) -> None:
    # The flag spares the mark search on a page with no other paper's dateline
    # opening off a dateline's first character; on the page's own lines it
    # answers as `opens_dateline` does.
    flag = holds_paper_dateline(page)
    for line in page.split("\n"):
        assert opens_dateline_on_page(line, flag) == opens_dateline(line)


@pytest.mark.parametrize("text", ["一版责编：王小明 李红", "本版编辑：张三", "4版责编：李四"])
def test_an_editor_naming_the_page_is_a_byline(text: str) -> None:
    assert is_byline(text) and is_named_byline(text)


def test_a_sentence_opening_on_a_page_number_is_no_byline() -> None:
    assert not is_byline("一版责编：王小明说，今天的版面很满。")


@pytest.mark.parametrize(
    "text",
    [
        "《 人民日报 》（ 2024年05月30日 第 04 版）",
        "《人民日报》（2024年05月30日第04版）",
        "《人民日报海外版》（2024年05月30日 第 03 版）",
    ],
)
def test_an_editions_source_line_closes_an_article(text: str) -> None:
    assert is_source_line(text)
    assert block_role(Block(BlockKind.PARAGRAPH, (text,))) == CLOSING


def test_a_book_cited_with_its_year_is_no_source_line() -> None:
    assert not is_source_line("《人民日报》（2024年05月30日）刊发的评论指出。")


def test_the_tail_of_a_bracketed_credit_is_no_byline() -> None:
    # `…放风筝。（本报` / `记者 程 悦摄）`: the bracket opened on the line above.
    assert not is_named_byline("记者 程 悦摄）")
    assert is_named_byline("本报记者 程 悦")
