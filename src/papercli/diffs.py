"""Unified diffs of a file and what `clean -i` would write it as (`--diff`).

`difflib` compares two whole texts in time that grows faster than their length
(SequenceMatcher looks for the longest matching block over ever longer spans;
a cleaned page shares few lines with its column-wrapped original): 0.8 s for a
1 MB file, 87 s for 10 MB. The engine cleans a long text in units (see
`units.iter_units`), each line of the input and each of the output in exactly
one; so a diff made unit by unit, each unit's lines against what they became,
is one patch of the whole file, in time linear in the units. `anchors` are the
places where a unit starts in both texts, given by the engine
(`pipeline.CleanResult.unit_starts`, or the stream's units). `DiffStream` makes
the diff as the texts come, so that a long file's is written hunk by hunk
(`streaming.FileDiff`); `report.diff_text` writes a whole one.
"""

from __future__ import annotations

import difflib
import io
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import islice
from typing import BinaryIO

# Lines of context around each change, as `diff -u` and `difflib` give.
CONTEXT = 3
# After a line with no newline (a text's last), so that `patch` knows it has none.
NO_NEWLINE = "\n\\ No newline at end of file\n"

Opcode = tuple[str, int, int, int, int]


def diff_lines(text: str) -> list[str]:
    r"""The lines of `text` as `patch` and `git apply` count them: cut after each
    `\n` only. str.splitlines also cuts at \f, \v, \x1c-\x1e, U+0085, U+2028 and
    U+2029, which made hunks that claim lines the file does not have (pdftotext ends
    every page with \f). A `\r` stays on its line, so a CRLF diff applies to a CRLF file.

    >>> diff_lines("a\fb\r\nc")
    ['a\x0cb\r\n', 'c']
    """
    lines = text.split("\n")
    last = lines.pop()
    out = [line + "\n" for line in lines]
    if last:
        out.append(last)
    return out


class LineCutter:
    r"""`diff_lines` of a text given in pieces (a stream's): `cut` gives the lines
    each piece ends, the first going on from the pieces before; `end` the text's
    last line, if it has no newline.

    >>> cutter = LineCutter()
    >>> cutter.cut("a\nb"), cutter.cut("c\nd"), cutter.end()
    (['a\n'], ['bc\n'], ['d'])
    """

    def __init__(self) -> None:
        self._held: list[str] = []  # the text after the last newline so far

    def cut(self, text: str) -> list[str]:
        if "\n" not in text:
            if text:
                self._held.append(text)
            return []
        parts = text.split("\n")
        self._held.append(parts[0])
        lines = ["".join(self._held) + "\n"]
        lines.extend(part + "\n" for part in parts[1:-1])
        self._held = [parts[-1]] if parts[-1] else []
        return lines

    def end(self) -> list[str]:
        rest, self._held = "".join(self._held), []
        return [rest] if rest else []


def same_text(before: str, after: str) -> bool:
    r"""Do two texts differ only in newline style or BOM (a diff of invisible changes)?

    >>> same_text("\ufeffa\r\nb", "a\nb"), same_text("a", "b")
    (True, False)
    """
    from papercli.units import normalize_newlines

    return normalize_newlines(before).lstrip("\ufeff") == normalize_newlines(after).lstrip("\ufeff")


def unified_diff(
    a: list[str],
    b: list[str],
    *,
    fromfile: str,
    tofile: str,
    anchors: Sequence[tuple[int, int]] = (),
) -> Iterator[str]:
    """`difflib.unified_diff` of `a` and `b` (lines with their newlines), its
    matching made between `anchors` (see `DiffStream`)."""
    if not anchors:
        yield from difflib.unified_diff(a, b, fromfile=fromfile, tofile=tofile)
        return
    out: list[str] = []
    diff = DiffStream(iter(a), out.append, fromfile=fromfile, tofile=tofile)
    diff.add_b(b)
    for i, j in anchors:
        diff.anchor(i, j)
    diff.close()
    yield from out


