"""Which Chinese codec reads a legacy page, from the text each reading gives: the
common-Han test `textio.guess_encoding` falls back on when chardet is unsure,
the Big5 table a page was written with (Windows' cp950 or Big5-HKSCS), and the
damage test that words the error for a page nothing reads.

Callers pass the bounded detection prefix, never a whole file.
"""

from __future__ import annotations

import codecs
import contextlib
import functools
import re

from papercli.chars import lazy_pattern

# Symbols that Windows Big5 (cp950), and iconv's BIG5, read as the full-width or
# CJK forms a Chinese page uses, where Big5-HKSCS (and Python's big5) read a
# Western or mathematical twin: A1E3 ～ not ∼, A145 ‧ not •, A14E ﹑ not ､,
# A244 ￥ not ¥, A246 ￠, A247 ￡; and the euro sign A3E1, which HKSCS lacks.
CP950_FORMS = frozenset("～‧﹑￥￠￡€")
BIG5_CODECS = ("big5hkscs", "cp950")
# The two tables also lay out C6A1-C7FC differently: where one reads a circled,
# parenthesised or Roman numeral (`①`, `⑴`, `Ⅳ`), the other reads kana or
# Cyrillic. A Chinese page numbers its items and series (`观察①`) far more often
# than it prints kana or Cyrillic, so the reading with more numerals and fewer of
# those scripts is the table the page was written with; the bytes both tables
# read alike count the same in both and cancel out.
NUMERAL_FORMS = lazy_pattern("[\u2160-\u217f\u2460-\u24ff\u3220-\u3243\u3280-\u32b0]")
FOREIGN_FORMS = lazy_pattern("[\u0400-\u04ff\u3040-\u30ff]")


def big5_reading(codec: str, prefix: bytes) -> str:
    """The Big5 table a detected Big5 page was written with: cp950 when the
    prefix decodes in it and shows one of its own forms (`CP950_FORMS`) that
    Big5-HKSCS would misread or refuse, unless the Big5-HKSCS reading holds more
    numerals, or when it reads more like numbering than the Big5-HKSCS reading
    does (`numbering`); otherwise Big5-HKSCS, which reads HKSCS
    characters and, for pages without those, everything cp950 does.
    Decided on the bounded prefix alone (`textio.DETECT_PREFIX_BYTES`), so a file
    decodes the same whole or streamed.

    >>> big5_reading("big5hkscs", "三～五日，克里斯‧保羅".encode("cp950"))
    'cp950'
    >>> big5_reading("big5hkscs", "三至五日".encode("cp950")), big5_reading("gb18030", b"")
    ('big5hkscs', 'gb18030')
    >>> big5_reading("big5hkscs", "夜間經濟觀察①".encode("cp950"))
    'cp950'
    """
    if codec not in BIG5_CODECS:
        return codec
    readings = {
        big5: text for big5 in BIG5_CODECS if (text := _read_prefix(prefix, big5)) is not None
    }
    cp950 = readings.get("cp950")
    if cp950 is None:
        return "big5hkscs"
    hkscs = readings.get("big5hkscs")
    if hkscs is None:
        return "cp950"
    # cp950's forms (￥ for ¥) only restyle a sign; numerals the HKSCS reading
    # holds where cp950 reads kana (⑴ not ぇ) change the text: they decide first.
    more_numerals = len(NUMERAL_FORMS().findall(hkscs)) > len(NUMERAL_FORMS().findall(cp950))
    if not more_numerals and CP950_FORMS.intersection(cp950) - set(hkscs):
        return "cp950"
    return "cp950" if numbering(cp950) > numbering(hkscs) else "big5hkscs"


def numbering(reading: str) -> int:
    """How much a reading looks like a Chinese page's numbering: its numerals
    less its kana and Cyrillic (see `NUMERAL_FORMS`)."""
    return len(NUMERAL_FORMS().findall(reading)) - len(FOREIGN_FORMS().findall(reading))


# A file whose few undecodable bytes sit among text one reading decodes well is
# damaged (a stray byte, a piece in another encoding), not in an unknown encoding:
# saying "try another encoding" would send the user to mojibake.
DAMAGED_MAX_SHARE = 0.01


