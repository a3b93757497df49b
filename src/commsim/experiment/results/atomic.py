"""Files written whole or not at all: a temporary name, then an atomic rename.

A process killed at any moment leaves either the old file, the new file, or a temporary
``.<name>.<pid>.commsim-tmp`` that nobody trusts (and a resume deletes: the suffix is
commsim's own, so a user's ``.notes.2024.tmp`` is never taken for one). A write that fails (a full
disk, a folder made read-only) raises :class:`ResultsWriteError`, naming the file.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import re
import shutil
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

META_KEY = b"commsim"  # the key of commsim's metadata in a Parquet file's schema
# A temporary file of atomic_write: ".<name>.<pid>.commsim-tmp" (a suffix no one else uses).
TEMPORARY_SUFFIX = ".commsim-tmp"
TEMPORARY = re.compile(r"\..+\.\d+\.commsim-tmp")


class ResultsWriteError(OSError):
    """A file of the results folder could not be written (disk full, permissions, ...).

    ``filename`` is the file; ``needed_bytes`` (when known) the space the experiment still
    needs, and ``free_bytes`` what the file system had left.
    """

    def __init__(self, path: Path, error: OSError) -> None:
        super().__init__(error.errno, error.strerror or str(error), str(path))
        self.needed_bytes: int | None = None
        self.free_bytes: int | None = _free_bytes(path)

    @property
    def disk_full(self) -> bool:
        no_space = os.strerror(errno.ENOSPC)
        return self.errno in (errno.ENOSPC, errno.EDQUOT) or no_space in str(self.strerror)

    def __str__(self) -> str:
        if not self.disk_full:
            return f"could not write {self.filename} ({self.strerror})"
        text = f"no space left on the device for {self.filename}"
        if self.needed_bytes is not None:
            text += f"; the experiment needs about {size_text(self.needed_bytes)} more"
            if self.free_bytes is not None:
                text += f" ({size_text(self.free_bytes)} free)"
        return text


def size_text(count: int) -> str:
    """``0.2 MB``, ``48 kB``: a size as people read it."""
    if count >= 1e9:
        return f"{count / 1e9:,.1f} GB"
    return f"{count / 1e6:,.1f} MB" if count >= 1e6 else f"{count / 1e3:,.0f} kB"


def _free_bytes(path: Path) -> int | None:
    for folder in (path, *path.parents):
        try:
            return shutil.disk_usage(folder).free
        except OSError:
            continue
    return None


def atomic_write(path: Path, write: Callable[[Path], object]) -> Path:
    """Call ``write(temporary path)``, then rename the result onto ``path``.

    An :class:`OSError` (a full disk, a folder made read-only) becomes a
    :class:`ResultsWriteError` naming ``path``, and leaves no temporary file behind.
    """
    temporary = path.with_name(f".{path.name}.{os.getpid()}{TEMPORARY_SUFFIX}")
    try:
        write(temporary)
        os.replace(temporary, path)
    except ResultsWriteError:
        raise
    except OSError as error:
        raise ResultsWriteError(path, error) from error
    finally:
        with contextlib.suppress(OSError):  # the folder went away or read-only: nothing left
            temporary.unlink(missing_ok=True)
    return path


def is_temporary(path: Path) -> bool:
    """Whether ``path`` is a temporary file that :func:`atomic_write` left behind."""
    return TEMPORARY.fullmatch(path.name) is not None


def write_text(path: Path, text: str) -> Path:
    return atomic_write(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))


def write_parquet(path: Path, frame: pd.DataFrame, metadata: Mapping[str, Any] | None = None):
    """Parquet (zstd), with optional key-value metadata stored in the file's schema."""
    table = pa.Table.from_pandas(frame, preserve_index=False)
    if metadata is not None:
        extra = {META_KEY: json.dumps(dict(metadata)).encode("utf-8")}
        table = table.replace_schema_metadata({**(table.schema.metadata or {}), **extra})
    return atomic_write(path, lambda tmp: pq.write_table(table, tmp, compression="zstd"))


def write_csv(path: Path, frame: pd.DataFrame) -> Path:
    return atomic_write(path, lambda tmp: frame.to_csv(tmp, index=False))
