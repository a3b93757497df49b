"""Headline sentences say what the numbers say: crossovers, leads, level results."""

from __future__ import annotations

import numpy as np
import pandas as pd

from commsim.analysis.bands import paired_difference_bands
from commsim.analysis.compare import crossovers
from commsim.analysis.display import DAYS_PER_MONTH
from commsim.analysis.findings.crossover_findings import crossover_finding, headline_crossover
from commsim.analysis.findings.experiment_findings import (
    checkpoint_finding,
    difference_finding,
    factor_finding,
    metric_finding,
    sustained_lead_day,
)

HORIZON = 1095
REPLICATES = 8


def cumulative_profit_runs(crossover_day: float | None, steps: int = HORIZON) -> pd.DataFrame:
    """A 'push' reference earning 10 a day and a 'value' arm that loses 20 a day at first and
    gains 60 / crossover_day more each day: the cumulative curves meet at ``crossover_day``.
    Replicate r scales value's gain by 1 + (r - mean) / 100 (a few days either side)."""
    t = np.arange(1, steps + 1, dtype=float)
    slope = 60.0 / crossover_day if crossover_day else 0.005
    frames = []
    for r in range(REPLICATES):
        scale = 1.0 + (r - (REPLICATES - 1) / 2) / 100
        for arm, daily in (("push", 10.0 + 0 * t), ("value", -20.0 + slope * scale * t)):
            frames.append(
                pd.DataFrame(
                    {
                        "run_id": f"{arm}-{r}",
                        "arm": arm,
                        "replicate": r,
                        "seed": r,
                        "step": t.astype(int),
                        "brand": "focal",
                        "cum_profit": np.cumsum(daily),
                    }
                )
            )
    return pd.concat(frames, ignore_index=True)


def crossover_row(**values) -> pd.DataFrame:
    row = {
        "arm": "value",
        "reference": "push",
        "metric": "cum_profit",
        "median_day": 426.0,  # 14.0 months
        "low_day": 335.0,  # 11.0 months
        "high_day": 517.0,  # 17.0 months
        "share_crossed": 1.0,
        "n": 20,
        "leader": "value",
    }
    return pd.DataFrame([{**row, **values}])


def test_crossover_sentence_gives_the_month_and_its_spread_over_runs():
    labels = {"value": "Value content", "push": "sales push"}
    sentence = crossover_finding(crossover_row(), horizon=HORIZON, labels=labels)
    assert sentence == (
        "Value content overtakes sales push in cumulative profit after 14 months "
        "(95% of runs: 11-17)"
    )


def test_the_leader_is_the_one_that_overtakes():
    """When the reference ends ahead, the crossover is the reference overtaking the arm."""
    sentence = crossover_finding(crossover_row(leader="push", share_crossed=0.75), horizon=HORIZON)
    assert sentence == (
        "Push overtakes Value in cumulative profit after 14 months in 15 of 20 runs "
        "(95% of those: 11-17)"
    )


def test_known_crossover_in_a_results_table_is_found_and_told():
    runs = cumulative_profit_runs(crossover_day=600.0)  # 600 days = 19.7 months
    table = crossovers(runs, "push", metric="cum_profit")
    sentence = crossover_finding(table, horizon=HORIZON)
    assert sentence.startswith("Value overtakes Push in cumulative profit after 20 months")
    low, high = (float(x) for x in sentence.split("runs: ")[1].rstrip(")").split("-"))
    # replicates scale the gain by +-3.5%, so crossovers fall within about +-3.5% of day 600
    assert 600 * 0.96 / DAYS_PER_MONTH - 0.5 <= low <= high <= 600 * 1.04 / DAYS_PER_MONTH + 0.5


def test_results_table_without_crossover_says_there_is_none():
    runs = cumulative_profit_runs(crossover_day=None)
    table = crossovers(runs, "push", metric="cum_profit")
    sentence = crossover_finding(table, horizon=HORIZON)
    assert (
        sentence == "No crossover within 36 months: Push stays ahead of Value in cumulative profit"
    )


