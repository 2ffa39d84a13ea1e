"""`split` (one file per article, safely) and `detect` (what is in a file)."""

from __future__ import annotations

import errno
import json
import os
import signal
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT, WRAPPED, Invoke, write
from papercli import atomic
from papercli.articles import split_articles

SEED = ROOT / "samples" / "seed-page.txt"


def test_split_into_a_new_directory(invoke: Invoke, work: Path) -> None:
    result = invoke("split", str(SEED), "-o", "out/arts")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    articles = split_articles(SEED.read_text(encoding="utf-8"))
    names = sorted(p.name for p in (work / "out" / "arts").iterdir())
    assert names == [f"seed-page-{n:02d}.txt" for n in range(1, len(articles) + 1)]
    for name, article in zip(names, articles, strict=True):
        assert (work / "out" / "arts" / name).read_text(encoding="utf-8") == article.text


def test_split_refuses_to_overwrite_without_force(invoke: Invoke, work: Path) -> None:
    write(work / "page.txt", WRAPPED)
    assert invoke("split", "page.txt", "-o", "arts").exit_code == 0
    (work / "arts" / "page-01.txt").write_text("mine", encoding="utf-8")
    result = invoke("split", "page.txt", "-o", "arts")
    assert result.exit_code == 2 and "--force" in result.stderr
    assert (work / "arts" / "page-01.txt").read_text(encoding="utf-8") == "mine"
    assert invoke("split", "page.txt", "-o", "arts", "--force").exit_code == 0
    assert (work / "arts" / "page-01.txt").read_text(encoding="utf-8") != "mine"


def test_split_never_writes_through_a_symlink(invoke: Invoke, work: Path) -> None:
    write(work / "page.txt", WRAPPED)
    (work / "arts").mkdir()
    outside = write(work / "outside.txt", "precious")
    os.symlink(outside, work / "arts" / "page-01.txt")
    assert invoke("split", "page.txt", "-o", "arts").exit_code == 2
    assert invoke("split", "page.txt", "-o", "arts", "--force").exit_code == 0
    assert outside.read_text(encoding="utf-8") == "precious"
    assert not (work / "arts" / "page-01.txt").is_symlink()


def test_split_stdin_prefix_title_names_and_manifests(invoke: Invoke, work: Path) -> None:
    page = SEED.read_bytes()
    result = invoke(
        "split", "--prefix", "../1939/05", "--name", "title", "-o", "arts",
        "--manifest", "m.jsonl", input=page,
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    files = sorted(p.name for p in (work / "arts").iterdir())
    assert all(name.startswith("1939-05-") and "/" not in name for name in files)
    lines = (work / "m.jsonl").read_text(encoding="utf-8").splitlines()
    entries = [json.loads(line) for line in lines]
    assert [e["file"] for e in entries] == files
    keys = {"file", "source", "kind", "title_lines", "byline", "dateline", "chars"}
    assert keys | {"first_line", "last_line", "captions", "signals"} <= set(entries[0])
    assert invoke("split", str(SEED), "-o", "b", "--manifest", "m.json").exit_code == 0
    assert isinstance(json.loads((work / "m.json").read_text(encoding="utf-8")), list)
    assert invoke("split", str(SEED), "-o", "c", "--manifest", "m.json").exit_code == 2


def test_split_output_must_be_a_directory(invoke: Invoke, work: Path) -> None:
    write(work / "file", "x")
    assert invoke("split", str(SEED), "-o", "file").exit_code == 2


def test_split_output_dash_is_no_directory_named_dash(invoke: Invoke, work: Path) -> None:
    # '-' is stdout for clean's -o and split's --manifest: split -o - made ./-/ (fuzz10).
    result = invoke("split", str(SEED), "-o", "-")
    assert result.exit_code == 2 and "-o - is stdout" in result.stderr
    assert not (work / "-").exists() and result.stdout == ""
    assert invoke("split", str(SEED), "-o", "./-").exit_code == 0
    assert list((work / "-").iterdir())


def test_split_output_that_cannot_be_created_is_an_error_not_a_bug(
    invoke: Invoke, work: Path
) -> None:
    write(work / "file", "x")
    result = invoke("split", str(SEED), "-o", "file/arts")
    assert result.exit_code == 2, result.stderr
    assert "file/arts: cannot create: Not a directory" in result.stderr
    assert "internal error" not in result.stderr


def test_split_of_a_directory_does_not_suggest_a_missing_flag(invoke: Invoke, work: Path) -> None:
    write(work / "d" / "page.txt", WRAPPED)
    result = invoke("split", "d", str(SEED), "-o", "arts")
    assert result.exit_code == 2
    assert "d: is a directory; give split the files in it" in result.stderr
    assert "-r" not in result.stderr
    assert list((work / "arts").iterdir())  # the other input was still split


def test_detect_json_merges_encoding_and_diagnosis(invoke: Invoke, work: Path) -> None:
    write(work / "g.txt", SEED.read_text(encoding="utf-8").replace("\n", "\r\n"), "gb18030")
    result = invoke("detect", "g.txt", str(SEED))
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)
    assert rows[0]["file"] == "g.txt"
    assert (rows[0]["encoding"], rows[0]["method"], rows[0]["newline"]) == (
        "gb18030",
        "chardet",
        "CRLF",
    )
    assert rows[1]["encoding"] == "utf-8" and rows[1]["confidence"] == 1.0
    assert {"script", "column_width", "paragraph_style", "articles"} <= set(rows[1])


