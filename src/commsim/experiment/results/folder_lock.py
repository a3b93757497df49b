"""One writer per results folder: an advisory lock on a file inside it.

``flock`` on ``.commsim.lock``: a second ``run``, ``--resume`` or ``--force`` on a folder
that a process is writing is refused at once, and the operating system releases the lock
when the holder exits, however it exits (``kill -9`` included), so a lock is never stale.
The file itself stays (removing it would race with a process about to lock it); it holds
the pid of the last holder, for the message. It is opened without following a symbolic link
(``O_NOFOLLOW``): a link in its place is refused, never written through to a file outside
the folder.
"""

from __future__ import annotations

import os
from pathlib import Path

from commsim.config import ConfigError
from commsim.experiment.results.atomic import ResultsWriteError

try:
    import fcntl
except ImportError:  # Windows: no advisory locks; one writer is then up to the user
    fcntl = None  # type: ignore[assignment]

LOCK_FILE = ".commsim.lock"
NO_FOLLOW = getattr(os, "O_NOFOLLOW", 0)


class LockRefused(ConfigError):
    """The lock file is not a plain file of the folder (a symbolic link): commsim never
    writes through it."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            f"{path}: is a symbolic link, and commsim never writes through a link to a file "
            "outside the results folder; remove it, or use another folder"
        )
        self.path = path


class FolderBusy(ConfigError):
    """Another process is writing the results folder (``holder``: its pid, when known)."""

    def __init__(self, path: Path, holder: int | None) -> None:
        who = f"another commsim process (pid {holder})" if holder else "another commsim process"
        super().__init__(
            f"{path}: {who} is writing this results folder; wait for it to finish, or use "
            "another folder"
        )
        self.path, self.holder = path, holder


class FolderLock:
    """The held lock of one results folder; :meth:`release` (or the process's end) frees it."""

    def __init__(self, folder: Path, descriptor: int | None) -> None:
        self.folder, self._descriptor = folder, descriptor

    def release(self) -> None:
        if self._descriptor is not None:
            os.close(self._descriptor)  # closing the descriptor releases the flock
            self._descriptor = None

    def __enter__(self) -> FolderLock:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


def _holder(path: Path) -> int | None:
    try:
        return int(path.read_text(encoding="ascii").strip() or 0) or None
    except (OSError, ValueError):
        return None


def check_not_busy(folder: Path) -> None:
    """Raise :class:`FolderBusy` when another process holds the folder's lock; writes
    nothing (a folder without a lock file is not busy)."""
    path = folder / LOCK_FILE
    if path.is_symlink():
        raise LockRefused(path)
    if fcntl is None or not path.is_file():
        return
    try:
        descriptor = os.open(path, os.O_RDONLY | NO_FOLLOW)
    except OSError:
        return  # unreadable: the lock itself will say what is wrong
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        raise FolderBusy(folder, _holder(path)) from None
    except OSError:
        return
    finally:
        os.close(descriptor)  # releases the lock just taken, if it was


def lock_folder(folder: Path, *, create: bool = True) -> FolderLock:
    """Lock ``folder`` for this process (creating it when ``create``), or raise
    :class:`FolderBusy` at once when another process holds it."""
    path = folder / LOCK_FILE
    try:
        if create:
            folder.mkdir(parents=True, exist_ok=True)
        # Not inherited by worker processes (PEP 446): only this process holds the lock.
        descriptor = os.open(path, os.O_RDWR | os.O_CREAT | NO_FOLLOW, 0o644)
    except OSError as error:
        if path.is_symlink():
            raise LockRefused(path) from None
        raise ResultsWriteError(path, error) from error
    if fcntl is None:
        return FolderLock(folder, descriptor)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(descriptor)
        raise FolderBusy(folder, _holder(path)) from None
    try:
        os.ftruncate(descriptor, 0)
        os.write(descriptor, f"{os.getpid()}\n".encode("ascii"))
    except OSError:
        pass  # a full disk: the lock holds all the same, the message just lacks the pid
    return FolderLock(folder, descriptor)
