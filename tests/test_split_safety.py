"""`papercli split` under hostile titles and a booby-trapped output DIR (issue 7).

Titles come from OCR'd text, so they can hold anything. Whether the engine reads a
line as a title is its own business (tests/split_cases); the safety of the names and
of the writes must not depend on it. So most cases run the real `papercli split`
with `split_articles` replaced by one that returns articles with the given titles
(`LAUNCHER` below); one case goes through the engine end to end.

Always: nothing is written outside DIR, nothing is overwritten without --force, and
a symlink in DIR is replaced (with --force) or refused, never written through.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import unicodedata
from pathlib import Path

from reliability_support import (
    Row,
    assert_clean_stderr,
    first_error_line,
    listing,
    observe,
    papercli_env,
    run_papercli,
)

LAUNCHER = r"""
import json, os, sys
import papercli.articles as articles
from papercli.page import Block, BlockKind

TITLES = json.loads(os.environ["PAPERCLI_TEST_TITLES"])

def split_articles(text, options=None):
    return [
        articles.Article(
            blocks=(Block(BlockKind.PARAGRAPH, (f"第{i}篇正文。",), i + 1, i + 1),),
            title_lines=(title,) if title else (),
            first_line=i + 1,
            last_line=i + 1,
        )
        for i, title in enumerate(TITLES)
    ]

