"""Verdicts on the practitioners' claims from paired runs: pure functions of tables.

A claim's check compares two arms on an outcome, replicate by replicate on the same seeds
(common random numbers). Its effect is the mean paired difference (favoured minus versus) with
a 95% bootstrap interval (:func:`commsim.analysis.compare.bootstrap_mean`). A claim **holds**
when every check's interval lies above 0, is **reversed** when the interval of its first check
(or of another the claim names as reversing it, ``Claim.reversing``) lies below 0, and is
**undecided** otherwise (too few replicates, a check that fails, or no clear sign). A
mechanism's share is the share of the first check's effect lost when it is switched off; the
reversing region is a PRIM box over a sweep, in words.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from commsim.analysis.chances import Chance
from commsim.analysis.compare import bootstrap_mean
from commsim.analysis.display import factor_label
from commsim.analysis.findings.sweep_findings import setting_value_text
from commsim.analysis.prim import Limit, prim

HOLDS, REVERSED, UNDECIDED = "holds", "reversed", "undecided"
VERDICTS = (HOLDS, REVERSED, UNDECIDED)
LEVEL = 0.95


@dataclass(frozen=True)
class Effect:
    """A mean paired difference, its interval and the number of pairs behind it."""

    mean: float
    low: float
    high: float
    n: int

    @property
    def above_zero(self) -> bool:
        """The whole interval lies above 0 (the favoured arm does better)."""
        return bool(np.isfinite(self.low) and self.low > 0)

    @property
    def below_zero(self) -> bool:
        """The whole interval lies below 0 (the other arm does better)."""
        return bool(np.isfinite(self.high) and self.high < 0)

    @property
    def verdict(self) -> str:
        """This comparison alone: holds, reversed or undecided."""
        return HOLDS if self.above_zero else REVERSED if self.below_zero else UNDECIDED


NO_EFFECT = Effect(np.nan, np.nan, np.nan, 0)


def paired_differences(
    values: pd.DataFrame, favoured: str, versus: str, sign: float = 1.0
) -> pd.Series:
    """Per replicate, ``favoured`` minus ``versus`` (times ``sign``, -1 where less is
    better). ``values``: one row per replicate, one column per arm; replicates missing an arm
    (a failed run) are left out."""
    if favoured not in values.columns or versus not in values.columns:
        return pd.Series(dtype=float)
    return (sign * (values[favoured] - values[versus])).dropna()


def effect(differences: Sequence[float] | pd.Series, rng: np.random.Generator) -> Effect:
    """The mean paired difference and its 95% bootstrap interval."""
    sample = np.asarray(differences, dtype=float)
    sample = sample[np.isfinite(sample)]
    if sample.size == 0:
        return NO_EFFECT
    mean, low, high = bootstrap_mean(sample, rng, LEVEL)
    return Effect(mean, low, high, int(sample.size))


def worlds_holding(differences: Sequence[float] | pd.Series) -> Chance:
    """In how many replicates the paired difference has the claim's sign (above 0), of those
    with one: with drawn assumptions each replicate is one plausible world, so this is the
    share of worlds in which the claim holds (a tie does not hold)."""
    sample = np.asarray(differences, dtype=float)
    sample = sample[np.isfinite(sample)]
    return Chance(int((sample > 0).sum()), int(sample.size))


def verdict(checks: Sequence[Effect], reversing: Sequence[int] = (0,)) -> str:
    """``holds`` when every check's interval is above 0, ``reversed`` when the interval of
    a check at an index in ``reversing`` (the first, unless the claim names others) is below
    0, else ``undecided`` (no checks: undecided)."""
    if not checks:
        return UNDECIDED
    if all(check.above_zero for check in checks):
        return HOLDS
    if any(checks[i].below_zero for i in reversing if i < len(checks)):
        return REVERSED
    return UNDECIDED


@dataclass(frozen=True)
class Carried:
    """What one mechanism carries: the effect with it switched off, the paired effect lost
    (as asserted minus switched off, replicate by replicate) and that loss as a share of the
    effect as asserted (1: all of it; above 1: switching it off reverses the claim; below 0:
    the claim is stronger without it)."""

    without: Effect
    lost: Effect
    share: float


def carried(main: pd.Series, without: pd.Series, rng: np.random.Generator) -> Carried:
    """The share of the effect lost with a mechanism off; ``main`` and ``without`` are the
    paired differences per replicate (index: replicate) as asserted and with it off."""
    both = pd.concat([main.rename("main"), without.rename("off")], axis=1).dropna()
    lost = effect(both["main"] - both["off"], rng)
    base = float(both["main"].mean()) if len(both) else np.nan
    share = lost.mean / base if np.isfinite(base) and base != 0 else np.nan
    return Carried(effect(without, rng), lost, share)


def limit_words(limit: Limit) -> str:
    """``organic reach below 4.5%``, ``push fatigue between 0.1 and 0.2``,
    ``network is random``: a box's restriction as a strategist reads it."""
    label = factor_label(limit.key)
    if limit.categories is not None:
        return f"{label} is {' or '.join(str(c) for c in limit.categories)}"

    def number(value: float) -> str:
        return setting_value_text(limit.key, value)

    if limit.low is not None and limit.high is not None:
        return f"{label} between {number(limit.low)} and {number(limit.high)}"
    if limit.low is not None:
        return f"{label} above {number(limit.low)}"
    assert limit.high is not None  # a limit bounds at least one side
    return f"{label} below {number(limit.high)}"


@dataclass(frozen=True)
class Region:
    """Where a claim reverses over a sweep: the sentence, the counts and the PRIM box."""

    text: str
    points: int  # design points with a result
    reversing: int  # of which the claim reverses at
    rule: str = ""  # the box in words (empty: none, or no condition stands out)
    density: float = np.nan  # share of the box's points where it reverses
    coverage: float = np.nan  # share of the reversing points inside the box


def reversal_region(design: pd.DataFrame, gap: pd.Series, winner: str) -> Region:
    """Where the mean paired gap of a sweep (favoured minus versus, per design point) is
    below 0, found with PRIM. ``design``: one row per point (index: point), one column per
    uncertain parameter; ``winner`` words the sentence: "push beats value on
    cumulative profit" reverses "value beats push"."""
    gap = gap.dropna()
    points = int(len(gap))
    reverses = gap < 0
    count = int(reverses.sum())
    if points == 0:
        return Region("no sweep results", 0, 0)
    if count == 0:
        return Region(f"it holds at all {points} points of the sweep", points, 0)
    if count == points:
        return Region(f"{winner} at all {points} points of the sweep", points, count)
    found = prim(design.loc[gap.index], reverses.to_numpy())
    box = found.box
    rule = " and ".join(limit_words(limit) for limit in box.limits)
    if not rule:
        text = (
            f"{winner} at {count} of {points} points of the sweep; no condition on the "
            "swept parameters clearly decides where"
        )
        return Region(text, points, count)
    text = (
        f"{winner} where {rule} ({box.density:.0%} of the points there; "
        f"{box.coverage:.0%} of the {count} points where it reverses)"
    )
    return Region(text, points, count, rule, box.density, box.coverage)
