"""One input cleaned as a stream: unit by unit, in bounded memory, written as it goes.

The path `clean` takes for a large file (and the Dask recipe for every file): the
bytes are decoded a chunk at a time (`papercli.textstream`), cut into units at safe
block boundaries (`papercli.units`), cleaned (in worker processes with `-j`, see
`papercli.parallel`) and written to stdout or atomically to a file. The output is
byte-identical to the whole-file path of `papercli.batch.process`; what reaches
stdout cannot be taken back, so an input that can be read twice is checked for
undecodable or binary data first.
"""

from __future__ import annotations

import contextlib
import os
import stat
import traceback
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, cast

from papercli import atomic, textio
from papercli.batch import Outcome, Settings, Source, make_parent, out_of_memory
from papercli.change_log import ChangeLog
from papercli.changes import Change

if TYPE_CHECKING:
    from papercli.page import Block
    from papercli.textstream import TextStream


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
    check: bool = False,
    diff: Callable[[str], object] | None = None,
) -> Outcome:
    """Clean one input as a stream, unit by unit, in bounded memory; never raises
    for a bad input (see `process`). The output is byte-identical to `process`'s.
    With `check` (--check on a file: `settings.keep_format`, no `target` or
    `write`), the output is not written but compared, as it comes, with the
    file's own bytes: `Outcome.changed` says whether -i would change them.
    With `diff` (--diff of a file: `settings.keep_format`, no `target` or `write`),
    each line of a unified diff from the file to what -i would write goes to
    `diff` as it is made (`diffs.DiffStream`, matched unit by unit), and
    `Outcome.same_text` says whether only newlines, BOM or bytes would change.
    With `workers` over 1, the units are cleaned in that many processes (see
    `papercli.parallel`), except under --explain -v and --diff, which read every
    unit in order.

    The result goes to `write` (stdout) or atomically to `target`; with
    `settings.keep_format` (-i) the target is replaced only when its bytes change.
    `keep_changes` False counts changes without keeping them (they can be many on a
    large input, and only --explain, -v and --report read them). A write that
    fails with BrokenPipeError is re-raised: the caller decides what a closed
    stdout means.
    """
    from papercli.atomic import AtomicOutput
    from papercli.breaks import explain_breaks, with_breaks
    from papercli.pipeline import (
        changes_structure,
        cyclic_gc_paused,
        iter_clean,
        iter_clean_units,
        join_results,
        unit_separator,
    )
    from papercli.steps.furniture import furniture_lines
    from papercli.textstream import SameText, TextSink, TextStream
    from papercli.units import FileLines

    if source.error is not None:
        return Outcome(source, error=source.error)
    out: AtomicOutput | None = None
    same_bytes: SameBytes | None = None
    patch: FileDiff | None = None
    blocks = 0
    changes = ChangeLog()
    try:
        newline, bom, lone_cr = "\n", False, False
        text_same = False
        # --furniture: the running heads' lines, found in a first pass where the
        # input can be read twice (see `pipeline.iter_clean_units`).
        furniture: set[int] | None = None
        finds_furniture = settings.options.drop_furniture and changes_structure(settings.options)
        if check or diff is not None:
            assert source.path is not None and target is None and write is None
            same_bytes = SameBytes(source.path)
            write = same_bytes.write
        if settings.keep_format:
            # -i writes the input's dominant newline style, known only at its end: a
            # first pass over the file finds it without holding the text.
            with _open_input(source, stdin) as fh:
                scan = TextStream(fh, name=source.name, encoding=settings.encoding)
                if finds_furniture:
                    furniture = furniture_lines(scan.lines())
                else:
                    for _ in scan.lines():
                        pass
            newline = scan.newline
            bom = scan.bom and settings.output_encoding is None
            # A lone CR ends a line of the engine's and none of the diff's: the
            # units' starts would be no places where both texts are cut.
            lone_cr = scan.newline_counts["\r"] > 0
        elif target is None or _writes_through(target):
            # What reaches stdout (or a device or FIFO named by -o) cannot be taken
            # back: an input that can be read twice (a regular file, or stdin
            # redirected from one) is first decoded and checked for binary data in a
            # pass that holds one chunk at a time, so that a bad byte anywhere writes
            # nothing. A pipe cannot be: see the README (Encodings).
            try:
                furniture = first_pass(source, stdin, settings.encoding, furniture=finds_furniture)
            except textio.InputError:
                if target is not None:
                    _hang_up(target)
                raise
        elif finds_furniture:
            furniture = first_pass(source, stdin, settings.encoding, furniture=True)
        with _open_input(source, stdin) as fh:
            text_in = TextStream(fh, name=source.name, encoding=settings.encoding)
            encoding = settings.output_encoding or (
                text_in.encoding if settings.keep_format else "utf-8"
            )
            if target is not None:
                make_parent(target)
                out = AtomicOutput(target, backup=backup, device_ok=not settings.keep_format)
                write = out.write
            assert write is not None
            if diff is not None:
                assert same_bytes is not None and source.path is not None
                patch = FileDiff(
                    source, text_in.encoding, encoding, diff, same_bytes.write, anchors=not lone_cr
                )
                write = patch.write
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
                    if keep_changes or patch is not None:
                        file_lines.see(number, line)
                    yield line

            def keep(found: Iterable[Change]) -> None:
                # A unit's changes name lines already read: their file numbers
                # are known, and the log holds them as the file's.
                changes.extend(file_lines.changes(found))

            def texts() -> Iterator[str]:
                nonlocal blocks, first_seen, tail
                if workers > 1 and not breaks and patch is None:
                    from papercli.parallel import iter_digests

                    for cleaned in iter_digests(
                        source_lines(), settings.options, workers, keep_changes=keep_changes
                    ):
                        blocks += cleaned.blocks
                        keep(cleaned.changes)
                        yield cleaned.text
                    return
                options = settings.options
                if (patch is not None and changes_structure(options)) or furniture is not None:
                    numbered = iter_clean_units(source_lines(), options, furniture)
                else:  # (no unit starts needed, nor are convert's batches units)
                    numbered = ((0, result) for result in iter_clean(source_lines(), options))
                for number, result in numbered:
                    if patch is not None and number > 1:
                        # A unit starts: where the diff may match its lines on their own.
                        patch.unit_starts(number, file_lines.real, written_lines)
                    blocks += result.block_count
                    if breaks and result.page.blocks:
                        # Up to the unit's last block; what follows belongs to the next.
                        done = result.page.blocks[-1].last_line - first_seen + 1
                        unit, seen[:done] = seen[:done], []
                        found = explain_breaks(
                            tail[0] + unit,
                            first_seen - len(tail[0]),
                            tail[1] + list(result.page.blocks),
                        )
                        keep(with_breaks(result.changes, found))
                        tail = (unit[-1:], list(result.page.blocks[-1:]))
                        first_seen += done
                    elif keep_changes:
                        keep(result.changes)
                    yield result.text

            pieces = join_results(texts(), unit_separator(settings.options))
            if not changes_structure(settings.options):
                pieces = keep_missing_newline(pieces, text_in)
            # The collector paused for the whole stream, not unit by unit: the units
            # leave nothing in a cycle (see `pipeline.cyclic_gc_paused`).
            written_lines = 0  # the output's lines so far, for the diff's anchors
            with cyclic_gc_paused():
                for piece in pieces:
                    same.right(piece)
                    sink.write(piece)
                    if patch is not None:
                        written_lines += piece.count("\n")
            sink.close()
            if patch is not None:
                patch.close()
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
        elif same_bytes is not None:
            changed = not same_bytes.same()
            text_same = patch is not None and changed and same.same()
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
    except MemoryError:
        if out is not None:
            out.discard()
        return Outcome(source, error=out_of_memory(source.name))
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
    finally:
        if same_bytes is not None:
            same_bytes.close()
        if patch is not None:
            patch.discard()
    return Outcome(
        source,
        info=text_in.info(),
        changed=changed,
        blocks=blocks,
        changes=changes.final() if keep_changes else (),
        delivered=True,
        same_text=text_same,
    )