def test_detect_undecodable_exit_2(invoke: Invoke, work: Path) -> None:
    (work / "bin.dat").write_bytes(b"\x00\x01\x02")
    result = invoke("detect", "--json", "bin.dat")
    assert result.exit_code == 2
    assert "binary" in json.loads(result.stdout)[0]["error"]


@pytest.mark.parametrize(
    "command", ["clean", "unwrap", "rejoin", "dedupe", "convert", "split", "detect"]
)
def test_help_lists_only_the_commands_own_exit_codes(command: str) -> None:
    """split and detect listed exit code 1 for --check/--diff, which they do not have."""
    import re

    from click.testing import CliRunner

    from papercli.cli import cli

    text = CliRunner().invoke(cli, [command, "--help"]).output
    options, codes = text.split("Exit codes:")
    for flag in set(re.findall(r"--[a-z-]+", codes)):
        assert flag in options, (command, flag)
    assert ("  1  " in codes) == (command not in ("split", "detect"))


def test_split_inputs_sharing_a_stem_sort_in_input_order(invoke: Invoke, work: Path) -> None:
    """x1/p.txt and x2/p.txt gave p-01, p-02, p-01-2, p-02-2: a sort interleaved pages."""
    page = SEED.read_text(encoding="utf-8")
    write(work / "x1" / "p.txt", page)
    write(work / "x2" / "p.txt", page)
    result = invoke("split", "x1/p.txt", "x2/p.txt", "-o", "ss", "--manifest", "m.jsonl")
    assert result.exit_code == 0, result.stderr
    names = sorted(os.listdir(work / "ss"))
    assert names == ["p-1-01.txt", "p-1-02.txt", "p-2-01.txt", "p-2-02.txt"]
    manifest = [json.loads(line) for line in (work / "m.jsonl").read_text().splitlines()]
    assert [(m["file"], m["source"]) for m in manifest] == [
        ("p-1-01.txt", "x1/p.txt"),
        ("p-1-02.txt", "x1/p.txt"),
        ("p-2-01.txt", "x2/p.txt"),
        ("p-2-02.txt", "x2/p.txt"),
    ]
    # One --prefix for several inputs is the same case.
    result = invoke("split", "x1/p.txt", "x2/p.txt", "-o", "tt", "--prefix", "1939")
    assert sorted(os.listdir(work / "tt"))[1:3] == ["1939-1-02.txt", "1939-2-01.txt"]


@pytest.mark.parametrize(
    ("prefix", "error"), [("", "empty"), ("  ", "empty"), (".", "'.' makes no file name")]
)
def test_split_prefix_that_makes_no_name_is_a_usage_error(
    invoke: Invoke, work: Path, prefix: str, error: str
) -> None:
    # `--prefix "$DAY"` with DAY unset named the articles after the input (or `page`)
    # without a word; with --force, one day's articles replaced another's.
    write(work / "page.txt", WRAPPED)
    result = invoke("split", "page.txt", "--prefix", prefix, "-o", "arts", "--force")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == f"Error: Invalid value for '--prefix': {error}"
    assert not (work / "arts").exists()


def test_split_manifest_to_stdout(invoke: Invoke, work: Path) -> None:
    """`--manifest -` is stdout (for `| jq`), not a file named `-`."""
    result = invoke("split", str(SEED), "-o", "arts", "--manifest", "-")
    assert result.exit_code == 0, result.stderr
    entries = json.loads(result.stdout)
    assert [e["file"] for e in entries] == ["seed-page-01.txt", "seed-page-02.txt"]
    assert not (work / "-").exists()


