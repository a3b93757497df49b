"""The claims audit under what we do not know (issue 24): the world each paired replicate
draws, and the mode an audit folder was made with.

With ``--assumptions prior`` or ``posterior``, replicate r of every arm of the audit lives in
one world, drawn as ``commsim run`` draws it (:mod:`commsim.config.assumption_draws`: from the
audit's seed, on the assumptions' own stream), so the two arms of every check stay paired and
a claim's reversing world is the same world with the reversal's setting. A world never
overrides the audited scenario's own keys (its ``[base]``, a brand profile's figures,
``--set``), a platform preset's figures, nor, in each of a claim's worlds, the keys that
world's arms set (a reversing world sets them: that is what it is), nor the market's size
(the claims size their amounts to it). A drawn value that would make one of a claim's arms
invalid stays at its default for the whole claim on that platform.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from commsim.claims.claims_plan import AuditPlan, arm_name, worlds
from commsim.config.assumption_draws import check_mode, draw_world, load_posterior, usable_draws
from commsim.experiment import Experiment
from commsim.experiment.execution.worlds import Worlds, replicate_worlds
from commsim.experiment.results.store import FolderRefused

# What audit.json keeps of the posterior's provenance (the report names its sources).
PROVENANCE_SHOWN = ("sources", "method", "library", "simulations", "seed", "created")
# Never drawn for the audit: a claim sizes its budgets, giveaways and creators to the market
# (commsim.claims.claims_catalogue), so a drawn market size would change the question.
SIZED_BY = ("population.market_size",)


def audit_mode(asked: str | None, experiment: Experiment | None) -> str:
    """``--assumptions`` when given, else the audited file's ``experiment.assumptions``, else
    ``fixed`` (the audit's verdicts before issue 24)."""
    if asked is not None:
        return check_mode(asked)
    return experiment.assumptions if experiment is not None else "fixed"


def recorded_mode(info_file: Path) -> str:
    """The mode an audit folder's ``audit.json`` records (``fixed`` before issue 24)."""
    try:
        info = json.loads(info_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return "fixed"
    entry = info.get("assumptions") if isinstance(info, dict) else None
    mode = entry.get("mode") if isinstance(entry, Mapping) else None
    return str(mode) if mode else "fixed"


def check_resumed_mode(info_file: Path, mode: str) -> None:
    """Refuse to resume an audit with other assumptions than its runs were drawn with."""
    if not info_file.is_file():
        return
    made = recorded_mode(info_file)
    if made != mode:
        raise FolderRefused(
            info_file.parent,
            "differs",
            f"this audit was made with --assumptions {made} (audit.json), not {mode}; resume "
            f"it with --assumptions {made}, or use another folder, or --force to start over",
            f"{info_file.name}: made with --assumptions {made}, not {mode}",
        )


def own_keys(plan: AuditPlan) -> dict[str, set[str]]:
    """Per arm of the audit: the keys its claim's world sets (base, arms and the world's
    setting, across the world's arms): they keep their values in every replicate's world."""
    found: dict[str, set[str]] = {}
    for platform in plan.platforms:
        scenario = plan.scenario(platform)
        for one in plan.claims:
            for world in worlds(one):
                overrides = one.arm_overrides(scenario, world.setting)
                keys = {key for arm in overrides.values() for key in arm}
                for arm in overrides:
                    found[arm_name(one.id, platform, world.slug, arm)] = keys
    return found


def audit_worlds(
    plan: AuditPlan, comparisons: Experiment, arms: Mapping[str, tuple[str, str, str, str]]
) -> Worlds:
    """Each replicate's world for every arm of the paired comparisons (nothing drawn when
    the plan's assumptions are ``fixed``: the comparisons run as before issue 24)."""
    mode, seed, replicates = plan.assumptions, plan.sizing.seed, plan.sizing.replicates
    if mode == "fixed":
        return replicate_worlds(comparisons)
    posterior = load_posterior() if mode == "posterior" else None
    tables = {arm.name: arm.table() for arm in comparisons.run_arms}
    own = own_keys(plan)
    groups: dict[tuple[str, str], list[str]] = {}
    for name, (claim_id, platform, _, _) in arms.items():
        groups.setdefault((claim_id, platform), []).append(name)
    by_arm: dict[str, list[dict[str, Any]]] = {name: [] for name in arms}
    fixed = {p: {*plan.platform_base(p), *plan.base, *SIZED_BY} for p in plan.platforms}
    values, kept = [], []
    for replicate in range(replicates):
        drawn = draw_world(mode, seed, replicate, posterior)
        values.append({k: v for k, v in drawn.items() if k not in {*plan.base, *SIZED_BY}})
        refused: set[str] = set()
        for (_, platform), names in groups.items():
            usable, left = usable_draws(
                drawn, [tables[n] for n in names], fixed[platform], [own[n] for n in names]
            )
            refused |= set(left)
            for name in names:
                by_arm[name].append({k: v for k, v in usable.items() if k not in own[name]})
        kept.append(tuple(sorted(refused)))
    provenance = dict(posterior.provenance) if posterior is not None else None
    return Worlds(
        mode,
        tuple(values),
        tuple(kept),
        provenance,
        {name: tuple(taken) for name, taken in by_arm.items()},
    )


def assumptions_info(found: Worlds) -> dict[str, Any]:
    """What ``audit.json`` says of the assumptions: the mode and, for the posterior, where
    it came from (the report's sentence names its sources)."""
    entry: dict[str, Any] = {"mode": found.mode}
    if found.provenance is not None:
        shown = {k: found.provenance[k] for k in PROVENANCE_SHOWN if k in found.provenance}
        entry["posterior"] = shown
    return entry
