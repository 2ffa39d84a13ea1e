"""`split` of a large input: read as a stream and cut into articles unit by unit
(`articles.iter_articles`), each article staged in DIR as it is found, so that
memory is bounded by a unit, not by the text or its articles.

A text of one unit splits exactly as it does whole: the same articles, the same
files, the same manifest. A longer text may be cut a little differently (the
boundaries, captions and cohesion are judged within a unit, and a unit that opens
inside an article goes on with the one before it: `ArticlePart.more`), but it
loses nothing and adds nothing: every character of the cleaned text is in exactly
one article file. A line too long for one unit is cut into pieces and glued back
(`ArticlePart.glued`), as if it had never been cut.

The tests force one path or the other with `textrun.STREAM_MIN_BYTES` (0: every
file streams; 1 << 40: none does) and shrink `units.UNIT_LINES` so that a text of
a hundred kilobytes is ten units.
"""

from __future__ import annotations

import dataclasses
import errno
import io
import itertools
import json
import os
import shutil
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT, Invoke, load_make_corpus, long_line_limits, traced_peak, write
from papercli import articles, atomic, textio, textstream, units
from papercli.articles import ArticlePart, iter_articles, split_articles
from papercli.commands import split as split_command
from papercli.commands import textrun
from papercli.commands.split import with_file_lines
from papercli.options import CleanOptions
from papercli.pipeline import clean_text

CASES = sorted((ROOT / "tests/cases").glob("*.in.txt"))
SEED_PATH = ROOT / "samples" / "seed-page.txt"
SEED = SEED_PATH.read_text(encoding="utf-8")

make_corpus = load_make_corpus()


# --- helpers -----------------------------------------------------------------------------


@dataclasses.dataclass
class Merged:
    """An article as `split` writes it: its parts (`ArticlePart.more`) put together."""

    kind: str
    text: str
    first_line: int
    last_line: int
    title_lines: tuple[str, ...]


def merged(parts: Iterable[ArticlePart]) -> list[Merged]:
    """The articles of `parts` as the command merges them: a part that goes on
    (`more`) follows the last article that is not captions, after a blank line, or
    on its last line where it is `glued`."""
    out: list[Merged] = []
    last: Merged | None = None
    for part in parts:
        a = part.article
        if part.more:
            assert last is not None, "more of an article before any article"
            if part.glued:
                assert last.text.endswith("\n")
                last.text = last.text[:-1] + a.text
            else:
                last.text += "\n" + a.text
            last.first_line = min(n for n in (last.first_line, a.first_line) if n)
            last.last_line = max(last.last_line, a.last_line)
            continue
        out.append(Merged(a.kind, a.text, a.first_line, a.last_line, a.title_lines))
        if a.kind != "captions":
            last = out[-1]
    return out


def chars(text: str) -> Counter[str]:
    """The text's characters but white space, counted: what no cut may lose or add
    (captions may move from one article to another, and blank lines come and go
    where units meet)."""
    return Counter(ch for ch in text if not ch.isspace())


def corpus(size: int = 120_000, *, seed: int = 12, page_break: str = "\f") -> str:
    """Synthetic column-wrapped pages (see benchmarks/make_corpus.py)."""
    return make_corpus.corpus_text(size, seed=seed, page_break=page_break, pool=30)


@pytest.fixture
def small_units(monkeypatch: pytest.MonkeyPatch) -> None:
    """Units of 300 lines: a corpus text of 120 KB is ten of them."""
    monkeypatch.setattr(units, "UNIT_LINES", 300)


def streaming(monkeypatch: pytest.MonkeyPatch, streams: bool) -> None:
    """Every input file streams, or none does."""
    monkeypatch.setattr(textrun, "STREAM_MIN_BYTES", 0 if streams else 1 << 40)


