"""The script join rules (`joint`, `join_lines`, `join_line_breaks`), one rule per test.

Issue 3's joining rules: CJK (Han, kana, Hangul, CJK and fullwidth punctuation,
curly quotes, dashes, ellipsis, middle dot) at either edge joins with no space;
digits split inside CJK text join with no space; Latin-Latin joins with one
space; a hyphen at a line end goes only with evidence (the document, else the
word list) that the word was one; a soft hyphen always goes; nothing else
inserts or deletes a non-whitespace character, and every deletion is reported.
"""

from __future__ import annotations

import doctest
import re
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from papercli.page import Block, BlockKind, Page
from papercli.steps import addresses, cut_words, join, joints
from papercli.steps.cut_words import Vocabulary
from papercli.steps.join import join_line_breaks, join_lines
from papercli.steps.joints import joint

SOFT = "\u00ad"


def glued(left: str, right: str, vocab: Vocabulary | None = None) -> str:
    """The joined text, the way join_lines assembles it."""
    head, sep = joint(left, right, vocab)
    return head + sep + right


@pytest.mark.parametrize(
    ("left", "right", "expected"),
    [
        # Han-Han: a column break inside a word.
        ("专项活动，始", "终坚持", "专项活动，始终坚持"),
        # CJK punctuation at either edge.
        ("他说：", "“我们一定能行。”", "他说：“我们一定能行。”"),
        ("以", "“四个聚焦”推动", "以“四个聚焦”推动"),
        ("“枪、车、酒”", "6项隐患", "“枪、车、酒”6项隐患"),
        ("工作目标", "——记优秀教师", "工作目标——记优秀教师"),
        ("说到这里……", "他停了下来", "说到这里……他停了下来"),
        ("习近平", "·", "习近平·"),
        ("‘劳模’", "待遇", "‘劳模’待遇"),
        ("（扩大）", "会议", "（扩大）会议"),
    ],
)
def test_cjk_joins_without_space(left: str, right: str, expected: str) -> None:
    assert glued(left, right) == expected


@pytest.mark.parametrize(
    ("left", "right", "expected"),
    [
        ("局属", "21个部门", "局属21个部门"),
        ("抓获犯罪嫌疑人 866", "名", "抓获犯罪嫌疑人 866名"),
        ("总面积", "1153.24 平方公里", "总面积1153.24 平方公里"),
        ("LED", "屏、乡村大喇叭", "LED屏、乡村大喇叭"),
        ("来自英国的", "David Miller", "来自英国的David Miller"),
        ("Nature”", "的主旨报告", "Nature”的主旨报告"),
    ],
)
def test_cjk_next_to_digits_or_latin_joins_without_space(
    left: str, right: str, expected: str
) -> None:
    assert glued(left, right) == expected


def test_digits_split_inside_cjk_text_join_without_space() -> None:
    # Columns break long numbers anywhere; a CJK character on either line says so.
    assert glued("受训民辅警达20", "00余人次") == "受训民辅警达2000余人次"
    assert glued("12", "000余万人次") == "12000余万人次"


def test_digits_in_latin_context_join_with_space() -> None:
    # No CJK on either line: the break is a word space between two numbers.
    assert glued("pages 12", "34 and 56") == "pages 12 34 and 56"


def test_fullwidth_digits_join_without_space() -> None:
    # Fullwidth forms (U+FF10..) are CJK typesetting, whatever the context.
    assert glued("第１２", "３期") == "第１２３期"
    assert glued("ＡＢＣ", "ＤＥＦ") == "ＡＢＣＤＥＦ"


@pytest.mark.parametrize(
    ("left", "right", "expected"),
    [
        ("Hello", "world", "Hello world"),
        ("the quick", "brown fox", "the quick brown fox"),
        ("two words,", "Hello", "two words, Hello"),
        ("end of a sentence.", "Next one", "end of a sentence. Next one"),
        ("(see", "below)", "(see below)"),
        ("Miller", "(UK)", "Miller (UK)"),
        ("café", "au lait", "café au lait"),
    ],
)
def test_latin_joins_with_one_space(left: str, right: str, expected: str) -> None:
    assert glued(left, right) == expected


@pytest.mark.parametrize(
    ("left", "right", "expected"),
    [
        ("network 4G", "&5G link", "network 4G&5G link"),  # a binding symbol at the break
        ("speed in km", "/h today", "speed in km/h today"),
        ("write to me@", "example.org", "write to me@example.org"),
        ("the end", ". Next", "the end. Next"),  # a closing mark never follows a space
        ("Hello,", "world", "Hello, world"),  # an ordinary word space stays
    ],
)
def test_symbols_bind_across_a_break(left: str, right: str, expected: str) -> None:
    assert join_lines([left, right]) == expected


@pytest.mark.parametrize(
    ("left", "right", "expected"),
    [
        # A binding symbol set apart by a space on its other side is a word of its
        # own: the break is a word space.
        ("Tom &", "Jerry", "Tom & Jerry"),
        ("Tom", "& Jerry", "Tom & Jerry"),
        ("if x", "= 5 then", "if x = 5 then"),
        ("if x =", "5 then", "if x = 5 then"),
        ("either a", "/ b", "either a / b"),
        # A prefix (`#42`, `+86`, `/usr`) binds the word after it only.
        ("see issue #", "42 now", "see issue #42 now"),
        ("dial +", "86 now", "dial +86 now"),
        ("under /", "usr/bin", "under /usr/bin"),
        # ... and one opening a number after a word opens a word of its own.
        ("or call", "+86-10-1234-5678.", "or call +86-10-1234-5678."),
        ("see issue", "#42 now", "see issue #42 now"),
        ("a sum 3", "+5 = 8", "a sum 3+5 = 8"),
        ("network 4G", "&5G link", "network 4G&5G link"),
    ],
)
def test_a_symbol_spaced_on_its_other_side_takes_a_space(
    left: str, right: str, expected: str
) -> None:
    assert join_lines([left, right]) == expected


