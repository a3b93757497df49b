"""What the claims audit runs: the scenario under audit on each platform, each claim's worlds
(as asserted, its reversing world, each mechanism switched off) as one paired experiment, and
the experiments of its sweep (where does it reverse?) and its Morris screening (which
assumptions decide it?). Everything here is plain data and validated experiments; nothing
runs.

Every arm of the audit is named ``<claim>.<platform>.<world>.<arm>`` (``F2.facebook_2025.
main.value``), so a (claim, platform, world) is a group of runs of one results folder, and
replicate r of every arm runs on the same seed: differences are paired.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from commsim.claims.claims_catalogue import CLAIM_IDS, CLAIMS, Claim, Setting, claim
from commsim.config import ConfigError, Scenario, flatten, make_scenario
from commsim.config.parameters import parameter_kind, parameters
from commsim.config.presets import PRESET_NAMES, reach_left_to_preset
from commsim.experiment import Experiment
from commsim.experiment.spec.outcomes import Outcome
from commsim.experiment.spec.sweep_plan import plain

# The seeds' Facebook, today's Facebook and today's Instagram (data/platform_presets.toml).
DEFAULT_PLATFORMS = ("facebook_2012", "facebook_2025", "instagram_2025")
# Uncertain for every claim (each claim adds the keys its mechanisms and reversal touch).
COMMON_UNCERTAIN = (
    "platform.organic_reach",
    "platform.engagement_ranking",
    "behavior.push_fatigue",
    "behavior.promo_lift",
    "population.topic_interest",
    "population.brand_affinity",
    "behavior.purchase_cycle_days",
)
# How finely and how long the market is simulated: settings of the simulation, not assumptions
# about the world, so the screening leaves them alone.
NOT_ASSUMPTIONS = ("population.members", "population.market_history_days")
MAIN, REVERSAL = "main", "reversal"


@dataclass(frozen=True)
class Sizing:
    """How many runs the audit makes and how large and long they are."""

    replicates: int = 10
    seed: int = 0
    members: int | None = None  # at most this many simulated members (None: the scenario's)
    market_history_days: int | None = None  # at most this much history before day 0
    horizon: int | None = None  # at most this many days per claim (None: the claim's own)
    sweep_points: int = 32  # Latin-hypercube points of each claim's sweep
    sweep_replicates: int = 2
    trajectories: int = 10  # Morris trajectories of the screening (Campolongo et al. 2007)


# A look at the whole audit in minutes: a small market sample, short history, a year at most.
QUICK = Sizing(
    replicates=2,
    members=800,
    market_history_days=60,
    horizon=365,
    sweep_points=6,
    sweep_replicates=1,
    trajectories=2,
)


@dataclass(frozen=True)
class ClaimWorld:
    """One world a claim's arms run in: as asserted, reversing, or with a mechanism off."""

    slug: str  # its part of the arm names: main, reversal, off-fatigue
    title: str  # in words: "as asserted", "reversing world", "without fatigue"
    setting: Setting | None
    mechanism: str | None = None


def slug(text: str) -> str:
    """``the bridge from topic to brand`` -> ``the_bridge_from_topic_to_brand``."""
    return re.sub(r"[^A-Za-z0-9]+", "_", text).strip("_").lower()


def worlds(one: Claim) -> list[ClaimWorld]:
    """The claim's worlds, in order: as asserted, reversing, then each mechanism off."""
    found = [
        ClaimWorld(MAIN, "as asserted", None),
        ClaimWorld(REVERSAL, "reversing world", one.reversal),
    ]
    for name, setting in one.mechanisms.items():
        found.append(ClaimWorld(f"off-{slug(name)}", f"without {name}", setting, name))
    return found


def arm_name(claim_id: str, platform: str, world: str, arm: str) -> str:
    return f"{claim_id}.{platform}.{world}.{arm}"


def first_arms(one: Claim) -> list[str]:
    """The arms of the claim's first check: favoured, then versus."""
    return [one.checks[0].favoured, one.checks[0].versus]


