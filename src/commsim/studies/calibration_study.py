"""Calibration: fit parameters (within bounds) to observed KPIs, on common random numbers,
and write the fitted values as overrides (ready for ``[base]``) and a fit report.

The search (:func:`commsim.analysis.calibration.calibrate`) asks for parameter sets batch
by batch; a :class:`~commsim.experiment.execution.evaluators.SearchEvaluator` runs each set's
replicates in memory on the same seeds, so the loss is a deterministic function of the parameters.

::

    study = prepare_calibration(experiment, "targets.toml", out="results/fit", evaluations=40)
    result = study.run()        # fitted.toml, fit_report.md, fit_targets.csv, ...
    result.fit.fitted           # parameter -> fitted value
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import numpy as np
import pandas as pd

from commsim.analysis.calibration import (
    CalibrationResult,
    calibrate,
    fit_notes,
    target_values,
)
from commsim.config import ConfigError, flatten
from commsim.experiment import Experiment
from commsim.experiment.execution.evaluators import SearchEvaluator, single_strategy
from commsim.experiment.results.store import ResultsStore, write_csv, write_text
from commsim.experiment.spec.arms import OVERRIDES
from commsim.experiment.spec.targets import CalibrationSpec, load_targets

# Called after each batch of evaluations: evaluations so far, seconds since the start.
OnEvaluation = Callable[[int, float], None]


@dataclass
class CalibrationStudyResult:
    """A finished fit, with what it cost; its files are in ``path``."""

    fit: CalibrationResult
    spec: CalibrationSpec
    runs: int
    seconds: float
    path: Path


@dataclass
class CalibrationStudy:
    """A calibration ready to run: targets read, lever chosen, folder checked."""

    experiment: Experiment
    spec: CalibrationSpec
    lever: str
    replicates: int
    evaluations: int
    workers: int
    out: Path

    def run(self, on_evaluation: OnEvaluation | None = None) -> CalibrationStudyResult:
        """Fit, then write fitted.toml, fit_report.md and the fit's tables into ``out``."""
        spec, started = self.spec, time.perf_counter()
        evaluator = SearchEvaluator(
            self.experiment,
            strategies=[self.lever],
            replicates=self.replicates,
            workers=self.workers,
        )

        def evaluate(points: pd.DataFrame) -> np.ndarray:
            evaluation = evaluator(points)
            if on_evaluation is not None:
                on_evaluation(evaluator.runs // self.replicates, time.perf_counter() - started)
            return np.array(
                [
                    target_values(evaluation.brand_series(point, self.lever), spec.targets)
                    for point in range(len(points))
                ]
            )

        with evaluator:
            fit = calibrate(
                spec.parameters,
                spec.targets,
                evaluate,
                evaluations=self.evaluations,
                screen=spec.settings.screen,
                seed=self.experiment.seed,
            )
        result = CalibrationStudyResult(
            fit, spec, evaluator.runs, time.perf_counter() - started, self.out
        )
        write_fit(result, self.experiment)
        return result


def write_fit(result: CalibrationStudyResult, experiment: Experiment) -> list[Path]:
    """The fit's files: fitted.toml, fit_report.md, fit_targets.csv, fit_parameters.csv and
    evaluations.csv."""
    folder, fit = result.path, result.fit
    folder.mkdir(parents=True, exist_ok=True)
    return [
        write_text(folder / "fitted.toml", overrides_text(fit, result.spec, experiment.where)),
        write_text(folder / "fit_report.md", report_markdown(result)),
        write_csv(folder / "fit_targets.csv", fit.target_table()),
        write_csv(folder / "fit_parameters.csv", fit.parameter_table()),
        write_csv(folder / "evaluations.csv", fit.history),
    ]


def overrides_text(result: CalibrationResult, spec: CalibrationSpec, experiment: str) -> str:
    """The fitted values as TOML lines to paste under ``[base]`` (or pass with ``--set``)."""
    stamp = datetime.now().strftime("%Y-%m-%d %H:%M")
    lines = [
        f"# Fitted by `commsim calibrate {experiment} --targets {spec.path}` on {stamp}.",
        "# Paste these lines under [base] in an experiment file, or pass each with --set:",
        "#   " + " ".join(f"--set {k}={v:.6g}" for k, v in result.fitted.items()),
    ]
    lines += [f'"{key}" = {value:.6g}' for key, value in result.fitted.items()]
    return "\n".join(lines) + "\n"


def report_markdown(study: CalibrationStudyResult) -> str:
    """Targets, fitted values, residuals and parameters at bounds, as Markdown."""
    result, spec = study.fit, study.spec
    targets, parameters = result.target_table(), result.parameter_table()
    lines = [
        f"# Calibration fit: {spec.path.name}",
        "",
        f"Loss {result.loss:.4g} (weighted squared relative residuals) after "
        f"{len(result.history)} evaluations ({study.runs} runs, {study.seconds:.0f} s); "
        f"optimizer: {result.message.rstrip('.')}.",
        "",
        "| target | KPI | observed | simulated (95% CI) | residual | relative | status | source |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for row in targets.itertuples(index=False):
        lines.append(
            f"| {row.target} | {row.kpi} | {row.observed:.4g} | {row.simulated:.4g} "
            f"({row.ci_low:.4g} to {row.ci_high:.4g}) | {row.residual:+.3g} | "
            f"{row.relative_residual:+.1%} | {row.status} | {row.source} |"
        )
    lines += [
        "",
        "| parameter | fitted | low | high | scale | at bound |",
        "|---|---|---|---|---|---|",
    ]
    for row in parameters.itertuples(index=False):
        lines.append(
            f"| {row.parameter} | {row.fitted:.4g} | {row.low:g} | {row.high:g} | "
            f"{row.scale} | {row.at_bound or '-'} |"
        )
    notes = fit_notes(targets, parameters, budget_spent=result.budget_spent)
    if notes:
        lines += ["", "**Warnings.**", ""] + [f"- {note[:1].upper()}{note[1:]}." for note in notes]
    return "\n".join(lines) + "\n"


def prepare_calibration(
    experiment: Experiment,
    targets: str | Path,
    *,
    out: str | Path,
    lever: str | None = None,
    replicates: int | None = None,
    evaluations: int | None = None,
    workers: int = 1,
    force: bool = False,
) -> CalibrationStudy:
    """Read the targets file and check everything; nothing is written or run.

    ``lever``, ``replicates`` and ``evaluations`` default to the targets file's
    ``[calibration]`` table (then to the experiment's replicates); ``force`` writes into a
    non-empty ``out``.
    """
    spec = load_targets(
        targets,
        steps=experiment.steps,
        base=flatten(experiment.base),
        fallback=experiment.uncertainty_space,
    )
    fixed = [key for key, _ in experiment.settings if key in spec.parameters.keys]
    if fixed:
        raise ConfigError(
            f"{fixed[0]} is a parameter being fitted; do not fix it", parameter=OVERRIDES
        )
    chosen = single_strategy(
        experiment, lever or spec.settings.lever, "calibrate (or set lever in [calibration])"
    )
    count = replicates or spec.settings.replicates or experiment.replicates
    budget = evaluations or spec.settings.evaluations
    ResultsStore(out).check_free(force=force, resumable=False, marker="fitted.toml")
    return CalibrationStudy(experiment, spec, chosen, count, budget, workers, Path(out))
