"""Sweeps: every strategy (lever combination) at every design point, with common random numbers.

A sweep is an ordinary experiment once expanded: each (design point, strategy) pair becomes an
arm named ``p0007_value`` whose overrides are the strategy's choices plus the point's values.
The experiment runner, executors, results store and ``--resume`` are therefore the same as for
``commsim run``; replicate r of every arm runs from the same seed, so strategies are compared
on the same random numbers at each point (and across points). On top of the usual folder a
sweep writes ``runs.parquet`` / ``runs.csv`` (one row per run: design values, lever,
replicate, seed, outcomes at the horizon and checkpoints), ``design.csv`` and ``sweep.json``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from concurrent.futures import Executor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from commsim.config import ConfigError
from commsim.config.loading import nearest_key
from commsim.experiment.run_plan import Run
from commsim.experiment.runner import ExperimentRunner, OnProgress, RunRecord
from commsim.experiment.sampling import sample_design
from commsim.experiment.spec import Arm, Experiment
from commsim.experiment.store import ResultsStore, atomic_write, write_csv, write_parquet
from commsim.experiment.tables import CHECKPOINT_METRICS, summary_table
from commsim.model.metrics import METRIC_NAMES

SWEEP_FILE = "sweep.json"
RUNS_TABLE = "runs"  # runs.parquet and runs.csv (the folder runs/ holds one file per run)
DESIGN_FILE = "design.csv"
ID_COLUMNS = ("run_id", "point", "lever", "replicate", "seed")


def plain(value: Any) -> Any:
    """numpy scalars -> Python values (TOML, JSON and the config hash need them)."""
    return value.item() if isinstance(value, np.generic) else value


@dataclass
class SweepPlan:
    """A sweep before it runs: the design points, the strategies and the expanded experiment."""

    experiment: Experiment  # as loaded from the file
    points: pd.DataFrame  # one row per design point (index 0..n-1), one column per uncertainty
    strategies: list[Arm]
    expanded: Experiment  # points x strategies as arms
    arm_index: dict[str, tuple[int, str]]  # expanded arm -> (point, strategy)
    info: dict[str, Any] = field(default_factory=dict)  # design, size, ... for sweep.json

    def describe(self) -> dict[str, Any]:
        """What charts, ``sensitivity`` and ``discover`` need to read the runs table."""
        experiment = self.experiment
        return {
            **self.info,
            "name": experiment.name,
            "brand": experiment.brand,
            "steps": experiment.steps,
            "replicates": experiment.replicates,
            "seed": experiment.seed,
            "checkpoints": experiment.checkpoints,
            "points": len(self.points),
            "uncertainties": experiment.uncertainty_space.to_json(),
            "levers": list(experiment.factor_levels),
            "strategies": [
                {"name": arm.name, "levels": arm.levels, "overrides": arm.overrides}
                for arm in self.strategies
            ],
        }


def point_label(index: int, total: int) -> str:
    """``p0007``: sortable within the sweep."""
    return f"p{index:0{max(4, len(str(max(total - 1, 0))))}d}"


def choose_strategies(experiment: Experiment, names: Sequence[str] | None) -> list[Arm]:
    """The experiment's strategies, or the named ones (in the order given)."""
    arms = {arm.name: arm for arm in experiment.resolved_arms}
    if not names:
        return list(arms.values())
    unknown = [name for name in names if name not in arms]
    if unknown:
        raise ConfigError(
            f"--lever: {unknown[0]!r} is not a strategy of {experiment.where or 'the experiment'}; "
            f"one of {', '.join(map(repr, arms))}"
        )
    return [arms[name] for name in dict.fromkeys(names)]


def plan_points(
    experiment: Experiment,
    points: pd.DataFrame,
    *,
    strategies: Sequence[str] | None = None,
    info: dict[str, Any] | None = None,
) -> SweepPlan:
    """Cross the given design points with the strategies into one experiment."""
    space = experiment.uncertainty_space
    if len(space) == 0:
        where = f"{experiment.where}: " if experiment.where else ""
        raise ConfigError(
            f"{where}uncertainties: a sweep needs an [uncertainties] table (key -> range), "
            'e.g. "platform.organic_reach" = [0.02, 0.16]'
        )
    fixed = [key for key, _ in experiment.settings if key in space.keys]
    if fixed:
        raise ConfigError(
            f"--set: {fixed[0]} is an uncertainty of the sweep; remove it from [uncertainties] "
            "to fix it, or leave it to the design"
        )
    chosen = choose_strategies(experiment, strategies)
    points = points.reset_index(drop=True)
    arms: dict[str, dict[str, Any]] = {}
    arm_index: dict[str, tuple[int, str]] = {}
    for index, row in enumerate(points[space.keys].itertuples(index=False, name=None)):
        values = {key: plain(value) for key, value in zip(space.keys, row, strict=True)}
        for arm in chosen:
            name = f"{point_label(index, len(points))}_{arm.name}"
            arms[name] = {**arm.overrides, **values}
            arm_index[name] = (index, arm.name)
    info_table = experiment.info.model_dump(exclude_none=True)
    info_table.pop("reference", None)  # the expanded arms have other names
    data = {"experiment": info_table, "base": experiment.base, "arms": arms}
    expanded = Experiment.from_table(
        data, experiment.settings, where=experiment.where, text=experiment.source_text()
    )
    return SweepPlan(experiment, points, chosen, expanded, arm_index, dict(info or {}))


