"""Replicate statistics and arm comparison: means with bootstrap intervals at checkpoints,
paired differences against a reference arm, and the day one arm overtakes another.

Replicate r of every arm shares its random numbers (docs/experiments.md, "Seeds: common
random numbers"), so differences are taken replicate by replicate. Bootstrap resampling draws
from a generator seeded by the experiment's seed and the cell (arm, metric, day), so the same
results give the same table.
"""

from __future__ import annotations

import warnings
import zlib
from collections.abc import Sequence

import numpy as np
import pandas as pd

# Metrics compared at every checkpoint (when the results hold them).
COMPARISON_METRICS: tuple[str, ...] = (
    "incremental_profit",
    "incremental_revenue",
    "incremental_roi",
    "cum_profit",
    "cum_revenue",
    "community_members",
    "active_members",
    "followers",
    "awareness",
    "mean_attitude",
    "buyers",
    "purchases",
)
COMPARISON_COLUMNS = [
    "arm",
    "checkpoint",
    "metric",
    "mean",
    "ci_low",
    "ci_high",
    "diff_mean",
    "diff_low",
    "diff_high",
    "n",
]
CROSSOVER_COLUMNS = [
    "arm",
    "reference",
    "metric",
    "median_day",
    "low_day",
    "high_day",
    "share_crossed",
    "n",
    "leader",
]
# 1,999 resamples keep the Monte Carlo error of a 95% bound small against the interval width
# (Efron & Tibshirani 1993 advise at least 1,000 for percentile-type intervals).
RESAMPLES = 1999


def select_brand(timeseries: pd.DataFrame, brand: str | None = None) -> pd.DataFrame:
    """Rows of one brand (default: the first brand in the table, the focal one)."""
    if "brand" not in timeseries.columns or len(timeseries) == 0:
        return timeseries
    name = brand if brand is not None else timeseries["brand"].iloc[0]
    return timeseries[timeseries["brand"] == name]


def arm_order(timeseries: pd.DataFrame) -> list[str]:
    """Arms in order of first appearance (the experiment's order)."""
    return [str(arm) for arm in dict.fromkeys(timeseries["arm"])]


def cell_rng(seed: int, *cell: object) -> np.random.Generator:
    """A generator for one table cell: same experiment seed and cell, same draws."""
    key = zlib.crc32("|".join(str(part) for part in cell).encode("utf-8"))
    return np.random.default_rng([int(seed) % 2**63, key])


def bootstrap_mean(
    values: Sequence[float] | np.ndarray,
    rng: np.random.Generator,
    level: float = 0.95,
) -> tuple[float, float, float]:
    """Mean and its bootstrap interval (BCa; percentile where BCa is undefined).

    The interval is NaN for fewer than two values and collapses to the mean when they are
    all equal (nothing varies between replicates). Missing and infinite values are left out.
    """
    sample = np.asarray(values, dtype=float)
    sample = sample[np.isfinite(sample)]  # an ROI over no cost is infinite: not averaged
    if sample.size == 0:
        return (np.nan, np.nan, np.nan)
    mean = float(sample.mean())
    if sample.size < 2:
        return (mean, np.nan, np.nan)
    if np.ptp(sample) == 0:
        return (mean, mean, mean)
    from scipy import stats  # here, not at the top: `import commsim` stays quick for the CLI

    interval = (np.nan, np.nan)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # BCa warns on tiny or lumpy samples; we fall back
        for method in ("BCa", "percentile"):
            result = stats.bootstrap(
                (sample,),
                np.mean,
                confidence_level=level,
                n_resamples=RESAMPLES,
                method=method,
                random_state=rng,
            )
            interval = result.confidence_interval
            if np.isfinite(interval.low) and np.isfinite(interval.high):
                break
    return (mean, float(interval[0]), float(interval[1]))


def compare_arms(
    timeseries: pd.DataFrame,
    reference: str,
    checkpoints: Sequence[int],
    *,
    metrics: Sequence[str] = COMPARISON_METRICS,
    brand: str | None = None,
    seed: int = 0,
    level: float = 0.95,
) -> pd.DataFrame:
    """Per arm, checkpoint and metric: mean and interval over replicates, and the mean
    paired difference to the reference arm with its interval (NaN for the reference).

    Long format with :data:`COMPARISON_COLUMNS`; rows by metric, checkpoint, then arm.
    """
    frame = select_brand(timeseries, brand)
    arms = arm_order(frame)
    present = [m for m in metrics if m in frame.columns]
    rows = []
    for metric in present:
        for day in checkpoints:
            snapshot = frame[frame["step"] == day]
            if len(snapshot) == 0:
                continue
            wide = snapshot.pivot_table(
                index="replicate", columns="arm", values=metric, aggfunc="first", dropna=False
            )
            for arm in arms:
                values = wide[arm] if arm in wide.columns else pd.Series(dtype=float)
                mean, low, high = bootstrap_mean(values, cell_rng(seed, arm, metric, day), level)
                diff = (np.nan, np.nan, np.nan)
                if arm != reference and reference in wide.columns and arm in wide.columns:
                    paired = (wide[arm] - wide[reference]).dropna()
                    diff = bootstrap_mean(
                        paired, cell_rng(seed, arm, reference, metric, day), level
                    )
                rows.append(
                    {
                        "arm": arm,
                        "checkpoint": int(day),
                        "metric": metric,
                        "mean": mean,
                        "ci_low": low,
                        "ci_high": high,
                        "diff_mean": diff[0],
                        "diff_low": diff[1],
                        "diff_high": diff[2],
                        "n": int(values.notna().sum()),
                    }
                )
    return pd.DataFrame(rows, columns=COMPARISON_COLUMNS)