@pytest.mark.parametrize(
    ("left", "right", "expected"),
    [
        ("请发邮件至foo@example.", "com联系。", "请发邮件至foo@example.com联系。"),
        ("详情请访问www.example.", "org查询。", "详情请访问www.example.org查询。"),
        ("see http://www.", "example.com/a for more", "see http://www.example.com/a for more"),
        ("mail Foo.Bar@Mail.", "example.cn today", "mail Foo.Bar@Mail.example.cn today"),
        # A sentence that ends on an address: the next one opens in capitals.
        ("Write to foo@example.com.", "Thanks.", "Write to foo@example.com. Thanks."),
        # A dot that ends a sentence on an ordinary word is no address.
        ("as in the example.", "then we", "as in the example. then we"),
    ],
)
def test_a_web_or_mail_address_cut_after_a_dot_takes_no_space(
    left: str, right: str, expected: str
) -> None:
    assert join_lines([left, right]) == expected


@pytest.mark.parametrize(
    ("left", "right", "expected"),
    [
        # English text: curly quotes, dashes and the ellipsis take a word space.
        ("He said", "“Yes, of course.”", "He said “Yes, of course.”"),
        ("He paused", "— then spoke.", "He paused — then spoke."),
        ("the end of the story…", "and then", "the end of the story… and then"),
        ("“Yes.”", "He left.", "“Yes.” He left."),
        # Next to CJK text, or between digits (a range), the mark takes none.
        ("他说", "“好的。”", "他说“好的。”"),
        ("Apple公司的CEO", "“库克”说", "Apple公司的CEO“库克”说"),
        ("今年1", "—9月", "今年1—9月"),
        ("1998—", "2001年", "1998—2001年"),
        ("“OK”", "他说。", "“OK”他说。"),
        # Quotations set in CJK text, whatever they quote: their marks are full width.
        ("能读出“nǐ hǎo”", "“xiè xie”等词", "能读出“nǐ hǎo”“xiè xie”等词"),
        ("读出“hello”", "“thank you”等", "读出“hello”“thank you”等"),
        # A dash set closed takes no space; a digit on one side only is no range.
        ("a well—", "known name", "a well—known name"),
        ("said —", "then left", "said — then left"),
        ("in 1998", "— then", "in 1998 — then"),
        ("the year", "“2024” was", "the year “2024” was"),
        # A mark on both sides of the break.
        ("He paused —", "“Yes,” she said.", "He paused — “Yes,” she said."),
        ("他说——", "“好的。”", "他说——“好的。”"),
    ],
)
def test_shared_marks_take_a_word_space_only_in_latin_text(
    left: str, right: str, expected: str
) -> None:
    assert join_lines([left, right]) == expected
    # The same in a block joined by the pipeline's join step, whatever other break
    # the block holds (one that needs the rules sends every break through them).
    page = Page((Block(BlockKind.PARAGRAPH, (left, right), 1, 2),))
    assert join_line_breaks(page)[0].blocks[0].lines == (expected,)
    page = Page((Block(BlockKind.PARAGRAPH, ("Intro", left, right), 1, 3),))
    assert join_line_breaks(page)[0].blocks[0].lines == (join_lines(["Intro", expected]),)


def test_the_address_is_looked_for_in_a_bounded_tail() -> None:
    # The whole line is ASCII: only its last MAX_ADDRESS characters are read.
    left = "x" * 10_000 + " see www.example."
    assert join_lines([left, "org"]) == left + "org"
    far = "www." + "x" * addresses.MAX_ADDRESS + "."
    assert join_lines([far, "org"]) == far + " org"


@pytest.mark.parametrize(
    ("left", "right", "expected"),
    [
        # Column typesetting cuts a Latin word set in CJK text without a hyphen.
        ("是視覺作用（Visn", "al），不是", "是視覺作用（Visnal），不是"),
        ("新型Graph", "ene材料", "新型Graphene材料"),
        # A phrase broken at its space: the next word starts in upper case.
        ("在Hong", "Kong工作", "在Hong Kong工作"),
        # Not set inside CJK text on both sides: ordinary Latin spacing.
        ("用 email", "address 作", "用 email address 作"),
        ("用 email", "address作", "用 email address作"),  # a space before the first piece
        ("the quick", "brown fox", "the quick brown fox"),
    ],
)
def test_latin_word_cut_inside_cjk_text(left: str, right: str, expected: str) -> None:
    assert glued(left, right) == expected


def test_latin_pieces_the_document_knows_as_words_keep_their_space() -> None:
    lines = ["发送email", "address即可", "请填写email地址和address栏"]
    assert join_lines(lines[:2], Vocabulary.of_lines(lines)) == "发送email address即可"
    # Nor does the word list know `emailaddress`, while it knows both pieces.
    assert join_lines(lines[:2], Vocabulary.of_lines(lines[:2])) == "发送email address即可"
    # Only one piece a word of the document: one word cut in two.
    cut = ["新型Graph", "ene材料", "Graph数据库"]
    assert join_lines(cut[:2], Vocabulary.of_lines(cut)) == "新型Graphene材料"