def undetected_message(prefix: bytes, name: str) -> str:
    """The error for a prefix no detector was sure of: where it is damaged, if
    UTF-8 or one Chinese codec reads all but a few bytes of it; else what to try."""
    sample = prefix
    # Windows' Big5 table reads codes Big5-HKSCS lacks (kana such as C6D3 `は`, the
    # euro sign): a file it reads whole is in cp950, not damaged Big5-HKSCS.
    windows_big5 = (
        _read_prefix(sample, "big5hkscs") is None and _read_prefix(sample, "cp950") is not None
    )
    for codec in ("utf-8", *HAN_CODECS):
        damage = None if windows_big5 and codec == "big5hkscs" else _damage(sample, codec)
        if damage is not None:
            offset, count = damage
            return (
                f"{name}: reads as {codec} but for {count} undecodable byte(s), the first is "
                f"byte 0x{sample[offset]:02x} at offset {offset}: the file is damaged or mixes "
                "encodings; repair those bytes (no --encoding reads it faithfully)"
            )
    bad = _first_bad_utf8_offset(sample)
    return (
        f"{name}: not UTF-8 (byte 0x{sample[bad]:02x} at offset {bad}) and the encoding "
        "could not be detected with confidence; try --encoding gb18030 "
        f"(or {'cp950' if windows_big5 else 'big5hkscs'})"
    )


def _read_prefix(prefix: bytes, codec: str, *, final: bool = False) -> str | None:
    """`prefix` decoded strictly by `codec` alone, or None where it refuses. The
    prefix may end inside a character, which is no error unless `final`."""
    try:
        return codecs.getincrementaldecoder(codec)("strict").decode(prefix, final=final)
    except UnicodeDecodeError:
        return None


def _damage(sample: bytes, codec: str) -> tuple[int, int] | None:
    """(first bad offset, count of bad bytes) when `codec` reads `sample` as text
    but for a few bytes: at most `DAMAGED_MAX_SHARE` of its characters replaced,
    at least `HAN_EVIDENCE` of them Han, nearly all common (for UTF-8, whose wrong
    readings are all replacement characters, any eight non-ASCII characters do)."""
    text = codecs.getincrementaldecoder(codec)("replace").decode(sample)
    count = text.count("\ufffd")
    wide = len(text) - len(text.encode("ascii", "ignore")) - count
    if not count or count > DAMAGED_MAX_SHARE * wide:
        return None
    if codec != "utf-8":
        han = han_char().findall(text)
        common = _common_han()
        if len(han) < HAN_EVIDENCE or sum(map(common.__contains__, han)) < (
            COMMON_HAN_SHARE * len(han)
        ):
            return None
    elif wide < HAN_EVIDENCE:
        return None
    try:
        sample.decode(codec)
    except UnicodeDecodeError as exc:
        return exc.start, count
    return None


# The codecs tried when chardet is unsure, and what a decoding must show to win:
# enough Han characters, nearly all of them common ones, and clearly more of them
# common than the other codec's reading. A wrong reading of Chinese bytes, or any
# reading of Latin-1, Cyrillic or Japanese bytes, yields rare characters.
HAN_CODECS = ("gb18030", "big5hkscs")
HAN_EVIDENCE = 8
COMMON_HAN_SHARE = 0.9
COMMON_HAN_MARGIN = 0.2
han_char = lazy_pattern("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff]")


def by_common_han(prefix: bytes, *, final: bool) -> tuple[str, float] | None:
    """The one Chinese codec whose strict reading of `prefix` is plausible text,
    with its share of common characters; None if none or both are.

    >>> by_common_han("以“四个聚焦”實現五個一流工作目標".encode("gb18030"), final=True)
    ('gb18030', 1.0)
    >>> by_common_han("caf\xe9 cr\xe8me br\xfbl\xe9e".encode("latin-1"), final=True) is None
    True
    """
    common = _common_han()
    readings: list[tuple[float, str]] = []
    for codec in HAN_CODECS:
        text = _strict_reading(prefix, codec, final=final)
        if text is None:
            continue
        han = han_char().findall(text)
        if len(han) >= HAN_EVIDENCE:
            readings.append((sum(map(common.__contains__, han)) / len(han), codec))
        else:
            readings.append((0.0, codec))
    readings.sort(reverse=True)
    if not readings or readings[0][0] < COMMON_HAN_SHARE:
        return None
    if len(readings) > 1 and readings[0][0] - readings[1][0] < COMMON_HAN_MARGIN:
        return None
    return readings[0][1], readings[0][0]


