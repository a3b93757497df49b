"""Evaluators: design points in, runs of the chosen strategies at every point out.

One interface for every study (EMA Workbench style): an evaluator is a context manager and a
callable, ``evaluation = evaluator(points)``, where ``points`` is a table with one row per
design point and one column per parameter. Every strategy runs at every point on the same
replicate seeds (common random numbers), and the :class:`Evaluation` holds one row per run
(:attr:`Evaluation.runs`) and each run's daily metrics of the brand.

- :class:`StoredEvaluator` runs into a results folder, one file per run, so a sweep or a
  sensitivity design is resumable; it writes the sweep's tables (:mod:`sweep_files`).
- :class:`SearchEvaluator` runs in memory, batch after batch, for searches (calibration)
  whose next points depend on the last; it owns a process pool while open.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, Protocol, Self

import pandas as pd

from commsim.config import ConfigError, make_scenario
from commsim.config.loading import scenario_table
from commsim.experiment.execution.executors import RunTask, execute, local_executor
from commsim.experiment.execution.runner import Execution, OnProgress, RunRecord, run_stored
from commsim.experiment.execution.sweep_files import write_description, write_runs_tables
from commsim.experiment.results.store import ResultsStore
from commsim.experiment.results.tables import summary_table
from commsim.experiment.spec.arms import Arm
from commsim.experiment.spec.experiment_spec import Experiment
from commsim.experiment.spec.run_plan import Run, replicate_seeds
from commsim.experiment.spec.sweep_plan import SweepPlan, choose_strategies, plain, plan_points

RUN_ID_COLUMNS = ["run_id", "arm", "replicate", "seed", "brand"]


class RunFailed(RuntimeError):
    """Runs failed where every run is needed (a search, sensitivity indices)."""


@dataclass
class Evaluation:
    """The runs of every strategy at every design point.

    ``runs``: one row per run (``point``, ``lever``, ``replicate``, ``seed``, the design
    values, then the brand's outcomes at the horizon and at each checkpoint, as columns named
    by :attr:`commsim.experiment.spec.outcomes.Outcome.column`).
    """

    points: pd.DataFrame
    levers: list[str]
    records: list[RunRecord]
    read_runs: Callable[[], pd.DataFrame] = field(repr=False)
    read_series: Callable[[int, str], list[pd.DataFrame]] = field(repr=False)
    path: Path | None = None  # the results folder (stored evaluations)
    wall_seconds: float = 0.0
    workers: int = 1

    @cached_property
    def runs(self) -> pd.DataFrame:
        return self.read_runs()

    @property
    def failed(self) -> list[RunRecord]:
        return [r for r in self.records if r.status == "failed"]

    @property
    def executed(self) -> list[RunRecord]:
        """Runs executed by this call (not reused from an earlier one)."""
        return [r for r in self.records if r.status != "pending" and not r.reused]

    def brand_series(self, point: int, lever: str) -> list[pd.DataFrame]:
        """The brand's daily metrics at one point for one lever, one frame per replicate."""
        return self.read_series(point, lever)


class Evaluator(Protocol):
    """Design points -> an :class:`Evaluation`; open it (``with``) before calling it."""

    experiment: Experiment
    strategies: list[Arm]

    def __enter__(self) -> Self: ...

    def __exit__(self, *exc: object) -> None: ...

    def __call__(self, points: pd.DataFrame) -> Evaluation: ...


class StoredEvaluator:
    """Runs every strategy at every point into the results folder ``out`` (resumable).

    One call per folder: the points and strategies are the folder's experiment, and a second
    call with other points would meet a different experiment there. ``info`` describes the
    design in ``sweep.json`` (kind, design, size, ...).
    """

    def __init__(
        self,
        experiment: Experiment,
        *,
        out: str | Path,
        strategies: Sequence[str] | None = None,
        info: dict[str, Any] | None = None,
        execution: Execution | None = None,
    ) -> None:
        execution = execution or Execution()
        execution.check()
        self.experiment, self.out, self.info = experiment, Path(out), dict(info or {})
        self.strategies = choose_strategies(experiment, strategies)
        self.execution = execution

    def __enter__(self) -> StoredEvaluator:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def report_progress(self, on_progress: OnProgress | None) -> None:
        """Call ``on_progress`` as each run ends (when given)."""
        if on_progress is not None:
            self.execution = self.execution.with_progress(on_progress)

    def plan(self, points: pd.DataFrame) -> SweepPlan:
        """The points crossed with the strategies (validated; nothing written)."""
        names = [arm.name for arm in self.strategies]
        return plan_points(self.experiment, points, strategies=names, info=self.info)

    def check(self, points: pd.DataFrame) -> SweepPlan:
        """The plan, after checking that the folder may be used as asked (writes nothing)."""
        plan = self.plan(points)
        ResultsStore(self.out).check(
            plan.expanded, resume=self.execution.resume, force=self.execution.force
        )
        return plan

    def __call__(self, points: pd.DataFrame) -> Evaluation:
        plan = self.plan(points)
        done = run_stored(
            plan.expanded,
            self.out,
            self.execution,
            lambda runner, records: write_runs_tables(
                plan, runner.store, [r.run for r in records if r.status == "finished"]
            ),
            prepare=lambda runner: write_description(runner, plan),
        )
        table = done.tables
        store = ResultsStore(done.path)
        arm_of = {where: arm for arm, where in plan.arm_index.items()}

        def read_series(point: int, lever: str) -> list[pd.DataFrame]:
            runs = [r.run for r in done.records if r.run.arm == arm_of[(point, lever)]]
            frames = [pd.read_parquet(store.run_path(run)) for run in runs]
            return [f[f["brand"] == self.experiment.brand] for f in frames]

        return Evaluation(
            plan.points,
            [arm.name for arm in self.strategies],
            done.records,
            lambda: table,
            read_series,
            done.path,
            done.wall_seconds,
            done.workers,
        )


