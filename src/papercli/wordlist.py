"""A maintained English word list: evidence that a Latin word hyphenated at a line
end was one word (`oppor-` + `tunity`) when the document itself does not say.

The list is pyspellchecker's English dictionary (about 160,000 words, inflected
forms included, each with its count in the list's corpus). It is loaded on first
use only, once per process: most pages never hyphenate a Latin word at a line
end, and loading costs about half a second and some 40 MB.
"""

from __future__ import annotations

from functools import cache

# A solid form seen this often is a word in its own right (`setup`, `breakdown`),
# even where both halves are words too; rarer ones (`followup`, `tradeoff`) are
# spellings of a compound that is written with its hyphen.
COMMON_COUNT = 1000
# Or, where both halves are words, one at least this share of the rarer half's count.
SOLID_SHARE = 0.01


@cache
def english_counts() -> dict[str, int]:
    """Every word of the list, in lower case, with its count."""
    from spellchecker import SpellChecker

    # The list's own table (a Counter keyed by lower-case word), not a copy of it.
    return SpellChecker(language="en", distance=1).word_frequency.dictionary


def is_solid_word(head: str, tail: str) -> bool:
    """Is `head` + `tail` one word rather than a compound of two? The list must
    know the solid form; when both halves are words of their own, the solid form
    must also be common, or not rare beside the rarer half.

    >>> is_solid_word("oppor", "tunity"), is_solid_word("some", "one")
    (True, True)
    >>> is_solid_word("follow", "up"), is_solid_word("well", "known")
    (False, False)
    >>> is_solid_word("sub", "section"), is_solid_word("trade", "off")
    (True, False)
    """
    counts = english_counts()
    count = counts.get((head + tail).lower(), 0)
    if not count:
        return False
    halves = min(counts.get(head.lower(), 0), counts.get(tail.lower(), 0))
    # Prefixes and stems listed as words (`sub`, `re`, `para`) leave the solid form
    # at a fair share of the rarer half's count (`subsection`); a compound usually
    # written apart is a tiny share of both (`followup` beside `follow` and `up`).
    return count >= COMMON_COUNT or count >= SOLID_SHARE * halves
