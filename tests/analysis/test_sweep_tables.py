"""Sweep tables: winners, margins, robustness, bins and partial dependence."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from commsim.analysis.sweep_tables import (
    axis_bins,
    best_levers,
    partial_dependence,
    replicate_matrix,
    robustness,
    win_cells,
)


def test_best_lever_margin_and_robustness_within_five_percent():
    means = pd.DataFrame(
        {"push": [100.0, 100.0, -100.0], "value": [90.0, 97.0, -104.0]}, index=[0, 1, 2]
    )
    best = best_levers(means)
    assert best["best"].tolist() == ["push", "push", "push"]
    assert best["margin"].tolist() == [10.0, 3.0, 4.0]
    table = robustness(means).set_index("lever")
    assert table.loc["push", "share_best"] == 1.0
    # value is within 5% of the best at points 1 (3 of 100) and 2 (4 of |-100|), not at 0.
    assert table.loc["value", "share_near_best"] == pytest.approx(2 / 3)


def test_heatmap_cells_average_the_points_inside():
    means = pd.DataFrame({"push": [1.0, 3.0, 10.0], "value": [2.0, 1.0, 0.0]})
    cells = win_cells(means, np.array([0, 0, 1]), np.array([0, 0, 0]))
    assert cells["winner"].tolist() == ["push", "push"]
    assert cells["margin"].tolist() == [0.5, 10.0]
    assert cells["points"].tolist() == [2, 1]


def test_ranges_are_cut_into_equal_bins_on_their_own_scale():
    values = pd.Series([0.011, 0.09, 0.11, 0.99, *np.linspace(0.2, 0.9, 20)])
    codes, centres, edges = axis_bins(values, {"kind": "log-uniform", "low": 0.01, "high": 1}, 2)
    assert codes[:4].tolist() == [0, 0, 1, 1]  # the log-midpoint of 0.01-1 is 0.1
    assert centres == pytest.approx([10**-1.5, 10**-0.5])
    assert edges[0] == pytest.approx((0.01, 0.1))
    choice = axis_bins(pd.Series(["b", "a", "b"]), {"kind": "choice", "choices": ["b", "a"]}, 4)
    assert choice[0].tolist() == [0, 1, 0] and choice[2] is None


def test_partial_dependence_and_paired_differences():
    rows = []
    for point, x in enumerate(np.linspace(0, 1, 20)):
        for lever, slope in (("push", 1.0), ("value", 3.0)):
            for replicate in (0, 1):
                rows.append(
                    {
                        "point": point,
                        "lever": lever,
                        "replicate": replicate,
                        "x": x,
                        "y": slope * x + replicate,
                    }
                )
    runs = pd.DataFrame(rows)
    curve = partial_dependence(runs, "y", "x", {"kind": "uniform", "low": 0, "high": 1}, 4)
    value = curve[curve["lever"] == "value"]
    assert value["mean"].is_monotonic_increasing
    assert value["mean"].iloc[-1] - value["mean"].iloc[0] == pytest.approx(3 * 0.75, rel=0.1)
    gap = replicate_matrix(runs, "y", "value", "push")
    assert gap.shape == (20, 2)
    assert gap.iloc[-1].tolist() == pytest.approx([2.0, 2.0])  # (3 - 1) x 1, same replicate
