"""Behaviour kernels, one mechanism at a time, with tolerances from binomial standard errors."""

import numpy as np
import pytest
from scipy import stats

from commsim.model import accounts
from commsim.model.kernels import community, delivery, market, posting, response

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


def test_a_budget_buys_its_cpm_for_the_sample_and_zero_buys_nothing(rng):
    assert delivery.bought_impressions(0.0, 8.0, 100.0) == 0
    # 80 a day at CPM 8 buys 10,000 impressions in the market: 100 for a 1% sample.
    assert delivery.bought_impressions(80.0, 8.0, 100.0) == pytest.approx(100.0)
    weights = rng.random(1000)
    assert delivery.paid_impressions(0.0, weights, 3, rng).sum() == 0


def test_paid_impressions_follow_targeting_weights_and_are_poisson_per_member(rng):
    weights = np.where(np.arange(N) < N // 2, 0.0, 1.0)
    shown = delivery.paid_impressions(50_000.0, weights, 100, rng)
    assert shown[: N // 2].sum() == 0
    # Each targeted member: Poisson(50,000 / 100,000 = 0.5).
    got = shown[N // 2 :]
    assert got.mean() == pytest.approx(0.5, abs=5 * np.sqrt(0.5 / got.size))
    assert np.mean(got == 0) == pytest.approx(np.exp(-0.5), abs=0.01)


def test_no_member_is_shown_more_ads_than_the_frequency_cap_whatever_the_budget(rng):
    weights = rng.random(1000)
    for impressions in (1e3, 1e9, 1e300, np.inf):
        shown = delivery.paid_impressions(impressions, weights, 3, rng)
        assert shown.max() <= 3
    assert delivery.bought_impressions(1e12, 1e-300, 1.0) == np.inf  # no overflow error
    assert delivery.paid_impressions(np.inf, weights, 3, rng).sum() == 3 * 1000


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


def test_every_brand_post_tires_and_a_push_tires_the_unconcerned_most():
    fatigue = np.zeros(4, dtype=np.float32)
    relevance = np.array([0.0, 0.5, 1.0, 0.0], dtype=np.float32)
    # Two value posts each: only the per-post fatigue.
    value_only = response.post_fatigue(fatigue, np.full(4, 2.0), np.zeros(4), relevance, 0.02, 0.15)
    np.testing.assert_allclose(value_only, 0.04, rtol=1e-6)
    # Two pushes each: the per-post fatigue plus 0.15 x (1 - relevance) a push.
    pushed = response.post_fatigue(
        fatigue, np.array([2, 2, 2, 0]), np.array([2, 2, 2, 0]), relevance, 0.02, 0.15
    )
    np.testing.assert_allclose(pushed, [0.34, 0.19, 0.04, 0.0], rtol=1e-6)
    # Without per-post fatigue, value content never tires.
    np.testing.assert_array_equal(
        response.post_fatigue(fatigue, np.full(4, 5.0), np.zeros(4), relevance, 0.0, 0.15), 0.0
    )


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


def test_unfollowing_rises_with_fatigue_as_steeply_as_asked():
    p = response.unfollow_probability(np.array([0.0, 1.5, 5.0]), 1.5, 0.1, 4.0)
    assert p[0] < p[1] < p[2]
    assert p[1] == pytest.approx(0.05)
    flat = response.unfollow_probability(np.array([0.0, 5.0]), 1.5, 0.1, 0.0)
    np.testing.assert_allclose(flat, 0.05)


def test_each_reason_to_leave_adds_its_own_chance():
    n = 5
    tired = np.array([0.1, 0.0, 0.0, 0.0, 0.0])
    dormant = np.array([False, True, False, False, False])
    attitude = np.array([0.0, 0.0, -1.0, -0.5, 0.5])
    prize = np.array([False, False, False, False, True])
    p = response.leave_probability(tired, dormant, 0.01, attitude, 0.02, prize, 0.03)
    np.testing.assert_allclose(p, [0.1, 0.01, 0.02, 0.01, 0.03])
    both = response.leave_probability(
        np.full(n, 0.1), np.ones(n, bool), 0.01, np.full(n, -1.0), 0.02, np.ones(n, bool), 0.03
    )
    np.testing.assert_allclose(both, 1 - 0.9 * 0.99 * 0.98 * 0.97)


def test_category_education_raises_the_need_towards_its_ceiling():
    boost = np.array([0.0, 0.1, 0.29], dtype=np.float32)
    after = response.category_education(boost, np.array([1, 1, 50]), 0.1, 0.3)
    np.testing.assert_allclose(after[:2], [0.03, 0.12], rtol=1e-6)
    assert after[2] <= 0.3
    unchanged = response.category_education(boost, np.zeros(3), 0.1, 0.3)
    np.testing.assert_array_equal(unchanged, boost)


def test_attitudes_drift_back_to_their_baseline_not_to_zero():
    attitude = np.array([0.8, -0.4, 0.2])
    baseline = np.array([0.2, 0.0, 0.2])
    after = response.decay_toward(attitude, baseline, 0.1)
    np.testing.assert_allclose(after, [0.74, -0.36, 0.2])


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


def test_broad_giveaways_ignore_interest_and_targeted_ones_follow_it(rng):
    interest = rng.beta(0.9, 2.1, size=N)
    nobody = np.zeros(N, dtype=bool)
    broad = community.giveaway_followers(nobody, 7 * 20_000, None, rng)
    se = interest.std() / np.sqrt(broad.size)
    assert abs(interest[broad].mean() - interest.mean()) < 4 * se
    targeted = community.giveaway_followers(nobody, 7 * 20_000, interest, rng)
    # Drawn in proportion to interest (without replacement, so a little below E[x^2]/E[x]).
    assert interest[targeted].mean() > interest.mean() + 10 * se
    everyone = np.ones(N, dtype=bool)
    assert community.giveaway_followers(everyone, 7 * 100, None, rng).size == 0


def test_kol_programme_picks_the_most_engaged_eligible_members():
    score = np.array([5.0, 9.0, 1.0, 7.0, 0.0])
    eligible = np.array([True, False, True, True, True])
    assert set(community.kol_candidates(score, eligible, 2)) == {0, 3}


def _gumbel(rng, shape):
    return -np.log(-np.log(rng.random(shape)))


def test_choice_shares_follow_the_multinomial_logit(rng):
    # Two brands and the rest of the category (last column).
    utility = np.tile(np.array([[1.0, 0.0, 0.5]]), (N, 1))
    choice = market.choose(utility, _gumbel(rng, utility.shape))
    expected = np.exp([1.0, 0.0, 0.5]) / np.exp([1.0, 0.0, 0.5]).sum()
    observed = [(choice == 0).mean(), (choice == 1).mean(), (choice == market.REST).mean()]
    se = np.sqrt(expected * (1 - expected) / N)
    assert np.all(np.abs(np.array(observed) - expected) < 4 * se)
    probabilities = market.choice_probabilities(utility[:1])
    np.testing.assert_allclose(probabilities[0], expected)


def _utility(attitude, promo, aware, last, constants=None, loyalty=1.5):
    n, b = attitude.shape
    constants = np.zeros(b) if constants is None else constants
    return market.choice_utility(constants, attitude, promo, aware, last, 3.0, 1.5, loyalty)


def test_unknown_brands_are_never_chosen(rng):
    n = 1000
    utility = _utility(
        np.ones((n, 2)), np.ones((n, 2)), np.array([[True, False]] * n), np.full(n, market.REST)
    )
    assert not np.any(market.choose(utility, _gumbel(rng, utility.shape)) == 1)


def test_sales_push_lifts_purchase_utility_and_habit_favours_the_last_choice():
    aware = np.ones((3, 1), dtype=bool)
    last = np.array([market.REST, market.REST, 0])
    utility = _utility(np.zeros((3, 1)), np.array([[0.0], [1.0], [0.0]]), aware, last)
    assert utility[1, 0] - utility[0, 0] == pytest.approx(1.5)
    assert utility[2, 0] - utility[0, 0] == pytest.approx(1.5)  # the habit bonus
    assert utility[0, 1] - utility[2, 1] == pytest.approx(1.5)  # habit of the rest


def test_mere_awareness_converts_little_against_a_habit():
    """A member who just learnt of a brand, with a neutral attitude, and who bought the rest
    of the category last time, buys the brand at a low rate: e^c / (e^c + e^loyalty)."""
    utility = _utility(
        np.zeros((1, 1)),
        np.zeros((1, 1)),
        np.ones((1, 1), bool),
        np.array([market.REST]),
        constants=np.array([-1.0]),
        loyalty=1.5,
    )
    p = market.choice_probabilities(utility)[0, 0]
    assert p == pytest.approx(np.exp(-1.0) / (np.exp(-1.0) + np.exp(1.5)))


def test_purchases_are_split_into_repeat_switched_and_new():
    last = np.array([0, 1, market.REST, 0])
    choice = np.array([0, 0, 0, 1])
    np.testing.assert_array_equal(
        market.purchase_origin(last, choice),
        [market.REPEAT, market.SWITCHED, market.NEW, market.SWITCHED],
    )


def test_need_weights_keep_the_mean_and_respect_the_cap(rng):
    # A niche topic: a few members care a lot (the case that once gave 26 daily needs).
    interest = rng.beta(0.001 * 3, 0.999 * 3, size=N)
    weights = market.need_weights(interest, 1.0, 10.0)
    assert weights.mean() == pytest.approx(1.0, rel=1e-9)
    assert weights.max() <= 10.0 + 1e-9
    flat = market.need_weights(interest, 0.0, 10.0)
    np.testing.assert_allclose(flat, 1.0)


def test_calibration_moves_constants_towards_the_target_shares():
    constants = np.zeros(2)
    after = market.calibrate_constants(constants, np.array([0.1, 0.01]), np.array([0.05, 0.02]))
    assert after[0] < 0 < after[1]
    assert after[1] == pytest.approx(0.5 * np.log(2.0))


def test_initial_choices_follow_the_baseline_shares(rng):
    u = rng.random(N)
    last = market.initial_choices(np.array([0.05, 0.2]), u)
    for option, share in ((0, 0.05), (1, 0.2), (market.REST, 0.75)):
        se = np.sqrt(share * (1 - share) / N)
        assert np.mean(last == option) == pytest.approx(share, abs=5 * se)


def test_keyed_draws_depend_only_on_their_key_member_and_day():
    from commsim.model.kernels import draws

    members = np.arange(10_000)
    a = draws.keyed_uniforms(7, draws.CHOICE_STREAM, members, 42)
    b = draws.keyed_uniforms(7, draws.CHOICE_STREAM, members[::-1], 42)[::-1]
    np.testing.assert_array_equal(a, b)  # the same member's draw, whatever the order
    assert not np.array_equal(a, draws.keyed_uniforms(7, draws.CHOICE_STREAM, members, 43))
    assert not np.array_equal(a, draws.keyed_uniforms(8, draws.CHOICE_STREAM, members, 42))
    assert a.min() > 0 and a.max() < 1
    assert stats.kstest(a, "uniform").pvalue > 0.001


def test_geometric_days_by_inversion_follow_the_law_of_daily_chances(rng):
    p = 0.05
    days = market.geometric_days(p, rng.random(200_000))
    assert days.min() == 1
    assert days.mean() == pytest.approx(1 / p, rel=0.02)
    assert np.mean(days == 1) == pytest.approx(p, abs=5 * np.sqrt(p * (1 - p) / days.size))
    np.testing.assert_array_equal(market.geometric_days(1.0, rng.random(10)), 1)


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


def test_community_posts_are_poisson_and_truncated_at_capacity_only_for_the_alone(rng):
    alone = np.arange(N) % 2 == 0
    got = delivery.community_posts(20.0, 19.5, alone, rng)
    full, truncated = got[~alone], got[alone]
    assert full.mean() == pytest.approx(20.0, abs=5 * np.sqrt(20.0 / full.size))
    assert full.var() == pytest.approx(20.0, rel=0.05)
    # Alone: min(count, 20), the most a feed of capacity 19.5 can keep.
    assert truncated.max() == 20
    for k in (10, 15, 19):
        pk = stats.poisson.pmf(k, 20.0)
        share = np.mean(truncated == k)
        assert share == pytest.approx(pk, abs=5 * np.sqrt(pk * (1 - pk) / truncated.size))
    p_top = stats.poisson.sf(19, 20.0)
    assert np.mean(truncated == 20) == pytest.approx(p_top, abs=0.01)


@pytest.mark.parametrize("mean", [0.3, 2.1, 5.7])
def test_a_quiet_community_shows_its_posts_by_the_poisson_law(rng, mean):
    alone = np.ones(N, dtype=bool)
    got = delivery.community_posts(mean, 20.0, alone, rng)
    assert got.mean() == pytest.approx(mean, abs=5 * np.sqrt(mean / N))
    assert got.var() == pytest.approx(mean, rel=0.05)


def test_the_chance_of_any_of_independent_events():
    assert response.any_of(0.1, 0.0, 0.05) == pytest.approx(1 - 0.9 * 0.95)
    assert response.any_of(0.3, 1.0) == 1.0
    assert response.any_of() == 0.0


def test_roi_is_defined_for_a_free_programme_and_does_not_explode_near_zero_cost():
    assert accounts.return_on_cost(100.0, 0.0) == np.inf
    assert accounts.return_on_cost(-100.0, 0.0) == -np.inf
    assert accounts.return_on_cost(0.0, 0.0) == 0.0
    assert accounts.return_on_cost(100.0, 1e-300) == np.inf  # not 1e302
    assert accounts.return_on_cost(50.0, 100.0) == 0.5


def test_better_posts_cost_more_in_proportion_to_the_elasticity():
    assert accounts.quality_cost_factor(0.5, 1.0) == 1.0
    assert accounts.quality_cost_factor(1.0, 1.0) == 2.0
    assert accounts.quality_cost_factor(0.25, 2.0) == 0.25
    assert accounts.quality_cost_factor(0.9, 0.0) == 1.0
