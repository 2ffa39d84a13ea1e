"""A streamed input's changes past SPILL_CHANGES wait in a temp file
(`ChangeLog`): read back in order, as often as asked, and -v, --explain and
--report of a large file keep a batch of them in memory, not all."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from papercli import change_log
from papercli.change_log import ChangeLog
from papercli.changes import Change
from papercli.cli import cli
from papercli.commands import textrun
from papercli.report import describe_lines, explain_lines

CHANGE = st.builds(
    Change,
    st.sampled_from(["a", "b", "c"]),
    st.integers(0, 9),
    st.sampled_from(["removed", "kept"]),
)


@given(st.lists(st.lists(CHANGE, max_size=5), max_size=8), st.integers(1, 4))
def test_a_log_gives_back_what_it_was_given_in_order(
    batches: list[list[Change]], spill: int
) -> None:
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(change_log, "SPILL_CHANGES", spill)
        log = ChangeLog()
        for batch in batches:
            log.extend(batch)
        flat = [c for batch in batches for c in batch]
        assert list(log) == flat and list(log) == flat  # twice: read back from the start
        assert len(log) == len(flat) and bool(log) == bool(flat)
        # Two walks interleaved (explain_lines walks the log inside a walk's pauses).
        assert [pair for pair in zip(log, log, strict=True)] == [(c, c) for c in flat]
        final = log.final()
        spilled = len(flat) >= spill
        assert isinstance(final, ChangeLog) == spilled
        assert tuple(final) == tuple(flat)
        assert pickle.loads(pickle.dumps(final)) == tuple(flat)  # another process's copy
        assert list(explain_lines("f", final)) == list(explain_lines("f", flat))
        info = {"encoding": "utf-8", "method": "utf-8", "confidence": 1.0, "newline": "LF"}
        assert list(describe_lines("f", info, 1, final)) == list(describe_lines("f", info, 1, flat))
        log.close()


def test_reports_of_a_large_file_are_the_same_spilled(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """-v, --explain (-v) and --report of a streamed file held every change to the
    end: 116 MB for -v of 100 MB, 501 MB with --report (its JSON built whole).
    Spilled a few at a time, they print and write the same."""
    page = (Path(__file__).parent.parent / "samples/seed-page.txt").read_text(encoding="utf-8")
    path = tmp_path / "pages.txt"
    path.write_text("\f".join([page] * 6), encoding="utf-8")
    monkeypatch.setattr(textrun, "STREAM_MIN_BYTES", 0)
    runs = []
    for spill in (1 << 30, 3):
        monkeypatch.setattr(change_log, "SPILL_CHANGES", spill)
        out = []
        for flags in (["-v"], ["--explain"], ["--explain", "-v"]):
            args = ["clean", *flags, str(path), "-o", str(tmp_path / "o")]
            result = CliRunner().invoke(cli, args)
            assert result.exit_code == 0, result.stderr
            out.append(result.stderr)
        report = tmp_path / "r.json"
        result = CliRunner().invoke(cli, ["clean", "--report", str(report), str(path)])
        assert result.exit_code == 0
        out.append(report.read_text(encoding="utf-8"))
        runs.append(out)
    assert runs[0] == runs[1]
    assert "removed [drop_caption_echoes]" in runs[0][0]
    assert runs[0][2].count("\n") > runs[0][1].count("\n") > 20
