"""Sparse feeds and waiting times: the shortcuts that keep a day O(members reached)."""

import numpy as np
import pytest
from scipy import stats

from commsim import CommunityModel
from commsim.model.kernels import draws, feeds
from commsim.model.kernels.network import random_network
from commsim.model.timing import STAGES


@pytest.fixture
def rng():
    return np.random.default_rng(7)


@pytest.mark.parametrize("dense", [False, True])
def test_spreading_from_speakers_equals_the_full_sparse_product(rng, monkeypatch, dense):
    if dense:  # every day counts as a day when many speak: full products
        monkeypatch.setattr(feeds, "DENSE_SPEAKER_TIES", 0.0)
    network = random_network(2000, 12.0, rng)
    speakers = np.sort(rng.choice(2000, size=150, replace=False))
    values = rng.poisson(1.0, size=(150, 3)).astype(np.float64)
    values[:, 2] = rng.random(150)  # a real-valued column, like a leader's voice
    listeners, sums = feeds.spread_to_friends(network, speakers, values)
    x = np.zeros((2000, 3))
    x[speakers] = values
    full = network @ x
    has_speaking_friend = (network @ np.isin(np.arange(2000), speakers).astype(float)) > 0
    np.testing.assert_array_equal(listeners, np.flatnonzero(has_speaking_friend))
    np.testing.assert_allclose(sums, full[listeners], rtol=1e-6)


def test_messages_along_ties_reach_each_friend_binomially(rng):
    """Each (speaker, friend) tie carries a message with chance p; a speaker named twice
    (two shares) sends twice: a member gets Binomial(speaking ties, p) messages."""
    network = random_network(400, 10.0, rng)
    speakers = np.sort(rng.choice(400, size=60, replace=False))
    senders = np.concatenate([speakers, speakers[:20]])  # the first 20 shared twice
    x = np.bincount(senders, minlength=400).astype(np.float32)
    ties = network @ x  # per member: ties to a message
    p, runs = 0.3, 3000
    got = np.zeros(400)
    squares = np.zeros(400)
    for _ in range(runs):
        count = np.bincount(feeds.message_friends(network, senders, p, rng), minlength=400)
        got += count
        squares += count.astype(float) ** 2
    mean = got / runs
    var = squares / runs - mean**2
    assert np.all(mean[ties == 0] == 0)
    reached = ties > 0
    se = np.sqrt(ties[reached] * p * (1 - p) / runs)
    assert np.all(np.abs(mean[reached] - p * ties[reached]) < 5 * se)
    expected = (ties * p * (1 - p))[reached]
    assert np.mean(var[reached]) == pytest.approx(np.mean(expected), rel=0.05)


def test_nobody_speaking_reaches_nobody(rng):
    network = random_network(100, 5.0, rng)
    listeners, sums = feeds.spread_to_friends(network, np.empty(0, np.int64), np.zeros((0, 2)))
    assert listeners.size == 0 and sums.shape == (0, 2)


def test_feed_lays_out_sparse_deliveries_over_the_members_shown_anything():
    feed = feeds.Feed(10, n_brands=2, kinds=3)
    feed.add(np.array([1, 4, 7]), 0, 2, np.array([1.0, 0.0, 2.0]))
    feed.add(np.array([4, 9]), 1, 0, np.array([3.0, 1.0]))
    feed.add_extra("paid", np.array([9]), 1, np.array([1.0]))
    feed.add_extra("invitations", np.array([3, 5]), 0, np.array([1.0, 0.0]))
    who, counts, extras = feed.build(("paid", "invitations"))
    np.testing.assert_array_equal(who, [1, 3, 4, 7, 9])  # 5 got nothing: not shown
    assert counts.shape == (2, 3, 5) and counts.sum() == 7.0  # (brands, kinds, who)
    assert counts[0, 2, 0] == 1 and counts[1, 0, 2] == 3 and counts[0, 2, 3] == 2
    assert extras["paid"][1, 4] == 1 and extras["invitations"][0, 1] == 1


def test_stage_timing_is_off_by_default_and_times_every_stage_when_on():
    model = CommunityModel({"population.members": 300}, seed=1)
    model.step()
    assert model.stage_seconds is None
    model.stage_seconds = {}
    for _ in range(30):  # day 30 runs the monthly leader stage too
        model.step()
    assert set(model.stage_seconds) == set(STAGES)
    assert all(seconds >= 0 for seconds in model.stage_seconds.values())


