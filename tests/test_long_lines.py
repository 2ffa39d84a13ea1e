"""A line too long to clean whole (`units.LONG_LINE`, `units.CUT_ABOVE`): it is a unit
of its own, cut into pieces by `units.cut_line` (the reader cuts it as it reads), each
piece cleaned as a line and glued back. The pieces must change nothing: same lines on
both paths, same output as cleaning the line whole, the file's own line numbers.

The limits are shrunk (a thousand characters, not a megabyte) so that a test line of a
few kilobytes is cut into several pieces.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import itertools
import json
import random
import re
import subprocess
import sys
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

import hypothesis
import pytest
from click.testing import CliRunner
from hypothesis import assume, example, given
from hypothesis import strategies as st

from conftest import ROOT, long_line_limits, stream_peak
from papercli import batch, breaks, pipeline, streaming, textio, textstream, units
from papercli.articles import Article, split_articles
from papercli.changes import Change
from papercli.cli import cli
from papercli.commands.split import with_file_lines
from papercli.options import CleanOptions

# --- shrunk limits ---------------------------------------------------------------------

LONG = 1000
WINDOW = 64
CUT = 2 * LONG + WINDOW
# CUT_ABOVE for "isolated as a long line, but never cut": the reference that pieces
# must match exactly.
NEVER = 10**9


def limits(
    long: int = LONG, window: int = WINDOW, cut_above: int | None = None
) -> AbstractContextManager[None]:
    """The long-line limits shrunk to this module's (see conftest.long_line_limits)."""
    return long_line_limits(long, window, cut_above)


@pytest.fixture
def small() -> Iterator[None]:
    with limits():
        yield


# --- texts -----------------------------------------------------------------------------

HAN = (
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动"
    "同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自"
)
MARKS = "。！？；，、：.!?;,:"
WORDS = ("alpha", "beta", "gamma", "delta", "epsilon", "zeta", "theta", "kappa", "sigma", "omega")


