"""Unified diffs of a file and what `clean -i` would write it as (`--diff`).

`difflib` compares two whole texts in time that grows faster than their length
(SequenceMatcher looks for the longest matching block over ever longer spans;
a cleaned page shares few lines with its column-wrapped original): 0.8 s for a
1 MB file, 87 s for 10 MB. The engine cleans a long text in units (see
`units.iter_units`), each line of the input and each of the output in exactly
one; so a diff made unit by unit, each unit's lines against what they became,
is one patch of the whole file, in time linear in the units. `anchors` are the
places where a unit starts in both texts, given by the engine
(`pipeline.CleanResult.unit_starts`). `report.diff_text` writes the diff.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterator, Sequence

# Lines of context around each change, as `diff -u` and `difflib` give.
CONTEXT = 3

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
    matching made between `anchors` (see `anchored_opcodes`)."""
    if not anchors:
        yield from difflib.unified_diff(a, b, fromfile=fromfile, tofile=tofile)
        return
    groups = list(_Matched(anchored_opcodes(a, b, anchors)).get_grouped_opcodes(CONTEXT))
    if not groups:
        return
    yield f"--- {fromfile}\n"
    yield f"+++ {tofile}\n"
    for group in groups:
        first, last = group[0], group[-1]
        old = hunk_range(first[1], last[2])
        new = hunk_range(first[3], last[4])
        yield f"@@ -{old} +{new} @@\n"
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                yield from (" " + line for line in a[i1:i2])
                continue
            yield from ("-" + line for line in a[i1:i2])
            yield from ("+" + line for line in b[j1:j2])


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


def anchored_opcodes(
    a: Sequence[str], b: Sequence[str], anchors: Sequence[tuple[int, int]]
) -> list[Opcode]:
    """SequenceMatcher's opcodes for `a` and `b`, matched between consecutive
    `anchors` only (each a span of one unit), runs of one kind across an anchor
    joined. Anchors out of order or out of range are passed over: any increasing
    set of them still gives a diff that turns `a` into `b`.

    >>> anchored_opcodes(["x", "a", "y"], ["x", "b", "y"], [(2, 2)])
    [('equal', 0, 1, 0, 1), ('replace', 1, 2, 1, 2), ('equal', 2, 3, 2, 3)]
    """
    ops: list[Opcode] = []
    i0 = j0 = 0
    for i1, j1 in [*anchors, (len(a), len(b))]:
        if i1 < i0 or j1 < j0 or i1 > len(a) or j1 > len(b):
            continue
        matcher = difflib.SequenceMatcher(None, a[i0:i1], b[j0:j1])
        for tag, x1, x2, y1, y2 in matcher.get_opcodes():
            op = (tag, i0 + x1, i0 + x2, j0 + y1, j0 + y2)
            if ops and ops[-1][0] == tag:
                prev = ops.pop()
                op = (tag, prev[1], op[2], prev[3], op[4])
            ops.append(op)
        i0, j0 = i1, j1
    return ops


class _Matched(difflib.SequenceMatcher[str]):
    """A SequenceMatcher that gives opcodes found already, for its grouping into
    hunks with context (`get_grouped_opcodes`)."""

    def __init__(self, opcodes: list[Opcode]) -> None:
        super().__init__(None, [], [])
        self._found = opcodes

    def get_opcodes(self) -> list[Opcode]:  # type: ignore[override]
        return self._found


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
