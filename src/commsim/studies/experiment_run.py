"""``run_experiment``: experiment -> runs -> results folder -> comparison, as one library call.

A study like the others (it sits above the experiment and analysis stages because it uses
both): the experiment stage runs and stores the runs, the analysis stage compares the arms.
"""

from __future__ import annotations

from concurrent.futures import Executor
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from commsim.analysis.compare import compare_arms, crossovers, paybacks
from commsim.experiment import Experiment, load_experiment
from commsim.experiment.execution.runner import (
    DEFAULT_EXECUTOR,
    Execution,
    ExperimentRunner,
    OnProgress,
    RunRecord,
    run_stored,
)
from commsim.experiment.results.tables import summary_table, with_increments


@dataclass
class ExperimentResult:
    """A finished experiment: its folder, per-run records and the tables written there."""

    path: Path
    experiment: Experiment
    runs: list[RunRecord]
    timeseries: pd.DataFrame
    summary: pd.DataFrame
    comparison: pd.DataFrame
    crossovers: pd.DataFrame
    wall_seconds: float
    workers: int  # worker processes used (1: runs ran in this process)

    @property
    def failed(self) -> list[RunRecord]:
        return [record for record in self.runs if record.status == "failed"]

    @property
    def ok(self) -> bool:
        """True when every run finished."""
        return all(record.status == "finished" for record in self.runs)

    @property
    def executed(self) -> list[RunRecord]:
        """Runs executed by this invocation (not reused from an earlier one)."""
        return [r for r in self.runs if r.status != "pending" and not r.reused]


def analyse(experiment: Experiment, timeseries: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The tables written next to the time series: summary, comparison and crossovers."""
    if len(timeseries) == 0:
        empty = pd.DataFrame()
        return {"summary": empty, "comparison": empty, "crossovers": empty}
    checkpoints = experiment.checkpoints
    brand, reference = experiment.brand, experiment.reference
    comparison = compare_arms(timeseries, reference, checkpoints, brand=brand, seed=experiment.seed)
    summary = summary_table(timeseries, checkpoints)
    own_arms = timeseries[timeseries["arm"].isin(experiment.arm_names)]
    overtaking = crossovers(own_arms, reference, "cum_profit", brand=brand)
    paid_back = paybacks(summary, experiment.counterfactual_of, brand)
    return {
        "summary": summary,
        "comparison": comparison,
        "crossovers": pd.concat([paid_back, overtaking], ignore_index=True),
    }


def increments(experiment: Experiment, timeseries: pd.DataFrame) -> pd.DataFrame:
    """The runs' time series with each arm's increments over its world without the
    programme (``experiment.tables.with_increments``)."""
    treated = {arm.name: arm.scenario.brand.name for arm in experiment.run_arms}
    return with_increments(timeseries, experiment.counterfactual_of, treated)


def run_experiment(
    experiment: Experiment | str | Path,
    *,
    out: str | Path,
    workers: int | None = None,
    executor: str | Executor = DEFAULT_EXECUTOR,
    scheduler: str | None = None,
    resume: bool = False,
    force: bool = False,
    argv: list[str] | None = None,
    on_progress: OnProgress | None = None,
) -> ExperimentResult:
    """Run every arm x replicate into ``out`` and compare the arms.

    The options are those of :class:`commsim.experiment.execution.runner.Execution`. Raises
    :class:`commsim.ConfigError` before writing anything when the input or the folder is
    unusable. Failed runs are recorded, not raised: see ``.failed``.
    """
    if not isinstance(experiment, Experiment):
        experiment = load_experiment(experiment)
    execution = Execution(
        workers=workers,
        executor=executor,
        scheduler=scheduler,
        resume=resume,
        force=force,
        argv=argv,
        on_progress=on_progress,
    )
    return run_execution(experiment, out, execution)


def run_execution(
    experiment: Experiment, out: str | Path, execution: Execution
) -> ExperimentResult:
    """:func:`run_experiment` with its options as one :class:`Execution`."""

    def write_tables(runner: ExperimentRunner, records: list[RunRecord]) -> dict[str, pd.DataFrame]:
        timeseries = increments(experiment, runner.timeseries())
        tables = analyse(experiment, timeseries)
        if len(timeseries):
            runner.store.write_tables({"timeseries": timeseries, **tables})
        return {"timeseries": timeseries, **tables}

    done = run_stored(experiment, out, execution, write_tables)
    return ExperimentResult(
        path=done.path,
        experiment=experiment,
        runs=done.records,
        timeseries=done.tables["timeseries"],
        summary=done.tables["summary"],
        comparison=done.tables["comparison"],
        crossovers=done.tables["crossovers"],
        wall_seconds=done.wall_seconds,
        workers=done.workers,
    )
