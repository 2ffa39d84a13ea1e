"""The streaming path (`streaming.stream`, `textstream`) gives the bytes the whole-file
path gives: same lines, same output, same encoding report, whatever the chunking."""

from __future__ import annotations

import dataclasses
import io
import os
import tempfile
import tracemalloc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from conftest import ROOT, load_make_corpus, stream_peak
from papercli import atomic, batch, pipeline, streaming, textio, textstream, units
from papercli.cli import cli
from papercli.commands import textrun
from papercli.options import CleanOptions
from papercli.steps import convert

make_corpus = load_make_corpus()


@pytest.fixture(scope="module")
def big_text() -> str:
    """About 2 MB of generated pages with CRLF newlines, form feeds between pages
    and a few lone CRs: every newline style `split_lines` knows."""
    text = make_corpus.corpus_text(2 * 1024 * 1024, seed=7, page_break="\f", pool=60)
    text = text.replace("\n", "\r\n")
    return text.replace("。\r\n\r\n", "。\r\r", 40)


def whole(path: Path, settings: batch.Settings) -> batch.Outcome:
    return batch.process(batch.Source(str(path), str(path), Path(path.name)), settings)


def streamed(path: Path, settings: batch.Settings) -> tuple[batch.Outcome, bytes]:
    out = io.BytesIO()
    source = batch.Source(str(path), str(path), Path(path.name))
    outcome = streaming.stream(source, settings, write=out.write)
    return outcome, out.getvalue()


SETTINGS = batch.Settings(CleanOptions(), None, None, keep_format=False)


