"""The batch: processing one file, and a run over many (in worker processes with -j).

Sits between the click layer and textio: it knows paths and the I/O contract
(in-place keeps the file's format, a result is written atomically or not at
all) but no click and no terminal; which files go in and where each result goes
is `papercli.plan`. `process` never raises, so one bad file cannot stop a
batch, and it is picklable for the process pool of `-j`.
"""

from __future__ import annotations

import collections
import contextlib
import dataclasses
import functools
import os
import stat
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from papercli import atomic, textio
from papercli.changes import Change
from papercli.options import CleanOptions

if TYPE_CHECKING:
    from concurrent.futures import Future

    from papercli.page import Block
    from papercli.textstream import TextStream


class UsageError(Exception):
    """A command line that cannot be carried out safely: nothing is read or written."""


class WriteBack(Enum):
    """Where results go; one choice per run, as black's WriteBack."""

    STDOUT = "stdout"
    FILE = "file"
    DIR = "dir"
    IN_PLACE = "in-place"
    CHECK = "check"
    DIFF = "diff"


@dataclass(frozen=True)
class Source:
    """One input. `path` None is stdin; `rel` is its path under an output DIR.

    `error` is set for a directory -r could not list: it fails as an unreadable
    file would, in its turn, instead of its files vanishing from the batch."""

    path: str | None
    name: str
    rel: Path
    error: str | None = None


@dataclass(frozen=True)
class IOArgs:
    """The I/O options every text command shares (the flags of the same names)."""

    files: tuple[str, ...]
    output: str | None
    in_place: bool
    backup: str | None
    check: bool
    diff: bool
    recursive: bool
    glob: str
    encoding: str | None
    output_encoding: str | None
    jobs: int
    explain: bool
    report_path: str | None
    quiet: bool
    verbose: bool
    color: bool | None

    @property
    def write_back(self) -> WriteBack:
        if self.diff:
            return WriteBack.DIFF
        if self.check:
            return WriteBack.CHECK
        if self.in_place:
            return WriteBack.IN_PLACE
        # `-o -` is stdout, as for click.File and most filters.
        return WriteBack.FILE if self.output and self.output != "-" else WriteBack.STDOUT


@dataclass(frozen=True)
class Settings:
    """What a worker needs to process one file."""

    options: CleanOptions
    encoding: str | None
    output_encoding: str | None
    keep_format: bool  # -i/--check: write back in the input's encoding, newlines, BOM
    # --explain -v: record every line break (joined, kept, healed), not only the
    # decisions the engine records itself.
    explain_breaks: bool = False
    # --diff: keep the texts the diff is made of as they are in the bytes (the file's
    # newlines and BOM, and what -i would write), so that `patch` applies the diff
    # to the file and gets exactly -i's result.
    diff: bool = False


@dataclass(frozen=True)
class Outcome:
    """What processing one file gave: output bytes, or an error message."""

    source: Source
    error: str | None = None
    internal: bool = False
    trace: str = ""
    info: dict[str, object] = field(default_factory=dict)
    before: str = ""
    after: str = ""
    data: bytes = b""
    changed: bool = False
    blocks: int = 0
    changes: tuple[Change, ...] = ()
    # Already written where it goes (`stream`, or a pool worker): `data`, `before`
    # and `after` are empty, so that nothing big travels back to the parent.
    delivered: bool = False


