"""Calibration: fit parameters within bounds so that simulated KPIs match observed ones.

The loss is a weighted sum of squared scaled residuals, ``w * ((simulated - observed) /
scale)^2``, with the simulated KPI averaged over replicates that keep the same seeds at every
evaluation (common random numbers), so the loss is a deterministic function of the parameters
and differences between candidates are not drowned in run-to-run noise. The search works in
the unit cube of the bounds (log scales included): a Latin-hypercube screen, then Nelder-Mead
(``scipy.optimize.minimize``, derivative-free, because the loss of a stochastic model is not
smooth) from the best screened point, restarted from the best point found while that helps.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import optimize, stats

from commsim.analysis.display import display
from commsim.experiment.spec.sampling import unit_design
from commsim.experiment.spec.targets import Target
from commsim.experiment.spec.uncertainties import UncertaintySpace

# parameter sets (one row each) -> KPI values, shape (sets, replicates, targets)
KpiEvaluator = Callable[[pd.DataFrame], np.ndarray]
AT_BOUND = 0.01  # a fitted value within 1% of the range from a bound is reported at it
SIMPLEX_STEP = 0.15  # Nelder-Mead's first simplex: 15% of each range around the start
X_TOLERANCE = 2e-3  # stop when the simplex spans < 0.2% of each range ...
F_TOLERANCE = 1e-6  # ... and the loss varies by less than this across it
CLOSE = 0.10  # a KPI within 10% of its target is a fit


def kpi_range(target: Target) -> tuple[float, float]:
    """The values a KPI can take: shares in [0, 1], counts and ratios of counts >= 0,
    attitudes in [-1, 1]; money and other ratios unbounded. Intervals are cut to it."""
    kind = display(target.metric).kind
    if target.per:
        return (0.0, np.inf) if kind in ("count", "share") else (-np.inf, np.inf)
    if kind == "share":
        return 0.0, 1.0
    if kind == "count":
        return 0.0, np.inf
    if kind == "score":
        return -1.0, 1.0
    return -np.inf, np.inf


def target_value(frame: pd.DataFrame, target: Target) -> float:
    """A KPI of one run (one brand): mean of the metric over the target's days, or with
    ``per`` the ratio of window sums ``sum(metric) / sum(per_1 x per_2 ...)``."""
    window = frame[(frame["step"] >= target.first_day) & (frame["step"] <= target.last_day)]
    values = window[target.metric].to_numpy(dtype=float)
    if not target.per:
        return float(values.mean()) if len(values) else float("nan")
    denominator = np.ones(len(window))
    for name in target.per:
        denominator = denominator * window[name].to_numpy(dtype=float)
    total = denominator.sum()
    return float(values.sum() / total) if total > 0 else float("nan")


def target_values(frames: Sequence[pd.DataFrame], targets: Sequence[Target]) -> np.ndarray:
    """KPIs of several runs: shape (runs, targets)."""
    return np.array([[target_value(f, t) for t in targets] for f in frames], dtype=float)


def loss_of(kpis: np.ndarray, targets: Sequence[Target]) -> float:
    """Weighted squared scaled residuals of replicate-mean KPIs (NaN KPIs cost a lot)."""
    means = np.nanmean(kpis, axis=0) if np.isfinite(kpis).any() else np.full(len(targets), np.nan)
    total = 0.0
    for mean, target in zip(means, targets, strict=True):
        if not np.isfinite(mean):
            total += 1e6 * target.weight  # the KPI is undefined there (e.g. no posts at all)
            continue
        total += target.weight * ((mean - target.value) / target.residual_scale) ** 2
    return float(total)


@dataclass
class CalibrationResult:
    """The fit: parameter values, KPIs at them, and every evaluation made on the way."""

    parameters: UncertaintySpace
    targets: tuple[Target, ...]
    fitted: dict[str, float]
    unit: np.ndarray
    loss: float
    kpis: np.ndarray  # replicates x targets at the fitted values
    history: pd.DataFrame  # one row per evaluation: phase, parameter values, loss
    converged: bool
    message: str
    evaluations: int = 0  # the budget the search was given

    @property
    def budget_spent(self) -> bool:
        """The search stopped because the budget ran out, not because it converged."""
        return not self.converged and len(self.history) >= self.evaluations > 0

    def target_table(self, level: float = 0.95) -> pd.DataFrame:
        """Per target: observed, simulated mean and interval over replicates, residuals."""
        rows = []
        for i, target in enumerate(self.targets):
            values = self.kpis[:, i]
            values = values[np.isfinite(values)]
            mean = float(values.mean()) if len(values) else float("nan")
            half = float("nan")
            if len(values) > 1:
                spread = values.std(ddof=1) / np.sqrt(len(values))
                half = float(stats.t.ppf(0.5 + level / 2, len(values) - 1) * spread)
            lowest, highest = kpi_range(target)  # a rate's interval stays >= 0
            low = float(np.clip(mean - half, lowest, highest))
            high = float(np.clip(mean + half, lowest, highest))
            rows.append(
                {
                    "target": target.name,
                    "kpi": target.describe(),
                    "observed": target.value,
                    "simulated": mean,
                    "ci_low": low,
                    "ci_high": high,
                    "residual": mean - target.value,
                    "relative_residual": (mean - target.value) / target.residual_scale,
                    "weight": target.weight,
                    "source": target.source,
                }
            )
        table = pd.DataFrame(rows)
        table["status"] = fit_status(table, self.parameter_table(), self.converged)
        return table

    def parameter_table(self) -> pd.DataFrame:
        """Per parameter: fitted value, bounds, scale and whether it sits at a bound."""
        rows = []
        for i, parameter in enumerate(self.parameters.uncertainties):
            at = ""
            if self.unit[i] <= AT_BOUND:
                at = "lower"
            elif self.unit[i] >= 1 - AT_BOUND:
                at = "upper"
            rows.append(
                {
                    "parameter": parameter.key,
                    "fitted": self.fitted[parameter.key],
                    # A Choice has no bounds: calibration fits numeric ranges.
                    "low": parameter.low,  # type: ignore[union-attr]
                    "high": parameter.high,  # type: ignore[union-attr]
                    "scale": parameter.kind,
                    "at_bound": at,
                }
            )
        return pd.DataFrame(rows)


class _Search:
    """The loss as a function of unit-cube points, with a cache and a record of every call."""

    def __init__(self, space: UncertaintySpace, targets: Sequence[Target], evaluate: KpiEvaluator):
        self.space, self.targets, self.evaluate = space, tuple(targets), evaluate
        self.cache: dict[tuple[float, ...], tuple[float, np.ndarray]] = {}
        self.rows: list[dict] = []

    def batch(self, unit: np.ndarray, phase: str) -> list[float]:
        unit = np.clip(np.atleast_2d(unit), 0.0, 1.0)
        keys = [tuple(np.round(u, 9)) for u in unit]
        fresh = [i for i, key in enumerate(keys) if key not in self.cache]
        if fresh:
            values = self.space.from_unit(unit[fresh])
            kpis = np.asarray(self.evaluate(values), dtype=float)
            for j, i in enumerate(fresh):
                loss = loss_of(kpis[j], self.targets)
                self.cache[keys[i]] = (loss, kpis[j])
                row = {"evaluation": len(self.rows) + 1, "phase": phase}
                row.update(values.iloc[j].to_dict())
                row["loss"] = loss
                self.rows.append(row)
        return [self.cache[key][0] for key in keys]

    def __call__(self, unit: np.ndarray) -> float:
        return self.batch(unit, "nelder-mead")[0]


def _simplex(start: np.ndarray) -> np.ndarray:
    """Start plus one vertex per dimension, a step inside the unit cube."""
    vertices = [start]
    for i in range(len(start)):
        vertex = start.copy()
        vertex[i] += SIMPLEX_STEP if start[i] + SIMPLEX_STEP <= 1 else -SIMPLEX_STEP
        vertices.append(vertex)
    return np.array(vertices)


def calibrate(
    parameters: UncertaintySpace,
    targets: Sequence[Target],
    evaluate: KpiEvaluator,
    *,
    evaluations: int = 80,
    screen: int | None = None,
    seed: int = 0,
) -> CalibrationResult:
    """Fit ``parameters`` to ``targets`` within a budget of ``evaluations`` (parameter sets)."""
    dimensions = len(parameters)
    screen = min(screen or max(8, 4 * dimensions), evaluations)
    search = _Search(parameters, targets, evaluate)
    start_points = unit_design("lhs", dimensions, screen, seed)
    losses = search.batch(start_points, "screen")
    start = start_points[int(np.argmin(losses))]
    converged, message = False, "budget spent on the screen"
    remaining = evaluations - screen
    # Nelder-Mead restarted from the best point while the budget lasts and a restart still
    # improves: a fresh simplex escapes the collapse that noise and flat steps cause.
    best = min(losses)
    while remaining > dimensions + 1:
        before = len(search.rows)
        outcome = optimize.minimize(
            search,
            start,
            method="Nelder-Mead",
            bounds=[(0.0, 1.0)] * dimensions,
            options={
                "initial_simplex": _simplex(start),
                "maxfev": remaining,
                "xatol": X_TOLERANCE,
                "fatol": F_TOLERANCE,
            },
        )
        converged, message = bool(outcome.success), str(outcome.message)
        remaining -= max(len(search.rows) - before, 1)
        found = min(search.cache.values(), key=lambda entry: entry[0])[0]
        if not converged or found >= best - F_TOLERANCE:
            break
        best = found
        start = np.array(min(search.cache, key=lambda key: search.cache[key][0]))
    best_key = min(search.cache, key=lambda key: search.cache[key][0])
    unit = np.array(best_key)
    fitted_row = parameters.from_unit(unit).iloc[0]
    fitted = {key: float(fitted_row[key]) for key in parameters.keys}
    loss, kpis = search.cache[best_key]
    history = pd.DataFrame(search.rows)
    return CalibrationResult(
        parameters,
        tuple(targets),
        fitted,
        unit,
        loss,
        kpis,
        history,
        converged,
        message,
        evaluations,
    )


def _at_bound(parameters: pd.DataFrame) -> pd.Series:
    """Which parameters sit at a bound (the column is empty text, or NaN read from CSV)."""
    if "at_bound" not in parameters.columns:
        return pd.Series(False, index=parameters.index)
    return parameters["at_bound"].astype(object).fillna("").astype(str) != ""


def fit_status(targets: pd.DataFrame, parameters: pd.DataFrame, converged: bool) -> list[str]:
    """Per target: ``fit`` (within 10%, or its interval holds the observed value), ``missed``
    (the search may not be done), or ``out of reach``: missed by more than 10% while a
    parameter sits at a bound or the search converged, so no value within the bounds gets
    closer."""
    stuck = converged or bool(_at_bound(parameters).any())
    status = []
    for row in targets.itertuples(index=False):
        inside = row.ci_low <= row.observed <= row.ci_high
        if abs(row.relative_residual) <= CLOSE or inside:
            status.append("fit")
        else:
            status.append("out of reach" if stuck else "missed")
    return status


def fit_notes(
    targets: pd.DataFrame, parameters: pd.DataFrame, *, budget_spent: bool = False
) -> list[str]:
    """Sentences for people: each target out of reach (and by how much), parameters at a
    bound, and a search that ran out of budget."""
    notes = []
    bounds = parameters[_at_bound(parameters)] if len(parameters) else parameters
    at = ", ".join(f"{r.parameter} at its {r.at_bound} bound" for r in bounds.itertuples())
    for row in targets.itertuples(index=False):
        status = getattr(row, "status", "")
        if status not in ("out of reach", "missed"):
            continue
        direction = "short of" if row.simulated < row.observed else "above"
        verdict = "out of reach within the bounds" if status == "out of reach" else "missed"
        text = (
            f"{row.target}: {verdict}"
            f"; the best fit gives {row.simulated:.4g} against {row.observed:.4g} observed "
            f"({abs(row.relative_residual):.0%} {direction} it)"
        )
        if at:
            text += f", with {at}: widen the bounds or fit another parameter"
        notes.append(text)
    if not notes and at:
        notes.append(f"{at}: the fit may want wider bounds")
    if budget_spent:
        notes.append(
            "the search budget ran out before the fit converged: raise evaluations (in "
            "[calibration] or with --evaluations) to search further"
        )
    return notes
