"""`--diff` is a patch: `patch -p0` and `git apply` take it and turn the file into
exactly what `-i` writes, whatever newlines and page breaks the file holds."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

PAPERCLI = [sys.executable, "-m", "papercli"]
PAGE = (ROOT / "samples/seed-page.txt").read_text(encoding="utf-8")

# Characters str.splitlines() cuts at but `patch` does not: each must stay inside its line.
FILES: dict[str, bytes] = {
    "lf": PAGE.encode(),
    "crlf": PAGE.replace("\n", "\r\n").encode(),
    # pdftotext ends every page with a form feed.
    "formfeed": (PAGE + "\f" + PAGE + "\f").encode(),
    "vt": "本报讯 第一行文字，\n第二行文字。\n\v\n第三段落。\n".encode(),
    "separators": PAGE.replace("\n\n", "\n\u2028\n", 3).replace("。\n", "。\x85\n", 2).encode(),
    "mixed-bom": b"\xef\xbb\xbf" + PAGE.replace("\n", "\r\n", 40).encode(),
    "no-final-newline": PAGE.rstrip("\n").encode(),
    # Over UNIT_LINES (2,000) lines: cleaned, and diffed, unit by unit (see `diffs`).
    "units": ((PAGE + "\n") * 20).encode(),
    "units-crlf-feeds": ((PAGE + "\f") * 20).replace("\n", "\r\n").encode(),
}


def papercli(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [*PAPERCLI, *args], cwd=cwd, env=env, capture_output=True, timeout=60, check=False
    )


@pytest.mark.parametrize("tool", ["patch", "git"])
@pytest.mark.parametrize("kind", sorted(FILES))
def test_diff_applies_and_gives_what_in_place_writes(
    tmp_path: Path, subprocess_env: dict[str, str], kind: str, tool: str
) -> None:
    if shutil.which(tool) is None:
        pytest.skip(f"{tool} is not installed")
    (tmp_path / "page.txt").write_bytes(FILES[kind])
    diff = papercli(["clean", "--diff", "page.txt"], tmp_path, subprocess_env)
    assert diff.returncode == 1, diff.stderr
    assert b"No newline at end of file" not in diff.stdout.split(b"\n@@")[0]
    rewritten = papercli(["clean", "-i", "page.txt"], tmp_path, subprocess_env)
    assert rewritten.returncode == 0, rewritten.stderr
    expected = (tmp_path / "page.txt").read_bytes()
    (tmp_path / "page.txt").write_bytes(FILES[kind])
    command = ["patch", "-p0", "--quiet"] if tool == "patch" else ["git", "apply", "-p0", "-"]
    applied = subprocess.run(
        command, cwd=tmp_path, input=diff.stdout, capture_output=True, timeout=60, check=False
    )
    assert applied.returncode == 0, applied.stdout + applied.stderr
    assert (tmp_path / "page.txt").read_bytes() == expected
    if kind == "crlf":
        assert b"\r\n" in expected and b"\n" not in expected.replace(b"\r\n", b"")


@pytest.mark.parametrize("codec", ["utf-8-sig", "utf-16"])
def test_diff_with_an_output_encoding_that_writes_a_bom(
    tmp_path: Path, subprocess_env: dict[str, str], codec: str
) -> None:
    """`-i --output-encoding utf-8-sig` writes a BOM; the diff for the same run
    carries it as text (and has no BOM of its own before `---`)."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    page = tmp_path / "page.txt"
    page.write_bytes(FILES["lf"])
    recode = ["--output-encoding", codec, "page.txt"]
    diff = papercli(["clean", "--diff", *recode], tmp_path, subprocess_env)
    assert diff.returncode == 1, diff.stderr
    rewritten = papercli(["clean", "-i", *recode], tmp_path, subprocess_env)
    assert rewritten.returncode == 0, rewritten.stderr
    expected = page.read_bytes()
    assert expected.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"))
    if codec == "utf-8-sig":
        assert diff.stdout.startswith(b"--- ")
        page.write_bytes(FILES["lf"])
        applied = subprocess.run(
            ["git", "apply", "-p0", "-"], cwd=tmp_path, input=diff.stdout,
            capture_output=True, timeout=60, check=False,
        )  # fmt: skip
        assert applied.returncode == 0, applied.stdout + applied.stderr
        assert page.read_bytes() == expected
    else:
        from papercli.textio import without_bom

        # A UTF-16 diff applies with no tool, but it is UTF-16 text from its first byte.
        assert diff.stdout.decode(without_bom(codec)).startswith("--- ")


@pytest.mark.parametrize("tool", ["patch", "git"])
@pytest.mark.parametrize(
    "name", ["tab\tname.txt", "new\nline.txt", '"quoted".txt', "back\\slash.txt"]
)
def test_diff_names_a_file_whose_name_holds_a_tab_or_newline(
    tmp_path: Path, subprocess_env: dict[str, str], name: str, tool: str
) -> None:
    # A tab ends the name in a header (`NAME\t(original)`) and a newline the header
    # line: such a name is quoted, C-style, as GNU diff and git quote it.
    if shutil.which(tool) is None:
        pytest.skip(f"{tool} is not installed")
    page = tmp_path / name
    page.write_bytes(FILES["lf"])
    diff = papercli(["clean", "--diff", name], tmp_path, subprocess_env)
    assert diff.returncode == 1, diff.stderr
    rewritten = papercli(["clean", "-i", name], tmp_path, subprocess_env)
    expected = page.read_bytes()
    assert rewritten.returncode == 0 and expected != FILES["lf"], rewritten.stderr
    page.write_bytes(FILES["lf"])
    command = ["patch", "-p0", "--quiet"] if tool == "patch" else ["git", "apply", "-p0", "-"]
    applied = subprocess.run(
        command, cwd=tmp_path, input=diff.stdout, capture_output=True, timeout=60, check=False
    )
    assert applied.returncode == 0, applied.stdout + applied.stderr
    assert page.read_bytes() == expected
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]
