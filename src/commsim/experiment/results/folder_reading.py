"""Reading a results folder's files back, each checked before it is trusted.

:class:`~commsim.experiment.results.store.ResultsStore` is the one reader of a results folder; this
module is how it reads. A manifest, an experiment copy or a table that is damaged (not whole,
not the shape it must have) is a :class:`ResultsFolderError` naming the file and the way out
(:data:`REBUILD` it from the runs, or :data:`START_OVER`), never half a table taken as whole.
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from commsim.config import ConfigError
from commsim.config.limits import depth_problem, shown_key
from commsim.experiment.results.integrity import ends_with_newline, incomplete_runs
from commsim.experiment.results.manifest import manifest_problem

# What a resume asks to write a damaged table again (the runs in runs/ are kept), and what
# is left when the manifest itself is damaged.
REBUILD = "resume the experiment into this folder to write it again from runs/"
START_OVER = "run the experiment again into this folder with force"
# A manifest nests a few levels (arms -> overrides -> a competitor's table); hundreds of levels
# are damage, and would take Python's recursion past its limit where the manifest is walked.
MAX_JSON_DEPTH = 32


class ResultsFolderError(ConfigError):
    """A results folder that lacks what is asked of it (a table, readable files).

    ``path`` is the file at fault when one is (a damaged table or manifest)."""

    def __init__(self, message: str, path: Path | None = None) -> None:
        super().__init__(message)
        self.path = path


def read_manifest(path: Path) -> dict[str, Any]:
    """The manifest at ``path``; {} when there is none. A damaged one (not JSON, not an
    object, fields of the wrong type) raises :class:`ResultsFolderError`."""
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise _damaged_manifest(path, f"not readable JSON: {error}") from None
    except RecursionError:
        raise _damaged_manifest(path, f"nested more than {MAX_JSON_DEPTH} levels deep") from None
    deep = depth_problem(data, MAX_JSON_DEPTH)
    if deep is not None:
        where = shown_key(deep[0])
        raise _damaged_manifest(path, f"nested more than {MAX_JSON_DEPTH} levels deep, at {where}")
    problem = manifest_problem(data)
    if problem:
        raise _damaged_manifest(path, problem)
    return data


def read_toml_copy(path: Path) -> dict[str, Any]:
    """A TOML file of the folder (the experiment as run), or {} when absent."""
    if not path.is_file():
        return {}
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise ResultsFolderError(f"{path}: not valid TOML ({error})", path) from None
    except RecursionError:
        raise ResultsFolderError(f"{path}: not valid TOML (nested too deeply)", path) from None


@dataclass(frozen=True)
class Expected:
    """What a time series must hold, from the manifest and a run file: every finished run
    (``runs``), every day 1..``steps`` of each, and every column of a run file (``columns``:
    name -> whether it holds numbers). Empty fields are not checked."""

    runs: frozenset[str] = frozenset()
    steps: int | None = None
    columns: Mapping[str, bool] = field(default_factory=dict)


def expected_timeseries(manifest: Mapping[str, Any], runs_dir: Path) -> Expected:
    """What a time series must hold: the manifest's finished runs and days, and the columns
    of a stored run file (what is not known is not checked)."""
    runs = frozenset(
        str(entry.get("run_id"))
        for entry in manifest.get("runs", [])
        if entry.get("status") == "finished"
    )
    columns: dict[str, bool] = {}
    for run_id in sorted(runs)[:1]:
        try:
            schema = pq.read_schema(runs_dir / f"{run_id}.parquet")
        except (OSError, ValueError, pa.ArrowException):
            continue
        columns = {
            f.name: pa.types.is_integer(f.type) or pa.types.is_floating(f.type) for f in schema
        }
    return Expected(runs, manifest.get("steps"), columns)


def read_timeseries(folder: Path, name: str, expected: Expected | None = None) -> pd.DataFrame:
    """``NAME.parquet`` (or, failing that, ``NAME.csv``) of ``folder``, checked whole: every
    run has every day, and (``expected``) it holds what the manifest and the run files say
    (a table cut short or edited is damaged, never charted as it is)."""
    parquet, csv = folder / f"{name}.parquet", folder / f"{name}.csv"
    if parquet.is_file():
        frame = _read_table(parquet, pd.read_parquet)
        path = parquet
    elif csv.is_file():
        frame = _read_table(csv, pd.read_csv)
        path = csv
        if not ends_with_newline(csv):
            raise _damaged(csv, "cut short (its last line is incomplete)")
    else:
        raise ResultsFolderError(
            f"results folder {folder} has no {parquet.name} (nor {csv.name}); "
            "run an experiment into it first"
        )
    problem = _columns_problem(frame, (expected or Expected()).columns) or incomplete_runs(frame)
    if problem is None and expected is not None:
        problem = _runs_problem(frame, expected)
    if problem:
        raise _damaged(path, problem)
    return frame


def read_csv_table(path: Path, columns: Mapping[str, bool] | None = None) -> pd.DataFrame | None:
    """A CSV table read whole, or None when absent; ``columns`` (name -> whether it holds
    numbers) it must have, with rows (a table cut short or edited is damaged)."""
    if not path.is_file():
        return None
    frame = _read_table(path, pd.read_csv)
    problem = None
    if not ends_with_newline(path):
        problem = "cut short (its last line is incomplete)"
    elif columns is not None:
        problem = _columns_problem(frame, columns) or ("it has no rows" if not len(frame) else None)
    if problem:
        raise _damaged(path, problem)
    return frame


def _columns_problem(frame: pd.DataFrame, columns: Mapping[str, bool]) -> str | None:
    """A column missing, or holding text where numbers belong."""
    missing = [name for name in columns if name not in frame.columns]
    if missing:
        more = f" and {len(missing) - 1} more" if len(missing) > 1 else ""
        return f"the column {missing[0]}{more} is missing"
    for name, numeric in columns.items():
        if numeric and not pd.api.types.is_numeric_dtype(frame[name]):
            return f"the column {name} holds text where numbers belong"
    return None


def _runs_problem(frame: pd.DataFrame, expected: Expected) -> str | None:
    """A finished run missing (or one the manifest does not list), or a day missing."""
    if "run_id" not in frame.columns or "step" not in frame.columns:
        return None
    present = set(frame["run_id"].astype(str))
    if expected.runs:
        missing, extra = sorted(expected.runs - present), sorted(present - expected.runs)
        if missing:
            return (
                f"run {missing[0]} is missing (the manifest lists {len(expected.runs)} "
                f"finished runs, the table holds {len(present & expected.runs)})"
            )
        if extra:
            return f"run {extra[0]} is not one the manifest lists as finished"
    if expected.steps is not None and len(frame):
        days = frame.groupby("run_id", sort=False)["step"].agg(["nunique", "min", "max"])
        short = days[(days["nunique"] != expected.steps) | (days["min"] != 1)]
        short = short if len(short) else days[days["max"] != expected.steps]
        if len(short):
            run = short.index[0]
            return (
                f"run {run} has {short.loc[run, 'nunique']} of the {expected.steps} days the "
                "manifest says were run"
            )
    return None


def _damaged_manifest(path: Path, detail: str) -> ResultsFolderError:
    return ResultsFolderError(
        f"{path}: damaged ({detail}); commsim cannot tell how these results were made: "
        f"restore the file, or {START_OVER}",
        path,
    )


def _damaged(path: Path, detail: str) -> ResultsFolderError:
    return ResultsFolderError(f"{path}: damaged ({detail}); {REBUILD}", path)


def _read_table(path: Path, read: Any) -> pd.DataFrame:
    kind = "Parquet" if path.suffix == ".parquet" else "CSV"
    try:
        return read(path)
    except (OSError, ValueError, pa.ArrowException, pd.errors.ParserError):
        raise _damaged(path, f"it does not read as a whole {kind} table") from None
