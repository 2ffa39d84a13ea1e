"""`-j N` on one long input: its units are cleaned in worker processes
(`papercli.parallel`), and the output, counts and changes are exactly those of
the units cleaned one after another."""

from __future__ import annotations

import multiprocessing
import os
import signal
import subprocess
import sys
import time
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

import pytest

from papercli import batch, parallel, units
from papercli.options import CleanOptions
from papercli.parallel import UnitDigest, digest, iter_digests
from papercli.pipeline import DEFAULT_OPTIONS, iter_clean
from papercli.units import split_lines
from test_streaming import make_corpus

CAPTION = "正在参加修养活动的一线优秀辅警正在参加修养活动的一线优秀辅警。。"


def sequential(lines: list[str], options: CleanOptions = DEFAULT_OPTIONS) -> list[UnitDigest]:
    return [digest(result, True) for result in iter_clean(lines, options)]


@pytest.fixture
def small_units(monkeypatch: pytest.MonkeyPatch) -> None:
    # Units of a few hundred lines: many units from a small text (workers are forked
    # after the patch, and only this process cuts units anyway).
    monkeypatch.setattr(units, "UNIT_LINES", 150)


@pytest.mark.usefixtures("small_units")
@pytest.mark.parametrize(
    "options",
    [
        CleanOptions(),
        # rejoin and dedupe keep each unit's layout: their units join with no blank line.
        CleanOptions(rebuild_paragraphs=False, drop_caption_echoes=False),
        CleanOptions(rebuild_paragraphs=False, join_line_breaks=False),
    ],
)
def test_units_cleaned_in_workers_give_the_sequential_results(options: CleanOptions) -> None:
    lines = split_lines(make_corpus.corpus_text(120_000, seed=5, pool=40))
    expected = sequential(lines, options)
    assert len(expected) > 8
    assert list(iter_digests(lines, options, 2)) == expected
    # Without changes kept, the same texts and counts, and no changes shipped.
    light = list(iter_digests(lines, options, 2, keep_changes=False))
    assert [(d.text, d.blocks) for d in light] == [(d.text, d.blocks) for d in expected]
    assert not any(d.changes for d in light)


@pytest.mark.usefixtures("small_units")
def test_rejoin_in_workers_cuts_a_long_run_as_one_process_does(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A run with no blank line, indented paragraphs: `clean` may cut its units at
    # the indents, `rejoin` only at blank lines (its blocks are the runs).
    monkeypatch.setattr(units, "PATIENT_UNIT_LINES", 300)
    lines = ["\u3000\u3000第一行的文字排满一行，", "最后一行较短。"] * 400
    options = CleanOptions(rebuild_paragraphs=False, drop_caption_echoes=False)
    assert len(list(units.iter_units(lines))) > 1
    expected = sequential(lines, options)
    assert len(expected) == 1
    assert list(iter_digests(lines, options, 2)) == expected


def _repeat_across_a_cut() -> list[str]:
    """Two units: the first ends on a caption, and the second opens on the same
    caption, printed again after the cut (the first blank line after a sentence
    end once the unit is long enough)."""
    clause = "负责对辅警层级管理工作，严格落实各项制度，"
    lines = [clause, clause, ""] * 60
    return [*lines, CAPTION, "", CAPTION, "", clause + "确保实效。"]


@pytest.mark.usefixtures("small_units")
def test_a_block_repeated_across_a_unit_cut_is_dropped_as_in_one_pass() -> None:
    lines = _repeat_across_a_cut()
    cut = list(units.iter_units(lines))
    assert len(cut) == 2 and cut[0][-1] == CAPTION and CAPTION in cut[1]
    expected = sequential(lines)
    assert "repeated block" in [c.detail for c in expected[1].changes if c.action == "removed"]
    # A worker cleans the second unit without the first one's key and keeps the
    # caption; that unit is cleaned again here, with the key.
    alone = parallel.clean_digest(cut[1], len(cut[0]) + 1, CleanOptions(), "", True)
    assert alone != expected[1] and alone.needs_key(expected[0].echo_key)
    assert list(iter_digests(lines, CleanOptions(), 2)) == expected


def test_one_unit_starts_no_process(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a pool was started")

    monkeypatch.setattr(parallel, "ProcessPoolExecutor", refuse)
    lines = split_lines("第一段文字。\n\n第二段文字。\n")
    assert list(iter_digests(lines, CleanOptions(), 4)) == sequential(lines)
    # Steps that take the input whole (furniture) or change no structure: no pool.
    options = CleanOptions(drop_furniture=True)
    many = lines * 3000
    assert list(iter_digests(many, options, 4)) == sequential(many, options)


def run_cli(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "papercli", *args], input=stdin, capture_output=True, check=False
    )


def test_cli_jobs_on_one_long_file_writes_the_same_bytes(tmp_path: Path) -> None:
    # Over a megabyte, so that -o streams it, and several thousand lines: several units.
    text = make_corpus.corpus_text(1_200_000, seed=9, pool=60)
    source = tmp_path / "long.txt"
    source.write_text(text, encoding="utf-8")
    outputs = {}
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}.txt"
        report = tmp_path / f"report{jobs}.json"
        done = run_cli("clean", str(source), "-o", str(out), "-j", jobs, "--report", str(report))
        assert done.returncode == 0, done.stderr
        outputs[jobs] = (out.read_bytes(), report.read_text(encoding="utf-8"))
    assert outputs["1"] == outputs["2"]
    # To stdout, and from stdin, too.
    piped = run_cli("clean", "-j", "2", "-", stdin=text.encode("utf-8"))
    assert piped.returncode == 0 and piped.stdout == outputs["1"][0]
    out = tmp_path / "from-stdin.txt"
    piped = run_cli("clean", "-j", "2", "-", "-o", str(out), stdin=text.encode("utf-8"))
    assert piped.returncode == 0 and out.read_bytes() == outputs["1"][0]


