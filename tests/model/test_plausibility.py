"""Plausibility at defaults against published bands (sources in docs/model.md)."""

from __future__ import annotations

import numpy as np
import pytest

import commsim
from commsim import CommunityModel

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def default_models():
    """Three default runs over two years, kept as models to read member state."""
    models = []
    for seed in range(3):
        model = CommunityModel(None, seed=seed, steps_hint=730)
        for _ in range(730):
            model.step()
        models.append(model)
    return models


def test_engagement_per_brand_post_is_within_published_medians(default_models):
    # Rival IQ 2022: interactions per post / followers, Facebook 0.06%, Instagram 0.47%.
    for model in default_models:
        frame = model.metrics.to_frame().iloc[365:]
        per_post = frame["engagements"].sum() / (frame["posts"] * frame["followers"]).sum()
        assert 0.0005 <= per_post <= 0.01, per_post


def test_most_community_members_lurk(default_models):
    # 90-9-1 rule (Nielsen 2006): ~1% create, ~9% contribute, ~90% lurk in a month.
    for model in default_models:
        m, day = model.members, model.day
        members = m.member[:, 0]
        created = ((day - m.last_posted[:, 0] < 30) & members).sum() / members.sum()
        engaged = ((day - m.last_engaged[:, 0] < 30) & members).sum() / members.sum()
        assert 0.001 <= created <= 0.05, created
        assert 0.01 <= engaged <= 0.3, engaged
        assert engaged > created


def test_push_heavy_high_frequency_page_loses_many_followers_within_a_year():
    # Sprout Social 2016: 46% of users unfollow brands that promote too much.
    page = {"brand.community": "none", "brand.initial_followers": 1000, "brand.posts_per_week": 14}
    losses = {}
    for name, value_share in (("push", 0.0), ("value", 1.0)):
        lost = []
        for seed in range(3):
            frame = commsim.simulate(
                {**page, "brand.value_share": value_share}, steps=365, seed=seed
            ).timeseries
            lost.append(frame["unfollows"].sum() / 1000)
        losses[name] = np.mean(lost)
    assert losses["push"] >= 0.3, losses
    assert losses["push"] > 2 * losses["value"], losses
