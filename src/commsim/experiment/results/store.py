"""The results folder: what is in it, how it is written safely, and how it is read back.

Every file is written under a temporary name and renamed into place (``os.replace`` is atomic;
:mod:`commsim.experiment.results.atomic`), so a process killed at any moment leaves either the old
file, the new file, or a temporary file that nobody trusts. A finished run is exactly a
``runs/<run_id>.parquet`` that reads back whole and matches the checksum stored in it. One
process writes a folder at a time (:mod:`commsim.experiment.results.folder_lock`).

This module is the one reader of a results folder too: a resume, the charts and the report
read the manifest, the experiment copy and the tables through :class:`ResultsStore`, which
checks each as :mod:`commsim.experiment.results.folder_reading` says.
"""

from __future__ import annotations

import json
import os
import tomllib
import warnings
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from commsim.config import flatten
from commsim.experiment.results.atomic import (
    TEMPORARY_SUFFIX,
    ResultsWriteError,
    atomic_write,
    is_temporary,
    write_csv,
    write_parquet,
    write_text,
)
from commsim.experiment.results.folder_checks import (
    FolderRefused,
    check_name,
    check_writable,
    unusable,
)
from commsim.experiment.results.folder_lock import (
    LOCK_FILE,
    FolderBusy,
    FolderLock,
    LockRefused,
    check_not_busy,
    lock_folder,
)
from commsim.experiment.results.folder_reading import (
    expected_timeseries,
    read_csv_table,
    read_manifest,
    read_timeseries,
    read_toml_copy,
)
from commsim.experiment.results.integrity import frame_digest, run_file_problem, written_by_commsim
from commsim.experiment.spec.experiment_spec import Experiment
from commsim.experiment.spec.run_plan import Run
from commsim.experiment.toml_text import dumps

MANIFEST = "manifest.json"
EXPERIMENT_COPY = "experiment.toml"  # the experiment file verbatim
RESOLVED_COPY = "experiment.resolved.toml"  # every arm's full scenario, as run
RUNS = "runs"
# Everything commsim writes into a results folder; --force removes these and nothing else, and
# only from a folder its manifest proves to be commsim's; in the folders (runs/, charts/) only
# the files whose metadata says commsim wrote them.
OWNED = (
    MANIFEST,
    EXPERIMENT_COPY,
    RESOLVED_COPY,
    RUNS,
    "timeseries.parquet",
    "timeseries.csv",
    "summary.csv",
    "comparison.csv",
    "crossovers.csv",
    "assumptions.csv",  # each replicate's drawn assumptions (commsim.experiment.execution.worlds)
    "charts",
    "report.md",
    "report.html",
    "deck.pptx",
    # sweeps and sensitivity analyses (commsim.experiment.execution.sweep_files)
    "sweep.json",
    "design.csv",
    "runs.parquet",
    "runs.csv",
    "sensitivity.csv",
)
TIMESERIES = "timeseries"  # timeseries.parquet, and timeseries.csv for spreadsheets


__all__ = [
    "FolderBusy",
    "FolderLock",
    "FolderRefused",
    "LockRefused",
    "ResultsStore",
    "ResultsWarning",
    "ResultsWriteError",
    "atomic_write",
    "write_csv",
    "write_parquet",
    "write_text",
]


class ResultsWarning(UserWarning):
    """Something in a results folder that commsim works around (a damaged run file is run
    again); one line for people."""


def _first_difference(old: Mapping[str, Any], new: Mapping[str, Any]) -> str:
    """``key: A in the folder, B now`` for the first key whose value differs."""
    plain = json.loads(json.dumps(new, default=str))  # tuples -> lists, as TOML reads them
    old_flat, new_flat = flatten(old), flatten(plain)
    for key in list(dict.fromkeys([*old_flat, *new_flat])):
        before, after = old_flat.get(key, "(absent)"), new_flat.get(key, "(absent)")
        if before != after:
            return f"{key}: {before!r} in the folder, {after!r} now"
    return "(no visible difference; the folder was made by another version)"


