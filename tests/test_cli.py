"""The I/O contract of the text commands, in-process with click's CliRunner.

These tests pin the shell's behaviour (where text goes, exit codes, what is
refused), not the engine's cleaning, which has its own golden tests.
"""

from __future__ import annotations

import errno
import json
import os
import tempfile
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

import papercli.cli
import papercli.commands.stdio
import papercli.commands.textrun
import papercli.pipeline
from conftest import CLEANED, TRAD_CLEANED, TRAD_WRAPPED, WRAPPED, Invoke, write
from papercli.options import DEFAULT_OPTIONS, STEP_NAMES, CleanOptions


@pytest.fixture
def seen_options(monkeypatch: pytest.MonkeyPatch) -> list[CleanOptions]:
    """Record the CleanOptions each command hands the pipeline."""
    # iter_clean is where both the whole-text and the streaming path enter the engine.
    real = papercli.pipeline.iter_clean
    seen: list[CleanOptions] = []

    def spy(lines: Any, options: CleanOptions = DEFAULT_OPTIONS) -> Any:
        seen.append(options)
        return real(lines, options)

    monkeypatch.setattr(papercli.pipeline, "iter_clean", spy)
    return seen


# --- inputs ----------------------------------------------------------------------------


def test_file_to_stdout_only_text(invoke: Invoke, work: Path) -> None:
    write(work / "a.txt", WRAPPED)
    result = invoke("clean", "a.txt")
    assert result.exit_code == 0
    assert result.stdout_bytes == CLEANED.encode()
    assert result.stderr == ""


def test_stdin_when_no_file_and_dash(invoke: Invoke) -> None:
    assert invoke("clean", input=WRAPPED.encode()).stdout == CLEANED
    assert invoke("clean", "-", input=WRAPPED.encode()).stdout == CLEANED