def hunk_range(start: int, stop: int) -> str:
    """A hunk header's range of lines [start, stop) (0-based), as `diff -u` writes it:
    `first,count`, 1-based, just `first` for one line, and the line before for none.

    >>> hunk_range(0, 3), hunk_range(4, 5), hunk_range(4, 4), hunk_range(0, 0)
    ('1,3', '5', '4,0', '0,0')
    """
    count = stop - start
    if count == 1:
        return str(start + 1)
    return f"{start + 1 if count else start},{count}"


def _chunk_opcodes(a: Sequence[str], b: Sequence[str], i0: int, j0: int) -> Iterator[Opcode]:
    """The opcodes of one span between anchors, as indexes of the whole texts."""
    for tag, x1, x2, y1, y2 in difflib.SequenceMatcher(None, a, b).get_opcodes():
        yield tag, i0 + x1, i0 + x2, j0 + y1, j0 + y2


class DiffStream:
    """A unified diff made as the two texts come: the lines of `a` pulled from
    `a_lines` as they are needed, those of `b` added (`add_b`), and `anchor`s
    where both are cut at the same place (a unit of the engine starts), in
    order. Each span between two anchors is matched once it is complete, and
    each hunk goes to `emit`, line by line, once it ends: memory holds a span,
    not the texts. Hunks are grouped as `difflib` groups them: CONTEXT lines
    around each change, one hunk while no more than two contexts' worth of
    equal lines part two changes. A hunk's header counts its lines, so its body
    waits in a binary file from `body` (a `tempfile.SpooledTemporaryFile` puts a
    long one on disk: a page whose every line changes is one hunk).
    """

    def __init__(
        self,
        a_lines: Iterator[str],
        emit: Callable[[str], object],
        *,
        fromfile: str,
        tofile: str,
        body: Callable[[], BinaryIO] = io.BytesIO,
    ) -> None:
        self._source = a_lines
        self._emit = emit
        self._headers = (f"--- {fromfile}\n", f"+++ {tofile}\n")
        self._new_body = body
        self._a: list[str] = []  # lines of a from index _a0 on
        self._b: list[str] = []  # lines of b from index _b0 on
        self._a0 = self._b0 = 0
        self._a_done = False  # a_lines is exhausted
        self._anchors: list[tuple[int, int]] = []  # not yet reached
        self._at = (0, 0)  # where the next span starts
        # An `equal` run not yet placed: the next span may lengthen it.
        self._held: Opcode | None = None
        # The open hunk: its first lines of a and b, and its lengths.
        self._hunk: list[int] | None = None
        self._body: BinaryIO | None = None
        self.hunks = 0

    def add_b(self, lines: Iterable[str]) -> None:
        self._b.extend(lines)
        self._match()

    def anchor(self, i: int, j: int) -> None:
        """Lines `i` of a and `j` of b start a span; one out of order is passed over."""
        last = self._anchors[-1] if self._anchors else self._at
        if i >= last[0] and j >= last[1]:
            self._anchors.append((i, j))
            self._match()

    def close(self) -> None:
        """The texts are complete: match what is left and end the last hunk."""
        self._pull_a(None)
        end = (self._a0 + len(self._a), self._b0 + len(self._b))
        self._anchors = [x for x in self._anchors if x[0] <= end[0] and x[1] <= end[1]]
        self._anchors.append(end)
        self._match()
        held, self._held = self._held, None
        if held is not None and self._hunk is not None:
            # A last run of equal lines: its first lines end the hunk.
            self._context(held[1], min(held[2], held[1] + CONTEXT), held[3])
        self._end_hunk()
        if self._body is not None:
            self._body.close()

    def _pull_a(self, upto: int | None) -> None:
        """Read lines of a until it has `upto` (all of them, for None)."""
        if self._a_done:
            return
        if upto is None:
            self._a.extend(self._source)
            self._a_done = True
            return
        want = upto - self._a0 - len(self._a)
        if want > 0:
            self._a.extend(islice(self._source, want))
            if self._a0 + len(self._a) < upto:
                self._a_done = True

    def _match(self) -> None:
        while self._anchors:
            i, j = self._anchors[0]
            self._pull_a(i)
            if self._a0 + len(self._a) < i:
                if not self._a_done:
                    return
                self._anchors.pop(0)  # past the end of a: passed over
                continue
            if self._b0 + len(self._b) < j:
                return
            self._anchors.pop(0)
            i0, j0 = self._at
            span_a = self._a[i0 - self._a0 : i - self._a0]
            span_b = self._b[j0 - self._b0 : j - self._b0]
            for op in _chunk_opcodes(span_a, span_b, i0, j0):
                self._opcode(op)
            self._at = (i, j)
            self._trim()

    def _opcode(self, op: Opcode) -> None:
        tag, i1, i2, j1, j2 = op
        held = self._held
        if tag == "equal":
            if held is not None:
                i1, j1 = held[1], held[3]
            if self._hunk is not None and i2 - i1 > 2 * CONTEXT:
                # Too long to join two changes: its first lines end the open hunk.
                self._context(i1, i1 + CONTEXT, j1)
                self._end_hunk()
            if self._hunk is None:
                # Only its last lines may lead the next hunk.
                i1, j1 = max(i1, i2 - CONTEXT), max(j1, j2 - CONTEXT)
            self._held = ("equal", i1, i2, j1, j2)
            return
        self._held = None
        if self._hunk is None:
            start = held if held is not None else op
            self._hunk = [start[1], 0, start[3], 0]
            self._body = self._body or self._new_body()
        if held is not None:
            self._context(held[1], held[2], held[3])
        self._write("-", self._a, self._a0, i1, i2)
        self._write("+", self._b, self._b0, j1, j2)
        self._hunk[1] += i2 - i1
        self._hunk[3] += j2 - j1

    def _context(self, i1: int, i2: int, j1: int) -> None:
        assert self._hunk is not None
        self._write(" ", self._a, self._a0, i1, i2)
        self._hunk[1] += i2 - i1
        self._hunk[3] += i2 - i1

    def _write(self, sign: str, lines: list[str], base: int, start: int, stop: int) -> None:
        assert self._body is not None
        text = "".join(sign + line for line in lines[start - base : stop - base])
        if text and not text.endswith("\n"):
            # The last line of a text that has no final newline, as `diff -u` marks it.
            text += NO_NEWLINE
        self._body.write(text.encode("utf-8", "surrogatepass"))

    def _end_hunk(self) -> None:
        hunk, self._hunk = self._hunk, None
        if hunk is None:
            return
        assert self._body is not None
        if not self.hunks:
            for header in self._headers:
                self._emit(header)
        self.hunks += 1
        old = hunk_range(hunk[0], hunk[0] + hunk[1])
        new = hunk_range(hunk[2], hunk[2] + hunk[3])
        self._emit(f"@@ -{old} +{new} @@\n")
        self._body.seek(0)
        # Each line of the body ends at a newline (see `_write`).
        for raw in iter(self._body.readline, b""):
            self._emit(raw.decode("utf-8", "surrogatepass"))
        self._body.seek(0)
        self._body.truncate()

    def _trim(self) -> None:
        """Forget the lines no hunk can need: before the held run, or the next span."""
        keep_a, keep_b = self._at
        if self._held is not None:
            keep_a, keep_b = self._held[1], self._held[3]
        del self._a[: keep_a - self._a0]
        del self._b[: keep_b - self._b0]
        self._a0, self._b0 = keep_a, keep_b


def anchor_lines(
    unit_starts: Sequence[tuple[int, int]], file_line: Callable[[int], int]
) -> tuple[tuple[int, int], ...]:
    """`diff_text`'s anchors from the engine's `unit_starts` (a unit's first line,
    numbered as the engine numbers them, and the output lines before it):
    `file_line` turns the engine's number into the file's (`units.FileLines.real`).
    A unit that starts inside a file line (a piece of a cut line) is no anchor.

    >>> anchor_lines([(5, 3), (9, 6)], lambda n: n)
    ((4, 3), (8, 6))
    """
    anchors = []
    for number, output_lines in unit_starts:
        line = file_line(number)
        if number > 1 and file_line(number - 1) == line:
            continue
        anchors.append((line - 1, output_lines))
    return tuple(anchors)
