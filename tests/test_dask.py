"""The Dask recipe (`papercli.dask`) writes, file by file, what `papercli clean` writes."""

from __future__ import annotations

import os
import pickle
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import papercli
from papercli.cli import cli
from papercli.dask import FileResult, clean_file, clean_paths
from papercli.options import CleanOptions

dask = pytest.importorskip("dask", reason="the dask extra is not installed (pip install .[dask])")

PAGES = {
    "a.txt": "负责对辅警层级\n管理工作。\n\n图为现场图为现场图为现场。。。\n",
    "sub/b.txt": "局属 21个部门\n共排查出问题。\r\n\r\n第二段\n照常。\n",
    "sub/c.txt": "已经干净的一段。\n",
    "d.txt": "Hello wor-\nld, the quick\nbrown fox.\n",
}


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "in"
    for rel, text in PAGES.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("gb18030" if rel == "sub/b.txt" else "utf-8"))
    (root / "bad.txt").write_bytes(b"\x00\x01binary")
    return root


@pytest.mark.parametrize("scheduler", ["synchronous", "threads"])
def test_clean_paths_matches_the_cli_file_by_file(
    corpus: Path, tmp_path: Path, scheduler: str
) -> None:
    paths = sorted(str(p) for p in corpus.rglob("*.txt"))
    results = clean_paths(paths, tmp_path / "out", root=corpus, npartitions=2).compute(
        scheduler=scheduler
    )
    by_path = {r.path: r for r in results}
    assert set(by_path) == set(paths)
    assert by_path[str(corpus / "bad.txt")].error is not None
    for rel in PAGES:
        src = corpus / rel
        expected = CliRunner().invoke(cli, ["clean", str(src)])
        assert expected.exit_code == 0
        result = by_path[str(src)]
        assert result.error is None and result.output == str(tmp_path / "out" / rel)
        assert (tmp_path / "out" / rel).read_bytes() == expected.stdout_bytes
    assert not by_path[str(corpus / "sub/c.txt")].changed
    assert by_path[str(corpus / "a.txt")].changed


def test_the_task_and_its_arguments_pickle(corpus: Path, tmp_path: Path) -> None:
    # A distributed scheduler ships the function and its arguments to other processes.
    options = CleanOptions(drop_caption_echoes=False)
    task = pickle.loads(pickle.dumps(clean_file))
    result = task(corpus / "a.txt", tmp_path / "o", pickle.loads(pickle.dumps(options)))
    assert pickle.loads(pickle.dumps(result)) == result
    assert isinstance(result, FileResult) and result.changed
    expected = CliRunner().invoke(cli, ["clean", "--no-drop-caption-echoes", str(corpus / "a.txt")])
    assert (tmp_path / "o" / "a.txt").read_bytes() == expected.stdout_bytes


def test_two_inputs_with_one_output_name_are_refused(tmp_path: Path) -> None:
    # Without a root both would be written to out/p.txt, the second silently
    # replacing the first while both reported success; the CLI refuses the same
    # inputs (`... would both write ...`), and so does the recipe, before any task runs.
    for sub in ("a", "b"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "p.txt").write_text(f"{sub}页\n", encoding="utf-8")
    paths = [str(tmp_path / "a/p.txt"), str(tmp_path / "b/p.txt")]
    with pytest.raises(ValueError, match="would both write"):
        clean_paths(paths, tmp_path / "out")
    assert not (tmp_path / "out").exists()
    # Mirrored under a root they are distinct; the same path twice is one output.
    results = clean_paths(paths, tmp_path / "out", root=tmp_path).compute(scheduler="synchronous")
    outputs = [str(tmp_path / "out" / sub / "p.txt") for sub in ("a", "b")]
    assert [r.output for r in results] == outputs
    again = clean_paths([paths[0], paths[0]], tmp_path / "o2").compute(scheduler="synchronous")
    assert all(r.error is None for r in again)


def _doc_scripts() -> list[str]:
    doc = (Path(__file__).parents[1] / "docs" / "scale-out.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", doc, flags=re.DOTALL)
    # The distributed one needs a cluster; the others run as written.
    return [block for block in blocks if "Client(" not in block]


@pytest.mark.slow
@pytest.mark.parametrize("index", [0, 1])
def test_the_doc_recipes_run_as_scripts(corpus: Path, tmp_path: Path, index: int) -> None:
    # As a user saves them: a script on dask.bag's default scheduler, local
    # processes started with spawn. The splitting recipe had no `__main__` guard
    # (and no `paths`): every worker re-ran it and the pool broke.
    scripts = _doc_scripts()
    assert len(scripts) == 2
    work = tmp_path / "work"
    shutil.copytree(corpus, work / "scans")
    (work / "scans" / "bad.txt").unlink()
    (work / "recipe.py").write_text(scripts[index], encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(Path(papercli.__file__).parents[1]))
    done = subprocess.run(
        [sys.executable, "recipe.py"], cwd=work, env=env, capture_output=True, text=True,
        timeout=300, check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    expected = [r"4 cleaned, 0 failed\n", r"\d+ articles in 4 pages\n"][index]
    assert re.fullmatch(expected, done.stdout)
