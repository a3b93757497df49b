"""Run one strategy at many parameter sets on fixed seeds, for searches such as calibration.

Unlike a sweep, a search does not know its points in advance (each depends on the last), so
its runs are not stored as an experiment; they go through the same executors
(:func:`commsim.experiment.executors.execute`) in batches, and every parameter set runs on the
same replicate seeds (common random numbers).
"""

from __future__ import annotations

from concurrent.futures import Executor
from typing import Any

import pandas as pd

from commsim.config import ConfigError, make_scenario
from commsim.config.loading import scenario_table
from commsim.experiment.executors import RunTask, execute, local_executor
from commsim.experiment.run_plan import Run, replicate_seeds
from commsim.experiment.spec import Arm, Experiment
from commsim.experiment.sweep import choose_strategies, plain


class RunFailed(RuntimeError):
    """A model run raised during a search; the message carries its traceback."""


class PointSimulator:
    """Callable: parameter sets (one row each) -> per set, per replicate, the brand's rows.

    Use as a context manager when ``workers`` > 1 (it owns a process pool).
    """

    def __init__(
        self,
        experiment: Experiment,
        *,
        strategy: str | None = None,
        replicates: int | None = None,
        workers: int = 1,
    ) -> None:
        self.experiment = experiment
        self.strategy = _single_strategy(experiment, strategy)
        self.seeds = replicate_seeds(experiment.seed, replicates or experiment.replicates)
        self.workers = workers
        self.pool: Executor | None = None
        self.runs = 0

    def __enter__(self) -> PointSimulator:
        if self.workers > 1:
            self.pool = local_executor(self.workers)
        return self

    def __exit__(self, *exc: object) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None

    def scenario(self, values: dict[str, Any]) -> dict[str, Any]:
        """The strategy's scenario with ``values`` set (validated)."""
        where = self.experiment.where
        pairs = [(key, plain(value)) for key, value in values.items()]
        return scenario_table(make_scenario(self.strategy.scenario, pairs, where=where))

    def __call__(self, points: pd.DataFrame) -> list[list[pd.DataFrame]]:
        tasks = []
        for set_index, row in enumerate(points.to_dict("records")):
            scenario = self.scenario(row)
            for replicate, seed in enumerate(self.seeds):
                index = set_index * len(self.seeds) + replicate
                run = Run(index, f"set{set_index:04d}-r{replicate:03d}", "search", replicate, seed)
                tasks.append(RunTask(run, scenario, self.experiment.steps))
        frames: dict[int, pd.DataFrame] = {}
        for outcome in execute(tasks, self.pool, workers=self.workers):
            if not outcome.ok or outcome.timeseries is None:
                raise RunFailed(f"run {outcome.run.run_id} failed:\n{outcome.error}")
            series = outcome.timeseries
            frames[outcome.run.index] = series[series["brand"] == self.experiment.brand]
        self.runs += len(tasks)
        n = len(self.seeds)
        return [[frames[s * n + r] for r in range(n)] for s in range(len(points))]


def _single_strategy(experiment: Experiment, name: str | None) -> Arm:
    if name is not None:
        return choose_strategies(experiment, [name])[0]
    arms = experiment.resolved_arms
    if len(arms) > 1:
        names = ", ".join(repr(arm.name) for arm in arms)
        raise ConfigError(
            f"{experiment.where or 'experiment'}: has {len(arms)} strategies ({names}); "
            "name the one to calibrate with --lever or [calibration] lever"
        )
    return arms[0]
