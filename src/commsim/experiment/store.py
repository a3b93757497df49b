"""The results folder: what is in it, how it is written safely, and how it is read back.

Every file is written under a temporary name and renamed into place (``os.replace`` is atomic),
so a process killed at any moment leaves either the old file, the new file, or a temporary
file that nobody trusts. A finished run is exactly a readable ``runs/<run_id>.parquet``.

This module is the one reader of a results folder too: a resume, the charts and the report
read the manifest, the experiment copy and the tables through :class:`ResultsStore`.
"""

from __future__ import annotations

import json
import os
import shutil
import tomllib
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from commsim.config import ConfigError, flatten
from commsim.experiment.run_plan import Run
from commsim.experiment.spec import Experiment
from commsim.experiment.toml_text import dumps

MANIFEST = "manifest.json"
EXPERIMENT_COPY = "experiment.toml"  # the experiment file verbatim
RESOLVED_COPY = "experiment.resolved.toml"  # every arm's full scenario, as run
RUNS = "runs"
# Everything commsim writes into a results folder; --force removes these and nothing else.
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
    "charts",
    "report.md",
    "report.html",
    "deck.pptx",
    # sweeps and sensitivity analyses (commsim.experiment.sweep_files)
    "sweep.json",
    "design.csv",
    "runs.parquet",
    "runs.csv",
    "sensitivity.csv",
)
_META_KEY = b"commsim"
TIMESERIES = "timeseries"  # timeseries.parquet, and timeseries.csv for spreadsheets


class FolderRefused(ConfigError):
    """A results folder that cannot be used as asked.

    ``problem`` is ``not a folder``, ``not empty``, ``not a results folder`` or ``differs``
    (``detail``: the first difference), so a front end can say it with its own options.
    """

    def __init__(self, path: Path, problem: str, message: str, detail: str = "") -> None:
        super().__init__(f"{path}: {message}")
        self.path, self.problem, self.detail = path, problem, detail


class ResultsFolderError(ConfigError):
    """A results folder that lacks what is asked of it (a table, readable files)."""


def atomic_write(path: Path, write: Callable[[Path], object]) -> Path:
    """Call ``write(temporary path)``, then rename the result onto ``path``."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        write(temporary)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
    return path


def write_text(path: Path, text: str) -> Path:
    return atomic_write(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))


def write_parquet(path: Path, frame: pd.DataFrame, metadata: Mapping[str, Any] | None = None):
    """Parquet (zstd), with optional key-value metadata stored in the file's schema."""
    table = pa.Table.from_pandas(frame, preserve_index=False)
    if metadata is not None:
        extra = {_META_KEY: json.dumps(dict(metadata)).encode("utf-8")}
        table = table.replace_schema_metadata({**(table.schema.metadata or {}), **extra})
    return atomic_write(path, lambda tmp: pq.write_table(table, tmp, compression="zstd"))