def cjk(size: int, seed: int = 1, every: int = 50) -> str:
    """Han text with a sentence or clause mark about every `every` characters."""
    rng = random.Random(seed)
    parts: list[str] = []
    total = 0
    while total < size:
        run = "".join(rng.choices(HAN, k=rng.randint(every // 2, every * 3 // 2)))
        parts.append(run + rng.choice("。，、；！？"))
        total += len(run) + 1
    return "".join(parts)[:size]


def latin(size: int, seed: int = 2) -> str:
    """Words and single spaces, a comma now and then (no run of spaces)."""
    rng = random.Random(seed)
    words: list[str] = []
    total = 0
    while total < size:
        word = rng.choice(WORDS) + ("," if rng.random() < 0.05 else "")
        words.append(word)
        total += len(word) + 1
    return " ".join(words)[:size].rstrip()


def mixed(size: int, seed: int = 3) -> str:
    """Han runs, Latin words (some upper case) and numbers, marks now and then."""
    rng = random.Random(seed)
    parts: list[str] = []
    total = 0
    while total < size:
        kind = rng.random()
        if kind < 0.6:
            part = "".join(rng.choices(HAN, k=rng.randint(3, 20)))
        elif kind < 0.8:
            part = rng.choice(WORDS).upper() if rng.random() < 0.5 else rng.choice(WORDS)
        else:
            part = str(rng.randint(0, 10**6))
        if rng.random() < 0.2:
            part += rng.choice("。，")
        parts.append(part)
        total += len(part)
    return "".join(parts)[:size]


def spaced(size: int, seed: int = 4) -> str:
    """Runs of Latin letters between runs of 100-300 spaces (longer than a window),
    and no mark: the line is cut only inside runs of spaces."""
    rng = random.Random(seed)
    parts: list[str] = []
    total = 0
    while total < size:
        part = "".join(rng.choices(WORDS, k=rng.randint(10, 40)))
        part += " " * rng.randint(100, 300)
        parts.append(part)
        total += len(part)
    return "".join(parts)[:size].strip()


SEED_PAGE = (ROOT / "samples" / "seed-page.txt").read_text(encoding="utf-8")
# A short page around a long line: a headline, a byline, a paragraph wrapped twice.
PAGE = "标题\n\n\u3000\u3000本报记者 王五\n今天天气很好，我们去公\n园玩。\n"


def kinds(lines: list[str]) -> list[str]:
    return [type(line).__name__ for line in lines]


def cuts(text: str) -> list[str]:
    with limits():
        return units.split_lines(text)


def is_continued(line: str) -> bool:
    """A piece of a cut line that goes on from the piece before it."""
    return isinstance(line, units.LinePiece) and not line.opens


@contextmanager
def small_reads(chunk: int = 997) -> Iterator[None]:
    """Read `chunk` bytes at a time from the first byte on: the reader's first read
    is otherwise the 64 KB prefix it detects the encoding on, which would hold the
    whole of a test text. (The encoding is then given: see `read_lines`, SETTINGS.)"""
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(textio, "DETECT_PREFIX_BYTES", 1)
        mp.setattr(textstream, "CHUNK_BYTES", chunk)
        yield


def read_lines(data: bytes, chunk: int) -> list[str]:
    """The reader's lines of UTF-8 `data`, read `chunk` bytes at a time."""
    with small_reads(chunk):
        stream = textstream.TextStream(io.BytesIO(data), name="x", encoding="utf-8")
        assert len(list(stream.texts())) > len(data) // max(chunk, 4) // 2  # read in pieces
        stream = textstream.TextStream(io.BytesIO(data), name="x", encoding="utf-8")
        return list(stream.lines())


# --- cut_line --------------------------------------------------------------------------


def expected_ends(text: str) -> list[int]:
    """Where `cut_line` must end each piece but the last, by its definition: a piece
    grows window by window (each ending after its last mark or white space, or at its
    end if it has none) until it is longer than LONG, while more than CUT is left."""
    ends: list[int] = []
    start = 0
    while len(text) - start > CUT:
        end = start
        while end - start <= LONG:
            window = text[end : end + WINDOW]
            at = [i for i, ch in enumerate(window) if ch in MARKS or ch.isspace()]
            end += at[-1] + 1 if at else WINDOW
        ends.append(end)
        start = end
    return ends


@pytest.mark.usefixtures("small")
@pytest.mark.parametrize(
    "text",
    [
        ("好" * 49 + "。") * 100,
        cjk(6000),
        latin(6000),
        mixed(6000),
        # Marks in the first half only: the second half is cut at window ends.
        cjk(3000, every=40) + "字" * 3000,
    ],
    ids=["periodic", "cjk", "latin", "mixed", "half-marked"],
)
def test_cut_line_pieces(text: str) -> None:
    pieces, rest = units.cut_line(text)
    assert rest == ""
    assert "".join(pieces) == text
    assert kinds(pieces) == ["FirstPiece"] + ["LinePiece"] * (len(pieces) - 2) + ["LastPiece"]
    assert all(len(piece) > LONG for piece in pieces)
    ends = [sum(map(len, pieces[: k + 1])) for k in range(len(pieces) - 1)]
    assert ends == expected_ends(text)


@pytest.mark.usefixtures("small")
def test_cut_line_concrete_places() -> None:
    # A mark every 50 characters: each piece ends on the mark of its last window.
    pieces, _ = units.cut_line(("好" * 49 + "。") * 100)
    assert [len(p) for p in pieces] == [1050, 1050, 1050, 1850]
    assert all(p.endswith("。") for p in pieces)
    # No mark at all: each piece is 16 windows of 64; the last takes what is left.
    pieces, _ = units.cut_line("字" * 5000)
    assert [len(p) for p in pieces] == [1024, 1024, 1024, 1928]
    # Words: each piece ends after a space, and the next one starts with a word.
    text = latin(6000)
    pieces, _ = units.cut_line(text)
    assert len(pieces) == 5
    assert all(p.endswith(" ") and not p.endswith("  ") for p in pieces[:-1])
    assert all(not p[0].isspace() for p in pieces)


@pytest.mark.usefixtures("small")
def test_a_line_up_to_cut_above_is_itself() -> None:
    line = cjk(CUT)
    pieces, rest = units.cut_line(line)
    assert pieces == [line] and rest == ""
    assert type(pieces[0]) is str
    lines = units.split_lines(f"a\n{line}\n{line}\fb")
    assert lines == ["a", line, line, "\f", "b"]
    assert {type(x) for x in lines} == {str}
    # One more character and it is cut.
    longer, _ = units.cut_line(cjk(CUT + 1))
    assert kinds(longer) == ["FirstPiece", "LastPiece"]


@pytest.mark.usefixtures("small")
@pytest.mark.parametrize("held", [CUT + 1, 3000, 4500, 7000])
def test_cutting_as_the_line_comes_gives_the_same_pieces(held: int) -> None:
    # What the reader does: cut what it holds (complete=False), then the rest once
    # the line has ended (opened=True).
    text = mixed(8000)
    whole, _ = units.cut_line(text)
    first, rest = units.cut_line(text[:held], complete=False)
    assert first and all(len(p) > LONG for p in first)
    last, left = units.cut_line(rest + text[held:], opened=True)
    assert left == ""
    assert first + last == whole
    assert kinds(first + last) == kinds(whole)


# --- the reader cuts as split_lines does -----------------------------------------------

READER_TEXTS = {
    "cjk": cjk(5000),
    "cjk-between-lines": "甲\n" + cjk(5000) + "\n乙\n",
    "latin-crlf": "x\r\n" + latin(5000) + "\r\ny\r\n",
    "lone-cr": "x\r" + latin(5000) + "\ry\r",
    "form-feeds": "\f" + cjk(5000) + "\f" + mixed(4500) + "\f",
    "feed-after-newline": "x\n\f" + cjk(4500) + "\n\f\n",
    "no-final-newline": "甲\n乙\n" + mixed(6000),
    "two-in-a-row": cjk(5000) + "\n" + mixed(6000) + "\n",
    "short-between": "a\n" + cjk(5000) + "\nb\nc\n\n" + latin(3000) + "\r\r\n",
    "doubled-cr": cjk(5000) + "\r\r\n" + cjk(4000, seed=8) + "\r\r\r\n",
    "at-the-limit": cjk(CUT) + "\n" + cjk(CUT + 1) + "\n" + cjk(CUT - 1),
    "spaces": spaced(6000) + "\n",
}


@pytest.mark.usefixtures("small")
@pytest.mark.parametrize("name", list(READER_TEXTS))
@pytest.mark.parametrize("chunk", [1, 7, 100, 4096, 1 << 16])
def test_reader_gives_the_pieces_of_split_lines(name: str, chunk: int) -> None:
    text = READER_TEXTS[name]
    expected = units.split_lines(text)
    assert any(isinstance(line, units.LinePiece) for line in expected)  # a line is cut
    data = text.encode("utf-8")
    got = read_lines(data, chunk)
    assert got == expected
    assert kinds(got) == kinds(expected)


# --- cleaning in pieces is cleaning whole ----------------------------------------------

REJOIN = CleanOptions(  # as the `rejoin` command: NO_STEPS + join_line_breaks
    rebuild_paragraphs=False, join_line_breaks=True, drop_caption_echoes=False
)
DEDUPE = CleanOptions(  # as the `dedupe` command: NO_STEPS + drop_caption_echoes
    rebuild_paragraphs=False, join_line_breaks=False, drop_caption_echoes=True
)
S2T = CleanOptions(
    rebuild_paragraphs=False,
    join_line_breaks=False,
    drop_caption_echoes=False,
    convert_script="s2t",
)
OPTIONS = {"clean": CleanOptions(), "rejoin": REJOIN, "dedupe": DEDUPE}
LINES = {
    "cjk": cjk(6000),
    "latin": latin(6000),
    "mixed": mixed(6000),
    "spaced": spaced(6000),
}


def test_rejoin_and_dedupe_keep_the_layout() -> None:
    # The options above are the commands' own (see commands/text.py).
    assert pipeline.keeps_layout(REJOIN) and pipeline.keeps_layout(DEDUPE)
    assert not pipeline.keeps_layout(CleanOptions())


@pytest.mark.parametrize("option", list(OPTIONS))
@pytest.mark.parametrize("end", ["", "\n"])
@pytest.mark.parametrize("kind", list(LINES))
def test_a_line_cleaned_in_pieces_is_the_line_cleaned_whole(
    kind: str, end: str, option: str
) -> None:
    text = LINES[kind] + end
    options = OPTIONS[option]
    expected = pipeline.clean_text(text, options)  # the real limits: not cut
    with limits():
        assert len(units.split_lines(text)) >= 4
        assert pipeline.clean_text(text, options) == expected
        assert pipeline.clean_and_explain(text, options).text == expected


def test_a_cut_inside_a_run_of_spaces_keeps_the_run() -> None:
    text = spaced(6000)
    lines = cuts(text)
    inside = [
        k for k in range(len(lines) - 1) if lines[k].endswith(" ") and lines[k + 1][:1] == " "
    ]
    assert inside  # some cut falls inside a run of spaces
    for options in OPTIONS.values():
        expected = pipeline.clean_text(text, options)
        with limits():
            got = pipeline.clean_text(text, options)
        assert got == expected
        # The runs survive, space for space.
        assert re.findall(" +", got) == re.findall(" +", text)


@pytest.mark.parametrize("end", ["", "\n"])
def test_a_cut_line_converts_as_the_whole_line(end: str) -> None:
    text = cjk(6000) + end
    expected = pipeline.clean_text(text, S2T)
    assert expected != text
    with limits():
        assert pipeline.clean_text(text, S2T) == expected
        assert pipeline.clean_and_explain(text, S2T).text == expected


@pytest.mark.parametrize(
    "text", ["  " * 750 + cjk(4000), cjk(4000) + "  " * 750], ids=["leading", "trailing"]
)
def test_white_space_around_a_cut_line_goes_as_around_a_whole_line(text: str) -> None:
    expected = pipeline.clean_text(text)
    assert expected.strip() == text.strip()
    with limits():
        assert pipeline.clean_text(text) == expected


@pytest.mark.usefixtures("small")
def test_each_piece_renders_to_glue_to_the_next() -> None:
    text = latin(6000)
    lines = units.split_lines(text)
    assert len(lines) == 5
    results = [pipeline.clean_unit([line], n) for n, line in enumerate(lines, 1)]
    assert [r.continues for r in results] == [True, True, True, True, False]
    assert [r.block_count for r in results] == [0, 0, 0, 0, 1]
    assert [r.echo_key for r in results] == [""] * 5
    # No newline where the line goes on, and the space at each cut kept.
    assert [r.text for r in results[:-1]] == lines[:-1]
    assert results[-1].text == lines[-1] + "\n"
    assert "".join(r.text for r in results) == text + "\n"


def test_join_results_parts_units_after_a_final_newline_only() -> None:
    texts = ["a\n", "b1 ", "b2", "b3\n", "", "c\n"]
    assert "".join(pipeline.join_results(texts)) == "a\n\nb1 b2b3\n\nc\n"
    assert "".join(pipeline.join_results(texts, "")) == "a\nb1 b2b3\nc\n"


@pytest.mark.usefixtures("small")
def test_a_long_line_among_short_ones() -> None:
    before = PAGE
    after = "明天也许会下雨，我们\n留在家里看书。\n\n（完）\n"
    line = cjk(5000)
    text = before + "\n" + line + "\n" + after
    assert len(units.split_lines(text)) == 5 + 1 + 4 + 4  # the line is cut in 4
    out = pipeline.clean_text(text)
    # The long line is a paragraph of its own, on one line, as it was.
    assert out.split("\n").count(line) == 1
    # The lines around it are cleaned as pages of their own.
    assert out == pipeline.clean_text(before) + "\n" + line + "\n\n" + pipeline.clean_text(after)
    assert out.startswith("标题\n\n本报记者 王五\n\n今天天气很好，我们去公园玩。\n\n")
    assert out.endswith("\n\n明天也许会下雨，我们留在家里看书。\n\n（完）\n")
    assert set(out) - set(text) <= {"\n"}
    # Keeping the layout, the blank lines stay where they were.
    kept = pipeline.clean_text(text, REJOIN)
    assert kept.split("\n").count(line) == 1
    assert set(kept) - set(text) <= {"\n"}
    assert kept == (
        pipeline.clean_text(before, REJOIN)
        + "\n"
        + line
        + "\n"
        + pipeline.clean_text(after, REJOIN)
    )


@pytest.mark.parametrize("option", ["rejoin", "dedupe"])
@pytest.mark.parametrize("size", [1500, 5000], ids=["long", "cut"])
def test_a_form_feed_after_a_long_line_stays_on_its_line(option: str, size: int) -> None:
    text = cjk(size) + "\f下一页\n"
    options = OPTIONS[option]
    expected = pipeline.clean_text(text, options)
    assert expected == text  # nothing to join or drop: the layout is the input's
    with limits():
        assert pipeline.clean_text(text, options) == expected


# --- streamed as the whole file --------------------------------------------------------

CLEAN_SETTINGS = batch.Settings(CleanOptions(), "utf-8", None, keep_format=False)
REJOIN_SETTINGS = batch.Settings(REJOIN, "utf-8", None, keep_format=False)
CONVERT_SETTINGS = batch.Settings(S2T, "utf-8", None, keep_format=False)
SETTINGS = {"clean": CLEAN_SETTINGS, "rejoin": REJOIN_SETTINGS, "convert": CONVERT_SETTINGS}
STDIN = batch.Source(None, "<stdin>", Path("stdin.txt"))
# Long lines between pages, form feeds, CRLF, a lone CR and no final newline.
MANY = (
    PAGE.replace("\n", "\r\n")
    + "\r\n"
    + cjk(5000)
    + "\r\n"
    + PAGE.replace("\n", "\r\n")
    + "\f"
    + mixed(4500)
    + "\f"
    + PAGE
    + latin(4000)
    + "\n\n"
    + SEED_PAGE
    + "\r"
    + cjk(2500, seed=5)
    + "\n"
    + spaced(5000)
)


def whole(data: bytes, settings: batch.Settings) -> batch.Outcome:
    outcome = batch.process(STDIN, settings, raw=data)
    assert outcome.error is None, outcome.error
    return outcome


def streamed(
    data: bytes, settings: batch.Settings, *, workers: int = 1, keep_changes: bool = True
) -> tuple[batch.Outcome, bytes]:
    out = io.BytesIO()
    outcome = streaming.stream(
        STDIN,
        settings,
        write=out.write,
        stdin=io.BytesIO(data),
        keep_changes=keep_changes,
        workers=workers,
    )
    assert outcome.error is None, outcome.error
    return outcome, out.getvalue()


@pytest.fixture
def small_chunks(small: None) -> Iterator[None]:
    with small_reads():
        yield


@pytest.mark.usefixtures("small_chunks")
@pytest.mark.parametrize("workers", [1, 2])
@pytest.mark.parametrize("name", list(SETTINGS))
def test_streamed_output_is_the_whole_files(name: str, workers: int) -> None:
    data = MANY.encode("utf-8")
    assert sum(map(is_continued, units.split_lines(MANY))) >= 10
    settings = SETTINGS[name]
    expected = whole(data, settings)
    outcome, out = streamed(data, settings, workers=workers)
    assert out == expected.data
    assert expected.changed and outcome.changed
    assert outcome.info == expected.info
    assert tuple(outcome.changes) == expected.changes


def by_line(changes: tuple[Change, ...]) -> list[tuple[int, str, str, str]]:
    """The records of each line run together: a cut line's pieces are converted (and
    recorded) one at a time, each as a record of the line."""
    return [
        (
            line,
            "".join(c.action for c in cs[:1]),
            "".join(c.text for c in cs),
            "".join(c.detail for c in cs),
        )
        for line, group in itertools.groupby(changes, key=lambda c: c.line)
        for cs in [list(group)]
    ]


def test_convert_with_cut_lines_is_as_with_the_lines_whole() -> None:
    data = MANY.encode("utf-8")
    expected = whole(data, CONVERT_SETTINGS)  # the real limits: nothing is cut
    assert len(expected.changes) > 100
    with limits(), small_reads():
        got = whole(data, CONVERT_SETTINGS)
        outcome, out = streamed(data, CONVERT_SETTINGS)
    assert (got.data, got.blocks) == (expected.data, expected.blocks)
    assert (out, outcome.blocks, tuple(outcome.changes)) == (got.data, got.blocks, got.changes)
    # A record per piece, on the file's line: together, the line's record.
    assert len(got.changes) > len(expected.changes)
    assert by_line(got.changes) == by_line(expected.changes)


def uncut_blocks(text: str, settings: batch.Settings) -> int:
    """The block count when the long lines are units of their own, never cut."""
    with limits(cut_above=NEVER):
        return whole(text.encode("utf-8"), settings).blocks


@pytest.mark.parametrize("workers", [1, 2])
@pytest.mark.parametrize("name", ["clean", "rejoin"])
def test_streamed_block_count_is_as_if_no_line_were_cut(name: str, workers: int) -> None:
    settings = SETTINGS[name]
    expected = uncut_blocks(MANY, settings)
    with limits(), small_reads():
        outcome, _ = streamed(MANY.encode("utf-8"), settings, workers=workers)
    assert outcome.blocks == expected


@pytest.mark.parametrize("name", ["clean", "rejoin"])
def test_whole_file_block_count_is_as_if_no_line_were_cut(name: str) -> None:
    settings = SETTINGS[name]
    expected = uncut_blocks(MANY, settings)
    with limits():
        assert whole(MANY.encode("utf-8"), settings).blocks == expected


CUT_THEN_PAGE = cjk(5000) + "\n" + PAGE


@pytest.mark.usefixtures("small")
def test_block_counts_of_a_cut_line_and_the_page_after_it() -> None:
    results = list(pipeline.iter_clean(units.split_lines(CUT_THEN_PAGE)))
    assert [r.continues for r in results] == [True, True, True, False, False]
    assert [len(r.page.blocks) for r in results] == [1, 1, 1, 1, 3]
    assert sum(r.block_count for r in results) == 4


@pytest.mark.usefixtures("small")
def test_merged_blocks_glue_only_the_pieces_of_a_line() -> None:
    results = list(pipeline.iter_clean(units.split_lines(CUT_THEN_PAGE)))
    blocks = pipeline.merged_blocks(results)
    assert [(b.first_line, b.last_line) for b in blocks] == [(1, 4), (5, 5), (7, 7), (8, 9)]
    assert blocks[0].lines == (CUT_THEN_PAGE.split("\n")[0],)


# --- the file's line numbers -----------------------------------------------------------


Row = tuple[int, str, str, str]


def as_rows(changes: tuple[Change, ...], shift: int = 0) -> list[Row]:
    """Changes as rows, with their lines (and those their details name) `shift` down."""

    def moved(match: re.Match[str]) -> str:
        return f"line {int(match.group(1)) + shift}"

    return [
        (c.line + shift, c.action, c.text, re.sub(r"\bline (\d+)\b", moved, c.detail))
        for c in changes
    ]


def seed_changes(shift: int) -> list[Row]:
    """The seed page's changes, cleaned alone, with its lines `shift` further down."""
    rows = as_rows(pipeline.clean_and_explain(SEED_PAGE).changes, shift)
    # Healed gaps ("blank line after line N") and echo removals.
    assert [row[1] for row in rows] == ["healed"] * 6 + ["removed"] * 2
    return rows


# The seed page after a cut line and a blank line: its file line k is line k + 2.
AFTER_CUT = cjk(5000) + "\n\n" + SEED_PAGE
# The same after a form feed: the seed page's first line is the long line's file line.
AFTER_FEED = cjk(5000) + "\f" + SEED_PAGE


@pytest.mark.usefixtures("small_chunks")
@pytest.mark.parametrize(("text", "shift"), [(AFTER_CUT, 2), (AFTER_FEED, 0)], ids=["nl", "ff"])
def test_streamed_changes_carry_file_line_numbers(text: str, shift: int) -> None:
    assert sum(map(is_continued, units.split_lines(text))) == 3
    outcome, _ = streamed(text.encode("utf-8"), CLEAN_SETTINGS)
    assert as_rows(outcome.changes) == seed_changes(shift)


@pytest.mark.usefixtures("small")
def test_whole_file_changes_carry_file_line_numbers_with_a_form_feed() -> None:
    assert as_rows(whole(AFTER_FEED.encode("utf-8"), CLEAN_SETTINGS).changes) == seed_changes(0)


@pytest.mark.usefixtures("small")
def test_whole_file_changes_carry_file_line_numbers_without_a_form_feed() -> None:
    assert as_rows(whole(AFTER_CUT.encode("utf-8"), CLEAN_SETTINGS).changes) == seed_changes(2)


EXPLAIN = dataclasses.replace(CLEAN_SETTINGS, explain_breaks=True)


def explained_uncut(text: str) -> list[Row]:
    """--explain -v's records with the long lines isolated and never cut."""
    with limits(cut_above=NEVER):
        rows = as_rows(whole(text.encode("utf-8"), EXPLAIN).changes)
    assert len(rows) > 100
    return rows


@pytest.mark.parametrize(("text", "shift"), [(AFTER_CUT, 2), (AFTER_FEED, 0)], ids=["nl", "ff"])
def test_streamed_breaks_are_explained_as_if_no_line_were_cut(text: str, shift: int) -> None:
    expected = explained_uncut(text)
    with limits(), small_reads():
        outcome, _ = streamed(text.encode("utf-8"), EXPLAIN)
    assert as_rows(outcome.changes) == expected
    # The seed page's own records, explained alone, are among them on the file's lines.
    alone = as_rows(whole(SEED_PAGE.encode("utf-8"), EXPLAIN).changes, shift)
    assert sum(row[1] == "healed" for row in alone) == 6
    assert set(alone) <= set(expected)


@pytest.mark.parametrize("text", [AFTER_CUT, AFTER_FEED], ids=["nl", "ff"])
def test_whole_file_breaks_are_explained_as_if_no_line_were_cut(text: str) -> None:
    expected = explained_uncut(text)
    with limits():
        assert as_rows(whole(text.encode("utf-8"), EXPLAIN).changes) == expected


@pytest.mark.usefixtures("small")
def test_no_break_is_recorded_inside_a_cut_line() -> None:
    text = "甲乙\n" + cjk(5000) + "\n丙丁。\n\n" + latin(4500) + "\n戊己\n"
    lines = units.split_lines(text)
    assert sum(map(is_continued, lines)) == 6
    results = list(pipeline.iter_clean(lines))
    blocks = [b for r in results for b in r.page.blocks]
    found = breaks.explain_breaks(lines, 1, blocks)
    assert not [c for c in found if is_continued(lines[c.line - 1])]
    # One record per break between two file lines with text, as if the lines were whole.
    assert len(found) == 4


@pytest.mark.parametrize("cut_above", [CUT, NEVER], ids=["cut", "uncut"])
def test_a_break_beside_a_long_line_says_why_it_is_kept(cut_above: int) -> None:
    # No blank line around the long line: the unit it is alone in is why the text
    # before and after it is not joined to it (a unit's first block's own signal,
    # "blank line", would be wrong).
    text = "甲乙丙丁，\n" + cjk(5000) + "\n戊己庚。\n"
    with limits(cut_above=cut_above):
        got = whole(text.encode("utf-8"), EXPLAIN).changes
        streamed_changes = streamed(text.encode("utf-8"), EXPLAIN)[0].changes
    kept = [(c.line, c.action, c.detail) for c in got if c.step == breaks.REBUILD_STEP]
    assert kept == [(2, "kept", breaks.LONG_LINE_APART), (3, "kept", breaks.LONG_LINE_APART)]
    assert as_rows(streamed_changes) == as_rows(got)


def test_file_lines_of_pieces_and_form_feeds() -> None:
    # File lines: 1 `a`, 2 `L1\fb`, 3 `L2`, 4 `\fc`, 5 `L3` (no final newline).
    text = "a\n" + cjk(5000) + "\fb\n" + latin(4500) + "\n\fc\n" + mixed(2500)
    with limits():
        lines = units.split_lines(text)
        numbers = units.FileLines.of(lines)
        real = [numbers.real(n) for n in range(1, len(lines) + 1)]
    first = lines.index("\f")
    second = lines.index("\f", first + 1)
    p1, p2 = first - 1, second - first - 3  # pieces of L1 and of L2
    p3 = len(lines) - second - 2
    assert (p1, p2, p3) == (4, 4, 2)
    assert real == [1] + [2] * p1 + [2, 2] + [3] * p2 + [4, 4, 4] + [5] * p3
    assert numbers.real(0) == 0 and not numbers.identical
    # A change's line and a line its detail names are the file's.
    change = Change("rebuild_paragraphs", len(lines), "healed", "x|y", "blank line after line 12")
    (moved,) = numbers.changes([change])
    assert (moved.line, moved.detail) == (5, "blank line after line 4")


# --- convert batches -------------------------------------------------------------------


@pytest.mark.usefixtures("small")
def test_convert_batches_cut_before_every_piece_that_goes_on() -> None:
    text = "甲\r\n" + cjk(5000) + "\f乙\n" + mixed(4500) + "\r\n丙"
    lines = units.split_lines(text)
    batches = list(pipeline.iter_convert_batches(lines))
    assert [line for b in batches for line in b.lines] == lines
    assert not [line for b in batches for line in b.lines[1:] if is_continued(line)]
    assert sum(1 for b in batches if is_continued(b.lines[0])) == sum(map(is_continued, lines))
    # The file's own lines, cut where the batches are: each batch takes its starts.
    own = (m.group() for m in pipeline.FILE_LINE.finditer(text))
    parts = list(pipeline.own_parts(own, lines))
    assert "".join(parts) == text
    assert len(parts) == sum(len(b.starts) for b in batches)
    assert parts[1] == lines[1] and parts[0] == "甲\r\n"


# --- split -----------------------------------------------------------------------------


def article_rows(articles: list[Article]) -> list[tuple[str, tuple[str, ...], int, int, str]]:
    return [(a.kind, a.title_lines, a.first_line, a.last_line, a.text) for a in articles]


def test_split_a_page_that_ends_with_a_cut_line() -> None:
    line = cjk(5000)
    text = SEED_PAGE + "\n" + line + "\n"
    last = text.count("\n")  # the long line's file line
    with limits(cut_above=NEVER):
        expected = article_rows(with_file_lines(split_articles(text), text))
    with limits():
        assert len(units.split_lines(text)) == last + 3
        articles = with_file_lines(split_articles(text), text)
    assert article_rows(articles) == expected
    holding = [a for a in articles if line in a.text]
    assert len(holding) == 1 and holding[0].text.count(line) == 1
    assert holding[0].last_line == last == articles[-1].last_line


LINE_INSIDE = cjk(5000)
# A headline, the cut line, then the seed page's three articles (file lines 5-249).
PAGE_INSIDE = "标题一行\n\n" + LINE_INSIDE + "\n\n" + SEED_PAGE


def test_split_a_page_with_a_cut_line_inside_keeps_the_line_and_file_lines() -> None:
    with limits():
        assert len(units.split_lines(PAGE_INSIDE)) == PAGE_INSIDE.count("\n") + 3
        articles = with_file_lines(split_articles(PAGE_INSIDE), PAGE_INSIDE)
    holding = [a for a in articles if LINE_INSIDE in a.text]
    assert len(holding) == 1 and holding[0].text.count(LINE_INSIDE) == 1
    assert holding[0].first_line == 1 and holding[0].title_lines == ("标题一行",)
    # The seed page's last article ends on its line 241 (split alone), 4 lines down here.
    assert articles[-1].last_line == 241 + 4
    assert all(1 <= a.first_line <= a.last_line <= articles[-1].last_line for a in articles)


def test_split_a_page_with_a_cut_line_inside_as_if_it_were_not_cut() -> None:
    with limits(cut_above=NEVER):
        expected = article_rows(with_file_lines(split_articles(PAGE_INSIDE), PAGE_INSIDE))
    with limits():
        got = article_rows(with_file_lines(split_articles(PAGE_INSIDE), PAGE_INSIDE))
    assert [row[2:4] for row in expected] == [(1, 3), (5, 138), (140, 245)]
    assert got == expected


@pytest.mark.usefixtures("small")
def test_split_command_writes_the_cut_line_whole(tmp_path: Path) -> None:
    line = cjk(5000)
    page = tmp_path / "page.txt"
    page.write_text(SEED_PAGE + "\n" + line + "\n", encoding="utf-8")
    out = tmp_path / "out"
    manifest = tmp_path / "m.json"
    args = ["split", str(page), "-o", str(out), "--manifest", str(manifest)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.stderr
    entries = json.loads(manifest.read_text(encoding="utf-8"))
    texts = {e["file"]: (out / e["file"]).read_text(encoding="utf-8") for e in entries}
    assert sum(t.count(line) for t in texts.values()) == 1
    (entry,) = [e for e in entries if line in texts[e["file"]]]
    assert entry["last_line"] == SEED_PAGE.count("\n") + 2 == max(e["last_line"] for e in entries)


# --- drop_furniture --------------------------------------------------------------------

BODIES = [
    ["全市今年新建公园十二座，", "市民休闲有了好去处。"],
    ["河道治理工程进入收尾阶段，", "两岸步道将于下月开放。"],
    ["新学期开学在即，", "各校做好迎新准备。"],
]


def furniture_page(long_line: str) -> str:
    """Five pages with a running head and a folio each (see test_furniture.py), and
    `long_line` in the second page's body."""
    lines: list[str] = []
    for n in range(1, 6):
        if n > 1:
            lines.append("\f")
        lines += [f"城市晚报 2024年5月{n + 10}日 第{n}版", ""]
        lines += BODIES[(n - 1) % len(BODIES)]
        if n == 2:
            lines.append(long_line)
        lines += ["", f"- {n} -"]
    return units.unsplit_lines(lines)


FURNITURE = batch.Settings(CleanOptions(drop_furniture=True), "utf-8", None, keep_format=False)


@pytest.mark.parametrize("kind", ["cjk", "latin", "spaced"])
def test_drop_furniture_with_a_cut_line_is_as_with_the_line_whole(kind: str) -> None:
    """Running heads are found across the pages (the cut line one line of a page),
    then the other lines are cleaned unit by unit, the long line a unit of its own
    as without --furniture: as if it were never cut."""
    line = LINES[kind]
    text = furniture_page(line)
    data = text.encode("utf-8")
    with limits(cut_above=NEVER):  # isolated as a long line, never cut
        expected = whole(data, FURNITURE)
        assert expected.data == pipeline.clean_text(text, FURNITURE.options).encode()
    assert sum(c.action == "removed" for c in expected.changes) == 10
    assert "城市晚报" not in expected.data.decode()
    with limits(), small_reads():
        assert (
            sum(map(is_continued, units.split_lines(text))) == len(units.cut_line(line)[0]) - 1 >= 3
        )
        assert pipeline.clean_text(text, FURNITURE.options).encode() == expected.data
        got = whole(data, FURNITURE)
        outcome, out = streamed(data, FURNITURE)
    assert (got.data, got.blocks, got.changes) == (expected.data, expected.blocks, expected.changes)
    assert (out, outcome.blocks) == (expected.data, expected.blocks)
    assert tuple(outcome.changes) == expected.changes


# --- memory ----------------------------------------------------------------------------


def hashed_peak(data: bytes, settings: batch.Settings) -> tuple[str, int]:
    """Stream `data` as stdin, the output hashed as it comes (not held): its digest
    and the peak of traced memory."""
    digest = hashlib.sha256()
    _, peak = stream_peak(data, settings, digest.update)
    return digest.hexdigest(), peak


@pytest.fixture(scope="module")
def huge_line() -> str:
    """About 3 MB of UTF-8: Han text with marks and no newline."""
    return cjk(1_050_000, seed=9)


@pytest.mark.parametrize("name", ["clean", "convert"])
def test_a_huge_line_streams_in_bounded_memory(
    huge_line: str, name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The encoding detected, as for any input: the first 64 KB are read at once.
    settings = dataclasses.replace(SETTINGS[name], encoding=None)
    data = huge_line.encode("utf-8")
    monkeypatch.setattr(textstream, "CHUNK_BYTES", 65536)
    with limits(long=20_000, window=1024):
        # First the imports and OpenCC's tables, which are no part of the line's cost.
        hashed_peak(huge_line[:5000].encode("utf-8"), settings)
        assert len(units.split_lines(huge_line)) > 40
        digest, peak = hashed_peak(data, settings)
        if name == "clean":
            expected = pipeline.clean_text(huge_line, settings.options).encode("utf-8")
            assert digest == hashlib.sha256(expected).hexdigest()
    # Held whole, the line took several times its size (measured: 3x for clean and 5x
    # for convert with the real limits); in pieces, a few pieces' worth.
    assert peak < len(data) // 2, peak


# --- properties ------------------------------------------------------------------------

PROPERTY_LONG = 200
PROPERTY_WINDOW = 16
CHARS = "的一是在不了有和人这中大为上个。，  abcxyz"
SHORT_LINE = st.text(alphabet=CHARS, max_size=30)
LONG_TEXT_LINE = st.text(alphabet=CHARS, min_size=PROPERTY_LONG, max_size=1200)
NEWLINE = st.sampled_from(["\n", "\n\n", "\f", "\r\n", "\r", "\n\f\n"])
TEXT = st.lists(
    st.tuples(st.one_of(SHORT_LINE, LONG_TEXT_LINE), NEWLINE), min_size=1, max_size=8
).map(lambda parts: "".join(line + end for line, end in parts))


@contextmanager
def property_limits() -> Iterator[None]:
    with limits(long=PROPERTY_LONG, window=PROPERTY_WINDOW):
        yield


@hypothesis.settings(max_examples=30, deadline=None)
@given(TEXT, st.integers(1, 64))
def test_property_reader_gives_split_lines(text: str, chunk: int) -> None:
    data = text.encode("utf-8")
    with property_limits():
        expected = units.split_lines(text)
        got = read_lines(data, chunk)
    assert got == expected
    assert kinds(got) == kinds(expected)


# A long line right before a form feed: see test_a_form_feed_after_a_long_line_stays_on_its_line.
LONG_BEFORE_FEED = re.compile(f"[^\\r\\n\\f]{{{PROPERTY_LONG + 1},}}\\f")


@hypothesis.settings(max_examples=30, deadline=None)
@given(TEXT, st.sampled_from(["clean", "rejoin"]))
@example("甲\n" + "乙，" * 250 + "\n", "clean")
def test_property_cleaning_twice_is_cleaning_once(text: str, option: str) -> None:
    options = OPTIONS[option]
    with property_limits():
        once = pipeline.clean_text(text, options)
        if pipeline.keeps_layout(options):
            assume(not LONG_BEFORE_FEED.search(text) and not LONG_BEFORE_FEED.search(once))
        twice = pipeline.clean_text(once, options)
    if twice != once:
        # Only a failure of the pieces: not one the engine has with the real limits.
        real_once = pipeline.clean_text(text, options)
        assert pipeline.clean_text(real_once, options) != real_once, (once, twice)


# --- the real limits, in a real process --------------------------------------------------

# The process's peak resident memory, from its own mm: `ru_maxrss` would count the
# parent's size when it forked (Linux keeps it across exec), here pytest's.
PEAK_RSS = """
import sys
from papercli.__main__ import main
try:
    main()
finally:
    with open("/proc/self/status") as status:
        peak = next(line for line in status if line.startswith("VmHWM:"))
    print(peak.split()[1], file=sys.stderr)
"""


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads /proc (Linux)")
def test_a_huge_line_through_a_pipe_in_bounded_memory(subprocess_env: dict[str, str]) -> None:
    # 12 M characters (36 MB of UTF-8): ten pieces of the real LONG_LINE.
    line = cjk(12_000_000, seed=4, every=80)
    data = line.encode("utf-8")
    done = subprocess.run(
        [sys.executable, "-c", PEAK_RSS, "clean", "-"],
        input=data,
        capture_output=True,
        env=subprocess_env,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-500:]
    # One paragraph: the line itself, whole, and a final newline.
    assert done.stdout == data + b"\n"
    # 68 MB here (the interpreter and the engine take 35); 150 MB held whole.
    peak_mb = int(done.stderr.decode().strip().splitlines()[-1]) / 1024
    assert peak_mb < 100, peak_mb
