"""Messaging-account kernels (LINE Official Accounts; docs/model.md 7.12): opening, blocking
and the plan's price per message.

A messaging account sends each message to every friend who has not blocked; no feed ranks
it. What filters is opening, and what a message costs the brand is money (past the plan's
quota) and, when it is unwanted, friends who block.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np


def open_messages(received: np.ndarray, open_rate: float, rng: np.random.Generator) -> np.ndarray:
    """Per friend: how many of the messages received they open, Binomial(received, open_rate)."""
    counts = np.asarray(received)
    opened = np.zeros(counts.shape, dtype=np.float32)
    at = np.flatnonzero(counts)
    if at.size and open_rate > 0:
        opened.flat[at] = rng.binomial(counts.flat[at].astype(np.int64), open_rate)
    return opened


def block_probability(
    value: np.ndarray,
    push: np.ndarray,
    rho_value: np.ndarray,
    rho_push: np.ndarray,
    per_unwanted: float,
) -> np.ndarray:
    """Chance that a friend blocks after today's messages: each message is unwanted in
    proportion to 1 - its relevance (topic interest for value, being in the market or a fan
    for a push), and each wholly unwanted one blocks with chance ``per_unwanted``.

    Received, not opened, messages count: the notification itself is the intrusion.
    """
    unwanted = value * (1.0 - rho_value) + push * (1.0 - rho_push)
    return -np.expm1(unwanted * np.log1p(-min(per_unwanted, 1.0 - 1e-12)))


def monthly_message_bill(
    messages: float | np.ndarray,
    quota: float,
    tiers: Sequence[tuple[float, float]],
    price: float,
) -> float | np.ndarray:
    """What the first ``messages`` messages of a month cost beyond the plan's fee: nothing
    within the quota; beyond it each message at the price of the first tier its place
    (counted from the quota) is under, ``price`` beyond every tier."""
    extra = np.maximum(np.asarray(messages, dtype=np.float64) - quota, 0.0)
    bill = np.zeros_like(extra)
    floor = 0.0
    for ceiling, tier_price in tiers:
        bill += tier_price * np.clip(extra - floor, 0.0, ceiling - floor)
        floor = ceiling
    bill += price * np.maximum(extra - floor, 0.0)
    return float(bill) if bill.ndim == 0 else bill


def message_cost(
    sent_before: float,
    sent_today: float,
    quota: float,
    tiers: Sequence[tuple[float, float]],
    price: float,
) -> float:
    """Cost of today's messages, the month having sent ``sent_before`` already."""
    after = monthly_message_bill(sent_before + sent_today, quota, tiers, price)
    return float(after - monthly_message_bill(sent_before, quota, tiers, price))
