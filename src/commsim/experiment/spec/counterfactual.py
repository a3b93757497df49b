"""The world without the programme: what each arm is compared with to measure what the
programme adds (incremental revenue, profit, ROI and the payback day).

The counterfactual of an arm is its scenario with the focal brand's programme switched off
(``brand.program = false``) and every programme setting back at its default: only the
world (population, platform, rivals, the brand's market) is left. Arms that live in the
same world share one counterfactual, run once per replicate on the same seed (common random
numbers), so each arm's increment is paired replicate by replicate.
"""

from __future__ import annotations

from collections.abc import Sequence

from commsim.config import Brand, Scenario
from commsim.config.brand import MARKET_FIELDS

NO_PROGRAMME = "no_programme"


def no_programme(scenario: Scenario) -> Scenario:
    """The scenario's world with the focal brand running no programme."""
    market = scenario.brand.model_dump(include=set(MARKET_FIELDS))
    market["program"] = False
    return scenario.model_copy(update={"brand": Brand(**market)})


def counterfactual_worlds(
    arms: Sequence[tuple[str, Scenario]],
) -> tuple[list[tuple[str, Scenario]], dict[str, str]]:
    """The counterfactuals to run and, for every arm, the name of its counterfactual.

    An arm that is itself a world without the programme is its own counterfactual (its
    increment is exactly 0), and serves the other arms of its world; other worlds get an
    arm ``no_programme`` (``no_programme_2``, ... when the arms live in several worlds).
    """
    named: dict[str, Scenario] = {}  # counterfactual name -> its world
    extra: list[tuple[str, Scenario]] = []
    of: dict[str, str] = {}
    for name, scenario in arms:
        if not scenario.brand.program:
            named.setdefault(name, no_programme(scenario))
    for name, scenario in arms:
        world = no_programme(scenario)
        match = next((n for n, w in named.items() if w == world), None)
        if match is None:
            match = NO_PROGRAMME if not extra else f"{NO_PROGRAMME}_{len(extra) + 1}"
            named[match] = world
            extra.append((match, world))
        of[name] = match
    of.update({name: name for name, _ in extra})  # a world without the programme adds 0
    return extra, of
