"""The README's Python library example runs as it is written."""

from __future__ import annotations

import re

import pytest

from conftest import ROOT


def library_example() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Python library", 1)[1].split("\n## ", 1)[0]
    match = re.search(r"```python\n(.*?)```", section, re.DOTALL)
    assert match, "README has no Python library example"
    return match.group(1)


def test_the_library_example_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    exec(compile(library_example(), "README.md", "exec"), {"__name__": "readme"})
