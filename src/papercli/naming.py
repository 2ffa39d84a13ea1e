"""Safe, portable file names for `papercli split`.

A title comes from OCR'd text, so it may hold anything: slashes, `..`, control
characters, names Windows reserves. The names made here are a single path
component on every common file system, never escape the output directory, and
stay unique even on case-insensitive file systems.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

# Bytes, not characters: file systems limit a name to 255 bytes and a CJK
# character is 3 bytes in UTF-8; leave room for a number and the suffix.
MAX_NAME_BYTES = 120

# Windows refuses these as a base name whatever the extension ("con.txt" too).
WINDOWS_RESERVED = frozenset(
    ["CON", "PRN", "AUX", "NUL"]
    + [f"COM{i}" for i in range(1, 10)]
    + [f"LPT{i}" for i in range(1, 10)]
)

# Path separators, characters Windows forbids, and every control character.
UNSAFE_CHARS = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f-\x9f]')
# Unicode categories of format controls and surrogates.
INVISIBLE = frozenset(("Cf", "Cs"))
WHITESPACE_RUN = re.compile(r"\s+")
# Two or more dots spell a parent directory somewhere; no name needs them.
DOT_RUN = re.compile(r"\.{2,}")
# A separator run left over from replacements, collapsed to one hyphen.
SEPARATOR_RUN = re.compile(r"[-_\s]*-[-_\s]*|_{2,}")


def safe_name(text: str, *, fallback: str = "article", max_bytes: int = MAX_NAME_BYTES) -> str:
    """One safe path component made from `text` (no extension added).

    >>> safe_name("../../etc/passwd")
    'etc-passwd'
    >>> safe_name("以“四个聚焦”实现 “五个一流”")
    '以“四个聚焦”实现-“五个一流”'
    >>> safe_name("con"), safe_name("  ..  "), safe_name("a\\x00b"), safe_name("a\\u202eb")
    ('_con', 'article', 'a-b', 'a-b')
    >>> safe_name("\\udcd6\\udcd0-page") == "\\udcd6\\udcd0-page"  # b"\\xd6\\xd0-page", GBK
    True
    """
    name = unicodedata.normalize("NFC", text)
    # Format controls (U+202E turns "txt.exe" around on screen, U+200B hides a gap) and
    # lone surrogates (no file system can store them) go the way of control characters;
    # but not a byte of a file name that is not UTF-8 (a GBK-named input), which Python
    # carries as an escape (U+DC80-U+DCFF) and writes back as the byte it was.
    name = "".join(
        "-" if unicodedata.category(ch) in INVISIBLE and not is_name_byte(ch) else ch
        for ch in name
    )
    name = UNSAFE_CHARS.sub("-", name)
    name = DOT_RUN.sub("-", name)
    name = WHITESPACE_RUN.sub("-", name.strip())
    name = SEPARATOR_RUN.sub("-", name)
    # Leading dots make hidden files or `..`; trailing dots and spaces Windows drops.
    name = name.strip(" .-_")
    name = _truncate_utf8(name, max_bytes).rstrip(" .-_")
    if not name:
        name = fallback
    if name.split(".")[0].upper() in WINDOWS_RESERVED:
        name = f"_{name}"
    return name


def is_name_byte(char: str) -> bool:
    """Is `char` a byte of a file name that is not UTF-8 (`os.fsdecode`'s escape)?"""
    return "\udc80" <= char <= "\udcff"


def _truncate_utf8(text: str, max_bytes: int) -> str:
    data = text.encode("utf-8", "surrogateescape")[:max_bytes]
    # Cutting may split a multi-byte character; drop the broken tail (a name's own
    # bytes, if it has some, are kept as they are).
    if not any(map(is_name_byte, text)):
        return data.decode("utf-8", errors="ignore")
    return data.decode("utf-8", "surrogateescape")


def unique_names(names: Iterable[str], *, suffix: str = ".txt") -> list[str]:
    """Add `suffix` and make names unique, ignoring case (macOS and Windows do).

    >>> unique_names(["a", "A", "a", "b"])
    ['a.txt', 'A-2.txt', 'a-3.txt', 'b.txt']
    """
    seen: set[str] = set()
    out: list[str] = []
    for name in names:
        candidate, n = f"{name}{suffix}", 1
        while candidate.casefold() in seen:
            n += 1
            candidate = f"{name}-{n}{suffix}"
        seen.add(candidate.casefold())
        out.append(candidate)
    return out


def input_prefixes(stems: list[str]) -> list[str]:
    """One file name prefix per input: inputs whose stems would give the same names
    (`x1/p.txt`, `x2/p.txt`, or one --prefix for several) get `-1`, `-2` ... in input
    order, padded so that a sort keeps every input's articles together and in order.

    >>> input_prefixes(["p", "q", "P"])
    ['p-1', 'q', 'P-2']
    >>> input_prefixes(["a"] * 10)[:2], input_prefixes(["a"] * 10)[-1]
    (['a-01', 'a-02'], 'a-10')
    >>> [len(p.encode()) for p in input_prefixes(["鄂" * 45] * 2)]  # cut to keep "-1"
    [119, 119]
    """
    keys = [safe_name(stem, fallback="page").casefold() for stem in stems]
    counts: dict[str, int] = {}
    for key in keys:
        counts[key] = counts.get(key, 0) + 1
    seen: dict[str, int] = {}
    out = []
    for stem, key in zip(stems, keys, strict=True):
        if counts[key] == 1:
            out.append(stem)
            continue
        seen[key] = seen.get(key, 0) + 1
        number = f"-{seen[key]:0{len(str(counts[key]))}d}"
        # Cut a long stem here, not after: `safe_name` would cut the number off.
        base = safe_name(stem, fallback="page", max_bytes=MAX_NAME_BYTES - len(number))
        out.append(base + number)
    return out


def article_file_names(
    prefix: str, titles: list[str | None], *, by_title: bool = False
) -> list[str]:
    """File names for the articles of one page, in page order.

    Numbers are zero-padded so that a natural (and a plain) sort gives page order.

    >>> article_file_names("page", [None, None])
    ['page-01.txt', 'page-02.txt']
    >>> article_file_names("page", ["头条", None], by_title=True)
    ['page-01-头条.txt', 'page-02.txt']
    """
    width = max(2, len(str(len(titles))))
    base = safe_name(prefix, fallback="page")
    names = []
    for number, title in enumerate(titles, start=1):
        name = f"{base}-{number:0{width}d}"
        if by_title and title:
            name = f"{name}-{safe_name(title)}"
        names.append(name)
    return unique_names(names)
