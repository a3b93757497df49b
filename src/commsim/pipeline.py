"""``run_experiment``: experiment -> runs -> results folder -> comparison, as one library call.

It sits above the experiment and analysis stages (like the CLI) because it uses both: the
experiment stage runs and stores the runs, the analysis stage compares the arms.
"""

from __future__ import annotations

from concurrent.futures import Executor
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from commsim.analysis.compare import compare_arms, crossovers
from commsim.experiment import Experiment, load_experiment
from commsim.experiment.runner import ExperimentRunner, OnProgress, RunRecord
from commsim.experiment.store import ResultsStore
from commsim.experiment.tables import summary_table


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
    return {
        "summary": summary_table(timeseries, checkpoints),
        "comparison": comparison,
        "crossovers": crossovers(timeseries, reference, "cum_profit", brand=brand),
    }


def run_experiment(
    experiment: Experiment | str | Path,
    *,
    out: str | Path,
    workers: int | None = None,
    executor: str | Executor = "local",
    scheduler: str | None = None,
    resume: bool = False,
    force: bool = False,
    argv: list[str] | None = None,
    on_progress: OnProgress | None = None,
) -> ExperimentResult:
    """Run every arm x replicate into ``out`` and compare the arms.

    ``workers`` defaults to the CPU count; ``executor`` is ``"local"`` (a process pool, or
    this process for one worker), ``"dask"`` (the cluster at ``scheduler``, or a loopback
    LocalCluster of ``workers`` processes) or any ``concurrent.futures.Executor``. ``resume`` skips
    runs already stored in ``out`` (refusing a different experiment); ``force`` replaces
    earlier results. Raises :class:`commsim.ConfigError` before writing anything when the
    input or the folder is unusable. Failed runs are recorded, not raised: see ``.failed``.
    """
    if not isinstance(experiment, Experiment):
        experiment = load_experiment(experiment)
    runner = ExperimentRunner(
        experiment,
        ResultsStore(out),
        workers=workers,
        executor=executor,
        scheduler=scheduler,
        argv=argv,
    )
    runner.start(resume=resume, force=force)
    records = runner.execute(on_progress)
    try:
        timeseries = runner.timeseries()
        tables = analyse(experiment, timeseries)
        if len(timeseries):
            runner.store.write_tables({"timeseries": timeseries, **tables})
    except BaseException as error:
        runner.finish("interrupted" if isinstance(error, KeyboardInterrupt) else "error")
        raise
    manifest = runner.finish()
    return ExperimentResult(
        path=runner.store.path,
        experiment=experiment,
        runs=records,
        timeseries=timeseries,
        summary=tables["summary"],
        comparison=tables["comparison"],
        crossovers=tables["crossovers"],
        wall_seconds=float(manifest["wall_seconds"]),
        workers=runner.workers_used,
    )