def outcomes(one: Claim) -> list[Outcome]:
    """Every outcome the claim's checks and evidence read."""
    return list(dict.fromkeys(check.outcome for check in (*one.checks, *one.evidence)))


def fixed_days(claims: Sequence[Claim]) -> list[int]:
    """Days the claims read outcomes on, whatever the horizon (F3: revenue on day 90)."""
    return sorted({o.day for one in claims for o in outcomes(one) if o.day is not None})


def choose_claims(ids: Sequence[str] | None) -> list[Claim]:
    """The claims asked for (all by default), in the catalogue's order."""
    if not ids:
        return list(CLAIMS)
    unknown = [i for i in ids if i not in CLAIM_IDS]
    if unknown:
        raise ConfigError(
            f"unknown claim {unknown[0]!r}; use ids from {', '.join(CLAIM_IDS)}",
            parameter="claims",
        )
    return [claim(i) for i in CLAIM_IDS if i in set(ids)]


def choose_platforms(names: Sequence[str] | None) -> list[str]:
    """The platform presets asked for (the default three when none), in the order given."""
    if not names:
        return list(DEFAULT_PLATFORMS)
    unknown = [n for n in names if n not in PRESET_NAMES]
    if unknown:
        raise ConfigError(
            f"unknown platform preset {unknown[0]!r}; use names from {', '.join(PRESET_NAMES)}",
            parameter="platforms",
        )
    return list(dict.fromkeys(names))


