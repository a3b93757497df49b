"""Spread over replicates, day by day: quantile bands and paired differences.

These are the numbers behind fan charts and interval charts. Replicate r of every arm shares
its random numbers (docs/experiments.md, "Seeds: common random numbers"), so differences
against the reference arm are paired by replicate, which removes most of the between-run noise.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from scipy import stats

from commsim.analysis import windows

# Fan charts show the mean line with the middle 50% and the middle 90% of replicates.
FAN_QUANTILES: tuple[float, ...] = (0.05, 0.25, 0.5, 0.75, 0.95)

# Daily flows are noisy; charts show them over a trailing window.
ROLLING_DAYS = 30


def _quantile_columns(quantiles: Sequence[float]) -> list[str]:
    return ["median" if q == 0.5 else f"q{round(q * 100):02d}" for q in quantiles]


def trailing_per_run(timeseries: pd.DataFrame, metric: str, days: int = ROLLING_DAYS) -> pd.Series:
    """A daily metric over the trailing ``days`` of each run, aligned with ``timeseries``
    (rates recomputed from their parts: :mod:`commsim.analysis.windows`)."""
    frame = timeseries.sort_values(["run_id", "step"])
    return windows.trailing(frame, metric, days, frame["run_id"]).reindex(timeseries.index)


def quantile_bands(
    timeseries: pd.DataFrame,
    metric: str,
    *,
    values: pd.Series | None = None,
    quantiles: Sequence[float] = FAN_QUANTILES,
    by: Sequence[str] = ("arm",),
) -> pd.DataFrame:
    """Per group and day, quantiles of ``metric`` over replicates (one row per group x step).

    ``values`` replaces the metric column (e.g. a trailing window from :func:`trailing_per_run`).
    Columns: the ``by`` columns, ``step``, ``q05``, ``q25``, ``median``, ``q75``, ``q95``,
    ``mean`` and ``n``.
    """
    keys = [*by, "step"]
    data = timeseries[keys].copy()
    data["value"] = timeseries[metric] if values is None else values
    grouped = data.groupby(keys, sort=True)["value"]
    bands = grouped.quantile(list(quantiles)).unstack()
    bands.columns = _quantile_columns(quantiles)
    bands["mean"] = grouped.mean()
    bands["n"] = grouped.count()
    return bands.reset_index()


def paired_difference_bands(
    timeseries: pd.DataFrame,
    metric: str,
    reference: str,
    *,
    values: pd.Series | None = None,
    level: float = 0.95,
) -> pd.DataFrame:
    """Per arm and day, the arm minus the reference arm, paired by replicate.

    Columns: ``arm``, ``step``, ``mean``, ``ci_low``, ``ci_high`` (``level`` interval of the mean
    difference), ``q05``, ``q95`` (spread of the paired differences) and ``n`` (pairs).
    """
    data = timeseries[["arm", "replicate", "step"]].copy()
    data["value"] = timeseries[metric] if values is None else values
    wide = data.pivot_table(index=["replicate", "step"], columns="arm", values="value")
    if reference not in wide.columns:
        raise ValueError(f"reference arm {reference!r} is not in the results")
    rows = []
    for arm in [a for a in wide.columns if a != reference]:
        diff = (wide[arm] - wide[reference]).dropna().unstack("replicate")
        n = diff.notna().sum(axis=1)
        mean = diff.mean(axis=1)
        sem = diff.std(axis=1, ddof=1) / np.sqrt(n)
        t = stats.t.ppf(0.5 + level / 2, np.maximum(n - 1, 1))
        half = (t * sem).fillna(0.0)
        rows.append(
            pd.DataFrame(
                {
                    "arm": arm,
                    "step": diff.index.to_numpy(),
                    "mean": mean.to_numpy(),
                    "ci_low": (mean - half).to_numpy(),
                    "ci_high": (mean + half).to_numpy(),
                    "q05": diff.quantile(0.05, axis=1).to_numpy(),
                    "q95": diff.quantile(0.95, axis=1).to_numpy(),
                    "n": n.to_numpy(),
                }
            )
        )
    columns = ["arm", "step", "mean", "ci_low", "ci_high", "q05", "q95", "n"]
    return pd.concat(rows, ignore_index=True) if rows else pd.DataFrame(columns=columns)
