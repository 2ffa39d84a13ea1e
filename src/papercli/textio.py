"""Bytes in, bytes out: decoding, encoding and newline style (files are written
by `papercli.atomic`).

This module and `detect_encoding` (what the bytes' shape says) are the only ones
that touch encodings; this is the only one that imports chardet (lazily: it costs
start-up time that `papercli --version` should not pay).
The text core never sees bytes; it gets a `str` with `\\n` newlines.
"""

from __future__ import annotations

import codecs
import contextlib
import itertools
import sys
from dataclasses import dataclass

from papercli import hanread, units
from papercli.detect_encoding import (
    BINARY_CHAR,
    BINARY_CONTROLS,
    COMMON_HAN,
    ESCAPES_METHOD,
    legacy_despite_utf8,
    looks_binary,
    plain_text_char,
    shape_method,
    short_reading,
    sniff_escaped,
    sniff_wide,
)

# Re-exported: textstream and the tests read them here.
from papercli.detect_encoding import DETECT_PREFIX_BYTES as DETECT_PREFIX_BYTES
from papercli.detect_encoding import LONE_SURROGATE as LONE_SURROGATE

# Below this chardet's guess is treated as no guess. chardet 7 reports ~0.25-0.6
# for a few clean sentences of GB18030 or Big5 and ~0.1 for Latin text it merely
# cannot rule out, so the floor sits between the two.
CONFIDENCE_FLOOR = 0.2

# Longest BOM first: the UTF-32-LE BOM starts with the UTF-16-LE one.
BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Detected legacy encodings widened to the superset that decodes everything the
# narrower one does: GB2312/GBK files routinely contain GB18030-only characters,
# and Big5 files from Hong Kong and Taiwan carry HKSCS characters. Not cp950:
# Big5-HKSCS reads ten of its symbol codes otherwise and lacks its euro sign
# (see `big5_reading`), so a named cp950 is read as cp950.
SUPERSETS: dict[str, str] = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "big5": "big5hkscs",
    "ascii": "utf-8",
}


class InputError(Exception):
    """An input that cannot be read or decoded: exit code 2, nothing written."""


class OutputError(Exception):
    """An output that cannot be encoded or written: exit code 2."""


@dataclass(frozen=True)
class Decoded:
    """A decoded input and what is needed to write it back the way it was."""

    text: str  # newlines normalised to "\n", BOM removed
    encoding: str  # Python codec name, e.g. "utf-8", "gb18030", "utf-16-le"
    confidence: float  # 1.0 unless chardet guessed
    method: str  # "bom", "utf-8", "chardet", "override", "empty", a shape or "7-bit escapes"
    newline: str  # "\n", "\r\n", "\r" or "\r\r\n": the dominant style of the input
    bom: bool

    def info(self) -> dict[str, object]:
        """The JSON-able encoding report used by `detect` and `--report`."""
        return {
            "encoding": self.encoding,
            "confidence": round(self.confidence, 3),
            "method": self.method,
            "newline": NEWLINE_NAMES[self.newline],
            "bom": self.bom,
        }


# CR CR LF: a CRLF file re-saved through a text-mode layer (see units.NEWLINES).
NEWLINE_NAMES = {"\n": "LF", "\r\n": "CRLF", "\r": "CR", "\r\r\n": "CRCRLF"}


def canonical_encoding(name: str) -> str:
    """The Python codec name for `name`, widened to its superset.

    >>> canonical_encoding("GB2312"), canonical_encoding("Big5"), canonical_encoding("UTF8")
    ('gb18030', 'big5hkscs', 'utf-8')
    """
    try:
        info = codecs.lookup(name)
    except LookupError:
        raise InputError(f"unknown encoding {name!r}") from None
    # base64, hex, rot13 are codecs too, but not bytes -> str; bytes.decode refuses them by
    # this flag (private, but the one it reads), and only once there is data to decode.
    if not getattr(info, "_is_text_encoding", True):
        raise InputError(f"{name!r} is not a text encoding")
    return SUPERSETS.get(info.name, info.name)


