"""File names as the user typed them.

On Unix a file name is bytes. Python hands one that is not valid in the file
system encoding (a GBK-named file, `中文.txt`, in a UTF-8 locale) to papercli as a
str holding lone surrogates (U+DC80..U+DCFF, one per undecodable byte), which no
codec encodes strictly. Every place that shows a name uses one of these:

- `name_bytes`: the exact bytes, for a byte stream (a diff header, a terminal);
- `RAW_NAMES`: an encoding error handler that writes those bytes back and
  backslash-escapes anything else the stream's encoding cannot take, for text
  streams (stderr, detect's table on stdout);
- `json_safe` / `jsonable`: valid Unicode for JSON (a lone surrogate is not);
- `quote_name`: the name in a message, a --diff header or detect's table, quoted
  C-style when it holds a control character (an escape sequence, a newline), so
  that a hostile name can neither rewrite the terminal nor forge a line;
  `escape_controls` escapes such characters the same way in a whole message (a
  name inside a message built elsewhere), as a last guard where messages leave.
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


# A control character: C0, DEL and C1 (U+0080..U+009F: U+009B is a CSI to some
# terminals). Such a name is quoted; others, spaces and CJK too, are shown as they are.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")

# A quoted name's escapes, as C (and `patch`, and git) read them; other controls as
# the octal of their bytes.
C_ESCAPES = {
    "\t": "\\t",
    "\n": "\\n",
    "\r": "\\r",
    "\a": "\\a",
    "\b": "\\b",
    "\f": "\\f",
    "\v": "\\v",
}


def _escape_control(match: re.Match[str]) -> str:
    char = match.group()
    return C_ESCAPES.get(char) or "".join(f"\\{b:03o}" for b in char.encode("utf-8"))


def escape_controls(text: str) -> str:
    r"""`text` with each control character escaped as in a C string (`\n`, `\033`).

    >>> escape_controls("a\x1b[31mb.txt: no such file"), escape_controls("中文 页.txt")
    ('a\\033[31mb.txt: no such file', '中文 页.txt')
    """
    return _CONTROL.sub(_escape_control, text)


def quote_name(name: str) -> str:
    r"""A file name as papercli shows it to people: quoted C-style, as GNU diff and
    git quote it (`ls --quoting-style=c`), where it holds a control character (a
    tab, which ends a diff header's name; a newline, which ends the line; an escape
    sequence, which a terminal would obey) or opens on a quote; as it is otherwise.
    Undecodable bytes stay as they are (see RAW_NAMES).

    >>> quote_name("page.txt"), quote_name("a\tb.txt"), quote_name('"q".txt')
    ('page.txt', '"a\\tb.txt"', '"\\"q\\".txt"')
    >>> print(quote_name("a\x1b[31mb.txt"), quote_name("中文 页.txt"))
    "a\033[31mb.txt" 中文 页.txt
    """
    if not (name.startswith('"') or _CONTROL.search(name)):
        return name
    escaped = name.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escape_controls(escaped)}"'


def quote_leading(message: str, name: str) -> str:
    """`message` with the file name it opens with quoted (`NAME: problem`, as a
    message made where no quoting was done names its file first).

    >>> quote_leading("a\\nb.txt: no such file", "a\\nb.txt")
    '"a\\\\nb.txt": no such file'
    """
    if name and message.startswith(name):
        return quote_name(name) + message[len(name) :]
    return message
