"""Each replicate's world: the assumption values drawn for it, the same in every arm.

:mod:`commsim.config.assumption_draws` draws the values; this module decides which of them an
experiment takes (never a key the experiment sets itself, nor one that would make an arm
invalid) and gives each run its scenario. The arms of a replicate therefore differ only in
what the user made them differ in, and still share one market history
(:func:`commsim.model.history.history_key` sees the drawn values, which differ between
replicates).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from commsim.config import flatten
from commsim.config.assumption_draws import (
    load_posterior,
    replicate_draws,
    usable_draws,
    with_draws,
)
from commsim.experiment.spec.experiment_spec import Experiment
from commsim.experiment.spec.run_plan import replicate_seeds

ASSUMPTIONS_TABLE = "assumptions"  # assumptions.csv in the results folder


@dataclass(frozen=True)
class Worlds:
    """The values each replicate's runs take, and the drawn values kept at their defaults."""

    mode: str
    values: tuple[dict[str, Any], ...]  # per replicate: dotted key -> value
    kept_defaults: tuple[tuple[str, ...], ...]  # per replicate: drawn but invalid in an arm
    provenance: dict[str, Any] | None = None  # the posterior's, in ``posterior`` mode
    # Arms that take fewer of the values (per replicate): a claims audit's arms keep what
    # their claim's world sets (commsim.claims.claims_assumptions).
    by_arm: Mapping[str, tuple[dict[str, Any], ...]] = field(default_factory=dict)

    @property
    def drawn(self) -> bool:
        return self.mode != "fixed"

    def scenario(
        self, table: dict[str, Any], replicate: int, arm: str | None = None
    ) -> dict[str, Any]:
        """An arm's scenario table in replicate ``replicate``'s world (as is when fixed)."""
        if not self.drawn:
            return table
        own = self.by_arm.get(arm) if arm is not None else None
        values = own[replicate] if own is not None else self.values[replicate]
        return with_draws(table, values) if values else table

    def table(self, seed: int) -> pd.DataFrame:
        """One row per replicate (its number, its run seed), one column per drawn key."""
        seeds = replicate_seeds(seed, len(self.values))
        rows = [
            {"replicate": r, "seed": seeds[r], **_cells(values)}
            for r, values in enumerate(self.values)
        ]
        return pd.DataFrame(rows)

    def to_json(self) -> dict[str, Any]:
        """What the manifest records: the mode, the keys drawn, the defaults kept."""
        keys = sorted({key for values in self.values for key in values})
        kept = {
            str(r): list(keys_kept) for r, keys_kept in enumerate(self.kept_defaults) if keys_kept
        }
        entry: dict[str, Any] = {"mode": self.mode, "drawn": keys, "kept_defaults": kept}
        if self.drawn:
            entry["table"] = f"{ASSUMPTIONS_TABLE}.csv"
        if self.provenance is not None:
            entry["posterior"] = self.provenance
        kept_by_arm = {}
        for arm, own in self.by_arm.items():
            left = {
                key
                for values, taken in zip(self.values, own, strict=True)
                for key in values
                if key not in taken
            }
            if left:
                kept_by_arm[arm] = sorted(left)
        if kept_by_arm:
            entry["kept_by_arm"] = kept_by_arm  # drawn, but set by the arm's own world
        return entry


def _cells(values: dict[str, Any]) -> dict[str, Any]:
    """Pairs as ``low/high`` text, so the table keeps one column per key."""
    return {
        key: "/".join(str(v) for v in value) if isinstance(value, tuple) else value
        for key, value in values.items()
    }


def user_keys(experiment: Experiment) -> set[str]:
    """Scenario keys the experiment sets itself (``[base]``, any arm, factors, levers,
    uncertainties, ``--set``): never drawn, the user's settings win."""
    keys = set(flatten(experiment.base)) | {key for key, _ in experiment.settings}
    for arm in experiment.resolved_arms:
        keys |= set(arm.overrides)
    return keys | set(experiment.uncertainty_space.keys)


def replicate_worlds(experiment: Experiment) -> Worlds:
    """The worlds of ``experiment``'s replicates (nothing drawn with ``fixed``)."""
    mode = experiment.assumptions
    if mode == "fixed":
        empty: dict[str, Any] = {}
        return Worlds(mode, (empty,) * experiment.replicates, ((),) * experiment.replicates)
    posterior = load_posterior() if mode == "posterior" else None
    tables = [arm.table() for arm in experiment.run_arms]
    fixed = user_keys(experiment)
    values, kept = [], []
    for drawn in replicate_draws(mode, experiment.seed, experiment.replicates, posterior):
        usable, refused = usable_draws(drawn, tables, fixed)
        values.append(usable)
        kept.append(tuple(refused))
    provenance = dict(posterior.provenance) if posterior is not None else None
    return Worlds(mode, tuple(values), tuple(kept), provenance)
