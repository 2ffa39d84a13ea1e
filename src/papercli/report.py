"""Report: what happened to each file, the closing summary, and the exit code.

All of it goes to stderr; stdout belongs to the text. The exit code is decided
here and nowhere else, so every command agrees on it.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass
from enum import IntEnum
from typing import TypeVar

import click

from papercli.changes import Change
from papercli.diffs import NO_NEWLINE, diff_lines, unified_diff
from papercli.fsnames import escape_controls, quote_leading, quote_name

T = TypeVar("T")

# A progress bar is noise for a handful of files; it starts at this many.
PROGRESS_MIN_FILES = 20


class ExitCode(IntEnum):
    OK = 0  # nothing to do, or done
    CHANGES = 1  # --check / --diff found files that would change
    FAILED = 2  # usage error, or an input that could not be read, decoded or written
    INTERNAL = 3  # a bug in papercli: please report it
    BROKEN_PIPE = 141  # 128 + SIGPIPE, what `yes | head` leaves: the reader went away


def plural(n: int, word: str) -> str:
    """
    >>> plural(1, "file"), plural(2, "file")
    ('1 file', '2 files')
    """
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


@dataclass
class Report:
    """Counts of a run and the messages about it.

    `check` makes changed files count toward exit code 1 (--check, --diff);
    `quiet` keeps only errors; `verbose` adds a line per untouched file.
    """

    check: bool = False
    quiet: bool = False
    verbose: bool = False
    color: bool | None = None
    changed: int = 0
    unchanged: int = 0
    failed: int = 0
    internal_errors: int = 0
    # Failures that are no input file's (an unwritable --report): exit 2, not counted
    # among the files in the summary.
    other_errors: int = 0
    # While a progress bar is drawn, messages go through its console, which prints
    # them on lines of their own above the bar; a plain write to stderr would be
    # glued to the end of the bar's line.
    printer: Callable[[str], None] | None = None

    def echo(self, message: str, *, fg: str | None = None, error: bool = False) -> None:
        if self.quiet and not error:
            return
        message = escape_controls(message)  # before the colour's own escape codes
        text = click.style(message, fg=fg) if fg and self.color else message
        self._emit(text)

    def write(self, text: str) -> None:
        """One message on stderr, whatever --quiet says (-v and --explain asked for it)."""
        self._emit(escape_controls(text))

    def _emit(self, text: str) -> None:
        # Names in messages are quoted where the message is made (`quote_name`); any
        # control character left (a name inside a message built elsewhere) is
        # escaped on the way out: nothing a file name holds reaches the terminal raw.
        if self.printer is not None:
            self.printer(text)
        else:
            click.echo(text, err=True, color=self.color)

    def done(self, name: str, *, changed: bool, action: str = "cleaned") -> None:
        """Record a file that went through; `action` names what was done to it."""
        name = quote_name(name)
        if changed:
            self.changed += 1
            if self.check:
                self.echo(f"would change {name}")
            elif self.verbose:
                self.echo(f"{action} {name}")
        else:
            self.unchanged += 1
            if self.verbose:
                self.echo(f"unchanged {name}")

    def fail(
        self, message: str, *, name: str = "", internal: bool = False, file: bool = True
    ) -> None:
        """Record a file that could not be processed (`file` False: another failure,
        such as the --report file); the batch goes on. `name` is the file a message
        made elsewhere opens with (`NAME: problem`, as textio and batch make them),
        quoted here as names are."""
        if internal:
            self.internal_errors += 1
        elif file:
            self.failed += 1
        else:
            self.other_errors += 1
        message = quote_leading(message, name)
        self.echo(f"papercli: error: {message}", fg="red", error=True)

    @property
    def return_code(self) -> int:
        if self.internal_errors:
            return ExitCode.INTERNAL
        if self.failed or self.other_errors:
            return ExitCode.FAILED
        if self.check and self.changed:
            return ExitCode.CHANGES
        return ExitCode.OK

    @property
    def total(self) -> int:
        return self.changed + self.unchanged + self.failed + self.internal_errors

    def summary(self) -> str:
        """One line: what changed, what did not, what failed.

        >>> Report(check=True, changed=2, unchanged=1, failed=1).summary()
        '2 files would change, 1 file unchanged, 1 file failed.'
        """
        verb = "would change" if self.check else "changed"
        parts = []
        if self.changed:
            parts.append(f"{plural(self.changed, 'file')} {verb}")
        if self.unchanged:
            parts.append(f"{plural(self.unchanged, 'file')} unchanged")
        if self.failed:
            parts.append(f"{plural(self.failed, 'file')} failed")
        if self.internal_errors:
            parts.append(f"{plural(self.internal_errors, 'file')} hit an internal error")
        return (", ".join(parts) or "No files.") + ("." if parts else "")

    def print_summary(self, *, always: bool) -> None:
        """The closing line: always for batch modes, otherwise only when something failed."""
        if always or self.failed or self.internal_errors:
            errors = bool(self.failed or self.internal_errors)
            self.echo(self.summary(), fg="red" if errors else None, error=errors)


def explain_lines(name: str, changes: Collection[Change]) -> Iterator[str]:
    """--explain: changes grouped by step, steps in the order they ran. `changes`
    is walked once per step (a large file's wait on disk: see papercli.change_log).

    >>> list(explain_lines("p.txt", [Change("drop_caption_echoes", 9, "removed", "图", "echo")]))
    ['p.txt: drop_caption_echoes: 1 change', "  line 9: removed: '图' (echo)"]
    >>> converted = Change("convert_script", 1, "converted", "發展", "发\\f展")
    >>> list(explain_lines("p.txt", [converted]))[1]
    "  line 1: converted: '發展' (发\\\\x0c展)"
    """
    counts: dict[str, int] = {}
    for change in changes:
        counts[change.step] = counts.get(change.step, 0) + 1
    name = quote_name(name)
    if not counts:
        yield f"{name}: no changes recorded"
    for step, count in counts.items():
        yield f"{name}: {step}: {plural(count, 'change')}"
        for c in changes:
            if c.step == step:
                # A detail may quote text (convert's old line): its control characters
                # (a form feed) are escaped as the text's repr escapes them.
                detail = f" ({c.detail.translate(CONTROL_ESCAPES)})" if c.detail else ""
                yield f"  line {c.line}: {c.action}: {c.text!r}{detail}"


CONTROL_ESCAPES = {code: repr(chr(code))[1:-1] for code in [*range(0x20), 0x7F]}


def describe_lines(
    name: str, info: Mapping[str, object], blocks: int, changes: Collection[Change]
) -> Iterator[str]:
    """-v: the encoding a file got, its blocks, and every removal with its line.
    `changes` is walked twice (counted, then listed)."""
    removals = sum(c.action == "removed" for c in changes)
    name = quote_name(name)
    bom = ", BOM" if info.get("bom") else ""
    yield (
        f"{name}: {info['encoding']} ({info['method']}, confidence {info['confidence']}), "
        f"{info['newline']}{bom}, {plural(blocks, 'block')}, {plural(removals, 'removal')}"
    )
    for c in changes:
        if c.action == "removed":
            yield f"{name}:{c.line}: removed [{c.step}] {c.text!r}"


DIFF_COLORS = {"+": "green", "-": "red", "@": "cyan"}


def diff_text(
    name: str,
    before: str,
    after: str,
    *,
    color: bool,
    anchors: Sequence[tuple[int, int]] = (),
) -> str:
    """A unified diff of one file, coloured only when asked (a terminal, not a pipe).

    `before` and `after` are the file's text and the text -i would write, newlines
    as they are in the bytes (see `batch.Settings.diff`), so the diff applies.
    `anchors`: (line of `before`, line of `after`), 0-based, where both texts are
    known to be cut at the same place (see `diffs.anchor_lines`); the diff is made
    between two anchors at a time.
    """
    out = []
    for line in unified_diff(
        diff_lines(before),
        diff_lines(after),
        fromfile=f"{quote_name(name)}\t(original)",
        tofile=f"{quote_name(name)}\t(cleaned)",
        anchors=anchors,
    ):
        if not line.endswith("\n"):
            line += NO_NEWLINE
        out.append(styled_diff_line(line) if color else line)
    return "".join(out)


def styled_diff_line(line: str) -> str:
    """A line of a unified diff in its colour (headers bold, + green, - red, @ cyan)."""
    header = line.startswith(("+++", "---"))
    fg = None if header else DIFF_COLORS.get(line[:1])
    return click.style(line, fg=fg, bold=header) if header or fg else line


def change_dict(change: Change) -> dict[str, object]:
    return asdict(change)


def with_progress(
    items: Iterable[T], total: int, show: bool, *, report: Report, label: str
) -> Iterator[T]:
    """Yield `items`, under a rich progress bar on stderr for a batch of
    PROGRESS_MIN_FILES or more when `show` (stderr a terminal that is not dumb, no
    --quiet); the report's messages meanwhile go through the bar's console. Every
    batch command (clean and its cousins, split, detect) draws the same bar."""
    if not show or total < PROGRESS_MIN_FILES:
        yield from items
        return
    from rich.console import Console  # lazy: rich costs start-up time
    from rich.progress import Progress
    from rich.text import Text

    console = Console(stderr=True, color_system="standard" if report.color else None)

    def above_the_bar(text: str) -> None:
        # Text.from_ansi keeps click.style's colour; soft_wrap leaves long lines whole.
        console.print(Text.from_ansi(text), soft_wrap=True, highlight=False)

    with Progress(console=console, transient=True) as bar:
        report.printer = above_the_bar
        try:
            task = bar.add_task(label, total=total)
            for item in items:
                yield item
                bar.advance(task)
        finally:
            report.printer = None
