"""Lexical cohesion: how much vocabulary two stretches of a page share.

Article boundaries and caption owners are judged by the page's own words, not by a
dictionary: a stretch of text is the set of its Han character bigrams (Chinese has no
spaces, and a bigram is the shortest unit that names something: 华军, 石龙, 粮价),
and each bigram is weighted by how rare it is among the page's blocks. A bigram found
in every block (the paper's name, 日军 on a war page) says nothing about topic; one
found in two blocks ties them together.

Everything here is a pure function of strings and sets, linear in the text's length.
"""

from __future__ import annotations

import math
import re
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from operator import add

from papercli.chars import HAN, HANGUL, KANA, is_spaced_out, without_gaps

# A run of Han characters, or of the kana and Hangul a Japanese or Korean page
# writes its words in; punctuation, digits, Latin and spaces end it, so no bigram
# spans a clause break (nor, in Korean, a word space).
HAN_RUN = re.compile(f"[{HAN}{KANA}{HANGUL}]+")
intern = sys.intern


def char_bigrams(text: str) -> set[str]:
    """Bigrams of Han characters (and kana, Hangul); punctuation and Latin break
    the text into runs.
    On a spaced-out text (OCR's `华 军 反 攻`) the spaces between characters
    (see `chars.without_gaps`) are taken out first.

    >>> sorted(char_bigrams("华军反攻、克复"))
    ['克复', '军反', '华军', '反攻']
    >>> char_bigrams("A 1 华")
    set()
    >>> sorted(char_bigrams("예산 편성"))
    ['예산', '편성']
    >>> char_bigrams("华 军 反 攻") == char_bigrams("华军反攻")
    True
    """
    if is_spaced_out(text):
        text = without_gaps(text)
    grams: set[str] = set()
    for run in HAN_RUN.findall(text):
        # Interned: a page repeats its bigrams many times over, and every block's
        # set then points at one string per bigram instead of a copy per use.
        grams.update(map(intern, map(add, run, run[1:])))
    return grams


def rarity_weights(block_grams: Sequence[set[str]]) -> dict[str, float]:
    """Inverse block frequency: a bigram on every block says nothing about topic.

    The count is smoothed by one (as if one more block held none of them), so even a
    bigram found in every block keeps a small positive weight.

    >>> w = rarity_weights([{"华军", "反攻"}, {"华军"}, {"华军", "石龙"}])
    >>> round(w["华军"], 3), round(w["石龙"], 3)
    (0.288, 1.386)
    """
    df: Counter[str] = Counter()
    for grams in block_grams:
        df.update(grams)
    n = len(block_grams) + 1
    return {g: math.log(n / c) for g, c in df.items()}


def shared_weight(left: set[str], right: set[str], weights: dict[str, float]) -> float:
    """The summed weight of the bigrams both texts use: an absolute amount of shared
    vocabulary, for when one side is short (a title) and a share would overstate it.

    >>> shared_weight({"华军", "石龙"}, {"石龙", "粮价"}, {"华军": 0.1, "石龙": 2.0})
    2.0
    """
    small, large = (left, right) if len(left) <= len(right) else (right, left)
    return sum(weights.get(g, 0.0) for g in small if g in large)


def cohesion(left: set[str], right: set[str], weights: dict[str, float]) -> float:
    """Share of the right text's (weighted) vocabulary that the left text already used.

    Not symmetric on purpose: the right side is the newcomer (a section, a caption)
    and the question is whether it is about what the left side (an article so far)
    talked about.

    >>> w = {"华军": 0.1, "反攻": 1.0, "石龙": 2.0, "粮价": 2.0}
    >>> cohesion({"华军", "石龙"}, {"华军", "石龙", "反攻"}, w)
    0.677
    >>> cohesion({"华军"}, {"粮价"}, w)
    0.0
    >>> cohesion({"华军"}, set(), w)
    0.0
    """
    total = sum(weights.get(g, 0.0) for g in right)
    if total <= 0:
        return 0.0
    return round(shared_weight(left, right, weights) / total, 3)


@dataclass(frozen=True)
class Vocabulary:
    """The bigrams of each block of one page and their rarity weights.

    >>> v = Vocabulary.of(["华军反攻", "华军克复石龙", "粮价上涨"])
    >>> sorted(v.union(range(2)))
    ['克复', '军克', '军反', '华军', '反攻', '复石', '石龙']
    >>> v.cohesion(v.union([1]), v.grams[0])
    0.2
    """

    grams: tuple[set[str], ...]
    weights: dict[str, float]

    @classmethod
    def of(cls, texts: Iterable[str]) -> Vocabulary:
        grams = tuple(char_bigrams(t) for t in texts)
        return cls(grams, rarity_weights(grams))

    def union(self, indexes: Iterable[int]) -> set[str]:
        """All bigrams of the blocks at `indexes`."""
        out: set[str] = set()
        for i in indexes:
            out |= self.grams[i]
        return out

    def cohesion(self, left: set[str], right: set[str]) -> float:
        return cohesion(left, right, self.weights)

    def shared_weight(self, left: set[str], right: set[str]) -> float:
        return shared_weight(left, right, self.weights)
