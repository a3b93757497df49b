"""Audiences behave like real audiences (issue 22, item 2): a page that keeps posting at its
usual rate keeps most of its followers for years on every platform preset, and more organic
reach never makes a community smaller when its content is value content.

Our own brand: a page of 10,000 followers in a market of 100,000 (2,000 simulated members,
200 of them followers), posting five times a week, half of it promotions, no community.
"""

from __future__ import annotations

import numpy as np
import pytest

import commsim
from commsim.config.presets import PRESET_NAMES
from commsim.experiment.profile.brand_profile import derive

pytestmark = pytest.mark.slow

PAGE = {
    "name": "page",
    "market_size": 100_000,
    "followers": 10_000,
    "engagement_rate": 0.02,  # per person reached, as page insights report it
    "engagement_basis": "reach",
    "posts_per_week": 5,
}
STATUS_QUO = {"population.members": 2_000, "brand.community": "none"}


# Feeds only: a LINE account's audience is held to LINE's published block rates instead
# (tests/model/test_messaging.py); pushing five messages a week to every friend, as this page
# posts, loses 90% of them in two years (line_jp_2025: 10,000 -> 1,000).
FEEDS = [name for name in PRESET_NAMES if name != "custom" and not name.startswith("line_")]


@pytest.mark.parametrize("preset", FEEDS)
def test_a_page_posting_at_its_usual_rate_keeps_most_followers_for_two_years(preset):
    scenario = {d.key: d.value for d in derive({**PAGE, "platform": preset}, {}, "")}
    frame = commsim.simulate({**scenario, **STATUS_QUO}, steps=730, seed=1).timeseries
    followers = frame.loc[frame["brand"] == "page", "followers"].to_numpy()
    # At least 70% after two years (issue 22). The sample's 200 followers put a standard
    # error of ~3 points on the share kept; under 0.3% a month of net loss stays above 70%.
    assert followers[-1] >= 0.7 * PAGE["followers"], (preset, followers[[0, 364, -1]])


def test_more_organic_reach_never_shrinks_a_community_fed_with_value_content():
    """A brand-first community of value content at 2%, 10% and 30% organic reach, everything
    else equal, three years, three paired seeds (common random numbers)."""
    sizes = {}
    for reach in (0.02, 0.1, 0.3):
        world = {
            "population.members": 2_000,
            "platform.preset": "custom",
            "platform.organic_reach": reach,
            "brand.community": "brand",
            "brand.value_share": 0.9,
        }
        sizes[reach] = np.array(
            [
                commsim.simulate(world, steps=1095, seed=seed)
                .timeseries.query("brand == 'focal'")["community_members"]
                .iloc[-1]
                for seed in (1, 2, 3)
            ]
        )
    for low, high in ((0.02, 0.1), (0.1, 0.3)):
        gain = sizes[high] - sizes[low]
        # Non-decreasing: the paired gain is not negative beyond two standard errors.
        assert gain.mean() >= -2 * gain.std(ddof=1) / np.sqrt(gain.size), sizes
    assert sizes[0.3].mean() > sizes[0.02].mean(), sizes
