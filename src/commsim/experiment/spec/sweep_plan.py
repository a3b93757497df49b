"""Sweep plans: every strategy (lever combination) at every design point, as one experiment.

A sweep is an ordinary experiment once expanded: each (design point, strategy) pair becomes an
arm named ``p0007_value`` whose overrides are the strategy's choices plus the point's values.
The experiment runner, executors, results store and resuming are therefore the same as for
``run_experiment``; replicate r of every arm runs from the same seed, so strategies are
compared on the same random numbers at each point (and across points).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from commsim.config import ConfigError
from commsim.experiment.spec.arms import OVERRIDES, Arm
from commsim.experiment.spec.experiment_spec import Experiment


def plain(value: Any) -> Any:
    """numpy scalars -> Python values (TOML, JSON and the config hash need them)."""
    return value.item() if isinstance(value, np.generic) else value


@dataclass
class SweepPlan:
    """A sweep before it runs: the design points, the strategies and the expanded experiment."""

    experiment: Experiment  # as loaded from the file
    points: pd.DataFrame  # one row per design point (index 0..n-1), one column per uncertainty
    strategies: list[Arm]
    expanded: Experiment  # points x strategies as arms
    arm_index: dict[str, tuple[int, str]]  # expanded arm -> (point, strategy)
    info: dict[str, Any] = field(default_factory=dict)  # design, size, ... for sweep.json

    def describe(self) -> dict[str, Any]:
        """What charts, ``sensitivity`` and ``discover`` need to read the runs table."""
        experiment = self.experiment
        return {
            **self.info,
            "name": experiment.name,
            "brand": experiment.brand,
            "steps": experiment.steps,
            "replicates": experiment.replicates,
            "seed": experiment.seed,
            "checkpoints": experiment.checkpoints,
            "points": len(self.points),
            "uncertainties": experiment.uncertainty_space.to_json(),
            "levers": list(experiment.factor_levels),
            "strategies": [
                {"name": arm.name, "levels": arm.levels, "overrides": arm.overrides}
                for arm in self.strategies
            ],
        }


def point_label(index: int, total: int) -> str:
    """``p0007``: sortable within the sweep."""
    return f"p{index:0{max(4, len(str(max(total - 1, 0))))}d}"


def choose_strategies(
    experiment: Experiment, names: Sequence[str] | None, parameter: str = "lever"
) -> list[Arm]:
    """The experiment's strategies, or the named ones (in the order given)."""
    arms = {arm.name: arm for arm in experiment.resolved_arms}
    if not names:
        return list(arms.values())
    unknown = [name for name in names if name not in arms]
    if unknown:
        raise ConfigError(
            f"{unknown[0]!r} is not a strategy of {experiment.where or 'the experiment'}; "
            f"one of {', '.join(map(repr, arms))}",
            parameter=parameter,
        )
    return [arms[name] for name in dict.fromkeys(names)]


def plan_points(
    experiment: Experiment,
    points: pd.DataFrame,
    *,
    strategies: Sequence[str] | None = None,
    info: dict[str, Any] | None = None,
) -> SweepPlan:
    """Cross the given design points with the strategies into one experiment."""
    space = experiment.uncertainty_space
    if len(space) == 0:
        where = f"{experiment.where}: " if experiment.where else ""
        raise ConfigError(
            f"{where}uncertainties: a sweep needs an [uncertainties] table (key -> range), "
            'e.g. "platform.organic_reach" = [0.02, 0.16]'
        )
    fixed = [key for key, _ in experiment.settings if key in space.keys]
    if fixed:
        raise ConfigError(
            f"{fixed[0]} is an uncertainty of the sweep; remove it from [uncertainties] "
            "to fix it, or leave it to the design",
            parameter=OVERRIDES,
        )
    chosen = choose_strategies(experiment, strategies)
    points = points.reset_index(drop=True)
    arms: dict[str, dict[str, Any]] = {}
    arm_index: dict[str, tuple[int, str]] = {}
    for index, row in enumerate(points[space.keys].itertuples(index=False, name=None)):
        values = {key: plain(value) for key, value in zip(space.keys, row, strict=True)}
        for arm in chosen:
            name = f"{point_label(index, len(points))}_{arm.name}"
            arms[name] = {**arm.overrides, **values}
            arm_index[name] = (index, arm.name)
    info_table = experiment.info.model_dump(exclude_none=True)
    info_table.pop("reference", None)  # the expanded arms have other names
    # A sweep compares strategies with each other at each point (the same world, the same
    # seeds), so the world without the programme adds nothing to their differences; a
    # strategy with brand.program = false compares with doing nothing.
    info_table["counterfactual"] = False
    data = {"experiment": info_table, "base": experiment.base, "arms": arms}
    expanded = Experiment.from_table(
        data, experiment.settings, where=experiment.where, text=experiment.source_text()
    )
    return SweepPlan(experiment, points, chosen, expanded, arm_index, dict(info or {}))
