"""The conservative page: the blocks a text's blank lines set apart, as they stand.

`rejoin` and `convert` keep a text's layout: each run of non-blank lines is one
block, to be joined (`rejoin`) or converted in place (`convert`), except where
Markdown's line structure (`papercli.markup`) opens a block of its own.
"""

from __future__ import annotations

from papercli.page import Block, BlockKind, Page


def page_from_blank_blocks(lines: list[str], numbers: list[int]) -> Page:
    """The conservative page: blocks are runs of non-blank lines, kept as they are,
    but for Markdown's line structure (`papercli.markup`): a heading, a list item,
    a quotation's or a table's line opens a block of its own, and a fenced code
    block's lines are verbatim blocks."""
    from papercli.markup import OPENERS, closes_block, closes_fence, fence_of, opens_block
    from papercli.steps.join import word_space_breaks

    blocks: list[Block] = []
    run: list[str] = []
    raw: list[str] = []  # the run's lines as the source sets them
    first = 0
    fence: str | None = None  # the marks of the code block open, if any

    def flush(last: int) -> None:
        if run:
            kind = BlockKind.VERBATIM if fence is not None else BlockKind.PARAGRAPH
            texts = tuple(run)
            if kind is BlockKind.PARAGRAPH and len(raw) > 1:
                # A Korean word space at a line's edge stays for the join.
                spaced = word_space_breaks(raw)
                if spaced:
                    texts = tuple(t + " " if k in spaced else t for k, t in enumerate(texts))
            blocks.append(Block(kind, texts, first, last))
            run.clear()
            raw.clear()

    last = 0
    for text, no in zip(lines, numbers, strict=True):
        stripped = text.strip()
        if not stripped or stripped == "\f":
            flush(last)
            continue
        # Most lines open on a character no construct opens on: one set lookup.
        head = stripped[0] in OPENERS
        if fence is not None:
            if not run:
                first = no
            run.append(stripped)
            raw.append(text)
            last = no
            if head and closes_fence(text, fence):
                flush(no)
                fence = None
            continue
        if head:
            mark = fence_of(text)
            if mark is not None or opens_block(text):
                flush(last)
                fence = mark
        if not run:
            first = no
        run.append(stripped)
        raw.append(text)
        last = no
        if head and fence is None and closes_block(text):
            flush(no)
    flush(last)
    return Page(tuple(blocks))
