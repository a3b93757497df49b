"""Sensitivity analysis recovers known indices through the same path the CLI takes
(SALib design -> evaluator in row order -> analysis), with the model swapped for an analytic
function at test level."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from commsim.analysis.sensitivity_indices import WIDE_INTERVAL, noise_share, run_sensitivity
from commsim.experiment.spec.uncertainties import UncertaintySpace, Uniform

A, B = 7.0, 0.1  # Ishigami and Homma (1990) constants used by SALib and the EMA Workbench
# Analytic indices (Sobol' and Levitan 1999): V = a^2/8 + b pi^4/5 + b^2 pi^8/18 + 1/2.
VARIANCE = A**2 / 8 + B * math.pi**4 / 5 + B**2 * math.pi**8 / 18 + 0.5
S1 = {
    "x1": 0.5 * (1 + B * math.pi**4 / 5) ** 2 / VARIANCE,  # 0.314
    "x2": A**2 / 8 / VARIANCE,  # 0.442
    "x3": 0.0,
}
ST = {
    "x1": S1["x1"] + 8 * B**2 * math.pi**8 / 225 / VARIANCE,  # 0.558
    "x2": S1["x2"],
    "x3": 8 * B**2 * math.pi**8 / 225 / VARIANCE,  # 0.244
}
ISHIGAMI = UncertaintySpace(tuple(Uniform(f"x{i}", -math.pi, math.pi) for i in (1, 2, 3)))


def ishigami(points: pd.DataFrame) -> np.ndarray:
    """A test-level evaluator: design rows (named columns) -> one output per row."""
    x1, x2, x3 = (points[f"x{i}"].to_numpy() for i in (1, 2, 3))
    return np.sin(x1) + A * np.sin(x2) ** 2 + B * x3**4 * np.sin(x1)


def test_sobol_recovers_the_ishigami_indices():
    result = run_sensitivity(ISHIGAMI, ishigami, method="sobol", base_size=4096, seed=7)
    table = result.indices.set_index(["parameter", "index"])
    for truth, index in ((S1, "S1"), (ST, "ST")):
        for name, value in truth.items():
            row = table.loc[(name, index)]
            # Within two half-widths of the 95% interval (about four standard errors), and
            # that interval is narrow enough to tell the indices apart.
            assert abs(row["value"] - value) <= 2 * row["conf"], (name, index, row["value"])
            assert row["conf"] < WIDE_INTERVAL
    assert table.loc[("x1", "S1"), "value"] == pytest.approx(0.31, abs=0.04)
    assert table.loc[("x2", "S1"), "value"] == pytest.approx(0.44, abs=0.04)
    # x3 acts only through its interaction with x1: S1 indistinguishable from 0, ST is not.
    assert table.loc[("x3", "S1"), "includes_zero"]
    assert not table.loc[("x3", "ST"), "includes_zero"]
    assert list(result.ranking.index) == ["x1", "x2", "x3"]
    assert result.warnings == []  # 4096 base samples are enough


def test_morris_measures_the_effect_of_each_parameter_across_its_range():
    space = UncertaintySpace((Uniform("a", 0, 2), Uniform("b", 10, 11), Uniform("c", -1, 1)))

    def linear(points: pd.DataFrame) -> np.ndarray:
        return 3 * points["a"].to_numpy() + points["b"].to_numpy()

    result = run_sensitivity(space, linear, method="morris", base_size=12, seed=2)
    table = result.indices.set_index(["parameter", "index"])["value"]
    # An elementary effect is the change across the parameter's full range: 3 x 2, 1 x 1, 0.
    assert table[("a", "mu_star")] == pytest.approx(6.0)
    assert table[("b", "mu_star")] == pytest.approx(1.0)
    assert table[("c", "mu_star")] == pytest.approx(0.0)
    assert table[("a", "sigma")] == pytest.approx(0.0, abs=1e-9)  # linear: no interactions


def test_replicates_are_averaged_and_their_noise_reported():
    rng = np.random.default_rng(0)

    def noisy(points: pd.DataFrame) -> pd.DataFrame:
        signal = ishigami(points)
        return pd.DataFrame({r: signal + rng.normal(0, 3.0, len(signal)) for r in range(4)})

    result = run_sensitivity(ISHIGAMI, noisy, method="sobol", base_size=256, seed=1)
    # Noise variance of a mean of 4 replicates: 9 / 4; signal variance: VARIANCE.
    expected = (9 / 4) / (VARIANCE + 9 / 4)
    assert result.noise == pytest.approx(expected, rel=0.15)
    assert any("run-to-run noise" in note for note in result.warnings)
    assert any("256 base samples" in note for note in result.warnings)


def test_noise_share_is_the_within_row_variance_of_the_mean():
    rows = pd.DataFrame({0: [0.0, 10.0, 20.0], 1: [2.0, 12.0, 22.0]})
    # Within-row variance 2 -> variance of a mean of two: 1; variance of the means: 100.
    assert noise_share(rows) == pytest.approx(1 / 100)
    assert noise_share(rows[[0]]) is None


def test_a_small_morris_sample_is_warned_about():
    result = run_sensitivity(ISHIGAMI, ishigami, method="morris", base_size=4, seed=0)
    assert any("4 trajectories" in note for note in result.warnings)
