"""Short legacy files (a caption, a headline, one line of a page): read by the
plain Chinese reading before chardet, whose models need more text."""

from __future__ import annotations

import io

import pytest

from papercli import textio, textstream

# Own headline- and caption-sized pieces, Simplified and Traditional.
SIMPLIFIED = [
    "冬泳爱好者\n",
    "新建大桥通车\n",
    "夜市重开\n",
    "一场秋雨一场寒\n",
    "社区义诊\n",
    "小镇故事\n",
    "桥\n",
]
TRADITIONAL = [
    "舊區重建\n",
    "電車百年\n",
    "夜市重開\n",
    "新橋通車\n",
    "社區義診\n",
    "鄉村故事\n",
]


@pytest.mark.parametrize("text", SIMPLIFIED)
@pytest.mark.parametrize("codec", ["gb18030", "gbk", "gb2312"])
def test_a_short_gb_piece_reads_as_chinese(text: str, codec: str) -> None:
    decoded = textio.decode_bytes(text.encode(codec), name="cap.txt")
    assert (decoded.text, decoded.encoding) == (text, "gb18030")


@pytest.mark.parametrize("text", TRADITIONAL)
@pytest.mark.parametrize("codec", ["big5", "big5hkscs", "cp950"])
def test_a_short_big5_piece_reads_as_chinese(text: str, codec: str) -> None:
    decoded = textio.decode_bytes(text.encode(codec), name="cap.txt")
    assert decoded.text == text
    assert decoded.encoding in ("big5hkscs", "cp950")


@pytest.mark.parametrize("text", SIMPLIFIED[:2] + TRADITIONAL[:1])
def test_a_short_piece_reads_the_same_streamed(text: str) -> None:
    codec = "big5" if text in TRADITIONAL else "gb18030"
    data = text.encode(codec)
    whole = textio.decode_bytes(data, name="cap.txt")
    stream = textstream.TextStream(io.BytesIO(data), name="cap.txt")
    assert "\n".join(stream.lines()) == text.rstrip("\n")
    assert stream.encoding == whole.encoding


@pytest.mark.parametrize(
    ("text", "codec"),
    [
        ("Caf\xe9 cr\xe8me, cr\xeape.\n", "latin-1"),
        ("日銀、追加利上げを決定\n", "shift_jis"),
        ("Привет, мир\n", "cp1251"),
    ],
)
def test_a_short_piece_of_another_script_is_not_read_as_chinese(text: str, codec: str) -> None:
    try:
        decoded = textio.decode_bytes(text.encode(codec), name="cap.txt")
    except textio.InputError as exc:
        assert "cap.txt" in str(exc)
    else:
        assert decoded.encoding not in ("gb18030", "big5hkscs", "cp950")


@pytest.mark.parametrize("text", ["影\n", "影讯\n"])
def test_a_short_gb_file_that_is_valid_utf8_by_chance_reads_as_gb(text: str) -> None:
    data = text.encode("gb18030")
    data.decode("utf-8")  # valid UTF-8 by chance: `影` is D3 B0, UTF-8 for `Ӱ`
    decoded = textio.decode_bytes(data, name="cap.txt")
    assert (decoded.text, decoded.encoding) == (text, "gb18030")
    stream = textstream.TextStream(io.BytesIO(data), name="cap.txt")
    assert "\n".join(stream.lines()) == text.rstrip("\n")
    assert stream.encoding == "gb18030"


@pytest.mark.parametrize("text", ["caf\xe9\n", "Ӱ Stra\xdfe\n", "\xa9 2024\n", "«»\n"])
def test_short_utf8_with_letters_or_symbols_stays_utf8(text: str) -> None:
    assert textio.decode_bytes(text.encode(), name="cap.txt").encoding == "utf-8"


# One-line headlines in UTF-16 without a BOM and without a line end: no NUL to
# call the file wide, and half of them hold a byte under 0x13 (一 is 4E 00).
WIDE_HEADLINES = ["冬泳爱好者", "新建大桥通车", "夜市重开", "舊區重建", "一场秋雨一场寒", "點體"]


@pytest.mark.parametrize("text", WIDE_HEADLINES)
@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_a_one_line_utf16_headline_without_bom_reads_as_chinese(text: str, codec: str) -> None:
    data = text.encode(codec)
    decoded = textio.decode_bytes(data, name="cap.txt")
    assert (decoded.text, decoded.encoding) == (text, codec)
    stream = textstream.TextStream(io.BytesIO(data), name="cap.txt")
    assert ("\n".join(stream.lines()), stream.encoding) == (text, codec)


@pytest.mark.parametrize("text", ["人工智能", "夜市重开", "社区义诊"])
def test_a_short_gb_piece_is_not_read_as_utf16(text: str) -> None:
    assert textio.decode_bytes(text.encode("gb18030"), name="cap.txt").text == text
