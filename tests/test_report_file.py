"""The --report file is written as the files of a run settle (`ReportFile`): the
same JSON text as `json.dumps` of the whole payload, and a batch keeps no file's
text or changes once it is settled."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from conftest import traced_peak
from papercli import __version__
from papercli.batch import Outcome, Source
from papercli.changes import Change
from papercli.cli import cli
from papercli.commands import report_file
from papercli.commands.report_file import ReportFile
from papercli.fsnames import jsonable
from papercli.report import change_dict

# Names and texts as they come: CJK, quotes, escapes, a lone surrogate (a name
# that is not UTF-8), control characters.
TEXT = st.text(
    alphabet=st.sampled_from(["图", "a", '"', "\\", "\n", "\udcff", "\x1b", " ", "—"]),
    max_size=6,
)
CHANGE = st.builds(
    Change, st.sampled_from(["drop_caption_echoes", "rebuild_paragraphs"]),
    st.integers(0, 99), st.sampled_from(["removed", "kept"]), TEXT, TEXT,
)
INFO = st.one_of(
    st.just({}),
    st.fixed_dictionaries({"encoding": TEXT, "confidence": st.floats(0, 1), "bom": st.booleans()}),
)


@st.composite
def outcomes(draw: st.DrawFn) -> list[Outcome]:
    names = draw(st.lists(TEXT, unique=True, max_size=4))
    return [
        Outcome(
            Source(name, name, Path(f"{i}.txt")),
            error=draw(st.none() | TEXT),
            info=draw(INFO),
            changed=draw(st.booleans()),
            blocks=draw(st.integers(0, 9)),
            changes=tuple(draw(st.lists(CHANGE, max_size=3))),
        )
        for i, name in enumerate(names)
    ]


def whole_payload(command: str, listed: list[Outcome], summary: dict[str, object]) -> str:
    """The report as it was made before: the whole payload dumped at once."""
    payload = {
        "papercli": __version__,
        "command": command,
        "files": [
            {
                "path": o.source.name,
                "changed": o.changed,
                "error": o.error,
                **({"encoding": o.info} if o.info else {}),
                "blocks": o.blocks,
                "changes": [change_dict(c) for c in o.changes],
            }
            for o in listed
        ],
        "summary": summary,
    }
    return json.dumps(jsonable(payload), ensure_ascii=False, indent=2) + "\n"


@given(outcomes(), st.booleans(), st.integers(0, 3))
def test_the_report_is_the_whole_payload_dumped(
    listed: list[Outcome], interrupted: bool, spool: int
) -> None:
    summary: dict[str, object] = {"changed": 1, "unchanged": 0, "failed": 2}
    if interrupted:
        summary["interrupted"] = True
    spooled = ReportFile("r.json", "clean")
    # Added in any order (an interrupted run adds its workers' files last), each
    # written where it is asked for.
    for outcome in reversed(listed):
        spooled.add(outcome)
    if spool:
        spooled._spool.rollover()  # type: ignore[attr-defined]
    text = b"".join(spooled.pieces([o.source for o in listed], summary)).decode()
    spooled.close()
    assert text == whole_payload("clean", listed, summary)
    json.loads(text)


def test_a_batch_keeps_no_settled_files_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every settled outcome was kept whole (its text, output and changes) until
    the run's end: a batch's memory grew with its size (80 MB for 6,215 pages,
    123 MB for twice as many). Now a settled file keeps its verdict, and its
    --report entry waits serialised."""
    page = "负责对辅警层级\n管理工作。\n\n图为演练。图为演练。\n" * 40

    def run(files: int) -> int:
        folder = tmp_path / f"in{files}"
        folder.mkdir()
        for i in range(files):
            (folder / f"{i:04}.txt").write_text(page + str(i), encoding="utf-8")
        args = ["clean", "-r", str(folder), "-o", str(tmp_path / f"out{files}"), "-q"]
        args += ["--report", str(tmp_path / f"r{files}.json")]
        result = [None]

        def go() -> None:
            result[0] = CliRunner().invoke(cli, args)  # type: ignore[call-overload]

        peak = traced_peak(go)
        assert result[0].exit_code == 0  # type: ignore[attr-defined]
        report = json.loads((tmp_path / f"r{files}.json").read_text(encoding="utf-8"))
        assert len(report["files"]) == files
        assert len({len(f["changes"]) for f in report["files"]}) == 1
        assert report["files"][0]["changes"]
        return peak

    monkeypatch.setattr(report_file, "SPOOL_BYTES", 1)  # entries wait on disk at once
    run(20)  # the engine's tables, loaded once
    small, large = run(50), run(400)
    assert large < small + 1_000_000, (small, large)
