"""stdin and stdout for the commands: the stdin rules, writing text to stdout
(a closed pipe ends the run quietly), and the inputs to read."""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any, BinaryIO

import click

from papercli import atomic, batch, plan, textio
from papercli.commands.terminal import is_terminal, point_at_devnull
from papercli.commands.terminal import use_color as use_color  # re-exported
from papercli.fsnames import escape_controls, quote_name
from papercli.report import ExitCode


class Failure(click.ClickException):
    """A one-line error that stops the run before any file is touched: exit 2,
    shown as `papercli: error: ...` like a file's error (no usage banner)."""

    exit_code = ExitCode.FAILED

    def show(self, file: Any = None) -> None:
        # A name inside (a config file's path) must not reach the terminal raw.
        message = escape_controls(self.format_message())
        click.echo(f"papercli: error: {message}", err=True, file=file)


def stdin_is_tty() -> bool:
    return is_terminal(sys.stdin)  # a closed stdin (`<&-`) is None, and no terminal


def stdout_is_tty() -> bool:
    return is_terminal(sys.stdout)


def binary_stdin() -> BinaryIO:
    """stdin as bytes. `sys.stdin.buffer` rather than click.get_binary_stream, which
    click 8.5 deprecates; CliRunner's stdin has a buffer too."""
    stream = sys.stdin
    if stream is None:  # fd 0 closed
        raise OSError(errno.EBADF, "stdin is closed")
    return stream.buffer


def binary_stdout() -> BinaryIO:
    """stdout as bytes (see `binary_stdin`)."""
    stream = sys.stdout
    if stream is None:  # fd 1 closed (`>&-`)
        raise OSError(errno.EBADF, "stdout is closed")
    return stream.buffer


def read_stdin() -> bytes:
    return binary_stdin().read()


def spool_stdin(least: int, why: str) -> bytes | str:
    """stdin's bytes if it gives fewer than `least`; else the path of a temp file
    that holds them all (the caller removes it), written as they come. For the
    options that read a large stdin twice (`why`: --check, --diff, --furniture;
    see `streaming.stream`): memory then holds a chunk, not the input."""
    head = binary_stdin().read(least)
    if len(head) < least:
        return head
    try:
        with tempfile.NamedTemporaryFile(prefix="papercli-stdin-", delete=False) as fh:
            try:
                fh.write(head)
                del head
                shutil.copyfileobj(binary_stdin(), fh, 1 << 20)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(fh.name)
                raise
    except OSError as exc:
        where = tempfile.gettempdir()
        raise Failure(
            f"<stdin>: cannot keep it in a temp file in {quote_name(where)} for {why}: "
            f"{exc.strerror or exc}"
        ) from None
    return fh.name


def write_stdout(data: bytes) -> None:
    """Write to stdout; a reader that went away (`| head`) ends the run quietly."""
    try:
        write_stdout_raw(data)
    except BrokenPipeError:
        stdout_closed()
    except OSError as exc:
        raise textio.OutputError(f"<stdout>: cannot write: {exc.strerror or exc}") from None


def write_stdout_streamed(data: bytes) -> None:
    """`write_stdout_raw` for a stream (`streaming.stream`): a closed pipe is the
    caller's to handle; any other failure is stdout's, not the input's (a full
    disk read `page.txt: I/O error: ...`, as if the page could not be read)."""
    try:
        write_stdout_raw(data)
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise textio.OutputError(f"<stdout>: cannot write: {exc.strerror or exc}") from None


def write_stdout_raw(data: bytes) -> None:
    """Write and flush at once, so that a streamed page reaches `less` as it is cleaned."""
    out = binary_stdout()
    # Near a full disk (RLIMIT_FSIZE) a buffered write can return short without raising;
    # writing the rest makes the OS error surface instead of a silently cut output.
    view = memoryview(data)
    while view:
        written = out.write(view)
        if not written:
            raise OSError(errno.EIO, "stdout took no bytes")
        view = view[written:]
    out.flush()


def stdout_closed() -> None:
    """End the run quietly after the reader of stdout went away."""
    # Point fd 1 at /dev/null so that the interpreter's last flush cannot fail again.
    with contextlib.suppress(OSError, ValueError, AttributeError):
        point_at_devnull(sys.stdout.fileno())
    raise click.exceptions.Exit(ExitCode.BROKEN_PIPE) from None


def dir_problem(path: str, made: Iterable[Path], *, through_links: bool = False) -> str | None:
    """Why the directory of an output file written after the work (split's
    --manifest, a --report) cannot take it, so that it is refused before the work:
    None if it can, or if it is one of the directories `made` (split's -o DIR, the
    folders -o mirrors) or above one, which the run creates. A directory that is
    there but read-only counts too: the articles were written, then the manifest
    failed, and a rerun refused to overwrite them. `through_links`: the file will
    replace what a symlink at `path` points to (a --report), so that directory
    must take it, not the link's (split's --manifest replaces the link)."""
    parent = Path(path).parent
    if any(
        Path(os.path.realpath(directory)).is_relative_to(os.path.realpath(parent))
        for directory in made
    ):
        return None
    if not parent.is_dir():
        return os.strerror(errno.ENOTDIR if os.path.lexists(parent) else errno.ENOENT)
    with contextlib.suppress(OSError):
        if atomic.written_into(os.stat(path).st_mode):
            return None  # a device or FIFO (`/dev/null`) is written into, not replaced
    return unwritable(Path(os.path.realpath(path)).parent if through_links else parent)


def output_dir_problem(directory: Path) -> str | None:
    """Why `-o DIR` for a batch cannot take its files (`cannot create: …` or
    `cannot write: …`), or None: found once, before the work, not after every file
    was cleaned and failed alike. The nearest part of the path that exists must be a
    directory that takes new entries (what the run creates below it will, too)."""
    existing = directory
    while not os.path.lexists(existing) and existing != existing.parent:
        existing = existing.parent
    verb = "write" if existing == directory else "create"
    if not existing.is_dir():
        return f"cannot {verb}: {os.strerror(errno.ENOTDIR)}"
    if problem := unwritable(existing):
        return f"cannot {verb}: {problem}"
    return None


def unwritable(directory: Path) -> str | None:
    """Why no file can be made in `directory` (read-only file system, no permission,
    an immutable flag), or None if one can. Found by making one, as the write will:
    an unnamed temp file where the system has them, so that nothing shows in it."""
    try:
        with tempfile.TemporaryFile(dir=directory):
            pass
    except OSError as exc:
        return exc.strerror or str(exc)
    return None


def collect_sources(
    files: tuple[str, ...], *, recursive: bool, glob: str, output_dir: str | None = None
) -> list[batch.Source]:
    try:
        sources = plan.collect_sources(
            files,
            recursive=recursive,
            glob=glob,
            stdin_is_tty=stdin_is_tty(),
            output_dir=output_dir,
        )
    except batch.UsageError as exc:
        raise click.UsageError(str(exc)) from None
    if sys.stdin is None and any(s.path is None for s in sources):
        # Said once, up front, as `clean page.txt >&-` says stdout is closed.
        raise Failure("<stdin>: cannot read: stdin is closed")
    return sources


class Rejoined:
    """A binary stream whose first bytes were read already (`head`), and how many
    bytes it has given in all."""

    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        self._head = head
        self._rest = rest
        self.count = 0

    def read(self, size: int = -1) -> bytes:
        if self._head:
            data = self._head if size < 0 else self._head[:size]
            self._head = self._head[len(data) :]
        else:
            data = self._rest.read(size)
        self.count += len(data)
        return data
