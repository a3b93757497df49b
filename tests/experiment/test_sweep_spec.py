"""Levers and uncertainties in experiment files: typed, validated, and sampled into designs of
the requested size, within bounds and of the right types."""

from __future__ import annotations

import numpy as np
import pytest

from commsim.config import ConfigError
from commsim.experiment import Experiment
from commsim.experiment.spec.sampling import sample_design, sensitivity_design
from commsim.experiment.spec.uncertainties import (
    Choice,
    Integer,
    LogUniform,
    UncertaintySpace,
    Uniform,
)

FILE = "sweep.toml"


def experiment(**tables) -> Experiment:
    data = {"experiment": {"name": "s", "steps": 30, "replicates": 2}, **tables}
    return Experiment.from_table(data, where=FILE)


def space_of(uncertainties: dict) -> UncertaintySpace:
    return experiment(uncertainties=uncertainties).uncertainty_space


def test_each_form_of_uncertainty_gets_its_type():
    space = space_of(
        {
            "platform.organic_reach": {"low": 0.02, "high": 0.16, "scale": "log"},
            "behavior": {"push_fatigue": [0.05, 0.4]},  # nested tables work too
            "brand.review_day": [30, 365],  # a whole-number parameter: integer
            "behavior.purchase_cycle_days": {"low": 14, "high": 60, "kind": "integer"},
            "population.network": {"choices": ["homophilous", "random"]},
            "brand.community": ["brand", "topic"],  # a list of names: choices
        }
    )
    kinds = {u.key: type(u) for u in space.uncertainties}
    assert kinds == {
        "platform.organic_reach": LogUniform,
        "behavior.push_fatigue": Uniform,
        "brand.review_day": Integer,
        "behavior.purchase_cycle_days": Integer,
        "population.network": Choice,
        "brand.community": Choice,
    }


def test_named_levers_become_strategies_crossed_with_other_levers():
    loaded = experiment(
        levers={
            "brand.value_share": {"push": 0.1, "value": 0.9},
            "brand.community": ["brand", "topic"],
        }
    )
    assert loaded.arm_names == ["push_brand", "push_topic", "value_brand", "value_topic"]
    assert loaded.resolved_arms[2].scenario.brand.value_share == 0.9
    assert loaded.factor_levels["brand.value_share"] == [0.1, 0.9]


def test_an_uncertainty_only_file_has_one_strategy_named_base():
    loaded = experiment(uncertainties={"platform.organic_reach": [0.02, 0.2]})
    assert loaded.arm_names == ["base"]


def test_the_flooring_trick_gives_each_integer_and_choice_an_equal_share():
    unit = (np.arange(1000) + 0.5) / 1000
    integers = Integer("brand.review_day", 1, 4).from_unit(unit)
    choices = Choice("population.network", ("homophilous", "random")).from_unit(unit)
    assert np.bincount(integers)[1:].tolist() == [250, 250, 250, 250]
    assert list(np.unique(choices, return_counts=True)[1]) == [500, 500]
    assert Integer("brand.review_day", 1, 4).from_unit(np.array([1.0]))[0] == 4


@pytest.mark.parametrize("design", ["lhs", "sobol"])
def test_sampled_designs_have_the_requested_size_bounds_and_types(design):
    space = space_of(
        {
            "platform.organic_reach": {"low": 0.02, "high": 0.16, "scale": "log"},
            "behavior.push_fatigue": [0.05, 0.4],
            "brand.review_day": [30, 365],
            "population.network": {"choices": ["homophilous", "random"]},
        }
    )
    points = sample_design(space, design, 37, seed=4)
    assert points.shape == (37, 4)
    assert points["platform.organic_reach"].between(0.02, 0.16).all()
    assert points["behavior.push_fatigue"].between(0.05, 0.4).all()
    assert points["brand.review_day"].between(30, 365).all()
    assert points["brand.review_day"].map(type).eq(int).all()
    assert set(points["population.network"]) == {"homophilous", "random"}
    # The same seed gives the same design; another seed another one.
    assert points.equals(sample_design(space, design, 37, seed=4))
    assert not points.equals(sample_design(space, design, 37, seed=5))


