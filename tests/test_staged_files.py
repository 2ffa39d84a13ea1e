"""`atomic.StagedFiles`: the hidden folder where `split` keeps each article until
every input is split. A staged file takes its name only when published, and then
as `write_new_file` would write it: never through a symlink, never over a file
without --force, never over a FIFO or a device, with a new file's mode. Whatever
was not published goes with the folder, also when the run stops with an error."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from papercli import atomic
from papercli.atomic import StagedFiles


@pytest.fixture
def umask() -> Iterator[int]:
    """A known umask for the test (0o027: no write for the group, nothing for others),
    the caller's restored after it."""
    previous = os.umask(0o027)
    try:
        yield 0o027
    finally:
        os.umask(previous)


def refuse_link(*args: object, **kwargs: object) -> None:
    """os.link on a file system without hard links (FAT: EPERM)."""
    raise OSError(errno.EPERM, "Operation not permitted")


@pytest.fixture
def no_hard_links(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(atomic.os, "link", refuse_link)


def staging_folders(directory: Path) -> list[Path]:
    return list(directory.glob(f"{StagedFiles.PREFIX}*"))


def mode_of(path: Path) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


def test_staging_folder_is_hidden_inside_the_directory(tmp_path: Path) -> None:
    # Hidden, so that a `ls DIR` or a glob of *.txt during a long split does not see
    # half a run's articles; inside DIR, so that publishing is a rename or a link
    # within one file system.
    with StagedFiles(tmp_path) as staged:
        (folder,) = staging_folders(tmp_path)
        assert folder.name.startswith(".papercli-staged-")
        first, second = staged.add(b"one\n"), staged.add(b"two\n")
        assert first != second
        assert {Path(first).parent, Path(second).parent} == {folder}
        assert Path(first).read_bytes() == b"one\n"
        assert Path(second).read_bytes() == b"two\n"
        # Nothing appears under a name of its own until it is published.
        assert [p.name for p in tmp_path.iterdir()] == [folder.name]


def test_extend_appends_after_dropping_the_end(tmp_path: Path) -> None:
    # `split` adds the next unit's text to an article found before: after a blank
    # line (drop=0), or gluing the two pieces of a cut line (drop the final newline).
    with StagedFiles(tmp_path) as staged:
        path = staged.add("第一段。\n".encode())
        staged.extend(path, "\n第二段".encode())
        assert Path(path).read_bytes() == "第一段。\n\n第二段".encode()
        staged.extend(path, "接着。\n".encode(), drop=0)
        staged.extend(path, b"\n", drop=0)
        staged.extend(path, "续完。\n".encode(), drop=1)
        assert Path(path).read_text(encoding="utf-8") == "第一段。\n\n第二段接着。\n续完。\n"
        # Dropping more than there is empties the file, no more.
        staged.extend(path, b"x", drop=1000)
        assert Path(path).read_bytes() == b"x"


def test_discard_removes_a_staged_file_once_and_again(tmp_path: Path) -> None:
    # An input that fails halfway discards its articles; a second discard (or one of
    # a file already gone) is no error.
    with StagedFiles(tmp_path) as staged:
        path = staged.add(b"half an input\n")
        staged.discard(path)
        assert not os.path.lexists(path)
        staged.discard(path)


def test_publish_gives_the_name_and_keeps_no_second_link(tmp_path: Path) -> None:
    with StagedFiles(tmp_path) as staged:
        path = staged.add("正文。\n".encode())
        target = tmp_path / "page-01.txt"
        staged.publish(path, target, force=False)
        assert target.read_text(encoding="utf-8") == "正文。\n"
        # The staged name is gone: the folder's removal cannot touch the article,
        # and the article is one file, not two names of one.
        assert not os.path.lexists(path)
        assert os.stat(target).st_nlink == 1
    assert target.read_text(encoding="utf-8") == "正文。\n"
    assert staging_folders(tmp_path) == []


@pytest.mark.parametrize("force", [False, True], ids=["new", "force"])
@pytest.mark.parametrize("links", [True, False], ids=["link", "no-links"])
def test_published_file_has_a_new_files_mode(
    tmp_path: Path, umask: int, monkeypatch: pytest.MonkeyPatch, force: bool, links: bool
) -> None:
    # An article is a new file, as `>` would make it: 0o666 less the umask, however
    # it was published (a hard link, a rename over an old article, or the bytes
    # written anew where links are not allowed).
    if not links:
        monkeypatch.setattr(atomic.os, "link", refuse_link)
    target = tmp_path / "page-01.txt"
    if force:
        target.write_bytes(b"old\n")
        target.chmod(0o600)
    with StagedFiles(tmp_path) as staged:
        staged.publish(staged.add(b"new\n"), target, force=force)
    assert target.read_bytes() == b"new\n"
    assert mode_of(target) == 0o666 & ~umask == 0o640


def test_publish_refuses_an_existing_file_without_force(tmp_path: Path) -> None:
    # The overwrite check is made before publishing, but a file that appeared since
    # (another run into the same DIR) must still not be replaced.
    target = tmp_path / "page-01.txt"
    target.write_bytes(b"someone else's\n")
    with StagedFiles(tmp_path) as staged:
        path = staged.add(b"ours\n")
        with pytest.raises(FileExistsError):
            staged.publish(path, target, force=False)
        assert Path(path).read_bytes() == b"ours\n"  # still staged: close removes it
    assert target.read_bytes() == b"someone else's\n"
    assert staging_folders(tmp_path) == []


def test_publish_refuses_a_dangling_symlink_without_force(tmp_path: Path) -> None:
    # A link in DIR to a file not there yet (`page-01.txt -> ../../precious`):
    # following it would create a file outside DIR. O_EXCL refuses it; so must this.
    outside = tmp_path / "outside"
    outside.mkdir()
    directory = tmp_path / "dir"
    directory.mkdir()
    target = directory / "page-01.txt"
    target.symlink_to(outside / "precious.txt")
    with StagedFiles(directory) as staged, pytest.raises(FileExistsError):
        staged.publish(staged.add(b"article\n"), target, force=False)
    assert target.is_symlink()
    assert os.readlink(target) == str(outside / "precious.txt")
    assert list(outside.iterdir()) == []


def test_force_replaces_a_symlink_itself_not_its_target(tmp_path: Path) -> None:
    # --force replaces the name in DIR: a link there to a file elsewhere must not
    # have the article written into that file.
    precious = tmp_path / "precious.txt"
    precious.write_bytes(b"keep me\n")
    directory = tmp_path / "dir"
    directory.mkdir()
    target = directory / "page-01.txt"
    target.symlink_to(precious)
    with StagedFiles(directory) as staged:
        staged.publish(staged.add(b"article\n"), target, force=True)
    assert not target.is_symlink()
    assert target.read_bytes() == b"article\n"
    assert precious.read_bytes() == b"keep me\n"


def test_force_replaces_an_existing_file(tmp_path: Path) -> None:
    target = tmp_path / "page-01.txt"
    target.write_bytes(b"yesterday's article\n")
    with StagedFiles(tmp_path) as staged:
        path = staged.add(b"today's article\n")
        staged.publish(path, target, force=True)
        assert not os.path.lexists(path)
    assert target.read_bytes() == b"today's article\n"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_force_refuses_a_fifo(tmp_path: Path) -> None:
    # A FIFO (or a device) in DIR is no article to replace: with a regular file in
    # its place whatever reads the FIFO would wait forever.
    fifo = tmp_path / "page-01.txt"
    os.mkfifo(fifo)
    with StagedFiles(tmp_path) as staged:
        path = staged.add(b"article\n")
        with pytest.raises(OSError) as raised:
            staged.publish(path, fifo, force=True)
        assert raised.value.errno == errno.EINVAL
        assert Path(path).exists()
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


@pytest.mark.parametrize("force", [False, True])
def test_a_path_to_an_open_descriptor_is_refused(tmp_path: Path, force: bool) -> None:
    # /dev/stdout is a link to whatever fd 1 holds: replacing it would replace the
    # link in /dev (as root) or the file a shell redirected stdout to.
    with StagedFiles(tmp_path) as staged:
        path = staged.add(b"article\n")
        with pytest.raises(OSError) as raised:
            staged.publish(path, Path("/dev/stdout"), force=force)
        assert raised.value.errno == errno.EINVAL
        assert Path(path).exists()


@pytest.mark.usefixtures("no_hard_links")
def test_without_hard_links_the_bytes_are_written_anew(tmp_path: Path) -> None:
    # FAT, some network file systems: os.link fails with EPERM. The article is
    # still published, whole, and the staged copy goes.
    target = tmp_path / "page-01.txt"
    with StagedFiles(tmp_path) as staged:
        path = staged.add("没有硬链接的文件系统。\n".encode())
        staged.publish(path, target, force=False)
        assert not os.path.lexists(path)
    assert target.read_text(encoding="utf-8") == "没有硬链接的文件系统。\n"
    assert staging_folders(tmp_path) == []


@pytest.mark.usefixtures("no_hard_links")
@pytest.mark.parametrize("kind", ["file", "dangling-symlink"])
def test_without_hard_links_an_existing_name_is_still_refused(tmp_path: Path, kind: str) -> None:
    # The fallback must not turn a refused name into an overwrite (or a write
    # through a link).
    target = tmp_path / "page-01.txt"
    if kind == "file":
        target.write_bytes(b"someone else's\n")
    else:
        target.symlink_to(tmp_path / "elsewhere.txt")
    with StagedFiles(tmp_path) as staged, pytest.raises(FileExistsError):
        staged.publish(staged.add(b"ours\n"), target, force=False)
    if kind == "file":
        assert target.read_bytes() == b"someone else's\n"
    else:
        assert target.is_symlink() and not (tmp_path / "elsewhere.txt").exists()


def test_other_link_errors_are_not_hidden_by_the_fallback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Only "no hard links here" falls back to writing: a real failure (a full disk,
    # an I/O error) is the article's error, reported, with nothing published.
    def broken(*args: object, **kwargs: object) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(atomic.os, "link", broken)
    target = tmp_path / "page-01.txt"
    with StagedFiles(tmp_path) as staged:
        with pytest.raises(OSError) as raised:
            staged.publish(staged.add(b"ours\n"), target, force=False)
        assert raised.value.errno == errno.EIO
    assert not os.path.lexists(target)


def test_close_removes_what_was_not_published(tmp_path: Path) -> None:
    # A run that refuses to overwrite, or whose input failed, publishes nothing:
    # nothing of it may stay in DIR. What was published stays.
    staged = StagedFiles(tmp_path)
    published = staged.add(b"kept\n")
    left = [staged.add(b"unpublished\n"), staged.add(b"unpublished too\n")]
    staged.publish(published, tmp_path / "page-01.txt", force=False)
    staged.close()
    assert staging_folders(tmp_path) == []
    assert not any(os.path.lexists(p) for p in left)
    assert [p.name for p in tmp_path.iterdir()] == ["page-01.txt"]
    assert (tmp_path / "page-01.txt").read_bytes() == b"kept\n"
    staged.close()  # twice is harmless


def test_an_exception_inside_the_with_block_leaves_nothing(tmp_path: Path) -> None:
    # An error (or Ctrl-C, raised as an exception) in the middle of a split.
    with pytest.raises(KeyboardInterrupt), StagedFiles(tmp_path) as staged:
        staged.add(b"article one\n")
        staged.extend(staged.add(b"article two\n"), b"more\n")
        raise KeyboardInterrupt
    assert list(tmp_path.iterdir()) == []
