"""Posting kernels: how many posts brands, leaders and community members publish today."""

from __future__ import annotations

import numpy as np

from commsim.model import draws


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
    """Per member: posts the brand bought today, each from a leader drawn at random."""
    counts = np.zeros(leader.size, dtype=np.float32)
    leaders = np.flatnonzero(leader)
    total = int(rng.poisson(posts_per_week / 7.0)) if leaders.size else 0
    if total:
        np.add.at(counts, rng.choice(leaders, size=total), 1.0)
    return counts


def member_posts(
    is_member: np.ndarray,
    activity: np.ndarray,
    vitality: float,
    post_rate: float,
    rng: np.random.Generator,
) -> np.ndarray:
    """Per member: posts in the community today; lively communities feed themselves."""
    rate = np.where(is_member, post_rate * activity * vitality, 0.0)
    return draws.poisson(rate, rng).astype(np.float32)