def test_no_input_on_a_terminal_is_a_usage_error(
    invoke: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(papercli.commands.stdio, "stdin_is_tty", lambda: True)
    result = invoke("clean")
    assert result.exit_code == 2
    assert "no input" in result.stderr and "Usage:" in result.stderr
    assert result.stdout == ""


def test_stdin_twice_is_refused(invoke: Invoke) -> None:
    assert invoke("clean", "-", "-", input=b"x\n").exit_code == 2


def test_empty_input(invoke: Invoke, work: Path) -> None:
    write(work / "empty.txt", "")
    result = invoke("clean", "empty.txt")
    assert (result.exit_code, result.stdout_bytes) == (0, b"")
    assert invoke("clean", input=b"").exit_code == 0


def test_missing_file_exit_2_and_batch_goes_on(invoke: Invoke, work: Path) -> None:
    write(work / "good.txt", WRAPPED)
    result = invoke("clean", "--check", "missing.txt", "good.txt")
    assert result.exit_code == 2
    assert "missing.txt: no such file" in result.stderr
    assert "would change good.txt" in result.stderr
    assert "1 file failed" in result.stderr
    assert "Traceback" not in result.stderr


def test_directory_needs_recursive(invoke: Invoke, work: Path) -> None:
    write(work / "in" / "a.txt", WRAPPED)
    result = invoke("clean", "in")
    assert result.exit_code == 2
    assert "-r/--recursive" in result.stderr


def test_recursive_mirrors_relative_paths_and_glob(invoke: Invoke, work: Path) -> None:
    write(work / "in" / "a.txt", WRAPPED)
    write(work / "in" / "sub" / "b.txt", WRAPPED)
    write(work / "in" / "skip.md", WRAPPED)
    write(work / "in" / ".hidden" / "c.txt", WRAPPED)
    result = invoke("clean", "-r", "in", "-o", "out")
    assert result.exit_code == 0, result.stderr
    written = sorted(p.relative_to(work / "out").as_posix() for p in (work / "out").rglob("*"))
    assert written == ["a.txt", "sub", "sub/b.txt"]
    assert (work / "out" / "sub" / "b.txt").read_text(encoding="utf-8") == CLEANED
    result = invoke("clean", "-r", "in", "--glob", "*.md", "-o", "md")
    assert [p.name for p in (work / "md").iterdir()] == ["skip.md"]


def test_an_output_dir_that_cannot_be_made_is_one_error_before_the_work(
    invoke: Invoke, work: Path
) -> None:
    # `-r in -o blocked/out` with `blocked` a file: every input was cleaned, then
    # each failed alike (`blocked/out: cannot create: Not a directory` once per
    # file, a thousand lines for an archive). Said once, up front, as split does.
    write(work / "in" / "a.txt", WRAPPED)
    write(work / "in" / "sub" / "b.txt", WRAPPED)
    write(work / "blocked", "a file, not a directory\n")
    for out in ("blocked/out", "blocked/out/deep"):
        result = invoke("clean", "-r", "in", "-o", out)
        assert result.exit_code == 2
        expected = f"papercli: error: {out}: cannot create: Not a directory"
        assert result.stderr.splitlines() == [expected], result.stderr
    result = invoke("clean", "-r", "in", "-o", "fresh/deep")
    assert result.exit_code == 0, result.stderr
    assert (work / "fresh" / "deep" / "sub" / "b.txt").read_text(encoding="utf-8") == CLEANED


def test_glob_double_star_also_matches_no_directory(invoke: Invoke, work: Path) -> None:
    # `--glob '**/*.txt'` (as git, ruff and prettier read it) silently left out the
    # files at the top of the walk: fnmatch wants a '/' where `**/` stands.
    write(work / "in" / "a.txt", WRAPPED)
    write(work / "in" / "sub" / "b.txt", WRAPPED)
    write(work / "in" / "sub" / "deep" / "c.txt", WRAPPED)
    result = invoke("clean", "-r", "in", "--glob", "**/*.txt", "--check")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == "3 files would change."
    result = invoke("clean", "-r", "in", "--glob", "sub/**/*.txt", "--check")
    assert result.stderr.splitlines()[-1] == "2 files would change."


@pytest.mark.parametrize("command", ["clean", "detect"])
def test_glob_without_r_is_a_usage_error(invoke: Invoke, work: Path, command: str) -> None:
    # `--glob '*.md' a.txt` was accepted and did nothing: a.txt was cleaned all the
    # same. A config's glob is only a default for the walks, and says nothing.
    write(work / "a.txt", WRAPPED)
    result = invoke(command, "--glob", "*.md", "a.txt")
    assert result.exit_code == 2 and "--glob picks the files under a directory" in result.stderr
    write(work / ".papercli.toml", 'glob = "*.md"\n')
    assert invoke("clean", "--check", "a.txt").exit_code == 1
    assert invoke(command, "-r", "--glob", "*.txt", ".").exit_code in (0, 1)


def test_glob_star_stays_inside_one_directory(invoke: Invoke, work: Path) -> None:
    # fnmatch's `*` crossed '/': `--glob '1939/*.txt'` took 1939/05/q.txt too, and
    # -i rewrote files a script meant to leave alone (git: 1939/p.txt only).
    write(work / "arc" / "1939" / "p.txt", WRAPPED)
    write(work / "arc" / "1939" / "05" / "q.txt", WRAPPED)
    write(work / "arc" / "1940" / "r.txt", WRAPPED)
    for pattern, taken in [
        ("1939/*.txt", ["1939/p.txt"]),
        ("*/*.txt", ["1939/p.txt", "1940/r.txt"]),
        ("1939/**/*.txt", ["1939/05/q.txt", "1939/p.txt"]),
        ("1939/**", ["1939/05/q.txt", "1939/p.txt"]),
        ("19?9/*/*", ["1939/05/q.txt"]),
        ("*.txt", ["1939/05/q.txt", "1939/p.txt", "1940/r.txt"]),  # no '/': the name
    ]:
        result = invoke("clean", "-r", "arc", "--glob", pattern, "--check")
        found = sorted(
            line.removeprefix("would change arc/")
            for line in result.stderr.splitlines()
            if line.startswith("would change")
        )
        assert found == taken, pattern


@pytest.mark.parametrize("out", ["cleaned", "./cleaned/", "sub/cleaned"])
def test_recursive_run_again_leaves_its_own_output_dir_out(
    invoke: Invoke, work: Path, out: str
) -> None:
    # `clean -r . -o cleaned` run a second time (a Makefile's) took cleaned/*.txt
    # for inputs: "cleaned/a.txt is also an input", exit 2, nothing written.
    write(work / "a.txt", WRAPPED)
    write(work / "sub" / "b.txt", WRAPPED)
    for _ in range(2):
        result = invoke("clean", "-r", ".", "-o", out)
        assert result.exit_code == 0, result.stderr
        assert result.stderr == "2 files changed.\n"
    written = sorted(p.relative_to(work / out).as_posix() for p in (work / out).rglob("*.txt"))
    assert written == ["a.txt", "sub/b.txt"]
    # Named as the directory to walk, it is an input as ever.
    assert invoke("clean", "-r", out, "-o", out).exit_code == 2


def test_recursive_from_a_config_leaves_o_file_a_file(invoke: Invoke, work: Path) -> None:
    # `recursive = true` in a config (README's example) made `clean page.txt -o
    # page.clean.txt` create a directory page.clean.txt/ holding page.txt: -r made
    # any -o a DIR, even with no directory to walk.
    write(work / "page.txt", WRAPPED)
    (work / ".papercli.toml").write_text("recursive = true\n", encoding="utf-8")
    result = invoke("clean", "page.txt", "-o", "page.clean.txt")
    assert result.exit_code == 0, result.stderr
    assert (work / "page.clean.txt").read_text(encoding="utf-8") == CLEANED
    result = invoke("clean", "-r", "page.txt", "-o", "again.txt")
    assert result.exit_code == 0, result.stderr
    assert (work / "again.txt").read_text(encoding="utf-8") == CLEANED
    # A directory walked by -r still writes into -o DIR, even for one file found.
    write(work / "in" / "a.txt", WRAPPED)
    result = invoke("clean", "-r", "in", "-o", "out")
    assert result.exit_code == 0, result.stderr
    assert (work / "out" / "a.txt").read_text(encoding="utf-8") == CLEANED


# --- outputs ---------------------------------------------------------------------------


def test_recursive_with_no_match_is_a_quiet_success(invoke: Invoke, work: Path) -> None:
    write(work / "d" / "notes.md", WRAPPED)
    for extra in ([], ["-o", "out"], ["--check"], ["-i"]):
        result = invoke("clean", "-r", "d", *extra)
        assert (result.exit_code, result.stdout) == (0, ""), (extra, result.stderr)
        assert "no files matched" in result.stderr


def test_several_inputs_need_an_output_mode(invoke: Invoke, work: Path) -> None:
    write(work / "a.txt", WRAPPED)
    write(work / "b.txt", WRAPPED)
    result = invoke("clean", "a.txt", "b.txt")
    assert result.exit_code == 2
    assert result.stdout == ""


def test_output_file_new_and_dir_for_several(invoke: Invoke, work: Path) -> None:
    write(work / "a.txt", WRAPPED)
    write(work / "b.txt", WRAPPED)
    assert invoke("clean", "a.txt", "-o", "new.txt").exit_code == 0
    assert (work / "new.txt").read_text(encoding="utf-8") == CLEANED
    result = invoke("clean", "a.txt", "b.txt", "-o", "outdir")
    assert result.exit_code == 0
    assert sorted(p.name for p in (work / "outdir").iterdir()) == ["a.txt", "b.txt"]
    # One input into an existing directory lands inside it.
    (work / "d").mkdir()
    assert invoke("clean", "a.txt", "-o", "d").exit_code == 0
    assert (work / "d" / "a.txt").read_text(encoding="utf-8") == CLEANED


def test_output_dash_is_stdout(invoke: Invoke, work: Path) -> None:
    write(work / "a.txt", WRAPPED)
    result = invoke("clean", "a.txt", "-o", "-")
    assert (result.exit_code, result.stdout) == (0, CLEANED)
    assert not (work / "-").exists()


def test_same_file_guard(invoke: Invoke, work: Path) -> None:
    write(work / "a.txt", WRAPPED)
    result = invoke("clean", "a.txt", "-o", "a.txt")
    assert result.exit_code == 2
    assert "also an input" in result.stderr
    assert (work / "a.txt").read_text(encoding="utf-8") == WRAPPED
    os.symlink(work / "a.txt", work / "link.txt")
    assert invoke("clean", "a.txt", "-o", "link.txt").exit_code == 2
    assert invoke("clean", "a.txt", "--report", "a.txt").exit_code == 2
    assert (work / "a.txt").read_text(encoding="utf-8") == WRAPPED


@pytest.mark.parametrize(
    "args",
    [
        ["-i", "-o", "x.txt", "a.txt"],
        ["--check", "-i", "a.txt"],
        ["--diff", "-o", "x.txt", "a.txt"],
        ["--backup", ".bak", "a.txt"],
        ["-q", "-v", "a.txt"],
        ["-j", "-1", "a.txt"],
        ["--convert", "klingon", "a.txt"],
        ["--no-such-flag", "a.txt"],
        # An empty path (`-o "$OUT"` with OUT unset) wrote the text to stdout, or no
        # report at all, exit 0.
        ["-o", "", "a.txt"],
        ["-i", "--report", "", "a.txt"],
    ],
)
def test_usage_errors_exit_2(invoke: Invoke, work: Path, args: list[str]) -> None:
    write(work / "a.txt", WRAPPED)
    result = invoke("clean", *args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert (work / "a.txt").read_text(encoding="utf-8") == WRAPPED


def test_in_place_rewrites_and_backup(invoke: Invoke, work: Path) -> None:
    path = write(work / "a.txt", WRAPPED)
    path.chmod(0o640)
    result = invoke("clean", "-i", "--backup", ".orig", "a.txt")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert path.read_text(encoding="utf-8") == CLEANED
    assert (work / "a.txt.orig").read_text(encoding="utf-8") == WRAPPED
    assert path.stat().st_mode & 0o777 == 0o640
    assert "1 file changed" in result.stderr
    assert not list(work.glob(".a.txt.*"))  # no temp file left behind


def test_in_place_leaves_an_unchanged_file_alone(invoke: Invoke, work: Path) -> None:
    path = write(work / "a.txt", CLEANED)
    os.utime(path, (1_000_000, 1_000_000))
    assert invoke("clean", "-i", "a.txt").exit_code == 0
    assert path.stat().st_mtime == 1_000_000


def test_in_place_refuses_stdin(invoke: Invoke) -> None:
    assert invoke("clean", "-i", input=WRAPPED.encode()).exit_code == 2


def test_in_place_keeps_encoding_newlines_and_bom(invoke: Invoke, work: Path) -> None:
    path = work / "a.txt"
    path.write_bytes(b"\xef\xbb\xbf" + WRAPPED.replace("\n", "\r\n").encode())
    assert invoke("clean", "-i", "a.txt").exit_code == 0
    assert path.read_bytes() == b"\xef\xbb\xbf" + CLEANED.replace("\n", "\r\n").encode()
    write(work / "g.txt", WRAPPED, "gb18030")
    assert invoke("clean", "-i", "g.txt").exit_code == 0
    assert (work / "g.txt").read_bytes() == CLEANED.encode("gb18030")
    assert invoke("clean", "-i", "--output-encoding", "utf-8", "g.txt").exit_code == 0
    assert (work / "g.txt").read_bytes() == CLEANED.encode("utf-8")


def test_in_place_keeps_a_doubled_cr_newline(invoke: Invoke, work: Path) -> None:
    # A CRLF file re-saved through a text-mode layer (CR CR LF) reads as single-spaced
    # and is written back in its own style; a clean one is not rewritten at all.
    path = work / "a.txt"
    path.write_bytes(WRAPPED.replace("\n", "\r\r\n").encode())
    assert invoke("clean", "-i", "a.txt").exit_code == 0
    assert path.read_bytes() == CLEANED.replace("\n", "\r\r\n").encode()
    os.utime(path, (1_000_000, 1_000_000))
    assert invoke("clean", "-i", "a.txt").exit_code == 0
    assert path.stat().st_mtime == 1_000_000
    detected = invoke("detect", "--json", "a.txt")
    assert '"newline": "CRCRLF"' in detected.stdout.replace("\n", " ")


# --- check and diff --------------------------------------------------------------------


def test_check_clean_0_dirty_1(invoke: Invoke, work: Path) -> None:
    write(work / "clean.txt", CLEANED)
    write(work / "dirty.txt", WRAPPED)
    ok = invoke("clean", "--check", "clean.txt")
    assert (ok.exit_code, ok.stdout) == (0, "")
    bad = invoke("clean", "--check", "clean.txt", "dirty.txt")
    assert (bad.exit_code, bad.stdout) == (1, "")
    assert "would change dirty.txt" in bad.stderr
    assert "would change clean.txt" not in bad.stderr
    assert (work / "dirty.txt").read_text(encoding="utf-8") == WRAPPED
    assert invoke("clean", "--check", "-q", "dirty.txt").stderr == ""


def test_diff_on_stdout_uncoloured_in_a_pipe(invoke: Invoke, work: Path) -> None:
    write(work / "a.txt", WRAPPED)
    result = invoke("clean", "--diff", "a.txt")
    assert result.exit_code == 1
    assert result.stdout.startswith("--- a.txt\t(original)\n+++ a.txt\t(cleaned)\n")
    assert "+负责对辅警层级管理工作。" in result.stdout
    assert "\x1b[" not in result.stdout
    coloured = invoke("clean", "--diff", "--color", "a.txt")
    assert "\x1b[" in coloured.stdout
    write(work / "b.txt", CLEANED)
    assert invoke("clean", "--diff", "b.txt").exit_code == 0


def test_check_and_diff_agree_on_a_line_ending_only_change(invoke: Invoke, work: Path) -> None:
    # Mixed line endings: -i would write CRLF throughout, so both flags say "changes",
    # and the diff (which must apply) rewrites the LF line, with a note on stderr.
    page = CLEANED + "\n第二段另起一行。\n"
    (work / "mixed.txt").write_bytes(page.replace("\n", "\r\n", 2).encode())
    check = invoke("clean", "--check", "mixed.txt")
    diff = invoke("clean", "--diff", "mixed.txt")
    assert check.exit_code == diff.exit_code == 1
    assert "-第二段另起一行。\n+第二段另起一行。\r\n".encode() in diff.stdout_bytes
    assert "line endings" in diff.stderr
    (work / "crlf.txt").write_bytes(page.replace("\n", "\r\n").encode())
    assert invoke("clean", "--check", "crlf.txt").exit_code == 0
    assert invoke("clean", "--diff", "crlf.txt").exit_code == 0


def test_no_color_env_and_flag(invoke: Invoke, work: Path) -> None:
    write(work / "a.txt", WRAPPED)
    result = invoke("clean", "--check", "--color", "a.txt", "missing.txt")
    assert "\x1b[" in result.stderr
    result = invoke("clean", "--check", "a.txt", "missing.txt", env={"NO_COLOR": "1"})
    assert "\x1b[" not in result.stderr


class _Tty:
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("flag", "env", "tty", "expected"),
    [
        (None, {}, True, True),
        (None, {}, False, False),
        (None, {"TERM": "dumb"}, True, False),  # was coloured
        (None, {"FORCE_COLOR": "1"}, False, True),  # was ignored
        (None, {"FORCE_COLOR": "1", "TERM": "dumb"}, True, True),
        (None, {"NO_COLOR": "1", "FORCE_COLOR": "1"}, True, False),
        (None, {"FORCE_COLOR": ""}, False, False),  # empty means unset, as for NO_COLOR
        (True, {"NO_COLOR": "1", "TERM": "dumb"}, False, True),  # the flag wins
        (False, {"FORCE_COLOR": "1"}, True, False),
    ],
)
def test_use_color_follows_no_color_force_color_and_term_dumb(
    monkeypatch: pytest.MonkeyPatch,
    flag: bool | None,
    env: dict[str, str],
    tty: bool,
    expected: bool,
) -> None:
    from papercli.commands.terminal import use_color

    for name in ("NO_COLOR", "FORCE_COLOR", "TERM"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert use_color(flag, _Tty() if tty else None) is expected


def test_force_color_colours_messages_and_diff_in_a_pipe(invoke: Invoke, work: Path) -> None:
    write(work / "a.txt", WRAPPED)
    result = invoke("clean", "--diff", "a.txt", "nope.txt", env={"FORCE_COLOR": "1"})
    assert "\x1b[31mpapercli: error: nope.txt" in result.stderr
    assert "\x1b[" in result.stdout


@pytest.mark.parametrize("codec", ["idna", "punycode", "undefined"])
def test_codec_that_cannot_write_files_is_a_usage_error(
    invoke: Invoke, work: Path, codec: str
) -> None:
    """--output-encoding idna was an internal error (exit 3: "label empty or too long")."""
    write(work / "a.txt", WRAPPED)
    for option in ("--output-encoding", "--encoding"):
        result = invoke("clean", "a.txt", option, codec)
        assert result.exit_code == 2, result.stderr
        assert "not an encoding for files" in result.stderr
        assert "internal error" not in result.stderr
    (work / ".papercli.toml").write_text(f'output-encoding = "{codec}"\n', encoding="utf-8")
    assert invoke("clean", "a.txt").exit_code == 2
    assert invoke("clean", "a.txt", "--no-config", "--output-encoding", "utf-16").exit_code == 0


def test_empty_backup_suffix_is_a_usage_error(invoke: Invoke, work: Path) -> None:
    """`-i --backup ''` was accepted and silently kept no backup."""
    write(work / "f.txt", WRAPPED)
    result = invoke("clean", "-i", "--backup", "", "f.txt")
    assert result.exit_code == 2 and "must not be empty" in result.stderr
    assert (work / "f.txt").read_text(encoding="utf-8") == WRAPPED


def test_backup_suffix_with_a_slash_is_a_usage_error(invoke: Invoke, work: Path) -> None:
    """`-i --backup /x` was accepted, then each file failed in turn (`cannot write:
    Not a directory`) once cleaned: it is a suffix, refused before any work."""
    write(work / "f.txt", WRAPPED)
    for suffix in ("/x", ".d/orig"):
        result = invoke("clean", "-i", "--backup", suffix, "f.txt")
        assert result.exit_code == 2 and "holds no '/'" in result.stderr, result.stderr
        assert (work / "f.txt").read_text(encoding="utf-8") == WRAPPED
    assert invoke("clean", "-i", "--backup", ".orig", "f.txt").exit_code == 0
    assert (work / "f.txt.orig").read_text(encoding="utf-8") == WRAPPED


@pytest.mark.parametrize("order", ["a.txt first", "a.txt.orig first", "through a symlink"])
def test_a_backup_never_replaces_another_input(invoke: Invoke, work: Path, order: str) -> None:
    """`clean -i --backup .orig a.txt a.txt.orig` (a glob of `*` over a folder that
    holds a file of that name) copied a.txt over a.txt.orig before cleaning it:
    a.txt.orig's own text was gone, exit 0."""
    write(work / "a.txt", WRAPPED)
    theirs = write(work / "a.txt.orig", TRAD_WRAPPED)
    files = ["a.txt", "a.txt.orig"]
    if order == "a.txt.orig first":
        files.reverse()
    elif order == "through a symlink":
        os.symlink("a.txt", work / "link.txt")
        files = ["link.txt", "a.txt.orig"]
    result = invoke("clean", "-i", "--backup", ".orig", *files)
    assert result.exit_code == 2
    assert "a.txt.orig, the backup of" in result.stderr and "is also an input" in result.stderr
    assert theirs.read_text(encoding="utf-8") == TRAD_WRAPPED
    assert (work / "a.txt").read_text(encoding="utf-8") == WRAPPED
    assert sorted(p.name for p in work.iterdir()) == sorted({"a.txt", "a.txt.orig", *files})


# --- encodings -------------------------------------------------------------------------


def test_undecodable_names_file_offset_and_next_step(invoke: Invoke, work: Path) -> None:
    # Valid GB18030 lead byte followed by an invalid trail byte, then junk: nothing fits.
    (work / "bad.txt").write_bytes("好的".encode() + b"\x81\x20\xff\xfe\xfd" * 3)
    result = invoke("clean", "bad.txt", "-o", "out.txt")
    assert result.exit_code == 2
    assert "bad.txt" in result.stderr and "offset 6" in result.stderr
    assert "--encoding gb18030" in result.stderr
    assert not (work / "out.txt").exists()


def test_encoding_override(invoke: Invoke, work: Path) -> None:
    write(work / "a.txt", TRAD_WRAPPED, "big5")
    result = invoke("clean", "--encoding", "big5", "a.txt")
    assert (result.exit_code, result.stdout) == (0, TRAD_CLEANED)
    assert invoke("clean", "--encoding", "nonesuch", "a.txt").exit_code == 2
    result = invoke("clean", "--encoding", "utf-8", "a.txt")
    assert result.exit_code == 2 and "offset 0" in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["clean", "--encoding", "nonesuch", "a.txt", "b.txt", "-o", "out"],
        ["clean", "--output-encoding", "hex", "a.txt", "b.txt", "-o", "out"],
        ["detect", "--encoding", "rot13", "a.txt", "b.txt"],
        ["split", "--encoding", "nonesuch", "a.txt", "b.txt", "-o", "out"],
    ],
)
def test_unknown_encoding_is_one_usage_error(invoke: Invoke, work: Path, args: list[str]) -> None:
    write(work / "a.txt", WRAPPED)
    write(work / "b.txt", WRAPPED)
    result = invoke(*args)
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.count("rror") == 1 and "Invalid value for '--" in result.stderr
    assert not (work / "out").exists()


