"""Streaming I/O: a binary stream in, lines out, in bounded memory.

The whole-file path (`textio.decode_bytes`) holds the input, its text and the
output at once, which is fine for a page and too much for a 100 MB archive file.
This module reads fixed-size binary chunks, decides the encoding on a bounded
prefix exactly as `decode_bytes` does, decodes the rest with an incremental
decoder and cuts the text into the same lines `units.split_lines` would give
for the whole text, so the cleaned result is byte-identical whichever path ran.
"""

from __future__ import annotations

import codecs
from collections.abc import Callable, Iterator
from typing import BinaryIO

from papercli import detect_encoding, textio, units

# Read this much at a time: large enough that per-chunk Python work is noise,
# small enough that a few chunks in flight stay far below the memory budget.
CHUNK_BYTES = 1 << 20


# Codecs whose strict decoder never yields half a surrogate pair.
SURROGATE_FREE = frozenset(
    ("utf-8", "gb18030", "big5hkscs", "utf-16-le", "utf-16-be", "utf-16", "utf-32-le",
     "utf-32-be", "utf-32", "ascii", "latin-1", "iso8859-1", "cp1252", "shift_jis", "euc_jp")
)


class TextStream:
    """The decoded lines of a binary stream, with what `Decoded.info` reports.

    `encoding`, `method`, `confidence` and `bom` are known once the stream is
    opened (from its prefix); `newline` once `lines()` has been consumed.
    """

    def __init__(
        self,
        fh: BinaryIO,
        *,
        name: str,
        encoding: str | None = None,
        chunk_bytes: int | None = None,
    ) -> None:
        self.name = name
        self._fh = fh
        # A read that returns what the pipe holds (`read1`) rather than waiting for a
        # whole chunk: a slow producer's first pages are cleaned as they come.
        self._read = getattr(fh, "read1", fh.read)
        # Looked up at call time, so that a test can shrink it to split CRLF and characters.
        self._chunk_bytes = chunk_bytes or CHUNK_BYTES
        prefix = _read_at_least(self._read, max(textio.DETECT_PREFIX_BYTES, 4), self._chunk_bytes)
        self.confidence = 1.0
        self.bom = False
        self.method = "override"
        self._offset = 0  # bytes of the stream consumed before `self._first`
        if not prefix:
            self.encoding = encoding or "utf-8"
            self.method = "empty"
        else:
            if encoding is not None:
                # The same codec and BOM as decode_bytes takes (see textio.resolve_override).
                codec = textio.canonical_encoding(encoding)
                self.encoding, skip = textio.resolve_override(codec, prefix)
            else:
                self.encoding, skip = self._detect(prefix)
            prefix, self.bom, self._offset = prefix[skip:], skip > 0, skip
        self._first = prefix
        self.newline_counts = dict.fromkeys(units.NEWLINES, 0)
        # Called with the text as `decode_bytes` would give it (newlines made "\n"),
        # piece by piece, before any line of that piece is yielded.
        self.watch: Callable[[str], None] | None = None
        self.done = False
        # Known once `lines()` is done: did the text end with a newline (a step
        # that keeps every line, as convert does, keeps a missing one missing)?
        self.ends_with_newline = True
        # The line being read: how much of it is held, has a piece of it been given
        # out (`units.cut_line`), and was that only white space?
        self._held = 0
        self._opened = False
        self._blank = True  # all of it given out so far is white space

    def _detect(self, prefix: bytes) -> tuple[str, int]:
        """The input's codec and the length of its BOM, from its first bytes."""
        # The same shapes, and the same refusal of binary data, as `decode_bytes`.
        sniffed = textio.sniff_codec(prefix, self.name)
        if sniffed is not None:
            codec, self.method, skip = sniffed
            return codec, skip
        try:
            # The prefix may end inside a character: that is not an error yet.
            text = codecs.getincrementaldecoder("utf-8")("strict").decode(prefix, final=False)
        except UnicodeDecodeError:
            codec, self.confidence, self.method = textio.guess_encoding(prefix, self.name)
            return codec, 0
        # A short Chinese file can be valid UTF-8 by chance, as decode_bytes reads it.
        legacy = detect_encoding.legacy_despite_utf8(prefix, text)
        if legacy is not None:
            codec, self.method = legacy
            return codec, 0
        # decode_bytes calls a file UTF-8 only if all of it decodes; a later bad byte
        # is reported by `lines()` with its offset, as decode_bytes would report it.
        self.method = "utf-8"
        return "utf-8", 0

    @property
    def newline(self) -> str:
        """The dominant newline style seen (ties resolved as `textio.detect_newline`)."""
        return units.dominant_newline(self.newline_counts)

    def info(self) -> dict[str, object]:
        return {
            "encoding": self.encoding,
            "confidence": round(self.confidence, 3),
            "method": self.method,
            "newline": textio.NEWLINE_NAMES[self.newline],
            "bom": self.bom,
        }

    def texts(self) -> Iterator[str]:
        """Decoded text in pieces, newlines as in the input. Raises textio.InputError."""
        decoder = codecs.getincrementaldecoder(self.encoding)("strict")
        data = self._first
        self._first = b""
        offset = self._offset
        # Only exotic codecs (utf-7, unicode_escape) can decode to a lone surrogate.
        check_surrogates = self.encoding not in SURROGATE_FREE
        chars = 0
        while True:
            final = not data
            if final:
                # One more read tells a short read from the end of the stream.
                data = self._read(self._chunk_bytes)
                final = not data
            pending = len(decoder.getstate()[0])
            try:
                text = decoder.decode(data, final=final)
            except UnicodeDecodeError as exc:
                bad = exc.object[exc.start] if exc.start < len(exc.object) else 0
                at = offset - pending + exc.start
                at_end = (
                    final
                    and exc.end == len(exc.object)
                    and textio.cut_inside_char(exc.object[exc.start :], self.encoding)
                )
                raise textio.decode_error(self.name, self.encoding, bad, at, at_end) from None
            offset += len(data)
            if check_surrogates:
                self._refuse_lone_surrogate(text, chars)
            textio.refuse_controls(text, self.name, before=chars)
            chars += len(text)
            if text:
                yield text
            if final:
                return
            data = self._read(self._chunk_bytes)

    def _refuse_lone_surrogate(self, text: str, before: int) -> None:
        lone = textio.LONE_SURROGATE.search(text)
        if lone:
            raise textio.InputError(
                f"{self.name}: decoding as {self.encoding} gives a lone surrogate "
                f"U+{ord(lone.group()):04X} at character {before + lone.start()}; "
                "try another --encoding"
            )

    def lines(self) -> Iterator[str]:
        """The lines `units.split_lines` gives for the whole decoded text.

        Up to two `\\r` at the end of a piece are held back, since a `\\n` may start
        the next one (CRLF or CR CR LF split across chunks): the CRs before them are
        lone CRs whatever follows (see `units.normalize_newlines`). A line that spans
        chunks is kept as a list of pieces and joined once, so a long line costs one
        copy, not one per chunk; a line longer than `units.CUT_ABOVE` is given out
        in the pieces `split_lines` cuts it into, each once it is known, so that a
        100 MB line is never held whole.
        """
        counts = self.newline_counts
        partial: list[str] = []
        held = ""  # the CRs held back
        last_char = ""
        for piece in self.texts():
            last_char = piece[-1:] or last_char
            if held:
                piece = held + piece
            held = "\r\r" if piece.endswith("\r\r") else "\r" if piece.endswith("\r") else ""
            if held:
                piece = piece[: -len(held)]
            yield from self._split(piece, partial, counts)
        if held:
            yield from self._split(held, partial, counts)
        self.ends_with_newline = last_char in ("\n", "\r")
        self.done = True
        if partial:
            last = "".join(partial)
            if last:
                yield from units.cut_line(last, opened=self._opened, blank=self._blank)[0]

    def _split(self, piece: str, partial: list[str], counts: dict[str, int]) -> Iterator[str]:
        if "\r" in piece:
            for style, n in units.count_newlines(piece).items():
                counts[style] += n
            piece = units.normalize_newlines(piece)
        else:
            counts["\n"] += piece.count("\n")
        if self.watch is not None:
            self.watch(piece)
        if "\f" in piece:
            piece = piece.replace("\f", "\n\f\n")
        parts = piece.split("\n")
        if len(parts) == 1:
            partial.append(piece)
            self._held += len(piece)
            if self._held > units.CUT_ABOVE:
                yield from self._cut_held(partial)
            return
        if partial:
            partial.append(parts[0])
            parts[0] = "".join(partial)
            partial.clear()
        tail = parts.pop()
        if self._opened or len(parts[0]) > units.CUT_ABOVE:
            parts[0:1] = units.cut_line(parts[0], opened=self._opened, blank=self._blank)[0]
            self._opened, self._blank = False, True
        if len(piece) > units.CUT_ABOVE:  # lines that began and ended in this piece
            parts = [cut for line in parts for cut in units.cut_line(line)[0]]
        self._held = len(tail)
        if tail:
            partial.append(tail)
            if self._held > units.CUT_ABOVE:
                yield from parts
                yield from self._cut_held(partial)
                return
        yield from parts

    def _cut_held(self, partial: list[str]) -> Iterator[str]:
        """The pieces a line held back in `partial` can be cut into already (see
        `units.cut_line`): the reader holds a piece or two of a huge line, not all of it."""
        pieces, rest = units.cut_line(
            "".join(partial), opened=self._opened, blank=self._blank, complete=False
        )
        self._opened = True
        self._blank = self._blank and all(map(str.isspace, pieces))
        partial[:] = [rest]
        self._held = len(rest)
        return iter(pieces)


