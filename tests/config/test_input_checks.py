"""Load-time checks of a brand that loads but cannot be right: a share given as a
percentage is an error that suggests the share; a budget above the gross margin and a market
mostly following the page are one-line warnings."""

from __future__ import annotations

import pytest

from commsim.config import ConfigError, make_scenario
from commsim.config.input_checks import monthly_gross_margin, scenario_warnings
from commsim.experiment import Experiment

PROFILE = {
    "experiment": {"name": "tea", "steps": 30, "replicates": 1},
    "brand_profile": {
        "market_size": 150_000,
        "currency": "TWD",
        "usd_rate": 32,
        "platform": "instagram_2025",
        "followers": 18_000,
        "engagement_rate": 1.8,
        "posts_per_week": 4,
    },
    "arms": {"status_quo": {}},
}


def test_engagement_rate_given_as_a_percentage_suggests_the_share():
    with pytest.raises(ConfigError) as error:
        Experiment.from_table(PROFILE)
    message = str(error.value)
    assert "brand_profile.engagement_rate" in message
    assert "did you mean 0.018?" in message
    assert "|" not in message  # not a Python type ("float | None")
    assert "\n" not in message


@pytest.mark.parametrize(
    ("setting", "suggestion"),
    [
        ("brand.value_share=50", "0.5"),
        ("platform.organic_reach=6", "0.06"),
        ("brand.margin=55", "0.55"),
    ],
)
def test_any_share_given_as_a_percentage_suggests_the_share(setting, suggestion):
    table = {"experiment": {"name": "x", "steps": 10}, "arms": {"a": {}}}
    with pytest.raises(ConfigError, match=f"did you mean {suggestion}\\?"):
        Experiment.from_table(table, [setting])


@pytest.mark.parametrize("setting", ["brand.value_share=500", "brand.value_share=-1"])
def test_a_value_no_percentage_explains_gets_no_suggestion(setting):
    table = {"experiment": {"name": "x", "steps": 10}, "arms": {"a": {}}}
    with pytest.raises(ConfigError) as error:
        Experiment.from_table(table, [setting])
    assert "did you mean" not in str(error.value)


def _tea(**brand):
    return make_scenario(
        {
            "population.market_size": 150_000,
            "population.members": 1500,
            "brand.price": 650,
            "brand.margin": 0.55,
            "brand.market_share": 0.02,
            **{f"brand.{k}": v for k, v in brand.items()},
        }
    )


def test_gross_margin_follows_purchases_share_price_and_margin():
    scenario = _tea()
    behavior = scenario.behavior
    purchases = 150_000 * 30 / (behavior.purchase_cycle_days + behavior.shopping_days)
    assert monthly_gross_margin(scenario) == pytest.approx(purchases * 0.02 * 650 * 0.55)


def test_a_plausible_brand_gets_no_warning():
    assert scenario_warnings(_tea(monthly_budget=60_000, initial_followers=18_000)) == []


def test_a_budget_above_the_gross_margin_is_one_warning_line():
    margin = monthly_gross_margin(_tea())
    lines = scenario_warnings(_tea(monthly_budget=round(margin * 1.5)))
    assert len(lines) == 1
    assert lines[0].startswith("brand.monthly_budget:") and "gross margin" in lines[0]
    assert scenario_warnings(_tea(monthly_budget=round(margin * 0.9))) == []


def test_followers_over_half_the_market_is_one_warning_line():
    lines = scenario_warnings(_tea(initial_followers=80_000))
    assert len(lines) == 1
    assert lines[0].startswith("brand.initial_followers:") and "53%" in lines[0]
    assert scenario_warnings(_tea(initial_followers=70_000)) == []


def test_an_experiment_names_the_arms_a_warning_holds_for():
    table = {
        "experiment": {"name": "x", "steps": 10},
        "base": {"population": {"market_size": 150_000, "members": 1500}},
        "arms": {"small": {}, "big": {"brand.initial_followers": 100_000}},
    }
    warnings = Experiment.from_table(table).warnings
    assert len(warnings) == 1
    assert warnings[0].endswith("(arm big)")