class SameBytes:
    """Are the bytes written the bytes of a file? Compared as they come, holding
    what one write holds: --check on a file too big to hold twice."""

    def __init__(self, path: str) -> None:
        self._path = path
        self._fh: BinaryIO | None = None
        self.differs = False

    def write(self, data: bytes) -> None:
        if self.differs:
            return
        if self._fh is None:
            self._fh = open(self._path, "rb")  # noqa: SIM115 (closed by `same`)
        if self._fh.read(len(data)) != data:
            self.differs = True
            self.close()

    def same(self) -> bool:
        """After the last write: were the bytes the file's, all of them?"""
        if self.differs:
            return False
        if self._fh is None:  # nothing written: the same only as an empty file
            return os.path.getsize(self._path) == 0
        rest = self._fh.read(1)
        self.close()
        return not rest

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None


def first_pass(
    source: Source, stdin: BinaryIO | None, encoding: str | None, *, furniture: bool = False
) -> set[int] | None:
    """Read a re-readable input once before the pass that cleans it, keeping
    nothing: raises textio.InputError where that pass would, before it has written
    anything, and with `furniture` gives the running heads' lines
    (`steps.furniture.furniture_lines`, for `pipeline.iter_clean_units`). None
    without `furniture`, or for an input that cannot be read twice (a pipe: the
    cleaning pass then holds its lines)."""
    from papercli.steps.furniture import furniture_lines
    from papercli.textstream import TextStream

    with _read_before(source, stdin) as fh:
        if fh is None:
            return None
        text_in = TextStream(fh, name=source.name, encoding=encoding)
        if furniture:
            return furniture_lines(text_in.lines())
        for _ in text_in.texts():
            pass
    return None