def test_a_crossover_in_a_minority_of_runs_is_not_a_headline_crossover():
    table = crossover_row(leader="push", share_crossed=0.2, n=10)
    assert crossover_finding(table, horizon=HORIZON) == (
        "No crossover within 36 months: Push stays ahead of Value in cumulative profit"
    )


def test_arms_ahead_from_the_start_are_not_a_crossover():
    table = pd.concat(
        [
            crossover_row(arm="a", leader="a", share_crossed=0.0, median_day=np.nan),
            crossover_row(arm="b", leader="b", share_crossed=0.0, median_day=np.nan),
            crossover_row(arm="c", leader="push", share_crossed=0.1),
        ]
    )
    assert crossover_finding(table, horizon=HORIZON) == (
        "No crossover within 36 months: A and B stay ahead of Push in cumulative profit; "
        "the other arms stay behind it"
    )


def runs_with_an_early_crosser(early_day: float = 200.0) -> pd.DataFrame:
    """:func:`cumulative_profit_runs` (value overtakes push at day 600 and ends far ahead) plus
    an 'early' arm earning 14 a day less a start-up cost: it overtakes push at ``early_day``
    (replicates scatter it by a few per cent) but ends far below value."""
    runs = cumulative_profit_runs(crossover_day=600.0)
    early = runs[runs["arm"] == "push"].copy()
    scale = 1.0 + (early["replicate"] - (REPLICATES - 1) / 2) / 100
    early["cum_profit"] = 14.0 * early["step"] - 4.0 * early_day * scale
    early["arm"] = "early"
    early["run_id"] = "early-" + early["replicate"].astype(str)
    return pd.concat([runs, early], ignore_index=True)


def means_at(runs: pd.DataFrame, day: int = HORIZON) -> pd.DataFrame:
    """One row per arm: the mean cumulative profit on ``day`` (what the chart passes)."""
    finals = runs[runs["step"] == day].groupby("arm", sort=False)["cum_profit"].mean()
    return finals.rename("mean").reset_index()


def test_the_headline_follows_the_arm_that_ends_highest_not_the_earliest_crossover():
    runs = runs_with_an_early_crosser(early_day=200.0)
    table = crossovers(runs, "push", metric="cum_profit")
    early, value = (table.set_index("arm").loc[a] for a in ("early", "value"))
    assert early["median_day"] < value["median_day"]  # early crosses first...
    finals = means_at(runs).set_index("arm")["mean"]
    assert finals["value"] > finals["early"] > finals["push"]  # ...value ends best
    sentence = crossover_finding(table, horizon=HORIZON, values=means_at(runs))
    assert sentence.startswith("Value overtakes Push in cumulative profit after 20 months")
    assert "(95% of runs: 19-2" in sentence
    assert headline_crossover(table, means_at(runs))["arm"] == "value"
    # Without the values at the horizon the arms cannot be ranked: the earliest is told.
    assert crossover_finding(table, horizon=HORIZON).startswith("Early overtakes Push")


def test_the_headline_arm_is_the_best_whatever_the_table_order():
    rows = pd.concat(
        [
            crossover_row(arm="late", leader="late", median_day=730.0, low_day=700.0),
            crossover_row(arm="soon", leader="soon", median_day=91.0, low_day=61.0),
        ]
    ).assign(high_day=lambda t: t["median_day"] + 30)
    values = pd.DataFrame({"arm": ["push", "soon", "late"], "mean": [100.0, 300.0, 900.0]})
    labels = {"late": "Topic value", "soon": "Topic push", "push": "Brand push"}
    assert crossover_finding(rows, horizon=HORIZON, labels=labels, values=values) == (
        "Topic value overtakes Brand push in cumulative profit after 24 months (95% of runs: 23-25)"
    )
    flipped = values.assign(mean=[100.0, 900.0, 300.0])
    assert crossover_finding(rows[::-1], horizon=HORIZON, labels=labels, values=flipped) == (
        "Topic push overtakes Brand push in cumulative profit after 3 months (95% of runs: 2-4)"
    )


