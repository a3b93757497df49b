"""Platform kernels: organic reach with engagement ranking, paid reach, shares, attention.

Delivery is by member, not by post: each member's exposures are a handful of counts drawn
with binomial thinning, friends' shares and leaders' posts with one sparse product, so a day
costs O(members + edges) whatever the number of posts.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp
from scipy import special

from commsim.model.kernels.draws import binomial, hypergeometric, poisson


def ranking_multiplier(
    engagement_rate: float, reference: float, elasticity: float, limits: tuple[float, float]
) -> float:
    """How the feed scales a brand's reach: (ER / ER_ref) ^ elasticity, clipped to limits."""
    if elasticity == 0.0:
        return 1.0
    # In logs: a tiny reference rate must not overflow the power.
    log_ratio = math.log(max(float(engagement_rate), 1e-300)) - math.log(reference)
    log_multiplier = elasticity * log_ratio
    if log_multiplier >= math.log(limits[1]):
        return float(limits[1])
    if log_multiplier <= math.log(limits[0]):
        return float(limits[0])
    return math.exp(log_multiplier)


def reach_for_account_size(
    followers: float, tiers: Sequence[tuple[float, float]], default: float
) -> float:
    """Organic reach for an account of this size: the first tier whose ceiling it is under.

    Bigger accounts reach a smaller share of their followers (Minter.io 2019, Instagram);
    ``default`` applies above every tier, and alone when there are no tiers.
    """
    for ceiling, reach in tiers:
        if followers < ceiling:
            return float(reach)
    return float(default)


def organic_reach_probability(
    organic_reach: float, decline_per_year: float, day: int, rank: float
) -> float:
    """Chance that one follower is shown one brand post today."""
    decline = (1.0 - decline_per_year) ** (day / 365.0)
    return float(np.clip(organic_reach * decline * rank, 0.0, 1.0))


