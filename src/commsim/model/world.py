"""The world a day's phases read and change: scenario, members, brands, randomness, scale.

The Mesa model (``model.py``) owns the world and the order of the day; each phase module
(``exposure``, ``reaction``, ``communities``, ``shopping``) takes the world, so no phase
needs the model itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from commsim.config import Behavior, Platform, Scenario
from commsim.model.agents import BrandAgent
from commsim.model.member_state import Members


@dataclass
class World:
    """What every phase of a day reads and changes."""

    scenario: Scenario
    members: Members
    brands: list[BrandAgent]
    rng: np.random.Generator  # the day's draws, in the order the phases make them
    market_key: int  # key of the market's keyed draws (``draws.keyed_uniforms``)
    day: int = 0
    sharers: np.ndarray = field(default_factory=lambda: np.empty(0, dtype=np.int64))

    @property
    def scale(self) -> float:
        """Real people each simulated member stands for (``population.market_size`` / N)."""
        return self.scenario.scale

    @property
    def behavior(self) -> Behavior:
        return self.scenario.behavior

    @property
    def platform(self) -> Platform:
        return self.scenario.platform
