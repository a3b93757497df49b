"""Purchase kernels: category needs arrive at random; members choose by multinomial logit."""

from __future__ import annotations

import numpy as np


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
