"""A fit says when a target is out of reach (and by how much), keeps a rate's interval in
its range, and warns when the search budget ran out before it converged."""

from __future__ import annotations

import numpy as np
import pandas as pd

from commsim.analysis.calibration import CalibrationResult, fit_notes
from commsim.experiment.spec.targets import Target
from commsim.experiment.spec.uncertainties import parse_uncertainty_table

ENGAGEMENT = Target("engagement", "engagement_rate", 0.02, (), 1, 30)


def result(kpis: list[float], unit: float, *, converged: bool, tried: int) -> CalibrationResult:
    space = parse_uncertainty_table({"platform.organic_reach": [0.01, 0.4]}, {}, where="t")
    history = pd.DataFrame({"evaluation": range(1, tried + 1), "loss": 1.0})
    return CalibrationResult(
        space,
        (ENGAGEMENT,),
        {"platform.organic_reach": 0.01 + unit * 0.39},
        np.array([unit]),
        1.0,
        np.array([[k] for k in kpis]),
        history,
        converged,
        "done",
        evaluations=40,
    )


def test_a_rate_interval_never_goes_below_zero():
    fit = result([0.001, 0.019, 0.0005], 0.5, converged=True, tried=12)
    table = fit.target_table()
    assert table.loc[0, "ci_low"] == 0.0 and table.loc[0, "ci_high"] > 0.02  # t-interval cut
    assert table.loc[0, "status"] == "fit"  # the observed 2% is inside the interval


def test_a_target_beyond_the_bounds_is_out_of_reach_by_how_much():
    fit = result([0.0100, 0.0101, 0.0099], 1.0, converged=False, tried=40)
    table = fit.target_table()
    assert table.loc[0, "status"] == "out of reach"  # the parameter sits at its upper bound
    notes = fit_notes(table, fit.parameter_table(), budget_spent=fit.budget_spent)
    assert notes[0].startswith("engagement: out of reach within the bounds; the best fit gives")
    assert (
        "(50% short of it)" in notes[0] and "platform.organic_reach at its upper bound" in notes[0]
    )
    assert fit.budget_spent and "search budget ran out" in notes[-1]


def test_a_miss_while_the_search_goes_on_is_a_miss_not_out_of_reach():
    fit = result([0.0100, 0.0101, 0.0099], 0.5, converged=False, tried=12)
    assert fit.target_table().loc[0, "status"] == "missed"
    assert not fit.budget_spent