@pytest.mark.parametrize(
    ("left", "right", "expected"),
    [
        # The last word of a Latin phrase in CJK text, cut with no hyphen: the word
        # list knows the joined word and `nt` is none.
        ("企业正加快布局AI Age", "nt（智能体）应用", "企业正加快布局AI Agent（智能体）应用"),
        ("布局AI Age", "nts，推动", "布局AI Agents，推动"),
        # Two words of the list (`Learn`, `ing`): no evidence without the document.
        ("开设了Deep Learn", "ing课程", "开设了Deep Learn ing课程"),
        # A phrase broken at its space.
        ("看到New", "York等地", "看到New York等地"),
        ("使用Free Open", "source软件", "使用Free Open source软件"),
    ],
)
def test_latin_phrase_word_cut_inside_cjk_text(left: str, right: str, expected: str) -> None:
    assert glued(left, right) == expected


def test_a_phrase_word_the_document_spells_whole_is_joined() -> None:
    lines = ["开设了Deep Learn", "ing课程，Deep Learning很受欢迎"]
    assert join_lines(lines[:2], Vocabulary.of_lines(lines)).startswith("开设了Deep Learning课程")


@pytest.mark.parametrize(
    ("left", "right", "expected"),
    [
        ("覆盖率达99.", "57%，打通", "覆盖率达99.57%，打通"),
        ("共计1,", "200元", "共计1,200元"),
        # In Latin text a point after a number may end a sentence.
        ("The rate was 99.", "57 percent", "The rate was 99. 57 percent"),
    ],
)
def test_decimal_point_cut_by_the_column(left: str, right: str, expected: str) -> None:
    assert glued(left, right) == expected


@pytest.mark.parametrize(
    ("left", "right", "expected"),
    [
        # OCR reads full-width marks as ASCII: set in CJK text, they take no space.
        ("社会主义市场经济体制.", "2001年，中国", "社会主义市场经济体制.2001年，中国"),
        ("产量仅为50万吨,", "2018年已上升", "产量仅为50万吨,2018年已上升"),
        ("入学率达到了94%,", "6.4万多个教学点", "入学率达到了94%,6.4万多个教学点"),
        ("他说:", "Hello", "他说:Hello"),
        ("开幕式", "(New York)在", "开幕式(New York)在"),
        ("是视觉作用(Visn", "al),不是", "是视觉作用(Visnal),不是"),
        # A Latin word before the mark keeps the word space.
        ("Dear Sir,", "2020年来信", "Dear Sir, 2020年来信"),
        ("It ended.", "2001 began", "It ended. 2001 began"),
        ("in New York,", "London and", "in New York, London and"),
    ],
)
def test_ascii_marks_in_cjk_text(left: str, right: str, expected: str) -> None:
    assert glued(left, right) == expected


def test_hyphen_kept_without_evidence() -> None:
    # `well-known` is a compound: no word list has `wellknown`, so the hyphen
    # stays, with no space; nor does one have a name cut at a syllable.
    assert joint("well-", "known") == ("well-", "")
    assert glued("a long-", "term plan", Vocabulary()) == "a long-term plan"
    assert glued("in Zhong-", "guancun Park") == "in Zhong-guancun Park"


def test_hyphen_removed_when_the_word_list_knows_the_word() -> None:
    assert glued("an inter-", "national fund") == "an international fund"
    assert glued("a once-in-a-generation oppor-", "tunity") == (
        "a once-in-a-generation opportunity"
    )
    assert glued("has cham-", "pioned it", Vocabulary("nothing here")) == "has championed it"


def test_compounds_keep_their_hyphen_whatever_the_word_list_has() -> None:
    # `followup` and `tradeoff` are in the list, but rare beside `follow` and `up`.
    assert glued("a follow-", "up visit") == "a follow-up visit"
    assert glued("a trade-", "off between") == "a trade-off between"
    # A common solid form is the word itself, though `some` and `one` are words.
    assert glued("ask some-", "one else") == "ask someone else"
    # A capital after the break starts a word of its own.
    assert glued("the Trans-", "Pacific route") == "the Trans-Pacific route"
    assert glued("an INTER-", "NATIONAL fund") == "an INTERNATIONAL fund"


def test_a_hyphen_inside_a_chain_is_the_compounds_own() -> None:
    # `ina` is in the word list, but `once-in-a-generation` is one compound.
    assert glued("a once-in-", "a-generation chance") == "a once-in-a-generation chance"
    assert glued("a once-in-a-", "generation chance") == "a once-in-a-generation chance"
    # A word cut before a compound's own hyphen is still one word.
    assert glued("an oppor-", "tunity-based plan") == "an opportunity-based plan"
    # The pieces above are single letters, which the word list never joins
    # anyway; `today` is a word, but not inside this chain.
    assert glued("the day-to-", "day work") == "the day-to-day work"


def test_the_word_list_needs_two_letters_on_each_side() -> None:
    # Typesetting leaves two letters at least; `e-` + `mail` is the compound's hyphen.
    assert glued("send an e-", "mail today") == "send an e-mail today"
    # Two letters are enough.
    assert glued("just be-", "fore noon") == "just before noon"
    # The document can still say so.
    assert glued("send an e-", "mail today", Vocabulary("check your email")) == (
        "send an email today"
    )