@pytest.mark.parametrize("link", ["same", "symlink", "hardlink"])
def test_split_manifest_never_replaces_an_input(invoke: Invoke, work: Path, link: str) -> None:
    """`--manifest page.txt --force` replaced the page with the JSON, exit 0."""
    page = write(work / "page.txt", SEED.read_text(encoding="utf-8"))
    manifest = work / "m.json"
    if link == "symlink":
        os.symlink("page.txt", manifest)
    elif link == "hardlink":
        os.link(page, manifest)
    name = "page.txt" if link == "same" else "m.json"
    result = invoke("split", "page.txt", "-o", "arts", "--manifest", name, "--force")
    assert result.exit_code == 2
    assert f"Error: --manifest {name} is also an input" in result.stderr
    assert page.read_bytes() == SEED.read_bytes()
    assert not (work / "arts").exists()


@pytest.mark.parametrize("name", ["seed-page-01.txt", "SEED-PAGE-02.TXT"])
def test_split_manifest_never_replaces_an_article(invoke: Invoke, work: Path, name: str) -> None:
    """`--manifest arts/seed-page-01.txt` replaced that article with the JSON, exit 0;
    a name that differs only in case is the same file on macOS and Windows."""
    for args in (["-o", "arts"], ["-o", "./arts/"]):
        result = invoke("split", str(SEED), *args, "--manifest", f"arts/{name}", "--force")
        assert result.exit_code == 2
        assert f"Error: --manifest arts/{name} would collide with the article " in result.stderr
        assert not (work / "arts").exists()
    # Any other name in DIR is fine (an index beside the articles).
    result = invoke("split", str(SEED), "-o", "arts", "--manifest", "arts/index.json")
    assert result.exit_code == 0, result.stderr
    assert [e["file"] for e in json.loads((work / "arts" / "index.json").read_text())] == [
        "seed-page-01.txt",
        "seed-page-02.txt",
    ]


def test_split_inputs_sharing_a_long_stem_keep_their_number(invoke: Invoke, work: Path) -> None:
    """Two pages named by a headline of 45 Han characters (135 bytes, over the name
    limit) in two folders: the `-1`, `-2` that keep their articles apart was cut off
    with the stem, and the last guard's `-2` at the end interleaved them in a sort."""
    stem = "鄂" * 45
    page = SEED.read_text(encoding="utf-8")
    write(work / "x1" / f"{stem}.txt", page)
    write(work / "x2" / f"{stem}.txt", page)
    result = invoke("split", f"x1/{stem}.txt", f"x2/{stem}.txt", "-o", "ss")
    assert result.exit_code == 0, result.stderr
    names = sorted(os.listdir(work / "ss"))
    base = "鄂" * 39  # 117 bytes, room for "-1"
    assert names == [f"{base}-1-01.txt", f"{base}-1-02.txt", f"{base}-2-01.txt", f"{base}-2-02.txt"]


def test_split_manifest_lists_only_the_files_written(invoke: Invoke, work: Path) -> None:
    """An article that could not be written (a directory in its place, even with
    --force) was listed in the manifest as if the file held it."""
    (work / "arts" / "seed-page-02.txt").mkdir(parents=True)
    result = invoke("split", str(SEED), "-o", "arts", "--force", "--manifest", "m.json")
    assert result.exit_code == 2
    assert "arts/seed-page-02.txt: cannot write" in result.stderr
    entries = json.loads((work / "m.json").read_text(encoding="utf-8"))
    assert [e["file"] for e in entries] == ["seed-page-01.txt"]


def test_split_manifest_in_a_missing_directory_writes_nothing(invoke: Invoke, work: Path) -> None:
    """`--manifest meta/m.json` with no meta/ wrote the articles, then failed: a rerun
    refused to overwrite them, and only --force could finish the job."""
    result = invoke("split", str(SEED), "-o", "arts", "--manifest", "meta/m.json")
    assert result.exit_code == 2
    assert "meta/m.json: cannot write: No such file or directory" in result.stderr
    assert not (work / "arts").exists()
    # A manifest beside DIR, or in it, in directories split creates for DIR: fine.
    for manifest in ("out/m.json", "out/arts/m.json"):
        result = invoke("split", str(SEED), "-o", "out/arts", "--manifest", manifest, "--force")
        assert result.exit_code == 0, result.stderr
        assert (work / manifest).is_file()


