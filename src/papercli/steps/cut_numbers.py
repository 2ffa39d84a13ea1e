"""Was a number and the letters beside it one token a character grid cut apart?
`cut_words.grid_cut_evidence` asks this of a break it found at the column's full
width with no space at either edge, between a digit and a letter (`功率达100` /
`W有线快充`) or a letter and a digit (`用A` / `4纸打印`). Chinese text writes a
number and its unit solid (`100W`, `12km`), model codes too (`5G`, `3D`, `A4`);
a number before a word (`100` / `people`, `15` / `Pro`) keeps its space. The
page's own spelling goes first, the commoner of solid and spaced (`AI 2.0`).
A cut between two letters of such a token (`6,000P` / `a`, `N` / `O2`) is
`letter_cut_evidence`'s.
"""

from __future__ import annotations

import re
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
    mol p st nd rd th NTU
"""
UNITS = frozenset(UNIT_NAMES.split())
# The letters that open a line (after a number was cut) and the digits that end one.
LETTERS_START = re.compile(r"[A-Za-z\u00b5\u03bc]+")
LETTERS_END = re.compile(r"[A-Za-z]+$")
DIGITS_START = re.compile(r"[0-9]+")
DIGITS_END = re.compile(r"[0-9]+$")
# A character that goes on a (lower-cased) token: a letter, a digit or micro.
TOKEN_CHAR = "[0-9a-z\u00b5\u03bc]"
# A model code's letters are one or two capitals (`A4`, `MP3`, `G20`).
MODEL_LETTERS = 2
# A code of capitals and digits, a capital first (`H5N1`, `B2B`): see is_mixed_code.
MIXED_CODE = re.compile(r"[A-Z][A-Z0-9]{2,7}")
MIXED_RUNS = re.compile(r"[A-Z]+|[0-9]+")
# Where a token ends: any character that is no letter or digit.
ALNUM = re.compile(r"[0-9A-Za-z\u00b5\u03bc]")
DIGIT = re.compile(r"[0-9]")
# Signs that are units of their own after a number (`5Ω`, `3Å`, `℉`, `3′`):
# micro, Greek letters, primes, letterlike symbols.
UNIT_SIGNS = "\u00b5\u0370-\u03ff\u2032\u2033\u2100-\u214f"
# A unit after a number, spaced or solid: letters, or a unit sign (`Ω`, `Å`).
UNIT_LETTERS = f"A-Za-z{UNIT_SIGNS}"
SPACED_UNIT = re.compile(f"[0-9] ([{UNIT_LETTERS}]++)(?![0-9])")
SOLID_UNIT = re.compile(f"[0-9]([{UNIT_LETTERS}]++)(?![0-9])")
# A sign that is a unit of its own after a number (`5Ω`, `3Å`, `℉`), as letters in
# `UNITS` are.
UNIT_SIGN = re.compile(f"[{UNIT_SIGNS}]")


class NumberSpellings:
    """How a page writes numbers with letters, counted on demand for the tokens
    and units a break asks about (few on a page; tallying every token up front
    cost a clean a fifth more instructions): a mixed token solid inside a line
    (`AI2`, `100w`) or spaced (`AI 2.0` counts for `ai2`), each unit after a
    number solid and spaced, and whether the page sets its units apart from
    their numbers (`3.5 GHz`) on the whole."""

    __slots__ = ("_asked", "_lower", "_spaced_units", "_texts", "_units")

    def __init__(self, texts: Iterable[str]) -> None:
        # Only texts with a number can spell one.
        self._texts = [text for text in texts if DIGIT.search(text) is not None]
        self._lower: list[str] | None = None
        self._asked: dict[str, bool | None] = {}
        self._units: dict[str, tuple[int, int]] = {}
        self._spaced_units: bool | None = None

    def spells_solid(self, token: str) -> bool | None:
        """Does the page write the token (letters and digits a break parted)
        solid (True) or spaced (False), whichever it does more often; None when
        it writes it neither way, or both as often."""
        key = token.lower()
        if key not in self._asked:
            solid, spaced = self._token_counts(key)
            self._asked[key] = None if solid == spaced else solid > spaced
        return self._asked[key]

    def _token_counts(self, key: str) -> tuple[int, int]:
        # A token with no digit, or digits alone, is no number's spelling.
        if DIGIT.search(key) is None or key.isdigit():
            return 0, 0
        if self._lower is None:
            self._lower = [text.lower() for text in self._texts]
        # Each pattern opens on the token's own characters, which `re` skips to
        # in C, and asks what stands before them by a lookbehind after them: one
        # opening on the lookbehind is tried at every character of the page.
        solid = re.compile(f"{re.escape(key)}(?<!{TOKEN_CHAR}.{{{len(key)}}})(?!{TOKEN_CHAR})")
        # Spaced: the token parted at any point by one space, each piece a whole run.
        spaced = re.compile(
            re.escape(key[0])
            + f"(?<!{TOKEN_CHAR}.)(?:"
            + "|".join(
                f"{re.escape(key[1:k])} {re.escape(key[k:])}" for k in range(1, len(key))
            )
            + f")(?!{TOKEN_CHAR})"
        )
        texts = self._lower
        return (
            sum(len(solid.findall(text)) for text in texts),
            sum(len(spaced.findall(text)) for text in texts),
        )

    def spaces_unit(self, unit: str) -> bool:
        """Does the page set this unit apart from its number? Its own spelling of
        the unit says, the commoner of the two; failing it, the page's style."""
        if unit not in self._units:
            self._units[unit] = self._unit_counts(unit) if is_unit(unit) else (0, 0)
        solid, spaced = self._units[unit]
        if solid != spaced:
            return spaced > solid
        return self.spaced_units

    def _unit_counts(self, unit: str) -> tuple[int, int]:
        # The unit as the whole run of unit letters after a number, solid and spaced.
        # Opening on the unit, as the token patterns do on the token.
        unit_at, after = re.escape(unit), f"(?![{UNIT_LETTERS}0-9])"
        solid_at = re.compile(f"{unit_at}(?<=[0-9].{{{len(unit)}}}){after}")
        spaced_at = re.compile(f"{unit_at}(?<=[0-9] .{{{len(unit)}}}){after}")
        return (
            sum(len(solid_at.findall(text)) for text in self._texts),
            sum(len(spaced_at.findall(text)) for text in self._texts),
        )

    @property
    def spaced_units(self) -> bool:
        """Does the page set more of its units apart than solid?"""
        if self._spaced_units is None:
            spaced = solid = 0
            for text in self._texts:
                spaced += sum(map(is_unit, SPACED_UNIT.findall(text)))
                solid += sum(map(is_unit, SOLID_UNIT.findall(text)))
            self._spaced_units = spaced > solid
        return self._spaced_units


