"""Serial fiction's own lines: chapter titles and end marks.

A chapter title (`第十七囘　千金之子不敢上堂　一字爲師可以折獄`, `第三章`) is set on
one line, its parts apart by ideographic spaces: a narrow column cuts it, and
the cut may fall on one of those spaces, which the line's edge then holds.

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
from itertools import pairwise

from papercli.changes import REBUILD_STEP, Change, make_change, seam
from papercli.credits import END_MARK_WORDS
from papercli.measure import Line
from papercli.page import Pending
from papercli.signals import STOP_MARK

# The marks (`credits.END_MARK_WORDS`, in both scripts), alone on a line (its
# edges stripped).
SERIAL_END = re.compile(rf"[（(]{END_MARK_WORDS}[）)]")
# What each mark's last two characters are: one of these shows on a page that holds one.
END_MARK_TAILS = tuple(f"{last}{close}" for last in "完續续" for close in "）)")
END_MARK_OWN_LINE = "a serial's end mark closes the paragraph above it"
# The spaces a chapter title sets between its parts, which a cut's edges may hold
# (`edge_spaces`).
EDGE_SPACES = " \u3000"

# A chapter's label (`第三囘`, `第十二章`) set apart from the title after it, or alone.
CHAPTER_HEAD = re.compile(
    "第[0-9０-９一二三四五六七八九十百千零〇兩]{1,6}[回囘章節节](?:[ \u3000]+[^ \u3000]|$)"
)
CHAPTER_WORDS = "回囘章節节"
# Lines a chapter title may take in a narrow column.
CHAPTER_LINES = 3
CUT_CHAPTER_TITLE = "a chapter title cut by the column"


class LineIndex:
    """Where each source line number sits in the page's lines, built on the
    first question: most pages a first test lets through ask none."""

    def __init__(self, numbers: Sequence[int]) -> None:
        self.numbers = numbers
        self.places: dict[int, int] | None = None

    def get(self, number: int) -> int | None:
        if self.places is None:
            self.places = {n: i for i, n in enumerate(self.numbers)}
        return self.places.get(number)


def may_hold_end_marks(page: str) -> bool:
    """A cheap first test of the page's text (substring searches in C)."""
    return any(tail in page for tail in END_MARK_TAILS)


def may_hold_chapters(page: str) -> bool:
    """A cheap first test of the page's text (substring searches in C)."""
    return "第" in page and any(word in page for word in CHAPTER_WORDS)


def is_end_mark_line(seg: Sequence[Line]) -> bool:
    return len(seg) == 1 and SERIAL_END.fullmatch(seg[0].text) is not None


def end_marks_to_paragraphs(
    pending: list[Pending], lines: Sequence[str], numbers: Sequence[int], changes: list[Change]
) -> list[Pending]:
    """Each end mark on a line of its own right under a paragraph's last line
    put back at that line's end, with the spaces the two lines' edges hold."""
    index = LineIndex(numbers)
    out: list[Pending] = []
    for entry in pending:
        seg = entry[0]
        if out and is_end_mark_line(seg):
            above, kind, signals = out[-1]
            last, mark = above[-1], seg[0]
            i, j = index.get(last.number), index.get(mark.number)
            if kind is None and i is not None and j == i + 1:
                text = last.text + edge_spaces(lines[i], lines[j]) + mark.text
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


def opens_chapter(text: str) -> bool:
    """Does the line open on a chapter's label, alone or set apart from its title?

    >>> opens_chapter("第十七囘　千金之子不敢上堂"), opens_chapter("第三章")
    (True, True)
    >>> opens_chapter("第三章规定，"), opens_chapter("第3节课")
    (False, False)
    """
    return text[0] == "第" and CHAPTER_HEAD.match(text) is not None


def ends_chapter_title(lines: Sequence[Line], i: int) -> bool:
    """Is line `i`, a line short of its column, a chapter title's last line: it
    opens on the label, or the line above does and both have no stop mark? The
    text under it opens a paragraph, however the page sets its paragraphs apart."""
    line = lines[i]
    if STOP_MARK.search(line.text) is not None:
        return False
    if opens_chapter(line.text):
        return True
    above = lines[i - 1].text if i else ""
    return bool(above) and opens_chapter(above) and STOP_MARK.search(above) is None


def edge_spaces(above: str, below: str) -> str:
    """The ideographic spaces at the edges a line break parts: the raw line's
    trailing ones and the next raw line's leading ones. (Half-width spaces there
    are an extraction's padding or indent, no part of the text.)"""
    trailing = above[len(above.rstrip(EDGE_SPACES)) :]
    leading = below[: len(below) - len(below.lstrip(EDGE_SPACES))]
    edges = trailing + leading
    return edges.replace(" ", "")


def is_cut_chapter_title(seg: Sequence[Line]) -> bool:
    """Is the block a chapter title the column cut: two or three lines, the first
    opening on a label with a title after it, no stop mark, each line's text no
    wider than the line above (a title set in lines of its own may widen)? A
    lower line's indent is not counted: the cut may fall on the spaces between
    the title's parts, which then stand at that line's edge (and once joined the
    block reads the same on a second pass, which no longer sees them)."""
    if not 2 <= len(seg) <= CHAPTER_LINES or not opens_chapter(seg[0].text):
        return False
    if not any(ch in EDGE_SPACES for ch in seg[0].text):
        return False
    return STOP_MARK.search(seg[0].text) is None and all(
        STOP_MARK.search(ln.text) is None and ln.width <= above.span for above, ln in pairwise(seg)
    )


def join_chapter_titles(
    pending: list[Pending], lines: Sequence[str], numbers: Sequence[int], changes: list[Change]
) -> list[Pending]:
    """Each chapter title the column cut set back on one line, with the spaces
    that set its parts apart where the cut fell on one."""
    index = LineIndex(numbers)
    out: list[Pending] = []
    for entry in pending:
        seg, _, signals = entry
        if not is_cut_chapter_title(seg):
            out.append(entry)
            continue
        places = [index.get(ln.number) for ln in seg]
        # The title's lines follow one another on the page (no blank line healed).
        if places[0] is not None and places == list(range(places[0], places[0] + len(seg))):
            text = seg[0].text
            for k in range(1, len(seg)):
                i = places[0] + k
                text += edge_spaces(lines[i - 1], lines[i]) + seg[k].text
                changes.append(
                    make_change(
                        REBUILD_STEP, seg[k].number, "joined",
                        seam(seg[k - 1].text, seg[k].text), CUT_CHAPTER_TITLE,
                    )
                )
            out.append(([seg[0]._replace(text=text)], None, signals))
            continue
        out.append(entry)
    return out
