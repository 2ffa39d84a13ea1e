"""`--diff` of a long text is made unit by unit (`diffs.DiffStream`): each unit's
lines against what they became, so that its time grows with the text, not faster
(difflib over a whole 10 MB file took 87 s, 2.9 s unit by unit), and a file of 8
MB or more is diffed as it streams, in memory bounded by a unit and a hunk.
Whatever the anchors, the diff must still be a patch that turns the file into
exactly what `-i` writes."""

from __future__ import annotations

import difflib
import itertools
import re
import tempfile
from pathlib import Path
from typing import BinaryIO, cast

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from conftest import ROOT, load_make_corpus, streamed_and_whole_peaks
from papercli import batch, pipeline, streaming, textstream, units
from papercli.batch import Settings, Source
from papercli.cli import cli
from papercli.commands import textrun
from papercli.diffs import (
    NO_NEWLINE,
    DiffStream,
    LineCutter,
    anchor_lines,
    diff_lines,
    unified_diff,
)
from papercli.options import DEFAULT_OPTIONS

SEED = (ROOT / "samples/seed-page.txt").read_text(encoding="utf-8")
HUNK = re.compile(r"@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@")


def apply(a: list[str], diff: list[str]) -> list[str]:
    """`a` patched with a unified diff (its lines as `unified_diff` gives them),
    checking every context and removed line against `a`, as `patch` does."""
    out: list[str] = []
    at = 0  # lines of `a` used so far
    k = 2 if diff else 0  # past the --- and +++ headers
    while k < len(diff):
        m = HUNK.match(diff[k])
        assert m, diff[k]
        start = int(m[1]) - (0 if m[2] == "0" else 1)
        assert start >= at, "hunks out of order"
        out.extend(a[at:start])
        at = start
        k += 1
        while k < len(diff) and not diff[k].startswith("@@"):
            sign, line = diff[k][0], diff[k][1:]
            if sign in " -":
                assert a[at] == line, (at, a[at], line)
                at += 1
            if sign in " +":
                out.append(line)
            k += 1
    return out + a[at:]


def diff_of(a: list[str], b: list[str], anchors: list[tuple[int, int]]) -> list[str]:
    return list(unified_diff(a, b, fromfile="p", tofile="p", anchors=anchors))


LINES = st.lists(st.sampled_from(["a\n", "b\n", "c\n", "\n", "一行\n"]), max_size=30)


@given(LINES, LINES, st.lists(st.tuples(st.integers(-2, 32), st.integers(-2, 32)), max_size=6))
def test_any_anchors_give_a_patch_that_turns_a_into_b(
    a: list[str], b: list[str], anchors: list[tuple[int, int]]
) -> None:
    """Anchors out of order or out of range are passed over: a wrong anchor can
    make a diff longer, never wrong."""
    assert apply(a, diff_of(a, b, anchors)) == b
    assert apply(a, diff_of(a, b, sorted(anchors))) == b


def test_without_anchors_the_diff_is_difflibs() -> None:
    a, b = diff_lines(SEED), diff_lines(SEED.replace("。\n", "。\n\n"))
    assert diff_of(a, b, []) == list(difflib.unified_diff(a, b, "p", "p"))


def test_hunks_meet_across_an_anchor_as_in_one_diff() -> None:
    """A change just before an anchor and one just after it are one hunk, as
    difflib makes them in one text: the context runs on across the cut."""
    a = [f"{n}\n" for n in range(20)]
    b = [*a[:9], "x\n", *a[10:11], "y\n", *a[12:]]
    whole = diff_of(a, b, [])
    assert diff_of(a, b, [(10, 10)]) == whole
    assert sum(line.startswith("@@") for line in whole) == 1


def test_anchor_lines_passes_over_a_unit_that_starts_inside_a_file_line() -> None:
    """The engine puts a form feed on a line of its own: `a\fb` is three of its
    lines and one of the file's, and a unit starting at `b` starts inside it."""
    lines = units.FileLines.of(["a", "\f", "b", "c"])  # the file's lines: a\fb, c
    assert anchor_lines([(3, 5), (4, 7)], lines.real) == ((1, 7),)


