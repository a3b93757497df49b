"""Creators paid for sponsored posts, by tier (docs/model.md 7.5): pure kernels.

A creator's followers are people of the market: a creator with F followers in a market of
M people is followed by each simulated member with chance F / M (weighted by the member's
topic interest, since a creator a brand hires speaks about its category), so its audience
in the sample is F / scale members on average, whatever the sample's size. Its sponsored
posts reach each follower with the platform's organic reach for an account of its size, and
persuade them as an opinion leader's post times the tier's tie (``behavior.<tier>_creator_tie``).
"""

from __future__ import annotations

import numpy as np

from commsim.config.behavior import Behavior
from commsim.config.brand import MONTH_DAYS


def follow_weights(interest: np.ndarray) -> np.ndarray:
    """Each member's relative chance to follow a creator of the category (mean 1)."""
    mean = float(interest.mean()) if interest.size else 0.0
    if mean <= 0:
        return np.ones(interest.size)
    return interest / mean


def audiences(
    count: int, followers: float, market_size: float, weights: np.ndarray, rng: np.random.Generator
) -> list[np.ndarray]:
    """The simulated members following each of ``count`` creators of ``followers`` each."""
    chance = np.minimum(followers / market_size * weights, 1.0)
    return [np.flatnonzero(rng.random(weights.size) < chance) for _ in range(count)]


def posts_today(creators: int, posts_per_month: float, rng: np.random.Generator) -> int:
    """Sponsored posts the tier's creators publish today (Poisson at the monthly rate)."""
    rate = creators * posts_per_month / MONTH_DAYS
    return int(rng.poisson(rate)) if rate > 0 else 0


def reached(
    audiences: list[np.ndarray], posts: np.ndarray, reach: float, rng: np.random.Generator
) -> np.ndarray:
    """Members shown today's sponsored posts (one entry per post shown): each post is
    ``audiences[posts[k]]``'s, shown to each of its followers with chance ``reach``."""
    shown = [audiences[p][rng.random(audiences[p].size) < reach] for p in posts]
    return np.concatenate(shown) if shown else np.empty(0, dtype=np.int64)


def tie(behavior: Behavior, tier: str) -> float:
    """How much a sponsored post of the tier persuades its followers, as a multiple of an
    opinion leader's post: smaller creators are closer to their followers (Beichert et al.
    2024; docs/model.md 7.5)."""
    return float(getattr(behavior, f"{tier}_creator_tie"))