def test_the_document_hyphenating_the_pair_outweighs_the_word_list() -> None:
    # `recover` is a word, but this document writes `re-cover` (to cover again).
    vocab = Vocabulary("They will re-cover the seats in red.")
    assert glued("workers re-", "cover the chairs", vocab) == "workers re-cover the chairs"


def test_hyphen_evidence_says_why() -> None:
    assert cut_words.hyphen_evidence("inter", "national", Vocabulary("International aid")) == (
        "the document spells 'international' whole"
    )
    assert cut_words.hyphen_evidence("Inter", "national") == "the word list knows 'international'"
    assert cut_words.hyphen_evidence("well", "known") is None


def test_deleted_hyphens_are_reported() -> None:
    page = Page(
        (
            Block(BlockKind.PARAGRAPH, ("a rare oppor-", "tunity and a well-", "known name"), 4, 6),
            Block(BlockKind.PARAGRAPH, ("reliable infor" + SOFT, "mation"), 8, 9),
        )
    )
    out, changes = join_line_breaks(page, Vocabulary())
    assert [b.lines for b in out.blocks] == [
        ("a rare opportunity and a well-known name",),
        ("reliable information",),
    ]
    assert [(c.step, c.line, c.action, c.text, c.detail) for c in changes] == [
        (
            "join_line_breaks",
            4,
            "removed",
            "e oppor-|tunity a",
            "hyphen at a line end: the word list knows 'opportunity'",
        ),
        ("join_line_breaks", 8, "removed", "e infor\u00ad|mation", "soft hyphen at a line end"),
    ]


def test_hyphen_removed_when_the_document_spells_the_word_whole() -> None:
    vocab = Vocabulary("An international panel will review the pilot.")
    assert glued("an inter-", "national fund", vocab) == "an international fund"


def test_hyphen_evidence_is_case_insensitive() -> None:
    vocab = Vocabulary("INTERNATIONAL")
    assert glued("Inter-", "national", vocab) == "International"


def test_hyphen_kept_when_the_document_also_hyphenates_the_pair() -> None:
    # Both spellings in the document: the hyphenated one is a real compound.
    vocab = Vocabulary("a long-term plan and a longterm view")
    assert glued("a long-", "term goal", vocab) == "a long-term goal"


def test_hyphen_kept_when_only_another_word_is_known() -> None:
    vocab = Vocabulary("national international")
    assert glued("well-", "known", vocab) == "well-known"


def test_hyphen_before_a_number_is_kept_and_glued() -> None:
    # A range split at its dash: `1990-` + `2000`.
    assert glued("in 1990-", "2000 the river", Vocabulary("1990 2000")) == "in 1990-2000 the river"


def test_lone_dash_after_a_space_joins_with_a_space() -> None:
    assert glued("a -", "b") == "a - b"
    assert glued("in 1990 \u2013", "2000") == "in 1990 \u2013 2000"


def test_unicode_hyphens_and_dashes_at_a_line_end() -> None:
    # U+2010 HYPHEN is a hyphen: judged as `-` is, dropped only with evidence.
    assert glued("a well\u2010", "known fact") == "a well\u2010known fact"
    assert glued("an inter\u2010", "national fund") == "an international fund"
    assert glued("a day\u2010to\u2010", "day job") == "a day\u2010to\u2010day job"
    assert glued("a re\u2010", "cover", Vocabulary("they re\u2010cover it")) == "a re\u2010cover"
    # A non-breaking hyphen or a closed dash never cuts a word: kept, and glued.
    assert glued("the well\u2011", "known") == "the well\u2011known"
    assert glued("pages 10\u2013", "20 of") == "pages 10\u201320 of"
    assert glued("from 1990\u2012", "2000") == "from 1990\u20122000"


def test_soft_hyphen_is_removed() -> None:
    assert joint("infor" + SOFT, "mation") == ("infor", "")
    assert glued("reliable infor" + SOFT, "mation about") == "reliable information about"
    # Soft hyphens go whatever the script: they are never printed.
    assert glued("信" + SOFT, "息") == "信息"


def test_a_space_before_a_soft_hyphen_is_the_lines_edge() -> None:
    # The space stayed inside the joined text: `30多 个`, a CJK join with a space.
    assert join_lines(["来自30多 " + SOFT, "个国家"]) == "来自30多个国家"
    assert join_lines(["the word " + SOFT, "next"]) == "the word next"
    assert join_lines(["an inter- " + SOFT, "national fund"]) == "an international fund"


def test_soft_hyphens_go_all_and_a_hyphen_under_them_is_judged() -> None:
    assert glued("reliable infor" + SOFT * 2, "mation") == "reliable information"
    # A visible hyphen with a soft one after it: the word list decides as ever.
    assert glued("an oppor-" + SOFT, "tunity") == "an opportunity"
    assert glued("a well-" + SOFT, "known name") == "a well-known name"
    page = Page((Block(BlockKind.PARAGRAPH, ("an oppor-" + SOFT, "tunity"), 1, 2),))
    _, changes = join_line_breaks(page, Vocabulary())
    assert [c.detail for c in changes] == [
        "soft hyphen and hyphen at a line end: the word list knows 'opportunity'"
    ]


def test_vocabulary_collects_words_and_hyphenated_pairs() -> None:
    vocab = Vocabulary.of_lines(["The Well-Known river", "a x-ray and I"])
    assert {"the", "well", "known", "river", "ray", "and"} <= set(vocab.words)
    # Single letters are not evidence (`a`, `I`, `x`).
    assert not {"a", "i", "x"} & set(vocab.words)
    assert vocab.hyphenated == {"well-known", "x-ray"}


