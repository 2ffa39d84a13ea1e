"""File names as the user typed them.

On Unix a file name is bytes. Python hands one that is not valid in the file
system encoding (a GBK-named file, `中文.txt`, in a UTF-8 locale) to papercli as a
str holding lone surrogates (U+DC80..U+DCFF, one per undecodable byte), which no
codec encodes strictly. Every place that shows a name uses one of these:

- `name_bytes`: the exact bytes, for a byte stream (a diff header, a terminal);
- `RAW_NAMES`: an encoding error handler that writes those bytes back and
  backslash-escapes anything else the stream's encoding cannot take, for text
  streams (stderr, detect's table on stdout);
- `json_safe` / `jsonable`: valid Unicode for JSON (a lone surrogate is not).
"""

from __future__ import annotations

import codecs
import re
import sys
from typing import Any

RAW_NAMES = "papercli.rawnames"

_SURROGATE = re.compile("[\ud800-\udfff]")


def _escaped_byte(char: str) -> int | None:
    """The byte a surrogateescape'd character stands for, None for any other character."""
    code = ord(char)
    return code - 0xDC00 if 0xDC80 <= code <= 0xDCFF else None


def name_bytes(name: str) -> bytes:
    """The bytes of a file name (or of any text holding one), as the user typed them.

    >>> name_bytes("\\udcd6\\udcd0.txt")
    b'\\xd6\\xd0.txt'
    """
    return name.encode(sys.getfilesystemencoding(), RAW_NAMES)


def _raw_names(exc: UnicodeError) -> tuple[bytes | str, int]:
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    out = []
    for ch in exc.object[exc.start : exc.end]:
        byte = _escaped_byte(ch)
        out.append(bytes([byte]) if byte is not None else ch.encode("ascii", "backslashreplace"))
    return b"".join(out), exc.end


codecs.register_error(RAW_NAMES, _raw_names)


def _escape(match: re.Match[str]) -> str:
    byte = _escaped_byte(match.group())
    return f"\\x{byte:02x}" if byte is not None else f"\\u{ord(match.group()):04x}"


def json_safe(text: str) -> str:
    """`text` with each undecodable byte of a name as `\\xNN` (valid Unicode for JSON).

    >>> json_safe("\\udcd6\\udcd0.txt"), json_safe("中文.txt")
    ('\\\\xd6\\\\xd0.txt', '中文.txt')
    """
    return _SURROGATE.sub(_escape, text)


def jsonable(value: Any) -> Any:
    """`value` with every string in it (keys too) made `json_safe`."""
    if isinstance(value, str):
        return json_safe(value)
    if isinstance(value, dict):
        return {jsonable(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    return value