@pytest.fixture
def paths_taken(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """How often `split` took each path (iter_articles: streamed; split_articles:
    whole), so that a test comparing the two knows it compared two paths."""
    taken: Counter[str] = Counter()
    for name in ("iter_articles", "split_articles"):
        real = getattr(articles, name)

        def spy(*args: Any, _real: Callable[..., Any] = real, _name: str = name, **kw: Any) -> Any:
            taken[_name] += 1
            return _real(*args, **kw)

        monkeypatch.setattr(articles, name, spy)
    return taken


@dataclasses.dataclass
class Run:
    """What one `split` did: its exit code, stderr, files in DIR and manifest."""

    exit_code: int
    stderr: str
    files: dict[str, bytes] | None  # None: no DIR
    manifest: str | None


def split_run(invoke: Invoke, work: Path, *args: str, input: bytes | None = None) -> Run:
    """`split ARGS -o out --manifest m.json`, its outputs taken and then removed (so
    that the next run writes the same names into a clean directory)."""
    result = invoke("split", *args, "-o", "out", "--manifest", "m.json", input=input)
    out, manifest = work / "out", work / "m.json"
    files = {p.name: p.read_bytes() for p in out.iterdir()} if out.exists() else None
    text = manifest.read_text(encoding="utf-8") if manifest.exists() else None
    if out.exists():
        shutil.rmtree(out)
    manifest.unlink(missing_ok=True)
    return Run(result.exit_code, result.stderr, files, text)


def staging_folders(directory: Path) -> list[Path]:
    return list(directory.glob(f"{atomic.StagedFiles.PREFIX}*"))


# --- iter_articles -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "path", [*CASES[::7], SEED_PATH], ids=lambda path: path.name.removesuffix(".in.txt")
)
def test_a_page_of_one_unit_gives_split_articles(path: Path) -> None:
    # The pages split every day are one unit: streaming must not change a byte of
    # their articles, their metadata or their (file) line numbers.
    text = path.read_text(encoding="utf-8-sig")
    assert len(list(units.iter_units(units.split_lines(text)))) <= 1
    parts = list(iter_articles(units.split_lines(text)))
    assert not any(part.more or part.glued for part in parts)
    assert [part.article for part in parts] == with_file_lines(split_articles(text), text)


@pytest.mark.usefixtures("small_units")
@pytest.mark.parametrize("page_break", ["\f", ""], ids=["form-feeds", "no-feeds"])
def test_a_long_text_split_unit_by_unit_loses_and_adds_nothing(page_break: str) -> None:
    # A month of pages in one file: cut unit by unit it may not be cut exactly as
    # whole, but an archive must not lose a sentence, or gain one, or point the
    # manifest's line numbers at the wrong lines.
    text = corpus(page_break=page_break)
    assert len(list(units.iter_units(units.split_lines(text)))) > 5
    parts = list(iter_articles(units.split_lines(text)))
    # (c) Units do open inside an article here: the merge is exercised.
    assert sum(part.more for part in parts) >= 2
    found = merged(parts)
    whole = split_articles(text)
    # (a) Every character of the cleaned text, once: the same as split whole. Captions
    # may move between articles, so the characters are compared as a multiset.
    streamed_chars = chars("".join(a.text for a in found))
    assert streamed_chars == chars("".join(a.text for a in whole))
    assert streamed_chars == chars(clean_text(text))
    # (b) About as many articles as whole. Captions that match no article are one
    # file per unit here (one for the whole text whole), so they are not counted.
    count = sum(a.kind != "captions" for a in found)
    whole_count = sum(a.kind != "captions" for a in whole)
    assert 0.8 * whole_count <= count <= 1.25 * whole_count, (count, whole_count)
    # (d) The file's line numbers, as `grep -n` counts them (form feeds and all):
    # every article's lines are in the file, and the articles come in page order,
    # each opening on its headline's line.
    file_lines = text.split("\n")
    for a in found:
        assert 1 <= a.first_line <= a.last_line <= len(file_lines), a
    running = [a for a in found if a.kind != "captions"]
    for before, after in itertools.pairwise(running):
        assert before.last_line < after.first_line, (before, after)
    for a in running:
        if a.title_lines:
            opening = file_lines[a.first_line - 1].replace("\f", "").strip()
            assert opening and a.title_lines[0].startswith(opening), (a.first_line, a)


