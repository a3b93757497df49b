"""Community kernels: who joins and leaves, and who becomes an opinion leader."""

from __future__ import annotations

import numpy as np

from commsim.model.kernels.response import at_least_once


def join_probability(fit: np.ndarray, opportunities: np.ndarray, join_base: float) -> np.ndarray:
    """Each meeting with the community (share, ad, leader post, invitation) converts with
    join_base x fit."""
    return at_least_once(join_base * fit, opportunities)


def dormant(last_engaged: np.ndarray, day: int, days: int) -> np.ndarray:
    """Members who have not engaged for ``days``: they get little value and may drift off."""
    return day - last_engaged > days


def active(last_engaged: np.ndarray, day: int, window: int) -> np.ndarray:
    """Engaged within the last ``window`` days (``behavior.active_days``, 30 by default)."""
    return day - last_engaged < window


def kol_candidates(engagement_score: np.ndarray, eligible: np.ndarray, count: int) -> np.ndarray:
    """Indices of the ``count`` most engaged eligible members (a KOL programme's picks)."""
    score = np.where(eligible, engagement_score, -np.inf)
    count = min(count, int(eligible.sum()))
    if count <= 0:
        return np.empty(0, dtype=np.int64)
    picks = np.argpartition(-score, count - 1)[:count]
    return picks[score[picks] > 0]


def store_code_followers(
    buyers: np.ndarray, audience: np.ndarray, share: float, rng: np.random.Generator
) -> np.ndarray:
    """Today's buyers who scan the code at the counter and follow (those outside the
    audience ``audience``, each with chance ``share``)."""
    outside = buyers[~audience[buyers]]
    return outside[rng.random(outside.size) < share]


def giveaway_followers(
    audience: np.ndarray,
    per_week: float,
    weights: np.ndarray | None,
    rng: np.random.Generator,
) -> np.ndarray:
    """Indices of today's incentive followers among those outside the audience: drawn at
    random whatever their interest (``weights`` None), or in proportion to ``weights``
    (a prize only the category's own audience wants). ``per_week`` is for the sample."""
    outside = np.flatnonzero(~audience)
    count = min(int(rng.poisson(per_week / 7.0)), outside.size)
    if count == 0:
        return np.empty(0, dtype=np.int64)
    if weights is None:
        return rng.choice(outside, size=count, replace=False)
    w = weights[outside].astype(np.float64)
    if np.count_nonzero(w) < count:
        w = w + 1e-12
    return rng.choice(outside, size=count, replace=False, p=w / w.sum())
