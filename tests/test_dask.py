"""The Dask recipe (`papercli.dask`) writes, file by file, what `papercli clean` writes."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
from click.testing import CliRunner

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