def test_detect_counts_and_numbers_lines_as_the_file_has_them(invoke: Invoke, work: Path) -> None:
    """pdftotext opens each page on a form feed (`\\fFirst line`): detect counted two
    lines more per form feed than `wc -l` and `grep -n`, in `lines` and in the column
    regions' line numbers (past the file's last line)."""
    lines = SEED.read_text(encoding="utf-8").split("\n")
    plain = write(work / "plain.txt", "\n".join(lines))
    for n in (20, 60, 100, 140):
        lines[n] = "\f" + lines[n]
    write(work / "feeds.txt", "\n".join(lines))
    result = invoke("detect", "--json", str(plain), "feeds.txt")
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)
    assert rows[1]["lines"] == rows[0]["lines"] == len(lines) - 1  # the text ends on "\n"
    last = max(region["last_line"] for region in rows[1]["column_regions"])
    assert last <= rows[1]["lines"]
    assert json.loads(invoke("detect", "--json", input="\f\n").stdout)[0]["lines"] == 1


@pytest.mark.parametrize("out", ["src", "./src/", "linked"])
def test_split_never_replaces_an_input_with_an_article(
    invoke: Invoke, work: Path, out: str
) -> None:
    """`split src/pg-01.txt --prefix pg -o src --force` replaced the page it was
    splitting with its first article (exit 0): the uncleaned page was gone. An
    article that would land on an input is refused, as --manifest is (also
    through a symlink to the input's directory; a link or another hard link in
    DIR is replaced, not written through, and may go)."""
    page = write(work / "src" / "pg-01.txt", SEED.read_text(encoding="utf-8"))
    os.symlink("src", work / "linked")
    result = invoke("split", "src/pg-01.txt", "--prefix", "pg", "-o", out, "--force")
    assert result.exit_code == 2
    assert "pg-01.txt is also an input: refusing to overwrite it" in result.stderr
    assert page.read_bytes() == SEED.read_bytes()
    assert sorted(os.listdir(work / "src")) == ["pg-01.txt"]


