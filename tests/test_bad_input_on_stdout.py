"""Bad input (an undecodable byte, binary data) late in a file streamed to stdout:
nothing is written when the input can be read twice (a file, or stdin redirected
from one); from a pipe, stdout holds cleaned text from before the bad byte only."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import IO

import pytest

from conftest import ROOT, Invoke
from papercli import textstream

PAPERCLI = [sys.executable, "-m", "papercli"]
PAGE = (ROOT / "samples/seed-page.txt").read_bytes()
BAD_ENDS = {"undecodable": b"\xff\n", "nul": b"\x00\n"}


@pytest.mark.parametrize("end", sorted(BAD_ENDS))
@pytest.mark.parametrize("via", ["file", "stdin"])
def test_bad_byte_late_in_a_file_writes_nothing_to_stdout(
    invoke: Invoke, work: Path, monkeypatch: pytest.MonkeyPatch, end: str, via: str
) -> None:
    # Small chunks: the streamed cleaning reaches stdout long before the bad byte.
    monkeypatch.setattr(textstream, "CHUNK_BYTES", 4096)
    data = PAGE * 20 + BAD_ENDS[end]
    (work / "bad.txt").write_bytes(data)
    # CliRunner's stdin is seekable, as a shell's `< bad.txt` is.
    result = invoke("clean", "bad.txt") if via == "file" else invoke("clean", input=data)
    assert result.exit_code == 2
    assert result.stdout_bytes == b""
    assert ("binary" if end == "nul" else f"offset {len(data) - 2}") in result.stderr


def run(
    args: list[str], cwd: Path, env: dict[str, str], *, stdin: IO[bytes] | None = None,
    data: bytes | None = None,
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [*PAPERCLI, *args], cwd=cwd, env=env, stdin=stdin, input=data, capture_output=True,
        timeout=120, check=False,
    )


def test_bad_byte_from_a_redirect_and_from_a_pipe(
    tmp_path: Path, subprocess_env: dict[str, str]
) -> None:
    good = PAGE * 400  # over 4 MB: several read chunks and cleaning units before the bad byte
    (tmp_path / "bad.txt").write_bytes(good + b"\xff\n")
    (tmp_path / "good.txt").write_bytes(good)
    named = run(["clean", "bad.txt"], tmp_path, subprocess_env)
    assert (named.returncode, named.stdout) == (2, b"")
    with open(tmp_path / "bad.txt", "rb") as redirected:
        from_file = run(["clean"], tmp_path, subprocess_env, stdin=redirected)
    assert (from_file.returncode, from_file.stdout) == (2, b"")
    # A pipe is read once: the text cleaned before the bad byte has gone out, then
    # the error, exit 2; nothing from after the bad byte.
    piped = run(["clean"], tmp_path, subprocess_env, data=good + b"\xff\nafter.\n")
    assert piped.returncode == 2
    assert f"offset {len(good)}".encode() in piped.stderr
    clean = run(["clean", "good.txt"], tmp_path, subprocess_env).stdout
    assert piped.stdout and clean.startswith(piped.stdout)
