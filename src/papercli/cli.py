"""The command line: the click group, its entry point, and the commands from
`papercli.commands` (one module per command family).

Only wiring lives here: arguments -> CleanOptions, files -> batch (textio ->
pipeline -> textio) -> files, and a Report that decides the exit code. stdout
carries only text (cleaned pages, diffs, detect's JSON); messages go to stderr.
"""

from __future__ import annotations

import contextlib
import difflib
import errno
import importlib
import os
import signal
import sys
from typing import Any

import click

from papercli import __version__
from papercli.report import ExitCode

# Each command's module, imported only when that command runs (or `--help` lists
# it): `papercli --version` and a hook's `papercli clean` skip the other commands'
# imports at start-up.
COMMAND_MODULES = {
    "clean": "papercli.commands.text",
    "convert": "papercli.commands.text",
    "dedupe": "papercli.commands.text",
    "detect": "papercli.commands.detect",
    "rejoin": "papercli.commands.text",
    "split": "papercli.commands.split",
    "unwrap": "papercli.commands.text",
}


def load_command(name: str) -> click.Command:
    command = getattr(importlib.import_module(COMMAND_MODULES[name]), name)
    assert isinstance(command, click.Command)
    return command


class LazyGroup(click.Group):
    """A group whose commands are named up front and imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *COMMAND_MODULES})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in COMMAND_MODULES and cmd_name not in self.commands:
            self.add_command(load_command(cmd_name))
        return super().get_command(ctx, cmd_name)

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        # `papercli` alone is a usage error that shows the help: on stderr, exit 2,
        # whatever click's version (8.1 printed it on stdout and exited 0; 8.2 raises
        # an error whose message is the help, which the escaping of control
        # characters in messages turned into one line of literal `\n`).
        if not args and self.no_args_is_help and not ctx.resilient_parsing:
            click.echo(ctx.get_help(), err=True, color=ctx.color)
            ctx.exit(ExitCode.FAILED)
        return super().parse_args(ctx, args)

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        # A mistyped command gets a suggestion, as a mistyped option does
        # (`papercli clen` -> Did you mean 'clean'?), as git suggests one. click
        # looks only among the commands loaded so far: none, in a lazy group.
        try:
            return super().resolve_command(ctx, args)
        except click.UsageError as exc:
            typed = args[0] if args else ""
            if not typed or typed.startswith("-"):  # an option's error stays click's
                raise
            message = f"No such command {typed!r}."
            close = difflib.get_close_matches(typed.lower(), self.list_commands(ctx), n=1)
            if close:
                message += f" Did you mean {close[0]!r}?"
            raise click.UsageError(message, ctx=exc.ctx) from None

CONTEXT_SETTINGS: dict[str, Any] = {
    "help_option_names": ["-h", "--help"],
    # A fixed width keeps --help identical everywhere, so README can quote it.
    "max_content_width": 80,
    "terminal_width": 80,
}


@click.group(cls=LazyGroup, context_settings=CONTEXT_SETTINGS)
@click.version_option(__version__, "-V", "--version", prog_name="papercli")
def cli() -> None:
    """Clean OCR'd or PDF-extracted newspaper text (Chinese, Latin, digits).

    Every text command reads FILEs or stdin and writes stdout, -o FILE|DIR or
    the files themselves (-i). Run `papercli COMMAND --help` for one command.

    \b
    Examples:
      papercli clean page.txt > page.clean.txt
      papercli clean --check -r archive/
      papercli split page.txt -o articles/
    """


# The commands themselves (`papercli.cli.clean`, ...) are attributes loaded on access.
__all__ = ["cli", "main"]


def __getattr__(name: str) -> click.Command:
    # `papercli.cli.clean` and friends, as before the commands were loaded lazily.
    if name in COMMAND_MODULES:
        return load_command(name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def main() -> None:
    """Entry point: click's usage errors exit 2; a bug exits 3 without a traceback page."""
    from papercli.commands.terminal import guarded_stderr

    previous = install_signal_handlers()
    try:
        # A closed stderr drops the messages, never the work or its exit code.
        with guarded_stderr():
            try:
                code = _run()
            # A signal after the command's own handling (while stdout is flushed):
            # the work is done, the exit code still says how the run ended.
            except Terminated as exc:
                click.echo("papercli: terminated", err=True)
                code = 128 + exc.signum
            except KeyboardInterrupt:
                click.echo("papercli: interrupted", err=True)
                code = 130
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    exit_by(code)