# What a short piece of a Chinese page (a caption, a headline) is made of besides
# ASCII and common Han: CJK and fullwidth punctuation, dashes, quotes, ellipses and
# middle dots. A wrong reading of Chinese bytes shows something else: rare Han,
# private-use code points (Big5 punctuation read as GB18030), Bopomofo or vertical
# forms (GB punctuation read as Big5), kana, Cyrillic, C1 controls.
plain_mark = lazy_pattern("[\u3000-\u303f\uff01-\uff5e\u2010-\u2027\u00b7]")
# The symbols a page sets among its Han (the □ an OCR engine puts for a character
# it cannot read, a byline's ■ or ◎, an item's ○ or ●, ★, ℃, ×, °, a rate's ‰) are plain in
# a GB18030 reading only: Big5 reads GB's corner brackets and title marks
# (A1B3-A1BD: `」`, `《`) as those very shapes, while GB reads Big5's shapes as
# brackets, which are plain anyway.
GB_SYMBOLS = frozenset("□■○●◎◇◆△▲▽▼☆★℃×°‰")
NO_SYMBOLS: frozenset[str] = frozenset()


def plain_symbols(codec: str) -> frozenset[str]:
    """The symbols `odd_count` takes as plain in `codec`'s reading."""
    return GB_SYMBOLS if codec == "gb18030" else NO_SYMBOLS


# A prefix this short is judged before chardet (`detect_encoding.short_reading`:
# `by_wide_reading`, then `by_plain_reading`), whose models need more text than a
# caption holds (it calls a Chinese headline EUC-JP or CP949 with confidence).
SHORT_PREFIX_BYTES = 512
# The share of odd characters that makes the other codec's reading wrong.
ODD_SHARE = 0.3


def odd_count(text: str, symbols: frozenset[str] = NO_SYMBOLS) -> tuple[int, int]:
    """(non-ASCII characters, those of them a Chinese page does not show), taking
    `symbols` (see `plain_symbols`) as plain too.

    >>> odd_count("新闻，2024年"), odd_count("\ue4c6ㄝ"), odd_count("□ 新闻", GB_SYMBOLS)
    ((4, 0), (2, 2), (3, 0))
    """
    common = _common_han()
    wide = odd = 0
    for char in text:
        if char < "\x80":
            continue
        wide += 1
        if char not in common and char not in symbols and not plain_mark().match(char):
            odd += 1
    return wide, odd


def by_plain_reading(prefix: bytes, *, final: bool) -> str | None:
    """The Chinese codec whose strict reading of a short `prefix` is all common
    Han and punctuation while the other codec's fails or is at least `ODD_SHARE`
    odd (see `odd_count`); None when neither or both read plainly.

    >>> by_plain_reading("人工智能走进课堂".encode("gb18030"), final=True)
    'gb18030'
    >>> by_plain_reading("影".encode("gb18030"), final=True)
    'gb18030'
    >>> by_plain_reading("颱風過境，".encode("big5"), final=True)
    'big5hkscs'
    >>> by_plain_reading("caf\xe9 cr\xe8me".encode("latin-1"), final=True) is None
    True
    """
    counts: dict[str, tuple[int, int]] = {}
    for codec in HAN_CODECS:
        text = _strict_reading(prefix, codec, final=final)
        if text is not None:
            counts[codec] = odd_count(text, plain_symbols(codec))
    plain = [codec for codec, (wide, odd) in counts.items() if wide and not odd]
    if len(plain) != 1:
        return None
    winner = plain[0]
    for codec, (wide, odd) in counts.items():
        if codec != winner and odd < ODD_SHARE * wide:
            return None
    return winner


# A Chinese character of GB2312 or Big5's upper half is two bytes over 0xA0; an
# accented letter of a Latin page stands alone between ASCII letters.
HIGH_PAIR = re.compile(b"[\xa1-\xfe]{2}")


