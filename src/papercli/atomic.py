"""Writing files so that nothing is lost: a file is replaced atomically (a temp
file beside it, fsynced, renamed over it) or not at all, keeps its mode, owner,
extended attributes and links, and a backup is written the same way.

The one module that replaces or creates the user's files; `textio` turns text into
the bytes written here.
"""

from __future__ import annotations

import contextlib
import errno
import filecmp
import os
import re
import shutil
import signal
import stat
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from papercli.textio import OutputError

# /dev/stdout, /dev/fd/N and /proc/self/fd/N are links to whatever an open descriptor
# holds: a terminal, a pipe, or the very file a shell redirected it to (`>> log`).
# Replacing that "file" by rename would clobber the log and keep nothing appended.
DESCRIPTOR_DIR = re.compile(r"/proc/(?:self|thread-self|\d+)(?:/task/\d+)?/fd")


def names_a_descriptor(path: str | Path) -> bool:
    """Does `path` lead to an open file descriptor (/dev/stdout, /dev/fd/1, a link
    to them) rather than to a file by name?

    >>> names_a_descriptor("/dev/stdout"), names_a_descriptor("/dev/fd/2")
    (True, True)
    >>> names_a_descriptor("/tmp/page.txt")
    False
    """
    current = os.path.abspath(path)
    for _ in range(40):  # the kernel's own limit on symlink hops
        parent, base = os.path.split(current)
        parent = os.path.realpath(parent)
        if DESCRIPTOR_DIR.fullmatch(parent):
            return True
        try:
            link = os.readlink(os.path.join(parent, base))
        except OSError:  # not a link (or not there): a plain name
            return False
        current = os.path.normpath(os.path.join(parent, link))
    return False


def refuse_descriptor(path: str | Path) -> None:
    if names_a_descriptor(path):
        raise OutputError(
            f"{path}: names an open file descriptor, not a file; refusing to replace it"
        )


# The temp files of this process's atomic writes not yet committed or discarded: a
# pool worker ended by SIGTERM removes them before it goes (see papercli.parallel);
# the main process unwinds instead, and each AtomicOutput discards its own.
LIVE_TEMP_FILES: set[str] = set()


# Signals that end a run (Ctrl-C, SIGTERM, SIGHUP, a worker's grace alarm).
HELD_SIGNALS = frozenset((signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGALRM))


