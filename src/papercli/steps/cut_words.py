"""Was a Latin word cut by a line break? The evidence `papercli.steps.join` asks
before it joins two pieces with no space: a hyphen at a line end goes only where
the document spells the word whole or (when the document does not hyphenate the
pair itself) the word list of `papercli.wordlist` knows it; a word set inside CJK
text, which column typesetting cuts anywhere and with no hyphen, is one where
the document or the word list does not show its pieces as words of their own.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from papercli.chars import ASCII_MARKS, CJK, CJK_CHAR, lazy_pattern
from papercli.wordlist import english_counts, is_solid_word

# Latin words in the document, for hyphenation evidence.
LATIN_WORD = re.compile(r"[A-Za-z\u00c0-\u024f]{2,}")
LATIN_HYPHENATED = re.compile(r"[A-Za-z\u00c0-\u024f]+[-\u2010][A-Za-z\u00c0-\u024f]+")


class Vocabulary:
    """Latin words seen in a document, used to decide if `exam-\\nple` was one word.

    Built lazily: most pages never hyphenate a Latin word at a line end, and
    scanning the text for words would then be wasted work on the hot path.
    """

    __slots__ = ("_hyphenated", "_pending", "_words")

    def __init__(self, text: str = "") -> None:
        self._words: Counter[str] = Counter()
        self._hyphenated: set[str] = set()
        # Texts, or lines still to be joined by newlines (see `of_lines`).
        self._pending: list[str | tuple[str, ...]] = [text] if text else []

    def add(self, text: str) -> None:
        self._pending.append(text)

    def _scan(self) -> None:
        # Only words inside lines count: a word rebuilt across a break is not
        # evidence, and neither pattern matches across a newline.
        for pending in self._pending:
            text = pending if isinstance(pending, str) else "\n".join(pending)
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