def test_vocabulary_ignores_cjk() -> None:
    assert not Vocabulary("专项活动 2023").words


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("ボランティ", "アと協力"),  # katakana
        ("しなが", "ら、子ども"),  # hiragana
        ("東京都は", "来年の夏"),  # Han then kana
        ("도서", "관을 열"),  # Hangul syllables
        ("시립", "도서관"),
        ("Seoul", "서울시는"),  # Latin then Hangul
    ],
)
def test_kana_and_hangul_join_without_space(left: str, right: str) -> None:
    assert joint(left, right) == (left, "")



@pytest.mark.parametrize(
    ("left", "right", "expected"),
    [
        # Emoji, enclosed numbers and other symbols are set in the em grid of CJK
        # text, and a run of them takes no word space anywhere.
        ("大家纷纷点赞👍", "👍，还发了", "大家纷纷点赞👍👍，还发了"),
        ("三项任务①", "②③，要求", "三项任务①②③，要求"),
        ("评分★★", "★，好评", "评分★★★，好评"),
        ("Rated ★★", "★ by critics", "Rated ★★★ by critics"),
        ("温度达到25°", "C以上", "温度达到25°C以上"),
        # A wide character (an emoji) beside Latin in CJK text joins as CJK does.
        ("点赞👍", "OK了", "点赞👍OK了"),
        # ... but in English a word space stays.
        ("Great job 👍", "Thanks all", "Great job 👍 Thanks all"),
        # A Greek or Cyrillic word set in CJK text is cut as a Latin one is.
        ("研究发现αβ", "γ射线对细胞", "研究发现αβγ射线对细胞"),
        ("这个词为сло", "во的意思", "这个词为слово的意思"),
        ("the Greek αβ", "γ rays", "the Greek αβ γ rays"),
    ],
)
def test_symbols_and_other_scripts_in_cjk_text(left: str, right: str, expected: str) -> None:
    assert join_lines([left, right]) == expected


@pytest.mark.parametrize(
    ("left", "right", "expected"),
    [
        # A character that prints nothing is no neighbour: the visible ones decide.
        ("中文\u200b", "中文", "中文\u200b中文"),
        ("the end\u200b", "of it", "the end\u200b of it"),
        ("\ufeff", "\u200e", "\ufeff\u200e"),  # nothing visible: no space
        ("code```\u200b", "\u200e", "code```\u200b\u200e"),
        ("点赞👍\u200b", "\u200b👍", "点赞👍\u200b\u200b👍"),
    ],
)
def test_invisible_characters_at_a_break(left: str, right: str, expected: str) -> None:
    assert join_lines([left, right]) == expected


@pytest.mark.parametrize("invisible", ["\u200b", "\ufeff"])
def test_a_hyphen_behind_an_invisible_character_is_judged_as_without_it(invisible: str) -> None:
    # The visible neighbours decided the space, but what they dropped was kept:
    # `inter-` + ZWSP | `national` kept its hyphen where `inter-` | `national` lost it.
    vocab = Vocabulary.of_lines(["the international order"])
    assert join_lines(["inter-", "national"], vocab) == "international"
    removed: list[tuple[int, str, str]] = []
    joined = join_lines(["inter-" + invisible, "national"], vocab, removed)
    assert joined == "inter" + invisible + "national"
    assert [why for _, _, why in removed] == [
        "hyphen at a line end: the document spells 'international' whole"
    ]
    assert join_lines(["internation" + SOFT + invisible, "al"]) == "internation" + invisible + "al"


def test_a_block_glued_beside_a_line_of_nothing_visible_has_the_edge_join_lines_gives() -> None:
    # A CJK break needs no rules, so the block was glued with the white space
    # inside `\ufeff\u3000 \u3000\u200b` left at its edge; a second clean took it out.
    lines = ("说（", "\ufeff\u3000 \u3000\u200b")
    page, _ = join_line_breaks(Page((Block(BlockKind.PARAGRAPH, lines, 1, 2),)))
    assert page.blocks[0].lines == (join_lines(lines),) == ("说（\ufeff\u200b",)


def test_a_joined_line_keeps_no_space_at_its_edge_behind_an_invisible_character() -> None:
    # The soft hyphen's line goes, and the space of the break before it stayed at the
    # edge (`. \u2060`), which a second clean measured without it.
    assert join_lines([".", SOFT, "\u2060"]) == ".\u2060"

def test_join_lines_strips_and_skips_blank_lines() -> None:
    lines = ["\u3000\u3000负责对辅警层级  ", "", "  管理工作的组织\t", "\f", "领导。"]
    assert join_lines(lines) == "负责对辅警层级管理工作的组织领导。"


def test_join_lines_edge_cases() -> None:
    assert join_lines([]) == ""
    assert join_lines(["", "   "]) == ""
    assert join_lines(["只有一行"]) == "只有一行"


def test_join_lines_chains_rules() -> None:
    vocab = Vocabulary("international")
    lines = ["Members of an inter-", "national team", "met in", "北京，讨论 well-", "known 问题。"]
    assert join_lines(lines, vocab) == (
        "Members of an international team met in北京，讨论 well-known 问题。"
    )


