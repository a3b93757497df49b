"""ExplorerModel: one or two CommunityModels in the same world, stepping together.

SolaraViz drives one ``mesa.Model`` and rebuilds it from flat keyword parameters on Reset.
This model is that adapter: it turns the page's controls into scenarios and steps one
CommunityModel per strategy. Both strategies share the seed, so they live in the same
population and network and meet the same random draws where their choices do not differ
(common random numbers, as in ``commsim run``): the gap between them is the strategy's doing.
The seed is that of replicate 0 in an experiment with the page's seed, so the experiment file
the page writes repeats, as replicate 0, exactly the run on screen.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

import mesa
import numpy as np

from commsim.config import Scenario, flatten, make_scenario
from commsim.config.presets import CUSTOM, reach_left_to_preset
from commsim.experiment import replicate_seeds
from commsim.model import CommunityModel, start_model
from commsim.ui.controls import Origin, PageChoices, default_controls, settings_from_controls

FOCAL = 0  # the brand the controls steer


def arm_scenario(origin: Origin, settings: PageChoices, arm: str) -> Scenario:
    """The scenario of one strategy: the origin's base, then the world, then the strategy."""
    preset = settings.world.get("platform.preset", CUSTOM)
    base = reach_left_to_preset(flatten(copy.deepcopy(dict(origin.base))), preset)
    overrides = list(settings.world.items()) + list(settings.strategies[arm].items())
    return make_scenario(base, overrides)


def arm_scenarios(origin: Origin, settings: PageChoices) -> dict[str, Scenario]:
    """The scenario of every strategy on the page."""
    return {arm: arm_scenario(origin, settings, arm) for arm in settings.strategies}


class ExplorerModel(mesa.Model):
    """The strategies on the page, each a CommunityModel, advanced one day per step."""

    def __init__(self, origin: Origin | None = None, **kwargs: Any) -> None:
        # Mesa's page checks parameters by name and accepts unknown ones only via ``kwargs``.
        self.origin = origin = origin or Origin()
        self.controls = dict(kwargs) or default_controls(make_scenario(origin.base), origin)
        # The page rebuilds this model on Reset; an exception there would replace the whole
        # page with a traceback, so a bad value is reported on the page and replaced instead.
        self.problem = ""
        try:
            self.settings = settings_from_controls(self.controls)
            scenarios = arm_scenarios(origin, self.settings)
        except ValueError as error:  # a ConfigError is a ValueError too
            self.problem = f"{error}. Showing the starting settings instead."
            self.controls = default_controls(make_scenario(origin.base), origin)
            self.settings = settings_from_controls(self.controls)
            scenarios = arm_scenarios(origin, self.settings)
        super().__init__(seed=self.settings.seed)
        seed = replicate_seeds(self.settings.seed, 1)[0]
        self.arms: dict[str, CommunityModel] = {  # the arms fork their market's history
            arm: start_model(scenario, seed=seed, steps_hint=origin.steps)
            for arm, scenario in scenarios.items()
        }

    def step(self) -> None:
        """One day in every strategy's world."""
        for arm in self.arms.values():
            arm.step()

    @property
    def day(self) -> int:
        """Days simulated so far."""
        return self.steps

    def series(self, metric: str) -> dict[str, np.ndarray]:
        """One metric of the focal brand per strategy, day by day so far."""
        return {
            arm: model.metrics.values[metric][: model.steps, FOCAL]
            for arm, model in self.arms.items()
        }

    def latest(self, metric: str) -> dict[str, float]:
        """Today's value of a metric per strategy (0 before the first day)."""
        return {
            arm: float(values[-1]) if len(values) else 0.0
            for arm, values in self.series(metric).items()
        }

    def profit_gap(self) -> float | None:
        """Cumulative profit of strategy B minus strategy A, or None with one strategy."""
        if len(self.arms) < 2:
            return None
        profit = list(self.latest("cum_profit").values())
        return profit[1] - profit[0]


def strategy_in_words(strategy: Mapping[str, Any]) -> str:
    """A strategy in a few words, for the page's headings."""
    community = strategy["brand.community"]
    parts = [
        "no community" if community == "none" else f"{community} community",
        f"{strategy['brand.value_share']:.0%} value",
        f"{strategy['brand.posts_per_week']:g} posts/wk",
        f"quality {strategy['brand.quality']:.2f}",
    ]
    if strategy["brand.ad_budget_per_day"]:
        parts.append(f"ads {strategy['brand.ad_budget_per_day']:g}/day")
    if strategy["brand.kol_program"]:
        parts.append("KOL")
    parts.append(f"replies {strategy['brand.responsiveness']:.0%}")
    return ", ".join(parts)
