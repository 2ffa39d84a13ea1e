"""Join the lines of a block by script rules (`rejoin`, and the last stage of `unwrap`).

A break between CJK characters, or between CJK and digits/Latin, joins with no
space; Latin-Latin joins with one space; a Latin word hyphenated at a line end
loses its hyphen only where the evidence says it was one word (the document or
the word list: `papercli.steps.cut_words`, which also tells a word set inside
CJK text that the column cut with no hyphen). A compound (`well-known`) keeps
its hyphen. No rule inserts or deletes a non-whitespace character, except such a
hyphen and soft hyphens (U+00AD); each deletion is reported. Whether a break
cuts a web or e-mail address is `papercli.steps.addresses`'s to say.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from itertools import chain, compress, count, repeat

from papercli.changes import Change, seam
from papercli.chars import (
    ASCII_MARKS,
    CJK,
    CJK_CHAR,
    CJK_SHARED_PUNCT,
    DIGIT,
    HANGUL_CHAR,
    HYPHENS,
    INVISIBLE,
    SOFT_HYPHEN,
    keeps_word_space,
    strip_edges,
)
from papercli.page import LINES, Block, BlockKind, Page
from papercli.steps.addresses import OPENS_ON_MAIL, cuts_address, in_address
from papercli.steps.cut_words import (
    GridCuts,
    Vocabulary,
    embedded_word_split,
    grid_cut_evidence,
    hyphen_evidence,
    phrase_word_split,
)

STEP = "join_line_breaks"

# Dashes that never cut a word (a non-breaking hyphen, a figure or en dash): set
# closed at a line end (`10–` + `20`), they are kept and glued.
CLOSED_DASHES = HYPHENS + "\u2011\u2012\u2013"
# A Latin word hyphenated at the end of a line: `inter-` (letters before the hyphen).
LATIN_HYPHEN_END = re.compile(r"([A-Za-z\u00c0-\u024f]+)[-\u2010]$")
# The word fragment that starts the next line.
LATIN_WORD_START = re.compile(r"[A-Za-z\u00c0-\u024f]+")
GLUE_AFTER = frozenset("/&@_=+~#([{")
GLUE_BEFORE = frozenset("/&@_=+~#%.,;:!?)]}")
# The symbols of both sets that bind a word on either side (not a bracket or a
# closing mark); those of them that never open a word as a prefix does (`#42`,
# `+86`, `/usr`, `@name`, `~5`).
BINDING = frozenset("/&@_=+~#")
INFIX = frozenset("&=")
NUMBER_SIGNS = frozenset("+#~")
# A break that `joint` may do more at than glue: a soft hyphen before it, no CJK
# character on either side, a mark CJK and Latin text share against printable
# ASCII or another such mark (see `latin_round_shared_mark`), or an invisible
# character beside it (`joint` looks past it, and `join_lines` cuts the joined
# line's edge as `strip_edges` does: a line of nothing visible left white space
# there, which a second clean dropped). A block without one joins by deleting
# its newlines. The pattern starts with the newline, so the search skips along
# it in C.
BREAK_NEEDS_RULES = re.compile(
    f"\n(?:(?<=\u00ad\n)|(?![{CJK}])(?<=[^{CJK}]\n)"
    f"|(?<=[!-~]\n)(?=[{CJK_SHARED_PUNCT}])"
    f"|(?<=[{CJK_SHARED_PUNCT}]\n)(?=[!-~{CJK_SHARED_PUNCT}])"
    f"|(?<=[{INVISIBLE}]\n)|(?=[{INVISIBLE}]))"
)
KEEPS_LINES = frozenset(kind for kind in BlockKind if kind.keeps_lines)


def joint(left: str, right: str, vocab: Vocabulary | None = None) -> tuple[str, str]:
    """Return (left', separator) for joining two stripped, non-empty lines.

    `left'` is `left`, minus a soft hyphen or a typesetting hyphen at its end.

    >>> joint("专项活动，始", "终坚持")
    ('专项活动，始', '')
    >>> joint("the quick", "brown fox")
    ('the quick', ' ')
    >>> joint("well-", "known")
    ('well-', '')
    >>> joint("Chan Chi", "-keung）表示")
    ('Chan Chi', '')
    """
    head, sep, _ = explained_joint(left, right, vocab)
    return head, sep


def explained_joint(
    left: str, right: str, vocab: Vocabulary | None = None
) -> tuple[str, str, str | None]:
    """`joint`, and what a report says of the characters it dropped from `left`
    (None when it dropped none): the same decision, so the two cannot disagree.

    >>> explained_joint("oppor-", "tunity")
    ('oppor', '', "hyphen at a line end: the word list knows 'opportunity'")
    """
    a, b = left[-1], right[0]
    if a == SOFT_HYPHEN:
        # Soft hyphens are never printed; a visible hyphen left under them is
        # judged as any line-end hyphen is.
        bare = left.rstrip(SOFT_HYPHEN)
        # A space before it is then the line's edge (`30多 ` + soft hyphen), and
        # the line joins as a line without it would.
        stripped = bare.rstrip()
        if stripped.endswith(tuple(HYPHENS)) or (stripped and stripped != bare):
            head, sep, why = explained_joint(stripped, right, vocab)
            return head, sep, f"soft hyphen and {why}" if why else SOFT_HYPHEN_DROPPED
        return bare, "", SOFT_HYPHEN_DROPPED
    if a in INVISIBLE or b in INVISIBLE:
        # A character that prints nothing (a zero-width space, a BOM) is no
        # neighbour: the visible ones on either side decide, and a line of
        # nothing else needs no space.
        seen_left, seen_right = left.rstrip(INVISIBLE), right.lstrip(INVISIBLE)
        if not (seen_left and seen_right):
            return left, "", None
        # What the visible edge drops (a hyphen that cut a word) goes as it would
        # without the invisible characters, which stay.
        head, sep, why = explained_joint(seen_left, seen_right, vocab)
        return head + left[len(seen_left) :], sep, why
    if (CJK_CHAR.match(a) or CJK_CHAR.match(b)) and not latin_round_shared_mark(left, right):
        return left, "", None
    if joins_as_cjk(left, right):
        return left, "", None
    if a in ASCII_MARKS or b in ASCII_MARKS:
        # A mark set in CJK text (`年,` + `2001`, `94%,` + `6.4万`) is a full-width
        # one OCR read as ASCII: it takes no word space.
        if (len(left) >= 2 and CJK_CHAR.match(left[-2])) or (
            len(right) >= 2 and CJK_CHAR.match(right[1])
        ):
            return left, "", None
        if (
            b.isdigit()
            and len(left) >= 2
            and not left[-2].isalpha()
            and (CJK_CHAR.search(left) or CJK_CHAR.search(right))
        ):
            return left, "", None
    if b.isdigit() and a in ".,，" and len(left) >= 2 and DIGIT.match(left[-2]):
        # A decimal point or thousands separator cut by the column (`99.` + `57%`).
        a = left[-2]
    if DIGIT.match(a) and DIGIT.match(b):
        # Column typesetting breaks long numbers anywhere; only a Latin context
        # (no CJK on either line) makes the break a word space.
        if CJK_CHAR.search(left) or CJK_CHAR.search(right):
            return left, "", None
        return left, " ", None
    if a in HYPHENS:
        m = LATIN_HYPHEN_END.search(left)
        n = LATIN_WORD_START.match(right)
        if m and n:
            # A break after a chain's piece (`once-in-` + `a-generation`) is at one
            # of the compound's own hyphens; a word cut before a compound's hyphen
            # (`oppor-` + `tunity-based`) is still one word.
            chained = left[m.start() - 1 : m.start()] in tuple(HYPHENS)
            # An address's hyphen is its own (`www.sun-` + `light.cn`, `team-` +
            # `work@example.com`).
            why = (
                None
                if chained or in_address(left) or OPENS_ON_MAIL.match(right)
                else hyphen_evidence(m.group(1), n.group(0), vocab)
            )
            if why:
                return left[:-1], "", f"hyphen at a line end: {why}"
            return left, "", None
    if a in CLOSED_DASHES and len(left) >= 2 and left[-2] != " ":
        # `x-` then a non-word: keep the hyphen and glue (ranges like `1990-`), as
        # any dash that cannot cut a word (`well‑` + `known`, `10–` + `20`).
        return left, "", None
    if b.islower() and (
        embedded_word_split(left, right, vocab) or phrase_word_split(left, right, vocab)
    ):
        return left, "", None
    # A compound cut before its own hyphen (`陳志強（Chan Chi` + `-keung）`,
    # `well` + `-known`): a hyphen binding the letter after it opens no word.
    if b in HYPHENS and a.isalpha() and right[1:2].isalpha():
        return left, "", None
    # Symbols that bind both sides (`4G&5G`, `km/h`, `a@b`) take no space at a
    # break, and a closing mark never follows one; but one set apart by a space
    # on its other side (`Tom &` | `Jerry`, `x` | `= 5`, `a` | `/ b`) is a word
    # of its own.
    if a in GLUE_AFTER or b in GLUE_BEFORE or cuts_address(left, right):
        if (a in INFIX and left[-2:-1] == " ") or (b in BINDING and right[1:2] == " "):
            return left, " ", None
        # A sign or number mark opening a number after a word (`call` | `+86`,
        # `issue` | `#42`, `about` | `~5`) opens a word of its own.
        if b in NUMBER_SIGNS and right[1:2].isdigit() and a.isalpha():
            return left, " ", None
        return left, "", None
    return left, " ", None


SOFT_HYPHEN_DROPPED = "soft hyphen at a line end"

# Symbols (emoji, enclosed numbers ①, stars, ℃, °, ×) and numbers beside them
# that no script spaces: outside ASCII, a run of them takes no word space.
SYMBOL_CATEGORIES = frozenset(("So", "Sm", "Sk", "No"))
# Marks that ride on the character before them (a combining accent, an emoji's
# variation selector): the break's left edge is the character they ride on.
RIDING_CATEGORIES = frozenset(("Mn", "Me", "Cf"))


def is_symbol(ch: str) -> bool:
    return not ch.isascii() and unicodedata.category(ch) in SYMBOL_CATEGORIES


def joins_as_cjk(left: str, right: str) -> bool:
    """Is the break between characters set as CJK is, in the em grid with no word
    space, though neither is CJK? Two symbols (`👍` | `👍`, `①` | `②③`) are, in
    any text; in CJK text a symbol or a wide character (an emoji) beside anything
    is (`25°` | `C以上`, `点赞👍` | `OK`), as a CJK character would be.

    >>> joins_as_cjk("点赞👍", "👍，"), joins_as_cjk("Great 👍", "Thanks")
    (True, False)
    """
    k = len(left) - 1
    # Bounded: a line of nothing but combining marks looks back no further.
    while k > 0 and len(left) - k < 8 and unicodedata.category(left[k]) in RIDING_CATEGORIES:
        k -= 1
    a, b = left[k], right[0]
    a_symbol, b_symbol = is_symbol(a), is_symbol(b)
    if a_symbol and b_symbol:
        return True
    if not (a_symbol or b_symbol or is_wide(a) or is_wide(b)):
        return False
    return CJK_CHAR.search(left) is not None or CJK_CHAR.search(right) is not None


def is_wide(ch: str) -> bool:
    """Is `ch` set a full em wide wherever it is printed (East Asian Width W or F)?"""
    return unicodedata.east_asian_width(ch) in ("W", "F")


SHARED_MARKS = frozenset(CJK_SHARED_PUNCT)
SHARED_OR_SPACE = CJK_SHARED_PUNCT + " "
LATIN_CLAUSE_ENDS = frozenset(".,;:!?)'\"")
DASHES = frozenset("\u2014\u2015")


def latin_round_shared_mark(left: str, right: str) -> bool:
    """Is the break at a mark CJK and Latin text share (curly quotes, dashes,
    ellipsis, bullet) with Latin text beyond it on both sides (`He said` |
    `“Yes”`, `paused` | `— then`)? That is English, where the break is a word
    space; next to CJK text (`他说` | `“好”`, `CEO` | `“是的”`) the mark is set
    full width and takes none, nor between digits (a range: `1998—` | `2001`),
    nor at a dash set closed (`well—` | `known`: spaced, `said —`, it takes one).

    >>> latin_round_shared_mark("He said", "“Yes.”"), latin_round_shared_mark("他说", "“Yes.”")
    (True, False)
    """
    if left[-1] not in SHARED_MARKS and right[0] not in SHARED_MARKS:
        return False  # a CJK character at the break
    before = left.rstrip(SHARED_OR_SPACE)
    after = right.lstrip(SHARED_OR_SPACE)
    if not (before and after and before[-1].isascii() and after[0].isascii()):
        return False
    last, first = before[-1], after[0]
    if not (first.isalnum() and (last.isalnum() or last in LATIN_CLAUSE_ENDS)):
        return False
    if last.isdigit() and first.isdigit():
        return False
    # The marks (and spaces) the break falls among.
    between = left[len(before) :] + right[: len(right) - len(after)]
    if quoted_in_cjk(left, right):
        return False
    return " " in between or not any(ch in DASHES for ch in between)


def quoted_in_cjk(left: str, right: str) -> bool:
    """Does the break fall between two quotations (`”` | `“`), the first opening
    right after a CJK character or the second closing right before one
    (`读出“nǐ hǎo”` | `“xiè xie”和`)? Their quotes are then CJK text's, full
    width, and a word space never stands beside them.

    >>> quoted_in_cjk("读出“nǐ hǎo”", "“xiè xie”等"), quoted_in_cjk("He said “Yes”", "“No” then")
    (True, False)
    """
    if left[-1] not in CLOSING_QUOTES or right[0] not in OPENING_QUOTES:
        return False
    k = left.rfind(OPENING_QUOTES[CLOSING_QUOTES.index(left[-1])])
    if k > 0 and CJK_CHAR.match(left[k - 1]) and left[k - 1] not in SHARED_MARKS:
        return True
    k = right.find(CLOSING_QUOTES[OPENING_QUOTES.index(right[0])], 1)
    return 0 < k < len(right) - 1 and CJK_CHAR.match(right[k + 1]) is not None and (
        right[k + 1] not in SHARED_MARKS
    )


OPENING_QUOTES = "\u201c\u2018"
CLOSING_QUOTES = "\u201d\u2019"


def glue_cjk(lines: Sequence[str]) -> str | None:
    """The lines glued with no separator when every break has a CJK character beside
    it (and no soft hyphen), which is what `joint` then gives at each; else None.
    The common block, decided in C."""
    text = "\n".join(lines)
    if text.count("\n") == len(lines) - 1 and not BREAK_NEEDS_RULES.search(text):
        return text.replace("\n", "")
    return None


def is_number_piece(line: str) -> bool:
    """Is the line digits and number marks only (`80`, `3.5`), with no word?"""
    return not any(map(str.isalpha, line))


def cuts_number(left: str, right: str) -> bool:
    """Is the break inside a number, between two lines of which one holds nothing
    but digits (a narrow or vertical column cut the number where the line ran
    out: `80` | `0`)? In CJK text such a break joins with no space, but
    `explained_joint` sees only the two lines, which then show no CJK: the
    caller asks the block (once: a column of numbers has a break on every line)."""
    return (
        DIGIT.match(left[-1]) is not None
        and DIGIT.match(right[0]) is not None
        and (is_number_piece(left) or is_number_piece(right))
    )


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
    if not spaced:
        glued = glue_cjk(stripped)
        if glued is not None:
            return glued
    out: list[str] = []
    prev = ""
    block_cjk: bool | None = None  # does the block hold CJK? asked once, if at all
    for k, line in enumerate(stripped):
        if prev:
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
    if breaks != sum(len(tuples[k]) - 1 for k in todo):
        joined = (_join_block(block, vocab, changes, locate, grid) for block in blocks)
        return Page(tuple(joined)), changes
    out = list(blocks)
    # A break with no CJK character beside it (or a soft hyphen) needs `joint`.
    needs_rules = map(BREAK_NEEDS_RULES.search, texts)
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