def thin(counts: np.ndarray, p: float | np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Binomial thinning: of ``counts`` items, how many survive with probability ``p``.

    ``p`` is a number or an array of the shape of ``counts``. Only nonzero counts are drawn,
    unless most are nonzero (then all are: a zero count draws zero).
    """
    out = np.zeros(counts.shape, dtype=np.float32)
    flat = np.ravel(counts)
    if 2 * np.count_nonzero(flat) > flat.size:
        out.reshape(-1)[:] = binomial(flat, np.ravel(p) if isinstance(p, np.ndarray) else p, rng)
        return out
    hit = np.flatnonzero(flat)
    if hit.size:
        p_hit = np.ravel(p)[hit] if isinstance(p, np.ndarray) else float(p)
        out.reshape(-1)[hit] = binomial(flat[hit], p_hit, rng)
    return out


def deliver_posts(
    audience: np.ndarray, posts: int, reach: float, rng: np.random.Generator
) -> np.ndarray:
    """Per member: how many of a brand's ``posts`` reach them (audience members only)."""
    seen = np.zeros(audience.size, dtype=np.float32)
    if posts and reach > 0:
        idx = np.flatnonzero(audience)
        seen[idx] = rng.binomial(posts, reach, size=idx.size)
    return seen


def community_posts(
    mean: float, capacity: float, alone: np.ndarray, rng: np.random.Generator
) -> np.ndarray:
    """Per community member: how many of the community's posts are shown, Poisson(mean).

    ``mean`` is the community's posts today in the whole market times the share of members
    each post is shown to. A member shown nothing else today (``alone``) attends to at most
    ceil(capacity) of them (``cap_attention``), so for them min(count, ceil(capacity)) is
    drawn instead of the count: the same law for all that is seen, by inverting a short
    table from one uniform (a lively community shows many posts; a feed keeps 20).
    """
    got = np.empty(alone.size, dtype=np.float32)
    others = ~alone
    got[others] = rng.poisson(mean, np.count_nonzero(others))
    ceiling = math.ceil(capacity)
    below = special.pdtr(np.arange(ceiling), mean)  # P(count <= k) for k < ceiling
    u = rng.random(np.count_nonzero(alone))
    truncated = np.full(u.size, ceiling, dtype=np.float32)  # u >= P(count < ceiling)
    short = np.flatnonzero(u < below[-1])  # few in a lively community
    truncated[short] = np.searchsorted(below, u[short], side="right")
    got[alone] = truncated
    return got


# Beyond this mean a Poisson count is above any frequency cap (at most 100) for certain.
PAID_MEAN_CEILING = 1e4


def paid_impressions(
    impressions: float, weights: np.ndarray, frequency_cap: int, rng: np.random.Generator
) -> np.ndarray:
    """Per member: paid impressions shown today, Poisson(impressions x w_i / sum w), at most
    ``frequency_cap``: what the platform can show; a budget beyond it is not spent.

    ``impressions`` is what the budget buys for the simulated sample (the market's, divided
    by the scale); any size, infinite included, costs the same work.
    """
    weights = np.asarray(weights, dtype=np.float64)
    total = weights.sum()
    if not impressions > 0 or total <= 0:
        return np.zeros(weights.size, dtype=np.float32)
    with np.errstate(over="ignore", invalid="ignore"):
        mean = np.where(weights > 0, impressions * (weights / total), 0.0)
    mean = np.minimum(np.nan_to_num(mean, posinf=PAID_MEAN_CEILING), PAID_MEAN_CEILING)
    return np.minimum(poisson(mean, rng), frequency_cap).astype(np.float32)


def bought_impressions(budget: float, cpm: float, scale: float) -> float:
    """Impressions a day's budget buys at the platform's CPM, for the simulated sample."""
    with np.errstate(over="ignore"):
        return float(np.float64(budget) / np.float64(cpm) * 1000.0 / scale)


def friends_exposure(network: sp.csr_matrix, columns: np.ndarray) -> np.ndarray:
    """Sum of each member's friends' values, column by column: one sparse product."""
    return network @ columns


def cap_attention(counts: np.ndarray, capacity: float, rng: np.random.Generator) -> np.ndarray:
    """Members attend to at most ``capacity`` posts a day, picked at random among those shown.

    ``counts`` is (K, N): K kinds of exposure (rows) for N members (columns). A member shown
    more than ``capacity`` posts attends to exactly that many, drawn without replacement from
    all shown (a multivariate hypergeometric split over kinds, so the mix is kept on
    average); a fractional capacity c means floor(c) posts, and one more with chance
    c - floor(c). A member shown a single kind just sees ``capacity`` of it, without a draw.
    """
    total = counts.sum(axis=0)
    over = np.flatnonzero(total > capacity)
    if over.size == 0:
        return counts
    slots = np.full(over.size, np.floor(capacity), dtype=np.float32)
    if capacity % 1.0:
        slots += rng.random(over.size) < capacity % 1.0
    crowded = counts[:, over]
    kept = counts.copy()
    # One kind shown: all of the slots go to it (its count / total is exactly 1).
    kept[:, over] = crowded / total[over] * slots
    mixed = np.flatnonzero(np.count_nonzero(crowded, axis=0) > 1)
    if mixed.size:
        kept[:, over[mixed]] = hypergeometric_split(crowded[:, mixed], slots[mixed], rng)
    return kept


def hypergeometric_split(
    counts: np.ndarray, sample: np.ndarray, rng: np.random.Generator
) -> np.ndarray:
    """Per column: how many of each kind are among ``sample`` items drawn without
    replacement from ``counts`` items of each kind ((K, R) whole counts, sample <= total).

    Kind by kind, the draw from a kind given those before it is hypergeometric; the largest
    kind of each column comes last and takes what is left, so the draws are of the few.
    """
    counts = counts.astype(np.int64)
    left = counts.sum(axis=0)
    wanted = sample.astype(np.int64)
    largest = counts.argmax(axis=0)
    picked = np.zeros(counts.shape, dtype=np.float32)
    for kind, n in enumerate(counts):
        at = np.flatnonzero((n > 0) & (largest != kind) & (wanted > 0))
        got = hypergeometric(n[at], left[at] - n[at], wanted[at], rng)
        picked[kind, at] = got
        wanted[at] -= got.astype(np.int64)
        left[at] -= n[at]
    picked[largest, np.arange(largest.size)] = wanted
    return picked
