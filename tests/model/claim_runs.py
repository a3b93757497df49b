"""Run a practitioner claim's arms (``commsim.claims.claims_catalogue``) on paired replicates and
measure its checks: the helpers of the claims' tests.

A difference is "significant" at a one-sided 95% paired t-test over the replicates (common
random numbers: replicate r of every arm runs on seed r).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd
from scipy import stats

from commsim import make_scenario
from commsim.claims.claims_catalogue import Claim, Setting
from commsim.experiment.spec.outcomes import Outcome

# The claims are tested at 3,000 members of a million-person market (the sample size
# changes the noise only, tests/model/test_scale.py), 10 paired replicates.
WORLD = {"population.members": 3000}
REPLICATES = 10
# Flows are summed over the run; stocks and cumulative metrics are read on the day.
FLOWS = (
    "cost_replies",
    "purchases",
    "purchases_repeat",
    "purchases_switched",
    "purchases_new",
    "unfollows",
)

Runs = dict[str, list[pd.DataFrame]]


def run_claim(
    claim: Claim,
    runner: Callable[..., Runs],
    world: Setting | None = None,
    extra: dict | None = None,
    arms: tuple[str, ...] | None = None,
    steps: int | None = None,
    replicates: int = REPLICATES,
) -> Runs:
    """Every arm of the claim (or those named) on the test's world, with ``world`` on top
    (a mechanism switched off, or the reversing world) and ``extra`` settings, for the
    claim's horizon (or ``steps`` days)."""
    base = {**WORLD, **(extra or {})}
    overrides = claim.arm_overrides(make_scenario(base), world)
    chosen = arms or tuple(overrides)
    arms_table = {name: {**base, **overrides[name]} for name in chosen}
    return runner(arms_table, steps or claim.horizon, replicates)


def outcome_values(runs: Runs, arm: str, outcome: Outcome, brand: str = "focal") -> np.ndarray:
    """Per replicate: the outcome of one arm for one brand."""
    values = []
    for frame in runs[arm]:
        rows = frame[frame["brand"] == brand]
        day = outcome.day or len(rows)
        column = rows[outcome.metric].iloc[:day]
        values.append(column.sum() if outcome.metric in FLOWS else column.iloc[-1])
    return np.array(values, dtype=float)


def difference(runs: Runs, favoured: str, versus: str, metric: str, **kw) -> np.ndarray:
    """Paired differences favoured - versus, per replicate."""
    outcome = Outcome.parse(metric)
    brand = kw.get("brand", "focal")
    return outcome_values(runs, favoured, outcome, brand) - outcome_values(
        runs, versus, outcome, brand
    )


def assert_positive(differences: np.ndarray, what: str = "") -> None:
    """Mean paired difference > 0, significant at 95% (one-sided paired t-test)."""
    differences = np.asarray(differences, dtype=float)
    p = stats.ttest_1samp(differences, 0.0, alternative="greater").pvalue
    assert differences.mean() > 0 and p < 0.05, f"{what}: {differences} (p = {p:.3g})"
