"""Warnings about a scenario that loads but describes an implausible brand: one line each.

Errors (a value out of its range, a share given as a percentage) are the fields' own checks
(:mod:`commsim.config.loading`); these are combinations that are possible but almost surely
a slip: a budget the brand's whole gross margin cannot pay, a page followed by most of its
market.
"""

from __future__ import annotations

from commsim.config.brand import MONTH_DAYS
from commsim.config.scenario import Scenario

# Above this share of the market following the page, the market is likely the page's
# audience rather than the people who buy the category (docs/experiments.md).
MOST_FOLLOWERS_SHARE = 0.5


def monthly_gross_margin(scenario: Scenario) -> float:
    """The brand's gross margin a 30-day month at its baseline share: the category's
    purchases (one need every purchase cycle plus shopping days per person) x share x price
    x margin."""
    brand, behavior = scenario.brand, scenario.behavior
    needs = scenario.population.market_size * MONTH_DAYS
    purchases = needs / (behavior.purchase_cycle_days + behavior.shopping_days)
    return purchases * brand.market_share * brand.price * brand.margin


def scenario_warnings(scenario: Scenario) -> list[str]:
    """One line per implausible combination in the focal brand (empty when none)."""
    brand, population = scenario.brand, scenario.population
    currency = population.currency
    lines = []
    margin = monthly_gross_margin(scenario)
    if brand.monthly_budget > margin:
        lines.append(
            f"brand.monthly_budget: {brand.monthly_budget:,.0f} {currency} a month is above "
            f"the brand's whole gross margin at its share, ~{margin:,.0f} {currency} a month "
            "(category purchases x market_share x price x margin): the programme cannot pay "
            "for itself; check the budget, price, margin or market_share"
        )
    if brand.initial_followers > MOST_FOLLOWERS_SHARE * population.market_size:
        share = brand.initial_followers / population.market_size
        lines.append(
            f"brand.initial_followers: {brand.initial_followers:,} followers are {share:.0%} of "
            f"a market of {population.market_size:,} people; market_size is everyone who "
            "buys the category, usually many times a page's audience"
        )
    return lines
