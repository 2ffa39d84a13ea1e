"""The I/O contract shared by clean, unwrap, rejoin, dedupe and convert: inputs ->
batch (whole files, or streams for stdout and large files) -> outputs, and a
Report that decides the exit code."""

from __future__ import annotations

import contextlib
import dataclasses
import os
import stat
import sys
from collections.abc import Generator, Iterator
from io import BytesIO
from pathlib import Path
from typing import BinaryIO

import click

from papercli import atomic, batch, plan, streaming, textio
from papercli.batch import IOArgs, Outcome, Settings, WriteBack
from papercli.cli import Terminated
from papercli.commands.report_file import ReportFile
from papercli.commands.stdio import (
    Failure,
    binary_stdin,
    collect_sources,
    dir_problem,
    output_dir_problem,
    read_stdin,
    spool_stdin,
    stdout_closed,
    use_color,
    write_stdout,
    write_stdout_streamed,
)
from papercli.commands.terminal import is_dumb, is_terminal
from papercli.diffs import same_text
from papercli.fsnames import RAW_NAMES, quote_leading, quote_name
from papercli.options import CleanOptions
from papercli.report import (
    Report,
    describe_lines,
    diff_text,
    explain_lines,
    styled_diff_line,
    with_progress,
)


def write_json_report(
    report_file: ReportFile,
    outcomes: list[Outcome],
    report: Report,
    *,
    interrupted: bool = False,
) -> None:
    """The --report JSON of the files of `outcomes` (each added to `report_file`),
    in that order, to its path; `interrupted`: of a run cut short (Ctrl-C, SIGTERM), whose files
    never reached are in no list."""
    summary: dict[str, object] = {
        "changed": report.changed,
        "unchanged": report.unchanged,
        "failed": report.failed + report.internal_errors,
    }
    if interrupted:
        summary["interrupted"] = True
    pieces = report_file.pieces([o.source for o in outcomes], summary)
    path = report_file.path
    if path == "-":
        for piece in pieces:
            write_stdout(piece)
        return
    try:
        with atomic.AtomicOutput(path, device_ok=True) as out:
            for piece in pieces:
                out.write(piece)
            out.commit()
    except textio.OutputError as exc:
        report.fail(f"--report {quote_leading(str(exc), path)}", file=False)


def report_interrupted(
    report_file: ReportFile,
    outcomes: Iterator[Outcome],
    sources: list[batch.Source],
    settled: list[Outcome],
    report: Report,
    *,
    late: list[Outcome],
    unwritten: set[batch.Source],
) -> None:
    """The --report of a run cut short (Ctrl-C, SIGTERM): the files `settled` so far,
    and those -j workers finished (written all the same) that the run never got to;
    the files never reached are in no list."""
    if isinstance(outcomes, Generator):
        outcomes.close()  # leaves the pool, which waits for the files its workers are on
    finished = [o for o in late if not o.error]  # an error there is the interrupt's
    for outcome in finished:
        report_file.add(outcome)
    position = {source: i for i, source in enumerate(sources)}
    listed = sorted([*settled, *finished], key=lambda o: position[o.source])
    through = [o for o in listed if not o.error and o.source not in unwritten]
    report.changed = sum(o.changed for o in through)
    report.unchanged = len(through) - report.changed
    write_json_report(report_file, listed, report, interrupted=True)


def settled_only(outcome: Outcome) -> Outcome:
    """What a run keeps of a file once it is settled: the verdict for the summary
    and an interrupted --report, not the text or the changes (so that a batch of
    any size holds no file's)."""
    return dataclasses.replace(
        outcome, trace="", info={}, before="", after="", data=b"", changes=(), anchors=()
    )


def say_no_text_change(outcome: Outcome, report: Report) -> None:
    # The bytes differ (as --check and -i see them) but not the text: the diff
    # (it must apply) changes only invisible newlines, BOM or bytes.
    report.write(
        f"{quote_name(outcome.source.name)}: no text change, but the line endings "
        "or the encoding would change"
    )


class DiffOut:
    """The lines of a streamed --diff (`streaming.stream(diff=...)`), to stdout in
    the diff's encoding, coloured on a terminal, a few hundred kilobytes a write."""

    def __init__(self, io: IOArgs) -> None:
        self._color = use_color(io.color, sys.stdout)
        # As `deliver` writes a whole diff: see there.
        self._codec = textio.without_bom(io.output_encoding or "utf-8")
        self._lines: list[str] = []
        self._size = 0

    def __call__(self, line: str) -> None:
        self._lines.append(styled_diff_line(line) if self._color else line)
        self._size += len(line)
        if self._size > 1 << 18:
            self.flush()

    def flush(self) -> None:
        if self._lines:
            write_stdout_streamed("".join(self._lines).encode(self._codec, errors=RAW_NAMES))
            self._lines.clear()
            self._size = 0


