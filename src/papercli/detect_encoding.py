"""What the bytes of an input say about its encoding before any codec is trusted:
binary data, UTF-16/32 without a BOM, the 7-bit escaped encodings, how a short
file reads before chardet is asked (`short_reading`), even one that happens to
be valid UTF-8. `textio` (whole files) and
`textstream` (streamed ones) both ask here, so a file decodes the same either way.

No chardet here: these tests are cheap and run before it is ever imported.
"""

from __future__ import annotations

import codecs
import re

from papercli import hanread
from papercli.chars import lazy_pattern

# How much of a file detection reads: enough for a confident guess on a newspaper
# page, bounded so that a 100 MB file does not cost seconds of detection.
DETECT_PREFIX_BYTES = 64 * 1024

# Control characters that never occur in text; NUL alone is the classic binary sign,
# the others catch executables and images that happen to have no NUL in the prefix.
BINARY_CONTROLS = frozenset(range(0x00, 0x09)) | frozenset((0x0E, 0x0F, 0x10, 0x11, 0x12))

# Half of a UTF-16 surrogate pair on its own: valid in a Python str, never in text.
LONE_SURROGATE = re.compile("[\ud800-\udfff]")

# BINARY_CONTROLS as a byte class: one C scan instead of a Python loop per byte.
BINARY_BYTE = re.compile(b"[" + re.escape(bytes(sorted(BINARY_CONTROLS))) + b"]")


def looks_binary(data: bytes) -> bool:
    return BINARY_BYTE.search(data, 0, DETECT_PREFIX_BYTES) is not None


# Characters that make up nearly all of a real page: Han, CJK and fullwidth
# punctuation, kana, Hangul syllables, printable ASCII and whitespace, and the
# symbols papers set among them: middle dot, degree and times signs, letterlike
# and number forms (℃ № Ⅱ), arrows, circled numbers, box and geometric shapes
# (○ ● ■ ◆, list marks and an old advertisement's separators) and stars.
# Compiled on first use (see `chars.lazy_pattern`): only input that is not UTF-8 needs it.
plain_text_char = lazy_pattern(
    "[\u4e00-\u9fff\u3400-\u4dbf\u3000-\u30ff\uff00-\uffef\uac00-\ud7af"
    "\u2010-\u2027\u0020-\u007e\t\n\r\f\u00b7\u00b0\u00d7"
    "\u2100-\u21ff\u2460-\u24ff\u2500-\u25ff\u2605\u2606]"
)
WIDE_PLAIN_SHARE = 0.9
# Code unit size of each BOM-less wide encoding tried, UTF-16 first: UTF-32 text
# read as UTF-16 has a NUL in every other unit, and fails at once.
WIDE_CODECS = (("utf-16-le", 2), ("utf-16-be", 2), ("utf-32-le", 4), ("utf-32-be", 4))


ESCAPES_METHOD = "7-bit escapes"


def shape_method(codec: str) -> str:
    """How a BOM-less wide encoding was found, as `Decoded.method` says it."""
    return f"{codec[:6]} shape (no BOM)"


def sniff_wide(data: bytes) -> str | None:
    r"""UTF-16 or UTF-32 without a BOM, told from binary by what it decodes to:
    the prefix decodes strictly (one codec, one endianness) to text with no
    control characters, nearly all of it Han, CJK punctuation or printable ASCII.
    Binary data and the wrong codec decode to scattered code points (or NULs, or
    nothing) and fail that test.

    >>> sniff_wide("第一行，正文。\n第二行。\n".encode("utf-16-le"))
    'utf-16-le'
    >>> sniff_wide("第一行，正文。\n".encode("utf-16-be"))
    'utf-16-be'
    >>> sniff_wide("第一行，正文。\n".encode("utf-32-le")), sniff_wide("正文\n".encode("utf-32-be"))
    ('utf-32-le', 'utf-32-be')
    >>> sniff_wide(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64)) is None
    True
    """
    for codec, unit in WIDE_CODECS:
        # A wide file's length is a whole number of code units, and a page has
        # line ends: bytes of ASCII and a stray NUL also decode to Han code
        # points, but rarely to a newline.
        if len(data) % unit:
            continue
        prefix = data[: DETECT_PREFIX_BYTES - DETECT_PREFIX_BYTES % unit]
        try:
            text = codecs.getincrementaldecoder(codec)("strict").decode(prefix, final=False)
        except UnicodeDecodeError:
            continue
        if BINARY_CHAR.search(text) or LONE_SURROGATE.search(text):
            continue
        if "\n" not in text:
            # A headline or caption on one line, all common Han: its code units
            # hold a byte under 0x13 as often as not (一 is 4E 00, 夜 1C 59).
            if len(data) <= UTF8_BY_CHANCE_BYTES and _short_codec(data) == codec:
                return codec
            continue
        plain = len(plain_text_char().findall(text))
        if plain >= WIDE_PLAIN_SHARE * len(text):
            return codec
    return None


# 7-bit CJK encodings of mail and Usenet archives, by the escape that opens their
# two-byte text: HZ (`~{`), ISO-2022-KR (its header, then SO/SI, which read as
# binary) and ISO-2022-JP-2 (`ESC $`, which also switches to GB2312 and KS X 1001).
# Their bytes are ASCII, so UTF-8 decodes them without error, to escape sequences.
ESCAPED_CODECS = ((b"~{", "hz"), (b"\x1b$)C", "iso2022_kr"), (b"\x1b$", "iso2022_jp_2"))
# What the escaped text must decode to: a real page, not `~{` in a program or a
# TeX file that happens to decode to a character or two.
ESCAPED_MIN_CJK = 8
cjk_char = lazy_pattern("[\u4e00-\u9fff\u3400-\u4dbf\u3040-\u30ff\uac00-\ud7af]")


