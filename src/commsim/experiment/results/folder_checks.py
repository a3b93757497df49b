"""Whether a path can be a results folder, before anything is written: a name every file
system takes and anyone can type back, not a file, not under a dangling link, writable, and no
symbolic link where commsim writes a file in place (commsim never writes through one)."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from commsim.config import ConfigError
from commsim.config.limits import shown_key

NAME_MAX_BYTES = 255  # the longest file or folder name ext4, APFS and NTFS take


class FolderRefused(ConfigError):
    """A results folder that cannot be used as asked.

    ``problem`` is ``not a folder``, ``not empty``, ``not a results folder``, ``not
    commsim's`` (forced, with no ``detail`` file to prove it commsim's), ``differs``
    (``detail``: the first difference), ``unusable`` (``detail``: why, e.g. a dangling link
    or a read-only folder) or ``damaged`` (``detail``: what), so a front end can say it
    with its own options.
    """

    def __init__(self, path: Path, problem: str, message: str, detail: str = "") -> None:
        super().__init__(f"{shown_key(str(path), 200)}: {message}")
        self.path, self.problem, self.detail = path, problem, detail


def unusable(path: Path, detail: str) -> FolderRefused:
    return FolderRefused(path, "unusable", f"{detail}; choose another folder", detail)


def check_name(path: Path) -> None:
    """Raise :class:`FolderRefused` for a folder name no file system takes (a part over
    255 bytes) or that no one could type back (a line break, a control character)."""
    for part in path.parts:
        size = len(os.fsencode(part))
        if size > NAME_MAX_BYTES:
            raise unusable(
                path,
                f"the name {shown_key(part, 40)} is {size:,} bytes long; a file system takes "
                f"at most {NAME_MAX_BYTES} per folder name",
            )
        if not part.isprintable():
            raise unusable(
                path, f"the name {shown_key(part, 40)} holds a line break or a control character"
            )


def check_writable(path: Path, in_place: Sequence[str] = ()) -> None:
    """Raise :class:`FolderRefused` when ``path`` is not a folder, or cannot be created or
    written: a file or a dangling link in its place or above it, a read-only folder, or a
    symbolic link in place of a file of ``in_place`` (which commsim writes in place)."""
    check_name(path)
    if path.exists() and not path.is_dir():
        raise FolderRefused(
            path, "not a folder", "exists and is not a folder; choose another folder"
        )
    for place in (path, *path.parents):
        if place.is_symlink() and not place.exists():
            raise unusable(
                path, f"{place} is a symbolic link to {os.readlink(place)}, which does not exist"
            )
        if place.exists():
            break
    else:
        return
    if not place.is_dir():
        raise unusable(path, f"{place} is a file, so no folder can be made in it")
    if not os.access(place, os.W_OK | os.X_OK):
        raise unusable(path, f"{place} is read-only (or not yours to write)")
    for name in in_place:
        if (path / name).is_symlink():
            raise unusable(
                path,
                f"{path / name} is a symbolic link (to {os.readlink(path / name)}); commsim "
                "never writes through a link: remove it",
            )