def test_join_line_breaks_keeps_heading_lines() -> None:
    page = Page(
        (
            Block(BlockKind.HEADLINE, ("老街区焕发新活力 ", "　青石镇以微改造留住城市记忆"), 1, 2),
            Block(BlockKind.SUBHEAD, ("深化审批改革", "让企业办事“只跑一次”"), 4, 5),
            Block(BlockKind.PARAGRAPH, ("走进青石镇老街，青砖黛瓦", "的民居错落有致。"), 7, 8),
            Block(BlockKind.BYLINE, ("  （王晓明）",), 10, 10),
        )
    )
    joined, changes = join_line_breaks(page)
    assert [b.lines for b in joined] == [
        ("老街区焕发新活力", "青石镇以微改造留住城市记忆"),
        ("深化审批改革", "让企业办事“只跑一次”"),
        ("走进青石镇老街，青砖黛瓦的民居错落有致。",),
        ("（王晓明）",),
    ]
    # Kinds and source line numbers survive the join.
    assert [(b.kind, b.first_line, b.last_line) for b in joined] == [
        (b.kind, b.first_line, b.last_line) for b in page
    ]
    assert changes == []


def test_join_line_breaks_uses_the_vocabulary() -> None:
    # `Xinjiang` is no word of the list: only the document can say it is one word.
    page = Page((Block(BlockKind.PARAGRAPH, ("cotton from Xin-", "jiang farms")),))
    assert join_line_breaks(page, Vocabulary("Xinjiang"))[0].blocks[0].lines == (
        "cotton from Xinjiang farms",
    )
    assert join_line_breaks(page)[0].blocks[0].lines == ("cotton from Xin-jiang farms",)


def test_doctests() -> None:
    result = doctest.testmod(join)
    assert result.attempted > 0 and result.failed == 0


# Lines as they come out of a column: no edge whitespace, any script. `-` and the
# soft hyphen are left out so that the character multiset must be exactly kept.
LINE_ALPHABET = st.sampled_from(
    list("中文报道聚焦，。、：“”（）《》—…·")
    + list("0123456789")
    + list("abcXYZ.,;")
    + [" "]
    + list("かなカナ한글１Ａ")
)
LINE = st.text(LINE_ALPHABET, min_size=1, max_size=12).map(str.strip).filter(bool)


def visible(text: str) -> Counter[str]:
    return Counter(ch for ch in text if not ch.isspace())


@settings(max_examples=200, deadline=None)
@given(st.lists(LINE, min_size=1, max_size=6))
def test_join_lines_keeps_every_visible_character(lines: list[str]) -> None:
    vocab = Vocabulary.of_lines(lines)
    out = join_lines(lines, vocab)
    assert visible(out) == visible("".join(lines))
    assert "\n" not in out


@settings(max_examples=200, deadline=None)
@given(LINE, LINE, st.sampled_from(["-", SOFT]))
def test_joint_removes_at_most_the_final_hyphen(left: str, right: str, mark: str) -> None:
    head, sep = joint(left + mark, right, Vocabulary(left + right))
    assert head in (left, left + mark)
    assert sep in ("", " ")
    if mark == SOFT:
        assert (head, sep) == (left, "")


def test_a_korean_word_space_at_a_line_edge_is_kept() -> None:
    # Korean sets spaces between words; one the text holds at a line's end or
    # the next line's start is a word space, kept by the join.
    assert join_lines(["내년도 예산을 ", "올해보다 늘렸다."]) == "내년도 예산을 올해보다 늘렸다."
    assert join_lines(["크게 늘었고,", " 연구개발 예산도"]) == "크게 늘었고, 연구개발 예산도"
    # A bare break joins with no space, as every CJK break does.
    assert join_lines(["예산이 크게 늘었", "고 연구개발"]) == "예산이 크게 늘었고 연구개발"
    # An extraction that padded every line says nothing; nor does an indent
    # typed as spaces, nor a space in Chinese text.
    assert join_lines(["예산이 크게 ", "늘었고 연구 "]) == "예산이 크게늘었고 연구"
    assert join_lines(["예산이 크게", "  늘었고"]) == "예산이 크게늘었고"
    assert join_lines(["专项活动，始 ", "终坚持"]) == "专项活动，始终坚持"


def test_a_break_inside_an_e_mail_domain_takes_no_space() -> None:
    assert join_lines(["기자 lee@exampl", "e.co.kr"]) == "기자 lee@example.co.kr"
    assert join_lines(["write to foo@exam", "ple.org today"]) == "write to foo@example.org today"
    # A whole address is a word of its own.
    assert join_lines(["write to foo@example.org", "today"]) == "write to foo@example.org today"


def test_a_korean_word_space_kept_for_the_join_leaves_no_trailing_space_unjoined() -> None:
    from papercli.options import CleanOptions
    from papercli.pipeline import clean_text

    page = "시는 이용자가 많은 열람실부터 \n먼저 시범 운영한 뒤 넓힐\n 계획이다.\n"
    assert clean_text(page) == "시는 이용자가 많은 열람실부터 먼저 시범 운영한 뒤 넓힐 계획이다.\n"
    unjoined = clean_text(page, CleanOptions(join_line_breaks=False))
    assert all(line == line.strip() for line in unjoined.splitlines())


@pytest.mark.parametrize(
    ("left", "right", "expected"),
    [
        # A bracketed term wrapped at its space: two words of the list, not one.
        ("采用了可调耦合器（tunable", "coupler）结构", "采用了可调耦合器（tunable coupler）结构"),
        ("即所谓的“machine", "learning”技术", "即所谓的“machine learning”技术"),
        # A word cut anywhere: its pieces are no words, or it is one.
        ("作用（Visn", "al），并", "作用（Visnal），并"),
        ("新型（Graph", "ene）材料", "新型（Graphene）材料"),
        ("使用（sun", "light）照明", "使用（sunlight）照明"),
    ],
)
def test_latin_term_in_brackets_wrapped_at_its_space(left: str, right: str, expected: str) -> None:
    assert join_lines([left, right]) == expected