# --- split, streamed and whole -----------------------------------------------------------

SHAPES = {
    "seed": SEED.encode(),
    "gb18030": SEED.encode("gb18030"),
    "utf-16": SEED.encode("utf-16"),
    "crlf-bom": b"\xef\xbb\xbf" + SEED.replace("\n", "\r\n").encode(),
    "form-feeds": SEED.replace("\n\n", "\n\f", 3).encode(),
    "no-final-newline": SEED.rstrip("\n").encode(),
    "one-line": "一行没有换行".encode(),
    "empty": b"",
}


@pytest.mark.parametrize("shape", list(SHAPES))
def test_split_streamed_writes_what_whole_writes(
    invoke: Invoke,
    work: Path,
    monkeypatch: pytest.MonkeyPatch,
    paths_taken: Counter[str],
    shape: str,
) -> None:
    # Whether a file is 8 MB or not must not change its articles: the same names,
    # bytes, manifest, messages and exit code, whatever the encoding or newlines.
    (work / "page.txt").write_bytes(SHAPES[shape])
    streaming(monkeypatch, True)
    streamed = split_run(invoke, work, "page.txt")
    assert paths_taken == {"iter_articles": 1}
    streaming(monkeypatch, False)
    whole = split_run(invoke, work, "page.txt")
    assert paths_taken == {"iter_articles": 1, "split_articles": 1}
    assert streamed == whole
    if shape == "empty":
        # Said, and no DIR made for no article.
        assert streamed.stderr == "page.txt: no articles found\n"
        assert streamed.files is None
    else:
        assert streamed.exit_code == 0, streamed.stderr
        assert streamed.files


