"""Rates over a trailing window: recomputed from their parts, gaps where they are undefined."""

from __future__ import annotations

import numpy as np
import pandas as pd

from commsim.analysis.windows import trailing, trailing_rate


def test_organic_reach_over_a_window_ignores_days_without_posts():
    posts = np.array([0, 2, 0, 0, 0, 0, 0, 0, 0, 0], dtype=float)
    frame = pd.DataFrame({"posts": posts, "organic_reach_rate": np.where(posts > 0, 0.05, 0.0)})
    rate = trailing_rate(frame, "organic_reach_rate", 7).to_numpy()
    assert np.isnan(rate[0])  # nothing posted yet: no rate, not a zero rate
    np.testing.assert_allclose(rate[1:8], 0.05)  # days without posts do not dilute it
    assert np.isnan(rate[8])  # the post has left the week


def test_engagement_rate_over_a_window_is_a_ratio_of_window_sums():
    frame = pd.DataFrame(
        {
            "engagements": [1.0, 3.0, 0.0],
            "impressions_organic": [10.0, 20.0, 0.0],
            "impressions_paid": [0.0, 10.0, 0.0],
        }
    )
    rate = trailing_rate(frame, "engagement_rate", 2).to_numpy()
    np.testing.assert_allclose(rate, [0.1, 4 / 40, 3 / 30])


def test_flows_are_summed_within_each_run():
    frame = pd.DataFrame({"run_id": ["a", "a", "b", "b"], "purchases": [1.0, 2.0, 5.0, 1.0]})
    summed = trailing(frame, "purchases", 2, frame["run_id"]).to_numpy()
    np.testing.assert_allclose(summed, [1.0, 3.0, 5.0, 6.0])
