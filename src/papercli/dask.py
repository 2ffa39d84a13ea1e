"""Scale-out recipe: clean a corpus with Dask (`pip install papercli[dask]`).

A `dask.bag` over file paths; each task reads, decodes, cleans and atomically
writes one file with exactly the code `papercli clean FILE -o OUT` runs (so the
outputs are byte-identical), streaming it in bounded memory. The functions and
their arguments (paths, `CleanOptions`, `FileResult`) are plain picklable values,
so the same bag runs on the local threaded or process scheduler and on a
`dask.distributed` cluster whose workers can see the paths.

    from papercli.dask import clean_paths
    results = clean_paths(paths, "cleaned/", root="scans/").compute()

See docs/scale-out.md for a distributed cluster.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from papercli import batch, streaming
from papercli.options import DEFAULT_OPTIONS, CleanOptions

if TYPE_CHECKING:  # dask is an optional extra; importing this module must not need it
    import dask.bag


@dataclass(frozen=True)
class FileResult:
    """What cleaning one file gave: where it went, whether it changed, or the error."""

    path: str
    output: str | None
    changed: bool = False
    error: str | None = None


def output_path(path: str | Path, out_dir: str | Path, root: str | Path | None = None) -> Path:
    """Where `path` is written: its path under `root` mirrored into `out_dir` (as
    `papercli clean -r ROOT -o OUT_DIR` does), or its bare name without a root.

    >>> output_path("scans/1939/p1.txt", "out", root="scans").as_posix()
    'out/1939/p1.txt'
    >>> output_path("/data/p1.txt", "out").as_posix()
    'out/p1.txt'
    """
    path = Path(path)
    if root is not None:
        rel = Path(os.path.relpath(path, root))
        if not rel.is_absolute() and ".." not in rel.parts:
            return Path(out_dir) / rel
    return Path(out_dir) / path.name


def clean_file(
    path: str | Path,
    out_dir: str | Path,
    options: CleanOptions = DEFAULT_OPTIONS,
    *,
    root: str | Path | None = None,
    encoding: str | None = None,
    output_encoding: str | None = None,
) -> FileResult:
    """Clean one file into `out_dir` as `papercli clean PATH -o OUT` would; never raises
    for a bad input (the error is in the result, as the CLI reports it)."""
    name = str(path)
    target = output_path(path, out_dir, root)
    settings = batch.Settings(
        options=options, encoding=encoding, output_encoding=output_encoding, keep_format=False
    )
    outcome = streaming.stream(
        batch.Source(name, name, Path(target.name)), settings, target=target, keep_changes=False
    )
    if outcome.error:
        return FileResult(name, None, error=outcome.error)
    return FileResult(name, str(target), changed=outcome.changed)


def _refuse_shared_outputs(
    items: list[str], out_dir: str | Path, root: str | Path | None
) -> None:
    """Raise ValueError when two different inputs map to one output path."""
    seen: dict[str, str] = {}
    for item in items:
        target = os.path.abspath(output_path(item, out_dir, root))
        first = seen.setdefault(target, item)
        if first != item and os.path.abspath(first) != os.path.abspath(item):
            raise ValueError(f"{first} and {item} would both write {target}")


def clean_paths(
    paths: Iterable[str | Path],
    out_dir: str | Path,
    options: CleanOptions = DEFAULT_OPTIONS,
    *,
    root: str | Path | None = None,
    encoding: str | None = None,
    output_encoding: str | None = None,
    npartitions: int | None = None,
) -> dask.bag.Bag:
    """A lazy `dask.bag.Bag` of `FileResult`, one per path; call `.compute()` on it.

    `npartitions` defaults to Dask's choice; a few hundred small files per
    partition keeps the scheduler's per-task overhead low. Two inputs that would
    write the same output file (`a/p.txt` and `b/p.txt` without a `root`) are a
    `ValueError`, as `papercli clean a/p.txt b/p.txt -o DIR` refuses them, rather
    than one result silently overwriting the other.
    """
    import dask.bag as db  # lazy: the extra is optional

    items = [str(p) for p in paths]
    _refuse_shared_outputs(items, out_dir, root)
    kwargs = {} if npartitions is None else {"npartitions": npartitions}
    # dask's from_sequence and map carry no type hints: the Bag is typed at our boundary.
    bag: dask.bag.Bag = db.from_sequence(items, **kwargs)  # type: ignore[no-untyped-call]
    mapped: dask.bag.Bag = bag.map(  # type: ignore[no-untyped-call]
        clean_file,
        str(out_dir),
        options,
        root=None if root is None else str(root),
        encoding=encoding,
        output_encoding=output_encoding,
    )
    return mapped