@pytest.fixture
def small_units(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(units, "UNIT_LINES", 60)


@pytest.mark.usefixtures("small_units")
@pytest.mark.parametrize(
    "newline", ["\n", "\r\n"], ids=["lf", "crlf"]
)
@pytest.mark.parametrize("feeds", [False, True], ids=["no-feeds", "feeds"])
def test_a_text_of_many_units_is_diffed_unit_by_unit(
    newline: str, feeds: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The engine's unit starts become the diff's anchors, and the diff is the
    patch from the file to what -i writes; difflib never sees more than a unit."""
    text = load_make_corpus().corpus_text(40_000, seed=3, page_break="\f" if feeds else "")
    text = text.replace("\n", newline)
    raw = text.encode()
    settings = Settings(DEFAULT_OPTIONS, None, None, keep_format=True, diff=True)
    seen: list[int] = []
    real = difflib.SequenceMatcher.set_seqs

    def spy(self: difflib.SequenceMatcher[str], a: list[str], b: list[str]) -> None:
        seen.append(len(a) + len(b))
        real(self, a, b)

    outcome = batch.process(Source(None, "p.txt", Path("p.txt")), settings, raw)
    assert outcome.error is None and outcome.changed
    assert len(outcome.anchors) > 5
    monkeypatch.setattr(difflib.SequenceMatcher, "set_seqs", spy)
    a, b = diff_lines(outcome.before), diff_lines(outcome.after)
    diff = diff_of(a, b, list(outcome.anchors))
    assert apply(a, diff) == b
    assert "".join(b).encode() == outcome.data
    assert max(seen) < (len(a) + len(b)) / 4


def test_a_file_with_lone_carriage_returns_is_diffed_whole() -> None:
    """A lone CR ends an engine line but no line of the diff: no anchors."""
    raw = (SEED * 30).replace("\n", "\r").encode()
    settings = Settings(DEFAULT_OPTIONS, None, None, keep_format=True, diff=True)
    outcome = batch.process(Source(None, "p.txt", Path("p.txt")), settings, raw)
    assert outcome.anchors == ()


# --- a long file's --diff streams ----------------------------------------------------


@given(LINES, LINES, st.integers(1, 6), st.booleans(), st.booleans())
def test_diff_stream_fed_in_pieces_is_difflibs_diff(
    a: list[str], b: list[str], piece: int, cut_a: bool, cut_b: bool
) -> None:
    """With no anchors the stream groups its hunks exactly as difflib does, however
    the lines of b come, also where a text has no final newline; a hunk body past
    its spool's size goes on disk and comes back the same."""
    if cut_a and a:
        a[-1] = a[-1].rstrip("\n") or "z"
    if cut_b and b:
        b[-1] = b[-1].rstrip("\n") or "y"
    want = "".join(
        line if line.endswith("\n") else line + NO_NEWLINE
        for line in difflib.unified_diff(a, b, "p", "q")
    )
    out: list[str] = []
    stream = DiffStream(
        iter(a),
        out.append,
        fromfile="p",
        tofile="q",
        body=lambda: cast(BinaryIO, tempfile.SpooledTemporaryFile(max_size=8)),  # noqa: SIM115
    )
    for k in range(0, len(b), piece):
        stream.add_b(b[k : k + piece])
    stream.close()
    assert "".join(out) == want


CLEAN_SEED = (ROOT / "samples/seed-page.clean.txt").read_text(encoding="utf-8")
SHAPES: dict[str, bytes] = {
    "seed": SEED.encode(),
    "crlf": SEED.replace("\n", "\r\n").encode(),
    "mixed-bom": b"\xef\xbb\xbf" + SEED.replace("\n", "\r\n", 40).encode(),
    "feeds": (SEED + "\f" + SEED + "\f").encode(),
    "no-final-newline": SEED.rstrip("\n").encode(),
    "lone-cr": (SEED * 3).replace("\n", "\r", 5).encode(),
    "utf-16": SEED.encode("utf-16"),
    "clean": CLEAN_SEED.encode(),
    "newlines-only": CLEAN_SEED.replace("\n", "\r\n", 3).encode(),
    "gb18030": SEED.encode("gb18030"),
}


def run_diff(
    path: Path, monkeypatch: pytest.MonkeyPatch, *args: str, streams: bool, stdin: bytes = b""
) -> tuple[int, bytes, str]:
    monkeypatch.setattr(textrun, "STREAM_MIN_BYTES", 1 if streams else 1 << 40)
    argv = ["clean", "--diff", *args, "-" if stdin else str(path)]
    result = CliRunner().invoke(cli, argv, input=stdin or None)
    return result.exit_code, result.stdout_bytes, result.stderr


@pytest.mark.parametrize("shape", list(SHAPES))
def test_diff_streamed_writes_what_the_whole_file_diff_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, shape: str
) -> None:
    """A file of STREAM_MIN_BYTES or more is diffed as it streams (1.4 GB -> 41 MB for
    100 MB): the same patch, exit code and messages as the whole-file diff."""
    path = tmp_path / "page.txt"
    path.write_bytes(SHAPES[shape])
    args = ("--output-encoding", "gb18030") if shape == "gb18030" else ()
    whole = run_diff(path, monkeypatch, *args, streams=False)
    streamed = run_diff(path, monkeypatch, *args, streams=True)
    assert streamed == whole, shape
    assert whole[0] == (0 if shape == "clean" else 1)
    if shape == "newlines-only":
        assert "no text change" in whole[2]


@pytest.mark.usefixtures("small_units")
@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["lf", "crlf"])
def test_diff_of_many_units_streamed_and_of_stdin(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, newline: str
) -> None:
    """Unit by unit, streamed or whole, from the file or from stdin (a temp file
    past STREAM_MIN_BYTES): one patch, which turns the file into what -i writes."""
    text = load_make_corpus().corpus_text(30_000, seed=8, page_break="\f").replace("\n", newline)
    path = tmp_path / "page.txt"
    path.write_bytes(text.encode())
    whole = run_diff(path, monkeypatch, streams=False)
    assert run_diff(path, monkeypatch, streams=True) == whole
    from_stdin = run_diff(path, monkeypatch, streams=True, stdin=text.encode())
    assert from_stdin[0] == 1
    assert from_stdin[1] == whole[1].replace(b"page.txt", b"<stdin>").replace(
        str(tmp_path).encode() + b"/", b""
    )
    patched = apply(diff_lines(text), diff_lines(whole[1].decode()))
    settings = Settings(DEFAULT_OPTIONS, None, None, keep_format=True)
    written = batch.process(Source(str(path), str(path), Path("page.txt")), settings).data
    assert "".join(patched).encode() == written