@contextlib.contextmanager
def signals_held() -> Iterator[None]:
    """Hold the signals that end a run for a few steps that must not be cut
    apart, or while one small file is written (`split` writes each article so: a
    run ends between two files); they arrive, to the handlers there were, as the
    block ends. Held in Python, not by the OS's signal mask: in a process with
    other threads (a pool's) the OS hands a signal to a thread that does not
    block it, and Python runs the handler in the main thread all the same.
    Only the main thread sets handlers: elsewhere nothing is held."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    pending: list[int] = []

    def defer(signum: int, frame: object) -> None:
        pending.append(signum)

    previous: dict[int, Any] = {}
    for held in HELD_SIGNALS:
        handler = signal.getsignal(held)
        if handler in (signal.SIG_IGN, None):
            continue
        previous[held] = handler
        signal.signal(held, defer)
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
        for arrived in pending:
            signal.raise_signal(arrived)


def remove_live_temp_files() -> None:
    """Remove the temp files of the writes in progress (an ending worker's last act)."""
    for tmp in list(LIVE_TEMP_FILES):
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        LIVE_TEMP_FILES.discard(tmp)


def _umask() -> int:
    # os.umask can only be read by setting it; restore it at once.
    mask = os.umask(0)
    os.umask(mask)
    return mask


class AtomicOutput:
    """A file written piece by piece that replaces `path` only on `commit`.

    The one way papercli replaces a file (`atomic_write` for whole data, the
    streaming path piece by piece): the temp file lives beside the target (os.replace
    is atomic only within one file system), is fsynced, takes the original's mode
    bits and, where allowed, its owner and group (a new file gets 0o666 minus the
    umask, as `open` would give), a symlink's target is rewritten, `backup` keeps
    the original, a file we may not write is refused, and a FIFO or a device is
    never replaced by a regular file. `discard`
    (or an exception inside a `with` block) removes the temp file and leaves the
    target untouched.
    """

    def __init__(
        self, path: str | Path, *, backup: str | None = None, device_ok: bool = False
    ) -> None:
        self.path = path
        refuse_descriptor(path)
        self.target = Path(os.path.realpath(path))
        self.backup = backup
        self.tmp = ""
        self._fh: BinaryIO | None = None
        try:
            info = os.stat(self.target)
        except FileNotFoundError:
            self.mode: int | None = None
        except OSError as exc:
            raise OutputError(f"{path}: cannot write: {exc.strerror or exc}") from None
        else:
            if device_ok and written_into(info.st_mode):
                # `-o /dev/null`, `-o fifo`: written into, as `sort -o` does; there is
                # no file to replace, so nothing to make atomic.
                self.mode = None
                try:
                    self._fh = open(self.target, "wb")  # noqa: SIM115
                except OSError as exc:
                    raise OutputError(f"{path}: cannot write: {exc.strerror or exc}") from None
                return
            if not stat.S_ISREG(info.st_mode):
                raise OutputError(f"{path}: not a regular file; refusing to replace it")
            # A rename needs only the directory's permission: without this a read-only
            # file would be replaced where `>` (and black, and an editor) refuse.
            if not os.access(self.target, os.W_OK):
                raise OutputError(f"{path}: {why_not_writable(self.target)}")
            self.mode = stat.S_IMODE(info.st_mode)
            self.owner = (info.st_uid, info.st_gid)
        try:
            # A signal between the file's creation and its registration would leave
            # it behind (no one knew its name): it waits until the name is known.
            with signals_held():
                fd, self.tmp = tempfile.mkstemp(
                    dir=self.target.parent, prefix=temp_prefix(self.target), suffix=".tmp"
                )
                LIVE_TEMP_FILES.add(self.tmp)
        except OSError as exc:
            raise OutputError(self._no_temp_file(exc)) from None
        except BaseException:
            # The held signal, raised as the hold ended: this object never reaches
            # its `with` block, so it discards its temp file itself.
            if self.tmp:
                with contextlib.suppress(OSError):
                    os.close(fd)
                self.discard()
            raise
        try:
            self._fh = os.fdopen(fd, "wb")
        except BaseException:
            with contextlib.suppress(OSError):
                os.close(fd)
            self.discard()
            raise

    def _no_temp_file(self, exc: OSError) -> str:
        """Why the temp file could not be made. A file we may write, in a directory
        we may not, is the puzzle: `>` would write it, the rename cannot."""
        reason = exc.strerror or str(exc)
        if self.mode is not None and exc.errno in (errno.EACCES, errno.EPERM):
            return (
                f"{self.path}: cannot write: its directory is not writable ({reason}),"
                " and a file is replaced through a temp file beside it"
            )
        return f"{self.path}: cannot write: {reason}"

    def write(self, data: bytes) -> None:
        assert self._fh is not None
        try:
            self._fh.write(data)
        except OSError as exc:
            self.discard()
            raise OutputError(f"{self.path}: cannot write: {exc.strerror or exc}") from None

    def _close(self) -> None:
        if self._fh is not None:
            fh, self._fh = self._fh, None
            fh.close()

    def same_as_target(self) -> bool:
        """Are the bytes written so far exactly the target's (an in-place no-op)?"""
        assert self._fh is not None
        if not self.tmp:
            return False
        self._fh.flush()
        try:
            return filecmp.cmp(self.tmp, self.target, shallow=False)
        except OSError:
            return False

    def commit(self) -> None:
        if not self.tmp:
            try:
                self._close()
            except OSError as exc:
                raise OutputError(f"{self.path}: cannot write: {exc.strerror or exc}") from None
            return
        try:
            assert self._fh is not None
            self._fh.flush()
            os.fsync(self._fh.fileno())
            self._close()
            if self.mode is not None:
                _chown_like(self.tmp, *self.owner)
                _copy_xattrs(self.target, self.tmp)
            os.chmod(self.tmp, self.mode if self.mode is not None else 0o666 & ~_umask())
            if self.backup and self.mode is not None:
                _write_backup(self.target, Path(f"{self.target}{self.backup}"))
            os.replace(self.tmp, self.target)
        except OSError as exc:
            self.discard()
            raise OutputError(f"{self.path}: cannot write: {exc.strerror or exc}") from None
        LIVE_TEMP_FILES.discard(self.tmp)

    def discard(self) -> None:
        with contextlib.suppress(OSError):
            self._close()
        if self.tmp:
            with contextlib.suppress(OSError):
                os.unlink(self.tmp)
            LIVE_TEMP_FILES.discard(self.tmp)

    def __enter__(self) -> AtomicOutput:
        return self

    def __exit__(self, kind: type[BaseException] | None, *rest: object) -> None:
        if kind is not None:
            self.discard()


# What a temp file's name adds to its file's: "." before it, ".XXXXXXXX.tmp" after.
TEMP_NAME_EXTRA = 14


def temp_prefix(target: Path) -> str:
    """`.NAME.`, the start of the name of a temp file beside `target` (hidden, so that
    -r skips it), NAME cut short by whole characters where the temp file's name would
    pass the file system's limit (a page named by an 80-character headline).

    >>> temp_prefix(Path("/tmp/page.txt"))
    '.page.txt.'
    """
    try:
        limit = os.pathconf(target.parent, "PC_NAME_MAX")
    except (OSError, ValueError):
        limit = 255
    name = target.name
    while name and len(os.fsencode(name)) > limit - TEMP_NAME_EXTRA:
        name = name[:-1]
    return f".{name}."


def why_not_writable(path: Path) -> str:
    """The reason a file we may not write is refused: a file system mounted
    read-only (a snapshot, a write-protected card) is no read-only file to chmod."""
    try:
        if os.statvfs(path).f_flag & os.ST_RDONLY:
            return "cannot write: read-only file system"
    except (OSError, AttributeError):  # no statvfs (Windows): the usual reason
        pass
    return "permission denied (read-only file)"


def written_into(mode: int) -> bool:
    """A character device or FIFO (`-o /dev/null`, `-o fifo`): -o writes into it as
    the text comes, with no temp file to replace it by or to discard."""
    return stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)