def deliver(outcome: Outcome, target: Path | None, io: IOArgs, report: Report) -> None:
    """Send one result where the run's WriteBack says; raises textio.OutputError."""
    mode = io.write_back
    if mode is WriteBack.STDOUT:
        write_stdout(outcome.data)
    elif mode is WriteBack.DIFF:
        if outcome.changed:
            color = use_color(io.color, sys.stdout)
            diff = diff_text(
                outcome.source.name,
                outcome.before,
                outcome.after,
                color=color,
                anchors=outcome.anchors,
            )
            if not io.quiet and same_text(outcome.before, outcome.after):
                say_no_text_change(outcome, report)
            # RAW_NAMES: a file name that is not UTF-8 goes out as its own bytes, so
            # the patch names the real file; text the codec cannot take is escaped.
            # Without a BOM of its own: a BOM -i would write is in the diff's text.
            codec = textio.without_bom(io.output_encoding or "utf-8")
            write_stdout(diff.encode(codec, errors=RAW_NAMES))
    elif mode in (WriteBack.IN_PLACE, WriteBack.FILE):
        assert target is not None
        batch.write_result(
            outcome, target, in_place=mode is WriteBack.IN_PLACE, backup=io.backup
        )


# A file at least this big is cleaned as a stream when its result goes to a file
# (-o, -i): below it the whole-file path is as fast and memory is no concern.
STREAM_MIN_BYTES = 8 * 1024 * 1024
# ... or this big, when it is the only input and -j gives workers to its units.
PARALLEL_MIN_BYTES = 1024 * 1024


def should_stream(source: batch.Source, mode: WriteBack, workers: int = 1) -> bool:
    """Stream to stdout always (the reader sees pages as they are cleaned), to a file
    when the input is large or stdin (of a size unknown), and --check a large file
    (its bytes are compared with what -i would write as it comes), and --diff a
    large file (matched unit by unit as it comes). `workers` are the processes a
    single input's units may use."""
    if mode is WriteBack.STDOUT:
        return True
    if mode in (WriteBack.CHECK, WriteBack.DIFF):
        # stdin cannot be read twice (the newline pass -i and --check need): a
        # large one is a temp file here (see `spool_stdin`).
        size = None if source.path is None else streaming.input_size(source)
        return size is not None and size >= STREAM_MIN_BYTES
    if mode in (WriteBack.FILE, WriteBack.IN_PLACE):
        if source.path is None:
            return True  # stdin: its size is unknown, and may be large
        size = streaming.input_size(source)
        least = PARALLEL_MIN_BYTES if workers > 1 else STREAM_MIN_BYTES
        return size is not None and size >= least
    return False


def reads_stdin_twice(mode: WriteBack, options: CleanOptions) -> str:
    """The option, if any, for which a large stdin is read twice: --check and
    --diff compare the newlines first, --furniture finds the running heads
    across the whole input first (with --no-rebuild-paragraphs, which keeps the
    layout, the text is held all the same: see `pipeline.iter_clean_units`)."""
    if mode is WriteBack.CHECK:
        return "--check"
    if mode is WriteBack.DIFF:
        return "--diff"
    if options.drop_furniture:
        from papercli.pipeline import keeps_layout

        return "" if keeps_layout(options) else "--furniture"
    return ""