@pytest.mark.parametrize(
    ("left", "right", "expected"),
    [
        # A web address longer than the column, cut anywhere.
        (
            "登录官网 https://www.example-w",
            "aic.cn/forum 查看",
            "登录官网 https://www.example-waic.cn/forum 查看",
        ),
        ("登录官网https://www.exam", "ple.cn/news查看", "登录官网https://www.example.cn/news查看"),
        ("see www.exam", "ple.org/a?id=3 now", "see www.example.org/a?id=3 now"),
        # Its hyphen is its own, whatever word the pieces make.
        ("官网www.sun-", "light.cn查看", "官网www.sun-light.cn查看"),
        ("write to team-", "work@example.com", "write to team-work@example.com"),
        # A word after an address is a word of its own.
        ("visit https://example.com/a", "and see", "visit https://example.com/a and see"),
        ("visit www.example.com", "today.", "visit www.example.com today."),
        ("read and/or", "write.", "read and/or write."),
    ],
)
def test_a_web_address_cut_anywhere_takes_no_space(left: str, right: str, expected: str) -> None:
    assert join_lines([left, right]) == expected


def test_a_column_of_numbers_joins_in_linear_time(monkeypatch: pytest.MonkeyPatch) -> None:
    """Not a timing: the CJK searches a block of number lines costs. Each break
    between two numbers asked whether the whole block held CJK, so a column of
    numbers (a table's, a list's) took quadratic time: 64 KB of them ran for a
    minute. The block is asked once now."""
    calls = {"n": 0}
    real = join.CJK_CHAR

    class Counting:
        def search(self, text: str) -> object:
            calls["n"] += 1
            return real.search(text)

        def match(self, text: str) -> object:
            return real.match(text)

    monkeypatch.setattr(join, "CJK_CHAR", Counting())
    monkeypatch.setattr(joints, "CJK_CHAR", Counting())
    counts = []
    for size in (200, 800):
        calls["n"] = 0
        lines = [str(k) for k in range(size)]
        assert join_lines(lines) == " ".join(lines)
        counts.append(calls["n"])
    assert counts[1] <= 4.5 * max(1, counts[0]), counts


@pytest.mark.parametrize(
    ("left", "right", "expected"),
    [
        ("浓度为48", "μg/m³，同比", "浓度为48μg/m³，同比"),
        ("直径小于10", "μm的颗粒", "直径小于10μm的颗粒"),
        ("电阻为5", "Ω，电流", "电阻为5Ω，电流"),
    ],
)
def test_a_unit_sign_after_a_number_in_cjk_text_takes_no_space(
    left: str, right: str, expected: str
) -> None:
    assert glued(left, right) == expected


def test_a_per_mille_sign_binds_its_number_as_a_percent_sign_does() -> None:
    assert glued("盐度为3", "‰，较往年") == "盐度为3‰，较往年"
    assert glued("a rate of 3", "‰ a year") == "a rate of 3‰ a year"


@pytest.mark.parametrize(
    ("left", "right", "expected"),
    [
        ("售价为$", "399，约合", "售价为$399，约合"),
        ("售价€", "299起", "售价€299起"),
        ("priced at £", "199 in", "priced at £199 in"),
    ],
)
def test_a_currency_sign_cut_from_its_number_takes_no_space(
    left: str, right: str, expected: str
) -> None:
    assert glued(left, right) == expected


@pytest.mark.parametrize(
    ("left", "right", "expected"),
    [
        ("今年PM", "2.5浓度", "今年PM2.5浓度"),
        ("排放的CO", "2总量", "排放的CO2总量"),
        ("全长5", "km的道路", "全长5km的道路"),
        ("共有3", "A级景区", "共有3A级景区"),
        # capitals and digits alternating: one code wherever the column cuts it (fuzz10)
        ("禽流感H5", "N1病毒", "禽流感H5N1病毒"),
        ("发现H7N", "9病例", "发现H7N9病例"),
        ("发展B2", "B业务", "发展B2B业务"),
        # a unit set apart from its number, cut between its letters (fuzz10)
        ("全长697.3 k", "m的道路", "全长697.3 km的道路"),
        ("浓度为48 μ", "g/m³，", "浓度为48 μg/m³，"),
        # a code cut before its hyphen (fuzz10)
        ("新增COVID", "-19病例", "新增COVID-19病例"),
        ("采购F", "-35战机", "采购F-35战机"),
    ],
)
def test_a_number_and_its_unit_or_code_in_cjk_text_join_solid(
    left: str, right: str, expected: str
) -> None:
    assert glued(left, right) == expected


@pytest.mark.parametrize(
    ("left", "right", "expected"),
    [
        ("升级到Windows", "11系统", "升级到Windows 11系统"),
        ("发布了iPhone", "15系列", "发布了iPhone 15系列"),
        ("a road of about 5", "km to the east", "a road of about 5 km to the east"),
        ("a reading of 48", "μg/m³ on Monday", "a reading of 48 μg/m³ on Monday"),
        ("the H5", "N1 strain", "the H5 N1 strain"),
        ("fell from 5 to", "-5 degrees", "fell from 5 to -5 degrees"),
    ],
)
def test_a_word_before_its_number_and_latin_units_keep_their_space(
    left: str, right: str, expected: str
) -> None:
    assert glued(left, right) == expected


