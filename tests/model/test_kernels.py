"""Behaviour kernels, one mechanism at a time, with tolerances from binomial standard errors."""

import numpy as np
import pytest
from scipy import stats

from commsim.model import community, delivery, market, posting, response

N = 200_000


@pytest.fixture
def rng():
    return np.random.default_rng(12345)


def test_organic_delivery_reaches_the_configured_share_of_followers_only(rng):
    audience = rng.random(N) < 0.5
    seen = delivery.deliver_posts(audience, 3, 0.15, rng)
    assert seen[~audience].sum() == 0
    share = seen[audience].sum() / (3 * audience.sum())
    se = np.sqrt(0.15 * 0.85 / (3 * audience.sum()))
    assert abs(share - 0.15) < 4 * se


def test_ranking_is_neutral_at_zero_elasticity_and_rewards_engagement():
    limits = (0.2, 3.0)
    assert delivery.ranking_multiplier(0.001, 0.01, 0.0, limits) == 1.0
    assert delivery.ranking_multiplier(0.02, 0.01, 1.0, limits) == pytest.approx(2.0)
    assert delivery.ranking_multiplier(0.005, 0.01, 1.0, limits) == pytest.approx(0.5)
    assert delivery.ranking_multiplier(1.0, 0.01, 1.0, limits) == 3.0
    assert delivery.ranking_multiplier(0.0, 0.01, 1.0, limits) == 0.2


def test_reach_declines_by_the_yearly_rate():
    assert delivery.organic_reach_probability(0.16, 0.5, 365, 1.0) == pytest.approx(0.08)
    assert delivery.organic_reach_probability(0.16, 0.0, 730, 1.0) == pytest.approx(0.16)


def test_zero_budget_buys_zero_paid_impressions(rng):
    assert delivery.paid_impressions(0.0, 8.0) == 0
    assert delivery.paid_impressions(80.0, 8.0) == 10_000
    weights = rng.random(1000)
    assert delivery.paid_targets(0, weights, rng).sum() == 0