def test_a_best_arm_ahead_from_the_start_is_the_headline_over_another_arms_crossover():
    rows = pd.concat(
        [
            crossover_row(arm="soon", leader="soon", median_day=91.0),
            crossover_row(arm="lead", leader="lead", share_crossed=0.0, median_day=np.nan),
        ]
    )
    values = pd.DataFrame({"arm": ["push", "soon", "lead"], "mean": [100.0, 300.0, 900.0]})
    assert crossover_finding(rows, horizon=HORIZON, values=values) == (
        "Lead stays ahead of Push in cumulative profit for all 36 months"
    )


def test_when_the_reference_ends_best_the_headline_is_about_the_arm_closest_to_it():
    rows = pd.concat(
        [
            crossover_row(arm="value", leader="push", median_day=91.0),  # push overtakes value
            crossover_row(arm="mix", leader="push", median_day=426.0),  # push overtakes mix
        ]
    )
    values = pd.DataFrame({"arm": ["push", "value", "mix"], "mean": [900.0, 100.0, 800.0]})
    assert crossover_finding(rows, horizon=HORIZON, values=values) == (
        "Push overtakes Mix in cumulative profit after 14 months (95% of runs: 11-17)"
    )
    # Mix comes closest but was never ahead: push overtook only value, a weaker arm.
    never = rows.assign(share_crossed=[1.0, 0.0], median_day=[91.0, np.nan])
    assert crossover_finding(never, horizon=HORIZON, values=values) == (
        "No arm overtakes Push in cumulative profit within 36 months; Mix comes closest"
    )
    # The reference leads throughout: the existing sentence, naming the closest arm.
    ahead = rows.assign(share_crossed=0.0, median_day=np.nan)
    assert crossover_finding(ahead, horizon=HORIZON, values=values) == (
        "No crossover within 36 months: Push stays ahead of every other arm in cumulative "
        "profit; Mix comes closest"
    )
    assert crossover_finding(ahead.iloc[:1], horizon=HORIZON, values=values) == (
        "No crossover within 36 months: Push stays ahead of Value in cumulative profit"
    )


def test_values_at_the_horizon_keep_the_single_arm_sentences():
    values = pd.DataFrame({"arm": ["push", "value"], "mean": [100.0, 900.0]})
    assert crossover_finding(crossover_row(), horizon=HORIZON, values=values) == (
        crossover_finding(crossover_row(), horizon=HORIZON)
    )
    behind = crossover_row(leader="push", share_crossed=0.2, n=10)
    assert crossover_finding(
        behind, horizon=HORIZON, values=values.assign(mean=[900.0, 100.0])
    ) == ("No crossover within 36 months: Push stays ahead of Value in cumulative profit")


def _values(rows: dict[str, tuple[float, float, float]]) -> pd.DataFrame:
    return pd.DataFrame(
        [{"arm": a, "mean": m, "ci_low": lo, "ci_high": hi} for a, (m, lo, hi) in rows.items()]
    )


def test_metric_sentence_names_a_clear_leader_with_the_paired_interval():
    values = _values({"brand": (0.31, 0.27, 0.35), "topic": (0.42, 0.38, 0.45)})
    differences = _values({"topic": (0.11, 0.09, 0.13)})
    sentence = metric_finding(
        values, differences, metric="awareness", reference="brand", when="36 months"
    )
    assert sentence == (
        "Topic ends highest in awareness after 36 months: mean 42% vs 31% for Brand "
        "(+11 pts, 95% CI +9 to +13 pts)"
    )