@dataclass(frozen=True)
class AuditPlan:
    """The scenario under audit (dotted ``[base]`` keys), the claims, platforms and sizing."""

    base: dict[str, Any]
    claims: list[Claim]
    platforms: list[str]
    sizing: Sizing
    uncertainties: dict[str, Any]  # an experiment file's [uncertainties] (dotted), or {}
    where: str = ""  # the experiment file, for messages
    name: str = "claims"
    assumptions: str = "fixed"  # fixed, prior or posterior (commsim.claims.claims_assumptions)

    def horizon(self, one: Claim) -> int:
        cap = self.sizing.horizon
        return one.horizon if cap is None else min(one.horizon, cap)

    @property
    def steps(self) -> int:
        return max(self.horizon(one) for one in self.claims)

    def days(self, one: Claim) -> list[int]:
        """The days the claim's outcomes are read on: its fixed days and its horizon."""
        return sorted({*fixed_days([one]), self.horizon(one)})

    def platform_base(self, platform: str) -> dict[str, Any]:
        """The scenario under audit on ``platform``, as dotted overrides: the preset decides
        the reach (an explicit reach of [base] gives way), the sizing caps the sample."""
        flat = {**reach_left_to_preset(self.base, platform), "platform.preset": platform}
        scenario = make_scenario(flat, where=self.where, prefix="base")
        sizing = self.sizing
        if sizing.members is not None:
            flat["population.members"] = min(scenario.population.members, sizing.members)
        if sizing.market_history_days is not None:
            history = scenario.population.market_history_days
            flat["population.market_history_days"] = min(history, sizing.market_history_days)
        return flat

    def scenario(self, platform: str) -> Scenario:
        return make_scenario(self.platform_base(platform), where=self.where, prefix="base")

    @property
    def screening_platform(self) -> str:
        """Where the screening runs: today's Facebook when audited, else the first platform."""
        return "facebook_2025" if "facebook_2025" in self.platforms else self.platforms[0]

    def info(self, name: str, steps: int, replicates: int, days: Sequence[int]) -> dict:
        return {
            "name": name,
            "steps": steps,
            "replicates": replicates,
            "seed": self.sizing.seed,
            "checkpoints": sorted({*days, steps}),
            "counterfactual": False,  # arms of one world are compared with each other
        }

    def comparisons(self) -> tuple[Experiment, dict[str, tuple[str, str, str, str]]]:
        """One experiment of every claim's arms in every world on every platform, and each
        arm's (claim, platform, world slug, claim arm)."""
        arms: dict[str, dict[str, Any]] = {}
        index: dict[str, tuple[str, str, str, str]] = {}
        for platform in self.platforms:
            base, scenario = self.platform_base(platform), self.scenario(platform)
            for one in self.claims:
                for world in worlds(one):
                    for arm, overrides in one.arm_overrides(scenario, world.setting).items():
                        name = arm_name(one.id, platform, world.slug, arm)
                        arms[name] = _plain({**base, **overrides})
                        index[name] = (one.id, platform, world.slug, arm)
        days = {d for one in self.claims for d in self.days(one)}
        info = self.info(self.name, self.steps, self.sizing.replicates, sorted(days))
        if self.assumptions != "fixed":  # the draws' source enters the config hash
            info["assumptions"] = self.assumptions
        return _experiment({"experiment": info, "arms": arms}, self.where), index

    def sweep_keys(self, one: Claim, scenario: Scenario) -> list[str]:
        """The claim's default uncertain parameters: the common ones and those its mechanisms
        and reversal set, less those its arms set (they define the comparison)."""
        keys = list(COMMON_UNCERTAIN)
        for setting in (*one.mechanisms.values(), one.reversal):
            keys += list(one.settings(setting, scenario))
        return [k for k in dict.fromkeys(keys) if k not in _arm_keys(one, scenario)]

    def sweep(self, one: Claim, platform: str) -> tuple[Experiment, list[str]]:
        """The claim's first check on ``platform`` over its uncertain parameters (an
        experiment file's [uncertainties], else :meth:`sweep_keys` over :func:`band`), and
        the keys left out because the claim's arms set them."""
        scenario = self.scenario(platform)
        fixed = _arm_keys(one, scenario)
        if self.uncertainties:
            table = {k: v for k, v in self.uncertainties.items() if k not in fixed}
            dropped = [k for k in self.uncertainties if k in fixed]
        else:
            specs = {k: band(k, value_of(scenario, k)) for k in self.sweep_keys(one, scenario)}
            table, dropped = {k: v for k, v in specs.items() if v is not None}, []
        name = f"{self.name}-{one.id}-{platform}-sweep"
        return self._study(one, platform, name, table, self.sizing.sweep_replicates), dropped

    def screening(self, one: Claim) -> Experiment:
        """The claim's first check over every numeric parameter (each over :func:`band`)."""
        platform = self.screening_platform
        scenario = self.scenario(platform)
        fixed = {*_arm_keys(one, scenario), *NOT_ASSUMPTIONS}
        table = {}
        for key in parameters():
            if key not in fixed and parameter_kind(key) in ("number", "integer"):
                spec = band(key, value_of(scenario, key))
                if spec is not None:
                    table[key] = spec
        name = f"{self.name}-{one.id}-screening"
        return self._study(one, platform, name, table, 1)

    def _study(
        self, one: Claim, platform: str, name: str, uncertainties: dict, replicates: int
    ) -> Experiment:
        """The claim's first-check arms on ``platform`` with ``uncertainties`` to sample."""
        scenario = self.scenario(platform)
        base = {**self.platform_base(platform), **one.settings(one.base, scenario)}
        arms = {a: one.settings(one.arms[a], scenario) for a in first_arms(one)}
        info = self.info(name, self.horizon(one), replicates, self.days(one))
        brand = one.checks[0].brand
        if brand is not None:
            info["brand"] = brand
        table = {
            "experiment": info,
            "base": _plain(base),
            "arms": {a: _plain(o) for a, o in arms.items()},
            "uncertainties": uncertainties,
        }
        return _experiment(table, self.where)


def _arm_keys(one: Claim, scenario: Scenario) -> set[str]:
    """Keys the claim's base and arms set."""
    keys = set(one.settings(one.base, scenario))
    for setting in one.arms.values():
        keys |= set(one.settings(setting, scenario))
    return keys


def _plain(overrides: Mapping[str, Any]) -> dict[str, Any]:
    return {key: plain(value) for key, value in overrides.items()}


