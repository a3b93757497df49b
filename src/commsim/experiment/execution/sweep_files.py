"""What a sweep adds to a results folder, and reading it back.

Next to the usual folder (manifest, one file per run, ``timeseries.parquet``) a sweep writes
``design.csv`` (its design points), ``sweep.json`` (its description: design, uncertainties,
strategies, checkpoints) and ``runs.parquet`` / ``runs.csv``: one row per run with the design
values, lever, replicate, seed and outcomes at the horizon and checkpoints.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from commsim.config import ConfigError
from commsim.experiment.execution.runner import ExperimentRunner
from commsim.experiment.results.store import ResultsStore, atomic_write, write_csv, write_parquet
from commsim.experiment.results.tables import summary_table
from commsim.experiment.spec.run_plan import Run
from commsim.experiment.spec.sweep_plan import SweepPlan, plain

SWEEP_FILE = "sweep.json"
RUNS_TABLE = "runs"  # runs.parquet and runs.csv (the folder runs/ holds one file per run)
DESIGN_FILE = "design.csv"
ID_COLUMNS = ("run_id", "point", "lever", "replicate", "seed")


def write_description(runner: ExperimentRunner, plan: SweepPlan) -> None:
    """``design.csv`` and ``sweep.json`` (and the description in the manifest), before runs."""
    description = plan.describe()
    runner.manifest["sweep"] = {k: v for k, v in description.items() if k != "strategies"}
    store = runner.store
    write_csv(store.path / DESIGN_FILE, plan.points.rename_axis("point").reset_index())
    atomic_write(
        store.path / SWEEP_FILE,
        lambda tmp: tmp.write_text(json.dumps(description, indent=2, default=plain) + "\n"),
    )


def runs_table(plan: SweepPlan, store: ResultsStore, runs: Sequence[Run]) -> pd.DataFrame:
    """One row per finished run: ids, design values, lever levels, then the brand's outcomes
    at the horizon and at each checkpoint (``cum_profit_d365``). Reads one run at a time."""
    experiment = plan.experiment
    space_keys = experiment.uncertainty_space.keys
    levels = {arm.name: arm.levels for arm in plan.strategies}
    rows = []
    for run in runs:
        frame = pd.read_parquet(store.run_path(run))
        frame = frame[frame["brand"] == experiment.brand]
        summary = summary_table(frame, experiment.checkpoints).iloc[0]
        point, lever = plan.arm_index[run.arm]
        row: dict[str, Any] = {
            "run_id": run.run_id,
            "point": point,
            "lever": lever,
            "replicate": run.replicate,
            "seed": run.seed,
        }
        row.update({key: plan.points.at[point, key] for key in space_keys})
        row.update(levels[lever])
        row.update(summary.drop(["run_id", "arm", "replicate", "seed", "brand"]).to_dict())
        rows.append(row)
    return pd.DataFrame(rows)


def write_timeseries(store: ResultsStore, runs: Sequence[Run]) -> None:
    """``timeseries.parquet`` streamed run by run, so memory stays at one run's rows."""

    def write(temporary: Path) -> None:
        writer = None
        try:
            for run in runs:
                table = pq.read_table(store.run_path(run)).replace_schema_metadata(None)
                if writer is None:
                    writer = pq.ParquetWriter(temporary, table.schema, compression="zstd")
                writer.write_table(table.cast(writer.schema))
        finally:
            if writer is not None:
                writer.close()

    if runs:
        atomic_write(store.path / "timeseries.parquet", write)


def write_runs_tables(
    plan: SweepPlan, store: ResultsStore, finished: Sequence[Run]
) -> pd.DataFrame:
    """``runs.parquet``, ``runs.csv`` and ``timeseries.parquet`` of the finished runs; returns
    the runs table (empty when no run finished)."""
    table = runs_table(plan, store, finished) if finished else pd.DataFrame()
    if len(table):
        write_parquet(store.path / f"{RUNS_TABLE}.parquet", table)
        write_csv(store.path / f"{RUNS_TABLE}.csv", table)
        write_timeseries(store, finished)
    return table


def read_sweep(folder: str | Path) -> tuple[dict[str, Any], pd.DataFrame]:
    """A sweep folder's description (``sweep.json``) and runs table; ConfigError if absent."""
    folder = Path(folder)
    info_path, runs_path = folder / SWEEP_FILE, folder / f"{RUNS_TABLE}.parquet"
    if not folder.is_dir():
        raise ConfigError(f"{folder}: no such results folder")
    if not info_path.is_file() or not runs_path.is_file():
        missing = SWEEP_FILE if not info_path.is_file() else runs_path.name
        raise ConfigError(
            f"{folder}: not a finished sweep (no {missing}); run a sweep into it first"
        )
    try:
        info = json.loads(info_path.read_text(encoding="utf-8"))
        runs = pd.read_parquet(runs_path)
    except (OSError, ValueError, pa.ArrowException):
        raise ConfigError(
            f"{folder}: damaged ({SWEEP_FILE} or {runs_path.name} does not read back whole); "
            "resume the sweep into this folder to write them again"
        ) from None
    if not isinstance(info, dict):
        raise ConfigError(f"{info_path}: damaged (not a JSON object); resume the sweep")
    return info, runs
