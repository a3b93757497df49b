"""The in-model designs compare what the studies compared."""

from __future__ import annotations

import math

import numpy as np
import pytest

from commsim.evidence import EvidenceSizes, load_studies, plan, run_designs
from commsim.evidence.designs import (
    _customers_outside_audience,
    matched_did,
    randomised_likes,
)
from commsim.evidence.observed import FOCAL, run_world
from commsim.evidence.replicate import OUTSIDE, UNDECIDED, WITHIN, evidence_verdict, mean_interval

TINY = {"population.members": 400, "population.market_history_days": 60}
TINY_HISTORY = [("population.market_history_days", 30)]


def test_the_like_study_randomises_likes_among_the_same_customers():
    pools = {}

    def eligible(model):
        pools["before"] = _customers_outside_audience(model)
        pools["audience"] = model.members.audience()[:, FOCAL].copy()
        return pools["before"]

    model = run_world(TINY, 5, 1, randomised_likes(eligible, 5))
    treated, control = model.treated, model.control
    pool = np.flatnonzero(pools["before"])
    assert pool.size >= 10  # the brand's customers outside its audience
    # One pool, split in halves at random: no one in both, no one outside it.
    assert np.intersect1d(treated, control).size == 0
    assert np.array_equal(np.sort(np.concatenate([treated, control])), pool)
    assert abs(treated.size - control.size) <= 1
    # Only the treated were made to like the page; the control was left as it was.
    assert model.members.follows[treated, FOCAL].all()
    assert not pools["audience"][control].any()
    # The same seed draws the same assignment; the split is not by member order.
    again = run_world(TINY, 5, 1, randomised_likes(_customers_outside_audience, 5))
    assert np.array_equal(again.treated, treated)
    assert not np.array_equal(treated, pool[: treated.size])


def test_the_matched_difference_in_differences_recovers_a_known_effect():
    rng = np.random.default_rng(0)
    n = 4000
    strata = rng.integers(0, 4, n)
    pre = 1.0 + strata + rng.normal(0, 0.1, n)  # cells differ in level
    trend = 0.2 * strata  # and in trend
    joiners = rng.random(n) < 0.1 + 0.1 * strata  # who joins depends on the cell
    post = pre + trend + np.where(joiners, 0.5, 0.0)
    expected = 0.5 * joiners.sum() / post[joiners].sum()
    assert matched_did(pre, post, joiners, ~joiners, strata) == pytest.approx(expected, rel=1e-9)
    # Unmatched (one cell for all), the joiners' steeper cells would pass for an effect.
    unmatched = matched_did(pre, post, joiners, ~joiners, np.zeros(n, dtype=int))
    assert unmatched > expected * 1.1


def test_verdicts_follow_the_intervals():
    assert evidence_verdict(0.1, 0.3, 0.14, 0.56, "band") == WITHIN
    assert evidence_verdict(-0.2, 0.1, 0.14, 0.56, "band") == OUTSIDE
    assert evidence_verdict(0.05, 0.2, 0.0, math.inf, "sign") == WITHIN
    assert (
        evidence_verdict(-0.05, 0.2, 0.0, math.inf, "sign") == OUTSIDE
    )  # not a significant effect
    assert evidence_verdict(-0.9, 0.9, 0.0, 0.0, "point") == UNDECIDED  # too wide to tell
    assert evidence_verdict(math.nan, math.nan, 0.0, 0.0, "point") == UNDECIDED


def test_the_model_interval_is_the_t_interval_of_the_replicates():
    mean, low, high, n = mean_interval([1.0, 2.0, 3.0, math.nan])
    assert (mean, n) == (2.0, 3)
    assert high - mean == pytest.approx(4.302653 * 1.0 / math.sqrt(3), rel=1e-6)
    assert low == pytest.approx(2 * mean - high)


@pytest.mark.slow
def test_the_numbers_are_the_same_in_this_process_and_on_a_pool(tmp_path):
    studies = [s for s in load_studies() if s.id == "liking_is_not_loving"]
    tasks = plan(studies, EvidenceSizes(members=300, replicates=2), 3, TINY_HISTORY)
    here = run_designs(tasks, tmp_path / "here", workers=1)
    pooled = run_designs(tasks, tmp_path / "pool", workers=2)
    assert here == pooled
    assert len({v["liking_attitude_effect"] for v in here.values()}) == 2  # two seeds, two draws
