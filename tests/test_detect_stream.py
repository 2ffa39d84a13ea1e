"""`detect` on a large file: read as a stream and measured unit by unit
(`diagnose.diagnose_lines`), in memory bounded by a unit. A page of one unit is
measured exactly as `diagnose` measures it whole; a longer text may differ in the
measures that are the units' own (see `diagnose_lines`): articles and column
regions (and the column width they give)."""

from __future__ import annotations

import io
import json
import tracemalloc
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from conftest import ROOT, load_make_corpus
from papercli import diagnose as diagnose_module
from papercli import pipeline, units
from papercli.cli import cli
from papercli.commands import textrun
from papercli.commands.detect import Rejoined
from papercli.diagnose import diagnose, diagnose_lines

CASES = sorted((ROOT / "tests/cases").glob("*.in.txt"))
SEED = (ROOT / "samples/seed-page.txt").read_text(encoding="utf-8")
# Measured per unit: see `diagnose_lines`.
UNITS_OWN = ("articles", "column_regions", "column_width")


make_corpus = load_make_corpus()


def measured(text: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """`diagnose` of the whole text, and `diagnose_lines` of its lines (newline aside)."""
    whole = diagnose(text).to_dict()
    by_units = diagnose_lines(units.split_lines(text)).to_dict()
    whole.pop("newline")
    by_units.pop("newline")
    return whole, by_units


@pytest.mark.parametrize("path", CASES[::7], ids=lambda path: path.name)
def test_a_page_of_one_unit_is_measured_as_whole(path: Path) -> None:
    whole, by_units = measured(path.read_text(encoding="utf-8-sig"))
    assert by_units == whole


@pytest.mark.parametrize(
    "text",
    ["", "\n", "一行", "一行\f", "一行\f\n二行\r\n三行\r", SEED, SEED.replace("\n", "\r\n")],
    ids=["empty", "newline", "no-newline", "feed", "mixed", "seed", "crlf"],
)
def test_line_counts_and_measures_of_small_texts(text: str) -> None:
    whole, by_units = measured(text)
    assert by_units == whole


def test_a_long_text_is_measured_unit_by_unit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(units, "UNIT_LINES", 300)
    text = make_corpus.corpus_text(120_000, seed=12, page_break="\f", pool=30)
    assert len(list(units.iter_units(units.split_lines(text)))) > 5
    whole, by_units = measured(text)
    # What is summed over the page comes out the same, unit by unit.
    for key in whole:
        if key not in UNITS_OWN:
            assert by_units[key] == whole[key], key
    # Articles are found unit by unit (here units of 300 lines, a few pages each):
    # near the count of the whole, not equal to it.
    assert 0.8 * whole["articles"] <= by_units["articles"] <= 1.25 * whole["articles"]
    assert sum(r["lines"] for r in by_units["column_regions"]) == sum(
        r["lines"] for r in whole["column_regions"]
    )


def detect_rows(path: Path, monkeypatch: pytest.MonkeyPatch, *, streams: bool) -> Any:
    monkeypatch.setattr(textrun, "STREAM_MIN_BYTES", 0 if streams else 1 << 40)
    result = CliRunner().invoke(cli, ["detect", "--json", str(path)])
    return result.exit_code, json.loads(result.stdout), result.stderr


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("seed", SEED.encode()),
        ("crlf-bom", b"\xef\xbb\xbf" + SEED.replace("\n", "\r\n").encode()),
        ("gb18030", SEED.encode("gb18030")),
        ("utf-16", SEED.encode("utf-16")),
        ("feeds", SEED.replace("\n\n", "\n\f", 3).encode()),
        ("empty", b""),
        ("no-newline", "一行没有换行".encode()),
    ],
)
def test_detect_streamed_gives_the_whole_files_row(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, data: bytes
) -> None:
    path = tmp_path / "page.txt"
    path.write_bytes(data)
    assert detect_rows(path, monkeypatch, streams=True) == detect_rows(
        path, monkeypatch, streams=False
    ), name


