"""Posting kernels: how many posts brands, leaders and community members publish today."""

from __future__ import annotations

import numpy as np

from commsim.model.kernels import draws


def brand_post_counts(
    posts_per_week: float, value_share: float, rng: np.random.Generator
) -> tuple[int, int]:
    """Today's value and sales-push posts: Poisson(posts_per_week / 7), split by value share."""
    total = int(rng.poisson(posts_per_week / 7.0))
    value = int(rng.binomial(total, value_share))
    return value, total - value


def leader_mentions(
    leader: np.ndarray,
    attitude: np.ndarray,
    post_rate: float,
    mention: float,
    rng: np.random.Generator,
) -> np.ndarray:
    """Per member: today's leader posts naming the brand (grows with the leader's attitude)."""
    rate = np.where(leader, post_rate * mention * np.maximum(attitude, 0.0), 0.0)
    return draws.poisson(rate, rng).astype(np.float32)


def paid_leader_posts(
    leader: np.ndarray, posts_per_week: float, rng: np.random.Generator
) -> np.ndarray:
    """Per member: posts the brand bought today, each from a leader drawn at random
    (``posts_per_week`` for the simulated sample: the market's, divided by the scale)."""
    counts = np.zeros(leader.size, dtype=np.float32)
    leaders = np.flatnonzero(leader)
    total = int(rng.poisson(posts_per_week / 7.0)) if leaders.size else 0
    if total:
        np.add.at(counts, rng.choice(leaders, size=total), 1.0)
    return counts


def member_posts(
    activity: np.ndarray, vitality: float, post_rate: float, rng: np.random.Generator
) -> np.ndarray:
    """Per community member: posts today, Poisson(post_rate x activity x vitality); lively
    communities feed themselves.

    Independent Poisson counts, drawn as their Poisson total spread over the members in
    proportion to their rates: the same law, at the cost of the posts, not of the members.
    """
    counts = np.zeros(activity.size, dtype=np.float32)
    cumulative = np.cumsum(activity, dtype=np.float64) * (post_rate * vitality)
    posts = int(rng.poisson(cumulative[-1])) if cumulative.size else 0
    if posts:
        picks = np.searchsorted(cumulative, rng.random(posts) * cumulative[-1], side="right")
        # u x total may round up to the total: that post goes to the last member with a rate.
        last = np.searchsorted(cumulative, cumulative[-1])
        np.add.at(counts, np.minimum(picks, last), 1.0)
    return counts


def community_post_rate(
    activity: np.ndarray, vitality: float, post_rate: float, hosted_share: float
) -> float:
    """Expected posts a day of a community's members: post_rate x vitality x their summed
    activity, times ``hosted_share`` (1 while the brand hosts it, less once it stops)."""
    return float(post_rate * vitality * hosted_share * activity.sum(dtype=np.float64))


def community_voice(activity: np.ndarray, attitude: np.ndarray) -> float:
    """What a community says of the brand: its members' attitude, weighted by how much
    each posts (their activity)."""
    total = float(activity.sum(dtype=np.float64))
    return float(activity @ attitude / total) if total > 0 else 0.0
