"""Text that is not wrapped at all (one paragraph a line, as a word processor or a
web page exports it, with no blank line between paragraphs): every line is a
paragraph of its own, however long, and no line runs on into the next."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from layout_support import MODERN, OLD, PARA_18, lines_of
from papercli.layout import LINE_A_PARAGRAPH
from papercli.measure import PageStyle
from papercli.options import CleanOptions
from papercli.pipeline import clean_and_explain, clean_text
from papercli.runs import Run, is_unwrapped

CASES = Path(__file__).resolve().parent / "cases"
# Paragraphs of a news story, one a line: most longer than any column.
PARAGRAPHS = [
    "青石镇老街上的一家旧书店，今年春天换了新招牌，也换了新的经营方式。店主把二楼改成阅览室，"
    "周末请附近学校的老师来讲读书课。",
    "“来的人比以前多了，孩子尤其多。”店主说。书店每月还会挑出一批旧书，捐给山区学校。",
    "镇文化站站长告诉记者，全镇已有三家书店开设了阅览空间，今年还将新建两处城市书房，"
    "方便居民就近读书。",
    "江边渡口新投用的两艘客船，每天往返十二班，比过去多了一倍，乘客上下船有专人引导。",
]


def unwrapped(texts: list[str], style: PageStyle = MODERN) -> bool:
    lines = lines_of(*texts)
    return is_unwrapped([Run(lines)], Counter(ln.span for ln in lines), style)


def test_paragraphs_one_a_line_are_unwrapped() -> None:
    assert unwrapped(["老街书店迎来新读者", *PARAGRAPHS])


def test_old_style_paragraphs_end_on_a_clause_mark() -> None:
    paragraphs = [
        "本市商會、昨日下午二時、在會所召開執監聯席會議、到會者二十餘人、由主席報告各地難民來滬情形、",
        "議决先撥欵五千元、分交各收容所、以資救濟、並推定委員五人、負責籌募、以昭鄭重、而利進行、",
    ]
    titles = ["市商會昨開會", "議决救濟難民辦法"]
    page = [*titles, paragraphs[0], *titles, paragraphs[1]]
    assert unwrapped(page, OLD)
    # On a modern page `、` ends no sentence.
    assert not unwrapped(page, MODERN)


def test_text_wrapped_at_a_column_is_not() -> None:
    # Most lines fill the column and stop inside a sentence.
    assert not unwrapped([*PARA_18, *PARA_18])
    # Lines of one width that each end a sentence: verse, or a wrapped list.
    verse = ["江边渡口添了新客船。", "每天往返有十二班。", "乘客上下有人引导。"] * 2
    assert not unwrapped(verse)
    # Too few lines to tell.
    assert not unwrapped(PARAGRAPHS)
    assert unwrapped([*PARAGRAPHS, "附近村民说，过去赶早集要等船，如今随到随走。"])
    # Lines of every length that end their sentences, but none longer than a
    # column holds: short paragraphs, or verse; too little to tell.
    assert not unwrapped([text[:30] + "。" for text in [*PARAGRAPHS, *PARAGRAPHS]])


def test_every_line_of_unwrapped_text_is_a_paragraph() -> None:
    page = "\n".join(["老街书店迎来新读者", *PARAGRAPHS]) + "\n"
    assert clean_text(page) == "\n\n".join(["老街书店迎来新读者", *PARAGRAPHS]) + "\n"
    result = clean_and_explain(page)
    assert {block.signals[0] for block in result.page.blocks[2:]} == {LINE_A_PARAGRAPH}


def test_the_golden_page_cleans_twice_to_the_same() -> None:
    page = (CASES / "one-paragraph-a-line.in.txt").read_text(encoding="utf-8")
    once = clean_text(page)
    assert clean_text(once) == once
    assert once.count("\n\n") == page.count("\n") - 1


HAN = "的一是在不了有和人这中大为上国以要时来生到作地出就"
# A sentence opens on a character: no line starts a block on a mark (kinsoku).
SENTENCE = st.builds(
    str.__add__, st.sampled_from(HAN), st.text(alphabet=HAN + "，、", max_size=40)
)
PARAGRAPH = st.builds(
    lambda parts: "。".join(parts) + "。", st.lists(SENTENCE, min_size=1, max_size=6)
)
TITLE = st.text(alphabet=HAN, min_size=2, max_size=12)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(PARAGRAPH, PARAGRAPH, PARAGRAPH, TITLE), min_size=5, max_size=30))
def test_unwrapped_pages_keep_each_paragraph_and_clean_once(lines: list[str]) -> None:
    page = "\n".join(lines) + "\n"
    once = clean_text(page)
    assert clean_text(once) == once
    # Echo removal (on by default) may drop a repeated line; nothing else goes.
    kept = clean_text(page, CleanOptions(drop_caption_echoes=False))
    assert Counter(kept.replace("\n", "")) == Counter(page.replace("\n", ""))
    if unwrapped(lines):
        # No paragraph runs into another.
        blocks = kept.rstrip("\n").split("\n\n")
        assert all(line in blocks for line in lines if line.endswith("。"))
