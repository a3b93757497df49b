"""Response kernels: what members do with the posts they saw.

Each function is pure: arrays and parameters in, arrays out. Notation follows DESIGN.md:
rho is relevance, tau trust, q quality; probabilities per post combine over n posts as
1 - (1 - p)^n.
"""

from __future__ import annotations

import numpy as np

from commsim.model import draws


def at_least_once(p: np.ndarray | float, n: np.ndarray) -> np.ndarray:
    """Probability that an event of per-post probability p happens in n posts."""
    return 1.0 - np.power(1.0 - np.clip(p, 0.0, 1.0), n)


def engagement_probability(
    engage_base: float,
    activity: np.ndarray,
    quality: float,
    relevance: np.ndarray,
    trust: float,
    fatigue: np.ndarray,
) -> np.ndarray:
    """Per post seen: e0 x activity x q x rho x tau x exp(-fatigue)."""
    return engage_base * activity * quality * relevance * trust * np.exp(-fatigue)


def push_relevance(affinity: np.ndarray, in_market: np.ndarray) -> np.ndarray:
    """A sales push matters to members in the market, otherwise only to brand fans."""
    return np.where(in_market, 1.0, affinity).astype(np.float32)


def value_attitude(attitude: np.ndarray, seen: np.ndarray, gain: np.ndarray | float) -> np.ndarray:
    """Value content that names the brand moves attitude up, saturating at 1."""
    return attitude + (1.0 - attitude) * at_least_once(gain, seen)


def social_pull(
    attitude: np.ndarray, seen: np.ndarray, weight: np.ndarray | float, voice: np.ndarray
) -> np.ndarray:
    """Peers' and leaders' posts pull attitude towards the poster's attitude (``voice``)."""
    return attitude + at_least_once(weight, seen) * (voice - attitude)


def push_fatigue(
    fatigue: np.ndarray, seen: np.ndarray, relevance: np.ndarray, per_post: float
) -> np.ndarray:
    """Sales pushes tire the members they do not concern: + per_post x (1 - rho) each."""
    return fatigue + per_post * (1.0 - relevance) * seen


def unfollow_probability(fatigue: np.ndarray, threshold: float, maximum: float) -> np.ndarray:
    """Daily chance to unfollow or leave: maximum x sigma(4 (fatigue - threshold))."""
    return maximum / (1.0 + np.exp(-4.0 * (fatigue - threshold)))


def reply_outcome(
    attitude: np.ndarray,
    comments: np.ndarray,
    responsiveness: float,
    reply_gain: float,
    neglect_loss: float,
    rng: np.random.Generator,
) -> tuple[np.ndarray, np.ndarray]:
    """Brand replies to commenters: a reply lifts attitude, silence lowers it (seed 002).

    Returns the new attitude and the replies sent per member.
    """
    replies = np.zeros(comments.shape, dtype=np.float32)
    commented = np.flatnonzero(comments)
    if commented.size == 0:
        return attitude, replies
    replies[commented] = draws.binomial(comments[commented], responsiveness, rng)
    answered = replies[commented] > 0
    before = attitude[commented]
    attitude = attitude.copy()
    attitude[commented] = np.where(
        answered, before + reply_gain * (1.0 - before), before - neglect_loss * (1.0 + before)
    )
    return attitude, replies


def any_of(*chances: float) -> float:
    """Chance that at least one of independent events of these chances happens."""
    return 1.0 - float(np.prod([1.0 - c for c in chances]))


def either(p: np.ndarray, where: np.ndarray, extra: float) -> np.ndarray:
    """Chance of an event with probability p, or with an independent ``extra`` where flagged."""
    return np.where(where, 1.0 - (1.0 - p) * (1.0 - extra), p)


def decay_toward_neutral(attitude: np.ndarray, rate: float) -> np.ndarray:
    """Attitudes drift slowly back to 0 without contact."""
    return attitude * (1.0 - rate)
