"""The installed `papercli` and `python -m papercli` as real processes: pipes,
signals, file encodings and process pools behave differently from CliRunner."""

from __future__ import annotations

import contextlib
import json
import os
import re
import shlex
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from conftest import CLEANED, ROOT, WRAPPED, write
from papercli import textstream

PAPERCLI = [sys.executable, "-m", "papercli"]


def run(
    args: list[str],
    cwd: Path,
    env: dict[str, str],
    stdin: bytes | None = None,
    timeout: float = 60,
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        args, cwd=cwd, env=env, input=stdin, capture_output=True, timeout=timeout, check=False
    )


def test_installed_entry_point_and_module(tmp_path: Path, subprocess_env: dict[str, str]) -> None:
    write(tmp_path / "a.txt", WRAPPED)
    for command in (["papercli"], PAPERCLI):
        done = run([*command, "clean", "a.txt"], tmp_path, subprocess_env)
        assert (done.returncode, done.stdout, done.stderr) == (0, CLEANED.encode(), b"")
        version = run([*command, "--version"], tmp_path, subprocess_env)
        assert version.stdout.decode().strip() == "papercli, version 0.1.0"


def test_pipe_into_head_is_quiet(tmp_path: Path, subprocess_env: dict[str, str]) -> None:
    # Far more than a pipe buffer, so papercli is still writing when head exits.
    write(tmp_path / "big.txt", "第一段文字很长很长。\n\n" * 200_000)
    done = subprocess.run(
        "papercli clean big.txt | head -n 1",
        shell=True,
        cwd=tmp_path,
        env=subprocess_env,
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert done.stdout == "第一段文字很长很长。\n".encode()
    assert done.stderr == b""


def test_binary_stdin_refused(tmp_path: Path, subprocess_env: dict[str, str]) -> None:
    done = run([*PAPERCLI, "clean"], tmp_path, subprocess_env, stdin=b"\x00\x01\x02binary\xff")
    assert done.returncode == 2
    assert b"binary" in done.stderr and b"Traceback" not in done.stderr
    assert done.stdout == b""


def output_while_stdin_is_open(
    args: list[str], cwd: Path, env: dict[str, str], head: bytes, tail: bytes
) -> None:
    """Write `head` into papercli's stdin and leave it open: some output must come
    out before `tail` is written and stdin closed, and all of it must be what the
    whole input gives in one go. (Not a speed limit: without streaming, nothing
    comes before stdin closes, and the wait below times out.)"""
    first = threading.Event()
    got: list[bytes] = []
    with subprocess.Popen(
        args, cwd=cwd, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    ) as process:  # fmt: skip
        stdin, stdout = process.stdin, process.stdout
        assert stdin is not None and stdout is not None

        def read_all() -> None:
            got.append(stdout.read(10))
            first.set()
            got.append(stdout.read())

        def write_head() -> None:
            stdin.write(head)
            stdin.flush()

        reader = threading.Thread(target=read_all, daemon=True)
        writer = threading.Thread(target=write_head, daemon=True)
        reader.start()
        writer.start()
        try:
            assert first.wait(timeout=120), "no output while stdin was open"
        finally:
            writer.join(timeout=120)
            stdin.write(tail)
            stdin.close()
            reader.join(timeout=120)
    expected = run(args, cwd, env, head + tail)
    assert process.returncode == 0 and expected.returncode == 0
    assert b"".join(got) == expected.stdout and got[0] == expected.stdout[:10]


def test_convert_writes_its_first_pages_before_stdin_ends(
    tmp_path: Path, subprocess_env: dict[str, str]
) -> None:
    """`pdftotext big.pdf - | papercli convert --to traditional | less`: the first
    lines come out while the input is still open, as `clean`'s do."""
    page = (ROOT / "samples" / "seed-page.txt").read_bytes()
    head = page * (3_000_000 // len(page))  # a few read chunks, many batches
    args = [*PAPERCLI, "convert", "--to", "traditional"]
    output_while_stdin_is_open(args, tmp_path, subprocess_env, head, page)


@pytest.mark.parametrize("command", ["clean", "unwrap"])
def test_a_slow_producers_first_pages_come_out_before_a_read_chunk_fills(
    tmp_path: Path, subprocess_env: dict[str, str], command: str
) -> None:
    """`pdftotext` writes page by page, slowly: the pages papercli has (far less
    than one read chunk of 1 MiB, but several units) are cleaned and written
    while stdin stays open, not once a whole chunk has come."""
    page = (ROOT / "samples" / "seed-page.txt").read_bytes()
    head = page * (200_000 // len(page))
    assert len(head) < textstream.CHUNK_BYTES // 4
    output_while_stdin_is_open([*PAPERCLI, command], tmp_path, subprocess_env, head, page)


# A small page of distinct sentences: enough text for chardet to be sure, and no
# repeated block for the echo step to drop.
SIMPLIFIED_PAGE = (
    "全区公安机关专项活动开展以来，\n鄂尔多斯市公安局紧盯目标任务。\n\n"
    "该局常态化开展线上线下学习，\n形成书记领学、支部讲学的学习体系。\n\n"
    "负责对辅警层级\n管理工作的组织领导。\n"
)
TRADITIONAL_PAGE = (
    "全區公安機關專項活動開展以來，\n鄂爾多斯市公安局緊盯目標任務。\n\n"
    "該局常態化開展線上線下學習，\n形成書記領學、支部講學的學習體系。\n\n"
    "負責對輔警層級\n管理工作的組織領導。\n"
)


@pytest.mark.parametrize(
    ("encoding", "page", "reported"),
    [
        ("gb18030", SIMPLIFIED_PAGE, "gb18030"),
        ("gbk", SIMPLIFIED_PAGE, "gb18030"),
        ("big5", TRADITIONAL_PAGE, "big5hkscs"),
        ("utf-16", SIMPLIFIED_PAGE, "utf-16-le"),
    ],
)
def test_legacy_encodings_end_to_end(
    tmp_path: Path, subprocess_env: dict[str, str], encoding: str, page: str, reported: str
) -> None:
    from papercli.pipeline import clean_text

    write(tmp_path / "a.txt", page, encoding)
    done = run([*PAPERCLI, "clean", "-v", "a.txt"], tmp_path, subprocess_env)
    assert done.returncode == 0, done.stderr
    # Decoded right: the UTF-8 output is what the engine makes of the original text.
    assert done.stdout.decode("utf-8") == clean_text(page)
    assert page.splitlines()[-1] in done.stdout.decode("utf-8")
    assert f"a.txt: {reported}".encode() in done.stderr


def test_crlf_round_trip_in_place(tmp_path: Path, subprocess_env: dict[str, str]) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(WRAPPED.replace("\n", "\r\n").encode("gb18030"))
    done = run([*PAPERCLI, "clean", "-i", "a.txt"], tmp_path, subprocess_env)
    assert done.returncode == 0, done.stderr
    assert path.read_bytes() == CLEANED.replace("\n", "\r\n").encode("gb18030")
    again = run([*PAPERCLI, "clean", "--check", "a.txt"], tmp_path, subprocess_env)
    assert again.returncode == 0


def test_jobs_2_gives_the_same_bytes_as_jobs_1(
    tmp_path: Path, subprocess_env: dict[str, str]
) -> None:
    for n in range(12):
        write(tmp_path / "in" / f"p{n:02d}.txt", WRAPPED * (n + 1))
    write(tmp_path / "in" / "bad.txt", "")
    (tmp_path / "in" / "bad.txt").write_bytes(b"\x00\x00")
    one = run([*PAPERCLI, "clean", "-r", "in", "-o", "one", "-j", "1"], tmp_path, subprocess_env)
    two = run([*PAPERCLI, "clean", "-r", "in", "-o", "two", "-j", "2"], tmp_path, subprocess_env)
    assert one.returncode == two.returncode == 2  # bad.txt fails in both, the rest go on
    assert one.stderr == two.stderr
    names = sorted(p.name for p in (tmp_path / "one").iterdir())
    assert len(names) == 12
    for name in names:
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()
    diff1 = run([*PAPERCLI, "clean", "--diff", "-r", "in", "-j", "1"], tmp_path, subprocess_env)
    diff0 = run([*PAPERCLI, "clean", "--diff", "-r", "in", "-j", "0"], tmp_path, subprocess_env)
    assert diff1.stdout == diff0.stdout and diff1.stdout


HEAVY = ("rich", "chardet", "opencc", "spellchecker", "papercli.textio", "papercli.commands.text")


def test_version_imports_no_command_or_heavy_library(subprocess_env: dict[str, str]) -> None:
    # Start-up: `--version` loads neither the commands' modules nor their libraries.
    code = (
        "import sys; sys.argv = ['papercli', '--version']\n"
        "from papercli.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        f"heavy = [m for m in {HEAVY!r} if m in sys.modules]\n"
        "print(heavy, file=sys.stderr)"
    )
    done = run([sys.executable, "-c", code], ROOT, subprocess_env)
    assert done.stdout.decode().startswith("papercli, version")
    assert done.stderr.decode().strip() == "[]"


def test_a_command_loads_only_its_own_module(subprocess_env: dict[str, str]) -> None:
    code = (
        "import sys; sys.argv = ['papercli', 'detect', '--help']\n"
        "from papercli.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print([m for m in sys.modules if m.startswith('papercli.commands.')], file=sys.stderr)"
    )
    done = run([sys.executable, "-c", code], ROOT, subprocess_env)
    loaded = done.stderr.decode()
    assert "papercli.commands.detect" in loaded
    assert "papercli.commands.text'" not in loaded and "papercli.commands.split" not in loaded


def test_bundled_sample_smoke(subprocess_env: dict[str, str]) -> None:
    done = run(["papercli", "clean", "samples/seed-page.txt"], ROOT, subprocess_env)
    assert done.returncode == 0
    assert done.stdout == (ROOT / "samples" / "seed-page.clean.txt").read_bytes()


def test_output_to_dev_stdout_never_clobbers_the_redirected_file(
    tmp_path: Path, subprocess_env: dict[str, str]
) -> None:
    """`-o /dev/stdout >> log` used to replace the log by rename (all earlier lines
    gone); now a usage error. `-o -` is stdout and appends as a shell redirect does."""
    write(tmp_path / "a.txt", WRAPPED)
    log = tmp_path / "log.txt"
    log.write_bytes(b"earlier lines\n")
    for args in (["-o", "/dev/stdout"], ["-o", "/dev/fd/1"], ["--report", "/dev/stdout"]):
        with log.open("ab") as out:
            done = subprocess.run(
                [*PAPERCLI, "clean", "a.txt", *args],
                cwd=tmp_path, env=subprocess_env, stdout=out, stderr=subprocess.PIPE,
                timeout=60, check=False,
            )  # fmt: skip
        assert done.returncode == 2 and b"open file descriptor" in done.stderr, args
        assert log.read_bytes() == b"earlier lines\n"
    with log.open("ab") as out:
        done = subprocess.run(
            [*PAPERCLI, "clean", "a.txt", "-o", "-"],
            cwd=tmp_path, env=subprocess_env, stdout=out, timeout=60, check=False,
        )  # fmt: skip
    assert done.returncode == 0
    assert log.read_bytes() == b"earlier lines\n" + CLEANED.encode()


def run_with_closed_stderr(args: list[str], cwd: Path, env: dict[str, str]) -> int:
    """Run with stderr a pipe whose reader is already gone (`2>&1 | head -1` after head
    exited): every message write fails with EPIPE."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        done = subprocess.run(
            args, cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=write_end, timeout=60, check=False,
        )  # fmt: skip
    finally:
        os.close(write_end)
    return done.returncode


def test_closed_stderr_drops_messages_not_work(
    tmp_path: Path, subprocess_env: dict[str, str]
) -> None:
    """A closed stderr used to exit 1 (the --check code) before any file was written."""
    write(tmp_path / "ip.txt", WRAPPED)
    write(tmp_path / "a.txt", WRAPPED)
    cases = [
        (["clean", "-i", "-v", "ip.txt"], 0),
        (["clean", "-v", "a.txt", "-o", "x.out"], 0),
        (["clean", "--explain", "a.txt", "-o", "y.out"], 0),
        (["clean", "--check", "a.txt"], 1),
        (["clean", "--bogus"], 2),  # a usage error keeps its code
        (["clean", "missing.txt", "-o", "z.out"], 2),
    ]
    for args, code in cases:
        assert run_with_closed_stderr([*PAPERCLI, *args], tmp_path, subprocess_env) == code, args
    assert (tmp_path / "ip.txt").read_text(encoding="utf-8") == CLEANED
    assert (tmp_path / "x.out").read_text(encoding="utf-8") == CLEANED
    assert (tmp_path / "y.out").read_text(encoding="utf-8") == CLEANED


def test_file_name_not_in_utf8_is_shown_as_typed(
    tmp_path: Path, subprocess_env: dict[str, str]
) -> None:
    """A GBK-named file (common in Chinese archives) crashed detect and --report with
    UnicodeEncodeError (exit 3, -i files already rewritten) and showed `\\udcd6`."""
    raw = "中文.txt".encode("gb18030")
    (tmp_path / os.fsdecode(raw)).write_bytes(WRAPPED.encode())
    env = {**subprocess_env, "LC_ALL": "C.UTF-8"}
    detect = run([*PAPERCLI, "detect", os.fsdecode(raw)], tmp_path, env)
    assert detect.returncode == 0, detect.stderr
    assert json.loads(detect.stdout)[0]["file"] == "\\xd6\\xd0\\xce\\xc4.txt"
    check = run([*PAPERCLI, "clean", "-r", ".", "--check", "--report", "r.json"], tmp_path, env)
    assert check.returncode == 1, check.stderr
    assert b"would change " + raw + b"\n" in check.stderr  # the bytes, as `ls` shows them
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert report["files"][0]["path"] == "\\xd6\\xd0\\xce\\xc4.txt"
    missing = run([*PAPERCLI, "clean", os.fsdecode(b"\xd6\xd0missing.txt")], tmp_path, env)
    assert missing.returncode == 2
    assert b"\xd6\xd0missing.txt: no such file" in missing.stderr
    inplace = run([*PAPERCLI, "clean", "-i", "-r", ".", "--report", "r.json"], tmp_path, env)
    assert inplace.returncode == 0, inplace.stderr
    assert (tmp_path / os.fsdecode(raw)).read_bytes() == CLEANED.encode()


@pytest.mark.parametrize(
    ("command", "message"),
    [
        ("clean <&-", b"papercli: error: <stdin>: cannot read: stdin is closed\n"),
        ("clean - a.txt <&-", b"papercli: error: <stdin>: cannot read: stdin is closed\n"),
        ("detect <&-", b"papercli: error: <stdin>: cannot read: stdin is closed\n"),
        ("split -o out <&-", b"papercli: error: <stdin>: cannot read: stdin is closed\n"),
        ("detect a.txt >&-", b"papercli: error: <stdout>: cannot write: stdout is closed\n"),
        ("clean a.txt >&-", b"papercli: error: a.txt: <stdout>: cannot write: stdout is closed\n"),
    ],
)
def test_closed_stdin_or_stdout_is_one_line_exit_2(
    tmp_path: Path, subprocess_env: dict[str, str], command: str, message: bytes
) -> None:
    """A closed stdin or stdout was an "internal error" (None has no isatty), exit 3."""
    write(tmp_path / "a.txt", WRAPPED)
    done = subprocess.run(
        f"{sys.executable} -m papercli {command}", shell=True, cwd=tmp_path,
        env=subprocess_env, stderr=subprocess.PIPE, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 2
    assert done.stderr.startswith(message)
    assert b"internal error" not in done.stderr


def on_a_terminal(args: list[str], cwd: Path, env: dict[str, str]) -> bytes:
    """What papercli writes to stdout and stderr when both are a terminal (a pty)."""
    import pty

    controller, terminal = pty.openpty()
    try:
        subprocess.run(
            args, cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=terminal,
            stderr=terminal, timeout=60, check=False,
        )  # fmt: skip
        os.close(terminal)
        seen = b""
        with contextlib.suppress(OSError):  # EIO once everything is read
            while chunk := os.read(controller, 65536):
                seen += chunk
    finally:
        os.close(controller)
    return seen


def test_term_dumb_gets_no_colour_on_a_terminal(
    tmp_path: Path, subprocess_env: dict[str, str]
) -> None:
    """A dumb terminal (an Emacs shell buffer) showed `^[[31m` around every error."""
    write(tmp_path / "a.txt", WRAPPED)
    cases = ((["clean", "nope.txt"], b"nope.txt"), (["clean", "--diff", "a.txt"], b"+++"))
    for args, shown in cases:
        plain = on_a_terminal([*PAPERCLI, *args], tmp_path, {**subprocess_env, "TERM": "xterm"})
        dumb = on_a_terminal([*PAPERCLI, *args], tmp_path, {**subprocess_env, "TERM": "dumb"})
        assert b"\x1b[" in plain and shown in plain
        assert b"\x1b[" not in dumb and shown in dumb, dumb


def test_errors_during_the_progress_bar_get_lines_of_their_own(
    tmp_path: Path, subprocess_env: dict[str, str]
) -> None:
    """The bar (20+ files on a terminal) and an error shared a line:
    `cleaning ━━━ 45% 0:00:03papercli: error: …`."""
    names = [f"p{i:02d}.txt" for i in range(24)]
    for name in names[1:]:
        write(tmp_path / name, WRAPPED * 40)
    seen = on_a_terminal([*PAPERCLI, "clean", "--check", *names], tmp_path, subprocess_env)
    pieces = re.split(rb"[\r\n]", seen)
    errors = [p for p in pieces if b"papercli: error:" in p]
    assert errors and b"would change" in seen
    assert not [p for p in errors if b"cleaning" in p or b"%" in p], errors


@pytest.mark.parametrize(
    ("args", "label"),
    [(["split", "-o", "out"], b"splitting"), (["detect", "--json"], b"reading")],
)
def test_split_and_detect_show_the_progress_bar_on_a_terminal(
    tmp_path: Path, subprocess_env: dict[str, str], args: list[str], label: bytes
) -> None:
    """`split` and `detect` over a batch (20+ pages) were silent on a terminal until
    the end, where `clean` draws its bar; not on a dumb terminal, nor with -q."""
    names = [f"p{i:02d}.txt" for i in range(24)]
    for name in names:
        write(tmp_path / name, WRAPPED)
    # stdout to a file: detect's JSON would fill the pty before anyone reads it.
    command = ["sh", "-c", shlex.join([*PAPERCLI, *args, *names]) + ' "$@" > stdout', "sh"]
    seen = on_a_terminal(command, tmp_path, {**subprocess_env, "TERM": "xterm"})
    assert label in seen and b"100%" in seen, seen[-300:]
    dumb = on_a_terminal(command, tmp_path, {**subprocess_env, "TERM": "dumb"})
    assert label not in dumb and b"%" not in dumb
    if args[0] == "split":
        quiet = on_a_terminal([*command, "-q", "--force"], tmp_path, subprocess_env)
        assert quiet == b""


def read_fifo(fifo: Path) -> tuple[threading.Thread, list[bytes]]:
    """A reader waiting on a new FIFO, as `cat fifo > out` would: what it read lands
    in the list once the writer closes the FIFO."""
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    return reader, got


def large_input_with_a_late_bad_byte(path: Path) -> Path:
    """Past the streaming threshold, the seed page over and over (no block repeats
    the one before it, so output flows from the start), then an undecodable byte."""
    page = (ROOT / "samples" / "seed-page.txt").read_bytes()
    path.write_bytes(page * (9_000_000 // len(page)) + b"\xff\n")
    assert path.stat().st_size >= 8 << 20
    return path


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_output_into_dev_null_or_a_fifo_is_written_not_refused(
    tmp_path: Path, subprocess_env: dict[str, str]
) -> None:
    """`-o /dev/null` (a benchmark, a dry run) and `-o FIFO` write into the device
    or pipe, as `sort -o` does: there is no file to replace atomically. `-i` on a
    FIFO is still refused (see test_reliability)."""
    write(tmp_path / "a.txt", WRAPPED)
    done = run(
        [*PAPERCLI, "clean", "a.txt", "-o", os.devnull, "--report", os.devnull],
        tmp_path,
        subprocess_env,
    )
    assert done.returncode == 0, done.stderr
    fifo = tmp_path / "out.fifo"
    reader, got = read_fifo(fifo)
    done = run([*PAPERCLI, "clean", "a.txt", "-o", str(fifo)], tmp_path, subprocess_env)
    reader.join(timeout=60)
    assert done.returncode == 0, done.stderr
    assert got == [CLEANED.encode()]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "out.fifo"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_an_input_that_can_be_read_only_once_is_read_once(
    tmp_path: Path, subprocess_env: dict[str, str]
) -> None:
    """The check-before-writing pass is for regular files: `/dev/stdin` on a pipe,
    `<(cmd)` and a named FIFO are read once, as they stream (a second open would
    find them drained or wait for a writer that never comes)."""
    write(tmp_path / "a.txt", WRAPPED)
    done = run([*PAPERCLI, "clean", "/dev/stdin"], tmp_path, subprocess_env, WRAPPED.encode())
    assert (done.returncode, done.stdout) == (0, CLEANED.encode()), done.stderr
    fifo = tmp_path / "in.fifo"
    os.mkfifo(fifo)
    writer = threading.Thread(target=lambda: fifo.write_bytes(WRAPPED.encode()))
    writer.start()
    done = run([*PAPERCLI, "clean", str(fifo)], tmp_path, subprocess_env)
    writer.join(timeout=60)
    assert (done.returncode, done.stdout) == (0, CLEANED.encode()), done.stderr


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full here")
def test_bad_input_streamed_into_a_device_is_refused_before_writing(
    tmp_path: Path, subprocess_env: dict[str, str]
) -> None:
    """A device named by -o is written into as the text comes, so a bad byte late
    in a large input is found first: the error is the input's, not a write error."""
    large_input_with_a_late_bad_byte(tmp_path / "big.txt")
    args = [*PAPERCLI, "clean", "big.txt", "-o", "/dev/full"]
    done = run(args, tmp_path, subprocess_env, timeout=120)
    assert done.returncode == 2
    assert b"cannot decode byte 0xff" in done.stderr, done.stderr


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_bad_input_for_a_fifo_leaves_its_reader_an_empty_stream(
    tmp_path: Path, subprocess_env: dict[str, str]
) -> None:
    """Refused before anything is written, the FIFO is still opened and closed, so
    the reader waiting on it (`cat fifo > out`) ends instead of waiting for ever."""
    large_input_with_a_late_bad_byte(tmp_path / "big.txt")
    fifo = tmp_path / "out.fifo"
    reader, got = read_fifo(fifo)
    args = [*PAPERCLI, "clean", "big.txt", "-o", str(fifo)]
    done = run(args, tmp_path, subprocess_env, timeout=120)
    reader.join(timeout=30)
    assert done.returncode == 2 and b"cannot decode byte 0xff" in done.stderr
    assert got == [b""]


def wait_for_temp_file(directory: Path, process: subprocess.Popen[bytes]) -> None:
    """Until an atomic write's hidden temp file shows in `directory` (or the run ends)."""
    for _ in range(600):
        if any(p.name.endswith(".tmp") for p in directory.iterdir()) or process.poll() is not None:
            return
        time.sleep(0.05)


@pytest.mark.parametrize("signame", ["SIGTERM", "SIGHUP"])
def test_sigterm_mid_write_leaves_no_temp_file(
    tmp_path: Path, subprocess_env: dict[str, str], signame: str
) -> None:
    # `kill`, a service stop or `timeout` send SIGTERM (a closed terminal SIGHUP): as
    # for Ctrl-C, the output keeps its old state and the temp file beside it goes.
    out = tmp_path / "out"
    out.mkdir()
    # A stdin that never ends, streamed to -o (as stdin always is): the temp file is
    # there, waiting for the rest of the text, when the signal comes.
    # The child starts with the signal at its default, whatever this process
    # inherited: under `nohup` SIGHUP is ignored, and papercli rightly keeps it so.
    number = getattr(signal, signame)
    process = subprocess.Popen(
        [*PAPERCLI, "clean", "-", "-o", str(out / "page.txt")],
        cwd=tmp_path,
        env=subprocess_env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        preexec_fn=lambda: signal.signal(number, signal.SIG_DFL),
    )
    assert process.stdin is not None
    # More than the first chunk read (1 MiB), so the writing starts.
    process.stdin.write(WRAPPED.encode("utf-8") * (1_200_000 // len(WRAPPED) + 1))
    process.stdin.flush()
    wait_for_temp_file(out, process)
    assert [p.name for p in out.iterdir()], "no temp file to clean up"
    process.send_signal(getattr(signal, signame))
    _, stderr = process.communicate(timeout=60)
    # Ended by the signal, once unwound: a shell sees 143 or 129.
    assert process.returncode == -getattr(signal, signame), stderr
    assert list(out.iterdir()) == []
    assert b"Traceback" not in stderr
    assert stderr.strip() == b"papercli: terminated"


def test_sigterm_to_the_whole_group_during_a_batch_is_one_line(
    tmp_path: Path, subprocess_env: dict[str, str]
) -> None:
    # `timeout` and a closed terminal signal the whole process group: the workers
    # end at once while the main process unwinds. CPython's pool then failed to
    # mark a cancelled future broken and printed a thread's traceback (one run in
    # three to eight on this machine: a race, so a few runs, each signalled once
    # the first files are written; the temp files are test_sigterm_mid_write's).
    pages = tmp_path / "pages"
    pages.mkdir()
    page = (ROOT / "samples" / "seed-page.txt").read_text(encoding="utf-8")
    for k in range(40):
        write(pages / f"p{k:02}.txt", page * 30)  # 300 KB: seconds for the batch
    for attempt in range(4):
        out = tmp_path / f"out{attempt}"
        process = subprocess.Popen(
            [*PAPERCLI, "clean", "-j", "2", "-r", str(pages), "-o", str(out)],
            cwd=tmp_path, env=subprocess_env, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, start_new_session=True,
        )  # fmt: skip
        deadline = time.monotonic() + 60
        while not (out.is_dir() and any(out.glob("p*.txt"))) and time.monotonic() < deadline:
            time.sleep(0.02)
        os.killpg(process.pid, signal.SIGTERM)
        _, stderr = process.communicate(timeout=60)
        if process.returncode == 0:
            continue  # the batch finished first: nothing to see
        assert process.returncode == -signal.SIGTERM, stderr
        assert stderr.strip() == b"papercli: terminated", stderr


def test_ctrl_c_in_a_shell_loop_stops_the_loop(
    tmp_path: Path, subprocess_env: dict[str, str]
) -> None:
    # Ctrl-C signals the shell and papercli alike; bash then stops its loop only if
    # the command died of SIGINT. One that caught it and exited 130 made bash go on
    # with the next file: a batch script took one Ctrl-C per file.
    page = (ROOT / "samples" / "seed-page.txt").read_text(encoding="utf-8")
    write(tmp_path / "big.txt", page * 100)
    # The input never ends until the Ctrl-C, so papercli is still at work when it
    # comes, however fast the machine (a file alone was done within the wait, and
    # the signal then hit the next command as Python started).
    script = (
        "for i in 1 2 3; do "
        f"{{ cat big.txt; sleep 60; }} | {shlex.join(PAPERCLI)} clean - > /dev/null; "
        "echo \"after $i: $?\"; done; echo loop-done"
    )
    # SIGINT as a terminal's shell has it: a runner started in the background
    # (`cmd &` in a script) passes it on ignored, and bash cannot undo that.
    process = subprocess.Popen(
        ["bash", "-c", script], cwd=tmp_path, env=subprocess_env,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )  # fmt: skip
    time.sleep(1.5)  # papercli started, cleaning and waiting for the rest
    os.killpg(process.pid, signal.SIGINT)
    stdout, stderr = process.communicate(timeout=60)
    assert b"loop-done" not in stdout and b"after 2" not in stdout, stdout
    assert b"papercli: interrupted" in stderr and b"Traceback" not in stderr, stderr


def test_ctrl_c_while_the_command_line_loads_is_one_line(
    subprocess_env: dict[str, str],
) -> None:
    # The first tenth of a second went to imports (the whole engine, through the
    # package's __init__) before any handler: a Ctrl-C there, as a shell loop over
    # many small files often sends, printed the traceback of the import it cut.
    # An importer that raises KeyboardInterrupt plays that Ctrl-C.
    code = (
        "import sys\n"
        "import papercli.__main__ as entry\n"
        "assert 'papercli.pipeline' not in sys.modules, 'the engine loads at start-up'\n"
        "class CtrlC:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name == 'papercli.cli':\n"
        "            raise KeyboardInterrupt\n"
        "sys.meta_path.insert(0, CtrlC())\n"
        "entry.main()\n"
    )
    done = run([sys.executable, "-c", code], ROOT, subprocess_env)
    assert done.stderr == b"papercli: interrupted\n"
    assert done.returncode == -signal.SIGINT


def test_a_signal_the_caller_ignores_stays_ignored() -> None:
    # `nohup` ignores SIGHUP for the command it runs: papercli must not undo that,
    # and still unwinds on SIGTERM.
    from papercli import cli

    saved = {signum: signal.getsignal(signum) for signum in cli.ENDING_SIGNALS}
    try:
        signal.signal(signal.SIGHUP, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        replaced = cli.install_signal_handlers()
        assert signal.getsignal(signal.SIGHUP) is signal.SIG_IGN
        assert signal.getsignal(signal.SIGTERM) is cli._terminate
        assert list(replaced) == [signal.SIGTERM]
    finally:
        for signum, handler in saved.items():
            signal.signal(signum, handler)


def test_a_signal_while_stdout_settles_exits_by_it_without_a_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # SIGHUP after the command finished, while stdout is flushed: no traceback
    # page, exit 128 + the signal's number (it was raised outside the command's
    # own handling).
    from papercli import cli

    def hung_up() -> bool:
        raise cli.Terminated(signal.SIGHUP)

    monkeypatch.setattr(cli, "_settle_stdout", hung_up)
    monkeypatch.setattr(sys, "argv", ["papercli", "--version"])
    # The process would end by the signal: here the test's own must survive it.
    sent: list[int] = []
    monkeypatch.setattr(cli.os, "kill", lambda pid, signum: sent.append(signum))
    saved = {signum: signal.getsignal(signum) for signum in cli.ENDING_SIGNALS}
    try:
        with pytest.raises(SystemExit) as exit_:
            cli.main()
    finally:
        for signum, handler in saved.items():
            signal.signal(signum, handler)
    assert sent == [signal.SIGHUP]
    assert exit_.value.code == 128 + signal.SIGHUP
    assert capsys.readouterr().err.strip().endswith("papercli: terminated")


def test_hostile_names_reach_the_terminal_quoted(
    tmp_path: Path, subprocess_env: dict[str, str]
) -> None:
    """A name holding an escape sequence went to stderr raw, in every kind of message:
    a file's error, a usage error (click's own too), a config file's. They are
    quoted (or, inside a message made by click, escaped) now."""
    (tmp_path / "a.txt").write_text(WRAPPED, encoding="utf-8")
    (tmp_path / "b.txt").write_text(WRAPPED, encoding="utf-8")
    cases = [
        (["clean", "--check", "m\x1b[2Jx.txt"], 'papercli: error: "m\\033[2Jx.txt": no such file'),
        (["clean", "--config", "c\x1b[2J.toml"], "does not exist"),  # click escapes it
        (["clean", "a.txt", "b.txt", "-o", "out", "--report", "out\x1b[2J/r.json"],
         'papercli: error: --report "out\\033[2J/r.json": cannot write'),
        (["clean", "-i", "a.txt", "--report", "a\x1b[2J.txt/../a.txt"], "is also an output"),
    ]
    for args, expected in cases:
        done = run([*PAPERCLI, *args], tmp_path, subprocess_env)
        assert done.returncode == 2, (args, done.stderr)
        stderr = done.stderr.decode()
        assert "\x1b" not in stderr and "Traceback" not in stderr, stderr
        assert expected in stderr, stderr
