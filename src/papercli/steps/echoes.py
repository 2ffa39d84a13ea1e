"""Drop duplicated caption text (`dedupe`): doubled strings, doubled characters, repeated blocks.

PDF extraction of a caption set in a shadow or outline font, or of fake-bold text, yields
every glyph layer: the whole string twice (`XX。。`), or every character twice
(`正正在在。。`), sometimes three times. Legitimate Chinese repeats too (`谢谢`, `研究研究`,
`高高兴兴`, refrains), so every rule here demands strong evidence: the repetition must
cover a whole line or block (or a long run), be exact, and leave a unit of at least
`MIN_LETTERS` letters with `MIN_DISTINCT` different ones (see `echo_rules`).

The rules that find an echo in one text live in `papercli.steps.echo_rules` and
`papercli.steps.glued_echoes`; this module applies them to a page: each block as a
whole and line by line, an echo glued to its neighbour by healing, and a block
repeated whole. Most lines cannot hold an echo, and one bulk test (`plain_lines`,
C calls over all lines) clears them; every removal is recorded as a change with its
source line.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from itertools import compress, repeat
from itertools import count as counter
from operator import and_, eq, itemgetter, not_, or_, sub

from papercli.changes import Change
from papercli.chars import is_spaced_out, strip_edges
from papercli.page import LINES, Block, BlockKind, Page, make_block
from papercli.steps.echo_rules import (
    LAYERED_CANDIDATE,
    MIN_LETTERS,
    TRAILING_MARKS,
    Cut,
    explain_echo,
    find_echo_cuts,
    has_words,
    is_line_echo,
)
from papercli.steps.glued_echoes import split_glued_echo
from papercli.steps.join import glue_cjk
from papercli.steps.joints import joint
from papercli.title_lines import reads_as_deck

STEP = "drop_caption_echoes"

# The rule of a line printed again on the next line of its block (`is_line_echo`).
LINE_TWICE = "line printed again on the next line"
# Glued echoes split off one block (of several glued captions) at most this many times.
MAX_GLUED_SPLITS = 4
# A character set apart by spaces on both sides: what a spaced-out line is made of.
SPACED_LETTER = re.compile(" [^\\x00-\\x7f] ")
# A line's opening and closing MIN_LETTERS characters (`_plainly_no_echo`), for `map`.
FIRST_LETTERS = itemgetter(slice(None, MIN_LETTERS))
LAST_LETTERS = itemgetter(slice(-MIN_LETTERS, None))


def concat_lines(lines: Sequence[str]) -> tuple[str, list[int]]:
    """Lines joined as `join_lines` joins them (CJK: no space, Latin: one), with each
    line's offset in the result. Unlike `join_lines` it never drops a character, so every
    removal can be reported exactly.

    >>> concat_lines(["正在参加修养活动的一线优秀辅警正在参加修", "养活动的一线优秀辅警。。"])[1]
    [0, 20]
    >>> concat_lines(["Hello World Hello", "World"])
    ('Hello World Hello World', [0, 18])
    """
    parts: list[str] = []
    starts: list[int] = []
    size = 0
    for line in lines:
        if parts:
            _, sep = joint(parts[-1], line)
            parts.append(sep)
            size += len(sep)
        starts.append(size)
        parts.append(line)
        size += len(line)
    return "".join(parts), starts


def _source_line(block: Block, starts: list[int], offset: int) -> int:
    """The source line of `offset` in the block's joined text, when lines map one to one."""
    if block.last_line - block.first_line + 1 == len(block.lines):
        return block.first_line + max(0, bisect_right(starts, offset) - 1)
    return block.first_line


def _first_removed(cut: Cut) -> int:
    """Offset of the first removed character of a cut (the kept part leads a layered run)."""
    return cut.start + (1 if cut.kept else 0)


def _collapse_text(
    block: Block, text: str, starts: list[int], changes: list[Change], scope: str
) -> str:
    """Collapse one line (or the joined block) and record each removal."""
    once, rounds = explain_echo(text, scope=scope)
    for i, cuts in enumerate(rounds):
        for cut in cuts:
            # Later rounds work on already shortened text: their offsets are not the source's.
            line = _source_line(block, starts, _first_removed(cut)) if i == 0 else block.first_line
            changes.append(Change(STEP, line, "removed", cut.removed, cut.rule))
    return once


