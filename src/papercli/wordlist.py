"""A maintained English word list: evidence that a Latin word hyphenated at a line
end was one word (`oppor-` + `tunity`) when the document itself does not say.

The list is pyspellchecker's English dictionary (about 160,000 words, inflected
forms included). It is loaded on first use only, once per process: most pages
never hyphenate a Latin word at a line end, and loading costs about half a second
and some 40 MB.
"""

from __future__ import annotations

from functools import cache


@cache
def english_words() -> frozenset[str]:
    """Every word of the list, in lower case."""
    from spellchecker import SpellChecker

    return frozenset(SpellChecker(language="en", distance=1).word_frequency.keys())


def is_english_word(word: str) -> bool:
    """Does the word list know `word` (any case)?

    >>> is_english_word("Opportunity"), is_english_word("wellknown")
    (True, False)
    """
    return word.lower() in english_words()