articles.split_articles = split_articles  # before the command imports it
sys.argv = ["papercli", *sys.argv[1:]]
from papercli.cli import main
main()
"""

HOSTILE_TITLES = [
    "../../outside/evil",
    "/etc/passwd",
    "a/b\\c:d*e?f",
    "..",
    ".",
    ".hidden",
    "ctl\x00\x07\x1b[31m\r\nred",
    "CON",
    "con.txt",
    "NUL",
    "COM1",
    "LPT9.log",
    "\u202etxt.exe",  # right-to-left override: shows as "exe.txt"
    "zero\u200bwidth",
    "题" * 300,  # 900 bytes of UTF-8
    "x" * 300,
    "同一标题",
    "同一标题",
    "Same",
    "SAME",  # one name on a case-insensitive file system
    "",
    "   ",
]


def split_with_titles(
    titles: list[str], args: list[str], cwd: Path
) -> subprocess.CompletedProcess[bytes]:
    env = papercli_env()
    env["PAPERCLI_TEST_TITLES"] = json.dumps(titles)
    return subprocess.run(
        [sys.executable, "-c", LAUNCHER, "split", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        timeout=60,
        check=False,
    )


def outside_snapshot(tmp_path: Path, directory: Path) -> dict[str, bytes]:
    """Everything under tmp_path but outside DIR, with contents: it must not change."""
    return {
        entry: (tmp_path / entry).read_bytes() if (tmp_path / entry).is_file() else b"<dir>"
        for entry in listing(tmp_path)
        if not (tmp_path / entry).resolve().is_relative_to(directory.resolve())
    }


def assert_safe_names(directory: Path, count: int) -> list[str]:
    names = sorted(os.listdir(directory))
    assert len(names) == count
    assert len({n.casefold() for n in names}) == count  # unique even ignoring case
    for name in names:
        assert (directory / name).is_file() and not (directory / name).is_symlink()
        assert len(name.encode("utf-8")) <= 255
        assert not name.startswith(".") and ".." not in name
        assert not any(unicodedata.category(c) in ("Cc", "Cf", "Cs") for c in name), repr(name)
        assert name.split(".")[0].split("-")[-1].upper() not in {"CON", "NUL", "COM1"}
    return names


def test_hostile_titles_stay_in_dir_and_never_overwrite(tmp_path: Path) -> None:
    (tmp_path / "page.txt").write_text("任意。\n", encoding="utf-8")
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "evil.txt").write_text("precious\n", encoding="utf-8")
    arts = tmp_path / "arts"
    before = outside_snapshot(tmp_path, arts)
    args = ["page.txt", "-o", "arts", "--name", "title"]

    first = split_with_titles(HOSTILE_TITLES, args, tmp_path)
    assert first.returncode == 0, first.stderr
    assert_clean_stderr(first.stderr)
    names = assert_safe_names(arts, len(HOSTILE_TITLES))
    contents = {n: (arts / n).read_bytes() for n in names}
    assert sorted(contents.values()) == sorted(
        f"第{i}篇正文。\n".encode() for i in range(len(HOSTILE_TITLES))
    )
    assert outside_snapshot(tmp_path, arts) == before

    # Again, without --force: refused as a whole, nothing touched.
    (arts / names[0]).write_text("edited by hand\n", encoding="utf-8")
    again = split_with_titles(HOSTILE_TITLES, args, tmp_path)
    assert again.returncode == 2
    assert_clean_stderr(again.stderr)
    assert b"would overwrite" in again.stderr and b"--force" in again.stderr
    assert (arts / names[0]).read_text(encoding="utf-8") == "edited by hand\n"
    assert sorted(os.listdir(arts)) == names

    forced = split_with_titles(HOSTILE_TITLES, [*args, "--force"], tmp_path)
    assert forced.returncode == 0, forced.stderr
    assert {n: (arts / n).read_bytes() for n in names} == contents
    assert outside_snapshot(tmp_path, arts) == before
    observe(
        Row(
            "split",
            "hostile-titles",
            f"{len(HOSTILE_TITLES)} titles: ../../outside/evil, /etc/passwd, a/b\\c:d*e?f, "
            "'..', '.', .hidden, control characters and ESC, CON, con.txt, NUL, COM1, "
            "LPT9.log, U+202E, U+200B, 300 × 题, 300 × x, identical, Same/SAME, empty",
            "papercli split page.txt -o arts --name title (then again, then --force)",
            f"{first.returncode}; {again.returncode}; {forced.returncode}",
            first_error_line(again.stderr, tmp_path),
            f"{len(names)} distinct safe names in arts/ (≤ 255 bytes, no separator, dot run, "
            "control or format character, reserved name); nothing outside changed; an edited "
            "file survives the refused rerun",
        )
    )


def test_symlinks_in_dir_are_never_written_through(tmp_path: Path) -> None:
    (tmp_path / "page.txt").write_text("任意。\n", encoding="utf-8")
    precious = tmp_path / "precious.txt"
    precious.write_text("precious\n", encoding="utf-8")
    arts = tmp_path / "arts"
    arts.mkdir()
    # Links named exactly like what split will write: an article, a titled article,
    # a dangling one, and the manifest.
    os.symlink(precious, arts / "page-01.txt")
    os.symlink("../precious.txt", arts / "page-02-头条.txt")
    os.symlink(tmp_path / "nowhere.txt", arts / "page-03.txt")
    os.symlink(precious, arts / "m.jsonl")
    args = ["page.txt", "-o", "arts", "--name", "title", "--manifest", "arts/m.jsonl"]
    titles = ["", "头条", ""]

    refused = split_with_titles(titles, args, tmp_path)
    assert refused.returncode == 2
    assert_clean_stderr(refused.stderr)
    assert all(os.path.islink(arts / n) for n in os.listdir(arts))

    forced = split_with_titles(titles, [*args, "--force"], tmp_path)
    assert forced.returncode == 0, forced.stderr
    assert precious.read_text(encoding="utf-8") == "precious\n"
    assert not (tmp_path / "nowhere.txt").exists()
    for name in ("page-01.txt", "page-02-头条.txt", "page-03.txt", "m.jsonl"):
        assert (arts / name).is_file() and not (arts / name).is_symlink()
    assert listing(tmp_path) == sorted(
        ["arts", "page.txt", "precious.txt"]
        + [f"arts/{n}" for n in ("m.jsonl", "page-01.txt", "page-02-头条.txt", "page-03.txt")]
    )
    observe(
        Row(
            "split",
            "symlink-in-dir",
            "DIR holds symlinks named like the files split writes (to a file outside, "
            "relative, dangling) and like --manifest",
            "papercli split page.txt -o arts --name title --manifest arts/m.jsonl [--force]",
            f"{refused.returncode}; {forced.returncode}",
            first_error_line(refused.stderr, tmp_path),
            "without --force: refused, links intact; with --force: the links themselves are "
            "replaced by files; the targets outside never written (the manifest used to be)",
        )
    )


def test_same_prefix_from_two_inputs_never_collides(tmp_path: Path) -> None:
    for sub in ("a", "b"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "page.txt").write_text("任意。\n", encoding="utf-8")
    done = split_with_titles(["同题", "同题"], ["a/page.txt", "b/page.txt", "-o", "arts"], tmp_path)
    assert done.returncode == 0, done.stderr
    names = assert_safe_names(tmp_path / "arts", 4)
    observe(
        Row(
            "split",
            "same-prefix-two-inputs",
            "two inputs with one file name (same prefix), identical titles",
            "papercli split a/page.txt b/page.txt -o arts",
            str(done.returncode),
            first_error_line(done.stderr, tmp_path),
            f"4 distinct files: {', '.join(names)}",
        )
    )


def test_engine_title_with_a_path_end_to_end(tmp_path: Path) -> None:
    # The real engine reads this line as a title (see tests/split_cases for the shape).
    body = "".join(
        f"金秋十月，南湖镇万亩稻田一片金黄。今年推广的新品种长势好，经测产每亩多收{j}。\n\n"
        for j in range(3)
    )
    page = f"稻田/../../etc/passwd\n\n本报记者 周明\n\n{body}"
    (tmp_path / "page.txt").write_text(page, encoding="utf-8")
    done = run_papercli(["split", "page.txt", "-o", "arts", "--name", "title"], tmp_path)
    assert done.returncode == 0, done.stderr
    # Which lines are a title is the engine's call; the name must be safe either way.
    (name,) = assert_safe_names(tmp_path / "arts", 1)
    assert name in ("page-01.txt", "page-01-稻田-etc-passwd.txt"), name
    assert listing(tmp_path) == ["arts", f"arts/{name}", "page.txt"]
    observe(
        Row(
            "split",
            "engine-title-path",
            "a real page whose headline is 稻田/../../etc/passwd",
            "papercli split page.txt -o arts --name title",
            str(done.returncode),
            first_error_line(done.stderr, tmp_path),
            "one file in arts/, page-01-稻田-etc-passwd.txt (or page-01.txt); nothing outside",
        )
    )