def _collapse_block(block: Block, changes: list[Change], *, glue: bool) -> tuple[Block, ...]:
    """One round over a block: the joined block as a whole, then each line, then a glued
    echo (which splits the block in two). Returns the block unchanged when nothing fired."""
    lines = block.lines
    # One line printed again on the next (`dedupe` alone: `clean`'s layout makes
    # each copy a block), as the same lines with a blank one between are a
    # repeated block.
    if (
        len(lines) > 1
        and lines[0] == lines[1]
        and lines[1:] == lines[:-1]
        and is_line_echo(lines[0])
    ):
        for i in range(1, len(lines)):
            at = _line_block(block, i).first_line
            changes.append(Change(STEP, at, "removed", lines[i], LINE_TWICE))
        return (block.with_lines(lines[:1]),)
    # A one-line block that no rule can touch never gets here (see `_settle`).
    if len(lines) > 1 and _plain_block(lines):
        return (block,)
    if len(lines) > 1:
        joined, starts = concat_lines(lines)
        # An echo wrapped by the column width: only a repetition of the whole block counts,
        # and the block becomes the one line that was printed.
        if find_echo_cuts(joined, scope="block"):
            return (block.with_lines((_collapse_text(block, joined, starts, changes, "block"),)),)
    # A one-line block or a title line is a unit of meaning; a raw column line of a
    # wrapped paragraph (`dedupe` alone) is an arbitrary slice of one.
    scope = "line" if len(lines) == 1 or block.kind.keeps_lines else "slice"
    new_lines = []
    found: list[Change] = []
    for i, line in enumerate(lines):
        once = _collapse_text(_line_block(block, i), line, [0], found, scope)
        if once:
            new_lines.append(once)
    new = tuple(new_lines)
    # A headline whose collapsed lines would no longer read as one (lines of one
    # width with clause marks read as a fragment of running text, Korean lines of
    # one width as its prose) keeps its echoes: a second clean would join its lines.
    if new != lines and not (
        block.kind is BlockKind.HEADLINE and len(new) > 1 and not reads_as_deck(new)
    ):
        changes.extend(found)
        return (block.with_lines(new),)
    if glue and len(lines) == 1 and not block.kind.keeps_lines:
        # Layout healing may glue an unpunctuated caption echo to its neighbour block.
        glued = split_glued_echo(lines[0])
        if glued is not None:
            first, second, removed, rule = glued
            # The caption sits at the block's start or end, and so does the line
            # the removal names; the other piece keeps the block's other lines
            # (`split` takes a block on a removal's line for a caption).
            top, bottom = block.first_line, block.last_line
            if rule.endswith("(end)"):
                at, split_at = bottom, max(top, bottom - 1)
                lines_of = ((top, split_at), (bottom, bottom))
            else:
                at, split_at = top, min(bottom, top + 1)
                lines_of = ((top, top), (split_at, bottom))
            changes.append(Change(STEP, at, "removed", removed, rule))
            # The cut may fall at a word space: the two blocks keep no edge whitespace.
            return tuple(
                make_block(block.kind, (strip_edges(piece),), a, b, block.signals)
                for piece, (a, b) in zip((first, second), lines_of, strict=True)
            )
    return (block,)


def _plainly_no_echo(line: str) -> bool:
    """A cheap test, in C, that no rule can fire on a one-line block: each needs a
    unit of MIN_LETTERS characters that recurs at the line's start (whole-string and
    glued echoes) or at its body's end (a glued echo closing it), or a layered run."""
    if line.find(line[:MIN_LETTERS], 1) != -1 or LAYERED_CANDIDATE.search(line):
        return False
    if " " in line and is_spaced_out(line):
        return False  # its echo shows only without the spaces
    body = line.rstrip(TRAILING_MARKS)
    return not body or body.rfind(body[-MIN_LETTERS:], 0, len(body) - 1) == -1


def _line_block(block: Block, index: int) -> Block:
    """A one-line view of line `index`, carrying its source line number."""
    if len(block.lines) == 1:
        return block
    mapped = block.last_line - block.first_line + 1 == len(block.lines)
    no = block.first_line + index if mapped else block.first_line
    return Block(block.kind, (block.lines[index],), no, no)


def repeat_key(block: Block) -> str:
    """What two blocks must share to be one block printed twice: their joined text."""
    lines = block.lines
    if len(lines) == 1:
        return lines[0]
    glued = glue_cjk(lines) if all(lines) else None
    return glued if glued is not None else concat_lines(lines)[0]


def _plain_block(lines: tuple[str, ...]) -> bool:
    """The cheap test of `_plainly_no_echo` for a block of several lines (a headline
    or an unjoined paragraph), when its lines join with no separator: neither the
    joined block nor any line holds a recurring opening or a layered run."""
    glued = glue_cjk(lines) if all(lines) else None
    return (
        glued is not None
        and glued.find(glued[:MIN_LETTERS], 1) == -1
        and LAYERED_CANDIDATE.search(glued) is None
        and all(map((-1).__eq__, map(str.find, lines, map(FIRST_LETTERS, lines), repeat(1))))
        and (" " not in glued or not is_spaced_out(glued))
    )


