"""A claim's effect held against published experience: the sales gap between its arms and,
where one arm buys something, the return on that added cost (docs/model.md 9.3)."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from commsim.analysis.plausibility import OUTSIDE, WITHIN, bands
from commsim.claims.claims_catalogue import claim
from commsim.claims.claims_folder import platform_frame, verdict_frame
from commsim.claims.claims_plausibility import (
    Plausibility,
    claim_plausibility,
    plausibility_text,
)


def outcome_rows(claim_id: str, arms: dict[str, tuple[float, float, float]]) -> pd.DataFrame:
    """Two replicates per arm of (revenue, cost, profit) on day 1,095 in the main world,
    plus a reversing-world row that must not count."""
    rows = []
    for arm, money in arms.items():
        for replicate, wobble in ((0, 0.99), (1, 1.01)):
            for metric, value in zip(("cum_revenue", "cum_cost", "cum_profit"), money, strict=True):
                rows.append((arm, replicate, "main", metric, value * wobble))
                rows.append((arm, replicate, "reversal", metric, 1e12))
    frame = pd.DataFrame(rows, columns=["arm", "replicate", "world", "metric", "value"])
    return frame.assign(claim=claim_id, platform="p", brand="focal", day=1095)


def test_a_creator_programme_returning_three_times_its_cost_is_outside_the_band():
    rows = outcome_rows("F6", {"kol": (1_100, 200, 600), "plain": (1_000, 100, 300)})
    found = claim_plausibility(rows, claim("F6"), 1095, "focal")
    assert found.sales_gap == pytest.approx(0.10)  # within 18%: sales alone would pass
    assert found.cost_return == pytest.approx(3.0)  # +300 profit for +100 cost
    assert found.row()["plausibility"] == "outside"


def test_a_programme_earning_half_its_cost_on_top_is_within():
    rows = outcome_rows("F6", {"kol": (1_050, 200, 350), "plain": (1_000, 100, 300)})
    found = claim_plausibility(rows, claim("F6"), 1095, "focal")
    assert found.cost_return == pytest.approx(0.5)  # +50 profit for +100 cost
    assert found.row()["plausibility"] == "within"


def test_the_return_is_the_buying_arms_even_when_it_is_the_arm_the_claim_disfavours():
    """F5: the giveaway arm buys the prizes; its return is what the band judges."""
    rows = outcome_rows("F5", {"plain": (1_000, 100, 300), "giveaway": (990, 400, 100)})
    found = claim_plausibility(rows, claim("F5"), 1095, "focal")
    assert found.cost_return == pytest.approx((100 - 300) / (400 - 100))
    assert found.row()["plausibility"] == "within"


def test_two_arms_whose_sales_differ_beyond_any_programme_are_outside():
    """F7 buys nothing: no return is judged, but a 25% sales gap is beyond 18%."""
    rows = outcome_rows("F7", {"few_good": (1_250, 100, 500), "many_poor": (1_000, 90, 300)})
    found = claim_plausibility(rows, claim("F7"), 1095, "focal")
    assert math.isnan(found.cost_return)
    assert found.sales_gap == pytest.approx(0.25)
    assert found.outside and bands()["sales_lift"]["high"] < 0.25


def test_a_buying_arm_that_spends_less_has_no_return():
    """A monthly budget can hold the creators' arm below the other's spend (it gives up
    other spending): no return on an added cost is judged, whatever the profit gap."""
    rows = outcome_rows("F6", {"kol": (1_100, 95, 600), "plain": (1_000, 100, 300)})
    found = claim_plausibility(rows, claim("F6"), 1095, "focal")
    assert math.isnan(found.cost_return) and found.row()["plausibility"] == "within"


def test_arms_that_cost_the_same_have_no_return():
    rows = outcome_rows("F8", {"fast": (1_100, 100.5, 400), "slow": (1_000, 100, 300)})
    assert math.isnan(claim_plausibility(rows, claim("F8"), 1095, "focal").cost_return)


def test_a_folder_without_the_money_is_not_judged():
    rows = outcome_rows("F6", {"kol": (1, 1, 1), "plain": (1, 1, 1)})
    rows = rows[rows["metric"] != "cum_cost"]
    found = claim_plausibility(rows, claim("F6"), 1095, "focal")
    assert math.isnan(found.sales_gap) and found.row()["plausibility"] == ""


def claims_rows(*found: Plausibility) -> pd.DataFrame:
    base = {
        "claim": "F6",
        "title": "Cultivating opinion leaders pays",
        "verdict": "holds",
        "outcome": "cum_profit_d1095",
        "favoured": "kol",
        "versus": "plain",
        "effect": 3e5,
        "ci_low": 2e5,
        "ci_high": 4e5,
        "n": 10,
        "reversal_verdict": "reversed",
        "reversal_effect": -1e5,
        "reversal_low": -2e5,
        "reversal_high": -5e4,
        "mechanisms": "",
        "region": "",
        "region_points": 0,
        "region_reversing": 0,
    }
    platforms = ("facebook_2025", "instagram_2025")
    return pd.DataFrame(
        [base | {"platform": p} | one.row() for p, one in zip(platforms, found, strict=True)]
    )


def test_the_verdict_table_and_the_claims_platform_table_flag_what_is_outside():
    rows = claims_rows(Plausibility(0.05, 0.4), Plausibility(0.12, 3.46))
    cells = verdict_frame(rows).iloc[0]
    assert "outside anything published" not in cells["Facebook 2025"]
    assert cells["Instagram 2025"].endswith("; outside anything published")
    column = platform_frame(rows)["Against published experience"]
    assert list(column) == [
        f"revenue +5% against plain; return on the added cost +40%: {WITHIN}",
        f"revenue +12% against plain; return on the added cost +346%: {OUTSIDE}",
    ]


def test_a_folder_from_before_the_check_gets_no_column():
    rows = claims_rows(Plausibility(0.05, 0.4), Plausibility(0.1, 0.1))
    rows = rows.drop(columns=["sales_gap", "cost_return", "plausibility"])
    assert "Against published experience" not in platform_frame(rows).columns
    assert plausibility_text(rows.iloc[0], "plain") == ""


def test_the_console_names_each_claim_and_platform_outside_published_experience():
    from commsim.cli.claims import outside_lines

    rows = claims_rows(Plausibility(0.05, 0.4), Plausibility(0.12, 3.46))
    assert outside_lines(rows) == [
        "F6 on Instagram 2025: revenue +12% against plain; return on the added cost +346%: "
        f"{OUTSIDE}"
    ]
    assert outside_lines(rows.drop(columns=["plausibility"])) == []
