"""`--furniture` on a long input: the running heads and folios are found across
all its pages in a first pass (`steps.furniture.furniture_lines`, a few lines
held per page), then the other lines are cleaned unit by unit, as without
--furniture. A stream is read twice where it can be (a file, a seekable stdin);
the result is the same bytes as the whole text's, in memory bounded by a unit."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from conftest import ROOT, streamed_and_whole_peaks
from papercli import batch, pipeline, textstream, units
from papercli.cli import cli
from papercli.commands import textrun
from papercli.options import CleanOptions
from papercli.steps.furniture import find_furniture, furniture_lines

SEED = (ROOT / "samples/seed-page.txt").read_text(encoding="utf-8")
FURNITURE = CleanOptions(drop_furniture=True)


SEED_LINES = SEED.splitlines()


def body(n: int) -> str:
    """Page `n`'s text: the seed page's lines from a place of its own (no line of
    it opens or ends most pages, as a paper's own head and folio do)."""
    k = 11 * n % len(SEED_LINES)
    return "\n".join(SEED_LINES[k:] + SEED_LINES[:k])


def paper(pages: int) -> str:
    """`pages` pages, each under a running head and over a folio, form feeds between."""
    return "\f".join(
        f"晨报 2024年5月{n % 28 + 1}日 第{n + 1}版\n{body(n)}\n— {n + 1} —\n" for n in range(pages)
    )


LINE = st.sampled_from(["晨报 第1版", "晨报 第2版", "— 3 —", "正文。", "", "\f", "另一行，"])


@given(st.lists(LINE, max_size=60))
def test_one_pass_over_a_stream_finds_what_the_held_lines_give(lines: list[str]) -> None:
    """The first pass reads each line once, holding a few per page."""
    found = furniture_lines(iter(lines))
    assert found == furniture_lines(lines)
    assert sorted(n - 1 for n in found) == find_furniture(lines)


def test_a_head_and_folio_on_most_pages_are_found_across_units(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(units, "UNIT_LINES", 100)
    text = paper(12)
    lines = units.split_lines(text)
    assert len(list(units.iter_units(lines))) > 5
    found = furniture_lines(lines)
    assert len(found) == 24  # every page's head and folio, in whichever unit it falls
    assert {lines[n - 1][:2] for n in found} == {"晨报", "— "}


@pytest.fixture
def small_units(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(units, "UNIT_LINES", 100)


@pytest.mark.usefixtures("small_units")
@pytest.mark.parametrize("to", ["file", "stdout", "stdin"])
def test_furniture_streamed_is_the_whole_texts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, to: str
) -> None:
    """To a file, to stdout, or from a (seekable) stdin: the same bytes and the same
    removals, with the file's line numbers, as the whole text cleaned."""
    text = paper(12)
    path = tmp_path / "paper.txt"
    path.write_text(text, encoding="utf-8")
    result = pipeline.clean_and_explain(text, FURNITURE)
    assert "晨报" not in result.text and "— 3 —" not in result.text
    removed = units.FileLines.of_text(text).changes(
        c for c in result.changes if c.step == "drop_furniture"
    )
    assert len(removed) == 24
    monkeypatch.setattr(textrun, "STREAM_MIN_BYTES", 0)
    args = ["clean", "--furniture", "-v"]
    if to == "file":
        run = CliRunner().invoke(cli, [*args, str(path), "-o", str(tmp_path / "out.txt")])
        out = (tmp_path / "out.txt").read_text(encoding="utf-8")
    elif to == "stdout":
        run = CliRunner().invoke(cli, [*args, str(path)])
        out = run.stdout
    else:
        run = CliRunner().invoke(cli, [*args, "-"], input=text.encode())
        out = run.stdout
    assert run.exit_code == 0, run.stderr
    assert out == result.text
    listed = [line for line in run.stderr.splitlines() if "[drop_furniture]" in line]
    assert [line.split(":")[1] for line in listed] == [str(c.line) for c in removed]


def test_furniture_streams_in_bounded_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """It took the whole text as one unit: 171 MB for 10 MB of pages, now 40 MB."""
    monkeypatch.setattr(textstream, "CHUNK_BYTES", 1 << 16)
    text = paper(60)
    path = tmp_path / "paper.txt"
    path.write_text(text, encoding="utf-8")
    settings = batch.Settings(FURNITURE, None, None, keep_format=False)
    source = batch.Source(str(path), str(path), Path("paper.txt"))
    pipeline.clean_text(text[:20_000], FURNITURE)  # the engine's tables, loaded once
    size = [0]

    def count(data: bytes) -> None:  # a stdout that keeps nothing
        size[0] += len(data)

    outcomes, peaks = streamed_and_whole_peaks(source, settings, write=count)
    assert all(o.error is None for o in outcomes)
    assert size[0] > len(text)  # the text went out
    assert peaks[0] < peaks[1] / 2, peaks


def test_furniture_of_a_pipe_past_the_stream_size_waits_in_a_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A pipe cannot be read twice, and --furniture reads its input twice (the
    heads first): a pipe was held whole (64 MB for 10 MB of pages, 138 MB with
    -o). Past STREAM_MIN_BYTES it now waits in a temp file that is read as a
    file is, and a smaller one is read twice from memory: the same bytes and
    removals either way, naming <stdin>, the temp file gone after."""
    text = paper(12)
    whole = pipeline.clean_text(text, FURNITURE)
    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    spooled: list[tuple[str, str]] = []
    real_spool = textrun.spool_stdin

    def spool(least: int, why: str) -> bytes | str:
        got = real_spool(least, why)
        spooled.append(("held" if isinstance(got, bytes) else "temp file", why))
        assert isinstance(got, bytes) or Path(got).parent == temp
        return got

    monkeypatch.setattr(textrun, "spool_stdin", spool)
    out = tmp_path / "out.txt"
    runs = []
    for least in (1, 1 << 40):
        monkeypatch.setattr(textrun, "STREAM_MIN_BYTES", least)
        for to in ([], ["-o", str(out)]):
            run = CliRunner().invoke(cli, ["clean", "--furniture", "-v", *to, "-"], input=text)
            assert run.exit_code == 0, run.stderr
            assert (out.read_text(encoding="utf-8") if to else run.stdout) == whole
            assert list(temp.iterdir()) == []
            runs.append(run.stderr)
    assert spooled == [("temp file", "--furniture")] * 2 + [("held", "--furniture")] * 2
    assert len(set(runs)) == 1 and runs[0].count("[drop_furniture]") == 24
    assert runs[0].startswith("<stdin>:")


def test_furniture_of_a_real_pipe_is_the_files(tmp_path: Path) -> None:
    """Through a pipe (not seekable) as from the file: the same text, exit 0."""
    text = paper(6)
    path = tmp_path / "paper.txt"
    path.write_text(text, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    command = [sys.executable, "-m", "papercli", "clean", "--furniture"]
    with path.open("rb") as fh:
        piped = subprocess.run(
            f"cat | {shlex.join(command)} -", shell=True, stdin=fh, capture_output=True, env=env
        )
    named = subprocess.run([*command, str(path)], capture_output=True, env=env)
    assert piped.returncode == named.returncode == 0, piped.stderr
    assert piped.stdout == named.stdout == pipeline.clean_text(text, FURNITURE).encode()


def test_rejoin_with_furniture_does_not_spool_what_it_holds() -> None:
    """`rejoin` and `dedupe` keep the layout, and hold their text for --furniture
    whatever the input: a temp file would only be a copy."""
    assert textrun.reads_stdin_twice(batch.WriteBack.STDOUT, FURNITURE) == "--furniture"
    keeps = CleanOptions(drop_furniture=True, rebuild_paragraphs=False)
    assert textrun.reads_stdin_twice(batch.WriteBack.STDOUT, keeps) == ""
    assert textrun.reads_stdin_twice(batch.WriteBack.CHECK, keeps) == "--check"
    assert textrun.reads_stdin_twice(batch.WriteBack.DIFF, CleanOptions()) == "--diff"
    assert textrun.reads_stdin_twice(batch.WriteBack.FILE, CleanOptions()) == ""
