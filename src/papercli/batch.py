"""The batch: processing one file, and a run over many (in worker processes with -j).

Sits between the click layer and textio: it knows paths and the I/O contract
(in-place keeps the file's format, a result is written atomically or not at
all) but no click and no terminal; which files go in and where each result goes
is `papercli.plan`, and a large file cleaned as a stream is `papercli.streaming`.
`process` never raises, so one bad file cannot stop a batch, and it is picklable
for the process pool of `-j`.
"""

from __future__ import annotations

import collections
import dataclasses
import functools
import os
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

from papercli import atomic, textio
from papercli.changes import Change
from papercli.options import CleanOptions

if TYPE_CHECKING:
    from concurrent.futures import Future

    from papercli.change_log import ChangeLog



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
    # A streamed input's, once many, wait in a temp file (see papercli.change_log).
    changes: tuple[Change, ...] | ChangeLog = ()
    # --diff: lines of `before` and `after` where a unit of the engine starts in
    # both (see `diffs.anchor_lines`).
    anchors: tuple[tuple[int, int], ...] = ()
    # --diff, streamed: the bytes would change, but not the text (newlines, BOM or
    # the encoding only).
    same_text: bool = False
    # Already written where it goes (`stream`, or a pool worker): `data`, `before`
    # and `after` are empty, so that nothing big travels back to the parent.
    delivered: bool = False


def out_of_memory(name: str) -> str:
    """The error for an input the machine had too little memory to clean: an
    input's size, not a bug (exit 2). A large file is cleaned a unit of lines (or
    a piece of a huge line) at a time, but some options hold the whole text."""
    return (
        f"{name}: out of memory while cleaning it: --furniture of a named pipe holds "
        "the whole text (several times its size)"
    )


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
        anchors: tuple[tuple[int, int], ...] = ()
        changes = result.changes
        if settings.explain_breaks and settings.options.rebuild_paragraphs:
            from papercli.breaks import explain_breaks, with_breaks

            breaks = explain_breaks(split_lines(decoded.text), 1, result.page.blocks)
            changes = with_breaks(changes, breaks)
        # The engine numbers a form feed, and each piece of a cut line, as lines of
        # their own; reports give the file's.
        changes = FileLines.of_text(decoded.text).changes(changes)
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
                anchors = diff_anchors(result.unit_starts, decoded.text, before, after)
        else:
            data = textio.encode_text(result.text, encoding=settings.output_encoding or "utf-8")
            changed = result.text != decoded.text
    except (textio.InputError, textio.OutputError) as exc:
        message = str(exc)
        if not message.startswith(source.name):
            message = f"{source.name}: {message}"
        return Outcome(source, error=message)
    except MemoryError:
        return Outcome(source, error=out_of_memory(source.name))
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
        anchors=anchors,
    )


def diff_anchors(
    unit_starts: tuple[tuple[int, int], ...], text: str, before: str, after: str
) -> tuple[tuple[int, int], ...]:
    """--diff's anchors (see `diffs.anchor_lines`) for a file whose engine lines
    (`text` decoded) are its diff lines (`before`, `after` as written), but for the
    form feeds and cut lines `FileLines` knows. A lone CR ends an engine line and
    no diff line: such a file is diffed whole."""
    from papercli.diffs import anchor_lines
    from papercli.units import FileLines

    if not unit_starts or any(t.count("\r") != t.count("\r\n") for t in (before, after)):
        return ()
    return anchor_lines(unit_starts, FileLines.of_text(text).real)


def _as_written(raw: bytes, data: bytes, encoding: str, settings: Settings) -> tuple[str, str]:
    """The input and the -i output as texts with their newlines (and BOM, as U+FEFF)
    untouched: the codecs named here never strip a BOM (`textio.decode_bytes`
    resolves utf-8-sig, utf-16 and utf-32 to codecs that do not)."""
    written = textio.without_bom(settings.output_encoding) if settings.output_encoding else encoding
    return raw.decode(encoding), data.decode(written)


def write_result(outcome: Outcome, target: Path, *, in_place: bool, backup: str | None) -> None:
    """Write one result to a file: -i only when its bytes change (with `backup`), -o
    always, creating the directories it mirrors. Raises textio.OutputError."""
    if in_place:
        if outcome.changed:
            atomic.atomic_write(target, outcome.data, backup=backup)
        return
    make_parent(target)
    atomic.atomic_write(target, outcome.data, device_ok=True)


def make_parent(target: Path) -> None:
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


