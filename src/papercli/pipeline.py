"""One ordered pipeline composing the steps: text -> Page -> steps -> text."""

from __future__ import annotations

import gc
import re
from bisect import bisect_left, bisect_right
from collections import deque
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from itertools import islice

from papercli.blank_blocks import page_from_blank_blocks
from papercli.changes import Change, make_change
from papercli.options import DEFAULT_OPTIONS, CleanOptions
from papercli.page import Block, Page
from papercli.units import (
    CUT_ABOVE,
    NEWLINE_PATTERN,
    LinePiece,
    continues,
    goes_on,
    iter_units,
    split_lines,
    unsplit_lines,
    whole_lines,
)


@dataclass(frozen=True)
class CleanResult:
    text: str
    page: Page
    changes: tuple[Change, ...]
    # The echo step's key of the unit's last block (see `echoes.repeat_key`): the
    # next unit of the same input drops a first block that repeats it.
    echo_key: str = ""
    # The unit is a piece of a cut line that the next unit goes on with (see
    # `units.LONG_LINE`): its text has no final newline, and its last block and
    # the next unit's first are one block.
    continues: bool = False
    # A text cleaned in units (`clean_and_explain`): where each unit after the
    # first starts, as (its first line's number, the lines of `text` before it).
    # Each unit's lines became exactly the text between two of these: a diff can
    # be made unit by unit (`diffs.anchor_lines`).
    unit_starts: tuple[tuple[int, int], ...] = ()

    @property
    def removals(self) -> tuple[Change, ...]:
        return tuple(c for c in self.changes if c.action == "removed")

    @property
    def block_count(self) -> int:
        """The unit's blocks, less the last one if the next unit's first goes on with it."""
        return len(self.page.blocks) - (self.continues and bool(self.page.blocks))


