"""Bad input through the installed `papercli` (issue 7): a corpus generated here, in
tmp_path, and each file run inside a batch of good files, with -o DIR and with -i.

For every case: the documented exit code, one clear error line naming the file,
no traceback, no partial output, the input untouched, the rest of the batch done.
What each case did is a row of the table in tests/README.md (see reliability_support).
"""

from __future__ import annotations

import codecs
import json
import os
import random
import stat
import subprocess
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from reliability_support import (
    CLEANED,
    IS_ROOT,
    WRAPPED,
    Row,
    assert_clean_stderr,
    first_error_line,
    listing,
    observe,
    run_papercli,
)

MB = 1_000_000
# Characters of a plausible page without a sentence end: nothing for the engine to
# split on, so the long-line cases exercise the worst case of every scan.
HAN_NO_PERIOD = "城市更新让老旧小区焕发新颜居民的生活更方便了，"


def han(n: int, seed: int, alphabet: str = HAN_NO_PERIOD) -> str:
    return "".join(random.Random(seed).choices(alphabet, k=n))


def page(n: int) -> str:
    """n distinct wrapped paragraphs (distinct, so that no step drops one as an echo)."""
    return "".join(f"第{i}段负责对辅警层级\n管理工作的组织领导。\n\n" for i in range(n))


@dataclass(frozen=True)
class BadInput:
    case: str
    what: str
    make: Callable[[Path], None]  # creates the bad input at the given path
    exit: int
    error: str | None  # a phrase the error line must hold; None: the file is accepted
    unchanged: bool = False  # accepted inputs that must come out byte-identical
    slow: bool = False


def data(content: bytes) -> Callable[[Path], None]:
    return lambda path: path.write_bytes(content)


def text(content: str) -> Callable[[Path], None]:
    return data(content.encode("utf-8"))


