"""How one line break joins (`joint`): with no space, with one, or with the hyphen
before it dropped, from the two lines on either side of it.

A break between CJK characters, or between CJK and digits/Latin, joins with no
space; Latin-Latin joins with one space; a symbol or wide character in CJK text
joins as CJK does; a Latin word hyphenated at a line end loses its hyphen only
where the evidence says it was one word (the document or the word list:
`papercli.steps.cut_words`). A compound (`well-known`) keeps its hyphen. Whether a
break cuts a web or e-mail address is `papercli.steps.addresses`'s to say.
Putting a block's lines together by these decisions is `papercli.steps.join`'s.
"""

from __future__ import annotations

import re
import string
import unicodedata

from papercli.chars import (
    ASCII_MARKS,
    CJK_CHAR,
    CJK_SHARED_PUNCT,
    DIGIT,
    HYPHENS,
    INVISIBLE,
    SOFT_HYPHEN,
)
from papercli.steps.addresses import OPENS_ON_MAIL, cuts_address, in_address
from papercli.steps.cut_numbers import (
    UNIT_LETTERS,
    UNIT_SIGN,
    holds_number,
    letter_cut_evidence,
    number_cut_evidence,
)
from papercli.steps.cut_words import (
    Vocabulary,
    embedded_word_split,
    hyphen_evidence,
    phrase_word_split,
)

# Dashes that never cut a word (a non-breaking hyphen, a figure or en dash): set
# closed at a line end (`10–` + `20`), they are kept and glued.
CLOSED_DASHES = HYPHENS + "\u2011\u2012\u2013"
# A Latin word hyphenated at the end of a line: `inter-` (letters before the hyphen).
LATIN_HYPHEN_END = re.compile(r"([A-Za-z\u00c0-\u024f]+)[-\u2010]$")
# The word fragment that starts the next line.
LATIN_WORD_START = re.compile(r"[A-Za-z\u00c0-\u024f]+")
GLUE_AFTER = frozenset("/&@_=+~#([{")
# A per-mille or per-myriad sign binds its number as a percent sign does (`3‰`).
GLUE_BEFORE = frozenset("/&@_=+~#%.,;:!?)]}\u2030\u2031")
# The symbols of both sets that bind a word on either side (not a bracket or a
# closing mark); those of them that never open a word as a prefix does (`#42`,
# `+86`, `/usr`, `@name`, `~5`).
BINDING = frozenset("/&@_=+~#")
INFIX = frozenset("&=")
NUMBER_SIGNS = frozenset("+#~")


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
    if DIGIT.match(a) and UNIT_SIGN.match(b) and unit_set_apart(right, vocab):
        return left, " ", None  # a symbol unit the page spaces (`85 ℃`)
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
            and in_cjk_text(left, right)
        ):
            return left, "", None
    if b.isdigit() and a in ".,，" and len(left) >= 2 and DIGIT.match(left[-2]):
        # A decimal point or thousands separator cut by the column (`99.` + `57%`).
        a = left[-2]
    if DIGIT.match(a) and DIGIT.match(b):
        # Column typesetting breaks long numbers anywhere; only a Latin context
        # (no CJK on either line) makes the break a word space.
        if in_cjk_text(left, right):
            return left, "", None
        return left, " ", None
    if (DIGIT.match(a) or DIGIT.match(b)) and number_glues(left, right, vocab):
        return left, "", None
    if a in UNIT_TOKEN_LETTERS and b in UNIT_TOKEN_LETTERS and letters_glue(left, right, vocab):
        return left, "", None
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
    # ... and in CJK text, a code cut before the hyphen its number follows
    # (`COVID` | `-19`, `F` | `-35`); in Latin text that is a minus (`to` | `-5`).
    if (
        b in HYPHENS
        and a.isascii()
        and a.isalnum()
        and right[1:2].isdigit()
        and in_cjk_text(left, right)
    ):
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


def in_cjk_text(left: str, right: str) -> bool:
    """Is the break in CJK text: a CJK character on either line?"""
    return CJK_CHAR.search(left) is not None or CJK_CHAR.search(right) is not None

# Signs set after a number as its unit with no word space in CJK text
# (`cut_numbers.UNIT_SIGN`): Greek letters (`μg`, `Ω`), letterlike symbols (`Å`,
# `℉`), primes (`3′`); and the run of them and letters a unit is (`μg`).
UNIT_RUN = re.compile(f"[{UNIT_LETTERS}]+")
# The ASCII letters (and micro signs) a unit or formula a break parts ends and opens with.
UNIT_TOKEN_LETTERS = frozenset(string.ascii_letters + "\u00b5\u03bc")


def number_glues(left: str, right: str, vocab: Vocabulary | None = None) -> bool:
    """Does a break beside a digit (no CJK character at it) join with no space
    because the number and what touches it are one token? A currency sign opens
    its number in any script (`$` | `399`). In CJK text, which the column cuts
    anywhere, a unit sign after a number (`48` | `μg/m³`, `5` | `Ω`) is set solid,
    and so are a digit and letters `cut_numbers` reads as one token: a unit
    (`100` | `kg`), a model code or formula (`PM` | `2.5`, `CO` | `2`, `3` | `A级`);
    a word before its number keeps its space (`Windows` | `11`, `iPhone` | `15`).

    >>> number_glues("浓度为48", "μg/m³，"), number_glues("排放的CO", "2总量")
    (True, True)
    >>> number_glues("升级到Windows", "11系统"), number_glues("about 5", "km east")
    (False, False)
    """
    a, b = left[-1], right[0]
    if DIGIT.match(b) and unicodedata.category(a) == "Sc":
        return True
    if not in_cjk_text(left, right):
        return False
    if DIGIT.match(a) and UNIT_SIGN.match(b):
        return not unit_set_apart(right, vocab)
    if not (a.isascii() and b.isascii()):
        return False
    numbers = vocab.numbers if vocab is not None else None
    return number_cut_evidence(left, right, numbers) is not None


def unit_set_apart(right: str, vocab: Vocabulary | None) -> bool:
    """Does the page set the unit that opens `right` (`Ω`, `℃`, `μg`) apart from
    its number, by its own spelling of that unit or of its units on the whole?"""
    unit = UNIT_RUN.match(right)
    return vocab is not None and unit is not None and vocab.numbers.spaces_unit(unit.group())


def letters_glue(left: str, right: str, vocab: Vocabulary | None = None) -> bool:
    """Does a break between two letters in CJK text part one token that holds a
    number, a unit or a formula (`6,000P` | `a`, `1N` | `TU`, `N` | `O2` where the
    page writes `NO2`)? `cut_numbers.letter_cut_evidence` says; a Latin phrase
    cut at its space (`Tim` | `Cook`) has none.

    >>> letters_glue("压力为6,000P", "a的容器"), letters_glue("他在New", "York工作")
    (True, False)
    """
    if not holds_number(left, right):
        return False
    if not in_cjk_text(left, right):
        return False
    numbers = vocab.numbers if vocab is not None else None
    return letter_cut_evidence(left, right, numbers) is not None


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
    return in_cjk_text(left, right)


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
