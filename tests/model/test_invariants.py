"""Invariants that hold for every valid scenario, checked on scenarios drawn from the whole
documented range of every parameter (``parameter_space``), each run for a year."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from commsim import CommunityModel
from commsim.model import METRIC_NAMES
from commsim.model.catalogue import CUMULATIVE_METRICS
from commsim.model.kernels import market
from commsim.model.metrics import MARKET_COUNTS
from tests.model.parameter_space import scenarios

YEAR = 365


def run_checking_every_day(scenario: dict, seed: int) -> CommunityModel:
    """Run a year, checking the member-level invariants after every day."""
    model = CommunityModel(scenario, seed=seed, steps_hint=YEAR)
    purchase = model._purchase
    bought = []

    def spy():
        purchases = purchase()
        bought.append(purchases)
        return purchases

    model._purchase = spy
    for _ in range(YEAR):
        model.step()
        m = model.members
        assert np.all(m.attitude >= -1.0) and np.all(m.attitude <= 1.0)
        assert np.all(m.fatigue >= 0.0)
        # Followers know their brand, except prize winners no post has reached yet.
        assert m.aware[(m.follows | m.member) & ~m.prize].all()
        today = bought[-1]
        assert m.aware[today.buyers, today.brands].all()  # a purchase refreshes awareness
    return model


@pytest.mark.slow  # 25 whole scenarios drawn from the full parameter space (25 CPU-s)
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(scenario=scenarios(), seed=st.integers(0, 2**32 - 1))
def test_invariants_hold_for_any_valid_scenario(scenario, seed):
    model = run_checking_every_day(scenario, seed)
    bh = model.scenario.behavior
    shoppers = model.shoppers
    # The mean need rate is 1 / purchase_cycle_days, and no one buys more than it needs.
    mean_rate = market.need_hazard(shoppers.weights, bh.purchase_cycle_days, 0.0).mean()
    assert mean_rate == pytest.approx(1.0 / bh.purchase_cycle_days, rel=1e-9)
    assert (shoppers.decisions <= shoppers.needs).all()

    frame = model.metrics.to_frame()
    assert not frame[list(METRIC_NAMES)].isna().any().any()  # ROI is defined at zero cost
    market_size = model.scenario.population.market_size
    assert (frame[list(MARKET_COUNTS)] >= 0).all().all()
    for name in ("community_members", "followers", "aware_members", "buyers"):
        assert (frame[name] <= market_size * 1.0000001).all(), name
    assert frame["awareness"].between(0, 1).all()
    assert frame["mean_attitude"].between(-1, 1).all()
    assert (frame["purchases"] <= frame["category_purchases"]).all()
    split = frame[["purchases_repeat", "purchases_switched", "purchases_new"]].sum(axis=1)
    assert (abs(split - frame["purchases"]) <= 3).all()  # rounding of three scaled counts
    for _, brand in frame.groupby("brand"):
        for cumulative in CUMULATIVE_METRICS:
            assert (brand[cumulative].diff().dropna() >= -1e-6).all(), cumulative
        np.testing.assert_allclose(
            brand["cum_profit"], brand["profit"].cumsum(), rtol=1e-9, atol=1e-6
        )
        items = brand[[c for c in brand.columns if c.startswith("cost_")]].sum(axis=1)
        np.testing.assert_allclose(items, brand["cost"], rtol=1e-9, atol=1e-9)