def test_diff_streams_in_bounded_memory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The diff of a long file holds a unit and a hunk, not both texts."""
    monkeypatch.setattr(textstream, "CHUNK_BYTES", 1 << 16)
    monkeypatch.setattr(streaming, "DIFF_SPOOL_BYTES", 1 << 16)  # a long hunk: on disk
    text = load_make_corpus().corpus_text(2 * 1024 * 1024, seed=9, pool=60)
    path = tmp_path / "big.txt"
    path.write_bytes(text.encode())
    settings = Settings(DEFAULT_OPTIONS, None, None, keep_format=True, diff=True)
    source = Source(str(path), str(path), Path("big.txt"))
    pipeline.clean_text(text[:100_000])  # the engine's tables, loaded once
    written = [0]

    def count(line: str) -> None:  # a stdout that keeps nothing
        written[0] += len(line)

    outcomes, sizes = streamed_and_whole_peaks(source, settings, diff=count)
    assert all(o.error is None and o.changed for o in outcomes)
    assert written[0] > len(text)  # the diff was made: both texts' lines
    # Whole, the diff holds both texts and their lines: 22 MB here, 1.4 GB for 100 MB.
    assert sizes[0] < sizes[1] / 2, sizes


@pytest.mark.parametrize("command", [["convert", "--to", "traditional"], ["rejoin"], ["dedupe"]])
def test_diff_streamed_of_the_other_commands(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    """`convert` streams in batches of its own (no unit starts to anchor at), `rejoin`
    and `dedupe` keep each unit's layout: their streamed diffs are the whole ones too."""
    path = tmp_path / "page.txt"
    path.write_bytes((SEED * 3).encode())
    results = []
    for streams in (False, True):
        monkeypatch.setattr(textrun, "STREAM_MIN_BYTES", 1 if streams else 1 << 40)
        result = CliRunner().invoke(cli, [*command, "--diff", str(path)])
        results.append((result.exit_code, result.stdout_bytes, result.stderr))
    assert results[0] == results[1]
    assert results[0][0] == 1


def test_check_streamed_says_nothing_of_a_newline_only_change(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The note that only newlines would change is --diff's (its patch shows lines
    that look the same); --check, streamed or not, says only that the file would
    change."""
    path = tmp_path / "page.txt"
    path.write_bytes(SHAPES["newlines-only"])
    for streams in (False, True):
        monkeypatch.setattr(textrun, "STREAM_MIN_BYTES", 1 if streams else 1 << 40)
        result = CliRunner().invoke(cli, ["clean", "--check", str(path)])
        assert result.exit_code == 1
        assert "no text change" not in result.stderr


@given(st.text(alphabet="ab\n\r\f一", max_size=40), st.lists(st.integers(0, 40), max_size=6))
def test_lines_cut_from_pieces_are_diff_lines(text: str, cuts: list[int]) -> None:
    """A streamed diff cuts each side's lines from pieces as they come: wherever
    the pieces are cut, the lines are `diff_lines` of the whole."""
    bounds = [0, *sorted(min(c, len(text)) for c in cuts), len(text)]
    cutter = LineCutter()
    lines = [line for a, b in itertools.pairwise(bounds) for line in cutter.cut(text[a:b])]
    assert lines + cutter.end() == diff_lines(text)
