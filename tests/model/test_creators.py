"""Creators by tier (``brand.*_creators``, docs/model.md 7.5): audiences from the market at
the sample's scale, fees per sponsored post for as long as the programme runs, F6's
programme within its budget, and revenue per follower by tier against Beichert et al. 2024
(``data/field_evidence.toml``, study ``influencer_tiers``)."""

from __future__ import annotations

import numpy as np
import pytest

import commsim
from commsim import make_scenario
from commsim.claims.claims_catalogue import claim
from commsim.evidence import load_studies
from commsim.evidence.designs import influencer_tiers
from commsim.model.kernels.sponsored import audiences, follow_weights, posts_today, reached
from tests.model.claim_runs import WORLD, run_claim


def test_a_creators_audience_is_its_market_followers_at_the_sample_scale():
    rng = np.random.default_rng(3)
    interest = rng.random(20_000)
    weights = follow_weights(interest)
    followed = audiences(200, 30_000, 1_000_000, weights, rng)
    sizes = np.array([a.size for a in followed])
    expected = 30_000 / 1_000_000 * interest.size  # 600 members of 20,000
    # Each size is a sum of Bernoulli draws (variance below its mean): 4 SEs of the mean.
    assert abs(sizes.mean() - expected) < 4 * np.sqrt(expected / sizes.size)
    # Followers are drawn towards the category's interested members.
    assert interest[np.concatenate(followed)].mean() > interest.mean() + 0.1


def test_no_creators_publish_nothing_and_draw_no_random_numbers():
    rng = np.random.default_rng(1)
    state = rng.bit_generator.state
    assert posts_today(0, 2.0, rng) == 0
    assert rng.bit_generator.state == state  # arms without creators keep their stream


def test_a_sponsored_post_reaches_its_creators_followers_at_the_reach():
    rng = np.random.default_rng(4)
    followers = [np.arange(0, 10), np.arange(100, 103)]
    everyone = reached(followers, np.array([0, 0, 1]), 1.0, rng)
    assert np.array_equal(
        np.sort(everyone), np.sort(np.r_[followers[0], followers[0], followers[1]])
    )
    assert reached(followers, np.array([0, 1]), 0.0, rng).size == 0
    big = [np.arange(50_000)]
    share = reached(big, np.array([0]), 0.3, rng).size / 50_000
    assert abs(share - 0.3) < 4 * np.sqrt(0.3 * 0.7 / 50_000)


def test_creators_make_the_brand_known_to_their_followers():
    base = {"population.members": 2000, "platform.preset": "instagram_2019"}
    plain = commsim.simulate(base, steps=60, seed=1).final()
    paid = commsim.simulate({**base, "brand.macro_creators": 3}, steps=60, seed=1).final()
    # Three creators of 300,000 followers in a market of a million, two posts a month each
    # at Instagram's 23% reach: measured +7 to +16 points over seeds 1-3.
    assert paid["awareness"] > plain["awareness"] + 0.03


def test_sponsored_posts_cost_their_fees_and_stop_with_the_programme():
    settings = {
        "population.members": 1000,
        "brand.nano_creators": 30,
        "brand.micro_creators": 2,
        "brand.review_day": 60,  # a review that cancels whatever it sees
        "brand.review_kpi": "total",
        "brand.review_min_roi": 1e6,
    }
    frame = commsim.simulate(settings, steps=120, seed=2).timeseries
    focal = frame[frame["brand"] == "focal"]
    running, stopped = focal[focal["step"] <= 60], focal[focal["step"] > 60]
    fees = running["cost_leaders"]
    # Each day's bill is whole posts at 30 (nano) and 300 (micro): creators are not scaled.
    assert np.allclose(fees % 30.0, 0.0)
    # At plan, 60 days of 30 x 2 nano and 2 x 2 micro posts a month: 3,600 + 2,400; the
    # counts are Poisson (SDs 330 and 850): 4 SDs of their sum.
    assert abs(fees.sum() - 6_000.0) < 4 * np.hypot(330.0, 850.0)
    assert not stopped["program_active"].any()
    assert stopped["cost_leaders"].sum() == 0.0  # costs stop when the programme stops