def test_explain_every_break_reads_each_unit_in_order(tmp_path: Path) -> None:
    # --explain -v needs each unit's page: the units are cleaned here, in order.
    source = tmp_path / "page.txt"
    source.write_text(make_corpus.corpus_text(300_000, seed=3, pool=20), encoding="utf-8")
    one = run_cli("clean", str(source), "--explain", "-v", "-j", "1")
    two = run_cli("clean", str(source), "--explain", "-v", "-j", "2")
    assert one.returncode == two.returncode == 0
    assert (one.stdout, one.stderr) == (two.stdout, two.stderr)


def _interrupt_handler() -> object:
    return signal.getsignal(signal.SIGINT)


def test_workers_leave_ctrl_c_to_the_main_process() -> None:
    # The terminal sends Ctrl-C to every process in its group: only the main one
    # reports it (exit 130), instead of each worker printing a traceback. The
    # test runs with Python's own handler: a runner started in the background
    # (`cmd &` in a script) inherits SIGINT ignored.
    inherited = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        with parallel.worker_pool(2) as pool:
            assert pool.submit(_interrupt_handler).result() == signal.SIG_IGN
        assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
    finally:
        signal.signal(signal.SIGINT, inherited)


def _terminated_mid_write(directory: str, signals: int) -> None:
    from papercli.atomic import AtomicOutput

    out = AtomicOutput(Path(directory) / "page.txt")
    out.write(b"half a page")
    for _ in range(signals):
        os.kill(os.getpid(), signal.SIGTERM)
    out.write(b", and the rest")
    out.commit()


def test_a_worker_signalled_mid_write_finishes_the_file(tmp_path: Path) -> None:
    # `timeout` and service managers signal the whole group: a worker finishes the
    # file it is writing (the main process reports it), and leaves no temp file.
    with parallel.worker_pool(1) as pool:
        pool.submit(_terminated_mid_write, str(tmp_path), 1).result(timeout=60)
    assert [p.name for p in tmp_path.iterdir()] == ["page.txt"]
    assert (tmp_path / "page.txt").read_bytes() == b"half a page, and the rest"


def test_a_worker_signalled_twice_ends_at_once_and_leaves_no_temp_file(tmp_path: Path) -> None:
    # A second SIGTERM (or the pool ending a broken pool's workers) ends a worker at
    # once: the temp file of the write it is in goes with it.
    with parallel.worker_pool(1) as pool:
        task = pool.submit(_terminated_mid_write, str(tmp_path), 2)
        with pytest.raises(BrokenProcessPool):
            task.result(timeout=60)
    assert list(tmp_path.iterdir()) == []


# A worker whose result (32 MB: sent in pieces down the pipe) is signalled by a
# thread of its own once the send has begun, then the result's size.
SIGNALLED_IN_FLIGHT = """
import os, signal, sys, threading, time
from papercli import parallel

def signal_once_sending(marker):
    worker = threading.main_thread().ident
    while True:
        frame = sys._current_frames().get(worker)
        while frame is not None and frame.f_code.co_name != "send_bytes":
            frame = frame.f_back
        if frame is not None:
            signal.pthread_kill(worker, signal.SIGTERM)
            open(marker, "w").close()
            return
        time.sleep(0.0002)

def big_result(marker):
    threading.Thread(target=signal_once_sending, args=(marker,), daemon=True).start()
    return b"x" * 32_000_000

if __name__ == "__main__":
    signal.signal(signal.SIGTERM, lambda *_: None)  # what papercli.cli installs
    with parallel.worker_pool(1) as pool:
        print(len(pool.submit(big_result, sys.argv[1]).result(timeout=60)))
"""


