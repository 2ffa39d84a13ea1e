"""One long input's units cleaned in worker processes (`-j N` on a single file).

`pipeline.iter_clean` cleans a long input unit by unit (see `units.iter_units`),
and units are independent but for one thing: a unit's first block is dropped when
it repeats the last block of the unit before (a caption printed twice across the
cut), which `CleanResult.echo_key` carries from unit to unit. Workers clean each
unit as if it opened the input (no key); the results come back in input order, and
the few whose first block matches the key of the unit before are cleaned again
here with it. The texts and changes are then exactly `iter_clean`'s.

A worker sends back a `UnitDigest`, not the unit's page: rebuilding thousands of
block objects in this process would cost more than cleaning them did.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, InvalidStateError, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import chain

from papercli.changes import Change
from papercli.options import CleanOptions
from papercli.pipeline import (
    CleanResult,
    changes_structure,
    clean_unit,
    iter_clean,
    keeps_layout,
)
from papercli.units import iter_units

# Units in flight per worker: enough to keep every worker busy while the results
# before them are written, few enough to bound the memory a long input takes.
AHEAD_PER_WORKER = 2

# How long a worker asked to end (SIGTERM, SIGHUP) has to finish its task and hand
# the result over before it ends regardless: the bound on a wait for a main process
# that will not read the result (its pool broke, or only this worker was signalled).
WORKER_GRACE = 10  # seconds


# In a worker: the main process's flag, set when it leaves the pool early (Ctrl-C,
# SIGTERM, an error); see `stopping`. A plain shared byte, read and written with no
# lock: a worker that ends while holding a lock would leave the main process
# waiting on it forever.
_stop: ctypes.c_bool | None = None

# In a worker: the signal (SIGTERM, SIGHUP) that asked it to end; see `_end_after_task`.
_ending = 0


def stopping() -> bool:
    """In a worker: has the main process left the pool early, or was this worker
    asked to end? A task of several files asks before each one, so that the files
    handed to this worker and not yet begun are left as they are, instead of
    rewritten after Ctrl-C or SIGTERM."""
    return bool(_ending) or (_stop is not None and _stop.value)


def _init_worker(stop: ctypes.c_bool) -> None:
    global _stop
    _stop = stop
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # SIGTERM or SIGHUP to the whole group (`timeout`, a service stop): the main
    # process unwinds and reads what the workers finished, and a worker stops at its
    # next file (see `_end_after_task`). (The main process's handler, inherited by
    # the fork, would raise where a worker cannot unwind: between tasks, or inside
    # one that the pool then reports.)
    for signum in (signal.SIGTERM, signal.SIGHUP):
        if signal.getsignal(signum) not in (signal.SIG_IGN, None):
            signal.signal(signum, _end_after_task)
    signal.signal(signal.SIGALRM, _end_worker)


def _end_after_task(signum: int, frame: object) -> None:
    """A worker's first SIGTERM or SIGHUP: end once the task is done and its result
    sent, never at once. The pool sends a result in pieces down a pipe that every
    worker shares: a worker that ended in the middle of one left the main process
    reading the rest forever (and the files it had finished in its task out of an
    interrupted --report). Its task stops at its next file (`stopping`), the main
    process, signalled with it, reads the result and shuts the pool down, which ends
    the worker. A second signal, or `WORKER_GRACE` seconds, end it at once."""
    global _ending
    if _ending:
        _end_worker(signum, frame)
    _ending = signum
    signal.alarm(WORKER_GRACE)


def _end_worker(signum: int, frame: object) -> None:
    from papercli.atomic import remove_live_temp_files

    remove_live_temp_files()
    os._exit(128 + (_ending or signum))


@contextmanager
def worker_pool(workers: int) -> Iterator[ProcessPoolExecutor]:
    """A process pool whose workers leave Ctrl-C to this process: the terminal
    sends it to all of them, and each would print its own traceback. On the way
    out (an interrupt, an error, or the end), tasks not yet started are dropped
    and the running ones are waited for; tasks already handed to a worker stop at
    their next file (see `stopping`)."""
    context = multiprocessing.get_context()
    stop = context.RawValue(ctypes.c_bool, False)
    pool = ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=_init_worker, initargs=(stop,)
    )
    previous_hook = threading.excepthook

    def quiet_when_stopped(args: threading.ExceptHookArgs) -> None:
        # A signal to the whole group (`timeout`, a closed terminal) ends the workers
        # while the futures left are being cancelled: CPython's manager thread then
        # fails to mark a cancelled future broken. Nothing is lost (the run is
        # ending), so its traceback is not printed.
        if not (stop.value and args.exc_type is InvalidStateError):
            previous_hook(args)

    threading.excepthook = quiet_when_stopped
    try:
        yield pool
    except BaseException:
        stop.value = True
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        threading.excepthook = previous_hook


@dataclass(frozen=True)
class UnitDigest:
    """What a stream needs of a cleaned unit: its text, how many blocks it has,
    its changes (when kept), the key the next unit compares its first block with
    (`CleanResult.echo_key`), and this unit's own first block's key (None: no block)."""

    text: str
    blocks: int
    changes: tuple[Change, ...]
    echo_key: str
    first_key: str | None

    def needs_key(self, key: str) -> bool:
        """Would this unit, cleaned without the previous unit's `key`, differ from
        it cleaned with it? Only if its first block is the one the key drops (see
        `steps.echoes.drop_caption_echoes`), or it has no block to pass a key on."""
        from papercli.steps.echo_rules import has_words

        if self.first_key is None:
            return bool(key)
        return self.first_key == key and has_words(key)


def digest(result: CleanResult, keep_changes: bool) -> UnitDigest:
    from papercli.steps.echoes import repeat_key

    blocks = result.page.blocks
    return UnitDigest(
        result.text,
        result.block_count,
        result.changes if keep_changes else (),
        result.echo_key,
        repeat_key(blocks[0]) if blocks else None,
    )


def clean_digest(
    unit: list[str], number: int, options: CleanOptions, key: str, keep_changes: bool
) -> UnitDigest:
    """`clean_unit`, digested (a worker's task)."""
    return digest(clean_unit(unit, number, options, key), keep_changes)


def iter_digests(
    lines: Iterable[str], options: CleanOptions, workers: int, *, keep_changes: bool = True
) -> Iterator[UnitDigest]:
    """`iter_clean(lines, options)` digested, result for result, with the units
    cleaned by `workers` processes. An input of one unit (a page under a few
    thousand lines) starts no process."""
    if workers < 2 or not changes_structure(options) or options.drop_furniture:
        for result in iter_clean(lines, options):
            yield digest(result, keep_changes)
        return
    units = iter_units(lines, keep_layout=keeps_layout(options))
    head = [unit for unit in (next(units, None), next(units, None)) if unit is not None]
    if len(head) < 2:
        # What `iter_clean` does with one unit (and nothing with none), without
        # looking for the unit's cut again.
        for unit in head:
            yield clean_digest(unit, 1, options, "", keep_changes)
        return
    with worker_pool(workers) as pool:
        pending: deque[tuple[Future[UnitDigest], list[str], int]] = deque()
        key = ""
        number = 1
        for unit in chain(head, units):
            task = pool.submit(clean_digest, unit, number, options, "", keep_changes)
            pending.append((task, unit, number))
            number += len(unit)
            while len(pending) > AHEAD_PER_WORKER * workers:
                done = _settle(*pending.popleft(), options, key, keep_changes)
                key = done.echo_key
                yield done
        while pending:
            done = _settle(*pending.popleft(), options, key, keep_changes)
            key = done.echo_key
            yield done


def _settle(
    task: Future[UnitDigest],
    unit: list[str],
    number: int,
    options: CleanOptions,
    key: str,
    keep_changes: bool,
) -> UnitDigest:
    done = task.result()
    if done.needs_key(key):
        done = clean_digest(unit, number, options, key, keep_changes)
    return done
