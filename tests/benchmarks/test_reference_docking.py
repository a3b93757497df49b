"""Docking: the per-agent Mesa reference and the vectorized engine are the same model.

Both draw the same initial world from a seed (``create_members``), then step it with
independent code and random streams. Replicate r of each uses seed r, so the comparison is
paired. For each main metric the mean paired difference must be indistinguishable from 0
by a two-sided paired t-test at a family-wise 5% (Bonferroni over the metrics checked):
a per-metric 95% check over a dozen metrics would fail by chance about half the time.
"""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor

import numpy as np
import pandas as pd
import pytest
from scipy import stats

import commsim
from benchmarks.reference import run_reference
from commsim.model import METRIC_NAMES

pytestmark = pytest.mark.slow

REPLICATES = 24
STEPS = 120
# A small busy world: every mechanism runs (ads, paid leaders, KOL, giveaways, a rival
# brand community with push content), so a discrepancy in any of them shows.
BUSY = {
    "population.members": 500,
    "brand.posts_per_week": 10,
    "brand.ad_budget_per_day": 0.4,
    "brand.kol_program": True,
    "brand.paid_leader_posts_per_week": 2,
    "brand.incentive_followers_per_week": 3,
    "competitors": [
        {
            "name": "rival",
            "community": "brand",
            "value_share": 0.2,
            "posts_per_week": 7,
            "initial_followers": 50,
            "initial_awareness": 0.2,
        }
    ],
}
AT_HORIZON = (
    "community_members",
    "followers",
    "awareness",
    "mean_attitude",
    "cum_profit",
    "buyers",
    "leaders",
)
OVER_RUN = ("purchases", "engagements", "unfollows", "impressions_organic")


def _engine(seed: int) -> pd.DataFrame:
    return commsim.simulate(BUSY, steps=STEPS, seed=seed).timeseries


def _reference(seed: int) -> pd.DataFrame:
    return run_reference(BUSY, STEPS, seed)


@pytest.fixture(scope="module")
def runs() -> dict[str, list[pd.DataFrame]]:
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(2, mp_context=context) as pool:
        reference = pool.map(_reference, range(REPLICATES))
        engine = pool.map(_engine, range(REPLICATES))
        return {"reference": list(reference), "engine": list(engine)}


def outcomes(frames: list[pd.DataFrame], brand: str) -> dict[str, np.ndarray]:
    """Per replicate: metrics at the horizon and totals over the run."""
    rows = [frame[frame["brand"] == brand] for frame in frames]
    out = {m: np.array([row[m].iloc[-1] for row in rows], float) for m in AT_HORIZON}
    out.update({m: np.array([row[m].sum() for row in rows], float) for m in OVER_RUN})
    return out


def test_reference_returns_the_engines_tidy_table():
    frame = run_reference({"population.members": 100}, 5, 3)
    assert list(frame.columns) == ["step", "brand", *METRIC_NAMES]
    assert frame["step"].tolist() == [1, 2, 3, 4, 5]
    pd.testing.assert_frame_equal(frame, run_reference({"population.members": 100}, 5, 3))


def test_reference_and_engine_agree_on_the_main_metrics(runs):
    checks = [(brand, m) for brand in ("focal", "rival") for m in (*AT_HORIZON, *OVER_RUN)]
    level = 0.05 / len(checks)
    failures = []
    for brand in ("focal", "rival"):
        ref, eng = outcomes(runs["reference"], brand), outcomes(runs["engine"], brand)
        for metric in ref:
            difference = ref[metric] - eng[metric]
            if not difference.any():
                continue
            p = stats.ttest_1samp(difference, 0.0).pvalue
            if p < level:
                failures.append(
                    f"{brand}.{metric}: reference {ref[metric].mean():.4g}, "
                    f"engine {eng[metric].mean():.4g}, paired p={p:.2g}"
                )
    assert not failures, failures