def write_csv(path: Path, frame: pd.DataFrame) -> Path:
    return atomic_write(path, lambda tmp: frame.to_csv(tmp, index=False))


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

    # -- before anything runs: decide, without writing, whether this folder may be used --

    def check(self, experiment: Experiment, *, resume: bool = False, force: bool = False) -> None:
        """Raise :class:`ConfigError` if the folder may not be used as asked; writes nothing."""
        self.check_free(force=force or resume)
        if self.is_empty() or force:
            return
        if not (self.path / MANIFEST).is_file():
            raise FolderRefused(
                self.path,
                "not a results folder",
                f"not a commsim results folder (no {MANIFEST}); nothing to resume",
            )
        manifest = self.read_manifest()
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

    def check_free(self, *, force: bool = False, resumable: bool = True) -> None:
        """Raise :class:`FolderRefused` unless the folder is absent or empty (or ``force``);
        ``resumable``: whether the study could resume the runs there."""
        if self.path.exists() and not self.path.is_dir():
            raise FolderRefused(
                self.path, "not a folder", "exists and is not a folder; choose another folder"
            )
        if not force and not self.is_empty():
            raise FolderRefused(
                self.path,
                "not empty",
                "results folder is not empty; "
                + ("resume to continue its runs, " if resumable else "")
                + "force to replace its results, or use another folder",
                "resumable" if resumable else "",
            )

    def is_empty(self) -> bool:
        return not self.path.exists() or not any(self.path.iterdir())

    def prepare(self, experiment: Experiment, *, force: bool = False) -> None:
        """Create the folder (clearing commsim's own files with ``force``) and the copies."""
        if force:
            for name in OWNED:
                target = self.path / name
                if target.is_dir():
                    shutil.rmtree(target)
                else:
                    target.unlink(missing_ok=True)
        self.runs_dir.mkdir(parents=True, exist_ok=True)
        for leftover in self.runs_dir.glob(".*.tmp"):  # from a process killed mid-write
            leftover.unlink(missing_ok=True)
        write_text(self.path / EXPERIMENT_COPY, experiment.source_text())
        write_text(self.path / RESOLVED_COPY, dumps(experiment.resolved()))

    # -- runs --

    def run_path(self, run: Run) -> Path:
        return self.runs_dir / f"{run.run_id}.parquet"

    def write_run(self, run: Run, frame: pd.DataFrame, wall_seconds: float, config_hash: str):
        """Store a finished run; from now on a resume skips it."""
        meta = {"run_id": run.run_id, "wall_seconds": wall_seconds, "config_hash": config_hash}
        return write_parquet(self.run_path(run), frame, meta)

    def finished_runs(self, runs: Sequence[Run], config_hash: str) -> dict[str, float]:
        """Run id -> wall seconds of every run already stored intact for this experiment."""
        finished = {}
        for run in runs:
            path = self.run_path(run)
            if not path.is_file():
                continue
            try:
                metadata = pq.read_schema(path).metadata or {}
                meta = json.loads(metadata[_META_KEY])
            except (OSError, KeyError, ValueError, pa.ArrowException):
                continue  # unreadable: run it again
            if meta.get("run_id") == run.run_id and meta.get("config_hash") == config_hash:
                finished[run.run_id] = float(meta.get("wall_seconds", 0.0))
        return finished

    def read_runs(self, runs: Sequence[Run]) -> pd.DataFrame:
        """The stored runs' rows, in the order of ``runs`` (never of completion)."""
        frames = [pd.read_parquet(self.run_path(run)) for run in runs]
        return pd.concat(frames, ignore_index=True)

    # -- manifest and tables --

    def write_manifest(self, manifest: Mapping[str, Any]) -> Path:
        text = json.dumps(manifest, indent=2, default=str, allow_nan=True)
        return write_text(self.path / MANIFEST, text + "\n")

    def read_manifest(self) -> dict[str, Any]:
        """The manifest; {} when the folder has none."""
        if not (self.path / MANIFEST).is_file():
            return {}
        try:
            data = json.loads((self.path / MANIFEST).read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise ResultsFolderError(f"{self.path / MANIFEST}: unreadable ({error})") from None
        return data if isinstance(data, dict) else {}

    def read_experiment_copy(self) -> dict[str, Any]:
        """The experiment file as run (``experiment.toml``), or {} when absent."""
        path = self.path / EXPERIMENT_COPY
        if not path.is_file():
            return {}
        try:
            return tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as error:
            raise ResultsFolderError(f"{path}: not valid TOML ({error})") from None

    def read_timeseries(self) -> pd.DataFrame:
        """``timeseries.parquet`` (or, failing that, ``timeseries.csv``)."""
        parquet, csv = self.path / f"{TIMESERIES}.parquet", self.path / f"{TIMESERIES}.csv"
        if parquet.is_file():
            return pd.read_parquet(parquet)
        if csv.is_file():
            return pd.read_csv(csv)
        raise ResultsFolderError(
            f"results folder {self.path} has no {parquet.name} (nor {csv.name}); "
            "run an experiment into it first"
        )

    def read_table(self, name: str) -> pd.DataFrame | None:
        """A CSV table of the folder (``comparison``, ``summary``, ...), or None when absent."""
        path = self.path / f"{name}.csv"
        return pd.read_csv(path) if path.is_file() else None

    def read_resolved(self) -> dict[str, Any]:
        try:
            return tomllib.loads((self.path / RESOLVED_COPY).read_text(encoding="utf-8"))
        except (OSError, ValueError):
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
