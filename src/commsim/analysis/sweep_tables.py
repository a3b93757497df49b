"""Tables of a sweep: which lever wins where, by how much, how robustly, and how each outcome
depends on each uncertainty. Pure functions of the runs table (one row per run)."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from commsim.config import ConfigError
from commsim.experiment.spec.outcomes import Outcome

ID_COLUMNS = ("run_id", "point", "lever", "replicate", "seed")
ROBUST_TOLERANCE = 0.05  # "within 5% of the best"


def design_columns(info: Mapping[str, Any]) -> list[str]:
    return [u["key"] for u in info.get("uncertainties", [])]


def outcome_names(runs: pd.DataFrame, info: Mapping[str, Any]) -> list[str]:
    """Numeric columns that are outcomes (not ids, design values or lever levels)."""
    skip = {*ID_COLUMNS, *design_columns(info), *info.get("levers", [])}
    return [
        c for c in runs.columns if c not in skip and pd.api.types.is_numeric_dtype(runs[c].dtype)
    ]


def check_recorded_outcome(
    runs: pd.DataFrame, info: Mapping[str, Any], outcome: str | Outcome, parameter: str = "outcome"
) -> Outcome:
    """``outcome`` if the runs table recorded it, else a ConfigError listing what it has (before
    any run: :func:`commsim.experiment.spec.outcomes.check_outcome`)."""
    chosen = Outcome.parse(outcome)
    names = outcome_names(runs, info)
    if chosen.column in names:
        return chosen
    outcomes = [Outcome.parse(name) for name in names]
    plain = [o.column for o in outcomes if o.day is None]
    days = sorted({o.day for o in outcomes if o.day is not None})
    raise ConfigError(
        f"unknown outcome {chosen.column!r}; use a metric at the horizon "
        f"({', '.join(plain)}) or <metric>_d<day> at a checkpoint (days {days})",
        parameter=parameter,
    )


def check_lever(info: Mapping[str, Any], lever: str, parameter: str = "lever") -> str:
    names = [s["name"] for s in info.get("strategies", [])]
    if lever not in names:
        raise ConfigError(
            f"{lever!r} is not a lever of this sweep; one of {names}", parameter=parameter
        )
    return lever


def point_means(runs: pd.DataFrame, outcome: str) -> pd.DataFrame:
    """Mean outcome over replicates: one row per design point, one column per lever."""
    table = runs.pivot_table(index="point", columns="lever", values=outcome, aggfunc="mean")
    order = list(dict.fromkeys(runs["lever"]))
    return table[[lever for lever in order if lever in table.columns]]


def replicate_matrix(
    runs: pd.DataFrame, outcome: str, lever: str, versus: str | None = None
) -> pd.DataFrame:
    """``outcome`` of ``lever`` (minus ``versus``'s, paired by seed) per design point (rows)
    and replicate (columns)."""
    table = runs.pivot_table(
        index="point", columns=["lever", "replicate"], values=outcome, aggfunc="first"
    )
    values = table[lever]
    if versus is not None:
        values = values - table[versus]
    return values.sort_index()


def design_table(runs: pd.DataFrame, info: Mapping[str, Any]) -> pd.DataFrame:
    """Design values per point (index: point)."""
    keys = design_columns(info)
    return runs.drop_duplicates("point").set_index("point")[keys].sort_index()


def best_levers(
    means: pd.DataFrame, tolerance: float = ROBUST_TOLERANCE, sign: float = 1.0
) -> pd.DataFrame:
    """Per point: the best lever, its margin over the runner-up, and for every lever whether
    it is within ``tolerance`` (a share of the best value's size) of the best. ``sign`` -1
    makes the lowest value best (:attr:`commsim.experiment.spec.outcomes.Outcome.sign`)."""
    values = sign * means.to_numpy(dtype=float)
    best_index = np.nanargmax(values, axis=1)
    best = values[np.arange(len(values)), best_index]
    ordered = np.sort(values, axis=1)
    runner_up = ordered[:, -2] if values.shape[1] > 1 else np.full(len(values), np.nan)
    table = pd.DataFrame(
        {
            "best": means.columns[best_index],
            "best_value": sign * best,
            "margin": best - runner_up,
        },
        index=means.index,
    )
    slack = tolerance * np.abs(best)
    for i, lever in enumerate(means.columns):
        table[f"near_{lever}"] = (best - values[:, i]) <= slack
    return table


def robustness(
    means: pd.DataFrame, tolerance: float = ROBUST_TOLERANCE, sign: float = 1.0
) -> pd.DataFrame:
    """Per lever: the share of design points where it is best, and where it is within
    ``tolerance`` of the best (EMA's satisficing view of robustness)."""
    best = best_levers(means, tolerance, sign)
    rows = []
    for lever in means.columns:
        rows.append(
            {
                "lever": lever,
                "share_best": float((best["best"] == lever).mean()),
                "share_near_best": float(best[f"near_{lever}"].mean()),
                "points": len(best),
            }
        )
    return pd.DataFrame(rows)


def axis_bins(
    values: pd.Series, spec: Mapping[str, Any], count: int
) -> tuple[np.ndarray, list, list[tuple[float, float]] | None]:
    """Bin a design column for a heatmap or a dependence line -> (bin of each point, bin
    centres or values, bin edges or None). Choices, few whole numbers and grid levels keep
    their own values; ranges are cut into ``count`` equal bins (equal in the logarithm on a
    log scale)."""
    distinct = sorted(pd.unique(values), key=lambda v: (str(type(v)), v))
    if spec.get("kind") == "choice":
        order = [c for c in spec.get("choices", distinct) if c in set(distinct)]
        return values.map({v: i for i, v in enumerate(order)}).to_numpy(), order, None
    if len(distinct) <= max(count, 2) + 4 and len(distinct) <= 12:
        return values.map({v: i for i, v in enumerate(distinct)}).to_numpy(), distinct, None
    log = spec.get("kind") == "log-uniform"
    low = float(spec.get("low", values.min()))
    high = float(spec.get("high", values.max()))
    scaled = np.log(values.to_numpy(float)) if log else values.to_numpy(float)
    lo, hi = (math.log(low), math.log(high)) if log else (low, high)
    edges = np.linspace(lo, hi, count + 1)
    codes = np.clip(np.searchsorted(edges, scaled, side="right") - 1, 0, count - 1)
    centres = (edges[:-1] + edges[1:]) / 2
    if log:
        edges, centres = np.exp(edges), np.exp(centres)
    return codes, list(centres), list(zip(edges[:-1], edges[1:], strict=True))


def heatmap_bins(points: int, axes: int = 2) -> int:
    """Bins per axis so that a cell holds about four design points (2 to 8 bins)."""
    per_axis = (points / 4) ** (1 / axes)
    return int(min(8, max(2, round(per_axis))))


def win_cells(means: pd.DataFrame, x_codes: np.ndarray, y_codes: np.ndarray) -> pd.DataFrame:
    """Per heatmap cell: points in it, the lever with the highest mean, its margin over the
    runner-up (in the outcome's unit) and every lever's mean."""
    frame = means.copy()
    frame["x"], frame["y"] = x_codes, y_codes
    cells = frame.groupby(["x", "y"])[list(means.columns)].mean()
    counts = frame.groupby(["x", "y"]).size()
    best = best_levers(cells)
    cells["points"] = counts
    cells["winner"] = best["best"]
    cells["margin"] = best["margin"]
    return cells.reset_index()


def horizon_means(
    runs: pd.DataFrame, metric: str, checkpoints: Sequence[int], horizon: int
) -> dict[int, pd.DataFrame]:
    """Day -> point means of ``metric`` at that day (the horizon's column is the metric)."""
    tables = {}
    for day in checkpoints:
        column = Outcome(metric, None if day == horizon else day).column
        if column in runs.columns:
            tables[day] = point_means(runs, column)
    return tables


def partial_dependence(
    runs: pd.DataFrame, outcome: str, key: str, spec: Mapping[str, Any], bins: int = 8
) -> pd.DataFrame:
    """Mean outcome per lever across bins of one uncertainty, averaged over the others.

    With a space-filling design the other uncertainties are independent of this one, so the
    bin means estimate the partial dependence; ``low``/``high`` are a 95% normal interval of
    each bin mean over its design points.
    """
    means = point_means(runs, outcome)
    design = design_table(runs, {"uncertainties": [{"key": key}]})
    codes, centres, _ = axis_bins(design.loc[means.index, key], spec, bins)
    rows = []
    for lever in means.columns:
        column = means[lever].to_numpy(float)
        for code, centre in enumerate(centres):
            inside = column[codes == code]
            inside = inside[~np.isnan(inside)]
            if len(inside) == 0:
                continue
            spread = inside.std(ddof=1) / math.sqrt(len(inside)) if len(inside) > 1 else np.nan
            mean = float(inside.mean())
            rows.append(
                {
                    "lever": lever,
                    "bin": code,
                    "x": centre,
                    "mean": mean,
                    "low": mean - 1.96 * spread,
                    "high": mean + 1.96 * spread,
                    "points": len(inside),
                }
            )
    return pd.DataFrame(rows)