def exit_by(code: int) -> None:
    """Exit with `code`; a run cut short by a signal (code 128 + its number) ends by
    that signal, once its files are safe and its message said. A shell sees the
    same 130 or 143 either way, but only a process the signal ended makes it stop
    too: bash goes on with the next command of `for f in *.txt; do papercli clean
    -i "$f"; done` after one that caught Ctrl-C and exited 130, so each file took
    one Ctrl-C (wait-and-cooperative-exit, as shells and make read it)."""
    signum = code - 128
    if signum == signal.SIGINT or signum in ENDING_SIGNALS:
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(AttributeError, OSError, ValueError):
                stream.flush()
        signal.signal(signum, signal.SIG_DFL)
        os.kill(os.getpid(), signum)
    sys.exit(code)  # the signal did not end us (blocked): its number as the code


class Terminated(BaseException):
    """SIGTERM or SIGHUP (`kill`, `timeout`, a service stop, a closed terminal): the
    run unwinds as on Ctrl-C, so that a file being rewritten keeps its old text and
    its temp file goes, then exits 128 + the signal's number. A BaseException, as
    KeyboardInterrupt is: no `except Exception` takes it for a bad file."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


# The signals that ask a process to end, besides Ctrl-C (KeyboardInterrupt).
ENDING_SIGNALS = (signal.SIGTERM, signal.SIGHUP)


def _terminate(signum: int, frame: object) -> None:
    # A second signal while the run unwinds ends the process at once, as users
    # who send it twice expect.
    signal.signal(signum, signal.SIG_DFL)
    raise Terminated(signum)


def install_signal_handlers() -> dict[int, Any]:
    """Turn SIGTERM and SIGHUP into `Terminated`, unless the caller ignores them
    (`nohup` ignores SIGHUP: that stays so); returns the handlers replaced."""
    previous: dict[int, Any] = {}
    for signum in ENDING_SIGNALS:
        handler = signal.getsignal(signum)
        if handler is signal.SIG_DFL:
            previous[signum] = handler
            signal.signal(signum, _terminate)
    return previous


STDOUT_WRITE_ERRORS = frozenset((errno.ENOSPC, errno.EIO, errno.EFBIG, errno.EDQUOT))


def _run() -> int:
    """Run the command line and return its exit code."""
    try:
        code = cli.main(prog_name="papercli", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("papercli: interrupted", err=True)
        code = 130
    except Terminated as exc:
        click.echo("papercli: terminated", err=True)
        code = 128 + exc.signum
    except click.ClickException as exc:
        from papercli.fsnames import escape_controls

        # A usage error may name a file (click's own `Path '…' does not exist` too):
        # its control characters are escaped, as in every message.
        exc.message = escape_controls(exc.message)
        exc.show()
        code = ExitCode.FAILED
    except BrokenPipeError:
        code = ExitCode.BROKEN_PIPE
    except OSError as exc:
        # click's own output (--help, --version) to a stdout that cannot take it (a
        # full disk): the commands turn their own write errors into OutputError,
        # which names the file, so a bare one of these is stdout's.
        if exc.filename is None and exc.errno in STDOUT_WRITE_ERRORS:
            click.echo(f"papercli: error: <stdout>: cannot write: {exc.strerror}", err=True)
            code = ExitCode.FAILED
        else:
            code = _unexpected(exc)
    except Exception as exc:
        code = _unexpected(exc)
    if not _settle_stdout() and code == ExitCode.OK:
        code = ExitCode.FAILED
    return code if isinstance(code, int) else 0


def _unexpected(exc: Exception) -> int:
    """The exit code for an exception no command turned into a report."""
    # Imported here, not at start-up: only this path needs it.
    from papercli.textio import OutputError

    if isinstance(exc, OutputError):  # stdout failed where no batch was there to report it
        click.echo(f"papercli: error: {exc}", err=True)
        return ExitCode.FAILED
    if isinstance(exc, MemoryError):  # the input's size, not a bug
        click.echo("papercli: error: out of memory", err=True)
        return ExitCode.FAILED
    click.echo(f"papercli: internal error: {type(exc).__name__}: {exc}", err=True)
    click.echo("This is a bug in papercli; please report it with the command.", err=True)
    if os.environ.get("PAPERCLI_TRACEBACK"):
        import traceback

        traceback.print_exc()
    return ExitCode.INTERNAL


def _settle_stdout() -> bool:
    """Flush stdout before exit. If it cannot take the bytes (a full disk), say so once
    and point fd 1 at /dev/null, so that the interpreter's own last flush cannot fail
    again with an "Exception ignored" page and exit code 120."""
    try:
        if sys.stdout is not None:
            sys.stdout.flush()
        return True
    except OSError as exc:
        broken = isinstance(exc, BrokenPipeError)  # the reader went away: quiet, as ever
        if not broken:
            click.echo(f"papercli: error: <stdout>: cannot write: {exc.strerror}", err=True)
        from papercli.commands.terminal import point_at_devnull

        with contextlib.suppress(OSError, ValueError, AttributeError):
            point_at_devnull(sys.stdout.fileno())
        return broken
