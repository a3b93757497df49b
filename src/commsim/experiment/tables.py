"""Tidy tables of an experiment: one row per run x day x brand, and one per run x brand."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from commsim.experiment.run_plan import Run
from commsim.model.metrics import METRIC_NAMES

RUN_COLUMNS = ("run_id", "arm", "replicate", "seed")
# Metrics reported at every checkpoint in summary.csv (the rest only at the horizon).
CHECKPOINT_METRICS = (
    "cum_profit",
    "cum_revenue",
    "community_members",
    "active_members",
    "followers",
    "awareness",
    "purchases",
)


def tidy_run(run: Run, frame: pd.DataFrame) -> pd.DataFrame:
    """A run's daily metrics with the run's identity in front: run_id, arm, replicate,
    seed, step, brand, then every metric (missing ones as NaN)."""
    tidy = pd.DataFrame(
        {
            "run_id": run.run_id,
            "arm": run.arm,
            "replicate": run.replicate,
            "seed": run.seed,
            "step": frame["step"].to_numpy(),
            "brand": frame["brand"].to_numpy(),
        }
    )
    for name in METRIC_NAMES:
        tidy[name] = frame[name].to_numpy() if name in frame.columns else float("nan")
    tidy["seed"] = tidy["seed"].astype("int64")
    return tidy


def summary_table(timeseries: pd.DataFrame, checkpoints: Sequence[int]) -> pd.DataFrame:
    """One row per run and brand: final value of every metric, and the key metrics at each
    checkpoint as ``<metric>_d<day>``. Rows keep the order of ``timeseries``."""
    keys = [*RUN_COLUMNS, "brand"]
    if len(timeseries) == 0:
        return pd.DataFrame(columns=keys)
    metrics = [m for m in METRIC_NAMES if m in timeseries.columns]
    # The last row of each run and brand (not the last non-missing value of each metric).
    summary = timeseries.drop_duplicates(keys, keep="last")[keys + metrics].reset_index(drop=True)
    for day in checkpoints:
        at_day = timeseries[timeseries["step"] == day].set_index(keys)
        columns = at_day[[m for m in CHECKPOINT_METRICS if m in metrics]]
        columns = columns.rename(columns=lambda m, d=day: f"{m}_d{d}")
        summary = summary.merge(columns, left_on=keys, right_index=True, how="left")
    return summary
