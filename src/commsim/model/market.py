"""Purchase kernels: category needs arrive at random; members choose by multinomial logit."""

from __future__ import annotations

import numpy as np

NEVER_DAYS = 2**30  # a wait that outlasts any run: the event never comes


def purchase_utility(
    attitude: np.ndarray,
    promo: np.ndarray,
    aware: np.ndarray,
    appeal: np.ndarray,
    beta_attitude: float,
    promo_lift: float,
) -> np.ndarray:
    """Utility of each brand: appeal + beta x attitude + lift x recent push; -inf if unaware."""
    utility = appeal[None, :] + beta_attitude * attitude + promo_lift * np.minimum(promo, 1.0)
    return np.where(aware, utility, -np.inf)


def choose(utility: np.ndarray, outside_utility: float, rng: np.random.Generator) -> np.ndarray:
    """Multinomial-logit choice by the Gumbel-max trick: brand index, or -1 for the outside."""
    n, n_brands = utility.shape
    full = np.concatenate([utility, np.full((n, 1), outside_utility)], axis=1)
    pick = np.argmax(full + rng.gumbel(size=full.shape), axis=1)
    return np.where(pick == n_brands, -1, pick)


def need_probability(interest: np.ndarray, cycle_days: float, elasticity: float) -> np.ndarray:
    """Daily chance that a category need arrives, rising with interest in the category.

    The population's mean rate stays 1 / cycle_days; ``elasticity`` 0 makes needs
    independent of interest, 1 makes them proportional to it (the uninterested rarely buy).
    """
    weight = np.power(interest.astype(np.float64), elasticity)
    weight /= weight.mean()
    return np.minimum(weight / cycle_days, 1.0)


def days_until(p: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Days until an event with daily chance p first happens (1 = the first day; geometric).

    One draw replaces a coin flip per day: the same law, at the cost of the events only.
    """
    p = np.asarray(p, dtype=np.float64)
    days = np.full(p.shape, NEVER_DAYS, dtype=np.int64)
    possible = p > 0.0
    days[possible] = np.minimum(rng.geometric(np.minimum(p[possible], 1.0)), NEVER_DAYS)
    return days
