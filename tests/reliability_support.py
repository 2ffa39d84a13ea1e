"""Shared by the reliability tests (issue 7): running the installed `papercli` as a
real process, with faults injected when the OS cannot give them to us, and the table
of observed behaviour in tests/README.md that those tests keep honest.

Every reliability test hands what it saw to `observe`. Normally the row must equal
the committed one in tests/README.md, so the table cannot drift from the behaviour;
with PAPERCLI_UPDATE_RELIABILITY=1 the rows are collected instead and
`python tests/make_reliability_table.py` renders them into the table.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TABLE_PATH = ROOT / "tests" / "README.md"
OBSERVED_PATH = ROOT / "tests" / ".reliability-observed.jsonl"
UPDATE = bool(os.environ.get("PAPERCLI_UPDATE_RELIABILITY"))
TABLE_START = "<!-- reliability-table:start -->"
TABLE_END = "<!-- reliability-table:end -->"
UPDATE_HINT = (
    "run PAPERCLI_UPDATE_RELIABILITY=1 python -m pytest tests/test_reliability.py "
    "tests/test_faults.py tests/test_split_safety.py tests/fuzz, then "
    "python tests/make_reliability_table.py"
)

# Running as root makes file permissions moot (root reads and writes anything), so
# those cases inject the EACCES the kernel would give an ordinary user instead.
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0

# A column-wrapped sentence that `clean` joins; the good files of every batch.
WRAPPED = "负责对辅警层级\n管理工作。\n"
CLEANED = "负责对辅警层级管理工作。\n"


@dataclass(frozen=True)
class Row:
    """One line of the table: a bad input or a fault, and what papercli did with it."""

    area: str  # "input", "fault", "split" or "fuzz": the table's sections
    case: str  # a short unique id
    what: str  # the bad input or fault, in words
    command: str  # the command line, with file names relative to the scratch dir
    exit: str  # the exit code(s) observed
    message: str  # the first error line on stderr, or what stderr held
    files: str  # the state of output, input and the rest of the batch afterwards

    def render(self) -> str:
        cells = [self.case, self.what, f"`{self.command}`", self.exit, self.message, self.files]
        return "| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |"


def table_rows() -> dict[str, str]:
    """The committed rows of tests/README.md by case id."""
    text = TABLE_PATH.read_text(encoding="utf-8") if TABLE_PATH.exists() else ""
    if TABLE_START not in text:
        return {}
    body = text.split(TABLE_START, 1)[1].split(TABLE_END, 1)[0]
    rows = {}
    for line in body.splitlines():
        match = re.match(r"\| ([a-z0-9-]+) \|", line)
        if match and match.group(1) != "case":  # not the header
            rows[match.group(1)] = line
    return rows


def observe(row: Row) -> None:
    """Check a row against the committed table, or collect it when updating."""
    if UPDATE:
        with OBSERVED_PATH.open("a", encoding="utf-8") as fh:
            fh.write(json.dumps(asdict(row), ensure_ascii=False) + "\n")
        return
    committed = table_rows().get(row.case)
    assert committed == row.render(), (
        f"tests/README.md disagrees with what case {row.case!r} observed:\n"
        f"  table:    {committed}\n  observed: {row.render()}\n{UPDATE_HINT}"
    )


def first_error_line(stderr: bytes, scratch: Path | None = None) -> str:
    """The line a user would read first: the first error, else the first line at all."""
    text = stderr.decode("utf-8", errors="replace")
    if scratch is not None:
        text = text.replace(f"{scratch}{os.sep}", "").replace(str(scratch), ".")
    lines = [line for line in text.splitlines() if line.strip()]
    errors = [line for line in lines if "error" in line.lower()]
    line = (errors or lines or ["(nothing)"])[0]
    return line if len(line) <= 140 else line[:139] + "…"


def assert_clean_stderr(stderr: bytes) -> None:
    """No traceback and no interpreter noise, whatever happened."""
    text = stderr.decode("utf-8", errors="replace")
    assert "Traceback" not in text, text
    assert "Exception ignored" not in text, text


# Injected faults for a real `papercli` process: the named paths refuse reads, the
# named directories refuse new entries, with the EACCES the kernel would raise.
INJECTOR = r"""
import builtins, errno, os, sys

