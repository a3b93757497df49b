"""Docking (Axtell et al. 1996): the vectorized engine against the per-agent Mesa reference.

The reference lives in ``benchmarks/reference.py`` of a source checkout (``run_reference(
scenario, steps, seed)``), not in the installed package, so it is loaded from the file when
it is there and the check is skipped, with the reason, when it is not.
"""

from __future__ import annotations

import importlib.util
import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats

from commsim.config import Scenario, make_scenario
from commsim.config.loading import scenario_table
from commsim.model import CommunityModel
from commsim.model.catalogue import FLOW_METRICS

REFERENCE_FILE = Path(__file__).resolve().parents[3] / "benchmarks" / "reference.py"
# Audience, reach, engagement, word of mouth, attitude and sales: the chain the model runs.
DOCKING_METRICS = (
    "followers",
    "community_members",
    "active_members",
    "impressions_organic",
    "engagements",
    "shares",
    "awareness",
    "mean_attitude",
    "purchases",
)
# The market's history before day 0 (``population.market_history_days``, two years by
# default) settles habits for a study; two implementations can be compared after a short one,
# which spares the per-agent reference most of its work. A scenario that sets it keeps it.
DOCKING_HISTORY_DAYS = 60


def load_reference() -> tuple[Callable[..., Any] | None, str]:
    """(run_reference, "") when the reference is importable, else (None, why not)."""
    if not REFERENCE_FILE.exists():
        return None, "no benchmarks/reference.py (it ships with source checkouts only)"
    spec = importlib.util.spec_from_file_location("commsim_reference", REFERENCE_FILE)
    assert spec is not None and spec.loader is not None  # a .py file that exists
    module = importlib.util.module_from_spec(spec)
    try:
        spec.loader.exec_module(module)
    except Exception as error:  # a half-written reference must not stop the other checks
        return None, f"{REFERENCE_FILE} did not import: {error}"
    run_reference = getattr(module, "run_reference", None)
    if run_reference is None:
        return None, f"{REFERENCE_FILE} has no run_reference"
    return run_reference, ""


def _engine_run(scenario: Scenario, steps: int, seed: int) -> pd.DataFrame:
    """One run of the vectorized engine, as ``commsim.simulate`` does it."""
    model = CommunityModel(scenario, seed=seed, steps_hint=steps)
    for _ in range(steps):
        model.step()
    return model.metrics.to_frame()


def _timeseries(result: Any) -> pd.DataFrame:
    """The daily table of a run, whether returned bare or on a result object."""
    return result if isinstance(result, pd.DataFrame) else result.timeseries


def _totals(frame: pd.DataFrame, brand: str, metrics: tuple[str, ...]) -> dict[str, float]:
    """Each metric over the run: flows summed over days, stocks on the last day."""
    rows = frame[frame["brand"] == brand] if "brand" in frame else frame
    return {m: float(rows[m].sum() if m in FLOW_METRICS else rows[m].iloc[-1]) for m in metrics}


def docking_comparison(
    run_reference: Callable[..., Any],
    scenario_data: dict[str, Any],
    *,
    steps: int,
    replicates: int,
    seed: int = 0,
    false_alarm: float = 0.0027,
) -> pd.DataFrame:
    """Per metric: each implementation's mean over replicates and a paired t test of the gap.

    Replicate r of both runs with seed + r; the reference draws the same initial world and
    market draws from a seed, so runs are paired. A metric agrees when |t| is within the
    two-sided critical value for ``false_alarm`` (0.27%, the rate of a 3-sigma normal test)
    at replicates - 1 degrees. The market's history is ``DOCKING_HISTORY_DAYS`` long unless
    ``scenario_data`` sets it.
    """
    scenario = make_scenario(scenario_data)
    if "market_history_days" not in scenario.population.model_fields_set:
        table = scenario_table(scenario)
        table["population"]["market_history_days"] = DOCKING_HISTORY_DAYS
        scenario = make_scenario(table)
    ours, theirs = [], []
    metrics: tuple[str, ...] = ()
    for run_seed in range(seed, seed + replicates):
        frame_ours = _engine_run(scenario, steps, run_seed)
        frame_ref = _timeseries(run_reference(scenario, steps, run_seed))
        metrics = tuple(m for m in DOCKING_METRICS if m in frame_ours and m in frame_ref)
        ours.append(_totals(frame_ours, scenario.brand.name, metrics))
        theirs.append(_totals(frame_ref, scenario.brand.name, metrics))
    critical = float(stats.t.ppf(1.0 - false_alarm / 2.0, replicates - 1))
    rows = []
    for metric in metrics:
        a = np.array([run[metric] for run in ours])
        b = np.array([run[metric] for run in theirs])
        gap = a - b
        se = gap.std(ddof=1) / math.sqrt(gap.size)
        t = gap.mean() / se if se > 0 else (0.0 if gap.mean() == 0 else math.inf)
        rows.append(
            {
                "metric": metric,
                "commsim": a.mean(),
                "reference": b.mean(),
                "t": t,
                "critical": critical,
            }
        )
    return pd.DataFrame(rows)