def test_a_page_that_sets_its_units_apart_keeps_the_space_at_a_break() -> None:
    vocab = Vocabulary(["功率 100 W，电压 220 V，重 3 kg"])
    assert glued("重约100", "kg的货物", vocab) == "重约100 kg的货物"


@pytest.mark.parametrize(
    ("page", "left", "right", "expected"),
    [
        # The page writes the pair spaced only: the break keeps the space.
        ("新一代的AI 2.0平台与AI 2.0应用", "发布了AI", "2.0版本", "发布了AI 2.0版本"),
        ("今年PM 2.5浓度下降", "上周PM", "2.5浓度", "上周PM 2.5浓度"),
        # Both: the commoner spelling wins.
        ("AI 2.0平台、AI2.0应用、AI2.0论坛", "发布了AI", "2.0版本", "发布了AI2.0版本"),
        ("AI 2.0平台、AI 2.0应用、AI2.0论坛", "发布了AI", "2.0版本", "发布了AI 2.0版本"),
        # A unit the page sets apart (letters or a sign), though others go solid.
        ("全长 5 km，宽3m，深2m", "全长约5", "km的道路", "全长约5 km的道路"),
        ("电阻 10 Ω，内阻 20 Ω", "电阻为5", "Ω，电流", "电阻为5 Ω，电流"),
        ("电阻10Ω，内阻 20 Ω，外阻30Ω", "电阻为5", "Ω，电流", "电阻为5Ω，电流"),
        # A symbol unit too, though a symbol otherwise joins as CJK does.
        ("在零下5 ℃到85 ℃之间", "零下40", "℃到", "零下40 ℃到"),
        ("在零下5℃到85℃之间", "零下40", "℃到", "零下40℃到"),
    ],
)
def test_a_number_and_its_letters_at_a_break_follow_the_pages_own_spelling(
    page: str, left: str, right: str, expected: str
) -> None:
    assert glued(left, right, Vocabulary(page)) == expected


@pytest.mark.parametrize(
    ("page", "left", "right", "expected"),
    [
        # A unit after a number, cut between its letters.
        ("", "压力约为6,000P", "a的容器", "压力约为6,000Pa的容器"),
        ("", "浊度不超过1N", "TU，出水", "浊度不超过1NTU，出水"),
        ("", "压力为300k", "Pa左右", "压力为300kPa左右"),
        ("", "容量为2万m", "³，全市", "容量为2万m³，全市"),
        # A formula the page spells solid.
        ("二氧化氮（NO2）的浓度", "排放的N", "O2仍然偏高", "排放的NO2仍然偏高"),
        # No evidence: the space stays.
        ("", "排放的N", "O2仍然偏高", "排放的N O2仍然偏高"),
        ("N O2与N O2，NO2", "排放的N", "O2仍然偏高", "排放的N O2仍然偏高"),
        # A Latin phrase cut at its real space.
        ("", "首席执行官Tim", "Cook表示", "首席执行官Tim Cook表示"),
        ("", "他曾在New", "York工作", "他曾在New York工作"),
        ("", "一场名为Power", "Up的活动", "一场名为Power Up的活动"),
        # No CJK: Latin text keeps its word spaces.
        ("", "a pressure of 6,000P", "a today", "a pressure of 6,000P a today"),
    ],
)
def test_a_cut_between_letters_in_cjk_text_joins_solid_only_on_evidence(
    page: str, left: str, right: str, expected: str
) -> None:
    assert glued(left, right, Vocabulary(page) if page else None) == expected


def test_a_grid_cut_inside_a_unit_or_formula_joins_solid() -> None:
    assert cut_words.grid_cut_evidence("压力约为6,000P", "a的容器") is not None
    assert cut_words.grid_cut_evidence("排放的N", "O2增加", Vocabulary("NO2的浓度")) is not None
    assert cut_words.grid_cut_evidence("首席执行官Tim", "Cook表示") is None
    # A grid cut between a number and its code follows the page's spaced spelling.
    assert cut_words.grid_cut_evidence("发布了AI", "2.0版", Vocabulary("AI 2.0平台")) is None


# The edges `join_lines` settles without asking `explained_joint` (a Han
# character at the break) beside every kind of neighbour it must still tell apart.
HAN_EDGE_NEIGHBOURS = [
    *"字，a5 “”—…-%℃",
    "\u200b",  # zero-width space
    "\ufeff",  # BOM
    "\u00ad",  # soft hyphen
]


@pytest.mark.parametrize("other", HAN_EDGE_NEIGHBOURS)
def test_a_break_at_a_han_character_joins_as_explained_joint_says(other: str) -> None:
    for left, right in ((f"他说{other}", "好的"), ("我们", f"{other}你们"), (f"a{other}", "中b")):
        if not left.strip() or not right.strip():
            continue
        head, sep, _ = joints.explained_joint(left.strip(), right.strip())
        assert join_lines([left, right, "abc"]).startswith(head + sep + right.strip())


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="字者生，。　Ａa1 \n“”—…·-\u00ad\u200b\ufeffかㄅ한%", max_size=10))
def test_the_common_cjk_guard_changes_no_break_search(text: str) -> None:
    # `NOT_COMMON_CJK_PAIR` only skips breaks no case of `BREAK_CASES` matches.
    bare = re.compile(f"\n(?:{join.BREAK_CASES})")
    found, guarded = bare.search(text), join.BREAK_NEEDS_RULES.search(text)
    assert (found and found.start()) == (guarded and guarded.start())