@contextmanager
def cyclic_gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector (reference counting still frees everything).

    A unit allocates a tuple per line and a few objects per block, none of them in
    a reference cycle; the collector would still walk them dozens of times per
    unit, about a seventh of the cleaning time. The previous state is restored, so
    a caller that disabled the collector itself keeps it disabled.

    Re-enabled, the collector walks every object the unit left alive (its page's
    blocks and changes: none in a cycle, so it frees none) at the next allocation.
    A whole text cleaned at once (`clean_text`, the command's stream) is paused
    around all its units, which the collector then walks once, or not at all.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def clean_unit(
    lines: list[str],
    first_number: int,
    options: CleanOptions = DEFAULT_OPTIONS,
    echo_key: str = "",
    numbers: list[int] | None = None,
) -> CleanResult:
    """Run the enabled steps in order over one unit of lines; record what each did.
    `echo_key` is the previous unit's (see `CleanResult.echo_key`); `numbers` the
    lines' own if they are not consecutive from `first_number`."""
    with cyclic_gc_paused():
        if lines and isinstance(lines[0], LinePiece):
            return _clean_piece(lines, first_number, options)
        return _clean_unit(lines, first_number, options, echo_key, numbers)


def _clean_piece(lines: list[str], number: int, options: CleanOptions) -> CleanResult:
    """A piece of a cut line (see `units.LONG_LINE`; after the last, the form feed
    that ends it, if one does), cleaned as a line of its own and rendered to be
    glued to the pieces around it: the white space at a cut kept (a block's lines
    are stripped), no newline where the line goes on. It neither takes nor gives
    an echo key: a piece is not a block that can repeat."""
    piece = lines[0]
    assert isinstance(piece, LinePiece)
    result = _clean_unit(lines, number, options, "")
    text, page = result.text, result.page
    if not keeps_layout(options):  # (`render_in_place` keeps a line's white space)
        head = "" if piece.indented else piece[: len(piece) - len(piece.lstrip())]
        tail = "" if piece.closes else piece[len(piece.rstrip()) :]
        blocks = list(page.blocks)
        if not blocks:
            # White space alone: an indent, the line's end (see `join_results`), or
            # white space between two pieces with text.
            text = "\n" if piece.closes else "" if piece.indented else piece
        elif head or tail:
            first = blocks[0]
            blocks[0] = first.with_lines((head + first.lines[0], *first.lines[1:]))
            last = blocks[-1]
            blocks[-1] = last.with_lines((*last.lines[:-1], last.lines[-1] + tail))
            page = Page(tuple(blocks))
            text = page.render()
    if not piece.closes and text.endswith("\n"):
        text = text[:-1]
    return replace(result, text=text, page=page, echo_key="", continues=not piece.closes)


def _clean_unit(
    lines: list[str],
    first_number: int,
    options: CleanOptions,
    echo_key: str,
    numbers: list[int] | None = None,
) -> CleanResult:
    # Imported here so that `import papercli` stays cheap for the CLI's start-up.
    from papercli.layout import rebuild_paragraphs
    from papercli.steps.cut_words import GridCuts, Vocabulary
    from papercli.steps.echoes import drop_caption_echoes, repeat_key
    from papercli.steps.join import join_line_breaks

    changes: list[Change] = []
    if numbers is None:
        numbers = list(range(first_number, first_number + len(lines)))
    source, source_numbers = lines, numbers

    # Furniture first: running heads sit between pages and would otherwise be
    # read as headlines or glued into the paragraph that a page break splits.
    if options.drop_furniture:
        from papercli.steps.furniture import drop_furniture

        lines, numbers, found = drop_furniture(lines, numbers)
        changes.extend(found)

    # Structure before joining: which lines belong together is decided on the raw lines.
    # The unit's text, joined once: the paragraph step and the grid reading
    # both search it whole.
    joined = "\n".join(lines) if options.rebuild_paragraphs else None
    if options.rebuild_paragraphs:
        page, found = rebuild_paragraphs(lines, numbers, joined)
        changes.extend(found)
    else:
        page = page_from_blank_blocks(lines, numbers)

    # Joining needs the unit's Latin vocabulary for hyphen decisions, and where
    # the page is set on a character grid, the lines it cut at its width: only a
    # page measured as a whole says so (`rejoin`, which keeps the layout, does not ask).
    if options.join_line_breaks:
        grid = GridCuts(lines, numbers, joined) if options.rebuild_paragraphs else None
        # The vocabulary reads the unit's text whole: handed the one already
        # joined (a single line joins to itself), it does not join it again.
        vocab = Vocabulary.of_lines(lines if joined is None else (joined,))
        page, found = join_line_breaks(
            page, vocab, locate=source_locator(lines, numbers), grid=grid
        )
        changes.extend(found)
    else:
        page = without_word_space_marks(page)

    # Echoes are judged on joined blocks, so a doubled caption wrapped by the column is seen whole.
    if options.drop_caption_echoes:
        page, found = drop_caption_echoes(page, echo_key)
        changes.extend(found)
        if page.blocks:
            echo_key = repeat_key(page.blocks[-1])

    # Conversion last: it rewrites characters; every structural signal above reads the originals.
    if options.convert_script:
        from papercli.steps.convert import convert_script

        page, found = convert_script(page, options.convert_script)
        changes.extend(found)

    text = (
        render_in_place(source, source_numbers, page) if keeps_layout(options) else page.render()
    )
    return CleanResult(text, page, tuple(changes), echo_key)


def keeps_layout(options: CleanOptions) -> bool:
    """`rejoin` and `dedupe`: with no paragraph detection, everything around the
    blocks (blank lines, form feeds, a block's indent) is the user's and stays."""
    return not options.rebuild_paragraphs


def unit_separator(options: CleanOptions) -> str:
    """What `join_results` puts between two units' texts: a blank line between
    rendered pages, nothing where each unit keeps its own blank lines."""
    return "" if keeps_layout(options) else "\n"


def render_in_place(lines: Sequence[str], numbers: Sequence[int], page: Page) -> str:
    r"""A unit's lines with each block put back where its lines were, and every
    line outside the blocks (blank, white space, form feed) as it was. A block
    keeps its first line's indent and its last line's trailing white space; a
    block the steps left as it was is its lines, verbatim. Lines no block holds
    any more (a repeated block dropped) go, with the blank lines before them.

    >>> from papercli.page import Block, BlockKind
    >>> b = Block(BlockKind.PARAGRAPH, ("甲乙丙丁",), 2, 3)
    >>> lines = ["", "\u3000\u3000甲乙", "丙丁", "", "", "\f", "X"]
    >>> x = Block(BlockKind.PARAGRAPH, ("X",), 7, 7)
    >>> render_in_place(lines, [1, 2, 3, 4, 5, 6, 7], Page((b, x)))
    '\n\u3000\u3000甲乙丙丁\n\n\x0cX\n'
    """
    out: list[str] = []
    pending: list[str] = []
    blocks = page.blocks
    k = 0
    i = 0
    while i < len(lines):
        n = numbers[i]
        if k < len(blocks) and blocks[k].first_line <= n:
            out.extend(pending)
            pending.clear()
            last = blocks[k].last_line
            group = [blocks[k]]
            k += 1
            # A block split in two (a glued echo set apart) shares its lines' span.
            while k < len(blocks) and blocks[k].first_line <= last:
                group.append(blocks[k])
                last = max(last, blocks[k].last_line)
                k += 1
            for g, block in enumerate(group):
                if g:
                    out.append("")
                out.extend(_placed(block, lines, numbers))
            while i < len(lines) and numbers[i] <= last:
                i += 1
            continue
        line = lines[i]
        if not line.strip():  # blank, white space or a form feed
            pending.append(line)
        else:
            pending.clear()  # a dropped block takes the blank lines before it along
        i += 1
    out.extend(pending)
    return unsplit_lines(out)


def _placed(block: Block, lines: Sequence[str], numbers: Sequence[int]) -> list[str]:
    """A block's lines as they go back into the text (see `render_in_place`)."""
    first = bisect_left(numbers, block.first_line)
    last = bisect_right(numbers, block.last_line)
    raw = [ln for ln in lines[first:last] if ln.strip()]
    if not raw:
        return list(block.lines)
    if tuple(ln.strip() for ln in raw) == block.lines:
        return raw
    placed = list(block.lines)
    if len(placed) == len(raw):
        # Line for line (`dedupe` collapsed an echo inside one): each keeps its own
        # indent and trailing white space.
        return [
            ln[: len(ln) - len(ln.lstrip())] + text + ln[len(ln.rstrip()) :]
            for ln, text in zip(raw, placed, strict=True)
        ]
    head = raw[0][: len(raw[0]) - len(raw[0].lstrip())]
    tail = raw[-1][len(raw[-1].rstrip()) :]
    placed[0] = head + placed[0]
    placed[-1] = placed[-1] + tail
    return placed


def without_word_space_marks(page: Page) -> Page:
    """The page with no line ending on the Korean word space the layout keeps
    there for the join (`layout.with_word_spaces`): unjoined, each line is shown
    stripped, as every other line is."""
    blocks = page.blocks
    if not any(line.endswith(" ") for block in blocks for line in block.lines):
        return page
    return Page(tuple(block.with_lines(tuple(map(str.rstrip, block.lines))) for block in blocks))


def source_locator(lines: list[str], numbers: list[int]) -> Callable[[Block, int], int]:
    """Where a block's `k`th line came from: its `k`th non-blank source line, since
    a block healed across a column break spans blank lines and form feeds."""

    def locate(block: Block, k: int) -> int:
        i = bisect_left(numbers, block.first_line)
        while i < len(numbers) and numbers[i] <= block.last_line:
            if lines[i].strip():
                if not k:
                    return numbers[i]
                k -= 1
            i += 1
        return block.first_line

    return locate


def changes_structure(options: CleanOptions) -> bool:
    """Does any enabled step move, join or delete text (as opposed to only
    rewriting characters in place, which `convert` alone does)?"""
    return (
        options.drop_furniture
        or options.rebuild_paragraphs
        or options.join_line_breaks
        or options.drop_caption_echoes
    )


# `convert` alone streams in batches of whole lines: a batch ends before the first
# file line that starts once it holds CONVERT_BATCH_LINES file lines or
# CONVERT_BATCH_CHARS characters, so that memory stays bounded and the first lines
# come out before the input ends. OpenCC converts each line on its own (no phrase
# spans a newline, and a long line is cut only where none can: see
# `steps.convert.pieces`), but whether text is "already in the target script" is
# judged on the page `convert_document` is given (`steps.convert.convert_script`):
# here a batch. So an input of one batch (a page, any ordinary file) converts
# exactly as it did whole, and a longer one is judged batch by batch, as `clean
# --convert` judges unit by unit. That changes only lines with little evidence of
# their own (fewer than two source-script characters, or no more of them than
# target-script ones) in a long file whose batches are not all in one script.
# Whole text and stream cut at the same lines, so their output is byte-identical.
CONVERT_BATCH_LINES = 10_000
CONVERT_BATCH_CHARS = 1 << 20


@dataclass(frozen=True)
class ConvertBatch:
    """Split lines (`split_lines`) that make whole lines of the file."""

    lines: list[str]
    # Index in `lines` of each file line's first piece: a file line holding a form
    # feed is several split lines, and `convert_document` numbers file lines.
    starts: list[int]
    # The last line and the first of the next batch both hold text: one block of
    # `page_from_blank_blocks` runs across the cut.
    open_end: bool


def iter_convert_batches(lines: Iterable[str]) -> Iterator[ConvertBatch]:
    """Cut split lines into batches of whole file lines (see CONVERT_BATCH_LINES).

    >>> [(len(b.lines), b.open_end) for b in iter_convert_batches(["字"] * 25_000)]
    [(10000, True), (10000, True), (5000, False)]
    """
    batch: list[str] = []
    starts: list[int] = []
    chars = 0
    prev = ""
    for line in lines:
        # A form feed's line, and the line after it, are the file line before
        # (`unsplit_lines` puts `\n\f\n` back as `\f`). A piece of a cut line
        # that goes on from the one before is cut from it, so that a huge line
        # is held a piece at a time (see `own_parts`).
        starts_line = line != "\f" and prev != "\f"
        if starts_line and (
            goes_on(line) or len(starts) >= CONVERT_BATCH_LINES or chars >= CONVERT_BATCH_CHARS
        ):
            yield ConvertBatch(batch, starts, bool(prev.strip() and line.strip()))
            batch, starts, chars = [], [], 0
        if starts_line or not batch:
            starts.append(len(batch))
        batch.append(line)
        chars += len(line)
        prev = line
    if batch:
        yield ConvertBatch(batch, starts, False)


def iter_convert(lines: Iterable[str], options: CleanOptions) -> Iterator[CleanResult]:
    """The content-only path over a stream of split lines: convert each line in
    place and keep every line, blank line and form feed where it was (the
    `convert` command's promise), a batch at a time. Changes are numbered as
    `clean`'s are, by split line; a block that runs across a cut is in the page
    of the batch where it ends, from its first line."""
    return _convert_batches(lines, options)


def _convert_batches(
    lines: Iterable[str], options: CleanOptions, texts: Iterator[str] | None = None
) -> Iterator[CleanResult]:
    """Each batch converted. `texts`: the file lines as the caller has them (with
    their own line ends), taken a batch's worth at a time instead of unsplitting."""
    from papercli.steps.convert import convert_document

    number = 1
    block_start = 0  # first line of a block that runs on from the batch before
    for batch in iter_convert_batches(lines):
        numbers = range(number, number + len(batch.lines))
        blocks = list(page_from_blank_blocks(batch.lines, list(numbers)).blocks)
        if block_start and blocks and blocks[0].first_line == number:
            blocks[0] = replace(blocks[0], first_line=block_start)
        block_start = 0
        if batch.open_end and blocks:
            # Counted once, in the batch where it ends (`len(page)` is the block count).
            block_start = blocks.pop().first_line
        if texts is None:
            text = unsplit_lines(batch.lines)
        else:
            text = "".join(islice(texts, len(batch.starts)))
        found: list[Change] = []
        if options.convert_script:
            text, found = convert_document(text, options.convert_script)
        firsts = [number + i for i in batch.starts]
        changes = tuple(
            make_change(c.step, firsts[c.line - 1], c.action, c.text, c.detail) for c in found
        )
        yield CleanResult(text, Page(tuple(blocks)), changes)
        number += len(batch.lines)


# A file line with its end, as `split_lines` ends lines; the last may have none.
FILE_LINE = re.compile(f"[^\\r\\n]*(?:{NEWLINE_PATTERN})|[^\\r\\n]+")


def convert_whole(text: str, options: CleanOptions) -> CleanResult:
    """`iter_convert` of a whole text, keeping its own line ends (CRLF, CR) and a
    missing final newline; the changes of all batches, the blocks of the whole."""
    lines = split_lines(text)
    own_lines: Iterator[str] = (m.group() for m in FILE_LINE.finditer(text))
    if len(text) > CUT_ABOVE:
        own_lines = own_parts(own_lines, lines)
    results = list(_convert_batches(lines, options, own_lines))
    page = page_from_blank_blocks(lines, list(range(1, len(lines) + 1)))
    if len(results) == 1:
        return replace(results[0], page=page)
    return CleanResult(
        "".join(r.text for r in results), page, tuple(c for r in results for c in r.changes)
    )


def own_parts(own_lines: Iterable[str], lines: list[str]) -> Iterator[str]:
    r"""The file's own lines, each cut where a piece of a cut line that goes on from
    the one before starts (see `iter_convert_batches`): `lines` are the text's split
    lines, and the pieces a batch takes from `own_lines` are its starts.

    >>> from papercli.units import FirstPiece, LastPiece
    >>> lines = ["a", "\f", FirstPiece("b"), LastPiece("c"), "d"]
    >>> list(own_parts(["a\fbc\r\n", "d"], lines))
    ['a\x0cb', 'c\r\n', 'd']
    """
    i = 0
    for own in own_lines:
        # The file line's split lines: its first, and each one after that is not
        # the first of a file line (see `iter_convert_batches`).
        offset, start = len(lines[i]), 0
        i += 1
        while i < len(lines) and (
            lines[i] == "\f" or lines[i - 1] == "\f" or continues(lines[i - 1])
        ):
            if continues(lines[i - 1]):
                yield own[start:offset]
                start = offset
            offset += len(lines[i])
            i += 1
        yield own[start:]


def iter_clean(
    lines: Iterable[str], options: CleanOptions = DEFAULT_OPTIONS
) -> Iterator[CleanResult]:
    """Clean a stream of lines (without their newlines) unit by unit.

    Concatenating the results' texts with a blank line between non-empty ones
    gives exactly `clean_text` of the whole input (see `join_results`).
    Furniture removal compares pages across the whole document: with
    `drop_furniture` the lines are read twice (see `iter_clean_units`).
    """
    if not changes_structure(options):
        # Units would be joined with blank lines between them: convert has batches
        # of its own, that keep every line where it was.
        yield from iter_convert(lines, options)
        return
    for _, result in iter_clean_units(lines, options):
        yield result


def iter_clean_units(
    lines: Iterable[str],
    options: CleanOptions = DEFAULT_OPTIONS,
    furniture: Collection[int] | None = None,
) -> Iterator[tuple[int, CleanResult]]:
    """`iter_clean` with options that change the structure (`changes_structure`):
    each unit's result with the number of its first line.

    With `drop_furniture`, running heads and folios are found across the whole
    text first (`steps.furniture.furniture_lines`), then the other lines are
    cleaned unit by unit: `furniture` gives those lines' numbers where the caller
    has read the text once already (a stream read twice), or else `lines` are
    held for the two passes. With the layout kept as well (`clean --furniture
    --no-rebuild-paragraphs`), the text is cleaned as one unit."""
    if options.drop_furniture and keeps_layout(options):
        # The pieces of a cut line are glued back, with the first piece's number.
        held = list(lines)
        whole, numbers = whole_lines(held)
        if whole:
            yield 1, clean_unit(whole, 1, options, numbers=numbers)
        return
    if options.drop_furniture:
        yield from _without_furniture(lines, options, furniture)
        return
    number = 1
    units = iter_units(lines, keep_layout=keeps_layout(options))
    for unit, result in clean_units(units, options):
        yield number, result
        number += len(unit)


def _without_furniture(
    lines: Iterable[str], options: CleanOptions, furniture: Collection[int] | None
) -> Iterator[tuple[int, CleanResult]]:
    """`iter_clean_units` with `drop_furniture`: the furniture lines dropped (and
    reported, with the unit after them) and the others cleaned unit by unit, each
    line with its own number."""
    from papercli.steps.furniture import furniture_lines, removal

    if furniture is None:
        lines = list(lines)
        furniture = furniture_lines(lines)
    numbers: deque[int] = deque()  # of the lines kept and read ahead by `iter_units`
    removed: deque[tuple[int, str]] = deque()  # the lines dropped, read ahead too

    def kept() -> Iterator[str]:
        for number, line in enumerate(lines, 1):
            if number in furniture:
                removed.append((number, line))
            else:
                numbers.append(number)
                yield line

    options = replace(options, drop_furniture=False)
    echo_key = ""
    last: tuple[int, CleanResult] | None = None
    for unit in iter_units(kept()):
        own = [numbers.popleft() for _ in unit]
        result = clean_unit(unit, own[0], options, echo_key, numbers=own)
        echo_key = result.echo_key
        # The lines dropped before this unit's last go with it, first, as the
        # furniture step's changes came first in a unit.
        found: list[Change] = []
        while removed and removed[0][0] < own[-1]:
            found.append(removal(*removed.popleft()))
        if found:
            result = replace(result, changes=(*found, *result.changes))
        if last is not None:
            yield last
        last = (own[0], result)
    if removed:
        if last is None:
            last = (1, CleanResult("", Page(()), ()))
        rest = (removal(n, line) for n, line in removed)
        last = (last[0], replace(last[1], changes=(*last[1].changes, *rest)))
    if last is not None:
        yield last


def clean_units(
    units: Iterable[list[str]], options: CleanOptions = DEFAULT_OPTIONS
) -> Iterator[tuple[list[str], CleanResult]]:
    """Each unit of one input (`iter_units`) with its result, its lines numbered
    on from the unit before and the echo key it left passed on."""
    number = 1
    echo_key = ""
    for unit in units:
        result = clean_unit(unit, number, options, echo_key)
        echo_key = result.echo_key
        yield unit, result
        number += len(unit)


def join_results(texts: Iterable[str], separator: str = "\n") -> Iterator[str]:
    r"""The pieces of the whole output: rendered units with one blank line between
    (`separator` after a unit's final newline; see `unit_separator`). A rendered
    unit with no final newline is a piece of a line that the next unit goes on
    with: white space at its end waits for the next, and goes if that ends the
    line with no more text (a rendered page's last line has none). Where each
    unit keeps its own lines (no separator), every character stays.

    >>> list(join_results(["a\n", "b ", "  ", "c \n", "d ", "\n"]))
    ['a\n', '\n', 'b', '   c \n', '\n', 'd', '\n']
    """
    parted = False
    held = ""  # white space at the end of the pieces so far
    for text in texts:
        if not text:
            continue
        if held:
            text = text if text == "\n" else held + text
            held = ""
        if separator and not text.endswith("\n"):
            body = text.rstrip()
            held, text = text[len(body) :], body
            if not text:
                continue
        if parted and separator:
            yield separator
        parted = text.endswith("\n")
        yield text


def require_text(text: object) -> None:
    """Refuse bytes (and anything else not `str`) with the way to decode them: the
    engine's first str method would fail with a message about the wrong type."""
    if not isinstance(text, str):
        raise TypeError(
            f"expected the text as str, not {type(text).__name__}: decode bytes first "
            "(papercli.textio.decode_bytes(raw).text detects the encoding)"
        )


def clean_and_explain(text: str, options: CleanOptions = DEFAULT_OPTIONS) -> CleanResult:
    """Clean a whole text and record what each step did (all units merged)."""
    require_text(text)
    if not changes_structure(options):
        return convert_whole(text, options)
    with cyclic_gc_paused():  # (once for all the units: see `cyclic_gc_paused`)
        numbered = list(iter_clean_units(split_lines(text), options))
    if len(numbered) == 1:
        return numbered[0][1]
    results = [result for _, result in numbered]
    blocks = merged_blocks(results)
    changes = tuple(c for r in results for c in r.changes)
    starts: list[tuple[int, int]] = []
    newlines = 0

    def texts() -> Iterator[str]:
        # `join_results` asks for a unit's text once all before it is given out.
        for number, result in numbered:
            if number > 1:
                starts.append((number, newlines))
            yield result.text

    pieces = []
    for piece in join_results(texts(), unit_separator(options)):
        pieces.append(piece)
        newlines += piece.count("\n")
    return CleanResult("".join(pieces), Page(blocks), changes, unit_starts=tuple(starts))


def merged_blocks(results: Iterable[CleanResult]) -> tuple[Block, ...]:
    """The results' blocks, each cut line's blocks glued back into one (see
    `CleanResult.continues`)."""
    blocks: list[Block] = []
    glue = False
    for result in results:
        own = result.page.blocks
        if glue and blocks and own:
            last, first = blocks[-1], own[0]
            lines = (*last.lines[:-1], last.lines[-1] + first.lines[0], *first.lines[1:])
            blocks[-1] = replace(last, lines=lines, last_line=first.last_line)
            own = own[1:]
        blocks.extend(own)
        glue = glues_next(result, glue)
    return tuple(blocks)


def glues_next(result: CleanResult, glued: bool) -> bool:
    """Does the next result's first block go on with a block before it? It does
    after a piece of a cut line that goes on (`CleanResult.continues`), and after
    a piece with no block (white space alone) that one went on into (`glued`)."""
    return result.continues or (glued and not result.page.blocks)


def clean_text(text: str, options: CleanOptions = DEFAULT_OPTIONS) -> str:
    """Clean a page of extracted newspaper text; see `CleanOptions` for the steps."""
    require_text(text)
    if not changes_structure(options):
        return convert_whole(text, options).text
    # Only the texts are kept: holding every unit's page and changes until the end
    # (as `clean_and_explain` must) makes each garbage-collector pass longer.
    texts = (r.text for r in iter_clean(split_lines(text), options))
    with cyclic_gc_paused():  # (once for all the units: see `cyclic_gc_paused`)
        return "".join(join_results(texts, unit_separator(options)))
