"""The --report JSON file, made as the files of a run settle, so that a batch of
any size keeps no file's changes: each file's entry is serialised when its
outcome comes and waits in a temp file (in memory up to SPOOL_BYTES) until the
run ends, when the entries go out in order between the header and the summary.

The file is exactly `json.dumps(payload, ensure_ascii=False, indent=2)` of

    {"papercli": VERSION, "command": NAME,
     "files": [{"path", "changed", "error", ["encoding"], "blocks", "changes": [...]}],
     "summary": {"changed", "unchanged", "failed", ["interrupted"]}}

with every string made `json_safe` (a name that is not UTF-8 must not break it).
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator, Sequence
from typing import IO

from papercli import __version__
from papercli.batch import Outcome, Source
from papercli.fsnames import jsonable
from papercli.report import change_dict

# Entries past this size wait on disk, not in memory.
SPOOL_BYTES = 8 * 1024 * 1024

# How much of an entry is read back at once.
CHUNK_BYTES = 1 << 20

# Where a file's entry sits in the payload: in "files", in the top object.
ENTRY_INDENT = " " * 4
# ... and where each of its changes sits: in the entry's "changes".
CHANGE_INDENT = " " * 8


def dumps(value: object) -> str:
    return json.dumps(jsonable(value), ensure_ascii=False, indent=2)


def indented(text: str, indent: str) -> str:
    # A JSON text's only newlines are its own (a string's are escaped).
    return indent + text.replace("\n", "\n" + indent)


def entry_pieces(outcome: Outcome) -> Iterator[str]:
    """One file's entry, as it reads nested in the payload (no comma, no newline
    around it), a change at a time: a large file's changes are many."""
    entry: dict[str, object] = {
        "path": outcome.source.name,
        "changed": outcome.changed,
        "error": outcome.error,
        **({"encoding": outcome.info} if outcome.info else {}),
        "blocks": outcome.blocks,
        "changes": [],
    }
    text = indented(dumps(entry), ENTRY_INDENT)
    if not outcome.changes:
        yield text
        return
    closing = "[]\n" + ENTRY_INDENT + "}"
    assert text.endswith(closing)
    yield text[: -len(closing)] + "["
    separator = "\n"
    for change in outcome.changes:
        yield separator + indented(dumps(change_dict(change)), CHANGE_INDENT)
        separator = ",\n"
    yield "\n" + ENTRY_INDENT + "  ]\n" + ENTRY_INDENT + "}"


class ReportFile:
    """The entries of a --report to `path` so far, in a spooled temp file;
    `pieces` gives the whole JSON text of the files named, in the order named."""

    def __init__(self, path: str, command: str) -> None:
        self.path = path
        self.command = command
        # Closed by `close`, at the run's end (ctx.call_on_close).
        self._spool: IO[bytes] = tempfile.SpooledTemporaryFile(  # noqa: SIM115
            max_size=SPOOL_BYTES
        )
        self._at: dict[Source, tuple[int, int]] = {}

    def add(self, outcome: Outcome) -> None:
        """Serialise `outcome`'s entry now; it keeps nothing of the outcome."""
        self._spool.seek(0, 2)
        start = self._spool.tell()
        for piece in entry_pieces(outcome):
            self._spool.write(piece.encode("utf-8"))
        self._at[outcome.source] = (start, self._spool.tell() - start)

    def pieces(self, sources: Sequence[Source], summary: dict[str, object]) -> Iterator[bytes]:
        """The JSON text, with the entries of `sources` (each added before)."""
        head = dumps({"papercli": __version__, "command": self.command, "files": []})
        closing = "[]\n}"
        assert head.endswith(closing)
        if not sources:
            yield head[: -len(closing)].encode("utf-8") + b"[],\n"
        else:
            yield head[: -len(closing)].encode("utf-8") + b"[\n"
            for i, source in enumerate(sources):
                start, size = self._at[source]
                self._spool.seek(start)
                while size > 0:  # a large file's entry, a chunk at a time
                    chunk = self._spool.read(min(size, CHUNK_BYTES))
                    size -= len(chunk)
                    yield chunk
                yield b",\n" if i < len(sources) - 1 else b"\n"
            yield b"  ],\n"
        yield b'  "summary": ' + dumps(summary).replace("\n", "\n  ").encode("utf-8") + b"\n}\n"

    def close(self) -> None:
        self._spool.close()
