"""A serial's end mark (`（完）`, `（未完）`, `（待續）`) set at its paragraph's end.

A serial instalment or a story closes on a bracketed mark pushed to the right
of its last line with ideographic spaces (`…罷？　　　　　　（完）`). A column
that wraps that line may put the mark, or the mark and some of the spaces, on
a line of its own under the text, which then reads as a line set off from the
margin. With no blank line between, the mark belongs to the paragraph above,
spaces and all; one set apart by a blank line stands as the page has it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from papercli.changes import REBUILD_STEP, Change, make_change, seam
from papercli.measure import Line
from papercli.page import BlockKind

# The marks, in both scripts, alone on a line (its edges stripped).
SERIAL_END = re.compile("（(?:全文)?(?:完|未完|待續|待续|續完|续完)）")
END_MARK_OWN_LINE = "a serial's end mark closes the paragraph above it"
SPACES = " \u3000"

Pending = tuple[list[Line], BlockKind | None, tuple[str, ...]]


def may_hold_end_marks(page: str) -> bool:
    """A cheap first test of the page's text (substring searches in C)."""
    return "完）" in page or "續）" in page or "续）" in page


def is_end_mark_line(seg: Sequence[Line]) -> bool:
    return len(seg) == 1 and SERIAL_END.fullmatch(seg[0].text) is not None


def end_marks_to_paragraphs(
    pending: list[Pending], lines: Sequence[str], numbers: Sequence[int], changes: list[Change]
) -> list[Pending]:
    """Each end mark on a line of its own right under a paragraph's last line
    put back at that line's end, with the spaces the two lines' edges hold."""
    index = {number: i for i, number in enumerate(numbers)}
    out: list[Pending] = []
    for entry in pending:
        seg = entry[0]
        if out and is_end_mark_line(seg):
            above, kind, signals = out[-1]
            last, mark = above[-1], seg[0]
            i, j = index.get(last.number), index.get(mark.number)
            if kind is None and i is not None and j == i + 1:
                raw_above, raw_mark = lines[i], lines[j]
                gap = raw_above[len(raw_above.rstrip(SPACES)) :] + raw_mark[
                    : len(raw_mark) - len(raw_mark.lstrip(SPACES))
                ]
                text = last.text + gap + mark.text
                changes.append(
                    make_change(
                        REBUILD_STEP, mark.number, "joined", seam(last.text, mark.text),
                        END_MARK_OWN_LINE,
                    )
                )
                out[-1] = ([*above[:-1], last._replace(text=text)], None, signals)
                continue
        out.append(entry)
    return out
