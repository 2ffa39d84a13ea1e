"""How the engine cuts a text: into lines (and the file's own numbers for them),
and a long input into units that are cleaned one at a time.

A unit ends only where no step would join across it, so cleaning unit by unit
gives the same text as cleaning the whole, in memory bounded by the unit.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from itertools import islice

from papercli.changes import Change
from papercli.markup import in_fence_at_end, open_fence


def split_lines(text: str) -> list[str]:
    """Lines of a text with any newline style; a form feed stays on its own line.

    >>> split_lines("a\\r\\nb\\fc")
    ['a', 'b', '\\x0c', 'c']
    """
    return _lines(text, page_breaks=True)


def file_lines(text: str) -> list[str]:
    r"""A text's lines as the file has them (`wc -l`): unlike `split_lines`, a form
    feed stays inside its line (pdftotext opens each page with `\fFirst line`).

    >>> file_lines("a\r\n\fb\n"), split_lines("a\r\n\fb\n")
    (['a', '\x0cb'], ['a', '', '\x0c', 'b'])
    """
    return _lines(text, page_breaks=False)


# The newline styles, longest first. CR CR LF is one line end: a CRLF file
# re-saved through a text-mode layer (Windows tools write each "\n" as "\r\n",
# so a CRLF's CR is doubled). `wc -l` and `grep -n` count one line there too, so
# the file's line numbers stay true; a lone CR (the old Mac newline) and CRLF
# keep their meaning, and a CR before a doubled one is a lone CR.
NEWLINES = ("\r\r\n", "\r\n", "\r", "\n")
# A file line's end, as `split_lines` ends lines (alternatives of fixed length,
# longest first: no backtracking).
NEWLINE_PATTERN = r"\r\r\n|\r\n|\r|\n"


def normalize_newlines(text: str) -> str:
    r"""`text` with each line end of any style (see NEWLINES) made `\n`.

    >>> normalize_newlines("a\rb\r\nc\r\r\nd\r\r\r\ne")
    'a\nb\nc\nd\n\ne'
    """
    if "\r" not in text:  # one search, cheaper than replace passes that find nothing
        return text
    # Each pass leaves the line ends the next one reads: CR CR LF made CRLF first,
    # so that a CR before it (CR CR CR LF) stays a lone CR.
    return text.replace("\r\r\n", "\r\n").replace("\r\n", "\n").replace("\r", "\n")


def count_newlines(text: str) -> dict[str, int]:
    r"""How many line ends of each style (see NEWLINES) `text` holds, as
    `normalize_newlines` reads them.

    >>> count_newlines("a\r\r\nb\r\nc\rd\ne\r\r\r\n")
    {'\r\r\n': 2, '\r\n': 1, '\r': 2, '\n': 1}
    """
    lf = text.count("\n")
    if "\r" not in text:
        return {"\r\r\n": 0, "\r\n": 0, "\r": 0, "\n": lf}
    doubled, crlf = text.count("\r\r\n"), text.count("\r\n")
    return {
        "\r\r\n": doubled,
        "\r\n": crlf - doubled,
        "\r": text.count("\r") - crlf - doubled,
        "\n": lf - crlf,
    }


def dominant_newline(counts: dict[str, int]) -> str:
    """The style most line ends have (ties: CRLF, CR CR LF, CR, then LF), LF for none."""
    best = max((counts.get(style, 0), rank, style) for rank, style in enumerate(TIE_ORDER))
    return best[2] if best[0] else "\n"


TIE_ORDER = ("\n", "\r", "\r\r\n", "\r\n")  # last wins a tie


def _lines(text: str, *, page_breaks: bool) -> list[str]:
    text = normalize_newlines(text)
    if page_breaks and "\f" in text:
        text = text.replace("\f", "\n\f\n")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if page_breaks and len(text) > CUT_ABOVE and max(map(len, lines)) > CUT_ABOVE:
        lines = [piece for line in lines for piece in cut_line(line)[0]]
    return lines


# A line longer than LONG_LINE characters (a file with no newline, a book set as
# one paragraph) is no column-wrapped text: it is cleaned as a unit of its own
# (see `iter_units`), and one longer than CUT_ABOVE in pieces, so that memory is
# bounded by a piece, not the line. The engine's steps read a piece as a line
# (an echo doubled across a cut stays; `--convert` judges each piece's script);
# `clean_unit` glues the pieces' results back into one line, keeping the white
# space at each cut. The reader (`textstream`) cuts at the same places as
# `split_lines`, so both paths give the same pieces.
LONG_LINE = 1 << 20
# Where a piece may end: after the last sentence or clause mark or white space of
# a window of PIECE_WINDOW characters (at its end if it has none). No OpenCC phrase
# runs across such a place (see `steps.convert`), and `convert` cuts a long line's
# text for OpenCC at the same places, so a line converts the same in pieces.
PIECE_WINDOW = 1 << 15
CUT_MARKS = r"。！？；，、：.!?;,:\s"
CUT_AFTER = re.compile(f"(?s).*[{CUT_MARKS}]")
# A line is cut only while more than this is left, so that every piece, the last
# included, is longer than LONG_LINE: that is how `iter_units` knows it.
CUT_ABOVE = 2 * LONG_LINE + PIECE_WINDOW


def window_cut(text: str, start: int, window: int | None = None) -> int:
    """Where the piece of `text` that starts at `start` ends (see PIECE_WINDOW);
    `text` must go on for more than a window from `start`."""
    end = start + (PIECE_WINDOW if window is None else window)
    cut = CUT_AFTER.match(text, start, end)
    return cut.end() if cut else end


class LinePiece(str):
    """A piece of a line longer than CUT_ABOVE (see `cut_line`): the line's first
    (`FirstPiece`), its last (`LastPiece`) or one between."""

    # The line's first piece.
    opens = False
    # The line's last piece: white space after it is the line's end.
    closes = False
    # Only white space comes before it on the line: white space it opens with is
    # the line's indent. Set on a piece that is not the first (see `cut_line`).
    indented = False


class FirstPiece(LinePiece):
    opens = True
    indented = True


class LastPiece(LinePiece):
    closes = True


def cut_line(
    text: str, *, opened: bool = False, blank: bool = True, complete: bool = True
) -> tuple[list[str], str]:
    """`text` (a line, or the rest of one after pieces already cut if `opened`, all
    of them white space if `blank`) as pieces, and what is left to cut once more of
    the line has come (`complete` False); a line that needs no cut is itself.

    >>> pieces, rest = cut_line("好。" * (CUT_ABOVE // 2 + 10))
    >>> print([(type(p).__name__, len(p)) for p in pieces], repr(rest))
    [('FirstPiece', 1081344), ('LastPiece', 1048596)] ''
    """
    pieces: list[str] = []
    start = 0
    while len(text) - start > CUT_ABOVE:
        end = start
        while end - start <= LONG_LINE:
            end = window_cut(text, end)
        piece = (LinePiece if opened or pieces else FirstPiece)(text[start:end])
        blank = _after(piece, blank)
        pieces.append(piece)
        start = end
    rest = text[start:] if start else text
    if not complete:
        return pieces, rest
    if opened or pieces:
        last = LastPiece(rest)
        _after(last, blank)
        pieces.append(last)
    else:
        pieces.append(rest)
    return pieces, ""


def _after(piece: LinePiece, blank: bool) -> bool:
    """Mark `piece` indented if only white space comes before it; is the line
    still only white space after it?"""
    if blank and not piece.opens:
        piece.indented = True
    return blank and piece.isspace()


def whole_lines(lines: list[str]) -> tuple[list[str], list[int]]:
    """`lines` with the pieces of each cut line glued back into it, and each line's
    number (from 1, a cut line's its first piece's).

    >>> whole_lines(["a", FirstPiece("b"), LinePiece("c"), LastPiece("d"), "e"])
    (['a', 'bcd', 'e'], [1, 2, 5])
    """
    numbers = list(range(1, len(lines) + 1))
    if not any(isinstance(line, LinePiece) for line in lines):
        return lines, numbers
    whole: list[str] = []
    kept: list[int] = []
    pieces: list[str] = []
    for number, line in zip(numbers, lines, strict=True):
        if isinstance(line, LinePiece):
            if line.opens:
                kept.append(number)
            pieces.append(line)
            if line.closes:
                whole.append("".join(pieces))
                pieces.clear()
            continue
        whole.append(line)
        kept.append(number)
    return whole, kept


def continues(line: str) -> bool:
    """Does the next line of the engine's go on with this one's file line (a piece
    of a line cut by `cut_line`, not its last)?"""
    return isinstance(line, LinePiece) and not line.closes


def goes_on(line: str) -> bool:
    """Does this line of the engine's go on with the file line before it (a piece
    of a line cut by `cut_line`, not its first)?"""
    return isinstance(line, LinePiece) and not line.opens


def unsplit_lines(lines: Sequence[str]) -> str:
    r"""The text `split_lines` took apart, with a final newline: each form feed back
    on the line it was on. The newline goes on before the form feeds are put back,
    so a form feed ending the text (pdftotext's last page) stays last.

    >>> [unsplit_lines(split_lines(t)) for t in ("a\fb\n", "a\n\fb\n", "a\f")]
    ['a\x0cb\n', 'a\n\x0cb\n', 'a\x0c']
    """
    if not lines:
        return ""
    if max(map(len, lines)) > LONG_LINE:
        # The pieces of a cut line go back together (see `cut_line`).
        text = "".join(line if continues(line) else line + "\n" for line in lines)
    else:
        text = "\n".join(lines) + "\n"
    return text.replace("\n\f\n", "\f")


class FileLines:
    r"""Turns the numbers of `split_lines` into the file's own line numbers.

    `split_lines` puts each form feed on a line of its own (the engine reads it as
    a page break), which adds two lines per `\f` that the file does not have. A
    file's lines end at a newline only (as `grep -n` counts them, CR and CRLF
    included), so the pieces before a form feed, the form feed and the piece after
    it all belong to the line that holds the `\f`. The pieces of a line cut by
    `cut_line` are the file's one line too. Only the form feeds' and pieces'
    positions are kept: bounded by the page count and the input's size over
    LONG_LINE, not the line count, for a streamed input.

    >>> lines = split_lines("a\n\fb\nc\f\n")   # file lines: a / \fb / c\f
    >>> numbers = FileLines.of(lines)
    >>> [(line, numbers.real(n)) for n, line in enumerate(lines, 1)]
    [('a', 1), ('', 2), ('\x0c', 2), ('b', 2), ('c', 3), ('\x0c', 3), ('', 3)]
    """

    __slots__ = ("_feeds", "_joins")

    def __init__(self) -> None:
        self._feeds: list[int] = []  # split-line numbers of the "\f" lines, increasing
        self._joins: list[int] = []  # those of the pieces that go on a line's first piece

    @classmethod
    def of_text(cls, text: str, lines: Iterable[str] | None = None) -> FileLines:
        """`of` a whole text (`lines`: its `split_lines`, where the caller has them),
        with no walk over its lines where it has no form feed and no line to cut."""
        if "\f" not in text and len(text) <= CUT_ABOVE:
            return cls()
        return cls.of(split_lines(text) if lines is None else lines)

    @classmethod
    def of(cls, lines: Iterable[str], first_number: int = 1) -> FileLines:
        numbers = cls()
        for n, line in enumerate(lines, first_number):
            numbers.see(n, line)
        return numbers

    def see(self, number: int, line: str) -> None:
        """Record split line `number` (seen in increasing order)."""
        # Every "\f" line is one form feed of the file, and every form feed one such line.
        if line == "\f":
            self._feeds.append(number)
        elif goes_on(line):
            self._joins.append(number)

    def real(self, number: int) -> int:
        """The file line of split line `number` (0, "unknown", stays 0)."""
        if number <= 0 or not (self._feeds or self._joins):
            return number
        before = bisect_left(self._feeds, number)
        on_feed = before < len(self._feeds) and self._feeds[before] == number
        return number - 2 * before - on_feed - bisect_right(self._joins, number)

    @property
    def identical(self) -> bool:
        """Are the split lines the file's lines, number for number?"""
        return not (self._feeds or self._joins)

    def changes(self, changes: Iterable[Change]) -> tuple[Change, ...]:
        """`changes` with their lines as the file's, also a line a detail names
        (a healed gap's `blank line after line N`)."""
        if self.identical:
            return tuple(changes)

        def real_in(match: re.Match[str]) -> str:
            return f"line {self.real(int(match.group(1)))}"

        return tuple(
            replace(c, line=self.real(c.line), detail=LINE_IN_DETAIL.sub(real_in, c.detail))
            for c in changes
        )


LINE_IN_DETAIL = re.compile(r"\bline (\d+)\b")


# A long input is cleaned in units of at least this many lines, cut only where no
# step would join across: at a blank line that follows a sentence end. The
# whole-text and streaming paths cut at the same places, so their output is
# byte-identical, and memory stays bounded whatever the input size.
UNIT_LINES = 2000
SENTENCE_END_AT_EOL = re.compile(r"[。！？!?][”’」』）)]*[ \t\u3000]*$")
# A page with no such blank line (set solid, or old style with `、` for stops) is
# cut at the next-safest places once its unit has grown this long: at any blank
# line, or before an indented line after a sentence end; then after a short line
# that ends a sentence (a paragraph's last line); then after any line ending a
# sentence or clause; and at HARD_UNIT_LINES anywhere, so that no input can make
# a unit (and the memory it takes) unbounded.
PATIENT_UNIT_LINES = 4 * UNIT_LINES
SOLID_UNIT_LINES = 8 * UNIT_LINES
LAST_UNIT_LINES = 12 * UNIT_LINES
HARD_UNIT_LINES = 16 * UNIT_LINES
CLAUSE_END_AT_EOL = re.compile(r"[。！？!?；;、，,][”’」』）)]*[ \t\u3000]*$")


def iter_units(lines: Iterable[str], *, keep_layout: bool = False) -> Iterator[list[str]]:
    """Group lines into units for independent cleaning (see UNIT_LINES).

    With `keep_layout` (`rejoin`, `dedupe`: see `pipeline.keeps_layout`) a block is a
    run of non-blank lines whatever its indents, so a unit is cut at a blank line only
    (or at HARD_UNIT_LINES): a cut inside a run would render its block as two.

    >>> [len(u) for u in iter_units(["没有标点的长句"] * (HARD_UNIT_LINES + 5))]
    [32000, 5]
    >>> [len(u) for u in iter_units(["长句，"] * (LAST_UNIT_LINES + 5))]
    [24000, 5]
    >>> [len(u) for u in iter_units(split_lines("\\f" * HARD_UNIT_LINES))]
    [32000, 32000]
    """
    it = iter(lines)
    # Lines already held (a list) are taken a unit's worth at a time in C; a stream's
    # are taken one by one, to stop at a long line (see `take_lines`).
    take = take_held if isinstance(lines, list) else take_lines
    unit = take(it, UNIT_LINES)
    while unit:
        if max(map(len, unit)) > LONG_LINE:
            # A long line (or a piece of one) is a unit of its own, cut from the
            # lines before and after it whatever they are: see LONG_LINE.
            k = next(i for i, line in enumerate(unit) if len(line) > LONG_LINE)
            if k:
                yield unit[:k]
            alone, unit = unit[k : k + 1], unit[k + 1 :] or take(it, 1)
            # A form feed's line is never a cut (see below): it goes with the line.
            while unit and unit[0] == "\f":
                alone.append(unit.pop(0))
                unit = unit or take(it, 1)
            yield alone
            unit.extend(take(it, UNIT_LINES - len(unit)))
            continue
        if len(unit) < UNIT_LINES:
            break  # the input ended inside this unit
        # With `keep_layout`, a Markdown code block is never cut: its lines are one
        # verbatim block only where the unit holds its opening fence.
        fence = open_fence(unit) if keep_layout else None
        for line in it:
            if len(line) > LONG_LINE:
                break
            if fence is not None:
                if len(unit) >= HARD_UNIT_LINES:
                    break
            # A form feed's line is never a cut: `render_in_place` restores each
            # `\n\f\n` of `split_lines` within one unit.
            elif (
                not line.strip()
                and unit[-1].strip()
                and "\f" not in line
                and SENTENCE_END_AT_EOL.search(unit[-1])
            ) or (len(unit) >= PATIENT_UNIT_LINES and cuts_before(line, unit, keep_layout)):
                break
            if keep_layout:
                fence = in_fence_at_end((line,), fence)
            unit.append(line)
        else:
            break  # the input ended inside this unit
        yield unit
        unit = [line, *take(it, UNIT_LINES - 1)]
    if unit:
        yield unit


def take_held(it: Iterator[str], most: int) -> list[str]:
    """The next `most` lines of `it`: where they are all in memory already."""
    return list(islice(it, most))


def take_lines(it: Iterator[str], most: int) -> list[str]:
    """The next `most` lines of `it`, or fewer up to a long line (see LONG_LINE): a
    streamed huge line's pieces are read one at a time, not a unit's worth ahead."""
    lines: list[str] = []
    if most <= 0:
        return lines
    append = lines.append
    for line in it:
        append(line)
        if len(line) > LONG_LINE or len(lines) >= most:
            break
    return lines


def cuts_before(line: str, unit: list[str], keep_layout: bool = False) -> bool:
    """Whether a unit grown past PATIENT_UNIT_LINES with no blank line after a
    sentence end to cut at ends before `line` (see `iter_units` for `keep_layout`)."""
    size, prev = len(unit), unit[-1]
    if "\f" in line:
        return False  # see iter_units
    if size >= HARD_UNIT_LINES:
        return True
    if not line.strip():
        return bool(prev.strip())
    if keep_layout:
        return False
    if SENTENCE_END_AT_EOL.search(prev):
        # Here only, on a page that has run long without a cut: `papercli --version`
        # does not pay for the character classes' compilation.
        from papercli.chars import INDENT

        if INDENT.match(line):
            return True
        # Shorter than the line above it: the column was not full, a paragraph ended.
        if size >= SOLID_UNIT_LINES and len(prev.strip()) < len(unit[-2].strip()) - 2:
            return True
    return size >= LAST_UNIT_LINES and CLAUSE_END_AT_EOL.search(prev) is not None
