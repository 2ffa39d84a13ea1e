"""Specks: a line holding one stray mark and nothing else.

OCR reads one off a fleck between two lines of CJK text; extraction sets a mark
hanging past the column on a line of its own. No mark ever opens a line of print
(kinsoku), so a speck goes at the end of the line above it, where it is measured
(a hanging stop still ends its sentence) and cuts no paragraph in two. Folding
them is the first thing `layout.rebuild_paragraphs` does to a page's lines, and
again inside headlines whose lines blank lines set apart; each fold is recorded.
"""

from __future__ import annotations

import re

from papercli.changes import REBUILD_STEP, Change, make_change, seam
from papercli.measure import Line, make_line

# A speck's line. Only one with text under it is folded: the kinsoku rule already
# joins one that ends a run. Opening marks are left out: `(` or `"` may open the
# next line.
SPECK_LINE = re.compile("^[ \t]*[.,:;!?'`)\u00b7][ \t]*$")
# The page-wide test for one between two lines: a pattern opening on its literal
# newline is scanned for in C, where `^` under re.M is tried at every character.
SPECK_BETWEEN = re.compile("\n[ \t]*[.,:;!?'`)\u00b7][ \t]*\n")
SPECK = "a mark on a line of its own goes with the line above it"


def fold_specks(
    lines: list[str], numbers: list[int], changes: list[Change]
) -> tuple[list[str], list[int]]:
    """The lines with each speck (`SPECK_LINE`) between a line of CJK text and a
    line of text put at the end of the line above it, and the numbers without
    the specks' lines; each fold is reported. A speck under a blank line or
    Latin text, or over a blank line, stays.

    >>> found: list[Change] = []
    >>> fold_specks(["已经三十", " . ", "多年了。", ",", "", "."], [1, 2, 3, 4, 5, 6], found)
    (['已经三十.', '多年了。', ',', '', '.'], [1, 3, 4, 5, 6])
    """
    out: list[str] = []
    kept: list[int] = []
    last = len(lines) - 1
    for i, (line, number) in enumerate(zip(lines, numbers, strict=True)):
        above = out[-1].rstrip() if out else ""
        if (
            above
            and not above[-1].isascii()
            and SPECK_LINE.match(line)
            and i < last
            and lines[i + 1].strip()
        ):
            speck = line.strip()
            out[-1] = above + speck
            changes.append(make_change(REBUILD_STEP, number, "joined", seam(above, speck), SPECK))
            continue
        out.append(line)
        kept.append(number)
    return out, kept


def fold_deck_lines(lines: list[Line], changes: list[Change]) -> list[Line]:
    """A headline's lines with each speck inside it put at the end of the line
    above it, as `fold_specks` does. Blank lines set it apart when that looked (a
    double-spaced page's); the deck keeps its lines, set together on the cleaned
    page, where a second clean would fold it.

    >>> from papercli.measure import make_line
    >>> deck = [make_line(1, "大标题"), make_line(3, "."), make_line(5, "副标题")]
    >>> [line.text for line in fold_deck_lines(deck, [])]
    ['大标题.', '副标题']
    """
    if not any(SPECK_LINE.match(ln.text) for ln in lines[1:-1]):
        return lines
    kept = [lines[0]]
    for k, line in enumerate(lines[1:], 1):
        above = kept[-1]
        if k < len(lines) - 1 and SPECK_LINE.match(line.text) and not above.last.isascii():
            kept[-1] = make_line(above.number, above.text + line.text)
            changes.append(
                make_change(REBUILD_STEP, line.number, "joined", seam(above.text, line.text), SPECK)
            )
        else:
            kept.append(line)
    return kept