def check_report_path(
    path: str,
    sources: list[batch.Source],
    targets: list[Path | None],
    mode: WriteBack,
    backup: str | None = None,
) -> None:
    """Refuse a --report that would overwrite an input, an output or a `backup`,
    or share stdout with the text; `-` is stdout, as for -o and split --manifest."""
    if path == "-":
        if mode in (WriteBack.STDOUT, WriteBack.DIFF):
            raise click.UsageError(
                "--report - would mix the JSON with the text on stdout: "
                "give it a file, or write the text with -o, -i or --check"
            )
        return
    if any(s.path and plan.same_file(s.path, path) for s in sources):
        raise click.UsageError(f"--report {quote_name(path)} is also an input")
    # Outputs may not exist yet: compared by the path they resolve to. A device or
    # FIFO (`/dev/null` for both) is written into, never replaced: no clash there.
    where = os.path.realpath(path)
    special = os.path.exists(where) and atomic.written_into(os.stat(where).st_mode)
    if not special and any(t is not None and os.path.realpath(t) == where for t in targets):
        raise click.UsageError(f"--report {quote_name(path)} is also an output")
    # A backup is named after the file a link leads to, and replaces that name (see
    # `atomic.AtomicOutput`): a report written there after the work would leave
    # the original text nowhere (`-i --backup .orig page.txt --report page.txt.orig`).
    if backup and not special:
        for source in sources:
            if source.path and where == os.path.realpath(source.path) + backup:
                raise click.UsageError(
                    f"--report {quote_name(path)} is also the backup of "
                    f"{quote_name(source.name)}: refusing to overwrite it"
                )
    if atomic.names_a_descriptor(path):
        raise click.UsageError(
            f"--report {quote_name(path)} names an open file descriptor, not a file"
        )
    made = [t.parent for t in targets if t is not None] if mode is WriteBack.FILE else []
    if problem := dir_problem(path, made, through_links=True):
        # Checked before any input is read: the report is written after the work.
        raise Failure(f"--report {quote_name(path)}: cannot write: {problem}")


def refuse_special_file(source: batch.Source) -> batch.Source:
    """-i rewrites regular files only: a FIFO or a device fails on its own, before
    it is opened (a FIFO's data is another reader's, and with no writer the open
    would wait for ever), as `sed -i` refuses one. A missing file or a directory
    is left to the read, which names its problem."""
    if source.path is None or source.error is not None:
        return source
    try:
        mode = os.stat(source.path).st_mode
    except OSError:
        return source
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return source
    problem = f"{source.name}: not a regular file; refusing to replace it"
    return dataclasses.replace(source, error=problem)


