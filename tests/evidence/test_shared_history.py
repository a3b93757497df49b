"""A design's worlds fork one market history (model.start_model) instead of each living it:
the measures are the same as when every world lives its own history."""

import functools

import pytest

from commsim.evidence import designs, observed

BASE = {"population.members": 400, "population.market_history_days": 90}


@pytest.mark.parametrize("design", ["ad_lift_by_funnel", "like_without_delivery"])
def test_forked_histories_give_the_same_measures(design, monkeypatch):
    shared = designs.DESIGNS[design](BASE, 31)
    alone = functools.partial(observed.start_model, histories=None)
    monkeypatch.setattr(observed, "start_model", alone)
    assert designs.DESIGNS[design](BASE, 31) == shared
