"""The simulated members are a sample of the market: their number changes the noise, not the
answer (docs/model.md section 7.10).

Each comparison pairs nothing across sizes (different samples are different draws): it asks
whether two independent estimates agree, |difference| < 3 combined standard errors (a
two-sided test at 99.7% per quantity). Levels are compared from 2,000 members up: below that
a page's feed ranking learns from too few impressions a day and communities grow slower
(docs/model.md 7.10), a bias the claims' effects stay well inside. In 0.2, where money did
not scale with the sample, the same comparisons differed by a factor of the size ratio.
"""

from __future__ import annotations

import numpy as np
import pytest

pytestmark = pytest.mark.slow

MARKET = {"population.market_size": 1_000_000}
REPLICATES = 10


def focal(frame):
    return frame[frame["brand"] == "focal"]


def estimate(values) -> tuple[float, float]:
    values = np.asarray(values, dtype=float)
    return values.mean(), values.std(ddof=1) / np.sqrt(values.size)


def assert_agree(a: tuple[float, float], b: tuple[float, float], what: str) -> None:
    z = (a[0] - b[0]) / np.hypot(a[1], b[1])
    assert abs(z) < 3, f"{what}: {a[0]:.4g} ± {a[1]:.2g} vs {b[0]:.4g} ± {b[1]:.2g} (z {z:.1f})"


def test_money_community_and_purchases_agree_at_two_sample_sizes(replicate_runner):
    runs = replicate_runner(
        {
            "small": {**MARKET, "population.members": 2000},
            "large": {**MARKET, "population.members": 8000},
        },
        730,
        replicates=8,
    )
    for metric in ("cum_profit", "community_members"):
        small = estimate([focal(f)[metric].iloc[-1] for f in runs["small"]])
        large = estimate([focal(f)[metric].iloc[-1] for f in runs["large"]])
        assert_agree(small, large, metric)
    small = estimate([focal(f)["purchases"].sum() for f in runs["small"]])
    large = estimate([focal(f)["purchases"].sum() for f in runs["large"]])
    assert_agree(small, large, "purchases")


def test_the_f1_to_f3_effects_agree_at_1000_and_10000_members(replicate_runner):
    """The effects behind F1 (topic minus brand community), F2 (value minus push, equal post
    costs) and F3 (push's lead in revenue over the first 90 days; value run to the horizon
    minus value cut at a review on day 365) in cumulative profit after two years, paired
    within each size. 1,000 members is the issue's smallest sample (docs/model.md 7.10 says
    what it still gets wrong)."""
    value = {"brand.value_share": 0.9, "brand.cost_push_post": 200.0}
    arms = {
        "topic": {"brand.community": "topic", "brand.value_share": 0.9},
        "brand": {"brand.community": "brand", "brand.value_share": 0.9},
        "value": value,
        "push": {"brand.value_share": 0.1, "brand.cost_push_post": 200.0},
        "reviewed": {**value, "brand.review_day": 365, "brand.review_min_roi": 0.0},
    }
    effects = {}
    for members in (1000, 10_000):
        runs = replicate_runner(
            {name: {**MARKET, "population.members": members, **o} for name, o in arms.items()},
            730,
            replicates=REPLICATES,
        )

        def profit(arm, runs=runs):
            return np.array([focal(f)["cum_profit"].iloc[-1] for f in runs[arm]])

        def early_revenue(arm, runs=runs):
            return np.array([focal(f)["revenue"].iloc[:90].sum() for f in runs[arm]])

        effects[members] = {
            "F1": estimate(profit("topic") - profit("brand")),
            "F2": estimate(profit("value") - profit("push")),
            "F3 early": estimate(early_revenue("push") - early_revenue("value")),
            "F3 review": estimate(profit("value") - profit("reviewed")),
        }
    for claim in effects[1000]:
        assert_agree(effects[1000][claim], effects[10_000][claim], claim)
