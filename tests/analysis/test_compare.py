"""Arm comparison: bootstrap intervals, paired differences and crossover days, on tables with
known answers."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from commsim.analysis.compare import (
    COMPARISON_COLUMNS,
    CROSSOVER_COLUMNS,
    bootstrap_mean,
    compare_arms,
    crossovers,
    settled_lead_day,
)

STEPS = 100


def runs(curves: dict[str, list[np.ndarray]], brand: str = "focal") -> pd.DataFrame:
    """Tidy rows of cumulative profit: ``curves[arm][replicate]`` is one run's daily values."""
    frames = []
    for arm, replicates in curves.items():
        for r, values in enumerate(replicates):
            frames.append(
                pd.DataFrame(
                    {
                        "run_id": f"{arm}-r{r:03d}",
                        "arm": arm,
                        "replicate": r,
                        "seed": r,
                        "step": np.arange(1, len(values) + 1),
                        "brand": brand,
                        "cum_profit": values,
                    }
                )
            )
    return pd.concat(frames, ignore_index=True)


def line(start: float, slope: float) -> np.ndarray:
    return start + slope * np.arange(1, STEPS + 1)


def test_bootstrap_interval_covers_the_mean_and_repeats_with_the_same_generator():
    sample = np.array([3.0, 5.0, 4.0, 6.0, 2.0, 5.5, 4.5, 3.5])
    mean, low, high = bootstrap_mean(sample, np.random.default_rng(1))
    assert mean == pytest.approx(sample.mean())
    assert low < mean < high
    # Half-width near the t-interval's (1.96 standard errors), not wildly off.
    sem = sample.std(ddof=1) / np.sqrt(sample.size)
    assert 0.5 * 1.96 * sem < (high - low) / 2 < 1.5 * 1.96 * sem
    assert bootstrap_mean(sample, np.random.default_rng(1)) == (mean, low, high)


def test_bootstrap_interval_collapses_without_spread_and_is_undefined_for_one_value():
    assert bootstrap_mean([2.0, 2.0, 2.0], np.random.default_rng(0)) == (2.0, 2.0, 2.0)
    mean, low, high = bootstrap_mean([2.0], np.random.default_rng(0))
    assert mean == 2.0 and np.isnan(low) and np.isnan(high)


def test_comparison_pairs_replicates_against_the_reference():
    # value = push + 10 + r in replicate r: the paired difference is 10 + r, mean 11.5.
    push = [line(r * 100.0, 1.0) for r in range(4)]
    value = [p + 10 + r for r, p in enumerate(push)]
    table = compare_arms(runs({"push": push, "value": value}), "push", [50, STEPS], seed=3)
    assert list(table.columns) == COMPARISON_COLUMNS
    row = table[(table["arm"] == "value") & (table["checkpoint"] == STEPS)].iloc[0]
    assert row["diff_mean"] == pytest.approx(11.5)
    assert 10 <= row["diff_low"] < 11.5 < row["diff_high"] <= 13
    assert row["n"] == 4
    assert table[table["arm"] == "push"]["diff_mean"].isna().all()
    again = compare_arms(runs({"push": push, "value": value}), "push", [50, STEPS], seed=3)
    pd.testing.assert_frame_equal(table, again)  # fixed random state: same table


def test_arm_overtaking_the_reference_gives_the_day_it_stays_ahead():
    # push earns 5 a day; value starts 100 behind and earns 7 + r: it draws level on day
    # 100 / (2 + r) and stays ahead from the next day on.
    push = [line(0.0, 5.0) for _ in range(4)]
    value = [line(-100.0, 7.0 + r) for r in range(4)]
    table = crossovers(runs({"push": push, "value": value}), "push")
    assert list(table.columns) == CROSSOVER_COLUMNS
    row = table.iloc[0]
    days = [np.floor(100 / (2 + r)) + 1 for r in range(4)]  # 51, 34, 26, 21
    assert row["leader"] == "value" and row["share_crossed"] == 1.0 and row["n"] == 4
    assert row["median_day"] == np.median(days)
    assert min(days) <= row["low_day"] <= row["high_day"] <= max(days)


def test_reference_overtaking_the_arm_is_reported_with_the_reference_as_leader():
    push = [line(0.0, 5.0) for _ in range(3)]
    early = [line(60.0, 4.0) for _ in range(3)]  # ahead by 60, loses 1 a day: behind from 61
    row = crossovers(runs({"push": push, "early": early}), "push").iloc[0]
    assert row["leader"] == "push"
    assert row["median_day"] == 61 and row["share_crossed"] == 1.0


def test_an_arm_that_never_trails_has_no_crossover():
    push = [line(0.0, 5.0) for _ in range(3)]
    value = [line(10.0, 6.0) for _ in range(3)]
    row = crossovers(runs({"push": push, "value": value}), "push").iloc[0]
    assert row["leader"] == "value"
    assert np.isnan(row["median_day"]) and row["share_crossed"] == 0.0


def test_a_lead_that_changes_hands_twice_counts_only_its_last_change():
    steps = np.arange(1, 11)
    lead = np.array([-1, -1, 1, 1, -1, -1, 2, 3, 4, 5], dtype=float)
    assert settled_lead_day(steps, lead) == 7
    assert np.isnan(settled_lead_day(steps, -lead))


def test_only_the_chosen_brand_is_compared():
    push = [line(0.0, 5.0) for _ in range(2)]
    value = [line(-100.0, 8.0) for _ in range(2)]
    frame = pd.concat(
        [
            runs({"push": push, "value": value}, brand="focal"),
            runs({"push": value, "value": push}, brand="rival"),
        ]
    )
    assert crossovers(frame, "push").iloc[0]["leader"] == "value"  # first brand: focal
    assert crossovers(frame, "push", brand="rival").iloc[0]["leader"] == "push"
