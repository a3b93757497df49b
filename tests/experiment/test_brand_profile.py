"""The page a brand describes is the page it gets (issue 22, item 1): run as it runs today
(its posts a week, its content, no community), a profiled page engages at the rate it
reported and keeps the organic reach its size gets on its platform.

The profile is our own: a bakery in Kaohsiung on today's Instagram, 4,000 followers in a
market of 40,000, engaging 1.2% of its followers per post, three posts a week.
"""

from __future__ import annotations

import numpy as np
import pytest

import commsim
from commsim.config import make_scenario
from commsim.experiment.profile.brand_profile import derive
from commsim.model.kernels.delivery import reach_for_account_size

pytestmark = pytest.mark.slow

BAKERY = {
    "name": "bakery",
    "market_size": 40_000,
    "platform": "instagram_2025",
    "followers": 4_000,
    "engagement_rate": 0.012,
    "posts_per_week": 3,
    "price": 4.0,
    "margin": 0.5,
    "market_share": 0.03,
}
# The page as it runs today: no community, half its posts promotions (the default mix).
STATUS_QUO = {"population.members": 15_000, "brand.community": "none"}
DAYS, SEEDS = 90, (1, 2)


def first_90_days(profile: dict) -> tuple[float, float, float]:
    """Engagements per post per follower, per organic impression, and organic reach per post
    per follower of the status quo over its first 90 days (seeds pooled)."""
    scenario = {d.key: d.value for d in derive(profile, {}, "")} | STATUS_QUO
    engagements = impressions = follower_posts = targets = 0.0
    for seed in SEEDS:
        frame = commsim.simulate(scenario, steps=DAYS, seed=seed).timeseries
        frame = frame[frame["brand"] == "bakery"]
        engagements += frame["engagements"].sum()
        impressions += frame["impressions_organic"].sum()
        follower_posts += (frame["posts"] * frame["followers"]).sum()
    targets = follower_posts
    return engagements / follower_posts, engagements / impressions, impressions / targets


# On the follower basis the status quo missed the +-20% target at 0.4.0 (0.91% for 1.2%, reach
# 16.7%); at 0.4.1 it lands (1.25%, reach 18.9%: docs/model.md 9.1).
@pytest.mark.parametrize("basis", ["follower", "reach"])
def test_the_status_quo_engages_as_reported_at_the_platform_reach(basis):
    profile = {**BAKERY, "engagement_basis": basis}
    per_follower, per_impression, reach = first_90_days(profile)
    scenario = make_scenario({"platform.preset": "instagram_2025"}).platform
    expected_reach = reach_for_account_size(
        BAKERY["followers"], scenario.organic_reach_tiers, scenario.organic_reach
    )
    got = per_follower if basis == "follower" else per_impression
    # +-20% (issue 22); two seeds of 1,500 simulated followers count ~1,500 engagements.
    assert got == pytest.approx(BAKERY["engagement_rate"], rel=0.2), (got, reach)
    assert reach == pytest.approx(expected_reach, rel=0.2), reach


def test_the_profile_sets_the_feeds_reference_to_the_pages_own_rate():
    derived = {d.key: d.value for d in derive(BAKERY, {}, "")}
    reach = 0.189  # instagram_2025, accounts under 20,000 followers
    assert derived["platform.reference_engagement_rate"] == pytest.approx(0.012 / reach, rel=1e-3)
    assert np.isfinite(derived["behavior.engage_base"]) and derived["behavior.engage_base"] > 0