def test_binary_input_refused(invoke: Invoke, work: Path) -> None:
    (work / "x.bin").write_bytes(b"\x7fELF\x02\x01\x01\x00\x00\x00")
    result = invoke("clean", "x.bin")
    assert result.exit_code == 2
    assert "binary" in result.stderr
    assert result.stdout == ""


def test_output_encoding(invoke: Invoke, work: Path) -> None:
    write(work / "a.txt", WRAPPED)
    result = invoke("clean", "--output-encoding", "gb18030", "a.txt")
    assert result.stdout_bytes == CLEANED.encode("gb18030")
    result = invoke("clean", "--output-encoding", "ascii", "a.txt", "-o", "o.txt")
    assert result.exit_code == 2 and "cannot be encoded" in result.stderr
    assert not (work / "o.txt").exists()


# --- reporting -------------------------------------------------------------------------


def test_verbose_says_encoding_blocks_removals(invoke: Invoke, work: Path) -> None:
    write(work / "a.txt", WRAPPED, "gb18030")
    result = invoke("clean", "-v", "a.txt")
    assert result.exit_code == 0
    assert "a.txt: gb18030 (chardet" in result.stderr
    assert "1 block" in result.stderr and "0 removals" in result.stderr
    assert result.stdout == CLEANED


def test_short_traditional_page_in_gb18030_from_stdin(invoke: Invoke) -> None:
    # Too short for chardet to be sure; the streamed stdin path reads it all the same.
    page = (
        "（重慶廿日電）國民政府今日頒佈命令、特派專員前往\n"
        "各省視察賑濟事宜、並電令各縣長官協同辦理云。\n"
    )
    result = invoke("clean", "-v", "-", input=page.encode("gb18030"))
    assert result.exit_code == 0, result.stderr
    assert "gb18030 (common Han characters" in result.stderr
    assert result.stdout == page.replace("\n", "", 1)


