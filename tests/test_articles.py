"""Tests for article splitting: boundaries, captions, metadata, cohesion helpers.

The golden pages under `split_cases/` are written for these tests (`page.txt`, and
`1.txt`, `2.txt`, … the expected articles in page order). They are compared the way
the evaluation compares them: text without whitespace. Most tests build the page's
blocks straight from its blank-line structure, so they test the cut itself and not
the layout classifier; one end-to-end test runs the whole pipeline.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from papercli.articles import (
    BODY,
    CLOSING,
    DATELINE,
    HEAD,
    NOTE,
    OPENING,
    Article,
    block_role,
    char_bigrams,
    cohesion,
    find_boundaries,
    rarity_weights,
    split_articles,
    split_blocks,
    squeeze,
)
from papercli.page import Block, BlockKind

CASES = Path(__file__).parent / "split_cases"
CASE_NAMES = sorted(p.name for p in CASES.iterdir() if p.is_dir())


def blocks_of(text: str) -> list[Block]:
    """The page as blank-line blocks: several lines keep their lines (a headline),
    one line is a paragraph; line numbers are the source's."""
    out: list[Block] = []
    lines: list[str] = []
    first = 0
    for no, line in enumerate([*text.splitlines(), ""], start=1):
        if line.strip():
            if not lines:
                first = no
            lines.append(line.strip())
        elif lines:
            kind = BlockKind.HEADLINE if len(lines) > 1 else BlockKind.PARAGRAPH
            out.append(Block(kind, tuple(lines), first, no - 1))
            lines = []
    return out


def expected(case: Path) -> list[str]:
    files = sorted((p for p in case.iterdir() if p.stem.isdigit()), key=lambda p: int(p.stem))
    return [squeeze(p.read_text(encoding="utf-8")) for p in files]


def page(case: str) -> str:
    return (CASES / case / "page.txt").read_text(encoding="utf-8")


def echo(text: str) -> str:
    """A caption printed twice, the way PDF extraction leaves it: `XX。。`."""
    body = text.rstrip("。")
    return body + body + "。。"