def test_metric_sentence_reports_level_when_the_interval_includes_zero():
    values = _values({"brand": (1000, 900, 1100), "topic": (1040, 950, 1130)})
    differences = _values({"topic": (40, -20, 100)})
    sentence = metric_finding(
        values, differences, metric="buyers", reference="brand", when="36 months"
    )
    assert sentence.startswith("No clear difference in buyers after 36 months")
    assert "-20 to +100" in sentence


def test_metric_sentence_when_the_reference_leads_compares_with_the_runner_up():
    values = _values({"push": (500, 480, 520), "value": (300, 280, 320), "mix": (400, 390, 410)})
    differences = _values({"value": (-200, -230, -170), "mix": (-100, -120, -80)})
    sentence = metric_finding(
        values, differences, metric="buyers", reference="push", when="12 months"
    )
    assert sentence == (
        "Push ends highest in buyers after 12 months: mean 500 vs 400 for Mix "
        "(+100, 95% CI +80 to +120)"
    )


def test_checkpoint_sentence_tells_when_the_lead_changes_hands():
    values = pd.DataFrame(
        {
            "arm": ["push", "value"] * 3,
            "checkpoint": [90, 90, 365, 365, 1095, 1095],
            "mean": [100, -50, 300, 310, 900, 2000],
        }
    )
    assert checkpoint_finding(values, metric="cum_profit", horizon=HORIZON) == (
        "Push has the highest mean cumulative profit at 3 months; Value from 12 months on"
    )
    steady = values.assign(mean=[1, 2] * 3)
    assert checkpoint_finding(steady, metric="cum_profit", horizon=HORIZON) == (
        "Value has the highest mean cumulative profit at all 3 checkpoints"
    )


def test_the_least_bad_arm_loses_least_it_does_not_lead():
    values = pd.DataFrame({"arm": ["push", "value"] * 2, "checkpoint": [90, 90, 365, 365]})
    losing = values.assign(mean=[-100.0, -50.0, -300.0, -200.0])
    assert checkpoint_finding(losing, metric="incremental_profit", horizon=HORIZON) == (
        "Value loses least in incremental profit (mean) at all 2 checkpoints"
    )
    rows = _values({"push": (-900, -990, -810), "value": (-400, -450, -350)})
    sentence = metric_finding(
        rows,
        _values({"value": (500, 420, 580)}),
        metric="incremental_profit",
        reference="push",
        when="12 months",
    )
    assert sentence.startswith("Value loses least in incremental profit after 12 months: mean")


def test_paired_difference_sentence_gives_the_day_the_lead_becomes_clear():
    runs = cumulative_profit_runs(crossover_day=600.0)
    differences = paired_difference_bands(runs, "cum_profit", "push")
    day, sign = sustained_lead_day(differences)
    assert sign == 1 and 600 <= day <= 640  # clear a little after the crossover itself
    sentence = difference_finding(
        differences, metric="cum_profit", reference="push", horizon=HORIZON
    )
    assert sentence.startswith("Value is clearly ahead of Push in cumulative profit from ")
    none = difference_finding(
        differences.assign(ci_low=-1.0, ci_high=1.0),
        metric="cum_profit",
        reference="push",
        horizon=HORIZON,
    )
    assert none.startswith("No clear difference in cumulative profit between Value and Push")


def test_factor_sentence_names_the_factor_that_moves_the_outcome_most():
    values = pd.DataFrame({"arm": ["a", "b", "c", "d"], "mean": [100.0, 120.0, 900.0, 940.0]})
    levels = {
        "a": {"brand.community": "brand", "brand.value_share": 0.2},
        "b": {"brand.community": "brand", "brand.value_share": 0.8},
        "c": {"brand.community": "topic", "brand.value_share": 0.2},
        "d": {"brand.community": "topic", "brand.value_share": 0.8},
    }
    sentence = factor_finding(values, levels, metric="cum_profit", when="36 months")
    assert sentence == (
        "Community moves cumulative profit most after 36 months: 920 for community topic vs "
        "110 for brand (mean over the other factors)"
    )
