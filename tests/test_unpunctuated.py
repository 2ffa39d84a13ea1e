"""Pages set without punctuation (Chinese papers before the 1920s).

With no marks, a run of lines between blank lines looks like a title deck: no
line ends on a stop, none has a clause mark inside. On such a page
(`pagestyle.is_unpunctuated`: hardly one mark in forty characters) only widths tell
them apart: lines that fill the column up to the last are text the column wrapped
(`columns.fills_column`), title lines are set to their own measure, and a lone
line that fills the column over wrapped text is a paragraph's first line cut off
by a column break. A punctuated page never takes these rules.
`cases/old-unpunctuated` is a whole page; `cases/unpunctuated-*` are pages of
short runs, of two dispatches in one run, and of titles set on their text.
"""

from __future__ import annotations

from pathlib import Path

from papercli.articles import split_articles
from papercli.columns import even_column, fills_column, text_at_foot
from papercli.diagnose import diagnose
from papercli.measure import make_line
from papercli.pagestyle import is_unpunctuated
from papercli.pipeline import clean_text
from papercli.runs import Run, measure_runs

CASES = Path(__file__).parent / "cases"
# Our own text, in the style of a 1900s Shanghai paper.
STORY = (
    "本埠商務總會於昨日下午二時在會所開會討論維持市面辦法到會者各業代表四十餘人"
    "由總理某君主席首由主席報告近來銀根緊急各業周轉不靈之情形次由各代表相繼發言"
    "僉謂宜由商會函請道署轉飭各錢莊通融辦理以資維持議畢散會已鐘鳴六下矣"
)
FIRE = (
    "昨夜二更時分城內某街某號木器店不戒於火延燒鄰屋數間救火會聞警趕到竭力灌救"
    "始得撲滅計損失約在千元以上起火原因尚在查究中"
)


def wrap(text: str, width: int = 14) -> list[str]:
    return [text[i : i + width] for i in range(0, len(text), width)]


def page(*blocks: list[str]) -> str:
    return "\n\n".join("\n".join(lines) for lines in blocks) + "\n"


def test_a_page_with_hardly_a_mark_is_unpunctuated() -> None:
    assert is_unpunctuated(STORY + FIRE + STORY)
    # One mark in forty characters or more is punctuation in use, however sparse.
    sparse = "、".join(wrap(STORY + FIRE, 30))
    assert not is_unpunctuated(sparse)
    modern = "本报讯 近日，城东社区图书馆正式开放，馆内设有少儿区、老年区。" * 8
    assert not is_unpunctuated(modern)
    # Too little text to tell: a headline or two.
    assert not is_unpunctuated("商會集議\n維持市面")


def test_fills_column() -> None:
    lines = [make_line(i, text) for i, text in enumerate(wrap(STORY), 1)]
    assert fills_column(lines[:4], 14.0)
    assert fills_column([*lines[:3], make_line(4, "已鐘鳴六下矣")], 14.0)
    deck = [make_line(1, "商會集議"), make_line(2, "維持市面各業代表到者甚眾")]
    assert not fills_column(deck, 14.0)


def test_text_cut_by_a_column_break_is_one_paragraph() -> None:
    body = wrap(STORY)
    text = page(["商會集議", "維持市面"], body[:4], body[4:], ["本埠失火"], wrap(FIRE))
    assert clean_text(text) == page(["商會集議", "維持市面"], [STORY], ["本埠失火"], [FIRE])


def test_a_lone_line_filling_the_column_is_a_paragraph_start() -> None:
    lines = wrap(FIRE)
    text = page(["本埠失火"], lines[:1], lines[1:], ["商會集議"], wrap(STORY))
    assert clean_text(text) == page(["本埠失火"], [FIRE], ["商會集議"], [STORY])


def test_title_decks_set_to_their_own_measure_keep_their_lines() -> None:
    deck = ["商會集議", "維持市面", "各業代表到者甚眾"]
    text = page(deck, wrap(STORY), ["本埠失火"], wrap(FIRE))
    out = clean_text(text)
    assert out.startswith("\n".join(deck) + "\n\n")
    assert clean_text(out) == out


def test_a_punctuated_page_keeps_its_decks_of_column_width() -> None:
    # Decks as wide as the column are common in 1930s papers (eight characters a
    # line); their text has marks, so widths are not what tells them apart.
    deck = ["各路華軍大擧反攻", "克復石龍包圍南昌"]
    dispatch = "（香港廿日電）華南華軍反攻、勢如破竹、石龍方面、經激戰後、已於今晨爲華軍完全克復、"
    body = wrap(dispatch, 8)
    text = page(deck, body, ["公債", "反動下跌"], body)
    assert not is_unpunctuated(text)
    assert clean_text(text).startswith("各路華軍大擧反攻\n克復石龍包圍南昌\n\n")