def is_unit(letters: str) -> bool:
    return letters in UNITS or UNIT_SIGN.match(letters) is not None


def number_cut_evidence(left: str, right: str, spellings: NumberSpellings | None) -> str | None:
    """Why a grid's cut between a digit and a letter (either way round) joins with
    no space, or None to keep it: the page spells the token solid elsewhere (and
    not more often spaced: `AI 2.0` on the page keeps `AI` / `2.0` apart); or
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
    solid = spellings.spells_solid(token) if spellings is not None else None
    if solid is not None:
        # The page's own spelling of the token decides, the commoner of the two.
        return f"the page spells {token!r} solid" if solid else None
    if is_mixed_code(token, left):
        return f"{token!r} reads as a model code"
    letters, after = tail.group(), right[tail.end() : tail.end() + 1]
    if left[-1].isdigit():
        if after and ALNUM.match(after):
            return None  # more follows (`3` / `D2x`): no unit's shape
        if letters in ("A", "I") and after == " ":
            return None  # an English word opens the next line (`chapter 3` / `A new`)
        if letters in UNITS:
            if spellings is not None and spellings.spaces_unit(letters):
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


def is_mixed_code(token: str, left: str) -> bool:
    """Is a token that a break cuts a code whose capitals and digits alternate,
    capital first (`H5` / `N1`, `H7N` / `9`, `B2` / `B`), set in CJK text? Three
    runs or more are no number with its unit and no word with its number.

    >>> is_mixed_code("H5N1", "禽流感H5"), is_mixed_code("G20", "峰会G2")
    (True, False)
    """
    if not MIXED_CODE.fullmatch(token) or len(MIXED_RUNS.findall(token)) < 3:
        return False
    start = token_start(left)
    return start == 0 or CJK_CHAR.match(left[start - 1]) is not None


def token_start(left: str) -> int:
    """Where the run of letters and digits ending the line before a break starts."""
    start = len(left)
    while start and ALNUM.match(left[start - 1]):
        start -= 1
    return start


def token_across(left: str, right: str) -> str:
    """The letters and digits on both sides of the break, written solid."""
    start = token_start(left)
    end = 0
    while end < len(right) and ALNUM.match(right[end]):
        end += 1
    return left[start:] + right[:end]


# The letters a number's unit begins with at a line's end (`6,000P`), and those
# that go on at the next line's start (`a`), with no letter or digit after.
UNIT_HEAD = re.compile(r"[0-9]([A-Za-z\u00b5\u03bc]+)$")
UNIT_TAIL = re.compile(r"([A-Za-z]+)(?![0-9A-Za-z])")
# ... and a number, a space and the unit's first letters at a line's end (`697.3 k`),
# looked for in the line's last few characters only.
SPACED_UNIT_HEAD = re.compile(r"[0-9] ([A-Za-z\u00b5\u03bc]+)$")
SPACED_UNIT_REACH = 8


def letter_cut_evidence(left: str, right: str, spellings: NumberSpellings | None) -> str | None:
    """Why a cut between two letters inside a token that holds a number joins with
    no space, or None to keep it: the page spells the token solid (and not more
    often spaced: `N O2`), or the letters after a number make a unit the cut
    parted (`6,000P` / `a`, `1N` / `TU`). A phrase cut at its space holds no
    number (`Tim` / `Cook`, `New` / `York`): no evidence.

    >>> letter_cut_evidence("压力为6,000P", "a的容器", None)
    "'Pa' is a unit after a number"
    >>> letter_cut_evidence("CEO Tim", "Cook表示", None) is None
    True
    """
    token = token_across(left, right)
    if DIGIT.search(token) is None:
        # No number in it: a unit set apart from its number (`697.3 k` / `m`),
        # or a word or phrase, `cut_words`'s to judge.
        unit = spaced_unit(left, right)
        return f"{unit!r} is a unit after a number" if unit is not None else None
    solid = spellings.spells_solid(token) if spellings is not None else None
    if solid is not None:
        return f"the page spells {token!r} solid" if solid else None
    head, tail = UNIT_HEAD.search(left), UNIT_TAIL.match(right)
    if head is not None and tail is not None and head.group(1) + tail.group(1) in UNITS:
        return f"{head.group(1) + tail.group(1)!r} is a unit after a number"
    return None


def holds_number(left: str, right: str) -> bool:
    """Does the token a break parts hold a digit, or follow one as a unit set
    apart (`697.3 k` / `m`)? Asked before the page's spellings, which are read
    only for such a break."""
    if DIGIT.search(token_across(left, right)) is not None:
        return True
    return SPACED_UNIT_HEAD.search(left[-SPACED_UNIT_REACH:]) is not None


def spaced_unit(left: str, right: str) -> str | None:
    """The unit a break cut between its letters where the page sets it apart
    from its number (`697.3 k` / `m`, `48 μ` / `g/m³`), or None.

    >>> spaced_unit("全长697.3 k", "m的道路"), spaced_unit("第3 A", "B组")
    ('km', None)
    """
    head = SPACED_UNIT_HEAD.search(left[-SPACED_UNIT_REACH:])
    tail = UNIT_TAIL.match(right)
    if head is None or tail is None:
        return None
    unit = head.group(1) + tail.group(1)
    return unit if unit in UNITS else None
