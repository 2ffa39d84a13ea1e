"""Markdown's line structure, as the conservative page keeps it (`rejoin`, `dedupe`).

`rejoin` joins the lines of each blank-line-separated block: in a Markdown file
that is a paragraph's soft-wrapped lines, but a heading, a list's items, a
quotation's lines, a table's rows and a fenced code block are lines by design. A
line that opens such a construct opens a block of its own, a heading or a table
row also closes it, and the lines of a fenced code block are one verbatim block
per run (nothing joins or collapses them). A list item's wrapped lines still
join onto the item. Plain text rarely opens a line so (`- `, `1. `, `# `, `>`,
`|`, a fence), and where it does the line was set apart on purpose.

Each test is one anchored match; the conservative page tries them only on a
line whose first character after its indent can open a construct (`OPENERS`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

# What may open a construct, after an indent of up to three spaces.
OPENERS = frozenset("#-*+>|`~=_0123456789")
# A fence opening or closing a code block: three backticks or tildes or more.
FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")
# A line that opens a block of its own: an ATX heading, a list item, a quotation,
# a table row, a thematic break or a setext heading's underline.
OPENS = re.compile(
    r" {0,3}(?:#{1,6}(?:[ \t]|$)|[-*+][ \t]|\d{1,9}[.)][ \t]|>|\||(?:=+|-+|\*+|_+)[ \t]*$)"
)
# ... and the ones that close it too: the next line opens another block.
CLOSES = re.compile(r" {0,3}(?:#{1,6}(?:[ \t]|$)|>|\||(?:=+|-+|\*+|_+)[ \t]*$)")


def opens_block(line: str) -> bool:
    """Does a (raw) line open a Markdown block of its own?

    >>> opens_block("# 会议纪要"), opens_block("- 第一项"), opens_block("1. 第一项")
    (True, True, True)
    >>> opens_block("-5℃以下"), opens_block("1.5亿元"), opens_block("#话题#")
    (False, False, False)
    """
    return OPENS.match(line) is not None


def closes_block(line: str) -> bool:
    """Does a (raw) line end its block (a heading, a quotation's or table's line)?"""
    return CLOSES.match(line) is not None


def fence_of(line: str) -> str | None:
    """The fence a line opens or closes a code block with (its marks), or None."""
    if line.lstrip(" ")[:1] not in ("`", "~"):
        return None
    m = FENCE.match(line)
    return m.group(1) if m else None


def closes_fence(line: str, fence: str) -> bool:
    """Does `line` close the code block `fence` opened (the same mark, as long or
    longer, nothing after it)?"""
    mark = fence_of(line)
    return (
        mark is not None
        and mark[0] == fence[0]
        and len(mark) >= len(fence)
        and not line.strip()[len(mark) :].strip()
    )


def in_fence_at_end(lines: Sequence[str], fence: str | None = None) -> str | None:
    """The fence still open after `lines` (None when no code block is open)."""
    for line in lines:
        if fence is None:
            fence = fence_of(line)
        elif closes_fence(line, fence):
            fence = None
    return fence


def open_fence(lines: Sequence[str]) -> str | None:
    """`in_fence_at_end` of many lines, with one substring search of them first:
    most texts hold no fence at all.

    >>> open_fence(["正文", "```", "x = 1"]), open_fence(["```", "x", "```"])
    ('```', None)
    """
    joined = "\n".join(lines)
    if "```" not in joined and "~~~" not in joined:
        return None
    return in_fence_at_end(lines)