def test_verbose_lists_each_removal(invoke: Invoke, work: Path) -> None:
    # A caption printed twice: the echo step removes one copy (and must say so).
    page = "正文第一段。\n\n图为活动现场图为活动现场。。\n"
    write(work / "a.txt", page)
    result = invoke("clean", "-v", "--explain", "a.txt")
    removals = [ln for ln in result.stderr.splitlines() if ": removed [" in ln]
    changes = papercli.pipeline.clean_and_explain(page).removals
    assert len(removals) == len(changes) == 1
    for change, line in zip(changes, removals, strict=True):
        assert line.startswith(f"a.txt:{change.line}: removed [{change.step}]")


def test_verbose_lists_each_deleted_hyphen(invoke: Invoke, work: Path) -> None:
    page = "The mayor has cham-\npioned the plan, a well-\nknown one.\n"
    write(work / "a.txt", page)
    result = invoke("clean", "-v", "a.txt")
    assert result.stdout == "The mayor has championed the plan, a well-known one.\n"
    assert "1 removal" in result.stderr
    assert "a.txt:1: removed [join_line_breaks] 'as cham-|pioned t'" in result.stderr


def test_explain_verbose_explains_every_break(invoke: Invoke, work: Path) -> None:
    write(work / "a.txt", WRAPPED)
    plain = invoke("clean", "--explain", "a.txt")
    assert "joined" not in plain.stderr
    result = invoke("clean", "--explain", "-v", "a.txt")
    assert result.exit_code == 0 and result.stdout == CLEANED
    joined = "line 2: joined: '负责对辅警层级|管理工作。' (no sign of a paragraph end"
    assert joined in result.stderr