def detect_newline(text: str) -> str:
    """The dominant newline style of `text` (LF when there is none).

    >>> detect_newline("a\\r\\nb\\r\\nc\\n"), detect_newline("a\\rb"), detect_newline("a")
    ('\\r\\n', '\\r', '\\n')
    """
    return units.dominant_newline(units.count_newlines(text))


def other_encodings(failed: str) -> str:
    """The hint after a decoding error: the usual readings of a Chinese page,
    less the one that just failed.

    >>> other_encodings("utf-8"), other_encodings("GB2312")
    ('try --encoding gb18030 (or big5hkscs, utf-16)', 'try --encoding big5hkscs (or utf-16)')
    """
    failed = canonical_encoding(failed)
    # Big5 that Big5-HKSCS cannot read is most often Windows Big5 (a euro sign).
    big5 = "cp950" if failed == "big5hkscs" else "big5hkscs"
    first, *rest = (codec for codec in ("gb18030", big5, "utf-16") if codec != failed)
    return f"try --encoding {first} (or {', '.join(rest)})"


def decode_error(name: str, encoding: str, byte: int, offset: int, at_end: bool) -> InputError:
    """The error for a byte `encoding` cannot decode; `at_end`: the data ended
    inside the character it starts.

    >>> str(decode_error("x", "utf-8", 0xD6, 3, False))
    'x: cannot decode byte 0xd6 at offset 3 as utf-8; try --encoding gb18030 (or big5hkscs, utf-16)'
    >>> str(decode_error("x", "utf-16-le", 0x41, 402, True))
    'x: ends inside a utf-16-le character (byte 0x41 at offset 402): the file was cut short'
    """
    where = f"byte 0x{byte:02x} at offset {offset}"
    # The data ends with the first bytes of a character (see `cut_inside_char`):
    # a file cut short, not another encoding (which would read the rest as mojibake).
    if at_end:
        return InputError(
            f"{name}: ends inside a {encoding} character ({where}): the file was cut short"
        )
    return InputError(f"{name}: cannot decode {where} as {encoding}; {other_encodings(encoding)}")


# One byte of each range that continues a character in the multibyte encodings
# read here: GB18030's four-byte digits, Big5/GBK/Shift_JIS trail bytes, UTF-8's
# continuation bytes (0x81, 0xA1 and 0xB0 cover the narrower second-byte ranges).
CONTINUATION_BYTES = (0x30, 0x40, 0x81, 0xA1, 0xB0)


def cut_inside_char(tail: bytes, encoding: str) -> bool:
    r"""Whether `tail`, the bytes from where a strict decoding failed to the end of
    the data, is the start of a character that the end of the data cut off: one to
    three more bytes would make it decode. A stray byte starts no character,
    whatever follows (the CJK codecs' incremental decoders hold any high byte, so
    waiting without error is no proof).

    >>> cut_inside_char("中".encode()[:2], "utf-8"), cut_inside_char(b"\xff", "utf-8")
    (True, False)
    >>> cut_inside_char(b"\xd6", "gb18030"), cut_inside_char(b"\xff", "gb18030")
    (True, False)
    """
    # UTF-16/32 read up to the last whole unit: what is left is a cut unit or pair.
    if encoding.startswith(("utf-16", "utf-32")):
        return True
    for length in (1, 2, 3):
        for more in itertools.product(CONTINUATION_BYTES, repeat=length):
            with contextlib.suppress(UnicodeDecodeError):
                (tail + bytes(more)).decode(encoding)
                return True
    return False


def _strict_decode(data: bytes, encoding: str, name: str, *, skipped: int = 0) -> str:
    """Decode `data` (the file after `skipped` BOM bytes); offsets in errors are the file's."""
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        at_end = exc.end == len(data) and cut_inside_char(data[exc.start :], encoding)
        raise decode_error(name, encoding, data[exc.start], exc.start + skipped, at_end) from None
    # A few codecs (unicode_escape, utf-7) decode to lone surrogates, which are not
    # text: no encoding can write them back, so the file would fail only on output.
    lone = LONE_SURROGATE.search(text)
    if lone:
        raise InputError(
            f"{name}: decoding as {encoding} gives a lone surrogate "
            f"U+{ord(lone.group()):04X} at character {lone.start()}; try another --encoding"
        )
    return text



