"""textio on pages from other producers: Windows Big5 (cp950), files cut short,
files with a few damaged bytes. The bytes are generated here from short texts."""

from __future__ import annotations

import io

import pytest

from papercli import hanread, textio, textstream

# A Taiwan page as Windows (cp950) or iconv's BIG5 writes it: a range with ～,
# a foreign name with the interpunct ‧, an enumeration comma ﹑ and a yen sign.
TAIWAN = (
    "（中央社記者林家豪台北５日電）美國職籃球星克里斯‧保羅今天抵台，\n"
    "將停留三～五天﹑出席兩場活動，門票每張約￥５００。\n"
    "主辦單位表示，活動收入將全數捐作公益。\n"
)


def test_windows_big5_symbols_are_read_as_cp950_not_as_their_hkscs_twins() -> None:
    # Big5-HKSCS reads these bytes as ∼ • ､ ¥: the page came out changed, silently.
    data = TAIWAN.encode("cp950")
    decoded = textio.decode_bytes(data, name="tw.txt")
    assert (decoded.encoding, decoded.text) == ("cp950", TAIWAN)
    assert textio.decode_bytes(data, name="tw.txt", encoding="cp950").text == TAIWAN


def test_windows_big5_with_a_euro_sign_is_read() -> None:
    # A3E1 is the euro sign in cp950 and nothing in Big5-HKSCS: the page was refused,
    # and --encoding cp950 (widened to Big5-HKSCS) could not read it either.
    text = TAIWAN + "歐洲來的球迷則需付€５。\n"
    data = text.encode("cp950")
    assert textio.decode_bytes(data, name="tw.txt").text == text
    decoded = textio.decode_bytes(data, name="tw.txt", encoding="cp950")
    assert (decoded.encoding, decoded.text) == ("cp950", text)


def test_big5_without_those_symbols_stays_big5hkscs() -> None:
    # Hong Kong text with HKSCS characters (佢, 冇, 嘅): cp950 cannot read it.
    text = "（本報訊）佢哋話今日冇落雨，市民照常出門，天文台嘅預報準確。\n" * 3
    decoded = textio.decode_bytes(text.encode("big5hkscs"), name="hk.txt")
    assert (decoded.encoding, decoded.text) == ("big5hkscs", text)
    plain = "主辦單位表示，活動收入將全數捐作公益。\n".encode("cp950")
    assert hanread.big5_reading("big5hkscs", plain) == "big5hkscs"


def test_windows_big5_numerals_are_read_as_cp950_not_as_kana() -> None:
    # cp950 lays out C6A1-C7FC differently from Big5-HKSCS: a series number `①`
    # (C7E9) came out as the katakana `ロ`, and `⑴` as the Cyrillic `А`.
    text = "傳統商業夜晚也精彩（夜間經濟觀察①）\n本條例第⑴款規定，違者處以罰款。\n"
    decoded = textio.decode_bytes(text.encode("cp950"), name="tw.txt")
    assert (decoded.encoding, decoded.text) == ("cp950", text)
    # The same numerals written in Big5-HKSCS stay Big5-HKSCS.
    decoded = textio.decode_bytes(text.encode("big5hkscs"), name="hk.txt")
    assert (decoded.encoding, decoded.text) == ("big5hkscs", text)


def test_big5_hkscs_numerals_outweigh_a_yen_sign() -> None:
    # A244 is ￥ in cp950 and ¥ in Big5-HKSCS: a restyled sign, while cp950 reads
    # the HKSCS numerals ⑴ ⑵ (C6AB, C6AC) as the kana ぇ え. A Big5-HKSCS page
    # with both came out as kana (fuzz10).
    text = "⑴本報訊，今日各項目議定。\n⑵價格為¥5元，由單位辦理。\n"
    decoded = textio.decode_bytes(text.encode("big5hkscs"), name="hk.txt")
    assert (decoded.encoding, decoded.text) == ("big5hkscs", text)
    # The yen sign alone, or with cp950's own numerals, still reads as cp950.
    for tw in ("價格為￥5元。\n", "觀察①：價格為￥5元。\n"):
        assert hanread.big5_reading("big5hkscs", tw.encode("cp950")) == "cp950"


def test_windows_big5_streams_like_the_whole_file() -> None:
    data = (TAIWAN * 4000).encode("cp950")  # longer than the detection prefix
    stream = textstream.TextStream(io.BytesIO(data), name="tw.txt", chunk_bytes=4097)
    assert stream.encoding == textio.decode_bytes(data, name="tw.txt").encoding == "cp950"
    assert "".join(stream.texts()) == TAIWAN * 4000


@pytest.mark.parametrize("codec", ["utf-8", "gb18030", "big5hkscs", "shift_jis"])
def test_a_file_cut_inside_a_character_says_so(codec: str) -> None:
    # Was "cannot decode ... try --encoding gb18030": advice that reads the rest of
    # a UTF-8 page as mojibake.
    text = "東京の記者が伝えた。" if codec == "shift_jis" else "主辦單位表示活動收入將捐作公益"
    data = (text * 3).encode(codec)[:-1]
    with pytest.raises(textio.InputError, match=r"ends inside a .* character .* cut short"):
        textio.decode_bytes(data, name="x", encoding=codec)


def test_a_stray_byte_at_the_end_is_not_a_cut_character() -> None:
    assert not textio.cut_inside_char(b"\xff", "gb18030")
    assert not textio.cut_inside_char(b"\xff", "utf-8")
    with pytest.raises(textio.InputError, match="cannot decode byte 0xff"):
        textio.decode_bytes("中文".encode() + b"\xff", name="x", encoding="utf-8")


PAGE = "記者今天報道，全市公安機關開展專項活動，推動業務工作雙促進、同驅動。\n" * 20


@pytest.mark.parametrize(
    ("codec", "insert", "first_bad"),
    [
        ("utf-8", b"\xff", 0),
        ("utf-8", "caf\xe9 ".encode("latin-1"), 3),  # a word in Latin-1
        ("utf-8", "中文".encode("gbk"), 0),  # a piece in another encoding
        ("gb18030", b"\x80", 0),
        ("big5hkscs", b"\xff", 0),
    ],
)
def test_a_damaged_page_is_named_for_what_it_is(codec: str, insert: bytes, first_bad: int) -> None:
    # Was "not UTF-8 (byte 0x.. at offset 1) ... try --encoding gb18030": the wrong
    # offset, and an encoding that reads UTF-8 bytes as mojibake.
    data = PAGE.encode(codec)
    cut = data.index(b"\n", len(data) // 2) + 1
    damaged = data[:cut] + insert + data[cut:]
    with pytest.raises(textio.InputError) as caught:
        textio.decode_bytes(damaged, name="x")
    message = str(caught.value)
    assert f"reads as {codec} but for" in message
    assert f"at offset {cut + first_bad}: the file is damaged" in message
    assert "try --encoding" not in message



def test_windows_big5_kana_is_no_damage_in_the_undetected_message() -> None:
    # C6D3 is `は` in cp950 and nothing in Big5-HKSCS: a cp950 page no detector was
    # sure of was called damaged Big5-HKSCS, "no --encoding reads it" (fuzz10),
    # while --encoding cp950 reads it whole.
    data = "本報訊，各單位於今日舉行會議，討論經濟發展之相關問題はと。\n".encode("cp950")
    message = hanread.undetected_message(data, "tw.txt")
    assert "damaged" not in message and "--encoding gb18030 (or cp950)" in message
    assert textio.decode_bytes(data, name="tw.txt", encoding="cp950").text.endswith("はと。\n")
