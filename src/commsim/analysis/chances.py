"""How often a strategy pays, and how often the best beats the runner-up, over the replicates;
and what the intervals include.

A replicate is one world: its seed and, with ``--assumptions prior`` or ``posterior``, the
assumptions drawn for it (the same in every arm; commsim.experiment.execution.worlds). The share of
replicates in which an arm's incremental profit at the horizon is above zero is then the
probability that it pays, under what the run lets vary: simulation noise only when the
assumptions are fixed, and also what we do not know when they are drawn (docs/validation.md
section 8). The best arm beats the runner-up in a replicate when its incremental profit there
is higher (paired: both lived that world).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from commsim.analysis.display import arm_label, format_value, format_when
from commsim.locale import join_words, say, tr

OUTCOME = "incremental_profit"  # against the arm's world without the programme
MODES = ("fixed", "prior", "posterior")  # commsim.config.assumption_draws


@dataclass(frozen=True)
class Chance:
    """``count`` of ``n`` replicates in which something held."""

    count: int
    n: int

    @property
    def share(self) -> float:
        return self.count / self.n if self.n else float("nan")


def at_horizon(timeseries: pd.DataFrame, arms: Sequence[str]) -> pd.DataFrame:
    """Incremental profit on each run's last day: one row per replicate, one column per arm
    (the focal brand's rows only; arms without increments are left out)."""
    if OUTCOME not in timeseries.columns or len(timeseries) == 0:
        return pd.DataFrame()
    rows = timeseries[timeseries["arm"].isin(arms)]
    last = rows[rows["step"] == rows.groupby("run_id")["step"].transform("max")]
    table = last.pivot_table(index="replicate", columns="arm", values=OUTCOME, aggfunc="first")
    return table[[arm for arm in arms if arm in table.columns]]


def pay_chances(profits: pd.DataFrame) -> dict[str, Chance]:
    """Per arm: the replicates in which it ends above its world without the programme."""
    return {
        str(arm): Chance(int((values > 0).sum()), int(values.notna().sum()))
        for arm, values in profits.items()
    }


def lead_chance(profits: pd.DataFrame) -> tuple[str, str, Chance] | None:
    """The best arm (highest mean), the runner-up and the replicates in which the best is
    ahead of it; None with fewer than two arms."""
    if profits.shape[1] < 2:
        return None
    means = profits.mean().sort_values(ascending=False, kind="stable")
    best, runner_up = str(means.index[0]), str(means.index[1])
    both = profits[[best, runner_up]].dropna()
    return best, runner_up, Chance(int((both[best] > both[runner_up]).sum()), len(both))


def _share(chance: Chance) -> str:
    return say(
        "{share} ({count} of {n})",
        share=format_value(chance.share, "share", decimals=0),
        count=chance.count,
        n=chance.n,
    )


def chance_sentences(
    timeseries: pd.DataFrame,
    arms: Sequence[str],
    *,
    horizon: int,
    labels: Mapping[str, str] | None = None,
) -> list[tuple[str, str]]:
    """(heading, sentence) for the chance that each arm pays and that the best beats the
    runner-up; [] when the results hold no incremental profit."""
    profits = at_horizon(timeseries, arms)
    if profits.empty:
        return []
    names = labels or {}
    span = format_when(horizon, horizon)
    chances = pay_chances(profits)
    each = join_words(
        [
            say("{arm} {chance}", arm=names.get(arm) or arm_label(arm), chance=_share(chance))
            for arm, chance in chances.items()
        ]
    )
    sentences = [
        (
            tr("Chance it pays"),
            say(
                "Probability of paying (share of replicates that end above no programme "
                "in profit after {span}): {each}.",
                span=span,
                each=each,
            ),
        )
    ]
    lead = lead_chance(profits)
    if lead is not None:
        best, runner_up, chance = lead
        sentences.append(
            (
                tr("Best against runner-up"),
                say(
                    "{best} beats {runner_up} in {count} of {n} replicates ({share}) on "
                    "profit against no programme after {span}, compared in the same world.",
                    best=names.get(best) or arm_label(best),
                    runner_up=names.get(runner_up) or arm_label(runner_up),
                    count=chance.count,
                    n=chance.n,
                    share=format_value(chance.share, "share", decimals=0),
                    span=span,
                ),
            )
        )
    return sentences


def evidence_text(provenance: Mapping[str, Any] | None) -> str:
    """The evidence a posterior was inferred from, as a short list of names."""
    provenance = provenance or {}
    evidence = provenance.get("sources") or provenance.get("evidence")
    if isinstance(evidence, Mapping):
        evidence = list(evidence)
    if isinstance(evidence, list | tuple):
        names = [str(i.get("key", i)) if isinstance(i, Mapping) else str(i) for i in evidence]
        return join_words(names)
    return str(evidence) if evidence else tr("field evidence")


def intervals_sentence(mode: str, provenance: Mapping[str, Any] | None = None) -> str:
    """What the run's intervals and chances include: noise only, or the assumptions too."""
    if mode == "prior":
        return tr(
            "Intervals and chances include simulation noise and the assumptions' plausible "
            "ranges (prior): each replicate draws the assumptions the experiment does not set."
        )
    if mode == "posterior":
        return say(
            "Intervals and chances include simulation noise and the assumptions' posterior "
            "from {evidence}: each replicate draws one of its worlds.",
            evidence=evidence_text(provenance),
        )
    return tr(
        "Intervals and chances include simulation noise only: the assumptions stay at their "
        "defaults (run with --assumptions prior to include their plausible ranges)."
    )


def assumption_mode(manifest: Mapping[str, Any]) -> tuple[str, dict[str, Any] | None]:
    """The mode a results folder's manifest records (``fixed`` for folders from before
    issue 24), and the posterior's provenance when it was used."""
    entry = manifest.get("assumptions")
    if not isinstance(entry, Mapping) or entry.get("mode") not in MODES:
        return "fixed", None
    posterior = entry.get("posterior")
    return str(entry["mode"]), dict(posterior) if isinstance(posterior, Mapping) else None