def by_han_pairs(prefix: bytes, *, final: bool) -> str | None:
    """The Chinese codec that reads a mostly-Latin `prefix` (an English page with
    a Chinese headline, byline or note) as common Han and punctuation alone, when
    the other codec's reading fails or shows an odd character and at least a
    quarter of its characters are pairs of high bytes (Big5 punctuation and half
    its Han end in an ASCII byte); None otherwise. chardet calls
    such a page Latin-1 with little confidence, as it sees few high bytes.

    >>> by_han_pairs("River Forum opens 国际河流论坛开幕\\n".encode("gb18030"), final=True)
    'gb18030'
    >>> by_han_pairs("caf\\xe9 cr\\xe8me \\xc4pfel 25\\xb0C".encode("latin-1"), final=True) is None
    True
    """
    plain: list[tuple[str, int]] = []
    for codec in HAN_CODECS:
        text = _strict_reading(prefix, codec, final=final)
        if text is None:
            continue
        wide, odd = odd_count(text, plain_symbols(codec))
        if wide >= 2 and not odd:
            plain.append((codec, wide))
    if len(plain) != 1:
        return None
    codec, wide = plain[0]
    return codec if 4 * len(HIGH_PAIR.findall(prefix)) >= wide else None


# BOM-less UTF-16 byte orders, tried on a short whole file before the Chinese
# codecs are (see `detect_encoding.short_reading`).
WIDE_ORDERS = ("utf-16-le", "utf-16-be")


def by_wide_reading(data: bytes) -> str | None:
    """The byte order of a short whole file in UTF-16 without a BOM, all Han and
    CJK punctuation (a headline or caption on one line): its strict reading in
    that order is wide characters alone, all common Han and punctuation, and
    the other order's is not. Such a file has no line end, which
    `detect_encoding.sniff_wide` looks for, and chardet read it as GB18030 or
    Big5 mojibake (`OSN篩'\\q]` for `体人大山工作`: ASCII among the Han). None
    when neither or both orders read so, or a Chinese codec reads it so too.

    >>> by_wide_reading("体人大山工作".encode("utf-16-be"))
    'utf-16-be'
    >>> by_wide_reading("下经校为".encode("utf-16-le"))
    'utf-16-le'
    >>> by_wide_reading("人工智能".encode("gb18030")) is None
    True
    """
    if not data or len(data) % 2:
        return None
    if any(_wide_only(data, codec) for codec in HAN_CODECS):
        return None
    orders = [codec for codec in WIDE_ORDERS if _wide_only(data, codec)]
    return orders[0] if len(orders) == 1 else None


def _wide_only(data: bytes, codec: str) -> bool:
    """Does `codec` read all of `data` strictly as common Han and punctuation alone?"""
    text = _strict_reading(data, codec, final=True)
    return text is not None and text != "" and odd_count(text, plain_symbols(codec)) == (
        len(text),
        0,
    )


def _strict_reading(prefix: bytes, codec: str, *, final: bool) -> str | None:
    """`prefix` decoded strictly by `codec`, or None; Big5 by either of its tables,
    HKSCS or Windows' cp950 (whose euro sign HKSCS lacks: see `big5_reading`)."""
    for table in (codec, "cp950") if codec == "big5hkscs" else (codec,):
        text = _read_prefix(prefix, table, final=final)
        if text is not None:
            return text
    return None


@functools.cache
def _common_han() -> frozenset[str]:
    """The frequent Han characters of both scripts, read off the codecs themselves:
    GB2312's level 1 (3,755 Simplified characters in frequency order) and Big5's
    frequent set (5,401 Traditional ones)."""
    chars: set[str] = set()
    for first, last, seconds, codec in (
        (0xB0, 0xD7, range(0xA1, 0xFF), "gb2312"),
        (0xA4, 0xC6, (*range(0x40, 0x7F), *range(0xA1, 0xFF)), "big5"),
    ):
        for lead in range(first, last + 1):
            for trail in seconds:
                if codec == "big5" and (lead, trail) > (0xC6, 0x7E):
                    break
                with contextlib.suppress(UnicodeDecodeError):
                    chars.add(bytes((lead, trail)).decode(codec))
    return frozenset(chars)


def _first_bad_utf8_offset(data: bytes) -> int:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start
    return 0