@pytest.mark.parametrize("name", CASE_NAMES)
def test_split_case_on_blocks(name: str) -> None:
    text = page(name)
    blocks = blocks_of(text)
    # Captions printed twice are found by the echo step; say which lines it collapsed.
    echoed = frozenset(b.first_line for b in blocks if "。。" in b.text)
    blocks = [
        b.with_lines((b.lines[0][: len(b.lines[0]) // 2 - 1] + "。",)) if "。。" in b.text else b
        for b in blocks
    ]
    got = [squeeze(a.text) for a in split_blocks(blocks, echoed)]
    assert got == expected(CASES / name)


@pytest.mark.parametrize("name", ["captions", "opening-byline", "dateline-old-style"])
def test_split_case_through_the_pipeline(name: str) -> None:
    got = [squeeze(a.text) for a in split_articles(page(name))]
    assert got == expected(CASES / name)


def test_closing_byline_opens_the_next_article() -> None:
    articles = split_blocks(blocks_of(page("closing-byline")))
    assert [a.kind for a in articles] == ["article", "article"]
    assert articles[0].byline == "（王小明）"
    assert articles[1].signals == ("closing byline",)
    assert articles[1].title_lines == ("图书馆延长开放时间",)


def test_subhead_series_stays_inside_its_article() -> None:
    bounds = find_boundaries(blocks_of(page("closing-byline")))
    rejected = [b for b in bounds if not b.accepted]
    assert len(rejected) == 2
    assert any("subhead series" in b.signals for b in rejected)


def test_opening_byline_and_dateline_are_recorded() -> None:
    articles = split_blocks(blocks_of(page("opening-byline")))
    assert articles[1].byline == "本报记者 刘芳"
    assert "opening byline" in articles[1].signals
    old = split_blocks(blocks_of(page("dateline-old-style")))
    assert old[1].dateline == "（長沙五日電）"
    assert "dateline" in old[2].signals


def test_consecutive_headings_make_one_title() -> None:
    (article,) = split_blocks(blocks_of(page("consecutive-headings")))
    assert article.title_lines == ("秋收時節", "稻田裏的好收成", "新品種畝產創新高 農機下田省人工")


def test_masthead_is_its_own_article() -> None:
    articles = split_blocks(blocks_of(page("masthead")))
    assert [a.kind for a in articles] == ["masthead", "article"]
    assert articles[0].title_lines == ()


def test_captions_go_to_the_matching_article_or_to_their_own() -> None:
    articles = split_articles(page("captions"))
    assert [a.kind for a in articles] == ["article", "article", "captions"]
    assert articles[0].captions == ("白沙河清淤后的河道。",)
    assert articles[1].captions == ("南门夜市重新开张当晚人头攒动。",)
    assert articles[2].captions == ("远山云海。",)
    # Source lines of an article are its own, not those of a caption moved to it.
    assert articles[0].last_line < articles[1].first_line


def test_caption_is_matched_only_to_an_article_before_it() -> None:
    text = "\n\n".join(
        [
            "甲地修桥",
            "甲地新桥今天通车，方便了两岸居民。",
            "（张三）",
            "乙地修路",
            "乙地公路完成改造。",
        ]
    )
    blocks = blocks_of(text)
    # A caption naming the second article, placed between the two: nothing before it matches.
    blocks.insert(3, Block(BlockKind.PARAGRAPH, ("乙地公路改造现场。",), 99, 99))
    articles = split_blocks(blocks, frozenset({99}))
    assert [a.kind for a in articles] == ["article", "article", "captions"]


def test_one_article_and_empty_pages() -> None:
    (only,) = split_articles(page("one-article"))
    assert only.kind == "article"
    assert only.title_lines == ("社区开设老年课堂",)
    assert only.first_line == 1
    assert split_articles("") == []
    assert split_articles("\n\n  \n") == []


def test_page_without_headings_is_one_article() -> None:
    articles = split_blocks(blocks_of("第一段正文，说明情况。\n\n第二段正文，继续说明。\n"))
    assert len(articles) == 1
    assert articles[0].kind == "article"


def test_article_text_renders_its_blocks() -> None:
    article = Article(
        (Block(BlockKind.HEADLINE, ("标题", "副题")), Block(BlockKind.PARAGRAPH, ("正文。",)))
    )
    assert article.text == "标题\n副题\n\n正文。\n"


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("（杨娜娜）", CLOSING),
        ("（记者 王一 通讯员 李二）", CLOSING),
        ("正文到此结束。（壯士）", CLOSING),
        ("（本报罗马2月14日电）", NOTE),
        ("（作者为某大学教授）", NOTE),
        ("（一四九）", NOTE),
        ("本报记者  方  敏", OPENING),
        ("约翰著", OPENING),
        ("新华社北京2月14日电  记者今天获悉，工程进展顺利。", DATELINE),
        ("本报讯  昨日全市降雨。", DATELINE),
        ("（重慶廿日海通電）據此間所接消息、華軍反攻、", DATELINE),
        ("聚焦队伍管理", HEAD),
        ("✕✕✕", BODY),
        ("千年古城，处处透着生机：", BODY),
    ],
)
def test_block_role(text: str, role: str) -> None:
    assert block_role(Block(BlockKind.PARAGRAPH, (text,))) == role


def test_cohesion_prefers_shared_rare_vocabulary() -> None:
    blocks = ["公园步道改造完成。", "公园路灯更亮。", "图书馆延长开放时间。", "公园"]
    grams = [char_bigrams(b) for b in blocks]
    weights = rarity_weights(grams)
    park = grams[0] | grams[1]
    assert cohesion(park, char_bigrams("公园步道宽了"), weights) > 0.3
    assert cohesion(park, grams[2], weights) == 0.0
    assert cohesion(set(), grams[2], weights) == 0.0
    assert cohesion(park, set(), weights) == 0.0


def test_rarity_weights_rank_common_bigrams_lower() -> None:
    weights = rarity_weights([{"华军", "反攻"}, {"华军"}, {"华军", "石龙"}])
    assert weights["华军"] < weights["反攻"] == weights["石龙"]


def test_split_is_stable_on_its_own_output() -> None:
    # Splitting one article's text again gives that article back.
    for article in split_blocks(blocks_of(page("opening-byline"))):
        again = split_blocks(blocks_of(article.text))
        assert [squeeze(a.text) for a in again] == [squeeze(article.text)]
