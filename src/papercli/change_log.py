"""The changes of one streamed input, in bounded memory: a large file's -v,
--explain and --report list one change per removal, heal and kept break, a few
thousand per megabyte (and --explain -v one per line break). Past SPILL_CHANGES
they wait in a temp file, pickled a batch at a time, and are read back, in the
order found, as often as a report needs them.
"""

from __future__ import annotations

import pickle
import tempfile
from collections.abc import Iterable, Iterator
from typing import IO

from papercli.changes import Change

# Changes held in memory before a batch goes to the temp file (a change is
# ~200-300 bytes with its text: a few MB).
SPILL_CHANGES = 20_000


class ChangeLog:
    """Changes appended in order; iterable any number of times, each time from
    the first. `final` gives what an `Outcome` carries: a tuple where they all
    stayed in memory, else the log itself (closed with its temp file when it goes)."""

    def __init__(self) -> None:
        self._held: list[Change] = []
        self._file: IO[bytes] | None = None
        self._spilled = 0

    def extend(self, changes: Iterable[Change]) -> None:
        self._held.extend(changes)
        if len(self._held) >= SPILL_CHANGES:
            if self._file is None:
                self._file = tempfile.TemporaryFile()  # noqa: SIM115 - closed by close()
            self._file.seek(0, 2)
            pickle.dump(self._held, self._file, pickle.HIGHEST_PROTOCOL)
            self._spilled += len(self._held)
            self._held = []

    def __len__(self) -> int:
        return self._spilled + len(self._held)

    def __bool__(self) -> bool:
        return len(self) > 0

    def __contains__(self, change: object) -> bool:
        return any(c == change for c in self)

    def __iter__(self) -> Iterator[Change]:
        if self._file is not None:
            # Each batch read from where the last ended: two walks may interleave.
            end, at = self._spilled, 0
            position = 0
            while at < end:
                self._file.seek(position)
                batch: list[Change] = pickle.load(self._file)  # our own file
                position = self._file.tell()
                at += len(batch)
                yield from batch
        yield from self._held

    def final(self) -> tuple[Change, ...] | ChangeLog:
        return tuple(self._held) if self._file is None else self

    def __reduce__(self) -> tuple[type, tuple[list[Change]]]:
        # Another process gets the changes themselves (the temp file is this one's).
        return (tuple, (list(self),))

    def close(self) -> None:
        if self._file is not None:
            self._file.close()

    def __del__(self) -> None:
        self.close()
