"""Global sensitivity of one outcome to the uncertainties (SALib Sobol' or Morris).

SALib draws the design; a :class:`~commsim.experiment.execution.evaluators.StoredEvaluator` runs it
in SALib's row order into a results folder (so runs are stored and resuming works); outcomes are
averaged over replicates inside
:func:`commsim.analysis.sensitivity_indices.run_sensitivity`, the same path an analytic test
function takes. The outcome is one lever's, or the paired gap between two
levers (``versus``).

::

    study = prepare_sensitivity(experiment, "cum_profit", out="results/s", lever="value",
                                versus="push", method="morris", base_size=8)
    result = study.run()        # sensitivity.csv next to the runs
    result.indices              # tidy: parameter, index, value, conf, low, high
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from commsim.analysis.display import display
from commsim.analysis.sensitivity_indices import SensitivityResult, run_sensitivity
from commsim.analysis.sweep_tables import replicate_matrix
from commsim.config import ConfigError
from commsim.experiment import Experiment
from commsim.experiment.execution.evaluators import RunFailed, StoredEvaluator, single_strategy
from commsim.experiment.execution.runner import Execution, OnProgress
from commsim.experiment.results.store import write_csv
from commsim.experiment.spec.outcomes import Outcome, check_outcome
from commsim.experiment.spec.sampling import SensitivityDesign, sensitivity_design

INDICES_FILE = "sensitivity.csv"
DEFAULT_METHOD = "sobol"  # variance-based indices; morris screens more parameters per run
DEFAULT_BASE_SIZE = 64  # SALib's N: Sobol' base samples (a power of two) or Morris trajectories


@dataclass
class SensitivityStudy:
    """A sensitivity analysis ready to run: its design drawn, its folder checked."""

    experiment: Experiment
    outcome: Outcome
    lever: str
    versus: str | None
    design: SensitivityDesign
    evaluator: StoredEvaluator

    @property
    def levers(self) -> list[str]:
        return [self.lever] + ([self.versus] if self.versus else [])

    @property
    def runs(self) -> int:
        """Runs the design takes: rows x levers x replicates."""
        return len(self.design.points) * len(self.levers) * self.experiment.replicates

    @property
    def outcome_text(self) -> str:
        """``cumulative profit of value`` or ``the value-minus-push gap in cumulative profit``."""
        label = display(self.outcome.column).label
        if self.versus:
            return f"the {self.lever}-minus-{self.versus} gap in {label}"
        return f"{label} of {self.lever}"

    def evaluate(self, points: pd.DataFrame) -> pd.DataFrame:
        """Design rows -> (rows x replicates) outcome of the lever (minus ``versus``'s)."""
        with self.evaluator as evaluate:
            evaluation = evaluate(points)
        if evaluation.failed:
            raise RunFailed(f"{len(evaluation.failed)} runs failed")
        return replicate_matrix(evaluation.runs, self.outcome.column, self.lever, self.versus)

    def run(self, on_progress: OnProgress | None = None) -> SensitivityResult:
        """Run the design, compute the indices and write ``sensitivity.csv``;
        ``on_progress`` is called as each run ends."""
        self.evaluator.report_progress(on_progress)
        design = self.design
        result = run_sensitivity(
            self.experiment.uncertainty_space,
            self.evaluate,
            method=design.method,
            base_size=design.base_size,
            seed=self.experiment.seed,
            second_order=design.second_order,
        )
        table = result.indices.assign(
            method=design.method,
            outcome=self.outcome.column,
            lever=self.lever,
            versus=self.versus or "",
        )
        write_csv(self.evaluator.out / INDICES_FILE, table)
        return result


def prepare_sensitivity(
    experiment: Experiment,
    outcome: str | Outcome,
    *,
    out: str | Path,
    lever: str | None = None,
    versus: str | None = None,
    method: str = DEFAULT_METHOD,
    base_size: int = DEFAULT_BASE_SIZE,
    second_order: bool = False,
    execution: Execution | None = None,
) -> SensitivityStudy:
    """Check everything and draw SALib's design; nothing is written or run.

    ``lever`` may be left out when the experiment has one; ``base_size`` is SALib's N (Sobol'
    base samples, a power of two, or Morris trajectories).
    """
    chosen = check_outcome(experiment, outcome)
    lever = single_strategy(experiment, lever, "analyse")
    if versus is not None:
        single_strategy(experiment, versus, "compare with", parameter="versus")
        if versus == lever:
            raise ConfigError("must be another lever than lever", parameter="versus")
    space = experiment.uncertainty_space
    design = sensitivity_design(
        space, method, base_size, experiment.seed, second_order=second_order
    )
    info: dict[str, Any] = {
        "kind": "sensitivity",
        "method": method,
        "size": base_size,
        "second_order": second_order,
        "outcome": chosen.column,
        "lever": lever,
        "versus": versus,
    }
    strategies = [lever] + ([versus] if versus else [])
    evaluator = StoredEvaluator(
        experiment, out=out, strategies=strategies, info=info, execution=execution
    )
    evaluator.check(design.points)
    return SensitivityStudy(experiment, chosen, lever, versus, design, evaluator)


def run_sensitivity_study(
    experiment: Experiment, outcome: str | Outcome, *, out: str | Path, **options: Any
) -> SensitivityResult:
    """:func:`prepare_sensitivity`, then run it."""
    return prepare_sensitivity(experiment, outcome, out=out, **options).run()
