"""Tests for article splitting: block roles, boundaries, captions, metadata.

The golden pages under `split_cases/` are written for these tests (`page.txt`, and
`1.txt`, `2.txt`, … the expected articles in page order). They are compared the way
the evaluation compares them: text without whitespace. Most tests build the page's
blocks straight from its blank-line structure, so they test the cut itself and not
the layout classifier; one end-to-end test runs the whole pipeline. A case with a
`raw.txt` instead holds a page as extraction gives it (column-wrapped, no blank line
where the shape under test has none) and is cut only through the whole pipeline,
which must also keep every character of the cleaned page in one article.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from papercli.article_starts import find_boundaries
from papercli.articles import Article, split_articles, split_blocks
from papercli.chars import squeeze
from papercli.page import Block, BlockKind
from papercli.pipeline import clean_text
from papercli.roles import (
    BODY,
    CLOSING,
    COLUMN_LABEL,
    CREDIT,
    DATELINE,
    HEAD,
    NOTE,
    NUMBERED_SECTION,
    OPENING,
    SIGNED,
    block_role,
    page_roles,
)
from papercli.rows import ROW_LINE

CASES = Path(__file__).parent / "split_cases"
CASE_NAMES = sorted(p.name for p in CASES.iterdir() if (p / "page.txt").is_file())
# Pages as extraction gives them (`raw.txt`: column-wrapped, no blank line where the
# shape under test has none): cut only through the whole pipeline.
RAW_NAMES = sorted(p.name for p in CASES.iterdir() if (p / "raw.txt").is_file())


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


@pytest.mark.parametrize(
    "name",
    [
        "captions",
        "caption-after-byline",
        "opening-byline",
        "dateline-old-style",
        "subheads-at-foot",
    ],
)
def test_split_case_through_the_pipeline(name: str) -> None:
    got = [squeeze(a.text) for a in split_articles(page(name))]
    assert got == expected(CASES / name)


@pytest.mark.parametrize("name", RAW_NAMES)
def test_split_case_from_the_raw_page(name: str) -> None:
    raw = (CASES / name / "raw.txt").read_text(encoding="utf-8")
    articles = [squeeze(a.text) for a in split_articles(raw)]
    assert articles == expected(CASES / name)
    # Every character of the cleaned page is in one article, once.
    assert Counter("".join(articles)) == Counter(squeeze(clean_text(raw)))


def test_raw_pages_record_their_bylines_and_editor_credits() -> None:
    def raw(name: str) -> str:
        return (CASES / name / "raw.txt").read_text(encoding="utf-8")

    # A pen name set under an old page's title, in the headline's block.
    old = split_articles(raw("old-pen-name"))
    assert [a.byline for a in old] == [None, "（知止）", None]
    # An editor's credit closes its article but is no byline of it.
    lines = split_articles(raw("closing-lines"))
    assert lines[2].byline is None
    assert lines[3].signals == ("closing byline",)


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


def test_a_report_credit_under_a_title_is_its_byline() -> None:
    # `报道：X`, as Malaysia's papers sign under the title: no title line.
    articles = split_blocks(blocks_of(page("report-credit-under-title")))
    assert [a.title_lines for a in articles] == [
        ("槟城渡轮服务明年恢复", "新渡轮可载客两百人"),
        ("怡保老街周末夜市开张",),
    ]
    assert [a.byline for a in articles] == ["报道：林嘉文", "报道：陈美玲"]


def test_an_editors_credit_on_its_filing_serial_closes_its_article() -> None:
    # Taiwan's wire copy closes on its editor's credit and a filing serial.
    text = (
        "外送員納勞保 明年上路\n\n"
        "（中央社記者林志明台北5日電）立法院會今天三讀通過外送員職業安全保障條例。\n\n"
        "（編輯：王美玲）1140605\n\n"
        "颱風凱米逼近 發布海警\n\n"
        "（中央社記者陳美玲台北5日電）中央氣象署今天上午發布颱風凱米海上警報。\n\n"
        "（編輯：張佑之）1140605\n"
    )
    articles = split_blocks(blocks_of(text))
    assert [a.title_lines for a in articles] == [
        ("外送員納勞保 明年上路",),
        ("颱風凱米逼近 發布海警",),
    ]
    # The editor names no author.
    assert [a.byline for a in articles] == [None, None]


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


def test_a_foot_line_after_a_closing_byline_matching_nothing_is_a_caption() -> None:
    # Nothing of an article comes after its closing byline: a foot line that matches
    # no article goes to the captions file, not to the last article.
    *_, last, loose = split_articles(page("caption-after-byline"))
    assert last.captions == ("南湖湿地的灰鹤在湖面觅食。",)
    assert loose.kind == "captions"


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


def test_the_rows_of_a_table_are_body_not_titles() -> None:
    # Six rows set one a block by clean look like six headings: read as such, the
    # first would open an article and cut the page's text in two.
    table = (Path(__file__).parent / "cases" / "table-rows.in.txt").read_text(encoding="utf-8")
    (only,) = split_articles(table)
    assert "东县 12.5万吨\n\n西县 10.2万吨" in only.text
    assert only.text.endswith("确保粮食稳产增产。\n")
    rows = [b for b in only.blocks if ROW_LINE in b.signals]
    assert len(rows) == 6 and {block_role(b) for b in rows} == {HEAD}
    assert set(page_roles(rows)) == {BODY}


def test_a_cleaned_table_splits_as_its_raw_page() -> None:
    # Cleaned, the rows carry no signal: only their number tells them from a
    # title (more one-line heading blocks in a row than a title has lines).
    table = (Path(__file__).parent / "cases" / "table-rows.in.txt").read_text(encoding="utf-8")
    page = (
        f"粮食生产再获丰收\n\n{table}\n（记者 张三）\n\n另一条新闻标题\n\n"
        "本报讯 今天天气晴朗，各地气温回升，景区游客明显增多。\n"
    )
    raw = split_articles(page)
    cleaned = split_articles(clean_text(page))
    assert [a.title_lines for a in raw] == [("粮食生产再获丰收",), ("另一条新闻标题",)]
    assert [a.text for a in cleaned] == [a.text for a in raw]


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
        ("正文到此结束。（壯士）", SIGNED),
        # An editor's signed note introduces the article below; it ends nothing.
        ("本文自今日起在本報連載。（編者誌）", BODY),
        # A name that happens to end in 译 is not a translator's line.
        ("张 译", HEAD),
        ("亦朋譯", OPENING),
        # A bulleted line with clause marks is a list item; without them, a subhead.
        ("▲福州路某號、昨晚被盜、", BODY),
        ("■ 現任大使秘書", HEAD),
        ("（本报罗马2月14日电）", NOTE),
        ("（作者为某大学教授）", NOTE),
        ("（一四九）", NOTE),
        ("本报记者  方  敏", OPENING),
        ("约翰著", OPENING),
        # A headline whose last word merely ends in an author mark (显著, 名著, 意译).
        ("2023年夏季行动成效显著", HEAD),
        ("重读世界名著", HEAD),
        ("新华社北京2月14日电  记者今天获悉，工程进展顺利。", DATELINE),
        ("本报讯  昨日全市降雨。", DATELINE),
        ("【本報訊】香港天文台今日上午發出三號強風信號。", DATELINE),
        ("〔記者王小明／台北報導〕颱風持續接近，北部今起豪雨。", DATELINE),
        ("記者王小明／台北報導 颱風持續接近，北部今起豪雨。", DATELINE),
        ("（重慶廿日海通電）據此間所接消息、華軍反攻、", DATELINE),
        # Another paper's dateline ends on the space after its mark.
        ("東方日報訊 九龍城一幢唐樓昨晚發生火警，消防員救出住客。", DATELINE),
        ("聚焦队伍管理", HEAD),
        # A bullet or a words-and-pictures credit before a reporter's name.
        ("■本报记者 张三", OPENING),
        ("◎记者 赵六", OPENING),
        ("文/图 本报记者 王五", OPENING),
        ("新华社记者 张三 李四", OPENING),
        ("記者王小明／台北報導", OPENING),
        ("光明日报记者 张三 李四", OPENING),
        # The page's editors, under its last article.
        ("本版编辑：张三 李四", CREDIT),
        ("本版责编：张三 李四  版式设计：王五", CREDIT),
        ("美编：王五", CREDIT),
        # A photographer's credit names a reporter too, but closes a caption.
        ("新华社记者 张三 摄", CREDIT),
        ("（本报记者 李四摄）", CREDIT),
        ("（李四攝）", CREDIT),
        # A Japanese caption's credit after an equals sign; a headline with one stays.
        ("会見する市長（２日、市役所で）＝山田一郎撮影", CREDIT),
        ("握手する両首脳（１日、ワシントンで）＝ロイター", CREDIT),
        ("記者会見する知事＝共同", CREDIT),
        ("日米首脳が会談＝経済安保で連携", HEAD),
        # A team's names joined by 、 sign a report.
        ("（山田太郎、佐藤花子）", CLOSING),
        # A jump line: going on elsewhere ends the article here; coming from
        # elsewhere opens text. Neither is a pen name.
        ("（下转第三版）", CLOSING),
        ("（转A2版）", CLOSING),
        ("（上接第一版）", NOTE),
        ("（續第二頁）", NOTE),
        ("✕✕✕", BODY),
        ("千年古城，处处透着生机：", BODY),
        # Where and when a poem or an essay was written closes it; a date alone,
        # or a clause after the date, does not.
        ("一九三六年秋於北平", CLOSING),
        ("2021年冬写于杭州", CLOSING),
        ("二〇一九年三月，黄山", CLOSING),
        ("2023年5月，我们在杭州", HEAD),
    ],
)
def test_block_role(text: str, role: str) -> None:
    assert block_role(Block(BlockKind.PARAGRAPH, (text,))) == role


JUMP_PAGE = """社区健身广场建成开放