class SearchEvaluator:
    """Runs every strategy at every point in memory (nothing stored), on fixed seeds.

    A search does not know its points in advance (each depends on the last), so its runs go
    through the executors batch by batch. ``replicates`` defaults to the experiment's;
    ``workers`` > 1 runs each batch on a process pool, open while the evaluator is.
    """

    def __init__(
        self,
        experiment: Experiment,
        *,
        strategies: Sequence[str] | None = None,
        replicates: int | None = None,
        workers: int = 1,
    ) -> None:
        self.experiment = experiment
        self.strategies = choose_strategies(experiment, strategies)
        self.seeds = replicate_seeds(experiment.seed, replicates or experiment.replicates)
        self.workers = workers
        self.pool: Executor | None = None
        self.runs = 0  # runs made so far, every call together

    def __enter__(self) -> SearchEvaluator:
        if self.workers > 1:
            self.pool = local_executor(self.workers)
        return self

    def __exit__(self, *exc: object) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None

    def scenario(self, strategy: Arm, values: dict[str, Any]) -> dict[str, Any]:
        """The strategy's scenario with ``values`` set (validated)."""
        where = self.experiment.where
        pairs = [(key, plain(value)) for key, value in values.items()]
        return scenario_table(make_scenario(strategy.scenario, pairs, where=where))

    def __call__(self, points: pd.DataFrame) -> Evaluation:
        points = points.reset_index(drop=True)
        tasks: list[RunTask] = []
        for point, row in enumerate(points.to_dict("records")):
            for strategy in self.strategies:
                scenario = self.scenario(strategy, row)
                for replicate, seed in enumerate(self.seeds):
                    run_id = f"set{point:04d}-{strategy.name}-r{replicate:03d}"
                    run = Run(len(tasks), run_id, strategy.name, replicate, seed)
                    tasks.append(RunTask(run, scenario, self.experiment.steps))
        frames: dict[int, pd.DataFrame] = {}
        for outcome in execute(tasks, self.pool, workers=self.workers):
            if not outcome.ok or outcome.timeseries is None:
                raise RunFailed(f"run {outcome.run.run_id} failed:\n{outcome.error}")
            series = outcome.timeseries
            frames[outcome.run.index] = series[series["brand"] == self.experiment.brand]
        self.runs += len(tasks)
        per_point = len(self.strategies) * len(self.seeds)
        levers = [arm.name for arm in self.strategies]

        def read_series(point: int, lever: str) -> list[pd.DataFrame]:
            first = point * per_point + levers.index(lever) * len(self.seeds)
            return [frames[first + r] for r in range(len(self.seeds))]

        def read_runs() -> pd.DataFrame:
            return self._runs_table(points, tasks, frames, per_point)

        records = [RunRecord(task.run, "finished") for task in tasks]
        return Evaluation(points, levers, records, read_runs, read_series, workers=self.workers)

    def _runs_table(
        self,
        points: pd.DataFrame,
        tasks: list[RunTask],
        frames: dict[int, pd.DataFrame],
        per_point: int,
    ) -> pd.DataFrame:
        rows = []
        for task in tasks:
            run, point = task.run, task.run.index // per_point
            frame = frames[run.index].assign(run_id=run.run_id, arm=run.arm)
            frame = frame.assign(replicate=run.replicate, seed=run.seed)
            summary = summary_table(frame, self.experiment.checkpoints).iloc[0]
            row: dict[str, Any] = {
                "run_id": run.run_id,
                "point": point,
                "lever": run.arm,
                "replicate": run.replicate,
                "seed": run.seed,
            }
            row.update(points.iloc[point].to_dict())
            row.update(summary.drop(RUN_ID_COLUMNS).to_dict())
            rows.append(row)
        return pd.DataFrame(rows)


def single_strategy(
    experiment: Experiment, name: str | None, purpose: str, parameter: str = "lever"
) -> str:
    """The strategy named, or the experiment's only one; ConfigError when it has several."""
    if name is not None:
        return choose_strategies(experiment, [name], parameter)[0].name
    arms = experiment.resolved_arms
    if len(arms) > 1:
        names = ", ".join(arm.name for arm in arms)
        raise ConfigError(
            f"{experiment.where or 'the experiment'} has {len(arms)} levers ({names}); "
            f"name the one to {purpose}",
            parameter=parameter,
        )
    return arms[0].name
