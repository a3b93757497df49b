"""Market kernels: category needs arrive; a shopper chooses among the brands it knows and the
rest of the category by a multinomial logit with habit.

Pure functions of arrays. The outside option is "the rest of the category" (brands not
simulated), so every decision is a category purchase; the brands' constants are set so that
each holds its baseline share before day 0 (``calibrate_constants``).
"""

from __future__ import annotations

import numpy as np

REST = -1  # the outside option: the rest of the category
# Origin of a purchase of brand b (Libai, Muller and Peres 2013: where do extra sales come from)
REPEAT, SWITCHED, NEW = 0, 1, 2


def involvement(interest: np.ndarray, affinity: np.ndarray) -> np.ndarray:
    """How much the category matters to a member: the larger of its topic interest and its
    affinity for any brand (category experts and brand fans alike)."""
    return np.maximum(interest, affinity.max(axis=1)) if affinity.size else interest


def need_weights(involvement: np.ndarray, elasticity: float, cap: float) -> np.ndarray:
    """Relative category need rates: involvement ^ elasticity, mean exactly 1, none above
    ``cap`` (what a capped member loses is spread over the others in proportion)."""
    weights = np.power(involvement.astype(np.float64), elasticity)
    total = weights.sum()
    if weights.size == 0 or total <= 0:
        return np.ones(weights.size)
    weights *= weights.size / total
    for _ in range(100):
        over = weights > cap
        if not over.any():
            break
        excess = float((weights[over] - cap).sum())
        weights[over] = cap
        under = weights < cap
        weights[under] *= 1.0 + excess / weights[under].sum()
    return np.minimum(weights, cap)


def need_hazard(weights: np.ndarray, cycle_days: float, category_boost: np.ndarray) -> np.ndarray:
    """Daily hazard of a category need: weight x (1 + boost) / cycle (mean 1 / cycle)."""
    return weights * (1.0 + category_boost) / cycle_days


def choice_utility(
    constants: np.ndarray,
    attitude: np.ndarray,
    promo: np.ndarray,
    aware: np.ndarray,
    last_choice: np.ndarray,
    beta_attitude: float,
    promo_lift: float,
    loyalty: float,
) -> np.ndarray:
    """(n, B + 1) utilities: each brand the member knows, then the rest of the category (0).

    Brand b: constant + beta x attitude + lift x recent push (capped at one), -inf if
    unknown. The option bought last time gets the habit bonus ``loyalty``.
    """
    n, n_brands = attitude.shape
    utility = np.zeros((n, n_brands + 1))
    utility[:, :n_brands] = constants[None, :] + beta_attitude * attitude
    utility[:, :n_brands] += promo_lift * np.minimum(promo, 1.0)
    utility[:, :n_brands][~aware] = -np.inf
    habit = np.where(last_choice == REST, n_brands, last_choice)
    utility[np.arange(n), habit] += loyalty
    return utility


def choice_probabilities(utility: np.ndarray) -> np.ndarray:
    """Multinomial-logit probabilities of each option (rows sum to 1)."""
    top = utility.max(axis=1, keepdims=True)
    weights = np.exp(utility - top)
    return weights / weights.sum(axis=1, keepdims=True)


def choose(utility: np.ndarray, gumbel: np.ndarray) -> np.ndarray:
    """Multinomial-logit choice by the Gumbel-max trick: a brand index, or REST."""
    pick = np.argmax(utility + gumbel, axis=1)
    return np.where(pick == utility.shape[1] - 1, REST, pick)


def purchase_origin(last_choice: np.ndarray, choice: np.ndarray) -> np.ndarray:
    """Where each purchase of a brand comes from: REPEAT (bought it last time), SWITCHED
    (last bought another brand) or NEW (last bought the rest of the category)."""
    return np.where(last_choice == choice, REPEAT, np.where(last_choice == REST, NEW, SWITCHED))


def calibrate_constants(
    constants: np.ndarray,
    expected_shares: np.ndarray,
    target_shares: np.ndarray,
    step: float = 0.5,
) -> np.ndarray:
    """One damped step of the brand constants towards their target shares (in logs)."""
    shares = np.clip(expected_shares, 1e-12, None)
    return constants + step * np.log(target_shares / shares)


def initial_choices(shares: np.ndarray, uniforms: np.ndarray) -> np.ndarray:
    """The option each member bought last before the history starts, drawn from the
    baseline shares (the rest of the category takes what the brands do not)."""
    edges = np.cumsum(shares)
    pick = np.searchsorted(edges, uniforms, side="right")
    return np.where(pick >= shares.size, REST, pick).astype(np.int8)


def geometric_days(p: np.ndarray | float, uniforms: np.ndarray) -> np.ndarray:
    """Days until an event of daily chance p first happens (1 = the first day), by inversion
    of one uniform each: the same law as a daily coin, coupled across worlds."""
    p = np.broadcast_to(np.asarray(p, dtype=np.float64), uniforms.shape)
    days = np.ones(uniforms.shape, dtype=np.int64)
    some = p < 1.0
    with np.errstate(divide="ignore"):
        waits = np.ceil(np.log(uniforms[some]) / np.log1p(-p[some]))
    days[some] = np.clip(np.nan_to_num(waits, posinf=2**30), 1, 2**30).astype(np.int64)
    return days
