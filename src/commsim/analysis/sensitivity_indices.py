"""Global sensitivity analysis with SALib: sample -> evaluate -> analyse, as one chain.

The design comes from SALib (:func:`commsim.experiment.spec.sampling.sensitivity_design`) and is
evaluated in its row order by an *evaluator*: any function from a table of design rows to one
outcome per row, or to one per row and replicate (averaged here; the share of run-to-run noise
is reported). The CLI's evaluator runs the model; tests inject an analytic function
(Ishigami) through exactly the same path.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from commsim.experiment.spec.sampling import MORRIS_LEVELS, SensitivityDesign, sensitivity_design
from commsim.experiment.spec.uncertainties import UncertaintySpace

# design rows -> one outcome per row, or a (rows x replicates) table that is averaged here
Evaluator = Callable[[pd.DataFrame], np.ndarray | pd.DataFrame]
LEVEL = 0.95
RESAMPLES = 1000  # bootstrap resamples behind SALib's confidence intervals
# Rules of thumb for stable indices: Saltelli et al. (2010) use N of 500 and more base samples
# for Sobol'; Campolongo, Cariboni and Saltelli (2007) use 10 to 20 Morris trajectories.
SOBOL_MIN_BASE = 512
MORRIS_MIN_TRAJECTORIES = 10
WIDE_INTERVAL = 0.1  # a Sobol' index known only to +-0.1 or worse
NOISY_SHARE = 0.1  # run-to-run noise above 10% of the outcome's variance


@dataclass
class SensitivityResult:
    """Indices (a tidy table), the design and outputs behind them, and warnings in words."""

    method: str
    design: SensitivityDesign
    outputs: np.ndarray
    indices: pd.DataFrame
    warnings: list[str] = field(default_factory=list)
    noise: float | None = None  # share of the outputs' variance that is run-to-run noise

    @property
    def ranking(self) -> pd.DataFrame:
        """One row per parameter, most influential first (by ST, or by mu* for Morris)."""
        key = "ST" if self.method == "sobol" else "mu_star"
        table = self.indices.pivot(index="parameter", columns="index", values="value")
        return table.sort_values(key, ascending=False)


def _rows(names: list[str], analysis: dict, index: str, conf: str | None) -> list[dict]:
    rows = []
    for i, name in enumerate(names):
        value = float(analysis[index][i])
        half = float(analysis[conf][i]) if conf else float("nan")
        low, high = value - half, value + half
        rows.append(
            {
                "parameter": name,
                "index": index,
                "value": value,
                "conf": half,
                "low": low,
                "high": high,
                # An interval that reaches 0 cannot tell the index apart from no effect.
                "includes_zero": bool(conf) and low <= 0.0,
            }
        )
    return rows


def sensitivity_indices(
    design: SensitivityDesign,
    outputs: np.ndarray,
    *,
    seed: int = 0,
    resamples: int = RESAMPLES,
    level: float = LEVEL,
) -> pd.DataFrame:
    """SALib's analysis of ``outputs`` (one per design row, in SALib's order) as a tidy table:
    parameter, index (S1, ST or mu_star, sigma), value, conf (half-width of the ``level``
    interval), low, high, includes_zero."""
    from SALib.analyze import morris, sobol

    outputs = np.asarray(outputs, dtype=float)
    if outputs.shape != (len(design.unit),):
        raise ValueError(f"expected {len(design.unit)} outputs, got shape {outputs.shape}")
    if not np.all(np.isfinite(outputs)):
        raise ValueError("some outputs are missing or not finite; every design row needs one")
    problem = design.problem.set_results(outputs)
    names = list(problem["names"])
    if design.method == "sobol":
        problem.analyze(
            sobol.analyze,
            calc_second_order=design.second_order,
            num_resamples=resamples,
            conf_level=level,
            seed=seed,
        )
        analysis = problem.analysis
        rows = _rows(names, analysis, "S1", "S1_conf") + _rows(names, analysis, "ST", "ST_conf")
    else:
        problem.analyze(
            morris.analyze,
            num_resamples=resamples,
            conf_level=level,
            num_levels=MORRIS_LEVELS,
            seed=seed,
        )
        analysis = problem.analysis
        rows = _rows(names, analysis, "mu_star", "mu_star_conf")
        rows += _rows(names, analysis, "sigma", None)
    return pd.DataFrame(rows)


def noise_share(replicate_values: pd.DataFrame) -> float | None:
    """Share of the variance of replicate means that is run-to-run noise.

    ``replicate_values``: one row per design row, one column per replicate. The noise variance
    of a mean over R replicates is the mean within-row variance / R.
    """
    if replicate_values.shape[1] < 2:
        return None
    means = replicate_values.mean(axis=1)
    total = float(means.var(ddof=1))
    within = float(replicate_values.var(axis=1, ddof=1).mean()) / replicate_values.shape[1]
    return within / total if total > 0 else None


def sample_warnings(
    design: SensitivityDesign, indices: pd.DataFrame, noise: float | None = None
) -> list[str]:
    """Plain-words warnings when the sample is too small (or too noisy) for stable indices."""
    notes = []
    if design.method == "sobol":
        if design.base_size < SOBOL_MIN_BASE:
            notes.append(
                f"{design.base_size} base samples: Sobol' indices from fewer than "
                f"{SOBOL_MIN_BASE} are rough (Saltelli et al. 2010); use "
                f"{SOBOL_MIN_BASE} or more for figures you report"
            )
        widest = float(indices["conf"].max())
        if widest > WIDE_INTERVAL:
            notes.append(
                f"the widest 95% interval is +-{widest:.2f}: indices closer than that cannot "
                "be ranked; use more base samples"
            )
        first = indices[indices["index"] == "S1"]["value"].sum()
        if first > 1.1:
            notes.append(
                f"first-order indices sum to {first:.2f} (> 1): the estimates are noisy; "
                "use more base samples"
            )
    elif design.base_size < MORRIS_MIN_TRAJECTORIES:
        notes.append(
            f"{design.base_size} trajectories: Morris screening usually needs "
            f"{MORRIS_MIN_TRAJECTORIES}-20 (Campolongo et al. 2007); use more trajectories"
        )
    if noise is not None and noise > NOISY_SHARE:
        notes.append(
            f"run-to-run noise is {noise:.0%} of the outcome's variance across the design; "
            "indices attribute part of it to parameters; add replicates"
        )
    return notes


def run_sensitivity(
    space: UncertaintySpace,
    evaluate: Evaluator,
    *,
    method: str = "sobol",
    base_size: int = 64,
    seed: int = 0,
    second_order: bool = False,
) -> SensitivityResult:
    """Sample SALib's design over ``space``, evaluate it in row order, and analyse it."""
    design = sensitivity_design(space, method, base_size, seed, second_order=second_order)
    evaluated = evaluate(design.points)
    noise = None
    if isinstance(evaluated, pd.DataFrame) or np.ndim(evaluated) == 2:
        replicates = pd.DataFrame(evaluated)
        noise = noise_share(replicates)
        evaluated = replicates.mean(axis=1).to_numpy()  # outcomes averaged over replicates
    outputs = np.asarray(evaluated, dtype=float)
    indices = sensitivity_indices(design, outputs, seed=seed)
    notes = sample_warnings(design, indices, noise)
    return SensitivityResult(method, design, outputs, indices, notes, noise)