def sniff_escaped(data: bytes) -> str | None:
    r"""HZ, ISO-2022-KR or ISO-2022-JP-2, told by their escapes and by what the
    prefix decodes to: strictly, with no control character, and to Han, kana or
    Hangul (eight characters at least).

    >>> sniff_escaped("新华社北京电，记者报道。\n".encode("hz"))
    'hz'
    >>> sniff_escaped("東京都は今年も古い住宅の改修\n".encode("iso2022_jp"))
    'iso2022_jp_2'
    >>> sniff_escaped(b"\\begin{document} a~{b} ~{x~}\n") is None
    True
    """
    prefix = data[:DETECT_PREFIX_BYTES]
    if not prefix.isascii():
        return None
    for mark, codec in ESCAPED_CODECS:
        if mark not in prefix:
            continue
        try:
            text = codecs.getincrementaldecoder(codec)("strict").decode(prefix, final=False)
        except UnicodeDecodeError:
            continue
        if not BINARY_CHAR.search(text) and len(cjk_char().findall(text)) >= ESCAPED_MIN_CJK:
            return codec
    return None


# The same controls as characters, checked on the whole decoded text: binary data
# can sit past the bounded prefix, after a BOM, or under an explicit --encoding.
BINARY_CHAR = re.compile("[" + "".join(chr(c) for c in sorted(BINARY_CONTROLS)) + "]")


# A GB18030 or Big5 file this short can be valid UTF-8 by chance: a two-byte
# character whose bytes are C2-DF then 80-BF is also a UTF-8 sequence (`影`, D3 B0,
# reads as `Ӱ`), about one in seven Chinese characters; three in a row, one in 300.
UTF8_BY_CHANCE_BYTES = 64
ascii_letter = lazy_pattern("[A-Za-z]")


def legacy_despite_utf8(data: bytes, text: str) -> tuple[str, str] | None:
    """The reading (codec, method) of a short file that strict UTF-8 also
    decodes, to `text`: only when that text has no character past U+07FF (so no
    Han) and no ASCII letter (a Latin word with an accent reads in GB18030 as Han
    among letters), and `short_reading` reads the bytes otherwise: as UTF-16 in
    one byte order (`點` is DE 9E in UTF-16-LE, which UTF-8 reads as a Thaana
    letter) or by one Chinese codec (`影` is D3 B0 in GB18030, UTF-8 for `Ӱ`).

    >>> data = "影\\n".encode("gb18030")
    >>> legacy_despite_utf8(data, data.decode())
    ('gb18030', 'common Han characters')
    >>> legacy_despite_utf8(b"caf\\xc3\\xa9", "café") is None
    True
    >>> data = "點體".encode("utf-16-le")
    >>> legacy_despite_utf8(data, data.decode())
    ('utf-16-le', 'utf-16 shape (no BOM)')
    """
    if len(data) > UTF8_BY_CHANCE_BYTES or text.isascii() or ascii_letter().search(text):
        return None
    if max(text) > "\u07ff":
        return None
    return short_reading(data, final=True)


# The method of a file one Chinese codec reads as common Han (`hanread`).
COMMON_HAN = "common Han characters"


def short_reading(data: bytes, *, final: bool) -> tuple[str, str] | None:
    """The reading (codec, method) of a short file that chardet is not asked
    about, or None: UTF-16 in one byte order when the bytes are a whole file that
    reads in it as common Han alone (`hanread.by_wide_reading`; method as
    `shape_method` says, as for longer BOM-less UTF-16), else the one Chinese
    codec that reads them plainly (`hanread.by_plain_reading`; method
    `COMMON_HAN`). Every short reading is decided here: `textio.guess_encoding`
    (a file of up to `hanread.SHORT_PREFIX_BYTES` that is not UTF-8),
    `legacy_despite_utf8` (one of up to `UTF8_BY_CHANCE_BYTES` that is) and
    `sniff_wide` (one with control bytes and no line end).

    UTF-16 comes first: it is the narrower test (every character wide and
    common, where the plain reading admits ASCII), and ASCII is what a Chinese
    codec makes of half the bytes of UTF-16 Han (`工作` in UTF-16-BE, 5D E5 4F
    5C, reads in GB18030 as `]錙\\`). On headline- and line-sized pieces of 757
    pages in GB18030, GBK, Big5, cp950 and BOM-less UTF-16, with and without a
    line end, both readings passed on 5,392 files and UTF-16 was right on 5,388
    (the other 4: Big5 `20多`, which UTF-16-LE reads as `〲梦`).

    >>> short_reading("体人大山工作".encode("utf-16-be"), final=True)
    ('utf-16-be', 'utf-16 shape (no BOM)')
    >>> short_reading("颱風過境，".encode("big5"), final=True)
    ('big5hkscs', 'common Han characters')
    >>> short_reading("caf\\xe9 cr\\xe8me".encode("latin-1"), final=True) is None
    True
    """
    # The UTF-16 reading judges a whole file (a headline with no line end).
    wide = hanread.by_wide_reading(data) if final else None
    if wide is not None:
        return wide, shape_method(wide)
    plain = hanread.by_plain_reading(data, final=final)
    if plain is not None:
        return hanread.big5_reading(plain, data), COMMON_HAN
    return None


def _short_codec(data: bytes) -> str | None:
    """The codec `short_reading` reads a whole short file in, if any."""
    reading = short_reading(data, final=True)
    return reading[0] if reading else None