def _set(name):
    return {os.path.realpath(p) for p in os.environ.get(name, "").split(os.pathsep) if p}

DENY_READ = _set("PAPERCLI_TEST_DENY_READ")
DENY_WRITE_DIRS = _set("PAPERCLI_TEST_DENY_WRITE")
WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT

def _denied_write(path):
    return os.path.realpath(os.path.dirname(os.path.abspath(path))) in DENY_WRITE_DIRS

def _refuse(path):
    raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))

_open = builtins.open
def open_(file, mode="r", *args, **kwargs):
    if isinstance(file, (str, bytes, os.PathLike)):
        path = os.fsdecode(file)
        if any(c in mode for c in "wax+") and _denied_write(path):
            _refuse(path)
        if os.path.realpath(path) in DENY_READ:
            _refuse(path)
    return _open(file, mode, *args, **kwargs)
builtins.open = open_

_os_open = os.open
def os_open(path, flags, mode=0o777, *, dir_fd=None):
    if flags & WRITE_FLAGS and _denied_write(os.fsdecode(path)):
        _refuse(path)
    if os.path.realpath(os.fsdecode(path)) in DENY_READ:
        _refuse(path)
    return _os_open(path, flags, mode, dir_fd=dir_fd)
os.open = os_open

# What the kernel tells an ordinary user's access(2) about a file it may not read
# (click's `readable` check asks so before any open).
_access = os.access
def access(path, mode, *args, **kwargs):
    if mode & os.R_OK and os.path.realpath(os.fsdecode(path)) in DENY_READ:
        return False
    return _access(path, mode, *args, **kwargs)
os.access = access

# A directory without read permission cannot be listed either (os.walk, behind -r,
# lists with scandir and reports the error to its onerror).
for _name in ("scandir", "listdir"):
    def _list(path=".", _real=getattr(os, _name)):
        if not isinstance(path, int) and os.path.realpath(os.fsdecode(path)) in DENY_READ:
            _refuse(path)
        return _real(path)
    setattr(os, _name, _list)

for _name in ("mkdir", "replace", "rename", "unlink"):
    def _guard(*args, _real=getattr(os, _name), **kwargs):
        target = args[-1] if _real.__name__ in ("replace", "rename") else args[0]
        if _denied_write(os.fsdecode(target)):
            _refuse(target)
        return _real(*args, **kwargs)
    setattr(os, _name, _guard)

sys.argv = ["papercli", *sys.argv[1:]]
from papercli.cli import main
main()
"""


def papercli_env() -> dict[str, str]:
    env = dict(os.environ)
    for name in ("NO_COLOR", "PAPERCLI_TRACEBACK", "PAPERCLI_UPDATE_RELIABILITY"):
        env.pop(name, None)
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    # This checkout's code, whatever the cwd and wherever the installed package points.
    src = str(Path(__file__).resolve().parents[1] / "src")
    env["PYTHONPATH"] = os.pathsep.join([src, *filter(None, [env.get("PYTHONPATH")])])
    return env


def run_papercli(
    args: list[str],
    cwd: Path,
    *,
    deny_read: Sequence[Path] = (),
    deny_write: Sequence[Path] = (),
    timeout: float = 60,
    **kwargs: object,
) -> subprocess.CompletedProcess[bytes]:
    """The installed `papercli` as a real process; with deny_* the fault injector runs it."""
    env = papercli_env()
    if deny_read or deny_write:
        env["PAPERCLI_TEST_DENY_READ"] = os.pathsep.join(str(p) for p in deny_read)
        env["PAPERCLI_TEST_DENY_WRITE"] = os.pathsep.join(str(p) for p in deny_write)
        command = [sys.executable, "-c", INJECTOR, *args]
    else:
        command = ["papercli", *args]
    kwargs.setdefault("capture_output", True)
    return subprocess.run(  # type: ignore[call-overload, no-any-return]
        command, cwd=cwd, env=env, timeout=timeout, check=False, **kwargs
    )


def listing(directory: Path) -> list[str]:
    """Every entry under `directory`, relative, hidden ones included: stray temp files show."""
    return sorted(str(p.relative_to(directory)) for p in directory.rglob("*"))
