"""What a programme adds against the world without it, as tables: totals over the horizon
per arm, paired with that world replicate by replicate (common random numbers).

``world_of`` maps each arm to the arm that is its world without the programme (the
manifest's ``counterfactuals.of``); an arm that is its own world adds exactly zero.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
from scipy import stats

from commsim.model.accounts import COST_ITEMS as MODEL_COST_ITEMS

SALES_ORIGINS = ("purchases_repeat", "purchases_switched", "purchases_new")
# The model's cost metrics (model/accounts.py), in its order.
COST_ITEMS = tuple(item.metric for item in MODEL_COST_ITEMS)
PAYBACK = "payback"  # crossovers.csv rows of an arm against its world without the programme


def t_interval(values: np.ndarray, level: float = 0.95) -> tuple[float, float, float]:
    """Mean and ``level`` t-interval of the mean (the mean twice with a single value)."""
    values = np.asarray(values, dtype=float)
    values = values[np.isfinite(values)]
    if len(values) == 0:
        return float("nan"), float("nan"), float("nan")
    mean = float(values.mean())
    if len(values) < 2:
        return mean, mean, mean
    half = stats.t.ppf(0.5 + level / 2, len(values) - 1) * values.std(ddof=1) / np.sqrt(len(values))
    return mean, float(mean - half), float(mean + half)


def run_totals(timeseries: pd.DataFrame, metrics: Sequence[str]) -> pd.DataFrame:
    """Per arm and replicate, the sum of daily ``metrics`` over every day."""
    present = [m for m in metrics if m in timeseries.columns]
    return timeseries.groupby(["arm", "replicate"], sort=False)[present].sum()


def at_horizon(timeseries: pd.DataFrame, metrics: Sequence[str]) -> pd.DataFrame:
    """Per arm and replicate, the value of ``metrics`` on the last day."""
    present = [m for m in metrics if m in timeseries.columns]
    last = timeseries[timeseries["step"] == timeseries["step"].max()]
    return last.set_index(["arm", "replicate"])[present]


def against_world(
    per_run: pd.DataFrame,
    arms: Sequence[str],
    world_of: Mapping[str, str],
    level: float = 0.95,
) -> pd.DataFrame:
    """Each arm's values (rows ``arm, replicate``) against its world without the programme,
    paired by replicate: one row per arm and metric with ``value`` (the arm's mean),
    ``world`` (the world's mean) and ``mean``, ``ci_low``, ``ci_high`` of the difference."""
    rows = []
    for arm in arms:
        world = world_of.get(arm)
        if world is None or arm not in per_run.index.get_level_values(0):
            continue
        own = per_run.loc[arm]
        base = per_run.loc[world].reindex(own.index) if world in per_run.index else None
        for metric in per_run.columns:
            values = own[metric].to_numpy(dtype=float)
            if base is None:
                continue
            diffs = values - base[metric].to_numpy(dtype=float)
            mean, low, high = t_interval(diffs, level)
            rows.append(
                {
                    "arm": arm,
                    "metric": metric,
                    "value": float(np.nanmean(values)),
                    "world": float(np.nanmean(base[metric].to_numpy(dtype=float))),
                    "mean": mean,
                    "ci_low": low,
                    "ci_high": high,
                    "n": int(np.isfinite(diffs).sum()),
                }
            )
    columns = ["arm", "metric", "value", "world", "mean", "ci_low", "ci_high", "n"]
    return pd.DataFrame(rows, columns=columns)


def mean_totals(per_run: pd.DataFrame, arms: Sequence[str]) -> pd.DataFrame:
    """Mean over replicates of each arm's per-run values (rows: arms in order)."""
    means = per_run.groupby(level=0, sort=False).mean()
    return means.reindex([a for a in arms if a in means.index])


def payback_rows(crossovers: pd.DataFrame | None) -> pd.DataFrame:
    """The payback rows of crossovers.csv (an empty table when there are none)."""
    columns = ["arm", "reference", "median_day", "low_day", "high_day", "share_crossed", "n"]
    if crossovers is None or "metric" not in crossovers.columns:
        return pd.DataFrame(columns=columns)
    return crossovers[crossovers["metric"] == PAYBACK].reset_index(drop=True)