@pytest.mark.parametrize(
    ("n", "p"),
    [(1, 0.3), (5, 0.05), (20, 0.02), (20, 0.2), (20, 0.5), (70, 0.5), (120, 0.2), (150, 0.14)],
)
def test_binomial_draws_follow_the_binomial_law(rng, n, p):
    """Inversion, fair bits, halving and numpy's sampler all give the binomial law."""
    size = 100_000
    sample = draws.binomial(np.full(size, float(n)), p, rng)
    mean, var = n * p, n * p * (1 - p)
    assert sample.min() >= 0 and sample.max() <= n
    assert sample.mean() == pytest.approx(mean, abs=5 * np.sqrt(var / size))
    assert sample.var() == pytest.approx(var, rel=0.05)
    for k in (0, round(mean)):
        pk = stats.binom.pmf(k, n, p)
        assert np.mean(sample == k) == pytest.approx(pk, abs=5 * np.sqrt(pk * (1 - pk) / size))


def test_binomial_draws_with_a_chance_per_draw_follow_each_law(rng):
    """Mixed means (0.04 to 7.5) in one call: one route for some, another for the rest."""
    size = 100_000
    n = np.tile([2.0, 20.0, 25.0], size)
    p = np.tile([0.02, 0.1, 0.3], size)
    sample = draws.binomial(n, p, rng).reshape(size, 3)
    for column, (trials, chance) in enumerate(zip(n[:3], p[:3], strict=True)):
        mean, var = trials * chance, trials * chance * (1 - chance)
        got = sample[:, column]
        assert got.mean() == pytest.approx(mean, abs=5 * np.sqrt(var / size))
        assert got.var() == pytest.approx(var, rel=0.05)
        pk = stats.binom.pmf(round(mean), trials, chance)
        share = np.mean(got == round(mean))
        assert share == pytest.approx(pk, abs=5 * np.sqrt(pk * (1 - pk) / size))


def test_binomial_handles_certain_and_impossible_successes(rng):
    assert (draws.binomial(np.array([3.0, 4.0]), 1.0, rng) == [3, 4]).all()
    assert (draws.binomial(np.array([3.0, 4.0]), 0.0, rng) == [0, 0]).all()
    assert (draws.binomial(np.array([3.0, 4.0]), np.array([0.0, 1.0]), rng) == [0, 4]).all()


@pytest.mark.parametrize("rate", [0.004, 0.3, 2.5])
def test_poisson_draws_follow_the_poisson_law(rng, rate):
    size = 200_000
    sample = draws.poisson(np.full(size, rate), rng)
    assert sample.mean() == pytest.approx(rate, abs=5 * np.sqrt(rate / size))
    p0 = np.exp(-rate)
    assert np.mean(sample == 0) == pytest.approx(p0, abs=5 * np.sqrt(p0 * (1 - p0) / size))
    assert (draws.poisson(np.zeros(3), rng) == 0).all()


@pytest.mark.parametrize(
    ("good", "bad", "sample"),
    [(1, 99, 20), (3, 80, 20), (12, 30, 20), (16, 16, 20), (40, 60, 20), (5, 10, 12)],
)
def test_hypergeometric_draws_follow_the_hypergeometric_law(rng, good, bad, sample):
    """Inversion for a few good items among many, numpy's sampler for the rest."""
    size = 100_000
    got = draws.hypergeometric(np.full(size, good), np.full(size, bad), np.full(size, sample), rng)
    law = stats.hypergeom(good + bad, good, sample)
    assert got.min() >= max(0, sample - bad) and got.max() <= min(good, sample)
    assert got.mean() == pytest.approx(law.mean(), abs=5 * np.sqrt(law.var() / size))
    assert got.var() == pytest.approx(law.var(), rel=0.05)
    for k in (0, round(law.mean())):
        pk = law.pmf(k)
        assert np.mean(got == k) == pytest.approx(pk, abs=5 * np.sqrt(pk * (1 - pk) / size) + 1e-9)


def test_hypergeometric_draws_from_a_billion_items_or_more_are_binomial(rng):
    """numpy's sampler stops below 10^9 items (a member shown the posts of a community of a
    billion people); so few draws from so many are draws with replacement."""
    size = 100_000
    good, bad, sample = 3e9, 1e9, 20
    got = draws.hypergeometric(np.full(size, good), np.full(size, bad), np.full(size, sample), rng)
    law = stats.binom(sample, good / (good + bad))
    assert got.min() >= 0 and got.max() <= sample
    assert got.mean() == pytest.approx(law.mean(), abs=5 * np.sqrt(law.var() / size))
    assert got.var() == pytest.approx(law.var(), rel=0.05)
