"""A market history lived once and forked for each arm gives the numbers of living it again
(``commsim.model.history``): the settings it declares as acting from day 0 never shape the
history, a forked run is identical to one that lived it, and a different market refuses it."""

from __future__ import annotations

from dataclasses import fields

import numpy as np
import pandas as pd
import pytest

import commsim
from commsim.config import make_scenario
from commsim.model import CommunityModel, HistoryCache, start_model
from commsim.model.history import SETTINGS_AFTER_DAY_0, History, history_key
from commsim.model.member_state import Members

SMALL = {"population": {"members": 600, "market_history_days": 120}}
# A value other than the default for every setting declared as acting from day 0.
ELSEWHERE = {
    "price": 31.0,
    "margin": 0.2,
    "program": False,
    "community": "brand",
    "posts_per_week": 12.0,
    "value_share": 0.9,
    "quality": 0.95,
    "brand_mention": 0.9,
    "initial_followers": 90_000,
    "ad_budget_per_day": 400.0,
    "ad_days": 200,
    "ad_targeting": "broad",
    "paid_leader_posts_per_week": 3.0,
    "leader_fee_per_post": 90.0,
    "nano_creators": 7,
    "micro_creators": 3,
    "macro_creators": 1,
    "creator_posts_per_month": 3.0,
    "nano_fee_per_post": 40.0,
    "micro_fee_per_post": 250.0,
    "macro_fee_per_post": 2_500.0,
    "kol_program": True,
    "kol_per_month": 5.0,
    "kol_attitude_lift": 0.2,
    "kol_cost_per_leader_month": 60.0,
    "responsiveness": 0.8,
    "incentive_followers_per_week": 500.0,
    "giveaway_targeting": "interest",
    "store_code_share": 0.3,
    "incentive_cost_per_follower": 3.0,
    "monthly_budget": 90_000.0,
    "cost_value_post": 50.0,
    "cost_push_post": 30.0,
    "quality_cost_elasticity": 0.5,
    "cost_per_reply": 4.0,
    "community_cost_per_day": 10.0,
    "review_day": 60,
    "review_kpi": "incremental_point",
    "review_min_roi": 0.5,
}


def with_brand(**settings) -> dict:
    return {**SMALL, "brand": settings}


def lived(scenario: dict, seed: int = 5) -> History:
    model = CommunityModel(scenario, seed=seed, keep_history=True)
    assert model.history is not None
    return model.history


def assert_same_history(a: History, b: History) -> None:
    for f in fields(Members):
        left, right = getattr(a.members, f.name), getattr(b.members, f.name)
        if f.name == "network":
            assert (left != right).nnz == 0
        else:
            np.testing.assert_array_equal(left, right, err_msg=f.name)
    for name in ("hazard", "needs", "threshold", "decision_day", "constants"):
        np.testing.assert_array_equal(getattr(a.shoppers, name), getattr(b.shoppers, name))
    assert a.rng_state == b.rng_state
    np.testing.assert_array_equal(a.sharers, b.sharers)


def test_every_setting_declared_after_day_0_is_one_the_test_changes():
    assert set(ELSEWHERE) == SETTINGS_AFTER_DAY_0
    defaults = make_scenario(None).brand
    assert all(getattr(defaults, name) != value for name, value in ELSEWHERE.items())


def test_settings_that_act_from_day_0_do_not_shape_the_history():
    brand = lived(SMALL)
    elsewhere = lived(with_brand(**ELSEWHERE))
    assert brand.key == elsewhere.key
    assert_same_history(brand, elsewhere)


def test_a_setting_of_the_market_changes_the_key_and_the_history():
    # The control: the comparison above can fail. A brand's baseline share shapes the market.
    share = with_brand(market_share=0.2)
    assert history_key(make_scenario(share)) != history_key(make_scenario(SMALL))
    with pytest.raises(AssertionError):
        assert_same_history(lived(SMALL), lived(share))


RIVAL = [{"name": "Rival", "market_share": 0.1, "initial_awareness": 0.4}]


@pytest.mark.parametrize(
    ("market", "programme"),
    [
        (SMALL, ELSEWHERE),
        (SMALL, {"community": "brand", "monthly_budget": 30_000.0, "review_day": 90}),
        ({**SMALL, "platform": {"preset": "line_tw_2025"}}, {"store_code_share": 0.2}),
        ({**SMALL, "competitors": RIVAL}, {"ad_budget_per_day": 300.0, "kol_program": True}),
    ],
    ids=["every-setting", "brand-community-on-budget", "line", "with-rival"],
)
def test_a_forked_run_is_the_run_that_lived_its_history(market, programme):
    arm = {**market, "brand": programme}
    histories = HistoryCache(64 * 2**20)
    status_quo = start_model(market, seed=9, histories=histories)
    forked = start_model(arm, seed=9, histories=histories)
    assert len(histories) == 1 and forked.history is status_quo.history
    runs = commsim.simulate_arms({"status quo": market, "arm": arm}, steps=150, seed=9)
    again = commsim.simulate(arm, steps=150, seed=9, histories=None)  # lives its own
    pd.testing.assert_frame_equal(runs["arm"].timeseries, again.timeseries)


def test_a_history_refuses_a_different_market():
    history = lived(SMALL)
    with pytest.raises(ValueError, match="differs"):
        CommunityModel({**SMALL, "behavior": {"attitude_decay": 0.05}}, seed=5, history=history)


def test_the_cache_keeps_the_latest_histories_within_its_budget():
    one = lived(SMALL, seed=1)
    cache = HistoryCache(max_bytes=int(2.9 * one.nbytes))
    for seed in (1, 2, 3):
        start_model(SMALL, seed=seed, histories=cache)
    assert len(cache) == 2  # the oldest (seed 1) made room
    assert cache.get((repr((1, ())), one.key)) is None
    assert not cache.admits(members=10**6)  # a national market is not copied for nothing