def _read_at_least(read: Callable[[int], bytes], size: int, chunk: int) -> bytes:
    """At least `size` bytes (fewer only at the end), up to max(size, chunk): a pipe
    may return less than asked per read."""
    want = max(size, chunk)
    parts: list[bytes] = []
    got = 0
    while got < size:
        data = read(want - got)
        if not data:
            break
        parts.append(data)
        got += len(data)
    return b"".join(parts)


class SameText:
    """Is the output the same text as the input? Decided as both stream past.

    The input (`left`) is always fed ahead of the output that depends on it, so the
    output is compared in place with `str.startswith`, copying nothing; the first
    difference ends the bookkeeping, and real cleaning differs within a page.
    Input pieces wait in a list until the output reaches them: a line that spans
    many chunks (a huge single line from a pipe) is joined once, not re-copied
    with every chunk, which made such input quadratic.
    """

    __slots__ = ("_left", "_pending", "_pos", "differs")

    def __init__(self) -> None:
        self._left = ""
        self._pending: list[str] = []
        self._pos = 0
        self.differs = False

    def left(self, text: str) -> None:
        if not self.differs:
            self._pending.append(text)

    def _take_pending(self) -> None:
        # Only the unread rest of `_left` is copied, and the output just asked for
        # more than it holds: each input character is copied about twice at most.
        self._pending.insert(0, self._left[self._pos :])
        self._left = "".join(self._pending)
        self._pending.clear()
        self._pos = 0

    def right(self, text: str) -> None:
        if self.differs:
            return
        end = self._pos + len(text)
        if end > len(self._left) and self._pending:
            self._take_pending()
            end = len(text)
        if end > len(self._left) or not self._left.startswith(text, self._pos):
            self.differs, self._left = True, ""
            self._pending.clear()
            return
        self._pos = end

    def same(self) -> bool:
        """After both sides are complete: were they equal?"""
        if self.differs:
            return False
        if self._pending:
            self._take_pending()
        return self._pos == len(self._left)