@contextlib.contextmanager
def _read_before(source: Source, stdin: BinaryIO | None) -> Iterator[BinaryIO | None]:
    """The input opened for a pass before the one that cleans it, or None where it
    cannot be read twice; a seekable stdin is put back where it was."""
    start: int | None = None
    if source.path is None:
        assert stdin is not None
        if not stdin.seekable():
            yield None  # a pipe or a terminal: only one pass is possible
            return
        start = stdin.tell()
    elif not _is_regular(source.path):
        # A FIFO, /dev/stdin on a pipe, `<(cmd)`: a second open would find it
        # drained (or wait for a new writer), so it is read once, as it streams.
        yield None
        return
    with _open_input(source, stdin) as fh:
        yield fh
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


# A streamed --diff's hunk waits for its end in memory up to this size, then on disk.
DIFF_SPOOL_BYTES = 8 << 20


class FileDiff:
    """--diff of a file as it streams (`diffs.DiffStream`): the file read a second
    time, its lines as they are in the bytes (`before` of the whole-file path),
    against the bytes -i would write, given to `write` and passed on to `then`
    (the --check compare). `unit_starts` are the anchors, unless `anchors` is
    False. Each line of the diff goes to `emit`."""

    def __init__(
        self,
        source: Source,
        encoding: str,
        written: str,
        emit: Callable[[str], object],
        then: Callable[[bytes], object],
        *,
        anchors: bool = True,
    ) -> None:
        import codecs
        import tempfile

        from papercli.diffs import DiffStream, LineCutter
        from papercli.fsnames import quote_name

        assert source.path is not None
        self._then = then
        self._anchors = anchors
        self._file = open(source.path, "rb")  # noqa: SIM115 (closed by close/discard)
        before = codecs.getincrementaldecoder(encoding)("strict")
        self._after = codecs.getincrementaldecoder(textio.without_bom(written))("strict")
        self._after_lines = LineCutter()

        def before_lines() -> Iterator[str]:
            cutter = LineCutter()
            for chunk in iter(lambda: self._file.read(1 << 20), b""):
                yield from cutter.cut(before.decode(chunk))
            yield from cutter.cut(before.decode(b"", final=True))
            yield from cutter.end()

        name = quote_name(source.name)
        self.diff = DiffStream(
            before_lines(),
            emit,
            fromfile=f"{name}\t(original)",
            tofile=f"{name}\t(cleaned)",
            body=lambda: cast(BinaryIO, tempfile.SpooledTemporaryFile(DIFF_SPOOL_BYTES)),  # noqa: SIM115
        )

    def write(self, data: bytes) -> None:
        self._then(data)
        self.diff.add_b(self._after_lines.cut(self._after.decode(data)))

    def unit_starts(self, number: int, file_line: Callable[[int], int], lines: int) -> None:
        """The engine's line `number` starts a unit, after `lines` lines of output."""
        from papercli.diffs import anchor_lines

        if self._anchors:
            for i, j in anchor_lines([(number, lines)], file_line):
                self.diff.anchor(i, j)

    def close(self) -> None:
        self.diff.add_b(self._after_lines.cut(self._after.decode(b"", final=True)))
        self.diff.add_b(self._after_lines.end())
        self.diff.close()
        self._file.close()

    def discard(self) -> None:
        self._file.close()
