"""`--diff` of a long text is made unit by unit (`diffs.anchored_opcodes`): each
unit's lines against what they became, so that its time grows with the text, not
faster (difflib over a whole 10 MB file took 87 s, 2.9 s unit by unit). Whatever
the anchors, the diff must still be a patch that turns the file into exactly what
`-i` writes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import ROOT, load_make_corpus
from papercli import batch, units
from papercli.batch import Settings, Source
from papercli.diffs import anchor_lines, diff_lines, unified_diff
from papercli.options import DEFAULT_OPTIONS

SEED = (ROOT / "samples/seed-page.txt").read_text(encoding="utf-8")
HUNK = re.compile(r"@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@")


def apply(a: list[str], diff: list[str]) -> list[str]:
    """`a` patched with a unified diff (its lines as `unified_diff` gives them),
    checking every context and removed line against `a`, as `patch` does."""
    out: list[str] = []
    at = 0  # lines of `a` used so far
    k = 2 if diff else 0  # past the --- and +++ headers
    while k < len(diff):
        m = HUNK.match(diff[k])
        assert m, diff[k]
        start = int(m[1]) - (0 if m[2] == "0" else 1)
        assert start >= at, "hunks out of order"
        out.extend(a[at:start])
        at = start
        k += 1
        while k < len(diff) and not diff[k].startswith("@@"):
            sign, line = diff[k][0], diff[k][1:]
            if sign in " -":
                assert a[at] == line, (at, a[at], line)
                at += 1
            if sign in " +":
                out.append(line)
            k += 1
    return out + a[at:]


def diff_of(a: list[str], b: list[str], anchors: list[tuple[int, int]]) -> list[str]:
    return list(unified_diff(a, b, fromfile="p", tofile="p", anchors=anchors))


LINES = st.lists(st.sampled_from(["a\n", "b\n", "c\n", "\n", "一行\n"]), max_size=30)


@given(LINES, LINES, st.lists(st.tuples(st.integers(-2, 32), st.integers(-2, 32)), max_size=6))
def test_any_anchors_give_a_patch_that_turns_a_into_b(
    a: list[str], b: list[str], anchors: list[tuple[int, int]]
) -> None:
    """Anchors out of order or out of range are passed over: a wrong anchor can
    make a diff longer, never wrong."""
    assert apply(a, diff_of(a, b, anchors)) == b
    assert apply(a, diff_of(a, b, sorted(anchors))) == b


def test_without_anchors_the_diff_is_difflibs() -> None:
    import difflib

    a, b = diff_lines(SEED), diff_lines(SEED.replace("。\n", "。\n\n"))
    assert diff_of(a, b, []) == list(difflib.unified_diff(a, b, "p", "p"))


def test_hunks_meet_across_an_anchor_as_in_one_diff() -> None:
    """A change just before an anchor and one just after it are one hunk, as
    difflib makes them in one text: the context runs on across the cut."""
    a = [f"{n}\n" for n in range(20)]
    b = [*a[:9], "x\n", *a[10:11], "y\n", *a[12:]]
    whole = diff_of(a, b, [])
    assert diff_of(a, b, [(10, 10)]) == whole
    assert sum(line.startswith("@@") for line in whole) == 1


def test_anchor_lines_passes_over_a_unit_that_starts_inside_a_file_line() -> None:
    """The engine puts a form feed on a line of its own: `a\fb` is three of its
    lines and one of the file's, and a unit starting at `b` starts inside it."""
    lines = units.FileLines.of(["a", "\f", "b", "c"])  # the file's lines: a\fb, c
    assert anchor_lines([(3, 5), (4, 7)], lines.real) == ((1, 7),)


@pytest.fixture
def small_units(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(units, "UNIT_LINES", 60)


@pytest.mark.usefixtures("small_units")
@pytest.mark.parametrize(
    "newline", ["\n", "\r\n"], ids=["lf", "crlf"]
)
@pytest.mark.parametrize("feeds", [False, True], ids=["no-feeds", "feeds"])
def test_a_text_of_many_units_is_diffed_unit_by_unit(
    newline: str, feeds: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The engine's unit starts become the diff's anchors, and the diff is the
    patch from the file to what -i writes; difflib never sees more than a unit."""
    text = load_make_corpus().corpus_text(40_000, seed=3, page_break="\f" if feeds else "")
    text = text.replace("\n", newline)
    raw = text.encode()
    settings = Settings(DEFAULT_OPTIONS, None, None, keep_format=True, diff=True)
    seen: list[int] = []
    import difflib

    real = difflib.SequenceMatcher.set_seqs

    def spy(self: difflib.SequenceMatcher[str], a: list[str], b: list[str]) -> None:
        seen.append(len(a) + len(b))
        real(self, a, b)

    outcome = batch.process(Source(None, "p.txt", Path("p.txt")), settings, raw)
    assert outcome.error is None and outcome.changed
    assert len(outcome.anchors) > 5
    monkeypatch.setattr(difflib.SequenceMatcher, "set_seqs", spy)
    a, b = diff_lines(outcome.before), diff_lines(outcome.after)
    diff = diff_of(a, b, list(outcome.anchors))
    assert apply(a, diff) == b
    assert "".join(b).encode() == outcome.data
    assert max(seen) < (len(a) + len(b)) / 4


def test_a_file_with_lone_carriage_returns_is_diffed_whole() -> None:
    """A lone CR ends an engine line but no line of the diff: no anchors."""
    raw = (SEED * 30).replace("\n", "\r").encode()
    settings = Settings(DEFAULT_OPTIONS, None, None, keep_format=True, diff=True)
    outcome = batch.process(Source(None, "p.txt", Path("p.txt")), settings, raw)
    assert outcome.anchors == ()
