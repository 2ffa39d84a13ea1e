"""Datelines and bylines of other papers than the agencies' (`papercli.bylines`)."""

from __future__ import annotations

import pytest

from papercli.bylines import holds_paper_dateline, is_byline, is_named_byline, opens_dateline


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
