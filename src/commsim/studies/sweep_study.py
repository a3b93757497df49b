"""The sweep: every lever at every point of a design over the uncertainties, stored and
resumable, and which lever wins where.

::

    study = prepare_sweep(experiment, out="results/sweep", design="lhs", points=64)
    result = study.run()        # runs.csv, runs.parquet, design.csv, sweep.json
    result.robustness()         # per lever: share of points where it is best
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from commsim.analysis import sweep_tables
from commsim.experiment import Experiment
from commsim.experiment.execution.evaluators import Evaluation, StoredEvaluator
from commsim.experiment.execution.runner import Execution, OnProgress, RunRecord
from commsim.experiment.spec.outcomes import Outcome, check_outcome
from commsim.experiment.spec.sampling import sample_design
from commsim.experiment.spec.sweep_plan import SweepPlan


@dataclass
class SweepResult:
    """A finished sweep: its plan, the outcome it compares levers on, and its runs."""

    plan: SweepPlan
    outcome: Outcome
    evaluation: Evaluation

    @property
    def path(self) -> Path:
        return self.evaluation.path  # type: ignore[return-value]  # a sweep always has a folder

    @property
    def runs(self) -> pd.DataFrame:
        """One row per finished run (``runs.csv``)."""
        return self.evaluation.runs

    @property
    def records(self) -> list[RunRecord]:
        return self.evaluation.records

    @property
    def failed(self) -> list[RunRecord]:
        return self.evaluation.failed

    @property
    def wall_seconds(self) -> float:
        return self.evaluation.wall_seconds

    @property
    def workers(self) -> int:
        return self.evaluation.workers

    def point_means(self) -> pd.DataFrame:
        """The outcome's mean over replicates: one row per design point, one column per lever."""
        return sweep_tables.point_means(self.runs, self.outcome.column)

    def robustness(self, tolerance: float = sweep_tables.ROBUST_TOLERANCE) -> pd.DataFrame:
        """Per lever: share of design points where it is best, or within ``tolerance``."""
        return sweep_tables.robustness(self.point_means(), tolerance, self.outcome.sign)


@dataclass
class SweepStudy:
    """A sweep ready to run: validated, its design drawn, its folder checked."""

    plan: SweepPlan
    outcome: Outcome
    evaluator: StoredEvaluator

    @property
    def experiment(self) -> Experiment:
        return self.plan.experiment

    def run(self, on_progress: OnProgress | None = None) -> SweepResult:
        """Run every lever at every point (skipping runs stored by an earlier session);
        ``on_progress`` is called as each run ends."""
        self.evaluator.report_progress(on_progress)
        with self.evaluator as evaluate:
            return SweepResult(self.plan, self.outcome, evaluate(self.plan.points))


def prepare_sweep(
    experiment: Experiment,
    *,
    out: str | Path,
    design: str | None = None,
    points: int | None = None,
    outcome: str | Outcome | None = None,
    strategies: Sequence[str] | None = None,
    execution: Execution | None = None,
) -> SweepStudy:
    """Check everything and draw the design; nothing is written or run.

    ``design`` (``lhs``, ``sobol`` or ``grid``), ``points`` (points, or levels per uncertainty
    for a grid) and ``outcome`` default to the experiment's ``[sweep]`` table. Raises
    :class:`commsim.ConfigError` naming the parameter or file key at fault.
    """
    chosen = check_outcome(experiment, outcome)
    design = design or experiment.sweep.design
    size = points or experiment.sweep.points
    table = sample_design(experiment.uncertainty_space, design, size, experiment.seed)
    info = {"kind": "sweep", "design": design, "size": size}
    evaluator = StoredEvaluator(
        experiment, out=out, strategies=strategies, info=info, execution=execution
    )
    return SweepStudy(evaluator.check(table), chosen, evaluator)


def run_sweep(experiment: Experiment, *, out: str | Path, **options) -> SweepResult:
    """:func:`prepare_sweep`, then run it."""
    return prepare_sweep(experiment, out=out, **options).run()
