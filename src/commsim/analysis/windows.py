"""Metrics over a trailing window of days, the one definition every chart and page uses.

Daily values are noisy (no posts on some days), so charts and the explorer show them over a
window. Flows are summed over it; rates are recomputed from their parts rather than averaged
day by day: the engagement rate is the window's engagements over its impressions, and the
organic reach is the mean of the model's daily reach (``organic_reach_rate``) over the days
the brand posted, since it is undefined on days without posts.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

# Each rate recomputed over a window, and the daily metrics it is computed from.
RATES = {
    "engagement_rate": ("engagements", "impressions_organic", "impressions_paid"),
    "organic_reach_rate": ("organic_reach_rate", "posts"),
}


def window_sum(values: pd.Series, days: int, runs: pd.Series | None = None) -> pd.Series:
    """Sum over the trailing ``days`` (fewer at the start), within each run when ``runs``
    labels the rows (rows in day order within a run)."""
    if runs is None:
        return values.rolling(days, min_periods=1).sum()
    grouped = values.groupby(runs, sort=False)
    return grouped.transform(lambda s: s.rolling(days, min_periods=1).sum())


def trailing_rate(
    frame: pd.DataFrame, metric: str, days: int, runs: pd.Series | None = None
) -> pd.Series:
    """A rate of :data:`RATES` over the trailing ``days``; NaN where the window has no
    impressions (engagement rate) or no posts (organic reach)."""
    if metric == "engagement_rate":
        impressions = frame["impressions_organic"] + frame["impressions_paid"]
        shown = window_sum(impressions, days, runs)
        return window_sum(frame["engagements"], days, runs) / shown.replace(0, np.nan)
    if metric == "organic_reach_rate":
        posted = (frame["posts"] > 0).astype(float)
        reach = window_sum(frame["organic_reach_rate"] * posted, days, runs)
        return reach / window_sum(posted, days, runs).replace(0, np.nan)
    raise ValueError(f"{metric!r} is not a rate recomputed over a window ({', '.join(RATES)})")


def trailing(frame: pd.DataFrame, metric: str, days: int, runs: pd.Series | None = None):
    """Any metric over the trailing ``days``: a rate of :data:`RATES`, or a flow's sum."""
    if metric in RATES:
        return trailing_rate(frame, metric, days, runs)
    return window_sum(frame[metric], days, runs)
