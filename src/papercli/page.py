"""The page model: a page is an ordered list of typed blocks.

Rendering rule (the output format of `clean`): blocks are separated by exactly one
blank line; a headline block keeps its lines, one per line; every other block is
exactly one line.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from operator import attrgetter
from typing import TYPE_CHECKING, TypeAlias

if TYPE_CHECKING:
    from papercli.measure import Line


class BlockKind(StrEnum):
    """What a block is on the page. It decides how the block is rendered (see each
    member) and is what `split` reads for article boundaries."""

    HEADLINE = "headline"   # main title, kicker, subtitle: keeps its line structure
    SUBHEAD = "subhead"     # a heading inside an article (may also keep lines)
    PARAGRAPH = "paragraph"
    BYLINE = "byline"       # （杨娜娜） / 本报记者 张三
    DATELINE = "dateline"   # a paragraph that opens with 新华社北京2月14日电 etc.
    CAPTION = "caption"     # photo caption, often printed twice
    VERBATIM = "verbatim"   # lines no step joins or collapses (a Markdown code block)

    @property
    def keeps_lines(self) -> bool:
        return self in (BlockKind.HEADLINE, BlockKind.SUBHEAD, BlockKind.VERBATIM)


@dataclass(frozen=True)
class Block:
    """One block of a page. `lines` are the block's text lines after joining:
    one line for paragraph-like blocks, one per title line for headings.
    `first_line`/`last_line` are 1-based line numbers in the source text."""

    kind: BlockKind
    lines: tuple[str, ...]
    first_line: int = 0
    last_line: int = 0
    signals: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    def with_lines(self, lines: tuple[str, ...]) -> Block:
        # Direct construction: dataclasses.replace costs several times more, and the
        # join and echo steps call this once per block.
        return make_block(self.kind, lines, self.first_line, self.last_line, self.signals)


# A block in the making, while `layout` builds the page: its source lines, its
# kind (None for a paragraph not typed yet) and the signals that made it.
Pending: TypeAlias = "tuple[list[Line], BlockKind | None, tuple[str, ...]]"


_new = object.__new__


def make_block(
    kind: BlockKind,
    lines: tuple[str, ...],
    first_line: int = 0,
    last_line: int = 0,
    signals: tuple[str, ...] = (),
) -> Block:
    """`Block(...)` at a third of the cost, for the per-block hot paths: a frozen
    dataclass's `__init__` sets each field through `object.__setattr__`, while this
    stores them straight in the instance dictionary (item stores, cheaper still
    than one `update` call with keywords). The result is an ordinary Block."""
    block = _new(Block)
    fields = block.__dict__
    fields["kind"] = kind
    fields["lines"] = lines
    fields["first_line"] = first_line
    fields["last_line"] = last_line
    fields["signals"] = signals
    return block


LINES = attrgetter("lines")


@dataclass(frozen=True)
class Page:
    blocks: tuple[Block, ...] = field(default_factory=tuple)

    def __iter__(self) -> Iterator[Block]:
        return iter(self.blocks)

    def __len__(self) -> int:
        return len(self.blocks)

    def render(self) -> str:
        return render_blocks(self.blocks)


def render_blocks(blocks: tuple[Block, ...] | list[Block]) -> str:
    # Each block's text once, in C: `Block.text` is a property that joins its lines.
    parts = list(filter(None, map("\n".join, map(LINES, blocks))))
    return "\n\n".join(parts) + "\n" if parts else ""