# A column break healed inside a sentence and a doubled caption: one change each
# from two steps, so the report and --explain have something to show. (WRAPPED
# alone makes no change, and a loop over its changes would assert nothing.)
HEALED_AND_ECHOED = (
    "走进青石镇老街，青砖黛瓦的民居错落有\n"
    "致，新开的茶馆、书店和手工作坊吸引了\n"
    "不少游客，镇里在改造中始终坚持修旧如\n"
    "\n"
    "旧，保留了老街原有的格局和风貌。\n"
    "\n"
    "图为老街新貌图为老街新貌。。\n"
)


def test_explain_and_json_report(invoke: Invoke, work: Path) -> None:
    write(work / "a.txt", HEALED_AND_ECHOED)
    result = invoke("clean", "--explain", "--report", "r.json", "a.txt")
    assert result.exit_code == 0
    assert result.stdout == papercli.pipeline.clean_text(HEALED_AND_ECHOED)
    data = json.loads((work / "r.json").read_text(encoding="utf-8"))
    assert data["command"] == "clean"
    (entry,) = data["files"]
    assert entry["path"] == "a.txt" and entry["encoding"]["encoding"] == "utf-8"
    expected = papercli.pipeline.clean_and_explain(HEALED_AND_ECHOED).changes
    assert [(c["step"], c["line"], c["action"]) for c in entry["changes"]] == [
        ("rebuild_paragraphs", 4, "healed"),
        ("drop_caption_echoes", 7, "removed"),
    ]
    assert len(entry["changes"]) == len(expected)
    for change in expected:
        assert f"{change.step}: 1 change" in result.stderr
        assert f"line {change.line}: {change.action}: '{change.text}'" in result.stderr


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_report_of_an_interrupted_run_names_every_file_it_rewrote(
    invoke: Invoke, work: Path, monkeypatch: pytest.MonkeyPatch, jobs: str
) -> None:
    # Ctrl-C halfway through `clean -i --report r.json` wrote no report at all: the
    # pages rewritten before it, and their removals, were on record nowhere.
    import papercli.report

    names = [f"p{n:02d}.txt" for n in range(40)]
    for name in names:
        write(work / name, WRAPPED)
    real_done = papercli.report.Report.done
    calls: list[str] = []

    def done_then_interrupt(self: Any, name: str, **kwargs: Any) -> None:
        calls.append(name)
        if len(calls) == 3:  # after the third file is written, as Ctrl-C may come
            raise KeyboardInterrupt
        real_done(self, name, **kwargs)

    monkeypatch.setattr(papercli.report.Report, "done", done_then_interrupt)
    result = invoke("clean", "-i", "-j", jobs, "--report", "r.json", *names)
    assert result.exit_code != 0
    report = json.loads((work / "r.json").read_text(encoding="utf-8"))
    rewritten = [n for n in names if (work / n).read_text(encoding="utf-8") == CLEANED]
    assert [f["path"] for f in report["files"] if f["changed"]] == rewritten
    assert report["summary"] == {
        "changed": len(rewritten), "unchanged": 0, "failed": 0, "interrupted": True
    }
    assert names[:3] == rewritten[:3]
    if jobs == "1":  # with -j 2, the workers may have rewritten more by then
        assert rewritten == names[:3]


def test_report_is_never_an_output_and_dash_is_stdout(invoke: Invoke, work: Path) -> None:
    write(work / "a.txt", WRAPPED)
    (work / "out").mkdir()
    # The report would replace the cleaned text: refused before anything is written.
    for output, report in (("r.json", "r.json"), ("out", "out/a.txt")):
        result = invoke("clean", "a.txt", "-o", output, "--report", report)
        assert result.exit_code == 2
        assert f"--report {report} is also an output" in result.stderr
        assert not (work / "r.json").exists() and not any((work / "out").iterdir())
    # `-` is stdout, where the text is not going...
    result = invoke("clean", "--check", "a.txt", "--report", "-")
    assert result.exit_code == 1
    assert json.loads(result.stdout)["files"][0]["path"] == "a.txt"
    assert not (work / "-").exists()
    # ... and a usage error where it is.
    for args in ([], ["--diff"]):
        result = invoke("clean", *args, "a.txt", "--report", "-")
        assert result.exit_code == 2 and "--report - would mix" in result.stderr
        assert not (work / "-").exists()


@pytest.mark.parametrize("through", ["its name", "a link to the page"])
def test_report_is_never_a_backup(invoke: Invoke, work: Path, through: str) -> None:
    """`clean -i --backup .orig page.txt --report page.txt.orig` wrote the backup,
    then the report over it: the original text was gone, exit 0."""
    write(work / "page.txt", WRAPPED)
    page = "page.txt"
    if through == "a link to the page":
        os.symlink("page.txt", work / "link.txt")
        page = "link.txt"  # the backup is named after the link's target
    result = invoke("clean", "-i", "--backup", ".orig", page, "--report", "page.txt.orig")
    assert result.exit_code == 2
    assert "--report page.txt.orig is also the backup of" in result.stderr
    assert (work / "page.txt").read_text(encoding="utf-8") == WRAPPED
    assert not (work / "page.txt.orig").exists()


