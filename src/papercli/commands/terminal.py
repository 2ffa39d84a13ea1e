"""The process's standard streams as a Unix filter sees them: a closed or vanished
stderr, closed descriptors, and whether output goes to a terminal.

Imported by `papercli.cli.main` at start-up, so it stays light (no click, no rich).
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
from collections.abc import Iterator
from typing import Any

from papercli.fsnames import RAW_NAMES


def is_terminal(stream: Any) -> bool:
    """Is `stream` an open terminal? A closed descriptor (`>&-`: the stream is None) is not."""
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty and isatty())
    except (OSError, ValueError):  # closed underneath us
        return False


def is_dumb() -> bool:
    """Is the terminal one that cannot take escape codes (TERM=dumb: an Emacs
    shell buffer, some CI consoles)?"""
    return os.environ.get("TERM") == "dumb"


def use_color(flag: bool | None, stream: Any) -> bool:
    """Whether to colour what goes to `stream`; every coloured output asks here.

    --color/--no-color (or `color` in a config file) win; then NO_COLOR turns colour
    off (no-color.org) and FORCE_COLOR turns it on (force-color.org), each when set
    to any non-empty value, NO_COLOR first; then colour only on a terminal that is
    not TERM=dumb.
    """
    if flag is not None:
        return flag
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return is_terminal(stream) and not is_dumb()


def point_at_devnull(fd: int) -> None:
    """Make `fd` write to /dev/null, so that later writes (and the interpreter's last
    flush) to a reader that went away cannot fail again."""
    with contextlib.suppress(OSError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        if devnull != fd:
            os.dup2(devnull, fd)
            os.close(devnull)


class _MessageSink(io.RawIOBase):
    """fd 2 for messages: if the reader went away (`2>&1 | head -1`) or the descriptor
    fails, the rest of the messages are dropped and the run goes on. Without this,
    click turns the BrokenPipeError into exit code 1 ("would change") and abandons
    the run, writes and all."""

    def __init__(self, fd: int) -> None:
        super().__init__()
        self._fd = fd
        self.dropped = False

    def writable(self) -> bool:
        return True

    def fileno(self) -> int:
        return self._fd

    def isatty(self) -> bool:
        return not self.dropped and os.isatty(self._fd)

    def write(self, data: Any) -> int:
        size = len(memoryview(data))
        if self.dropped:
            return size
        try:
            return os.write(self._fd, data)
        except OSError:
            # EPIPE, or EIO/ENOSPC: messages are not the work; the exit code still
            # says how the work went.
            self.dropped = True
            point_at_devnull(self._fd)
            return size


@contextlib.contextmanager
def guarded_stderr() -> Iterator[None]:
    """Run with sys.stderr replaced by a stream that never raises for a closed pipe
    and writes file names as their bytes (stdout's text, too: detect's table).

    Only for the process's own streams (a test's capture objects are left alone);
    the original stderr comes back afterwards.
    """
    if sys.__stdout__ is not None and sys.stdout is sys.__stdout__:
        with contextlib.suppress(AttributeError, ValueError):
            sys.__stdout__.reconfigure(errors=RAW_NAMES)
    original = sys.__stderr__
    if original is None or sys.stderr is not original:
        yield  # closed (`2>&-`: nothing to guard), or a test's capture object
        return
    try:
        fd = original.fileno()
        encoding = original.encoding
        original.flush()
    except (AttributeError, OSError, ValueError):
        yield
        return
    guarded = io.TextIOWrapper(
        io.BufferedWriter(_MessageSink(fd)),
        encoding=encoding,
        # A file name the user typed comes back as its bytes, not as `\\udcd6`.
        errors=RAW_NAMES,
        line_buffering=True,
    )
    sys.stderr = guarded
    try:
        yield
    finally:
        with contextlib.suppress(OSError, ValueError):
            guarded.flush()
        sys.stderr = original
