"""Was a Latin word cut by a line break? The evidence `papercli.steps.joints` asks
before it joins two pieces with no space: a hyphen at a line end goes only where
the document spells the word whole or (when the document does not hyphenate the
pair itself) the word list of `papercli.wordlist` knows it; a word set inside CJK
text, which column typesetting cuts anywhere and with no hyphen, is one where
the document or the word list does not show its pieces as words of their own.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from functools import cache
from itertools import compress, count
from operator import and_, itemgetter

from papercli.chars import ASCII_MARKS, CJK, CJK_CHAR, lazy_pattern
from papercli.grid import cut_by_grid, run_on_column
from papercli.steps.cut_numbers import (
    NumberSpellings,
    holds_number,
    letter_cut_evidence,
    number_cut_evidence,
)
from papercli.wordlist import english_counts, is_solid_word

# Latin words in the document, for hyphenation evidence.
LATIN_WORD = re.compile(r"[A-Za-z\u00c0-\u024f]{2,}")
LATIN_HYPHENATED = re.compile(r"[A-Za-z\u00c0-\u024f]+[-\u2010][A-Za-z\u00c0-\u024f]+")


class Vocabulary:
    """Latin words seen in a document, used to decide if `exam-\\nple` was one word.

    Built lazily: most pages never hyphenate a Latin word at a line end, and
    scanning the text for words would then be wasted work on the hot path.
    """

    __slots__ = ("_hyphenated", "_numbers", "_numbers_seen", "_pending", "_texts", "_words")

    def __init__(self, text: str = "") -> None:
        self._words: Counter[str] = Counter()
        self._hyphenated: set[str] = set()
        # The scanned texts, kept for `numbers`, which few pages ask for.
        self._texts: list[str] = []
        self._numbers: NumberSpellings | None = None
        self._numbers_seen = 0
        # Texts, or lines still to be joined by newlines (see `of_lines`).
        self._pending: list[str | tuple[str, ...]] = [text] if text else []

    def add(self, text: str) -> None:
        self._pending.append(text)

    def _scan(self) -> None:
        # Only words inside lines count: a word rebuilt across a break is not
        # evidence, and neither pattern matches across a newline.
        for pending in self._pending:
            text = pending if isinstance(pending, str) else "\n".join(pending)
            self._texts.append(text)
            self._words.update(w.lower() for w in LATIN_WORD.findall(text))
            self._hyphenated.update(
                w.lower().replace("\u2010", "-") for w in LATIN_HYPHENATED.findall(text)
            )
        self._pending = []

    @property
    def words(self) -> Counter[str]:
        """How often each word (lower case) occurs inside a line."""
        if self._pending:
            self._scan()
        return self._words

    @property
    def hyphenated(self) -> set[str]:
        if self._pending:
            self._scan()
        return self._hyphenated

    @property
    def numbers(self) -> NumberSpellings:
        """How the document writes numbers with letters (`100W`, `3.5 GHz`).
        Read from the texts without counting their words, which few pages need."""
        seen = len(self._texts) + len(self._pending)
        if self._numbers is None or self._numbers_seen != seen:
            texts = self._texts + [
                pending if isinstance(pending, str) else "\n".join(pending)
                for pending in self._pending
            ]
            self._numbers, self._numbers_seen = NumberSpellings(texts), seen
        return self._numbers

    @classmethod
    def of_lines(cls, lines: Iterable[str]) -> Vocabulary:
        # The lines are joined only if a hyphen decision needs the words: most
        # pages never ask.
        vocab = cls()
        vocab._pending.append(tuple(lines))
        return vocab


MIN_HYPHEN_PIECE = 2


def hyphen_evidence(head: str, tail: str, vocab: Vocabulary | None = None) -> str | None:
    """Why `head-` + `tail` at a line break was one word, or None to keep the hyphen.

    The document decides first: a pair it also hyphenates inside a line is a
    compound, a word it spells whole is one. Failing that, the word list: a
    compound (`well-known`) is no word when written solid, and one whose solid
    spelling is rare (`follow-up`) keeps its hyphen too (see `is_solid_word`).

    >>> hyphen_evidence("oppor", "tunity")
    "the word list knows 'opportunity'"
    >>> hyphen_evidence("well", "known") is None
    True
    """
    joined = (head + tail).lower()
    if vocab is not None:
        if f"{head}-{tail}".lower() in vocab.hyphenated:
            return None
        if joined in vocab.words:
            return f"the document spells {joined!r} whole"
    # Typesetters leave at least two letters on each side of a hyphenation; a
    # single letter (`e-` + `mail`, `in-` + `a`) is a compound's. A word goes on
    # in lower case (or all capitals): `Trans-` + `Pacific` is a compound.
    if (
        len(head) >= MIN_HYPHEN_PIECE <= len(tail)
        and (tail.islower() or (head.isupper() and tail.isupper()))
        and is_solid_word(head, tail)
    ):
        return f"the word list knows {joined!r}"
    return None


# A word of a spaced script (Latin, Greek, Cyrillic: letters that are not CJK)
# set inside CJK text: CJK (or the line edge) touches it on both sides, or an
# ASCII mark that does (`作用(Visn`, as OCR reads `（`). Compiled on first use:
# most pages never cut such a word.
SPACED_LETTERS = f"(?:(?![{CJK}])[^\\W\\d_])+"
latin_tail_in_cjk = lazy_pattern(f"(?:^|[{CJK}])[{ASCII_MARKS}]*({SPACED_LETTERS})$")
latin_head_in_cjk = lazy_pattern(f"({SPACED_LETTERS})[{ASCII_MARKS}]*(?:[{CJK}]|$)")


def embedded_word_split(left: str, right: str, vocab: Vocabulary | None = None) -> bool:
    """True when the break cuts one Latin word set inside CJK text, where column
    typesetting breaks anywhere and adds no hyphen (`（Visn` + `al），…`): the
    letters before the break follow CJK with no space, the letters after it run
    straight into CJK (the caller checks they go on in lower case: a phrase broken
    at its space, `New` + `York`, starts its next word in upper case), and the
    document does not show both pieces as words of their own. Nor does the word
    list, unless it knows the joined word: a term in brackets wrapped at its space
    (`（tunable` + `coupler）`) is two words a column moved apart.

    >>> embedded_word_split("采用了可调耦合器（tunable", "coupler）结构")
    False
    >>> embedded_word_split("作用（Visn", "al）")
    True
    """
    if CJK_CHAR.search(left) is None or CJK_CHAR.search(right) is None:
        return False
    tail = latin_tail_in_cjk().search(left)
    head = latin_head_in_cjk().match(right)
    if tail is None or head is None:
        return False
    first, second = tail.group(1).lower(), head.group(1).lower()
    # Each piece occurs once at this break: only more occurrences show a word.
    if vocab is not None and vocab.words[first] > 1 and vocab.words[second] > 1:
        return False
    return not are_two_words(first, second)


def are_two_words(first: str, second: str) -> bool:
    """Does the word list know both pieces, and not the two written solid?

    >>> are_two_words("tunable", "coupler"), are_two_words("visn", "al")
    (True, False)
    >>> are_two_words("sun", "light")  # `sunlight` is one word
    False
    """
    counts = english_counts()
    return first in counts and second in counts and first + second not in counts


# The last word of a Latin phrase at a line's end (`布局AI Age`), after a space.
PHRASE_LAST_WORD = re.compile(r"(?<= )([A-Za-z]+)$")


def phrase_word_split(left: str, right: str, vocab: Vocabulary | None = None) -> bool:
    """True when the break cuts the last word of a Latin phrase set inside CJK
    text, with no hyphen (`布局AI Age` + `nt（智能体）`): the piece after it runs
    straight into CJK, and the evidence says the two were one word. The document
    spells the joined word inside a line, or the word list knows it while the
    pieces are not both words (`New` + `York` never: the caller checks the next
    piece goes on in lower case, and `newyork` is no word).

    >>> phrase_word_split("企业正加快布局AI Age", "nt（智能体）应用")
    True
    >>> phrase_word_split("参加了Machine Learn", "ing课程") is False  # `ing` is a word
    True
    """
    if CJK_CHAR.search(left) is None or CJK_CHAR.search(right) is None:
        return False
    tail = PHRASE_LAST_WORD.search(left)
    head = latin_head_in_cjk().match(right) if tail else None
    if tail is None or head is None:
        return False
    first, second = tail.group(1).lower(), head.group(1).lower()
    joined = first + second
    if vocab is not None and vocab.words[joined] > 0:
        return True
    counts = english_counts()
    return joined in counts and not (first in counts and second in counts)


class GridCuts:
    """The lines of a page set on a character grid (Chinese typesetting) that the
    grid cut at its width, not at a word boundary: they fill the page's column to
    the cell, hold no space at the break, and a letter or digit stands on both
    sides of it (`in earl` / `y March`). Empty on a page wrapped at word
    boundaries, whose lines are ragged. `lines` are the unit's raw lines (a blank
    one between blocks), numbered by `numbers`.

    >>> cuts = GridCuts(["On a wet day in earl", "y March, the old tea", "house was full. Reti",
    ...                  "red men sat at table", "s and no one spoke", "", "Then"], range(1, 8))
    >>> sorted(cuts.cut_lines)  # `grid_cut_evidence` says which cut a word (not `tea`)
    [1, 2, 3, 4]
    """

    __slots__ = ("_shown", "cut_lines")

    def __init__(
        self, lines: Sequence[str], numbers: Sequence[int], joined: str | None = None
    ) -> None:
        """`joined` is the lines joined by newlines, where the caller has it already."""
        self.cut_lines: frozenset[int] = frozenset()
        self._shown: list[int] = []
        text = joined if joined is not None else "\n".join(lines)
        # One search for a break between two letters settles the common page
        # (no Latin at all: `re` scans for the letter class in C): `cuts_words`
        # would find no word cut, so the column need not be measured.
        found = LETTER_BREAK.search(text)
        if found is None:
            return
        # The break it finds most often falls at the line's edge (one space before
        # the newline or none), which answers the next gate too.
        if (
            found.group()[1:] not in EDGE_BREAKS
            and "\n\n" not in text
            and GRID_BREAK.search(text) is None
        ):
            return  # no break between two letters or digits
        # The lines not blank, told in C (`map`, `compress`): pages run to
        # thousands of lines.
        filled = list(map(bool, map(str.strip, lines)))
        shown = list(compress(count(), filled))
        ends = map(itemgetter(-1), compress(lines, filled))
        if sum(map(str.isspace, ends)) * 2 > len(shown):
            # An extraction that pads every line: the space at an edge says nothing.
            lines = [raw.rstrip() for raw in lines]
        elif LETTER_CUT.search(text, found.start()) is None:
            return  # every break between letters has a space at its edge: no word cut
        column = run_on_column(list(compress(lines, map(and_, filled, filled[1:]))))
        if column is None:
            return  # ragged: wrapped at word boundaries
        # A cut may fall before a blank line too (a column break), which healing
        # closes; only the breaks between two letters or digits are measured.
        cuts = [
            (k, after)
            for k, after in edge_breaks(text)
            if cut_by_grid(lines[k], lines[after], column)
        ]
        if cuts and cuts_words([lines[k] for k, _ in cuts], [lines[a] for _, a in cuts]):
            self.cut_lines = frozenset(numbers[k] for k, _ in cuts)
            self._shown = [numbers[k] for k in shown]

    def breaks(self, first_line: int, last_line: int, count: int) -> frozenset[int]:
        """The breaks (by the index of the line before them) the grid cut in a
        block of `count` lines spanning source lines `first_line`..`last_line`."""
        if not self.cut_lines:
            return frozenset()
        shown = self._shown[
            bisect_left(self._shown, first_line) : bisect_right(self._shown, last_line)
        ]
        if len(shown) != count:
            return frozenset()  # the block is not its source lines: no say
        return frozenset(k for k, n in enumerate(shown[:-1]) if n in self.cut_lines)


# Of the breaks between letters at the full width, the share that must split a
# word the list does not know whole into pieces it does not (`earl` + `y`): a
# page justified at word boundaries fills its lines too, but breaks between
# words (`a` + `round`), never inside one.
GRID_WORD_CUTS = 0.25


def cuts_words(lefts: Sequence[str], rights: Sequence[str]) -> bool:
    """Do enough of these full lines' breaks between letters cut a word in two
    (a piece that reads as no word)? A page of numbers cut alone shows no grid."""
    pieces = [
        (head.group(), tail.group(), left, right)
        for head, tail, left, right in zip(
            map(LETTERS_END.search, lefts),
            map(LETTERS_START.match, rights),
            lefts,
            rights,
            strict=True,
        )
        if head is not None and tail is not None
    ]
    # A piece that reads as no word, or an acronym's (`（NE` / `A）`).
    inside = sum(
        1
        for first, second, left, right in pieces
        if not (reads_as_word(first) and reads_as_word(second))
        or bracketed_acronym(left, right)
    )
    return inside > 0 and inside >= GRID_WORD_CUTS * len(pieces)


# A break between two letters, blank lines between them or not, a space that
# pads the line's end or not: where `cut_by_grid` may find the word cut
# `cuts_words` asks for. Opens on the letter (a class `re` scans for in C; a
# lookbehind first is tried at every character, three times slower).
LETTER_BREAK = re.compile(
    r"[A-Za-z\u00c0-\u024f][^\S\n]*\n(?:[^\S\n]*\n)*(?=[A-Za-z\u00c0-\u024f])"
)
# The same with no space at the line's end, where `cut_by_grid` finds a cut
# unless the extraction padded the lines.
LETTER_CUT = re.compile(r"[A-Za-z\u00c0-\u024f]\n(?:[^\S\n]*\n)*(?=[A-Za-z\u00c0-\u024f])")
# A break between two letters or digits with no line between, one space at the
# first line's end or none (`GRID_CUT` once the space that pads it is dropped),
# and the ends of `LETTER_BREAK`'s match that make one.
GRID_BREAK = re.compile(r"[0-9A-Za-z\u00c0-\u024f] ?\n[0-9A-Za-z\u00c0-\u024f]")
EDGE_BREAKS = ("\n", " \n")
# A break `cut_by_grid` may find cut: a letter or digit on each side, blank lines
# or a space at the end between them or not.
EDGE_BREAK = re.compile(
    r"[0-9A-Za-z\u00c0-\u024f][^\S\n]*\n(?:[^\S\n]*\n)*(?=[0-9A-Za-z\u00c0-\u024f])"
)


def edge_breaks(text: str) -> Iterator[tuple[int, int]]:
    """The indexes of the lines before and after each `EDGE_BREAK` in the text of
    the lines joined by newlines, in order (the newlines counted once)."""
    line, at = 0, 0
    for found in EDGE_BREAK.finditer(text):
        line += text.count("\n", at, found.start())
        at = found.start()
        yield line, line + found.group().count("\n")


# An acronym a bracket holds alone, as a gloss of the name before it (`国家环境局
# （NEA）`): capitals after the opening bracket, then one or two before the closing.
ACRONYM_HEAD = re.compile(r"[（(][A-Z]+$")
ACRONYM_TAIL = re.compile(r"[A-Z]{1,2}[）)]")


def bracketed_acronym(left: str, right: str) -> bool:
    """Do the pieces a break cut make up an acronym in brackets (`（NE` / `A）`)?
    Two words of capitals side by side in a bracket are rare: it glosses a name
    with one, and a piece of one or two capitals (`A`, `NE`) reads as no word.

    >>> bracketed_acronym("环境局（NE", "A）与"), bracketed_acronym("（UN", "ESCAP）")
    (True, False)
    """
    return ACRONYM_HEAD.search(left) is not None and ACRONYM_TAIL.match(right) is not None


def reads_as_word(piece: str) -> bool:
    """Is the piece a word of its own in the list (`a`, `I`, but no other lone letter)?"""
    piece = piece.lower()
    if len(piece) < 2:
        return piece in "ai"
    return english_counts().get(piece, 0) > RARE_COUNT


# The letters that end and begin the pieces of a word a grid cut.
LETTERS_END = re.compile(r"[A-Za-z\u00c0-\u024f]+$")
LETTERS_START = re.compile(r"[A-Za-z\u00c0-\u024f]+")
# A word the list holds this rarely (its floor) is a spelling nobody uses.
RARE_COUNT = 50
# How much likelier than the two pieces side by side (by their counts in the
# list, as if independent) the solid word must be: `earl` + `y` by far,
# `to` + `day` (`today`) or `in` + `to` (`into`) not.
SOLID_ODDS = 100.0


def grid_cut_evidence(left: str, right: str, vocab: Vocabulary | None = None) -> str | None:
    """Why a break the grid cut (see `GridCuts`) joins with no space, or None to
    keep the word space: digits on both sides are one number; a digit and a
    letter, or letters inside a unit or formula (`6,000P` + `a`), one token on
    the evidence of `cut_numbers`; letters, one word
    where the word list finds the solid form far likelier than the two pieces
    side by side, or where the page spells it whole elsewhere and the pieces do
    not both read as words. The next piece goes on in lower case, unless both
    are capitals (`Xi` + `Jinping` stays).

    >>> grid_cut_evidence("in earl", "y March")
    "the word list knows 'early'"
    >>> grid_cut_evidence("went to", "day") is None, grid_cut_evidence("Xi", "Jinping") is None
    (True, True)
    """
    if left[-1].isdigit() and right[0].isdigit():
        return "a number the grid cut"
    if left[-1].isdigit() or right[0].isdigit():
        return number_cut_evidence(left, right, vocab.numbers if vocab is not None else None)
    head, tail = LETTERS_END.search(left), LETTERS_START.match(right)
    if head is None or tail is None:
        return None
    first, second = head.group(), tail.group()
    # A unit or formula the grid cut between its letters (`6,000P` + `a`).
    if holds_number(left, right):
        numbers = vocab.numbers if vocab is not None else None
        if (why := letter_cut_evidence(left, right, numbers)) is not None:
            return why
    # Capitals go on in capitals, or in an acronym's plural (`VO` + `Cs`).
    if not (second.islower() or (first.isupper() and second[0].isupper())):
        return None
    if bracketed_acronym(left, right):
        return f"an acronym in brackets: {first + second!r}"

    # A capitalised piece before a lower-case one that is no contraction (`didn't`).
    titled = (
        first[0].isupper()
        and first[1:] == first[1:].lower()
        and second.islower()
        and right[tail.end() : tail.end() + 1] not in ("'", "\u2019")
    )
    first, second = first.lower(), second.lower()
    joined = first + second
    counts = english_counts()
    solid = counts.get(joined, 0)
    if solid and solid_odds(solid, first, second) >= SOLID_ODDS:
        return f"the word list knows {joined!r}"
    words = vocab.words if vocab is not None else None
    if (
        words is not None
        and words[joined] > 0
        and not all(reads_as_word(p) or words[p] > AT_THE_BREAK for p in (first, second))
    ):
        return f"the page spells {joined!r} whole"
    if titled and name_pieces(first, second, words):
        return f"a name cut in two: neither {first!r} nor {second!r} is a word"
    return None


# The page's words count each piece of a cut word once, at the break itself:
# only more occurrences show the piece as a word of its own.
AT_THE_BREAK = 1

# Lower-case words that follow a name in it (`Luiz da Silva`, `van Gogh`): a
# word the list may not know, left whole at a line's start after a name.
PARTICLE_NAMES = "al bin da das de del della der di do dos du el ibn la le van von y zu"
NAME_PARTICLES = frozenset(PARTICLE_NAMES.split())


def name_pieces(first: str, second: str, words: Counter[str] | None) -> bool:
    """Are a capitalised piece and a lower-case one at a grid's cut the halves of a
    name no list knows (`Guardi` + `ola`)? Neither reads as a word, in the list or
    on the page, and the second is no particle of a name: a word space the line's
    end took away would leave two words, and after a name a lower-case word the
    list does not know is rare (measured: 115 such pairs in 9 MB of English text,
    against some 26,000 capitalised words that are no word)."""
    if second in NAME_PARTICLES:
        return False
    for piece in (first, second):
        if reads_as_word(piece) or (words is not None and words[piece] > AT_THE_BREAK):
            return False
    return True


def solid_odds(solid: int, first: str, second: str) -> float:
    """How much likelier the list makes the solid word than its two pieces side by
    side, each piece as if it followed any word (its share of the list's words)."""
    counts = english_counts()
    total = list_total()
    pair = max(counts.get(first, 0), RARE_COUNT) * max(counts.get(second, 0), RARE_COUNT)
    return solid * total / pair


@cache
def list_total() -> int:
    return sum(english_counts().values())