def test_a_latin_hypercube_puts_one_point_in_each_stratum():
    space = space_of({"behavior.push_fatigue": [0.0, 1.0], "platform.organic_reach": [0, 1]})
    points = sample_design(space, "lhs", 20, seed=1)
    for key in space.keys:
        strata = np.floor(points[key].to_numpy() * 20).astype(int)
        assert sorted(strata) == list(range(20))


def test_a_grid_crosses_every_level_including_the_bounds():
    space = space_of(
        {
            "behavior.push_fatigue": [0.1, 0.5],
            "platform.organic_reach": {"low": 0.01, "high": 0.16, "scale": "log"},
            "population.network": {"choices": ["homophilous", "random"]},
        }
    )
    points = sample_design(space, "grid", 3, seed=0)
    assert len(points) == 3 * 3 * 2
    assert sorted(points["behavior.push_fatigue"].unique()) == pytest.approx([0.1, 0.3, 0.5])
    assert sorted(points["platform.organic_reach"].unique()) == pytest.approx([0.01, 0.04, 0.16])


@pytest.mark.parametrize(
    ("method", "base", "rows"), [("sobol", 16, 16 * (3 + 2)), ("morris", 5, 5 * (3 + 1))]
)
def test_salib_designs_have_their_documented_size(method, base, rows):
    space = space_of(
        {
            "behavior.push_fatigue": [0.1, 0.5],
            "brand.review_day": [30, 365],
            "population.network": {"choices": ["homophilous", "random"]},
        }
    )
    design = sensitivity_design(space, method, base, seed=3)
    assert design.unit.shape == (rows, 3)
    assert design.points.shape == (rows, 3)
    assert design.points["brand.review_day"].between(30, 365).all()
    assert list(design.problem["names"]) == space.keys


@pytest.mark.parametrize(
    ("uncertainties", "message"),
    [
        ({"platform.organic_reach": [0.1, 0.1]}, "uncertainties.platform.organic_reach: empty"),
        (
            {"platform.organic_reach": [0.3, 0.1]},
            "uncertainties.platform.organic_reach: low (0.3) is above high (0.1)",
        ),
        (
            {"platform.organic_reach": [0.1, 2]},
            "uncertainties.platform.organic_reach: must be a number between 0",
        ),
        ({"platform.organic_rech": [0.1, 0.2]}, "did you mean 'platform.organic_reach'"),
        ({"platform.organic_reach": {"low": 0, "high": 0.2, "scale": "log"}}, "low > 0"),
        ({"brand.community": [0.1, 0.2]}, "must be one of 'brand', 'topic', 'none' (got 0.1)"),
        ({"population.network": {"choices": []}}, "non-empty list"),
        ({"behavior.push_fatigue": {"low": 0.1, "hi": 0.2}}, "unknown field 'hi'"),
    ],
)
def test_bad_uncertainties_name_the_file_and_the_key(uncertainties, message):
    with pytest.raises(ConfigError) as error:
        experiment(uncertainties=uncertainties)
    text = str(error.value)
    assert text.startswith(f"{FILE}: ")
    assert message in text


def test_a_key_cannot_be_both_a_lever_and_an_uncertainty():
    with pytest.raises(ConfigError, match="uncertainties.brand.value_share: also set by"):
        experiment(
            levers={"brand.value_share": [0.1, 0.9]},
            uncertainties={"brand.value_share": [0.1, 0.9]},
        )


@pytest.mark.parametrize(
    ("levers", "message"),
    [
        ({"brand.value_share": []}, "levers.brand.value_share: must be a non-empty list"),
        ({"brand.value_share": [0.1, 1.5]}, "levers.brand.value_share: must be a number"),
        ({"brand.valu_share": [0.1]}, "did you mean 'brand.value_share'"),
    ],
)
def test_bad_levers_name_the_file_and_the_key(levers, message):
    with pytest.raises(ConfigError, match=message):
        experiment(levers=levers)
