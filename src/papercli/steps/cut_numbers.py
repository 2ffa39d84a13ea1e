"""Was a number and the letters beside it one token a character grid cut apart?
`cut_words.grid_cut_evidence` asks this of a break it found at the column's full
width with no space at either edge, between a digit and a letter (`功率达100` /
`W有线快充`) or a letter and a digit (`用A` / `4纸打印`). Chinese text writes a
number and its unit solid (`100W`, `12km`), model codes too (`5G`, `3D`, `A4`);
a number before a word (`100` / `people`, `15` / `Pro`) keeps its space.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from papercli.chars import CJK_CHAR

# Units written after a number (SI and common ones, as newspapers print them),
# case as printed: `W` is a watt, `w` is no unit. Ordinals and decades (`21st`,
# `1990s`) go solid too. Words that double as units (`in`, `am`, `min`) are left
# out: after a number they read as the next word as often.
UNIT_NAMES = """
    W kW MW GW TW mW Wh kWh MWh GWh TWh V kV mV A mA mAh Ah
    Hz kHz MHz GHz THz km cm mm nm um μm µm m kg mg g t L mL ml
    μg µg ng μL µL s ms ns μs h hr hrs K mK KB MB GB TB PB kB Kb Mb Gb Tb KiB MiB GiB TiB
    bps kbps Mbps Gbps fps dpi ppi px dB dBm nit nits lm lx Pa kPa MPa GPa hPa
    N kN J kJ MJ cal kcal mph kph hp psi lb lbs oz ft yd ha cc ppm ppb
    mol p st nd rd th
"""
UNITS = frozenset(UNIT_NAMES.split())
# The letters that open a line (after a number was cut) and the digits that end one.
LETTERS_START = re.compile(r"[A-Za-z\u00b5\u03bc]+")
LETTERS_END = re.compile(r"[A-Za-z]+$")
DIGITS_START = re.compile(r"[0-9]+")
DIGITS_END = re.compile(r"[0-9]+$")
# A model code's letters are one or two capitals (`A4`, `MP3`, `G20`).
MODEL_LETTERS = 2
# Where a token ends: any character that is no letter or digit.
ALNUM = re.compile(r"[0-9A-Za-z\u00b5\u03bc]")
# Runs of digits and letters inside a line (those holding both, `100W`, `5G`,
# `A4`, are kept), and a number with a unit after a space (`3.5 GHz`): a page's own spelling.
TOKEN = re.compile(r"[0-9A-Za-z\u00b5\u03bc]+")
DIGIT = re.compile(r"[0-9]")
SPACED_UNIT = re.compile(r"[0-9] ([A-Za-z\u00b5\u03bc]++)(?![0-9])")
SOLID_UNIT = re.compile(r"[0-9]([A-Za-z\u00b5\u03bc]++)(?![0-9])")


class NumberSpellings:
    """How a page writes numbers with letters: the mixed tokens it holds inside
    its lines, and whether it sets units apart from their numbers (`3.5 GHz`)."""

    __slots__ = ("spaced_units", "tokens")

    def __init__(self, texts: Iterable[str]) -> None:
        self.tokens: Counter[str] = Counter()
        spaced = solid = 0
        for text in texts:
            if DIGIT.search(text) is None:
                continue
            self.tokens.update(
                t.lower() for t in TOKEN.findall(text) if DIGIT.search(t) and not t.isdigit()
            )
            spaced += sum(1 for u in SPACED_UNIT.findall(text) if u in UNITS)
            solid += sum(1 for u in SOLID_UNIT.findall(text) if u in UNITS)
        # A page that sets more of its units apart than solid keeps that style.
        self.spaced_units = spaced > solid


def number_cut_evidence(left: str, right: str, spellings: NumberSpellings | None) -> str | None:
    """Why a grid's cut between a digit and a letter (either way round) joins with
    no space, or None to keep it: the page spells the token solid elsewhere; or
    the letters are a unit after the number (`100` / `W`, `12` / `km/h`) on a page
    that does not set its units apart, or a capital of a model code (`5` / `G`),
    or one or two capitals set in CJK text before their number (`用A` / `4纸`).

    >>> number_cut_evidence("功率达100", "W有线快充", None)
    "'W' is a unit after a number"
    >>> number_cut_evidence("more than 100", "people", None) is None
    True
    """
    if left[-1].isdigit():
        head, tail = DIGITS_END.search(left), LETTERS_START.match(right)
    else:
        head, tail = LETTERS_END.search(left), DIGITS_START.match(right)
    if head is None or tail is None:
        return None
    token = token_across(left, right)
    if spellings is not None and spellings.tokens[token.lower()] > 0:
        return f"the page spells {token!r} solid"
    letters, after = tail.group(), right[tail.end() : tail.end() + 1]
    if left[-1].isdigit():
        if after and ALNUM.match(after):
            return None  # more follows (`3` / `D2x`): no unit's shape
        if letters in ("A", "I") and after == " ":
            return None  # an English word opens the next line (`chapter 3` / `A new`)
        if letters in UNITS:
            if spellings is not None and spellings.spaced_units:
                return None
            return f"{letters!r} is a unit after a number"
        if len(letters) == 1 and letters.isupper():
            return f"{token!r} reads as a model code"
        return None
    letters = head.group()
    before = left[-len(letters) - 1 : -len(letters)]
    if (
        len(letters) <= MODEL_LETTERS
        and letters.isupper()
        and before
        and CJK_CHAR.match(before) is not None
    ):
        return f"{token!r} reads as a model code"
    return None


def token_across(left: str, right: str) -> str:
    """The letters and digits on both sides of the break, written solid."""
    start = len(left)
    while start and ALNUM.match(left[start - 1]):
        start -= 1
    end = 0
    while end < len(right) and ALNUM.match(right[end]):
        end += 1
    return left[start:] + right[:end]
