"""Tidy tables of an experiment: one row per run x day x brand, and one per run x brand."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from commsim.experiment.spec.run_plan import Run
from commsim.model.accounts import NEGLIGIBLE_COST
from commsim.model.catalogue import CHECKPOINT_METRICS, INCREMENTAL_METRICS, METRIC_NAMES

RUN_COLUMNS = ("run_id", "arm", "replicate", "seed")


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


def with_increments(
    timeseries: pd.DataFrame, counterfactual_of: Mapping[str, str], treated: Mapping[str, str]
) -> pd.DataFrame:
    """The time series with what each arm's programme adds: every row minus the row of the
    arm's world without the programme (``counterfactual_of``: arm -> arm), same replicate,
    day and brand. ``incremental_revenue`` and ``incremental_profit`` are cumulative;
    ``incremental_roi`` is the incremental profit over the incremental programme cost, for
    the brand whose programme it is (``treated``: arm -> brand; NaN for the others). NaN
    where the counterfactual is missing (switched off, or its run failed)."""
    frame = timeseries.copy()
    for name in INCREMENTAL_METRICS:
        frame[name] = np.nan
    if len(frame) == 0 or not counterfactual_of:
        return frame
    keys = ["replicate", "step", "brand"]
    cumulative_cost = frame.groupby(["run_id", "brand"], sort=False)["cost"].cumsum()
    own = frame[keys + ["cum_revenue", "cum_profit"]].assign(cum_cost=cumulative_cost)
    arm = frame["arm"]
    world = arm.map(counterfactual_of)
    base = own.assign(arm=arm).rename(columns={"arm": "world"})
    joined = own.assign(world=world.to_numpy()).merge(
        base, on=["world", *keys], how="left", suffixes=("", "_without")
    )
    frame["incremental_revenue"] = (joined["cum_revenue"] - joined["cum_revenue_without"]).values
    profit = (joined["cum_profit"] - joined["cum_profit_without"]).to_numpy()
    cost = (joined["cum_cost"] - joined["cum_cost_without"]).to_numpy()
    frame["incremental_profit"] = profit
    with np.errstate(divide="ignore", invalid="ignore"):
        roi = np.where(
            np.abs(cost) < NEGLIGIBLE_COST,
            np.sign(profit) * np.inf,
            profit / np.where(cost, cost, 1),
        )
    roi = np.where(profit == 0, 0.0, roi)
    roi = np.where(np.isnan(profit), np.nan, roi)
    is_treated = frame["brand"].to_numpy() == arm.map(treated).to_numpy()
    frame["incremental_roi"] = np.where(is_treated, roi, np.nan)
    return frame


def payback_days(frame: pd.DataFrame) -> pd.Series:
    """Per run and brand (index as ``frame``'s first row of each): the first day from which
    incremental cumulative profit stays above 0 to the horizon; NaN if it ends at or below
    0 (or there is no counterfactual)."""

    def first_day(group: pd.DataFrame) -> float:
        profit = group["incremental_profit"].to_numpy()
        if profit.size == 0 or not profit[-1] > 0:
            return np.nan
        not_ahead = np.flatnonzero(~(profit > 0))
        return float(
            group["step"].iloc[not_ahead[-1] + 1] if not_ahead.size else group["step"].iloc[0]
        )

    return frame.groupby(["run_id", "brand"], sort=False).apply(first_day, include_groups=False)


def summary_table(timeseries: pd.DataFrame, checkpoints: Sequence[int]) -> pd.DataFrame:
    """One row per run and brand: final value of every metric, the payback day, and the key
    metrics at each checkpoint as ``<metric>_d<day>``. Rows keep the order of ``timeseries``."""
    keys = [*RUN_COLUMNS, "brand"]
    if len(timeseries) == 0:
        return pd.DataFrame(columns=keys)
    extra = [m for m in INCREMENTAL_METRICS if m in timeseries.columns]
    metrics = [m for m in METRIC_NAMES if m in timeseries.columns] + extra
    # The last row of each run and brand (not the last non-missing value of each metric).
    summary = timeseries.drop_duplicates(keys, keep="last")[keys + metrics].reset_index(drop=True)
    if "incremental_profit" in timeseries.columns:
        payback = payback_days(timeseries).rename("payback_day")
        summary = summary.merge(payback, left_on=["run_id", "brand"], right_index=True, how="left")
    for day in checkpoints:
        at_day = timeseries[timeseries["step"] == day].set_index(keys)
        columns = at_day[[m for m in CHECKPOINT_METRICS if m in metrics]]
        columns = columns.rename(columns=lambda m, d=day: f"{m}_d{d}")
        summary = summary.merge(columns, left_on=keys, right_index=True, how="left")
    return summary
