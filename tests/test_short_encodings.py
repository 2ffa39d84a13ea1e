"""Short legacy files (a caption, a headline, one line of a page): read by the
plain Chinese reading before chardet, whose models need more text."""

from __future__ import annotations

import io
import subprocess
import sys

import pytest

from papercli import detect_encoding, hanread, textio, textstream

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


# `detect_encoding.short_reading` decides every short file chardet is not asked
# about; its branches, then its three callers.
WIDE = detect_encoding.shape_method("utf-16-le"), detect_encoding.shape_method("utf-16-be")


def test_short_reading_takes_a_whole_utf16_file_that_is_all_common_han() -> None:
    data = "冬泳爱好者".encode("utf-16-le")
    assert hanread.by_plain_reading(data, final=True) is None
    assert detect_encoding.short_reading(data, final=True) == ("utf-16-le", WIDE[0])


def test_short_reading_prefers_utf16_when_a_chinese_codec_reads_it_plainly_too() -> None:
    # `工作` in UTF-16-BE, 5D E5 4F 5C, is `]錙\` in GB18030: Han among ASCII.
    data = "工作".encode("utf-16-be")
    assert hanread.by_plain_reading(data, final=True) == "gb18030"
    assert hanread.by_wide_reading(data) == "utf-16-be"
    assert detect_encoding.short_reading(data, final=True) == ("utf-16-be", WIDE[1])


def test_short_reading_asks_utf16_of_whole_files_only() -> None:
    # A prefix cut from a longer file: only the Chinese codecs read it.
    data = "工作".encode("utf-16-be")
    assert detect_encoding.short_reading(data, final=False) == ("gb18030", textio.COMMON_HAN)


@pytest.mark.parametrize(
    ("data", "codec"),
    [
        ("夜市重开\n".encode("gb18030"), "gb18030"),
        ("夜市重開\n".encode("big5"), "big5hkscs"),
        ("克里斯‧保羅\n".encode("cp950"), "cp950"),  # the Big5 table: see `big5_reading`
    ],
)
def test_short_reading_takes_the_one_chinese_codec_that_reads_plainly(
    data: bytes, codec: str
) -> None:
    assert detect_encoding.short_reading(data, final=True) == (codec, textio.COMMON_HAN)


@pytest.mark.parametrize("codec", ["gb18030", "gbk"])
@pytest.mark.parametrize("text", ["□ 社区义诊\n", "■ 本报评论员\n", "●新建大桥通车"])
def test_a_short_gb_piece_with_a_symbol_reads_as_chinese(text: str, codec: str) -> None:
    # An OCR engine's `□` for a character it could not read, or a byline's
    # `■`, counted as a character no Chinese page shows (fuzz8).
    decoded = textio.decode_bytes(text.encode(codec), name="cap.txt")
    assert (decoded.text, decoded.encoding) == (text, "gb18030")


@pytest.mark.parametrize("text", ["」", "《夜市重开》\n", "「桥」"])
def test_a_gb_bracket_that_big5_reads_as_a_shape_stays_gb(text: str) -> None:
    # Big5 reads GB's corner brackets and title marks as ▽ ☆ ■: shapes are
    # plain in a GB reading only, or the Big5 reading would pass as plain too.
    decoded = textio.decode_bytes(text.encode("gb18030"), name="cap.txt")
    assert (decoded.text, decoded.encoding) == (text, "gb18030")


@pytest.mark.parametrize(
    "data", [b"caf\xe9 cr\xe8me", "日銀、追加利上げ".encode("shift_jis"), b"", b"\xa1"]
)
def test_short_reading_reads_nothing_else(data: bytes) -> None:
    assert detect_encoding.short_reading(data, final=True) is None


def test_a_utf16_headline_that_is_valid_utf8_by_chance_reads_as_utf16() -> None:
    # `尊重` in UTF-16-LE is 0A 5C CD 91: UTF-8 for `\n\͑` (no Han, no letter),
    # and GB18030 reads it plainly too, as `\n\蛻`; it was read so.
    text = "尊重"
    data = text.encode("utf-16-le")
    data.decode("utf-8")
    assert hanread.by_plain_reading(data, final=True) == "gb18030"
    decoded = textio.decode_bytes(data, name="cap.txt")
    assert (decoded.text, decoded.encoding, decoded.method) == (text, "utf-16-le", WIDE[0])
    stream = textstream.TextStream(io.BytesIO(data), name="cap.txt")
    assert ("\n".join(stream.lines()), stream.encoding, stream.method) == (
        text,
        "utf-16-le",
        WIDE[0],
    )


@pytest.mark.parametrize(
    ("data", "codec"),
    [
        ("工作".encode("utf-16-be"), "utf-16-be"),  # not UTF-8: guess_encoding
        ("尊重".encode("utf-16-le"), "utf-16-le"),  # UTF-8 by chance: legacy_despite_utf8
        ("人民".encode("utf-16-le"), "utf-16-le"),  # a control byte (11): sniff_wide
        ("夜市重开".encode("gb18030"), "gb18030"),  # not UTF-8
        ("影".encode("gb18030"), "gb18030"),  # UTF-8 by chance
    ],
)
def test_every_caller_labels_a_short_reading_alike(data: bytes, codec: str) -> None:
    method = WIDE[codec.endswith("be")] if codec.startswith("utf-16") else textio.COMMON_HAN
    assert detect_encoding.short_reading(data, final=True) == (codec, method)
    decoded = textio.decode_bytes(data, name="cap.txt")
    assert (decoded.encoding, decoded.method) == (codec, method)
    stream = textstream.TextStream(io.BytesIO(data), name="cap.txt")
    list(stream.lines())
    assert (stream.encoding, stream.method) == (codec, method)


def test_a_short_reading_does_not_import_chardet() -> None:
    files = [
        "夜市重开\n".encode("gb18030"),
        "夜市重開\n".encode("big5"),
        "工作".encode("utf-16-be"),
        "尊重".encode("utf-16-le"),
        "人民".encode("utf-16-le"),
        "影\n".encode("gb18030"),
    ]
    code = (
        "import sys\n"
        "from papercli import textio\n"
        f"for data in {files!r}:\n"
        "    textio.decode_bytes(data, name='cap.txt')\n"
        "print('chardet' in sys.modules)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.strip() == "False", done.stderr