def test_a_worker_signalled_while_its_result_is_in_flight_hangs_nothing(
    tmp_path: Path, subprocess_env: dict[str, str]
) -> None:
    """SIGTERM to the whole group of `clean -i -j 2` over 2,000 pages left the main
    process waiting forever, about one run in fifty: a worker ended in the middle
    of sending its result, and the pool's thread read on for the rest. A worker
    signalled then finishes the send, and the pool shuts down."""
    script = tmp_path / "in_flight.py"
    script.write_text(SIGNALLED_IN_FLIGHT, encoding="utf-8")
    marker = tmp_path / "signalled"
    process = subprocess.Popen(
        [sys.executable, str(script), str(marker)],
        env=subprocess_env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        out, err = process.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        pytest.fail("the main process hung on a result cut short")
    assert marker.exists(), "the signal came after the send"
    assert (process.returncode, out) == (0, b"32000000\n"), err


# A test that patches `batch.process` in this process: the workers see it only
# where they are forked from it.
FORKED_PATCH = pytest.mark.skipif(
    multiprocessing.get_start_method() != "fork",
    reason="the patched batch.process reaches the workers only through fork",
)


def _process_signalled_at(name: str) -> Any:
    def process(source: batch.Source, settings: batch.Settings, raw: bytes | None = None) -> Any:
        if source.name == name:
            os.kill(os.getpid(), signal.SIGTERM)
        return batch.Outcome(source, changed=True)

    return process


@FORKED_PATCH
def test_a_worker_signalled_mid_task_sends_back_the_files_it_finished(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A worker ended at once took the outcomes of the files it had rewritten in its
    # task with it: an interrupted --report missed them. It stops at its next file.
    monkeypatch.setattr(batch, "process", _process_signalled_at("1.txt"))
    jobs = [
        (batch.Source(str(tmp_path / f"{n}.txt"), f"{n}.txt", Path(f"{n}.txt")), None)
        for n in range(4)
    ]
    settings = batch.Settings(CleanOptions(), None, None, keep_format=False)
    with parallel.worker_pool(1) as pool:
        outcomes = pool.submit(batch._process_chunk, settings, None, jobs).result(timeout=60)
    assert [(o.changed, o.error) for o in outcomes] == [
        (True, None),
        (True, None),
        (False, "2.txt: interrupted"),
        (False, "3.txt: interrupted"),
    ]


def _slow_process(source: batch.Source, settings: batch.Settings, raw: bytes | None = None) -> Any:
    time.sleep(0.3)
    # Each file a worker went through leaves a mark (the workers are forked).
    Path(source.path + ".done").touch()
    return batch.Outcome(source)


@FORKED_PATCH
def test_ctrl_c_stops_the_workers_at_their_next_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # With -j each worker is handed files in chunks (a quarter of its share at once):
    # on Ctrl-C it worked through its chunk and the next one queued, rewriting files
    # for seconds (minutes, with 1,000 files) after the user asked it to stop.
    monkeypatch.setattr(batch, "process", _slow_process)  # forked into the workers
    sources = [
        batch.Source(str(tmp_path / f"{n}.txt"), f"{n}.txt", Path(f"{n}.txt")) for n in range(40)
    ]
    settings = batch.Settings(CleanOptions(), None, None, keep_format=False)
    outcomes = batch.run(sources, settings, jobs=2)
    next(outcomes)
    before = len(list(tmp_path.glob("*.done")))
    with pytest.raises(KeyboardInterrupt):
        outcomes.throw(KeyboardInterrupt)
    # Each worker finishes the file in hand, not two chunks of five.
    assert len(list(tmp_path.glob("*.done"))) - before <= 2 * 2


def test_more_jobs_than_cores_on_one_file_is_no_internal_error(tmp_path: Path) -> None:
    """`-j 99999999999` on one long file was `internal error: OverflowError` (exit
    3): the pool was asked for that many processes (and `-j 500` forked 500, each
    with units in flight, for work that two cores do). A file's units take at most
    one worker per core."""
    source = tmp_path / "page.txt"
    source.write_text(make_corpus.corpus_text(300_000, seed=3, pool=20), encoding="utf-8")
    one = run_cli("clean", str(source), "-j", "1")
    many = run_cli("clean", str(source), "-j", "99999999999")
    assert many.returncode == 0, many.stderr
    assert many.stdout == one.stdout
    assert batch.unit_worker_count(500) == min(500, batch.usable_cores())
    assert batch.unit_worker_count(0) == batch.worker_count(0)


@pytest.mark.skipif(not hasattr(os, "sched_setaffinity"), reason="no CPU affinity here")
def test_one_worker_per_core_counts_the_cores_this_process_may_use(
    subprocess_env: dict[str, str],
) -> None:
    """`-j 0` and the one-file cap count the cores of the process's affinity (a
    `taskset` or a container's cpuset), not all the machine has."""
    code = (
        "import os; os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})\n"
        "from papercli import batch\n"
        "print(batch.worker_count(0), batch.unit_worker_count(8))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
        env=subprocess_env,
    )
    assert done.stdout.split() == ["1", "1"]
