"""The hooks in .pre-commit-hooks.yaml, run by pre-commit itself on a temporary repo.

`pre-commit try-repo` would build a fresh virtualenv and pip-install papercli and
its dependencies from the network for `language: python`. To stay offline and
fast, the test copies each hook's definition (id, entry, types, everything but
`language`) into a `repo: local` config with `language: system`, which runs the
same entry on the same filtered file list with the papercli installed here.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import CLEANED, ROOT, WRAPPED

yaml = pytest.importorskip("yaml")  # a dependency of pre-commit

HOOKS = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
PRE_COMMIT = shutil.which("pre-commit")


def test_hook_definitions() -> None:
    by_id = {hook["id"]: hook for hook in HOOKS}
    assert by_id["papercli-clean"]["entry"] == "papercli clean --in-place"
    assert by_id["papercli-check"]["entry"] == "papercli clean --check"
    for hook in HOOKS:
        assert hook["language"] == "python"
        assert hook["types"] == ["text"]
        assert hook["files"] == r"\.txt$"


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, timeout=30)


def run_hook(repo: Path, hook_id: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PRE_COMMIT_HOME=str(repo.parent / "pre-commit-home"))
    return subprocess.run(
        [str(PRE_COMMIT), "run", hook_id, "--all-files"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    if PRE_COMMIT is None:
        pytest.skip("pre-commit is not installed")
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    git(repo, "config", "user.email", "test@example.com")
    git(repo, "config", "user.name", "test")
    local = [{**hook, "language": "system"} for hook in HOOKS]
    config = {"repos": [{"repo": "local", "hooks": local}]}
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    (repo / "page.txt").write_text(WRAPPED, encoding="utf-8")
    (repo / "clean.txt").write_text(CLEANED, encoding="utf-8")
    # Not text: pre-commit's `types: [text]` must keep it away from papercli.
    (repo / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    # Text but not a page: `files: \.txt$` must keep papercli from joining its lines.
    (repo / "notes.md").write_text("# Title\n\n- one\n- two\n", encoding="utf-8")
    git(repo, "add", ".")
    return repo


def test_fixing_hook_rewrites_then_settles(repo: Path) -> None:
    first = run_hook(repo, "papercli-clean")
    assert first.returncode == 1, first.stdout  # pre-commit fails a run that modified files
    assert "files were modified by this hook" in first.stdout
    assert (repo / "page.txt").read_text(encoding="utf-8") == CLEANED
    assert (repo / "image.png").read_bytes().startswith(b"\x89PNG")
    assert (repo / "notes.md").read_text(encoding="utf-8") == "# Title\n\n- one\n- two\n"
    second = run_hook(repo, "papercli-clean")
    assert second.returncode == 0, second.stdout


def test_checking_hook_fails_without_touching(repo: Path) -> None:
    dirty = run_hook(repo, "papercli-check")
    assert dirty.returncode == 1
    assert "would change page.txt" in dirty.stdout
    assert (repo / "page.txt").read_text(encoding="utf-8") == WRAPPED
    (repo / "page.txt").write_text(CLEANED, encoding="utf-8")
    git(repo, "add", ".")
    assert run_hook(repo, "papercli-check").returncode == 0
