"""What an inference runs (``commsim infer``): its assumptions, the designs of its bank,
sizes, budget and seed. Plain data, without pyABC, so every verb can read it."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from commsim.inference.inferred import INFERRED

# The designs the bank runs: the studies that publish an interval (a band or a range), so
# that a world can land inside or outside it. Held out of the fit and checked afterwards
# (``checks.predictive``): studies that publish a direction only (Kumar, Mochon with paid
# delivery, Lee, Ma), which the sourced defaults meet by wide margins (+35%, +76%, +118%:
# docs/validation.md 6), so they would cost half of every simulation and tell little; and
# points published without an interval (Manchanda's 19%, the nulls of Mochon and John),
# which give no likelihood.
FITTED_DESIGNS: tuple[str, ...] = (
    "ad_lift_by_funnel",
    "seeding_campaign_lift",
    "follower_growth",
)
PREDICTIVE_WORLDS = 10  # worlds drawn from the prior, and from the posterior, for the checks
TARGET_KINDS = ("band", "study", "sign")


@dataclass(frozen=True)
class InferenceSpec:
    """What an inference runs: its assumptions, designs, sizes, budget and seed."""

    keys: tuple[str, ...] = INFERRED
    designs: tuple[str, ...] = FITTED_DESIGNS
    members: int = 2_000
    # 100 particles, two generations: in ten dimensions 40 particles over three generations
    # kept an effective sample of 3 (docs/validation.md section 8)
    population: int = 100  # particles per generation
    generations: int = 2
    max_simulations: int = 450
    seed: int = 0
    batch: int = 8  # particles evaluated at once (changes the waste, never the result)

    @classmethod
    def quick(cls) -> InferenceSpec:
        return cls(members=500, population=10, generations=2, max_simulations=30)

    def identity(self) -> dict[str, Any]:
        """What must match for a folder's inference to be continued (not the batch)."""
        return {k: v for k, v in asdict(self).items() if k != "batch"}
