"""Every line break of a page and what became of it: the per-break view of `--explain -v`.

Pure and after the fact: reads the source lines and the cleaned page (each block's
source line span and the signals that opened it) and says, for each break between
two non-blank source lines, whether it was joined, kept, healed or kept as a
headline's line, and why. The engine itself records only the decisions that are
not the default (a boundary inside a run, a healed gap, a removal), so cleaning
stays fast when nobody asks.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from papercli import units
from papercli.changes import BLANK_LINE, PAGE_GAP, REBUILD_STEP, Change, seam
from papercli.dangling import ends_dangling, ends_latin_hyphen
from papercli.page import Block
from papercli.runs import measure_runs

JOINED = "joined"
KEPT = "kept"
HEALED = "healed"
LINE_KEPT = "kept as a line"
REMOVED = "removed"
# Why a break beside a line longer than `units.LONG_LINE` is kept: such a line is
# cleaned as a unit of its own (no column text is that long).
LONG_LINE_APART = "a line of over a million characters is a paragraph of its own"
# ... and one between two units of a long page that no blank line separates
# (`units.cuts_before`: a page set solid is cut where a paragraph ends): a unit's
# first block opens as a page's does, on a blank line, which is not there.
UNIT_CUT = "a long page is cleaned a few thousand lines at a time: one part ends here"


def owners(numbers: Sequence[int], blocks: Sequence[Block]) -> list[int | None]:
    """For each (increasing) source line number, the index of the block whose span
    holds it, or None (a line a step removed). Blocks are in page order, so one walk
    over both does it."""
    out: list[int | None] = []
    k = 0
    for n in numbers:
        while k < len(blocks) and blocks[k].last_line < n:
            k += 1
        out.append(k if k < len(blocks) and blocks[k].first_line <= n else None)
    return out


def explain_breaks(
    lines: Sequence[str], first_number: int, blocks: Sequence[Block]
) -> list[Change]:
    """One record per break between consecutive non-blank lines of `lines` (numbered
    from `first_number`), judged from the `blocks` cleaning made of them. A record's
    line is the one after the break, where a kept break starts the next block.

    >>> from papercli.page import BlockKind
    >>> page = [Block(BlockKind.PARAGRAPH, ("甲乙丙丁",), 1, 3, ("blank line",)),
    ...         Block(BlockKind.PARAGRAPH, ("戊己",), 4, 4, ("short line ends a sentence",))]
    >>> for c in explain_breaks(["甲乙", "", "丙丁。", "戊己"], 1, page):
    ...     print(c.line, c.action, c.text, c.detail)
    3 healed 甲乙|丙丁。 blank line inside a sentence
    4 kept 丙丁。|戊己 short line ends a sentence
    """
    numbered = [(n, text.strip()) for n, text in enumerate(lines, first_number)]
    shown = [(n, text) for n, text in numbered if text]
    numbers = [n for n, _ in shown]
    owner = owners(numbers, blocks)
    # On a double-spaced page one blank line is the break between two lines.
    line_gap = measure_runs(lines, range(first_number, first_number + len(lines))).line_gap
    out: list[Change] = []
    for i in range(len(shown) - 1):
        (n, before), (m, after) = shown[i], shown[i + 1]
        if units.continues(lines[n - first_number]):
            continue  # a cut inside a line too long to clean whole: no break
        a, b = owner[i], owner[i + 1]
        gap = PAGE_GAP if any("\f" in lines[j - first_number] for j in range(n + 1, m)) else (
            BLANK_LINE if m > n + line_gap else ""
        )
        if a is None or b is None:
            action, why = REMOVED, "a line on one side was removed (see the removals)"
        elif a == b and blocks[a].kind.keeps_lines:
            action, why = LINE_KEPT, "a headline keeps its lines"
        elif a == b and gap:
            action, why = HEALED, f"{gap} inside a sentence"
        elif a == b:
            action = JOINED
            why = (
                "the line ends inside a hyphenated word"
                if ends_latin_hyphen(before)
                else "the line ends on a preposition or conjunction"
                if ends_dangling(before)
                else "no sign of a paragraph end: the text runs on"
            )
            if m > n + 1:
                why = f"double-spaced page; {why}"
        else:
            signals = blocks[b].signals
            action, why = KEPT, signals[0] if signals else "a new block"
            if max(len(lines[n - first_number]), len(lines[m - first_number])) > units.LONG_LINE:
                why = LONG_LINE_APART
            elif why == BLANK_LINE and m == n + 1:
                why = UNIT_CUT
            if gap and why != gap:
                why = f"{gap}; {why}"
        out.append(Change(REBUILD_STEP, m, action, seam(before, after), why))
    return out


def with_breaks(changes: Sequence[Change], breaks: Sequence[Change]) -> tuple[Change, ...]:
    """The steps' changes with the layout's own boundary records replaced by the
    per-break ones, which cover them (removals and the other steps' records stay).
    A join the layout recorded with its reason (a flush sentence end it ran on
    past), or a gap it kept for one (a pull quote's end), lends that reason to
    the break's record."""
    reasons = {
        (c.line, c.action): c.detail
        for c in changes
        if c.step == REBUILD_STEP and c.action in (JOINED, KEPT)
    }
    own = (
        c for c in changes if not (c.step == REBUILD_STEP and c.action in (KEPT, HEALED, JOINED))
    )
    if reasons:
        breaks = [lend_reason(b, reasons) for b in breaks]
    return (*own, *breaks)


def lend_reason(record: Change, reasons: dict[tuple[int, str], str]) -> Change:
    """`record` with the layout's reason for its break: a join's (a flush
    sentence end run on past), or a gap's kept for a reason of its own (a pull
    quote's end) where the record names no more than the gap."""
    reason = reasons.get((record.line, record.action))
    if reason is None:
        return record
    if record.action == JOINED:
        return replace(record, detail=reason)
    if record.detail in (BLANK_LINE, PAGE_GAP):
        return replace(record, detail=f"{record.detail}; {reason}")
    return record
