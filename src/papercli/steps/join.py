"""Join the lines of a block (`rejoin`, and the last stage of `unwrap`): each
non-heading block becomes one line, its breaks joined as `papercli.steps.joints`
decides at each (no space between CJK, one between Latin words, a hyphen that cut
a word dropped). This module owns putting the text together: the common all-CJK
block glued in C (`glue_cjk`), the breaks a Korean word space or a character
grid's cut settles (`word_space_breaks`, `cut_words.GridCuts`), and the report of
every character a join drops. No rule inserts or deletes a non-whitespace
character, except a hyphen that cut a word and soft hyphens (U+00AD); each
deletion is reported.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from itertools import chain, compress, count, repeat

from papercli.bylines import spaces_name_after_role
from papercli.changes import Change, seam
from papercli.chars import (
    CJK,
    CJK_CHAR,
    CJK_SHARED_PUNCT,
    HANGUL_CHAR,
    INVISIBLE,
    SOFT_HYPHEN,
    keeps_word_space,
    strip_edges,
)
from papercli.page import LINES, Block, BlockKind, Page
from papercli.steps.cut_words import GridCuts, Vocabulary, grid_cut_evidence
from papercli.steps.joints import cuts_number, explained_joint

STEP = "join_line_breaks"

# The last characters of the role words `spaces_name_after_role` reads.
ROLE_LAST = frozenset("者员員生")

# A break that `joint` may do more at than glue: a soft hyphen before it, no CJK
# character on either side, a mark CJK and Latin text share against printable
# ASCII or another such mark (see `joints.latin_round_shared_mark`), or an invisible
# character beside it (`joint` looks past it, and `join_lines` cuts the joined
# line's edge as `strip_edges` does: a line of nothing visible left white space
# there, which a second clean dropped). A block without one joins by deleting
# its newlines. The pattern starts with the newline, so the search skips along
# it in C.
BREAK_CASES = (
    f"(?<=\u00ad\n)|(?![{CJK}])(?<=[^{CJK}]\n)"
    f"|(?<=[!-~]\n)(?=[{CJK_SHARED_PUNCT}])"
    f"|(?<=[{CJK_SHARED_PUNCT}]\n)(?=[!-~{CJK_SHARED_PUNCT}])"
    f"|(?<=[{INVISIBLE}]\n)|(?=[{INVISIBLE}])"
)
# None of them is a break between two characters of the commonest CJK ranges
# (Han, CJK marks, full-width forms): most breaks, settled by two one-range tests
# before the cases are tried one by one.
COMMON_CJK = "\u3000-\u303f\u4e00-\u9fff\uff00-\uffef"
NOT_COMMON_CJK_PAIR = f"(?!(?<=[{COMMON_CJK}]\n)[{COMMON_CJK}])"
BREAK_NEEDS_RULES = re.compile(f"\n{NOT_COMMON_CJK_PAIR}(?:{BREAK_CASES})")
# ... and, where a page's blocks are joined, a byline's role word ending a line
# (`role_space_breaks`): one search of the block for both.
BREAK_OR_ROLE = re.compile(
    f"\n(?:{NOT_COMMON_CJK_PAIR}(?:{BREAK_CASES})|(?<=[{''.join(sorted(ROLE_LAST))}]\n))"
)
KEEPS_LINES = frozenset(kind for kind in BlockKind if kind.keeps_lines)


def glue_cjk(lines: Sequence[str]) -> str | None:
    """The lines glued with no separator when every break has a CJK character beside
    it (and no soft hyphen), which is what `joint` then gives at each; else None.
    The common block, decided in C."""
    text = "\n".join(lines)
    if text.count("\n") == len(lines) - 1 and not BREAK_NEEDS_RULES.search(text):
        return text.replace("\n", "")
    return None


def join_lines(
    lines: Sequence[str],
    vocab: Vocabulary | None = None,
    removed: list[tuple[int, str, str]] | None = None,
    grid_cuts: frozenset[int] = frozenset(),
) -> str:
    """Join lines into one by the script rules; lines are stripped first. Each
    hyphen deleted at a break is added to `removed` as (index of the non-empty
    line that held it, seam, why). `grid_cuts` are the breaks (by that index) a
    character grid cut at its width (`cut_words.GridCuts`): a word or number
    the evidence says they cut (`grid_cut_evidence`) joins with no space, and is
    added to `removed` too, its seam's space the text given up.

    >>> join_lines(["负责对辅警层级", "管理工作的组织"])
    '负责对辅警层级管理工作的组织'
    >>> join_lines(["局属 21个部门", "共排查出问题"])
    '局属 21个部门共排查出问题'
    >>> join_lines(["流转了", "80", "0", "多亩"]), join_lines(["in", "1998", "2001"])
    ('流转了800多亩', 'in 1998 2001')
    """
    stripped = list(map(str.strip, lines))
    spaced = word_space_breaks(lines)
    if "" in stripped:
        stripped = list(filter(None, stripped))
    spaced |= role_space_breaks(stripped)
    if not spaced:
        glued = glue_cjk(stripped)
        if glued is not None:
            return glued
    out: list[str] = []
    prev = ""
    block_cjk: bool | None = None  # does the block hold CJK? asked once, if at all
    for k, line in enumerate(stripped):
        if prev:
            a, b = prev[-1], line[0]
            if ("\u4e00" <= a <= "\u9fff" and b not in INVISIBLE) or (
                "\u4e00" <= b <= "\u9fff" and a not in INVISIBLE and a != SOFT_HYPHEN
            ):
                # A Han character at the break, and nothing invisible or a soft
                # hyphen across it: `explained_joint` glues, asking nothing more
                # (most breaks of a block that needs the rules are these).
                head, sep, why = prev, "", None
            else:
                head, sep, why = explained_joint(prev, line, vocab)
            if k - 1 in spaced:
                sep = " "
            elif sep and k - 1 in grid_cuts:
                cut = grid_cut_evidence(prev, line, vocab)
                if cut is not None:
                    sep = ""
                    if removed is not None:
                        removed.append((k - 1, seam(prev, line), f"{GRID_CUT}: {cut}"))
            elif sep and cuts_number(prev, line):
                if block_cjk is None:
                    block_cjk = any(map(CJK_CHAR.search, stripped))
                if block_cjk:
                    sep = ""
            if removed is not None and why is not None:
                removed.append((k - 1, seam(prev, line), why))
            out.append(head)
            out.append(sep)
        prev = line
    if prev:
        out.append(prev)
    # A line that held nothing but a soft hyphen leaves its break's space at the
    # edge (`.` + ` ` + `\u2060`): the joined line has no white space there.
    return strip_edges("".join(out))


# What `--explain` says of a word space a grid cut took out.
GRID_CUT = "a character grid cut the word at the column, no hyphen"


def word_space_breaks(lines: Sequence[str]) -> frozenset[int]:
    """The breaks (by the index of the non-blank line before them) where the text
    holds a Korean word space at a line's edge (`chars.keeps_word_space`): one
    ASCII space ending the line (unless every line ends so: an extraction padded
    them) or opening the next one (more would be an indent). Most blocks have no
    space at a break, or no Hangul: told in C first."""
    text = "\n".join(lines)
    if not (" \n" in text or "\n " in text) or HANGUL_CHAR.search(text) is None:
        return frozenset()
    raw = [ln for ln in lines if ln.strip()]
    padded = all(ln[-1] == " " for ln in raw)
    return frozenset(
        k
        for k in range(len(raw) - 1)
        if ((raw[k][-1] == " " and not padded) or opens_on_one_space(raw[k + 1]))
        and keeps_word_space(raw[k].strip(), raw[k + 1].strip())
    )


def role_space_breaks(lines: Sequence[str]) -> frozenset[int]:
    """The breaks (by the index of the stripped line before them) after a byline's
    role word where the line spaces names from their roles
    (`bylines.spaces_name_after_role`)."""
    return frozenset(
        k
        for k in range(len(lines) - 1)
        if lines[k][-1:] in ROLE_LAST and spaces_name_after_role(lines[k])
    )


def opens_on_one_space(line: str) -> bool:
    """Does the line open on one ASCII space (not two: an indent typed so)?"""
    return line[:1] == " " and line[1:2] != " "


# The source line number of a block's line (block, index among its lines).
LineLocator = Callable[[Block, int], int]


def line_in_block(block: Block, k: int) -> int:
    """The number of a block's `k`th line where the block has no gap in it."""
    return min(block.first_line + k, block.last_line)


