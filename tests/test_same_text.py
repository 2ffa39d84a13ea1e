"""`textstream.SameText`: whether the streamed output equals its input, in linear time."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

import papercli
from papercli.textstream import SameText


def _compare(left: list[str], right: list[str]) -> bool:
    same = SameText()
    for piece in left:
        same.left(piece)
    for piece in right:
        same.right(piece)
    return same.same()


def test_pieces_cut_anywhere_on_either_side() -> None:
    assert _compare(["ab", "c\nd", "ef\n"], ["abc\n", "def\n"])
    assert _compare(["abc\ndef\n"], ["a", "bc\nd", "ef\n"])
    assert _compare([], [])
    assert not _compare(["abc\n"], ["abd\n"])
    assert not _compare(["abc\n"], ["abc\n", "x"])  # output longer
    assert not _compare(["abc\n", "def\n"], ["abc\n"])  # output shorter


def test_interleaved_as_the_stream_feeds_it() -> None:
    same = SameText()
    same.left("一二")
    same.right("一")
    same.left("三\n")
    same.right("二三\n")
    assert same.same()
    same.right("四")
    assert not same.same()


def test_a_line_over_many_chunks_is_linear() -> None:
    # A huge single line from a pipe arrives in thousands of chunks before the
    # output can start: each chunk re-copied everything held before it (8 GB of
    # copying here, seconds), where joining them once takes milliseconds.
    chunk = "中" * 8192
    same = SameText()
    start = time.perf_counter()
    for _ in range(1000):
        same.left(chunk)
    same.right(chunk * 1000)
    assert same.same()
    assert time.perf_counter() - start < 1.0


@pytest.mark.slow
def test_a_huge_single_line_through_a_pipe_is_linear(tmp_path: Path) -> None:
    # 42 MB on one line, piped: about 20 s before (quadratic), 3 s now.
    data = ("中文字符测试，" * 2_000_000).encode("utf-8")
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "papercli", "clean"],
        input=data,
        capture_output=True,
        env={"PYTHONPATH": str(Path(papercli.__file__).parents[1]), "PATH": "/usr/bin:/bin"},
        timeout=120,
        check=False,
    )
    elapsed = time.perf_counter() - start
    assert done.returncode == 0, done.stderr
    assert done.stdout == data + b"\n"
    assert elapsed < 12.0