def test_the_golden_page_is_stable_and_splits_by_its_titles() -> None:
    text = (CASES / "old-unpunctuated.in.txt").read_text(encoding="utf-8")
    out = clean_text(text)
    assert clean_text(out) == out
    titles = [article.title_lines for article in split_articles(text)]
    assert titles == [
        ("滬寧鐵路", "昨日試車"),
        ("本埠失火",),
        ("商會集議", "維持市面", "各業代表到者甚眾"),
    ]


def test_detect_reports_an_unpunctuated_page() -> None:
    text = (CASES / "old-unpunctuated.in.txt").read_text(encoding="utf-8")
    punctuation = diagnose(text).to_dict()["punctuation"]
    assert punctuation["unpunctuated"] is True and punctuation["style"] == "none"
    assert diagnose(clean_text(text)).to_dict()["punctuation"]["unpunctuated"] is True


def test_a_paragraph_ending_inside_lines_that_fill_the_column_is_text() -> None:
    story, fire = wrap(STORY), wrap(FIRE)
    two = [make_line(i, text) for i, text in enumerate([*story[-2:], *fire[:2]], 1)]
    assert fills_column(two, 14.0)
    # Two short lines in a row stack as a title's do.
    deck = [make_line(1, story[0]), make_line(2, "商會集議"), make_line(3, "維持市面")]
    assert not fills_column(deck, 14.0)


def test_a_title_over_lines_that_fill_the_column_is_set_on_its_text() -> None:
    lines = [make_line(i, text) for i, text in enumerate(["本埠失火", *wrap(FIRE)[:2]], 1)]
    assert text_at_foot(lines, 14.0)
    # One full line under it may be a deck's own line as wide as the column.
    assert not text_at_foot(lines[:2], 14.0)


def test_short_runs_show_the_column_their_lines_share() -> None:
    # Every run a few lines long, each title-shaped for want of marks: no run
    # measures, but the width the wrapped lines share is the column.
    runs = [
        Run([make_line(i, text) for i, text in enumerate(wrap(part), 1)])
        for part in (STORY[:40], FIRE[:40])
    ]
    assert even_column(runs) == 14.0
    decks = [Run([make_line(1, "商會集議"), make_line(2, "維持市面各業")])] * 3
    assert even_column(decks) == float("inf")
    # Blocks whose last line is as wide as the rest show no wrap: a headline a
    # clean kept whole (three lines of one width) measures nothing on the next
    # clean, which would otherwise join it (found by the idempotence property).
    kept = [Run([make_line(i, "一" * 12) for i in range(1, 4)])] * 2
    assert even_column(kept) == float("inf")


def test_the_even_column_is_read_on_wrapped_text_only() -> None:
    # A table's rows share a width too, narrower than the text's: no column.
    text = Run([make_line(i, line) for i, line in enumerate(wrap(STORY[:50]), 1)])
    rows = Run([make_line(i, f"北坡    {i}0    8") for i in range(1, 5)] + [make_line(5, "湖 6")])
    assert even_column([rows, text], [True, False]) == 14.0
    # A paragraph's indent is no part of the width its wrapped lines share: a
    # clean that keeps the lines of a deck drops it.
    # (By their spans, which count the indents in, these lines share no width.)
    page = ["\u3000\u3000" + STORY[:11], STORY[11:25], STORY[25:39], STORY[39]]
    page += ["", "\u3000" + FIRE[:12], FIRE[12], "  " + FIRE[13:27], FIRE[27]]
    runs = measure_runs(page, list(range(1, len(page) + 1)))[0]
    assert even_column(runs) == 14.0


def test_unpunctuated_solid_page_cleans_once() -> None:
    full, signed = "一" * 12 + "\n", "一一一一一\n（方娜瑶）\n"
    page = (
        "一一\n" * 6 + signed + full * 3 + "一。\n一一\n" + signed + full * 3 + "一。\n"
        + "一一\n" * 3 + "一一一一一\n" + signed
    )
    once = clean_text(page)
    assert clean_text(once) == once
    # Title decks alone sharing a width, over paragraphs a clean set on one line
    # each: the decks show no column (found by the idempotence property).
    deck = "一" * 6 + "\n一一\n"
    para = "一" * 37 + "。\n\n"
    page = para + (deck + "\n") * 2 + "（方娜瑶）\n\n" + para * 3 + deck
    assert clean_text(page) == page