def refuse_controls(text: str, name: str, *, before: int = 0) -> None:
    """Raise InputError if decoded text holds a control character no text file has."""
    bad = BINARY_CHAR.search(text)
    if bad:
        raise InputError(
            f"{name}: looks like a binary file (control character "
            f"U+{ord(bad.group()):04X} at character {before + bad.start()}); refusing it"
        )


def sniff_codec(data: bytes, name: str) -> tuple[str, str, int] | None:
    """What the bytes' shape says before any decoding is tried: a BOM, UTF-16 or
    UTF-32 without one, or a 7-bit escaped encoding, as (codec, method, BOM length);
    None for bytes to try as UTF-8, then with chardet. Binary data is refused.
    `decode_bytes` and `TextStream` both ask here, so a file decodes the same
    whole or streamed."""
    for mark, bom_codec in BOMS:
        if data.startswith(mark):
            return bom_codec, "bom", len(mark)
    binary = looks_binary(data)
    wide = sniff_wide(data) if binary else None
    if wide is not None:
        return wide, shape_method(wide), 0
    escaped = sniff_escaped(data) if data.isascii() else None
    if escaped is not None:
        return escaped, ESCAPES_METHOD, 0
    if binary:
        offset = next(i for i, b in enumerate(data) if b in BINARY_CONTROLS)
        # The hint only where the NULs fall as a wide encoding's do: an ELF or PNG
        # header is no UTF-16.
        hint = " (UTF-16 without a BOM? try --encoding utf-16-le, or utf-32-le)"
        raise InputError(
            f"{name}: looks like a binary file (control byte 0x{data[offset]:02x} "
            f"at offset {offset}); refusing it{hint if nuls_fall_wide(data) else ''}"
        )
    return None


def nuls_fall_wide(data: bytes) -> bool:
    r"""Are a quarter of the bytes NULs or more, nearly all at even offsets or
    nearly all at odd ones, as in UTF-16 or UTF-32 text of ASCII and Latin (whose
    shape `sniff_wide` found too mixed to read)?

    >>> nuls_fall_wide("text, 文字".encode("utf-16-be"))
    True
    >>> nuls_fall_wide(b"\x7fELF\x02\x01\x01\0\0\0"), nuls_fall_wide(b"\x89PNG\r\n\x1a\n\0\0\0\r")
    (False, False)
    """
    nuls = data.count(0)
    if nuls * 4 < len(data) or not nuls:
        return False
    even = data[0::2].count(0)
    return max(even, nuls - even) >= 0.8 * nuls


def decode_bytes(data: bytes, *, name: str, encoding: str | None = None) -> Decoded:
    """Decode an input: BOM, then strict UTF-8, then chardet on a bounded prefix.

    `encoding` overrides detection. Raises InputError with a message that names the
    file, the byte offset and the next thing to try.

    >>> decode_bytes("中文\\r\\n".encode("gb18030"), name="x", encoding="gbk").encoding
    'gb18030'
    """
    if not data:
        return Decoded("", encoding or "utf-8", 1.0, "empty", "\n", False)
    method = "override"
    confidence = 1.0
    bom = False
    body = data
    if encoding is not None:
        codec, skip = resolve_override(canonical_encoding(encoding), data)
        body, bom = data[skip:], skip > 0
    else:
        sniffed = sniff_codec(data, name)
        if sniffed is not None:
            codec, method, skip = sniffed
            body, bom = data[skip:], skip > 0
        else:
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError:
                codec, confidence, method = guess_encoding(data, name)
            else:
                # A short Chinese file can be valid UTF-8 by chance (see detect_encoding).
                legacy = legacy_despite_utf8(data, text)
                if legacy is None:
                    refuse_controls(text, name)
                    newline = detect_newline(text)
                    text = units.normalize_newlines(text)
                    return Decoded(text, "utf-8", 1.0, "utf-8", newline, False)
                codec, method = legacy
    text = _strict_decode(body, codec, name, skipped=len(data) - len(body))
    refuse_controls(text, name)
    newline = detect_newline(text)
    return Decoded(units.normalize_newlines(text), codec, confidence, method, newline, bom)


