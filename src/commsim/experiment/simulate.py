"""One run of the model, as a library call: a scenario, a horizon and a seed -> daily metrics."""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from commsim.config import Scenario, make_scenario
from commsim.model import RECENT_HISTORIES, HistoryCache, start_model


@dataclass(frozen=True)
class RunResult:
    """A finished run: its scenario, seed, tidy daily metrics and wall time."""

    scenario: Scenario
    seed: int | Sequence[int] | None  # a SeedSequence's entropy, as given
    steps: int
    timeseries: pd.DataFrame
    wall_seconds: float

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
) -> RunResult:
    """Run one scenario for ``steps`` days (default 3 years) from one seed.

    The run forks the market history this process lately lived on the same seed in the same
    market (the arms of a replicate, the points of a study), or leaves its own in
    ``histories``: the numbers are the same as living it again (docs/performance.md).
    ``histories=None`` lives it and keeps nothing."""
    if steps < 1:
        raise ValueError(f"steps must be at least 1 (got {steps})")
    scenario = make_scenario(scenario)
    start = time.perf_counter()
    model = start_model(scenario, seed=seed, steps_hint=steps, histories=histories)
    for _ in range(steps):
        model.step()
    timeseries = model.metrics.to_frame()
    seed_value = seed.entropy if isinstance(seed, np.random.SeedSequence) else seed
    return RunResult(scenario, seed_value, steps, timeseries, time.perf_counter() - start)


def simulate_arms(
    arms: Mapping[str, Scenario | dict[str, Any] | None],
    *,
    steps: int = 1095,
    seed: int | np.random.SeedSequence | None = 0,
) -> dict[str, RunResult]:
    """Run several arms on one seed (common random numbers); arms that differ only in what
    their brands do once the programme starts share one market history (lived once)."""
    return {name: simulate(scenario, steps=steps, seed=seed) for name, scenario in arms.items()}