def process(source: Source, settings: Settings, raw: bytes | None = None) -> Outcome:
    """Read, decode, clean and encode one input; never raises.

    A bad input is an error (exit 2); any other exception is a bug (exit 3).
    """
    from papercli.pipeline import clean_and_explain
    from papercli.units import FileLines, split_lines

    if source.error is not None:
        return Outcome(source, error=source.error)
    try:
        if raw is None:
            assert source.path is not None
            raw = textio.read_bytes(source.path)
        decoded = textio.decode_bytes(raw, name=source.name, encoding=settings.encoding)
        result = clean_and_explain(decoded.text, settings.options)
        before, after = decoded.text, result.text
        changes = result.changes
        if settings.explain_breaks and settings.options.rebuild_paragraphs:
            from papercli.breaks import explain_breaks, with_breaks

            breaks = explain_breaks(split_lines(decoded.text), 1, result.page.blocks)
            changes = with_breaks(changes, breaks)
        if "\f" in decoded.text:
            # The engine numbers a form feed as lines of its own; reports give the file's.
            changes = FileLines.of(split_lines(decoded.text)).changes(changes)
        if settings.keep_format:
            data = textio.encode_text(
                result.text,
                encoding=settings.output_encoding or decoded.encoding,
                newline=decoded.newline,
                bom=decoded.bom and settings.output_encoding is None,
            )
            # Byte-level: what --in-place would write differs from what is on disk.
            changed = data != raw
            if settings.diff:
                before, after = _as_written(raw, data, decoded.encoding, settings)
        else:
            data = textio.encode_text(result.text, encoding=settings.output_encoding or "utf-8")
            changed = result.text != decoded.text
    except (textio.InputError, textio.OutputError) as exc:
        message = str(exc)
        if not message.startswith(source.name):
            message = f"{source.name}: {message}"
        return Outcome(source, error=message)
    except Exception as exc:
        return Outcome(
            source,
            error=f"{source.name}: internal error: {type(exc).__name__}: {exc}",
            internal=True,
            trace=traceback.format_exc(),
        )
    return Outcome(
        source,
        info=decoded.info(),
        before=before,
        after=after,
        data=data,
        changed=changed,
        blocks=len(result.page),
        changes=changes,
    )


def _as_written(raw: bytes, data: bytes, encoding: str, settings: Settings) -> tuple[str, str]:
    """The input and the -i output as texts with their newlines (and BOM, as U+FEFF)
    untouched: the codecs named here never strip a BOM (`textio.decode_bytes`
    resolves utf-8-sig, utf-16 and utf-32 to codecs that do not)."""
    written = textio.without_bom(settings.output_encoding) if settings.output_encoding else encoding
    return raw.decode(encoding), data.decode(written)


def input_size(source: Source) -> int | None:
    """The size of a regular input file, None for stdin, a pipe or an unreadable path."""
    if source.path is None:
        return None
    try:
        info = os.stat(source.path)
    except OSError:
        return None
    return info.st_size if stat.S_ISREG(info.st_mode) else None


