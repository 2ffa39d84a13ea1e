"""Golden pages: `tests/cases/NAME.in.txt` must clean to `NAME.out.txt`, exactly.

Every case is also checked for stability (cleaning the expected output changes
nothing), so a pre-commit hook settles after one run. `tests/negative/engine/`
holds pages already in the output format that must come out byte for byte;
`tests/known-failures/` holds cases the engine gets wrong today (strict xfail:
fixing one makes the suite fail until the case moves to `tests/cases/`).

An optional first line `# flags: --no-drop-caption-echoes --convert-script t2s`
sets CleanOptions fields the way the CLI flags do.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import Any

import pytest

from papercli.options import CleanOptions
from papercli.pipeline import clean_text

TESTS = Path(__file__).parent
CASES = TESTS / "cases"
NEGATIVE = TESTS / "negative" / "engine"
KNOWN_FAILURES = TESTS / "known-failures"

FLAGS_PREFIX = "# flags:"
OPTION_NAMES = frozenset(f.name for f in dataclasses.fields(CleanOptions))


def read(path: Path) -> str:
    # Bytes, not read_text(): universal newlines would turn a CRLF case into an LF one.
    return path.read_bytes().decode("utf-8")


def field_name(flag: str) -> str:
    name = flag.replace("-", "_")
    if name not in OPTION_NAMES:
        raise ValueError(f"unknown flag --{flag}: no CleanOptions field {name!r}")
    return name


def parse_flags(text: str) -> tuple[CleanOptions, str]:
    """Split an optional `# flags: ...` first line off a case and map it to options."""
    if not text.startswith(FLAGS_PREFIX):
        return CleanOptions(), text
    first, _, rest = text.partition("\n")
    words = first[len(FLAGS_PREFIX) :].split()
    # bool for on/off steps, str for --convert-script; replace() rejects unknown names.
    changes: dict[str, Any] = {}
    i = 0
    while i < len(words):
        word = words[i]
        if not word.startswith("--"):
            raise ValueError(f"flag expected, got {word!r}")
        if word == "--convert-script":
            # The one option that takes a value (an OpenCC config name).
            changes["convert_script"] = words[i + 1]
            i += 2
            continue
        if word.startswith("--no-"):
            changes[field_name(word[len("--no-") :])] = False
        else:
            changes[field_name(word[2:])] = True
        i += 1
    return dataclasses.replace(CleanOptions(), **changes), rest


def case_params(folder: Path) -> list[object]:
    return [
        pytest.param(path, id=path.name.removesuffix(".in.txt"))
        for path in sorted(folder.glob("*.in.txt"))
    ]


def expected_path(source: Path) -> Path:
    return source.with_name(source.name.removesuffix(".in.txt") + ".out.txt")


# Why each known failure fails: input shape -> wrong output -> what a human expects.
DIAGNOSES: dict[str, str] = {}

GOLDEN = case_params(CASES)
XFAIL = [
    pytest.param(
        path,
        id=path.name.removesuffix(".in.txt"),
        marks=pytest.mark.xfail(
            strict=True, reason=DIAGNOSES.get(path.name.removesuffix(".in.txt"), "undiagnosed")
        ),
    )
    for path in sorted(KNOWN_FAILURES.glob("*.in.txt"))
]
NEGATIVE_FILES = [pytest.param(p, id=p.name) for p in sorted(NEGATIVE.glob("*.txt"))]


def test_cases_are_found() -> None:
    # Guard against a glob that silently matches nothing (a renamed folder would
    # otherwise turn the whole golden suite into zero tests that all "pass").
    assert len(GOLDEN) >= 25
    assert len(NEGATIVE_FILES) >= 8
    for path in [*CASES.glob("*.in.txt"), *KNOWN_FAILURES.glob("*.in.txt")]:
        assert expected_path(path).exists(), f"{path.name} has no .out.txt"
    for path in [*CASES.glob("*.out.txt"), *KNOWN_FAILURES.glob("*.out.txt")]:
        assert path.with_name(path.name.removesuffix(".out.txt") + ".in.txt").exists()


def test_known_failures_are_diagnosed() -> None:
    # The diagnosis is the fix request: a case without one cannot be acted on.
    names = {p.name.removesuffix(".in.txt") for p in KNOWN_FAILURES.glob("*.in.txt")}
    assert names == set(DIAGNOSES)


@pytest.mark.parametrize("source", GOLDEN)
def test_golden(source: Path) -> None:
    options, text = parse_flags(read(source))
    expected = read(expected_path(source))
    assert clean_text(text, options) == expected


@pytest.mark.parametrize("source", XFAIL)
def test_known_failure(source: Path) -> None:
    # Both halves at once: a case may fail on the first pass or only on the second.
    options, text = parse_flags(read(source))
    expected = read(expected_path(source))
    assert clean_text(text, options) == expected
    assert clean_text(expected, options) == expected


@pytest.mark.parametrize("source", GOLDEN)
def test_golden_is_stable(source: Path) -> None:
    # A second pass over the expected output must change nothing.
    options, _ = parse_flags(read(source))
    expected = read(expected_path(source))
    assert clean_text(expected, options) == expected


@pytest.mark.parametrize("path", NEGATIVE_FILES)
def test_negative_is_unchanged(path: Path) -> None:
    text = read(path)
    assert clean_text(text) == text


@pytest.mark.parametrize("path", NEGATIVE_FILES)
def test_negative_files_are_in_output_format(path: Path) -> None:
    # A negative file that is not in the output format could never pass, and
    # would hide whether the engine or the file is wrong.
    text = read(path)
    assert text.endswith("\n") and not text.endswith("\n\n")
    assert "\r" not in text and "\n\n\n" not in text
    for line in text.split("\n"):
        assert line == line.strip(" \t\u3000"), repr(line)


@pytest.mark.parametrize(
    ("first_line", "expected"),
    [
        ("# flags: --no-drop-caption-echoes", CleanOptions(drop_caption_echoes=False)),
        (
            "# flags: --drop-furniture --no-rebuild-paragraphs",
            CleanOptions(drop_furniture=True, rebuild_paragraphs=False),
        ),
        ("# flags: --convert-script t2s", CleanOptions(convert_script="t2s")),
    ],
)
def test_parse_flags(first_line: str, expected: CleanOptions) -> None:
    options, rest = parse_flags(first_line + "\nbody\n")
    assert options == expected
    assert rest == "body\n"


def test_parse_flags_rejects_unknown_flag() -> None:
    with pytest.raises(ValueError, match="no CleanOptions field"):
        parse_flags("# flags: --no-such-step\nbody\n")


# Ways extractions differ that carry no meaning: a line ending padded with a space
# on every line, a paragraph indent typed as a tab or as ASCII spaces.
LAYOUT_NOISE = {
    "padded line ends": lambda text: re.sub(r"(?m)(?<=\S)$", " ", text),
    "tab indents": lambda text: re.sub(r"(?m)^\u3000\u3000", "\t", text),
    "four-space indents": lambda text: re.sub(r"(?m)^\u3000\u3000", "    ", text),
}


@pytest.mark.parametrize("noise", sorted(LAYOUT_NOISE))
def test_golden_output_survives_layout_noise(noise: str) -> None:
    changed = 0
    for param in GOLDEN:
        source = param.values[0]  # type: ignore[attr-defined]
        options, text = parse_flags(read(source))
        if re.search(r"(?m)[ \u3000\t]$", text):
            continue  # the case is about its trailing spaces
        noisy = LAYOUT_NOISE[noise](text)
        changed += noisy != text
        assert clean_text(noisy, options) == read(expected_path(source)), source.name
    assert changed >= 5  # the noise reached enough cases to mean something
