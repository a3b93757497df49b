"""One run of the model, as a library call: a scenario, a horizon and a seed -> daily metrics."""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from pydantic import BaseModel

from commsim.config import Scenario, flatten, make_scenario, nest_dotted
from commsim.config.assumption_draws import check_mode, draw_world, usable_draws, with_draws
from commsim.config.loading import scenario_table
from commsim.model import RECENT_HISTORIES, HistoryCache, start_model


@dataclass(frozen=True)
class RunResult:
    """A finished run: its scenario, seed, tidy daily metrics and wall time."""

    scenario: Scenario
    seed: int | Sequence[int] | None  # a SeedSequence's entropy, as given
    steps: int
    timeseries: pd.DataFrame
    wall_seconds: float
    assumptions: dict[str, Any] = field(default_factory=dict)  # values drawn for this run

    def final(self, brand: str | None = None) -> pd.Series:
        """Metrics on the last day for one brand (default: the focal brand)."""
        name = brand or self.scenario.brand.name
        frame = self.timeseries[self.timeseries["brand"] == name]
        return frame.iloc[-1]


def simulate(
    scenario: Scenario | dict[str, Any] | None = None,
    *,
    steps: int = 1095,
    seed: int | np.random.SeedSequence | None = 0,
    histories: HistoryCache | None = RECENT_HISTORIES,
    assumptions: str = "fixed",
) -> RunResult:
    """Run one scenario for ``steps`` days (default 3 years) from one seed.

    The run forks the market history this process lately lived on the same seed in the same
    market (the arms of a replicate, the points of a study), or leaves its own in
    ``histories``: the numbers are the same as living it again (docs/performance.md).
    ``histories=None`` lives it and keeps nothing.

    ``assumptions`` (``fixed``, ``prior`` or ``posterior``) draws the assumptions the scenario
    does not set itself from the seed (:mod:`commsim.config.assumption_draws`); the values
    drawn are in ``.assumptions``."""
    if steps < 1:
        raise ValueError(f"steps must be at least 1 (got {steps})")
    [scenario], drawn = drawn_worlds([scenario], assumptions, seed)
    start = time.perf_counter()
    model = start_model(scenario, seed=seed, steps_hint=steps, histories=histories)
    for _ in range(steps):
        model.step()
    timeseries = model.metrics.to_frame()
    seed_value = seed.entropy if isinstance(seed, np.random.SeedSequence) else seed
    wall = time.perf_counter() - start
    return RunResult(scenario, seed_value, steps, timeseries, wall, drawn)


def _explicit_keys(scenario: Scenario | dict[str, Any] | None) -> set[str]:
    """The keys a caller set: those of a dict, or the fields set on a Scenario's tables."""
    if scenario is None:
        return set()
    if not isinstance(scenario, BaseModel):
        return set(flatten(nest_dotted(scenario)))
    keys: set[str] = set()

    def walk(model: BaseModel, prefix: str) -> None:
        for name in model.model_fields_set:
            value = getattr(model, name)
            if isinstance(value, BaseModel):
                walk(value, f"{prefix}{name}.")
            else:
                keys.add(prefix + name)

    walk(scenario, "")
    return keys


def drawn_worlds(
    scenarios: Sequence[Scenario | dict[str, Any] | None],
    assumptions: str,
    seed: int | np.random.SeedSequence | None,
) -> tuple[list[Scenario], dict[str, Any]]:
    """The scenarios in one world drawn from ``seed`` (as given when ``fixed``), and the
    values drawn; a key any scenario sets is the caller's, never drawn."""
    validated = [make_scenario(s) for s in scenarios]
    if check_mode(assumptions) == "fixed":
        return validated, {}
    if isinstance(seed, np.random.SeedSequence):
        entropy = seed.entropy
    else:
        entropy = np.random.SeedSequence().entropy if seed is None else seed
    root = int(entropy) if isinstance(entropy, int) else int(np.asarray(entropy).sum())
    tables = [scenario_table(s) for s in validated]
    fixed = set().union(*(_explicit_keys(s) for s in scenarios))
    values, _ = usable_draws(draw_world(assumptions, root, 0), tables, fixed)
    return [make_scenario(with_draws(t, values)) for t in tables], values


def simulate_arms(
    arms: Mapping[str, Scenario | dict[str, Any] | None],
    *,
    steps: int = 1095,
    seed: int | np.random.SeedSequence | None = 0,
    assumptions: str = "fixed",
) -> dict[str, RunResult]:
    """Run several arms on one seed (common random numbers); arms that differ only in what
    their brands do once the programme starts share one market history (lived once).
    ``assumptions`` as in :func:`simulate`: one world drawn for every arm."""
    worlds, drawn = drawn_worlds(list(arms.values()), assumptions, seed)
    results = {}
    for name, scenario in zip(arms, worlds, strict=True):
        result = simulate(scenario, steps=steps, seed=seed)
        results[name] = RunResult(**{**vars(result), "assumptions": drawn})
    return results
