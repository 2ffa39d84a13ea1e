"""Shared fixtures for the CLI and I/O tests (nothing here is autouse: other test
files keep their own working directory and environment)."""

from __future__ import annotations

import importlib.util
import io
import os
import sys
import tracemalloc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from click.testing import CliRunner, Result
from hypothesis import settings

from papercli import batch, pipeline, streaming, units
from papercli.steps import convert

# CI must be reproducible: there, hypothesis draws the same examples every run
# (developers' runs keep exploring new ones and save failures to .hypothesis/).
settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI"):
    settings.load_profile("ci")

ROOT = Path(__file__).resolve().parents[1]

# A column-wrapped sentence that `clean` joins, and what it becomes: the I/O tests
# need one input that changes and one that does not, not the engine's finer rules.
WRAPPED = "负责对辅警层级\n管理工作。\n"
CLEANED = "负责对辅警层级管理工作。\n"
# The same in Traditional characters, for Big5.
TRAD_WRAPPED = "負責對輔警層級\n管理工作。\n"
TRAD_CLEANED = "負責對輔警層級管理工作。\n"


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A scratch directory as the cwd, with no config file above it that counts
    and no NO_COLOR from the caller's environment."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NO_COLOR", raising=False)
    yield tmp_path


Invoke = Callable[..., Result]


@pytest.fixture
def invoke(work: Path) -> Invoke:
    """Run the click group in-process; stdin is a pipe unless a test says otherwise."""
    from papercli.cli import cli

    def run(
        *args: str, input: bytes | str | None = None, env: dict[str, str] | None = None
    ) -> Result:
        runner = CliRunner()
        return runner.invoke(cli, list(args), input=input, env=env, catch_exceptions=False)

    return run


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode(encoding))
    return path


@pytest.fixture
def subprocess_env() -> dict[str, str]:
    """The environment for real `papercli` processes: no colour, no config surprises,
    and this checkout's code (a relative PYTHONPATH=src is lost in another cwd, and the
    installed package may point at another worktree)."""
    env = dict(os.environ)
    env.pop("NO_COLOR", None)
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    env["PYTHONPATH"] = os.pathsep.join(
        [str(ROOT / "src"), *filter(None, [env.get("PYTHONPATH")])]
    )
    return env


def stream_peak(
    data: bytes, settings: batch.Settings, write: Callable[[bytes], object]
) -> tuple[batch.Outcome, int]:
    """Stream `data` as stdin into `write`: the outcome (no error) and the peak of
    traced memory, without the changes (only counted)."""
    source = batch.Source(None, "<stdin>", Path("stdin.txt"))
    tracemalloc.start()
    try:
        outcome = streaming.stream(
            source, settings, write=write, stdin=io.BytesIO(data), keep_changes=False
        )
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert outcome.error is None, outcome.error
    return outcome, peak


def load_make_corpus() -> ModuleType:
    """benchmarks/make_corpus.py as a module: the benchmark's generated pages."""
    if "make_corpus" in sys.modules:
        return sys.modules["make_corpus"]
    spec = importlib.util.spec_from_file_location("make_corpus", ROOT / "benchmarks/make_corpus.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_corpus"] = module
    spec.loader.exec_module(module)
    return module


@contextmanager
def long_line_limits(long: int, window: int, cut_above: int | None = None) -> Iterator[None]:
    """Shrink the long-line limits (`units.LONG_LINE`, PIECE_WINDOW, CUT_ABOVE) everywhere
    they are read, so that a test line of a few thousand characters is cut. Not all are
    read through `units` at call time: `pipeline` imports CUT_ABOVE by name
    (`convert_whole`) and `steps.convert` copies PIECE_WINDOW into LONG_LINE_CHARS."""
    cut_above = 2 * long + window if cut_above is None else cut_above
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(units, "LONG_LINE", long)
        mp.setattr(units, "PIECE_WINDOW", window)
        mp.setattr(units, "CUT_ABOVE", cut_above)
        mp.setattr(pipeline, "CUT_ABOVE", cut_above)
        mp.setattr(convert, "LONG_LINE_CHARS", window)
        yield


def traced_peak(run: Callable[[], object]) -> int:
    """The peak of traced memory while `run` runs (tracemalloc: Python's own
    allocations, counted the same on every machine)."""
    tracemalloc.start()
    try:
        run()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak


def streamed_and_whole_peaks(
    source: batch.Source, settings: batch.Settings, **out: Any
) -> tuple[list[batch.Outcome], list[int]]:
    """The outcomes and traced peaks of `source` streamed (`streaming.stream`, its
    output given to `out`: write=... or diff=...) and processed whole."""
    outcomes: list[batch.Outcome] = []
    peaks = [
        traced_peak(
            lambda: outcomes.append(
                streaming.stream(source, settings, keep_changes=False, **out)
            )
        ),
        traced_peak(lambda: outcomes.append(batch.process(source, settings))),
    ]
    return outcomes, peaks
