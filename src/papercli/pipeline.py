"""One ordered pipeline composing the steps: text -> Page -> steps -> text."""

from __future__ import annotations

from dataclasses import dataclass

from papercli.changes import Change
from papercli.options import DEFAULT_OPTIONS, CleanOptions
from papercli.page import Block, BlockKind, Page


@dataclass(frozen=True)
class CleanResult:
    text: str
    page: Page
    changes: tuple[Change, ...]

    @property
    def removals(self) -> tuple[Change, ...]:
        return tuple(c for c in self.changes if c.action == "removed")


def split_lines(text: str) -> list[str]:
    """Lines of a text with any newline style; a form feed stays on its own line.

    >>> split_lines("a\\r\\nb\\fc")
    ['a', 'b', '\\x0c', 'c']
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\f" in text:
        text = text.replace("\f", "\n\f\n")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def page_from_blank_blocks(lines: list[str], numbers: list[int]) -> Page:
    """The conservative page: blocks are runs of non-blank lines, kept as they are."""
    blocks: list[Block] = []
    run: list[str] = []
    first = 0
    for text, no in zip(lines, numbers, strict=True):
        stripped = text.strip()
        if stripped and stripped != "\f":
            if not run:
                first = no
            run.append(stripped)
            last = no
        elif run:
            blocks.append(Block(BlockKind.PARAGRAPH, tuple(run), first, last))
            run = []
    if run:
        blocks.append(Block(BlockKind.PARAGRAPH, tuple(run), first, last))
    return Page(tuple(blocks))


def clean_and_explain(text: str, options: CleanOptions = DEFAULT_OPTIONS) -> CleanResult:
    """Run the enabled steps in order and record what each one did."""
    # Imported here so that `import papercli` stays cheap for the CLI's start-up.
    from papercli.layout import rebuild_paragraphs
    from papercli.steps.echoes import drop_caption_echoes
    from papercli.steps.join import Vocabulary, join_line_breaks

    changes: list[Change] = []
    lines = split_lines(text)
    numbers = list(range(1, len(lines) + 1))

    # Furniture first: running heads sit between pages and would otherwise be
    # read as headlines or glued into the paragraph that a page break splits.
    if options.drop_furniture:
        from papercli.steps.furniture import drop_furniture

        lines, numbers, found = drop_furniture(lines, numbers)
        changes.extend(found)

    # Structure before joining: which lines belong together is decided on the raw lines.
    if options.rebuild_paragraphs:
        page, found = rebuild_paragraphs(lines, numbers)
        changes.extend(found)
    else:
        page = page_from_blank_blocks(lines, numbers)

    # Joining needs the whole document's Latin vocabulary for hyphen decisions.
    if options.join_line_breaks:
        page, found = join_line_breaks(page, Vocabulary.of_lines(lines))
        changes.extend(found)

    # Echoes are judged on joined blocks, so a doubled caption wrapped by the column is seen whole.
    if options.drop_caption_echoes:
        page, found = drop_caption_echoes(page)
        changes.extend(found)

    # Conversion last: it rewrites characters, and every structural signal above reads the originals.
    if options.convert_script:
        from papercli.steps.convert import convert_script

        page, found = convert_script(page, options.convert_script)
        changes.extend(found)

    return CleanResult(page.render(), page, tuple(changes))


def clean_text(text: str, options: CleanOptions = DEFAULT_OPTIONS) -> str:
    """Clean a page of extracted newspaper text; see `CleanOptions` for the steps."""
    return clean_and_explain(text, options).text