class TextSink:
    """Encode text pieces into a binary stream as `textio.encode_text` would encode
    their concatenation: one BOM at the start, the newline style applied, and an
    incremental encoder so that UTF-16 writes its own BOM once, not once per piece."""

    def __init__(
        self, write: Callable[[bytes], object], *, encoding: str, newline: str = "\n",
        bom: bool = False,
    ) -> None:
        try:
            self._encoder = codecs.getincrementalencoder(encoding)("strict")
        except LookupError:
            raise textio.OutputError(f"unknown output encoding {encoding!r}") from None
        self._write = write
        self._newline = newline
        self.encoding = encoding
        if bom:
            for mark, bom_codec in textio.BOMS:
                if codecs.lookup(bom_codec).name == codecs.lookup(encoding).name:
                    write(mark)
                    break

    def write(self, text: str) -> None:
        if self._newline != "\n":
            text = text.replace("\n", self._newline)
        try:
            data = self._encoder.encode(text)
        except UnicodeEncodeError as exc:
            raise textio.OutputError(
                f"character {text[exc.start]!r} (U+{ord(text[exc.start]):04X}) cannot be "
                f"encoded as {self.encoding}; use --output-encoding utf-8"
            ) from None
        if data:
            self._write(data)

    def close(self) -> None:
        # `"".encode("utf-16")` is a BOM: an empty result still gets what the whole path writes.
        data = self._encoder.encode("", final=True)
        if data:
            self._write(data)
