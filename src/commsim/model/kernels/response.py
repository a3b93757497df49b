"""Response kernels: what members do with the posts they saw, and how they drift back.

Each function is pure: arrays and parameters in, arrays out. Notation follows docs/model.md
section 7.3: rho is relevance, tau trust, q quality; probabilities per post combine over n
posts as 1 - (1 - p)^n.
"""

from __future__ import annotations

import numpy as np

from commsim.model.kernels import draws


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


def share_probability(
    share_base: float,
    activity: np.ndarray,
    quality: float,
    relevance: np.ndarray,
    fatigue: np.ndarray,
) -> np.ndarray:
    """Per post seen: s0 x activity x q x rho x exp(-fatigue): useful content travels."""
    return share_base * activity * quality * relevance * np.exp(-fatigue)


def push_relevance(affinity: np.ndarray, in_market: np.ndarray) -> np.ndarray:
    """A sales push matters to members in the market, otherwise only to brand fans."""
    return np.where(in_market, 1.0, affinity).astype(np.float32)


def brand_fit(affinity: np.ndarray, attitude: np.ndarray) -> np.ndarray:
    """How much content about the brand itself matters to a member: prior affinity plus a
    positive attitude, in [0, 1] (a brand community's posts, a brand page)."""
    return np.clip(affinity + np.maximum(attitude, 0.0), 0.0, 1.0)


def value_attitude(attitude: np.ndarray, seen: np.ndarray, gain: np.ndarray | float) -> np.ndarray:
    """Value content that names the brand moves attitude up, saturating at 1."""
    return attitude + (1.0 - attitude) * at_least_once(gain, seen)


def category_education(
    boost: np.ndarray, seen: np.ndarray, gain: np.ndarray | float, ceiling: float
) -> np.ndarray:
    """Content about the topic that does not name a brand raises the member's category
    need towards ``ceiling`` (the most education can add), for every brand alike."""
    return boost + (ceiling - boost) * at_least_once(gain, seen)


def social_pull(
    attitude: np.ndarray, seen: np.ndarray, weight: np.ndarray | float, voice: np.ndarray
) -> np.ndarray:
    """Peers' and leaders' posts pull attitude towards the poster's attitude (``voice``)."""
    return attitude + at_least_once(weight, seen) * (voice - attitude)


def post_fatigue(
    fatigue: np.ndarray,
    brand_posts: np.ndarray,
    pushes: np.ndarray,
    push_relevance: np.ndarray,
    per_post: float,
    per_push: float,
) -> np.ndarray:
    """A page's posts tire its readers: every brand post seen adds ``per_post``, and a
    sales push adds ``per_push`` x (1 - rho) more for members it does not concern."""
    return fatigue + per_post * brand_posts + per_push * (1.0 - push_relevance) * pushes


def unfollow_probability(
    fatigue: np.ndarray, threshold: float, maximum: float, steepness: float = 4.0
) -> np.ndarray:
    """Daily chance to unfollow or leave: maximum x sigma(steepness (fatigue - threshold))."""
    return maximum / (1.0 + np.exp(-steepness * (fatigue - threshold)))


def leave_probability(
    tired: np.ndarray,
    dormant: np.ndarray,
    dormant_leave: float,
    attitude: np.ndarray,
    dislike_leave: float,
    prize: np.ndarray,
    prize_leave: float,
) -> np.ndarray:
    """Daily chance that a follower or member leaves, for any of independent reasons: it is
    tired (``tired``, the fatigue chance), dormant in the community, dislikes the brand (in
    proportion to how much), or came for a giveaway's prize."""
    stay = 1.0 - tired
    stay = stay * np.where(dormant, 1.0 - dormant_leave, 1.0)
    stay = stay * (1.0 - dislike_leave * np.clip(-attitude, 0.0, 1.0))
    stay = stay * np.where(prize, 1.0 - prize_leave, 1.0)
    return 1.0 - stay


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
    replies = draw_replies(comments, responsiveness, rng)
    return answer_comments(attitude, comments, replies, reply_gain, neglect_loss), replies


def draw_replies(
    comments: np.ndarray, responsiveness: float, rng: np.random.Generator
) -> np.ndarray:
    """Replies the brand would send per member: each comment answered with chance
    ``responsiveness``."""
    replies = np.zeros(comments.shape, dtype=np.float32)
    commented = np.flatnonzero(comments)
    if commented.size:
        replies[commented] = draws.binomial(comments[commented], responsiveness, rng)
    return replies


def answer_comments(
    attitude: np.ndarray,
    comments: np.ndarray,
    replies: np.ndarray,
    reply_gain: float,
    neglect_loss: float,
) -> np.ndarray:
    """Commenters answered at least once warm to the brand; those left unanswered cool."""
    commented = np.flatnonzero(comments)
    if commented.size == 0:
        return attitude
    answered = replies[commented] > 0
    before = attitude[commented]
    attitude = attitude.copy()
    attitude[commented] = np.where(
        answered, before + reply_gain * (1.0 - before), before - neglect_loss * (1.0 + before)
    )
    return attitude


def any_of(*chances: float) -> float:
    """Chance that at least one of independent events of these chances happens."""
    return 1.0 - float(np.prod([1.0 - c for c in chances]))


def decay_toward(value: np.ndarray, baseline: np.ndarray | float, rate: float) -> np.ndarray:
    """Drift back towards a baseline by ``rate`` a day (attitudes to where they were before
    the programme touched them)."""
    return baseline + (value - baseline) * (1.0 - rate)
