"""`textstream.SameText`: whether the streamed output equals its input, in linear time."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

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


def test_input_is_copied_once_the_output_reaches_it() -> None:
    # A huge single line from a pipe arrives in thousands of chunks before the
    # output can start: each chunk re-copied everything held before it, so the
    # copying grew with the square of the line. The chunks now wait, uncopied.
    chunk = "中" * 8192
    same = SameText()
    for _ in range(1000):
        same.left(chunk)
        assert same._left == ""  # nothing copied while no output asks for it
    same.right(chunk * 1000)
    assert same.same()


def test_a_long_single_line_through_a_pipe(tmp_path: Path) -> None:
    # Hundreds of pipe chunks on one line, no newline: the output is the input
    # and its final newline, unchanged.
    data = ("中文字符测试，" * 200_000).encode("utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "papercli", "clean"],
        input=data,
        capture_output=True,
        env={"PYTHONPATH": str(Path(papercli.__file__).parents[1]), "PATH": "/usr/bin:/bin"},
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == data + b"\n"
