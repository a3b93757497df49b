"""The claims audit's tables, from the outcomes of its paired runs and its sweeps.

- ``claims.csv``: one row per claim and platform: the verdict, the first check's effect with
  its 95% interval, every check and evidence item in words, the reversing world's effect,
  what each mechanism carries and where, over the sweep, the claim reverses, and whether its
  sales gap and return on the added cost lie within published experience; with drawn
  assumptions, also in how many of the drawn worlds (replicates) the first check holds;
- ``checks.csv``: every check and evidence item in every world, one row each;
- ``mechanisms.csv``: per claim, platform and mechanism, the effect with it switched off and
  the share of the effect lost.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from commsim.analysis.compare import cell_rng
from commsim.analysis.display import display
from commsim.claims.claims_catalogue import Check, Claim
from commsim.claims.claims_findings import effect_text, percent
from commsim.claims.claims_plan import MAIN, REVERSAL, AuditPlan, worlds
from commsim.claims.claims_plausibility import COLUMNS as PLAUSIBILITY_COLUMNS
from commsim.claims.claims_plausibility import claim_plausibility
from commsim.claims.claims_verdicts import (
    Effect,
    Region,
    carried,
    effect,
    paired_differences,
    reversal_region,
    verdict,
    worlds_holding,
)
from commsim.studies.sweep_study import SweepResult

CLAIM_COLUMNS = [
    "claim",
    "title",
    "platform",
    "verdict",
    "comparison",
    "favoured",
    "versus",
    "outcome",
    "brand",
    "effect",
    "ci_low",
    "ci_high",
    "n",
    "horizon",
    "checks",
    "evidence",
    "reversal_effect",
    "reversal_low",
    "reversal_high",
    "reversal_verdict",
    "reversal_world",
    "mechanisms",
    "top_mechanism",
    "top_share",
    "region",
    "region_points",
    "region_reversing",
    *PLAUSIBILITY_COLUMNS,
]
# With drawn assumptions (--assumptions prior or posterior), next to the verdict: the mode,
# the worlds (replicates) with a result, and in how many of them the first check holds.
DRAWN_COLUMNS = ["assumptions", "worlds", "worlds_holding", "holds_share"]


def claim_columns(mode: str) -> list[str]:
    """``claims.csv``'s columns: as before issue 24 when fixed, the worlds' after the verdict
    when drawn."""
    if mode == "fixed":
        return CLAIM_COLUMNS
    at = CLAIM_COLUMNS.index("verdict") + 1
    return [*CLAIM_COLUMNS[:at], *DRAWN_COLUMNS, *CLAIM_COLUMNS[at:]]


def outcome_column(check: Check, horizon: int) -> str:
    """``cum_profit_d1095``: the check's outcome on the day it is read."""
    return f"{check.outcome.metric}_d{check.outcome.day or horizon}"


def describe(check: Check, horizon: int) -> str:
    """``value beats push on cumulative profit after 1,095 days (rival)``."""
    day = check.outcome.day or horizon
    whose = f" ({check.brand})" if check.brand else ""
    label = display(check.outcome.metric).label
    return f"{check.favoured} beats {check.versus} on {label} on day {day:,}{whose}"


class ClaimOutcomes:
    """The outcomes of one claim on one platform (from the long ``outcomes`` table): per
    world, outcome day and brand, one row per replicate and one column per arm."""

    def __init__(self, rows: pd.DataFrame, one: Claim, horizon: int, focal: str) -> None:
        self.rows, self.claim, self.horizon, self.focal = rows, one, horizon, focal

    def differences(self, world: str, check: Check) -> pd.Series:
        metric, day = check.outcome.metric, check.outcome.day or self.horizon
        brand = check.brand or self.focal
        rows = self.rows
        picked = rows[
            (rows["world"] == world)
            & (rows["metric"] == metric)
            & (rows["day"] == day)
            & (rows["brand"] == brand)
        ]
        values = picked.pivot_table(index="replicate", columns="arm", values="value")
        return paired_differences(values, check.favoured, check.versus, check.outcome.sign)


