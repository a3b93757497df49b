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
from commsim.model.kernels import draws, market, response
from commsim.model.member_state import Members


@dataclass
class Shoppers:
    """The category's buying clock and the brands' utility constants."""

    weights: np.ndarray  # (N,) relative need rates, mean 1
    hazard: np.ndarray  # (N,) cumulative need hazard
    needs: np.ndarray  # (N,) needs that have arrived (from day 0), each closed by a decision
    decisions: np.ndarray  # (N,) category decisions made (from day 0)
    threshold: np.ndarray  # (N,) hazard at which the next need arrives (inf while shopping)
    decision_day: np.ndarray  # (N,) day a shopper decides
    constants: np.ndarray  # (B,) brand constants in the utility
    expected: np.ndarray  # (B,) summed choice probabilities of the deciders since the last
    # calibration (only while ``calibrating``)
    deciders: int = 0  # decisions counted in ``expected``
    calibrating: bool = False


@dataclass
class Purchases:
    """Today's decisions (simulated sample)."""

    count: np.ndarray  # (B,) purchases of each brand
    origin: np.ndarray  # (B, 3) of which repeat, switched, new (market.REPEAT, ...)
    category: int  # decisions today: purchases in the whole category
    buyers: np.ndarray  # members who bought a brand today
    brands: np.ndarray  # the brand each of them bought


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
        needs=np.zeros(members.size, dtype=np.int32),
        decisions=np.zeros(members.size, dtype=np.int32),
        threshold=_exponential(key, np.arange(members.size), first_day - 1),
        decision_day=np.zeros(members.size, dtype=np.int32),
        constants=np.zeros(len(scenario.brands)),
        expected=np.zeros(len(scenario.brands)),
    )


def calibrate_to_market_shares(scenario: Scenario, shoppers: Shoppers, step: float = 0.3) -> None:
    """Move the brand constants towards the brands' baseline shares (``market_share``): by
    the log-ratio of each target to the brand's expected share among the deciders since the
    last calibration (their choice probabilities, so the only noise is who decided)."""
    if shoppers.deciders == 0:
        return
    targets = np.array([brand.market_share for brand in scenario.brands])
    shares = shoppers.expected / shoppers.deciders
    shoppers.constants = market.calibrate_constants(shoppers.constants, shares, targets, step)
    shoppers.expected[:] = 0.0
    shoppers.deciders = 0


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
    shoppers.needs[arriving] += 1
    shoppers.threshold[arriving] = np.inf
    u = draws.keyed_uniforms(key, draws.SHOPPING_STREAM, arriving, day)
    shoppers.decision_day[arriving] = day + market.geometric_days(1.0 / bh.shopping_days, u) - 1
    in_market = np.flatnonzero(m.in_market)
    deciding = in_market[shoppers.decision_day[in_market] == day]
    none = np.empty(0, dtype=np.int64)
    purchases = Purchases(np.zeros(n_brands), np.zeros((n_brands, 3)), deciding.size, none, none)
    if deciding.size == 0:
        return purchases
    m.in_market[deciding] = False
    shoppers.decisions[deciding] += 1
    shoppers.threshold[deciding] = shoppers.hazard[deciding] + _exponential(key, deciding, day)
    utility = _utility(scenario, m, shoppers, deciding)
    if shoppers.calibrating:
        shoppers.expected += market.choice_probabilities(utility)[:, :n_brands].sum(axis=0)
        shoppers.deciders += deciding.size
    gumbel = np.column_stack(
        [
            -np.log(-np.log(draws.keyed_uniforms(key, draws.CHOICE_STREAM, deciding, day, c)))
            for c in range(n_brands + 1)
        ]
    )
    choice = market.choose(utility, gumbel)
    bought = choice != market.REST
    buyers, brands = deciding[bought], choice[bought]
    purchases.buyers, purchases.brands = buyers, brands
    origin = market.purchase_origin(m.last_choice[buyers], brands)
    np.add.at(purchases.origin, (brands, origin), 1)
    purchases.count[:] = purchases.origin.sum(axis=1)
    m.last_choice[deciding] = choice
    m.ever_bought[buyers, brands] = True
    m.aware[buyers, brands] = True  # a buyer knows what it bought, and was just reminded
    m.last_contact[buyers, brands] = day
    experience = np.array([brand.experience for brand in scenario.brands])[brands]
    m.attitude[buyers, brands] += bh.satisfaction * (experience - m.attitude[buyers, brands])
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


def _exponential(key: int, members: np.ndarray, day: int) -> np.ndarray:
    """Exponential(1) hazard thresholds, keyed by member and the day they are drawn."""
    return -np.log(draws.keyed_uniforms(key, draws.NEED_STREAM, members, day))