class ResultsStore:
    """One results folder: prepares it, writes runs and tables, reads what a resume needs."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.runs_dir = self.path / RUNS
        self.held: FolderLock | None = None  # this store's lock on the folder, while held

    # -- before anything runs: decide, without writing, whether this folder may be used --

    def check(self, experiment: Experiment, *, resume: bool = False, force: bool = False) -> None:
        """Raise :class:`ConfigError` if the folder may not be used as asked; writes nothing."""
        self.check_free(force=force, resume=resume)
        if self.is_empty() or force:
            return  # check_free asked a forced folder for its manifest
        if not (self.path / MANIFEST).is_file():
            raise FolderRefused(
                self.path,
                "not a results folder",
                f"not a commsim results folder (no {MANIFEST}); nothing to resume",
            )
        manifest = self.read_manifest()
        if self.runs_dir.exists() and not self.runs_dir.is_dir():
            detail = f"{self.runs_dir} is a file, where commsim keeps its runs"
            raise FolderRefused(
                self.path, "damaged", f"{detail}; move it away, or force to start over", detail
            )
        if manifest.get("config_hash") != experiment.config_hash():
            difference = _first_difference(self.read_resolved(), experiment.resolved())
            raise FolderRefused(
                self.path,
                "differs",
                "the experiment differs from the one these results were made with "
                f"({difference}); resuming needs the same experiment and overrides; use "
                "another folder, or force to start over",
                difference,
            )

    def check_free(
        self,
        *,
        force: bool = False,
        resume: bool = False,
        resumable: bool = True,
        marker: str = MANIFEST,
    ) -> None:
        """Raise :class:`FolderRefused` unless the folder is absent or empty (or ``resume``,
        or ``force`` and it holds the ``marker`` file a study writes first: commsim's, not
        the user's) and can be written; ``resumable``: whether the study could resume the
        runs there."""
        self.check_writable()
        if self.held is None:
            check_not_busy(self.path)
        if force and not self.is_empty() and not self._proven_ours(marker):
            raise FolderRefused(
                self.path,
                "not commsim's",
                f"not a commsim results folder (no {marker}); force replaces only the "
                "results commsim wrote, so it leaves this folder alone; use another folder",
                marker,
            )
        if not (force or resume) and not self.is_empty():
            raise FolderRefused(
                self.path,
                "not empty",
                "results folder is not empty; "
                + ("resume to continue its runs, " if resumable else "")
                + "force to replace its results, or use another folder",
                "resumable" if resumable else "",
            )

    def check_writable(self) -> None:
        """Raise :class:`FolderRefused` when the folder cannot be one, or be written
        (:func:`commsim.experiment.results.folder_checks.check_writable`)."""
        check_writable(self.path, in_place=(LOCK_FILE, MANIFEST))

    def check_name(self) -> None:
        """Raise :class:`FolderRefused` for a folder name no file system takes, or with a
        line break or a control character."""
        check_name(self.path)

    def _proven_ours(self, marker: str = MANIFEST) -> bool:
        """Whether the folder holds the file a commsim study writes first (a run's or a
        sweep's manifest): the proof that the files of :data:`OWNED` in it are commsim's."""
        path = self.path / marker
        return path.is_file() and not path.is_symlink()

    def is_empty(self) -> bool:
        """True when the folder is absent or holds nothing but the lock file."""
        if not self.path.is_dir():
            return not self.path.exists()
        try:
            return all(entry.name == LOCK_FILE for entry in self.path.iterdir())
        except OSError as error:
            raise unusable(self.path, f"{self.path} cannot be read ({error.strerror})") from None

    # -- while writing --

    def lock(self, *, create: bool = True) -> FolderLock:
        """Hold the folder for this process; :class:`FolderBusy` when another one writes it."""
        self.held = lock_folder(self.path, create=create)
        return self.held

    def clear(self) -> None:
        """Remove commsim's own files (``force``); the user's files stay.

        Only in a folder whose manifest proves it commsim's (:meth:`check_free` refuses any
        other): the files of :data:`OWNED`, and in its folders (runs/, charts/) the files
        whose metadata says commsim wrote them, and its temporaries; a folder left empty
        goes too. A link is removed, never followed."""
        if not self._proven_ours():
            return
        for name in OWNED:
            target = self.path / name
            try:
                if target.is_dir() and not target.is_symlink():
                    self._clear_folder(target)
                elif target.is_file() or target.is_symlink():
                    target.unlink(missing_ok=True)
            except OSError as error:
                raise ResultsWriteError(target, error) from error

    @staticmethod
    def _clear_folder(folder: Path) -> None:
        for entry in list(folder.iterdir()):
            if is_temporary(entry) or written_by_commsim(entry):
                entry.unlink(missing_ok=True)
        if not any(folder.iterdir()):
            folder.rmdir()

    def prepare(self, experiment: Experiment, *, force: bool = False) -> None:
        """Create the folder (clearing commsim's own files with ``force``), remove the
        temporary files of a process killed mid-write, and write the experiment's copies."""
        if force:
            self.clear()
        try:
            self.runs_dir.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise ResultsWriteError(self.runs_dir, error) from error
        self.remove_temporaries()
        write_text(self.path / EXPERIMENT_COPY, experiment.source_text())
        write_text(self.path / RESOLVED_COPY, dumps(experiment.resolved()))

    def remove_temporaries(self) -> list[Path]:
        """Delete the temporary files a killed process left anywhere in the folder (only
        while holding the lock: a live writer's temporaries are its own)."""
        removed = []
        for leftover in self.path.rglob(f".*{TEMPORARY_SUFFIX}"):
            if is_temporary(leftover) and leftover.is_file():
                try:
                    leftover.unlink(missing_ok=True)
                except OSError as error:
                    raise ResultsWriteError(leftover, error) from error
                removed.append(leftover)
        return removed

    # -- runs --

    def run_path(self, run: Run) -> Path:
        return self.runs_dir / f"{run.run_id}.parquet"

    def write_run(self, run: Run, frame: pd.DataFrame, wall_seconds: float, config_hash: str):
        """Store a finished run, with the checksum of its rows; from now on a resume skips it."""
        meta = {
            "run_id": run.run_id,
            "wall_seconds": wall_seconds,
            "config_hash": config_hash,
            "rows": len(frame),
            "sha256": frame_digest(frame),
        }
        return write_parquet(self.run_path(run), frame, meta)

    def finished_runs(self, runs: Sequence[Run], config_hash: str) -> dict[str, float]:
        """Run id -> wall seconds of every run already stored intact for this experiment.

        A run file counts only when it reads back whole and its rows match the checksum
        stored when it was written; any other is run again, with a :class:`ResultsWarning`
        naming the file and what was wrong.
        """
        finished, damaged = {}, {}
        for run in runs:
            path = self.run_path(run)
            if not path.is_file():
                continue
            problem, meta = run_file_problem(path, run.run_id, config_hash)
            if problem is None:
                finished[run.run_id] = float(meta.get("wall_seconds", 0.0))
            elif problem:
                damaged[path] = problem
        if damaged:
            first, reason = next(iter(damaged.items()))
            more = f" (and {len(damaged) - 1} more run files)" if len(damaged) > 1 else ""
            warnings.warn(
                f"{first}: {reason}{more}; running {'them' if more else 'it'} again",
                ResultsWarning,
                stacklevel=2,
            )
        return finished

    def read_runs(self, runs: Sequence[Run]) -> pd.DataFrame:
        """The stored runs' rows, in the order of ``runs`` (never of completion)."""
        frames = [pd.read_parquet(self.run_path(run)) for run in runs]
        return pd.concat(frames, ignore_index=True)

    # -- manifest and tables --

    def write_manifest(self, manifest: Mapping[str, Any]) -> Path:
        text = json.dumps(manifest, indent=2, default=str, allow_nan=True)
        return write_text(self.path / MANIFEST, text + "\n")

    def write_manifest_in_place(self, manifest: Mapping[str, Any]) -> Path:
        """The manifest written over the old one, compactly: the last resort when the disk is
        full (it needs no new space when shorter than the old, indented one)."""
        path = self.path / MANIFEST
        data = (json.dumps(manifest, default=str, allow_nan=True) + "\n").encode("utf-8")
        try:  # never through a link: the manifest in place is commsim's own file
            with os.fdopen(os.open(path, os.O_RDWR | getattr(os, "O_NOFOLLOW", 0)), "r+b") as file:
                file.write(data)
                file.truncate()
        except OSError as error:
            raise ResultsWriteError(path, error) from error
        return path

    def read_manifest(self) -> dict[str, Any]:
        """The manifest; {} when the folder has none. A damaged one (not JSON, not an
        object, fields of the wrong type) raises :class:`ResultsFolderError`."""
        return read_manifest(self.path / MANIFEST)

    def read_experiment_copy(self) -> dict[str, Any]:
        """The experiment file as run (``experiment.toml``), or {} when absent."""
        return read_toml_copy(self.path / EXPERIMENT_COPY)

    def read_timeseries(self) -> pd.DataFrame:
        """``timeseries.parquet`` (or, failing that, ``timeseries.csv``), checked whole and
        against the manifest: every finished run, every day of each, every column of a run
        file (a table cut short or edited is damaged, never charted as it is)."""
        expected = expected_timeseries(self.read_manifest(), self.runs_dir)
        return read_timeseries(self.path, TIMESERIES, expected)

    def read_table(
        self, name: str, columns: Mapping[str, bool] | None = None
    ) -> pd.DataFrame | None:
        """A CSV table of the folder (``comparison``, ``summary``, ...), or None when absent;
        ``columns`` (name -> whether it holds numbers) it must have, with rows."""
        return read_csv_table(self.path / f"{name}.csv", columns)

    def read_resolved(self) -> dict[str, Any]:
        try:
            return tomllib.loads((self.path / RESOLVED_COPY).read_text(encoding="utf-8"))
        except (OSError, ValueError, RecursionError):
            return {}

    def write_tables(self, tables: Mapping[str, pd.DataFrame]) -> list[Path]:
        """``{'timeseries': frame, 'summary': frame, ...}``: the time series as Parquet and
        CSV, every other table as CSV."""
        paths = []
        for name, frame in tables.items():
            if name == TIMESERIES:
                paths.append(write_parquet(self.path / f"{name}.parquet", frame))
            paths.append(write_csv(self.path / f"{name}.csv", frame))
        return paths
