"""PRIM finds the box where a yes/no answer holds, with readable rules, and questions over a
sweep's runs table are read and answered per design point."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from commsim.analysis.prim import THRESHOLD, prim
from commsim.analysis.questions import answer, parse_question
from commsim.config import ConfigError


@pytest.fixture
def scenarios() -> pd.DataFrame:
    rng = np.random.default_rng(1)
    return pd.DataFrame(
        {
            "reach": rng.random(600),
            "fatigue": rng.random(600),
            "noise": rng.random(600),
            "network": rng.choice(["homophilous", "random", "grid"], 600),
        }
    )


def test_prim_recovers_a_box_and_keeps_only_the_conditions_that_matter(scenarios):
    yes = (scenarios["reach"] > 0.6) & (scenarios["fatigue"] < 0.4)
    result = prim(scenarios, yes)
    box = result.box
    limits = {limit.key: limit for limit in box.limits}
    assert set(limits) == {"reach", "fatigue"}  # nothing on the noise or the network
    assert limits["reach"].high is None and limits["fatigue"].low is None
    # A box of density >= 0.8 can reach past the true edge by at most 1/0.8 of the yes-span
    # along one side: reach from 0.6 down to 1 - 0.4 / 0.8, fatigue from 0.4 up to 0.4 / 0.8.
    assert 1 - 0.4 / THRESHOLD <= limits["reach"].low <= 0.6 + 0.02
    assert 0.4 - 0.02 <= limits["fatigue"].high <= 0.4 / THRESHOLD
    assert box.coverage >= 0.95 and box.density >= 0.8
    assert box.rule.startswith("reach >= 0.6")
    assert all(p < 0.05 for p in box.qp_values.values())
    # The trajectory trades coverage for density, from the whole space inwards.
    assert result.trajectory["coverage"].iloc[0] == 1.0
    assert result.trajectory["density"].iloc[0] == pytest.approx(yes.mean())
    assert result.trajectory["density"].is_monotonic_increasing


def test_prim_restricts_categories(scenarios):
    yes = scenarios["network"].eq("random") & (scenarios["reach"] > 0.3)
    box = prim(scenarios, yes).box
    categories = [limit for limit in box.limits if limit.key == "network"]
    assert categories and categories[0].categories == ("random",)
    assert "network in {random}" in box.rule


def test_with_few_points_no_restriction_is_claimed():
    x = pd.DataFrame({"reach": [0.1, 0.2, 0.3, 0.4, 0.5, 0.6]})
    result = prim(x, np.array([False, False, True, False, True, True]))
    assert result.box.limits == []  # 3 of 3 vs 3 of 6 is not significant at 5%
    assert result.peeled.limits  # though peeling found a denser box


@pytest.fixture
def runs() -> tuple[dict, pd.DataFrame]:
    info = {
        "uncertainties": [{"key": "reach", "kind": "uniform", "low": 0, "high": 1}],
        "levers": [],
        "strategies": [{"name": "push"}, {"name": "value"}],
    }
    rows = []
    for point, reach in enumerate([0.1, 0.5, 0.9]):
        for lever, profit in (("push", 10.0), ("value", 20.0 * reach)):
            for replicate in (0, 1):
                rows.append(
                    {
                        "run_id": f"p{point}{lever}{replicate}",
                        "point": point,
                        "lever": lever,
                        "replicate": replicate,
                        "seed": replicate,
                        "reach": reach,
                        "cum_profit": profit + replicate,
                    }
                )
    return info, pd.DataFrame(rows)


def test_questions_compare_levers_per_design_point(runs):
    info, table = runs
    question = parse_question("value beats push on cum_profit", table, info)
    assert question.text == "cum_profit[value] > cum_profit[push]"
    assert answer(question, table).tolist() == [False, False, True]
    above = parse_question("cum_profit[value] >= 11", table, info)
    assert answer(above, table).tolist() == [False, False, True]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("cum_profit[pull] > 3", "'pull' is not a lever"),
        ("profits[value] > 3", "^question: unknown outcome 'profits'"),
        ("value wins", "cannot read"),
        ("cum_profit > 3", "needs a lever"),
    ],
)
def test_bad_questions_say_what_is_wrong(runs, text, message):
    info, table = runs
    with pytest.raises(ConfigError, match=message) as error:
        parse_question(text, table, info)
    assert error.value.parameter == "question"
