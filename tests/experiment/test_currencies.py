"""Every currency works: a ``[brand_profile]`` in yen, won, rupees, rupiah or dong converts the
defaults sourced in US dollars at its rate, and no limit stated for dollars refuses them
(20 USD CPM at 24,000 VND per USD is 480,000 VND). A Japanese brand runs end to end in
Japanese."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from commsim.cli import app
from commsim.config import ConfigError, make_scenario
from commsim.experiment import Experiment
from commsim.experiment.toml_text import dumps

RATES = {"USD": 1, "TWD": 32, "JPY": 150, "INR": 83, "KRW": 1350, "IDR": 15_700, "VND": 24_000}


def profile_experiment(currency: str, rate: float) -> dict:
    return {
        "experiment": {"name": "yen", "steps": 20, "replicates": 1, "checkpoints": [10]},
        "brand_profile": {
            "name": "桜カフェ",
            "market_size": 20_000,
            "currency": currency,
            "usd_rate": rate,
            "followers": 800,
            "posts_per_week": 3,
            "price": 4 * rate,
            "margin": 0.4,
            "monthly_budget": 5_000 * rate,
        },
        "base": {"population.members": 200, "population.market_history_days": 20},
        "arms": {"push": {"brand.value_share": 0.1}, "value": {"brand.value_share": 0.9}},
    }


@pytest.mark.parametrize("currency", [c for c in RATES if c != "USD"])
def test_a_brand_profile_in_any_currency_converts_the_dollar_defaults(currency):
    rate = RATES[currency]
    experiment = Experiment.from_table(profile_experiment(currency, rate))
    defaults = make_scenario({})
    for arm in experiment.resolved_arms:
        scenario = arm.scenario
        assert scenario.population.currency == currency
        assert scenario.platform.cpm == pytest.approx(defaults.platform.cpm * rate)
        assert scenario.brand.cost_value_post == pytest.approx(
            defaults.brand.cost_value_post * rate
        )
        assert scenario.brand.price == pytest.approx(4 * rate)  # the brand's own money stays


def test_a_cpm_in_a_small_currency_unit_is_taken_and_a_bad_one_names_its_key():
    vnd = make_scenario({"population.currency": "VND", "platform.cpm": 480_000})
    assert vnd.platform.cpm == 480_000
    with pytest.raises(ConfigError, match=r"^platform\.cpm: must be a number > 0 and <= "):
        make_scenario({"platform.cpm": 0})


@pytest.mark.slow  # a whole run, report and deck (30 s); the fast lane checks the yen in the spec
def test_a_japanese_brand_in_yen_runs_end_to_end_in_japanese(tmp_path, monkeypatch):
    text = dumps(profile_experiment("JPY", RATES["JPY"]))
    (tmp_path / "yen.toml").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    done = CliRunner().invoke(
        app, ["run", "yen.toml", "--out", "out", "--workers", "1", "--lang", "ja"]
    )
    assert done.exit_code == 0, done.output
    assert "JPY" in done.stdout
    report = (tmp_path / "out" / "report.md").read_text(encoding="utf-8")
    assert "桜カフェ" in report and "JPY" in report
    assert (tmp_path / "out" / "deck.pptx").is_file()


def test_a_line_profile_gets_its_plan_back_in_its_own_currency():
    """The LINE presets' prices are stored in dollars; Taiwan's plan comes back in NT$."""
    table = profile_experiment("TWD", RATES["TWD"])
    table["brand_profile"]["platform"] = "line_tw_2025"
    platform = Experiment.from_table(table).resolved_arms[0].scenario.platform
    assert platform.message_plan_fee == pytest.approx(1_200)
    assert platform.message_price_tiers[0][1] == pytest.approx(0.2)
    assert platform.message_price == pytest.approx(0.011)


def test_a_budget_below_a_line_accounts_messages_is_refused_naming_them():
    table = profile_experiment("JPY", RATES["JPY"])
    table["brand_profile"].update(platform="line_jp_2025", followers=15_000, monthly_budget=90_000)
    with pytest.raises(ConfigError, match="messages to 15,000 friends"):
        Experiment.from_table(table)