GOOD = WRAPPED.encode("utf-8")
NEAR = han(200_000, seed=3, alphabet=HAN_NO_PERIOD + "。")
CORPUS = [
    BadInput("empty", "empty file", data(b""), 0, None, unchanged=True),
    BadInput(
        "whitespace", "spaces, tabs, U+3000, blank lines only", text(" \t\n\n\u3000\n  \n"), 0, None
    ),
    BadInput(
        "huge-line",
        "one 5 MB line of Han text, no sentence end",
        text(han(1_700_000, seed=1) + "\n"),
        0,
        None,
        unchanged=True,
        slow=True,
    ),
    BadInput(
        "nul-bytes",
        "NUL bytes inside UTF-8 text",
        data(GOOD + b"\x00\x00" + GOOD),
        2,
        "looks like a binary file",
    ),
    # Open defects, recorded as they behave: the binary check reads a 64 KiB prefix and
    # is skipped after a BOM, so these are accepted and their NULs reach the output.
    BadInput(
        "nul-after-64k",
        "NUL bytes after the first 64 KiB",
        data(GOOD * 3000 + b"\x00\x00\x00" + GOOD),
        2,
        "looks like a binary file (control character U+0000",
    ),
    BadInput(
        "bom-then-binary",
        "a UTF-8 BOM followed by control bytes",
        data(codecs.BOM_UTF8 + b"\x00\x01\x02\x03binary" + GOOD),
        2,
        "looks like a binary file (control character U+0000",
    ),
    BadInput(
        "png",
        "a PNG header",
        data(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(256)),
        2,
        "looks like a binary file",
    ),
    BadInput(
        "elf",
        "an ELF header",
        data(b"\x7fELF\x02\x01\x01\x00" + bytes(56)),
        2,
        "looks like a binary file",
    ),
    BadInput(
        "bad-utf8-middle",
        "invalid UTF-8 (ff fe 80) between valid pages",
        data(GOOD * 50 + b"\xff\xfe\x80" + GOOD * 50),
        2,
        "byte 0xff at offset 1900",
    ),
    BadInput(
        "truncated-utf8",
        "a multi-byte character cut at the end of the file",
        data(GOOD + "中".encode()[:2]),
        2,
        "offset 38",
    ),
    BadInput(
        "mixed-encodings",
        "UTF-8 pages followed by GB18030 pages",
        data(GOOD * 20 + WRAPPED.encode("gb18030") * 20),
        2,
        "not UTF-8",
    ),
    BadInput(
        "utf16-no-bom",
        "UTF-16-LE without a BOM (told from binary by what it decodes to)",
        data(page(5).encode("utf-16-le")),
        0,
        None,
    ),
    BadInput(
        "utf16-lone-surrogate",
        "UTF-16 (BOM) with an unpaired surrogate D800",
        data(
            codecs.BOM_UTF16_LE
            + WRAPPED.encode("utf-16-le")
            + b"\x00\xd8"
            + "好\n".encode("utf-16-le")
        ),
        2,
        "at offset 30 as utf-16-le",
    ),
    BadInput("form-feeds", "1000 form feeds and nothing else", data(b"\f" * 1000), 0, None),
    BadInput(
        "long-headlines",
        "20 articles under 3000-character headlines",
        text(
            "".join(
                f"第{i}版" + "重大新闻标题" * 500 + "\n\n正文第一段内容。\n\n" for i in range(20)
            )
        ),
        0,
        None,
    ),
    BadInput(
        "blank-lines",
        "10^5 blank lines between two sentences",
        text("正文。\n" + "\n" * 100_000 + "正文二。\n"),
        0,
        None,
    ),
    BadInput(
        "x-million",
        "10^6 × 'X' on one line (backtracking bait)",
        text("X" * MB + "\n"),
        0,
        None,
        unchanged=True,
        slow=True,
    ),
    BadInput(
        "abab",
        "'AB' × 5·10^5: an alternating echo",
        text("AB" * (MB // 2) + "\n"),
        0,
        None,
        unchanged=True,
        slow=True,
    ),
    BadInput(
        "near-echo",
        "a 1.2 MB near echo: x + x[:-1] + 'x'",
        text(NEAR + NEAR[:-1] + "x\n"),
        0,
        None,
        unchanged=True,
        slow=True,
    ),
    BadInput(
        "echo-lines",
        "2·10^4 blocks, each the same caption (dedupe keeps one)",
        text("图为志愿者\n\n" * 20_000),
        0,
        None,
        slow=True,
    ),
    BadInput(
        "directory",
        "a directory where a file is expected",
        lambda path: path.mkdir(),
        2,
        "is a directory",
    ),
]


def expected_output(raw: bytes) -> bytes:
    """What the engine makes of an accepted input, computed in this process."""
    from papercli.pipeline import clean_text
    from papercli.textio import decode_bytes

    return clean_text(decode_bytes(raw, name="x").text).encode("utf-8")


def snapshot(path: Path) -> bytes | None:
    return path.read_bytes() if path.is_file() else None


def run_in_batch(
    tmp_path: Path, bad: str, *, deny_read: bool = False, extra: tuple[str, ...] = ()
) -> tuple[subprocess.CompletedProcess[bytes], subprocess.CompletedProcess[bytes]]:
    """`clean a.txt BAD z.txt -o out`, then the same with -i, each from a fresh copy."""
    (tmp_path / "a.txt").write_bytes(GOOD)
    (tmp_path / "z.txt").write_bytes(GOOD)
    denied = [tmp_path / bad] if deny_read and IS_ROOT else []
    if deny_read and not IS_ROOT:
        os.chmod(tmp_path / bad, 0)
    args = ["clean", *extra, "a.txt", bad, "z.txt"]
    to_dir = run_papercli([*args, "-o", "out"], tmp_path, deny_read=denied, timeout=120)
    for name in ("a.txt", "z.txt"):
        assert (tmp_path / "out" / name).read_bytes() == CLEANED.encode(), to_dir.stderr
    in_place = run_papercli(["clean", "-i", *args[1:]], tmp_path, deny_read=denied, timeout=120)
    for name in ("a.txt", "z.txt"):
        assert (tmp_path / name).read_bytes() == CLEANED.encode(), in_place.stderr
    return to_dir, in_place


def error_lines(stderr: bytes) -> list[str]:
    return [ln for ln in stderr.decode().splitlines() if ln.startswith("papercli: error:")]


@pytest.mark.parametrize(
    "bad",
    [pytest.param(b, id=b.case, marks=[pytest.mark.slow] if b.slow else []) for b in CORPUS],
)
def test_bad_input_in_a_batch(tmp_path: Path, bad: BadInput) -> None:
    name = f"{bad.case}.txt"
    path = tmp_path / name
    bad.make(path)
    before = snapshot(path)
    to_dir, in_place = run_in_batch(tmp_path, name)
    for done in (to_dir, in_place):
        assert done.returncode == bad.exit, done.stderr
        assert_clean_stderr(done.stderr)
        assert done.stdout == b""
    out = tmp_path / "out" / name
    if bad.error is not None:
        for done in (to_dir, in_place):
            (line,) = error_lines(done.stderr)  # one line, for this file only
            assert line.startswith(f"papercli: error: {name}: ") and bad.error in line, line
        assert not out.exists()
        assert snapshot(path) == before  # -i left it alone
        files = "no output; input untouched by -o and -i; a.txt, z.txt cleaned"
    else:
        assert before is not None
        want = expected_output(before)
        assert out.read_bytes() == want
        if bad.unchanged:
            assert want == before
        # -i rewrote it to the same result (keeping a BOM and the encoding, as -i
        # keeps the format), or left it alone.
        from papercli.textio import decode_bytes

        encoding = decode_bytes(before, name="x").encoding
        if encoding == "utf-8":
            bom = codecs.BOM_UTF8 if before.startswith(codecs.BOM_UTF8) else b""
            assert snapshot(path) == bom + want
        else:
            assert snapshot(path) == want.decode().encode(encoding)
        from papercli.pipeline import clean_text

        assert clean_text(want.decode()) == want.decode()  # and a second run settles
        kept = "output = input" if want == before else "output = clean(input), idempotent"
        files = f"{kept}; -i writes the same text; a.txt, z.txt cleaned"
    # Nothing but the inputs and the outputs: no temp file, no partial file.
    names = {"a.txt", "z.txt", name}
    assert set(listing(tmp_path)) - {f"out/{n}" for n in names} - {"out"} == names
    observe(
        Row(
            "input",
            bad.case,
            bad.what,
            f"papercli clean a.txt {name} z.txt -o out (and -i)",
            str(to_dir.returncode),
            first_error_line(to_dir.stderr, tmp_path),
            files,
        )
    )


def test_unreadable_file(tmp_path: Path) -> None:
    name = "locked.txt"
    (tmp_path / name).write_bytes(GOOD)
    to_dir, in_place = run_in_batch(tmp_path, name, deny_read=True)
    for done in (to_dir, in_place):
        assert done.returncode == 2
        assert_clean_stderr(done.stderr)
        assert error_lines(done.stderr) == [f"papercli: error: {name}: permission denied"]
    if not IS_ROOT:
        os.chmod(tmp_path / name, 0o644)
    assert (tmp_path / name).read_bytes() == GOOD
    assert not (tmp_path / "out" / name).exists()
    observe(
        Row(
            "input",
            "unreadable",
            "file without read permission (chmod 000; as root, where that is moot, "
            "the EACCES is injected into open)",
            f"papercli clean a.txt {name} z.txt -o out (and -i)",
            str(to_dir.returncode),
            first_error_line(to_dir.stderr, tmp_path),
            "no output; input untouched; a.txt, z.txt cleaned",
        )
    )


@pytest.mark.parametrize("command", [["split", "-o", "articles"], ["detect"]])
def test_an_unreadable_file_fails_alone_in_split_and_detect(
    tmp_path: Path, command: list[str]
) -> None:
    # Like `clean`: the batch goes on with the other files, the one it could not
    # read is named, and the exit status says so (no usage error for the batch).
    name = "locked.txt"
    for each in ("a.txt", name):
        (tmp_path / each).write_bytes(GOOD)
    denied = [tmp_path / name] if IS_ROOT else []
    if not IS_ROOT:
        os.chmod(tmp_path / name, 0)
    try:
        done = run_papercli([*command, "a.txt", name], tmp_path, deny_read=denied)
    finally:
        if not IS_ROOT:
            os.chmod(tmp_path / name, 0o644)
    assert done.returncode == 2
    assert_clean_stderr(done.stderr)
    assert error_lines(done.stderr) == [f"papercli: error: {name}: permission denied"]
    if command[0] == "split":
        assert (tmp_path / "articles" / "a-01.txt").read_text(encoding="utf-8") == CLEANED
    else:
        found, failed = json.loads(done.stdout)
        assert found["file"] == "a.txt" and "error" not in found
        assert failed == {"file": name, "error": f"{name}: permission denied"}


def test_unreadable_directory_under_r(tmp_path: Path) -> None:
    # Like `grep -r`: a directory -r cannot list is named and fails the batch (exit 2)
    # in every mode, where its files used to vanish from it in silence; the rest is done.
    arch = tmp_path / "arch"
    locked = arch / "locked"
    locked.mkdir(parents=True)
    for each in (arch / "a.txt", locked / "b.txt", arch / "z.txt"):
        each.write_bytes(GOOD)
    denied = [locked] if IS_ROOT else []
    if not IS_ROOT:
        os.chmod(locked, 0)
    try:
        check = run_papercli(["clean", "--check", "-r", "arch"], tmp_path, deny_read=denied)
        to_dir = run_papercli(
            ["clean", "-r", "arch", "-o", "out", "-j", "2"], tmp_path, deny_read=denied
        )
        detect = run_papercli(["detect", "-r", "arch"], tmp_path, deny_read=denied)
        in_place = run_papercli(["clean", "-i", "-r", "arch"], tmp_path, deny_read=denied)
    finally:
        if not IS_ROOT:
            os.chmod(locked, 0o755)
    for done in (check, to_dir, detect, in_place):
        assert done.returncode == 2, done.stderr
        assert_clean_stderr(done.stderr)
        assert error_lines(done.stderr) == ["papercli: error: arch/locked: permission denied"]
    assert check.stderr.decode().splitlines()[-1] == "2 files would change, 1 file failed."
    assert to_dir.stderr.decode().splitlines()[-1] == "2 files changed, 1 file failed."
    assert listing(tmp_path / "out") == ["a.txt", "z.txt"]
    for name in ("a.txt", "z.txt"):
        assert (tmp_path / "out" / name).read_bytes() == CLEANED.encode()
        assert (arch / name).read_bytes() == CLEANED.encode()  # by -i
    assert (locked / "b.txt").read_bytes() == GOOD
    rows = json.loads(detect.stdout)
    assert [row["file"] for row in rows] == ["arch/a.txt", "arch/z.txt", "arch/locked"]
    assert rows[-1] == {"file": "arch/locked", "error": "arch/locked: permission denied"}
    observe(
        Row(
            "input",
            "unreadable-dir",
            "directory without read permission under -r (chmod 000; as root, the EACCES "
            "is injected into open and scandir)",
            "papercli clean -r arch -o out (and --check, -i; detect -r arch)",
            str(to_dir.returncode),
            first_error_line(to_dir.stderr, tmp_path),
            "the directory named, counted as failed; its files untouched; "
            "arch/a.txt, arch/z.txt cleaned",
        )
    )


def test_utf16_advice_works(tmp_path: Path) -> None:
    # The refusal of BOM-less UTF-16 suggests a flag; the flag must then work.
    text = page(5)
    (tmp_path / "u.txt").write_bytes(text.encode("utf-16-le"))
    done = run_papercli(["clean", "--encoding", "utf-16-le", "u.txt"], tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout == expected_output(text.encode("utf-8"))
    observe(
        Row(
            "input",
            "utf16-no-bom-advice",
            "UTF-16-LE without a BOM, with the suggested flag",
            "papercli clean --encoding utf-16-le u.txt",
            str(done.returncode),
            first_error_line(done.stderr),
            "decoded and cleaned to stdout",
        )
    )


@pytest.mark.parametrize(
    ("case", "encoding", "content", "phrase"),
    [
        ("lone-surrogate", "unicode_escape", b"abc\\ud800def\n", "lone surrogate U+D800"),
        ("non-text-codec", "base64", b"5rWL6K+V\n", "'base64' is not a text encoding"),
    ],
)
def test_encoding_that_cannot_give_text(
    tmp_path: Path, case: str, encoding: str, content: bytes, phrase: str
) -> None:
    # Lone surrogates cannot come out of a strict UTF-8/16/32 decode; a few codecs make
    # them, and then no encoding could write the text back. Non-text codecs (base64)
    # are codecs too. Both are bad input (exit 2), not a bug in papercli (exit 3).
    (tmp_path / "a.txt").write_bytes(b"plain ascii\n")
    (tmp_path / "b.txt").write_bytes(content)
    done = run_papercli(["clean", "--encoding", encoding, "b.txt", "a.txt", "-o", "out"], tmp_path)
    assert done.returncode == 2
    assert_clean_stderr(done.stderr)
    if case == "non-text-codec":  # refused while parsing: one usage error, nothing read
        assert f"Invalid value for '--encoding': {phrase}" in done.stderr.decode()
    else:
        assert any(phrase in line and "b.txt" in line for line in error_lines(done.stderr))
    assert not (tmp_path / "out" / "b.txt").exists()
    assert (tmp_path / "b.txt").read_bytes() == content
    observe(
        Row(
            "input",
            case,
            f"--encoding {encoding}: decodes to a lone surrogate"
            if case == "lone-surrogate"
            else "--encoding base64 (a bytes-to-bytes codec)",
            f"papercli clean --encoding {encoding} b.txt a.txt -o out",
            str(done.returncode),
            first_error_line(done.stderr, tmp_path),
            "usage error: nothing read or written"
            if case == "non-text-codec"
            else "no output for b.txt; input untouched"
            + ("; a.txt cleaned" if (tmp_path / "out" / "a.txt").exists() else "; a.txt fails too"),
        )
    )


# --- FIFOs: process substitution `<(cmd)` is a pipe too, so reading one must work ---------


def feed_fifo(path: Path, content: bytes) -> threading.Thread:
    def writer() -> None:
        with open(path, "wb") as fh:
            fh.write(content)

    thread = threading.Thread(target=writer, daemon=True)
    thread.start()
    return thread


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_fifo_input(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    (tmp_path / "a.txt").write_bytes(GOOD)
    feed_fifo(fifo, GOOD)
    read = run_papercli(["clean", "pipe.txt", "a.txt", "-o", "out"], tmp_path, timeout=30)
    assert read.returncode == 0 and (tmp_path / "out" / "pipe.txt").read_bytes() == CLEANED.encode()

    # -i must not put a regular file where the FIFO was, nor read it first: its
    # data is another reader's (it was drained, then refused), and with no writer
    # the open waited for ever. Refused unopened, as a device is (/dev/null too,
    # though it would not change).
    writer = feed_fifo(fifo, GOOD)
    in_place = run_papercli(["clean", "-i", "pipe.txt", "a.txt"], tmp_path, timeout=30)
    assert in_place.returncode == 2
    assert_clean_stderr(in_place.stderr)
    assert error_lines(in_place.stderr) == [
        "papercli: error: pipe.txt: not a regular file; refusing to replace it"
    ]
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert (tmp_path / "a.txt").read_bytes() == CLEANED.encode()
    assert writer.is_alive()  # still waiting for a reader: nothing was read
    assert fifo.read_bytes() == GOOD
    writer.join(timeout=10)
    for args in (["-i", "pipe.txt"], ["-i", "/dev/null"]):  # no writer; nothing to change
        unread = run_papercli(["clean", *args], tmp_path, timeout=10)
        assert unread.returncode == 2
        assert error_lines(unread.stderr) == [
            f"papercli: error: {args[-1]}: not a regular file; refusing to replace it"
        ]

    # -r takes regular files only: a FIFO cannot block a recursive batch.
    recursive = run_papercli(["clean", "-r", ".", "--check", "-v"], tmp_path, timeout=30)
    assert recursive.returncode == 0 and b"\npipe.txt:" not in b"\n" + recursive.stderr

    # Named with no writer, it waits as `cat` would: the test's timeout ends it.
    with pytest.raises(subprocess.TimeoutExpired):
        run_papercli(["clean", "pipe.txt"], tmp_path, timeout=2)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    observe(
        Row(
            "input",
            "fifo",
            "a FIFO (named pipe) as input",
            "papercli clean pipe.txt a.txt -o out; clean -i pipe.txt a.txt; clean -r .",
            f"{read.returncode}; {in_place.returncode}; {recursive.returncode}",
            first_error_line(in_place.stderr, tmp_path),
            "-o: read like a file; -i: refused unread, FIFO kept, a.txt rewritten; "
            "-r skips it; no writer: waits like cat",
        )
    )


# --- outputs that cannot be written ----------------------------------------------------------


def test_output_directory_without_write_permission(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(GOOD)
    (tmp_path / "b.txt").write_bytes(GOOD)
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "c.txt").write_bytes(GOOD)
    deny = [locked] if IS_ROOT else []
    if not IS_ROOT:
        locked.chmod(0o555)
    try:
        to_dir = run_papercli(
            ["clean", "a.txt", "b.txt", "-o", "locked"], tmp_path, deny_write=deny
        )
        # -i where no temp file can be made beside the input: c.txt must stay as it was.
        in_place = run_papercli(["clean", "-i", "locked/c.txt", "a.txt"], tmp_path, deny_write=deny)
    finally:
        locked.chmod(0o755)
    for done in (to_dir, in_place):
        assert done.returncode == 2
        assert_clean_stderr(done.stderr)
    assert error_lines(to_dir.stderr) == [
        f"papercli: error: locked/{n}: cannot write: Permission denied" for n in ("a.txt", "b.txt")
    ]
    # c.txt itself may be written: the error says it is the directory that refuses.
    assert error_lines(in_place.stderr) == [
        "papercli: error: locked/c.txt: cannot write: its directory is not writable"
        " (Permission denied), and a file is replaced through a temp file beside it"
    ]
    assert (locked / "c.txt").read_bytes() == GOOD
    assert (tmp_path / "a.txt").read_bytes() == CLEANED.encode()
    assert listing(locked) == ["c.txt"]
    observe(
        Row(
            "fault",
            "unwritable-output-dir",
            "a directory without write permission, for -o DIR and for -i (chmod 555; as "
            "root, EACCES injected into open/mkdir/replace)",
            "papercli clean a.txt b.txt -o locked; clean -i locked/c.txt a.txt",
            f"{to_dir.returncode}; {in_place.returncode}",
            first_error_line(to_dir.stderr, tmp_path),
            "one error per file; nothing new in DIR, no temp file; c.txt untouched, a.txt done",
        )
    )


def test_output_that_is_not_a_regular_file(tmp_path: Path) -> None:
    # As root, replacing `-o /dev/null` with a regular file would break the system:
    # a FIFO in tmp_path stands in for every non-regular target. `-o` and
    # `--report` write into it (as `sort -o` does), never replace it.
    (tmp_path / "a.txt").write_bytes(GOOD)
    sinks = [tmp_path / "sink", tmp_path / "report-sink"]
    got: dict[str, bytes] = {}
    readers = []
    for sink in sinks:
        os.mkfifo(sink)
        reader = threading.Thread(target=lambda p=sink: got.update({p.name: p.read_bytes()}))
        reader.start()
        readers.append(reader)
    done = run_papercli(["clean", "a.txt", "-o", "sink", "--report", "report-sink"], tmp_path)
    for reader in readers:
        reader.join(timeout=60)
    assert done.returncode == 0, done.stderr
    assert_clean_stderr(done.stderr)
    assert got["sink"] == CLEANED.encode()
    assert json.loads(got["report-sink"])["summary"]["changed"] == 1
    assert all(stat.S_ISFIFO(os.lstat(sink).st_mode) for sink in sinks)
    assert listing(tmp_path) == ["a.txt", "report-sink", "sink"]
    observe(
        Row(
            "fault",
            "output-not-regular",
            "-o and --report naming a FIFO (stands in for /dev/null)",
            "papercli clean a.txt -o sink --report report-sink",
            str(done.returncode),
            first_error_line(done.stderr, tmp_path),
            "written into, as `sort -o` does; the FIFOs are kept (never replaced by files)",
        )
    )


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")
def test_output_into_a_full_device_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(GOOD)
    done = run_papercli(["clean", "a.txt", "-o", "/dev/full"], tmp_path)
    assert done.returncode == 2
    assert_clean_stderr(done.stderr)
    (line,) = error_lines(done.stderr)
    assert line.startswith("papercli: error: /dev/full: cannot write")
    assert listing(tmp_path) == ["a.txt"]


def limit_file_size(limit: int) -> Callable[[], None]:
    """A preexec_fn: files may not grow past `limit`; SIGXFSZ ignored, so a write
    fails with EFBIG as on a full disk instead of killing the process."""

    def apply() -> None:
        import resource
        import signal

        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


FULL_LIMIT = 64 * 1024


@pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_FSIZE is POSIX")
def test_full_disk_with_rlimit_fsize(tmp_path: Path) -> None:
    big, small = page(3000), WRAPPED
    (tmp_path / "big.txt").write_text(big, encoding="utf-8")
    (tmp_path / "small.txt").write_text(small, encoding="utf-8")
    assert len(expected_output(big.encode())) > FULL_LIMIT
    limit = limit_file_size(FULL_LIMIT)
    to_dir = run_papercli(
        ["clean", "big.txt", "small.txt", "-o", "out"], tmp_path, preexec_fn=limit
    )
    in_place = run_papercli(["clean", "-i", "big.txt", "small.txt"], tmp_path, preexec_fn=limit)
    with open(tmp_path / "stdout.txt", "wb") as sink:
        to_stdout = run_papercli(
            ["clean", "big.txt"],
            tmp_path,
            preexec_fn=limit,
            stdout=sink,
            stderr=subprocess.PIPE,
            capture_output=False,
        )
    for done, name in ((to_dir, "out/big.txt"), (in_place, "big.txt"), (to_stdout, "big.txt")):
        assert done.returncode == 2, done.stderr
        assert_clean_stderr(done.stderr)
        (line,) = error_lines(done.stderr)
        assert line.startswith(f"papercli: error: {name}: ") and line.endswith("File too large")
    # The streamed path named stdout's failure `big.txt: I/O error:`, as if the input
    # could not be read.
    assert b"big.txt: <stdout>: cannot write: File too large" in to_stdout.stderr
    assert (tmp_path / "big.txt").read_text(encoding="utf-8") == big
    assert (tmp_path / "small.txt").read_text(encoding="utf-8") == CLEANED
    assert listing(tmp_path / "out") == ["small.txt"]
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "big.txt",
        "out",
        "small.txt",
        "stdout.txt",
    ]
    observe(
        Row(
            "fault",
            "full-disk-rlimit",
            "disk full: RLIMIT_FSIZE 64 KiB, SIGXFSZ ignored (writes fail with EFBIG)",
            "papercli clean big.txt small.txt -o out; clean -i …; clean big.txt > file",
            "2; 2; 2",
            first_error_line(to_dir.stderr, tmp_path),
            "no partial out/big.txt, no temp file; big.txt untouched by -i; small.txt done; "
            "stdout: the shell's file holds a prefix, exit 2 says so",
        )
    )


@pytest.mark.skipif(
    not (os.path.exists("/dev/full") and stat.S_ISCHR(os.stat("/dev/full").st_mode)),
    reason="no /dev/full",
)
def test_stdout_to_dev_full_and_closed(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(GOOD)
    # /dev/full is only ever opened here, by the test, as papercli's stdout.
    with open("/dev/full", "wb") as full:
        clean = run_papercli(
            ["clean", "a.txt"], tmp_path, stdout=full, stderr=subprocess.PIPE, capture_output=False
        )
        detect = run_papercli(
            ["detect", "a.txt"], tmp_path, stdout=full, stderr=subprocess.PIPE, capture_output=False
        )
        # click's own output too: --help and --version.
        helped = [
            run_papercli(args, tmp_path, stdout=full, stderr=subprocess.PIPE, capture_output=False)
            for args in (["--version"], ["clean", "--help"])
        ]
    closed = run_papercli(
        ["clean", "a.txt"],
        tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        capture_output=False,
        pass_fds=(),
        preexec_fn=lambda: os.close(1),
    )
    for done in (clean, detect, closed, *helped):
        assert done.returncode == 2, done.stderr
        assert_clean_stderr(done.stderr)
        assert len(error_lines(done.stderr)) == 1
    assert b"No space left on device" in clean.stderr and b"No space" in detect.stderr
    assert b"a.txt: <stdout>: cannot write: No space left on device" in clean.stderr
    for done in helped:
        assert error_lines(done.stderr) == [
            "papercli: error: <stdout>: cannot write: No space left on device"
        ]
    assert b"stdout is closed" in closed.stderr
    assert (tmp_path / "a.txt").read_bytes() == GOOD
    observe(
        Row(
            "fault",
            "stdout-full-or-closed",
            "stdout is /dev/full (ENOSPC), or closed (>&-)",
            "papercli clean a.txt > /dev/full; detect a.txt > /dev/full; clean a.txt >&-",
            "2; 2; 2",
            first_error_line(clean.stderr, tmp_path),
            "input untouched; one error line each (was: 'internal error', exit 3)",
        )
    )


# --- dedupe removes only what it reports --------------------------------------------------
# tests/test_echoes.py checks this as multisets of characters at the step level. Here
# the dedupe command is held to more, block by block: the input block is an
# interleaving of its output and of each removal reported for it, every piece kept in
# its own order. (Removals interleave with each other too: a repeated block can be
# dropped after its own echo was collapsed.) A removal reported with the wrong text,
# out of order or not at all breaks the reconstruction.


def is_shuffle(whole: str, *parts: str) -> bool:
    """Is `whole` an interleaving of `parts`, each kept in order?"""
    if len(whole) != sum(map(len, parts)):
        return False
    reachable = {(0,) * len(parts)}  # how far into each part, after k characters of whole
    for ch in whole:
        reachable = {
            (*state[:n], at + 1, *state[n + 1 :])
            for state in reachable
            for n, at in enumerate(state)
            if at < len(parts[n]) and parts[n][at] == ch
        }
        if not reachable:
            return False
    return True


def non_space(text: str) -> str:
    return "".join(ch for ch in text if not ch.isspace())


ECHO_ALPHABET = "城市更新老小区的a b1。！，”“"


@st.composite
def dedupe_page(draw: st.DrawFn) -> str:
    """Lines of plain text, whole echoes, layered characters and glued echoes, in blocks
    that sometimes repeat an earlier block: every shape the dedupe step removes."""
    unit = st.text(alphabet=ECHO_ALPHABET, min_size=1, max_size=8)

    def line() -> str:
        text = draw(unit)
        shape = draw(st.sampled_from(["plain", "whole", "layered", "glued"]))
        if shape == "whole":
            return text * draw(st.integers(2, 3)) + draw(st.sampled_from(["", "。", "。。"]))
        if shape == "layered":
            return "".join(ch * draw(st.integers(1, 3)) for ch in text)
        if shape == "glued":
            return text * 2 + draw(unit)
        return text

    blocks: list[str] = []
    for _ in range(draw(st.integers(1, 4))):
        if blocks and draw(st.booleans()):
            blocks.append(draw(st.sampled_from(blocks)))  # a repeated block
        else:
            blocks.append("\n".join(line() for _ in range(draw(st.integers(1, 3)))))
    return "\n\n".join(blocks) + "\n"


def source_blocks(page: str) -> list[tuple[int, int, str]]:
    """(first line, last line, text) of each blank-line-separated block, 1-based."""
    blocks, start, lines = [], 0, page.split("\n")
    for number, line in enumerate([*lines, ""], start=1):
        if line.strip() and not start:
            start = number
        elif not line.strip() and start:
            blocks.append((start, number - 1, "\n".join(lines[start - 1 : number - 1])))
            start = 0
    return blocks


@settings(max_examples=300, deadline=None)
@given(dedupe_page())
@example("正文一段。\n\n志愿者为老人测量血压志愿者为老人测量血压。。\n")
@example("农农民民收收割割水水稻稻。。\n\n城市更新\n老小区\n\n城市更新\n老小区\n")
@example("aab区aab区\n！！\n\naab区aab区\n！！\n")  # an echo, then a repeated block
def test_dedupe_removes_only_what_it_reports(page: str) -> None:
    from papercli.options import CleanOptions
    from papercli.pipeline import clean_and_explain

    dedupe = CleanOptions(rebuild_paragraphs=False, join_line_breaks=False)
    result = clean_and_explain(page, dedupe)
    removed = [c for c in result.changes if c.action == "removed"]
    assert all(c.step == "drop_caption_echoes" and c.text for c in removed)
    assert sum(len(non_space(c.text)) for c in removed) + len(non_space(result.text)) == len(
        non_space(page)
    )
    for first, last, text in source_blocks(page):
        kept = "".join(
            "".join(b.lines) for b in result.page.blocks if first <= b.first_line <= last
        )
        gone = [non_space(c.text) for c in removed if first <= c.line <= last]
        assert is_shuffle(non_space(text), non_space(kept), *gone), (text, kept, gone)


def test_is_shuffle_can_fail() -> None:
    # The checker itself: order matters within each part; nothing left over or missing.
    assert is_shuffle("农农民民", "农民", "农民")
    assert is_shuffle("aab区aab区！！", "aab区！", "aab区！")
    assert not is_shuffle("农民收", "收农", "民")
    assert not is_shuffle("农民收", "农民")
    assert not is_shuffle("农民", "农民", "收")