def test_report_in_a_missing_directory_is_refused_before_any_work(
    invoke: Invoke, work: Path
) -> None:
    """`--report no/such/dir/r.json` failed only after every file was cleaned (and
    rewritten, with -i): the directory is checked up front now, as split checks its
    --manifest's, and nothing is read or written."""
    write(work / "a.txt", WRAPPED)
    write(work / "b.txt", WRAPPED)
    (work / "plain").write_text("", encoding="utf-8")
    for report in ("no/such/dir/r.json", "plain/r.json"):
        result = invoke("clean", "-i", "a.txt", "b.txt", "--report", report)
        assert result.exit_code == 2
        reason = "No such file or directory" if report.startswith("no/") else "Not a directory"
        assert result.stderr.splitlines() == [
            f"papercli: error: --report {report}: cannot write: {reason}"
        ]
        assert (work / "a.txt").read_text(encoding="utf-8") == WRAPPED
        assert (work / "b.txt").read_text(encoding="utf-8") == WRAPPED
    # The directories -o makes for its outputs may hold it, as split's -o DIR may.
    result = invoke("clean", "a.txt", "b.txt", "-o", "new/out", "--report", "new/r.json")
    assert result.exit_code == 0, result.stderr
    assert (work / "new" / "out" / "a.txt").exists()
    assert json.loads((work / "new" / "r.json").read_text(encoding="utf-8"))["files"]


HOSTILE_NAMES = {
    "a\x1b[31mb.txt": '"a\\033[31mb.txt"',
    "new\nline.txt": '"new\\nline.txt"',
    "tab\there.txt": '"tab\\there.txt"',
    "csi\u009b2Jx.txt": '"csi\\302\\2332Jx.txt"',  # C1 CSI, as UTF-8 bytes
}


@pytest.mark.parametrize(("name", "shown"), HOSTILE_NAMES.items())
def test_a_name_with_control_characters_is_quoted_in_messages(
    invoke: Invoke, work: Path, name: str, shown: str
) -> None:
    """A file name holding an escape sequence or a newline was printed raw on
    stderr (`would change`, `-v`, errors): a hostile name could rewrite the user's
    terminal, or forge a line. It is quoted C-style now, as --diff headers (and
    git) quote it; the JSON report keeps the real name."""
    write(work / name, WRAPPED)
    result = invoke("clean", "--check", "-v", "--explain", name, "missing-" + name)
    assert result.exit_code == 2
    assert not any(c in result.stderr for c in "\x1b\t\u009b")
    lines = result.stderr.splitlines()
    missing = f'"missing-{shown[1:]}'
    assert f"would change {shown}" in lines
    assert f"papercli: error: {missing}: no such file" in lines
    assert any(line.startswith(f"{shown}: utf-8 (") for line in lines)  # -v
    assert any(line.startswith(f"{shown}: rebuild_paragraphs: ") for line in lines)  # --explain
    assert name not in result.stderr  # a newline in it forges no line of its own
    result = invoke("clean", "-i", "--report", "r.json", "-v", name)
    assert result.exit_code == 0 and result.stderr.splitlines()[-2:] == [
        f"rewrote {shown}",
        "1 file changed.",
    ]
    report = json.loads((work / "r.json").read_text(encoding="utf-8"))
    assert report["files"][0]["path"] == name


@pytest.mark.parametrize("name", ["page.txt", "中文 页 1.txt", "a\\b.txt", "it's.txt", "x\"y.txt"])
def test_an_ordinary_name_is_shown_as_it_is(invoke: Invoke, work: Path, name: str) -> None:
    # Spaces, CJK, a backslash or a quote inside: no control character, nothing quoted.
    write(work / name, WRAPPED)
    result = invoke("clean", "--check", name)
    assert result.stderr.splitlines()[0] == f"would change {name}"


def test_quiet_prints_only_errors(invoke: Invoke, work: Path) -> None:
    write(work / "a.txt", WRAPPED)
    assert invoke("clean", "-q", "-i", "a.txt").stderr == ""
    assert "missing.txt" in invoke("clean", "-q", "--check", "missing.txt").stderr


# --- failures never touch the original --------------------------------------------------


