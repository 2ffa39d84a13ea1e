"""The batch: which files go in, where each result goes, and processing one file.

Sits between the click layer and textio: it knows paths and the I/O contract
(same-file guard, -o FILE vs -o DIR, in-place keeps the file's format) but no
click and no terminal. `process` never raises, so one bad file cannot stop a
batch, and it is picklable for the process pool of `-j`.
"""

from __future__ import annotations

import fnmatch
import functools
import os
import traceback
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from papercli import textio
from papercli.changes import Change
from papercli.options import CleanOptions


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
    """One input. `path` None is stdin; `rel` is its path under an output DIR."""

    path: str | None
    name: str
    rel: Path


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
        return WriteBack.FILE if self.output else WriteBack.STDOUT


@dataclass(frozen=True)
class Settings:
    """What a worker needs to process one file."""

    options: CleanOptions
    encoding: str | None
    output_encoding: str | None
    keep_format: bool  # -i/--check: write back in the input's encoding, newlines, BOM


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


def process(source: Source, settings: Settings, raw: bytes | None = None) -> Outcome:
    """Read, decode, clean and encode one input; never raises.

    A bad input is an error (exit 2); any other exception is a bug (exit 3).
    """
    from papercli.pipeline import clean_and_explain

    try:
        if raw is None:
            assert source.path is not None
            raw = textio.read_bytes(source.path)
        decoded = textio.decode_bytes(raw, name=source.name, encoding=settings.encoding)
        result = clean_and_explain(decoded.text, settings.options)
        if settings.keep_format:
            data = textio.encode_text(
                result.text,
                encoding=settings.output_encoding or decoded.encoding,
                newline=decoded.newline,
                bom=decoded.bom and settings.output_encoding is None,
            )
            # Byte-level: what --in-place would write differs from what is on disk.
            changed = data != raw
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
        before=decoded.text,
        after=result.text,
        data=data,
        changed=changed,
        blocks=len(result.page),
        changes=result.changes,
    )


def _process_in_worker(settings: Settings, source: Source) -> Outcome:
    return process(source, settings)


def run(
    sources: list[Source], settings: Settings, *, jobs: int, stdin: bytes | None = None
) -> Iterator[Outcome]:
    """Outcomes in input order whatever the number of workers, so output is identical.

    `jobs` 0 means one worker per core. `stdin` holds the bytes of the '-' source.
    """
    workers = (os.cpu_count() or 1) if jobs == 0 else jobs
    files = [s for s in sources if s.path is not None]
    if workers > 1 and len(files) > 1 and len(files) == len(sources):
        from concurrent.futures import ProcessPoolExecutor

        workers = min(workers, len(files))
        # Several files per task: a page takes milliseconds, and so does a round trip.
        chunksize = max(1, len(files) // (workers * 4))
        with ProcessPoolExecutor(max_workers=workers) as pool:
            results: Iterable[Outcome] = pool.map(
                functools.partial(_process_in_worker, settings), files, chunksize=chunksize
            )
            yield from results
        return
    for source in sources:
        yield process(source, settings, stdin if source.path is None else None)


def walk_files(root: str, pattern: str) -> Iterator[Path]:
    """Files under `root` matching `pattern` (on the name, or on the relative path if it
    holds a '/'), sorted; hidden directories are skipped and symlinked ones not followed."""
    for directory, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            path = Path(directory, name)
            target = path.relative_to(root).as_posix() if "/" in pattern else name
            if fnmatch.fnmatch(target, pattern) and path.is_file():
                yield path


def collect_sources(
    files: tuple[str, ...], *, recursive: bool, glob: str, stdin_is_tty: bool
) -> list[Source]:
    """The inputs, in order, each once. No FILE reads stdin unless it is a terminal."""
    if not files:
        if stdin_is_tty:
            raise UsageError(
                "no input: give FILE arguments, or pipe text into stdin ('-' reads stdin)"
            )
        files = ("-",)
    sources: list[Source] = []
    seen: set[str] = set()
    for arg in files:
        if arg == "-":
            if "-" in seen:
                raise UsageError("'-' (stdin) given more than once")
            seen.add("-")
            sources.append(Source(None, "<stdin>", Path("stdin.txt")))
        elif os.path.isdir(arg):
            if not recursive:
                raise UsageError(
                    f"{arg} is a directory; use -r/--recursive to process the files under it"
                )
            for path in walk_files(arg, glob):
                key = os.path.realpath(path)
                if key not in seen:
                    seen.add(key)
                    sources.append(Source(str(path), str(path), path.relative_to(arg)))
        else:
            key = os.path.realpath(arg)
            if key not in seen:
                seen.add(key)
                path = Path(arg)
                # Mirror a relative path under -o DIR, but never let it climb out of DIR.
                safe = not path.is_absolute() and ".." not in path.parts
                sources.append(Source(arg, arg, path if safe else Path(path.name)))
    return sources


def same_file(a: str | Path, b: str | Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def plan_outputs(io: IOArgs, sources: list[Source]) -> list[Path | None]:
    """The output path of each source (None: stdout or nowhere); refuses unsafe plans."""
    mode = io.write_back
    if io.in_place and io.output:
        raise UsageError("--in-place and -o/--output exclude each other")
    if (io.check or io.diff) and (io.in_place or io.output):
        raise UsageError("--check/--diff write nothing: drop -o/--in-place")
    if io.backup and not io.in_place:
        raise UsageError("--backup only makes sense with --in-place")
    if io.quiet and io.verbose:
        raise UsageError("-q/--quiet and -v/--verbose exclude each other")
    if mode in (WriteBack.CHECK, WriteBack.DIFF):
        return [None] * len(sources)
    if mode is WriteBack.IN_PLACE:
        if any(s.path is None for s in sources):
            raise UsageError("--in-place needs FILE arguments, not stdin")
        return [Path(s.path) for s in sources if s.path is not None]
    if mode is WriteBack.STDOUT:
        if len(sources) > 1:
            raise UsageError(
                "several inputs: use -o DIR, --in-place, --check or --diff (stdout takes one input)"
            )
        return [None]
    assert io.output is not None
    out = Path(io.output)
    if len(sources) > 1 or io.recursive or io.output.endswith(("/", os.sep)) or out.is_dir():
        if out.exists() and not out.is_dir():
            raise UsageError(f"-o {io.output}: several inputs need a directory")
        targets = [out / s.rel for s in sources]
    else:
        targets = [out]
    seen: dict[Path, str] = {}
    for source, target in zip(sources, targets, strict=True):
        if target in seen:
            raise UsageError(f"{source.name} and {seen[target]} would both write {target}")
        seen[target] = source.name
        if any(s.path is not None and same_file(s.path, target) for s in sources):
            raise UsageError(
                f"{target} is also an input: refusing to overwrite it "
                "(use --in-place to rewrite files)"
            )
    return list(targets)
