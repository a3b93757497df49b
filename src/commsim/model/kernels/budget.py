"""The monthly budget as a plan (docs/model.md 7.7, "The budget"): pure kernels.

A month's budget first keeps back what the brand has committed to for the rest of the month
(its posts, community management, the retainers of leaders it cultivates); what is left is
spread evenly over the month's remaining days. A day's discretionary spending (paid leader
posts, ads, replies, giveaways, leader promotions) is scaled down to that day's share when
the plan asks for more, and never goes past it; what a day leaves unspent carries to the
month's later days, never to the next month.
"""

from __future__ import annotations

import numpy as np
from scipy import stats

# Posts are Poisson: the reserve for the rest of the month covers the posting of all but one
# month in a thousand, so discretionary spending cannot push a month over on its own.
RESERVE_QUANTILE = 0.999
# The day's planned reply bill is estimated from the recent days' (replies come after the
# day's other spending is decided): an exponential average of about a week.
REPLY_PLAN_MEMORY = 0.85


def commitments_reserve(
    days_left: int, posts_per_day: float, cost_per_post: float, fixed_per_day: float
) -> float:
    """What the month's remaining ``days_left`` days (today included) may cost in commitments:
    posts at the ``RESERVE_QUANTILE`` of their Poisson count, and the fixed daily costs."""
    if days_left <= 0:
        return 0.0
    posts = stats.poisson.ppf(RESERVE_QUANTILE, posts_per_day * days_left) if posts_per_day else 0
    return float(posts) * cost_per_post + days_left * fixed_per_day


def day_allowance(budget: float, spent: float, reserve: float, days_left: int) -> float:
    """Today's share of what the month's budget leaves after its commitments."""
    return max(budget - spent - reserve, 0.0) / max(days_left, 1)


def units_within(
    planned: int, unit_cost: float, pace: float, left: float, rng: np.random.Generator
) -> int:
    """How many of ``planned`` units of ``unit_cost`` a day buys: the plan scaled by ``pace``
    (rounded at random, so that the mean is exact), and no more than ``left`` pays for."""
    if planned <= 0 or unit_cost <= 0:
        return max(planned, 0)
    wanted = planned * min(pace, 1.0)
    if wanted < planned:
        whole = int(wanted)
        wanted = whole + int(rng.random() < wanted - whole)
    return int(min(wanted, left // unit_cost, planned))


def thin_units(counts: np.ndarray, keep: int, rng: np.random.Generator) -> np.ndarray:
    """Per member counts (posts, replies) thinned at random to ``keep`` in all."""
    total = int(counts.sum())
    if keep >= total:
        return counts
    drawn = rng.multivariate_hypergeometric(counts.astype(np.int64), keep, method="marginals")
    return drawn.astype(counts.dtype)


def thin_replies(replies: np.ndarray, keep: int, rng: np.random.Generator) -> np.ndarray:
    """Replies per member thinned to ``keep`` in all: second and later replies to the same
    member go first (only the first changes the member's mind), then first replies."""
    total = int(replies.sum())
    if keep >= total:
        return replies
    first = (replies > 0).astype(replies.dtype)
    firsts = int(first.sum())
    if keep >= firsts:
        return first + thin_units(replies - first, keep - firsts, rng)
    return thin_units(first, keep, rng)