■本报记者 张三

走进城南社区，一排排新建的健身器材整齐排列，不少居民正在锻炼身体。社区主任
李四告诉记者，去年以来，社区共投入资金50万元。（下转第三版）

春节前夕送温暖

文/图 本报记者 王五

春节前夕，城北街道组织志愿者走访慰问困难群众，送去米面油等生活物资。
"""


def test_a_jump_line_ends_its_article_but_is_no_byline() -> None:
    first, second = split_blocks(blocks_of(JUMP_PAGE))
    assert first.byline == "■本报记者 张三"
    assert second.byline == "文/图 本报记者 王五"
    assert second.signals == ("closing byline",)
    # With no byline of its own, an article that jumps has none in its record.
    (bare,) = split_blocks(blocks_of("标题\n\n正文到此。（下转第三版）\n"))
    assert bare.byline is None
    # Nor is an end mark, on its own line or closing the text.
    for end in ("标题\n\n正文到此。\n\n（待续）\n", "标题\n\n正文到此。（完）\n"):
        (ended,) = split_blocks(blocks_of(end))
        assert ended.byline is None
    # Nor is a photographer's credit closing a caption the text's byline.
    caption = "村民在新修的道路上行走。（李四摄）"
    (pictured,) = split_blocks(blocks_of(f"标题\n\n正文到此。\n\n{caption}\n"))
    assert pictured.byline is None


def test_split_is_stable_on_its_own_output() -> None:
    # Splitting one article's text again gives that article back.
    for article in split_blocks(blocks_of(page("opening-byline"))):
        again = split_blocks(blocks_of(article.text))
        assert [squeeze(a.text) for a in again] == [squeeze(article.text)]


def test_signed_paragraph_ends_its_article() -> None:
    articles = split_blocks(blocks_of(page("signed-items")))
    assert [a.byline for a in articles] == ["（老茶）", "（觀戲人）", "（小記）"]
    assert articles[1].signals == ("closing byline",)
    # A heading whose only text is a signed paragraph is still an article.
    assert articles[2].title_lines == ("珍聞",)


def test_editor_note_does_not_end_the_article() -> None:
    text = "\n\n".join(
        [
            "城北新村紀事",
            "（老吳）",
            "本文記新村建村始末與地價房屋，自今日起在本報連載。（編者誌）",
            "建村始末",
            "建村之初，地價低廉，房屋二百餘幢。",
        ]
    )
    # Signed by the editor, the note introduces the story: the subhead after it is
    # weighed like any other, not cut off as if an article had ended.
    (article,) = split_blocks(blocks_of(text))
    assert article.byline == "（老吳）"


def test_kicker_over_a_deck_is_no_subhead_series() -> None:
    bounds = find_boundaries(blocks_of(page("kicker-deck-items")))
    assert all(b.accepted for b in bounds)
    assert not any("subhead series" in s for b in bounds for s in b.signals)


def test_subheads_over_names_form_a_series() -> None:
    pieces = [("春风化雨育新人", "张 译"), ("深入生活写人民", "李 明"), ("扎根泥土出佳作", "王 红")]
    parts = ["文艺工作者谈创作", "我们请几位作者谈谈近年的创作体会。——编 者"]
    for head, name in pieces:
        parts += [head, name, f"这些年我在{head[:2]}方面下了功夫，收获很多。", "（作者为演员）"]
    articles = split_blocks(blocks_of("\n\n".join(parts)))
    assert len(articles) == 1


def test_column_label_and_numbered_table_shapes() -> None:
    assert COLUMN_LABEL.search("江一平拳術（妙人）")
    assert COLUMN_LABEL.search("（妙人）")
    assert COLUMN_LABEL.search("平台卖家别打擦边球（政策解读·电商法施行一月（下））")
    # A row of bracketed column heads in a table is no label.
    assert not COLUMN_LABEL.search("（種類）　（人數）")
    assert NUMBERED_SECTION.match("第二表")
    assert NUMBERED_SECTION.match("第十七囘")
    assert not NUMBERED_SECTION.match("第一流人物")


def test_caption_over_a_title_is_kept_or_stands_alone() -> None:
    articles = split_blocks(blocks_of(page("caption-over-title")))
    # It matches the article above it: it stays there, and the title below opens its own.
    assert articles[0].text.rstrip().endswith("蘇堤桃柳之一")
    assert articles[1].title_lines == ("名伶小傳",)
    assert "caption above kept with the article before" in articles[1].signals
    # It matches nothing, under text that nobody signed at its foot: the picture
    # printed in that text, it stays there too.
    assert articles[1].text.rstrip().endswith("電影明星之近影")
    assert "caption kept with the unfinished article before" in articles[2].signals
    # Under text signed at its foot, it stands as an item of its own.
    text = page("caption-over-title").replace("座無虛席、", "座無虛席。（梨園）")
    articles = split_blocks(blocks_of(text))
    assert articles[2].title_lines == ("電影明星之近影",)
    assert articles[2].signals == ("stand-alone heading before a title",)


def test_a_portrait_caption_over_its_author_s_story_stands_alone() -> None:
    # Under unsigned text, a caption naming the author of the story below (a
    # portrait) is no picture of the text above.
    text = "\n\n".join(
        [
            "談藝錄",
            "（石公）",
            "學畫須先學寫字、字寫得好、畫也不會差、",
            "作家陳秋帆先生近影",
            "山居瑣記",
            "陳秋帆著",
            "去年秋天、移居山中、每日讀書種菜、頗得其樂、",
        ]
    )
    articles = split_blocks(blocks_of(text))
    assert [a.title_lines for a in articles][1:] == [("作家陳秋帆先生近影",), ("山居瑣記",)]


def test_a_kicker_that_names_the_story_stays_over_it() -> None:
    text = "\n\n".join(
        [
            "碼頭工人復工",
            "浦東各碼頭工人、昨晨全體復工、",
            "西郊菜農進城",
            "挑擔沿途叫賣\n蔬價因而平穩",
            "近日西郊菜農、每晨挑擔入城、沿街叫賣、",
        ]
    )
    articles = split_blocks(blocks_of(text))
    assert [a.title_lines for a in articles][1] == ("西郊菜農進城", "挑擔沿途叫賣", "蔬價因而平穩")


def test_heading_without_text_stands_alone_unless_a_short_label() -> None:
    articles = split_blocks(blocks_of(page("heading-without-text")))
    assert articles[1].signals == ("heading without text",)
    # A short label after the last article (a picture column's name) stays with it.
    text = page("heading-without-text").split("秋日田野")[0] + "图片新闻\n\n制图：王婷\n"
    (only,) = split_blocks(blocks_of(text))
    assert "图片新闻" in only.text


def test_a_heading_in_the_page_foot_does_not_match_itself() -> None:
    parts = ["河道清淤完工", "白沙河清淤工程日前完工，河道恢复通航。", "（孙强）"]
    parts += ["夜市重新开张", "南门夜市重新开张，小吃种类更多。", "（周红）", "图片新闻"]
    # Two captions the echo step collapsed; the first has no end mark, like a heading.
    echoes = [("白沙河清淤后的河道", 98), ("南门夜市一角。", 99)]
    blocks = blocks_of("\n\n".join(parts))
    blocks += [Block(BlockKind.PARAGRAPH, (t,), n, n) for t, n in echoes]
    articles = split_blocks(blocks, frozenset({98, 99}))
    # The picture column's label repeats no title: not a caption, so no captions file.
    assert [a.kind for a in articles] == ["article", "article"]
    assert "图片新闻" in articles[1].text
    assert [a.captions for a in articles] == [("白沙河清淤后的河道",), ("南门夜市一角。",)]


def test_a_package_under_an_editors_note_keeps_its_reports_until_a_labelled_column() -> None:
    report = "本报记者  {0}\n\n{1}村里的书屋冬天最热闹，村民们围坐读书，借阅量翻了一番。"
    text = "\n\n".join(
        [
            "乡村书屋，书香浓",
            "编者的话",
            "本版今天走进两个村子，看看农家书屋怎样成为村民的精神家园。",
            "江苏宿迁\n书屋里的读书会",
            report.format("林  涛", "宿迁"),
            "四川广元\n送书上门到田间",
            report.format("何  静", "广元"),
            # No closing byline before it: the column label alone opens the next article.
            "冬季防火不可松懈（安全提示）",
            "入冬以来，气候干燥，火灾风险上升，家中要定期检查电线。",
        ]
    )
    articles = split_blocks(blocks_of(text))
    # The note's label heads the note, not the package: no title line.
    assert [a.title_lines for a in articles] == [
        ("乡村书屋，书香浓",),
        ("冬季防火不可松懈（安全提示）",),
    ]
    # Without the editor's note, each bylined report is an article of its own.
    plain = split_blocks(blocks_of(text.replace("编者的话\n\n", "")))
    assert len(plain) == 4


def test_a_dateline_opens_a_dispatch_even_inside_a_package() -> None:
    text = page("package-editors-note").rstrip("\n") + "\n\n" + "\n\n".join(
        [
            "全国春运发送旅客超过二十亿人次",
            "本报北京2月20日电 （记者王明）记者从交通运输部获悉，今年春运期间全国发送旅客超过"
            "二十亿人次，同比增长百分之五。",
            "铁路、公路、水路和民航运输总体平稳有序。",
        ]
    )
    articles = split_articles(text)
    assert [a.kind for a in articles] == ["article"] * 3
    assert articles[2].text.rstrip().endswith("平稳有序。")
    assert [a.title_lines[0] for a in articles] == [
        "乡村书屋，书香浓",
        "冬季防火不可松懈（安全提示）",
        "全国春运发送旅客超过二十亿人次",
    ]
    assert "dateline" in articles[2].signals


def test_a_short_last_paragraph_matching_no_title_stays_with_its_article() -> None:
    # Nothing says the short block at the foot is a caption (it was not printed
    # twice, and it names no title): it ends the last article.
    text = "\n\n".join(
        [
            "甲地修桥",
            "甲地新桥今天通车，方便了两岸居民，也缩短了到县城的路程。建桥用了两年，"
            "总投资一亿多元。",
            "（张三）",
            "乙地修路",
            "乙地公路完成改造，全长十二公里，沿线村民出行更方便了。改造后的公路拓宽"
            "到双向四车道，还新修了三座桥梁和五处停车场，设计时速提高到每小时八十公里。",
            "工程历时八个月。",
        ]
    )
    articles = split_articles(text)
    assert [a.kind for a in articles] == ["article", "article"]
    assert articles[1].text.rstrip().endswith("工程历时八个月。")


def test_split_work_grows_linearly_with_the_page(monkeypatch: pytest.MonkeyPatch) -> None:
    """Not a timing: the number of comparisons the split makes. A series of
    subheads is looked up by key and a caption is matched against a bounded number
    of articles, so four times the page makes about four times the comparisons
    (the pairwise scans this replaced made it nearly sixteen)."""
    from papercli import captions, subhead_series
    from papercli.cohesion import Vocabulary

    calls = {"n": 0}

    def counting(real):  # type: ignore[no-untyped-def]
        def wrapper(*args, **kwargs):  # type: ignore[no-untyped-def]
            calls["n"] += 1
            return real(*args, **kwargs)

        return wrapper

    monkeypatch.setattr(
        subhead_series, "parallel_lengths", counting(subhead_series.parallel_lengths)
    )
    monkeypatch.setattr(Vocabulary, "cohesion", counting(Vocabulary.cohesion))
    monkeypatch.setattr(Vocabulary, "union", counting(Vocabulary.union))
    # Reached at a few copies of the page instead of dozens.
    monkeypatch.setattr(captions, "CAPTION_REACH", 4)
    seed = (Path(__file__).parents[1] / "samples" / "seed-page.txt").read_text(encoding="utf-8")
    counts = []
    for copies in (5, 20):
        calls["n"] = 0
        split_articles(seed * copies)
        counts.append(calls["n"])
    assert counts[1] <= 4.5 * counts[0], counts


# A paragraph opening on `记者` and a space, longer than an opening byline.
REPORTED = "记者 日前从市教育局获悉，今年全市将新建改扩建中小学和幼儿园三十所，新增学位两万个。"


@pytest.mark.parametrize(
    ("lines", "role"),
    [
        # Words that end in 译 or 撰 are no author line.
        (("这段文字是意译",), HEAD),
        (("纯属杜撰",), HEAD),
        ((REPORTED,), BODY),
        # A bulleted line with a clause mark is a list item, not a subhead.
        (("▲西城区，多处路段",), BODY),
        # A heading line may run to 48 characters; a headline to six lines.
        (("全域旅游榜上有名海南保亭全力打造全域大景区带动两万余户群众增收致富",), HEAD),
        (("聚焦乡村振兴", "小小茶叶", "撑起致富路", "竹溪村发展特色产业"), HEAD),
        # A dash opens an attribution only on a line of its own.
        (("——记乡村优秀教师王芳", "她在山区坚守了二十年"), HEAD),
        # A one-line block in brackets is a note; the page editor's credit closes
        # no article, an article editor's does.
        (("（本版编辑：张三）",), NOTE),
        (("（责编：张三）",), CLOSING),
    ],
)
def test_block_role_rules(lines: tuple[str, ...], role: str) -> None:
    assert block_role(Block(BlockKind.PARAGRAPH, lines)) == role


def test_a_serials_instalment_and_synopsis_label_are_no_byline_nor_title() -> None:
    """A serial's instalment number in brackets (`（第四十二）`) names nobody, and
    its synopsis label (`前文提要`) heads a part of the text, not the article."""
    page = (
        "長篇小說\n\n春江花月\n\n（第四十二）\n\n前文提要\n陳少梅因家道中落、投奔姑母、\n\n"
        "却說少梅出了姑母家門、心中悶悶不樂、信步行至外灘、只見江水滔滔、月色如銀、\n"
    )
    [article] = split_articles(page)
    assert article.byline is None
    assert article.title_lines == ("長篇小說", "春江花月")


def test_a_place_and_its_source_in_brackets_open_a_dispatch() -> None:
    # Japanese and Korean papers set the place and the agency or reporter with
    # an equals sign: 【ソウル＝共同】, [서울=연합뉴스].
    dispatch = Block(BlockKind.PARAGRAPH, ("【ソウル＝共同】韓国政府は３日、対策を発表した。",))
    assert block_role(dispatch) == DATELINE
    wire = Block(BlockKind.PARAGRAPH, ("[서울=연합뉴스] 김철수 기자 = 북한이 2일 미사일을 쐈다.",))
    assert block_role(wire) == DATELINE
    # A brief's title in brackets is no dateline.
    brief = Block(BlockKind.PARAGRAPH, ("【暴雨预警】本市今天夜间有大到暴雨。",))
    assert block_role(brief) != DATELINE


def test_a_korean_sign_off_closes_its_report() -> None:
    for line in ("김민수 기자", "kim@example.co.kr", "이영희 기자 lee@example.co.kr"):
        assert block_role(Block(BlockKind.PARAGRAPH, (line,))) == CLOSING
    # Korean headings are headings, as Han ones are.
    assert block_role(Block(BlockKind.HEADLINE, ("한은, 기준금리 동결", "물가 상승 여전"))) == HEAD