def resolve_override(codec: str, prefix: bytes) -> tuple[str, int]:
    r"""The codec that reads an input given `--encoding codec`, and the length of the
    BOM to skip, from the input's first bytes.

    Never a codec that reads or writes a BOM itself: -i must write back exactly the
    input's form. An explicit UTF-8/16/32 honours a matching BOM instead of decoding
    it as U+FEFF; utf-8-sig is UTF-8 whose BOM is optional (as a codec it would add
    one on writing to a file that had none); BOM-less utf-16/utf-32 gets the byte
    order the data reads as text in (Python's codecs would take the native order
    on reading, write a BOM on output, and their incremental decoder refuses a
    stream without one).

    >>> resolve_override("utf-16", "中文\n".encode("utf-16-be"))
    ('utf-16-be', 0)
    >>> resolve_override("utf-8-sig", codecs.BOM_UTF8 + b"a"), resolve_override("utf-8-sig", b"a")
    (('utf-8', 3), ('utf-8', 0))
    """
    if codec == "utf-8-sig":
        codec = "utf-8"
    for mark, bom_codec in BOMS:
        if prefix.startswith(mark) and codec in (bom_codec, bom_codec.rsplit("-", 1)[0]):
            return bom_codec, len(mark)
    if codec in ("utf-16", "utf-32"):
        return _byte_order(codec, prefix), 0
    return codec, 0


def without_bom(codec: str) -> str:
    """The codec that reads what `codec` writes with its BOM kept as U+FEFF, and
    writes text as it is: utf-8-sig, utf-16 and utf-32 add a BOM on writing (in
    the machine's byte order) and strip it on reading; others are themselves.

    >>> without_bom("utf-8-sig"), without_bom("gb18030")
    ('utf-8', 'gb18030')
    """
    name = codecs.lookup(codec).name
    if name == "utf-8-sig":
        return "utf-8"
    if name in ("utf-16", "utf-32"):
        return f"{name}-{'le' if sys.byteorder == 'little' else 'be'}"
    return codec


def _byte_order(codec: str, prefix: bytes) -> str:
    """`codec`-le or -be, whichever reads the prefix strictly as more plain text
    (see `plain_text_char`); little-endian on a tie, as Python's codec on x86."""
    best, best_share = f"{codec}-le", -1.0
    for order in ("le", "be"):
        name = f"{codec}-{order}"
        try:
            decoder = codecs.getincrementaldecoder(name)("strict")
            text = decoder.decode(prefix[:DETECT_PREFIX_BYTES], final=False)
        except UnicodeDecodeError:
            continue
        share = len(plain_text_char().findall(text)) / max(len(text), 1)
        if share > best_share:
            best, best_share = name, share
    return best