def join_line_breaks(
    page: Page,
    vocab: Vocabulary | None = None,
    locate: LineLocator = line_in_block,
    grid: GridCuts | None = None,
) -> tuple[Page, list[Change]]:
    """Join each non-heading block into one line; headings keep their lines. Every
    hyphen deleted at a break is reported as a removal on the line that held it,
    which `locate` finds (a healed block spans blank lines the page no longer shows);
    every word space a character grid's cut took out (`grid`: the source lines it
    cut; none without it), as a join there."""
    changes: list[Change] = []
    blocks = page.blocks
    tuples = list(map(LINES, blocks))
    lines = list(chain.from_iterable(tuples))
    # Blocks from the layout step hold stripped, non-empty lines: then stripping
    # returns each line itself, every one-line block and heading stays as it is,
    # and the rest are glued in bulk.
    if "" in lines or list(map(str.strip, lines)) != lines:
        joined = (_join_block(block, vocab, changes, locate, grid) for block in blocks)
        return Page(tuple(joined)), changes
    todo = [
        k
        for k in compress(count(), map((1).__lt__, map(len, tuples)))
        if blocks[k].kind not in KEEPS_LINES
    ]
    texts = ["\n".join(tuples[k]) for k in todo]
    glued = list(map(str.replace, texts, repeat("\n"), repeat("")))
    # Gluing drops exactly the newlines that join the lines unless a line holds
    # one of its own (as `glue_cjk` checks block by block).
    breaks = sum(map(len, texts)) - sum(map(len, glued))
    if breaks != sum(map(len, map(tuples.__getitem__, todo))) - len(todo):
        joined = (_join_block(block, vocab, changes, locate, grid) for block in blocks)
        return Page(tuple(joined)), changes
    out = list(blocks)
    # A break with no CJK character beside it (or a soft hyphen), or after a
    # byline's role word, needs `joint` (`BREAK_OR_ROLE`).
    needs_rules = map(BREAK_OR_ROLE.search, texts)
    for k, text, rules in zip(todo, glued, needs_rules, strict=True):
        block = blocks[k]
        line = _join_reported(block, vocab, changes, locate, grid) if rules else text
        out[k] = block.with_lines((line,))
    return Page(tuple(out)), changes


def _join_reported(
    block: Block,
    vocab: Vocabulary | None,
    changes: list[Change],
    locate: LineLocator,
    grid: GridCuts | None = None,
) -> str:
    removed: list[tuple[int, str, str]] = []
    cuts: frozenset[int] = frozenset()
    if grid is not None and grid.cut_lines:
        count = sum(1 for ln in block.lines if ln.strip())
        cuts = grid.breaks(block.first_line, block.last_line, count)
    line = join_lines(block.lines, vocab, removed, cuts)
    changes.extend(
        Change(STEP, locate(block, k), JOINED if why.startswith(GRID_CUT) else "removed", at, why)
        for k, at, why in removed
    )
    return line


# The action of a break joined with no space where the rules alone put one.
JOINED = "joined"


def _join_block(
    block: Block,
    vocab: Vocabulary | None,
    changes: list[Change],
    locate: LineLocator,
    grid: GridCuts | None = None,
) -> Block:
    lines = block.lines
    if len(lines) <= 1 or block.kind.keeps_lines:
        stripped = tuple(map(str.strip, lines))
        return block.with_lines(stripped) if stripped != lines else block
    return block.with_lines((_join_reported(block, vocab, changes, locate, grid),))