def plan_sweep(
    experiment: Experiment,
    *,
    design: str = "lhs",
    points: int = 32,
    strategies: Sequence[str] | None = None,
) -> SweepPlan:
    """Sample the uncertainties (``design``, ``points``) and cross them with the strategies."""
    table = sample_design(experiment.uncertainty_space, design, points, experiment.seed)
    info = {"kind": "sweep", "design": design, "size": points}
    return plan_points(experiment, table, strategies=strategies, info=info)


@dataclass
class SweepResult:
    """A finished sweep: its folder, plan, per-run records and runs table."""

    path: Path
    plan: SweepPlan
    records: list[RunRecord]
    runs: pd.DataFrame
    wall_seconds: float
    workers: int

    @property
    def failed(self) -> list[RunRecord]:
        return [r for r in self.records if r.status == "failed"]

    @property
    def executed(self) -> list[RunRecord]:
        return [r for r in self.records if r.status != "pending" and not r.reused]


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


def run_plan(
    plan: SweepPlan,
    *,
    out: str | Path,
    workers: int | None = None,
    executor: str | Executor = "local",
    scheduler: str | None = None,
    resume: bool = False,
    force: bool = False,
    argv: list[str] | None = None,
    on_progress: OnProgress | None = None,
) -> SweepResult:
    """Run a planned sweep into ``out`` (resumable) and write its tables."""
    runner = ExperimentRunner(
        plan.expanded,
        ResultsStore(out),
        workers=workers,
        executor=executor,
        scheduler=scheduler,
        argv=argv,
    )
    runner.start(resume=resume, force=force)
    description = plan.describe()
    runner.manifest["sweep"] = {k: v for k, v in description.items() if k != "strategies"}
    store = runner.store
    write_csv(store.path / DESIGN_FILE, plan.points.rename_axis("point").reset_index())
    atomic_write(
        store.path / SWEEP_FILE,
        lambda tmp: tmp.write_text(json.dumps(description, indent=2, default=plain) + "\n"),
    )
    records = runner.execute(on_progress)
    try:
        finished = [r.run for r in records if r.status == "finished"]
        table = runs_table(plan, store, finished) if finished else pd.DataFrame()
        if len(table):
            write_parquet(store.path / f"{RUNS_TABLE}.parquet", table)
            write_csv(store.path / f"{RUNS_TABLE}.csv", table)
            write_timeseries(store, finished)
    except BaseException as error:
        runner.finish("interrupted" if isinstance(error, KeyboardInterrupt) else "error")
        raise
    manifest = runner.finish()
    return SweepResult(
        store.path, plan, records, table, float(manifest["wall_seconds"]), runner.workers_used
    )


def read_sweep(folder: str | Path) -> tuple[dict[str, Any], pd.DataFrame]:
    """A sweep folder's description (``sweep.json``) and runs table; ConfigError if absent."""
    folder = Path(folder)
    info_path, runs_path = folder / SWEEP_FILE, folder / f"{RUNS_TABLE}.parquet"
    if not folder.is_dir():
        raise ConfigError(f"{folder}: no such results folder")
    if not info_path.is_file() or not runs_path.is_file():
        missing = SWEEP_FILE if not info_path.is_file() else runs_path.name
        raise ConfigError(
            f"{folder}: not a finished sweep (no {missing}); run `commsim sweep` into it first"
        )
    try:
        info = json.loads(info_path.read_text(encoding="utf-8"))
        runs = pd.read_parquet(runs_path)
    except (OSError, ValueError, pa.ArrowException) as error:
        raise ConfigError(f"{folder}: unreadable sweep files ({error})") from None
    return info, runs


def outcome_names(experiment: Experiment) -> list[str]:
    """Outcomes a sweep's runs table will hold: every metric at the horizon, and the key
    metrics at each checkpoint day (``cum_profit_d365``)."""
    days = experiment.checkpoints
    return [*METRIC_NAMES, *(f"{m}_d{d}" for m in CHECKPOINT_METRICS for d in days)]


def check_outcome_name(experiment: Experiment, outcome: str, option: str = "--outcome") -> str:
    """``outcome`` if a sweep of ``experiment`` will have it, else a ConfigError (before any
    run) naming what is allowed."""
    if outcome in outcome_names(experiment):
        return outcome
    near = nearest_key(outcome, outcome_names(experiment))
    hint = f" (did you mean '{near}'?)" if near else ""
    raise ConfigError(
        f"{option}: unknown outcome {outcome!r}{hint}; use a metric at the horizon "
        f"({', '.join(METRIC_NAMES)}) or <metric>_d<day> for {', '.join(CHECKPOINT_METRICS)} "
        f"at a checkpoint day of {experiment.where or 'the experiment'} "
        f"({', '.join(map(str, experiment.checkpoints))})"
    )