def _chown_like(path: str, uid: int, gid: int) -> None:
    """Give the replacement the original's owner and group where we may (root may;
    a user may keep a group they belong to), so that `sudo papercli clean -i` does
    not hand an archivist's files to root. Before chmod: chown clears setgid."""
    if (uid, gid) == (os.getuid(), os.getgid()):
        return
    try:
        os.chown(path, uid, gid)
    except OSError:
        with contextlib.suppress(OSError):
            os.chown(path, -1, gid)


def _write_backup(source: Path, backup: Path) -> None:
    """Keep a copy of `source` (its bytes, mode, times, extended attributes and,
    where we may, owner and group) as `backup`, replacing whatever has that name:
    never writing through a symlink there (copying onto the name wrote the page
    over the file a stale link pointed at), and never leaving a half-written
    backup. The owner too, as for the page itself: `sudo papercli clean -i
    --backup .orig` left an archivist's 0640 page's only original readable by
    root alone."""
    fd, tmp = tempfile.mkstemp(dir=backup.parent, prefix=temp_prefix(backup), suffix=".tmp")
    os.close(fd)
    LIVE_TEMP_FILES.add(tmp)
    try:
        shutil.copy2(source, tmp)
        info = os.stat(source)
        _chown_like(tmp, info.st_uid, info.st_gid)
        os.chmod(tmp, stat.S_IMODE(info.st_mode))  # chown cleared a setgid bit
        os.replace(tmp, backup)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    finally:
        LIVE_TEMP_FILES.discard(tmp)


def _copy_xattrs(source: Path, path: str) -> None:
    """Give the replacement the original's extended attributes where we may: a POSIX
    ACL (`system.posix_acl_access`, a colleague's right to edit the page) and the
    user's own `user.*` tags. After chown (which may clear some), before chmod (which
    sets the ACL's mask from the mode, as the original had it). One the kernel set
    on the new file itself (an SELinux label) or refuses us is left as it is."""
    if not hasattr(os, "listxattr"):  # not on macOS or Windows
        return
    try:
        names = os.listxattr(source)
    except OSError:  # a file system without them
        return
    for name in names:
        with contextlib.suppress(OSError):
            os.setxattr(path, name, os.getxattr(source, name))


def atomic_write(
    path: str | Path, data: bytes, *, backup: str | None = None, device_ok: bool = False
) -> None:
    """Replace `path` with `data` so that readers see the old file or the new one,
    never half (see `AtomicOutput`). `backup`, a suffix, keeps a copy of the original;
    `device_ok` writes into a character device or FIFO (`-o /dev/null`) instead of
    refusing it."""
    with AtomicOutput(path, backup=backup, device_ok=device_ok) as out:
        out.write(data)
        out.commit()