def run_text_command(ctx: click.Context, options: CleanOptions, io: IOArgs) -> None:
    """The I/O contract shared by clean, unwrap, rejoin, dedupe and convert."""
    # -o DIR inside a directory walked is no input (see plan.collect_sources).
    output_dir = io.output if io.write_back is WriteBack.FILE else None
    sources = collect_sources(
        io.files, recursive=io.recursive, glob=io.glob, output_dir=output_dir
    )
    try:
        targets = plan.plan_outputs(io, sources)
    except batch.UsageError as exc:
        raise click.UsageError(str(exc)) from None
    mode = io.write_back
    if mode is WriteBack.IN_PLACE:
        sources = [refuse_special_file(s) for s in sources]  # one for one: targets hold
    # Several inputs: -o is a directory (plan_outputs made sure), checked once here.
    several = mode is WriteBack.FILE and len(sources) > 1 and io.output is not None
    if several and (problem := output_dir_problem(Path(str(io.output)))):
        raise Failure(f"{quote_name(str(io.output))}: {problem}")
    if io.report_path:
        check_report_path(io.report_path, sources, targets, mode, io.backup)
    report = Report(
        check=mode in (WriteBack.CHECK, WriteBack.DIFF),
        quiet=io.quiet,
        verbose=io.verbose,
        color=use_color(io.color, sys.stderr),
    )
    settings = Settings(
        options=options,
        encoding=io.encoding,
        output_encoding=io.output_encoding,
        # --diff judges a change as --check and -i do: on the bytes -i would write.
        keep_format=mode in (WriteBack.IN_PLACE, WriteBack.CHECK, WriteBack.DIFF),
        explain_breaks=io.explain and io.verbose,
        diff=mode is WriteBack.DIFF,
    )
    if not sources:
        report.echo("no files matched")
    stdin: bytes | None = None
    twice = reads_stdin_twice(mode, options)
    if twice and any(s.path is None for s in sources):
        # A pipe cannot be read twice, as --check, --diff and --furniture of a
        # large input do (see should_stream): past STREAM_MIN_BYTES it waits in a
        # temp file, which is read as a file would be; a smaller one is held.
        spooled = spool_stdin(STREAM_MIN_BYTES, twice)
        if isinstance(spooled, bytes):
            stdin = spooled
        else:
            ctx.call_on_close(lambda: remove_quietly(spooled))
            sources = [
                dataclasses.replace(s, path=spooled) if s.path is None else s for s in sources
            ]
    target_of = {s: t for s, t in zip(sources, targets, strict=True)}
    # Workers go to files; a lone file's units get them instead (see papercli.parallel).
    unit_workers = batch.unit_worker_count(io.jobs) if len(sources) == 1 else 1
    streamed = frozenset(s for s in sources if should_stream(s, mode, unit_workers))
    keep_changes = io.explain or io.verbose or bool(io.report_path)

    checks = mode is WriteBack.CHECK

    diffs = mode is WriteBack.DIFF

    def stdin_stream() -> BinaryIO:
        # stdin held by spool_stdin is read from memory, as often as need be.
        return binary_stdin() if stdin is None else BytesIO(stdin)

    def stream_one(source: batch.Source) -> Outcome:
        diff_out = DiffOut(io) if diffs else None
        try:
            outcome = streaming.stream(
                source,
                settings,
                target=target_of[source],
                write=None if target_of[source] or checks or diffs else write_stdout_streamed,
                backup=io.backup,
                stdin=stdin_stream() if source.path is None else None,
                keep_changes=keep_changes,
                workers=unit_workers,
                check=checks,
                diff=diff_out,
            )
            if diff_out is not None:
                diff_out.flush()
            return outcome
        except BrokenPipeError:
            stdout_closed()
            raise  # not reached: stdout_closed exits

    if stdin is None and any(s.path is None and s not in streamed for s in sources):
        stdin = read_stdin()
    late: list[Outcome] = []  # a run cut short: what its workers finished besides
    outcomes = batch.run(
        sources,
        settings,
        jobs=io.jobs,
        stdin=stdin,
        streamed=streamed,
        stream_one=stream_one,
        targets=target_of,
        delivery=(
            batch.Delivery(in_place=mode is WriteBack.IN_PLACE, backup=io.backup)
            if mode in (WriteBack.IN_PLACE, WriteBack.FILE)
            else None
        ),
        abandoned=late,
    )
    # A dumb terminal cannot redraw a line: no bar there.
    show_progress = is_terminal(sys.stderr) and not is_dumb() and not io.quiet
    done: list[Outcome] = []  # each once its file's fate is settled (see below)
    unwritten: set[batch.Source] = set()  # results that could not be written
    report_file = ReportFile(io.report_path, ctx.info_name or "clean") if io.report_path else None
    if report_file is not None:
        ctx.call_on_close(report_file.close)

    def settle(outcome: Outcome) -> None:
        if report_file is not None:
            report_file.add(outcome)
        done.append(settled_only(outcome))

    def handle(outcome: Outcome) -> None:
        # An outcome joins `done` once its file is as it will stay: failed, written
        # by a worker or a stream, or written here; a Ctrl-C in the middle of the
        # write here leaves the file as it was, and out of an interrupted --report.
        if outcome.error or outcome.delivered:
            settle(outcome)
        if outcome.error:
            report.fail(outcome.error, name=outcome.source.name, internal=outcome.internal)
            if outcome.trace and io.verbose:
                for line in outcome.trace.rstrip("\n").split("\n"):
                    report.write(line)
            return
        if io.verbose:
            for line in describe_lines(
                outcome.source.name, outcome.info, outcome.blocks, outcome.changes
            ):
                report.write(line)
        if io.explain:
            for line in explain_lines(outcome.source.name, outcome.changes):
                report.write(line)
        if outcome.delivered and outcome.same_text and not io.quiet:
            say_no_text_change(outcome, report)  # a streamed --diff's (see `deliver`)
        if not outcome.delivered:
            try:
                deliver(outcome, target_of[outcome.source], io, report)
            except textio.OutputError as exc:
                settle(outcome)
                unwritten.add(outcome.source)
                target = target_of[outcome.source]
                report.fail(str(exc), name=outcome.source.name if target is None else str(target))
                return
            settle(outcome)
        action = "rewrote" if mode is WriteBack.IN_PLACE else "cleaned"
        report.done(outcome.source.name, changed=outcome.changed, action=action)

    try:
        for outcome in with_progress(
            outcomes, len(sources), show_progress, report=report, label="cleaning"
        ):
            handle(outcome)
    except (KeyboardInterrupt, Terminated):
        # Ctrl-C or SIGTERM mid-batch: the files rewritten so far are on record too.
        if report_file is not None:
            report_interrupted(
                report_file,
                outcomes,
                sources,
                done,
                report,
                late=late,
                unwritten=unwritten,
            )
        raise
    if report_file is not None:
        write_json_report(report_file, done, report)
    report.print_summary(always=mode not in (WriteBack.STDOUT, WriteBack.FILE) or len(sources) > 1)
    ctx.exit(report.return_code)


def remove_quietly(path: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)