def settled_lead_day(steps: np.ndarray, lead: np.ndarray) -> float:
    """The first day from which ``lead`` stays > 0 to the horizon, if it was < 0 before.

    NaN when the lead does not end positive, or was never negative (no overtaking).
    """
    if lead.size == 0 or not lead[-1] > 0 or not (lead < 0).any():
        return np.nan
    last_not_ahead = np.flatnonzero(~(lead > 0))[-1]
    return float(steps[last_not_ahead + 1])


def crossovers(
    timeseries: pd.DataFrame,
    reference: str,
    metric: str = "cum_profit",
    brand: str | None = None,
) -> pd.DataFrame:
    """When does one arm overtake the other in ``metric`` (default cumulative profit)?

    One row per non-reference arm (:data:`CROSSOVER_COLUMNS`). ``leader`` is the arm ahead at
    the horizon on average over replicates. For each replicate, the crossover day is the first
    day from which the leader stays ahead to the horizon, counted only when it was behind
    earlier: the arm overtaking the reference when the arm leads, the reference overtaking
    the arm when the reference leads. ``median_day`` is the median over the replicates that
    cross, ``low_day`` and ``high_day`` their 2.5% and 97.5% quantiles (the spread over
    replicates), ``share_crossed`` their share of the ``n`` paired replicates. Days are NaN
    where no replicate crosses.
    """
    frame = select_brand(timeseries, brand)
    wide = frame.pivot_table(
        index="step", columns=["arm", "replicate"], values=metric, aggfunc="first"
    ).sort_index()
    steps = wide.index.to_numpy()
    arms = arm_order(frame)
    rows = []
    for arm in arms:
        if arm == reference:
            continue
        row = {"arm": arm, "reference": reference, "metric": metric}
        replicates = []
        if reference in arms:
            replicates = sorted(set(wide[arm].columns) & set(wide[reference].columns))
        difference = np.empty((len(steps), 0))
        if replicates:
            difference = (wide[arm][replicates] - wide[reference][replicates]).to_numpy()
        finals = difference[-1] if len(replicates) else np.array([])
        direction = np.sign(np.nanmean(finals)) if finals.size else 0.0
        leader = {1.0: arm, -1.0: reference}.get(float(direction))
        days = np.array(
            [settled_lead_day(steps, direction * difference[:, j]) for j in range(finals.size)]
        )
        crossed = days[~np.isnan(days)] if direction != 0 else np.array([])
        n = int(finals.size)
        row.update(
            median_day=float(np.median(crossed)) if crossed.size else np.nan,
            low_day=float(np.percentile(crossed, 2.5)) if crossed.size else np.nan,
            high_day=float(np.percentile(crossed, 97.5)) if crossed.size else np.nan,
            share_crossed=crossed.size / n if n else np.nan,
            n=n,
            leader=leader,
        )
        rows.append(row)
    return pd.DataFrame(rows, columns=CROSSOVER_COLUMNS)


def paybacks(summary: pd.DataFrame, counterfactual_of: dict[str, str], brand: str) -> pd.DataFrame:
    """When does each arm pay back against doing nothing: per arm (:data:`CROSSOVER_COLUMNS`,
    metric ``payback``, reference its world without the programme), the median payback day
    over the replicates that paid back, the 2.5% and 97.5% quantiles of those days (the
    spread over replicates) and the share of replicates that paid back by the horizon.
    ``leader`` is the arm when its mean incremental profit at the horizon is positive."""
    rows = []
    if "payback_day" not in summary.columns:
        return pd.DataFrame(rows, columns=CROSSOVER_COLUMNS)
    frame = summary[summary["brand"] == brand]
    for arm in arm_order(frame):
        world = counterfactual_of.get(arm)
        if world is None or world == arm:
            continue
        own = frame[frame["arm"] == arm]
        days = own["payback_day"].dropna().to_numpy()
        n = int(own["incremental_profit"].notna().sum())
        ahead = own["incremental_profit"].mean() > 0
        rows.append(
            {
                "arm": arm,
                "reference": world,
                "metric": "payback",
                "median_day": float(np.median(days)) if days.size else np.nan,
                "low_day": float(np.percentile(days, 2.5)) if days.size else np.nan,
                "high_day": float(np.percentile(days, 97.5)) if days.size else np.nan,
                "share_crossed": days.size / n if n else np.nan,
                "n": n,
                "leader": arm if ahead else world,
            }
        )
    return pd.DataFrame(rows, columns=CROSSOVER_COLUMNS)