@pytest.mark.parametrize("chunk", [8191, 65536 + 1])
def test_stream_is_byte_identical_on_a_multi_megabyte_file(
    tmp_path: Path, big_text: str, chunk: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Odd chunk sizes cut CRLF pairs and three-byte characters at chunk boundaries.
    monkeypatch.setattr(textstream, "CHUNK_BYTES", chunk)
    path = tmp_path / "big.txt"
    path.write_bytes(big_text.encode("utf-8"))
    expected = whole(path, SETTINGS)
    outcome, data = streamed(path, SETTINGS)
    assert outcome.error is None and expected.error is None
    assert data == expected.data
    assert outcome.info == expected.info and outcome.info["newline"] == "CRLF"
    assert (outcome.blocks, outcome.changes, outcome.changed) == (
        expected.blocks,
        expected.changes,
        expected.changed,
    )


def test_lines_match_split_lines_at_every_boundary() -> None:
    # Every chunk size from 1 byte up puts each CR, LF and form feed at a boundary once.
    text = "甲\r\n乙\r\r\n丙\f丁\n\n戊\r己\f\f\r\n庚"
    data = text.encode("utf-8")
    expected = units.split_lines(text)
    for chunk in range(1, len(data) + 2):
        got = list(textstream.TextStream(io.BytesIO(data), name="x", chunk_bytes=chunk).lines())
        assert got == expected, chunk


def test_doubled_crs_stream_as_split_lines_at_every_boundary() -> None:
    text = "甲\r\r\n乙\r\r\r\n丙\r\r\r\r\n丁\r\r戊\r\r\n"
    data = text.encode("utf-8")
    expected = units.split_lines(text)
    assert expected == ["甲", "乙", "", "丙", "", "", "丁", "", "戊"]
    for chunk in range(1, len(data) + 2):
        stream = textstream.TextStream(io.BytesIO(data), name="x", chunk_bytes=chunk)
        assert list(stream.lines()) == expected, chunk
        assert stream.newline == textio.detect_newline(text), chunk
        assert stream.newline_counts == units.count_newlines(text), chunk

def test_a_line_spanning_many_chunks_is_joined_once() -> None:
    text = "字" * 50_000 + "\n尾"
    stream = textstream.TextStream(io.BytesIO(text.encode()), name="x", chunk_bytes=4096)
    assert list(stream.lines()) == ["字" * 50_000, "尾"]


@pytest.mark.parametrize(
    ("encoding", "bom", "override"),
    [
        ("gb18030", b"", None),
        ("big5hkscs", b"", "big5"),
        ("utf-16-le", b"\xff\xfe", None),
        ("utf-32-be", b"", None),
        ("utf-8", b"\xef\xbb\xbf", "utf-8"),
        ("hz", b"", None),
        ("iso2022_jp_2", b"", None),
    ],
)
def test_encodings_stream_like_the_whole_file(
    tmp_path: Path, encoding: str, bom: bytes, override: str | None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(textstream, "CHUNK_BYTES", 4097)
    # Varied generated text, so that chardet can name a legacy encoding on its own.
    page = make_corpus.corpus_text(200_000, seed=11, pool=30).replace("\n", "\r\n")
    if encoding == "big5hkscs":
        page = "負責對輔警層級\r\n管理工作。\r\n\r\n" * 3000
    path = tmp_path / "page.txt"
    path.write_bytes(bom + page.encode(encoding))
    for keep_format in (False, True):
        settings = batch.Settings(CleanOptions(), override, None, keep_format=keep_format)
        expected = whole(path, settings)
        outcome, data = streamed(path, settings)
        assert expected.error is None and outcome.error is None
        assert data == expected.data
        assert outcome.info == expected.info


def test_a_bad_byte_mid_stream_names_its_offset(tmp_path: Path) -> None:
    good = "管理工作。\n".encode("gb18030") * 30_000
    path = tmp_path / "bad.txt"
    path.write_bytes(good + b"\x81\x20" + good)
    settings = batch.Settings(CleanOptions(), "gb18030", None, keep_format=False)
    outcome, _ = streamed(path, settings)
    assert outcome.error == whole(path, settings).error
    assert f"offset {len(good)}" in (outcome.error or "")


@pytest.mark.parametrize("codec", ["utf-16", "utf-32"])
def test_a_wide_file_cut_short_says_so(tmp_path: Path, codec: str) -> None:
    # Its last character is incomplete: no other encoding would read it better, so
    # the error says the file was cut short instead of suggesting one.
    path = tmp_path / "cut.txt"
    data = ("管理工作。\n" * 30_000).encode(codec)[:-1]
    path.write_bytes(data)
    outcome, _ = streamed(path, SETTINGS)
    assert outcome.error == whole(path, SETTINGS).error
    assert f"ends inside a {codec}-le character" in (outcome.error or "")
    assert f"at offset {len(data) - len(data) % (2 if codec == 'utf-16' else 4)}" in (
        outcome.error or ""
    )
    assert "the file was cut short" in (outcome.error or "") and "try" not in (outcome.error or "")


def test_binary_input_is_refused_before_any_output(tmp_path: Path) -> None:
    path = tmp_path / "bin.txt"
    path.write_bytes(b"ab\x00cd" * 10)
    outcome, data = streamed(path, SETTINGS)
    assert data == b"" and outcome.error == whole(path, SETTINGS).error


def test_unchanged_text_is_reported_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "clean.txt"
    text = "负责对辅警层级管理工作。\n\n第二段。\n\n" * 2000
    path.write_text(text.rstrip("\n") + "\n", encoding="utf-8")
    outcome, data = streamed(path, SETTINGS)
    assert not outcome.changed and data == path.read_bytes()


def test_same_text_comparison() -> None:
    same = textstream.SameText()
    same.left("ab\ncd\n")
    same.right("ab\n")
    same.left("ef")
    same.right("cd\nef")
    assert same.same()
    other = textstream.SameText()
    other.left("ab")
    other.right("abc")
    assert not other.same()


# --- through the command line ---------------------------------------------------------


@pytest.fixture
def small_threshold(monkeypatch: pytest.MonkeyPatch) -> None:
    """Stream every file, not only those over 8 MB."""
    monkeypatch.setattr(textrun, "STREAM_MIN_BYTES", 0)
    monkeypatch.setattr(textstream, "CHUNK_BYTES", 5000)


def test_cli_stdout_output_and_stdin_stream(tmp_path: Path, big_text: str) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(big_text.encode("utf-8"))
    expected = whole(path, SETTINGS).data
    runner = CliRunner()
    by_path = runner.invoke(cli, ["clean", str(path)])
    assert by_path.exit_code == 0 and by_path.stdout_bytes == expected
    by_stdin = runner.invoke(cli, ["clean"], input=path.read_bytes())
    assert by_stdin.exit_code == 0 and by_stdin.stdout_bytes == expected


@pytest.mark.usefixtures("small_threshold")
def test_cli_in_place_stream_keeps_format_and_skips_unchanged(tmp_path: Path) -> None:
    page = "\ufeff負責對輔警層級\r\n管理工作。\r\n\r\n" * 500
    path = tmp_path / "page.txt"
    path.write_bytes(page.encode("utf-8"))
    expected = whole(path, batch.Settings(CleanOptions(), None, None, keep_format=True)).data
    runner = CliRunner()
    result = runner.invoke(cli, ["clean", "-i", "--backup", ".orig", str(path)])
    assert result.exit_code == 0, result.stderr
    assert path.read_bytes() == expected and expected.startswith(b"\xef\xbb\xbf")
    assert (tmp_path / "page.txt.orig").read_bytes() == page.encode("utf-8")
    before = os.stat(path).st_mtime_ns
    again = runner.invoke(cli, ["clean", "-i", "-v", str(path)])
    assert again.exit_code == 0 and "unchanged" in again.stderr
    assert os.stat(path).st_mtime_ns == before
    assert not list(tmp_path.glob(".*.tmp"))


@pytest.mark.usefixtures("small_threshold")
def test_cli_output_file_stream_and_explain(tmp_path: Path, big_text: str) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(big_text.encode("utf-8"))
    expected = whole(path, SETTINGS)
    out = tmp_path / "out" / "big.txt"
    report = str(tmp_path / "r.json")
    result = CliRunner().invoke(cli, ["clean", str(path), "-o", str(out), "--report", report])
    assert result.exit_code == 0, result.stderr
    assert out.read_bytes() == expected.data


@pytest.mark.usefixtures("small_threshold")
def test_cli_stream_error_leaves_no_output(tmp_path: Path) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes("管理工作。\n".encode() * 20_000 + b"\xff\n")
    out = tmp_path / "out.txt"
    result = CliRunner().invoke(cli, ["clean", str(path), "-o", str(out)])
    assert result.exit_code == 2 and "offset" in result.stderr
    assert not out.exists() and not list(tmp_path.glob(".*.tmp"))


@pytest.mark.usefixtures("small_threshold")
def test_cli_stream_output_dir_that_cannot_be_created_is_named(tmp_path: Path) -> None:
    path = tmp_path / "page.txt"
    path.write_bytes("负责对辅警层级\n管理工作。\n\n".encode() * 2000)
    (tmp_path / "file").write_bytes(b"x")
    out = tmp_path / "file" / "sub" / "page.txt"
    result = CliRunner().invoke(cli, ["clean", str(path), "-o", str(out)])
    assert result.exit_code == 2
    assert f"{out.parent}: cannot create: Not a directory" in result.stderr


def test_a_long_single_line_stays_within_a_small_multiple_of_its_size() -> None:
    text = make_corpus.single_line(300_000, seed=9)
    data = text.encode("utf-8")
    source = batch.Source(None, "<stdin>", Path("stdin.txt"))
    out = io.BytesIO()
    tracemalloc.start()
    try:
        outcome = streaming.stream(source, SETTINGS, write=out.write, stdin=io.BytesIO(data))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert outcome.error is None
    assert out.getvalue() == textio.encode_text(pipeline.clean_text(text), encoding="utf-8")
    # The line itself is ~300 KB of UTF-8 (4 bytes per str character at most, here 2):
    # the engine may hold a few copies, never one per chunk.
    assert peak < 12 * len(data), peak


CONVERT = batch.Settings(
    CleanOptions(
        rebuild_paragraphs=False,
        join_line_breaks=False,
        drop_caption_echoes=False,
        convert_script="s2t",
    ),
    None,
    None,
    keep_format=False,
)


def test_convert_streams_byte_identical_to_the_whole_file(tmp_path: Path, big_text: str) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(big_text.encode("utf-8"))
    expected = whole(path, CONVERT)
    outcome, data = streamed(path, CONVERT)
    assert outcome.error is None and expected.error is None
    assert data == expected.data and expected.changed
    assert (outcome.blocks, tuple(outcome.changes)) == (expected.blocks, expected.changes)


@pytest.mark.parametrize("end", ["", "\n", "\f", "\r"])
def test_convert_streamed_ends_as_the_input_does(tmp_path: Path, big_text: str, end: str) -> None:
    # convert keeps every line: a missing final newline stays missing, streamed or
    # not (the stream used to add one).
    path = tmp_path / "big.txt"
    text = big_text[:200_000]
    path.write_bytes((text[: text.rindex("。") + 1] + end).encode("utf-8"))
    expected = whole(path, CONVERT)
    outcome, data = streamed(path, CONVERT)
    assert outcome.error is None and data == expected.data
    assert data.endswith(b"\xe3\x80\x82" + (b"\n" if end == "\r" else end.encode()))


def streamed_peak(data: bytes, settings: batch.Settings) -> tuple[bytes, int]:
    """Stream `data` as stdin; the output and the peak of traced memory."""
    out = io.BytesIO()
    _, peak = stream_peak(data, settings, out.write)
    return out.getvalue(), peak


def test_convert_holds_a_batch_not_the_file(monkeypatch: pytest.MonkeyPatch) -> None:
    # Small batches and chunks, so that a megabyte is many of each.
    monkeypatch.setattr(pipeline, "CONVERT_BATCH_LINES", 1000)
    monkeypatch.setattr(textstream, "CHUNK_BYTES", 1 << 16)
    text = make_corpus.corpus_text(1024 * 1024, seed=3, page_break="\f", pool=60)
    data = text.encode("utf-8")
    pipeline.clean_text(text[:1000], CONVERT.options)  # OpenCC's tables are loaded once
    out, peak = streamed_peak(data, CONVERT)
    assert out.decode("utf-8") == pipeline.clean_text(text, CONVERT.options)
    # Converted whole, the file took 40 times its size.
    assert peak < 8 * len(data), peak


def test_convert_holds_a_long_single_line_a_window_at_a_time(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(convert, "LONG_LINE_CHARS", 4096)
    text = make_corpus.single_line(500_000, seed=9)
    data = text.encode("utf-8")
    pipeline.clean_text(text[:1000], CONVERT.options)
    out, peak = streamed_peak(data, CONVERT)
    # Streamed or whole, the missing final newline stays missing.
    assert out.decode("utf-8") == pipeline.clean_text(text, CONVERT.options)
    # Converted at once, the line took 60 times its size (a tuple per character).
    assert peak < 10 * len(data), peak


def test_ctrl_c_mid_stream_leaves_the_target_and_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = "负责对辅警层级\n管理工作。\n\n".encode() * 2000
    path = tmp_path / "page.txt"
    path.write_bytes(data)
    real_iter_clean = pipeline.iter_clean

    def interrupted(*args: Any, **kwargs: Any) -> Iterator[Any]:
        results = real_iter_clean(*args, **kwargs)
        yield next(results)
        raise KeyboardInterrupt

    monkeypatch.setattr(pipeline, "iter_clean", interrupted)
    source = batch.Source(str(path), str(path), Path(path.name))
    settings = batch.Settings(CleanOptions(), None, None, keep_format=True)
    with pytest.raises(KeyboardInterrupt):
        streaming.stream(source, settings, target=path)
    assert path.read_bytes() == data
    assert sorted(p.name for p in tmp_path.iterdir()) == ["page.txt"]


def test_a_failed_write_to_an_output_file_names_that_file_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Streamed, an output file that cannot be written is named as the whole-text
    path names it (`out/page.txt: cannot write: …`), not behind the input's name
    as if the input had failed."""
    path = tmp_path / "page.txt"
    path.write_bytes((ROOT / "samples" / "seed-page.txt").read_bytes())
    target = tmp_path / "out" / "page.txt"
    target.parent.mkdir()

    def full(self: atomic.AtomicOutput, data: bytes) -> None:
        raise textio.OutputError(f"{self.path}: cannot write: File too large")

    monkeypatch.setattr(atomic.AtomicOutput, "write", full)
    source = batch.Source(str(path), str(path), Path(path.name))
    outcome = streaming.stream(source, SETTINGS, target=target)
    assert outcome.error == f"{target}: cannot write: File too large"
    assert not target.exists()


def test_every_break_is_explained_alike_streamed_or_whole(tmp_path: Path) -> None:
    # Several units (the stream cuts every ~2,000 lines), with the break between
    # two units explained like any other.
    path = tmp_path / "pages.txt"
    seed = (ROOT / "samples" / "seed-page.txt").read_text(encoding="utf-8")
    path.write_text("\n".join([seed] * 20), encoding="utf-8")
    settings = dataclasses.replace(SETTINGS, explain_breaks=True)
    streamed_outcome, _ = streamed(path, settings)
    whole_outcome = whole(path, settings)
    assert sorted(streamed_outcome.changes, key=repr) == sorted(whole_outcome.changes, key=repr)
    lines = path.read_text(encoding="utf-8").count("\n")
    assert lines > 4000
    # One record per break between non-blank lines, none per blank line.
    shown = sum(1 for line in seed.splitlines() if line.strip()) * 20
    assert sum(c.step == "rebuild_paragraphs" for c in whole_outcome.changes) == shown - 1


def test_running_out_of_memory_is_an_input_error_on_both_paths(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A line too long for the machine's memory was reported as a bug in papercli
    (internal error, exit 3); it is the input's size, and -i leaves the file as it was."""
    page = "負責對輔警層級\n管理工作。\n\n" * 50
    path = tmp_path / "page.txt"
    path.write_text(page, encoding="utf-8")

    def no_memory(*args: Any, **kwargs: Any) -> Any:
        raise MemoryError

    monkeypatch.setattr(pipeline, "clean_and_explain", no_memory)
    monkeypatch.setattr(pipeline, "iter_clean", no_memory)
    runner = CliRunner()
    for streams in (False, True):
        monkeypatch.setattr(textrun, "STREAM_MIN_BYTES", 0 if streams else 1 << 30)
        for args in (["clean", str(path)], ["clean", "-i", str(path)]):
            result = runner.invoke(cli, args)
            assert result.exit_code == 2, (streams, args, result.stderr)
            assert "page.txt: out of memory while cleaning it" in result.stderr
            assert "internal error" not in result.stderr
            assert path.read_text(encoding="utf-8") == page
        assert sorted(p.name for p in tmp_path.iterdir()) == ["page.txt"]


# --- --check on a large file streams ---------------------------------------------------


@pytest.fixture
def stream_calls(monkeypatch: pytest.MonkeyPatch) -> list[batch.Source]:
    """The inputs `streaming.stream` is called for, as the test runs."""
    real_stream = streaming.stream
    seen: list[batch.Source] = []

    def spy(source: batch.Source, *args: Any, **kwargs: Any) -> batch.Outcome:
        seen.append(source)
        return real_stream(source, *args, **kwargs)

    monkeypatch.setattr(streaming, "stream", spy)
    return seen


CHECK_PAGE = "负责对辅警层级\n管理工作。\n"
CLEAN_PAGE = "负责对辅警层级管理工作。\n"
SEED_CLEAN = (ROOT / "samples/seed-page.clean.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("name", "data", "changes"),
    [
        ("dirty", CHECK_PAGE.encode(), True),
        ("clean", CLEAN_PAGE.encode(), False),
        ("crlf", CLEAN_PAGE.replace("\n", "\r\n").encode(), False),
        # -i would write the dominant CRLF throughout: the bytes change, not the text.
        ("mixed", (CLEAN_PAGE * 3).replace("\n", "\r\n", 2).encode(), True),
        ("bom", b"\xef\xbb\xbf" + CLEAN_PAGE.encode(), False),
        ("gb18030", SEED_CLEAN.encode("gb18030"), False),
        # One byte more or less than what -i would write: compared to the end.
        ("extra newline", (CLEAN_PAGE + "\n").encode(), True),
        ("no final newline", CLEAN_PAGE.rstrip("\n").encode(), True),
    ],
    ids=lambda value: value if isinstance(value, str) else "",
)
def test_check_streamed_says_what_the_whole_file_check_says(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    stream_calls: list[batch.Source],
    name: str,
    data: bytes,
    changes: bool,
) -> None:
    path = tmp_path / "page.txt"
    path.write_bytes(data)
    results = []
    for streams in (False, True):
        monkeypatch.setattr(textrun, "STREAM_MIN_BYTES", 0 if streams else 1 << 40)
        monkeypatch.setattr(textstream, "CHUNK_BYTES", 7)
        stream_calls.clear()
        result = CliRunner().invoke(cli, ["clean", "--check", "-v", str(path)])
        assert bool(stream_calls) == streams, name
        results.append((result.exit_code, result.stdout, result.stderr))
        # --check writes nothing: the file as it was, no temp file beside it.
        assert path.read_bytes() == data
        assert [p.name for p in tmp_path.iterdir()] == ["page.txt"]
    assert results[0] == results[1], name
    assert results[0][0] == (1 if changes else 0), results[0]


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("dirty", CHECK_PAGE.encode()),
        ("clean", CLEAN_PAGE.encode()),
        ("mixed", (CLEAN_PAGE * 3).replace("\n", "\r\n", 2).encode()),
        ("gb18030", SEED_CLEAN.encode("gb18030")),
        ("bad byte", CLEAN_PAGE.encode() + b"\xff\n"),
        ("empty", b""),
    ],
    ids=lambda value: value if isinstance(value, str) else "",
)
def test_check_of_a_large_stdin_streams_from_a_temp_file(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    stream_calls: list[batch.Source],
    name: str,
    data: bytes,
) -> None:
    """stdin cannot be read twice, and --check of a large input reads it twice (the
    newline pass, then the compare): it was held whole, 132 MB for 10 MB. Past
    STREAM_MIN_BYTES it now waits in a temp file, checked as a file is: the same
    verdict and messages, naming <stdin>, and the temp file gone after."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    results = []
    for streams in (False, True):
        monkeypatch.setattr(textrun, "STREAM_MIN_BYTES", 1 if streams else 1 << 40)
        stream_calls.clear()
        result = CliRunner().invoke(cli, ["clean", "--check", "-v", "-"], input=data)
        assert bool(stream_calls) == (streams and len(data) >= 1), name
        results.append((result.exit_code, result.stdout, result.stderr))
        assert list(tmp_path.iterdir()) == []
    assert results[0] == results[1], name
    assert "<stdin>" in results[0][2]


def test_check_of_stdin_that_cannot_be_kept_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A temp directory that takes no file: exit 2 and why, no traceback."""
    missing = tmp_path / "gone"
    monkeypatch.setattr(tempfile, "tempdir", str(missing))
    monkeypatch.setattr(textrun, "STREAM_MIN_BYTES", 1)
    result = CliRunner().invoke(cli, ["clean", "--check", "-"], input=CHECK_PAGE.encode())
    assert result.exit_code == 2
    assert "<stdin>: cannot keep it in a temp file in" in result.stderr
    assert "for --check: No such file or directory" in result.stderr


def test_check_streams_a_large_file_in_bounded_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(textstream, "CHUNK_BYTES", 1 << 16)
    text = make_corpus.corpus_text(4 * 1024 * 1024, seed=5, pool=60)
    path = tmp_path / "big.txt"
    path.write_bytes(pipeline.clean_text(text).encode("utf-8"))
    settings = batch.Settings(CleanOptions(), None, None, keep_format=True)
    source = batch.Source(str(path), str(path), Path(path.name))
    pipeline.clean_text(text[:100_000])  # the engine's tables, loaded once
    tracemalloc.start()
    try:
        clean = streaming.stream(source, settings, check=True, keep_changes=False)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert clean.error is None and not clean.changed
    # Whole, the check took 6 times the file (its bytes, its text, the output twice).
    assert peak < 3 * path.stat().st_size, peak
    path.write_bytes(text.encode("utf-8"))
    dirty = streaming.stream(source, settings, check=True, keep_changes=False)
    assert dirty.error is None and dirty.changed


@pytest.mark.parametrize(
    ("file", "written", "same"),
    [
        (b"abc", [b"a", b"bc"], True),
        (b"abc", [b"ab"], False),
        (b"ab", [b"a", b"bc"], False),
        (b"abc", [b"abd"], False),
        (b"", [], True),
        (b"a", [], False),
    ],
)
def test_same_bytes(tmp_path: Path, file: bytes, written: list[bytes], same: bool) -> None:
    path = tmp_path / "f"
    path.write_bytes(file)
    compare = streaming.SameBytes(str(path))
    for data in written:
        compare.write(data)
    assert compare.same() is same
    compare.close()


def test_stdin_to_a_file_streams_whatever_its_size(
    tmp_path: Path, stream_calls: list[batch.Source]
) -> None:
    """`cat big | papercli clean -o out -` held stdin whole unless -j was given
    (1.1 GB for 100 MB): stdin's size is unknown, so it is streamed as it is to
    stdout, into the atomic temp file, with the same bytes as the file cleaned."""
    path = tmp_path / "page.txt"
    path.write_text(SEED_CLEAN.replace("。", "。\n\n") * 3, encoding="utf-8")
    out = tmp_path / "out.txt"
    result = CliRunner().invoke(cli, ["clean", "-", "-o", str(out)], input=path.read_bytes())
    assert result.exit_code == 0, result.stderr
    assert [s.path for s in stream_calls] == [None]
    assert out.read_bytes() == CliRunner().invoke(cli, ["clean", str(path)]).stdout_bytes
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.txt", "page.txt"]