def claim_tables(
    outcomes: pd.DataFrame,
    plan: AuditPlan,
    focal: Mapping[str, str],
    regions: Mapping[tuple[str, str], Region],
) -> dict[str, pd.DataFrame]:
    """``claims``, ``checks`` and ``mechanisms`` from the long outcomes table (``claim,
    platform, world, arm, replicate, seed, brand, day, metric, value``); ``focal``: each
    platform's focal brand; ``regions``: the sweep's reversing region per (claim, platform)."""
    claims, checks, mechanisms = [], [], []
    for platform in plan.platforms:
        for one in plan.claims:
            horizon = plan.horizon(one)
            rows = outcomes[(outcomes["claim"] == one.id) & (outcomes["platform"] == platform)]
            found = ClaimOutcomes(rows, one, horizon, focal[platform])
            measured = _measure(found, platform, plan.sizing.seed)
            checks += [row | {"horizon": horizon} for row in measured.values()]
            carried_rows = _mechanism_rows(one, platform, found, plan.sizing.seed)
            mechanisms += carried_rows
            claims.append(
                _claim_row(one, platform, found, measured, regions.get((one.id, platform)))
                | _mechanism_summary(carried_rows)
                | _worlds(found, plan.assumptions)
                | claim_plausibility(rows, one, horizon, focal[platform]).row()
            )
    return {
        "claims": pd.DataFrame(claims, columns=claim_columns(plan.assumptions)),
        "checks": pd.DataFrame(checks),
        "mechanisms": pd.DataFrame(mechanisms),
    }


def _measure(
    found: ClaimOutcomes, platform: str, seed: int
) -> dict[tuple[str, str, int], dict[str, Any]]:
    """Every check and evidence item in every world: (world, kind, index) -> its row."""
    one = found.claim
    measured = {}
    for world in worlds(one):
        for kind, items in (("check", one.checks), ("evidence", one.evidence)):
            for index, check in enumerate(items):
                rng = cell_rng(seed, one.id, platform, world.slug, kind, index)
                result = effect(found.differences(world.slug, check), rng)
                row = _check_row(one, platform, world.slug, kind, index, check, result)
                measured[world.slug, kind, index] = row | {"world_title": world.title}
    return measured


def _worlds(found: ClaimOutcomes, mode: str) -> dict[str, Any]:
    """In how many drawn worlds the first check holds ({} when nothing is drawn)."""
    if mode == "fixed":
        return {}
    held = worlds_holding(found.differences(MAIN, found.claim.checks[0]))
    return {
        "assumptions": mode,
        "worlds": held.n,
        "worlds_holding": held.count,
        "holds_share": held.share,
    }


def _effect_of(row: Mapping[str, Any]) -> Effect:
    return Effect(row["effect"], row["ci_low"], row["ci_high"], row["n"])


def _claim_row(
    one: Claim,
    platform: str,
    found: ClaimOutcomes,
    measured: Mapping[tuple[str, str, int], Mapping[str, Any]],
    region: Region | None,
) -> dict[str, Any]:
    horizon = found.horizon
    main = [_effect_of(measured[MAIN, "check", i]) for i in range(len(one.checks))]
    proof = [_effect_of(measured[MAIN, "evidence", i]) for i in range(len(one.evidence))]
    turned = [_effect_of(measured[REVERSAL, "check", i]) for i in range(len(one.checks))]
    # The reversing world's effect: the first check that reverses the claim there (F3: a
    # kill that saves money), else the first check.
    reversal = next(
        (turned[i] for i in one.reversing if i < len(turned) and turned[i].below_zero), turned[0]
    )
    first = one.checks[0]
    return {
        "claim": one.id,
        "title": one.title,
        "platform": platform,
        "verdict": verdict(main, one.reversing),
        "comparison": describe(first, horizon),
        "favoured": first.favoured,
        "versus": first.versus,
        "outcome": outcome_column(first, horizon),
        "brand": first.brand or found.focal,
        "effect": main[0].mean,
        "ci_low": main[0].low,
        "ci_high": main[0].high,
        "n": main[0].n,
        "horizon": horizon,
        "checks": _listing(one.checks, main, horizon),
        "evidence": _listing(one.evidence, proof, horizon),
        "reversal_effect": reversal.mean,
        "reversal_low": reversal.low,
        "reversal_high": reversal.high,
        "reversal_verdict": verdict(turned, one.reversing),
        "reversal_world": one.reversal_text,
        "region": region.text if region else "",
        "region_points": region.points if region else 0,
        "region_reversing": region.reversing if region else 0,
    }