def guess_encoding(data: bytes, name: str) -> tuple[str, float, str]:
    """The legacy encoding of `data` (not UTF-8, no BOM): codec, confidence, method.

    chardet decides when it is sure. When it is not, as on a short page of
    Traditional Chinese stored as GB18030 (its GB model was trained on Simplified
    text), the Chinese codecs are tried on their own evidence: see `hanread`.
    A short file (a caption, a headline) is read first as `short_reading` reads
    it (BOM-less UTF-16, then the Chinese codecs): chardet's models need more
    text, and call a GB18030 headline EUC-JP or CP949 with confidence. An English
    page with a few Chinese lines, which chardet calls Latin-1 with little
    confidence, is read in the Chinese codec that reads its high bytes plainly
    (`hanread.by_han_pairs`). Raises InputError when neither is convincing.
    """
    prefix = data[:DETECT_PREFIX_BYTES]
    # Shorter than the prefix bound means whole: a cut character is then an error.
    final = len(data) < DETECT_PREFIX_BYTES
    if len(prefix) <= hanread.SHORT_PREFIX_BYTES:
        short = short_reading(prefix, final=final)
        if short is not None:
            return short[0], 1.0, short[1]
    import chardet  # lazy: costs start-up time and is needed only for non-UTF-8 input

    result = chardet.detect(prefix)
    guess = result.get("encoding")
    confidence = float(result.get("confidence") or 0.0)
    if guess and confidence >= CONFIDENCE_FLOOR:
        codec = canonical_encoding(guess)
        doubted = doubted_latin(codec, confidence)
        paired = hanread.by_han_pairs(prefix, final=final) if doubted else None
        if paired is not None:
            return hanread.big5_reading(paired, prefix), 1.0, COMMON_HAN
        return hanread.big5_reading(codec, prefix), confidence, "chardet"
    found = hanread.by_common_han(prefix, final=final)
    if found is not None:
        return hanread.big5_reading(found[0], prefix), found[1], COMMON_HAN
    raise InputError(hanread.undetected_message(prefix, name))


# chardet's confidence in a Latin single-byte codec below which a Chinese reading
# of the high bytes is asked about (`hanread.by_han_pairs`): an English page with
# a few lines of Chinese has few high bytes, and chardet guesses Latin-1 at 0.2-0.35.
LATIN_DOUBT = 0.5


def doubted_latin(codec: str, confidence: float) -> bool:
    """Is `codec` a single-byte codec (ISO 8859, Windows, DOS or Mac) chardet
    guessed with little confidence? Not a multi-byte one: EUC-KR Hangul reads as
    common GB2312 Han, so a doubted Korean guess proves nothing."""
    name = codecs.lookup(codec).name
    single = name.startswith(("iso8859", "cp125", "latin", "cp437", "cp85", "mac"))
    return confidence < LATIN_DOUBT and single


def encode_text(text: str, *, encoding: str, newline: str = "\n", bom: bool = False) -> bytes:
    """Encode output text (with "\\n" newlines) in `encoding` and `newline` style.

    >>> encode_text("中\\n", encoding="utf-8", newline="\\r\\n", bom=True)
    b'\\xef\\xbb\\xbf\\xe4\\xb8\\xad\\r\\n'
    """
    if newline != "\n":
        text = text.replace("\n", newline)
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError as exc:
        raise OutputError(
            f"character {text[exc.start]!r} (U+{ord(text[exc.start]):04X}) cannot be "
            f"encoded as {encoding}; use --output-encoding utf-8"
        ) from None
    except LookupError:
        raise OutputError(f"unknown output encoding {encoding!r}") from None
    if bom:
        for mark, bom_codec in BOMS:
            if codecs.lookup(bom_codec).name == codecs.lookup(encoding).name:
                return mark + data
    return data


def read_bytes(path: str) -> bytes:
    """Read a file, turning OS errors into one-line InputErrors."""
    try:
        with open(path, "rb") as fh:
            return fh.read()
    except OSError as exc:
        raise read_error(path, exc) from None


def read_error(path: str, exc: OSError) -> InputError:
    """The one-line error for a path the OS would not read (a file, or a directory
    -r could not list).

    >>> str(read_error("a/b", PermissionError(13, "Permission denied")))
    'a/b: permission denied'
    """
    if isinstance(exc, IsADirectoryError):
        return InputError(
            f"{path}: is a directory; use -r/--recursive to process the files under it"
        )
    if isinstance(exc, FileNotFoundError):
        return InputError(f"{path}: no such file")
    if isinstance(exc, PermissionError):
        return InputError(f"{path}: permission denied")
    return InputError(f"{path}: cannot read: {exc.strerror or exc}")