def stream(
    source: Source,
    settings: Settings,
    *,
    target: Path | None = None,
    write: Callable[[bytes], object] | None = None,
    backup: str | None = None,
    stdin: BinaryIO | None = None,
    keep_changes: bool = True,
    workers: int = 1,
) -> Outcome:
    """Clean one input as a stream, unit by unit, in bounded memory; never raises
    for a bad input (see `process`). The output is byte-identical to `process`'s.
    With `workers` over 1, the units are cleaned in that many processes (see
    `papercli.parallel`), except under --explain -v, which reads every unit's page.

    The result goes to `write` (stdout) or atomically to `target`; with
    `settings.keep_format` (-i) the target is replaced only when its bytes change.
    `keep_changes` False counts changes without keeping them (they can be many on a
    large input, and only --explain, -v and --report read them). A write that
    fails with BrokenPipeError is re-raised: the caller decides what a closed
    stdout means.
    """
    from papercli.atomic import AtomicOutput
    from papercli.breaks import explain_breaks, with_breaks
    from papercli.pipeline import changes_structure, iter_clean, join_results, unit_separator
    from papercli.textstream import SameText, TextSink, TextStream
    from papercli.units import FileLines

    if source.error is not None:
        return Outcome(source, error=source.error)
    out: AtomicOutput | None = None
    blocks = 0
    changes: list[Change] = []
    try:
        newline, bom = "\n", False
        if settings.keep_format:
            # -i writes the input's dominant newline style, known only at its end: a
            # first pass over the file finds it without holding the text.
            with _open_input(source, stdin) as fh:
                scan = TextStream(fh, name=source.name, encoding=settings.encoding)
                for _ in scan.lines():
                    pass
            newline = scan.newline
            bom = scan.bom and settings.output_encoding is None
        elif target is None or _writes_through(target):
            # What reaches stdout (or a device or FIFO named by -o) cannot be taken
            # back: an input that can be read twice (a regular file, or stdin
            # redirected from one) is first decoded and checked for binary data in a
            # pass that holds one chunk at a time, so that a bad byte anywhere writes
            # nothing. A pipe cannot be: see the README (Encodings).
            try:
                _validate(source, stdin, settings)
            except textio.InputError:
                if target is not None:
                    _hang_up(target)
                raise
        with _open_input(source, stdin) as fh:
            text_in = TextStream(fh, name=source.name, encoding=settings.encoding)
            encoding = settings.output_encoding or (
                text_in.encoding if settings.keep_format else "utf-8"
            )
            if target is not None:
                _make_parent(target)
                out = AtomicOutput(target, backup=backup, device_ok=not settings.keep_format)
                write = out.write
            assert write is not None
            sink = TextSink(write, encoding=encoding, newline=newline, bom=bom)
            same = SameText()
            text_in.watch = same.left

            breaks = settings.explain_breaks and settings.options.rebuild_paragraphs
            # The source lines not yet explained, for --explain -v: a unit's lines
            # are all read before its result comes back.
            seen: list[str] = []
            first_seen = 1
            # The last line and block of the unit before, for the break between units.
            tail: tuple[list[str], list[Block]] = ([], [])

            # Where the form feeds are, to report the file's line numbers (see FileLines).
            file_lines = FileLines()

            def source_lines() -> Iterator[str]:
                for number, line in enumerate(text_in.lines(), 1):
                    if breaks:
                        seen.append(line)
                    if keep_changes:
                        file_lines.see(number, line)
                    yield line

            def texts() -> Iterator[str]:
                nonlocal blocks, first_seen, tail
                if workers > 1 and not breaks:
                    from papercli.parallel import iter_digests

                    for cleaned in iter_digests(
                        source_lines(), settings.options, workers, keep_changes=keep_changes
                    ):
                        blocks += cleaned.blocks
                        changes.extend(cleaned.changes)
                        yield cleaned.text
                    return
                for result in iter_clean(source_lines(), settings.options):
                    blocks += len(result.page)
                    if breaks and result.page.blocks:
                        # Up to the unit's last block; what follows belongs to the next.
                        done = result.page.blocks[-1].last_line - first_seen + 1
                        unit, seen[:done] = seen[:done], []
                        found = explain_breaks(
                            tail[0] + unit,
                            first_seen - len(tail[0]),
                            tail[1] + list(result.page.blocks),
                        )
                        changes.extend(with_breaks(result.changes, found))
                        tail = (unit[-1:], list(result.page.blocks[-1:]))
                        first_seen += done
                    elif keep_changes:
                        changes.extend(result.changes)
                    yield result.text

            pieces = join_results(texts(), unit_separator(settings.options))
            if not changes_structure(settings.options):
                pieces = keep_missing_newline(pieces, text_in)
            for piece in pieces:
                same.right(piece)
                sink.write(piece)
            sink.close()
        if out is not None:
            if settings.keep_format:
                changed = not out.same_as_target()
                if changed:
                    out.commit()
                else:
                    out.discard()
            else:
                changed = not same.same()
                out.commit()
        else:
            changed = not same.same()
    except BrokenPipeError:
        raise
    except (textio.InputError, textio.OutputError, OSError) as exc:
        if out is not None:
            out.discard()
        # An OSError here is a read failing mid-file (textio's are already one-liners).
        message = str(exc) if not isinstance(exc, OSError) else f"I/O error: {exc.strerror}"
        # An output file's failure names that file alone, as `write_result` does;
        # stdout's (`<stdout>: …`) and the input's go behind the input's name.
        names_target = target is not None and message.startswith(f"{target}: ")
        if not (names_target or message.startswith(source.name)):
            message = f"{source.name}: {message}"
        return Outcome(source, error=message)
    except Exception as exc:
        if out is not None:
            out.discard()
        return Outcome(
            source,
            error=f"{source.name}: internal error: {type(exc).__name__}: {exc}",
            internal=True,
            trace=traceback.format_exc(),
        )
    except BaseException:
        # Ctrl-C mid-file: the target stays as it was and its temp file goes too.
        if out is not None:
            out.discard()
        raise
    if not keep_changes:
        changes = []
    return Outcome(
        source,
        info=text_in.info(),
        changed=changed,
        blocks=blocks,
        changes=file_lines.changes(changes),
        delivered=True,
    )