def test_detect_table_shows_names_and_messages_as_they_are(
    invoke: Invoke, work: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """detect's table on a terminal read file names (and messages holding them) as
    rich markup: `[red]a.txt` showed as a red `a.txt`, and a missing `[/x].txt`
    ended the run with `internal error: MarkupError`, exit 3."""
    from papercli.commands import detect

    monkeypatch.setattr(detect, "stdout_is_tty", lambda: True)
    write(work / "[red]a.txt", WRAPPED)
    result = invoke("detect", "[red]a.txt", "[/x].txt")
    assert result.exit_code == 2, result.stderr
    assert "internal error" not in result.stderr
    assert "[red]a.txt" in result.stdout
    assert "[/x].txt: no such file" in result.stdout


def test_split_and_detect_quote_names_with_control_characters(
    invoke: Invoke, work: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A name holding an escape sequence or a newline reached the terminal raw, in
    split's and detect's messages and detect's table; it is quoted C-style now (as
    --diff headers are), and the manifest and detect's JSON keep the real name."""
    from papercli.commands import detect

    page = "p\x1b[31mg.txt"
    write(work / page, SEED.read_text(encoding="utf-8"))
    out = "o\x1b]0;owned\x07ut"
    result = invoke("split", page, "new\nline.txt", "-o", out, "-v", "--manifest", "m.json")
    assert result.exit_code == 2
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    lines = result.stderr.splitlines()
    assert 'papercli: error: "new\\nline.txt": no such file' in lines
    assert 'wrote "o\\033]0;owned\\aut/p-[31mg-01.txt"' in lines  # the article's own name is safe
    assert 'wrote 2 articles to "o\\033]0;owned\\aut"' in lines
    manifest = json.loads((work / "m.json").read_text(encoding="utf-8"))
    assert {entry["source"] for entry in manifest} == {page}
    again = invoke("split", page, "-o", out)
    assert again.stderr.startswith('papercli: error: would overwrite "o\\033]0;owned\\aut/')

    monkeypatch.setattr(detect, "stdout_is_tty", lambda: True)
    table = invoke("detect", page, "new\nline.txt")
    assert table.exit_code == 2
    assert "\x1b" not in table.stdout + table.stderr
    assert table.stderr.splitlines() == ['papercli: error: "new\\nline.txt": no such file']
    assert '"p\\033[31mg.txt"' in table.stdout
    assert '"new\\nline.txt": no such file' in table.stdout
    monkeypatch.setattr(detect, "stdout_is_tty", lambda: False)
    rows = json.loads(invoke("detect", page).stdout)
    assert rows[0]["file"] == page


@pytest.mark.parametrize("args", [["-o", ""], ["-o", "arts", "--manifest", ""]])
def test_split_refuses_an_empty_path(invoke: Invoke, work: Path, args: list[str]) -> None:
    """`split page.txt -o "$DIR"` with DIR unset wrote the articles into the current
    directory, and `--manifest ""` wrote none, both exit 0."""
    write(work / "page.txt", SEED.read_text(encoding="utf-8"))
    result = invoke("split", "page.txt", *args)
    assert result.exit_code == 2
    assert "empty path" in result.stderr
    assert sorted(os.listdir(work)) == ["page.txt"]


def locked(directory: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Make `directory` refuse new files, as a read-only one does (`chmod a-w`, a
    read-only mount), for root too: every `os.open` that would make a file in it
    (named, or an unnamed O_TMPFILE) fails with EACCES."""
    real_open = os.open
    where = directory.resolve()
    tmpfile = getattr(os, "O_TMPFILE", 0)

    def open_(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        target = Path(os.fsdecode(path)).resolve()
        if (flags & os.O_CREAT and target.parent == where) or (
            tmpfile and flags & tmpfile == tmpfile and target == where
        ):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), os.fsdecode(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", open_)


def test_split_manifest_in_a_read_only_directory_writes_nothing(
    invoke: Invoke, work: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`--manifest meta/m.json` with meta/ read-only wrote the articles, then failed
    on the manifest: a rerun refused to overwrite them. Refused up front now, as a
    missing directory is; and so is a --report there."""
    (work / "meta").mkdir()
    write(work / "page.txt", WRAPPED)
    locked(work / "meta", monkeypatch)
    result = invoke("split", str(SEED), "-o", "arts", "--manifest", "meta/m.json")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "papercli: error: meta/m.json: cannot write: Permission denied"
    ]
    assert not (work / "arts").exists()
    result = invoke("clean", "page.txt", "-o", "out.txt", "--report", "meta/r.json")
    assert result.exit_code == 2
    assert "--report meta/r.json: cannot write: Permission denied" in result.stderr
    assert not (work / "out.txt").exists()
    # A device is written into, not replaced: its directory need take no file.
    assert invoke("clean", "page.txt", "-o", "out.txt", "--report", os.devnull).exit_code == 0


def test_split_into_a_read_only_directory_says_so_once(
    invoke: Invoke, work: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A read-only -o DIR gave one error per article, `wrote 0 articles to arts`
    and an empty manifest `[]`, as if the page had none."""
    (work / "arts").mkdir()
    locked(work / "arts", monkeypatch)
    result = invoke("split", str(SEED), "-o", "arts", "--manifest", "m.json")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == ["papercli: error: arts: cannot write: Permission denied"]
    assert not (work / "m.json").exists()
    assert list((work / "arts").iterdir()) == []


class Stop(BaseException):
    """What the test's SIGTERM handler raises, as cli.py's raises `Terminated`."""


def stopped_split(invoke: Invoke, owner: Any, name: str, call: int = 1) -> None:
    """`split` of the seed page into arts/, sent SIGTERM as `owner.<name>` returns
    the `call`th time, under a handler that raises `Stop` as cli.py's raises
    `Terminated`."""

    def stop(signum: int, frame: object) -> None:
        raise Stop

    real = getattr(owner, name)
    calls = []

    def call_then_signal(*args: Any, **kwargs: Any) -> Any:
        done = real(*args, **kwargs)
        calls.append(args)
        if len(calls) == call:
            os.kill(os.getpid(), signal.SIGTERM)  # arrives as the call returns
        return done

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        with pytest.MonkeyPatch.context() as patched, pytest.raises(Stop):
            patched.setattr(owner, name, call_then_signal)
            invoke("split", str(SEED), "-o", "arts")
    finally:
        signal.signal(signal.SIGTERM, previous)


def test_split_stopped_by_a_signal_while_staging_leaves_nothing(
    invoke: Invoke, work: Path
) -> None:
    """Articles are staged in DIR as they are found and named only at the end
    (`atomic.StagedFiles`). A signal before then leaves no article, half or
    whole, no staging folder, and no DIR where the run made it. (Before staging,
    a signal as an article's file was opened left it empty: `big-0003.txt`, 0
    bytes, killing a split of 3,000 articles.)"""
    for call in (1, 2):  # DIR's mkdir, the staging folder's
        stopped_split(invoke, os, "mkdir", call)
        assert not (work / "arts").exists()
    (work / "arts").mkdir()
    stopped_split(invoke, atomic.StagedFiles, "add")  # the first article's
    assert list((work / "arts").iterdir()) == []


def test_split_stopped_by_a_signal_while_naming_ends_between_two_files(
    invoke: Invoke, work: Path
) -> None:
    """A signal while the staged articles take their names ends the run between two
    files: the first whole, the staging folder gone."""
    stopped_split(invoke, os, "link")
    first = split_articles(SEED.read_text(encoding="utf-8"))[0]
    files = {p.name: p.read_text(encoding="utf-8") for p in (work / "arts").iterdir()}
    assert files == {"seed-page-01.txt": first.text}
