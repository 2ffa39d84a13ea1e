"""The batch's plan, checked before anything is read or written: which files go in
(each once, in order; directories walked with -r) and where each result goes
(-o FILE, -o DIR mirroring relative paths, -i), never onto another input.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path

from papercli import atomic, textio
from papercli.batch import IOArgs, Source, UsageError, WriteBack


def walk_files(
    root: str,
    pattern: str,
    onerror: Callable[[OSError], None] | None = None,
    skip: str | None = None,
) -> Iterator[Path]:
    """Files under `root` matching `pattern` (on the name, or on the relative path if it
    holds a '/', where `**/` may also match no directory), sorted; hidden directories and
    files are skipped (among them the `.NAME.XXXX.tmp` files a killed -i run leaves) and
    symlinked directories not followed,
    and so is the directory `skip` (the run's -o DIR) below `root`.
    A directory that cannot be listed goes to `onerror` (as for os.walk) in walk order."""
    skipped = os.path.realpath(skip) if skip is not None else None
    for directory, dirs, files in os.walk(root, onerror=onerror):
        dirs[:] = sorted(
            d
            for d in dirs
            if not d.startswith(".")
            and (skipped is None or os.path.realpath(os.path.join(directory, d)) != skipped)
        )
        for name in sorted(f for f in files if not f.startswith(".")):
            path = Path(directory, name)
            target = path.relative_to(root).as_posix() if "/" in pattern else name
            if glob_matches(target, pattern) and path.is_file():
                yield path


def glob_matches(path: str, pattern: str) -> bool:
    """Does `path` (a name, or a path under the walk with `/` between its parts)
    match `pattern`, as git, ruff and prettier match globs: `*` and `?` stay
    inside one part of the path, `**/` stands for any number of directories,
    none too (`**/*.txt` takes `page.txt` at the top of the walk), and a `/**`
    at the end for everything below.

    >>> glob_matches("page.txt", "**/*.txt"), glob_matches("a/b/page.txt", "a/**/*.txt")
    (True, True)
    >>> glob_matches("a/page.txt", "a/**/*.txt"), glob_matches("page.md", "**/*.txt")
    (True, False)
    >>> glob_matches("1939/05/q.txt", "1939/*.txt"), glob_matches("1939/p.txt", "19?9/[!x]*")
    (False, True)
    """
    return glob_regex(pattern).fullmatch(path) is not None


@functools.lru_cache(maxsize=64)
def glob_regex(pattern: str) -> re.Pattern[str]:
    """`pattern` as a regular expression (see `glob_matches`); a `[` with no `]`
    after it is a plain `[`, as fnmatch reads it."""
    out: list[str] = []
    i, n = 0, len(pattern)
    while i < n:
        ch = pattern[i]
        if pattern.startswith("**", i) and (i == 0 or pattern[i - 1] == "/"):
            if pattern.startswith("**/", i):
                out.append("(?:[^/]*/)*")  # any number of directories, none too
                i += 3
                continue
            if i + 2 == n:
                out.append(".*")  # `a/**`: everything below a
                i += 2
                continue
        if ch == "*":
            while i < n and pattern[i] == "*":
                i += 1
            out.append("[^/]*")
            continue
        if ch == "?":
            out.append("[^/]")
        elif ch == "[" and (end := class_end(pattern, i)) != -1:
            body = pattern[i + 1 : end]
            negate = body[:1] in ("!", "^")
            if negate:
                body = body[1:]
            body = body.replace("\\", "\\\\").replace("^", "\\^").replace("[", "\\[")
            out.append(f"[{'^/' if negate else ''}{body}]")
            i = end
        else:
            out.append(re.escape(ch))
        i += 1
    return re.compile("".join(out), re.DOTALL)


def class_end(pattern: str, start: int) -> int:
    """Where the `[...]` opening at `start` ends (its `]`), or -1; a `]` first in
    the class (after `!`) is one of its characters."""
    j = start + 1
    if j < len(pattern) and pattern[j] in "!^":
        j += 1
    if j < len(pattern) and pattern[j] == "]":
        j += 1
    return pattern.find("]", j)


def collect_sources(
    files: tuple[str, ...],
    *,
    recursive: bool,
    glob: str,
    stdin_is_tty: bool,
    output_dir: str | None = None,
) -> list[Source]:
    """The inputs, in order, each once. No FILE reads stdin unless it is a terminal.
    A walk leaves out `output_dir` (-o DIR) where it lies below a directory walked:
    `clean -r . -o cleaned` run again must not take its own results for inputs, as
    tar leaves out its archive."""
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
        # Without -r a directory is one bad input (read_bytes says to use -r), not a usage
        # error: the other files of an unattended batch still get processed.
        elif os.path.isdir(arg) and recursive:

            def unlisted(exc: OSError, root: str = arg) -> None:
                # As `grep -r`: the directory is named and the batch fails, not
                # skipped in silence. os.walk calls this before it goes on.
                path = Path(exc.filename if exc.filename is not None else root)
                key = os.path.realpath(path)
                if key not in seen:
                    seen.add(key)
                    error = str(textio.read_error(str(path), exc))
                    sources.append(Source(str(path), str(path), path.relative_to(root), error))

            for path in walk_files(arg, glob, onerror=unlisted, skip=output_dir):
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


def _file_id(path: str | Path) -> tuple[int, int] | None:
    """What os.path.samefile compares (device, inode); None if it cannot be stat'ed."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_dev, info.st_ino


def _refuse_backup_inputs(sources: list[Source], suffix: str) -> None:
    """No file's backup may be another input: `-i --backup .orig a.txt a.txt.orig`
    would copy a.txt over a.txt.orig, whose own text is then gone. A backup is
    named after the file a link leads to (see `atomic.AtomicOutput`)."""
    input_ids = {_file_id(s.path): s.name for s in sources if s.path and s.error is None}
    input_ids.pop(None, None)
    for source in sources:
        if source.path is None or source.error is not None:
            continue
        backup = os.path.realpath(source.path) + suffix
        other = input_ids.get(_file_id(backup))
        if other is not None:
            raise UsageError(
                f"{other}, the backup of {source.name} (--backup {suffix}), is also an input: "
                "refusing to overwrite it"
            )


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
        if io.backup:
            _refuse_backup_inputs(sources, io.backup)
        return [Path(s.path) for s in sources if s.path is not None]
    if mode is WriteBack.STDOUT:
        if len(sources) > 1:
            raise UsageError(
                "several inputs: use -o DIR, --in-place, --check or --diff (stdout takes one input)"
            )
        return [None] * len(sources)  # none at all when -r found no file
    assert io.output is not None
    if atomic.names_a_descriptor(io.output):
        raise UsageError(
            f"-o {io.output} names an open file descriptor, not a file: "
            "use -o - (or no -o) for stdout"
        )
    out = Path(io.output)
    # -r makes -o a DIR only where it walks a directory (`recursive = true` in a
    # config must not turn `clean page.txt -o page.clean.txt` into a directory).
    walked = io.recursive and any(f != "-" and os.path.isdir(f) for f in io.files)
    if len(sources) > 1 or walked or io.output.endswith(("/", os.sep)) or out.is_dir():
        if out.exists() and not out.is_dir():
            raise UsageError(f"-o {io.output}: several inputs need a directory")
        targets = [out / s.rel for s in sources]
    else:
        targets = [out]
    # One stat per input and per target (not one samefile per pair: 1000 inputs made
    # that a million stats).
    # (A directory -r could not list is no file: nothing is written for it.)
    input_ids = {_file_id(s.path) for s in sources if s.path and s.error is None} - {None}
    seen: dict[Path, str] = {}
    for source, target in zip(sources, targets, strict=True):
        if target in seen:
            raise UsageError(f"{source.name} and {seen[target]} would both write {target}")
        seen[target] = source.name
        if _file_id(target) in input_ids:
            raise UsageError(
                f"{target} is also an input: refusing to overwrite it "
                "(use --in-place to rewrite files)"
            )
    return list(targets)