def _validate(source: Source, stdin: BinaryIO | None, settings: Settings) -> None:
    """Decode a re-readable input once, keeping nothing; raises textio.InputError
    where the streamed cleaning would, before it has written anything."""
    from papercli.textstream import TextStream

    start: int | None = None
    if source.path is None:
        assert stdin is not None
        if not stdin.seekable():
            return  # a pipe or a terminal: only one pass is possible
        start = stdin.tell()
    elif not _is_regular(source.path):
        # A FIFO, /dev/stdin on a pipe, `<(cmd)`: a second open would find it
        # drained (or wait for a new writer), so it is read once, as it streams.
        return
    with _open_input(source, stdin) as fh:
        for _ in TextStream(fh, name=source.name, encoding=settings.encoding).texts():
            pass
    if start is not None:
        assert stdin is not None
        stdin.seek(start)


def _is_regular(path: str | Path) -> bool:
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return True  # not there or unreadable: the open reports it


def _writes_through(target: Path) -> bool:
    """Is `target` one that -o writes into as the text comes (`atomic.written_into`)?"""
    try:
        return atomic.written_into(os.stat(target).st_mode)
    except OSError:
        return False


def _hang_up(target: Path) -> None:
    """Open and close a FIFO named by -o without writing, so that a reader already
    waiting on it sees an empty stream end instead of waiting for ever; a device,
    or a FIFO nobody reads, is left alone."""
    with contextlib.suppress(OSError):
        if stat.S_ISFIFO(os.stat(target).st_mode):
            os.close(os.open(target, os.O_WRONLY | os.O_NONBLOCK))


@contextlib.contextmanager
def _open_input(source: Source, stdin: BinaryIO | None) -> Iterator[BinaryIO]:
    """The input as a binary stream; OS errors become the one-line InputErrors of
    `textio.read_bytes` (stdin is the caller's and stays open)."""
    if source.path is None:
        assert stdin is not None
        yield stdin
        return
    try:
        fh = open(source.path, "rb")  # noqa: SIM115 - closed below, after the caller's block
    except OSError:
        textio.read_bytes(source.path)  # raises the matching InputError
        raise
    with fh:
        yield fh


def write_result(outcome: Outcome, target: Path, *, in_place: bool, backup: str | None) -> None:
    """Write one result to a file: -i only when its bytes change (with `backup`), -o
    always, creating the directories it mirrors. Raises textio.OutputError."""
    if in_place:
        if outcome.changed:
            atomic.atomic_write(target, outcome.data, backup=backup)
        return
    _make_parent(target)
    atomic.atomic_write(target, outcome.data, device_ok=True)