def test_a_budget_paces_the_creators_posts_and_no_month_passes_it():
    settings = {
        "population.members": 1000,
        "brand.nano_creators": 50,
        "brand.micro_creators": 5,
        "brand.monthly_budget": 9_000.0,  # the plain programme ~6,000, creators 6,000 at plan
    }
    frame = commsim.simulate(settings, steps=90, seed=3).timeseries
    focal = frame[frame["brand"] == "focal"]
    months = focal["cost"].groupby((focal["step"] - 1) // 30).sum()
    assert months.max() <= 9_000.0 * (1 + 1e-9), months
    assert focal["budget_cut"].sum() > 0  # the plan asked for more than the budget left
    assert focal["cost_leaders"].sum() > 0  # and the creators got what it did leave


@pytest.mark.slow
def test_f6_programme_spends_within_its_budget(replicate_runner):
    f6 = claim("F6")
    kol = f6.arm_overrides(make_scenario(WORLD))["kol"]
    budget = make_scenario({**WORLD, **kol}).brand.monthly_budget
    assert budget > 0, "F6's arm has no budget"
    runs = run_claim(f6, replicate_runner, arms=("kol",), replicates=3)
    for frame in runs["kol"]:
        focal = frame[frame["brand"] == "focal"]
        months = focal["cost"].groupby((focal["step"] - 1) // 30).sum()  # 30-day months
        assert months.max() <= budget * (1 + 1e-9), months.max()
        assert focal["cost_leaders"].sum() > 0  # the creators are paid


TIER_REPLICATES = 12


@pytest.fixture(scope="module")
def tiers() -> dict[str, float]:
    """The in-model Beichert design on the claims' world, mean over 12 seeds; the ratio is
    of the means (a replicate's own ratio divides by a noisy macro figure). Measured at the
    calibrated ties: nano 0.258 (SE 0.011) and macro 0.045 (SE 0.006) per follower per post,
    ratio 5.7; the ties' calibration (docs/validation.md) ran on other seeds."""
    measures = [influencer_tiers(WORLD, seed) for seed in range(TIER_REPLICATES)]
    means = {key: float(np.mean([m[key] for m in measures])) for key in measures[0]}
    ratio = "nano_to_macro_revenue_per_follower"
    means[ratio] = means["nano_revenue_per_follower"] / means["macro_revenue_per_follower"]
    return means


def published(key: str) -> float:
    study = next(s for s in load_studies() if s.id == "influencer_tiers")
    return next(m.value for m in study.measures if m.key == key)


# Beichert et al. 2024 is the ties' calibration target (behavior.<tier>_creator_tie,
# docs/model.md 7.5), so these tests hold the calibration, not an independent check. The
# band is the issue's: within ±50% of the published figure (several SEs from either edge).
@pytest.mark.slow
@pytest.mark.parametrize(
    "key",
    [
        "nano_revenue_per_follower",
        "macro_revenue_per_follower",
        "nano_to_macro_revenue_per_follower",
    ],
)
def test_creators_revenue_per_follower_by_tier_lands_within_half_of_beichert(tiers, key):
    assert 0.5 <= tiers[key] / published(key) <= 1.5, tiers


def test_the_creators_ties_change_nothing_without_creators():
    base = {"population.members": 600, "population.market_history_days": 30}
    ties = {f"behavior.{tier}_creator_tie": 1.0 for tier in ("nano", "micro", "macro")}
    plain = commsim.simulate(base, steps=60, seed=5).timeseries
    tied = commsim.simulate({**base, **ties}, steps=60, seed=5).timeseries
    assert plain.equals(tied)  # runs without creators are those of before the ties


def test_a_closer_tie_makes_a_creators_posts_sell_more():
    base = {"population.members": 1500, "platform.preset": "instagram_2019"}
    base |= {"brand.nano_creators": 100, "population.market_history_days": 60}
    sold = [
        commsim.simulate({**base, "behavior.nano_creator_tie": tie}, steps=90, seed=6).final()[
            "cum_revenue"
        ]
        for tie in (1.0, 12.0)
    ]
    # The same posts to the same followers (same seed); only their pull differs.
    assert sold[1] > sold[0], sold