def test_in_place_refuses_a_read_only_file(
    invoke: Invoke, work: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(work / "ro.txt", WRAPPED)
    write(work / "ok.txt", WRAPPED)
    path.chmod(0o444)
    if os.access(path, os.W_OK):  # root may write anything: see it as a user would
        real_access = os.access

        def access(p: str | Path, mode: int) -> bool:
            return real_access(p, mode) and not (mode & os.W_OK and Path(p).name == "ro.txt")

        monkeypatch.setattr(os, "access", access)
    result = invoke("clean", "-i", "ro.txt", "ok.txt")
    assert result.exit_code == 2
    assert "ro.txt: permission denied (read-only file)" in result.stderr
    assert path.read_text(encoding="utf-8") == WRAPPED and path.stat().st_mode & 0o777 == 0o444
    assert (work / "ok.txt").read_text(encoding="utf-8") == CLEANED


def test_a_read_only_file_system_is_named_as_such(
    invoke: Invoke, work: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A page on a file system mounted read-only (a snapshot, a locked card) has a
    # writable mode: "read-only file" sent the user to chmod, which cannot help.
    path = write(work / "a.txt", WRAPPED)
    real_access = os.access
    monkeypatch.setattr(
        os, "access", lambda p, mode: real_access(p, mode) and not mode & os.W_OK
    )
    monkeypatch.setattr(os, "statvfs", lambda p: SimpleNamespace(f_flag=os.ST_RDONLY))
    result = invoke("clean", "-i", "a.txt")
    assert result.exit_code == 2
    assert "a.txt: cannot write: read-only file system" in result.stderr
    assert path.read_text(encoding="utf-8") == WRAPPED


@pytest.mark.parametrize("mode", [("-i",), ("-o", "out.txt")])
def test_a_writable_file_in_a_read_only_directory_names_the_directory(
    invoke: Invoke, work: Path, monkeypatch: pytest.MonkeyPatch, mode: tuple[str, ...]
) -> None:
    # `>` would write the file; the atomic replace needs a temp file beside it, and
    # a bare "Permission denied" about a file the user may write was a puzzle.
    path = write(work / "a.txt", WRAPPED)
    write(work / "out.txt", "old\n")

    def no_new_file(*args: Any, **kwargs: Any) -> Any:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", no_new_file)
    result = invoke("clean", *mode, "a.txt")
    assert result.exit_code == 2
    target = "out.txt" if "-o" in mode else "a.txt"
    assert f"{target}: cannot write: its directory is not writable (Permission denied)" in (
        result.stderr
    )
    assert path.read_text(encoding="utf-8") == WRAPPED
    assert (work / "out.txt").read_text(encoding="utf-8") == "old\n"


def test_internal_error_exit_3_original_untouched(
    invoke: Invoke, work: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(work / "a.txt", WRAPPED)

    def boom(text: str, options: CleanOptions = DEFAULT_OPTIONS) -> Any:
        raise RuntimeError("engine exploded")

    monkeypatch.setattr(papercli.pipeline, "clean_and_explain", boom)
    result = invoke("clean", "-i", "a.txt")
    assert result.exit_code == 3
    assert "internal error: RuntimeError: engine exploded" in result.stderr
    assert "Traceback" not in result.stderr
    assert path.read_text(encoding="utf-8") == WRAPPED
    assert "Traceback" in invoke("clean", "-i", "-v", "a.txt").stderr


def test_failed_write_leaves_original_and_no_temp(
    invoke: Invoke, work: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(work / "a.txt", WRAPPED)

    def no_replace(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", no_replace)
    result = invoke("clean", "-i", "a.txt")
    assert result.exit_code == 2
    assert "No space left on device" in result.stderr
    assert path.read_text(encoding="utf-8") == WRAPPED
    assert sorted(p.name for p in work.iterdir()) == ["a.txt"]


# --- commands map onto CleanOptions ------------------------------------------------------


def test_clean_flags_are_the_step_names(invoke: Invoke) -> None:
    params = {p.name for p in papercli.cli.clean.params}
    assert set(STEP_NAMES) <= params


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["clean"], CleanOptions()),
        (["clean", "--no-join-line-breaks"], CleanOptions(join_line_breaks=False)),
        (["clean", "--no-rebuild-paragraphs"], CleanOptions(rebuild_paragraphs=False)),
        (["clean", "--no-drop-caption-echoes"], CleanOptions(drop_caption_echoes=False)),
        (["clean", "--convert", "simplified"], CleanOptions(convert_script="t2s")),
        (["unwrap"], CleanOptions(drop_caption_echoes=False)),
        (
            ["rejoin"],
            CleanOptions(rebuild_paragraphs=False, drop_caption_echoes=False),
        ),
        (
            ["dedupe"],
            CleanOptions(rebuild_paragraphs=False, join_line_breaks=False),
        ),
        (
            ["convert", "--to", "traditional"],
            CleanOptions(
                rebuild_paragraphs=False,
                join_line_breaks=False,
                drop_caption_echoes=False,
                convert_script="s2t",
            ),
        ),
    ],
)
def test_command_options(
    invoke: Invoke, seen_options: list[CleanOptions], args: list[str], expected: CleanOptions
) -> None:
    result = invoke(*args, input=WRAPPED.encode())
    assert result.exit_code == 0, result.stderr
    assert seen_options == [expected]


def test_convert_end_to_end(invoke: Invoke) -> None:
    result = invoke("convert", "--to", "simplified", input="鄂爾多斯市公安局\n".encode())
    assert (result.exit_code, result.stdout) == (0, "鄂尔多斯市公安局\n")


def test_convert_reports_the_file_lines_of_a_page_with_form_feeds(invoke: Invoke) -> None:
    # 发展 is on the file's line 3, after a line that holds a page break; the same
    # whether the file is streamed to stdout or checked whole. The old text's page
    # break is escaped as the new text's is, not sent to the terminal.
    write(Path("page.txt"), "abc\n软件\f网络\n发展\n")
    for args in ([], ["--check"]):
        result = invoke("convert", "--to", "traditional", "--explain", "page.txt", *args)
        assert "  line 2: converted: '軟件\\x0c網絡' (软件\\x0c网络)\n" in result.stderr
        assert "  line 3: converted: '發展' (发展)\n" in result.stderr


def test_furniture_flag_is_wired(invoke: Invoke) -> None:
    import importlib.util

    result = invoke("clean", "--furniture", input=WRAPPED.encode())
    if importlib.util.find_spec("papercli.steps.furniture") is None:
        assert result.exit_code == 2 and "not available" in result.stderr
    else:
        assert result.exit_code == 0


# --- config ----------------------------------------------------------------------------


def test_config_from_pyproject_and_flags_win(
    invoke: Invoke, work: Path, seen_options: list[CleanOptions]
) -> None:
    (work / "pyproject.toml").write_text(
        "[tool.papercli]\njoin-line-breaks = false\n", encoding="utf-8"
    )
    (work / "sub").mkdir()
    os.chdir(work / "sub")  # found by walking up
    assert invoke("clean", input=b"x\n").exit_code == 0
    assert invoke("clean", "--join-line-breaks", input=b"x\n").exit_code == 0
    assert invoke("clean", "--no-config", input=b"x\n").exit_code == 0
    assert [o.join_line_breaks for o in seen_options] == [False, True, True]


def test_config_dotfile_explicit_path_and_unknown_key(
    invoke: Invoke, work: Path, seen_options: list[CleanOptions]
) -> None:
    (work / ".papercli.toml").write_text('convert_script = "simplified"\n', encoding="utf-8")
    assert invoke("clean", input=b"x\n").exit_code == 0
    assert seen_options[-1].convert_script == "t2s"
    (work / "other.toml").write_text("drop_caption_echoes = false\n", encoding="utf-8")
    assert invoke("clean", "--config", "other.toml", input=b"x\n").exit_code == 0
    assert seen_options[-1] == CleanOptions(drop_caption_echoes=False)
    (work / ".papercli.toml").write_text("line_length = 3\n", encoding="utf-8")
    result = invoke("clean", input=b"x\n")
    assert result.exit_code == 2
    assert "unknown key 'line_length'" in result.stderr
    assert invoke("clean", "--config", "other.toml", "--no-config", input=b"x").exit_code == 2


def test_broken_pyproject_is_an_error_not_ignored(
    invoke: Invoke, work: Path, seen_options: list[CleanOptions]
) -> None:
    """A pyproject.toml that is not TOML was skipped, its settings silently dropped;
    now it is reported like a broken .papercli.toml (as black and ruff do), one line."""
    (work / "pyproject.toml").write_text(
        "[tool.papercli]\njoin-line-breaks = false\nx = [\n", encoding="utf-8"
    )
    for command in ("clean", "detect"):
        result = invoke(command, input=b"x\n")
        assert result.exit_code == 2
        lines = result.stderr.splitlines()
        assert len(lines) == 1 and lines[0].startswith("papercli: error: "), lines
        assert "pyproject.toml: not valid TOML: " in lines[0]
    assert invoke("clean", "--no-config", input=b"x\n").exit_code == 0
    assert seen_options == [CleanOptions()]
    (work / ".papercli.toml").write_text("jobs = \n", encoding="utf-8")
    dotfile = invoke("clean", input=b"x\n")  # the same error in the dotfile: the same report
    assert dotfile.exit_code == 2
    assert dotfile.stderr.startswith("papercli: error: ") and "not valid TOML" in dotfile.stderr


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("jobs = -1\n", "key 'jobs': -1 is not in the range x>=0."),
        ('encoding = "nope"\n', "key 'encoding': unknown encoding 'nope'"),
        ('output_encoding = "idna"\n', "key 'output-encoding': 'idna' cannot encode"),
        ('convert-script = "klingon"\n', "key 'convert-script': unknown conversion 'klingon'"),
    ],
)
def test_a_bad_value_in_a_config_file_names_the_file(
    invoke: Invoke, work: Path, body: str, message: str
) -> None:
    """A known key with a bad value was reported as if the user had typed the flag
    (`Usage: ...` / `Error: Invalid value for '-j' / '--jobs': -1 ...`), with no
    word of the config file that set it."""
    (work / ".papercli.toml").write_text(body, encoding="utf-8")
    result = invoke("clean", input=b"x\n")
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"papercli: error: {work / '.papercli.toml'}: {message}")
    assert invoke("clean", "--no-config", input=b"x\n").exit_code == 0


