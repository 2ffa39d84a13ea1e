"""-v, --explain and --report name the file's own lines, as `grep -n` counts them,
also after form feeds (which the engine reads as lines of their own), on the
whole-file path and the streamed one."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import ROOT, Invoke
from papercli import units
from papercli.commands import textrun

PAGE = (ROOT / "samples/seed-page.txt").read_text(encoding="utf-8")
CAPTION = "正在参加修养活动的一线优秀辅警。"


def paged(copies: int) -> str:
    """pdftotext-like: form feeds before the text, one blank line made a form feed,
    and `copies` pages, each ended by a form feed on the line of its last text."""
    lines = PAGE.split("\n")
    lines[8] = "\f"
    page = "\n".join(lines)
    return "\f" * 5 + "\f".join([page] * copies)


def check_lines(text: str, changes: list[dict[str, object]]) -> None:
    """Each change points at the file line holding what it names."""
    lines = text.split("\n")
    assert changes
    for change in changes:
        line = lines[int(str(change["line"])) - 1]
        shown = str(change["text"])
        before, _, after = shown.rpartition("|")
        named = re.search(r"after line (\d+)", str(change["detail"]))
        if named:
            # The layout's healed gap: its line is the gap, its detail names the line before.
            assert not line.replace("\f", "").strip(), change
            assert before.strip()[-4:] in lines[int(named.group(1)) - 1], change
        else:
            # Everything else names the line of the text after the seam (or the removed text).
            assert after.strip()[:8] in line, change


@pytest.mark.parametrize("copies", [1, 10])  # 10 pages: several units of UNIT_LINES
@pytest.mark.parametrize("path", ["stdout", "whole", "streamed-file"])
def test_reported_lines_are_the_files_after_form_feeds(
    invoke: Invoke, work: Path, monkeypatch: pytest.MonkeyPatch, path: str, copies: int
) -> None:
    text = paged(copies)
    assert len(text.split("\n")) > units.UNIT_LINES or copies == 1
    (work / "g.txt").write_text(text, encoding="utf-8")
    # Stdout always streams; -o streams from STREAM_MIN_BYTES on.
    monkeypatch.setattr(textrun, "STREAM_MIN_BYTES", 0 if path == "streamed-file" else 1 << 40)
    output = [] if path == "stdout" else ["-o", "out.txt"]
    caption_at = next(n for n, line in enumerate(text.split("\n"), 1) if CAPTION[:-1] in line)
    verbose = invoke("clean", "-v", "--report", "r.json", *output, "g.txt")
    assert verbose.exit_code == 0, verbose.stderr
    assert f"g.txt:{caption_at}: removed [drop_caption_echoes] {CAPTION!r}" in verbose.stderr
    report = json.loads((work / "r.json").read_text(encoding="utf-8"))
    check_lines(text, report["files"][0]["changes"])
    breaks = invoke("clean", "--explain", "-v", "--report", "b.json", *output, "g.txt")
    assert breaks.exit_code == 0, breaks.stderr
    changes = json.loads((work / "b.json").read_text(encoding="utf-8"))["files"][0]["changes"]
    assert {"joined", "kept", "healed"} <= {c["action"] for c in changes}
    check_lines(text, changes)


def test_file_lines_counts_a_form_feed_on_its_line() -> None:
    lines = units.split_lines("a\f\fb\n\fc\r\nd")  # file lines: a\f\fb / \fc / d
    numbers = units.FileLines.of(lines)
    assert [numbers.real(n) for n in range(1, len(lines) + 1)] == [1, 1, 1, 1, 1, 2, 2, 2, 3]
    assert numbers.real(0) == 0


def test_a_doubled_cr_ends_one_line_as_wc_and_grep_count_it() -> None:
    # CRLF re-saved through a text-mode layer: no blank line after every line.
    text = "甲\r\r\n乙\r\r\n\r\r\n丙\r丁\r\r\r\n戊"
    assert units.split_lines(text) == ["甲", "乙", "", "丙", "丁", "", "戊"]
    assert units.file_lines(text) == units.split_lines(text)
    no_lone_cr = "甲\r\r\n乙\r\n\r\r\n丙\r\r\n"
    assert len(units.split_lines(no_lone_cr)) == no_lone_cr.count("\n")  # wc -l


def test_reported_lines_of_a_doubled_cr_file_are_greps(invoke: Invoke, work: Path) -> None:
    text = PAGE.replace("\n", "\r\r\n")
    (work / "g.txt").write_bytes(text.encode())
    caption_at = next(n for n, line in enumerate(text.split("\n"), 1) if CAPTION[:-1] in line)
    verbose = invoke("clean", "-v", "-o", "out.txt", "g.txt")
    assert verbose.exit_code == 0, verbose.stderr
    assert f"g.txt:{caption_at}: removed [drop_caption_echoes] {CAPTION!r}" in verbose.stderr

def test_split_manifest_lines_are_the_files(invoke: Invoke, work: Path) -> None:
    text = paged(1)
    (work / "g.txt").write_text(text, encoding="utf-8")
    (work / "page.txt").write_text(text.replace("\f", ""), encoding="utf-8")
    lines = text.split("\n")
    for name in ("g", "page"):
        result = invoke("split", f"{name}.txt", "-o", f"{name}-out", "--manifest", f"{name}.json")
        assert result.exit_code == 0, result.stderr
    entries = json.loads((work / "g.json").read_text(encoding="utf-8"))
    # The same lines as the page without its form feeds, which numbers them alike.
    plain = json.loads((work / "page.json").read_text(encoding="utf-8"))
    spans = [(e["first_line"], e["last_line"]) for e in entries]
    assert spans == [(e["first_line"], e["last_line"]) for e in plain]
    for entry in entries:
        assert entry["title_lines"][0] in lines[entry["first_line"] - 1]