def write_new_file(path: Path, data: bytes, *, force: bool) -> None:
    """Write a file inside a directory we own, never through a symlink.

    Without `force` the file must not exist (O_EXCL also refuses a dangling symlink);
    with `force` the temp-and-replace swaps out a file or a symlink, instead of
    writing to where the link points; a FIFO or device is refused, never replaced,
    and so is a path to an open descriptor (`--manifest /dev/stdout --force` would
    otherwise replace the /dev/stdout link itself).
    """
    refuse_new_file_target(path, force=force)
    if force:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=temp_prefix(path), suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            os.chmod(tmp, 0o666 & ~_umask())
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
        return
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(path, flags, 0o666)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
    except BaseException:
        # The file is ours (O_EXCL made it): a half-written article must not look done.
        with contextlib.suppress(OSError):
            os.unlink(path)
        raise


def refuse_new_file_target(path: Path, *, force: bool) -> None:
    """`write_new_file`'s refusals, as OSError: a path to an open descriptor, and
    (with `force`, which replaces what is there) anything but a file or a symlink."""
    if names_a_descriptor(path):
        raise OSError(errno.EINVAL, "names an open file descriptor, not a file", str(path))
    if force:
        with contextlib.suppress(FileNotFoundError):
            kind = os.lstat(path).st_mode
            # `--manifest /dev/null --force` must not put a regular file there (as root).
            if not (stat.S_ISREG(kind) or stat.S_ISLNK(kind)):
                raise OSError(errno.EINVAL, "not a regular file; refusing to replace it", str(path))


# Where `os.link` cannot make a second name for a file (FAT, some network file
# systems), a staged file is published by writing its bytes anew.
NO_HARD_LINKS = frozenset(
    getattr(errno, name) for name in ("EPERM", "ENOTSUP", "EOPNOTSUPP", "EMLINK", "ENOSYS")
    if hasattr(errno, name)
)


class StagedFiles:
    """Files written first into a hidden directory inside `directory`, and given
    their names there only when `publish`ed, as `write_new_file` would write them.

    `split` stages each article as it is found, in memory bounded by one article
    rather than by every article of every input, and still decides the names and
    refuses to overwrite before any file appears. A run that stops first (an input
    that fails halfway, an interrupt, an error) leaves none of them: `close` (or
    leaving the `with` block) removes what was not published. Only a process
    killed outright leaves the hidden directory behind.
    """

    PREFIX = ".papercli-staged-"

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.root = ""
        self._count = 0
        try:
            # A signal between the directory's creation and `self.root` would
            # leave it behind: it waits until the name is known.
            with signals_held():
                self.root = tempfile.mkdtemp(dir=directory, prefix=self.PREFIX)
        except BaseException:
            # (The held signal, raised as the hold ended: no `with` block yet.)
            self.close()
            raise

    def add(self, data: bytes) -> str:
        """Stage a new file holding `data`; its staged path. It is made with a new
        file's mode (0o666 less the umask), which it keeps when published."""
        self._count += 1
        staged = os.path.join(self.root, f"{self._count}.tmp")
        fd = os.open(staged, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        return staged

    def extend(self, staged: str, data: bytes, *, drop: int = 0) -> None:
        """Add `data` at the end of a staged file, `drop` bytes of its end removed first."""
        with open(staged, "r+b") as fh:
            end = fh.seek(0, os.SEEK_END)
            fh.truncate(max(0, end - drop))
            fh.seek(0, os.SEEK_END)
            fh.write(data)

    def discard(self, staged: str) -> None:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(staged)

    def publish(self, staged: str, path: Path, *, force: bool) -> None:
        """Give the staged file its name `path` (in `directory`), never through a
        symlink: without `force` only if nothing has that name (a dangling symlink
        included, as O_EXCL would refuse it); with `force` replacing a file or a
        link there."""
        refuse_new_file_target(path, force=force)
        if force:
            fd = os.open(staged, os.O_RDONLY)
            try:
                os.fsync(fd)  # as `write_new_file` does before it replaces a file
            finally:
                os.close(fd)
            os.replace(staged, path)
            return
        try:
            os.link(staged, path)
        except OSError as exc:
            if exc.errno not in NO_HARD_LINKS:
                raise
            with open(staged, "rb") as fh:
                write_new_file(path, fh.read(), force=False)
        os.unlink(staged)

    def close(self) -> None:
        """Remove the staging directory and whatever is still in it."""
        if self.root:
            shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self) -> StagedFiles:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