def _experiment(table: dict[str, Any], where: str) -> Experiment:
    """Validate an audit experiment; its errors name the experiment file when there is one."""
    return Experiment.from_table(table, where=where)


def value_of(scenario: Scenario, key: str) -> Any:
    """The scenario's value of a dotted key; organic reach is the one that applies to the
    brand's own follower count (a preset's tier, when it has tiers)."""
    if key == "platform.organic_reach":
        return effective_reach(scenario)
    node: Any = scenario
    for part in key.split("."):
        node = getattr(node, part)
    return node


def effective_reach(scenario: Scenario) -> float:
    """Organic reach at the brand's initial follower count (the first tier it is under)."""
    followers = scenario.brand.initial_followers
    for ceiling, reach in scenario.platform.organic_reach_tiers:
        if followers < ceiling:
            return float(reach)
    return float(scenario.platform.organic_reach)


def _limits(key: str) -> tuple[float, float]:
    """A parameter's documented range (open ends as infinities; strict bounds nudged in)."""
    low, high = -math.inf, math.inf
    for meta in parameters()[key].field.metadata:
        if getattr(meta, "ge", None) is not None:
            low = float(meta.ge)
        if getattr(meta, "gt", None) is not None:
            low = float(meta.gt) + 1e-9
        if getattr(meta, "le", None) is not None:
            high = float(meta.le)
        if getattr(meta, "lt", None) is not None:
            high = float(meta.lt) - 1e-6
    return low, high


def band(key: str, value: Any) -> dict[str, Any] | None:
    """A sensible range for an uncertain parameter around its value: from half to twice it
    (log-uniform), or, for a share above one half, half to twice its distance from 1; within
    the documented range. A value of 0 becomes 0 to half the range's top when that top is 1
    or less (a share, as a yearly reach decline); other zeros are programme settings left off
    (budgets, days) and get no range (None), as do values outside numbers."""
    if parameter_kind(key) not in ("number", "integer") or isinstance(value, bool):
        return None
    value = float(value)
    bottom, top = _limits(key)
    log = False
    if value == 0:
        if top > 1:
            return None
        low, high = 0.0, 0.5
    elif top <= 1 and value > 0.5:
        distance = 1 - value
        low, high = (1 - 2 * distance, 1 - distance / 2) if distance > 0 else (value / 2, value)
    elif value > 0:
        low, high, log = value / 2, value * 2, True
    else:
        low, high = value * 2, value / 2
    low, high = max(low, bottom), min(high, top)
    if parameter_kind(key) == "integer":
        low, high = math.ceil(low), math.floor(high)
        return {"low": int(low), "high": int(high)} if low < high else None
    if not low < high:
        return None
    spec: dict[str, Any] = {"low": round(low, 12), "high": round(high, 12)}
    if log and low > 0:
        spec["scale"] = "log"
    return spec


def with_replicates(sizing: Sizing, replicates: int | None, seed: int | None) -> Sizing:
    """The sizing with the replicates and seed asked for (when given)."""
    changes: dict[str, Any] = {}
    if replicates is not None:
        changes["replicates"] = replicates
    if seed is not None:
        changes["seed"] = seed
    return replace(sizing, **changes)


def base_of(experiment: Experiment | None) -> dict[str, Any]:
    """An experiment's ``[base]`` as dotted keys (with its ``--set`` overrides), or {}."""
    if experiment is None:
        return {}
    return {**flatten(experiment.base), **dict(experiment.settings)}


def audit_sizing(
    quick: bool, replicates: int | None, seed: int | None, steps: int | None, claims: list[Claim]
) -> Sizing:
    """The sizing asked for: quick or full, replicates, seed, a cap on every horizon."""
    sizing = with_replicates(QUICK if quick else Sizing(), replicates, seed)
    if steps is not None:
        earliest = max(fixed_days(claims), default=1)
        if steps < earliest:
            raise ConfigError(
                f"must be at least {earliest}: a claim reads an outcome on day {earliest} "
                f"(got {steps})",
                parameter="steps",
            )
        sizing = replace(sizing, horizon=steps)
    return sizing