def _check_row(
    one: Claim, platform: str, world: str, kind: str, index: int, check: Check, found: Effect
) -> dict[str, Any]:
    return {
        "claim": one.id,
        "platform": platform,
        "world": world,
        "kind": kind,
        "index": index,
        "favoured": check.favoured,
        "versus": check.versus,
        "metric": check.outcome.metric,
        "day": check.outcome.day or np.nan,
        "brand": check.brand or "",
        "effect": found.mean,
        "ci_low": found.low,
        "ci_high": found.high,
        "n": found.n,
        "result": found.verdict,
    }


def _listing(items: Sequence[Check], found: Sequence[Effect], horizon: int) -> str:
    """Each check in words with its effect and result, ``; ``-separated."""
    return "; ".join(
        f"{describe(check, horizon)}: {effect_text(check.outcome.metric, measured)} "
        f"[{measured.verdict}]"
        for check, measured in zip(items, found, strict=True)
    )


def _mechanism_rows(
    one: Claim, platform: str, found: ClaimOutcomes, seed: int
) -> list[dict[str, Any]]:
    """Per mechanism: the first check's effect with it off and the share of the effect lost."""
    first = one.checks[0]
    main = found.differences(MAIN, first)
    rows = []
    for world in worlds(one):
        if world.mechanism is None:
            continue
        without = found.differences(world.slug, first)
        share = carried(main, without, cell_rng(seed, one.id, platform, world.slug, "lost"))
        rows.append(
            {
                "claim": one.id,
                "platform": platform,
                "mechanism": world.mechanism,
                "effect_without": share.without.mean,
                "without_low": share.without.low,
                "without_high": share.without.high,
                "lost": share.lost.mean,
                "lost_low": share.lost.low,
                "lost_high": share.lost.high,
                "share_lost": share.share,
                "n": share.lost.n,
            }
        )
    return rows


def _mechanism_summary(rows: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """``fatigue 35%; engagement ranking 60%`` and the mechanism carrying the largest share."""
    text = "; ".join(f"{row['mechanism']} {percent(row['share_lost'])}" for row in rows)
    shares = [
        (row["share_lost"], row["mechanism"]) for row in rows if np.isfinite(row["share_lost"])
    ]
    if not shares:
        return {"mechanisms": text, "top_mechanism": "", "top_share": np.nan}
    share, name = max(shares)
    return {"mechanisms": text, "top_mechanism": name, "top_share": share}


def sweep_region(result: SweepResult, one: Claim, horizon: int) -> Region:
    """Where, over the claim's sweep, its first check reverses (mean paired gap below 0)."""
    first = one.checks[0]
    runs = result.runs
    if len(runs) == 0:
        return Region("no sweep results", 0, 0)
    column = result.outcome.column
    table = runs.pivot_table(
        index="point", columns=["lever", "replicate"], values=column, aggfunc="first"
    )
    if first.favoured not in table.columns or first.versus not in table.columns:
        return Region("no sweep results", 0, 0)
    gap = first.outcome.sign * (table[first.favoured] - table[first.versus])
    label = display(first.outcome.metric).label
    when = f" on day {first.outcome.day}" if first.outcome.day else ""
    winner = f"{first.versus} beats {first.favoured} on {label}{when}"
    design = result.plan.points
    return reversal_region(design, gap.mean(axis=1), winner)


def screening_table(indices: pd.DataFrame, one: Claim, platform: str, outcome: str) -> pd.DataFrame:
    """Morris mu* (with its 95% half-width) and sigma per parameter, ranked by mu*."""
    wide = indices.pivot(index="parameter", columns="index", values="value")
    conf = indices[indices["index"] == "mu_star"].set_index("parameter")["conf"]
    table = pd.DataFrame(
        {
            "claim": one.id,
            "platform": platform,
            "outcome": outcome,
            "parameter": wide.index,
            "mu_star": wide["mu_star"].to_numpy(),
            "mu_star_conf": conf.reindex(wide.index).to_numpy(),
            "sigma": wide["sigma"].to_numpy(),
        }
    )
    table = table.sort_values("mu_star", ascending=False, kind="stable").reset_index(drop=True)
    table["rank"] = np.arange(1, len(table) + 1)
    return table