@pytest.mark.usefixtures("small_units")
def test_split_streamed_of_a_long_text_writes_every_character_once(
    invoke: Invoke, work: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The command's own merge of the parts (the staged file extended, the manifest
    # entry with it) gives the articles iter_articles finds, and the files hold
    # the cleaned text, all of it, once.
    text = corpus()
    (work / "big.txt").write_text(text, encoding="utf-8")
    streaming(monkeypatch, True)
    result = invoke("split", "big.txt", "-o", "out", "--manifest", "m.json")
    assert result.exit_code == 0, result.stderr
    entries = json.loads((work / "m.json").read_text(encoding="utf-8"))
    expected = merged(iter_articles(units.split_lines(text)))
    width = max(2, len(str(len(entries))))
    names = [f"big-{n:0{width}d}.txt" for n in range(1, len(entries) + 1)]
    # Named in page order, and nothing else in DIR (no staging folder).
    assert [e["file"] for e in entries] == names
    assert sorted(p.name for p in (work / "out").iterdir()) == names
    texts = [(work / "out" / name).read_text(encoding="utf-8") for name in names]
    assert texts == [a.text for a in expected]
    assert chars("".join(texts)) == chars(clean_text(text))
    for entry, file_text, article in zip(entries, texts, expected, strict=True):
        assert entry["chars"] == len(file_text), entry["file"]
        assert (entry["first_line"], entry["last_line"]) == (
            article.first_line,
            article.last_line,
        )


@pytest.mark.usefixtures("small_units")
@pytest.mark.parametrize(
    ("shape", "stream_min"),
    [("multi-unit", 100), ("gb18030-crlf", 1000), ("below-the-threshold", 1 << 20)],
)
def test_split_of_stdin_writes_what_split_of_the_file_writes(
    invoke: Invoke,
    work: Path,
    monkeypatch: pytest.MonkeyPatch,
    paths_taken: Counter[str],
    shape: str,
    stream_min: int,
) -> None:
    # `cat big.txt | papercli split` streams once stdin has given STREAM_MIN_BYTES:
    # the bytes read to find that out are not lost, nor read twice (a multibyte
    # character cut at that point included), and the articles are the file's.
    if shape == "gb18030-crlf":
        data = SEED.replace("\n", "\r\n").encode("gb18030")
    else:
        data = corpus(60_000).encode("utf-8")
    (work / "page.txt").write_bytes(data)
    monkeypatch.setattr(textrun, "STREAM_MIN_BYTES", stream_min)
    by_stdin = split_run(invoke, work, "--prefix", "p", input=data)
    by_path = split_run(invoke, work, "page.txt", "--prefix", "p")
    streams = len(data) >= stream_min
    assert paths_taken == ({"iter_articles": 2} if streams else {"split_articles": 2})
    assert by_stdin.exit_code == by_path.exit_code == 0, by_stdin.stderr
    assert by_stdin.files and by_stdin.files == by_path.files
    assert by_stdin.manifest is not None and by_path.manifest is not None
    from_stdin, from_path = json.loads(by_stdin.manifest), json.loads(by_path.manifest)
    assert {e.pop("source") for e in from_stdin} == {"<stdin>"}
    assert {e.pop("source") for e in from_path} == {"page.txt"}
    assert from_stdin == from_path


def bad_late(text: str, monkeypatch: pytest.MonkeyPatch) -> bytes:
    """`text` in UTF-8 with three undecodable bytes at a line start past 100 KB:
    past the 64 KB the encoding is detected on, and (the reader's chunks shrunk from
    1 MB to 16 KB) read only after several units were split."""
    monkeypatch.setattr(textstream, "CHUNK_BYTES", 1 << 14)
    data = text.encode("utf-8")
    at = data.index(b"\n", 100_000) + 1
    return data[:at] + b"\xff\xfe\x80" + data[at:]


@pytest.fixture
def staged_count(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The articles staged so far, one entry each."""
    staged: list[int] = []
    real = atomic.StagedFiles.add

    def spy(self: atomic.StagedFiles, data: bytes) -> str:
        staged.append(1)
        return real(self, data)

    monkeypatch.setattr(atomic.StagedFiles, "add", spy)
    return staged


@pytest.mark.usefixtures("small_units")
def test_an_input_that_fails_halfway_gives_no_file(
    invoke: Invoke, work: Path, monkeypatch: pytest.MonkeyPatch, staged_count: list[int]
) -> None:
    # A bad byte found after articles were staged: those articles are not the
    # input's articles (its end is missing), so none is written, and nothing of
    # the run stays in DIR: not the staged files, not DIR itself.
    text = corpus()
    (work / "bad.txt").write_bytes(bad_late(text, monkeypatch))
    streaming(monkeypatch, False)
    whole = invoke("split", "bad.txt", "-o", "out")
    streaming(monkeypatch, True)
    result = invoke("split", "bad.txt", "-o", "out")
    assert staged_count, "the bad byte was found before any article: nothing tested"
    assert result.exit_code == 2
    assert "bad.txt" in result.stderr and "cannot decode" in result.stderr
    assert (result.stderr, result.exit_code) == (whole.stderr, whole.exit_code)
    assert not (work / "out").exists()
    # Into a DIR that exists: it stays, empty.
    (work / "out").mkdir()
    result = invoke("split", "bad.txt", "-o", "out")
    assert result.exit_code == 2
    assert list((work / "out").iterdir()) == []


@pytest.mark.usefixtures("small_units")
def test_a_failed_input_does_not_stop_the_good_one(
    invoke: Invoke, work: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The other inputs of the run are split and written as ever; the exit code
    # still says that one failed.
    (work / "bad.txt").write_bytes(bad_late(corpus(), monkeypatch))
    good = corpus(30_000, seed=3)
    (work / "good.txt").write_text(good, encoding="utf-8")
    streaming(monkeypatch, True)
    result = invoke("split", "bad.txt", "good.txt", "-o", "out", "--manifest", "m.json")
    assert result.exit_code == 2
    assert "bad.txt" in result.stderr
    entries = json.loads((work / "m.json").read_text(encoding="utf-8"))
    assert entries and {e["source"] for e in entries} == {"good.txt"}
    names = sorted(p.name for p in (work / "out").iterdir())
    assert names == [e["file"] for e in entries]
    assert all(name.startswith("good-") for name in names)
    expected = merged(iter_articles(units.split_lines(good)))
    texts = [(work / "out" / e["file"]).read_text(encoding="utf-8") for e in entries]
    assert texts == [a.text for a in expected]


@pytest.mark.usefixtures("small_units")
def test_overwrite_is_refused_after_streaming_and_leaves_nothing(
    invoke: Invoke, work: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The names are known only once the input is split: the refusal comes then,
    # before any file is touched, and the staged articles go.
    (work / "big.txt").write_text(corpus(), encoding="utf-8")
    streaming(monkeypatch, True)
    first = invoke("split", "big.txt", "-o", "out", "--manifest", "m.json")
    assert first.exit_code == 0, first.stderr
    out = work / "out"
    (out / "big-01.txt").write_text("edited by hand\n", encoding="utf-8")
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    manifest = (work / "m.json").read_bytes()
    again = invoke("split", "big.txt", "-o", "out", "--manifest", "m.json")
    assert again.exit_code == 2
    assert "would overwrite" in again.stderr and "--force" in again.stderr
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert (work / "m.json").read_bytes() == manifest
    assert staging_folders(out) == []
    forced = invoke("split", "big.txt", "-o", "out", "--manifest", "m.json", "--force")
    assert forced.exit_code == 0, forced.stderr
    after = {p.name: p.read_bytes() for p in out.iterdir()}
    assert after.keys() == before.keys()
    assert after["big-01.txt"] != b"edited by hand\n"
    assert {k: v for k, v in after.items() if k != "big-01.txt"} == {
        k: v for k, v in before.items() if k != "big-01.txt"
    }
    assert staging_folders(out) == []


# --- a huge line -------------------------------------------------------------------------

LONG = 1000
WINDOW = 64
HAN = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动"


def long_line(size: int) -> str:
    """Han text with a sentence or clause mark every 10-50 characters, no newline."""
    parts = []
    for n in range(size // 30 + 1):
        run = "".join(HAN[(n * 7 + k * 3) % len(HAN)] for k in range(10 + n * 13 % 40))
        parts.append(run + "。，、；"[n % 4])
    return "".join(parts)[:size]


@pytest.mark.parametrize("reads", ["one-read", "small-reads"])
@pytest.mark.parametrize("ending", ["\n", ""], ids=["newline", "no-newline"])
def test_a_huge_line_cut_across_units_is_glued_back(
    invoke: Invoke,
    work: Path,
    monkeypatch: pytest.MonkeyPatch,
    paths_taken: Counter[str],
    reads: str,
    ending: str,
) -> None:
    # A book set as one paragraph: its line is cut into pieces, each piece a unit,
    # and each goes on the article's last line. The file must hold the line whole,
    # as the whole path writes it, not a blank line at every cut.
    line = long_line(8000)
    text = SEED + "\n" + line + ending
    (work / "page.txt").write_text(text, encoding="utf-8")
    with long_line_limits(LONG, WINDOW):
        parts = list(iter_articles(units.split_lines(text)))
        assert sum(part.glued for part in parts) >= 3
        if reads == "small-reads":
            # The reader's first read is otherwise the 64 KB it detects the encoding
            # on: the whole file. Here the line comes a kilobyte at a time.
            monkeypatch.setattr(textio, "DETECT_PREFIX_BYTES", 1)
            monkeypatch.setattr(textstream, "CHUNK_BYTES", 997)
        streaming(monkeypatch, True)
        streamed = split_run(invoke, work, "page.txt", "--encoding", "utf-8")
        streaming(monkeypatch, False)
        whole = split_run(invoke, work, "page.txt", "--encoding", "utf-8")
    assert paths_taken == {"iter_articles": 1, "split_articles": 1}
    assert streamed.exit_code == 0, streamed.stderr
    assert streamed == whole
    assert streamed.files is not None
    assert sum(body.decode().count(line) for body in streamed.files.values()) == 1


# --- memory ------------------------------------------------------------------------------


def test_split_streams_a_large_file_in_bounded_memory(
    invoke: Invoke, work: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A month of pages in one file must not take the machine's memory: streamed,
    # split holds a unit and the reader's buffer (a few MB whatever the size), where
    # whole it holds the text, every block and every article (30-odd times the size).
    # For a fast test the text is 800 KB, the reader's chunk 64 KB (not 1 MB) and a
    # unit 500 lines: the whole path's peak grows with the text (26 MB here), the
    # streamed one with the unit and the chunk (5 MB here), whatever the text's size.
    monkeypatch.setattr(textstream, "CHUNK_BYTES", 1 << 16)
    monkeypatch.setattr(units, "UNIT_LINES", 500)
    text = make_corpus.corpus_text(800_000, seed=6, pool=60)
    (work / "big.txt").write_text(text, encoding="utf-8")
    # First the engine's tables and the lazily loaded dictionaries, no part of a run.
    (work / "warm.txt").write_text(text[:100_000], encoding="utf-8")
    streaming(monkeypatch, True)
    assert invoke("split", "warm.txt", "-o", "warm", "-q").exit_code == 0
    results = []
    peak = traced_peak(lambda: results.append(invoke("split", "big.txt", "-o", "s", "-q")))
    streaming(monkeypatch, False)
    whole_peak = traced_peak(lambda: results.append(invoke("split", "big.txt", "-o", "w", "-q")))
    assert [r.exit_code for r in results] == [0, 0], [r.stderr for r in results]
    assert len(os.listdir(work / "s")) > 100
    assert peak < 0.4 * whole_peak, (peak, whole_peak)


def test_a_write_error_while_staging_is_reported_once_against_dir(
    invoke: Invoke, work: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A full disk while an article is staged said `<stdout>: cannot write` (or
    `internal error`, exit 3) before: the staging write's OSError reached the
    command's last-resort handler. It is DIR's error, said once, exit 2, and the
    run leaves nothing: no article, no staging folder, no DIR it made."""

    def full(self: atomic.StagedFiles, data: bytes) -> str:
        raise OSError(errno.ENOSPC, "No space left on device", f"{self.root}/1.tmp")

    monkeypatch.setattr(atomic.StagedFiles, "add", full)
    write(work / "page.txt", SEED)
    result = invoke("split", "page.txt", "-o", "arts")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "papercli: error: arts: cannot write: No space left on device"
    ]
    assert not (work / "arts").exists()


def test_a_read_error_on_stdin_names_stdin(
    invoke: Invoke, work: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An I/O error reading stdin is the input's error (exit 2, `<stdin>: cannot
    read`), not an error of stdout or of DIR."""

    class Broken(io.BytesIO):
        def read(self, size: int | None = -1) -> bytes:
            raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(split_command, "binary_stdin", lambda: Broken())
    result = invoke("split", "--prefix", "p", "-o", "arts")
    assert result.exit_code == 2
    assert "<stdin>: cannot read: Input/output error" in result.stderr
    assert not (work / "arts").exists()


@pytest.mark.usefixtures("small_units")
def test_split_with_furniture_streams_and_drops_it_everywhere(
    invoke: Invoke, work: Path, monkeypatch: pytest.MonkeyPatch, paths_taken: Counter[str]
) -> None:
    """`split --furniture` of a large file finds the running heads in a first pass,
    as `clean --furniture` does, then splits unit by unit: no article holds one, and
    together they hold every other character of the cleaned text."""
    seed_lines = SEED.splitlines()
    pages = [
        f"晨报 2024年5月{n + 1}日 第{n + 1}版\n"
        + "\n".join(seed_lines[11 * n :] + seed_lines[: 11 * n])
        + f"\n— {n + 1} —\n"
        for n in range(8)
    ]
    text = "\f".join(pages)
    write(work / "paper.txt", text)
    streaming(monkeypatch, True)
    done = split_run(invoke, work, "--furniture", "paper.txt")
    assert done.exit_code == 0, done.stderr
    assert paths_taken["iter_articles"] == 1
    assert done.files is not None
    found = "".join(data.decode() for data in done.files.values())
    assert "晨报" not in found and "— 3 —" not in found
    assert chars(found) == chars(clean_text(text, CleanOptions(drop_furniture=True)))