def plain_lines(texts: list[str]) -> list[bool]:
    """`_plainly_no_echo` of each text, computed in bulk: every test is a `map` of a C
    method (the final combination is one short expression a line)."""
    recur = map(str.find, texts, map(FIRST_LETTERS, texts), repeat(1))
    layered = map(LAYERED_CANDIDATE.search, texts)
    bodies = list(map(str.rstrip, texts, repeat(TRAILING_MARKS)))
    ends = map(sub, map(len, bodies), repeat(1))
    closing = map(str.rfind, bodies, map(LAST_LETTERS, bodies), repeat(0), ends)
    plain = [
        a == -1 and m is None and (c == -1 or not b)
        for a, m, c, b in zip(recur, layered, closing, bodies, strict=True)
    ]
    # A spaced-out text (see `is_spaced_out`) shows its echo only without the
    # spaces. Such a text has a lone character between two spaces: one search of
    # the page finds whether any text may be one.
    if SPACED_LETTER.search("\n".join(texts)):
        for i in compress(range(len(texts)), plain):
            if is_spaced_out(texts[i]):
                plain[i] = False
    return plain


def drop_caption_echoes(page: Page, last_key: str = "") -> tuple[Page, list[Change]]:
    """Collapse echoes inside each block, then drop a block that repeats the one before it.

    Each block is collapsed to a fixed point, and a repeated block is compared with the
    last block kept, so running the step twice changes nothing the second time.
    `last_key` is the `repeat_key` of the block kept just before the page (the end
    of the previous unit of a long input), so that a repeat across units goes too.
    """
    changes: list[Change] = []
    kept: list[Block] = []
    blocks = page.blocks
    # Most blocks are one line that no rule can touch and that differs from the line
    # before it: found in bulk, such a stretch is kept as it is, and only the other
    # blocks (and the first of each stretch, which meets the last block kept) are
    # settled one by one.
    tuples = list(map(LINES, blocks))
    single = map((1).__eq__, map(len, tuples))
    keys = [t[0] if len(t) == 1 else None for t in tuples]
    texts = [k if k is not None else "" for k in keys]
    calm = list(map(and_, single, plain_lines(texts)))
    repeats = map(eq, keys, [None, *keys[:-1]])
    stops = [*compress(counter(), map(or_, map(not_, calm), repeats)), len(blocks)]
    start = 0
    for stop in stops:
        if start < stop:
            last_key = _settle(blocks[start], changes, kept, last_key, calm[start])
            if start + 1 < stop:
                kept.extend(blocks[start + 1 : stop])
                last_key = texts[stop - 1]
        if stop < len(blocks):
            last_key = _settle(blocks[stop], changes, kept, last_key, calm[stop])
        start = stop + 1
    return Page(tuple(kept)), changes


def _settle(
    block: Block, changes: list[Change], kept: list[Block], last_key: str, calm: bool
) -> str:
    """Collapse one block to a fixed point and keep what is left unless it repeats the
    last block kept (whose key is `last_key`); return the new last key. `calm` says
    whether the block is one line that no rule can touch (found in bulk)."""
    if block.kind is BlockKind.VERBATIM:
        # A code block's lines are as the author wrote them, whatever they repeat.
        kept.append(block)
        return ""
    # The block carries how many glued-echo splits it may still make: a split leaves a
    # long rest to examine again, and the budget keeps that linear.
    todo = [(block, MAX_GLUED_SPLITS)]
    plain: bool | None = calm  # only for the block as given, not what collapsing makes
    while todo:
        block, splits = todo.pop()
        lines = block.lines
        if plain is None:
            plain = len(lines) == 1 and _plainly_no_echo(lines[0])
        # Most blocks are one line that no rule can touch: skip the collapse entirely.
        if plain:
            new: tuple[Block, ...] = (block,)
        else:
            new = _collapse_block(block, changes, glue=splits > 0)
        plain = None
        if new != (block,):
            # Collapse again until nothing fires: a fixed point, so a second run is a no-op.
            left = splits - (len(new) > 1)
            todo.extend((b, left) for b in reversed(new))
            continue
        key = repeat_key(block)
        # A caption printed twice as two blocks; short blocks (`（一）`, `好！`) may repeat.
        if key == last_key and has_words(key):
            changes.append(Change(STEP, block.first_line, "removed", block.text, "repeated block"))
            continue
        kept.append(block)
        last_key = key
    return last_key
