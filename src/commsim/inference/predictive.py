"""Checks of the posterior: predictive checks against every published measure (held-out
ones included) and the tables ``commsim infer`` writes (docs/validation.md section 8).

A predictive check draws assumptions (from the prior, or the posterior by weight), runs one
replicate of every expressible study's design in each world on a fresh seed, and asks how
often each measure lands inside its published interval: the posterior should land inside
more often than the prior did, on the measures it was fitted to and on those held out.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Mapping, Sequence
from concurrent.futures import Executor
from typing import Any

import numpy as np

from commsim.evidence.designs import DESIGNS
from commsim.evidence.published import Study, load_studies
from commsim.experiment.spec.run_plan import replicate_seeds
from commsim.inference.distance import SIGN, PublishedInterval, outside_share
from commsim.inference.inferred import Assumption
from commsim.inference.simulator import EvidenceSimulator

PREDICTIVE_KEY = 0x50504300  # the predictive checks' seeds, apart from the fit's


def prior_draws(
    assumptions: Sequence[Assumption], count: int, rng: np.random.Generator
) -> list[dict[str, float]]:
    return [
        {a.key: float(a.distribution().rvs(random_state=rng)) for a in assumptions}
        for _ in range(count)
    ]


def _one(simulator: EvidenceSimulator, pair: tuple[Mapping[str, float], int]) -> dict[str, float]:
    assumptions, seed = pair
    np.random.seed(seed)  # noqa: NPY002 (the simulator reads the global stream, as under pyABC)
    return simulator(assumptions)


def predictive(
    draws: Sequence[Mapping[str, float]],
    *,
    members: int,
    seed: int,
    executor: Executor | None = None,
    settings: tuple[tuple[str, Any], ...] = (),
) -> list[dict[str, float]]:
    """Every expressible study's measures, one replicate per draw, on seeds from ``seed``."""
    designs = tuple(s.id for s in load_studies() if s.expressible and s.id in DESIGNS)
    simulator = EvidenceSimulator(designs, members, None, settings)
    seeds = replicate_seeds(seed ^ PREDICTIVE_KEY, len(draws))
    mapper = executor.map if executor is not None else map
    return list(mapper(functools.partial(_one, simulator), list(zip(draws, seeds, strict=True))))


def _target(kind: str, low: float, high: float, key: str) -> PublishedInterval:
    return PublishedInterval(key, low, high, SIGN if kind == SIGN else "band")


def predictive_rows(
    prior: Sequence[Mapping[str, float]],
    posterior: Sequence[Mapping[str, float]],
    fitted: Sequence[PublishedInterval],
    studies: Sequence[Study] | None = None,
) -> list[dict[str, Any]]:
    """Per published measure: how often prior and posterior worlds land inside it."""
    used = {t.key for t in fitted}
    rows = []
    for study in studies or load_studies():
        if not study.expressible:
            continue
        for m in study.measures:
            target = _target(m.interval, m.low, m.high, m.key)
            row: dict[str, Any] = {
                "study": study.id,
                "measure": m.key,
                "published_low": m.low,
                "published_high": m.high,
                "interval": m.interval,
                "fitted": m.key in used,
            }
            for name, sims in (("prior", prior), ("posterior", posterior)):
                values = np.array([s.get(m.key, math.nan) for s in sims], float)
                inside = [outside_share(v, target) == 0.0 for v in values]
                finite = values[np.isfinite(values)]
                point = m.interval == "point"  # no interval: nothing to land inside
                row[f"{name}_inside"] = float(np.mean(inside)) if inside and not point else math.nan
                row[f"{name}_median"] = float(np.median(finite)) if finite.size else math.nan
            rows.append(row)
    return rows
