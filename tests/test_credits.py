"""Credits and end marks (`papercli.credits`): who filed, edited or photographed
a text, and the marks that close it."""

from __future__ import annotations

import pytest

from papercli.credits import (
    BRACKETED_PHOTO_CREDIT,
    CLOSING_CREDIT,
    CLOSING_LINE,
    END_MARK,
    END_MARK_WORDS,
    PHOTO_CREDIT_END,
    PHOTO_CREDIT_LINE,
    closes_article,
)
from papercli.page import Block, BlockKind
from papercli.roles import CLOSING, CREDIT, block_role
from papercli.serials import SERIAL_END, may_hold_end_marks


@pytest.mark.parametrize(
    "text", ["（据新华社华盛顿电 记者周舟）", "（本报长沙电）", "（作者为省社科院研究员）"]
)
def test_a_bracketed_source_credit_closes(text: str) -> None:
    assert CLOSING_CREDIT.match(text)


@pytest.mark.parametrize("text", ["（趙廉）", "（杨娜娜）", "据新华社电", "（扩大）会议"])
def test_a_pen_name_or_a_dateline_is_no_source_credit(text: str) -> None:
    assert not CLOSING_CREDIT.match(text)



# The one photo-credit vocabulary, in its three shapes: a whole bracketed line, a
# caption's bracketed end, a line ending on a credit (or labelled as one).
@pytest.mark.parametrize(
    "credit",
    ["新华社记者 陈 立 摄", "江 河/摄", "本报记者 沈 舟 摄影报道", "视觉中国供图", "图/孟 川",
     "图片来源：青江市文旅局", "本报记者 卢 原 摄", "秦 岚 摄影"],
)
def test_a_credit_line_ends_on_the_credit_vocabulary(credit: str) -> None:
    assert PHOTO_CREDIT_END.search(credit)
    assert PHOTO_CREDIT_LINE.match(f"（{credit}）")
    assert BRACKETED_PHOTO_CREDIT.search(f"老街的夜景。（{credit}）")
    # Roles read lines without their spaces: a bare 摄影 (秦岚摄影) then reads as a
    # title would (手机摄影), and only a bracketed one is a credit.
    if not credit.endswith(" 摄影"):
        assert block_role(Block(BlockKind.PARAGRAPH, (credit,))) == CREDIT


@pytest.mark.parametrize("text", ["手机摄影", "图书馆", "走进图书馆的孩子们", "（本报记者 张三）"])
def test_titles_and_bylines_are_no_photo_credit(text: str) -> None:
    assert not PHOTO_CREDIT_END.search(text)
    assert not PHOTO_CREDIT_LINE.match(text)


# One list of end marks: a line that is one closes an article, and a paragraph
# ending on one is closed by it.
@pytest.mark.parametrize("word", END_MARK_WORDS[3:-1].split("|"))
def test_every_end_mark_closes_a_line_and_an_article(word: str) -> None:
    assert END_MARK.search(f"……就此别过。（{word}）")
    assert CLOSING_LINE.match(f"（{word}）")
    assert closes_article(f"（{word}）")
    assert block_role(Block(BlockKind.PARAGRAPH, (f"（{word}）",))) == CLOSING
    # ... and a serial's mark wrapped under its paragraph goes back to it.
    assert SERIAL_END.fullmatch(f"（{word}）")
    assert may_hold_end_marks(f"……就此别过。\n（{word}）")


@pytest.mark.parametrize("text", ["（完成）", "（未完成的事业）", "完"])
def test_words_that_hold_an_end_mark_are_none(text: str) -> None:
    assert not END_MARK.search(text)
    assert not CLOSING_LINE.match(text)