def _make_parent(target: Path) -> None:
    """Create the directories an output mirrors; raises textio.OutputError."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise textio.OutputError(f"{target.parent}: cannot create: {exc.strerror}") from None


@dataclass(frozen=True)
class Delivery:
    """Where a pool worker writes its results itself (-o, -i), so that the writes and
    their fsyncs run in parallel too and only a small Outcome comes back."""

    in_place: bool
    backup: str | None


def _process_chunk(
    settings: Settings, delivery: Delivery | None, jobs: list[tuple[Source, Path | None]]
) -> list[Outcome]:
    """A pool task: several files, in order (see `_process_in_worker`)."""
    return [_process_in_worker(settings, delivery, job) for job in jobs]


def _process_in_worker(
    settings: Settings, delivery: Delivery | None, job: tuple[Source, Path | None]
) -> Outcome:
    from papercli.parallel import stopping

    source, target = job
    if stopping():
        # Ctrl-C: the files still queued to this worker keep their text. The main
        # process is on its way out and reports none of them.
        return Outcome(source, error=f"{source.name}: interrupted")
    outcome = process(source, settings)
    if delivery is None or target is None or outcome.error:
        return outcome
    try:
        write_result(outcome, target, in_place=delivery.in_place, backup=delivery.backup)
    except textio.OutputError as exc:
        return Outcome(source, error=str(exc))
    return dataclasses.replace(outcome, data=b"", before="", after="", delivered=True)


def usable_cores() -> int:
    """The cores this process may run on: its CPU affinity (`taskset`, a
    container's cpuset), not every core the machine has."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def worker_count(jobs: int) -> int:
    """The processes `-j jobs` asks for: 0 means one per usable core."""
    return usable_cores() if jobs == 0 else jobs


def unit_worker_count(jobs: int) -> int:
    """The processes that clean the units of a single input under `-j jobs`: at most
    one per core. Cleaning a unit is all CPU, so more only cost forks, and each
    holds units in flight (a pool of `-j 99999999999` could not even be made)."""
    return min(worker_count(jobs), usable_cores())


def run(
    sources: list[Source],
    settings: Settings,
    *,
    jobs: int,
    stdin: bytes | None = None,
    streamed: frozenset[Source] = frozenset(),
    stream_one: Callable[[Source], Outcome] | None = None,
    targets: dict[Source, Path | None] | None = None,
    delivery: Delivery | None = None,
    abandoned: list[Outcome] | None = None,
) -> Iterator[Outcome]:
    """Outcomes in input order whatever the number of workers, so output is identical.

    `jobs` 0 means one worker per core. `stdin` holds the bytes of the '-' source.
    Sources in `streamed` are handed to `stream_one` in this process, in their turn:
    they write their own output, which a pool worker cannot do in input order.
    With `delivery`, pool workers write each result to its entry in `targets`.
    A run left early (Ctrl-C) waits for the files its workers are on, and puts
    in `abandoned` the outcomes of those it finished but never yielded: with
    `delivery` they are written, and a --report must name them.
    """
    workers = worker_count(jobs)
    pooled = [s for s in sources if s not in streamed]
    if (
        workers > 1
        and len(pooled) > 1
        and all(s.path is not None for s in sources)
    ):
        from papercli.parallel import worker_pool

        workers = min(workers, len(pooled))
        # Several files per task: a page takes milliseconds, and so does a round trip.
        chunksize = max(1, len(pooled) // (workers * 4))
        jobs_ = [(s, (targets or {}).get(s)) for s in pooled]
        chunks = [jobs_[i : i + chunksize] for i in range(0, len(jobs_), chunksize)]
        futures: list[Future[list[Outcome]]] = []
        received: collections.deque[Outcome] = collections.deque()
        taken = 0  # chunks whose outcomes were received
        try:
            with worker_pool(workers) as pool:
                task = functools.partial(_process_chunk, settings, delivery)
                futures = [pool.submit(task, chunk) for chunk in chunks]
                for source in sources:
                    if source in streamed:
                        assert stream_one is not None
                        yield stream_one(source)
                        continue
                    if not received:
                        received.extend(futures[taken].result())
                        taken += 1
                    yield received.popleft()
        except BaseException:
            # The pool has waited for its running tasks: what they finished is known.
            if abandoned is not None:
                abandoned.extend(received)
                for future in futures[taken:]:
                    if future.done() and not future.cancelled() and future.exception() is None:
                        abandoned.extend(future.result())
            raise
        return
    for source in sources:
        if source in streamed:
            assert stream_one is not None
            yield stream_one(source)
        else:
            yield process(source, settings, stdin if source.path is None else None)


def keep_missing_newline(pieces: Iterator[str], text_in: TextStream) -> Iterator[str]:
    """The pieces, less the final newline where the input had none: the output of
    a step that keeps every line (convert) ends as the input did, streamed or not.
    Each piece waits for the next, so the last is known when it goes."""
    pending = ""
    for piece in pieces:
        if piece:
            if pending:
                yield pending
            pending = piece
    if pending.endswith("\n") and not text_in.ends_with_newline:
        pending = pending[:-1]
    if pending:
        yield pending
