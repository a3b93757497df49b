"""The category's buying: needs arrive, shoppers choose, habits form (docs/model.md 7.6).

Every draw here is keyed by member and day (``draws.keyed_uniforms``), so the world with a
programme and the world without it share each member's needs and choice noise: their
difference in sales is the programme's, not the draws'. The brand constants are set during
the market's history (``CommunityModel``) so that each brand holds its baseline share; then
they stay fixed.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from commsim.config import Scenario
from commsim.model import draws, market, response
from commsim.model.population import Members

CALIBRATION_SAMPLE = 50_000  # members the expected shares are measured on


@dataclass
class Shoppers:
    """The category's buying clock and the brands' utility constants."""

    weights: np.ndarray  # (N,) relative need rates, mean 1
    hazard: np.ndarray  # (N,) cumulative need hazard
    threshold: np.ndarray  # (N,) hazard at which the next need arrives (inf while shopping)
    decision_day: np.ndarray  # (N,) day a shopper decides
    constants: np.ndarray  # (B,) brand constants in the utility


@dataclass
class Purchases:
    """Today's decisions (simulated sample)."""

    count: np.ndarray  # (B,) purchases of each brand
    origin: np.ndarray  # (B, 3) of which repeat, switched, new (market.REPEAT, ...)
    category: int  # decisions today: purchases in the whole category


def open_market(scenario: Scenario, members: Members, key: int) -> Shoppers:
    """The market's need clocks on the first day of its history, brand constants at 0."""
    bh = scenario.behavior
    weights = market.need_weights(
        market.involvement(members.interest, members.affinity),
        bh.need_interest_elasticity,
        bh.need_rate_cap,
    )
    first_day = -scenario.population.market_history_days
    return Shoppers(
        weights=weights,
        hazard=np.zeros(members.size),
        threshold=_exponential(key, np.arange(members.size), first_day - 1),
        decision_day=np.zeros(members.size, dtype=np.int32),
        constants=np.zeros(len(scenario.brands)),
    )


def calibrate(
    scenario: Scenario, members: Members, shoppers: Shoppers, step: float = 0.5, steps: int = 1
) -> None:
    """Move the brand constants towards the brands' baseline shares (``market_share``) of
    the category's purchases, as the market stands now."""
    targets = np.array([brand.market_share for brand in scenario.brands])
    sample = _calibration_sample(members.size)
    for _ in range(steps):
        shares = _expected_shares(scenario, members, shoppers, sample)
        shoppers.constants = market.calibrate_constants(shoppers.constants, shares, targets, step)


def shop(scenario: Scenario, members: Members, shoppers: Shoppers, key: int, day: int) -> Purchases:
    """Needs arrive; today's deciders choose; buyers form habits and like what they bought."""
    m, bh = members, scenario.behavior
    n_brands = len(scenario.brands)
    shoppers.hazard += market.need_hazard(
        shoppers.weights, bh.purchase_cycle_days, m.category_boost
    )
    # A need arrives when the hazard passes the member's threshold; the member then shops
    # a geometric number of days (a daily 1 / shopping_days chance, the first day included).
    arriving = np.flatnonzero(shoppers.hazard >= shoppers.threshold)
    m.in_market[arriving] = True
    shoppers.threshold[arriving] = np.inf
    u = draws.keyed_uniforms(key, draws.SHOPPING_STREAM, arriving, day)
    shoppers.decision_day[arriving] = day + market.geometric_days(1.0 / bh.shopping_days, u) - 1
    in_market = np.flatnonzero(m.in_market)
    deciding = in_market[shoppers.decision_day[in_market] == day]
    purchases = Purchases(np.zeros(n_brands), np.zeros((n_brands, 3)), int(deciding.size))
    if deciding.size == 0:
        return purchases
    m.in_market[deciding] = False
    shoppers.threshold[deciding] = shoppers.hazard[deciding] + _exponential(key, deciding, day)
    utility = _utility(scenario, m, shoppers, deciding)
    gumbel = np.column_stack(
        [
            -np.log(-np.log(draws.keyed_uniforms(key, draws.CHOICE_STREAM, deciding, day, c)))
            for c in range(n_brands + 1)
        ]
    )
    choice = market.choose(utility, gumbel)
    bought = choice != market.REST
    buyers, brands = deciding[bought], choice[bought]
    origin = market.purchase_origin(m.last_choice[buyers], brands)
    np.add.at(purchases.origin, (brands, origin), 1)
    purchases.count[:] = purchases.origin.sum(axis=1)
    m.last_choice[deciding] = choice
    m.ever_bought[buyers, brands] = True
    m.aware[buyers, brands] = True  # a buyer knows what it bought, and was just reminded
    m.last_contact[buyers, brands] = day
    m.attitude[buyers, brands] += bh.satisfaction * (1.0 - m.attitude[buyers, brands])
    return purchases


def decay_attitudes(members: Members, rate: float) -> None:
    """Attitudes drift back towards where they stood before any programme touched them."""
    members.attitude[:] = response.decay_toward(members.attitude, members.baseline_attitude, rate)


def _utility(scenario: Scenario, m: Members, shoppers: Shoppers, who: np.ndarray) -> np.ndarray:
    bh = scenario.behavior
    return market.choice_utility(
        shoppers.constants,
        m.attitude[who],
        m.promo[who],
        m.aware[who],
        m.last_choice[who],
        bh.beta_attitude,
        bh.promo_lift,
        bh.loyalty,
    )


def _expected_shares(
    scenario: Scenario, m: Members, shoppers: Shoppers, sample: np.ndarray
) -> np.ndarray:
    """Each brand's expected share of the category's purchases if the sample chose now,
    buyers weighted by how often they buy (a need, then the shopping days)."""
    probabilities = market.choice_probabilities(_utility(scenario, m, shoppers, sample))
    rate = shoppers.weights[sample] / scenario.behavior.purchase_cycle_days
    rate = rate / (1.0 + rate * scenario.behavior.shopping_days)
    return market.expected_shares(probabilities, rate, len(scenario.brands))


def _calibration_sample(size: int) -> np.ndarray:
    """Members the constants are calibrated on: all of a small population, else an even
    spread of CALIBRATION_SAMPLE (deterministic, so every world of a seed agrees)."""
    if size <= CALIBRATION_SAMPLE:
        return np.arange(size)
    return np.linspace(0, size - 1, CALIBRATION_SAMPLE).astype(np.int64)


def _exponential(key: int, members: np.ndarray, day: int) -> np.ndarray:
    """Exponential(1) hazard thresholds, keyed by member and the day they are drawn."""
    return -np.log(draws.keyed_uniforms(key, draws.NEED_STREAM, members, day))