def test_paid_impressions_follow_targeting_weights(rng):
    weights = np.where(np.arange(N) < N // 2, 0.0, 1.0)
    shown = delivery.paid_targets(50_000, weights, rng)
    assert shown.sum() == 50_000
    assert shown[: N // 2].sum() == 0


def test_attention_caps_what_members_see_at_exactly_the_capacity(rng):
    # (kinds, members): member 0 is shown 30 + 10, member 1 2 + 1, member 2 45 of one kind.
    counts = np.array([[30.0, 2.0, 0.0], [10.0, 1.0, 45.0]], dtype=np.float32)
    kept = delivery.cap_attention(counts, 20.0, rng)
    assert kept[:, 0].sum() == 20  # over capacity: exactly capacity posts are seen
    assert np.all(kept[:, 0] <= counts[:, 0])
    np.testing.assert_array_equal(kept[:, 1], counts[:, 1])  # under capacity: all is seen
    np.testing.assert_array_equal(kept[:, 2], [0.0, 20.0])  # one kind: no draw needed
    # The mix is kept on average: hypergeometric mean 20 x 60 / 80 = 15 of the first kind.
    big = np.tile(np.array([[60.0], [20.0]], dtype=np.float32), (1, N // 10))
    first = delivery.cap_attention(big, 20.0, rng)[0]
    assert first.mean() == pytest.approx(15.0, abs=4 * first.std() / np.sqrt(first.size))
    # Its variance is the hypergeometric one, below the binomial's (sampling without
    # replacement): 20 x 3/4 x 1/4 x (80 - 20) / (80 - 1) = 2.85 (binomial: 3.75).
    assert first.var() == pytest.approx(2.85, rel=0.1)


def test_a_fractional_capacity_sees_one_more_post_with_the_fractional_chance(rng):
    counts = np.full((2, N), 8.0, dtype=np.float32)
    seen = delivery.cap_attention(counts, 2.25, rng).sum(axis=0)
    assert set(np.unique(seen)) == {2.0, 3.0}
    assert (seen == 3).mean() == pytest.approx(0.25, abs=4 * np.sqrt(0.25 * 0.75 / N))


def test_engagement_falls_with_fatigue_and_rises_with_relevance():
    activity = np.full(3, 0.5)
    p = response.engagement_probability(
        1.0, activity, 0.6, np.array([0.2, 0.8, 0.8]), 0.5, np.array([0.0, 0.0, 2.0])
    )
    assert p[1] > p[0]
    assert p[2] == pytest.approx(p[1] * np.exp(-2.0))


def test_only_sales_push_raises_fatigue():
    fatigue = np.zeros(4, dtype=np.float32)
    relevance = np.array([0.0, 0.5, 1.0, 0.0], dtype=np.float32)
    no_push = response.push_fatigue(fatigue, np.zeros(4), relevance, 0.15)
    np.testing.assert_array_equal(no_push, fatigue)
    pushed = response.push_fatigue(fatigue, np.array([2, 2, 2, 0]), relevance, 0.15)
    np.testing.assert_allclose(pushed, [0.3, 0.15, 0.0, 0.0], rtol=1e-6)


def test_value_content_raises_attitude_and_saturates():
    attitude = np.array([0.0, 0.5, 0.99], dtype=np.float32)
    after = response.value_attitude(attitude, np.array([1, 1, 100]), 0.1)
    assert np.all(after > attitude)
    assert np.all(after <= 1.0)
    np.testing.assert_allclose(after[:2], [0.1, 0.55], rtol=1e-6)


def test_a_leaders_post_moves_attitudes_more_than_a_members():
    attitude = np.zeros(5, dtype=np.float32)
    voice = np.full(5, 0.8)
    seen = np.ones(5)
    influence = 0.1
    by_leader = response.social_pull(attitude, seen, influence * 1.0, voice)  # trust_leader
    by_member = response.social_pull(attitude, seen, influence * 0.8, voice)  # trust_friend
    assert np.all(by_leader > by_member)
    assert np.all(by_member > attitude)


def test_unfollowing_rises_with_fatigue():
    p = response.unfollow_probability(np.array([0.0, 1.5, 5.0]), 1.5, 0.1)
    assert p[0] < p[1] < p[2]
    assert p[1] == pytest.approx(0.05)


def test_replies_lift_attitude_and_silence_lowers_it(rng):
    attitude = np.zeros(1000, dtype=np.float32)
    comments = np.ones(1000)
    replied, replies = response.reply_outcome(attitude, comments, 1.0, 0.15, 0.05, rng)
    ignored, none = response.reply_outcome(attitude, comments, 0.0, 0.15, 0.05, rng)
    assert replies.sum() == 1000 and none.sum() == 0
    np.testing.assert_allclose(replied, 0.15)
    np.testing.assert_allclose(ignored, -0.05)


def test_joining_grows_with_fit_and_opportunities():
    p = community.join_probability(np.array([0.03, 0.3, 0.3]), np.array([1, 1, 3]), 0.2)
    assert p[0] < p[1] < p[2]
    assert p[1] == pytest.approx(0.06)


def test_giveaway_followers_ignore_interest(rng):
    interest = rng.beta(0.9, 2.1, size=N)
    picked = community.giveaway_followers(np.zeros(N, dtype=bool), 7 * 20_000, rng)
    se = interest.std() / np.sqrt(picked.size)
    assert abs(interest[picked].mean() - interest.mean()) < 4 * se


def test_kol_programme_picks_the_most_engaged_eligible_members():
    score = np.array([5.0, 9.0, 1.0, 7.0, 0.0])
    eligible = np.array([True, False, True, True, True])
    assert set(community.kol_candidates(score, eligible, 2)) == {0, 3}


def test_choice_shares_follow_the_multinomial_logit(rng):
    utility = np.tile(np.array([[1.0, 0.0]]), (N, 1))
    choice = market.choose(utility, 0.5, rng)
    expected = np.exp([1.0, 0.0, 0.5]) / np.exp([1.0, 0.0, 0.5]).sum()
    observed = [(choice == 0).mean(), (choice == 1).mean(), (choice == -1).mean()]
    se = np.sqrt(expected * (1 - expected) / N)
    assert np.all(np.abs(np.array(observed) - expected) < 4 * se)


def test_unaware_brands_are_never_chosen(rng):
    utility = market.purchase_utility(
        np.ones((1000, 2)),
        np.ones((1000, 2)),
        np.array([[True, False]] * 1000),
        np.zeros(2),
        3.0,
        1.5,
    )
    assert not np.any(market.choose(utility, 0.0, rng) == 1)


def test_sales_push_lifts_purchase_utility():
    utility = market.purchase_utility(
        np.zeros((2, 1)),
        np.array([[0.0], [1.0]]),
        np.ones((2, 1), dtype=bool),
        np.zeros(1),
        3.0,
        1.5,
    )
    assert utility[1, 0] - utility[0, 0] == pytest.approx(1.5)


def test_brand_posts_split_by_value_share(rng):
    draws = np.array([posting.brand_post_counts(70.0, 0.8, rng) for _ in range(2000)])
    assert draws.sum(axis=1).mean() == pytest.approx(10.0, abs=0.3)
    assert draws[:, 0].sum() / draws.sum() == pytest.approx(0.8, abs=0.02)


def test_lively_communities_post_more(rng):
    activity = np.full(N, 0.1)
    lively = posting.member_posts(activity, 0.5, 0.1, rng).sum()
    quiet = posting.member_posts(activity, 0.05, 0.1, rng).sum()
    assert lively > 5 * quiet


def test_member_posts_are_poisson_per_member_and_none_from_the_inactive(rng):
    activity = np.array([0.9, 0.1, 0.0, 0.9])[np.arange(N) % 4]  # a quarter never act
    rate = 0.5 * 0.2 * activity  # post_rate x activity x vitality
    counts = posting.member_posts(activity, 0.2, 0.5, rng)
    assert counts[activity == 0].sum() == 0
    for group in (activity == 0.9, activity == 0.1):
        lam, got = rate[group][0], counts[group]
        assert got.mean() == pytest.approx(lam, abs=5 * np.sqrt(lam / got.size))
        assert got.var() == pytest.approx(lam, rel=0.05)
        p0 = np.exp(-lam)
        assert np.mean(got == 0) == pytest.approx(p0, abs=5 * np.sqrt(p0 * (1 - p0) / got.size))


def test_community_posts_are_binomial_and_truncated_at_capacity_only_for_the_alone(rng):
    alone = np.arange(N) % 2 == 0
    got = delivery.community_posts(400, 0.05, 19.5, alone, rng)
    full, truncated = got[~alone], got[alone]
    assert full.mean() == pytest.approx(20.0, abs=5 * np.sqrt(19.0 / full.size))
    assert full.var() == pytest.approx(19.0, rel=0.05)
    # Alone: min(count, 20), the most a feed of capacity 19.5 can keep.
    assert truncated.max() == 20
    for k in (10, 15, 19):
        pk = stats.binom.pmf(k, 400, 0.05)
        share = np.mean(truncated == k)
        assert share == pytest.approx(pk, abs=5 * np.sqrt(pk * (1 - pk) / truncated.size))
    p_top = stats.binom.sf(19, 400, 0.05)
    assert np.mean(truncated == 20) == pytest.approx(p_top, abs=0.01)


@pytest.mark.parametrize("posts", [1, 7, 19, 20])
def test_a_small_community_shows_no_more_posts_than_it_made(rng, posts):
    alone = np.ones(N, dtype=bool)
    got = delivery.community_posts(posts, 0.3, 20.0, alone, rng)
    assert got.max() <= posts
    law = stats.binom(posts, 0.3)
    assert got.mean() == pytest.approx(law.mean(), abs=5 * np.sqrt(law.var() / N))
    assert got.var() == pytest.approx(law.var(), rel=0.05)


def test_the_chance_of_any_of_independent_events():
    assert response.any_of(0.1, 0.0, 0.05) == pytest.approx(1 - 0.9 * 0.95)
    assert response.any_of(0.3, 1.0) == 1.0
    assert response.any_of() == 0.0