def test_a_config_file_that_sets_an_option_twice_is_refused(
    invoke: Invoke, work: Path, seen_options: list[CleanOptions]
) -> None:
    """`join-line-breaks = false` and `join_line_breaks = true` in one file: the last
    one won, silently. It is one line naming the file and both keys, exit 2."""
    (work / "pyproject.toml").write_text(
        "[tool.papercli]\njoin-line-breaks = false\njoin_line_breaks = true\n",
        encoding="utf-8",
    )
    for command in ("clean", "split", "detect"):
        args = ("-o", "arts") if command == "split" else ()
        result = invoke(command, *args, input=b"x\n")
        assert result.exit_code == 2, (command, result.stderr)
        assert result.stderr.splitlines() == [
            f"papercli: error: {work / 'pyproject.toml'}: keys 'join-line-breaks' and "
            "'join_line_breaks' set the same option; keep one"
        ]
    assert seen_options == []
    assert not (work / "arts").exists()


# --- main(): exit codes outside click's runner --------------------------------------------


def test_main_maps_errors_to_exit_codes(
    work: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def run(*argv: str) -> int:
        monkeypatch.setattr("sys.argv", ["papercli", *argv])
        with pytest.raises(SystemExit) as exit_info:
            papercli.cli.main()
        return int(exit_info.value.code or 0)

    assert run("--version") == 0
    assert run("clean", "--bogus") == 2
    write(work / "a.txt", WRAPPED)
    monkeypatch.setattr(papercli.commands.textrun, "run_text_command", lambda *a: 1 / 0)
    assert run("clean", "a.txt") == 3
    err = capsys.readouterr().err
    assert "internal error: ZeroDivisionError" in err and "Traceback" not in err

    def no_memory(*args: object) -> int:
        raise MemoryError

    # Out of memory outside a file's report: the input's size, not a bug.
    monkeypatch.setattr(papercli.commands.textrun, "run_text_command", no_memory)
    assert run("clean", "a.txt") == 2
    err = capsys.readouterr().err
    assert "papercli: error: out of memory" in err and "internal error" not in err


def test_no_command_shows_the_help_on_stderr_exit_2(
    work: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # click 8.2+ raised the help as an error message, whose newlines the escaping of
    # control characters in messages printed as one line of literal `\n`.
    monkeypatch.setattr("sys.argv", ["papercli"])
    with pytest.raises(SystemExit) as exit_info:
        papercli.cli.main()
    assert exit_info.value.code == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert "\\n" not in err
    assert err.splitlines()[0] == "Usage: papercli [OPTIONS] COMMAND [ARGS]..."
    assert any(line.startswith("  clean    Run the whole pipeline") for line in err.splitlines())


@pytest.mark.parametrize(
    ("typed", "meant"), [("clen", "clean"), ("Detect", "detect"), ("spilt", "split")]
)
def test_a_mistyped_command_gets_a_suggestion(
    invoke: Invoke, monkeypatch: pytest.MonkeyPatch, typed: str, meant: str
) -> None:
    # As in a fresh process, where the lazy group has loaded no command (click
    # suggests only among the loaded ones: none, so no suggestion at all).
    monkeypatch.setattr(papercli.cli.cli, "commands", {})
    result = invoke(typed, "a.txt")
    assert result.exit_code == 2
    assert f"Error: No such command '{typed}'. Did you mean '{meant}'?" in result.stderr


def test_an_unlike_command_gets_no_suggestion(invoke: Invoke) -> None:
    result = invoke("xyzzy")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == "Error: No such command 'xyzzy'."


def test_a_second_sigterm_while_unwinding_ends_at_once() -> None:
    # The first SIGTERM unwinds the run (the file being rewritten keeps its text);
    # a second one, sent by a user who wants out now, gets the default action.
    import signal

    from papercli import cli

    previous = signal.signal(signal.SIGTERM, cli._terminate)
    try:
        with pytest.raises(cli.Terminated):
            cli._terminate(signal.SIGTERM, None)
        assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL
    finally:
        signal.signal(signal.SIGTERM, previous)


MARKDOWN = """# 会议纪要
本次会议讨论了三项议题。

- 第一项
- 第二项

```
x = 1
y = 2
```

| 日期 | 事项 |
|------|------|
| 周一 | 培训 |
"""


def test_rejoin_keeps_markdown_structure(invoke: Invoke, work: Path) -> None:
    """`rejoin` is meant for Markdown and plain-text repositories: a heading, list
    items, a code block's lines and table rows stay lines (`papercli.markup`)."""
    write(work / "notes.md", MARKDOWN)
    result = invoke("rejoin", "notes.md")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == MARKDOWN


def test_rejoin_joins_markdown_paragraphs_and_list_items_wrapped(
    invoke: Invoke, work: Path
) -> None:
    """What is wrapped joins: a paragraph's lines and a list item's; a fenced code
    block, blank lines inside it too, and what `dedupe` would collapse stay as
    they are."""
    page = (
        "# 标题\n正文第一行，\n第二行。\n\n- 列表项很长\n  继续写完。\n"
        "\n```\n图为现场图为现场。。\n\n图为现场图为现场。。\n```\n"
    )
    write(work / "page.md", page)
    result = invoke("rejoin", "page.md")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        "# 标题\n正文第一行，第二行。\n\n- 列表项很长继续写完。\n"
        "\n```\n图为现场图为现场。。\n\n图为现场图为现场。。\n```\n"
    )
    result = invoke("dedupe", "page.md")
    assert result.stdout == page


def test_dedupe_keeps_the_indents_of_a_block_it_collapses_an_echo_in(
    invoke: Invoke, work: Path
) -> None:
    """`dedupe` promises indents stay as they are, in a block holding a glued echo
    (`图为现场图为现场。。`) too: every line but the first lost its indent."""
    write(work / "page.txt", "第一行正文内容。\n\t缩进的行\n  两个空格缩进\n图为现场图为现场。。\n")
    result = invoke("dedupe", "page.txt")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "第一行正文内容。\n\t缩进的行\n  两个空格缩进\n图为现场。\n"