def test_detect_streamed_reports_a_bad_byte_as_the_whole_file_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(SEED.encode() + b"\xff\xfe\x80 tail\n")
    results = []
    for streams in (True, False):
        monkeypatch.setattr(textrun, "STREAM_MIN_BYTES", 0 if streams else 1 << 40)
        result = CliRunner().invoke(cli, ["detect", "--json", str(path)])
        results.append((result.exit_code, result.stdout, result.stderr))
    assert results[0] == results[1]
    assert results[0][0] == 2 and "bad.txt" in results[0][2]


def test_detect_streams_a_large_file_in_bounded_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(textrun, "STREAM_MIN_BYTES", 0)
    path = tmp_path / "big.txt"
    path.write_text(make_corpus.corpus_text(2 * 1024 * 1024, seed=6, pool=60), encoding="utf-8")
    diagnose(SEED)  # the engine's tables and OpenCC's, loaded once
    tracemalloc.start()
    try:
        result = CliRunner().invoke(cli, ["detect", "--json", str(path)])
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)[0]["lines"] > 50_000
    # Measured whole, the file took 35 times its size; unit by unit, a unit's worth
    # (about 10 MB here, whatever the file's size).
    assert peak < 8 * path.stat().st_size, peak


@pytest.mark.parametrize("streams", [True, False], ids=["large", "small"])
def test_detect_of_stdin_streams_once_it_is_large(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, streams: bool
) -> None:
    # stdin's size is known at its end only: once it holds STREAM_MIN_BYTES, the
    # bytes read so far and the rest are measured as a stream, as a file that size is.
    data = SEED.replace("\n", "\r\n").encode("gb18030")
    path = tmp_path / "page.txt"
    path.write_bytes(data)
    monkeypatch.setattr(textrun, "STREAM_MIN_BYTES", len(data) // 3 if streams else len(data) + 1)
    calls: list[int] = []
    real = diagnose_module.diagnose_lines

    def spy(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(diagnose_module, "diagnose_lines", spy)
    by_stdin = CliRunner().invoke(cli, ["detect", "--json"], input=data)
    by_path = CliRunner().invoke(cli, ["detect", "--json", str(path)])
    assert by_stdin.exit_code == by_path.exit_code == 0, by_stdin.stderr
    assert calls == ([1, 1] if streams else [])
    from_stdin, from_path = json.loads(by_stdin.stdout)[0], json.loads(by_path.stdout)[0]
    assert from_stdin.pop("file") == "<stdin>"
    from_path.pop("file")
    assert from_stdin == from_path
    assert from_stdin["bytes"] == len(data) and from_stdin["encoding"] == "gb18030"


def test_rejoined_gives_the_head_then_the_rest_and_counts_them() -> None:
    stream = Rejoined(b"abc", io.BytesIO(b"defg"))
    assert [stream.read(2), stream.read(5), stream.read(3), stream.read(3), stream.read()] == [
        b"ab",
        b"c",
        b"def",
        b"g",
        b"",
    ]
    assert stream.count == 7


def test_regions_are_numbered_by_the_files_lines_past_a_cut_line(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A line cut into pieces is one line of the file: the regions after it are
    # numbered as `wc -l` counts, measured whole or unit by unit.
    for module in (units, pipeline):
        monkeypatch.setattr(module, "CUT_ABOVE", 2 * 1000 + 64)
    monkeypatch.setattr(units, "LONG_LINE", 1000)
    monkeypatch.setattr(units, "PIECE_WINDOW", 64)
    para = "今天上午，市图书馆举行了新馆开放仪式，数百名读者排队入馆参观。" * 6
    wrapped = "\n".join(para[i : i + 18] for i in range(0, len(para), 18))
    text = para * 30 + "\n\n" + wrapped + "\n"
    assert len(units.split_lines(text)) > text.count("\n") + 2  # the first line is cut
    for measured_as in (diagnose(text), diagnose_lines(units.split_lines(text))):
        last = measured_as.column_regions[-1]
        assert (last.first_line, last.last_line) == (3, text.count("\n")), measured_as
